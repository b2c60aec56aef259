/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The receive path (§5.4, §7, §8.2-§8.4, §10.1, §10.3, §10.5, §10.6, §14.2):
 * frames injected on the wire land in posted buffers, return BDs are checked
 * word for word, status-block indexes through host coalescing.
 */
#include "engine_util.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "rx_pool.h"

namespace tg57xx::sim::test::engines {
namespace {

/* §8.4 flag combinations the tests expect. */
constexpr uint32_t kEnd = hw::RXD_FLAG_END;
constexpr uint32_t kIp4Tcp = kEnd | hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM | hw::RXD_FLAG_IS_TCP;
constexpr uint32_t kIp4Udp = kEnd | hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM;
constexpr uint32_t kIp6Tcp = kEnd | hw::RXD_FLAG_TCPUDP_CSUM | hw::RXD_FLAG_IS_TCP | hw::BGE_RXBDFLAG_IPV6;
constexpr uint32_t kGood = 0xFFFFFFFF; /* ip_tcp_csum of a correct IPv4 TCP/UDP frame */

class RxTest : public EngineTest {
protected:
	void SetUp() override
	{
		EngineTest::SetUp();
		bring_up();
	}
	const uint8_t *std_buf(uint32_t i) const { return arena->at<uint8_t>(std_bufs[i]); }
	Frame std_data(uint32_t i, uint32_t len) const { return Frame(std_buf(i), std_buf(i) + len); }
	/* Host side of tg3_rx: give buffers back and move the return consumer (§14.2 steps 4, 1). */
	void host_consume(uint32_t ret_cons, uint32_t std_posted_to)
	{
		std_prod = std_posted_to % cfg.std_size;
		q->reg_write(ret_con_mailbox(0), ret_cons % cfg.ret_size);
		q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, std_prod);
	}
	Frame tagged(const Frame &f, uint16_t tci)
	{
		Frame t(f.begin(), f.begin() + 12);
		const uint8_t tag[4] = {0x81, 0x00, static_cast<uint8_t>(tci >> 8), static_cast<uint8_t>(tci)};
		t.insert(t.end(), tag, tag + 4);
		t.insert(t.end(), f.begin() + 12, f.end());
		return t;
	}
};

/* ---- registers (§5.4) ---- */

class RxRegsTest : public EngineTest {};

TEST_P(RxRegsTest, ResetValues)
{
	const bool is5720 = GetParam() == Personality::BCM5720;
	EXPECT_EQ(q->reg_read(hw::RCVLPC_STATS_ENABLE), 0x007BFFFFu) << "Thundergate's assertion (§5.4)";
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_MINI_BD + hw::TG3_BDINFO_MAXLEN_FLAGS), hw::BDINFO_FLAGS_DISABLED);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR), is5720 ? 0x00040000u : 0x00006000u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_NIC_ADDR), is5720 ? 0x00044400u : 0x00007000u);
	for (uint32_t reg : {hw::RCVLPC_CONFIG, hw::RCVLPC_STATSCTRL, hw::RCVDBDI_STD_CON_IDX, hw::RCVDBDI_JUMBO_CON_IDX,
			     hw::RCVBDI_STD_PROD_IDX, hw::RCVBDI_STD_THRESH, hw::STD_REPLENISH_LWM, hw::RCVCC_STD_PROD_IDX,
			     hw::RCVLPC_NO_RCV_BD_CNT, hw::RCVLPC_IN_DISCARDS_CNT, hw::RCVLPC_IN_ERRORS_CNT})
		EXPECT_EQ(q->reg_read(reg), 0u) << chip().regs().name_of(reg);
	for (unsigned n = 0; n < hw::TG3_NUM_RING_IDX_REGS; n++)
		EXPECT_EQ(q->reg_read(hw::RCVDBDI_BD_PROD_IDX(n)), 0u);
	/* tg3 §5.4 thresholds read back. */
	q->reg_write(hw::RCVBDI_STD_THRESH, 25);
	q->reg_write(hw::STD_REPLENISH_LWM, hw::TG3_SRAM_RX_STD_BDCACHE_SIZE_5700);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_THRESH), 25u);
	EXPECT_EQ(q->reg_read(hw::STD_REPLENISH_LWM), 128u);
}

TG57XX_BOTH_CHIPS(RxRegsTest);

/* ---- placement and the return BD (§8.4) ---- */

