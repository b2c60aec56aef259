/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * model-loopback bench (issue 4): frames per second through one chip model
 * on one core, TX engine -> MAC -> loop wire -> MAC -> RX engine -> return
 * ring, driven deterministically with Device::step().
 *
 * The model is brought up as tg3_reset_hw does it (§12.3; the same values as
 * tests/model/engine_util.h, through qdriver), rings and buffers in a host
 * arena behind an identity DMA translator, a loopback wire. The "driver" in
 * this thread does what a minimal poll-mode driver must per burst:
 *   - post `burst` one-BD frames (BDs are pre-built: TX buffers are fixed),
 *     one doorbell store into the mailbox page;
 *   - step() the model (runs every engine until idle);
 *   - read the status block: TX consumer (reclaim), RX producer; walk the
 *     new return BDs (length, error flags, opaque slot), re-post each std
 *     slot (the buffer stays; only the producer index moves), then one
 *     store each to the return-consumer and std-producer mailboxes.
 *
 * Usage: tg57xx-model-bench [--size N]... [--burst B] [--seconds S]
 *                           [--frames N] [--reps R] [--chip 57762|5720] [--raw]
 *   frames: IPv4/UDP, correct checksums (the RX engine verifies them);
 *           --raw: EtherType 0x88B5, no L3 work
 *   --frames N    fixed frame count per size (for callgrind: the measured
 *                 loop is the noinline function run_frames, use
 *                 --toggle-collect=run_frames)
 * Prints one line per size: "RESULT size=64 frames=N rx_total=N ...
 * cpu_best_ns=... wall_best_ns=..." (ns per frame; cpu = this thread's CPU
 * time, wall = steady clock; rx_total counts warm-up frames too, which is
 * what callgrind saw). tests/bench/model_bench.py reads these lines.
 * Exit 1 only if the model could not be brought up or frames were lost.
 */
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <ctime>
#include <vector>

#include "hw.h"
#include "personality.h"
#include "qdriver.h"
#include "tg57xx_desc.h"
#include "tg57xx_sim/device.h"
#include "tg57xx_sim/wires.h"
#include "tg57xx_status.h"

namespace sim = tg57xx::sim;
namespace hw = tg57xx::hw;
using sim::test::DmaArena;
using sim::test::QDriver;
using sim::test::EngineLayout;
using sim::test::engine_bring_up_begin;
using sim::test::engine_bring_up_end;

namespace {

constexpr uint32_t kTxSize = 512;
constexpr uint32_t kStdSize = 512;
constexpr uint32_t kRetSize = 512;
constexpr uint32_t kStdBuf = hw::TG3_RX_STD_DMA_SZ;
constexpr uint32_t kStdBufAlloc = 2048;
constexpr uint64_t kMs = 1'000'000;
const sim::MacAddress kMac = {0x00, 0x10, 0x18, 0xAB, 0xCD, 0x02};

struct Bench {
	std::unique_ptr<sim::Device> dev;
	std::unique_ptr<QDriver> q;
	std::unique_ptr<DmaArena> arena;
	uint64_t tx_ring = 0, std_ring = 0, ret_ring = 0, sblk = 0;
	std::vector<uint64_t> tx_bufs; /* one per TX slot */
	volatile uint32_t *mbox = nullptr;
	uint32_t tx_mbox_word = 0, ret_mbox_word = 0, std_mbox_word = 0;
	/* driver state */
	uint32_t tx_prod = 0, tx_cons = 0, std_prod = 0, ret_cons = 0;
	uint32_t frame_len = 0;
	bool udp = false;
	/* results */
	uint64_t rx_frames = 0, rx_bytes = 0, rx_bad = 0, tx_posted = 0;

	hw::TxBd *txr() const { return arena->at<hw::TxBd>(tx_ring); }
	hw::RxBd *stdr() const { return arena->at<hw::RxBd>(std_ring); }
	const hw::RxBd *retr() const { return arena->at<hw::RxBd>(ret_ring); }
	/* Status block words the chip DMAs (§9.1): read once each, atomically. */
	uint16_t sb16(size_t off) const { return __atomic_load_n(arena->at<uint16_t>(sblk + off), __ATOMIC_ACQUIRE); }

