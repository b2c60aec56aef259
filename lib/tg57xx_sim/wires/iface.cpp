/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel-interface wire: the port's medium is a Linux network interface,
 * reached through an AF_PACKET SOCK_RAW socket (packet(7)).
 *
 *   - The socket is opened with protocol 0 (receives nothing) and only then
 *     bound to the interface with ETH_P_ALL, so no frame of another
 *     interface is ever queued on it.
 *   - Promiscuous through PACKET_MR_PROMISC membership (dropped by the kernel
 *     when the socket closes; never touches the interface's own flags).
 *   - Our own transmissions would come back as PACKET_OUTGOING: refused with
 *     PACKET_IGNORE_OUTGOING (Linux 4.20), else a BPF filter on the packet
 *     type, and still skipped in recv() should either be missing.
 *   - PACKET_VNET_HDR: the interface's peer keeps its offloads (TSO/GSO,
 *     checksum). Each frame comes with a virtio_net_hdr, and the wire does
 *     what the link partner NIC's checksum and TSO engines would do
 *     (vnet.h: finished frames of at most the MTU, correct checksums) before
 *     the model sees anything. A header no NIC could act on is a counted drop
 *     (rx_dropped). Frames sent to the kernel carry an empty header: no
 *     offload, the receiving stack checks every checksum as it would from a
 *     real NIC that does not validate.
 *   - Batched nonblocking recvmmsg into the wire's own buffers (a GSO
 *     super-frame is up to 64 KiB and becomes many model frames, handed out
 *     over as many recv() calls as it takes). MSG_TRUNC makes the kernel
 *     report a frame's real length so an oversized one is counted, not cut.
 *   - sendmmsg straight from the caller's buffers; deferred (the chip's
 *     wire, Wire::set_deferred) the frames are copied into a staging area
 *     and go in one sendmmsg per engine sweep (flush()). What a full socket
 *     buffer refuses stays staged, in order, and the wire is tx_busy()
 *     until it is out: the transmitter waits, nothing is lost.
 *   - The receive path moves a VLAN tag into skb metadata before packet taps
 *     see the frame; PACKET_AUXDATA gives it back and we reinsert it after
 *     the MAC addresses, so the model sees the bytes that were on the wire.
 *   - The link partner's MAC honours PAUSE (IEEE 802.3 Annex 31B): a PAUSE
 *     frame the model sends is not passed to the kernel (no station sees
 *     MAC control frames) but stops the partner's transmitter: recv()
 *     delivers nothing for pause_time quanta of 512 ns (the model's links are
 *     gigabit), frames waiting in the socket buffer meanwhile as they would
 *     in the partner's own queue; pause_time 0 (XON) resumes at once. The
 *     chip sends PAUSE only where autonegotiation gave it transmit flow
 *     control, i.e. when the partner advertised that it honours PAUSE.
 *   - SO_TIMESTAMPNS: the kernel stamps each frame when the interface
 *     received it (CLOCK_REALTIME); recv() reports it as CLOCK_MONOTONIC
 *     (FrameSlot::arrived_mono_ns), so a paced receiver puts the frame on
 *     the line when the link partner sent it, however late the model thread
 *     came to take it. Every frame cut from one GSO super-frame has its time.
 *     A frame the partner held through a pause is sent when the pause ends:
 *     it reports that time, not when the kernel queued it.
 */
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mac_frames.h"
#include "vnet.h"
#include "wire_stats.h"
#include "wires_internal.h"

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim {

namespace {

/* Frames per recvmmsg/sendmmsg: amortises the syscall; bounds the preallocated headers. */
constexpr size_t kBatch = 64;
/* How stale carrier() may be: link changes are human/script speed, a syscall per query is not free. */
constexpr uint64_t kCarrierPollNs = 100'000'000;
/* Socket buffers: absorb a burst of ~2700 full-size frames while the model is busy. */
constexpr int kSocketBufBytes = 4 << 20;
/* An 802.1Q tag follows the destination and source addresses (IEEE 802.1Q §9.3). */
constexpr size_t kVlanTagOffset = 2 * ETH_ALEN;
constexpr size_t kVlanTagLen = 4;
/* One frame as the kernel may hand it over: a GSO super-frame (IPv4/IPv6 length field
 * up to 65535 bytes) after an Ethernet header, tag out of band. */
constexpr uint32_t kMaxKernelFrame = 65535 + offload::kEthHdrLen;
constexpr uint32_t kRxBufBytes = kMaxKernelFrame;
/* What every frame sent to the kernel carries: no offload asked for. */
constexpr VnetHdr kNoOffload{};
/* Room for the control messages we ask for: the VLAN tag and the arrival time. */
constexpr size_t kCtlBytes = CMSG_SPACE(sizeof(tpacket_auxdata)) + CMSG_SPACE(sizeof(timespec));
/* One PAUSE quantum: 512 bit times (802.3 Annex 31B) at 1 Gbit/s. */
constexpr uint64_t kPauseQuantumNs = 512;
/* Deferred sends: bytes staged at most (kBatch frames of a 9 KiB jumbo frame, §1.3, and then
 * some); a frame larger than the whole area can never go on an interface (the kernel's limit
 * is 64 KiB) and is dropped. */
constexpr size_t kStageBytes = size_t{1} << 20;

uint64_t ts_ns(const timespec &ts)
{
	constexpr uint64_t kNsPerSec = 1'000'000'000;
	return static_cast<uint64_t>(ts.tv_sec) * kNsPerSec + static_cast<uint64_t>(ts.tv_nsec);
}

uint64_t clock_ns(clockid_t id)
{
	timespec ts{};
	clock_gettime(id, &ts);
	return ts_ns(ts);
}

uint64_t coarse_now_ns()
{
	return clock_ns(CLOCK_MONOTONIC_COARSE);
}

/* Closes the socket in every exit path, including a throwing constructor. */
struct Fd {
	int fd = -1;
	~Fd()
	{
		if (fd >= 0)
			close(fd);
	}
};

class IfaceWire final : public Wire {
public:
	explicit IfaceWire(const std::string &ifname);

	~IfaceWire() override { flush(); } /* best effort: what the chip sent before it went */

	size_t send(const FrameView *frames, size_t n) override;
	size_t recv(FrameSlot *slots, size_t n) override;
	void set_deferred(bool on) override;
	void flush() override;
	bool tx_busy() const override { return backlog_; }
	bool carrier() const override;
	int wait_fd() const override { return sock_.fd; }
	const char *name() const override { return name_.c_str(); }
	WireStats stats() const override;

private:
	[[noreturn]] void fail(int err, const char *what) const
	{
		throw std::system_error(err, std::generic_category(), "iface wire '" + ifname_ + "': " + what);
	}
	void setopt(int level, int opt, const void *val, socklen_t len, const char *what)
	{
		if (setsockopt(sock_.fd, level, opt, val, len) < 0)
			fail(errno, what);
	}
	void ignore_outgoing();
	void set_buffers();
	bool read_carrier() const;
	static uint32_t reinsert_vlan(FrameSlot &s, uint32_t have, const tpacket_auxdata &aux);
	bool take_message(size_t i);
	bool refill();
	size_t push(size_t n, uint64_t &bytes, uint64_t &dropped);
	size_t send_now(const FrameView *frames, size_t n);
	size_t send_frames(const FrameView *frames, size_t n);
	/* A PAUSE frame for the partner's MAC: true if f was one (consumed). */
	bool partner_pause(const FrameView &f);
	uint64_t paused_until_ns_ = 0; /* CLOCK_MONOTONIC; 0: the partner is not paused */
	/* CLOCK_MONOTONIC: when the partner's last pause ended. What it held meanwhile goes on
	 * the line from then on, not when the kernel queued it (FrameSlot::arrived_mono_ns). */
	uint64_t resumed_ns_ = 0;

	/* The frame being handed out (recv): its finished frames come from peer_. */
	struct Current {
		bool vlan = false;
		tpacket_auxdata aux{};
		uint64_t arrived_mono_ns = 0; /* 0: not stamped */
	};

	const std::string ifname_;
	const std::string name_;
	int ifindex_ = 0;
	Fd sock_;

	/* recvmmsg headers into rx_buf_; sendmmsg headers pointed at the caller's buffers per call. */
	std::array<mmsghdr, kBatch> rx_msgs_{};
	std::array<std::array<iovec, 2>, kBatch> rx_iov_{};
	std::array<VnetHdr, kBatch> rx_vnet_{};
	std::array<sockaddr_ll, kBatch> rx_addr_{};
	alignas(cmsghdr) uint8_t rx_ctl_[kBatch][kCtlBytes] = {};
	std::vector<uint8_t> rx_buf_;     /* kBatch frames of kRxBufBytes (touched as far as used) */
	std::vector<uint8_t> rx_scratch_; /* one finished frame larger than the caller's slot */
	size_t rx_next_ = 0, rx_count_ = 0; /* messages of the last recvmmsg not yet taken */
	int64_t rx_realtime_to_mono_ = 0; /* CLOCK_MONOTONIC - CLOCK_REALTIME at the last recvmmsg */
	PeerTxOffload peer_;
	Current cur_;
	std::array<mmsghdr, kBatch> tx_msgs_{};
	std::array<std::array<iovec, 2>, kBatch> tx_iov_{};
	/* Deferred sends: frames staged_ in tx_iov_[0..staged_), their bytes in stage_[0..stage_used_). */
	bool deferred_ = false;
	bool backlog_ = false; /* the last flush() left frames staged: tx_busy() */
	size_t staged_ = 0, stage_used_ = 0;
	std::vector<uint8_t> stage_;

	mutable std::atomic<bool> carrier_{false};
	mutable std::atomic<uint64_t> carrier_next_ns_{0};

	WireCounters c_;
	/* Kernel drops (PACKET_STATISTICS resets on read, so accumulate). */
	mutable std::mutex drops_mu_;
	mutable uint64_t kernel_drops_ = 0;
};

IfaceWire::IfaceWire(const std::string &ifname) : ifname_(ifname), name_("iface:" + ifname)
{
	if (!valid_ifname(ifname))
		throw std::invalid_argument("iface wire: '" + ifname +
					    "' is not a valid interface name (1-15 characters, no '/', ':' or whitespace)");
	ifindex_ = static_cast<int>(if_nametoindex(ifname.c_str()));
	if (ifindex_ == 0)
		fail(errno == 0 || errno == ENXIO ? ENODEV : errno, "no such interface");
	sock_.fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (sock_.fd < 0)
		fail(errno, "cannot open an AF_PACKET socket (needs CAP_NET_RAW)");

	/* Everything that filters must be in place before bind() lets frames in. */
	ignore_outgoing();
	int one = 1;
	setopt(SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one), "PACKET_AUXDATA");
	setopt(SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one), "PACKET_VNET_HDR (Linux 2.6.36)");
	/* Best effort: without arrival times a paced receiver counts from when it takes a frame. */
	(void)setsockopt(sock_.fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
	set_buffers();

	sockaddr_ll sll{};
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex_;
	if (bind(sock_.fd, reinterpret_cast<sockaddr *>(&sll), sizeof(sll)) < 0)
		fail(errno, "cannot bind the AF_PACKET socket");

	packet_mreq mr{};
	mr.mr_ifindex = ifindex_;
	mr.mr_type = PACKET_MR_PROMISC;
	setopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr), "cannot enter promiscuous mode");

	rx_buf_.resize(kBatch * kRxBufBytes);
	rx_scratch_.resize(kRxBufBytes);
	for (size_t i = 0; i < kBatch; i++) {
		msghdr &rh = rx_msgs_[i].msg_hdr;
		rh.msg_name = &rx_addr_[i];
		rx_iov_[i][0] = {&rx_vnet_[i], sizeof(VnetHdr)};
		rx_iov_[i][1] = {rx_buf_.data() + i * kRxBufBytes, kMaxKernelFrame};
		rh.msg_iov = rx_iov_[i].data();
		rh.msg_iovlen = rx_iov_[i].size();
		rh.msg_control = rx_ctl_[i];
		msghdr &th = tx_msgs_[i].msg_hdr;
		tx_iov_[i][0] = {const_cast<VnetHdr *>(&kNoOffload), sizeof(kNoOffload)};
		th.msg_iov = tx_iov_[i].data(); /* no msg_name: a bound packet socket sends on its interface */
		th.msg_iovlen = tx_iov_[i].size();
	}
	carrier_.store(read_carrier(), std::memory_order_relaxed);
	carrier_next_ns_.store(coarse_now_ns() + kCarrierPollNs, std::memory_order_relaxed);
}