TEST_P(RxTest, TcpFrameLandsInTheStdBufferWithAnExactReturnBd)
{
	Pkt a = make_pkt(false, kTcp, 100), b = make_pkt(false, kTcp, 20, 0x77);
	inject(a.f);
	inject(b.f);
	EXPECT_EQ(std_data(0, a.f.size()), a.f);
	EXPECT_EQ(std_data(1, b.f.size()), b.f);
	const hw::RxBd r0 = ret_bd(0), r1 = ret_bd(1);
	EXPECT_EQ(r0.addr_hi, static_cast<uint32_t>(std_bufs[0] >> 32));
	EXPECT_EQ(r0.addr_lo, static_cast<uint32_t>(std_bufs[0]));
	EXPECT_EQ(r0.idx_len, (0u << 16) | (a.f.size() + 4)) << "length includes the FCS";
	EXPECT_EQ(r0.type_flags, kIp4Tcp);
	EXPECT_EQ(r0.ip_tcp_csum, kGood);
	EXPECT_EQ(r0.err_vlan, 0u);
	EXPECT_EQ(r0.reserved, 0u);
	EXPECT_EQ(r0.opaque, hw::RXD_OPAQUE_RING_STD | 0u);
	EXPECT_EQ(r1.addr_lo, static_cast<uint32_t>(std_bufs[1]));
	EXPECT_EQ(r1.idx_len, (1u << 16) | (b.f.size() + 4));
	EXPECT_EQ(r1.opaque, hw::RXD_OPAQUE_RING_STD | 1u);
	/* §9.1 status block and the diagnostic copies. */
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 2u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_STD_CONSUMER), 2u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_CON_IDX), 2u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_BD_PROD_IDX(0)), 2u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), 64u);
	EXPECT_EQ(ctr(&Counters::rx_frames), 2u);
}

TEST_P(RxTest, ReturnBdCopiesTheProducerIndexAndOpaqueVerbatim)
{
	hw::RxBd &bd = arena->at<hw::RxBd>(std_ring)[0];
	bd.idx_len = (0x0ABCu << 16) | cfg.std_buf;
	bd.opaque = 0xDEADBEEF;
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(ret_bd(0).idx_len >> 16, 0x0ABCu);
	EXPECT_EQ(ret_bd(0).opaque, 0xDEADBEEFu);
}

/* Paced (Config::pace_line_rate) the MAC takes a frame off the wire only once the
 * previous one's wire time has passed (mac.cpp); the engine is woken for it. */
TEST_P(RxTest, LineRatePacingTakesFramesOffTheWireAWireTimeApart)
{
	redo_paced();
	const Frame f = make_pkt(false, kUdp, 1000).f;
	/* frame + FCS + preamble/SFD + IFG at 1 Gbit/s, 1 ns per bit. */
	const uint64_t frame_ns = (f.size() + 4 + 8 + 12) * 8;
	wire->clock = [this] { return chip().now_ns(); }; /* under the chip lock: no Device call */
	for (int i = 0; i < 3; i++)
		wire->rx.push_back(f);
	const uint64_t t0 = dev->now_ns();
	dev->step();
	EXPECT_EQ(ctr(&Counters::rx_frames), 1u);
	EXPECT_EQ(wire->rx.size(), 2u) << "the rest wait on the wire";
	q->delay(frame_ns - 1);
	EXPECT_EQ(ctr(&Counters::rx_frames), 1u);
	q->delay(frame_ns * 2);
	EXPECT_EQ(ctr(&Counters::rx_frames), 3u);
	EXPECT_EQ(std_data(2, f.size()), f);
	const std::vector<uint64_t> want = {t0, t0 + frame_ns, t0 + 2 * frame_ns};
	EXPECT_EQ(wire->rx_times, want) << "each frame as soon as the line is free (a timer wakes the engine)";
}

/* ---- checksums (§10.1) ---- */

TEST_P(RxTest, CorruptedTcpPayloadReportsTheComputedSum)
{
	Pkt p = make_pkt(false, kTcp, 64);
	p.f[p.l4 + kTcpHdr + 3] ^= 0x5A;
	const uint16_t want = p.l4_verify();
	ASSERT_NE(want, 0xFFFF);
	inject(p.f);
	const hw::RxBd r = ret_bd(0);
	EXPECT_EQ(r.type_flags, kIp4Tcp) << "computed, just not good";
	EXPECT_EQ(r.ip_csum(), 0xFFFF);
	EXPECT_EQ(r.tcp_csum(), want);
	EXPECT_EQ(r.err_vlan, 0u) << "an L4 checksum is not a frame error";
}

TEST_P(RxTest, UdpGoodAndIpHeaderBad)
{
	inject(make_pkt(false, kUdp, 33).f);
	EXPECT_EQ(ret_bd(0).type_flags, kIp4Udp);
	EXPECT_EQ(ret_bd(0).ip_tcp_csum, kGood);
	Pkt p = make_pkt(false, kUdp, 33);
	p.ip()[8] = 1; /* TTL changed, checksum not updated */
	const uint16_t ip_sum = p.ip_verify();
	inject(p.f);
	const hw::RxBd r = ret_bd(1);
	EXPECT_EQ(r.ip_csum(), ip_sum);
	EXPECT_EQ(r.err_vlan, hw::BGE_RXERRFLAG_IP_CSUM_NOK << 16) << "FreeBSD's 57765_PLUS IP_CSUM_NOK (§8.4)";
	EXPECT_FALSE(r.type_flags & hw::RXD_FLAG_ERROR);
	EXPECT_FALSE(r.has_error()) << "tg3's RXD_ERR_MASK does not drop it";
}

TEST_P(RxTest, CorruptedUdpPayloadReportsTheComputedSum)
{
	Pkt p = make_pkt(false, kUdp, 64);
	p.f[p.l4 + kUdpHdr] ^= 0xFF;
	const uint16_t want = p.l4_verify();
	ASSERT_NE(want, 0xFFFF);
	inject(p.f);
	EXPECT_EQ(ret_bd(0).type_flags, kIp4Udp);
	EXPECT_EQ(ret_bd(0).ip_tcp_csum, 0xFFFF0000u | want);
}

