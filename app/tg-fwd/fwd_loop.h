/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding loop: a path is one direction of one port pair (NIC -> kernel
 * or kernel -> NIC). Each path is polled by exactly one lcore, so every rx and
 * tx queue has one owner and nothing on the fast path takes a lock.
 */
#ifndef TG_FWD_FWD_LOOP_H
#define TG_FWD_FWD_LOOP_H

#include <atomic>
#include <cstdint>
#include <vector>

#include <rte_common.h>
#include <rte_mbuf.h>
#include <rte_epoll.h>

#include "options.h"

namespace tg57xx::fwd {

enum class Dir : uint8_t {
	ToKernel, /* NIC rx -> kernel interface: "rx" in the stats */
	ToNic,    /* kernel interface -> NIC tx: "tx" in the stats */
};

/*
 * Written by the path's lcore only (plain relaxed stores, no lock prefix),
 * read by the control lcore and the telemetry thread (relaxed loads).
 * One cache line per path so two forwarding lcores never share one.
 */
struct alignas(RTE_CACHE_LINE_SIZE) PathCounters {
	std::atomic<uint64_t> pkts{0};       /* received from the source port */
	std::atomic<uint64_t> bytes{0};
	std::atomic<uint64_t> drops{0};      /* refused by the destination port, freed */
	std::atomic<uint64_t> drop_bytes{0};
	/* Offloads (offload.h): frames marked for the destination's offloads; of the drops, those
	 * its tx_prepare refused with no fallback; frames whose L4 sum software finished after a
	 * refusal. */
	std::atomic<uint64_t> offloaded{0};
	std::atomic<uint64_t> ol_drops{0};
	std::atomic<uint64_t> sw_csum{0};
	/* --idle-sleep: sleeps of the lcore that an event of this path's rx queue ended (an rx
	 * interrupt, the tap fd, a virtio-user call fd); a sleep the timeout ends counts nowhere. */
	std::atomic<uint64_t> wakes{0};
};

struct Path {
	uint16_t rx_port = 0;
	uint16_t tx_port = 0;
	unsigned pair = 0;     /* index into the port pairs */
	Dir dir = Dir::ToKernel;
	unsigned lcore = 0;    /* the lcore that polls it */
	bool rx_intr = false;  /* --idle-sleep: rx_port's queue 0 has rx interrupts (intr_conf.rxq) */
	/* --idle-sleep: rx_port is net_tap, whose queue event fd is the tap fd itself; it is
	 * watched level-triggered through rx_ev (fwd_loop.cpp says why). */
	bool rx_tap = false;
	/* Offloads: this path marks frames (offload.h mark_to_kernel / mark_to_nic) and runs
	 * tx_port's tx_prepare before its tx_burst. */
	bool ol_mark = false;
	bool vlan_insert = false; /* tx_port inserts tags (TX_VLAN): tx_fallback's way for tagged super-frames */
	rte_epoll_event rx_ev{};
	/* Frames tx_port refused for a full ring, oldest first: sent before this path receives
	 * anything more (fwd_loop.cpp: backpressure). held_tsc: when they last made progress. */
	rte_mbuf *held[kMaxBurst] = {};
	uint16_t nb_held = 0;
	uint64_t held_tsc = 0;
	PathCounters c;
};

/* Set by SIGINT/SIGTERM or 'q'; every loop returns soon after. */
extern std::atomic<bool> g_quit;

/*
 * Quiesce, for a port reset (control.cpp): the control lcore sets g_pause;
 * each worker, at its next check (every kCtlEvery polls, between bursts),
 * counts itself in g_parked and waits until g_pause is cleared. While all are
 * parked no burst function runs on any port.
 */
extern std::atomic<bool> g_pause;
extern std::atomic<unsigned> g_parked;
/* Bumped by the control round after each port reset: a reset NIC has new
 * interrupt event fds, which an --idle-sleep lcore registers again. */
extern std::atomic<unsigned> g_port_resets;

/* Argument of a worker lcore: the paths it owns. */
struct Worker {
	std::vector<Path *> paths;
	uint16_t burst = 32;
	unsigned idle_sleep_ms = 0; /* --idle-sleep: longest sleep; 0 = busy-poll */
};

/* rte_eal_remote_launch entry: forward the worker's paths until g_quit. */
int worker_main(void *arg) noexcept;

/*
 * The one-lcore case: forward `w`'s paths on the calling lcore and run
 * control(ctx) at most every period_tsc cycles, checked every kCtlEvery
 * iterations (so the clock is read once per 1024 polls) and after every
 * idle sleep (which then lasts at most the control period). Returns on g_quit.
 */
void run_inline(Worker &w, uint64_t period_tsc, void (*control)(void *), void *ctx);

/* Give each path an lcore: workers round-robin, or the main lcore if there is none. */
void assign_paths(std::vector<Path> &paths, const std::vector<unsigned> &workers, unsigned main_lcore);

} // namespace tg57xx::fwd

#endif
