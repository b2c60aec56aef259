/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The send path (§5.3, §8.1, §10.2-§10.4, §14.1, §15): a chip brought up like
 * tg3, send BDs posted in host memory, the producer mailbox rung through the
 * mailbox page, frames checked byte for byte as the MAC put them on the wire.
 */
#include "engine_util.h"

#include "hostcc.h"

namespace tg57xx::sim::test::engines {
namespace {

class TxTest : public EngineTest {
protected:
	void SetUp() override
	{
		EngineTest::SetUp();
		bring_up();
	}
	Frame plain(uint32_t len, uint8_t seed = 0)
	{
		Frame f = macphy::make_frame(kSrc, len, 0x88B5); /* IEEE local experimental EtherType */
		for (uint32_t i = 14; i < len; i++)
			f[i] = static_cast<uint8_t>(seed + i);
		return f;
	}
	uint32_t sel_con(unsigned n = 0) { return q->reg_read(hw::SNDBDS_SEL_CON_IDX(n)); }
};

/* ---- registers ---- */

TEST_P(TxTest, DiagnosticAndStatsRegistersAreDeclared)
{
	for (unsigned n = 0; n < hw::TG3_NUM_RING_IDX_REGS; n++) {
		EXPECT_EQ(q->reg_read(hw::SNDBDS_SEL_CON_IDX(n)), 0u);
		EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(n)), 0u);
	}
	/* tg3 step 19 values read back; the CLEAR/FLUSH strobes do not stick. */
	EXPECT_EQ(q->reg_read(hw::SNDDATAI_STATSENAB), hw::TG3_SNDDATAI_STATSENAB_ALL);
	q->reg_write(hw::SNDDATAI_STATSCTRL, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_CLEAR);
	EXPECT_EQ(q->reg_read(hw::SNDDATAI_STATSCTRL), hw::SNDDATAI_SCTRL_ENABLE);
	q->reg_write(hw::TG3_RDMA_RSRVCTRL_REG, hw::TG3_RDMA_RSRVCTRL_FIFO_OFLW_FIX);
	EXPECT_EQ(q->reg_read(hw::TG3_RDMA_RSRVCTRL_REG), hw::TG3_RDMA_RSRVCTRL_FIFO_OFLW_FIX);
	const bool erratum = GetParam() == Personality::BCM5720;
	for (unsigned ch = 0; ch < hw::TG3_NUM_RDMA_CHANNELS; ch++) {
		if (erratum)
			EXPECT_GT(q->reg_read(hw::TG3_RDMA_LENGTH_N(ch)), dev->info().max_mtu) << "stale after power-on (§15)";
		else
			EXPECT_EQ(q->reg_read(hw::TG3_RDMA_LENGTH_N(ch)), 0u) << "no 5719/5720 erratum";
	}
	EXPECT_EQ((q->reg_read(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL) & hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720) != 0, erratum)
		<< "the bring-up sets the workaround exactly when a channel is over the MTU";
}

/* §15 5719/5720 TX-length erratum: without the workaround bit the frames read
 * through a channel still holding its power-on length are lost; each frame
 * leaves its length in its channel, so after one frame per channel all go. */
TEST_P(TxTest, StaleRdmaLengthLosesFramesWithoutTheWorkaround)
{
	if (GetParam() != Personality::BCM5720)
		GTEST_SKIP() << "57762 has no TX-length erratum";
	q->reg_write(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL,
		     q->reg_read(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL) & ~hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720);
	for (unsigned i = 0; i <= hw::TG3_NUM_RDMA_CHANNELS; i++)
		post_frame(plain(100, static_cast<uint8_t>(i)));
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u) << "one frame per stale channel lost, the fifth sent";
	EXPECT_EQ(wire->tx[0], plain(100, hw::TG3_NUM_RDMA_CHANNELS));
	EXPECT_EQ(ctr(&Counters::tx_rdma_length_bug), hw::TG3_NUM_RDMA_CHANNELS);
	EXPECT_EQ(sel_con(), hw::TG3_NUM_RDMA_CHANNELS + 1) << "lost frames still complete";
	for (unsigned ch = 0; ch < hw::TG3_NUM_RDMA_CHANNELS; ch++)
		EXPECT_EQ(q->reg_read(hw::TG3_RDMA_LENGTH_N(ch)), 100u);
}

/* ... with the bit set (as tg3_reset_hw leaves it) every frame goes, each
 * counted as sent under the workaround until the driver clears the bit. */
