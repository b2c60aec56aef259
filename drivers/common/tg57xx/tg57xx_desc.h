/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DMA formats shared by host and chip (ref §7-§10): send BD, receive
 * producer BD, extended receive BD, receive return BD, RCB, ring-size
 * encodings and TSO encodings. The status and statistics blocks are in
 * tg57xx_status.h, included at the end: this header is the include point.
 *
 * Every format is an array of little-endian 32-bit words (the layout the
 * chip produces with the GRC_MODE swap bits of TG3_GRC_MODE_SWAP_LE, ref
 * §2.3), declared as named uint32_t members with accessors: no C++
 * bitfields. Offsets and sizes are checked against the TSV's *_OFF_* rows.
 * A big-endian host would add GRC_MODE_BSWAP_NONFRM_DATA and keep the same
 * word view; this project only builds for little-endian hosts.
 */
#ifndef TG57XX_BASE_DESC_H
#define TG57XX_BASE_DESC_H

#include <bit>
#include <cstddef>
#include <cstdint>

#include "tg57xx_field.h"
#include "tg57xx_regs.h"

namespace tg57xx::hw {

static_assert(std::endian::native == std::endian::little,
	"descriptor word layout assumes a little-endian host (ref §2.3)");

/* Byte offset of the low / high 16-bit half inside a little-endian word. */
inline constexpr size_t LE_WORD_LOW_HALF = 0;
inline constexpr size_t LE_WORD_HIGH_HALF = 2;

namespace detail {
constexpr uint32_t addr_hi(uint64_t a) { return static_cast<uint32_t>(a >> 32); }
constexpr uint32_t addr_lo(uint64_t a) { return static_cast<uint32_t>(a); }
constexpr uint64_t addr_join(uint32_t hi, uint32_t lo) { return (uint64_t{hi} << 32) | lo; }
constexpr uint32_t halves(uint32_t high, uint32_t low) { return (high << 16) | (low & 0xFFFF); }
constexpr uint16_t high_half(uint32_t w) { return static_cast<uint16_t>(w >> 16); }
constexpr uint16_t low_half(uint32_t w) { return static_cast<uint16_t>(w); }
} // namespace detail

/* ---------------------------------------------------------------------------
 * Send BD, 16 bytes (ref §8.1; tg3.h struct tg3_tx_buffer_desc)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t TXD_FLAG_TCPUDP_CSUM = 0x00000001;
inline constexpr uint32_t TXD_FLAG_IP_CSUM = 0x00000002;
inline constexpr uint32_t TXD_FLAG_END = 0x00000004;       /* last BD of the frame */
inline constexpr uint32_t TXD_FLAG_IP_FRAG = 0x00000008;
inline constexpr uint32_t TXD_FLAG_JMB_PKT = 0x00000008;   /* > 1518 B, non-TSO, 57765_PLUS */
inline constexpr uint32_t TXD_FLAG_IP_FRAG_END = 0x00000010; /* HW_TSO_3: hdr-len bit 2 */
inline constexpr uint32_t TXD_FLAG_HWTSTAMP = 0x00000020;
inline constexpr uint32_t TXD_FLAG_VLAN = 0x00000040;      /* insert vlan_tag[15:0] */
inline constexpr uint32_t TXD_FLAG_COAL_NOW = 0x00000080;
inline constexpr uint32_t TXD_FLAG_CPU_PRE_DMA = 0x00000100;  /* every BD of a TSO frame */
inline constexpr uint32_t TXD_FLAG_CPU_POST_DMA = 0x00000200; /* every BD of a TSO frame */
inline constexpr uint32_t TXD_FLAG_ADD_SRC_ADDR = 0x00001000;
inline constexpr uint32_t TXD_FLAG_CHOOSE_SRC_ADDR = 0x00006000;
inline constexpr uint32_t TXD_FLAG_NO_CRC = 0x00008000;
inline constexpr uint32_t TXD_LEN_SHIFT = 16;
inline constexpr uint32_t TXD_VLAN_TAG_SHIFT = 0;
inline constexpr uint32_t TXD_MSS_SHIFT = 16;
/* Masks implied by the shifts (tg3 only names the shifts). */
inline constexpr uint32_t TXD_LEN_MASK = 0xFFFF0000;
inline constexpr uint32_t TXD_FLAGS_MASK = 0x0000FFFF;
inline constexpr uint32_t TXD_VLAN_TAG_MASK = 0x0000FFFF;
inline constexpr uint32_t TXD_MSS_MASK = 0xFFFF0000;
/* Byte offsets inside the BD (tg3.h). */
inline constexpr uint32_t TXD_ADDR = 0x00;
inline constexpr uint32_t TXD_LEN_FLAGS = 0x08;
inline constexpr uint32_t TXD_VLAN_TAG = 0x0C;
inline constexpr uint32_t TXD_SIZE = 0x10;
/* FreeBSD names for the HW_TSO_3 header-length bits (tg3 leaves them unnamed). */
inline constexpr uint32_t BGE_TXBDFLAG_HDRLEN_BIT2 = 0x0010;
inline constexpr uint32_t BGE_TXBDFLAG_HDRLEN_BIT3 = 0x0400;
inline constexpr uint32_t BGE_TXBDFLAG_HDRLEN_BIT4 = 0x0800;
inline constexpr uint32_t BGE_TXBDFLAG_HDRLEN_BIT5 = 0x1000;
inline constexpr uint32_t BGE_TXBDFLAG_HDRLEN_BIT6 = 0x2000;
inline constexpr uint32_t BGE_TXBDFLAG_HDRLEN_BIT7 = 0x4000;
inline constexpr uint32_t BGE_TXBDFLAG_MSS_SIZE_MASK = 0x3FFF;   /* in the MSS half-word */
inline constexpr uint32_t BGE_TXBDFLAG_MSS_HDRLEN_MASK = 0xC000; /* in the MSS half-word */
inline constexpr uint32_t BGE_TXBDFLAG_SNAP = 0x0020;           /* = TXD_FLAG_HWTSTAMP */
/* Both DMA flags tg3 and FreeBSD put on every BD of a TSO frame (ref §10.4). */
inline constexpr uint32_t TXD_FLAG_TSO_DMA = TXD_FLAG_CPU_PRE_DMA | TXD_FLAG_CPU_POST_DMA;
/* Non-TSO frames longer than this get TXD_FLAG_JMB_PKT (tg3 compares with
 * VLAN_ETH_FRAME_LEN; ref §10.5). */
inline constexpr uint32_t TG3_TX_JMB_PKT_THRESHOLD = 1518;

struct TxBd {
	uint32_t addr_hi;
	uint32_t addr_lo;
	uint32_t len_flags; /* [31:16] buffer length, [15:0] TXD_FLAG_* */
	uint32_t vlan_tag;  /* [15:0] VLAN tag, [31:16] MSS (ref §16.2) */

