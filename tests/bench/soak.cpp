/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Soak (issue 11 item 4): sequence-numbered frames through
 *
 *   generator -> A0 ~ model ~ wire ~ model ~ A1 -> forwarder -> B0 ~ model ~ wire ~ model ~ B1 -> checker
 *
 * four net_tg57xx_sim ports (two cables, wire=pair), the forwarder being
 * testpmd's io engine (what comes in on A1 goes out on B0, a short tx burst is
 * a counted drop). With --bidir the same runs the other way round at once
 * (B1 generates, A0 checks). --hops 1 leaves out the forwarder: A0 ~ A1.
 *
 * Every frame carries its direction, a 64-bit sequence number, its length and
 * a payload pattern derived from both, so the checker finds lost, duplicated,
 * reordered and corrupted frames. Frames are broadcast (every MAC filter
 * takes them, no promiscuous mode needed) with the IEEE local experimental
 * EtherType, lengths cycling over 60..1514 bytes (no FCS).
 *
 * The result is a pass only if
 *   - no frame was duplicated, reordered or corrupted,
 *   - every lost frame is a counted drop: sent - received == the ports'
 *     imissed + ierrors + rx_nombuf + the forwarder's short tx bursts,
 *   - memory is constant: the process RSS sampled after warm-up grows by at
 *     most kRssSlackKiB, and the mbuf pool's in-use count is back to 0 after
 *     the ports are stopped and closed.
 *
 * A window keeps at most --window frames in flight per direction, so a
 * healthy chain loses nothing; a window larger than the rings (e.g. 4000)
 * floods it, and then every drop must be a counted one.
 *
 *   tg57xx-soak --plugin build/drivers/net/tg57xx_sim/librte_net_tg57xx_sim.so
 *               [--frames N (10^8)] [--bidir] [--hops 1|2] [--chip 57762|5720]
 *               [--window W (256)] [--progress SECONDS (10)] [--xstats]
 *
 * Output: progress lines, then "RESULT frames=... lost=... counted_drops=...
 * dup=... reorder=... corrupt=... rss_start_kib=... rss_max_kib=... mbuf_in_use_end=... verdict=PASS|FAIL";
 * exit 0 on PASS, 1 on FAIL or when the run could not be made, 2 on bad usage.
 */
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "bench_eal.h"

namespace bench = tg57xx::bench;