TEST_P(TxTest, WorkaroundBitSendsEveryFrameUntilCleared)
{
	if (GetParam() != Personality::BCM5720)
		GTEST_SKIP() << "57762 has no TX-length erratum";
	for (unsigned i = 0; i <= hw::TG3_NUM_RDMA_CHANNELS; i++)
		post_frame(plain(100, static_cast<uint8_t>(i)));
	ring_tx();
	EXPECT_EQ(wire->tx.size(), hw::TG3_NUM_RDMA_CHANNELS + 1);
	EXPECT_EQ(ctr(&Counters::tx_rdma_length_bug), 0u);
	EXPECT_EQ(ctr(&Counters::tx_rdma_wa_frames), hw::TG3_NUM_RDMA_CHANNELS + 1);
	/* tg3_periodic_fetch_stats: more than four sent, the bit goes. */
	q->reg_write(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL,
		     q->reg_read(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL) & ~hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720);
	post_frame(plain(100, 9));
	ring_tx();
	EXPECT_EQ(wire->tx.size(), hw::TG3_NUM_RDMA_CHANNELS + 2);
	EXPECT_EQ(ctr(&Counters::tx_rdma_wa_frames), hw::TG3_NUM_RDMA_CHANNELS + 1);
}

/* ---- basic transmit ---- */

TEST_P(TxTest, SingleBdFrameLeavesByteExactAndCompletes)
{
	const Frame f = plain(64);
	post_frame(f);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], f);
	EXPECT_EQ(sel_con(), 1u);
	EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(0)), 1u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 1u) << "status block idx[0].tx_consumer (§9.1)";
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), 1u);
	EXPECT_EQ(ctr(&Counters::tx_frames), 1u);
}

TEST_P(TxTest, MultiBdFrameIsGatheredInOrder)
{
	const Frame f = plain(300, 7);
	post_frame(f, 0, 0, 0, {14, 86, 200});
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], f);
	EXPECT_EQ(sel_con(), 3u) << "every BD of the frame completes";
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 3u);
}

TEST_P(TxTest, FrameWaitsUntilItsEndBdIsPosted)
{
	const Frame f = plain(200, 3);
	/* Two BDs without END, producer covering them only. */
	tx_bd(0).set(tx_copy(f.data(), 100), 100, 0, 0, 0);
	tx_bd(1).set(tx_copy(f.data() + 100, 50), 50, 0, 0, 0);
	tx_prod = 2;
	ring_tx();
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(sel_con(), 0u);
	tx_bd(2).set(tx_copy(f.data() + 150, 50), 50, hw::TXD_FLAG_END, 0, 0);
	tx_prod = 3;
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], f);
	EXPECT_EQ(sel_con(), 3u);
}

TEST_P(TxTest, BusWrittenProducerWorksLikeTheFastPath)
{
	post_frame(plain(80));
	q->reg_write(hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW, tx_prod);
	dev->step();
	EXPECT_EQ(wire->tx.size(), 1u);
}

TEST_P(TxTest, RingWrapsAtItsSize)
{
	/* 32-entry ring (Thundergate runs smaller rings, §16.16). */
	BringUp o;
	o.tx_size = 32;
	redo(o);
	std::vector<Frame> sent;
	for (unsigned burst = 0; burst < 5; burst++) {
		for (unsigned k = 0; k < 10; k++) {
			sent.push_back(plain(60 + burst * 10 + k, static_cast<uint8_t>(burst * 16 + k)));
			post_frame(sent.back(), 0, 0, 0, {30, static_cast<uint32_t>(sent.back().size() - 30)});
		}
		ring_tx();
		EXPECT_EQ(sel_con(), tx_prod);
	}
	EXPECT_EQ(tx_prod, 100u % 32u);
	ASSERT_EQ(wire->tx.size(), sent.size());
	for (size_t i = 0; i < sent.size(); i++)
		EXPECT_EQ(wire->tx[i], sent[i]) << "frame " << i;
}

TEST_P(TxTest, NoCrcFrameCarriesTheHostFcs)
{
	Frame f = plain(68);
	post_frame(f, hw::TXD_FLAG_NO_CRC);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], Frame(f.begin(), f.end() - 4)) << "the last 4 bytes were the host's FCS";
}

/* ---- offloads ---- */

TEST_P(TxTest, VlanTagIsInsertedAfterTheAddresses)
{
	const Frame f = plain(100, 9);
	post_frame(f, hw::TXD_FLAG_VLAN, 0x2005, 0, {40, 60});
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	Frame want(f.begin(), f.begin() + 12);
	const uint8_t tag[4] = {0x81, 0x00, 0x20, 0x05};
	want.insert(want.end(), tag, tag + 4);
	want.insert(want.end(), f.begin() + 12, f.end());
	EXPECT_EQ(wire->tx[0], want);
}

