/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The MAC (§5.1) and its statistics (§5.2): register reset values and the
 * 5720 boot-code fields, transmit gating/padding/FCS accounting, internal
 * and PHY loopback, the receive address filter with the §5.1 hash vectors,
 * frame classification, clear-on-read counters and STAT_CLEAR, pacing.
 * The test plays the TX/RX engines through the Mac interface (blocks/mac.h).
 */
#include "mac_phy_util.h"

#include <array>

#include "mac.h"
#include "mac_frames.h"

namespace tg57xx::sim::test::macphy {
namespace {

constexpr uint32_t kBufBytes = 4096;
constexpr uint32_t kGmiiMode = hw::MAC_MODE_PORT_MODE_GMII | hw::MAC_MODE_TDE_ENABLE | hw::MAC_MODE_RDE_ENABLE |
			       hw::MAC_MODE_FHDE_ENABLE | hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE;
const MacAddress kBcast = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
const MacAddress kOther = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
const MacAddress kMcast = {0x01, 0x00, 0x5E, 0x00, 0x00, 0x01}; /* §5.1: index 126 -> HASH_REG_3 bit 30 */

class MacTest : public MacPhyTest {
protected:
	void SetUp() override
	{
		MacPhyTest::SetUp();
		mac = chip().find_block<Mac>();
		ASSERT_NE(mac, nullptr);
		bufs.assign(16, std::array<uint8_t, kBufBytes>{});
	}
	/* Link up (default partner, 1000 full) and the MAC enabled as tg3 leaves it (§12.3). */
	/* A model made with Config::pace_line_rate, brought up. */
	void bring_up_paced()
	{
		Config cfg = strict_config(chip_kind());
		cfg.pace_line_rate = true;
		remake(cfg);
		mac = chip().find_block<Mac>();
		bring_up();
	}
	void bring_up(uint32_t mac_mode = kGmiiMode, bool jumbo_bits = true)
	{
		ASSERT_TRUE(wait_link());
		/* tg3_phy_reset's jumbo bits: long frames cross the PHY (mii_phy.cpp). */
		if (jumbo_bits) {
			mdio->write(hw::MII_TG3_AUX_CTRL,
				    hw::MII_TG3_AUXCTL_ACTL_EXTPKTLEN | hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL);
			mdio->write(hw::MII_TG3_EXT_CTRL, hw::MII_TG3_EXT_CTRL_FIFO_ELASTIC);
		}
		q->reg_write(hw::MAC_MODE, mac_mode);
		q->reg_write(hw::MAC_TX_MODE, q->reg_read(hw::MAC_TX_MODE) | hw::TX_MODE_ENABLE);
		q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE);
		ours = station();
	}
	MacAddress station()
	{
		MacAddress a;
		hw::mac_addr_unpack(q->reg_read(hw::MAC_ADDR_0_HIGH), q->reg_read(hw::MAC_ADDR_0_LOW), a);
		return a;
	}
	void set_slot(uint32_t hi_reg, uint32_t lo_reg, const MacAddress &a)
	{
		q->reg_write(hi_reg, hw::mac_addr_high(a));
		q->reg_write(lo_reg, hw::mac_addr_low(a));
	}
	bool tx(const Frame &f, bool no_crc = false)
	{
		return mac->transmit(f.data(), static_cast<uint32_t>(f.size()), no_crc, 0); /* posted: unknown */
	}
	/* Receive up to n frames into fresh RxFrames of cap bytes. */
	size_t rx(size_t n = 8, uint32_t cap = kBufBytes)
	{
		frames.assign(n, RxFrame{});
		for (size_t i = 0; i < n; i++)
			frames[i] = RxFrame{bufs[i].data(), cap, 0, false, false, false, false};
		return mac->receive(frames.data(), n);
	}
	Frame got(size_t i) const { return Frame(frames[i].data, frames[i].data + frames[i].len); }
	/* Offer one frame from the wire; true if the MAC delivered it. */
	bool offered(const Frame &f)
	{
		wire->rx.push_back(f);
		return rx(1) == 1;
	}
	uint32_t rd(uint32_t off) { return q->reg_read(off); }