TEST_P(RxTest, Ipv4FragmentGetsNoL4Check)
{
	Pkt p = make_pkt(false, kUdp, 40);
	put16(p.ip() + 6, 0x2000); /* MF */
	p.fix();
	inject(p.f);
	EXPECT_EQ(ret_bd(0).type_flags, kEnd | hw::RXD_FLAG_IP_CSUM);
	EXPECT_EQ(ret_bd(0).ip_tcp_csum, 0xFFFF0000u);
}

TEST_P(RxTest, Ipv6TcpNeedsIpv6CsumEnable)
{
	Pkt p = make_pkt(true, kTcp, 99);
	inject(p.f);
	EXPECT_EQ(ret_bd(0).type_flags, kIp6Tcp);
	EXPECT_EQ(ret_bd(0).ip_tcp_csum, 0x0000FFFFu);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE); /* IPV6_CSUM_ENABLE clear */
	inject(p.f);
	EXPECT_EQ(ret_bd(1).type_flags, kEnd);
	EXPECT_EQ(ret_bd(1).ip_tcp_csum, 0u);
}

TEST_P(RxTest, NoRxPhdrCsumLeavesThePseudoHeaderOut)
{
	q->reg_write(hw::GRC_MODE, q->reg_read(hw::GRC_MODE) | hw::GRC_MODE_NO_RX_PHDR_CSUM);
	Pkt p = make_pkt(false, kTcp, 50);
	inject(p.f);
	EXPECT_EQ(ret_bd(0).tcp_csum(), ref_sum(p.l4p(), p.l4_len));
	EXPECT_NE(ret_bd(0).tcp_csum(), 0xFFFF);
}

/* ---- VLAN (§10.3) ---- */

TEST_P(RxTest, VlanTagIsStrippedAndReported)
{
	Pkt p = make_pkt(false, kTcp, 80);
	inject(tagged(p.f, 0x6064));
	EXPECT_EQ(std_data(0, p.f.size()), p.f) << "the buffer holds the untagged frame";
	const hw::RxBd r = ret_bd(0);
	EXPECT_EQ(r.len(), p.f.size() + 4) << "length excludes the tag, includes the FCS";
	EXPECT_EQ(r.type_flags, kIp4Tcp | hw::RXD_FLAG_VLAN);
	EXPECT_EQ(r.err_vlan, 0x6064u);
	EXPECT_EQ(r.ip_tcp_csum, kGood);
	EXPECT_EQ(ctr(&Counters::rx_vlan_stripped), 1u);
}

TEST_P(RxTest, KeepVlanTagLeavesItAndStillChecksums)
{
	q->reg_write(hw::MAC_RX_MODE, q->reg_read(hw::MAC_RX_MODE) | hw::RX_MODE_KEEP_VLAN_TAG);
	Pkt p = make_pkt(false, kUdp, 80);
	const Frame t = tagged(p.f, 0x0005);
	inject(t);
	EXPECT_EQ(std_data(0, t.size()), t);
	const hw::RxBd r = ret_bd(0);
	EXPECT_EQ(r.len(), t.size() + 4);
	EXPECT_EQ(r.type_flags, kIp4Udp);
	EXPECT_EQ(r.err_vlan, 0u);
	EXPECT_EQ(r.ip_tcp_csum, kGood);
}

/* ---- frame errors (§8.4) ---- */

TEST_P(RxTest, BadFcsIsDeliveredFlagged)
{
	Faults f;
	f.corrupt_frames = 1;
	dev->set_faults(f);
	inject(make_pkt(false, kTcp, 30).f);
	const hw::RxBd r = ret_bd(0);
	EXPECT_EQ(r.err_vlan, hw::RXD_ERR_BAD_CRC);
	EXPECT_TRUE(r.type_flags & hw::RXD_FLAG_ERROR);
	EXPECT_TRUE(r.has_error());
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_ERRORS_CNT), 1u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_ERRORS_CNT), 0u) << "clear on read";
}

TEST_P(RxTest, AcceptedRuntAndOversizeCarryTheirErrorBits)
{
	q->reg_write(hw::MAC_RX_MODE, q->reg_read(hw::MAC_RX_MODE) | hw::RX_MODE_ACCEPT_RUNTS);
	inject(macphy::make_frame(kDst, 50, 0x88B5));
	EXPECT_EQ(ret_bd(0).err_vlan, hw::RXD_ERR_TOO_SMALL);
	EXPECT_EQ(ret_bd(0).type_flags, kEnd | hw::RXD_FLAG_ERROR);
	inject(macphy::make_frame(kDst, 1530, 0x88B5)); /* 1534 > MAC_RX_MTU_SIZE 1522 */
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u) << "oversized, not accepted: discarded by the MAC";
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FRAME_TOO_LONG), 1u);
	q->reg_write(hw::MAC_RX_MODE, q->reg_read(hw::MAC_RX_MODE) | hw::RX_MODE_ACCEPT_OVERSIZED);
	inject(macphy::make_frame(kDst, 1530, 0x88B5));
	EXPECT_EQ(ret_bd(1).err_vlan, hw::RXD_ERR_HUGE_FRAME);
	EXPECT_EQ(ret_bd(1).type_flags & hw::RXD_FLAG_ERROR, hw::RXD_FLAG_ERROR);
	EXPECT_EQ(ret_bd(1).len(), 1534u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FRAME_TOO_LONG), 1u) << "kept, still counted";
}

