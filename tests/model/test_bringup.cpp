/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Whole-chip bring-up: the model driven from power-on to traffic by a small
 * in-test driver (bringup_driver.h) built on qdriver (like a libqos driver),
 * written from the reference's bring-up sequences, with frames going out and
 * coming back on the loopback wire (wires.h make_loop_wire):
 *   - Tg3: tg3's order and values, §12.1 probe, §12.2 chip reset with the
 *     §6.2 handshake, every numbered step of §12.3, PHY per §11.5 and MAC port
 *     mode per §11.6 driven by SD_STATUS_LINK_CHG (§11.7). The register trace
 *     is compared with tg3's milestones by expect_tg3_order().
 *   - Thundergate: the TAP driver's order and values of §12.5. 57762 only:
 *     its std-ring NIC address 0x6000 and LOW_WMARK 1 are 57765-class values
 *     (§7.3: 5717-class parts use 0x40000 or leave it alone; §5.1: tg3 writes
 *     2 there), and Thundergate is a 57762 driver.
 *   - the tg3 bring-up with one step left out or wrong, which must not loop
 *     frames, and the attention or counter that shows why.
 * Everything runs on the virtual clock; nothing sleeps.
 */
#include "bringup_driver.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim::test::bringup {
namespace {

/* ======================= fixtures ======================= */

class BringUpTest : public ModelTest {
protected:
	void SetUp() override
	{
		Config c = strict_config(GetParam());
		c.trace_capacity = kTraceEntries;
		make(c);
		arena = std::make_unique<DmaArena>(kArenaBytes16M);
		arena->attach(*dev);
		auto w = make_loop_wire();
		loop = w.get();
		dev->attach_wire(std::move(w));
		mdio = std::make_unique<Mdio>(*q, macphy::expected_phy_addr(GetParam(), c.pci_function));
		tg3 = std::make_unique<Tg3>(*dev, *q, *arena, *mdio);
	}
	/* tg3 from probe to link; false if the link never came up. */
	bool tg3_bring_up(Deviation d = Deviation::NONE)
	{
		tg3->deviation = d;
		tg3->probe();
		tg3->open();
		return tg3->wait_link();
	}
	uint64_t ctr(uint64_t Counters::*c) const { return dev->counters().*c; }
	static uint32_t total_bds(const std::vector<TxFrame> &v)
	{
		uint32_t n = 0;
		for (const TxFrame &f : v)
			n += f.bds();
		return n;
	}

