/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frame-level offload arithmetic shared by the TX and RX engines (tx.cpp,
 * rx.cpp): Internet checksums (§10.1, §10.2), header parsing, 802.1Q tag
 * insert/strip (§10.3), HW TSO segmentation (§10.4) and the RSS Toeplitz hash
 * (§10.6). Pure functions on byte buffers: no chip state, no allocation.
 *
 * Checksum values are kept in "network value" form: the 16-bit ones'-
 * complement sum of the data read as big-endian 16-bit words, i.e. the number
 * a receiver compares with 0xFFFF (RFC 1071).
 */
#ifndef TG57XX_SIM_BLOCKS_OFFLOAD_H
#define TG57XX_SIM_BLOCKS_OFFLOAD_H

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tg57xx::sim::offload {

/* ---- well-known protocol numbers (not in the reference: IEEE/IETF) ---- */
inline constexpr uint32_t kEthAddrLen = 6;
inline constexpr uint32_t kEthTypeOff = 12;    /* after dst + src (IEEE 802.3) */
inline constexpr uint32_t kEthHdrLen = 14;     /* ETH_HLEN */
inline constexpr uint32_t kVlanTagLen = 4;     /* VLAN_HLEN (IEEE 802.1Q) */
inline constexpr uint16_t kEthP8021Q = 0x8100; /* 802.1Q TPID (§10.3) */
inline constexpr uint16_t kEthP8021AD = 0x88A8;
inline constexpr uint16_t kEthPIpv4 = 0x0800;
inline constexpr uint16_t kEthPIpv6 = 0x86DD;
inline constexpr uint8_t kIpProtoTcp = 6;
inline constexpr uint8_t kIpProtoUdp = 17;
inline constexpr uint32_t kIpv4MinHdrLen = 20; /* RFC 791 */
inline constexpr uint32_t kIpv6HdrLen = 40;    /* RFC 8200 */
inline constexpr uint32_t kTcpMinHdrLen = 20;  /* RFC 793 */
inline constexpr uint32_t kUdpHdrLen = 8;      /* RFC 768 */
/* Field offsets inside the headers. */
inline constexpr uint32_t kIpv4TotLenOff = 2, kIpv4IdOff = 4, kIpv4FragOff = 6, kIpv4ProtoOff = 9,
			  kIpv4CsumOff = 10, kIpv4SrcOff = 12, kIpv4AddrLen = 4;
inline constexpr uint16_t kIpv4MoreFrags = 0x2000, kIpv4FragOffMask = 0x1FFF;
inline constexpr uint32_t kIpv6PayloadLenOff = 4, kIpv6NextHdrOff = 6, kIpv6SrcOff = 8, kIpv6AddrLen = 16;
inline constexpr uint32_t kTcpSeqOff = 4, kTcpDoffOff = 12, kTcpFlagsOff = 13, kTcpCsumOff = 16;
inline constexpr uint32_t kUdpCsumOff = 6;
inline constexpr uint8_t kTcpFlagFin = 0x01, kTcpFlagPsh = 0x08;

inline uint16_t load_be16(const uint8_t *p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
inline uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
inline void store_be16(uint8_t *p, uint16_t v)
{
	p[0] = static_cast<uint8_t>(v >> 8);
	p[1] = static_cast<uint8_t>(v);
}
inline void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = static_cast<uint8_t>(v >> 24);
	p[1] = static_cast<uint8_t>(v >> 16);
	p[2] = static_cast<uint8_t>(v >> 8);
	p[3] = static_cast<uint8_t>(v);
}

/* ---- ones'-complement arithmetic ---- */

/* Fold a wide ones'-complement accumulator to 16 bits (end-around carry). */
inline uint16_t csum_fold(uint64_t s)
{
	s = (s & 0xFFFFFFFFu) + (s >> 32);
	s = (s & 0xFFFFFFFFu) + (s >> 32);
	s = (s & 0xFFFFu) + (s >> 16);
	s = (s & 0xFFFFu) + (s >> 16);
	s = (s & 0xFFFFu) + (s >> 16);
	return static_cast<uint16_t>(s);
}
/* Ones'-complement sum of len bytes as big-endian 16-bit words (odd tail padded with 0). */
uint16_t csum_bytes(const uint8_t *p, size_t len);
/* a +' b */
inline uint16_t csum_add(uint16_t a, uint16_t b) { return csum_fold(uint64_t{a} + b); }

/* Pseudo-header sums (RFC 793 / RFC 8200 §8.1) for an L4 segment of l4_len bytes. */
uint16_t pseudo_ipv4(const uint8_t *ip, uint8_t proto, uint32_t l4_len);
uint16_t pseudo_ipv6(const uint8_t *ip6, uint8_t proto, uint32_t l4_len);

/* ---- header parsing ---- */

struct Parsed {
	uint32_t l3_off = 0;   /* offset of the IP header (0 = not IP) */
	uint32_t l3_hlen = 0;  /* IPv4 IHL*4, or 40 */
	uint32_t l4_off = 0;   /* offset of the TCP/UDP header */
	uint32_t l4_len = 0;   /* L4 header + payload per the IP length fields */
	uint16_t vlan_tci = 0; /* in-band 802.1Q tag, if vlan */
	uint8_t ipv = 0;       /* 4, 6 or 0 */
	uint8_t proto = 0;     /* IP protocol / IPv6 next header */
	bool vlan = false;     /* an in-band 802.1Q/802.1ad tag precedes the EtherType */
	bool frag = false;     /* IPv4 fragment (MF or offset): no L4 checksum */
	bool ip_ok = false;    /* IP header complete and self-consistent */
	bool l4_ok = false;    /* TCP/UDP segment entirely inside the frame */
};
/*
 * Parse Ethernet [802.1Q] IPv4/IPv6 TCP/UDP. through_vlan: look past one
 * in-band tag (the RX side does; the TX checksum/TSO engines do not, §10.2).
 */
Parsed parse(const uint8_t *f, uint32_t len, bool through_vlan);

/* IPv4 header checksum as a receiver sees it (0xFFFF = good). */
inline uint16_t ipv4_hdr_sum(const uint8_t *ip, uint32_t hlen) { return csum_bytes(ip, hlen); }
/* Fill the IPv4 header checksum: the sum over the header *with the field's current
 * value included*, complemented (the engine adds to what the host left there). */
void ipv4_fill_csum(uint8_t *ip, uint32_t hlen);

/*
 * TXD_FLAG_TCPUDP_CSUM (§10.2): fill the TCP/UDP checksum of a parsed frame.
 * The sum covers the L4 header + payload *including* the value already in the
 * checksum field: with GRC_MODE_NO_TX_PHDR_CSUM the host pre-loaded the
 * pseudo-header sum there. chip_pseudo (GRC bit clear): the engine adds the
 * pseudo-header itself (and ignores the field). A UDP result of 0 goes out as
 * 0xFFFF (RFC 768). Returns false if the frame has no checksummable L4.
 */
bool l4_fill_csum(uint8_t *f, const Parsed &p, bool chip_pseudo);

/* ---- 802.1Q ---- */

/* Insert a tag after the MAC addresses: frame at buf+kVlanTagLen (len bytes)
 * becomes a tagged frame at buf (len + 4 bytes). */
inline void vlan_insert_front(uint8_t *buf, uint16_t tci)
{
	std::memmove(buf, buf + kVlanTagLen, 2 * kEthAddrLen);
	store_be16(buf + kEthTypeOff, kEthP8021Q);
	store_be16(buf + kEthTypeOff + 2, tci);
}

/* ---- HW TSO (§10.4) ---- */

/*
 * Cuts one large TCP frame (untagged, L2 = Ethernet) into MSS-sized segments
 * the way a HW_TSO_3 engine does: headers copied from the template with IPv4
 * tot_len/id/checksum or IPv6 payload_len rewritten, TCP seq advanced, FIN and
 * PSH only on the last segment, TCP checksum computed with the pseudo-header.
 * Both checksums are summed *including* the value the host left in the field
 * (the host zeroes them, §10.4), so a host that forgot shows up on the wire.
 */
class TsoCutter {
public:
	enum class Error { NONE, NOT_IP, NOT_TCP, BAD_HDR_LEN, ZERO_MSS, VLAN_INBAND };
	/* hdr_len: IP + TCP header bytes (from the BD encoding); frame excludes any inserted tag. */
	Error init(const uint8_t *frame, uint32_t len, uint32_t hdr_len, uint32_t mss);
	uint32_t segments() const { return nseg_; }
	bool ipv6() const { return p_.ipv == 6; }
	/* Largest segment build() can produce. */
	uint32_t max_segment_len() const { return l2_ + hdr_len_ + mss_; }
	/* Write segment i (0-based) at out; returns its length. */
	uint32_t build(uint32_t i, uint8_t *out) const;

private:
	const uint8_t *f_ = nullptr;
	Parsed p_;
	uint32_t len_ = 0, l2_ = 0, hdr_len_ = 0, mss_ = 0, payload_ = 0, nseg_ = 0;
	uint32_t seq0_ = 0;
	uint16_t id0_ = 0;
};

/* ---- RSS (§10.6) ---- */

/*
 * Toeplitz hash with a 40-byte key (key byte 4r+0 = MAC_RSS_HASH_KEY_r bits
 * 31:24 ... byte 4r+3 = bits 7:0, §10.6). Table driven: one XOR per input byte.
 */
class Toeplitz {
public:
	static constexpr size_t kKeyBytes = 40;
	static constexpr size_t kMaxInput = 36; /* IPv6 src+dst+ports */
	void set_key(const uint8_t key[kKeyBytes]);
	uint32_t hash(const uint8_t *in, size_t n) const
	{
		uint32_t h = 0;
		for (size_t i = 0; i < n; i++)
			h ^= tbl_[i][in[i]];
		return h;
	}

private:
	uint32_t tbl_[kMaxInput][256];
};

} // namespace tg57xx::sim::offload

#endif