	Mac *mac = nullptr;
	MacAddress ours{};
	std::vector<std::array<uint8_t, kBufBytes>> bufs;
	std::vector<RxFrame> frames;
};

/* ---- registers (§5.1) ---- */

TEST_P(MacTest, ResetValuesAndSerdesStrap)
{
	EXPECT_EQ(rd(hw::MAC_RX_MTU_SIZE), 1518u);
	EXPECT_EQ(rd(hw::MAC_MI_MODE), hw::MAC_MI_MODE_BASE);
	EXPECT_EQ(rd(hw::MAC_STATUS), 0u);
	EXPECT_EQ(rd(hw::MAC_EVENT), 0u);
	EXPECT_EQ(rd(hw::SG_DIG_STATUS) & hw::SG_DIG_IS_SERDES, 0u) << "copper: PHY at function + 1 (§11.1)";
	q->reg_write(hw::MAC_TX_BACKOFF_SEED, 0xFFFFFFFF);
	EXPECT_EQ(rd(hw::MAC_TX_BACKOFF_SEED), hw::TX_BACKOFF_SEED_MASK);
	q->reg_write(hw::MAC_RCV_RULE(15), 0xc2000000 & hw::RCV_RULE_DISABLE_MASK);
	EXPECT_EQ(rd(hw::MAC_RCV_RULE(15)), 0x42000000u);
	q->reg_write(hw::MAC_RSS_HASH_KEY(9), 0x01020304);
	EXPECT_EQ(rd(0x0694), 0x01020304u) << "MAC_RSS_HASH_KEY_9 at 0x0694";
	q->reg_write(hw::MAC_RSS_INDIR_TBL(15), 0x32103210);
	EXPECT_EQ(rd(0x066C), 0x32103210u);
}

TEST_P(MacTest, Bcm5720BootCodeFieldsSurviveTg3ReadModifyWrite)
{
	const uint32_t keep = hw::TX_LENGTHS_JMB_FRM_LEN_MSK | hw::TX_LENGTHS_CNT_DWN_VAL_MSK;
	const uint32_t lengths = rd(hw::MAC_TX_LENGTHS);
	const uint32_t txmode = rd(hw::MAC_TX_MODE);
	EXPECT_EQ(lengths & ~keep, hw::MAC_TX_LENGTHS_TG3_DEFAULT);
	if (chip_kind() == Personality::BCM5720) {
		EXPECT_NE(lengths & hw::TX_LENGTHS_JMB_FRM_LEN_MSK, 0u) << "§5.1/§15: boot-code value";
		EXPECT_NE(lengths & hw::TX_LENGTHS_CNT_DWN_VAL_MSK, 0u);
		EXPECT_EQ(txmode, hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE);
	} else {
		EXPECT_EQ(lengths & keep, 0u);
		EXPECT_EQ(txmode, 0u);
	}
	/* tg3_reset_hw: IPG_CRS=2, IPG=6, slot 32 plus the preserved fields. */
	q->reg_write(hw::MAC_TX_LENGTHS, hw::MAC_TX_LENGTHS_TG3_DEFAULT | (rd(hw::MAC_TX_LENGTHS) & keep));
	EXPECT_EQ(rd(hw::MAC_TX_LENGTHS), lengths);
	/* A driver that clobbers them loses them (visible to a test), until the next reset. */
	q->reg_write(hw::MAC_TX_LENGTHS, hw::MAC_TX_LENGTHS_TG3_DEFAULT);
	q->reg_write(hw::MAC_TX_MODE, hw::TX_MODE_ENABLE);
	EXPECT_EQ(rd(hw::MAC_TX_LENGTHS) & keep, 0u);
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(rd(hw::MAC_TX_LENGTHS), lengths);
	EXPECT_EQ(rd(hw::MAC_TX_MODE), txmode);
}

/* ---- LEDs (§5.1 MAC_LED_CTRL; tg3_set_phys_id) ---- */

TEST_P(MacTest, LedsFollowTheLinkUnlessOverridden)
{
	Device::Leds l = dev->leds();
	EXPECT_FALSE(l.link_1000 || l.link_100 || l.link_10 || l.traffic) << "no link: all dark";
	q->reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	ASSERT_TRUE(wait_link());
	l = dev->leds();
	EXPECT_TRUE(l.link_1000) << "default partner: 1000 full";
	EXPECT_FALSE(l.link_100 || l.link_10);
	EXPECT_TRUE(l.traffic);
	/* tg3_set_phys_id ETHTOOL_ID_ON: every LED forced on, traffic blinking. */
	q->reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_LNKLED_OVERRIDE | hw::LED_CTRL_1000MBPS_ON |
					       hw::LED_CTRL_100MBPS_ON | hw::LED_CTRL_10MBPS_ON |
					       hw::LED_CTRL_TRAFFIC_OVERRIDE | hw::LED_CTRL_TRAFFIC_BLINK |
					       hw::LED_CTRL_TRAFFIC_LED);
	l = dev->leds();
	EXPECT_TRUE(l.link_1000 && l.link_100 && l.link_10 && l.traffic && l.traffic_blink);
	/* ETHTOOL_ID_OFF: the overrides with every LED bit clear turn them all off despite the link. */
	q->reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_LNKLED_OVERRIDE | hw::LED_CTRL_TRAFFIC_OVERRIDE);
	l = dev->leds();
	EXPECT_FALSE(l.link_1000 || l.link_100 || l.link_10 || l.traffic || l.traffic_blink);
	/* ETHTOOL_ID_INACTIVE: tp->led_ctrl again, the link drives them. */
	q->reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	EXPECT_TRUE(dev->leds().link_1000);
}

/* ---- transmit ---- */