	/* tg3_reset_hw order (§12.3), shared with the engine tests (qdriver.h engine_bring_up_*). */
	bool bring_up(sim::Personality chip)
	{
		sim::Config c;
		c.chip = chip;
		c.mac = kMac;
		dev = sim::Device::create(c);
		q = std::make_unique<QDriver>(*dev);
		arena = std::make_unique<DmaArena>(size_t{8} << 20);
		arena->attach(*dev);
		dev->attach_wire(sim::make_loop_wire());
		if (!engine_bring_up_begin(*q, true)) {
			std::fprintf(stderr, "model-bench: chip reset / boot-code handshake / buffer manager failed\n");
			return false;
		}
		tx_ring = arena->alloc(size_t{kTxSize} * hw::TXD_SIZE, 4096);
		std_ring = arena->alloc(size_t{kStdSize} * hw::TG3_RX_BD_SIZE, 4096);
		ret_ring = arena->alloc(size_t{kRetSize} * hw::TG3_RX_BD_SIZE, 4096);
		sblk = arena->alloc(0x100, 64);
		for (uint32_t i = 0; i < kStdSize; i++) {
			const uint64_t b = arena->alloc(kStdBufAlloc, 64);
			stdr()[i].init_producer(b, static_cast<uint16_t>(kStdBuf), static_cast<uint16_t>(i), hw::RXD_FLAG_END,
						hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, i));
		}
		for (uint32_t i = 0; i < kTxSize; i++)
			tx_bufs.push_back(arena->alloc(kStdBufAlloc, 64));
		std_prod = kStdSize - 1; /* every slot but one posted */
		EngineLayout l;
		l.tx_ring = tx_ring;
		l.std_ring = std_ring;
		l.ret_ring = ret_ring;
		l.sblk = sblk;
		l.tx_size = kTxSize;
		l.std_size = kStdSize;
		l.ret_size = kRetSize;
		l.std_buf = kStdBuf;
		l.std_prod = std_prod;
		l.lrg_ring = chip == sim::Personality::BCM5720;
		engine_bring_up_end(*q, dev->info(), l);
		q->delay(3 * kMs); /* autonegotiation against the default partner */
		if (!(q->reg_read(hw::MAC_TX_STATUS) & hw::TX_STATUS_LINK_UP)) {
			std::fprintf(stderr, "model-bench: no link after bring-up\n");
			return false;
		}
		mbox = dev->mailbox_page();
		tx_mbox_word = (sim::send_prod_mailbox(0) - sim::Device::kMailboxPageOffset) / 4;
		ret_mbox_word = (sim::ret_con_mailbox(0) - sim::Device::kMailboxPageOffset) / 4;
		std_mbox_word = (hw::TG3_RX_STD_PROD_IDX_REG - sim::Device::kMailboxPageOffset) / 4;
		return true;
	}

	/*
	 * Fill every TX buffer with a frame of len bytes (no FCS) and pre-build
	 * the BDs. udp: Ethernet + IPv4 + UDP with correct checksums (what a
	 * traffic generator sends; the RX engine verifies both sums, §10.1);
	 * else an opaque EtherType (no L3 work in the model).
	 */
	void set_frame_len(uint32_t len, bool udp)
	{
		frame_len = len;
		this->udp = udp;
		for (uint32_t i = 0; i < kTxSize; i++) {
			auto *f = arena->at<uint8_t>(tx_bufs[i]);
			for (uint32_t k = 0; k < len; k++)
				f[k] = static_cast<uint8_t>(k * 7 + i);
			std::memcpy(f, kMac.data(), 6);
			const uint8_t src[6] = {0x02, 0, 0, 0, 0, 0x99};
			std::memcpy(f + 6, src, 6);
			if (udp)
				build_udp4(f, len, i);
			else {
				f[12] = 0x88; /* IEEE local experimental EtherType */
				f[13] = 0xB5;
			}
			txr()[i].set(tx_bufs[i], static_cast<uint16_t>(len), hw::TXD_FLAG_END, 0, 0);
		}
	}

	static void put16(uint8_t *p, uint32_t v)
	{
		p[0] = static_cast<uint8_t>(v >> 8);
		p[1] = static_cast<uint8_t>(v);
	}
	/* RFC 1071 sum of 16-bit big-endian words (not complemented). */
	static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s = 0)
	{
		for (size_t i = 0; i + 1 < n; i += 2)
			s += uint32_t{p[i]} << 8 | p[i + 1];
		if (n & 1)
			s += uint32_t{p[n - 1]} << 8;
		while (s >> 16)
			s = (s & 0xFFFF) + (s >> 16);
		return s;
	}
	static void build_udp4(uint8_t *f, uint32_t len, uint32_t seq)
	{
		constexpr uint32_t kEth = 14, kIp = 20, kUdp = 8;
		put16(f + 12, 0x0800);
		uint8_t *ip = f + kEth;
		const uint32_t ip_len = len - kEth, udp_len = ip_len - kIp;
		ip[0] = 0x45;
		ip[1] = 0;
		put16(ip + 2, ip_len);
		put16(ip + 4, seq & 0xFFFF);
		put16(ip + 6, 0x4000); /* DF */
		ip[8] = 64;
		ip[9] = 17; /* UDP */
		put16(ip + 10, 0);
		const uint8_t sa[4] = {198, 18, 0, 1}, da[4] = {198, 18, 0, 2}; /* RFC 2544 bench range */
		std::memcpy(ip + 12, sa, 4);
		std::memcpy(ip + 16, da, 4);
		put16(ip + 10, ~sum16(ip, kIp) & 0xFFFF);
		uint8_t *udp = ip + kIp;
		put16(udp, 1024 + (seq & 0xFF));
		put16(udp + 2, 9); /* discard */
		put16(udp + 4, udp_len);
		put16(udp + 6, 0);
		uint32_t ph = sum16(ip + 12, 8);
		ph += 17 + udp_len;
		uint32_t c = ~sum16(udp, udp_len, ph) & 0xFFFF;
		put16(udp + 6, c == 0 ? 0xFFFF : c);
		(void)kUdp;
	}
};