	/* tg3_tx_set_bd: one call per BD. */
	constexpr void set(uint64_t addr, uint16_t len, uint32_t flags, uint16_t vlan, uint16_t mss)
	{
		addr_hi = detail::addr_hi(addr);
		addr_lo = detail::addr_lo(addr);
		len_flags = (uint32_t{len} << TXD_LEN_SHIFT) | (flags & TXD_FLAGS_MASK);
		vlan_tag = (uint32_t{mss} << TXD_MSS_SHIFT) | (uint32_t{vlan} << TXD_VLAN_TAG_SHIFT);
	}
	constexpr uint64_t addr() const { return detail::addr_join(addr_hi, addr_lo); }
	constexpr uint16_t len() const { return static_cast<uint16_t>(len_flags >> TXD_LEN_SHIFT); }
	constexpr uint16_t flags() const { return static_cast<uint16_t>(len_flags & TXD_FLAGS_MASK); }
	constexpr uint16_t vlan() const { return static_cast<uint16_t>(vlan_tag >> TXD_VLAN_TAG_SHIFT); }
	constexpr uint16_t mss() const { return static_cast<uint16_t>(vlan_tag >> TXD_MSS_SHIFT); }
};
inline constexpr uint32_t TG3_TX_BD_SIZE = 0x10;
inline constexpr uint32_t TXD_OFF_ADDR_HI = 0x00;
inline constexpr uint32_t TXD_OFF_ADDR_LO = 0x04;
inline constexpr uint32_t TXD_OFF_LEN_FLAGS = 0x08;
inline constexpr uint32_t TXD_OFF_VLAN_TAG = 0x0C;
static_assert(sizeof(TxBd) == TG3_TX_BD_SIZE && sizeof(TxBd) == TXD_SIZE);
static_assert(offsetof(TxBd, addr_hi) == TXD_OFF_ADDR_HI && offsetof(TxBd, addr_hi) == TXD_ADDR);
static_assert(offsetof(TxBd, addr_lo) == TXD_OFF_ADDR_LO);
static_assert(offsetof(TxBd, len_flags) == TXD_OFF_LEN_FLAGS && TXD_OFF_LEN_FLAGS == TXD_LEN_FLAGS);
static_assert(offsetof(TxBd, vlan_tag) == TXD_OFF_VLAN_TAG && TXD_OFF_VLAN_TAG == TXD_VLAN_TAG);

/* Per-BD DMA limits (ref §14.1, §15). */
inline constexpr uint32_t TG3_TX_BD_DMA_MAX_2K = 2048; /* 57766, MTU <= 1500 */
inline constexpr uint32_t TG3_TX_BD_DMA_MAX_4K = 4096; /* 5719 */
inline constexpr uint32_t TG3_TX_SHORT_DMA_MAX = 8;    /* 5755_PLUS: no BD of <= 8 bytes */
inline constexpr uint32_t BGE_MIN_FRAMELEN = 60;       /* software runt padding (ref §15) */
/*
 * Splitting one buffer over several send BDs where the chip limits a BD's
 * length (5719: 4 KiB; 57766 at standard MTU: 2 KiB; ref §14.1 step 1, §15;
 * tg3_tx_frag_set): full `limit`-byte pieces, except that a piece that would
 * leave a tail of TG3_TX_SHORT_DMA_MAX bytes or less is cut to limit / 2
 * instead, so no BD of the split ends up in the SHORT_DMA_BUG range.
 * `remaining` is what is left of the buffer; returns the next BD's length.
 */
constexpr uint32_t tx_bd_piece(uint32_t remaining, uint32_t limit)
{
	if (limit == 0 || remaining <= limit)
		return remaining;
	return remaining - limit <= TG3_TX_SHORT_DMA_MAX ? limit / 2 : limit;
}

/* How many BDs tx_bd_piece cuts a `len`-byte buffer into. */
constexpr unsigned tx_bd_pieces(uint32_t len, uint32_t limit)
{
	unsigned n = 0;
	do {
		len -= tx_bd_piece(len, limit);
		n++;
	} while (len != 0);
	return n;
}
static_assert(tx_bd_pieces(4096, TG3_TX_BD_DMA_MAX_4K) == 1 && tx_bd_pieces(4097, TG3_TX_BD_DMA_MAX_4K) == 2);
static_assert(tx_bd_piece(4100, TG3_TX_BD_DMA_MAX_4K) == 2048, "a 4-byte tail would be a short DMA");
static_assert(tx_bd_pieces(9018, TG3_TX_BD_DMA_MAX_2K) == 5 && tx_bd_pieces(0, 0) == 1);

/* tg3_4g_overflow_test: base + len + 8 must not wrap the low 32 bits. */
constexpr bool tg3_4g_overflow(uint64_t base, uint32_t len)
{
	const uint32_t lo = detail::addr_lo(base);
	return lo + len + 8 < lo;
}

/* ---------------------------------------------------------------------------
 * TSO encodings (ref §10.4). hdr_len = IP + TCP headers in bytes (no
 * Ethernet header), a multiple of 4. The caller adds TXD_FLAG_TSO_DMA.
 * ------------------------------------------------------------------------- */
struct TsoFields {
	uint16_t mss;   /* vlan_tag[31:16] */
	uint16_t flags; /* OR into len_flags[15:0] */
};

/* HW_TSO_3 (57765_PLUS): MSS [13:0]; hdr_len/4 bits 1:0 -> MSS [15:14],
 * bit 2 -> flag 0x0010, bits 7:3 -> flags [14:10] (tg3 tg3_start_xmit). */
inline constexpr uint32_t TG3_HW_TSO_3_MAX_MSS = BGE_TXBDFLAG_MSS_SIZE_MASK;
inline constexpr uint32_t TG3_HW_TSO_3_MAX_HDR_LEN = 255 * 4;
constexpr TsoFields hw_tso3_encode(uint32_t mss, uint32_t hdr_len)
{
	detail::check_arg(mss <= TG3_HW_TSO_3_MAX_MSS && hdr_len % 4 == 0 &&
		hdr_len <= TG3_HW_TSO_3_MAX_HDR_LEN);
	uint32_t m = mss & TG3_HW_TSO_3_MAX_MSS;
	uint32_t f = 0;
	m |= (hdr_len & 0xC) << 12;
	if (hdr_len & 0x10)
		f |= BGE_TXBDFLAG_HDRLEN_BIT2;
	f |= (hdr_len & 0x3E0) << 5;
	return {static_cast<uint16_t>(m), static_cast<uint16_t>(f)};
}
/* Header length back from the encoded fields (what a chip model needs). */
constexpr uint32_t hw_tso3_hdr_len(uint16_t mss_field, uint16_t flags)
{
	uint32_t words = (mss_field & BGE_TXBDFLAG_MSS_HDRLEN_MASK) >> 14;
	if (flags & BGE_TXBDFLAG_HDRLEN_BIT2)
		words |= 1u << 2;
	words |= ((flags >> 10) & 0x1F) << 3;
	return words * 4;
}
constexpr uint32_t hw_tso3_mss(uint16_t mss_field) { return mss_field & TG3_HW_TSO_3_MAX_MSS; }

/* The worked example of ref §10.4: 20 B IPv4 + 32 B TCP, MSS 1448. */
static_assert(hw_tso3_encode(1448, 52).mss == 0x45A8 && hw_tso3_encode(1448, 52).flags == 0x0410,
	"ref §10.4 worked example");
static_assert(hw_tso3_hdr_len(0x45A8, 0x0410) == 52 && hw_tso3_mss(0x45A8) == 1448);

/* HW_TSO_2 (5761): MSS [10:0], hdr_len/4 in [15:11] (tg3: mss |= hdr_len << 9). */
inline constexpr uint32_t TG3_HW_TSO_2_MSS_MASK = 0x07FF;
inline constexpr uint32_t TG3_HW_TSO_2_HDRLEN_MASK = 0xF800;
constexpr TsoFields hw_tso2_encode(uint32_t mss, uint32_t hdr_len)
{
	detail::check_arg(mss <= TG3_HW_TSO_2_MSS_MASK && hdr_len % 4 == 0 &&
		hdr_len / 4 <= field_max(TG3_HW_TSO_2_HDRLEN_MASK));
	return {static_cast<uint16_t>((mss & TG3_HW_TSO_2_MSS_MASK) |
		field_set(TG3_HW_TSO_2_HDRLEN_MASK, hdr_len / 4)), 0};
}
constexpr uint32_t hw_tso2_hdr_len(uint16_t mss_field)
{
	return field_get(TG3_HW_TSO_2_HDRLEN_MASK, mss_field) * 4;
}
constexpr uint32_t hw_tso2_mss(uint16_t mss_field) { return mss_field & TG3_HW_TSO_2_MSS_MASK; }

/* ---------------------------------------------------------------------------
 * Receive BD, 32 bytes (ref §8.2 producer view, §8.4 return view; tg3.h
 * struct tg3_rx_buffer_desc). The same layout serves both rings.
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t RXD_IDX_MASK = 0xFFFF0000;
inline constexpr uint32_t RXD_IDX_SHIFT = 16;
inline constexpr uint32_t RXD_LEN_MASK = 0x0000FFFF;
inline constexpr uint32_t RXD_LEN_SHIFT = 0;
inline constexpr uint32_t RXD_TYPE_SHIFT = 16;
inline constexpr uint32_t RXD_FLAGS_SHIFT = 0;
inline constexpr uint32_t RXD_FLAG_END = 0x00000004;
inline constexpr uint32_t RXD_FLAG_JUMBO = 0x00000020;
inline constexpr uint32_t RXD_FLAG_VLAN = 0x00000040;
inline constexpr uint32_t RXD_FLAG_PTPSTAT_MASK = 0x00000210;
inline constexpr uint32_t RXD_FLAG_PTPSTAT_PTPV1 = 0x00000010;
inline constexpr uint32_t RXD_FLAG_PTPSTAT_PTPV2 = 0x00000200;
inline constexpr uint32_t RXD_FLAG_ERROR = 0x00000400;
inline constexpr uint32_t RXD_FLAG_MINI = 0x00000800;
inline constexpr uint32_t RXD_FLAG_IP_CSUM = 0x00001000;
inline constexpr uint32_t RXD_FLAG_TCPUDP_CSUM = 0x00002000;
inline constexpr uint32_t RXD_FLAG_IS_TCP = 0x00004000;
inline constexpr uint32_t BGE_RXBDFLAG_IPV6 = 0x00008000; /* FreeBSD; Thundergate is_ipv6 */
/* Thundergate bd.h only (UNCONFIRMED elsewhere; bit 9 overlaps PTPV2). */
inline constexpr uint32_t TG_RBD_FLAG_RSS_HASH_VALID = 0x00000008;
inline constexpr uint32_t TG_RBD_FLAG_RSS_HASH_TYPE_MASK = 0x00000380;
inline constexpr uint32_t RXD_IPCSUM_MASK = 0xFFFF0000;
inline constexpr uint32_t RXD_IPCSUM_SHIFT = 16;
inline constexpr uint32_t RXD_TCPCSUM_MASK = 0x0000FFFF;
inline constexpr uint32_t RXD_TCPCSUM_SHIFT = 0;
inline constexpr uint16_t RXD_CSUM_GOOD = 0xFFFF; /* folded sum of a correct packet (ref §10.1) */
inline constexpr uint32_t RXD_VLAN_MASK = 0x0000FFFF;
/* Error bits: tg3.h positions in err_vlan (FreeBSD names bits 4-7 shifted by
 * one, ref §16.1). */
inline constexpr uint32_t RXD_ERR_BAD_CRC = 0x00010000;
inline constexpr uint32_t RXD_ERR_COLLISION = 0x00020000;
inline constexpr uint32_t RXD_ERR_LINK_LOST = 0x00040000;
inline constexpr uint32_t RXD_ERR_PHY_DECODE = 0x00080000;
inline constexpr uint32_t RXD_ERR_ODD_NIBBLE_RCVD_MII = 0x00100000;
inline constexpr uint32_t RXD_ERR_MAC_ABRT = 0x00200000;
inline constexpr uint32_t RXD_ERR_TOO_SMALL = 0x00400000;
inline constexpr uint32_t RXD_ERR_NO_RESOURCES = 0x00800000;
inline constexpr uint32_t RXD_ERR_HUGE_FRAME = 0x01000000;
inline constexpr uint32_t RXD_ERR_MASK = 0x01EF0000; /* all but odd-nibble (iPXE: 0xFFFF0000) */
/* FreeBSD's 57765_PLUS "IP checksum bad" flag, in the 16-bit error field
 * (= err_vlan >> 16). */
inline constexpr uint32_t BGE_RXERRFLAG_IP_CSUM_NOK = 0x00001000;
inline constexpr uint32_t RXD_ERR_FIELD_MASK = 0xFFFF0000; /* the whole error half-word */
/* opaque: tg3's cookie = ring | slot index. */
inline constexpr uint32_t RXD_OPAQUE_INDEX_MASK = 0x0000FFFF;
inline constexpr uint32_t RXD_OPAQUE_INDEX_SHIFT = 0;
inline constexpr uint32_t RXD_OPAQUE_RING_STD = 0x00010000;
inline constexpr uint32_t RXD_OPAQUE_RING_JUMBO = 0x00020000;
inline constexpr uint32_t RXD_OPAQUE_RING_MINI = 0x00040000;
inline constexpr uint32_t RXD_OPAQUE_RING_MASK = 0x00070000;
constexpr uint32_t rxd_opaque(uint32_t ring, uint32_t index)
{
	return (ring & RXD_OPAQUE_RING_MASK) | (index & RXD_OPAQUE_INDEX_MASK);
}
/* Received length without the FCS the chip includes (ref §8.4, §14.2). */
inline constexpr uint32_t ETH_FCS_LEN = 4;

struct RxBd {
	uint32_t addr_hi;
	uint32_t addr_lo;
	uint32_t idx_len;     /* [31:16] BD index, [15:0] buffer size / frame length */
	uint32_t type_flags;  /* [31:16] type, [15:0] RXD_FLAG_* */
	uint32_t ip_tcp_csum; /* [31:16] IP header checksum, [15:0] TCP/UDP checksum */
	uint32_t err_vlan;    /* [31:16] RXD_ERR_*, [15:0] VLAN tag */
	uint32_t reserved;    /* Thundergate: RSS hash (UNCONFIRMED) */
	uint32_t opaque;      /* host cookie, returned verbatim */

