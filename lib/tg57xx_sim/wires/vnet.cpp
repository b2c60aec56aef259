/* SPDX-License-Identifier: BSD-3-Clause */
/* The link partner NIC's transmit offloads: see vnet.h. */
#include "vnet.h"

#include <cstring>

namespace tg57xx::sim {

namespace ol = offload;

namespace {
/* VnetHdr.gso_type without the ECN flag (include/uapi/linux/virtio_net.h). */
constexpr uint8_t kGsoTypeMask = static_cast<uint8_t>(~kVnetGsoEcn);
constexpr uint32_t kCsumFieldLen = 2;
constexpr uint32_t kTcpDoffShift = 4; /* data offset: high nibble, in 32-bit words (RFC 793) */
constexpr uint32_t kWordBytes = 4;
} // namespace

PeerTxOffload::Verdict PeerTxOffload::start(const VnetHdr &h, uint8_t *frame, uint32_t len)
{
	f_ = frame;
	len_ = len;
	next_ = nseg_ = 0;
	gso_ = false;
	/* Legacy header: native byte order (a little-endian host: the kernel's vio_le()). */
	const uint8_t type = h.gso_type & kGsoTypeMask;
	if (type == kVnetGsoNone) {
		if (h.flags & kVnetNeedsCsum) {
			/* The partner's checksum engine: ones'-complement sum from csum_start
			 * to the end, seeded with what the stack left in the field (the
			 * pseudo-header sum), stored at csum_start + csum_offset. */
			const uint32_t start = h.csum_start, field = start + h.csum_offset;
			if (start >= len || field + kCsumFieldLen > len)
				return Verdict::BAD_CSUM;
			const uint16_t sum = ol::csum_bytes(frame + start, len - start);
			ol::store_be16(frame + field, static_cast<uint16_t>(~sum));
		}
		nseg_ = 1;
		return Verdict::FRAMES;
	}
	if (type != kVnetGsoTcpv4 && type != kVnetGsoTcpv6)
		return Verdict::UNSUPPORTED; /* UDP (fragmentation) and UDP_L4: no engine for them on a tg3-class partner */
	const ol::Parsed p = ol::parse(frame, len, false);
	const uint8_t want_ipv = type == kVnetGsoTcpv4 ? 4 : 6;
	if (!p.ip_ok || p.vlan || p.ipv != want_ipv || p.proto != ol::kIpProtoTcp || h.gso_size == 0 ||
	    p.l4_off + ol::kTcpMinHdrLen > len)
		return Verdict::BAD_GSO;
	const uint32_t tcp_hlen = (frame[p.l4_off + ol::kTcpDoffOff] >> kTcpDoffShift) * kWordBytes;
	if (tcp_hlen < ol::kTcpMinHdrLen || p.l4_off + tcp_hlen > len)
		return Verdict::BAD_GSO;
	/* The partner's driver zeroes the checksums its TSO engine fills (the stack
	 * left the IPv4 header sum and the TCP pseudo-header sum there). */
	if (p.ipv == 4)
		ol::store_be16(frame + p.l3_off + ol::kIpv4CsumOff, 0);
	ol::store_be16(frame + p.l4_off + ol::kTcpCsumOff, 0);
	if (cut_.init(frame, len, p.l4_off - p.l3_off + tcp_hlen, h.gso_size) != ol::TsoCutter::Error::NONE)
		return Verdict::BAD_GSO;
	gso_ = true;
	nseg_ = cut_.segments();
	return Verdict::FRAMES;
}

uint32_t PeerTxOffload::next(uint8_t *out)
{
	const uint32_t i = next_++;
	if (gso_)
		return cut_.build(i, out);
	std::memcpy(out, f_, len_);
	return len_;
}

} // namespace tg57xx::sim
