/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Diagnostics and link control through rte_eth_* on both personalities
 * (issue 10 items 6, 7): register dump, NVRAM (EEPROM) reads, identification
 * LEDs, flow control (autonegotiated and forced) and forced link speeds.
 * Register effects are checked through the dump itself.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <string>
#include <vector>

#include <rte_ethdev.h>

#include "pmd_env.h"
#include "tg57xx_chip.h"
#include "tg57xx_regs.h"

using namespace tg57xx::test;
namespace hw = tg57xx::hw;

namespace {

constexpr unsigned kPoolMbufs = 2048;
constexpr uint32_t kDumpWords = hw::TG3_REG_BLK_SIZE / 4;
constexpr uint32_t kNvramBytes = 64 * 1024; /* the model's image (lib/tg57xx_sim/blocks/nvram.h) */

struct Personality {
	const char *chip;
	uint32_t chip_rev_id;
};

class DiagBoth : public ::testing::TestWithParam<Personality> {
protected:
	std::string chip() const { return std::string("chip=") + GetParam().chip; }
	void SetUp() override { mp = make_pool(kPoolMbufs); ASSERT_NE(mp, nullptr); }
	void TearDown() override { rte_mempool_free(mp); }
	rte_mempool *mp = nullptr;
};

uint32_t reg(const std::vector<uint32_t> &d, uint32_t off) { return d.at(off / 4); }

std::vector<uint8_t> eeprom(uint16_t port, uint32_t off, uint32_t len, int *ret = nullptr)
{
	std::vector<uint8_t> b(len);
	rte_dev_eeprom_info info{};
	info.data = b.data();
	info.offset = off;
	info.length = len;
	int r = rte_eth_dev_get_eeprom(port, &info);
	if (ret != nullptr)
		*ret = r;
	else
		EXPECT_EQ(r, 0);
	if (r == 0) {
		EXPECT_EQ(info.magic, hw::TG3_EEPROM_MAGIC);
	}
	return b;
}

rte_eth_fc_conf fc_get(uint16_t port)
{
	rte_eth_fc_conf fc{};
	EXPECT_EQ(rte_eth_dev_flow_ctrl_get(port, &fc), 0);
	return fc;
}

int fc_set(uint16_t port, rte_eth_fc_mode mode, bool autoneg)
{
	rte_eth_fc_conf fc{};
	fc.mode = mode;
	fc.autoneg = autoneg ? 1 : 0;
	return rte_eth_dev_flow_ctrl_set(port, &fc);
}

bool link_up(uint16_t port)
{
	rte_eth_link l{};
	return rte_eth_link_get_nowait(port, &l) == 0 && l.link_status == RTE_ETH_LINK_UP;
}

/* MAC flow-control enables as the dump shows them (ref §11.5 step 4). */
std::pair<bool, bool> mac_pause(uint16_t port)
{
	auto d = dump_regs(port);
	return {(reg(d, hw::MAC_RX_MODE) & hw::RX_MODE_FLOW_CTRL_ENABLE) != 0,
		(reg(d, hw::MAC_TX_MODE) & hw::TX_MODE_FLOW_CTRL_ENABLE) != 0};
}

} // namespace

TEST_P(DiagBoth, RegisterDumpHasSizeChipIdAndLiveRegisters)
{
	SimPort p("net_tg57xx_sim_regs", chip() + ",wire=loop,mac=02:00:00:00:0d:01");
	ASSERT_TRUE(p.ok());
	rte_dev_reg_info info{};
	ASSERT_EQ(rte_eth_dev_get_reg_info(p.port(), &info), 0);
	EXPECT_EQ(info.length, kDumpWords);
	EXPECT_EQ(info.width, 4u);
	EXPECT_EQ(info.version, GetParam().chip_rev_id) << "version = chip id (ref §1.2)";

	ASSERT_EQ(p.start(mp), 0);
	auto d = dump_regs(p.port());
	EXPECT_EQ(reg(d, hw::MAC_ADDR_0_HIGH), 0x0200u) << "(addr[0] << 8) | addr[1], ref §5.1";
	EXPECT_EQ(reg(d, hw::MAC_ADDR_0_LOW), 0x00000d01u);
	EXPECT_EQ(reg(d, hw::MAC_RX_MTU_SIZE), 1500u + hw::TG3_RX_MTU_OVERHEAD);
	EXPECT_NE(reg(d, hw::MAC_MODE) & hw::MAC_MODE_TDE_ENABLE, 0u);
	EXPECT_EQ(reg(d, hw::TG3PCI_VENDOR) & 0xFFFF, 0x14E4u);
	EXPECT_EQ(reg(d, 0x0104), 0u) << "a hole reads as 0";

	/* Counters a read clears are left to the statistics: nothing is lost to a dump. */
	rte_ether_addr me{};
	ASSERT_EQ(rte_eth_macaddr_get(p.port(), &me), 0);
	std::vector<std::vector<uint8_t>> frames(5, make_frame(me, me, 200, 1));
	ASSERT_EQ(rte_eth_stats_reset(p.port()), 0);
	ASSERT_EQ(send_all(p.port(), mp, frames), frames.size());
	ASSERT_EQ(recv_n(p.port(), frames.size()).size(), frames.size());
	d = dump_regs(p.port());
	EXPECT_EQ(reg(d, hw::MAC_TX_STATS_UCAST), 0u);
	EXPECT_EQ(xstat(p.port(), "tx_ucast_packets"), frames.size());
	EXPECT_EQ(xstat(p.port(), "rx_ucast_packets"), frames.size());

	/* A window: four words from MAC_MODE, the same as the full dump there. */
	std::vector<uint32_t> w(4);
	info = rte_dev_reg_info{};
	info.data = w.data();
	info.offset = hw::MAC_MODE;
	info.length = 4;
	ASSERT_EQ(rte_eth_dev_get_reg_info(p.port(), &info), 0);
	EXPECT_EQ(w[0], reg(d, hw::MAC_MODE));
	EXPECT_EQ(w[3], reg(d, hw::MAC_LED_CTRL));
	EXPECT_EQ(info.width, 4u);
}

