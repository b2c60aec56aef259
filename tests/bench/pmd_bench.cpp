/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pmd-cost bench program (issue 5 item 16): testpmd-style io forwarding
 * between two ports (rx burst on one port, tx burst of what came in on the
 * other, unsent mbufs freed), burst 32, for a fixed number of packets:
 *
 *   --mode tg     two net_tg57xx_sim ports joined by wire=pair:NAME (the
 *                 plugin loaded with -d; the models' runner threads are the
 *                 "hardware")
 *   --mode ring   two net_ring ports from rte_eth_from_rings(), crossing
 *                 rings (what one port sends the other receives)
 *   --mode mbuf   no device: rte_pktmbuf_alloc_bulk + rte_pktmbuf_free_bulk
 *                 of each burst (pmdb_rx_alloc / pmdb_tx_free), the mbuf
 *                 work a descriptor-ring PMD cannot avoid (a floor)
 *
 * Ports are configured as dpdk-testpmd does by default: no offloads but
 * RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE where the port offers it (one pool,
 * refcnt 1). Every measured rx/tx burst goes through the noinline wrappers pmdb_rx()
 * and pmdb_tx(), so
 *   valgrind --tool=callgrind --separate-threads=yes --toggle-collect='pmdb_*'
 * counts exactly the instructions inside the burst functions (net_ring's
 * Debian .so is stripped: the wrappers are what names the cost), on the
 * forwarding thread only. Packets are circulated: each port gets `inflight`
 * packets first; the measured loop waits (outside the wrappers, counted as
 * wait_polls) until a port has a full burst pending, so an rx burst always
 * moves `burst` packets and an empty poll is never part of the per-packet
 * cost; with a slow model under valgrind it yields to the runner threads.
 * Warm-up bursts call the ethdev API directly (not collected).
 *
 * Natively it also reports TSC cycles spent inside the wrappers per packet
 * (noisy on a loaded machine; the instruction count is the robust figure).
 *
 * Output: "RESULT mode=tg packets=N rx_calls=... cycles_per_pkt=..." and
 * exit 0, or a message and exit 1 if the measurement failed (no link,
 * stalled traffic, drops).
 *
 *   pmd_bench --mode tg --plugin build/drivers/net/tg57xx_sim/librte_net_tg57xx_sim.so
 *   pmd_bench --mode ring
 *   options: --packets N (200000) --burst B (32) --size BYTES (64, without FCS: 60)
 *            --inflight K (256 per port) --warmup N (20000) --chip 57762|5720
 */
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "bench_eal.h"

namespace bench = tg57xx::bench;

namespace {

constexpr uint16_t kMaxBurst = 64;
constexpr unsigned kPoolSize = 16383;
constexpr unsigned kPoolCache = 250; /* testpmd's default --mbcache */
constexpr uint16_t kNbDesc = 512;
constexpr unsigned kRingSize = 2048;
constexpr unsigned kLinkWaitMs = 5000;
constexpr unsigned kStallMs = 20000; /* no progress for this long: measurement failed */

struct Args {
	std::string mode;
	std::string plugin;
	std::string chip = "57762";
	uint64_t packets = 200000;
	uint64_t warmup = 20000;
	uint16_t burst = 32;
	uint32_t size = 64;
	unsigned inflight = 256;
};

struct Port {
	uint16_t id = 0;
	rte_ring *rx_ring = nullptr; /* ring mode: what rx_burst dequeues from */
};

Args g_args;
Port g_ports[2];
[[noreturn]] void usage(const char *argv0)
{
	std::fprintf(stderr,
		     "usage: %s --mode tg|ring [--plugin PATH] [--packets N] [--burst B] [--size BYTES]\n"
		     "          [--inflight K] [--warmup N] [--chip 57762|5720] [-- EAL args...]\n",
		     argv0);
	std::exit(2);
}

[[noreturn]] void fail(const char *fmt, const char *detail = "")
{
	std::fprintf(stderr, "pmd_bench: ");
	std::fprintf(stderr, fmt, detail);
	std::fprintf(stderr, "\n");
	std::exit(1);
}

} // namespace

/* The measured calls: callgrind --toggle-collect='pmdb_*' counts only these. */
extern "C" __attribute__((noinline)) uint16_t pmdb_rx(uint16_t port, rte_mbuf **pkts, uint16_t n)
{
	return rte_eth_rx_burst(port, 0, pkts, n);
}

extern "C" __attribute__((noinline)) uint16_t pmdb_tx(uint16_t port, rte_mbuf **pkts, uint16_t n)
{
	return rte_eth_tx_burst(port, 0, pkts, n);
}