	Wire *loop = nullptr;
	std::unique_ptr<Mdio> mdio;
	std::unique_ptr<Tg3> tg3;
};

class ThundergateTest : public BringUpTest {};

/* ======================= tests ======================= */

/* tg3 (§12.1-§12.3, §11.5-§11.7) brings the chip up; a mixed burst loops byte-exact. */
TEST_P(BringUpTest, Tg3OrderBringUpLoopsFrames)
{
	const PersonalityInfo &pi = dev->info();
	const bool is5720 = GetParam() == Personality::BCM5720;
	dev->set_trace(true);
	ASSERT_TRUE(tg3_bring_up()) << "no link (§11.5)";
	const std::vector<TraceEntry> trace = dev->trace();
	ASSERT_LT(trace.size(), kTraceEntries) << "the ring wrapped: the reset is lost";
	expect_tg3_order(trace);
	dev->set_trace(false);
	EXPECT_EQ(tg3->link.speed, 1000u);
	EXPECT_TRUE(tg3->link.full_duplex);

	/* The values of §12.2/§12.3 as the chip holds them. */
	EXPECT_EQ(q->reg_read(hw::GRC_MISC_CFG) & hw::GRC_MISC_CFG_PRESCALAR_MASK, 0x82u) << "prescaler 65 (§5.11)";
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MB_MACRX_LOW_WATER), 0x2Au);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MB_HIGH_WATER), 0xA0u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_THRESH), 25u);
	EXPECT_EQ(q->reg_read(hw::STD_REPLENISH_LWM), 128u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_MAXLEN_FLAGS), (pi.std_ring_entries << 16) | 0x1800u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR), is5720 ? 0x40000u : 0x6000u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), kRxPending) << "§4.3: 200 posted";
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_SEND_RCB_N(0) + hw::TG3_BDINFO_MAXLEN_FLAGS), 512u << 16);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_RCV_RET_RCB_N(pi.ret_rcbs - 1) + hw::TG3_BDINFO_MAXLEN_FLAGS),
		  hw::BDINFO_FLAGS_DISABLED);
	EXPECT_EQ(q->reg_read(hw::MAC_ADDR_3_LOW), hw::mac_addr_low(kTestMac));
	EXPECT_EQ(q->reg_read(hw::MAC_TX_BACKOFF_SEED), hw::mac_backoff_seed(kTestMac));
	EXPECT_EQ(q->reg_read(hw::MAC_RX_MTU_SIZE), 1522u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_LENGTHS) & 0xFFFFu, 0x2620u);
	if (is5720) {
		EXPECT_NE(q->reg_read(hw::MAC_TX_LENGTHS) & hw::TX_LENGTHS_JMB_FRM_LEN_MSK, 0u) << "boot-code field kept";
	}
	EXPECT_EQ(q->reg_read(hw::RCVLPC_CONFIG), 0x181u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_STATS_ENABLE) & hw::RCVLPC_STATSENAB_DACK_FIX, 0u);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE), tg3->coalesce_mode | hw::HOSTCC_MODE_ENABLE) << "NOW self-clears";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE), tg3->mac_mode) << "statistics-clear strobes self-clear (§5.1)";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE) & hw::MAC_MODE_PORT_MODE_MASK, hw::MAC_MODE_PORT_MODE_GMII) << "§11.6";
	EXPECT_EQ(q->reg_read(hw::RDMAC_MODE), tg3->rdmac_mode);
	EXPECT_EQ(q->reg_read(hw::WDMAC_MODE), 0x200003FEu) << "enable, all attentions, STATUS_TAG_FIX (§5.9)";
	EXPECT_EQ(q->reg_read(hw::GRC_LOCAL_CTRL), is5720 ? 0x01000009u : 0x01000019u)
		<< "INT_ON_ATTN | AUTO_SEEPROM (§5.11) [| GPIO_UART_SEL on the 57765 class], INT_ACTIVE: "
		   "tg3_enable_ints' forced interrupt, no ISR here";
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_MODE), is5720 ? 0x00010012u : 0x00000012u) << "LRG_RING_SZ on 5717_PLUS";
	EXPECT_EQ(q->reg_read(hw::SNDDATAI_MODE), 0x0000000Au) << "enable | HW pre-DMA (§5.3)";
	EXPECT_EQ(q->reg_read(hw::MAC_LED_CTRL), 0x800u);
	EXPECT_EQ(q->reg_read(hw::MAC_MI_STAT), hw::MAC_MI_STAT_LNKSTAT_ATTN_ENAB);
	EXPECT_EQ(q->reg_read(hw::MAC_LOW_WMARK_MAX_RX_FRAME), is5720 ? 2u : 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RCV_RULE(0)), 0x42000000u) << "tg3 writes the rules disabled (§5.1)";
	EXPECT_EQ(q->reg_read(hw::MAC_RCV_RULE(1)), 0x06000004u);
	EXPECT_EQ(q->reg_read(hw::MAC_RCV_VALUE(1)), 0x7FFFFFFFu) << "tg3: 0xffffffff & RCV_RULE_DISABLE_MASK";
	EXPECT_EQ(q->reg_read(hw::MAC_EVENT), hw::MAC_EVENT_LNKSTATE_CHANGED);
	if (is5720) {
		EXPECT_EQ(q->cfg_read(hw::TG3PCI_PCISTATE) & kApePcistate, kApePcistate) << "§12.3 step 4";
		EXPECT_EQ(q->reg_read(hw::MAC_TX_MODE) & (hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE),
			  hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE) << "boot-code bits kept (§15)";
	}
	EXPECT_EQ(q->reg_read(hw::MAC_TX_MODE) & hw::TX_MODE_MBUF_LOCKUP_FIX, hw::TX_MODE_MBUF_LOCKUP_FIX);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_MODE) & hw::RX_MODE_IPV6_CSUM_ENABLE, hw::RX_MODE_IPV6_CSUM_ENABLE);
	EXPECT_TRUE(q->reg_read(hw::MAC_RX_MODE) & hw::RX_MODE_FLOW_CTRL_ENABLE) << "pause resolved (§11.5 step 4)";
	EXPECT_EQ(q->reg_read(hw::TG3PCI_DMA_RW_CTRL),
		  (tg3->boot_dma_rwctrl | hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT) | (is5720 ? hw::DMA_RWCTRL_TAGGED_STAT_WA : 0))
		<< "boot-code watermarks and commands kept (§3)";
	EXPECT_NE(tg3->boot_dma_rwctrl & hw::DMA_RWCTRL_PCI_WRITE_CMD, 0u);
	for (uint32_t st : {hw::SNDBDS_STATUS, hw::SNDBDI_STATUS, hw::RCVDBDI_STATUS, hw::RCVBDI_STATUS, hw::HOSTCC_STATUS,
			    hw::RDMAC_STATUS, hw::WDMAC_STATUS})
		EXPECT_EQ(q->reg_read(st), 0u) << chip().regs().name_of(st);
	EXPECT_FALSE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR);

	/* Traffic. */
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	const uint32_t bds = total_bds(frames);
	const auto n = static_cast<uint16_t>(frames.size());
	EXPECT_EQ(loop->stats().tx_frames, frames.size());
	EXPECT_EQ(loop->stats().rx_frames, frames.size());
	EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_UPDATED);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), bds) << "§9.1 tx_consumer";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), n) << "§9.1 rx_producer";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_RX_STD_CONSUMER), n) << "§9.1 rx_consumer";
	EXPECT_TRUE(tg3->sentinel_intact()) << "HOSTCC_MODE_32BYTE writes 32 bytes (§9.1)";
	const std::vector<hw::RxBd> rx = tg3->reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	uint64_t octets = 0;
	for (size_t i = 0; i < rx.size(); i++) {
		SCOPED_TRACE(i);
		const TxFrame &f = frames[i];
		EXPECT_EQ(rx[i].len(), f.back.size() + kFcs) << "§8.4 length includes the FCS";
		EXPECT_EQ(rx[i].index(), 0u) << "tg3 leaves the BD index 0 (§8.2)";
		EXPECT_EQ(rx[i].opaque, hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, static_cast<uint32_t>(i)));
		EXPECT_EQ(rx[i].addr(), tg3->buf[i]);
		EXPECT_EQ(rx[i].flags(), f.rx_flags);
		EXPECT_EQ(rx[i].err(), 0u);
		if (f.rx_flags & hw::RXD_FLAG_TCPUDP_CSUM) {
			EXPECT_EQ(rx[i].ip_tcp_csum, 0xFFFFFFFFu) << "§10.1: 0xFFFF = correct";
		}
		EXPECT_EQ(tg3->data(rx[i]), f.back);
		octets += f.back.size() + kFcs;
	}
	/* §5.2 statistics (read once: clear-on-read). */
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_OCTETS), octets);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), n - 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_BCAST), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_OCTETS), octets);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), n - 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_BCAST), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FCS_ERRORS), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 0u);

	/* tg3 is not promiscuous: a frame for another station does not come back (§5.1 filter). */
	TxFrame foreign;
	foreign.tx = foreign.back = plain(kForeignMac, 100, 0x70);
	tg3->send({foreign});
	EXPECT_EQ(loop->stats().rx_frames, frames.size() + 1);
	EXPECT_EQ(ctr(&Counters::mac_rx_filtered), 1u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), bds + 1u);
	EXPECT_TRUE(tg3->reap(0).empty());
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), 0u);
}

