/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DMA formats (ref §7-§10): layouts checked through raw little-endian bytes,
 * TSO and ring-size encodings, status-block RSS remap, statistics block.
 */
#include <array>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "tg57xx_desc.h"

using namespace tg57xx::hw;

namespace {

template <typename T>
std::array<uint8_t, sizeof(T)> bytes_of(const T &v)
{
	std::array<uint8_t, sizeof(T)> b{};
	std::memcpy(b.data(), &v, sizeof(T));
	return b;
}

/* Little-endian 16/32-bit value at byte offset `off`. */
template <size_t N>
uint32_t le16(const std::array<uint8_t, N> &b, size_t off)
{
	return b[off] | (b[off + 1] << 8);
}
template <size_t N>
uint32_t le32(const std::array<uint8_t, N> &b, size_t off)
{
	return le16(b, off) | (le16(b, off + 2) << 16);
}
template <typename T>
void put_le16(T &obj, size_t off, uint16_t v)
{
	uint8_t raw[2] = {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8)};
	std::memcpy(reinterpret_cast<uint8_t *>(&obj) + off, raw, 2);
}

template <uint32_t Mss, uint32_t HdrLen>
concept Tso3Encodable = requires { typename std::integral_constant<uint16_t, hw_tso3_encode(Mss, HdrLen).mss>; };
static_assert(Tso3Encodable<1448, 52>);
static_assert(!Tso3Encodable<0x4000, 52>); /* MSS has 14 bits */
static_assert(!Tso3Encodable<1448, 50>);   /* header length in 32-bit words */

template <uint32_t Flags>
concept MaxlenFlagsOk = requires { typename std::integral_constant<uint32_t, bdinfo_maxlen_flags(512, Flags)>; };
static_assert(MaxlenFlagsOk<BDINFO_FLAGS_USE_EXT_RECV>);
static_assert(!MaxlenFlagsOk<0x00010000>); /* flags overlapping the length half */

} // namespace

/* ref §8.1: addr_hi 0x00, addr_lo 0x04, len_flags 0x08 (len in 31:16),
 * vlan_tag 0x0C (VLAN in 15:0, MSS in 31:16). */
TEST(TxBd, LayoutInBytes)
{
	EXPECT_EQ(sizeof(TxBd), 16u);
	TxBd bd{};
	bd.set(0x123456789ABCDEF0ull, 1514, TXD_FLAG_END | TXD_FLAG_VLAN, 0x0064, 0);
	const auto b = bytes_of(bd);
	EXPECT_EQ(le32(b, 0x00), 0x12345678u);
	EXPECT_EQ(le32(b, 0x04), 0x9ABCDEF0u);
	EXPECT_EQ(le16(b, 0x08), 0x0044u); /* END 0x4 | VLAN 0x40 */
	EXPECT_EQ(le16(b, 0x0A), 1514u);
	EXPECT_EQ(le16(b, 0x0C), 0x0064u);
	EXPECT_EQ(le16(b, 0x0E), 0u);
	EXPECT_EQ(bd.addr(), 0x123456789ABCDEF0ull);
	EXPECT_EQ(bd.len(), 1514);
	EXPECT_EQ(bd.flags(), 0x0044);
	EXPECT_EQ(bd.vlan(), 0x0064);
}

/* ref §10.4 worked example: 20 B IPv4 + 32 B TCP, MSS 1448 -> 0x45A8 / 0x0410. */
TEST(TxBd, Tso3WorkedExample)
{
	const TsoFields t = hw_tso3_encode(1448, 52);
	EXPECT_EQ(t.mss, 0x45A8);
	EXPECT_EQ(t.flags, 0x0410);
	EXPECT_EQ(TXD_FLAG_TSO_DMA, 0x0300u);

	TxBd bd{};
	bd.set(0x1000, 1000, t.flags | TXD_FLAG_TSO_DMA | TXD_FLAG_END, 0, t.mss);
	const auto b = bytes_of(bd);
	EXPECT_EQ(le16(b, 0x08), 0x0714u);
	EXPECT_EQ(le16(b, 0x0E), 0x45A8u); /* MSS in the upper half (ref §16.2) */
	EXPECT_EQ(hw_tso3_hdr_len(bd.mss(), bd.flags()), 52u);
	EXPECT_EQ(hw_tso3_mss(bd.mss()), 1448u);
}