TEST_P(TxTest, TcpChecksumAddsToTheHostPseudoHeaderSum)
{
	Pkt p = make_pkt(false, kTcp, 100);
	const uint16_t good = be16(p.f.data() + p.csum_off());
	p.load_pseudo(); /* what tg3/Linux leave there with NO_TX_PHDR_CSUM (§10.2) */
	post_frame(p.f, hw::TXD_FLAG_TCPUDP_CSUM, 0, 0, {54, 100});
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	Frame &out = wire->tx[0];
	EXPECT_EQ(be16(out.data() + p.csum_off()), good);
	Pkt chk = p;
	chk.f = out;
	EXPECT_EQ(chk.l4_verify(), 0xFFFF);
}

TEST_P(TxTest, UdpChecksumWithChipPseudoHeaderWhenGrcBitClear)
{
	BringUp o;
	o.phdr_tx = false;
	redo(o);
	Pkt p = make_pkt(false, kUdp, 77);
	const uint16_t good = be16(p.f.data() + p.csum_off());
	put16(p.f.data() + p.csum_off(), 0xBEEF); /* the chip ignores what is there */
	post_frame(p.f, hw::TXD_FLAG_TCPUDP_CSUM);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(be16(wire->tx[0].data() + p.csum_off()), good);
}

TEST_P(TxTest, ForgottenPseudoHeaderGivesAWrongChecksumOnTheWire)
{
	Pkt p = make_pkt(false, kTcp, 40);
	put16(p.f.data() + p.csum_off(), 0); /* a driver that did not pre-load the pseudo-header */
	post_frame(p.f, hw::TXD_FLAG_TCPUDP_CSUM);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	Pkt chk = p;
	chk.f = wire->tx[0];
	EXPECT_NE(chk.l4_verify(), 0xFFFF);
}

TEST_P(TxTest, IpChecksumFlagFillsTheIpv4Header)
{
	Pkt p = make_pkt(false, kUdp, 30);
	const Frame want = p.f;
	put16(p.ip() + 10, 0); /* FreeBSD leaves ip_sum 0 with CSUM_IP */
	post_frame(p.f, hw::TXD_FLAG_IP_CSUM);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], want);
}

TEST_P(TxTest, Ipv6TcpChecksumWithVlanInsert)
{
	Pkt p = make_pkt(true, kTcp, 200);
	const uint16_t good = be16(p.f.data() + p.csum_off());
	p.load_pseudo();
	post_frame(p.f, hw::TXD_FLAG_TCPUDP_CSUM | hw::TXD_FLAG_VLAN, 0x0064);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	const Frame &out = wire->tx[0];
	ASSERT_EQ(out.size(), p.f.size() + 4);
	EXPECT_EQ(be16(out.data() + 12), 0x8100);
	EXPECT_EQ(be16(out.data() + 14), 0x0064);
	EXPECT_EQ(be16(out.data() + 4 + p.csum_off()), good);
}

TEST_P(TxTest, InBandVlanFrameIsNotChecksummed)
{
	/* §10.2: tg3 checksums in software frames carrying an 802.1Q header. */
	Pkt p = make_pkt(false, kTcp, 50);
	p.load_pseudo();
	Frame tagged(p.f.begin(), p.f.begin() + 12);
	const uint8_t tag[4] = {0x81, 0x00, 0x00, 0x07};
	tagged.insert(tagged.end(), tag, tag + 4);
	tagged.insert(tagged.end(), p.f.begin() + 12, p.f.end());
	post_frame(tagged, hw::TXD_FLAG_TCPUDP_CSUM);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], tagged) << "checksum field left as the host wrote it";
	EXPECT_EQ(ctr(&Counters::tx_csum_not_applied), 1u);
}

TEST_P(TxTest, RuntWithL4OffloadGetsACorruptChecksum)
{
	/* §15 (FreeBSD bge_cksum_pad): the chip's own runt padding spoils the sum. */
	Pkt p = make_pkt(false, kUdp, 4); /* 46 bytes */
	p.load_pseudo();
	post_frame(p.f, hw::TXD_FLAG_TCPUDP_CSUM);
	Pkt padded = make_pkt(false, kUdp, 4);
	padded.f.resize(60, 0); /* what FreeBSD does instead */
	padded.load_pseudo();
	post_frame(padded.f, hw::TXD_FLAG_TCPUDP_CSUM);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 2u);
	Pkt chk = p;
	chk.f = wire->tx[0];
	EXPECT_NE(chk.l4_verify(), 0xFFFF);
	chk.f = wire->tx[1];
	EXPECT_EQ(chk.l4_verify(), 0xFFFF);
	EXPECT_EQ(ctr(&Counters::tx_runt_csum_corrupted), 1u);
}

/* ---- TSO (§10.4, HW_TSO_3 on both personalities) ---- */