TEST_P(MacTest, TransmitPadsRunsAndAccountsTheFcs)
{
	bring_up();
	const Frame arp = make_frame(kBcast, 42, 0x0806);
	ASSERT_TRUE(tx(arp));
	ASSERT_EQ(wire->tx.size(), 1u);
	ASSERT_EQ(wire->tx[0].size(), 60u) << "padded to ETH_ZLEN";
	EXPECT_TRUE(std::equal(arp.begin(), arp.end(), wire->tx[0].begin()));
	for (size_t i = 42; i < 60; i++)
		EXPECT_EQ(wire->tx[0][i], 0) << i;
	ASSERT_TRUE(tx(make_frame(kOther, 1514)));
	ASSERT_TRUE(tx(make_frame(kMcast, 100)));
	EXPECT_EQ(rd(hw::MAC_TX_STATS_OCTETS), 64u + 1518u + 104u);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_BCAST), 1u);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_UCAST), 1u);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_MCAST), 1u);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_OCTETS), 0u) << "clear on read (§5.2)";
	EXPECT_EQ(counter(&Counters::mac_tx_frames), 3u);
}

TEST_P(MacTest, NoCrcFramesCarryTheirOwnFcs)
{
	bring_up();
	const Frame f = make_frame(kOther, 68);
	ASSERT_TRUE(tx(f, true));
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], Frame(f.begin(), f.end() - 4)) << "the last 4 bytes are the FCS";
	EXPECT_EQ(rd(hw::MAC_TX_STATS_OCTETS), 68u);
}

TEST_P(MacTest, TransmitNeedsTdeTxModeAndLink)
{
	bring_up(kGmiiMode & ~hw::MAC_MODE_TDE_ENABLE);
	const Frame f = make_frame(kOther, 60);
	EXPECT_FALSE(tx(f));
	q->reg_write(hw::MAC_MODE, kGmiiMode);
	q->reg_write(hw::MAC_TX_MODE, 0);
	EXPECT_FALSE(tx(f));
	q->reg_write(hw::MAC_TX_MODE, hw::TX_MODE_ENABLE);
	dev->set_cable(false);
	EXPECT_FALSE(tx(f));
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(counter(&Counters::mac_tx_dropped), 3u);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_UCAST), 0u) << "refused frames are not counted as sent";
	dev->set_cable(true);
	q->delay(kAutonegNs);
	EXPECT_TRUE(tx(f));
	EXPECT_EQ(wire->tx.size(), 1u);
}

TEST_P(MacTest, PortModeMustMatchTheLinkSpeed)
{
	bring_up((kGmiiMode & ~hw::MAC_MODE_PORT_MODE_MASK) | hw::MAC_MODE_PORT_MODE_MII);
	EXPECT_FALSE(tx(make_frame(kOther, 60))) << "MII at 1000 Mbit/s (§11.6)";
	EXPECT_EQ(counter(&Counters::mac_port_mode_mismatch), 1u);
	dev->set_link_partner(LinkPartner{hw::ADVERTISE_CSMA | hw::ADVERTISE_100FULL, 0, false});
	ASSERT_TRUE(wait_link());
	EXPECT_EQ(mac->link_speed(), 100u);
	EXPECT_TRUE(tx(make_frame(kOther, 60)));
	q->reg_write(hw::MAC_MODE, kGmiiMode);
	EXPECT_FALSE(tx(make_frame(kOther, 60))) << "GMII at 100 Mbit/s";
	EXPECT_EQ(wire->tx.size(), 1u);
}

TEST_P(MacTest, MediumFullStillCountsAsSent)
{
	bring_up();
	wire->tx_capacity = 0;
	EXPECT_TRUE(tx(make_frame(kOther, 60)));
	EXPECT_EQ(counter(&Counters::mac_tx_medium_full), 1u);
}

TEST_P(MacTest, InternalLoopbackTurnsFramesAroundWithoutLinkOrWire)
{
	dev->attach_wire(nullptr);
	q->reg_write(hw::MAC_MODE, kGmiiMode | hw::MAC_MODE_PORT_INT_LPBACK);
	q->reg_write(hw::MAC_TX_MODE, hw::TX_MODE_ENABLE);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE);
	ours = station();
	ASSERT_FALSE(mac->link_up());
	const Frame f = make_frame(ours, 50);
	ASSERT_TRUE(tx(f));
	ASSERT_TRUE(tx(make_frame(kOther, 200)));
	ASSERT_EQ(rx(), 1u) << "the frame to another station is filtered";
	Frame want = f;
	want.resize(60, 0);
	EXPECT_EQ(got(0), want);
	EXPECT_FALSE(frames[0].runt);
	EXPECT_EQ(counter(&Counters::mac_rx_filtered), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_OCTETS), 64u) << "octets of what the station received, not of filtered frames";
}

TEST_P(MacTest, PhyLoopbackTurnsFramesAroundInsideThePhy)
{
	bring_up();
	mdio->write(hw::MII_BMCR, hw::BMCR_LOOPBACK | hw::BMCR_FULLDPLX | hw::BMCR_SPEED1000);
	ASSERT_TRUE(tx(make_frame(ours, 300)));
	EXPECT_TRUE(wire->tx.empty()) << "nothing reaches the wire";
	wire->rx.push_back(make_frame(ours, 70));
	ASSERT_EQ(rx(), 1u);
	EXPECT_EQ(got(0), make_frame(ours, 300));
	EXPECT_EQ(wire->rx.size(), 1u) << "the line side is not received in loopback";
}

