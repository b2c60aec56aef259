/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tg57xx-vhost-sink: the far end of tg-fwd's virtio-user path in the pps
 * bench where there is no /dev/vhost-net (issue 12 item 2; fwd_bench.py).
 *
 * It serves one net_vhost port (the vhost-user server tg-fwd connects to) the
 * way the kernel's vhost-net serves a guest's transmit ring: it takes frames
 * while the ring has some, and when the ring has stayed empty it asks the
 * frontend for kicks (the rx queue interrupt: the vring's kick eventfd,
 * rte_vhost_enable_guest_notification) and sleeps until one comes, instead
 * of spinning on the CPU it shares with tg-fwd and the chip model
 * (testpmd rxonly never gives it up). Frames are counted and freed.
 *
 *   tg57xx-vhost-sink [EAL options] --vdev net_vhost0,iface=SOCK,client=0 -- --count-file PATH
 *
 * Every 100 ms it replaces PATH with the number of frames received so far
 * (decimal), prints "vhost-sink: ready" once the port runs and one line of
 * totals when it stops (SIGINT/SIGTERM). Without rx interrupts it says so and
 * busy-polls, giving way on empty polls (sched_yield). Exit: 0, or 1 with one
 * line saying why.
 */
#include <sched.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <rte_cycles.h>
#include <rte_epoll.h>
#include <rte_ethdev.h>
#include <rte_interrupts.h>
#include <rte_mbuf.h>

#include "bench_eal.h"

namespace {

using namespace tg57xx::bench;

constexpr uint16_t kBurst = 32;
constexpr uint16_t kRxDesc = 1024;
constexpr unsigned kPoolMbufs = 8191;
constexpr unsigned kPoolCache = 256;
/* Empty polls before the sink sleeps (vhost-net's own busy-poll is off by default). */
constexpr unsigned kSpinPolls = 64;
/* Longest sleep: the count file and a stop signal are looked at this often. */
constexpr int kSleepMs = 100;
constexpr unsigned kCountEveryMs = 100;

int usage(const char *why)
{
	std::fprintf(stderr,
		     "vhost-sink: %s\nusage: tg57xx-vhost-sink [EAL options] --vdev net_vhost0,iface=SOCK,client=0 "
		     "-- --count-file PATH\n",
		     why);
	return 1;
}

bool write_count(const std::string &path, uint64_t n)
{
	const std::string tmp = path + ".tmp";
	std::FILE *f = std::fopen(tmp.c_str(), "w");
	if (f == nullptr)
		return false;
	const bool ok = std::fprintf(f, "%" PRIu64 "\n", n) > 0;
	return std::fclose(f) == 0 && ok && std::rename(tmp.c_str(), path.c_str()) == 0;
}

} // namespace

int main(int argc, char **argv)
{
	catch_stop_signals();
	std::vector<std::string> eal(argv, argv + argc);
	int used = eal_init(eal);
	if (used < 0)
		return usage("EAL did not start (see above)");
	std::string count_file;
	for (int i = used + 1; i < argc; i++) {
		if (std::strcmp(argv[i], "--count-file") == 0 && i + 1 < argc)
			count_file = argv[++i];
		else
			return usage((std::string("unknown option ") + argv[i]).c_str());
	}
	if (count_file.empty())
		return usage("--count-file is required");
	if (rte_eth_dev_count_avail() != 1)
		return usage("give exactly one port (a net_vhost vdev)");
	const uint16_t port = 0;
	rte_mempool *mp = rte_pktmbuf_pool_create("vhost_sink", kPoolMbufs, kPoolCache, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
						  rte_socket_id());
	if (mp == nullptr)
		return usage("cannot create the mbuf pool");
	rte_eth_conf conf{};
	conf.intr_conf.rxq = 1;
	if (int ret = start_port(port, mp, kRxDesc, conf); ret != 0) {
		std::fprintf(stderr, "vhost-sink: port %u does not start: %s\n", port, std::strerror(-ret));
		return 1;
	}
	bool sleeps = rte_eth_dev_rx_intr_ctl_q(port, 0, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, nullptr) == 0;
	if (!sleeps)
		std::printf("vhost-sink: no rx queue interrupt on port %u: busy-polling\n", port);
	std::printf("vhost-sink: ready\n");
	std::fflush(stdout);

	const uint64_t count_every = rte_get_tsc_hz() / 1000 * kCountEveryMs;
	uint64_t total = 0, sleeps_done = 0, next_count = 0;
	unsigned empty = 0;
	rte_mbuf *pkts[kBurst];
	while (stop_signal() == 0) {
		if (const uint64_t now = rte_rdtsc(); now >= next_count) {
			if (!write_count(count_file, total)) {
				std::fprintf(stderr, "vhost-sink: cannot write %s: %s\n", count_file.c_str(),
					     std::strerror(errno));
				break;
			}
			next_count = now + count_every;
		}
		uint16_t n = rte_eth_rx_burst(port, 0, pkts, kBurst);
		if (n != 0) {
			total += n;
			rte_pktmbuf_free_bulk(pkts, n);
			empty = 0;
			continue;
		}
		if (!sleeps) {
			sched_yield();
			continue;
		}
		if (++empty < kSpinPolls)
			continue;
		empty = 0;
		/* Arm, look once more (a frame between the last poll and the arming would wait), sleep. */
		rte_eth_dev_rx_intr_enable(port, 0);
		n = rte_eth_rx_burst(port, 0, pkts, kBurst);
		if (n == 0) {
			rte_epoll_event ev[1];
			rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 1, kSleepMs);
			sleeps_done++;
		}
		rte_eth_dev_rx_intr_disable(port, 0);
		total += n;
		if (n != 0)
			rte_pktmbuf_free_bulk(pkts, n);
	}
	write_count(count_file, total);
	std::printf("vhost-sink: stopped rx=%" PRIu64 " sleeps=%" PRIu64 "\n", total, sleeps_done);
	rte_eth_dev_stop(port);
	rte_eth_dev_close(port);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