/* tg3's byte formula against FreeBSD's word formula (ref §10.4 table). */
TEST(TxBd, Tso3MatchesFreeBsdEncoding)
{
	for (uint32_t hdr = 0; hdr <= TG3_HW_TSO_3_MAX_HDR_LEN; hdr += 4) {
		const uint32_t hlen = hdr / 4;
		const uint32_t bsd_mss = 1000 | ((hlen & 3) << 14);
		const uint32_t bsd_flags = ((hlen & 0xF8) << 7) | ((hlen & 4) << 2);
		const TsoFields t = hw_tso3_encode(1000, hdr);
		EXPECT_EQ(t.mss, bsd_mss) << hdr;
		EXPECT_EQ(t.flags, bsd_flags) << hdr;
		EXPECT_EQ(hw_tso3_hdr_len(t.mss, static_cast<uint16_t>(t.flags)), hdr);
	}
}

/* ref §10.4: HW_TSO_2 puts hdr_len/4 in MSS bits 15:11 (tg3 hdr_len << 9). */
TEST(TxBd, Tso2Encoding)
{
	const TsoFields t = hw_tso2_encode(1448, 52);
	EXPECT_EQ(t.mss, 0x6DA8); /* 1448 | 13 << 11 */
	EXPECT_EQ(t.flags, 0);
	EXPECT_EQ(hw_tso2_hdr_len(t.mss), 52u);
	EXPECT_EQ(hw_tso2_mss(t.mss), 1448u);
}

TEST(TxBd, FourGigabyteBoundary)
{
	/* ref §15: base + len + 8 must not wrap 32 bits. */
	EXPECT_TRUE(tg3_4g_overflow(0x1FFFFFF00ull, 0xF8));
	EXPECT_FALSE(tg3_4g_overflow(0x1FFFFFF00ull, 0xF7));
	EXPECT_FALSE(tg3_4g_overflow(0x100000000ull, 9000));
}

/* ref §14.1/§15, tg3_tx_frag_set: a buffer over the per-BD limit is cut into pieces. */
std::vector<uint32_t> pieces_of(uint32_t len, uint32_t limit)
{
	std::vector<uint32_t> out;
	do {
		out.push_back(tx_bd_piece(len, limit));
		len -= out.back();
	} while (len != 0);
	return out;
}

TEST(TxBd, SplitAtTheDmaLimitAsTg3Does)
{
	using V = std::vector<uint32_t>;
	EXPECT_EQ(pieces_of(4096, TG3_TX_BD_DMA_MAX_4K), (V{4096}));
	EXPECT_EQ(pieces_of(4097, TG3_TX_BD_DMA_MAX_4K), (V{2048, 2049})) << "a 1-byte tail would be a short DMA";
	EXPECT_EQ(pieces_of(4105, TG3_TX_BD_DMA_MAX_4K), (V{4096, 9}));
	EXPECT_EQ(pieces_of(8200, TG3_TX_BD_DMA_MAX_4K), (V{4096, 2048, 2056}));
	EXPECT_EQ(pieces_of(9018, TG3_TX_BD_DMA_MAX_2K), (V{2048, 2048, 2048, 2048, 826}));
	EXPECT_EQ(pieces_of(9000, 0), (V{9000})) << "no limit";
	for (uint32_t limit : {TG3_TX_BD_DMA_MAX_2K, TG3_TX_BD_DMA_MAX_4K}) {
		for (uint32_t len = TG3_TX_SHORT_DMA_MAX + 1; len <= 3 * 9018; len++) {
			const V p = pieces_of(len, limit);
			uint32_t sum = 0;
			for (uint32_t x : p) {
				ASSERT_LE(x, limit) << len;
				ASSERT_GT(x, TG3_TX_SHORT_DMA_MAX) << len << ": no SHORT_DMA_BUG piece";
				sum += x;
			}
			ASSERT_EQ(sum, len);
			ASSERT_EQ(p.size(), tx_bd_pieces(len, limit)) << len;
		}
	}
}

