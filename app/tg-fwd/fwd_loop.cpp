/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding loop, in the ixy spirit: rx burst, tx burst, free what the
 * destination refused and count it, nothing else. No syscalls of our own and
 * no blocking: a full tx ring or an oversized frame costs a drop, never a wait.
 * (The exception PMD may make syscalls inside its own burst functions: net_tap
 * reads and writes its tap fd; that is its fast path, not ours.)
 */
#include "fwd_loop.h"

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_pause.h>
#include <rte_mbuf.h>

#include "options.h"

namespace tg57xx::fwd {

std::atomic<bool> g_quit{false};
std::atomic<bool> g_pause{false};
std::atomic<unsigned> g_parked{0};

namespace {

/* Check the clock / the quit flag once per this many polls (a power of two). */
constexpr uint64_t kCtlEvery = 1024;
static_assert((kCtlEvery & (kCtlEvery - 1)) == 0, "kCtlEvery must be a power of two");

/* Owner-only increment: a relaxed load + store, no atomic read-modify-write. */
inline void bump(std::atomic<uint64_t> &c, uint64_t n)
{
	c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

inline void forward(Path &p, uint16_t burst)
{
	rte_mbuf *pkts[kMaxBurst];
	const uint16_t nb_rx = rte_eth_rx_burst(p.rx_port, 0, pkts, burst);
	if (nb_rx == 0)
		return;
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < nb_rx; i++)
		bytes += rte_pktmbuf_pkt_len(pkts[i]);

	const uint16_t nb_tx = rte_eth_tx_burst(p.tx_port, 0, pkts, nb_rx);

	bump(p.c.pkts, nb_rx);
	bump(p.c.bytes, bytes);
	if (unlikely(nb_tx < nb_rx)) {
		/* Refused (ring full, link down, too big): drop, never retry. */
		uint64_t dropped = 0;
		for (uint16_t i = nb_tx; i < nb_rx; i++) {
			dropped += rte_pktmbuf_pkt_len(pkts[i]);
			rte_pktmbuf_free(pkts[i]);
		}
		bump(p.c.drops, nb_rx - nb_tx);
		bump(p.c.drop_bytes, dropped);
	}
}

/* Between bursts: stay out of every port while the control lcore resets one. */
void park()
{
	g_parked.fetch_add(1, std::memory_order_acq_rel);
	while (g_pause.load(std::memory_order_acquire) && !g_quit.load(std::memory_order_relaxed))
		rte_pause();
	g_parked.fetch_sub(1, std::memory_order_acq_rel);
}

} // namespace

int worker_main(void *arg) noexcept
{
	auto *w = static_cast<Worker *>(arg);
	const uint16_t burst = w->burst;
	if (w->paths.empty())
		return 0;
	for (uint64_t i = 0;; i++) {
		for (Path *p : w->paths)
			forward(*p, burst);
		if ((i & (kCtlEvery - 1)) != 0)
			continue;
		if (g_quit.load(std::memory_order_relaxed))
			return 0;
		if (g_pause.load(std::memory_order_relaxed))
			park();
	}
}

void run_inline(Worker &w, uint64_t period_tsc, void (*control)(void *), void *ctx)
{
	const uint16_t burst = w.burst;
	uint64_t next = rte_rdtsc() + period_tsc;
	for (uint64_t i = 0;; i++) {
		for (Path *p : w.paths)
			forward(*p, burst);
		if ((i & (kCtlEvery - 1)) != 0)
			continue;
		if (g_quit.load(std::memory_order_relaxed))
			return;
		const uint64_t now = rte_rdtsc();
		if (now >= next) {
			control(ctx);
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