	/* Producer side (tg3_alloc_rx_data; FreeBSD bge_newbuf_std). */
	constexpr void init_producer(uint64_t addr, uint16_t buf_len, uint16_t index, uint32_t flags,
		uint32_t cookie)
	{
		addr_hi = detail::addr_hi(addr);
		addr_lo = detail::addr_lo(addr);
		idx_len = detail::halves(index, buf_len);
		type_flags = flags & 0xFFFF;
		ip_tcp_csum = 0;
		err_vlan = 0;
		reserved = 0;
		opaque = cookie;
	}
	constexpr void set_addr(uint64_t addr)
	{
		addr_hi = detail::addr_hi(addr);
		addr_lo = detail::addr_lo(addr);
	}
	/* Chip side (return ring). */
	constexpr void set_idx_len(uint16_t index, uint16_t len) { idx_len = detail::halves(index, len); }
	constexpr void set_type_flags(uint16_t type, uint16_t flags) { type_flags = detail::halves(type, flags); }
	constexpr void set_csum(uint16_t ip, uint16_t tcp) { ip_tcp_csum = detail::halves(ip, tcp); }
	constexpr void set_err_vlan(uint32_t err_bits, uint16_t vlan)
	{
		err_vlan = (err_bits & RXD_ERR_FIELD_MASK) | vlan;
	}