TEST_P(MacTest, LoopbackFrameLargerThanTheBufferIsTruncated)
{
	bring_up(kGmiiMode | hw::MAC_MODE_PORT_INT_LPBACK);
	ASSERT_TRUE(tx(make_frame(ours, 1000)));
	ASSERT_EQ(rx(1, 256), 1u);
	EXPECT_TRUE(frames[0].truncated);
	EXPECT_EQ(frames[0].len, 256u);
}

TEST_P(MacTest, PacingFollowsTheLineRate)
{
	bring_up_paced();
	const uint64_t t = dev->now_ns();
	ASSERT_TRUE(tx(make_frame(kOther, 60)));
	ASSERT_TRUE(tx(make_frame(kOther, 1514)));
	/* (8 preamble+SFD + frame + 4 FCS + 12 IFG) * 8 bit, 1 ns per bit at 1000 Mbit/s. */
	EXPECT_EQ(mac->tx_ready_at_ns(), t + (8 + 64 + 12) * 8 + (8 + 1518 + 12) * 8);
}

/* A paced transmitter the host woke up late continues the line's timeline
 * (mac.cpp kPaceCatchUpNs: a bounded catch-up); after a real idle gap a frame starts now. */
TEST_P(MacTest, PacingCatchesUpAShortDelayButNotAnIdleLine)
{
	bring_up_paced();
	constexpr uint64_t kFullFrameNs = (8 + 1518 + 12) * 8; /* 1 ns per bit at 1000 Mbit/s */
	constexpr uint64_t kLateNs = 100'000, kIdleNs = 2'000'000;
	ASSERT_TRUE(tx(make_frame(kOther, 1514)));
	const uint64_t first_end = mac->tx_ready_at_ns();
	dev->advance(first_end - dev->now_ns() + kLateNs);
	ASSERT_TRUE(tx(make_frame(kOther, 1514)));
	EXPECT_EQ(mac->tx_ready_at_ns(), first_end + kFullFrameNs) << "late by 100 us: back to back";
	dev->advance(mac->tx_ready_at_ns() - dev->now_ns() + kIdleNs);
	const uint64_t t = dev->now_ns();
	ASSERT_TRUE(tx(make_frame(kOther, 1514)));
	EXPECT_EQ(mac->tx_ready_at_ns(), t + kFullFrameNs) << "after 2 ms idle: starts now";
}

TEST_P(MacTest, NoPacingByDefault)
{
	bring_up();
	ASSERT_TRUE(tx(make_frame(kOther, 60)));
	EXPECT_EQ(mac->tx_ready_at_ns(), 0u);
	for (int i = 0; i < 4; i++)
		wire->rx.push_back(make_frame(ours, 1514));
	EXPECT_EQ(rx(8), 4u) << "unpaced, the receiver takes whatever the wire holds";
}

/* A link partner cannot send faster than the link: paced, the receiver takes
 * a frame off the wire only once the previous one's wire time has passed
 * (preamble/SFD + frame + FCS + IFG); the rest wait on the wire. */
TEST_P(MacTest, ReceivePacingFollowsTheLineRate)
{
	bring_up_paced();
	constexpr uint64_t kShortNs = (8 + 64 + 12) * 8, kFullNs = (8 + 1518 + 12) * 8; /* 1 ns/bit at 1 Gbit/s */
	wire->rx.push_back(make_frame(ours, 60));
	for (int i = 0; i < 3; i++)
		wire->rx.push_back(make_frame(ours, 1514));
	ASSERT_EQ(rx(8), 1u);
	EXPECT_EQ(frames[0].len, 60u);
	EXPECT_EQ(wire->rx.size(), 3u) << "the rest wait on the wire";
	dev->advance(kShortNs - 1);
	EXPECT_EQ(rx(8), 0u) << "the first frame is still on the line";
	dev->advance(1);
	ASSERT_EQ(rx(8), 1u);
	EXPECT_EQ(frames[0].len, 1514u);
	dev->advance(kFullNs - 1);
	EXPECT_EQ(rx(8), 0u);
	dev->advance(1);
	EXPECT_EQ(rx(8), 1u);
	EXPECT_EQ(counter(&Counters::mac_rx_frames), 3u);
}

/* The receiver's catch-up is the transmitter's (mac_frames.h kPaceCatchUpNs): a
 * late look at the wire takes what the line carried meanwhile back to back; after
 * an idle line the next frame starts when it is taken. */