TEST_P(DiagBoth, RegisterDumpRefusesWindowsOutsideIt)
{
	SimPort p("net_tg57xx_sim_regbad", chip() + ",wire=loop");
	ASSERT_TRUE(p.ok());
	std::vector<uint32_t> w(8);
	rte_dev_reg_info info{};
	info.data = w.data();
	info.offset = hw::TG3_REG_BLK_SIZE; /* past the end */
	info.length = 1;
	EXPECT_EQ(rte_eth_dev_get_reg_info(p.port(), &info), -EINVAL);
	info.offset = hw::TG3_REG_BLK_SIZE - 8; /* runs off the end */
	info.length = 4;
	EXPECT_EQ(rte_eth_dev_get_reg_info(p.port(), &info), -EINVAL);
	info.offset = hw::MAC_MODE + 2; /* not a word */
	info.length = 1;
	EXPECT_EQ(rte_eth_dev_get_reg_info(p.port(), &info), -EINVAL);
	EXPECT_EQ(rte_eth_dev_get_reg_info(p.port(), nullptr), -EINVAL);
}

TEST_P(DiagBoth, EepromIsTheNvramImage)
{
	SimPort p("net_tg57xx_sim_nvm", chip() + ",wire=loop,mac=02:00:00:00:0e:07");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(rte_eth_dev_get_eeprom_length(p.port()), static_cast<int>(kNvramBytes));
	auto magic = eeprom(p.port(), 0, 4);
	EXPECT_EQ(magic, (std::vector<uint8_t>{0x66, 0x99, 0x55, 0xAA}));
	/* The station address at 0x7C (ref §5.12): 00 00 m0 m1 | m2 m3 m4 m5; an unaligned read. */
	auto mac = eeprom(p.port(), hw::BGE_EE_MAC_OFFSET + 2, 6);
	EXPECT_EQ(mac, (std::vector<uint8_t>{0x02, 0x00, 0x00, 0x00, 0x0e, 0x07}));
	auto vpd = eeprom(p.port(), hw::TG3_NVM_VPD_OFF, 1);
	EXPECT_EQ(vpd[0], 0x82) << "VPD identifier string tag";
	auto tail = eeprom(p.port(), kNvramBytes - 3, 3);
	EXPECT_EQ(tail, (std::vector<uint8_t>{0xFF, 0xFF, 0xFF})) << "erased flash";

	int ret = 0;
	eeprom(p.port(), kNvramBytes, 4, &ret);
	EXPECT_EQ(ret, -EINVAL) << "offset past the end";
	eeprom(p.port(), kNvramBytes - 2, 4, &ret);
	EXPECT_EQ(ret, -EINVAL) << "runs off the end";
	rte_dev_eeprom_info empty{};
	uint8_t b = 0;
	empty.data = &b;
	EXPECT_EQ(rte_eth_dev_get_eeprom(p.port(), &empty), -EINVAL) << "zero length";
}