/* --mode mbuf: the mbuf work any descriptor-ring PMD does per packet (a fresh
 * mbuf for every received one, the sent one back to the pool), in bulk, no
 * device: a floor for the rx+tx cost of a PMD that cannot pass mbufs through. */
extern "C" __attribute__((noinline)) uint16_t pmdb_rx_alloc(rte_mempool *mp, rte_mbuf **pkts, uint16_t n)
{
	return rte_pktmbuf_alloc_bulk(mp, pkts, n) == 0 ? n : 0;
}

extern "C" __attribute__((noinline)) uint16_t pmdb_tx_free(rte_mbuf **pkts, uint16_t n)
{
	rte_pktmbuf_free_bulk(pkts, n);
	return n;
}

namespace {

/* Packets waiting on a port's rx queue (outside the measured wrappers). */
unsigned rx_pending(const Port &p)
{
	if (p.rx_ring != nullptr)
		return rte_ring_count(p.rx_ring);
	int n = rte_eth_rx_queue_count(p.id, 0);
	return n > 0 ? static_cast<unsigned>(n) : 0;
}

int start_port(uint16_t port, rte_mempool *mp)
{
	const int ret = bench::start_port(port, mp, kNbDesc, tg57xx::test::fast_free_conf(port));
	if (ret != 0)
		return ret;
	return bench::wait_links({port}, kLinkWaitMs) ? 0 : -ETIMEDOUT;
}

/* Put `n` packets of g_args.size bytes on the wire of port p. */
void inject(uint16_t port, rte_mempool *mp, unsigned n)
{
	rte_ether_addr src{};
	rte_eth_macaddr_get(port, &src);
	const uint32_t len = g_args.size - RTE_ETHER_CRC_LEN;
	unsigned sent = 0;
	while (sent < n) {
		rte_mbuf *b[kMaxBurst];
		const unsigned k = std::min<unsigned>(n - sent, g_args.burst);
		if (rte_pktmbuf_alloc_bulk(mp, b, k) != 0)
			fail("mbuf pool exhausted while injecting");
		for (unsigned i = 0; i < k; i++) {
			auto *p = reinterpret_cast<uint8_t *>(rte_pktmbuf_append(b[i], static_cast<uint16_t>(len)));
			for (uint32_t j = 0; j < len; j++)
				p[j] = static_cast<uint8_t>(j + i);
			/* Broadcast: every model's MAC filter accepts it without promiscuous mode. */
			std::memset(p, 0xFF, RTE_ETHER_ADDR_LEN);
			std::memcpy(p + RTE_ETHER_ADDR_LEN, src.addr_bytes, RTE_ETHER_ADDR_LEN);
			p[12] = 0x88; /* IEEE local experimental EtherType */
			p[13] = 0xB5;
		}
		unsigned done = 0;
		const auto t0 = std::chrono::steady_clock::now();
		while (done < k) {
			done += rte_eth_tx_burst(port, 0, b + done, static_cast<uint16_t>(k - done));
			if (std::chrono::steady_clock::now() - t0 > std::chrono::milliseconds(kStallMs))
				fail("tx stalled while injecting");
		}
		sent += k;
	}
}

struct Stats {
	uint64_t rx = 0, tx = 0, rx_calls = 0, tx_calls = 0, tx_short = 0, dropped = 0, wait_polls = 0;
	uint64_t cycles = 0;
};

/*
 * io forwarding until `target` packets were received: port i's rx goes out
 * on port i^1 (testpmd's io engine with two ports). measured: through the
 * wrappers, else the ethdev API directly.
 */
template <bool kMeasured>
void forward(uint64_t target, Stats &st)
{
	const uint16_t burst = g_args.burst;
	auto last_progress = std::chrono::steady_clock::now();
	unsigned i = 0;
	while (st.rx < target) {
		const Port &in = g_ports[i], &out = g_ports[i ^ 1];
		i ^= 1;
		/* Wait for a full burst (never an empty poll inside the measurement). */
		unsigned spins = 0;
		while (rx_pending(in) < burst) {
			st.wait_polls++;
			if (++spins % 64 == 0) {
				sched_yield(); /* let the model's runner threads run (valgrind: one thread at a time) */
				if (std::chrono::steady_clock::now() - last_progress > std::chrono::milliseconds(kStallMs))
					fail("traffic stalled (no full burst pending)");
			}
		}
		rte_mbuf *pkts[kMaxBurst];
		uint16_t n, sent;
		if constexpr (kMeasured) {
			const uint64_t t0 = rte_rdtsc();
			n = pmdb_rx(in.id, pkts, burst);
			const uint64_t t1 = rte_rdtsc();
			sent = n ? pmdb_tx(out.id, pkts, n) : 0;
			const uint64_t t2 = rte_rdtsc();
			st.cycles += (t1 - t0) + (n ? t2 - t1 : 0);
			st.rx_calls++;
			st.tx_calls += n != 0;
		} else {
			n = rte_eth_rx_burst(in.id, 0, pkts, burst);
			sent = n ? rte_eth_tx_burst(out.id, 0, pkts, n) : 0;
		}
		if (sent < n) {
			st.tx_short++;
			st.dropped += n - sent;
			rte_pktmbuf_free_bulk(pkts + sent, n - sent);
		}
		st.rx += n;
		st.tx += sent;
		if (n != 0)
			last_progress = std::chrono::steady_clock::now();
	}
}

Args parse(int argc, char **argv, std::vector<std::string> &eal_extra)
{
	Args a;
	for (int i = 1; i < argc; i++) {
		std::string s = argv[i];
		auto next = [&]() -> const char * {
			if (i + 1 >= argc)
				usage(argv[0]);
			return argv[++i];
		};
		if (s == "--mode")
			a.mode = next();
		else if (s == "--plugin")
			a.plugin = next();
		else if (s == "--chip")
			a.chip = next();
		else if (s == "--packets")
			a.packets = std::strtoull(next(), nullptr, 0);
		else if (s == "--warmup")
			a.warmup = std::strtoull(next(), nullptr, 0);
		else if (s == "--burst")
			a.burst = static_cast<uint16_t>(std::strtoul(next(), nullptr, 0));
		else if (s == "--size")
			a.size = static_cast<uint32_t>(std::strtoul(next(), nullptr, 0));
		else if (s == "--inflight")
			a.inflight = static_cast<unsigned>(std::strtoul(next(), nullptr, 0));
		else if (s == "--") {
			for (i++; i < argc; i++)
				eal_extra.emplace_back(argv[i]);
		} else
			usage(argv[0]);
	}
	if ((a.mode != "tg" && a.mode != "ring" && a.mode != "mbuf") || (a.mode == "tg" && a.plugin.empty()))
		usage(argv[0]);
	if (a.burst == 0 || a.burst > kMaxBurst || a.size < 64 || a.size > 1518 || a.inflight < a.burst ||
	    a.inflight > kNbDesc / 2)
		usage(argv[0]);
	return a;
}

} // namespace

