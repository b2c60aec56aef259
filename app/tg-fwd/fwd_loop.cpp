/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding loop, in the ixy spirit: rx burst, tx burst, nothing else.
 * No syscalls of our own while there is work, and no blocking.
 *
 * Busy-polling gives way: a round that found nothing on any path calls
 * sched_yield(), which returns at once unless another thread is waiting for
 * this CPU; then that thread runs first. On dedicated cores that costs a
 * system call per empty round and nothing else; on a machine whose CPUs the
 * forwarder shares with the kernel's stack, the applications it serves (and,
 * on the chip model, the model's engine thread), the lcore no longer keeps
 * them waiting for its time slice to end while it spins on empty queues
 * (issue 12: the paced chain's NIC -> kernel TCP went from 0.84-0.89 to
 * 0.92-0.93 Gbit/s on 2 cores).
 *
 * Backpressure: what the destination refuses (its send ring is full) is held,
 * at most one burst per path, and offered again before the path receives
 * anything more. A NIC whose send ring is full (at 1 Gbit/s it drains slower
 * than the kernel writes into the tap) thus leaves the kernel's frames in the
 * tap's queue, where TCP small queues slow the sender down, instead of losing
 * them to retransmits; and a kernel side that cannot take more leaves the
 * NIC's frames in its ring. Nothing waits: the lcore goes on polling its other
 * paths. A round in which held frames were all the lcore had, and the
 * destination still took none, gives way too (sched_yield): the thread that
 * drains that destination (the vhost-user peer, the kernel's softirq work,
 * the model's engine) may be waiting for this very CPU (issue 12: tg-fwd's
 * virtio-user path into a net_vhost peer on the same 2 cores, 0.14-0.16 ->
 * 0.19-0.23 Mpps). It is not idleness: --idle-sleep never sleeps on held
 * frames. A destination that takes nothing for kHoldStallMs (stopped, link
 * gone) has the held frames dropped and counted, and the path receives again.
 * (Bad frames are not refused: the PMDs count and free them in tx_burst.)
 * (The exception PMD may make syscalls inside its own burst functions: net_tap
 * reads and writes its tap fd; that is its fast path, not ours.)
 *
 * --idle-sleep (l3fwd-power's scheme): after kIdleRounds rounds in which no
 * path of the lcore received anything, arm the rx queue interrupts of its
 * ports, poll once more (a frame that came between the last empty poll and
 * the arming would otherwise wait for the timeout), sleep in epoll on the
 * queues' event fds (RTE_EPOLL_PER_THREAD) for at most the sleep bound,
 * disarm. Only an idle lcore makes these syscalls; a busy one never sleeps.
 * net_tg57xx's queue event fd is its MSI-X vector's (an eventfd, watched
 * edge-triggered as rte_eth_dev_rx_intr_ctl_q does). net_tap's is the tap fd
 * itself, readable while frames wait, and needs no arming. It is watched
 * level-triggered (rte_epoll_ctl): while a frame waits unread the lcore does
 * not sleep. (net_tap would read it only after a per-frame signal had been
 * counted, which may land after the wake-up; tg-fwd takes that signal away,
 * ports.cpp quiet_tap_rx_signal, and level-triggering is right either way.)
 */
#include "fwd_loop.h"

#include <sched.h>
#include <sys/epoll.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <rte_cycles.h>
#include <rte_epoll.h>
#include <rte_ethdev.h>
#include <rte_interrupts.h>
#include <rte_pause.h>
#include <rte_mbuf.h>

#include "offload.h"
#include "options.h"

namespace tg57xx::fwd {

std::atomic<bool> g_quit{false};
std::atomic<bool> g_pause{false};
std::atomic<unsigned> g_parked{0};
std::atomic<unsigned> g_port_resets{0};

namespace {

/* Check the clock / the quit flag once per this many polls (a power of two). */
constexpr uint64_t kCtlEvery = 1024;
static_assert((kCtlEvery & (kCtlEvery - 1)) == 0, "kCtlEvery must be a power of two");
/*
 * --idle-sleep: empty rounds before an lcore sleeps. A round with net_tap
 * costs a read() (~1 us), so this is a few hundred us of polling after the
 * last frame: the answer to what was just forwarded (a local stack replies
 * within tens of us) is still caught without a sleep and wake-up.
 */
constexpr unsigned kIdleRounds = 256;
/* Backpressure: how long held frames may wait for a destination that takes none of them.
 * A 1 Gbit/s send ring of 512 full-size frames drains in 6.3 ms, one frame at 10 Mbit/s
 * takes 1.2 ms: a second without one taken means the destination is not draining at all
 * (stopped, link gone). 100 ms was too short for the chip model on 2 shared cores: under a
 * full parallel test run its thread was once held off that long (e2e fwd
 * full_send_ring_holds_back counted one drop); tg3's own TX watchdog waits 5 s. */
constexpr uint64_t kHoldStallMs = 1000;
/* Events taken per epoll wake-up: one per path of an lcore is plenty. */
constexpr int kIdleEvents = 8;
constexpr uint64_t kMsPerSec = 1000;

/* Owner-only increment: a relaxed load + store, no atomic read-modify-write. */
inline void bump(std::atomic<uint64_t> &c, uint64_t n)
{
	c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

/*
 * Offloads (offload.h): mark the burst's frames for the destination, run its
 * tx_prepare; a refused frame is prepared again if tx_fallback can make it
 * sendable, else it is dropped and counted. Returns the frames left in pkts.
 */
uint16_t offload_burst(Path &p, rte_mbuf **pkts, uint16_t n)
{
	uint16_t marked = 0, keep = 0;
	uint64_t lost = 0, lost_bytes = 0;
	for (uint16_t i = 0; i < n; i++) {
		rte_mbuf *m = pkts[i];
		if (p.dir == Dir::ToKernel) {
			marked += mark_to_kernel(m) ? 1 : 0;
		} else {
			const NicMark k = mark_to_nic(m);
			if (unlikely(k == NicMark::Unfinished)) {
				lost++;
				lost_bytes += rte_pktmbuf_pkt_len(m);
				rte_pktmbuf_free(m);
				continue;
			}
			marked += k == NicMark::Marked ? 1 : 0;
		}
		pkts[keep++] = m;
	}
	n = keep;
	uint16_t fixed = 0, refused = 0;
	for (uint16_t i = 0; marked != 0 && i < n;) {
		i += rte_eth_tx_prepare(p.tx_port, 0, pkts + i, n - i);
		if (i == n)
			break;
		rte_mbuf *m = pkts[i];
		const bool had_flags = (m->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK) != 0;
		const Fallback f = tx_fallback(m, p.vlan_insert);
		if (f != Fallback::None) {
			fixed += f == Fallback::SwCsum ? 1 : 0;
			continue; /* prepared again from i on */
		}
		refused += had_flags ? 1 : 0;
		lost++;
		lost_bytes += rte_pktmbuf_pkt_len(m);
		rte_pktmbuf_free(m);
		for (uint16_t j = i + 1; j < n; j++)
			pkts[j - 1] = pkts[j];
		n--;
	}
	if (unlikely(lost != 0)) {
		bump(p.c.drops, lost);
		bump(p.c.drop_bytes, lost_bytes);
		bump(p.c.ol_drops, lost);
	}
	if (unlikely(fixed != 0))
		bump(p.c.sw_csum, fixed);
	if (marked != 0)
		bump(p.c.offloaded, static_cast<uint64_t>(marked - fixed - refused));
	return n;
}

/* Free frames the destination will never take and count them. */
void drop_frames(Path &p, rte_mbuf *const *pkts, uint16_t n)
{
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < n; i++) {
		bytes += rte_pktmbuf_pkt_len(pkts[i]);
		rte_pktmbuf_free(pkts[i]);
	}
	bump(p.c.drops, n);
	bump(p.c.drop_bytes, bytes);
}

/* Offer the held frames again (backpressure, file comment); true when none is left. */
bool send_held(Path &p)
{
	const uint16_t n = p.nb_held;
	const uint16_t sent = rte_eth_tx_burst(p.tx_port, 0, p.held, n);
	if (sent == n) {
		p.nb_held = 0;
		return true;
	}
	const uint64_t now = rte_rdtsc();
	if (sent != 0) {
		std::memmove(p.held, p.held + sent, sizeof(p.held[0]) * (n - sent));
		p.nb_held = static_cast<uint16_t>(n - sent);
		p.held_tsc = now;
		return false;
	}
	if (now - p.held_tsc < kHoldStallMs * rte_get_tsc_hz() / kMsPerSec)
		return false;
	drop_frames(p, p.held, n); /* the destination is not draining: let the source's frames flow */
	p.nb_held = 0;
	return true;
}

/* Whether a path of w holds frames its destination refused. */
bool holding(const Worker &w)
{
	for (const Path *p : w.paths)
		if (p->nb_held != 0)
			return true;
	return false;
}

/* Drop what a path still holds (the loop is ending: nothing is left behind). */
void release_held(const Worker &w)
{
	for (Path *p : w.paths) {
		drop_frames(*p, p->held, p->nb_held);
		p->nb_held = 0;
	}
}

/* One burst of one path; returns the frames received (0 while frames are still held back:
 * nothing moved, see poll_round). */
inline uint16_t forward(Path &p, uint16_t burst)
{
	if (unlikely(p.nb_held != 0) && !send_held(p))
		return 0;
	rte_mbuf *pkts[kMaxBurst];
	const uint16_t nb_rx = rte_eth_rx_burst(p.rx_port, 0, pkts, burst);
	if (nb_rx == 0)
		return 0;
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < nb_rx; i++)
		bytes += rte_pktmbuf_pkt_len(pkts[i]);
	bump(p.c.pkts, nb_rx);
	bump(p.c.bytes, bytes);

	const uint16_t nb_send = p.ol_mark ? offload_burst(p, pkts, nb_rx) : nb_rx;
	const uint16_t nb_tx = rte_eth_tx_burst(p.tx_port, 0, pkts, nb_send);
	if (unlikely(nb_tx < nb_send)) {
		/* The destination's ring is full: hold the rest back (file comment). */
		p.nb_held = static_cast<uint16_t>(nb_send - nb_tx);
		std::memcpy(p.held, pkts + nb_tx, sizeof(pkts[0]) * p.nb_held);
		p.held_tsc = rte_rdtsc();
	}
	return nb_rx;
}

/* Between bursts: stay out of every port while the control lcore resets one. */
void park()
{
	g_parked.fetch_add(1, std::memory_order_acq_rel);
	while (g_pause.load(std::memory_order_acquire) && !g_quit.load(std::memory_order_relaxed))
		rte_pause();
	g_parked.fetch_sub(1, std::memory_order_acq_rel);
}

/* --idle-sleep state of one forwarding lcore. */
struct Idle {
	bool on = false;         /* sleeping allowed: every path's rx queue is registered */
	unsigned empty = 0;      /* consecutive empty rounds */
	int timeout_ms = 0;      /* longest sleep */
	unsigned resets_seen = 0; /* g_port_resets when the queues were last registered */
};

/*
 * Register the rx queues of w's paths with this thread's epoll (NIC queues
 * only after a port reset: the tap's registration outlives it). False when
 * one cannot be (no rx interrupts): the lcore busy-polls.
 */
bool idle_register(const Worker &w, bool nic_only)
{
	for (Path *p : w.paths) {
		if (!p->rx_intr)
			return false;
		if (nic_only && p->dir != Dir::ToKernel)
			continue;
		if (p->rx_tap) {
			const int fd = rte_eth_dev_rx_intr_ctl_q_get_fd(p->rx_port, 0);
			p->rx_ev = rte_epoll_event{};
			p->rx_ev.epdata.event = EPOLLIN; /* level-triggered */
			p->rx_ev.epdata.data = p;
			if (fd < 0 || rte_epoll_ctl(RTE_EPOLL_PER_THREAD, EPOLL_CTL_ADD, fd, &p->rx_ev) != 0)
				return false;
			continue;
		}
		int ret = rte_eth_dev_rx_intr_ctl_q(p->rx_port, 0, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, p);
		if (ret != 0 && ret != -EEXIST)
			return false;
	}
	return true;
}

/* Before the ports stop: take the tap fds out of this thread's epoll (the
 * NIC queues' events go with their ports). */
void idle_stop(const Worker &w, const Idle &s)
{
	if (!s.on)
		return;
	for (Path *p : w.paths)
		if (p->rx_tap && p->rx_ev.status != RTE_EPOLL_INVALID)
			rte_epoll_ctl(RTE_EPOLL_PER_THREAD, EPOLL_CTL_DEL, p->rx_ev.fd, &p->rx_ev);
}

Idle idle_start(const Worker &w, int timeout_ms)
{
	Idle s;
	s.timeout_ms = timeout_ms;
	s.resets_seen = g_port_resets.load(std::memory_order_acquire);
	if (w.idle_sleep_ms == 0 || w.paths.empty())
		return s;
	for (const Path *p : w.paths)
		if (!p->rx_intr)
			return s; /* set-up said so in its one line: this lcore busy-polls */
	s.on = idle_register(w, false);
	if (!s.on) {
		std::fprintf(stderr, "tg-fwd: lcore %u: cannot wait for rx interrupts (epoll): --idle-sleep "
			     "busy-polls this lcore\n", rte_lcore_id());
		std::fflush(stderr);
	}
	return s;
}

/* After a port reset (parked, or the inline control round): register the NIC queues again. */
void idle_after_control(const Worker &w, Idle &s)
{
	const unsigned r = g_port_resets.load(std::memory_order_acquire);
	if (!s.on || r == s.resets_seen)
		return;
	s.resets_seen = r;
	s.on = idle_register(w, true);
	s.empty = 0;
}

/* Arm, poll once more, sleep until a queue interrupts or the timeout, disarm. */
void idle_sleep(Worker &w, const Idle &s)
{
	for (Path *p : w.paths)
		rte_eth_dev_rx_intr_enable(p->rx_port, 0); /* -ENOTSUP on net_tap: its fd needs no arming */
	uint32_t got = 0;
	for (Path *p : w.paths)
		got += forward(*p, w.burst);
	if (got == 0) {
		rte_epoll_event ev[kIdleEvents];
		const int n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, kIdleEvents, s.timeout_ms);
		/* Which queues woke us (epdata.data: the path, idle_register): counted once a sleep each. */
		for (int i = 0; i < n; i++)
			if (auto *p = static_cast<Path *>(ev[i].epdata.data); p != nullptr)
				bump(p->c.wakes, 1);
	}
	for (Path *p : w.paths)
		rte_eth_dev_rx_intr_disable(p->rx_port, 0);
}

/* One round over w's paths; true when it ended in a sleep (check the control flags now). */
inline bool poll_round(Worker &w, Idle &s)
{
	uint32_t got = 0;
	for (Path *p : w.paths)
		got += forward(*p, w.burst);
	if (got != 0) {
		s.empty = 0;
		return false;
	}
	if (!s.on || holding(w)) {
		/* Busy-poll, or a destination that is full: give way (file comment). Held frames
		 * are not idleness: no sleep while one waits. */
		sched_yield();
		return false;
	}
	if (++s.empty < kIdleRounds)
		return false;
	s.empty = 0;
	idle_sleep(w, s);
	return true;
}

} // namespace