TEST_P(MacTest, ReceivePacingCatchesUpAShortDelayButNotAnIdleLine)
{
	bring_up_paced();
	constexpr uint64_t kFullNs = (8 + 1518 + 12) * 8;
	constexpr uint64_t kIdleNs = 2'000'000;
	for (int i = 0; i < 8; i++)
		wire->rx.push_back(make_frame(ours, 1514));
	ASSERT_EQ(rx(8), 1u);
	dev->advance(3 * kFullNs);
	EXPECT_EQ(rx(8), 3u) << "late by two frame times: the two the line carried meanwhile, and the next";
	EXPECT_EQ(rx(8), 0u);
	dev->advance(kIdleNs);
	EXPECT_EQ(rx(8), 1u) << "after an idle line one frame starts now, no burst";
	dev->advance(kFullNs - 1);
	EXPECT_EQ(rx(8), 0u);
}

/* A frame whose arrival on the medium is known (an iface wire's kernel stamp,
 * mac_frames.h LinePacer::occupy) starts then or when the line is free, but no
 * earlier than kPaceCatchUpNs before it is taken. */
TEST(LinePacer, AKnownArrivalStartsThenOrWhenTheLineIsFreeWithinTheLag)
{
	using mac_frames::kPaceCatchUpNs;
	using mac_frames::LinePacer;
	constexpr uint32_t kFull = 1518, kGbps = 1000;
	constexpr uint64_t kFullNs = (8 + kFull + 12) * 8; /* 1 ns per bit at 1000 Mbit/s */
	constexpr uint64_t t0 = 10'000'000;
	LinePacer p;
	EXPECT_EQ(p.occupy(t0, kFull, kGbps, t0 - 50'000), 0u);
	EXPECT_EQ(p.busy_until(), t0 - 50'000 + kFullNs) << "taken 50 us late: on the line since it came";
	const uint64_t end1 = p.busy_until();
	EXPECT_EQ(p.occupy(end1 + 300'000, kFull, kGbps, end1 - 1'000), 0u);
	EXPECT_EQ(p.busy_until(), end1 + kFullNs) << "came while the line was busy: back to back";
	const uint64_t end2 = p.busy_until(), idle_arrival = end2 + 40'000;
	EXPECT_EQ(p.occupy(idle_arrival + 400'000, kFull, kGbps, idle_arrival), 0u);
	EXPECT_EQ(p.busy_until(), idle_arrival + kFullNs) << "the idle line earned no credit";
	const uint64_t due = p.busy_until(), late_now = due + 5 * kPaceCatchUpNs;
	EXPECT_EQ(p.occupy(late_now, kFull, kGbps, due - 1), 4 * kPaceCatchUpNs) << "the line time the bound cost";
	EXPECT_EQ(p.busy_until(), late_now - kPaceCatchUpNs + kFullNs) << "at most kPaceCatchUpNs behind now";
	LinePacer q;
	q.occupy(t0, kFull, kGbps);
	EXPECT_EQ(q.busy_until(), t0 + kFullNs) << "arrival unknown: starts when taken";
}

/* ---- receive filter (§5.1) ---- */

struct HashVector {
	MacAddress addr;
	unsigned reg, bit;
};

TEST_P(MacTest, MulticastHashVectorsOf5_1)
{
	bring_up();
	const HashVector vectors[] = {
		{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}, 3, 30},
		{{0x33, 0x33, 0x00, 0x00, 0x00, 0x01}, 0, 31},
		{{0x33, 0x33, 0xff, 0x00, 0x00, 0x01}, 3, 14},
		{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}, 3, 6},
	};
	for (const HashVector &v : vectors) {
		for (unsigned r = 0; r < 4; r++)
			q->reg_write(hw::MAC_HASH_REG(r), r == v.reg ? 1u << v.bit : 0);
		EXPECT_TRUE(offered(make_frame(v.addr, 64))) << "reg " << v.reg << " bit " << v.bit;
		for (unsigned r = 0; r < 4; r++)
			q->reg_write(hw::MAC_HASH_REG(r), r == v.reg ? ~(1u << v.bit) : 0xFFFFFFFF);
		EXPECT_FALSE(offered(make_frame(v.addr, 64))) << "every other bit set, this one clear";
	}
	/* ff:ff:ff:ff:ff:ff hashes to index 127, but broadcast passes regardless. */
	for (unsigned r = 0; r < 4; r++)
		q->reg_write(hw::MAC_HASH_REG(r), 0);
	EXPECT_TRUE(offered(make_frame(kBcast, 64)));
	EXPECT_EQ(rd(hw::MAC_RX_STATS_MCAST), 4u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_BCAST), 1u);
}

TEST_P(MacTest, AddressFilterMatrix)
{
	bring_up();
	const MacAddress slot2 = {0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0x02};
	const MacAddress ext3 = {0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0x13};
	set_slot(hw::MAC_ADDR_HIGH(2), hw::MAC_ADDR_LOW(2), slot2);
	set_slot(hw::MAC_EXTADDR_HIGH(3), hw::MAC_EXTADDR_LOW(3), ext3);
	q->reg_write(hw::MAC_HASH_REG_3, 1u << 30); /* kMcast in */
	const MacAddress hashed_out = {0x33, 0x33, 0x00, 0x00, 0x00, 0x01};
	EXPECT_TRUE(offered(make_frame(ours, 64))) << "station address, slot 0";
	EXPECT_TRUE(offered(make_frame(slot2, 64))) << "slot 2";
	EXPECT_TRUE(offered(make_frame(ext3, 64))) << "extra slot";
	EXPECT_FALSE(offered(make_frame(kOther, 64))) << "someone else";
	EXPECT_TRUE(offered(make_frame(kBcast, 64)));
	EXPECT_TRUE(offered(make_frame(kMcast, 64))) << "hashed in";
	EXPECT_FALSE(offered(make_frame(hashed_out, 64))) << "hashed out";
	EXPECT_EQ(counter(&Counters::mac_rx_filtered), 2u);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_PROMISC);
	EXPECT_TRUE(offered(make_frame(kOther, 64))) << "promiscuous";
	EXPECT_TRUE(offered(make_frame(hashed_out, 64)));
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 4u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_MCAST), 2u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_BCAST), 1u);
}