void IfaceWire::ignore_outgoing()
{
	int one = 1;
	if (setsockopt(sock_.fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) == 0)
		return;
	/* Older kernel: accept a frame unless its packet type is PACKET_OUTGOING. */
	static constexpr uint32_t kAcceptAll = 0xFFFFFFFF; /* return value = bytes to keep */
	static sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_PKTTYPE)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0),
		BPF_STMT(BPF_RET | BPF_K, kAcceptAll),
	};
	sock_fprog prog{static_cast<unsigned short>(std::size(code)), code};
	/* If even that fails, recv() still skips PACKET_OUTGOING by sll_pkttype. */
	(void)setsockopt(sock_.fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

void IfaceWire::set_buffers()
{
	/* *FORCE needs CAP_NET_ADMIN and ignores rmem_max; fall back to the capped request. */
	int bytes = kSocketBufBytes;
	if (setsockopt(sock_.fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) < 0)
		(void)setsockopt(sock_.fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
	if (setsockopt(sock_.fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof(bytes)) < 0)
		(void)setsockopt(sock_.fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof(bytes));
}

bool IfaceWire::read_carrier() const
{
	/* By index, so a renamed interface keeps its carrier. */
	ifreq ifr{};
	ifr.ifr_ifindex = ifindex_;
	if (ioctl(sock_.fd, SIOCGIFNAME, &ifr) < 0)
		return false; /* gone */
	if (ioctl(sock_.fd, SIOCGIFFLAGS, &ifr) < 0)
		return false;
	return (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
}

bool IfaceWire::carrier() const
{
	uint64_t now = coarse_now_ns();
	if (now >= carrier_next_ns_.load(std::memory_order_relaxed)) {
		carrier_next_ns_.store(now + kCarrierPollNs, std::memory_order_relaxed);
		carrier_.store(read_carrier(), std::memory_order_relaxed);
	}
	return carrier_.load(std::memory_order_relaxed);
}

/*
 * Put the tag the kernel took out back after the MAC addresses. have bytes
 * of the untagged frame are in s; returns how many of the tagged frame fit.
 */
uint32_t IfaceWire::reinsert_vlan(FrameSlot &s, uint32_t have, const tpacket_auxdata &aux)
{
	if (have < kVlanTagOffset)
		return have; /* no room for addresses: nothing sensible to do */
	uint16_t tpid = (aux.tp_status & TP_STATUS_VLAN_TPID_VALID) ? aux.tp_vlan_tpid : ETH_P_8021Q;
	const uint8_t tag[kVlanTagLen] = {
		static_cast<uint8_t>(tpid >> 8),
		static_cast<uint8_t>(tpid),
		static_cast<uint8_t>(aux.tp_vlan_tci >> 8),
		static_cast<uint8_t>(aux.tp_vlan_tci),
	};
	const uint32_t after = kVlanTagOffset + kVlanTagLen;
	if (s.cap > after)
		std::memmove(s.data + after, s.data + kVlanTagOffset,
			     std::min<uint32_t>(have - kVlanTagOffset, s.cap - after));
	std::memcpy(s.data + kVlanTagOffset, tag, std::min<uint32_t>(kVlanTagLen, s.cap - kVlanTagOffset));
	return std::min<uint32_t>(have + kVlanTagLen, s.cap);
}

/* Read the next batch of messages; false when there is none. */
bool IfaceWire::refill()
{
	for (size_t i = 0; i < kBatch; i++) {
		msghdr &h = rx_msgs_[i].msg_hdr;
		h.msg_namelen = sizeof(sockaddr_ll);
		h.msg_controllen = kCtlBytes;
		h.msg_flags = 0;
	}
	int r;
	do
		r = recvmmsg(sock_.fd, rx_msgs_.data(), kBatch, MSG_DONTWAIT | MSG_TRUNC, nullptr);
	while (r < 0 && errno == EINTR);
	/* EAGAIN: nothing more; ENETDOWN etc.: the interface went away (carrier says so) */
	rx_next_ = 0;
	rx_count_ = r > 0 ? static_cast<size_t>(r) : 0;
	if (rx_count_ > 0) /* the kernel stamps in CLOCK_REALTIME; the model runs on CLOCK_MONOTONIC */
		rx_realtime_to_mono_ = static_cast<int64_t>(clock_ns(CLOCK_MONOTONIC)) -
				       static_cast<int64_t>(clock_ns(CLOCK_REALTIME));
	return rx_count_ > 0;
}

/* Start handing out message i's frames; false (counted) when it yields none. */
bool IfaceWire::take_message(size_t i)
{
	if (rx_addr_[i].sll_pkttype == PACKET_OUTGOING)
		return false; /* our own frame (kernels without PACKET_IGNORE_OUTGOING or BPF): not a drop */
	const uint32_t got = rx_msgs_[i].msg_len; /* real length thanks to MSG_TRUNC */
	if (got < sizeof(VnetHdr) || got - sizeof(VnetHdr) > kMaxKernelFrame) {
		c_.rx_dropped.add(1); /* larger than any frame a peer NIC could be asked to send */
		return false;
	}
	cur_.vlan = false;
	cur_.arrived_mono_ns = 0;
	const msghdr &h = rx_msgs_[i].msg_hdr;
	for (cmsghdr *cm = CMSG_FIRSTHDR(&h); cm; cm = CMSG_NXTHDR(const_cast<msghdr *>(&h), cm)) {
		if (cm->cmsg_level == SOL_PACKET && cm->cmsg_type == PACKET_AUXDATA &&
		    cm->cmsg_len >= CMSG_LEN(sizeof(tpacket_auxdata))) {
			std::memcpy(&cur_.aux, CMSG_DATA(cm), sizeof(cur_.aux));
			cur_.vlan = (cur_.aux.tp_status & TP_STATUS_VLAN_VALID) != 0;
		} else if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_TIMESTAMPNS &&
			   cm->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
			timespec ts;
			std::memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
			const int64_t mono = static_cast<int64_t>(ts_ns(ts)) + rx_realtime_to_mono_;
			cur_.arrived_mono_ns = mono > 0 ? static_cast<uint64_t>(mono) : 0;
		}
	}
	uint8_t *frame = static_cast<uint8_t *>(rx_iov_[i][1].iov_base);
	if (peer_.start(rx_vnet_[i], frame, got - sizeof(VnetHdr)) != PeerTxOffload::Verdict::FRAMES) {
		c_.rx_dropped.add(1);
		return false;
	}
	return true;
}

size_t IfaceWire::recv(FrameSlot *slots, size_t n)
{
	if (paused_until_ns_ != 0) {
		if (clock_ns(CLOCK_MONOTONIC) < paused_until_ns_)
			return 0; /* the partner holds its frames (partner_pause) */
		resumed_ns_ = paused_until_ns_;
		paused_until_ns_ = 0;
	}
	size_t got = 0;
	uint64_t bytes = 0, truncated = 0;
	while (got < n) {
		if (peer_.remaining() == 0) {
			if (rx_next_ == rx_count_ && !refill())
				break;
			take_message(rx_next_++);
			continue;
		}
		FrameSlot &s = slots[got++];
		uint32_t full;
		if (peer_.max_frame_len() <= s.cap) {
			full = peer_.next(s.data);
		} else {
			full = peer_.next(rx_scratch_.data());
			std::memcpy(s.data, rx_scratch_.data(), std::min(full, s.cap));
		}
		uint32_t have = std::min(full, s.cap);
		if (cur_.vlan) {
			have = reinsert_vlan(s, have, cur_.aux);
			full += kVlanTagLen;
		}
		s.truncated = have < full;
		s.len = have = pad_runt(s.data, have, s.cap);
		s.arrived_mono_ns = cur_.arrived_mono_ns == 0 ? 0 : std::max(cur_.arrived_mono_ns, resumed_ns_);
		truncated += s.truncated;
		bytes += have;
	}
	c_.rx_frames.add(got);
	c_.rx_bytes.add(bytes);
	c_.rx_truncated.add(truncated);
	return got;
}

/*
 * sendmmsg tx_msgs_[0..n) (their tx_iov_ set). Returns how many the medium
 * took: sent, or dropped (bytes and dropped updated) because they can never
 * go or the interface is gone; short when the socket buffer is full.
 */
size_t IfaceWire::push(size_t n, uint64_t &bytes, uint64_t &dropped)
{
	size_t done = 0;
	while (done < n) {
		int r = sendmmsg(sock_.fd, tx_msgs_.data() + done, static_cast<unsigned>(n - done), MSG_DONTWAIT);
		if (r > 0) {
			for (int i = 0; i < r; i++)
				bytes += tx_iov_[done + i][1].iov_len;
			done += static_cast<size_t>(r);
			continue;
		}
		int err = r < 0 ? errno : EAGAIN;
		if (err == EINTR)
			continue;
		if (err == EAGAIN || err == EWOULDBLOCK)
			break; /* socket buffer full: come back later */
		if (err == EMSGSIZE || err == EINVAL || err == ENOBUFS) {
			/* This frame can never go (longer than the MTU allows, shorter than a header),
			 * or the device dropped it (ENOBUFS: NET_XMIT_DROP, e.g. a veth whose peer is
			 * down or backlogged; the kernel freed it): retrying would only repeat that. */
			bytes += tx_iov_[done][1].iov_len;
			dropped++;
			done++;
			continue;
		}
		/* ENETDOWN, ENXIO...: the interface is down or gone; the frames are lost. */
		for (; done < n; done++, dropped++)
			bytes += tx_iov_[done][1].iov_len;
	}
	return done;
}

/* Not deferred: straight from the caller's buffers; the caller retries what is refused. */
size_t IfaceWire::send_now(const FrameView *frames, size_t n)
{
	size_t done = 0;
	uint64_t bytes = 0, dropped = 0;
	while (done < n) {
		const size_t want = std::min(n - done, kBatch);
		for (size_t i = 0; i < want; i++)
			tx_iov_[i][1] = {const_cast<uint8_t *>(frames[done + i].data), frames[done + i].len};
		const size_t took = push(want, bytes, dropped);
		done += took;
		if (took < want)
			break;
	}
	c_.tx_frames.add(done);
	c_.tx_bytes.add(bytes);
	c_.tx_dropped.add(dropped);
	c_.tx_full.add(n - done);
	return done;
}

bool IfaceWire::partner_pause(const FrameView &f)
{
	uint16_t quanta = 0;
	if (f.len < mac_frames::kPauseFrameLen ||
	    std::memcmp(f.data, mac_frames::kPauseDst.data(), mac_frames::kEthAddrLen) != 0 ||
	    !mac_frames::pause_quanta(f.data, f.len, quanta))
		return false;
	const uint64_t now = clock_ns(CLOCK_MONOTONIC);
	if (quanta == 0 && paused_until_ns_ != 0)
		resumed_ns_ = std::min(now, paused_until_ns_); /* XON: the partner sends again now */
	paused_until_ns_ = quanta == 0 ? 0 : now + quanta * kPauseQuantumNs;
	return true;
}

size_t IfaceWire::send(const FrameView *frames, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!partner_pause(frames[i]))
			continue;
		const size_t before = i == 0 ? 0 : send_frames(frames, i);
		if (before < i)
			return before;
		return i + 1 + send(frames + i + 1, n - i - 1);
	}
	return send_frames(frames, n);
}