	constexpr uint64_t addr() const { return detail::addr_join(addr_hi, addr_lo); }
	constexpr uint16_t len() const { return detail::low_half(idx_len); }
	constexpr uint16_t index() const { return detail::high_half(idx_len); }
	constexpr uint16_t flags() const { return detail::low_half(type_flags); }
	constexpr uint16_t type() const { return detail::high_half(type_flags); }
	constexpr uint16_t ip_csum() const { return detail::high_half(ip_tcp_csum); }
	constexpr uint16_t tcp_csum() const { return detail::low_half(ip_tcp_csum); }
	constexpr uint32_t err() const { return err_vlan & RXD_ERR_FIELD_MASK; } /* RXD_ERR_* positions */
	constexpr uint16_t vlan() const { return static_cast<uint16_t>(err_vlan & RXD_VLAN_MASK); }
	constexpr bool has_error() const { return (err_vlan & RXD_ERR_MASK) != 0; } /* tg3 drop test */
	constexpr uint32_t opaque_ring() const { return opaque & RXD_OPAQUE_RING_MASK; }
	constexpr uint32_t opaque_index() const { return opaque & RXD_OPAQUE_INDEX_MASK; }
};
inline constexpr uint32_t TG3_RX_BD_SIZE = 0x20;
inline constexpr uint32_t RXD_OFF_ADDR_HI = 0x00;
inline constexpr uint32_t RXD_OFF_ADDR_LO = 0x04;
inline constexpr uint32_t RXD_OFF_IDX_LEN = 0x08;
inline constexpr uint32_t RXD_OFF_TYPE_FLAGS = 0x0C;
inline constexpr uint32_t RXD_OFF_IP_TCP_CSUM = 0x10;
inline constexpr uint32_t RXD_OFF_ERR_VLAN = 0x14;
inline constexpr uint32_t RXD_OFF_RESERVED = 0x18;
inline constexpr uint32_t RXD_OFF_OPAQUE = 0x1C;
static_assert(sizeof(RxBd) == TG3_RX_BD_SIZE);
static_assert(offsetof(RxBd, addr_hi) == RXD_OFF_ADDR_HI);
static_assert(offsetof(RxBd, addr_lo) == RXD_OFF_ADDR_LO);
static_assert(offsetof(RxBd, idx_len) == RXD_OFF_IDX_LEN);
static_assert(offsetof(RxBd, type_flags) == RXD_OFF_TYPE_FLAGS);
static_assert(offsetof(RxBd, ip_tcp_csum) == RXD_OFF_IP_TCP_CSUM);
static_assert(offsetof(RxBd, err_vlan) == RXD_OFF_ERR_VLAN);
static_assert(offsetof(RxBd, reserved) == RXD_OFF_RESERVED);
static_assert(offsetof(RxBd, opaque) == RXD_OFF_OPAQUE);

/* ---------------------------------------------------------------------------
 * Extended receive BD, 64 bytes (jumbo ring with BDINFO_FLAGS_USE_EXT_RECV;
 * ref §8.3; tg3.h struct tg3_ext_rx_buffer_desc). Lengths per FreeBSD's LE
 * struct: len1 in len2_len1[31:16], len2 in [15:0], len3 in resv_len3[31:16].
 * ------------------------------------------------------------------------- */
struct ExtRxBd {
	uint32_t addr1_hi;
	uint32_t addr1_lo;
	uint32_t addr2_hi;
	uint32_t addr2_lo;
	uint32_t addr3_hi;
	uint32_t addr3_lo;
	uint32_t len2_len1;
	uint32_t resv_len3;
	RxBd std; /* segment 0 (tg3 uses only this one) */