TEST_P(MacTest, RejectedFramesLeaveNoGapsInTheBatch)
{
	bring_up();
	wire->rx = {make_frame(kOther, 64), make_frame(ours, 70), make_frame(kOther, 64), make_frame(ours, 90)};
	ASSERT_EQ(rx(4), 2u);
	EXPECT_EQ(got(0), make_frame(ours, 70));
	EXPECT_EQ(got(1), make_frame(ours, 90));
	EXPECT_TRUE(wire->rx.empty());
}

/* ---- the PHY's jumbo bits (tg3_phy_reset; mii_phy.cpp) ---- */

TEST_P(MacTest, LongFramesCrossThePhyOnlyWithTg3PhyResetsJumboBits)
{
	constexpr uint32_t kLong = 4000;
	bring_up(kGmiiMode, false);
	q->reg_write(hw::MAC_RX_MTU_SIZE, 9000 + hw::TG3_RX_MTU_OVERHEAD);
	ASSERT_TRUE(offered(make_frame(ours, 1518, 0x8100))) << "1522 with FCS: a tagged standard frame passes";
	const uint32_t octets = rd(hw::MAC_RX_STATS_OCTETS);
	EXPECT_FALSE(offered(make_frame(ours, kLong))) << "no AUXCTL EXTPKTLEN: lost in the PHY";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_OCTETS), 0u) << "the MAC never saw it (the read cleared " << octets << ")";
	const MacAddress peer = {0x02, 0, 0, 0, 0, 0x42};
	EXPECT_FALSE(tx(make_frame(peer, kLong)));
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(counter(&Counters::phy_long_frames_dropped), 2u);

	/* EXTPKTLEN (read-modify-write of the AUXCTL shadow, tg3_phy_reset): receive works... */
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL << hw::MII_TG3_AUXCTL_MISC_RDSEL_SHIFT |
						  hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	const uint16_t actl = mdio->read(hw::MII_TG3_AUX_CTRL);
	mdio->write(hw::MII_TG3_AUX_CTRL, actl | hw::MII_TG3_AUXCTL_ACTL_EXTPKTLEN);
	ASSERT_TRUE(offered(make_frame(ours, kLong)));
	EXPECT_EQ(frames[0].len, kLong);
	/* ... sending needs the high FIFO elasticity too. */
	EXPECT_FALSE(tx(make_frame(peer, kLong))) << "EXT_CTRL FIFO_ELASTIC clear";
	EXPECT_EQ(counter(&Counters::phy_long_frames_dropped), 3u);
	mdio->write(hw::MII_TG3_EXT_CTRL, mdio->read(hw::MII_TG3_EXT_CTRL) | hw::MII_TG3_EXT_CTRL_FIFO_ELASTIC);
	ASSERT_TRUE(tx(make_frame(peer, kLong)));
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0].size(), kLong);
	/* BMCR_RESET restores the defaults: the bits are gone again. */
	mdio->write(hw::MII_BMCR, hw::BMCR_RESET);
	ASSERT_TRUE(wait_link());
	EXPECT_FALSE(offered(make_frame(ours, kLong)));
	EXPECT_EQ(counter(&Counters::phy_long_frames_dropped), 4u);
}

/* ---- receive classification (§5.1, §5.2, RMON) ---- */