int main(int argc, char **argv)
{
	std::vector<std::string> extra;
	g_args = parse(argc, argv, extra);
	const std::string prefix = "tg57xx-bench-" + std::to_string(getpid());
	const std::string pair = "pmdbench" + std::to_string(getpid());
	std::vector<std::string> eal = {argv[0], "--no-huge", "--no-pci", "-m", "512", "--file-prefix", prefix,
					"--lcores", bench::lcores_arg(), "--log-level", "*:warning", "--no-telemetry"};
	if (g_args.mode == "tg") {
		eal.insert(eal.end(), {"-d", g_args.plugin});
		for (int p = 0; p < 2; p++)
			eal.insert(eal.end(), {"--vdev", "net_tg57xx_sim" + std::to_string(p) + ",chip=" + g_args.chip +
							 ",wire=pair:" + pair});
	}
	eal.insert(eal.end(), extra.begin(), extra.end());
	if (bench::eal_init(eal) < 0)
		fail("rte_eal_init failed: %s", rte_strerror(rte_errno));

	rte_mempool *mp = rte_pktmbuf_pool_create("pmdb_pool", kPoolSize, kPoolCache, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
						  SOCKET_ID_ANY);
	if (mp == nullptr)
		fail("cannot create the mbuf pool: %s", rte_strerror(rte_errno));

	if (g_args.mode == "mbuf") {
		Stats st;
		rte_mbuf *pkts[kMaxBurst];
		for (uint64_t i = 0; i < g_args.warmup; i += g_args.burst) {
			if (rte_pktmbuf_alloc_bulk(mp, pkts, g_args.burst) != 0)
				fail("mbuf pool exhausted");
			rte_pktmbuf_free_bulk(pkts, g_args.burst);
		}
		const auto t0 = std::chrono::steady_clock::now();
		while (st.rx < g_args.packets) {
			const uint64_t c0 = rte_rdtsc();
			const uint16_t n = pmdb_rx_alloc(mp, pkts, g_args.burst);
			if (n == 0)
				fail("mbuf pool exhausted");
			pmdb_tx_free(pkts, n);
			st.cycles += rte_rdtsc() - c0;
			st.rx += n;
			st.tx += n;
			st.rx_calls++;
			st.tx_calls++;
		}
		const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
		std::printf("RESULT mode=mbuf packets=%" PRIu64 " burst=%u size=%u rx=%" PRIu64 " tx=%" PRIu64
			    " rx_calls=%" PRIu64 " tx_calls=%" PRIu64 " tx_short=0 dropped=0 wait_polls=0"
			    " cycles_per_pkt=%.1f tsc_hz=%" PRIu64 " wall_s=%.3f\n",
			    g_args.packets, g_args.burst, g_args.size, st.rx, st.tx, st.rx_calls, st.tx_calls,
			    static_cast<double>(st.cycles) / static_cast<double>(st.rx), rte_get_tsc_hz(), secs);
		std::fflush(stdout);
		rte_mempool_free(mp);
		rte_eal_cleanup();
		return 0;
	}
	if (g_args.mode == "tg") {
		for (int p = 0; p < 2; p++) {
			const std::string name = "net_tg57xx_sim" + std::to_string(p);
			if (rte_eth_dev_get_port_by_name(name.c_str(), &g_ports[p].id) != 0)
				fail("port %s not probed (plugin not loaded?)", name.c_str());
		}
	} else {
		rte_ring *r[2];
		for (int k = 0; k < 2; k++) {
			const std::string name = "pmdb_r" + std::to_string(k);
			r[k] = rte_ring_create(name.c_str(), kRingSize, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
			if (r[k] == nullptr)
				fail("rte_ring_create: %s", rte_strerror(rte_errno));
		}
		/* Port 0 receives from r0 and sends into r1; port 1 the other way round. */
		for (int p = 0; p < 2; p++) {
			rte_ring *rx[1] = {r[p]}, *tx[1] = {r[p ^ 1]};
			const std::string name = "pmdb_ring" + std::to_string(p);
			const int id = rte_eth_from_rings(name.c_str(), rx, 1, tx, 1, 0);
			if (id < 0)
				fail("rte_eth_from_rings: %s", rte_strerror(rte_errno));
			g_ports[p].id = static_cast<uint16_t>(id);
			g_ports[p].rx_ring = r[p];
		}
	}
	for (auto &p : g_ports) {
		const int ret = start_port(p.id, mp);
		if (ret != 0)
			fail("port start / link up failed: %s", rte_strerror(-ret));
	}
	for (auto &p : g_ports)
		inject(p.id, mp, g_args.inflight);

	Stats warm;
	forward<false>(g_args.warmup, warm);
	Stats st;
	const auto t0 = std::chrono::steady_clock::now();
	forward<true>(g_args.packets, st);
	const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

	rte_eth_stats es[2]{};
	for (int p = 0; p < 2; p++)
		rte_eth_stats_get(g_ports[p].id, &es[p]);
	std::printf("RESULT mode=%s packets=%" PRIu64 " burst=%u size=%u rx=%" PRIu64 " tx=%" PRIu64
		    " rx_calls=%" PRIu64 " tx_calls=%" PRIu64 " tx_short=%" PRIu64 " dropped=%" PRIu64
		    " wait_polls=%" PRIu64 " cycles_per_pkt=%.1f tsc_hz=%" PRIu64 " wall_s=%.3f"
		    " port_ierrors=%" PRIu64 " port_imissed=%" PRIu64 " port_rx_nombuf=%" PRIu64 "\n",
		    g_args.mode.c_str(), g_args.packets, g_args.burst, g_args.size, st.rx, st.tx, st.rx_calls,
		    st.tx_calls, st.tx_short, st.dropped, st.wait_polls,
		    static_cast<double>(st.cycles) / static_cast<double>(st.rx), rte_get_tsc_hz(), secs,
		    es[0].ierrors + es[1].ierrors, es[0].imissed + es[1].imissed, es[0].rx_nombuf + es[1].rx_nombuf);
	std::fflush(stdout);

	for (auto &p : g_ports) {
		rte_eth_dev_stop(p.id);
		rte_eth_dev_close(p.id);
	}
	rte_eal_cleanup();
	if (st.dropped != 0) {
		std::fprintf(stderr, "pmd_bench: %" PRIu64 " packets dropped (tx ring full): cost per packet is skewed\n",
			     st.dropped);
		return 1;
	}
	return 0;
}