	constexpr uint16_t len1() const { return detail::high_half(len2_len1); }
	constexpr uint16_t len2() const { return detail::low_half(len2_len1); }
	constexpr uint16_t len3() const { return detail::high_half(resv_len3); }
	constexpr void set_lens(uint16_t l1, uint16_t l2, uint16_t l3)
	{
		len2_len1 = detail::halves(l1, l2);
		resv_len3 = detail::halves(l3, 0);
	}
};
inline constexpr uint32_t TG3_EXT_RX_BD_SIZE = 0x40;
inline constexpr uint32_t EXT_RXD_OFF_LEN2_LEN1 = 0x18;
inline constexpr uint32_t EXT_RXD_OFF_RESV_LEN3 = 0x1C;
inline constexpr uint32_t EXT_RXD_OFF_STD = 0x20;
static_assert(sizeof(ExtRxBd) == TG3_EXT_RX_BD_SIZE);
static_assert(offsetof(ExtRxBd, addr1_hi) == 0x00 && offsetof(ExtRxBd, addr2_hi) == 0x08 &&
	offsetof(ExtRxBd, addr3_hi) == 0x10, "ref §8.3: addr1..3 at 0x00/0x08/0x10");
static_assert(offsetof(ExtRxBd, len2_len1) == EXT_RXD_OFF_LEN2_LEN1);
static_assert(offsetof(ExtRxBd, resv_len3) == EXT_RXD_OFF_RESV_LEN3);
static_assert(offsetof(ExtRxBd, std) == EXT_RXD_OFF_STD);

/* RX buffer sizes (tg3.c; ref §8.2, §8.3). */
inline constexpr uint32_t TG3_RX_STD_DMA_SZ = 1536;
inline constexpr uint32_t TG3_RX_JMB_DMA_SZ = 9046;
inline constexpr uint32_t TG3_RAW_IP_ALIGN = 2;
inline constexpr uint32_t TG3_DMA_BYTE_ENAB = 64; /* tg3_test_dma buffer */

/* ---------------------------------------------------------------------------
 * Ring control block, 16 bytes (ref §7.1), and MAXLEN_FLAGS encodings (§7.2)
 * ------------------------------------------------------------------------- */
struct Rcb {
	uint32_t host_addr_hi;
	uint32_t host_addr_lo;
	uint32_t maxlen_flags;
	uint32_t nic_addr;