int worker_main(void *arg) noexcept
{
	auto *w = static_cast<Worker *>(arg);
	if (w->paths.empty())
		return 0;
	Idle idle = idle_start(*w, static_cast<int>(w->idle_sleep_ms));
	for (uint64_t i = 0;; i++) {
		const bool slept = poll_round(*w, idle);
		/* A pause or quit request is looked at every round: on the chip model each round
		 * takes the model's lock, and an empty round gives the CPU away (sched_yield); on a
		 * loaded machine 1024 rounds of lock hand-offs outlasted the control lcore's wait to
		 * park (kParkTimeoutNs), so a port reset failed, and 1024 yields outlasted a test's
		 * 15 s wait for tg-fwd to end on SIGTERM. */
		if (!slept && (i & (kCtlEvery - 1)) != 0 && !g_pause.load(std::memory_order_relaxed) &&
		    !g_quit.load(std::memory_order_relaxed))
			continue;
		if (g_quit.load(std::memory_order_relaxed)) {
			idle_stop(*w, idle);
			release_held(*w);
			return 0;
		}
		if (g_pause.load(std::memory_order_relaxed)) {
			park();
			idle_after_control(*w, idle);
		}
	}
}

void run_inline(Worker &w, uint64_t period_tsc, void (*control)(void *), void *ctx)
{
	/* Sleep no longer than the control period: keys, link and stats go on. */
	const uint64_t period_ms = period_tsc * kMsPerSec / rte_get_tsc_hz();
	const int timeout = static_cast<int>(RTE_MAX(uint64_t{1}, RTE_MIN(uint64_t{w.idle_sleep_ms}, period_ms)));
	Idle idle = idle_start(w, timeout);
	uint64_t next = rte_rdtsc() + period_tsc;
	for (uint64_t i = 0;; i++) {
		const bool slept = poll_round(w, idle);
		if (!slept && (i & (kCtlEvery - 1)) != 0 && !g_quit.load(std::memory_order_relaxed))
			continue;
		if (g_quit.load(std::memory_order_relaxed)) {
			idle_stop(w, idle);
			release_held(w);
			return;
		}
		const uint64_t now = rte_rdtsc();
		if (now >= next) {
			control(ctx);
			idle_after_control(w, idle);
			next = now + period_tsc;
		}
	}
}

void assign_paths(std::vector<Path> &paths, const std::vector<unsigned> &workers, unsigned main_lcore)
{
	for (size_t i = 0; i < paths.size(); i++)
		paths[i].lcore = workers.empty() ? main_lcore : workers[i % workers.size()];
}

} // namespace tg57xx::fwd