size_t IfaceWire::send_frames(const FrameView *frames, size_t n)
{
	if (!deferred_ && staged_ == 0)
		return send_now(frames, n);
	size_t took = 0;
	uint64_t too_big = 0, too_big_bytes = 0;
	for (; took < n; took++) {
		const FrameView &f = frames[took];
		if (f.len > kStageBytes) {
			too_big++; /* no interface carries it: taken and lost, as send_now() would */
			too_big_bytes += f.len;
			continue;
		}
		if (staged_ == kBatch || stage_used_ + f.len > kStageBytes) {
			flush();
			if (staged_ == kBatch || stage_used_ + f.len > kStageBytes)
				break; /* the socket takes nothing now: refused, as send_now() would */
		}
		uint8_t *dst = stage_.data() + stage_used_;
		std::memcpy(dst, f.data, f.len);
		tx_iov_[staged_++][1] = {dst, f.len};
		stage_used_ += f.len;
	}
	c_.tx_frames.add(too_big);
	c_.tx_bytes.add(too_big_bytes);
	c_.tx_dropped.add(too_big);
	c_.tx_full.add(n - took);
	if (!deferred_)
		flush(); /* a backlog from deferred times: these go behind it, in order */
	return took;
}

void IfaceWire::set_deferred(bool on)
{
	if (on && stage_.empty())
		stage_.resize(kStageBytes);
	deferred_ = on;
	if (!on)
		flush();
}