/* ref §8.2: producer BD as tg3 fills it. */
TEST(RxBd, ProducerLayout)
{
	EXPECT_EQ(sizeof(RxBd), 32u);
	RxBd bd{};
	bd.init_producer(0xAABBCCDD11223344ull, 1536, 5, RXD_FLAG_END, rxd_opaque(RXD_OPAQUE_RING_STD, 5));
	const auto b = bytes_of(bd);
	EXPECT_EQ(le32(b, 0x00), 0xAABBCCDDu);
	EXPECT_EQ(le32(b, 0x04), 0x11223344u);
	EXPECT_EQ(le16(b, 0x08), 1536u); /* buffer size, bits 15:0 */
	EXPECT_EQ(le16(b, 0x0A), 5u);    /* index, bits 31:16 */
	EXPECT_EQ(le32(b, 0x0C), 0x00000004u);
	EXPECT_EQ(le32(b, 0x1C), 0x00010005u); /* RXD_OPAQUE_RING_STD | 5 */
	EXPECT_EQ(bd.opaque_ring(), RXD_OPAQUE_RING_STD);
	EXPECT_EQ(bd.opaque_index(), 5u);
}

/* ref §8.4: a return BD written by the chip, parsed through the accessors. */
TEST(RxBd, ReturnParsing)
{
	RxBd bd{};
	put_le16(bd, 0x08, 68);      /* length incl. FCS */
	put_le16(bd, 0x0A, 7);       /* producer index */
	put_le16(bd, 0x0C, 0x7044);  /* END | VLAN | IP_CSUM | TCPUDP_CSUM | IS_TCP */
	put_le16(bd, 0x10, 0xFFFF);  /* TCP/UDP checksum, bits 15:0 */
	put_le16(bd, 0x12, 0xFFFF);  /* IP checksum, bits 31:16 */
	put_le16(bd, 0x14, 0x0123);  /* VLAN tag */
	put_le16(bd, 0x16, 0x0000);  /* no errors */
	put_le16(bd, 0x1C, 0x0007);
	put_le16(bd, 0x1E, 0x0001);
	EXPECT_EQ(bd.len(), 68);
	EXPECT_EQ(bd.len() - ETH_FCS_LEN, 64u);
	EXPECT_EQ(bd.index(), 7);
	EXPECT_TRUE(bd.flags() & RXD_FLAG_END);
	EXPECT_TRUE(bd.flags() & RXD_FLAG_VLAN);
	EXPECT_TRUE(bd.flags() & RXD_FLAG_IS_TCP);
	EXPECT_EQ(bd.tcp_csum(), RXD_CSUM_GOOD);
	EXPECT_EQ(bd.ip_csum(), 0xFFFF);
	EXPECT_EQ(bd.vlan(), 0x0123);
	EXPECT_FALSE(bd.has_error());
	EXPECT_EQ(bd.opaque, 0x00010007u);

	put_le16(bd, 0x16, 0x0001); /* error bit 0: bad CRC */
	EXPECT_TRUE(bd.has_error());
	EXPECT_EQ(bd.err(), RXD_ERR_BAD_CRC);
	put_le16(bd, 0x16, 0x0010); /* bit 4: odd nibble, not in RXD_ERR_MASK (ref §8.4) */
	EXPECT_FALSE(bd.has_error());
	put_le16(bd, 0x16, 0x0100); /* bit 8: huge frame */
	EXPECT_TRUE(bd.has_error());
	EXPECT_EQ(RXD_ERR_MASK, 0x01EF0000u);

	RxBd chip{};
	chip.set_idx_len(9, 1518);
	chip.set_type_flags(0, RXD_FLAG_END | RXD_FLAG_ERROR);
	chip.set_csum(0x1234, 0x5678);
	chip.set_err_vlan(RXD_ERR_TOO_SMALL, 0x0FFF);
	const auto b = bytes_of(chip);
	EXPECT_EQ(le16(b, 0x08), 1518u);
	EXPECT_EQ(le16(b, 0x0A), 9u);
	EXPECT_EQ(le16(b, 0x0C), 0x0404u);
	EXPECT_EQ(le16(b, 0x10), 0x5678u);
	EXPECT_EQ(le16(b, 0x12), 0x1234u);
	EXPECT_EQ(le16(b, 0x14), 0x0FFFu);
	EXPECT_EQ(le16(b, 0x16), 0x0040u); /* bit 6 of the error half-word */
}