TEST_P(TxTest, TsoCutsAThreeSegmentIpv4Frame)
{
	constexpr uint32_t kMss = 1448, kPayload = 2 * kMss + 500;
	Pkt p = make_pkt(false, kTcp, kPayload);
	p.l4p()[13] = kTcpAck | kTcpPsh | kTcpFin;
	/* Host preparation (tg3_start_xmit): tot_len = MSS + hdr_len, ip check 0, tcp check 0. */
	const uint32_t hdr_len = kIp4Hdr + kTcpHdr;
	put16(p.ip() + 2, static_cast<uint16_t>(kMss + hdr_len));
	put16(p.ip() + 10, 0);
	put16(p.f.data() + p.csum_off(), 0);
	const hw::TsoFields enc = hw::hw_tso3_encode(kMss, hdr_len);
	post_frame(p.f, hw::TXD_FLAG_TSO_DMA | enc.flags, 0, enc.mss, {kEthHdr + hdr_len, 1000, 1000, 1000,
		   kPayload - 3000});
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 3u);
	const uint32_t sizes[3] = {kMss, kMss, 500};
	for (uint32_t s = 0; s < 3; s++) {
		const Frame &seg = wire->tx[s];
		ASSERT_EQ(seg.size(), kEthHdr + hdr_len + sizes[s]) << "segment " << s;
		EXPECT_TRUE(std::equal(seg.begin(), seg.begin() + 12, p.f.begin()));
		const uint8_t *ip = seg.data() + kEthHdr;
		const uint8_t *tcp = ip + kIp4Hdr;
		EXPECT_EQ(be16(ip + 2), hdr_len + sizes[s]) << "tot_len";
		EXPECT_EQ(be16(ip + 4), 0x1234 + s) << "IP id advances per segment";
		EXPECT_EQ(ref_sum(ip, kIp4Hdr), 0xFFFF) << "IP header checksum";
		EXPECT_EQ(be32(tcp + 4), 0x11223344u + s * kMss) << "sequence number";
		const uint8_t want_flags = s == 2 ? (kTcpAck | kTcpPsh | kTcpFin) : kTcpAck;
		EXPECT_EQ(tcp[13], want_flags) << "FIN/PSH only on the last segment";
		EXPECT_EQ(ref_sum(tcp, kTcpHdr + sizes[s], pseudo_sum(ip, false, kTcp, kTcpHdr + sizes[s])), 0xFFFF)
			<< "TCP checksum with pseudo-header";
		EXPECT_TRUE(std::equal(seg.begin() + kEthHdr + hdr_len, seg.end(),
				       p.f.begin() + kEthHdr + hdr_len + s * kMss))
			<< "payload of segment " << s;
	}
	EXPECT_EQ(sel_con(), 5u);
	EXPECT_EQ(ctr(&Counters::tx_tso_frames), 1u);
	EXPECT_EQ(ctr(&Counters::tx_tso_segments), 3u);
}

TEST_P(TxTest, TsoIpv6WithVlanInsert)
{
	constexpr uint32_t kMss = 1000, kPayload = 1500;
	Pkt p = make_pkt(true, kTcp, kPayload);
	const uint32_t hdr_len = kIp6Hdr + kTcpHdr;
	put16(p.f.data() + p.csum_off(), 0);
	const hw::TsoFields enc = hw::hw_tso3_encode(kMss, hdr_len);
	post_frame(p.f, hw::TXD_FLAG_TSO_DMA | hw::TXD_FLAG_VLAN | enc.flags, 0x0123, enc.mss);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 2u);
	const uint32_t sizes[2] = {kMss, kPayload - kMss};
	for (uint32_t s = 0; s < 2; s++) {
		const Frame &seg = wire->tx[s];
		ASSERT_EQ(seg.size(), 4 + kEthHdr + hdr_len + sizes[s]);
		EXPECT_EQ(be32(seg.data() + 12), 0x81000123u);
		const uint8_t *ip6 = seg.data() + 4 + kEthHdr;
		EXPECT_EQ(be16(ip6 + 4), kTcpHdr + sizes[s]) << "payload_len";
		const uint8_t *tcp = ip6 + kIp6Hdr;
		EXPECT_EQ(be32(tcp + 4), 0x11223344u + s * kMss);
		EXPECT_EQ(ref_sum(tcp, kTcpHdr + sizes[s], pseudo_sum(ip6, true, kTcp, kTcpHdr + sizes[s])), 0xFFFF);
	}
}

