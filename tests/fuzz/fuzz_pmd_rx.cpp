/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target (c), PMD side: frames from the wire through the model and the
 * PMD's receive path (rte_eth_rx_burst: return BDs to mbufs, jumbo chains).
 * Two net_tg57xx_sim ports share an in-process cable (wire=pair): port B
 * transmits the input's frames unmodified (any bytes, 14..8014 long, VLAN
 * stacks, bad checksums; B's MAC pads runts as silicon does), port A
 * receives them promiscuously with an 8000-byte MTU and scattered receive.
 * Every mbuf A hands out must be consistent (pkt_len = sum of data_len,
 * nb_segs = chain length, each segment within its buffer, port A) and hold
 * exactly a frame B sent (padded): one of this input's, or of the previous
 * input's when that one gave up waiting (the model runs live).
 *
 * EAL starts once per process (--no-huge --no-pci --no-shconf, the plugin of
 * this build tree with -d). The model runs live (its runner thread), so an
 * input waits - bounded - for A to account for every frame B put on the wire.
 *
 * Input: frames, each u16 length then that many bytes (padded with a
 * pattern when the input runs short).
 */
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "../common/eth_port.h"
#include "fuzz_input.h"

using tg57xx::fuzz::Input;
using Clock = std::chrono::steady_clock;

