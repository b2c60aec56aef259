/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The two burst-function paths (doc/guides/nics/tg57xx.rst "Burst
 * functions"), each test run on both:
 *   simple  the default configuration: dev_start picks the simple receive
 *           path (tg57xx_recv_pkts_simple) and the application asks for
 *           RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE (raw bulk put on completion)
 *   full    an rx offload that needs the return-BD words (checksum): the full
 *           receive path; no fast free: completions through rte_pktmbuf_free
 * Which path serves the queue is checked through rte_eth_rx/tx_burst_mode_get,
 * so a test cannot pass on the wrong one. The frames are byte-exact either
 * way; mixed bursts (one-BD frames around a chain) leave the one-BD loop and
 * come back to it; corrupt BDs and bad frames leave the in-order run of the
 * simple path; every mbuf comes back to the pool. The other tests' pools have
 * no per-lcore cache (pmd_env.cpp); one test here uses testpmd's, where the
 * simple path refills straight from the cache and puts completions back
 * into it (tg57xx_pool.h), with bursts of odd sizes so that runs cross the
 * ring wraps inside a burst.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "pmd_env.h"

using namespace tg57xx::test;

namespace {

constexpr unsigned kPoolMbufs = 4096;
/* Frames per chunk: fewer than the 255 posted receive buffers (the chip drops beyond). */
constexpr size_t kChunk = 100;
constexpr unsigned kChunks = 6;
/* A three-segment chain every this many frames of a chunk. */
constexpr size_t kChainEvery = 17;
constexpr unsigned kQuietMs = 500;
/* testpmd's default --mbcache. */
constexpr unsigned kTestpmdCache = 250;

enum class Path { Simple, Full };

class PmdPaths : public ::testing::TestWithParam<std::tuple<const char *, Path>> {
protected:
	std::string chip() const { return std::string("chip=") + std::get<0>(GetParam()); }
	Path path() const { return std::get<1>(GetParam()); }

	rte_eth_conf conf() const
	{
		rte_eth_conf c{};
		if (path() == Path::Simple)
			c.txmode.offloads = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE | RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
		else
			c.rxmode.offloads = RTE_ETH_RX_OFFLOAD_CHECKSUM;
		return c;
	}

	/* Start p on this test's path and check that it is the one serving queue 0. */
	void start(SimPort &p, rte_mempool *mp) const
	{
		ASSERT_TRUE(p.ok());
		const rte_eth_conf c = conf();
		ASSERT_EQ(p.start(mp, 256, 256, &c), 0);
		ASSERT_NO_FATAL_FAILURE(expect_path(p.port()));
	}

	void expect_path(uint16_t port) const
	{
		rte_eth_burst_mode rx{}, tx{};
		ASSERT_EQ(rte_eth_rx_burst_mode_get(port, 0, &rx), 0);
		ASSERT_EQ(rte_eth_tx_burst_mode_get(port, 0, &tx), 0);
		const bool simple = path() == Path::Simple;
		EXPECT_STREQ(rx.info, simple ? "Scalar Simple" : "Scalar");
		EXPECT_STREQ(tx.info, simple ? "Scalar Fast Free" : "Scalar");
	}
};

rte_ether_addr mac_of(uint16_t port)
{
	rte_ether_addr a{};
	EXPECT_EQ(rte_eth_macaddr_get(port, &a), 0);
	return a;
}

/* Send `frames` as one run of bursts, every kChainEvery-th as a chain; true if all went. */
bool send_mixed(uint16_t port, rte_mempool *mp, const std::vector<std::vector<uint8_t>> &frames)
{
	std::vector<rte_mbuf *> pkts;
	for (size_t i = 0; i < frames.size(); i++) {
		rte_mbuf *m = i % kChainEvery == kChainEvery - 1 && frames[i].size() > 300 ? to_chain(mp, frames[i], {100, 150})
											  : to_mbuf(mp, frames[i]);
		if (m == nullptr)
			return false;
		pkts.push_back(m);
	}
	size_t sent = 0;
	for (int tries = 0; sent < pkts.size() && tries < 1000; tries++)
		sent += rte_eth_tx_burst(port, 0, pkts.data() + sent, static_cast<uint16_t>(pkts.size() - sent));
	if (sent < pkts.size())
		rte_pktmbuf_free_bulk(pkts.data() + sent, static_cast<unsigned>(pkts.size() - sent));
	return sent == pkts.size();
}

} // namespace

TEST_P(PmdPaths, MixedBurstsComeBackByteForByte)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	{
		SimPort p("net_tg57xx_sim_paths", chip() + ",wire=loop");
		ASSERT_NO_FATAL_FAILURE(start(p, mp));
		const rte_ether_addr me = mac_of(p.port());
		const uint32_t sizes[] = {60, 64, 333, 128, 1514, 511, 1000};
		size_t total = 0;
		for (unsigned c = 0; c < kChunks; c++) {
			std::vector<std::vector<uint8_t>> chunk;
			for (size_t i = 0; i < kChunk; i++)
				chunk.push_back(make_frame(me, me, sizes[(c + i) % std::size(sizes)],
							   static_cast<uint32_t>(c * kChunk + i)));
			ASSERT_TRUE(send_mixed(p.port(), mp, chunk)) << "chunk " << c;
			const auto got = recv_n(p.port(), chunk.size());
			ASSERT_EQ(got.size(), chunk.size()) << "chunk " << c;
			for (size_t i = 0; i < chunk.size(); i++)
				ASSERT_EQ(got[i], chunk[i]) << "chunk " << c << " frame " << i;
			total += chunk.size();
		}
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(p.port(), &st), 0);
		EXPECT_EQ(st.ipackets, total);
		EXPECT_EQ(st.opackets, total);
		EXPECT_EQ(st.ierrors, 0u);
		EXPECT_GE(rte_eth_tx_done_cleanup(p.port(), 0, 0), 0);
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

/* Corrupt producer BDs and bad frames (fault hooks): the frames they hit are lost and
 * counted, the others arrive intact, and the path goes on (the simple path's in-order
 * run ends there and the per-BD code takes over). */
TEST_P(PmdPaths, CorruptBdsAndBadFramesLeaveTheOthersIntact)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	{
		SimPort p("net_tg57xx_sim_pathf", chip() + ",wire=loop");
		ASSERT_NO_FATAL_FAILURE(start(p, mp));
		const rte_ether_addr me = mac_of(p.port());
		for (const char *fault : {"bd:2", "frame:2"}) {
			ASSERT_EQ(inject_fault(p.name(), fault), 0);
			std::vector<std::vector<uint8_t>> frames;
			for (uint32_t i = 0; i < kChunk; i++)
				frames.push_back(make_frame(me, me, 200, 1000 + i));
			ASSERT_TRUE(send_mixed(p.port(), mp, frames)) << fault;
			const auto got = recv_some(p.port(), frames.size() - 2, frames.size(), kQuietMs);
			EXPECT_LT(got.size(), frames.size()) << fault << ": two frames are hit";
			EXPECT_GE(got.size(), frames.size() - 2) << fault;
			/* What arrived is a subsequence of what was sent, in order, byte for byte. */
			size_t at = 0;
			for (const auto &g : got) {
				while (at < frames.size() && frames[at] != g)
					at++;
				ASSERT_LT(at, frames.size()) << fault << ": a frame that was never sent";
				at++;
			}
			/* And the path still carries every frame afterwards. */
			std::vector<std::vector<uint8_t>> after;
			for (uint32_t i = 0; i < kChunk; i++)
				after.push_back(make_frame(me, me, 64 + i, 5000 + i));
			ASSERT_TRUE(send_mixed(p.port(), mp, after));
			EXPECT_EQ(recv_n(p.port(), after.size()), after) << "after " << fault;
		}
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

/* A pool with a per-lcore cache (the simple path's refill and fast free go
 * through it), bursts of sizes that divide no ring: every frame arrives in
 * order, byte for byte, and every mbuf comes back (cache included). */
TEST_P(PmdPaths, CachedPoolAndOddBurstsAcrossRingWraps)
{
	static unsigned seq = 0;
	const std::string name = "tpc" + std::to_string(seq++);
	rte_mempool *mp = rte_pktmbuf_pool_create(name.c_str(), kPoolMbufs, kTestpmdCache, 0,
						  RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	ASSERT_NE(mp, nullptr);
	ASSERT_NE(rte_mempool_default_cache(mp, rte_lcore_id()), nullptr) << "the test needs this lcore's cache";
	constexpr uint16_t kBursts[] = {7, 13, 64, 1, 32, 61};
	constexpr size_t kFrames = 1500; /* several times round every ring */
	{
		SimPort p("net_tg57xx_sim_pathc", chip() + ",wire=loop");
		ASSERT_NO_FATAL_FAILURE(start(p, mp));
		const rte_ether_addr me = mac_of(p.port());
		size_t sent = 0, got = 0, b = 0;
		for (size_t chunk = 0; chunk < kFrames / kChunk; chunk++) {
			std::vector<std::vector<uint8_t>> frames;
			for (size_t i = 0; i < kChunk; i++)
				frames.push_back(make_frame(me, me, 60 + (sent + i) % 200, static_cast<uint32_t>(sent + i)));
			for (size_t i = 0; i < kChunk;) {
				const uint16_t n = static_cast<uint16_t>(std::min<size_t>(kBursts[b++ % std::size(kBursts)], kChunk - i));
				std::vector<rte_mbuf *> pkts;
				for (uint16_t k = 0; k < n; k++)
					pkts.push_back(to_mbuf(mp, frames[i + k]));
				ASSERT_EQ(std::count(pkts.begin(), pkts.end(), nullptr), 0);
				ASSERT_EQ(rte_eth_tx_burst(p.port(), 0, pkts.data(), n), n) << "frame " << sent + i;
				i += n;
			}
			sent += kChunk;
			size_t at = 0;
			for (unsigned idle = 0; at < kChunk && idle < kQuietMs;) {
				rte_mbuf *rx[64];
				const uint16_t n = rte_eth_rx_burst(p.port(), 0, rx, kBursts[b++ % std::size(kBursts)]);
				for (uint16_t k = 0; k < n; k++) {
					EXPECT_EQ(from_mbuf(rx[k]), frames[at]) << "frame " << got + at;
					at++;
				}
				rte_pktmbuf_free_bulk(rx, n);
				idle = n != 0 ? 0 : idle + 1;
				if (n == 0)
					rte_delay_us_sleep(1000);
			}
			ASSERT_EQ(at, kChunk) << "chunk " << chunk;
			got += at;
		}
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(p.port(), &st), 0);
		EXPECT_EQ(st.ipackets, got);
		EXPECT_EQ(st.opackets, sent);
		EXPECT_EQ(st.ierrors + st.oerrors + st.imissed, 0u);
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

INSTANTIATE_TEST_SUITE_P(ChipsAndPaths, PmdPaths,
			 ::testing::Combine(::testing::Values("57762", "5720"),
					    ::testing::Values(Path::Simple, Path::Full)),
			 [](const auto &info) {
				 return std::string(std::get<0>(info.param)) +
					(std::get<1>(info.param) == Path::Simple ? "_simple" : "_full");
			 });