TEST_P(TxTest, TsoWithoutTheLsoEnablesIsDropped)
{
	BringUp o;
	o.tso = false;
	redo(o);
	Pkt p = make_pkt(false, kTcp, 3000);
	const hw::TsoFields enc = hw::hw_tso3_encode(1448, kIp4Hdr + kTcpHdr);
	post_frame(p.f, hw::TXD_FLAG_TSO_DMA | enc.flags, 0, enc.mss);
	post_frame(plain(64));
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u) << "the TSO frame is dropped, the next one goes";
	EXPECT_EQ(ctr(&Counters::tx_tso_errors), 1u);
	EXPECT_EQ(sel_con(), 2u);
	EXPECT_TRUE(q->reg_read(hw::SNDBDI_STATUS) & hw::SNDBDI_STATUS_ERROR_ATTN);
}

/* ---- jumbo (§8.1, §10.5) ---- */

TEST_P(TxTest, LongFrameNeedsTheJumboFlag)
{
	const Frame big = plain(4000, 1);
	post_frame(big, 0, 0, 0, {2000, 2000});
	post_frame(big, hw::TXD_FLAG_JMB_PKT, 0, 0, {2000, 2000});
	post_frame(plain(1518), 0);
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 2u);
	EXPECT_EQ(wire->tx[0], big);
	EXPECT_EQ(wire->tx[1].size(), 1518u);
	EXPECT_EQ(ctr(&Counters::tx_jumbo_no_flag), 1u);
	EXPECT_EQ(sel_con(), 5u);
}

TEST_P(TxTest, FrameBeyondTheLargestJumboIsDropped)
{
	post_frame(plain(9019), hw::TXD_FLAG_JMB_PKT, 0, 0, {4000, 4000, 1019});
	ring_tx();
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(ctr(&Counters::tx_oversize_frames), 1u);
	EXPECT_EQ(sel_con(), 3u);
}

/* ---- malformed input: drop, complete, attention, never crash ---- */

TEST_P(TxTest, ZeroLengthBdDropsTheFrameButCompletesIt)
{
	const Frame f = plain(100);
	tx_bd(0).set(tx_copy(f.data(), 100), 100, 0, 0, 0);
	tx_bd(1).set(tx_copy(f.data(), 1), 0, hw::TXD_FLAG_END, 0, 0);
	tx_prod = 2;
	post_frame(plain(70));
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0].size(), 70u);
	EXPECT_EQ(sel_con(), 3u);
	EXPECT_EQ(ctr(&Counters::tx_zero_len_bds), 1u);
	EXPECT_TRUE(q->reg_read(hw::SNDBDI_STATUS) & hw::SNDBDI_STATUS_ERROR_ATTN);
	EXPECT_TRUE(sblk_status() & hw::SD_STATUS_ERROR) << "SNDBDI_MODE_ATTN_ENABLE routes it to the host";
}

TEST_P(TxTest, ShortDmaBdIsTheSilentBugOf5755Plus)
{
	/* §15 SHORT_DMA_BUG: a BD of <= 8 bytes; tg3 copies such frames. */
	post_frame(plain(64), 0, 0, 0, {8, 56});
	post_frame(plain(64), 0, 0, 0, {9, 55});
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(ctr(&Counters::tx_short_dma_bds), 1u);
	EXPECT_EQ(sel_con(), 4u);
}

TEST_P(TxTest, BufferCrossingFourGigabytesIsDropped)
{
	/* §15 tg3_4g_overflow_test: the BD address alone decides. */
	const uint64_t a = 0x1FFFFFFC0ull; /* low word + 64 + 8 wraps */
	tx_bd(0).set(a, 64, hw::TXD_FLAG_END, 0, 0);
	tx_prod = 1;
	ring_tx();
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(ctr(&Counters::tx_4g_crossings), 1u);
	EXPECT_EQ(ctr(&Counters::dma_faults), 0u) << "refused before any DMA";
	EXPECT_EQ(sel_con(), 1u);
}

TEST_P(TxTest, BadRingSizeIsRefusedWithSelectorAttention)
{
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx_ring, hw::bdinfo_maxlen_flags(500, 0));
	post_frame(plain(64));
	ring_tx();
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(ctr(&Counters::tx_bad_ring), 1u);
	EXPECT_TRUE(q->reg_read(hw::SNDBDS_STATUS) & hw::SNDBDS_STATUS_ERROR_ATTN);
	EXPECT_EQ(sel_con(), 0u);
	/* Fixed RCB, next doorbell: the frame goes. */
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx_ring, hw::bdinfo_maxlen_flags(512, 0));
	post_frame(plain(65));
	ring_tx();
	EXPECT_EQ(wire->tx.size(), 2u);
}

TEST_P(TxTest, ZeroSizeRingAndProducerBeyondTheRingAreRefused)
{
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx_ring, 0);
	post_frame(plain(64));
	ring_tx();
	EXPECT_EQ(ctr(&Counters::tx_bad_ring), 1u);
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx_ring, hw::bdinfo_maxlen_flags(512, 0));
	dev->mailbox_page()[(send_prod_mailbox(0) - Device::kMailboxPageOffset) / 4] = 512;
	dev->step();
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(ctr(&Counters::tx_bad_prod_idx), 1u);
	EXPECT_TRUE(q->reg_read(hw::SNDBDI_STATUS) & hw::SNDBDI_STATUS_ERROR_ATTN);
	EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(0)), 0u);
}

