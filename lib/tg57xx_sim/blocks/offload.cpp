/* SPDX-License-Identifier: BSD-3-Clause */
/* Offload arithmetic for the TX/RX engines: see offload.h. */
#include "offload.h"

#include <algorithm>
#include <bit>

namespace tg57xx::sim::offload {

namespace {
constexpr uint32_t kIpv4Version = 4, kIpv6Version = 6;
constexpr uint32_t kIhlMask = 0x0F, kVersionShift = 4;
constexpr uint32_t kTcpDoffShift = 4;
constexpr uint32_t kWordBytes = 4;
/* 16-bit words of an IPv4 / IPv6 address pair in the pseudo-header. */
constexpr uint32_t kIpv4AddrPairBytes = 2 * kIpv4AddrLen;
constexpr uint32_t kIpv6AddrPairBytes = 2 * kIpv6AddrLen;
constexpr uint16_t kUdpZeroCsum = 0xFFFF; /* RFC 768: transmitted form of a computed 0 */
} // namespace

uint16_t csum_bytes(const uint8_t *p, size_t len)
{
	/*
	 * Sum native (little-endian) 64-bit words with end-around carry: the
	 * ones'-complement sum is independent of word width (2^16-1 divides
	 * 2^64-1) and of byte order up to a final swap (RFC 1071 §2).
	 */
	uint64_t acc = 0;
	while (len >= 32) {
		uint64_t w[4];
		std::memcpy(w, p, sizeof(w));
		for (uint64_t x : w) {
			acc += x;
			acc += (acc < x);
		}
		p += 32;
		len -= 32;
	}
	while (len >= 8) {
		uint64_t x;
		std::memcpy(&x, p, 8);
		acc += x;
		acc += (acc < x);
		p += 8;
		len -= 8;
	}
	/* The last 0..7 bytes as the low bytes of one LE word (an odd last byte
	 * lands as the low byte of its 16-bit word: BE zero padding). Fixed-size
	 * reads: a variable-length memcpy here cost more than the whole sum. */
	uint64_t tail = 0;
	unsigned shift = 0;
	if (len & 4) {
		uint32_t x;
		std::memcpy(&x, p, sizeof(x));
		tail = x;
		p += 4;
		shift = 32;
	}
	if (len & 2) {
		uint16_t x;
		std::memcpy(&x, p, sizeof(x));
		tail |= uint64_t{x} << shift;
		p += 2;
		shift += 16;
	}
	if (len & 1)
		tail |= uint64_t{*p} << shift;
	acc += tail;
	acc += (acc < tail);
	const uint16_t le = csum_fold(acc);
	return static_cast<uint16_t>((le >> 8) | (le << 8));
}

uint16_t pseudo_ipv4(const uint8_t *ip, uint8_t proto, uint32_t l4_len)
{
	uint64_t s = csum_bytes(ip + kIpv4SrcOff, kIpv4AddrPairBytes);
	s += proto;
	s += l4_len & 0xFFFF;
	return csum_fold(s);
}

uint16_t pseudo_ipv6(const uint8_t *ip6, uint8_t proto, uint32_t l4_len)
{
	uint64_t s = csum_bytes(ip6 + kIpv6SrcOff, kIpv6AddrPairBytes);
	s += (l4_len >> 16) + (l4_len & 0xFFFF); /* 32-bit upper-layer length */
	s += proto;                               /* zero-padded next header */
	return csum_fold(s);
}

Parsed parse(const uint8_t *f, uint32_t len, bool through_vlan)
{
	Parsed p;
	if (len < kEthHdrLen)
		return p;
	uint32_t off = kEthTypeOff;
	uint16_t type = load_be16(f + off);
	if (type == kEthP8021Q || type == kEthP8021AD) {
		p.vlan = true;
		if (!through_vlan || len < kEthHdrLen + kVlanTagLen)
			return p;
		p.vlan_tci = load_be16(f + off + 2);
		off += kVlanTagLen;
		type = load_be16(f + off);
	}
	const uint32_t l3 = off + 2;
	if (type == kEthPIpv4) {
		if (len < l3 + kIpv4MinHdrLen)
			return p;
		const uint8_t *ip = f + l3;
		const uint32_t hl = (ip[0] & kIhlMask) * kWordBytes;
		const uint32_t tot = load_be16(ip + kIpv4TotLenOff);
		if ((ip[0] >> kVersionShift) != kIpv4Version || hl < kIpv4MinHdrLen || len < l3 + hl || tot < hl)
			return p;
		p.ipv = 4;
		p.l3_off = l3;
		p.l3_hlen = hl;
		p.proto = ip[kIpv4ProtoOff];
		p.ip_ok = true;
		const uint16_t frag = load_be16(ip + kIpv4FragOff);
		p.frag = (frag & (kIpv4MoreFrags | kIpv4FragOffMask)) != 0;
		p.l4_off = l3 + hl;
		p.l4_len = tot - hl;
		p.l4_ok = l3 + tot <= len;
	} else if (type == kEthPIpv6) {
		if (len < l3 + kIpv6HdrLen)
			return p;
		const uint8_t *ip6 = f + l3;
		if ((ip6[0] >> kVersionShift) != kIpv6Version)
			return p;
		p.ipv = 6;
		p.l3_off = l3;
		p.l3_hlen = kIpv6HdrLen;
		p.proto = ip6[kIpv6NextHdrOff]; /* extension headers are not followed */
		p.ip_ok = true;
		p.l4_off = l3 + kIpv6HdrLen;
		p.l4_len = load_be16(ip6 + kIpv6PayloadLenOff);
		p.l4_ok = p.l4_off + p.l4_len <= len;
	} else {
		return p;
	}
	if (p.proto == kIpProtoTcp)
		p.l4_ok = p.l4_ok && !p.frag && p.l4_len >= kTcpMinHdrLen;
	else if (p.proto == kIpProtoUdp)
		p.l4_ok = p.l4_ok && !p.frag && p.l4_len >= kUdpHdrLen;
	else
		p.l4_ok = false;
	return p;
}

void ipv4_fill_csum(uint8_t *ip, uint32_t hlen)
{
	store_be16(ip + kIpv4CsumOff, static_cast<uint16_t>(~csum_bytes(ip, hlen)));
}

bool l4_fill_csum(uint8_t *f, const Parsed &p, bool chip_pseudo)
{
	if (!p.l4_ok)
		return false;
	uint8_t *l4 = f + p.l4_off;
	const bool tcp = p.proto == kIpProtoTcp;
	uint8_t *field = l4 + (tcp ? kTcpCsumOff : kUdpCsumOff);
	uint16_t sum;
	if (chip_pseudo) {
		store_be16(field, 0);
		const uint8_t *ip = f + p.l3_off;
		sum = p.ipv == 4 ? pseudo_ipv4(ip, p.proto, p.l4_len) : pseudo_ipv6(ip, p.proto, p.l4_len);
		sum = csum_add(sum, csum_bytes(l4, p.l4_len));
	} else {
		sum = csum_bytes(l4, p.l4_len);
	}
	uint16_t c = static_cast<uint16_t>(~sum);
	if (!tcp && c == 0)
		c = kUdpZeroCsum;
	store_be16(field, c);
	return true;
}

/* ---- TSO ---- */

TsoCutter::Error TsoCutter::init(const uint8_t *frame, uint32_t len, uint32_t hdr_len, uint32_t mss)
{
	f_ = frame;
	len_ = len;
	p_ = parse(frame, len, false);
	if (p_.vlan)
		return Error::VLAN_INBAND; /* §10.4: in-band VLAN TSO goes to software GSO */
	if (!p_.ip_ok)
		return Error::NOT_IP;
	if (p_.proto != kIpProtoTcp)
		return Error::NOT_TCP;
	if (mss == 0)
		return Error::ZERO_MSS;
	l2_ = p_.l3_off;
	/* The header the engine replicates must hold the IP and a minimal TCP header. */
	if (hdr_len < p_.l3_hlen + kTcpMinHdrLen || l2_ + hdr_len > len)
		return Error::BAD_HDR_LEN;
	hdr_len_ = hdr_len;
	mss_ = mss;
	payload_ = len - l2_ - hdr_len;
	nseg_ = payload_ == 0 ? 1 : (payload_ + mss - 1) / mss;
	seq0_ = load_be32(frame + p_.l4_off + kTcpSeqOff);
	id0_ = p_.ipv == 4 ? load_be16(frame + p_.l3_off + kIpv4IdOff) : 0;
	return Error::NONE;
}

uint32_t TsoCutter::build(uint32_t i, uint8_t *out) const
{
	const uint32_t hdr = l2_ + hdr_len_;
	const uint32_t off = i * mss_;
	const uint32_t chunk = std::min(mss_, payload_ - std::min(off, payload_));
	std::memcpy(out, f_, hdr);
	std::memcpy(out + hdr, f_ + hdr + off, chunk);
	const bool last = i + 1 == nseg_;
	uint8_t *ip = out + p_.l3_off;
	uint8_t *tcp = out + p_.l4_off;
	const uint32_t l4_len = hdr - p_.l4_off + chunk;
	store_be32(tcp + kTcpSeqOff, seq0_ + off);
	if (!last)
		tcp[kTcpFlagsOff] &= static_cast<uint8_t>(~(kTcpFlagFin | kTcpFlagPsh));
	uint16_t pseudo;
	if (p_.ipv == 4) {
		store_be16(ip + kIpv4TotLenOff, static_cast<uint16_t>(hdr_len_ + chunk));
		store_be16(ip + kIpv4IdOff, static_cast<uint16_t>(id0_ + i));
		ipv4_fill_csum(ip, p_.l3_hlen);
		pseudo = pseudo_ipv4(ip, kIpProtoTcp, l4_len);
	} else {
		store_be16(ip + kIpv6PayloadLenOff, static_cast<uint16_t>(hdr - p_.l3_off - kIpv6HdrLen + chunk));
		pseudo = pseudo_ipv6(ip, kIpProtoTcp, l4_len);
	}
	const uint16_t sum = csum_add(pseudo, csum_bytes(tcp, l4_len));
	store_be16(tcp + kTcpCsumOff, static_cast<uint16_t>(~sum));
	return hdr + chunk;
}

/* ---- Toeplitz ---- */

void Toeplitz::set_key(const uint8_t key[kKeyBytes])
{
	/* window(b) = the 32 key bits starting at bit b (bit 0 = MSB of key[0]). */
	auto window = [key](uint32_t b) {
		const uint32_t byte = b / 8, sh = b % 8;
		uint64_t w = 0;
		for (uint32_t k = 0; k < 5; k++)
			w = (w << 8) | (byte + k < kKeyBytes ? key[byte + k] : 0);
		return static_cast<uint32_t>(w >> (8 - sh));
	};
	for (uint32_t pos = 0; pos < kMaxInput; pos++) {
		uint32_t bitw[8];
		for (uint32_t bit = 0; bit < 8; bit++)
			bitw[bit] = window(pos * 8 + bit);
		for (uint32_t v = 0; v < 256; v++) {
			uint32_t h = 0;
			for (uint32_t bit = 0; bit < 8; bit++)
				if (v & (0x80u >> bit))
					h ^= bitw[bit];
			tbl_[pos][v] = h;
		}
	}
}

} // namespace tg57xx::sim::offload