/* The order helper is not vacuous: it rejects swapped, missing and probe-only milestones. */
TEST(BringUpOrder, Tg3OrderHelperRejectsOtherOrders)
{
	constexpr uint32_t kOtherBit = 0x00100000; /* milestone values carry more than the bits checked */
	std::vector<TraceEntry> good;
	auto w = [](uint32_t off, uint32_t val) { return TraceEntry{0, TraceEntry::Space::BAR0, 'W', off, val, "?"}; };
	good.push_back(w(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE)); /* probe time (§12.1 step 4) */
	good.push_back(w(hw::GRC_MODE, hw::TG3_GRC_MODE_SWAP_LE));
	for (const Milestone &m : kTg3Milestones)
		good.push_back(w(m.lo, m.need | kOtherBit));
	EXPECT_TRUE(tg3_order_violations(good).empty());

	std::vector<TraceEntry> swapped = good; /* RDMAC before WDMAC */
	const auto wd = std::find_if(swapped.begin(), swapped.end(),
				     [](const TraceEntry &e) { return e.offset == hw::WDMAC_MODE; });
	std::iter_swap(wd, wd + 1);
	ASSERT_EQ(swapped[wd - swapped.begin()].offset, hw::RDMAC_MODE);
	EXPECT_EQ(tg3_order_violations(swapped).size(), 1u);

	std::vector<TraceEntry> no_bufmgr = good; /* BUFMGR written but never enabled */
	for (TraceEntry &e : no_bufmgr)
		if (e.offset == hw::BUFMGR_MODE)
			e.value = 0;
	const auto v = tg3_order_violations(no_bufmgr);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_NE(v[0].find("BUFMGR"), std::string::npos);

	std::vector<TraceEntry> late_reset = good; /* a second reset after everything: nothing follows it */
	late_reset.push_back(w(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET));
	EXPECT_EQ(tg3_order_violations(late_reset).size(), std::size(kTg3Milestones) - 1);
	EXPECT_EQ(tg3_order_violations({}).size(), 1u);
}