TEST_P(TxTest, RunawayChainWithoutEndIsDroppedWhenTheRingIsFull)
{
	BringUp o;
	o.tx_size = 32;
	redo(o);
	const Frame f = plain(64);
	for (uint32_t i = 0; i < 31; i++)
		tx_bd(i).set(tx_copy(f.data(), 64), 64, 0, 0, 0);
	tx_prod = 31;
	ring_tx();
	EXPECT_TRUE(wire->tx.empty());
	EXPECT_EQ(ctr(&Counters::tx_runaway_frames), 1u);
	EXPECT_EQ(sel_con(), 31u);
}

TEST_P(TxTest, DataDmaFaultDropsTheFrameAndCompletesIt)
{
	tx_bd(0).set(arena->base() + arena->size() + 4096, 64, hw::TXD_FLAG_END, 0, 0); /* unknown IOVA */
	tx_prod = 1;
	post_frame(plain(64), 0, 0, 0, {30, 34});
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(ctr(&Counters::tx_dma_faults), 1u);
	EXPECT_TRUE(q->reg_read(hw::RDMAC_STATUS) & hw::RDMAC_STATUS_MSTABORT);
	EXPECT_TRUE(sblk_status() & hw::SD_STATUS_ERROR) << "RDMAC_MODE_MSTABORT_ENAB set by tg3";
	EXPECT_EQ(sel_con(), 3u);
}

TEST_P(TxTest, BdFetchFaultStallsTheRingUntilTheNextDoorbell)
{
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), arena->base() + arena->size(), hw::bdinfo_maxlen_flags(512, 0));
	tx_prod = 1;
	ring_tx();
	EXPECT_EQ(ctr(&Counters::tx_bd_dma_faults), 1u);
	dev->step();
	EXPECT_EQ(ctr(&Counters::tx_bd_dma_faults), 1u) << "no retry storm";
	EXPECT_EQ(sel_con(), 0u) << "unread BDs cannot complete";
	/* Host fixes the ring address and rings again. */
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx_ring, hw::bdinfo_maxlen_flags(512, 0));
	tx_prod = 0;
	post_frame(plain(64));
	post_frame(plain(66));
	ring_tx();
	EXPECT_EQ(wire->tx.size(), 2u);
	EXPECT_EQ(sel_con(), 2u);
}

TEST_P(TxTest, CorruptBdFaultDropsOneFrame)
{
	Faults f;
	f.corrupt_bds = 1;
	dev->set_faults(f);
	post_frame(plain(64));
	post_frame(plain(65));
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0].size(), 65u);
	EXPECT_EQ(ctr(&Counters::tx_corrupt_bds), 1u);
}

TEST_P(TxTest, LostDoorbellIsSeenAtTheNextOne)
{
	Faults f;
	f.lost_doorbells = 1;
	dev->set_faults(f);
	post_frame(plain(64));
	ring_tx();
	EXPECT_TRUE(wire->tx.empty());
	post_frame(plain(64));
	ring_tx();
	EXPECT_EQ(wire->tx.size(), 2u);
}

/* ---- engine enables, disabled rings, reset ---- */

TEST_P(TxTest, NothingMovesUntilEverySendEngineIsEnabled)
{
	for (uint32_t reg : {hw::SNDBDS_MODE, hw::SNDBDI_MODE, hw::SNDDATAI_MODE, hw::SNDDATAC_MODE, hw::SNDBDC_MODE,
			     hw::RDMAC_MODE}) {
		const uint32_t v = q->reg_read(reg);
		ASSERT_TRUE(q->stop_block(reg, hw::SNDBDS_MODE_ENABLE));
		post_frame(plain(64));
		ring_tx();
		EXPECT_TRUE(wire->tx.empty()) << "with " << chip().regs().name_of(reg) << " off";
		q->reg_write(reg, v);
		dev->step();
		EXPECT_EQ(wire->tx.size(), 1u) << chip().regs().name_of(reg) << " back on";
		wire->tx.clear();
	}
}

TEST_P(TxTest, DoorbellOnADisabledRcbIsIgnored)
{
	/* RCB 1 exists on both personalities and was disabled by bring-up. */
	dev->mailbox_page()[(send_prod_mailbox(1) - Device::kMailboxPageOffset) / 4] = 5;
	dev->step();
	EXPECT_EQ(ctr(&Counters::tx_doorbell_disabled_ring), 1u);
	EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(1)), 0u);
}