/* ---- drops: no buffer, ring full, too big, bad ring ---- */

TEST_P(RxTest, NoPostedBufferHoldsTheFrameUntilBuffersArrive)
{
	BringUp o;
	o.std_posted = 0;
	redo(o);
	const Pkt p = make_pkt(false, kUdp, 30);
	inject(p.f);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 0u) << "rxbds_empty counts frames lost, not waiting";
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), 0u) << "waiting in the mbuf pool, not lost";
	/* Buffers posted: the held frame lands. */
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 8);
	dev->step();
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u);
	EXPECT_EQ(ret_bd(0).opaque, hw::RXD_OPAQUE_RING_STD | 0u);
	EXPECT_EQ(std_data(0, p.f.size()), p.f);
	EXPECT_EQ(ctr(&Counters::rx_no_bd_drops), 0u);
}

TEST_P(RxTest, FullMbufPoolLosesFramesInArrivalOrder)
{
	/* 40 KiB of pool (Thundergate's 57762 rxmbuf area, §6.1): 40 frames of 1000 + 4 bytes. */
	BringUp o;
	o.std_posted = 0;
	redo(o);
	for (int i = 0; i < 60; i++) {
		Frame f = macphy::make_frame(kDst, 1000, 0x88B5);
		f[20] = static_cast<uint8_t>(i);
		wire->rx.push_back(f);
	}
	dev->step();
	EXPECT_EQ(ctr(&Counters::rx_no_bd_drops), 20u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), 20u);
	/* Issue 11: every frame lost for want of a buffer, not the one episode of an empty ring. */
	EXPECT_EQ(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 20u) << "rxbds_empty (§5.2)";
	EXPECT_EQ(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 0u) << "clear on read";
	EXPECT_TRUE(q->reg_read(hw::HOSTCC_FLOW_ATTN) & hw::HOSTCC_FLOW_ATTN_MBUF_LWM);
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 64);
	dev->step();
	ASSERT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 40u);
	for (uint32_t i = 0; i < 40; i++)
		EXPECT_EQ(std_buf(i)[20], i) << "the first 40 frames, in order";
}

/*
 * Flow control (§5.8, IEEE 802.3 Annex 31B): with TX_MODE_FLOW_CTRL_ENABLE the
 * MAC sends an XOFF (pause_time 0xFFFF, from MAC_ADDR_0) once the receive
 * pool's free 128-byte mbufs fall below BUFMGR_MB_MACRX_LOW_WATER (tg3's
 * 0x2A here), again every half pause time while they stay at or below
 * BUFMGR_MB_HIGH_WATER (0xA0), and an XON once they rise above it. This test
 * wire's partner ignores PAUSE: the pool still overflows, as in
 * FullMbufPoolLosesFramesInArrivalOrder.
 */
TEST_P(RxTest, FillingPoolSendsXoffThenXonWithTransmitFlowControl)
{
	BringUp o;
	o.std_posted = 0;
	redo(o);
	q->reg_write(hw::MAC_TX_MODE, q->reg_read(hw::MAC_TX_MODE) | hw::TX_MODE_FLOW_CTRL_ENABLE);
	q->reg_write(hw::BUFMGR_MB_MACRX_LOW_WATER, hw::DEFAULT_MB_MACRX_LOW_WATER_57765); /* tg3_reset_hw, §5.8 */
	q->reg_write(hw::BUFMGR_MB_HIGH_WATER, hw::DEFAULT_MB_HIGH_WATER_57765);
	const auto quanta_of = [](const Frame &f) { return static_cast<uint16_t>(f[16] << 8 | f[17]); };
	/* 40 KiB = 320 mbufs; free < 42 once 35 frames of 1000 + 4 bytes wait (320 - 35 * 1004 / 128 = 45.5). */
	for (int i = 0; i < 35; i++)
		wire->rx.push_back(macphy::make_frame(kDst, 1000, 0x88B5));
	dev->step();
	EXPECT_TRUE(wire->tx.empty()) << "35 frames leave 45 mbufs free: above the low watermark";
	wire->rx.push_back(macphy::make_frame(kDst, 1000, 0x88B5));
	dev->step();
	ASSERT_EQ(wire->tx.size(), 1u) << "the 36th frame takes the pool below the low watermark";
	const Frame &xoff = wire->tx[0];
	ASSERT_EQ(xoff.size(), 60u);
	const uint8_t head[] = {0x01, 0x80, 0xC2, 0x00, 0x00, 0x01, 0x00, 0x10, 0x18, 0xAB, 0xCD, 0x02, 0x88, 0x08, 0x00, 0x01};
	EXPECT_TRUE(std::equal(std::begin(head), std::end(head), xoff.begin())) << "to the PAUSE address, from MAC_ADDR_0";
	EXPECT_EQ(quanta_of(xoff), 0xFFFFu);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_XOFF_SENT), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_MCAST), 0u) << "a PAUSE frame is not a data frame";
	EXPECT_TRUE(q->reg_read(hw::MAC_TX_STATUS) & hw::TX_STATUS_SENT_XOFF);
	/* 65535 quanta of 512 ns at 1 Gbit/s; again at half that while the pool stays full. */
	constexpr uint64_t kXoffNs = 65535ull * 512;
	q->delay(kXoffNs / 2 - 1000);
	EXPECT_EQ(wire->tx.size(), 1u);
	q->delay(1000);
	ASSERT_EQ(wire->tx.size(), 2u) << "refreshed before the partner's pause runs out";
	EXPECT_EQ(quanta_of(wire->tx[1]), 0xFFFFu);
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 64);
	dev->step();
	ASSERT_EQ(wire->tx.size(), 3u) << "the pool drained: XON";
	EXPECT_EQ(quanta_of(wire->tx[2]), 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_XON_SENT), 1u);
	EXPECT_TRUE(q->reg_read(hw::MAC_TX_STATUS) & hw::TX_STATUS_SENT_XON);
	q->delay(kXoffNs);
	EXPECT_EQ(wire->tx.size(), 3u) << "nothing more once the pool has room";
}