/* ref §8.3: 64 bytes, lengths per FreeBSD's LE struct, std BD at 0x20. */
TEST(ExtRxBd, Layout)
{
	EXPECT_EQ(sizeof(ExtRxBd), 64u);
	EXPECT_EQ(offsetof(ExtRxBd, std), 0x20u);
	ExtRxBd bd{};
	bd.set_lens(100, 200, 300);
	bd.std.init_producer(0x5000, TG3_RX_JMB_DMA_SZ, 3, RXD_FLAG_END | RXD_FLAG_JUMBO,
		rxd_opaque(RXD_OPAQUE_RING_JUMBO, 3));
	const auto b = bytes_of(bd);
	EXPECT_EQ(le16(b, 0x18), 200u); /* len2 */
	EXPECT_EQ(le16(b, 0x1A), 100u); /* len1 */
	EXPECT_EQ(le16(b, 0x1E), 300u); /* len3 */
	EXPECT_EQ(le16(b, 0x28), 9046u);
	EXPECT_EQ(le32(b, 0x2C), 0x00000024u);
	EXPECT_EQ(le32(b, 0x3C), 0x00020003u);
}

/* ref §7.1: host address hi at +0, lo at +4, MAXLEN_FLAGS +8, NIC address +0xC. */
TEST(Rcb, Layout)
{
	EXPECT_EQ(sizeof(Rcb), 16u);
	Rcb rcb{};
	rcb.set_host_addr(0x1122334455667788ull);
	rcb.maxlen_flags = 0x02000000;
	rcb.nic_addr = 0x6000;
	const auto b = bytes_of(rcb);
	EXPECT_EQ(le32(b, 0x0), 0x11223344u);
	EXPECT_EQ(le32(b, 0x4), 0x55667788u);
	EXPECT_EQ(le32(b, 0x8), 0x02000000u);
	EXPECT_EQ(le32(b, 0xC), 0x6000u);
	EXPECT_EQ(rcb.maxlen(), 512u);
	EXPECT_FALSE(rcb.disabled());
}

/* ref §7.2 */
TEST(Rcb, RingSizeEncodings)
{
	EXPECT_EQ(bdinfo_std_maxlen_flags_57765(512, 1536), 0x02001800u);
	EXPECT_EQ(bdinfo_std_maxlen_flags_57765(2048, TG3_RX_STD_DMA_SZ), 0x08001800u);
	EXPECT_EQ(bdinfo_std_max_frame_57765(0x02001800), 1536u);
	EXPECT_EQ(TG3_STD_RCB_MAXLEN_FIELD_57765, 0x1800u);
	EXPECT_EQ(bdinfo_maxlen_flags(256, BDINFO_FLAGS_USE_EXT_RECV), 0x01000001u); /* 57765 jumbo */
	EXPECT_EQ(bdinfo_maxlen_flags(1024, BDINFO_FLAGS_USE_EXT_RECV), 0x04000001u); /* 5717 jumbo */
	EXPECT_EQ(bdinfo_maxlen_flags(512, 0), 0x02000000u); /* send: 512 << 16 */
	EXPECT_EQ(bdinfo_maxlen_flags(4096, 0), 0x10000000u); /* 5717 return ring */
	EXPECT_EQ(bdinfo_maxlen_flags(512, 0), TG3_TX_RING_SIZE << 16);
	EXPECT_EQ(BDINFO_FLAGS_DISABLED, 0x00000002u);
	Rcb off{};
	off.maxlen_flags = BDINFO_FLAGS_DISABLED;
	EXPECT_TRUE(off.disabled());
	EXPECT_TRUE(ring_size_valid(512, TG3_RX_STD_MAX_SIZE_5700));
	EXPECT_TRUE(ring_size_valid(128, TG3_RX_RET_MAX_SIZE_5700)); /* Thundergate */
	EXPECT_FALSE(ring_size_valid(500, 512));
	EXPECT_FALSE(ring_size_valid(1024, 512));
	EXPECT_FALSE(ring_size_valid(16, 512));
}