namespace {

constexpr uint16_t kBurst = 32;
constexpr uint16_t kNbDesc = 512;
constexpr unsigned kPoolSize = 16383;
constexpr unsigned kPoolCache = 250; /* testpmd's default --mbcache */
constexpr unsigned kLinkWaitMs = 5000;
constexpr unsigned kStallMs = 10000;     /* no progress at all for this long: the run failed */
constexpr unsigned kDrainMs = 2000;      /* after the last frame: how long stragglers may take */
constexpr unsigned kWriteOffMs = 200;    /* nothing moved this long: what is in flight is lost */
constexpr int kExitSignal = 128;         /* exit status 128 + N: stopped by signal N (POSIX shells) */
constexpr uint64_t kRssSlackKiB = 2048;  /* allowed RSS growth after warm-up (allocator noise) */
/* Under AddressSanitizer freed memory sits in its quarantine (up to 256 MiB): RSS
 * grows by design there, so only the sanitizer-free build checks it. */
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCheckRss = false;
#else
constexpr bool kCheckRss = true;
#endif
constexpr uint16_t kEtherType = 0x88B5;  /* IEEE 802 local experimental EtherType 1 */
constexpr uint32_t kMinLen = 60;         /* shortest frame without FCS */
constexpr uint32_t kMaxLen = 1514;       /* longest standard frame without FCS */
constexpr uint32_t kLenStep = 97;        /* prime: lengths cycle through every value */
/* Payload header after the EtherType: direction (1), pad (3), length (4), sequence (8). */
constexpr uint32_t kHdrOff = RTE_ETHER_HDR_LEN;
constexpr uint32_t kPatOff = kHdrOff + 16;

struct Args {
	std::string plugin;
	std::string chip = "57762";
	uint64_t frames = 100000000;
	unsigned hops = 2;
	bool bidir = false;
	unsigned window = 256;
	unsigned progress_s = 10;
	bool xstats = false; /* print every port's non-zero xstats at the end (always on a failure) */
};

[[noreturn]] void usage(const char *argv0)
{
	std::fprintf(stderr,
		     "usage: %s --plugin PATH [--frames N] [--bidir] [--hops 1|2] [--chip 57762|5720]\n"
		     "          [--window W] [--progress SECONDS] [--xstats] [-- EAL args...]\n",
		     argv0);
	std::exit(2);
}

[[noreturn]] void fail(const std::string &msg)
{
	std::fprintf(stderr, "tg57xx-soak: %s\n", msg.c_str());
	std::exit(1);
}

uint32_t frame_len(uint64_t seq)
{
	return kMinLen + static_cast<uint32_t>((seq * kLenStep) % (kMaxLen - kMinLen + 1));
}

uint8_t pattern(uint64_t seq, uint32_t i)
{
	return static_cast<uint8_t>((seq * 131U) ^ (i * 7U) ^ (seq >> 8));
}

/* One direction: who generates, the hops in between, who checks. */
struct Direction {
	uint8_t id = 0;
	uint16_t gen = 0;                  /* port the generator sends on */
	uint16_t check = 0;                /* port the checker receives on */
	std::vector<std::array<uint16_t, 2>> fwd; /* forwarder legs: {in, out} */
	uint64_t sent = 0, expected = 0, received = 0;
	uint64_t dup = 0, reorder = 0, corrupt = 0, gaps = 0, fwd_drops = 0;
	uint64_t written_off = 0; /* in flight when the chain went idle: lost somewhere (counted later) */
	uint64_t inflight() const
	{
		const uint64_t out = received + fwd_drops + gaps + written_off;
		return sent > out ? sent - out : 0;
	}
};

/* Build frame `seq` of direction dir in m (fresh from the pool: always room for kMaxLen). */
void fill(rte_mbuf *m, uint8_t dir, uint64_t seq, const rte_ether_addr &src)
{
	const uint32_t len = frame_len(seq);
	auto *p = reinterpret_cast<uint8_t *>(rte_pktmbuf_append(m, static_cast<uint16_t>(len)));
	if (p == nullptr)
		fail("mbuf too small for a frame");
	std::memset(p, 0xFF, RTE_ETHER_ADDR_LEN);
	std::memcpy(p + RTE_ETHER_ADDR_LEN, src.addr_bytes, RTE_ETHER_ADDR_LEN);
	const uint16_t et = rte_cpu_to_be_16(kEtherType);
	std::memcpy(p + 12, &et, sizeof(et));
	p[kHdrOff] = dir;
	p[kHdrOff + 1] = p[kHdrOff + 2] = p[kHdrOff + 3] = 0;
	std::memcpy(p + kHdrOff + 4, &len, sizeof(len));
	std::memcpy(p + kHdrOff + 8, &seq, sizeof(seq));
	for (uint32_t i = kPatOff; i < len; i++)
		p[i] = pattern(seq, i);
}

/* Check one received frame of direction d; returns false if it is not ours at all. */
void check(Direction &d, const rte_mbuf *m)
{
	const uint32_t len = rte_pktmbuf_pkt_len(m);
	const auto *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t hlen = 0;
	uint64_t seq = 0;
	if (m->nb_segs != 1 || len < kPatOff || p[kHdrOff] != d.id) {
		d.corrupt++;
		return;
	}
	std::memcpy(&hlen, p + kHdrOff + 4, sizeof(hlen));
	std::memcpy(&seq, p + kHdrOff + 8, sizeof(seq));
	bool ok = hlen == len && len == frame_len(seq);
	for (uint32_t i = kPatOff; ok && i < len; i++)
		ok = p[i] == pattern(seq, i);
	if (!ok) {
		d.corrupt++;
		return;
	}
	d.received++;
	if (seq == d.expected) {
		d.expected++;
	} else if (seq > d.expected) {
		d.gaps += seq - d.expected; /* lost (must be counted drops) */
		d.expected = seq + 1;
	} else if (seq + 1 == d.expected) {
		d.dup++;
	} else {
		d.reorder++;
	}
}

uint64_t rss_kib()
{
	std::ifstream f("/proc/self/statm");
	uint64_t size = 0, resident = 0;
	f >> size >> resident;
	return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

/* Generator: up to a burst, within the in-flight window. */
void generate(Direction &d, rte_mempool *mp, const Args &a, const rte_ether_addr &src)
{
	const uint64_t inflight = d.inflight();
	if (d.sent >= a.frames || inflight >= a.window)
		return;
	const auto n = static_cast<uint16_t>(std::min<uint64_t>({kBurst, a.frames - d.sent, a.window - inflight}));
	rte_mbuf *b[kBurst];
	if (rte_pktmbuf_alloc_bulk(mp, b, n) != 0)
		return; /* the pool is busy in the rings: try again next round */
	for (uint16_t i = 0; i < n; i++)
		fill(b[i], d.id, d.sent + i, src);
	const uint16_t sent = rte_eth_tx_burst(d.gen, 0, b, n);
	if (sent < n)
		rte_pktmbuf_free_bulk(b + sent, n - sent); /* not sent: same sequence numbers next time */
	d.sent += sent;
}

/* testpmd's io engine on one leg: a short tx burst frees (and counts) the rest. */
uint16_t forward(Direction &d, uint16_t in, uint16_t out)
{
	rte_mbuf *b[kBurst];
	const uint16_t n = rte_eth_rx_burst(in, 0, b, kBurst);
	if (n == 0)
		return 0;
	const uint16_t sent = rte_eth_tx_burst(out, 0, b, n);
	if (sent < n) {
		d.fwd_drops += n - sent;
		rte_pktmbuf_free_bulk(b + sent, n - sent);
	}
	return n;
}

uint16_t receive(Direction &d)
{
	rte_mbuf *b[kBurst];
	const uint16_t n = rte_eth_rx_burst(d.check, 0, b, kBurst);
	for (uint16_t i = 0; i < n; i++)
		check(d, b[i]);
	if (n != 0)
		rte_pktmbuf_free_bulk(b, n);
	return n;
}

/* Every non-zero extended statistic of a port, for the reader of a failed run. */
void dump_xstats(uint16_t port)
{
	const int n = rte_eth_xstats_get(port, nullptr, 0);
	if (n <= 0)
		return;
	std::vector<rte_eth_xstat> xs(static_cast<size_t>(n));
	std::vector<rte_eth_xstat_name> names(static_cast<size_t>(n));
	if (rte_eth_xstats_get(port, xs.data(), static_cast<unsigned>(n)) != n ||
	    rte_eth_xstats_get_names(port, names.data(), static_cast<unsigned>(n)) != n)
		return;
	std::printf("port %u:", port);
	for (int i = 0; i < n; i++)
		if (xs[static_cast<size_t>(i)].value != 0)
			std::printf(" %s=%" PRIu64, names[xs[static_cast<size_t>(i)].id].name, xs[static_cast<size_t>(i)].value);
	std::printf("\n");
}

Args parse(int argc, char **argv, std::vector<std::string> &eal_extra)
{
	Args a;
	for (int i = 1; i < argc; i++) {
		const std::string s = argv[i];
		auto next = [&]() -> const char * {
			if (i + 1 >= argc)
				usage(argv[0]);
			return argv[++i];
		};
		if (s == "--plugin")
			a.plugin = next();
		else if (s == "--chip")
			a.chip = next();
		else if (s == "--frames")
			a.frames = std::strtoull(next(), nullptr, 0);
		else if (s == "--hops")
			a.hops = static_cast<unsigned>(std::strtoul(next(), nullptr, 0));
		else if (s == "--window")
			a.window = static_cast<unsigned>(std::strtoul(next(), nullptr, 0));
		else if (s == "--progress")
			a.progress_s = static_cast<unsigned>(std::strtoul(next(), nullptr, 0));
		else if (s == "--bidir")
			a.bidir = true;
		else if (s == "--xstats")
			a.xstats = true;
		else if (s == "-h" || s == "--help")
			usage(argv[0]);
		else if (s == "--") {
			for (i++; i < argc; i++)
				eal_extra.emplace_back(argv[i]);
		} else
			usage(argv[0]);
	}
	if (a.plugin.empty() || a.frames == 0 || (a.hops != 1 && a.hops != 2) || a.window < kBurst ||
	    a.window > kPoolSize / 4 || a.progress_s == 0)
		usage(argv[0]);
	return a;
}

} // namespace

int main(int argc, char **argv)
{
	std::vector<std::string> extra;
	const Args a = parse(argc, argv, extra);
	const std::string tag = std::to_string(getpid());
	const unsigned nports = a.hops * 2;
	std::vector<std::string> eal = {argv[0], "--no-huge", "--no-pci", "-m", "512", "--file-prefix",
					"tg57xx-soak-" + tag, "--lcores", bench::lcores_arg(), "--log-level", "*:warning",
					"--no-telemetry", "-d", a.plugin};
	/* Ports 2k and 2k+1 share cable k. */
	for (unsigned p = 0; p < nports; p++)
		eal.insert(eal.end(), {"--vdev", "net_tg57xx_sim_soak" + std::to_string(p) + ",chip=" + a.chip +
							 ",wire=pair:soak" + tag + "c" + std::to_string(p / 2)});
	eal.insert(eal.end(), extra.begin(), extra.end());
	bench::catch_stop_signals();
	if (bench::eal_init(eal) < 0)
		fail(std::string("rte_eal_init failed: ") + rte_strerror(rte_errno));

	rte_mempool *mp = rte_pktmbuf_pool_create("soak_pool", kPoolSize, kPoolCache, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
						  SOCKET_ID_ANY);
	if (mp == nullptr)
		fail(std::string("cannot create the mbuf pool: ") + rte_strerror(rte_errno));
	std::vector<uint16_t> ports(nports);
	std::vector<rte_ether_addr> macs(nports);
	for (unsigned p = 0; p < nports; p++) {
		const std::string name = "net_tg57xx_sim_soak" + std::to_string(p);
		if (rte_eth_dev_get_port_by_name(name.c_str(), &ports[p]) != 0)
			fail("port " + name + " not probed (plugin not loaded?)");
		const int ret = bench::start_port(ports[p], mp, kNbDesc);
		if (ret != 0)
			fail("port " + name + " failed to start: " + rte_strerror(-ret));
		rte_eth_macaddr_get(ports[p], &macs[p]);
	}
	if (!bench::wait_links(ports, kLinkWaitMs))
		fail("links did not come up");

	/* Direction 0: port 0 -> 1 [-> fwd -> 2 -> 3]; direction 1 the reverse. */
	std::vector<Direction> dirs(a.bidir ? 2 : 1);
	dirs[0].id = 0;
	dirs[0].gen = ports[0];
	dirs[0].check = ports[nports - 1];
	if (a.hops == 2)
		dirs[0].fwd.push_back({ports[1], ports[2]});
	if (a.bidir) {
		dirs[1].id = 1;
		dirs[1].gen = ports[nports - 1];
		dirs[1].check = ports[0];
		if (a.hops == 2)
			dirs[1].fwd.push_back({ports[2], ports[1]});
	}

	const uint64_t total = a.frames * dirs.size();
	const uint64_t warmup = std::min<uint64_t>(total / 10, 1000000);
	uint64_t rss_start = 0, rss_max = 0;
	auto t_start = std::chrono::steady_clock::now();
	auto t_progress = t_start, t_last_rx = t_start, t_written_off = t_start;
	bool done_sending = false;
	uint64_t received = 0;
	std::printf("soak: %" PRIu64 " frames per direction, %zu direction(s), %u hop(s), chip %s, window %u\n",
		    a.frames, dirs.size(), a.hops, a.chip.c_str(), a.window);
	std::fflush(stdout);
	uint64_t moved = 0; /* frames moved since the last check */
	for (uint64_t iter = 0;; iter++) {
		for (auto &d : dirs) {
			generate(d, mp, a, macs[d.gen == ports[0] ? 0 : nports - 1]);
			for (const auto &leg : d.fwd)
				moved += forward(d, leg[0], leg[1]);
			moved += receive(d);
		}
		received = 0;
		uint64_t sent = 0;
		for (const auto &d : dirs) {
			received += d.received + d.corrupt;
			sent += d.sent;
		}
		if ((iter & 0x3FF) != 0)
			continue;
		if (bench::stop_signal() != 0)
			break;
		const auto now = std::chrono::steady_clock::now();
		if (moved != 0) {
			t_last_rx = now;
			moved = 0;
		} else if (now - std::max(t_last_rx, t_written_off) > std::chrono::milliseconds(kWriteOffMs)) {
			/* A full window that never drains would stall the run; once per idle spell,
			 * or a starved chain (a loaded machine) would turn into a flood. */
			for (auto &d : dirs)
				d.written_off += d.inflight();
			t_written_off = now;
		}
		if (rss_start == 0 && received >= warmup)
			rss_start = rss_kib();
		if (rss_start != 0)
			rss_max = std::max(rss_max, rss_kib());
		if (now - t_progress >= std::chrono::seconds(a.progress_s)) {
			const double s = std::chrono::duration<double>(now - t_start).count();
			std::printf("soak: %.0f s: sent %" PRIu64 " received %" PRIu64 " (%.2f Mfps) rss %" PRIu64 " KiB\n",
				    s, sent, received, static_cast<double>(received) / s / 1e6, rss_kib());
			std::fflush(stdout);
			t_progress = now;
		}
		done_sending = sent == total;
		bool all_in = done_sending;
		for (const auto &d : dirs)
			all_in = all_in && d.received + d.corrupt + d.fwd_drops >= d.sent;
		if (all_in)
			break;
		/* Stragglers: after the last frame, or when nothing moves at all, wait a bounded time. */
		const auto idle = now - t_last_rx;
		if ((done_sending && idle > std::chrono::milliseconds(kDrainMs)) ||
		    idle > std::chrono::milliseconds(kStallMs))
			break;
	}
	const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
	rss_max = std::max(rss_max, rss_kib());
	if (rss_start == 0)
		rss_start = rss_max;

	uint64_t counted = 0;
	for (uint16_t p : ports) {
		rte_eth_stats st{};
		rte_eth_stats_get(p, &st);
		counted += st.imissed + st.ierrors + st.rx_nombuf;
	}
	uint64_t sent = 0, dup = 0, reorder = 0, corrupt = 0, fwd_drops = 0, gaps = 0;
	for (const auto &d : dirs) {
		sent += d.sent;
		dup += d.dup;
		reorder += d.reorder;
		corrupt += d.corrupt;
		fwd_drops += d.fwd_drops;
		gaps += d.gaps;
	}
	counted += fwd_drops;
	const uint64_t lost = sent - std::min(sent, received - corrupt - dup - reorder);

	if (a.xstats || !(dup == 0 && reorder == 0 && corrupt == 0 && lost == counted))
		for (uint16_t p : ports)
			dump_xstats(p);
	for (uint16_t p : ports) {
		rte_eth_dev_stop(p);
		rte_eth_dev_close(p);
	}
	const unsigned in_use = rte_mempool_in_use_count(mp);
	const int sig = bench::stop_signal();
	const bool pass = sig == 0 && sent == total && dup == 0 && reorder == 0 && corrupt == 0 && lost == counted &&
			  (!kCheckRss || rss_max - rss_start <= kRssSlackKiB) && in_use == 0;
	std::printf("RESULT frames=%" PRIu64 " sent=%" PRIu64 " received=%" PRIu64 " lost=%" PRIu64
		    " gaps=%" PRIu64 " counted_drops=%" PRIu64 " fwd_drops=%" PRIu64 " dup=%" PRIu64
		    " reorder=%" PRIu64 " corrupt=%" PRIu64 " wall_s=%.1f mfps=%.3f rss_start_kib=%" PRIu64
		    " rss_max_kib=%" PRIu64 " mbuf_in_use_end=%u verdict=%s\n",
		    total, sent, received, lost, gaps, counted, fwd_drops, dup, reorder, corrupt, secs,
		    static_cast<double>(received) / secs / 1e6, rss_start, rss_max, in_use,
		    sig != 0 ? "INTERRUPTED" : pass ? "PASS" : "FAIL");
	std::fflush(stdout);
	rte_mempool_free(mp);
	rte_eal_cleanup();
	if (sig != 0) {
		std::printf("soak: stopped by %s after a clean shutdown\n", strsignal(sig));
		return kExitSignal + sig; /* the shell's convention for "ended by signal sig" */
	}
	return pass ? 0 : 1;
}