/* §12.3 step 9 left out: the engines never start, nothing is fetched or sent. */
TEST_P(BringUpTest, WithoutBufmgrEnableNothingMoves)
{
	dev->set_trace(true);
	ASSERT_TRUE(tg3_bring_up(Deviation::NO_BUFMGR_ENABLE)) << "the PHY does not need the buffer manager";
	const auto v = tg3_order_violations(dev->trace());
	ASSERT_EQ(v.size(), 1u);
	EXPECT_NE(v[0].find("BUFMGR"), std::string::npos);
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MODE) & hw::BUFMGR_MODE_ENABLE, 0u) << "why: the buffer manager is off";
	EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(0)), 0u) << "the send BD initiator never saw the producer";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_EQ(ctr(&Counters::tx_frames), 0u);
	EXPECT_EQ(loop->stats().tx_frames, 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), 0u);
}

/* §12.3 step 12 left out: frames come back to the MAC but find no buffer (§4.3, §14.2). */
TEST_P(BringUpTest, WithoutStdProducerFramesFindNoBuffer)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::NO_STD_PRODUCER));
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), total_bds(frames)) << "the send side works";
	EXPECT_EQ(loop->stats().rx_frames, frames.size()) << "and the frames came back to the MAC";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_RX_STD_CONSUMER), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 0u) << "waiting on chip, none lost yet";
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), frames.size() - 1) << "the MAC did receive them";
	EXPECT_TRUE(tg3->reap(0).empty());
	/* The step done late: the frames waiting on chip are placed in order. */
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, kRxPending);
	q->delay(kTrafficNs);
	const std::vector<hw::RxBd> rx = tg3->reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	for (size_t i = 0; i < rx.size(); i++)
		EXPECT_EQ(tg3->data(rx[i]), frames[i].back) << i;
}

/* §12.3 step 13 with a 500-entry send RCB (§7.2: powers of two only): the selector raises its attention. */
TEST_P(BringUpTest, SendRcbNotPowerOfTwoRaisesAttention)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::SEND_RCB_500));
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(ctr(&Counters::tx_bad_ring), 1u) << "why: invalid ring size";
	EXPECT_EQ(q->reg_read(hw::SNDBDS_STATUS) & hw::SNDBDS_STATUS_ERROR_ATTN, hw::SNDBDS_STATUS_ERROR_ATTN);
	EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR) << "§9.1 error attention";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 0u);
	EXPECT_EQ(ctr(&Counters::tx_frames), 0u);
	EXPECT_EQ(loop->stats().tx_frames, 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
}

/*
 * The fault tg3 resets for (tg3_process_error, tg3_reset_task; §5.9, §9.1):
 * a refused DMA sets RDMAC/WDMAC_STATUS and, with tg3's attention enables,
 * SD_STATUS_ERROR in the status block. tg3_init_hw again (core reset, §12.2)
 * clears both, and the same frames loop.
 */