TEST_P(MacTest, RuntsTooLongAndBadFcs)
{
	bring_up();
	EXPECT_FALSE(offered(make_frame(ours, 59))) << "63 bytes on the wire: runt, discarded";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UNDERSIZE), 1u);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_ACCEPT_RUNTS);
	ASSERT_TRUE(offered(make_frame(ours, 59)));
	EXPECT_TRUE(frames[0].runt);

	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE);
	ASSERT_TRUE(offered(make_frame(ours, 1514)));
	EXPECT_FALSE(frames[0].too_long) << "1518 with FCS = MAC_RX_MTU_SIZE";
	EXPECT_FALSE(offered(make_frame(ours, 1515))) << "oversized without RX_MODE_ACCEPT_OVERSIZED: discarded";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_FRAME_TOO_LONG), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_OCTETS), 63u + 63u + 1518u + 1519u) << "runts and oversized frames were received, then discarded";
	EXPECT_EQ(counter(&Counters::mac_rx_oversize_dropped), 1u);
	q->reg_write(hw::MAC_RX_MTU_SIZE, 1500 + hw::TG3_RX_MTU_OVERHEAD); /* tg3: MTU + 22 */
	ASSERT_TRUE(offered(make_frame(ours, 1518, 0x8100)));
	EXPECT_FALSE(frames[0].too_long) << "a tagged 1500-byte MTU frame fits tg3's value";
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_ACCEPT_OVERSIZED);
	ASSERT_TRUE(offered(make_frame(ours, 1600))) << "RX_MODE_ACCEPT_OVERSIZED keeps it";
	EXPECT_TRUE(frames[0].too_long) << "kept, flagged giant";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_FRAME_TOO_LONG), 1u);

	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE);
	rd(hw::MAC_RX_STATS_UCAST);
	Faults f;
	f.corrupt_frames = 2;
	dev->set_faults(f);
	ASSERT_TRUE(offered(make_frame(ours, 100)));
	EXPECT_TRUE(frames[0].fcs_error);
	EXPECT_FALSE(offered(make_frame(ours, 2000))) << "oversized with a bad FCS: a jabber, discarded";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_FCS_ERRORS), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_JABBERS), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 0u) << "errored frames are not good unicast";
	f.corrupt_frames = 1;
	dev->set_faults(f);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_NO_CRC_CHECK);
	ASSERT_TRUE(offered(make_frame(ours, 100)));
	EXPECT_FALSE(frames[0].fcs_error) << "RX_MODE_NO_CRC_CHECK";
	EXPECT_EQ(dev->faults().corrupt_frames, 0u);
}

TEST_P(MacTest, ReceiveNeedsRxModeRdeAndLink)
{
	bring_up();
	q->reg_write(hw::MAC_RX_MODE, 0);
	EXPECT_FALSE(offered(make_frame(ours, 64)));
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE);
	q->reg_write(hw::MAC_MODE, kGmiiMode & ~hw::MAC_MODE_RDE_ENABLE);
	EXPECT_FALSE(offered(make_frame(ours, 64)));
	q->reg_write(hw::MAC_MODE, kGmiiMode);
	wire->carrier_on = false;
	dev->step();
	EXPECT_FALSE(offered(make_frame(ours, 64)));
	EXPECT_EQ(counter(&Counters::mac_rx_dropped), 3u);
	EXPECT_TRUE(wire->rx.empty()) << "the MAC drained them";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_OCTETS), 0u);
}

/* Issue 11: a replay source (the pcap wire) must not race the bring-up: its
 * frames wait while the receiver is off, where a cable's are lost. */
TEST_P(MacTest, ReplayWireWaitsForTheReceiver)
{
	bring_up();
	wire->replay = true;
	q->reg_write(hw::MAC_RX_MODE, 0);
	wire->rx.push_back(make_frame(ours, 64));
	wire->rx.push_back(make_frame(ours, 65));
	EXPECT_EQ(rx(), 0u);
	EXPECT_EQ(wire->rx.size(), 2u) << "the MAC did not pull from the replay while it cannot receive";
	EXPECT_EQ(counter(&Counters::mac_rx_dropped), 0u);
	EXPECT_GE(counter(&Counters::mac_rx_held_by_wire), 1u);
	wire->carrier_on = false; /* no link: still waiting */
	dev->step();
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE);
	EXPECT_EQ(rx(), 0u);
	EXPECT_EQ(wire->rx.size(), 2u);
	wire->carrier_on = true;
	ASSERT_TRUE(wait_link());
	ASSERT_EQ(rx(), 2u) << "receiver up: the replay goes on, nothing lost";
	EXPECT_EQ(got(0), make_frame(ours, 64));
	EXPECT_EQ(got(1), make_frame(ours, 65));
	EXPECT_EQ(counter(&Counters::mac_rx_dropped), 0u);
}

TEST_P(MacTest, PauseFramesAreConsumedAndCounted)
{
	bring_up();
	const MacAddress pause_dst = {0x01, 0x80, 0xC2, 0x00, 0x00, 0x01};
	Frame xoff = make_frame(pause_dst, 60, 0x8808);
	xoff[14] = 0x00, xoff[15] = 0x01; /* opcode PAUSE */
	xoff[16] = 0xFF, xoff[17] = 0xFF; /* pause_time */
	Frame xon = xoff;
	xon[16] = xon[17] = 0;
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_PROMISC);
	EXPECT_FALSE(offered(xoff));
	EXPECT_FALSE(offered(xon));
	EXPECT_EQ(rd(hw::MAC_RX_STATS_XOFF_PAUSE_RECVD), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_XON_PAUSE_RECVD), 1u);
	EXPECT_EQ(rd(hw::MAC_RX_STATUS), hw::RX_STATUS_XOFF_RCVD | hw::RX_STATUS_XON_RCVD);
	q->reg_write(hw::MAC_RX_STATUS, hw::RX_STATUS_XOFF_RCVD | hw::RX_STATUS_XON_RCVD);
	EXPECT_EQ(rd(hw::MAC_RX_STATUS), 0u);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_PROMISC | hw::RX_MODE_KEEP_PAUSE);
	EXPECT_TRUE(offered(xoff));
}