inline void store_release(volatile uint32_t *p, uint32_t v)
{
	__atomic_store_n(const_cast<uint32_t *>(p), v, __ATOMIC_RELEASE);
}

/*
 * The measured loop: n frames in bursts of `burst`. Returns frames received.
 * noinline: callgrind --toggle-collect=run_frames counts exactly this.
 */
extern "C" __attribute__((noinline)) uint64_t run_frames(Bench *b, uint64_t n, uint32_t burst)
{
	const uint32_t tx_mask = kTxSize - 1, std_mask = kStdSize - 1, ret_mask = kRetSize - 1;
	const uint32_t want_len = b->frame_len + hw::ETH_FCS_LEN;
	/* UDP frames: both checksums verified good (§10.1: 0xFFFF in each half). */
	const uint32_t want_flags = b->udp ? hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM : 0;
	uint64_t sent = 0, got = 0, idle_rounds = 0;
	sim::Device &dev = *b->dev;
	const hw::RxBd *ret = b->retr();
	while (got < n) {
		/* TX: reclaim from the status block, post up to `burst` frames, one doorbell. */
		b->tx_cons = b->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER);
		const uint32_t space = (b->tx_cons - b->tx_prod - 1) & tx_mask;
		uint32_t k = std::min<uint64_t>({burst, space, n - sent});
		if (k != 0) {
			/* BDs are pre-built: posting is moving the producer. */
			b->tx_prod = (b->tx_prod + k) & tx_mask;
			sent += k;
			store_release(&b->mbox[b->tx_mbox_word], b->tx_prod);
		}
		dev.step();
		/* RX: new return BDs, then hand the slots back. */
		const uint32_t prod = b->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER);
		uint32_t cons = b->ret_cons, m = 0;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		for (; cons != prod; cons = (cons + 1) & ret_mask, m++) {
			const hw::RxBd &bd = ret[cons];
			if ((bd.opaque & hw::RXD_OPAQUE_RING_MASK) != hw::RXD_OPAQUE_RING_STD || bd.len() != want_len ||
			    (bd.err_vlan & hw::RXD_ERR_MASK) || (bd.type_flags & want_flags) != want_flags ||
			    (want_flags != 0 && bd.ip_tcp_csum != 0xFFFFFFFFu))
				b->rx_bad++;
			b->rx_bytes += bd.len();
		}
		if (m != 0) {
			b->ret_cons = cons;
			b->std_prod = (b->std_prod + m) & std_mask;
			store_release(&b->mbox[b->ret_mbox_word], cons);
			store_release(&b->mbox[b->std_mbox_word], b->std_prod);
			got += m;
			idle_rounds = 0;
		} else if (k == 0 && ++idle_rounds > 1000) {
			break; /* frames lost: the caller reports it */
		}
	}
	b->tx_posted += sent;
	b->rx_frames += got;
	return got;
}