TEST_P(BringUpTest, DmaFaultRaisesTheErrorTg3ResetsFor)
{
	ASSERT_TRUE(tg3_bring_up());
	Faults f;
	f.dma_errors = 1;
	dev->set_faults(f);
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(ctr(&Counters::dma_faults), 1u);
	EXPECT_NE((q->reg_read(hw::RDMAC_STATUS) | q->reg_read(hw::WDMAC_STATUS)) & hw::RDMAC_STATUS_MSTABORT, 0u)
		<< "§5.9 master abort";
	EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR) << "§9.1 error attention";

	/* tg3_reset_task: host rings re-initialised (tg3_init_rings), then tg3_init_hw. */
	tg3->tx_prod = 0;
	tg3->ret_cons.fill(0);
	tg3->open();
	ASSERT_TRUE(tg3->wait_link());
	EXPECT_EQ(q->reg_read(hw::RDMAC_STATUS), 0u) << "core reset clears it";
	EXPECT_EQ(q->reg_read(hw::WDMAC_STATUS), 0u);
	tg3->send(frames);
	EXPECT_FALSE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR);
	const std::vector<hw::RxBd> rx = tg3->reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	for (size_t i = 0; i < rx.size(); i++)
		EXPECT_EQ(tg3->data(rx[i]), frames[i].back) << i;
}

/* §11.6 done wrong: MII on a 1000 Mbit/s link. The engine sends, the MAC cannot. */
TEST_P(BringUpTest, MiiPortModeAtGigabitPutsNothingOnTheWire)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::PORT_MODE_MII));
	EXPECT_EQ(tg3->link.speed, 1000u) << "AUX_STAT says gigabit";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE) & hw::MAC_MODE_PORT_MODE_MASK, hw::MAC_MODE_PORT_MODE_MII);
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), total_bds(frames)) << "BDs are still completed";
	EXPECT_EQ(ctr(&Counters::tx_mac_refused), frames.size());
	EXPECT_EQ(ctr(&Counters::mac_tx_dropped), frames.size());
	EXPECT_GE(ctr(&Counters::mac_port_mode_mismatch), frames.size()) << "why: port mode vs link speed";
	EXPECT_EQ(loop->stats().tx_frames, 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
}

/*
 * §12.3 step 29 without RCVDBDI_MODE_LRG_RING_SZ. The 5720's 2048-entry std
 * ring needs it (the model's reading of tg3's LRG_PROD_RING_CAP, §5.4): the
 * ring is refused with INV_RING_SZ. The 57762's 512 entries do not: frames loop.
 */
TEST_P(BringUpTest, StdRingWithoutLrgRingSize)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::NO_LRG_RING_SZ));
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(loop->stats().rx_frames, frames.size());
	if (GetParam() == Personality::BCM5720) {
		EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
		EXPECT_EQ(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_INV_RING_SZ, hw::RCVDBDI_STATUS_INV_RING_SZ);
		EXPECT_GE(ctr(&Counters::rx_bad_ring), frames.size());
		EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), frames.size());
		EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR);
	} else {
		EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), frames.size());
		EXPECT_EQ(q->reg_read(hw::RCVDBDI_STATUS), 0u);
	}
}