TEST_P(DiagBoth, LedsAreForcedOnAndOffAndStartRestoresThem)
{
	SimPort p("net_tg57xx_sim_led", chip() + ",wire=loop");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(p.start(mp), 0);
	EXPECT_EQ(reg(dump_regs(p.port()), hw::MAC_LED_CTRL), hw::LED_CTRL_MODE_PHY_1);
	ASSERT_EQ(rte_eth_led_on(p.port()), 0);
	/* tg3_set_phys_id ETHTOOL_ID_ON / ETHTOOL_ID_OFF. */
	EXPECT_EQ(reg(dump_regs(p.port()), hw::MAC_LED_CTRL),
		  hw::LED_CTRL_LNKLED_OVERRIDE | hw::LED_CTRL_1000MBPS_ON | hw::LED_CTRL_100MBPS_ON |
			  hw::LED_CTRL_10MBPS_ON | hw::LED_CTRL_TRAFFIC_OVERRIDE | hw::LED_CTRL_TRAFFIC_BLINK |
			  hw::LED_CTRL_TRAFFIC_LED);
	ASSERT_EQ(rte_eth_led_off(p.port()), 0);
	EXPECT_EQ(reg(dump_regs(p.port()), hw::MAC_LED_CTRL), hw::LED_CTRL_LNKLED_OVERRIDE | hw::LED_CTRL_TRAFFIC_OVERRIDE);
	p.stop();
	ASSERT_EQ(p.start(mp), 0);
	EXPECT_EQ(reg(dump_regs(p.port()), hw::MAC_LED_CTRL), hw::LED_CTRL_MODE_PHY_1);
}

TEST_P(DiagBoth, PauseIsNegotiatedWithThePartner)
{
	SimPort p("net_tg57xx_sim_fc", chip() + ",wire=loop,partner=1000f+pause");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(p.start(mp), 0);
	rte_eth_fc_conf fc = fc_get(p.port());
	EXPECT_EQ(fc.mode, RTE_ETH_FC_FULL) << "both advertise PAUSE_CAP (ref §11.5 step 4)";
	EXPECT_EQ(fc.autoneg, 1);
	EXPECT_EQ(mac_pause(p.port()), std::make_pair(true, true));

	/* No pause advertised: the link renegotiates without it. */
	ASSERT_EQ(fc_set(p.port(), RTE_ETH_FC_NONE, true), 0);
	ASSERT_TRUE(wait_for([&] { return link_up(p.port()) && fc_get(p.port()).mode == RTE_ETH_FC_NONE; }));
	EXPECT_EQ(mac_pause(p.port()), std::make_pair(false, false));

	/* Forced: the MAC does what was asked whatever the partner says. */
	ASSERT_EQ(fc_set(p.port(), RTE_ETH_FC_TX_PAUSE, false), 0);
	ASSERT_TRUE(wait_for([&] { return link_up(p.port()) && fc_get(p.port()).mode == RTE_ETH_FC_TX_PAUSE; }));
	EXPECT_EQ(fc_get(p.port()).autoneg, 0);
	EXPECT_EQ(mac_pause(p.port()), std::make_pair(false, true));

	/* A restart keeps the setting. */
	p.stop();
	ASSERT_EQ(p.start(mp), 0);
	EXPECT_EQ(fc_get(p.port()).mode, RTE_ETH_FC_TX_PAUSE);
}

TEST_P(DiagBoth, APartnerWithoutPauseResolvesToNone)
{
	SimPort p("net_tg57xx_sim_fcn", chip() + ",wire=loop,partner=1000f");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(p.start(mp), 0);
	EXPECT_EQ(fc_get(p.port()).mode, RTE_ETH_FC_NONE);
	EXPECT_EQ(mac_pause(p.port()), std::make_pair(false, false));
}

/* An IEEE 802.3 Annex 31B PAUSE frame from `src` with `quanta` (0 = XON). */
std::vector<uint8_t> pause_frame(const rte_ether_addr &src, uint16_t quanta)
{
	constexpr size_t kMinFrame = 60;
	std::vector<uint8_t> f(kMinFrame, 0);
	const uint8_t dst[] = {0x01, 0x80, 0xC2, 0x00, 0x00, 0x01};
	std::copy(std::begin(dst), std::end(dst), f.begin());
	std::copy(std::begin(src.addr_bytes), std::end(src.addr_bytes), f.begin() + 6);
	f[12] = 0x88, f[13] = 0x08; /* MAC control */
	f[14] = 0x00, f[15] = 0x01; /* PAUSE */
	f[16] = static_cast<uint8_t>(quanta >> 8), f[17] = static_cast<uint8_t>(quanta);
	return f;
}

bool tx_xoffed(uint16_t port) { return (reg(dump_regs(port), hw::MAC_TX_STATUS) & hw::TX_STATUS_XOFFED) != 0; }