/* Without transmit flow control the MAC sends no PAUSE, however full the pool. */
TEST_P(RxTest, NoPauseWithoutTransmitFlowControl)
{
	BringUp o;
	o.std_posted = 0;
	redo(o);
	for (int i = 0; i < 60; i++)
		wire->rx.push_back(macphy::make_frame(kDst, 1000, 0x88B5));
	dev->step();
	EXPECT_EQ(ctr(&Counters::rx_no_bd_drops), 20u);
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_XOFF_SENT), 0u);
}

TEST_P(RxTest, FullReturnRingHoldsBackAndResumesAfterTheConsumerMoves)
{
	BringUp o;
	o.ret_size = 32;
	redo(o);
	for (int i = 0; i < 33; i++)
		wire->rx.push_back(make_pkt(false, kUdp, 30, static_cast<uint8_t>(i)).f);
	dev->step();
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 31u) << "one slot stays empty (§4.3)";
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_STD_CONSUMER), 31u) << "waiting frames took no buffer";
	EXPECT_EQ(ctr(&Counters::rx_ret_ring_full_drops), 0u);
	host_consume(31, 64 + 31);
	dev->step();
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u) << "the two held frames, producer wrapped";
	EXPECT_EQ(ret_bd(31).opaque, hw::RXD_OPAQUE_RING_STD | 31u);
	EXPECT_EQ(ret_bd(0).opaque, hw::RXD_OPAQUE_RING_STD | 32u);
	inject(make_pkt(false, kUdp, 30, 0xAA).f);
	EXPECT_EQ(ret_bd(1).opaque, hw::RXD_OPAQUE_RING_STD | 33u);
}

TEST_P(RxTest, StdRingWrapsAroundIts32Entries)
{
	BringUp o;
	o.std_size = 32;
	o.std_posted = 31;
	redo(o);
	uint32_t delivered = 0;
	for (int round = 0; round < 4; round++) {
		for (int k = 0; k < 20; k++)
			wire->rx.push_back(make_pkt(false, kTcp, 10, static_cast<uint8_t>(delivered + k)).f);
		dev->step();
		for (int k = 0; k < 20; k++) {
			const hw::RxBd r = ret_bd(delivered + k);
			EXPECT_EQ(r.opaque, hw::RXD_OPAQUE_RING_STD | ((delivered + k) % 32)) << "frame " << delivered + k;
			EXPECT_EQ(r.ip_tcp_csum, kGood);
		}
		delivered += 20;
		host_consume(delivered, delivered + 31);
	}
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_STD_CONSUMER), 80u % 32u);
	EXPECT_EQ(ctr(&Counters::rx_no_bd_drops), 0u);
}

TEST_P(RxTest, JumboFrameGoesToTheExtendedRing)
{
	BringUp o;
	o.jmb_size = 256;
	o.jmb_posted = 8;
	o.rx_mtu = 9000 + 22;
	redo(o);
	const Frame big = macphy::make_frame(kDst, 4000, 0x88B5);
	inject(big);
	EXPECT_EQ(Frame(arena->at<uint8_t>(jmb_bufs[0]), arena->at<uint8_t>(jmb_bufs[0]) + big.size()), big);
	const hw::RxBd r = ret_bd(0);
	EXPECT_EQ(r.addr_lo, static_cast<uint32_t>(jmb_bufs[0]));
	EXPECT_EQ(r.idx_len, 4004u);
	EXPECT_EQ(r.type_flags, kEnd | hw::RXD_FLAG_JUMBO);
	EXPECT_EQ(r.opaque, hw::RXD_OPAQUE_RING_JUMBO | 0u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_JUMBO_CONSUMER), 1u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_JUMBO_CON_IDX), 1u);
	/* A frame that fits the std max frame (1536 incl. FCS) still uses the std ring (§10.5). */
	inject(macphy::make_frame(kDst, 1532, 0x88B5));
	EXPECT_EQ(ret_bd(1).opaque, hw::RXD_OPAQUE_RING_STD | 0u);
	inject(macphy::make_frame(kDst, 1533, 0x88B5));
	EXPECT_EQ(ret_bd(2).opaque, hw::RXD_OPAQUE_RING_JUMBO | 1u);
}