	constexpr void set_host_addr(uint64_t a)
	{
		host_addr_hi = detail::addr_hi(a);
		host_addr_lo = detail::addr_lo(a);
	}
	constexpr uint64_t host_addr() const { return detail::addr_join(host_addr_hi, host_addr_lo); }
	constexpr uint32_t maxlen() const { return field_get(BDINFO_FLAGS_MAXLEN_MASK, maxlen_flags); }
	constexpr bool disabled() const { return (maxlen_flags & BDINFO_FLAGS_DISABLED) != 0; }
	constexpr bool ext_bds() const { return (maxlen_flags & BDINFO_FLAGS_USE_EXT_RECV) != 0; }
};
static_assert(sizeof(Rcb) == TG3_BDINFO_SIZE);
static_assert(offsetof(Rcb, host_addr_hi) == TG3_BDINFO_HOST_ADDR + TG3_64BIT_REG_HIGH);
static_assert(offsetof(Rcb, host_addr_lo) == TG3_BDINFO_HOST_ADDR + TG3_64BIT_REG_LOW);
static_assert(offsetof(Rcb, maxlen_flags) == TG3_BDINFO_MAXLEN_FLAGS);
static_assert(offsetof(Rcb, nic_addr) == TG3_BDINFO_NIC_ADDR);

/* (entries_or_len << 16) | flags: send RCB (entries, 0), return RCB
 * (entries, 0), jumbo RCB (entries, BDINFO_FLAGS_USE_EXT_RECV), 5761 std
 * RCB (512, 0), or BDINFO_FLAGS_DISABLED alone. */
constexpr uint32_t bdinfo_maxlen_flags(uint32_t entries_or_len, uint32_t flags)
{
	detail::check_arg((flags & BDINFO_FLAGS_MAXLEN_MASK) == 0);
	return field_set(BDINFO_FLAGS_MAXLEN_MASK, entries_or_len) | (flags & ~BDINFO_FLAGS_MAXLEN_MASK);
}
/* 57765_PLUS standard RCB: (entries << 16) | (buf_len << 2) (ref §7.2). */
constexpr uint32_t bdinfo_std_maxlen_flags_57765(uint32_t entries, uint32_t buf_len)
{
	return field_set(BDINFO_FLAGS_MAXLEN_MASK, entries) |
		field_set(BDINFO_FLAGS_STD_MAX_FRAME_MASK, buf_len);
}
constexpr uint32_t bdinfo_std_max_frame_57765(uint32_t maxlen_flags)
{
	return field_get(BDINFO_FLAGS_STD_MAX_FRAME_MASK, maxlen_flags);
}
/* tg3.c tg3_reset_hw: (TG3_RX_STD_DMA_SZ << 2) in the low half. */
inline constexpr uint32_t TG3_STD_RCB_MAXLEN_FIELD_57765 =
	field_set(BDINFO_FLAGS_STD_MAX_FRAME_MASK, TG3_RX_STD_DMA_SZ);
static_assert(TG3_STD_RCB_MAXLEN_FIELD_57765 == 0x1800, "ref §7.2: 1536 -> 0x1800");

/* Ring sizes are powers of two; FreeBSD: "(2048, 1024, 512, .., 32)" (ref §7.2). */
inline constexpr uint32_t TG3_RING_SIZE_MIN = 32;
constexpr bool ring_size_valid(uint32_t entries, uint32_t max_entries)
{
	return std::has_single_bit(entries) && entries >= TG3_RING_SIZE_MIN && entries <= max_entries;
}

} // namespace tg57xx::hw

#include "tg57xx_status.h"

#endif