void IfaceWire::flush()
{
	if (staged_ == 0)
		return;
	uint64_t bytes = 0, dropped = 0;
	const size_t done = push(staged_, bytes, dropped);
	c_.tx_frames.add(done);
	c_.tx_bytes.add(bytes);
	c_.tx_dropped.add(dropped);
	/* Keep what the socket refused, in order, for the next flush. */
	for (size_t i = done; i < staged_; i++)
		tx_iov_[i - done][1] = tx_iov_[i][1];
	staged_ -= done;
	backlog_ = staged_ != 0;
	if (staged_ == 0)
		stage_used_ = 0;
}

WireStats IfaceWire::stats() const
{
	WireStats s = c_.snapshot();
	std::lock_guard lk(drops_mu_);
	tpacket_stats ks{};
	socklen_t len = sizeof(ks);
	if (getsockopt(sock_.fd, SOL_PACKET, PACKET_STATISTICS, &ks, &len) == 0)
		kernel_drops_ += ks.tp_drops;
	s.rx_dropped += kernel_drops_;
	return s;
}

} // namespace

bool valid_ifname(std::string_view name)
{
	if (name.empty() || name.size() >= IFNAMSIZ || name == "." || name == "..")
		return false;
	return std::none_of(name.begin(), name.end(), [](char ch) {
		return ch == '/' || ch == ':' || ch == ' ' || (ch >= '\t' && ch <= '\r');
	});
}

std::unique_ptr<Wire> make_iface_wire(const std::string &ifname)
{
	return std::make_unique<IfaceWire>(ifname);
}

} // namespace tg57xx::sim