TEST_P(RxTest, MultiBufferExtendedBdScattersTheFrame)
{
	/* FreeBSD's jumbo BDs: segment 0 in the std part, 1..3 in addr1..3/len1..3 (§8.3). */
	BringUp o;
	o.jmb_size = 256;
	o.jmb_posted = 0;
	o.rx_mtu = 9000 + 22;
	redo(o);
	hw::ExtRxBd &bd = arena->at<hw::ExtRxBd>(jmb_ring)[0];
	const uint64_t b1 = arena->alloc(2048), b2 = arena->alloc(2048);
	bd.std.init_producer(jmb_bufs[0], 2048, 0, kEnd | hw::RXD_FLAG_JUMBO, 0x77);
	bd.addr1_hi = static_cast<uint32_t>(b1 >> 32);
	bd.addr1_lo = static_cast<uint32_t>(b1);
	bd.addr2_hi = static_cast<uint32_t>(b2 >> 32);
	bd.addr2_lo = static_cast<uint32_t>(b2);
	bd.set_lens(2048, 2048, 0);
	q->reg_write(hw::TG3_RX_JMB_PROD_IDX_REG, 1);
	dev->step();
	const Frame big = macphy::make_frame(kDst, 5000, 0x88B5);
	inject(big);
	EXPECT_TRUE(std::equal(big.begin(), big.begin() + 2048, arena->at<uint8_t>(jmb_bufs[0])));
	EXPECT_TRUE(std::equal(big.begin() + 2048, big.begin() + 4096, arena->at<uint8_t>(b1)));
	EXPECT_TRUE(std::equal(big.begin() + 4096, big.end(), arena->at<uint8_t>(b2)));
	EXPECT_EQ(ret_bd(0).len(), 5004u);
	EXPECT_EQ(ret_bd(0).opaque, 0x77u);
}

TEST_P(RxTest, BigFrameWithTheJumboRingDisabledNeedsAJumboBd)
{
	q->reg_write(hw::MAC_RX_MTU_SIZE, 9022);
	q->reg_write(hw::RCVDBDI_MODE, q->reg_read(hw::RCVDBDI_MODE) | hw::RCVDBDI_MODE_JUMBOBD_NEEDED);
	inject(macphy::make_frame(kDst, 2000, 0x88B5));
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_EQ(ctr(&Counters::rx_jumbo_needed_drops), 1u);
	EXPECT_TRUE(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_JUMBOBD_NEEDED);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), 1u) << "ifInDiscards: not placed, no frame error";
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_ERRORS_CNT), 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FRAME_TOO_LONG), 0u) << "within MAC_RX_MTU_SIZE";
	EXPECT_TRUE(sblk_status() & hw::SD_STATUS_ERROR);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_STD_CONSUMER), 0u);
}

TEST_P(RxTest, FrameLargerThanItsBufferIsTooBig)
{
	post_std(0, 256);
	inject(macphy::make_frame(kDst, 300, 0x88B5));
	EXPECT_EQ(ctr(&Counters::rx_too_big_drops), 1u);
	EXPECT_TRUE(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_FRM_TOO_BIG);
	/* ifInDiscards (RFC 2863: discarded with no error in the frame), what tg3
	 * reports as rx_missed_errors and the PMD as imissed (ref §5.2). */
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), 1u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_ERRORS_CNT), 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FRAME_TOO_LONG), 0u) << "within MAC_RX_MTU_SIZE";
	inject(macphy::make_frame(kDst, 200, 0x88B5));
	EXPECT_EQ(ret_bd(0).opaque, hw::RXD_OPAQUE_RING_STD | 0u) << "the small BD was not consumed by the drop";
	EXPECT_EQ(ret_bd(0).len(), 204u);
}

TEST_P(RxTest, InvalidStdRingSizeRaisesInvRingSz)
{
	set_rcb_regs(hw::RCVDBDI_STD_BD, std_ring, hw::bdinfo_std_maxlen_flags_57765(300, 1536));
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 65);
	dev->step();
	EXPECT_TRUE(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_INV_RING_SZ);
	EXPECT_TRUE(sblk_status() & hw::SD_STATUS_ERROR) << "tg3 enables RCVDBDI_MODE_INV_RING_SZ";
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_GE(ctr(&Counters::rx_bad_ring), 2u);
}

TEST_P(RxTest, StdRingAbove512NeedsLrgRingSzOn5717Plus)
{
	BringUp o;
	o.std_size = 1024;
	o.std_posted = 4;
	redo(o); /* bring-up sets LRG_RING_SZ on the 5720 only, as tg3 does */
	inject(make_pkt(false, kUdp, 30).f);
	if (GetParam() == Personality::BCM57762) {
		EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u) << "57762: 512 entries at most";
		EXPECT_TRUE(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_INV_RING_SZ);
		return;
	}
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u);
	q->reg_write(hw::RCVDBDI_MODE, hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ);
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u) << "without LRG_RING_SZ 1024 entries are illegal";
	EXPECT_TRUE(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_INV_RING_SZ);
}

