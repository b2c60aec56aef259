/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The link partner NIC's transmit offloads, for the kernel-interface wire.
 *
 * With PACKET_VNET_HDR (packet(7)) the kernel hands the wire each frame the
 * way it would hand it to its own NIC's driver: a virtio_net_hdr
 * (include/uapi/linux/virtio_net.h) saying "fill this checksum"
 * (VIRTIO_NET_HDR_F_NEEDS_CSUM, csum_start/csum_offset) and "cut this TCP
 * super-frame into gso_size segments" (GSO TCPV4/TCPV6), followed by the
 * frame. A real cable only ever carries finished frames of at most the MTU,
 * so the wire does what the partner NIC's checksum and TSO engines would do
 * before anything reaches the model's MAC: PeerTxOffload turns one
 * (header, frame) into the finished wire frames.
 *
 * A header no NIC could act on (checksum outside the frame, GSO of a
 * non-TCP frame, zero gso_size, a GSO type this partner does not offer)
 * yields no frame: the caller counts the drop.
 */
#ifndef TG57XX_SIM_WIRES_VNET_H
#define TG57XX_SIM_WIRES_VNET_H

#include <cstdint>

#include "offload.h"

namespace tg57xx::sim {

/*
 * struct virtio_net_hdr and its constants (include/uapi/linux/virtio_net.h,
 * virtio 1.x §5.1.6; that C header does not compile as C++). Legacy header:
 * fields in native byte order (a little-endian host: the kernel's vio_le()).
 */
struct VnetHdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;     /* Ethernet + IP + TCP/UDP headers (a hint; not trusted) */
	uint16_t gso_size;    /* payload bytes per segment (the MSS) */
	uint16_t csum_start;  /* where the checksum engine starts summing */
	uint16_t csum_offset; /* where, after csum_start, it stores the result */
};
static_assert(sizeof(VnetHdr) == 10, "virtio_net_hdr is 10 bytes");
inline constexpr uint8_t kVnetNeedsCsum = 1;    /* VIRTIO_NET_HDR_F_NEEDS_CSUM */
inline constexpr uint8_t kVnetGsoNone = 0;      /* VIRTIO_NET_HDR_GSO_NONE */
inline constexpr uint8_t kVnetGsoTcpv4 = 1;     /* VIRTIO_NET_HDR_GSO_TCPV4 */
inline constexpr uint8_t kVnetGsoUdp = 3;       /* VIRTIO_NET_HDR_GSO_UDP (fragmentation) */
inline constexpr uint8_t kVnetGsoTcpv6 = 4;     /* VIRTIO_NET_HDR_GSO_TCPV6 */
inline constexpr uint8_t kVnetGsoEcn = 0x80;    /* VIRTIO_NET_HDR_GSO_ECN (a flag on the type) */

class PeerTxOffload {
public:
	enum class Verdict {
		FRAMES,      /* next() yields segments() frames */
		BAD_CSUM,    /* NEEDS_CSUM with csum_start/csum_offset outside the frame */
		BAD_GSO,     /* GSO header that does not match the frame (not TCP, zero gso_size, short headers) */
		UNSUPPORTED, /* a GSO type this partner NIC has no engine for (UDP fragmentation/USO, ECN-only) */
	};

	/*
	 * Take one frame (untagged: the kernel keeps a VLAN tag out of band) with
	 * its header. frame stays owned by the caller and must stay valid and
	 * unchanged until the last next(); the checksum fields of a GSO frame
	 * are zeroed in place (what the partner's driver does before its TSO
	 * engine, tg3: tg3_start_xmit).
	 */
	Verdict start(const VnetHdr &h, uint8_t *frame, uint32_t len);
	/* Frames left to take with next(). */
	uint32_t remaining() const { return nseg_ - next_; }
	/* Length of the largest frame next() writes. */
	uint32_t max_frame_len() const { return gso_ ? cut_.max_segment_len() : len_; }
	/* Write the next finished frame at out (room for max_frame_len() bytes); returns its length. */
	uint32_t next(uint8_t *out);

private:
	uint8_t *f_ = nullptr;
	uint32_t len_ = 0;
	uint32_t nseg_ = 0, next_ = 0;
	bool gso_ = false;
	offload::TsoCutter cut_;
};

} // namespace tg57xx::sim

#endif