/* Thundergate's §12.5 order and values on the 57762; promiscuous, runts accepted, RSS on ring 0. */
TEST_P(ThundergateTest, ThundergateBringUpLoopsFrames)
{
	Thundergate tgd(*dev, *q, *arena, *mdio);
	tgd.bring_up();
	ASSERT_TRUE(tgd.link_detect()) << "1000/full expected against the default partner";
	EXPECT_EQ(q->reg_read(hw::RCVLPC_CONFIG), 0x181u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_LENGTHS), 0x2620u);
	EXPECT_EQ(q->reg_read(hw::MAC_RCV_RULE_CFG), hw::RCV_RULE_CFG_DEFAULT_CLASS);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_MAXLEN_FLAGS), (128u << 16) | (0x600u << 2));
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE),
		  hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_32BYTE | hw::HOSTCC_MODE_CLRTICK_RXBD);
	EXPECT_EQ(hw::field_get(hw::DMA_RWCTRL_WRITE_WATER, q->reg_read(hw::TG3PCI_DMA_RW_CTRL)), kTgDmaWriteWater);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), kTgStdEntries - 1) << "N - 1 posted";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE) & (hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX),
		  hw::MAC_MODE_PORT_MODE_GMII);

	/* Promiscuous: station, foreign and broadcast frames all come back; a TCP frame is checksummed. */
	std::vector<TxFrame> frames;
	auto add = [&frames](Frame f, std::vector<uint32_t> split = {}) {
		TxFrame t;
		t.back = f;
		t.tx = std::move(f);
		t.split = std::move(split);
		frames.push_back(std::move(t));
	};
	add(plain(kTestMac, 64, 1));
	add(plain(kForeignMac, 300, 2), {100, 200});
	add(plain(kBroadcast, 1000, 3));
	const Pkt p = engines::make_pkt(false, engines::kTcp, 200);
	add(p.f);
	frames.back().rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM | hw::RXD_FLAG_IS_TCP;
	/* Longest frame under Thundergate's MAC_RX_MTU_SIZE 1500 (with FCS): fine. */
	add(plain(kTestMac, kTgRxMtu - kFcs, 4));
	/* A runt (56 bytes + host FCS via TXD_FLAG_NO_CRC): RX_MODE_ACCEPT_RUNTS keeps it, flagged. */
	Frame runt = plain(kTestMac, kEthZlen, 6);
	add(runt);
	frames.back().flags = hw::TXD_FLAG_NO_CRC;
	frames.back().back.resize(kEthZlen - kFcs);
	frames.back().rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_ERROR;

	tgd.send(frames);
	EXPECT_EQ(loop->stats().tx_frames, frames.size());
	const auto n = static_cast<uint16_t>(frames.size());
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), total_bds(frames));
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), n);
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_RX_STD_CONSUMER), n);
	for (unsigned r = 1; r < kTgRetRings; r++)
		EXPECT_EQ(tgd.sb16(hw::StatusBlock::ret_ring_producer_offset(r)), 0u) << "RSS remap slot of ring " << r;
	EXPECT_TRUE(tgd.sentinel_intact());
	const std::vector<hw::RxBd> rx = tgd.reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	for (size_t i = 0; i < rx.size(); i++) {
		SCOPED_TRACE(i);
		EXPECT_EQ(rx[i].index(), i) << "§8.4: the producer BD's index (Thundergate finds its buffer with it)";
		EXPECT_EQ(rx[i].opaque, 0u);
		EXPECT_EQ(rx[i].len(), frames[i].back.size() + kFcs);
		EXPECT_EQ(rx[i].flags(), frames[i].rx_flags);
		EXPECT_EQ(tgd.data(rx[i]), frames[i].back);
	}
	EXPECT_EQ(rx[5].err(), hw::RXD_ERR_TOO_SMALL);
	/* A maximal 1514-byte frame is 1518 with FCS > Thundergate's 1500, and it does not set
	 * RX_MODE_ACCEPT_OVERSIZED: the MAC counts FRAME_TOO_LONG and discards it (mac.cpp). */
	TxFrame big;
	big.tx = plain(kTestMac, kMaxFrame, 5);
	big.split = {1000, kMaxFrame - 1000};
	tgd.send({big});
	EXPECT_TRUE(tgd.reap(0).empty());
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FRAME_TOO_LONG), 1u);
	EXPECT_EQ(ctr(&Counters::mac_rx_oversize_dropped), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UNDERSIZE), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_BCAST), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), 4u) << "good unicast frames, the foreign one included";
	EXPECT_EQ(ctr(&Counters::mac_rx_filtered), 0u);

	/* RSS hashing on (tg3's hash types) with Thundergate's unwritten key and table: still ring 0. */
	q->reg_write(hw::MAC_RX_MODE, q->reg_read(hw::MAC_RX_MODE) | hw::TG3_RX_MODE_RSS_BITS);
	std::vector<TxFrame> tcp;
	for (uint8_t s = 0; s < 8; s++) {
		TxFrame t;
		Pkt f = engines::make_pkt(s & 1, engines::kTcp, 64 + s, s);
		t.tx = t.back = f.f;
		tcp.push_back(std::move(t));
	}
	tgd.send(tcp);
	EXPECT_EQ(ctr(&Counters::rx_rss_hashed), tcp.size());
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), n + tcp.size());
	for (unsigned r = 1; r < kTgRetRings; r++)
		EXPECT_EQ(tgd.sb16(hw::StatusBlock::ret_ring_producer_offset(r)), 0u) << r;
	EXPECT_EQ(tgd.reap(0).size(), tcp.size());
}

TG57XX_BOTH_CHIPS(BringUpTest);
INSTANTIATE_TEST_SUITE_P(Chips, ThundergateTest, ::testing::Values(Personality::BCM57762), personality_name);

} // namespace
} // namespace tg57xx::sim::test::bringup