TEST_P(RxTest, ProducerBeyondTheRingIsIgnored)
{
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 512);
	dev->step();
	EXPECT_EQ(ctr(&Counters::rx_bad_prod_idx), 1u);
	EXPECT_TRUE(q->reg_read(hw::RCVBDI_STATUS) & hw::RCVBDI_STATUS_RCB_ATTN);
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u) << "the earlier 64 buffers are still posted";
}

TEST_P(RxTest, BufferDmaFaultConsumesTheBdAndReturnsNothing)
{
	arena->at<hw::RxBd>(std_ring)[0].set_addr(arena->base() + arena->size());
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(ctr(&Counters::rx_dma_faults), 1u);
	EXPECT_TRUE(q->reg_read(hw::WDMAC_STATUS) & hw::WDMAC_STATUS_MSTABORT);
	EXPECT_TRUE(sblk_status() & hw::SD_STATUS_ERROR);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(ret_bd(0).opaque, hw::RXD_OPAQUE_RING_STD | 1u);
}

TEST_P(RxTest, ReturnRingDmaFaultNeverWritesStrayMemory)
{
	set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(0), arena->base() + arena->size() + 4096,
		     hw::bdinfo_maxlen_flags(512, 0));
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(ctr(&Counters::rx_dma_faults), 1u);
	EXPECT_EQ(ctr(&Counters::rx_frames), 0u);
}

TEST_P(RxTest, MiniRingDoorbellRaisesRcbAttention)
{
	/* No mini ring on these chips (§4.1): buffers posted there are on a disabled ring. */
	q->reg_write(hw::MAILBOX_RCV_MINI_PROD_IDX + hw::TG3_64BIT_REG_LOW, 3);
	dev->step();
	EXPECT_EQ(q->reg_read(hw::RCVBDI_MINI_PROD_IDX), 3u);
	EXPECT_TRUE(q->reg_read(hw::RCVBDI_STATUS) & hw::RCVBDI_STATUS_RCB_ATTN);
	EXPECT_TRUE(sblk_status() & hw::SD_STATUS_ERROR) << "tg3 sets RCVBDI_MODE_RCB_ATTN_ENAB";
}

TEST_P(RxTest, CorruptBdFaultCostsOneBufferAndOneFrame)
{
	Faults f;
	f.corrupt_bds = 1;
	dev->set_faults(f);
	inject(make_pkt(false, kUdp, 30).f);
	inject(make_pkt(false, kUdp, 31).f);
	EXPECT_EQ(ctr(&Counters::rx_corrupt_bds), 1u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u);
	EXPECT_EQ(ret_bd(0).opaque, hw::RXD_OPAQUE_RING_STD | 1u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), 1u);
}

/* ---- enables and reset ---- */

TEST_P(RxTest, NothingMovesUntilEveryReceiveEngineIsEnabled)
{
	for (uint32_t reg : {hw::RCVLPC_MODE, hw::RCVDBDI_MODE, hw::RCVDCC_MODE, hw::RCVBDI_MODE, hw::RCVCC_MODE,
			     hw::WDMAC_MODE}) {
		const uint32_t v = q->reg_read(reg);
		ASSERT_TRUE(q->stop_block(reg, hw::RCVLPC_MODE_ENABLE));
		const uint32_t before = ctr(&Counters::rx_frames);
		inject(make_pkt(false, kUdp, 30).f);
		EXPECT_EQ(ctr(&Counters::rx_frames), before) << "with " << chip().regs().name_of(reg) << " off";
		q->reg_write(reg, v);
		dev->step();
		EXPECT_EQ(ctr(&Counters::rx_frames), before + 1) << chip().regs().name_of(reg) << " back on";
	}
}

TEST_P(RxTest, CoreResetZeroesTheIndices)
{
	inject(make_pkt(false, kUdp, 30).f);
	ASSERT_EQ(q->reg_read(hw::RCVDBDI_BD_PROD_IDX(0)), 1u);
	bring_up(cfg);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_BD_PROD_IDX(0)), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_CON_IDX), 0u);
	inject(make_pkt(false, kUdp, 30).f);
	EXPECT_EQ(ret_bd(0).opaque, hw::RXD_OPAQUE_RING_STD | 0u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_BD_PROD_IDX(0)), 1u);
}

/* ---- loopback round trip: TX engine -> MAC internal loopback -> RX engine ---- */

class LoopbackTest : public EngineTest {
protected:
	void SetUp() override
	{
		EngineTest::SetUp();
		BringUp o;
		o.loopback = true;
		o.std_posted = 511;
		bring_up(o);
	}
};

TEST_P(LoopbackTest, FramesComeBackWithOffloadsApplied)
{
	Pkt p = make_pkt(false, kTcp, 200);
	const Frame orig = p.f;
	p.load_pseudo();
	post_frame(p.f, hw::TXD_FLAG_TCPUDP_CSUM | hw::TXD_FLAG_VLAN, 0x0ABC, 0, {60, 194});
	ring_tx();
	const hw::RxBd r = ret_bd(0);
	EXPECT_EQ(r.type_flags, kIp4Tcp | hw::RXD_FLAG_VLAN);
	EXPECT_EQ(r.err_vlan, 0x0ABCu);
	EXPECT_EQ(r.ip_tcp_csum, kGood);
	EXPECT_EQ(r.len(), orig.size() + 4);
	EXPECT_EQ(Frame(arena->at<uint8_t>(std_bufs[0]), arena->at<uint8_t>(std_bufs[0]) + orig.size()), orig);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 2u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u);
}