TEST_P(TxTest, SecondRingUsesItsOwnMailboxAndTssMovesIt)
{
	/* Ring 1: producer MAILBOX_SNDHOST_PROD_IDX_1 low word; with TSS (5720, §4.4, §10.7) the high word of 0x300. */
	const uint64_t ring1 = arena->alloc(512 * hw::TXD_SIZE, 4096);
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(1), ring1, hw::bdinfo_maxlen_flags(512, 0));
	const Frame f = plain(64, 0x33);
	auto *bds = arena->at<hw::TxBd>(ring1);
	bds[0].set(tx_copy(f.data(), 64), 64, hw::TXD_FLAG_END, 0, 0);
	bds[1].set(tx_copy(f.data(), 64), 64, hw::TXD_FLAG_END, 0, 0);
	dev->mailbox_page()[(send_prod_mailbox(1) - Device::kMailboxPageOffset) / 4] = 1;
	dev->step();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(q->reg_read(hw::SNDBDS_SEL_CON_IDX(1)), 1u);
	if (GetParam() != Personality::BCM5720)
		return;
	q->reg_write(hw::SNDBDI_MODE, q->reg_read(hw::SNDBDI_MODE) | hw::SNDBDI_MODE_MULTI_TXQ_EN);
	dev->mailbox_page()[(kTssSendProdMailbox[1] - Device::kMailboxPageOffset) / 4] = 2;
	dev->step();
	EXPECT_EQ(wire->tx.size(), 2u);
	EXPECT_EQ(q->reg_read(hw::SNDBDS_SEL_CON_IDX(1)), 2u);
}

TEST_P(TxTest, TssProducersAreTheVectorMailboxesTwoOfThemHighWords)
{
	/* §4.4 table, literal offsets: send ring r's producer with TSS is vector r+1's
	 * word - 0x304, 0x300 (high word of SNDHOST_PROD_IDX_0), 0x30C, 0x308. */
	constexpr uint32_t kTssProd[4] = {0x0304, 0x0300, 0x030C, 0x0308};
	uint64_t ring[4] = {tx_ring};
	for (unsigned r = 1; r < 4; r++) {
		ring[r] = arena->alloc(512 * hw::TXD_SIZE, 4096);
		set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(r), ring[r], hw::bdinfo_maxlen_flags(512, 0));
	}
	const unsigned nrings = std::min<unsigned>(dev->info().send_rcbs, 4);
	for (unsigned r = 0; r < nrings; r++) {
		const Frame f = plain(64, static_cast<uint8_t>(0x10 * r));
		arena->at<hw::TxBd>(ring[r])[0].set(tx_copy(f.data(), 64), 64, hw::TXD_FLAG_END, 0, 0);
	}
	q->reg_write(hw::SNDBDI_MODE, q->reg_read(hw::SNDBDI_MODE) | hw::SNDBDI_MODE_MULTI_TXQ_EN);
	auto mbox = [&](uint32_t off) -> volatile uint32_t & {
		return dev->mailbox_page()[(off - Device::kMailboxPageOffset) / 4];
	};
	if (GetParam() != Personality::BCM5720) {
		/* 57765 class: no TSS (§1.3); the bit is ignored, ring 0 stays on 0x304 and 0x300 is nothing. */
		mbox(0x0300) = 1;
		dev->step();
		EXPECT_EQ(wire->tx.size(), 0u);
		mbox(0x0304) = 1;
		dev->step();
		EXPECT_EQ(sel_con(0), 1u);
		return;
	}
	for (unsigned r = 0; r < 4; r++) {
		mbox(kTssProd[r]) = 1;
		dev->step();
		ASSERT_EQ(wire->tx.size(), r + 1) << "ring " << r << " via 0x" << std::hex << kTssProd[r];
		EXPECT_EQ(wire->tx[r][14], static_cast<uint8_t>(0x10 * r + 14));
		EXPECT_EQ(sel_con(r), 1u);
	}
}

TEST_P(TxTest, LineRatePacingHandsTheMacOneFrameAtATime)
{
	redo_paced();
	/* 1000 bytes + FCS + preamble/SFD + IFG at 1 Gbit/s: (1004 + 8 + 12) * 8 ns. */
	constexpr uint64_t kFrameNs = (1000 + 4 + 8 + 12) * 8;
	for (int i = 0; i < 3; i++)
		post_frame(plain(1000, static_cast<uint8_t>(i)));
	ring_tx();
	EXPECT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(sel_con(), 1u) << "the rest wait in the ring";
	q->delay(kFrameNs - 1);
	EXPECT_EQ(wire->tx.size(), 1u);
	q->delay(1);
	EXPECT_EQ(wire->tx.size(), 2u);
	q->delay(kFrameNs);
	ASSERT_EQ(wire->tx.size(), 3u);
	EXPECT_EQ(wire->tx[2], plain(1000, 2));
}