/* ref §9.1 byte offsets, written as the chip would (little-endian 16-bit). */
TEST(StatusBlock, LayoutInBytes)
{
	EXPECT_EQ(sizeof(StatusBlock), 0x50u);
	StatusBlock sb{};
	uint8_t raw[0x50] = {};
	raw[0x00] = SD_STATUS_UPDATED | SD_STATUS_LINK_CHG;
	raw[0x04] = 0x2A;               /* status_tag */
	raw[0x0A] = 0x34; raw[0x0B] = 0x12; /* rx_consumer */
	raw[0x10] = 0x42; raw[0x11] = 0x00; /* idx[0].rx_producer */
	raw[0x12] = 0x33; raw[0x13] = 0x01; /* idx[0].tx_consumer */
	raw[0x14] = 0x07;                   /* idx[1].rx_producer */
	std::memcpy(&sb, raw, sizeof(raw));
	EXPECT_EQ(sb.status, 0x3u);
	EXPECT_EQ(sb.status_tag, 0x2Au);
	EXPECT_EQ(sb.rx_consumer(), 0x1234);
	EXPECT_EQ(sb.rx_jumbo_consumer(), 0);
	EXPECT_EQ(sb.rx_producer(0), 0x0042);
	EXPECT_EQ(sb.tx_consumer(0), 0x0133);
	EXPECT_EQ(sb.rx_producer(1), 0x0007);

	StatusBlock w{};
	w.set_tx_consumer(0, 0xBEEF);
	w.set_rx_producer(0, 0x0102);
	w.set_rx_consumer(0x0A0B);
	const auto b = bytes_of(w);
	EXPECT_EQ(le16(b, 0x12), 0xBEEFu);
	EXPECT_EQ(le16(b, 0x10), 0x0102u);
	EXPECT_EQ(le16(b, 0x0A), 0x0A0Bu);
	EXPECT_EQ(le16(b, 0x08), 0u);
}

/* ref §9.1: with RSS, ring 0/1/2/3 producers at 0x10/0x08/0x0E/0x0C. */
TEST(StatusBlock, RssRemap)
{
	EXPECT_EQ(StatusBlock::ret_ring_producer_offset(0), 0x10u);
	EXPECT_EQ(StatusBlock::ret_ring_producer_offset(1), 0x08u);
	EXPECT_EQ(StatusBlock::ret_ring_producer_offset(2), 0x0Eu);
	EXPECT_EQ(StatusBlock::ret_ring_producer_offset(3), 0x0Cu);
	StatusBlock sb{};
	put_le16(sb, 0x10, 100);
	put_le16(sb, 0x08, 101);
	put_le16(sb, 0x0E, 102);
	put_le16(sb, 0x0C, 103);
	for (unsigned ring = 0; ring < 4; ring++)
		EXPECT_EQ(sb.ret_ring_producer(ring), 100 + ring) << ring;

	StatusBlock m{};
	for (unsigned ring = 0; ring < 4; ring++)
		m.set_ret_ring_producer(ring, static_cast<uint16_t>(0x200 + ring));
	const auto b = bytes_of(m);
	EXPECT_EQ(le16(b, 0x10), 0x200u);
	EXPECT_EQ(le16(b, 0x08), 0x201u);
	EXPECT_EQ(le16(b, 0x0E), 0x202u);
	EXPECT_EQ(le16(b, 0x0C), 0x203u);
}

/* ref §9.2: struct offset = SRAM address - 0x300; counters are {hi, lo}. */
TEST(HwStats, Layout)
{
	EXPECT_EQ(sizeof(HwStats), 0x800u);
	EXPECT_EQ(offsetof(HwStats, rx_octets), 0x400u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, rx_1024_to_1522_octet_packets), 0x4B0u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, tx_octets), 0x600u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, tx_ucast_packets), 0x6D8u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, cos_rx_packets), 0x800u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, rxbds_empty), 0x898u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, cos_out_packets), 0x900u - 0x300u);
	EXPECT_EQ(offsetof(HwStats, nic_irqs), 0x9A8u - 0x300u);

	Stat64 s{};
	s.low = 0xFFFFFFF0u;
	s.add(0x20);
	EXPECT_EQ(s.high, 1u);
	EXPECT_EQ(s.low, 0x10u);
	EXPECT_EQ(s.value(), 0x100000010ull);
	const auto b = bytes_of(s);
	EXPECT_EQ(le32(b, 0), 1u); /* high word first */
	EXPECT_EQ(le32(b, 4), 0x10u);
}