TEST_P(DiagBoth, ReceivedPauseHoldsTheMacOnlyWithRxPause)
{
	SimPair p("pz", chip(), "02:00:00:00:0f:01", "02:00:00:00:0f:02");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(p.a.start(mp), 0);
	ASSERT_EQ(p.b.start(mp), 0);
	rte_ether_addr ma{}, mb{};
	ASSERT_EQ(rte_eth_macaddr_get(p.a.port(), &ma), 0);
	ASSERT_EQ(rte_eth_macaddr_get(p.b.port(), &mb), 0);
	ASSERT_EQ(fc_get(p.a.port()).mode, RTE_ETH_FC_FULL);

	/* Rx pause on: an XOFF holds a's transmitter (TX_STATUS_XOFFED), an XON lets it go. */
	const auto xoff = pause_frame(mb, 0xFFFF), xon = pause_frame(mb, 0);
	EXPECT_TRUE(wait_for([&] { return send_all(p.b.port(), mp, {xoff}) == 1 && tx_xoffed(p.a.port()); }));
	std::vector<std::vector<uint8_t>> frames(8, make_frame(mb, ma, 100, 7));
	ASSERT_EQ(send_all(p.a.port(), mp, frames), frames.size());
	ASSERT_EQ(send_all(p.b.port(), mp, {xon}), 1u);
	EXPECT_TRUE(wait_for([&] { return !tx_xoffed(p.a.port()); }));
	EXPECT_EQ(recv_n(p.b.port(), frames.size()).size(), frames.size()) << "held, not lost";

	/* Rx pause off: counted, never obeyed. */
	ASSERT_EQ(fc_set(p.a.port(), RTE_ETH_FC_TX_PAUSE, false), 0);
	/* The new advertisement renegotiates the link (both ends). */
	ASSERT_TRUE(wait_for([&] { return link_up(p.a.port()) && link_up(p.b.port()); }));
	const uint64_t before = xstat(p.a.port(), "rx_xoff_packets");
	ASSERT_EQ(send_all(p.b.port(), mp, {xoff}), 1u);
	EXPECT_TRUE(wait_for([&] { return xstat(p.a.port(), "rx_xoff_packets") > before; }));
	EXPECT_FALSE(tx_xoffed(p.a.port()));
}

TEST_P(DiagBoth, BadFlowControlIsRefused)
{
	SimPort p("net_tg57xx_sim_fcbad", chip() + ",wire=loop");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(p.start(mp), 0);
	const rte_eth_fc_conf before = fc_get(p.port());
	EXPECT_EQ(fc_set(p.port(), static_cast<rte_eth_fc_mode>(7), true), -EINVAL);
	rte_eth_fc_conf fc{};
	fc.mode = RTE_ETH_FC_FULL;
	fc.pause_time = 0xFFFF;
	EXPECT_EQ(rte_eth_dev_flow_ctrl_set(p.port(), &fc), -ENOTSUP);
	EXPECT_EQ(fc_get(p.port()).mode, before.mode) << "a refused setting changes nothing";
}

TEST_P(DiagBoth, ForcedSpeedAndDuplexFromLinkSpeeds)
{
	SimPort p("net_tg57xx_sim_forced", chip() + ",wire=loop,partner=100f+100h+10f+10h");
	ASSERT_TRUE(p.ok());
	rte_eth_conf conf{};
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_10M_HD;
	ASSERT_EQ(p.start(mp, 256, 256, &conf), 0);
	rte_eth_link l{};
	ASSERT_EQ(rte_eth_link_get_nowait(p.port(), &l), 0);
	EXPECT_EQ(l.link_speed, RTE_ETH_SPEED_NUM_10M);
	EXPECT_EQ(l.link_duplex, RTE_ETH_LINK_HALF_DUPLEX);
	EXPECT_EQ(l.link_autoneg, RTE_ETH_LINK_FIXED);
	auto d = dump_regs(p.port());
	EXPECT_EQ(reg(d, hw::MAC_MODE) & hw::MAC_MODE_PORT_MODE_MASK, hw::MAC_MODE_PORT_MODE_MII) << "ref §11.6";
	EXPECT_NE(reg(d, hw::MAC_MODE) & hw::MAC_MODE_HALF_DUPLEX, 0u);
	p.stop();

	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_100M;
	ASSERT_EQ(p.start(mp, 256, 256, &conf), 0);
	ASSERT_EQ(rte_eth_link_get_nowait(p.port(), &l), 0);
	EXPECT_EQ(l.link_speed, RTE_ETH_SPEED_NUM_100M);
	EXPECT_EQ(l.link_duplex, RTE_ETH_LINK_FULL_DUPLEX);
	p.stop();

	/* Two fixed modes, or forced 1000BASE-T, are refused (one log line each). */
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_100M | RTE_ETH_LINK_SPEED_10M;
	EXPECT_EQ(rte_eth_dev_configure(p.port(), 1, 1, &conf), -EINVAL);
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_1G;
	EXPECT_EQ(rte_eth_dev_configure(p.port(), 1, 1, &conf), -EINVAL);
}

INSTANTIATE_TEST_SUITE_P(Chips, DiagBoth,
			 ::testing::Values(Personality{"57762", hw::CHIPREV_ID_57765_B0},
					   Personality{"5720", hw::CHIPREV_ID_5720_A0}),
			 [](const auto &info) { return std::string("BCM") + info.param.chip; });
