/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The link partner's transmit offloads of the kernel-interface wire
 * (wires/vnet.h): a frame with a VnetHdr in, finished wire frames out.
 */
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "offload.h"
#include "vnet.h"

namespace tg57xx::sim::test {

namespace {

namespace ol = offload;

/* MSS at MTU 1500 with timestamps: 1500 - IP header - 32 (IPv4 1448, IPv6 1428). */
constexpr uint32_t kMss4 = 1448, kMss6 = 1428;
uint32_t mss(int ipv) { return ipv == 4 ? kMss4 : kMss6; }
constexpr uint32_t kTcpHdrLen = 32; /* 20 + timestamps option (12), as Linux sends */
constexpr uint32_t kSeq0 = 0xFFFFF000; /* wraps inside the super-frame */
constexpr uint16_t kId0 = 0xFFFE;      /* wraps too */
constexpr uint8_t kAck = 0x10, kPsh = 0x08, kFin = 0x01;

uint8_t payload_byte(uint32_t i) { return static_cast<uint8_t>(i * 7 + 3); }

/* An untagged TCP super-frame as the kernel hands it to a NIC with TSO: IPv4
 * header sum over the whole frame's header, TCP field = pseudo-header sum. */
std::vector<uint8_t> tcp_superframe(int ipv, uint32_t payload, uint8_t flags = kAck | kPsh)
{
	const uint32_t l3 = ol::kEthHdrLen, iph = ipv == 4 ? ol::kIpv4MinHdrLen : ol::kIpv6HdrLen;
	const uint32_t l4 = l3 + iph;
	std::vector<uint8_t> f(l4 + kTcpHdrLen + payload, 0);
	for (uint32_t i = 0; i < 2 * ol::kEthAddrLen; i++)
		f[i] = static_cast<uint8_t>(0x02 + i);
	ol::store_be16(&f[ol::kEthTypeOff], ipv == 4 ? ol::kEthPIpv4 : ol::kEthPIpv6);
	uint8_t *ip = &f[l3];
	if (ipv == 4) {
		ip[0] = 0x45;
		ol::store_be16(ip + ol::kIpv4TotLenOff, static_cast<uint16_t>(iph + kTcpHdrLen + payload));
		ol::store_be16(ip + ol::kIpv4IdOff, kId0);
		ip[8] = 64;
		ip[ol::kIpv4ProtoOff] = ol::kIpProtoTcp;
		const uint8_t addrs[8] = {10, 77, 0, 1, 10, 77, 0, 2};
		std::copy(addrs, addrs + 8, ip + ol::kIpv4SrcOff);
		ol::ipv4_fill_csum(ip, iph);
	} else {
		ip[0] = 0x60;
		ol::store_be16(ip + ol::kIpv6PayloadLenOff, static_cast<uint16_t>(kTcpHdrLen + payload));
		ip[ol::kIpv6NextHdrOff] = ol::kIpProtoTcp;
		ip[7] = 64;
		for (uint32_t i = 0; i < 2 * ol::kIpv6AddrLen; i++)
			ip[ol::kIpv6SrcOff + i] = static_cast<uint8_t>(0xFD + i);
	}
	uint8_t *tcp = &f[l4];
	ol::store_be16(tcp, 40000);
	ol::store_be16(tcp + 2, 5201);
	ol::store_be32(tcp + ol::kTcpSeqOff, kSeq0);
	tcp[ol::kTcpDoffOff] = (kTcpHdrLen / 4) << 4;
	tcp[ol::kTcpFlagsOff] = flags;
	const uint32_t l4_len = kTcpHdrLen + payload;
	const uint16_t pseudo = ipv == 4 ? ol::pseudo_ipv4(ip, ol::kIpProtoTcp, l4_len)
					 : ol::pseudo_ipv6(ip, ol::kIpProtoTcp, l4_len);
	ol::store_be16(tcp + ol::kTcpCsumOff, pseudo);
	for (uint32_t i = 0; i < payload; i++)
		f[l4 + kTcpHdrLen + i] = payload_byte(i);
	return f;
}

VnetHdr gso_hdr(int ipv)
{
	VnetHdr h{};
	h.flags = kVnetNeedsCsum;
	h.gso_type = ipv == 4 ? kVnetGsoTcpv4 : kVnetGsoTcpv6;
	h.gso_size = static_cast<uint16_t>(mss(ipv));
	h.csum_start = static_cast<uint16_t>(ol::kEthHdrLen + (ipv == 4 ? ol::kIpv4MinHdrLen : ol::kIpv6HdrLen));
	h.csum_offset = ol::kTcpCsumOff;
	h.hdr_len = static_cast<uint16_t>(h.csum_start + kTcpHdrLen);
	return h;
}

/* Take every frame out of a started PeerTxOffload. */
std::vector<std::vector<uint8_t>> drain(PeerTxOffload &p)
{
	std::vector<std::vector<uint8_t>> out;
	while (p.remaining() > 0) {
		std::vector<uint8_t> buf(p.max_frame_len());
		buf.resize(p.next(buf.data()));
		out.push_back(std::move(buf));
	}
	return out;
}

/* What the receiving NIC / stack checks on one TCP segment; payload offset into the super-frame. */
void check_segment(const std::vector<uint8_t> &s, int ipv, uint32_t k, uint32_t nseg, uint32_t payload_total)
{
	SCOPED_TRACE("segment " + std::to_string(k));
	const ol::Parsed p = ol::parse(s.data(), static_cast<uint32_t>(s.size()), false);
	ASSERT_TRUE(p.ip_ok);
	ASSERT_TRUE(p.l4_ok);
	ASSERT_EQ(p.ipv, ipv);
	const uint32_t seg_mss = mss(ipv);
	const uint32_t chunk = std::min(seg_mss, payload_total - k * seg_mss);
	ASSERT_EQ(s.size(), p.l4_off + kTcpHdrLen + chunk);
	EXPECT_LE(s.size() - ol::kEthHdrLen, 1500u) << "larger than the MTU";
	const uint8_t *ip = s.data() + p.l3_off, *tcp = s.data() + p.l4_off;
	uint16_t pseudo;
	if (ipv == 4) {
		EXPECT_EQ(ol::ipv4_hdr_sum(ip, p.l3_hlen), 0xFFFF) << "IPv4 header checksum";
		EXPECT_EQ(ol::load_be16(ip + ol::kIpv4IdOff), static_cast<uint16_t>(kId0 + k));
		pseudo = ol::pseudo_ipv4(ip, ol::kIpProtoTcp, p.l4_len);
	} else {
		pseudo = ol::pseudo_ipv6(ip, ol::kIpProtoTcp, p.l4_len);
	}
	EXPECT_EQ(p.l4_len, kTcpHdrLen + chunk);
	EXPECT_EQ(ol::csum_add(pseudo, ol::csum_bytes(tcp, p.l4_len)), 0xFFFF) << "TCP checksum";
	EXPECT_EQ(ol::load_be32(tcp + ol::kTcpSeqOff), kSeq0 + k * seg_mss);
	const bool last = k + 1 == nseg;
	EXPECT_EQ((tcp[ol::kTcpFlagsOff] & (kPsh | kFin)) != 0, last) << "PSH/FIN only on the last segment";
	EXPECT_TRUE(tcp[ol::kTcpFlagsOff] & kAck);
	for (uint32_t i = 0; i < chunk; i++)
		ASSERT_EQ(tcp[kTcpHdrLen + i], payload_byte(k * seg_mss + i)) << "payload byte " << i;
}

void check_gso(int ipv)
{
	const uint32_t kPayload = 4 * mss(ipv) + 100; /* 5 segments, a short last one */
	auto f = tcp_superframe(ipv, kPayload, kAck | kPsh | kFin);
	PeerTxOffload p;
	ASSERT_EQ(p.start(gso_hdr(ipv), f.data(), static_cast<uint32_t>(f.size())), PeerTxOffload::Verdict::FRAMES);
	auto segs = drain(p);
	ASSERT_EQ(segs.size(), 5u);
	for (uint32_t k = 0; k < segs.size(); k++)
		check_segment(segs[k], ipv, k, static_cast<uint32_t>(segs.size()), kPayload);
}

} // namespace

TEST(WireVnet, GsoTcpv4SuperFrameBecomesMtuFramesWithGoodChecksums) { check_gso(4); }

TEST(WireVnet, GsoTcpv6SuperFrameBecomesMtuFramesWithGoodChecksums) { check_gso(6); }

/* The ECN flag on the GSO type changes nothing about the cut. */
TEST(WireVnet, GsoWithEcnFlagIsCut)
{
	auto f = tcp_superframe(4, 3 * kMss4);
	VnetHdr h = gso_hdr(4);
	h.gso_type |= kVnetGsoEcn;
	PeerTxOffload p;
	ASSERT_EQ(p.start(h, f.data(), static_cast<uint32_t>(f.size())), PeerTxOffload::Verdict::FRAMES);
	EXPECT_EQ(drain(p).size(), 3u);
}

/* No GSO, NEEDS_CSUM: the partner's checksum engine fills the field from the seed the stack left. */
TEST(WireVnet, NeedsCsumWithoutGsoIsFilled)
{
	auto f = tcp_superframe(4, 500);
	VnetHdr h = gso_hdr(4);
	h.gso_type = kVnetGsoNone;
	h.gso_size = 0;
	PeerTxOffload p;
	ASSERT_EQ(p.start(h, f.data(), static_cast<uint32_t>(f.size())), PeerTxOffload::Verdict::FRAMES);
	auto out = drain(p);
	ASSERT_EQ(out.size(), 1u);
	ASSERT_EQ(out[0].size(), f.size());
	check_segment(out[0], 4, 0, 1, 500);
}

/* No flags at all: the frame goes as it is, byte for byte. */
TEST(WireVnet, PlainFrameGoesUnchanged)
{
	auto f = tcp_superframe(6, 200);
	const auto copy = f;
	PeerTxOffload p;
	ASSERT_EQ(p.start(VnetHdr{}, f.data(), static_cast<uint32_t>(f.size())), PeerTxOffload::Verdict::FRAMES);
	auto out = drain(p);
	ASSERT_EQ(out.size(), 1u);
	EXPECT_EQ(out[0], copy);
}

/* Headers no NIC could act on: no frame, a verdict the wire counts as a drop. */
TEST(WireVnet, BadHeadersYieldNoFrame)
{
	using V = PeerTxOffload::Verdict;
	struct Case {
		const char *what;
		int ipv;
		void (*edit)(VnetHdr &, std::vector<uint8_t> &);
		V want;
	};
	const Case cases[] = {
		{"csum_start past the end", 4,
		 [](VnetHdr &h, std::vector<uint8_t> &f) {
			 h.gso_type = kVnetGsoNone;
			 h.csum_start = static_cast<uint16_t>(f.size());
		 },
		 V::BAD_CSUM},
		{"csum field past the end", 4,
		 [](VnetHdr &h, std::vector<uint8_t> &f) {
			 h.gso_type = kVnetGsoNone;
			 h.csum_offset = static_cast<uint16_t>(f.size() - h.csum_start - 1);
		 },
		 V::BAD_CSUM},
		{"GSO TCPV4 on an IPv6 frame", 6,
		 [](VnetHdr &h, std::vector<uint8_t> &) { h.gso_type = kVnetGsoTcpv4; }, V::BAD_GSO},
		{"gso_size 0", 4, [](VnetHdr &h, std::vector<uint8_t> &) { h.gso_size = 0; }, V::BAD_GSO},
		{"GSO of a UDP frame", 4,
		 [](VnetHdr &, std::vector<uint8_t> &f) { f[ol::kEthHdrLen + ol::kIpv4ProtoOff] = ol::kIpProtoUdp; },
		 V::BAD_GSO},
		{"GSO of a non-IP frame", 4,
		 [](VnetHdr &, std::vector<uint8_t> &f) { ol::store_be16(&f[ol::kEthTypeOff], 0x88B5); }, V::BAD_GSO},
		{"TCP header cut off", 4, [](VnetHdr &, std::vector<uint8_t> &f) { f.resize(ol::kEthHdrLen + 30); },
		 V::BAD_GSO},
		{"TCP data offset past the end", 4,
		 [](VnetHdr &, std::vector<uint8_t> &f) {
			 f.resize(ol::kEthHdrLen + ol::kIpv4MinHdrLen + kTcpHdrLen);
			 f[ol::kEthHdrLen + ol::kIpv4MinHdrLen + ol::kTcpDoffOff] = 0xF0;
		 },
		 V::BAD_GSO},
		{"UDP fragmentation offload", 4,
		 [](VnetHdr &h, std::vector<uint8_t> &) { h.gso_type = kVnetGsoUdp; }, V::UNSUPPORTED},
		{"unknown GSO type", 4, [](VnetHdr &h, std::vector<uint8_t> &) { h.gso_type = 0x7F; },
		 V::UNSUPPORTED},
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.what);
		auto f = tcp_superframe(c.ipv, 3 * mss(c.ipv));
		VnetHdr h = gso_hdr(c.ipv);
		c.edit(h, f);
		PeerTxOffload p;
		EXPECT_EQ(p.start(h, f.data(), static_cast<uint32_t>(f.size())), c.want);
		EXPECT_EQ(p.remaining(), 0u);
	}
}

} // namespace tg57xx::sim::test
