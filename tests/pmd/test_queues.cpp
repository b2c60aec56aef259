/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Several queues on the chip model through rte_eth_* only (ref §10.6, §10.7):
 * RSS spreads flows over four RX queues exactly as the Toeplitz hash (an
 * implementation here, bit by bit, checked against Microsoft's vectors) and
 * the programmed RETA say, mbuf->hash.rss carries the hash; TSS on the 5720;
 * the one shared standard ring under four RX queues polled by four threads;
 * bad RSS/queue configurations refused with nothing left behind.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "pmd_env.h"
#include "tg57xx_hash.h"

using namespace tg57xx::test;

namespace {

constexpr unsigned kPoolMbufs = 8192;
constexpr uint16_t kQueues = 4;
constexpr unsigned kRetaSize = 128;
const char *const kMacA = "02:00:00:00:0a:02";
const char *const kMacB = "02:00:00:00:0b:02";

struct Personality {
	const char *chip;
	uint16_t max_txq;
};

class QueuesBoth : public ::testing::TestWithParam<Personality> {
protected:
	std::string chip() const { return std::string("chip=") + GetParam().chip; }
};

rte_ether_addr mac(const char *s)
{
	rte_ether_addr a{};
	EXPECT_EQ(rte_ether_unformat_addr(s, &a), 0);
	return a;
}

/* Textbook Toeplitz, one input bit at a time (not the model's table-driven form). */
uint32_t toeplitz(const uint8_t *key, const uint8_t *in, size_t n)
{
	uint32_t h = 0;
	for (size_t bit = 0; bit < 8 * n; bit++) {
		if (!(in[bit / 8] & (0x80 >> (bit % 8))))
			continue;
		uint32_t window = 0; /* key bits [bit, bit + 32) */
		for (unsigned k = 0; k < 32; k++) {
			size_t kb = bit + k;
			window = window << 1 | ((key[kb / 8] >> (7 - kb % 8)) & 1);
		}
		h ^= window;
	}
	return h;
}

TEST(QueuesToeplitz, TheTestsOwnHashMatchesMicrosoftsVectors)
{
	/* 66.9.149.187:2794 -> 161.142.100.80:1766 (IPv4 0x323e8fc2, TCP 0x51ccc178). */
	const uint8_t in[12] = {66, 9, 149, 187, 161, 142, 100, 80, 0x0a, 0xea, 0x06, 0xe6};
	EXPECT_EQ(toeplitz(tg57xx::hw::RSS_MS_VERIFY_KEY, in, 8), 0x323e8fc2u);
	EXPECT_EQ(toeplitz(tg57xx::hw::RSS_MS_VERIFY_KEY, in, 12), 0x51ccc178u);
}

/* Ethernet + IPv4 + TCP, 64 bytes; the payload carries `seq`. */
std::vector<uint8_t> tcp4(const rte_ether_addr &dst, const rte_ether_addr &src, uint32_t saddr, uint32_t daddr,
			  uint16_t sport, uint16_t dport, uint32_t seq)
{
	std::vector<uint8_t> f(64, 0);
	std::memcpy(&f[0], dst.addr_bytes, 6);
	std::memcpy(&f[6], src.addr_bytes, 6);
	f[12] = 0x08;
	uint8_t *ip = &f[14];
	ip[0] = 0x45;
	ip[3] = 50; /* total length: 20 + 20 + 10 */
	ip[8] = 64;
	ip[9] = 6;
	for (int i = 0; i < 4; i++) {
		ip[12 + i] = static_cast<uint8_t>(saddr >> (24 - 8 * i));
		ip[16 + i] = static_cast<uint8_t>(daddr >> (24 - 8 * i));
	}
	uint8_t *tcp = ip + 20;
	tcp[0] = static_cast<uint8_t>(sport >> 8);
	tcp[1] = static_cast<uint8_t>(sport);
	tcp[2] = static_cast<uint8_t>(dport >> 8);
	tcp[3] = static_cast<uint8_t>(dport);
	tcp[12] = 5 << 4;
	std::memcpy(tcp + 20, &seq, sizeof(seq));
	return f;
}

/* What the chip hashes for a TCP/IPv4 frame: addresses, then ports (RX_MODE_RSS_TCP_IPV4_HASH_EN). */
uint32_t expected_hash(const uint8_t *key, const uint8_t *frame)
{
	uint8_t in[12];
	std::memcpy(in, frame + 14 + 12, 8);
	std::memcpy(in + 8, frame + 34, 4);
	return toeplitz(key, in, sizeof(in));
}

uint32_t seq_of(const rte_mbuf *m)
{
	uint32_t seq;
	std::memcpy(&seq, rte_pktmbuf_mtod_offset(m, const uint8_t *, 54), sizeof(seq));
	return seq;
}

std::vector<std::vector<uint8_t>> flows(unsigned n, uint32_t first_seq = 0)
{
	std::vector<std::vector<uint8_t>> out;
	for (unsigned i = 0; i < n; i++)
		out.push_back(tcp4(mac(kMacB), mac(kMacA), 0x0A000001 + (i % 7), 0x0A000102, 1000 + i, 80,
				   first_seq + i));
	return out;
}

rte_eth_conf rss_conf(const uint8_t *key)
{
	rte_eth_conf c{};
	c.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	c.rxmode.offloads = RTE_ETH_RX_OFFLOAD_RSS_HASH;
	c.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP;
	c.rx_adv_conf.rss_conf.rss_key = const_cast<uint8_t *>(key);
	c.rx_adv_conf.rss_conf.rss_key_len = key != nullptr ? 40 : 0;
	return c;
}

struct Rx {
	uint16_t queue;
	rte_mbuf *m;
};

/* Poll every queue until `want` frames arrived (or 5 s passed); the caller frees the mbufs. */
std::vector<Rx> recv_queues(uint16_t port, uint16_t nq, size_t want)
{
	std::vector<Rx> got;
	wait_for(
		[&] {
			for (uint16_t q = 0; q < nq; q++) {
				rte_mbuf *b[32];
				uint16_t n = rte_eth_rx_burst(port, q, b, 32);
				for (uint16_t i = 0; i < n; i++)
					got.push_back({q, b[i]});
			}
			return got.size() >= want;
		},
		5000);
	return got;
}

void set_reta(uint16_t port, const std::array<uint16_t, kRetaSize> &table)
{
	rte_eth_rss_reta_entry64 conf[kRetaSize / RTE_ETH_RETA_GROUP_SIZE] = {};
	for (unsigned i = 0; i < kRetaSize; i++) {
		conf[i / RTE_ETH_RETA_GROUP_SIZE].mask |= uint64_t{1} << (i % RTE_ETH_RETA_GROUP_SIZE);
		conf[i / RTE_ETH_RETA_GROUP_SIZE].reta[i % RTE_ETH_RETA_GROUP_SIZE] = table[i];
	}
	ASSERT_EQ(rte_eth_dev_rss_reta_update(port, conf, kRetaSize), 0);
}

/* Send `frames` from a to b and check every one lands on the queue the RETA names for its hash. */
void check_spread(uint16_t a, uint16_t b, rte_mempool *mp, const uint8_t *key,
		  const std::array<uint16_t, kRetaSize> &table, const std::vector<std::vector<uint8_t>> &frames,
		  std::array<unsigned, kQueues> &per_queue)
{
	ASSERT_EQ(send_all(a, mp, frames), frames.size());
	std::vector<Rx> got = recv_queues(b, kQueues, frames.size());
	ASSERT_EQ(got.size(), frames.size());
	std::set<uint32_t> seen;
	for (const Rx &r : got) {
		const uint8_t *data = rte_pktmbuf_mtod(r.m, const uint8_t *);
		const uint32_t h = expected_hash(key, data);
		EXPECT_TRUE(r.m->ol_flags & RTE_MBUF_F_RX_RSS_HASH);
		EXPECT_EQ(r.m->hash.rss, h);
		EXPECT_EQ(r.queue, table[h % kRetaSize]) << "hash 0x" << std::hex << h;
		EXPECT_TRUE(seen.insert(seq_of(r.m)).second) << "frame " << seq_of(r.m) << " twice";
		per_queue[r.queue]++;
		rte_pktmbuf_free(r.m);
	}
}

} // namespace

TEST_P(QueuesBoth, RssSpreadsFlowsAsTheToeplitzHashAndTheRetaSay)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	/* Not Microsoft's (the default): the key given at configure must be the one used. */
	uint8_t key[40];
	for (unsigned i = 0; i < 40; i++)
		key[i] = static_cast<uint8_t>(0x3D * i + 0x11);
	{
		SimPair pair("rss", chip(), kMacA, kMacB);
		ASSERT_TRUE(pair.ok());
		SimPort &a = pair.a, &b = pair.b;
		rte_eth_dev_info info{};
		ASSERT_EQ(rte_eth_dev_info_get(b.port(), &info), 0);
		EXPECT_EQ(info.max_rx_queues, kQueues);
		EXPECT_EQ(info.reta_size, kRetaSize);
		EXPECT_EQ(info.hash_key_size, 40);
		EXPECT_TRUE(info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_RSS_HASH);
		ASSERT_EQ(a.start(mp), 0);
		rte_eth_conf conf = rss_conf(key);
		ASSERT_EQ(b.start(mp, 256, 256, &conf, kQueues, 1), 0);

		/* The default table: round robin over the queues (tg3 ethtool_rxfh_indir_default). */
		std::array<uint16_t, kRetaSize> table;
		for (unsigned i = 0; i < kRetaSize; i++)
			table[i] = i % kQueues;
		std::array<unsigned, kQueues> per_queue{};
		check_spread(a.port(), b.port(), mp, key, table, flows(400), per_queue);
		for (uint16_t q = 0; q < kQueues; q++)
			EXPECT_GT(per_queue[q], 0u) << "queue " << q;
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(b.port(), &st), 0);
		for (uint16_t q = 0; q < kQueues; q++)
			EXPECT_EQ(st.q_ipackets[q], per_queue[q]) << "queue " << q;

		/* A table of queues 1 and 3 only: 0 and 2 must stay empty. */
		for (unsigned i = 0; i < kRetaSize; i++)
			table[i] = (i * 7 + i / 3) % 2 ? 3 : 1;
		set_reta(b.port(), table);
		rte_eth_rss_reta_entry64 q[2] = {};
		q[0].mask = q[1].mask = ~uint64_t{0};
		ASSERT_EQ(rte_eth_dev_rss_reta_query(b.port(), q, kRetaSize), 0);
		for (unsigned i = 0; i < kRetaSize; i++)
			EXPECT_EQ(q[i / 64].reta[i % 64], table[i]);
		per_queue = {};
		check_spread(a.port(), b.port(), mp, key, table, flows(400, 1000), per_queue);
		EXPECT_EQ(per_queue[0] + per_queue[2], 0u);
		EXPECT_GT(per_queue[1], 0u);
		EXPECT_GT(per_queue[3], 0u);

		/* What the port reports back: the key and the hash types the chip applies. */
		uint8_t got_key[40] = {};
		rte_eth_rss_conf rc{};
		rc.rss_key = got_key;
		rc.rss_key_len = sizeof(got_key);
		ASSERT_EQ(rte_eth_dev_rss_hash_conf_get(b.port(), &rc), 0);
		EXPECT_EQ(std::memcmp(got_key, key, 40), 0);
		EXPECT_TRUE(rc.rss_hf & RTE_ETH_RSS_NONFRAG_IPV4_TCP);
		EXPECT_TRUE(rc.rss_hf & RTE_ETH_RSS_IPV4);
		EXPECT_FALSE(rc.rss_hf & RTE_ETH_RSS_NONFRAG_IPV6_TCP);

		/* A new key at run time: Microsoft's; the hashes follow it. */
		rc.rss_key = const_cast<uint8_t *>(tg57xx::hw::RSS_MS_VERIFY_KEY);
		rc.rss_key_len = 40;
		rc.rss_hf = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP;
		ASSERT_EQ(rte_eth_dev_rss_hash_update(b.port(), &rc), 0);
		per_queue = {};
		check_spread(a.port(), b.port(), mp, tg57xx::hw::RSS_MS_VERIFY_KEY, table, flows(100, 2000), per_queue);
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

TEST_P(QueuesBoth, BadQueueAndRssConfigurationsAreRefused)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	unsigned zones = memzone_count();
	{
		SimPort p("net_tg57xx_sim_rssbad", chip());
		ASSERT_TRUE(p.ok());
		zones = memzone_count();
		rte_eth_dev_info info{};
		ASSERT_EQ(rte_eth_dev_info_get(p.port(), &info), 0);
		EXPECT_EQ(info.max_tx_queues, GetParam().max_txq) << "TSS: 5719/5720 only (ref §1.3)";
		rte_eth_conf conf = rss_conf(nullptr);
		/* Too many queues. */
		EXPECT_NE(rte_eth_dev_configure(p.port(), kQueues + 1, 1, &conf), 0);
		EXPECT_NE(rte_eth_dev_configure(p.port(), 1, GetParam().max_txq + 1, &conf), 0);
		/* A key the chip cannot take; hash types it does not have; a mode it does not do. */
		uint8_t key[64] = {};
		conf.rx_adv_conf.rss_conf.rss_key = key;
		conf.rx_adv_conf.rss_conf.rss_key_len = 39;
		EXPECT_EQ(rte_eth_dev_configure(p.port(), kQueues, 1, &conf), -EINVAL);
		conf = rss_conf(nullptr);
		conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_L2_PAYLOAD;
		EXPECT_EQ(rte_eth_dev_configure(p.port(), kQueues, 1, &conf), -EINVAL);
		conf = rss_conf(nullptr);
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_DCB_RSS;
		EXPECT_EQ(rte_eth_dev_configure(p.port(), kQueues, 1, &conf), -ENOTSUP);

		/* A good configuration, then bad updates on the running port. */
		conf = rss_conf(nullptr);
		ASSERT_EQ(p.start(mp, 256, 256, &conf, kQueues, 1), 0);
		rte_eth_rss_reta_entry64 reta[2] = {};
		reta[0].mask = 1;
		reta[0].reta[0] = kQueues; /* no such queue */
		EXPECT_EQ(rte_eth_dev_rss_reta_update(p.port(), reta, kRetaSize), -EINVAL);
		reta[0].reta[0] = 1;
		EXPECT_EQ(rte_eth_dev_rss_reta_update(p.port(), reta, 64), -EINVAL) << "the table has 128 entries";
		EXPECT_EQ(rte_eth_dev_rss_reta_query(p.port(), reta, 64), -EINVAL);
		rte_eth_rss_conf rc{};
		rc.rss_key = key;
		rc.rss_key_len = 16;
		rc.rss_hf = RTE_ETH_RSS_IPV4;
		EXPECT_EQ(rte_eth_dev_rss_hash_update(p.port(), &rc), -EINVAL);
		rc.rss_key = nullptr;
		rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_UDP;
		EXPECT_EQ(rte_eth_dev_rss_hash_update(p.port(), &rc), -EINVAL) << "no UDP port hashing";
		rc.rss_key = key;
		rc.rss_key_len = 16;
		EXPECT_EQ(rte_eth_dev_rss_hash_conf_get(p.port(), &rc), -EINVAL) << "buffer too small for the key";
		/* Nothing changed: the round-robin table and Microsoft's default key. */
		reta[0].mask = reta[1].mask = ~uint64_t{0};
		ASSERT_EQ(rte_eth_dev_rss_reta_query(p.port(), reta, kRetaSize), 0);
		for (unsigned i = 0; i < kRetaSize; i++)
			EXPECT_EQ(reta[i / 64].reta[i % 64], i % kQueues);
		rc.rss_key_len = sizeof(key);
		ASSERT_EQ(rte_eth_dev_rss_hash_conf_get(p.port(), &rc), 0);
		EXPECT_EQ(std::memcmp(key, tg57xx::hw::RSS_MS_VERIFY_KEY, 40), 0);
		EXPECT_EQ(memzone_count(), zones + kQueues + 1) << "a return ring per rx queue, one tx ring";
		p.stop();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

TEST_P(QueuesBoth, TssSendsOnEveryTxQueue)
{
	const uint16_t ntx = GetParam().max_txq;
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	{
		SimPair pair("tss", chip(), kMacA, kMacB);
		ASSERT_TRUE(pair.ok());
		SimPort &a = pair.a, &b = pair.b;
		ASSERT_EQ(a.start(mp, 256, 256, nullptr, 1, ntx), 0);
		ASSERT_EQ(b.start(mp), 0);
		constexpr unsigned kPerQueue = 64;
		std::vector<std::vector<uint8_t>> all = flows(kPerQueue * ntx);
		for (uint16_t t = 0; t < ntx; t++) {
			rte_mbuf *burst[kPerQueue];
			for (unsigned i = 0; i < kPerQueue; i++)
				burst[i] = to_mbuf(mp, all[t * kPerQueue + i]);
			uint16_t sent = 0;
			wait_for([&] {
				sent += rte_eth_tx_burst(a.port(), t, burst + sent, kPerQueue - sent);
				return sent == kPerQueue;
			});
			ASSERT_EQ(sent, kPerQueue) << "tx queue " << t;
		}
		auto got = recv_n(b.port(), all.size());
		EXPECT_EQ(got.size(), all.size());
		std::set<std::vector<uint8_t>> want(all.begin(), all.end());
		for (const auto &f : got)
			EXPECT_EQ(want.count(f), 1u);
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(a.port(), &st), 0);
		for (uint16_t t = 0; t < ntx; t++)
			EXPECT_EQ(st.q_opackets[t], kPerQueue) << "tx queue " << t;
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	rte_mempool_free(mp);
}

TEST_P(QueuesBoth, SharedStdRingSurvivesFourQueuesOnFourThreads)
{
	/* 4 x 64 descriptors: one 256-entry std ring the four queues drain and refill concurrently. */
	constexpr unsigned kChunk = 128, kFrames = 160 * kChunk;
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	{
		SimPair pair("shr", chip(), kMacA, kMacB);
		ASSERT_TRUE(pair.ok());
		SimPort &a = pair.a, &b = pair.b;
		ASSERT_EQ(a.start(mp), 0);
		rte_eth_conf conf = rss_conf(nullptr);
		ASSERT_EQ(b.start(mp, 64, 256, &conf, kQueues, 1), 0);
		std::atomic<bool> done{false};
		std::atomic<unsigned> total{0};
		std::array<std::vector<uint32_t>, kQueues> seqs;
		std::vector<std::thread> pollers;
		for (uint16_t q = 0; q < kQueues; q++)
			pollers.emplace_back([&, q] {
				while (!done.load()) {
					rte_mbuf *m[32];
					uint16_t n = rte_eth_rx_burst(b.port(), q, m, 32);
					for (uint16_t i = 0; i < n; i++) {
						seqs[q].push_back(seq_of(m[i]));
						rte_pktmbuf_free(m[i]);
					}
					total += n;
					if (n == 0)
						std::this_thread::yield(); /* spin: overlap the queues as much as 2 CPUs allow */
				}
			});
		unsigned sent = 0;
		for (; sent < kFrames; sent += kChunk) {
			/* At most a chunk in flight: the 255 posted buffers always suffice. */
			if (send_all(a.port(), mp, flows(kChunk, sent)) != kChunk ||
			    !wait_for([&] { return total.load() >= sent + kChunk; }))
				break;
		}
		done = true;
		for (auto &t : pollers)
			t.join();
		EXPECT_EQ(sent, kFrames);
		EXPECT_EQ(total.load(), sent);
		std::vector<uint32_t> all;
		for (uint16_t q = 0; q < kQueues; q++) {
			EXPECT_GT(seqs[q].size(), 0u) << "queue " << q;
			EXPECT_TRUE(std::is_sorted(seqs[q].begin(), seqs[q].end())) << "queue " << q << " reordered";
			all.insert(all.end(), seqs[q].begin(), seqs[q].end());
		}
		std::sort(all.begin(), all.end());
		EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a frame came twice";
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(b.port(), &st), 0);
		EXPECT_EQ(st.imissed, 0u);
		EXPECT_EQ(st.rx_nombuf, 0u);
		EXPECT_EQ(st.ierrors, 0u);
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u) << "every buffer back in the pool: none lost or doubled";
	rte_mempool_free(mp);
}

TEST_P(QueuesBoth, JumboFramesFromTheSharedJumboRingLandByTheirHash)
{
	rte_mempool *rx_mp = make_pool(kPoolMbufs); /* 2 KiB: an 8000-byte frame spans four */
	rte_mempool *tx_mp = make_pool(512, 9216 + RTE_PKTMBUF_HEADROOM);
	ASSERT_NE(rx_mp, nullptr);
	ASSERT_NE(tx_mp, nullptr);
	{
		SimPort p("net_tg57xx_sim_jrss", chip() + ",wire=loop,mac=" + kMacB);
		ASSERT_TRUE(p.ok());
		rte_eth_conf conf = rss_conf(nullptr);
		conf.rxmode.mtu = 8000;
		conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCATTER;
		ASSERT_EQ(p.start(rx_mp, 128, 256, &conf, kQueues, 1), 0);
		std::vector<std::vector<uint8_t>> frames = flows(120);
		for (size_t i = 0; i < frames.size(); i++) {
			frames[i].resize(i % 3 == 0 ? 120 : 1600 + (i * 397) % 6400); /* std and jumbo ring both */
			for (size_t k = 64; k < frames[i].size(); k++)
				frames[i][k] = static_cast<uint8_t>(i + k);
		}
		/* In chunks the 127 posted jumbo BDs absorb. */
		std::array<unsigned, kQueues> per_queue{};
		unsigned chained = 0;
		for (size_t at = 0; at < frames.size(); at += 40) {
			std::vector<std::vector<uint8_t>> chunk(frames.begin() + at, frames.begin() + at + 40);
			ASSERT_EQ(send_all(p.port(), tx_mp, chunk), chunk.size());
			std::vector<Rx> got = recv_queues(p.port(), kQueues, chunk.size());
			ASSERT_EQ(got.size(), chunk.size());
			for (const Rx &r : got) {
				std::vector<uint8_t> data = from_mbuf(r.m);
				const uint32_t seq = seq_of(r.m);
				ASSERT_LT(seq, frames.size());
				EXPECT_EQ(data, frames[seq]) << "frame " << seq;
				EXPECT_EQ(r.queue, expected_hash(tg57xx::hw::RSS_MS_VERIFY_KEY, data.data()) % kRetaSize % kQueues);
				chained += r.m->nb_segs > 1;
				per_queue[r.queue]++;
				rte_pktmbuf_free(r.m);
			}
		}
		EXPECT_GT(chained, 0u) << "no frame came from the jumbo ring";
		for (uint16_t q = 0; q < kQueues; q++)
			EXPECT_GT(per_queue[q], 0u) << "queue " << q;
	}
	EXPECT_EQ(rte_mempool_in_use_count(rx_mp), 0u);
	EXPECT_EQ(rte_mempool_in_use_count(tx_mp), 0u);
	rte_mempool_free(rx_mp);
	rte_mempool_free(tx_mp);
}

INSTANTIATE_TEST_SUITE_P(Chips, QueuesBoth,
			 ::testing::Values(Personality{"57762", 1}, Personality{"5720", kQueues}),
			 [](const ::testing::TestParamInfo<Personality> &i) {
				 return std::string("BCM") + i.param.chip;
			 });