namespace {
constexpr uint16_t kMtu = 8000; /* 2 KiB mbufs: a jumbo BD holds at most four (§8.3, doc Limitations) */
constexpr uint32_t kMinLen = 14;              /* an Ethernet header */
constexpr uint32_t kMaxLen = kMtu + 14;       /* the largest frame A accepts */
constexpr unsigned kMaxFrames = 64;           /* per input (< the rings) */
constexpr uint16_t kRingSize = 256;
constexpr unsigned kPoolMbufs = 2048;
constexpr uint32_t kPadTo = 60;               /* the MAC pads shorter frames (§8.1) */
constexpr auto kSettle = std::chrono::milliseconds(500); /* bound for one input's frames */
constexpr unsigned kLinkWaitMs = 3000;
const char *const kPortA = "net_tg57xx_sim_fza";
const char *const kPortB = "net_tg57xx_sim_fzb";

uint16_t port_a, port_b;
rte_mempool *pool;
uint16_t seg_room;

[[noreturn]] void fail(const char *what, unsigned a = 0, unsigned b = 0)
{
	std::fprintf(stderr, "fuzz: %s (%u, %u)\n", what, a, b);
	std::abort();
}

int start_port(uint16_t port, bool rx_side)
{
	rte_eth_dev_info info;
	if (rte_eth_dev_info_get(port, &info) != 0)
		return -1;
	rte_eth_conf conf{};
	conf.rxmode.offloads = info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCATTER;
	conf.txmode.offloads = info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	int ret = tg57xx::test::start_port(port, pool, kRingSize, conf, kMtu);
	if (ret == 0 && rx_side)
		ret = rte_eth_promiscuous_enable(port);
	if (ret == 0 && !tg57xx::test::wait_links({port}, kLinkWaitMs))
		ret = -ETIMEDOUT;
	return ret;
}

rte_mbuf *to_chain(const std::vector<uint8_t> &f)
{
	rte_mbuf *head = nullptr, *last = nullptr;
	for (size_t off = 0; off < f.size();) {
		rte_mbuf *m = rte_pktmbuf_alloc(pool);
		if (m == nullptr) {
			rte_pktmbuf_free(head);
			return nullptr;
		}
		const uint16_t n = static_cast<uint16_t>(std::min<size_t>(seg_room, f.size() - off));
		std::memcpy(rte_pktmbuf_append(m, n), &f[off], n);
		off += n;
		if (head == nullptr) {
			head = m;
		} else {
			last->next = m;
			head->nb_segs++;
			head->pkt_len += n;
		}
		last = m;
	}
	return head;
}

std::vector<uint8_t> check_mbuf(const rte_mbuf *m)
{
	std::vector<uint8_t> out;
	uint32_t sum = 0;
	uint16_t segs = 0;
	for (const rte_mbuf *s = m; s != nullptr; s = s->next) {
		if (uint32_t{s->data_off} + s->data_len > s->buf_len)
			fail("segment beyond its buffer", s->data_off + s->data_len, s->buf_len);
		const auto *p = rte_pktmbuf_mtod(s, const uint8_t *);
		out.insert(out.end(), p, p + s->data_len);
		sum += s->data_len;
		segs++;
	}
	if (sum != m->pkt_len)
		fail("pkt_len is not the sum of the segments", m->pkt_len, sum);
	if (segs != m->nb_segs)
		fail("nb_segs is not the chain length", m->nb_segs, segs);
	if (m->port != port_a)
		fail("mbuf from the wrong port", m->port, port_a);
	return out;
}

uint64_t rx_accounted(const rte_eth_stats &s) { return s.ipackets + s.ierrors + s.imissed; }

/*
 * Take whatever an earlier input left in flight (it may have given up
 * waiting): true once port A accounted for every frame B ever put on the
 * wire and nothing is left to receive, false if that did not happen in time.
 */
bool drain()
{
	rte_mbuf *rx[32];
	const auto t0 = Clock::now();
	do {
		rte_eth_stats a{}, b{};
		const uint16_t n = rte_eth_rx_burst(port_a, 0, rx, 32);
		for (uint16_t i = 0; i < n; i++) {
			check_mbuf(rx[i]);
			rte_pktmbuf_free(rx[i]);
		}
		rte_eth_stats_get(port_a, &a);
		rte_eth_stats_get(port_b, &b);
		if (n == 0 && rx_accounted(a) >= b.opackets)
			return true;
	} while (Clock::now() - t0 < kSettle);
	return false;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	const std::string prefix = "tg57xx-fuzz-" + std::to_string(getpid());
	const std::string va = std::string(kPortA) + ",wire=pair:fz,mac=02:00:00:00:00:0a,intr=0";
	const std::string vb = std::string(kPortB) + ",wire=pair:fz,mac=02:00:00:00:00:0b,intr=0";
	const char *verbose = std::getenv("TG57XX_FUZZ_VERBOSE");
	const char *eal[] = {"fuzz_pmd_rx", "--no-huge", "--no-pci", "--no-shconf", "-m", "512",
			     "--file-prefix", prefix.c_str(), "-d", TG57XX_FUZZ_SIM_PLUGIN, "-l", "0",
			     "--log-level", verbose ? "*:info" : "*:error", "--vdev", va.c_str(), "--vdev", vb.c_str()};
	if (rte_eal_init(static_cast<int>(std::size(eal)), const_cast<char **>(eal)) < 0) {
		std::fprintf(stderr, "fuzz: rte_eal_init failed: %s\n", rte_strerror(rte_errno));
		std::exit(1);
	}
	/* No process attaches (--no-shconf): leave nothing in /var/run/dpdk, even if a crash ends the run. */
	std::error_code ec;
	std::filesystem::remove_all(rte_eal_get_runtime_dir(), ec);
	pool = rte_pktmbuf_pool_create("fuzz_pool", kPoolMbufs, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	seg_room = RTE_MBUF_DEFAULT_BUF_SIZE - RTE_PKTMBUF_HEADROOM;
	if (pool == nullptr || rte_eth_dev_get_port_by_name(kPortA, &port_a) != 0 ||
	    rte_eth_dev_get_port_by_name(kPortB, &port_b) != 0 || start_port(port_a, true) != 0 ||
	    start_port(port_b, false) != 0) {
		std::fprintf(stderr, "fuzz: cannot start the two ports\n");
		std::exit(1);
	}
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	std::vector<std::vector<uint8_t>> frames;
	while (!in.empty() && frames.size() < kMaxFrames) {
		const uint32_t len = kMinLen + in.u16() % (kMaxLen - kMinLen + 1);
		std::vector<uint8_t> f(len);
		for (size_t i = in.bytes(f.data(), len); i < len; i++)
			f[i] = static_cast<uint8_t>(i);
		frames.push_back(std::move(f));
	}
	const bool clean = drain();
	rte_eth_stats a0{}, b0{}, a{}, b{};
	rte_eth_stats_get(port_a, &a0);
	rte_eth_stats_get(port_b, &b0);
	std::vector<rte_mbuf *> tx;
	for (const auto &f : frames)
		if (rte_mbuf *m = to_chain(f))
			tx.push_back(m);
	size_t sent = 0;
	std::vector<std::vector<uint8_t>> got;
	rte_mbuf *rx[32];
	const auto t0 = Clock::now();
	for (;;) {
		if (sent < tx.size())
			sent += rte_eth_tx_burst(port_b, 0, tx.data() + sent, static_cast<uint16_t>(tx.size() - sent));
		const uint16_t n = rte_eth_rx_burst(port_a, 0, rx, 32);
		for (uint16_t i = 0; i < n; i++) {
			got.push_back(check_mbuf(rx[i]));
			rte_pktmbuf_free(rx[i]);
		}
		rte_eth_stats_get(port_a, &a);
		rte_eth_stats_get(port_b, &b);
		const uint64_t on_wire = b.opackets - b0.opackets;
		const bool b_done = sent == tx.size() && on_wire + (b.oerrors - b0.oerrors) >= sent;
		if ((b_done && rx_accounted(a) - rx_accounted(a0) >= on_wire && got.size() >= a.ipackets - a0.ipackets) ||
		    Clock::now() - t0 > kSettle)
			break;
	}
	rte_pktmbuf_free_bulk(tx.data() + sent, static_cast<unsigned>(tx.size() - sent));
	const bool complete = clean && got.size() == frames.size() && b.oerrors == b0.oerrors;
	if (std::getenv("TG57XX_FUZZ_VERBOSE") != nullptr)
		std::fprintf(stderr, "pmd_rx: frames %zu sent %zu on_wire %llu received %zu ierrors %llu imissed %llu%s\n",
			     frames.size(), sent, static_cast<unsigned long long>(b.opackets - b0.opackets), got.size(),
			     static_cast<unsigned long long>(a.ierrors - a0.ierrors),
			     static_cast<unsigned long long>(a.imissed - a0.imissed), complete ? " (all arrived)" : "");
	/*
	 * Every frame received must be one sent, byte for byte (padded), by this
	 * input or - still in flight when it gave up waiting - the one before.
	 */
	static std::vector<std::vector<uint8_t>> previous;
	std::vector<std::vector<uint8_t>> want;
	for (const auto &f : frames) {
		want.push_back(f);
		if (want.back().size() < kPadTo)
			want.back().resize(kPadTo, 0);
	}
	for (size_t k = 0; k < got.size(); k++)
		if (std::find(want.begin(), want.end(), got[k]) == want.end() &&
		    std::find(previous.begin(), previous.end(), got[k]) == previous.end())
		{
			for (const auto &w : want)
				if (w.size() == got[k].size()) {
					size_t at = 0, diff = 0;
					for (size_t i = 0; i < w.size(); i++)
						if (w[i] != got[k][i]) {
							if (diff++ == 0)
								at = i;
						}
					std::fprintf(stderr, "fuzz: same length as a frame sent: %zu bytes differ, first at %zu\n",
						     diff, at);
				}
			fail("a received frame is none of the frames sent", static_cast<unsigned>(k),
			     static_cast<unsigned>(got[k].size()));
		}
	previous = std::move(want);
	return 0;
}
