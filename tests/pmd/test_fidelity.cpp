/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What tg3 does on real 57762/5719/5720 silicon beyond bring-up (issue 14),
 * checked on the chip model through rte_eth_* only.
 */
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <rte_ethdev.h>
#include <rte_memzone.h>

#include "pmd_env.h"
#include "tg57xx_regs.h"

using namespace tg57xx::test;
namespace hw = tg57xx::hw;

namespace {

/* The PMD's dump: BAR0 offsets 0x0000-0x7FFF, a word per 4 bytes (tg57xx_diag.cpp). */
constexpr size_t kDumpWords = 0x8000 / 4;
/* The model's enumerating host asks for 4096-byte read requests (lib/tg57xx_sim/blocks/pci_cfg.h). */
constexpr uint32_t kHostReadRq4096 = 0x5000;

class Fidelity : public PerChipPool {};

/* §12.2 step 8 (tg3_chip_reset, bge_reset): the model's core reset reloads PCIe
 * Device Control with relaxed ordering and no snoop on and a 512-byte MRRS and
 * latches Device Status errors; the PMD must undo all of it after every reset. */
TEST_P(Fidelity, CoreResetLeavesPcieDeviceControlAsTg3Does)
{
	SimPort p("net_tg57xx_sim_pcie", chip() + ",wire=loop");
	for (int cycle = 0; cycle < 2; cycle++) {
		ASSERT_NO_FATAL_FAILURE(start_loop(p));
		const std::vector<uint32_t> regs = dump_regs(p.port());
		ASSERT_EQ(regs.size(), kDumpWords);
		EXPECT_EQ(regs[0] & 0xFFFF, hw::TG3PCI_VENDOR_BROADCOM);
		const uint32_t devctl = regs[hw::TG3PCI_DEV_STATUS_CTRL / 4];
		EXPECT_FALSE(devctl & hw::TG3PCI_DEVCTL_RELAX_EN) << "cycle " << cycle;
		EXPECT_FALSE(devctl & hw::TG3PCI_DEVCTL_NOSNOOP_EN);
		EXPECT_EQ(devctl & hw::MAX_READ_REQ_MASK, kHostReadRq4096) << "host's MRRS kept";
		EXPECT_EQ(devctl & hw::TG3PCI_DEVSTA_ERRORS, 0u) << "Device Status errors cleared";
		p.stop();
	}
}

/* §5.1, tg3_reset_hw: receive rules 0/1 written disabled; value 1 is 0xffffffff & RCV_RULE_DISABLE_MASK. */
TEST_P(Fidelity, ReceiveRulesAsTg3WritesThem)
{
	SimPort p("net_tg57xx_sim_rules", chip() + ",wire=loop");
	ASSERT_NO_FATAL_FAILURE(start_loop(p));
	const std::vector<uint32_t> regs = dump_regs(p.port());
	ASSERT_EQ(regs.size(), kDumpWords);
	EXPECT_EQ(regs[hw::MAC_RCV_RULE(0) / 4], 0x42000000u);
	EXPECT_EQ(regs[hw::MAC_RCV_VALUE(0) / 4], 0x7FFFFFFFu);
	EXPECT_EQ(regs[hw::MAC_RCV_RULE(1) / 4], 0x06000004u);
	EXPECT_EQ(regs[hw::MAC_RCV_VALUE(1) / 4], 0x7FFFFFFFu);
	EXPECT_EQ(regs[hw::MAC_MODE / 4] & hw::MAC_MODE_TDE_ENABLE, hw::MAC_MODE_TDE_ENABLE) << "MAC block dumped";
	p.stop();
}

/* §15, bge 4G_BNDRY_BUG: every ring and status block is aligned to its own power-of-two
 * size, so wherever the allocator puts it, it cannot straddle a 4 GB line. */
TEST_P(Fidelity, RingsAndStatusBlocksCannotCrossFourGigabytes)
{
	SimPort p("net_tg57xx_sim_4g", chip() + ",wire=loop");
	ASSERT_NO_FATAL_FAILURE(start_loop(p, 2));
	struct Seen {
		unsigned rings = 0, status = 0, misaligned = 0;
	} seen;
	rte_memzone_walk(
		[](const rte_memzone *mz, void *arg) {
			auto *s = static_cast<Seen *>(arg);
			const std::string name = mz->name;
			const bool ring = name.find("tx_ring") != std::string::npos ||
					  name.find("rx_ring") != std::string::npos ||
					  name.find("rx_ret_ring") != std::string::npos ||
					  name.find("rx_jmb_ring") != std::string::npos;
			const bool status = name.find("tg57xx_sblk") != std::string::npos;
			if (!ring && !status)
				return;
			(ring ? s->rings : s->status)++;
			if ((mz->iova & (rte_align64pow2(mz->len) - 1)) != 0)
				s->misaligned++;
		},
		&seen);
	EXPECT_GE(seen.rings, 4u) << "std, 2 return rings, tx";
	EXPECT_GE(seen.status, 1u);
	EXPECT_EQ(seen.misaligned, 0u);
	p.stop();
}

/* tg3_rx: MAC_RX_MTU_SIZE (MTU + 22) lets an untagged frame 4 bytes over the MTU
 * through; tg3 drops untagged frames longer than MTU + 14 in software (ierrors here). */
TEST_P(Fidelity, UntaggedFramesOverTheMtuAreDroppedAsTg3Does)
{
	constexpr uint16_t kMtu = 1500;
	constexpr uint32_t kMax = kMtu + RTE_ETHER_HDR_LEN;
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	{
		SimPort p("net_tg57xx_sim_overmtu", chip() + ",wire=loop");
		ASSERT_TRUE(p.ok());
		rte_eth_conf conf{};
		conf.rxmode.mtu = kMtu;
		ASSERT_EQ(p.start(mp, 256, 256, &conf), 0);
		rte_ether_addr me{};
		ASSERT_EQ(rte_eth_macaddr_get(p.port(), &me), 0);
		std::vector<uint8_t> tagged = make_frame(me, me, kMax + RTE_VLAN_HLEN, 3);
		tagged[12] = RTE_ETHER_TYPE_VLAN >> 8;
		tagged[13] = RTE_ETHER_TYPE_VLAN & 0xFF;
		const std::vector<std::vector<uint8_t>> frames = {
			make_frame(me, me, kMax, 1), make_frame(me, me, kMax + 1, 2), tagged,
			make_frame(me, me, kMax + RTE_VLAN_HLEN, 4), make_frame(me, me, 60, 5)};
		ASSERT_EQ(send_all(p.port(), mp, frames), frames.size());
		const std::vector<std::vector<uint8_t>> want = {frames[0], frames[2], frames[4]};
		EXPECT_EQ(recv_n(p.port(), want.size()), want);
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(p.port(), &st), 0);
		EXPECT_EQ(st.ierrors, 2u) << "MTU + 15 and MTU + 18 untagged";
		/* A bigger MTU moves the limit at once (rte_eth_dev_set_mtu while started). */
		ASSERT_EQ(rte_eth_dev_set_mtu(p.port(), kMtu + RTE_VLAN_HLEN), 0);
		ASSERT_EQ(send_all(p.port(), mp, {frames[3]}), 1u);
		EXPECT_EQ(recv_n(p.port(), 1), std::vector<std::vector<uint8_t>>{frames[3]});
		p.stop();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

/* §15 5719/5720 TX-length erratum (tg3_reset_hw, tg3_periodic_fetch_stats): the
 * model's read-DMA channels hold a stale length after power-on, so the PMD sets
 * the workaround bit at start, and must clear it once more than four frames
 * have gone, or the chip keeps sizing every frame the conservative way. */
TEST_P(Fidelity, TxLengthWorkaroundOnlyForTheFirstFrames)
{
	constexpr unsigned kBatch = 8;
	const std::string name = "net_tg57xx_sim_rdmawa";
	const bool erratum = std::string(GetParam()) == "5720";
	SimPort p(name, chip() + ",wire=loop");
	ASSERT_NO_FATAL_FAILURE(start_loop(p));
	auto wa_bit = [&] {
		const std::vector<uint32_t> regs = dump_regs(p.port());
		return regs.size() == kDumpWords &&
		       (regs[hw::TG3_LSO_RD_DMA_CRPTEN_CTRL / 4] & hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720) != 0;
	};
	EXPECT_EQ(wa_bit(), erratum) << "set at start exactly on the chip with the erratum";
	rte_ether_addr me{};
	ASSERT_EQ(rte_eth_macaddr_get(p.port(), &me), 0);
	std::vector<std::vector<uint8_t>> frames;
	for (unsigned i = 0; i < kBatch; i++)
		frames.push_back(make_frame(me, me, 128, i));
	ASSERT_EQ(send_all(p.port(), mp, frames), frames.size());
	EXPECT_EQ(recv_n(p.port(), frames.size()), frames) << "none lost while the workaround is on";
	EXPECT_TRUE(wait_for([&] { return !wa_bit(); })) /* the stats fetch runs about once a second */
		<< "cleared after more than four frames";
	const uint64_t under_wa = sim_counter(name, "tx_rdma_wa_frames");
	if (erratum) {
		EXPECT_GT(under_wa, hw::TG3_NUM_RDMA_CHANNELS) << "on until more than four had gone";
		EXPECT_LE(under_wa, kBatch);
	} else {
		EXPECT_EQ(under_wa, 0u);
	}
	ASSERT_EQ(send_all(p.port(), mp, frames), frames.size());
	EXPECT_EQ(recv_n(p.port(), frames.size()), frames);
	EXPECT_EQ(sim_counter(name, "tx_rdma_wa_frames"), under_wa) << "no frame pays for the workaround any more";
	EXPECT_EQ(sim_counter(name, "tx_rdma_length_bug"), 0u);
	p.stop();
}

/* tg3_tx_rcbs_init (ref §7.2, §16 item 16): the send RCB always holds TG3_TX_RING_SIZE entries. */
constexpr uint32_t kTg3SendRcbMaxlen = 512u << hw::BDINFO_FLAGS_MAXLEN_SHIFT;

uint64_t send_rcb_maxlen(const std::string &name)
{
	return sim_sram32(name, hw::NIC_SRAM_SEND_RCB_N(0) + hw::TG3_BDINFO_MAXLEN_FLAGS);
}

/* nb_tx_desc (any count in [64, 512], as tg3's tx_pending) bounds what is in
 * flight; the chip is programmed with a 512-entry ring whatever it is, and
 * the queue reports the count as asked. */
TEST_P(Fidelity, SendRingIsAlwaysTg3sSize)
{
	for (const uint16_t nb_txd : {uint16_t{64}, uint16_t{100}, uint16_t{512}}) {
		const std::string name = "net_tg57xx_sim_sendrcb" + std::to_string(nb_txd);
		SimPort p(name, chip() + ",wire=loop");
		ASSERT_TRUE(p.ok());
		ASSERT_EQ(p.start(mp, 256, nb_txd), 0) << nb_txd;
		EXPECT_EQ(send_rcb_maxlen(name), kTg3SendRcbMaxlen) << "nb_tx_desc " << nb_txd;
		rte_eth_txq_info qi{};
		ASSERT_EQ(rte_eth_tx_queue_info_get(p.port(), 0, &qi), 0);
		EXPECT_EQ(qi.nb_desc, nb_txd);
		p.stop();
	}
}

/* With nb_tx_desc 64 at most 63 BDs are ever in flight (a burst of 200 the
 * chip cannot complete takes 63), and the ring wraps at 512: many wraps loop
 * intact and leave the producer at frames mod 512. */
TEST_P(Fidelity, NbTxDescBoundsTheBdsInFlight)
{
	constexpr uint16_t kTxd = 64;
	constexpr uint16_t kBurst = 200;
	constexpr unsigned kRounds = 21; /* of kBurst frames: 4200 > 8 wraps of 512 */
	const std::string name = "net_tg57xx_sim_txpend";
	{
		SimPort p(name, chip() + ",wire=loop");
		ASSERT_TRUE(p.ok());
		ASSERT_EQ(p.start(mp, 256, kTxd), 0);
		rte_ether_addr me{};
		ASSERT_EQ(rte_eth_macaddr_get(p.port(), &me), 0);

		ASSERT_TRUE(wait_for([&] { return doorbells_taken(p.port()); }));
		ASSERT_EQ(inject_fault(name, "doorbell:1"), 0); /* the chip never sees these BDs */
		std::vector<rte_mbuf *> burst;
		for (uint16_t i = 0; i < kBurst; i++) {
			burst.push_back(to_mbuf(mp, make_frame(me, me, 128, i)));
			ASSERT_NE(burst.back(), nullptr);
		}
		const uint16_t took = rte_eth_tx_burst(p.port(), 0, burst.data(), kBurst);
		EXPECT_EQ(took, kTxd - 1);
		EXPECT_EQ(rte_eth_tx_burst(p.port(), 0, burst.data() + took, kBurst - took), 0)
			<< "nothing more while none completes";
		EXPECT_EQ(rte_eth_tx_descriptor_status(p.port(), 0, 1), RTE_ETH_TX_DESC_FULL);
		rte_pktmbuf_free_bulk(burst.data() + took, kBurst - took);
		p.stop(); /* gives up on the BDs the chip never saw: oerrors */
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(p.port(), &st), 0);
		EXPECT_EQ(st.oerrors, took);

		ASSERT_EQ(p.start(mp, 256, kTxd), 0);
		for (unsigned r = 0; r < kRounds; r++) {
			std::vector<std::vector<uint8_t>> frames;
			for (unsigned i = 0; i < kBurst; i++)
				frames.push_back(make_frame(me, me, 60 + (r * kBurst + i) % 200, r * kBurst + i));
			ASSERT_EQ(send_all(p.port(), mp, frames), frames.size()) << "round " << r;
			ASSERT_EQ(recv_n(p.port(), frames.size()), frames) << "round " << r;
		}
		EXPECT_EQ(sim_counter(name, "tx_bad_prod_idx"), 0u);
		EXPECT_EQ(sim_counter(name, "tx_bad_ring"), 0u);
		const std::vector<uint32_t> regs = dump_regs(p.port());
		ASSERT_EQ(regs.size(), kDumpWords);
		EXPECT_EQ(regs[(hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW) / 4], kRounds * kBurst % 512)
			<< "the producer wraps at the ring's 512, not at nb_tx_desc";
		p.stop();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
}

/*
 * Issue 14 item 2: a 5720 whose NVRAM enables ASF and the APE, with the
 * model's management firmware behind it (mgmt=1). The PMD must keep tg3's
 * protocol (GRC lock around resets, PHY lock around MDIO, MAC_MODE APE bits,
 * rules 4-7 alone, driver state START/UNLOAD, heartbeat) through start,
 * stop, reset and restart, or the firmware loses its link.
 */
constexpr unsigned kApePoolMbufs = 2048; /* one loop port at a time */

/*
 * The board tests (management firmware, board kind): one port of a given
 * board per test, its pool made before and freed after the test body, and
 * the model's counters of that port.
 */
class FidelityBoard : public ::testing::Test {
protected:
	void SetUp() override
	{
		mp = make_pool(kApePoolMbufs);
		ASSERT_NE(mp, nullptr);
	}
	void TearDown() override
	{
		port.reset();
		rte_mempool_free(mp);
	}
	SimPort &open(const std::string &port_name, const std::string &args)
	{
		name = port_name;
		port = std::make_unique<SimPort>(port_name, args);
		return *port;
	}
	uint64_t counter(const char *c) const { return sim_counter(name, c); }

	rte_mempool *mp = nullptr;
	std::string name;
	std::unique_ptr<SimPort> port;
};
using FidelityApe = FidelityBoard;
using FidelityGpio = FidelityBoard;
using FidelityAsf = FidelityBoard;

TEST_F(FidelityApe, ManagementFirmwareKeepsItsLinkThroughTheLifecycle)
{
	SimPort &p = open("net_tg57xx_sim_ape", "chip=5720,wire=loop,mgmt=1");
	ASSERT_TRUE(p.ok());
	ASSERT_NE(counter("mgmt_link_losses"), UINT64_MAX) << "the plugin's counter hook";
	const uint64_t starts0 = counter("mgmt_events_start");
	const uint64_t unloads0 = counter("mgmt_events_unload");

	ASSERT_EQ(p.start(mp), 0);
	EXPECT_TRUE(wait_for([&] { return counter("mgmt_events_start") > starts0; }))
		<< "DRV_STATE START reached the APE";
	const std::vector<uint32_t> regs = dump_regs(p.port());
	ASSERT_EQ(regs.size(), kDumpWords);
	const uint32_t ape_bits = hw::MAC_MODE_APE_TX_EN | hw::MAC_MODE_APE_RX_EN;
	EXPECT_EQ(regs[hw::MAC_MODE / 4] & ape_bits, ape_bits);
	EXPECT_EQ(regs[hw::MAC_RX_MODE / 4] & hw::RX_MODE_KEEP_VLAN_TAG, 0u) << "no KEEP_VLAN_TAG with ASF";
	EXPECT_EQ(regs[hw::TG3PCI_PCISTATE / 4] & hw::PCISTATE_ALLOW_APE_SHMEM_WR, hw::PCISTATE_ALLOW_APE_SHMEM_WR);
	/* The heartbeat comes from the link alarm, once a second. */
	EXPECT_TRUE(wait_for([&] { return counter("mgmt_heartbeats") >= 2; }));

	p.stop();
	EXPECT_TRUE(wait_for([&] { return counter("mgmt_events_unload") > unloads0; }))
		<< "DRV_STATE UNLOAD reached the APE";
	ASSERT_EQ(rte_eth_dev_reset(p.port()), 0);
	ASSERT_EQ(p.start(mp), 0);
	EXPECT_TRUE(wait_for([&] { return counter("mgmt_events_start") >= starts0 + 2; }));
	p.stop();
	EXPECT_EQ(counter("mgmt_link_losses"), 0u) << "the firmware never lost its link";
	EXPECT_GT(counter("ape_lock_grants"), 0u);
}

/*
 * Board GPIOs (ref §5.11; tg3_get_invariants, tg3_pwrsrc_switch_to_vmain,
 * tg3_reset_hw). The model's boards are add-in NICs unless lom=1: they power
 * up on Vaux, the GPIOs holding the power switch. The PMD switches to Vmain
 * (on the 5720 under the APE GPIO lock, which the model checks) and takes
 * the 57765 class's debug UART off the GPIO pins.
 */
TEST_P(Fidelity, NicSwitchesToVmainAsTg3Does)
{
	const std::string name = "net_tg57xx_sim_vmain";
	const bool is57762 = std::string(GetParam()) == "57762";
	SimPort p(name, chip() + ",wire=loop");
	for (int cycle = 0; cycle < 2; cycle++) {
		ASSERT_NO_FATAL_FAILURE(start_loop(p));
		const std::vector<uint32_t> regs = dump_regs(p.port());
		ASSERT_EQ(regs.size(), kDumpWords);
		const uint32_t lc = regs[hw::GRC_LOCAL_CTRL / 4];
		EXPECT_EQ(lc & hw::TG3_GRC_LCLCTRL_GPIO_MASK, 0u) << "off Vaux: GPIOs released, cycle " << cycle;
		EXPECT_EQ((lc & hw::GRC_LCLCTRL_GPIO_UART_SEL) != 0, is57762) << "UART_SEL on the 57765 class only";
		EXPECT_EQ(lc & hw::TG3_GRC_LOCAL_CTRL_INIT, hw::TG3_GRC_LOCAL_CTRL_INIT);
		p.stop();
		ASSERT_EQ(rte_eth_dev_reset(p.port()), 0);
	}
	EXPECT_EQ(sim_counter(name, "gpio_unlocked_writes"), 0u) << "5720: the switch holds the APE GPIO lock";
	EXPECT_EQ(sim_counter(name, "gpio_uart_pin_writes"), 0u) << "57762: the UART left the pins first";
	EXPECT_EQ(sim_counter(name, "gpio_lom_clobbers"), 0u);
	if (!is57762) {
		EXPECT_GT(sim_counter(name, "ape_lock_grants"), 0u);
	}
}

/* A LOM (lom=1): the boot code drives GPIO0 and GPIO1 (write protect) after every
 * reset; the PMD keeps them (tg3_reset_hw) and the BMC's firmware keeps its link. */
TEST_F(FidelityGpio, LomKeepsItsBootCodeGpiosThroughTheLifecycle)
{
	constexpr uint32_t kBootDrive = hw::GRC_LCLCTRL_GPIO_OE0 | hw::GRC_LCLCTRL_GPIO_OUTPUT0 |
					hw::TG3_GRC_LCLCTRL_EEPROM_WP; /* lib/tg57xx_sim/blocks/grc.h */
	SimPort &p = open("net_tg57xx_sim_lom", "chip=5720,wire=loop,mgmt=1,lom=1");
	ASSERT_TRUE(p.ok());
	for (int cycle = 0; cycle < 2; cycle++) {
		ASSERT_EQ(p.start(mp), 0);
		const std::vector<uint32_t> regs = dump_regs(p.port());
		ASSERT_EQ(regs.size(), kDumpWords);
		EXPECT_EQ(regs[hw::GRC_LOCAL_CTRL / 4] & hw::TG3_GRC_LCLCTRL_GPIO_MASK, kBootDrive)
			<< "cycle " << cycle;
		p.stop();
		ASSERT_EQ(rte_eth_dev_reset(p.port()), 0);
	}
	EXPECT_EQ(counter("gpio_lom_clobbers"), 0u);
	EXPECT_EQ(counter("mgmt_link_losses"), 0u) << "the firmware never lost its link";
}

/*
 * Issue 14 item 2, ASF without the APE: a 57762 whose NVRAM enables ASF,
 * with the model's ASF firmware on the RX CPU (mgmt=asf). tg3_halt and
 * tg3_reset_hw pause it (tg3_stop_fw: FWCMD_NICDRV_PAUSE_FW and
 * GRC_RX_CPU_DRIVER_EVENT, acknowledged by the firmware) before every core
 * reset, or it loses its state.
 */
TEST_F(FidelityAsf, FirmwareIsPausedBeforeEveryReset)
{
	EXPECT_NE(try_hotplug("net_tg57xx_sim_asfbad", "chip=5720,mgmt=asf"), 0) << "the 5720's firmware is the APE's";
	EXPECT_NE(try_hotplug("net_tg57xx_sim_asfbad", "chip=57762,mgmt=2"), 0);
	SimPort &p = open("net_tg57xx_sim_asf", "chip=57762,wire=loop,mgmt=asf");
	ASSERT_TRUE(p.ok());
	ASSERT_NE(counter("asf_pauses"), UINT64_MAX) << "the plugin's counter hook";
	uint64_t pauses = counter("asf_pauses");
	const uint64_t resets0 = counter("core_resets");
	auto paused_again = [&](const char *when) {
		EXPECT_GT(counter("asf_pauses"), pauses) << when << ": the pause reached the firmware";
		pauses = counter("asf_pauses");
	};
	ASSERT_EQ(p.start(mp), 0);
	paused_again("start");
	const std::vector<uint32_t> regs = dump_regs(p.port());
	ASSERT_EQ(regs.size(), kDumpWords);
	EXPECT_EQ(regs[hw::MAC_RX_MODE / 4] & hw::RX_MODE_KEEP_VLAN_TAG, 0u) << "no KEEP_VLAN_TAG with ASF";
	p.stop();
	paused_again("stop");
	ASSERT_EQ(rte_eth_dev_reset(p.port()), 0);
	ASSERT_EQ(p.start(mp), 0);
	paused_again("reset and start");
	p.stop();
	EXPECT_GE(counter("core_resets"), resets0 + 3);
	EXPECT_EQ(counter("asf_events"), counter("asf_pauses") + counter("asf_heartbeats"))
		<< "the PMD sends no other command";
	EXPECT_EQ(counter("mgmt_link_losses"), 0u) << "never reset while the firmware ran";
}

/*
 * tg3_timer's ASF heartbeat (tg3_send_asf_heartbeat): while the port runs,
 * FWCMD_NICDRV_ALIVE3 every TG3_FW_UPDATE_FREQ_SEC (2 s) promising
 * TG3_FW_UPDATE_TIMEOUT_SEC (5 s); the model's firmware counts a gap longer
 * than the promise as a miss (the driver taken for dead). Live mode runs real
 * time: two heartbeats take about 4 s.
 */
TEST_F(FidelityAsf, HeartbeatKeepsTheFirmwareWatchingWhileStarted)
{
	constexpr unsigned kBeats = 2;
	constexpr unsigned kBoundMs = 15'000; /* generous: 2 beats are due after 4 s */
	SimPort &p = open("net_tg57xx_sim_asfhb", "chip=57762,wire=loop,mgmt=asf");
	ASSERT_TRUE(p.ok());
	ASSERT_EQ(p.start(mp), 0);
	EXPECT_TRUE(wait_for([&] { return counter("asf_heartbeats") >= kBeats; }, kBoundMs))
		<< "heartbeats seen: " << counter("asf_heartbeats");
	EXPECT_EQ(counter("asf_heartbeat_misses"), 0u);
	p.stop();
	EXPECT_EQ(counter("asf_heartbeat_misses"), 0u) << "the pause on stop ends the watch";
	EXPECT_EQ(counter("mgmt_link_losses"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Chips, Fidelity, ::testing::Values("57762", "5720"),
			 [](const auto &info) { return std::string("BCM") + info.param; });

} // namespace