/* Paced, a frame starts when the line is free or when the host posted it,
 * whichever is later (mac_frames.h LinePacer::occupy_posted). Frames waiting
 * in the send ring while the line was busy follow each other back to back
 * however late the engine's thread runs: the model's clock jumps 5 ms (a
 * live runner held off its CPU; five times the 1 ms catch-up a frame of
 * unknown posting gets) and the two queued frames still end 2 frame times
 * after the first. */
TEST_P(TxTest, QueuedFramesKeepTheLineBusyHoweverLateTheEngineRuns)
{
	redo_paced();
	constexpr uint64_t kFrameNs = (1000 + 4 + 8 + 12) * 8; /* 1000 B + FCS + preamble/SFD + IFG at 1 Gbit/s */
	constexpr uint64_t kLateNs = 5'000'000;
	for (int i = 0; i < 3; i++)
		post_frame(plain(1000, static_cast<uint8_t>(i)));
	const uint64_t t0 = dev->now_ns();
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	Mac *mac = chip().find_block<Mac>();
	ASSERT_EQ(mac->tx_ready_at_ns(), t0 + kFrameNs);
	chip().clock().set_now(t0 + kFrameNs + kLateNs); /* the engine's thread was away: no timer fired */
	dev->step();
	ASSERT_EQ(wire->tx.size(), 3u);
	EXPECT_EQ(mac->tx_ready_at_ns(), t0 + 3 * kFrameNs) << "queued frames lost no line time to the late engine";
}

/* ... and a frame posted to an idle line the engine was watching starts when
 * the engine found it, not back to back with the last one: 0.5 ms of idle
 * line (inside the 1 ms catch-up a frame of unknown posting gets) earns no
 * burst. */
TEST_P(TxTest, FramePostedToAWatchedIdleLineStartsWhenFound)
{
	redo_paced();
	constexpr uint64_t kFrameNs = (1000 + 4 + 8 + 12) * 8;
	constexpr uint64_t kIdleNs = 500'000;
	post_frame(plain(1000, 1));
	ring_tx();
	Mac *mac = chip().find_block<Mac>();
	const uint64_t first_end = mac->tx_ready_at_ns();
	q->delay(first_end - dev->now_ns() + kIdleNs); /* the engine looks, the ring is empty */
	const uint64_t t = dev->now_ns();
	post_frame(plain(1000, 2));
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 2u);
	EXPECT_EQ(mac->tx_ready_at_ns(), t + kFrameNs) << "no credit for the idle line";
}

TEST_P(TxTest, BusyMediumKeepsFramesInTheRingUntilItDrains)
{
	bring_up();
	wire->busy = true;
	post_frame(plain(100, 1));
	post_frame(plain(100, 2));
	ring_tx();
	EXPECT_TRUE(wire->tx.empty()) << "nothing is handed to a medium that cannot take it";
	EXPECT_EQ(sel_con(), 0u) << "the frames wait in the send ring";
	EXPECT_GT(ctr(&Counters::tx_medium_waits), 0u);
	wire->busy = false;
	q->delay(1);
	ASSERT_EQ(wire->tx.size(), 2u);
	EXPECT_EQ(wire->tx[1], plain(100, 2));
	EXPECT_EQ(sel_con(), 2u);
	EXPECT_EQ(ctr(&Counters::mac_tx_medium_full), 0u);
}

TEST_P(TxTest, CoreResetZeroesTheIndices)
{
	post_frame(plain(64));
	ring_tx();
	ASSERT_EQ(sel_con(), 1u);
	bring_up(cfg); /* chip_reset inside */
	EXPECT_EQ(sel_con(), 0u);
	EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(0)), 0u);
	tx_prod = 0;
	wire->tx.clear();
	post_frame(plain(64, 5));
	ring_tx();
	ASSERT_EQ(wire->tx.size(), 1u);
	EXPECT_EQ(wire->tx[0], plain(64, 5));
	EXPECT_EQ(sel_con(), 1u);
}

TEST_P(TxTest, CoalNowBdForcesAStatusUpdate)
{
	/* Coalescing thresholds high: only TXD_FLAG_COAL_NOW updates the block. */
	q->reg_write(hw::HOSTCC_TXMAX_FRAMES, 100);
	q->reg_write(hw::HOSTCC_TXCOL_TICKS, 1000);
	post_frame(plain(64));
	ring_tx();
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 0u);
	post_frame(plain(64), hw::TXD_FLAG_COAL_NOW);
	ring_tx();
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 2u);
}

TG57XX_BOTH_CHIPS(TxTest);

} // namespace
} // namespace tg57xx::sim::test::engines