TEST_P(MacTest, PauseHoldsTheTransmitterOnlyWithFlowControl)
{
	bring_up(); /* 1000 full: a quantum is 512 ns */
	const MacAddress pause_dst = {0x01, 0x80, 0xC2, 0x00, 0x00, 0x01};
	Frame xoff = make_frame(pause_dst, 60, 0x8808);
	xoff[14] = 0x00, xoff[15] = 0x01; /* opcode PAUSE */
	xoff[16] = 0x00, xoff[17] = 0x64; /* 100 quanta = 51.2 us at 1 Gbit/s */
	Frame xon = xoff;
	xon[16] = xon[17] = 0;
	constexpr uint64_t kHoldNs = 100 * 512;

	/* RX_MODE_FLOW_CTRL_ENABLE clear: counted, nothing held (tg3: rx pause off). */
	EXPECT_FALSE(offered(xoff));
	EXPECT_EQ(mac->tx_ready_at_ns(), 0u);
	EXPECT_EQ(rd(hw::MAC_TX_STATUS) & hw::TX_STATUS_XOFFED, 0u);

	/* Set: the transmitter waits out the pause time, TX_STATUS_XOFFED meanwhile. */
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_FLOW_CTRL_ENABLE);
	const uint64_t t0 = dev->now_ns();
	EXPECT_FALSE(offered(xoff));
	EXPECT_EQ(mac->tx_ready_at_ns(), t0 + kHoldNs);
	EXPECT_NE(rd(hw::MAC_TX_STATUS) & hw::TX_STATUS_XOFFED, 0u);
	dev->advance(kHoldNs);
	EXPECT_LE(mac->tx_ready_at_ns(), dev->now_ns());
	EXPECT_EQ(rd(hw::MAC_TX_STATUS) & hw::TX_STATUS_XOFFED, 0u) << "the hold ended";

	/* XON releases at once. */
	EXPECT_FALSE(offered(xoff));
	EXPECT_GT(mac->tx_ready_at_ns(), dev->now_ns());
	EXPECT_FALSE(offered(xon));
	EXPECT_EQ(mac->tx_ready_at_ns(), 0u);
	EXPECT_EQ(rd(hw::MAC_TX_STATUS) & hw::TX_STATUS_XOFFED, 0u);
}

/* ---- statistics (§5.2) ---- */

TEST_P(MacTest, StatClearStrobesZeroTheirGroup)
{
	bring_up();
	for (int i = 0; i < 3; i++) {
		ASSERT_TRUE(tx(make_frame(kOther, 60)));
		ASSERT_TRUE(offered(make_frame(ours, 60)));
	}
	q->reg_write(hw::MAC_MODE, kGmiiMode | hw::MAC_MODE_TXSTAT_CLEAR);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_UCAST), 0u);
	EXPECT_EQ(rd(hw::MAC_TX_STATS_OCTETS), 0u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 3u) << "RX untouched";
	ASSERT_TRUE(offered(make_frame(ours, 60)));
	q->reg_write(hw::MAC_MODE, kGmiiMode | hw::MAC_MODE_RXSTAT_CLEAR);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 0u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_OCTETS), 0u);
	EXPECT_TRUE(q->wait_for_bits(hw::MAC_MODE, hw::MAC_MODE_RXSTAT_CLEAR, 0, 100 * kUs)) << "self-clearing";
}

TEST_P(MacTest, StatisticsNeedTheirEnableBits)
{
	bring_up(kGmiiMode & ~(hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE));
	ASSERT_TRUE(tx(make_frame(kOther, 60)));
	ASSERT_TRUE(offered(make_frame(ours, 60)));
	EXPECT_EQ(rd(hw::MAC_TX_STATS_OCTETS), 0u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_OCTETS), 0u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 0u);
}

/* Faults::bus_errors: a read that gets no answer (a device whose PCIe link is
 * down) completes with all-ones and never reaches the chip, so the
 * clear-on-read counter keeps its count for the next read that does (§5.2). */
TEST_P(MacTest, UnansweredReadsAreAllOnesAndClearNothing)
{
	bring_up();
	for (int i = 0; i < 2; i++)
		ASSERT_TRUE(offered(make_frame(ours, 60)));
	Faults f;
	f.bus_errors = 2;
	dev->set_faults(f);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 0xFFFFFFFFu);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 0xFFFFFFFFu);
	EXPECT_EQ(dev->faults().bus_errors, 0u);
	EXPECT_EQ(counter(&Counters::bar0_reads_failed), 2u);
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 2u) << "the unanswered reads did not clear the counter";
	EXPECT_EQ(rd(hw::MAC_RX_STATS_UCAST), 0u);
}

TG57XX_BOTH_CHIPS(MacTest);

} // namespace
} // namespace tg57xx::sim::test::macphy