double thread_cpu_s()
{
	timespec ts{};
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Args {
	std::vector<uint32_t> sizes;
	uint32_t burst = 32;
	double seconds = 1.0;
	uint64_t frames = 0;
	unsigned reps = 5;
	bool udp = true;
	sim::Personality chip = sim::Personality::BCM57762;
};

[[noreturn]] void usage(const char *argv0)
{
	std::fprintf(stderr,
		     "usage: %s [--size N]... [--burst B] [--seconds S] [--frames N] [--reps R] [--chip 57762|5720] [--raw]\n"
		     "  sizes are wire frame sizes with FCS (64..1518); default 64 and 1518\n"
		     "  frames are IPv4/UDP with correct checksums; --raw: an opaque EtherType instead\n",
		     argv0);
	std::exit(2);
}

Args parse(int argc, char **argv)
{
	Args a;
	for (int i = 1; i < argc; i++) {
		std::string s = argv[i];
		auto next = [&]() -> const char * {
			if (i + 1 >= argc)
				usage(argv[0]);
			return argv[++i];
		};
		if (s == "--size")
			a.sizes.push_back(static_cast<uint32_t>(std::strtoul(next(), nullptr, 0)));
		else if (s == "--burst")
			a.burst = static_cast<uint32_t>(std::strtoul(next(), nullptr, 0));
		else if (s == "--seconds")
			a.seconds = std::strtod(next(), nullptr);
		else if (s == "--frames")
			a.frames = std::strtoull(next(), nullptr, 0);
		else if (s == "--raw")
			a.udp = false;
		else if (s == "--reps")
			a.reps = static_cast<unsigned>(std::strtoul(next(), nullptr, 0));
		else if (s == "--chip") {
			std::string c = next();
			if (c == "57762")
				a.chip = sim::Personality::BCM57762;
			else if (c == "5720")
				a.chip = sim::Personality::BCM5720;
			else
				usage(argv[0]);
		} else
			usage(argv[0]);
	}
	if (a.sizes.empty())
		a.sizes = {64, 1518};
	for (uint32_t s : a.sizes)
		if (s < 64 || s > 1518)
			usage(argv[0]);
	if (a.burst == 0 || a.burst >= kTxSize || a.reps == 0)
		usage(argv[0]);
	return a;
}

} // namespace

int main(int argc, char **argv)
{
	const Args a = parse(argc, argv);
	Bench b;
	if (!b.bring_up(a.chip))
		return 1;
	using Clock = std::chrono::steady_clock;
	int rc = 0;
	for (uint32_t size : a.sizes) {
		b.set_frame_len(size - hw::ETH_FCS_LEN, a.udp);
		const uint64_t bad0 = b.rx_bad;
		/* Warm-up (caches, branch predictors, ring wrap). */
		if (run_frames(&b, 4 * kTxSize, a.burst) != 4 * kTxSize) {
			std::fprintf(stderr, "model-bench: frames lost during warm-up (size %u)\n", size);
			return 1;
		}
		/* Per repetition: wall-clock and this thread's CPU time (the latter
		 * leaves out time the scheduler gave to others on a loaded machine). */
		std::vector<double> ns_wall, ns_cpu;
		uint64_t total = 0;
		for (unsigned r = 0; r < (a.frames ? 1u : a.reps); r++) {
			uint64_t n = 0;
			const auto t0 = Clock::now();
			const double c0 = thread_cpu_s();
			double secs = 0;
			if (a.frames != 0) {
				n = a.frames;
				if (run_frames(&b, n, a.burst) != n)
					rc = 1;
				secs = std::chrono::duration<double>(Clock::now() - t0).count();
			} else {
				/* Time-bounded: chunks of 64k frames until a.seconds passed. */
				do {
					if (run_frames(&b, 65536, a.burst) != 65536) {
						rc = 1;
						break;
					}
					n += 65536;
					secs = std::chrono::duration<double>(Clock::now() - t0).count();
				} while (secs < a.seconds);
			}
			const double cpu = thread_cpu_s() - c0;
			total += n;
			ns_wall.push_back(secs * 1e9 / static_cast<double>(n));
			ns_cpu.push_back(cpu * 1e9 / static_cast<double>(n));
		}
		if (rc != 0) {
			std::fprintf(stderr, "model-bench: frames lost (size %u)\n", size);
			return 1;
		}
		std::sort(ns_wall.begin(), ns_wall.end());
		std::sort(ns_cpu.begin(), ns_cpu.end());
		const size_t mid = ns_cpu.size() / 2;
		std::printf("RESULT size=%u frames=%" PRIu64 " rx_total=%" PRIu64 " burst=%u reps=%zu "
			    "cpu_best_ns=%.2f cpu_median_ns=%.2f wall_best_ns=%.2f wall_median_ns=%.2f bad=%" PRIu64 "\n",
			    size, total, b.rx_frames, a.burst, ns_cpu.size(), ns_cpu.front(), ns_cpu[mid], ns_wall.front(),
			    ns_wall[mid], b.rx_bad - bad0);
		std::fflush(stdout);
		if (b.rx_bad != bad0)
			rc = 1;
	}
	const sim::Counters c = b.dev->counters();
	std::printf("COUNTERS tx_frames=%" PRIu64 " tx_dropped=%" PRIu64 " dma_faults=%" PRIu64 "\n", c.tx_frames,
		    c.tx_dropped, c.dma_faults);
	return rc;
}