TEST_P(LoopbackTest, TimingLoopFor64ByteFrames)
{
	/*
	 * Not a benchmark (no timed assertion): a quick figure of the model's
	 * cost per 64-byte round trip (TX BD fetch + MAC loopback + RX placement +
	 * return BD + status block), printed for the record. Only dev->step() is
	 * timed, in thread CPU time (robust to a loaded build machine); the
	 * in-test driver's own work is not.
	 */
	constexpr uint32_t kBatch = 32, kRounds = 4000;
	const Frame f = macphy::make_frame(kDst, 64, 0x88B5);
	const uint64_t buf = tx_copy(f.data(), f.size());
	volatile uint32_t *mb = dev->mailbox_page();
	uint32_t ret_cons = 0, posted = cfg.std_posted;
	auto cpu_ns = [] {
		timespec ts;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
		return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
	};
	int64_t model = 0;
	for (uint32_t round = 0; round < kRounds; round++) {
		for (uint32_t k = 0; k < kBatch; k++) {
			tx_bd(tx_prod).set(buf, 64, hw::TXD_FLAG_END, 0, 0);
			tx_prod = (tx_prod + 1) % cfg.tx_size;
		}
		mb[(send_prod_mailbox(0) - Device::kMailboxPageOffset) / 4] = tx_prod;
		const int64_t t0 = cpu_ns();
		dev->step();
		model += cpu_ns() - t0;
		/* Host: consume the returns, repost the buffers. */
		const uint16_t prod = sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER);
		ASSERT_EQ(prod, (ret_cons + kBatch) % cfg.ret_size) << "round " << round;
		ret_cons = prod;
		posted += kBatch;
		mb[(ret_con_mailbox(0) - Device::kMailboxPageOffset) / 4] = ret_cons;
		mb[(hw::TG3_RX_STD_PROD_IDX_REG - Device::kMailboxPageOffset) / 4] = posted % cfg.std_size;
	}
	const double ns = static_cast<double>(model) / (double{kBatch} * kRounds);
	std::printf("[ loopback ] %s: %.1f ns of model time per 64-byte round trip (%u frames)\n",
		    dev->info().name, ns, kBatch * kRounds);
	RecordProperty("ns_per_roundtrip", static_cast<int>(ns));
	EXPECT_EQ(ctr(&Counters::rx_frames), uint64_t{kBatch} * kRounds);
	EXPECT_EQ(ctr(&Counters::rx_no_bd_drops), 0u);
}

TG57XX_BOTH_CHIPS(RxTest);
TG57XX_BOTH_CHIPS(LoopbackTest);

/*
 * The on-chip receive pool at the end of its byte ring (rx_pool.h): a ring
 * whose size is not a multiple of the 8-byte record grain (capacity 1000 +
 * 2 * (3 + 8) = 1022) and records that end 6, 0 and 8 bytes before the end.
 * The skip marker and the headers must stay inside the ring (the sanitizer
 * pass catches a write past it) and every frame come back intact.
 */
TEST(RxPool, RecordsNearTheEndOfAnOddSizedRingStayInside)
{
	constexpr size_t kCap = 1000, kMaxFrame = 3;
	RxPool pool(kCap, kMaxFrame);
	std::array<uint8_t, 64> in{}, out{};
	auto round_trip = [&](uint32_t len, uint8_t seed) {
		for (uint32_t i = 0; i < len; i++)
			in[i] = static_cast<uint8_t>(seed + i);
		RxFrame f{in.data(), len, len, false, true, false, false};
		ASSERT_TRUE(pool.push(f, 4)) << "len " << len;
		RxFrame g{out.data(), 0, 0, false, false, false, false};
		ASSERT_TRUE(pool.front(g));
		ASSERT_EQ(g.len, len);
		EXPECT_TRUE(g.too_long);
		EXPECT_TRUE(std::equal(in.begin(), in.begin() + len, g.data));
		pool.pop(4);
		EXPECT_TRUE(pool.empty());
		EXPECT_EQ(pool.held_bytes(), 0u);
	};
	/* One 8-byte record, then 16-byte ones: every record starts at 8 (mod 16),
	 * the ring is walked several times, ending 6 bytes short of the end once. */
	round_trip(0, 0);
	for (unsigned i = 0; i < 200; i++)
		round_trip(8, static_cast<uint8_t>(i));
	/* Larger frames wrap too, two held at a time. */
	for (unsigned i = 0; i < 100; i++) {
		round_trip(static_cast<uint32_t>(1 + i % 63), static_cast<uint8_t>(i));
		RxFrame f{in.data(), 40, 40, false, false, false, false};
		ASSERT_TRUE(pool.push(f, 4));
		RxFrame g{out.data(), 0, 0, false, false, false, false};
		ASSERT_TRUE(pool.front(g));
		EXPECT_EQ(g.len, 40u);
		pool.pop(4);
	}
	EXPECT_TRUE(pool.empty());
}

} // namespace
} // namespace tg57xx::sim::test::engines
