/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The media a model's port can be plugged into (implementations of Wire,
 * tg57xx_sim/wire.h), and the spec syntax the net_tg57xx_sim vdev takes as
 * its `wire=` devarg:
 *
 *   loop            what the port sends comes back to it
 *   pair:NAME       the first port opened with NAME is joined to the second
 *                   (one process, two model instances); a third is an error
 *   iface:IFNAME    a kernel network interface through an AF_PACKET socket
 *   pcap:IN,OUT     replay IN to the port, record what it sends to OUT;
 *                   either may be empty (`pcap:in.pcap,` / `pcap:,out.pcap`);
 *   pcap:IN,OUT,pace  ... replaying IN at its recorded inter-frame gaps
 *   pcap:IN,OUT,loop  ... replaying IN over and over (a traffic generator);
 *                   pace and loop combine, in either order
 *
 * Loop and pair queue frames in a byte ring (one per direction): each frame
 * takes wire_ring_record_bytes(len) bytes (a 4-byte length word plus the
 * frame, rounded up to 8). The default 2 MiB holds 1379 full-size
 * (1514-byte), 232 jumbo (9018-byte) or 32768 minimum-size (60-byte)
 * frames: a switch-sized buffer, not a frame count. A frame whose record is
 * larger than the whole ring is dropped (tx_dropped). When it is full send()
 * returns short and counts tx_full; the caller (the MAC) retries or drops.
 */
#ifndef TG57XX_SIM_WIRES_H
#define TG57XX_SIM_WIRES_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "tg57xx_sim/wire.h"

namespace tg57xx::sim {

/* Default ring size per direction for loop and pair (see above). */
inline constexpr size_t kWireRingBytes = size_t{2} << 20;
/* Smallest ring accepted (smaller requests are raised): its 64 KiB - 8 byte frame limit is far above the chip's 9000-byte MTU (§1.3). */
inline constexpr size_t kWireRingMinBytes = size_t{64} << 10;

/* Bytes one frame of len bytes occupies in a loop/pair ring. */
constexpr size_t wire_ring_record_bytes(uint32_t len)
{
	constexpr size_t kHeader = sizeof(uint32_t);
	constexpr size_t kAlign = 8;
	return (kHeader + len + kAlign - 1) & ~(kAlign - 1);
}

/*
 * Loopback. ring_bytes is rounded up to a power of two (>= kWireRingMinBytes).
 * Carrier always; no wait_fd (the port that sends is the one that receives).
 */
std::unique_ptr<Wire> make_loop_wire(size_t ring_bytes = kWireRingBytes);

/*
 * One end of the pair NAME. The first call creates the pair (with rings of
 * ring_bytes; later calls' ring_bytes is ignored), the second returns the
 * other end, a third while both ends exist throws std::runtime_error.
 * Destroying an end unplugs it: its peer loses carrier, frames the peer sends
 * meanwhile are dropped (tx_dropped), and a later make_pair_wire(NAME) plugs
 * a new end in its place (frames queued for the old end are discarded). When
 * both ends are gone the name is free.
 * Each end may be driven by a different thread (lock-free SPSC rings).
 * Carrier while the other end exists; no wait_fd (a wake-up fd would cost a
 * syscall per batch whenever the consumer keeps up: the runner polls).
 */
std::unique_ptr<Wire> make_pair_wire(const std::string &name, size_t ring_bytes = kWireRingBytes);

/*
 * A kernel interface through AF_PACKET: SOCK_RAW bound to the interface,
 * promiscuous, nonblocking, batched with recvmmsg/sendmmsg; our own
 * transmissions are not received back (PACKET_IGNORE_OUTGOING, or a BPF
 * filter on older kernels). VLAN tags the kernel moved into metadata are put
 * back into the frame. carrier() = IFF_UP && IFF_RUNNING, re-read at most
 * every 100 ms; wait_fd() = the socket.
 * Throws std::system_error naming the interface if it does not exist or the
 * socket cannot be opened (needs CAP_NET_RAW), std::invalid_argument for a
 * malformed name.
 * The kernel may hand over GSO/GRO super-frames larger than the MTU (a veth
 * peer with TSO on): they arrive truncated to the slot and flagged, as the
 * interface's configuration asks; turn offloads off on the peer (ethtool -K
 * PEER tso off gso off) if that is not wanted. Frames longer than the
 * interface MTU allows are dropped by the kernel (tx_dropped).
 */
std::unique_ptr<Wire> make_iface_wire(const std::string &ifname);

/* How a pcap wire replays its input. */
struct PcapReplay {
	bool pace = false; /* each frame at its recorded offset from the pass's first one */
	bool loop = false; /* start over at the end, endlessly */
};

/* Most frame bytes a looped replay holds in memory (the whole input is read up front). */
inline constexpr size_t kPcapLoopMaxBytes = size_t{256} << 20;

/*
 * Replay in_path (libpcap, Ethernet link type) and record transmitted frames
 * to out_path (pcap, DLT_EN10MB, flushed when the wire is destroyed). An empty
 * path means none. Replay runs as fast as recv() is called unless
 * replay.pace, then each frame becomes available at its recorded offset from
 * the first one (wall time from the first recv()). With replay.loop the file
 * is read into memory when the wire is made and replayed again from its
 * first frame each time it ends, for as long as the wire exists (as net_pcap's
 * infinite_rx or tcpreplay --loop=0): a paced pass starts its clock afresh at
 * its first frame. A frame captured shorter than it was (snaplen) is
 * delivered flagged truncated. Carrier always (a recorder must keep
 * transmitting after the replay ends); no wait_fd.
 * Throws std::runtime_error naming the file on open errors, a non-Ethernet
 * capture, or a looped input with no frame or more than kPcapLoopMaxBytes of
 * frames; std::invalid_argument when both paths are empty or loop has no input.
 */
std::unique_ptr<Wire> make_pcap_wire(const std::string &in_path, const std::string &out_path,
				     PcapReplay replay = {});

/*
 * Build a wire from a spec (syntax at the top). Throws std::invalid_argument
 * naming the bad part for malformed specs; errors opening the medium as the
 * make_*_wire above.
 */
std::unique_ptr<Wire> make_wire(const std::string &spec);

} // namespace tg57xx::sim

#endif
