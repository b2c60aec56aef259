/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts on the chip model through rte_eth_* only (ref §4.2, §10.8): the
 * vdev delivers the model's MSI-X vectors to eventfds behind the ethdev's
 * interrupt handle, so this is the PMD's PCI interrupt code. Link changes come
 * by vector 0's interrupt (counted apart from the alarm poll, which must not
 * see them); with intr=0 they are polled. RX queue interrupts wake an epoll
 * waiter when a frame arrives, stay quiet while disabled, and fire at once
 * when enabled with a frame already waiting (the tag protocol).
 */
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <rte_epoll.h>
#include <rte_ethdev.h>

#include "pmd_env.h"

using namespace tg57xx::test;

namespace {

constexpr unsigned kPoolMbufs = 4096;
/* Bounds for events that must come (never reached unless the code is wrong). */
constexpr int kEventWaitMs = kWaitMs;
/* Three periods of the PMD's 100 ms link alarm: time for a second, wrong event to show. */
constexpr int kSettleMs = 300;
const char *const kMacA = "02:00:00:00:0a:03";
const char *const kMacB = "02:00:00:00:0b:03";

using IntrBoth = PerChip;

std::atomic<int> g_lsc_events{0};

int count_lsc(uint16_t, rte_eth_event_type, void *, void *)
{
	g_lsc_events++;
	return 0;
}

/* Events on this thread's epoll instance within timeout_ms; data of the first in *data. */
int epoll_events(int timeout_ms, void **data = nullptr)
{
	rte_epoll_event ev[4];
	int n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 4, timeout_ms);
	if (n > 0 && data != nullptr)
		*data = ev[0].epdata.data;
	return n;
}

void send_one(uint16_t port, rte_mempool *mp, uint32_t seed)
{
	ASSERT_EQ(send_all(port, mp, {make_frame(ether_addr(kMacB), ether_addr(kMacA), 80, seed)}), 1u);
}

uint16_t drain(uint16_t port, uint16_t q)
{
	rte_mbuf *m[32];
	uint16_t n = rte_eth_rx_burst(port, q, m, 32);
	rte_pktmbuf_free_bulk(m, n);
	return n;
}

} // namespace

TEST_P(IntrBoth, LinkChangesArriveByInterruptNotByThePoll)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	for (bool intr : {true, false}) {
		const std::string dev = chip() + ",wire=pair:lsci" + (intr ? "" : ",intr=0");
		SimPort a("net_tg57xx_sim_lsci_a", dev + ",mac=" + kMacB);
		auto b = std::make_unique<SimPort>("net_tg57xx_sim_lsci_b", dev + ",mac=" + kMacA);
		ASSERT_TRUE(a.ok() && b->ok());
		g_lsc_events = 0;
		ASSERT_EQ(rte_eth_dev_callback_register(a.port(), RTE_ETH_EVENT_INTR_LSC, count_lsc, nullptr), 0);
		rte_eth_conf conf{};
		conf.intr_conf.lsc = 1;
		ASSERT_EQ(a.start(mp, 256, 256, &conf), 0);
		ASSERT_EQ(b->start(mp), 0);
		/* The multi-vector layout a single queue gets for link interrupts still moves frames. */
		ASSERT_EQ(send_all(b->port(), mp, {make_frame(ether_addr(kMacB), ether_addr(kMacA), 300, 1)}), 1u);
		EXPECT_EQ(recv_n(a.port(), 1).size(), 1u);
		/* The link-up event first: delivered late, it would pass for the down event below
		 * (seen once under load: the wait returned with the link still up). */
		EXPECT_TRUE(wait_for([] { return g_lsc_events.load() >= 1; }, kEventWaitMs));
		const int up_events = g_lsc_events.load();
		b.reset(); /* the peer goes: carrier lost */
		const auto link_down = [&a] {
			rte_eth_link l{};
			return rte_eth_link_get_nowait(a.port(), &l) == 0 && l.link_status == RTE_ETH_LINK_DOWN;
		};
		EXPECT_TRUE(wait_for([&] { return link_down() && g_lsc_events.load() > up_events; }, kEventWaitMs))
			<< "a link-down event (" << g_lsc_events.load() - up_events << " events since the up one)";
		const uint64_t by_intr = xstat(a.port(), "link_changes_by_interrupt");
		const uint64_t by_poll = xstat(a.port(), "link_changes_by_poll");
		if (intr) {
			EXPECT_GE(by_intr, 1u);
			EXPECT_EQ(by_poll, 0u) << "the alarm must not poll the link while vector 0 reports it";
			EXPECT_GE(xstat(a.port(), "intr_link_vector"), 1u);
		} else {
			EXPECT_EQ(by_intr, 0u) << "intr=0: no interrupt handle";
			EXPECT_GE(by_poll, 1u);
		}
		rte_eth_dev_callback_unregister(a.port(), RTE_ETH_EVENT_INTR_LSC, count_lsc, nullptr);
	}
	rte_mempool_free(mp);
}

/* A link that is already up when rte_eth_dev_start returns (autoneg=0: up by
 * the start's own link check; under load the default 2 ms autonegotiation
 * can finish before it too) is announced all the same: one LSC event, from
 * the EAL interrupt thread as every other, with or without an interrupt
 * handle. It went unannounced before: the start published "up", and the link
 * interrupt that followed found nothing changed. */
TEST_P(IntrBoth, LinkUpByTheEndOfStartIsAnnounced)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	for (bool intr : {true, false}) {
		SimPort a("net_tg57xx_sim_lsc0", chip() + ",wire=loop,autoneg=0" + (intr ? "" : ",intr=0") +
							 ",mac=" + kMacA);
		ASSERT_TRUE(a.ok());
		g_lsc_events = 0;
		ASSERT_EQ(rte_eth_dev_callback_register(a.port(), RTE_ETH_EVENT_INTR_LSC, count_lsc, nullptr), 0);
		rte_eth_conf conf{};
		conf.intr_conf.lsc = 1;
		ASSERT_EQ(a.start(mp, 256, 256, &conf), 0);
		rte_eth_link l{};
		ASSERT_EQ(rte_eth_link_get_nowait(a.port(), &l), 0);
		EXPECT_EQ(l.link_status, RTE_ETH_LINK_UP) << "autoneg=0: up by the end of the start";
		EXPECT_TRUE(wait_for([] { return g_lsc_events.load() >= 1; }, kEventWaitMs))
			<< (intr ? "intr=1" : "intr=0") << ": no event for the link that came up";
		std::this_thread::sleep_for(std::chrono::milliseconds(kSettleMs));
		EXPECT_EQ(g_lsc_events.load(), 1) << "one change, one event";
		rte_eth_dev_callback_unregister(a.port(), RTE_ETH_EVENT_INTR_LSC, count_lsc, nullptr);
	}
	rte_mempool_free(mp);
}

TEST_P(IntrBoth, RxInterruptWakesAnEpollWaiterOnlyWhenEnabled)
{
	rte_mempool *mp = make_pool(kPoolMbufs);
	ASSERT_NE(mp, nullptr);
	{
		SimPair pair("rxi", chip(), kMacA, kMacB);
		ASSERT_TRUE(pair.ok());
		SimPort &a = pair.a, &b = pair.b;
		ASSERT_EQ(a.start(mp), 0);
		/* Two queues, no RSS: every frame on queue 0, queue 1's vector must stay quiet. */
		rte_eth_conf conf{};
		conf.intr_conf.rxq = 1;
		for (int round = 0; round < 2; round++) { /* and again after a stop/start */
			ASSERT_EQ(b.start(mp, 256, 256, &conf, 2, 1), 0) << "round " << round;
			void *const tag0 = reinterpret_cast<void *>(uintptr_t{0x10});
			void *const tag1 = reinterpret_cast<void *>(uintptr_t{0x11});
			ASSERT_EQ(rte_eth_dev_rx_intr_ctl_q(b.port(), 0, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, tag0), 0);
			ASSERT_EQ(rte_eth_dev_rx_intr_ctl_q(b.port(), 1, RTE_EPOLL_PER_THREAD, RTE_INTR_EVENT_ADD, tag1), 0);
			ASSERT_EQ(rte_eth_dev_rx_intr_enable(b.port(), 0), 0);
			ASSERT_EQ(rte_eth_dev_rx_intr_enable(b.port(), 1), 0);
			EXPECT_EQ(epoll_events(0), 0) << "nothing has arrived";

			/* A frame wakes the waiter on queue 0's vector. */
			send_one(a.port(), mp, 1);
			void *data = nullptr;
			EXPECT_EQ(epoll_events(kEventWaitMs, &data), 1);
			EXPECT_EQ(data, tag0);
			ASSERT_EQ(rte_eth_dev_rx_intr_disable(b.port(), 0), 0);
			EXPECT_TRUE(wait_for([&] { return drain(b.port(), 0) == 1; }));

			/* Disabled: the frame arrives, the vector stays quiet. */
			send_one(a.port(), mp, 2);
			EXPECT_TRUE(wait_for([&] { return drain(b.port(), 0) == 1; }));
			EXPECT_EQ(epoll_events(20), 0) << "an interrupt while disabled";

			/* Enabled with a frame already waiting: the chip interrupts at once (stale tag, ref §4.2). */
			send_one(a.port(), mp, 3);
			EXPECT_TRUE(wait_for([&] { return rte_eth_rx_queue_count(b.port(), 0) == 1; }));
			ASSERT_EQ(rte_eth_dev_rx_intr_enable(b.port(), 0), 0);
			data = nullptr;
			EXPECT_EQ(epoll_events(kEventWaitMs, &data), 1);
			EXPECT_EQ(data, tag0);
			ASSERT_EQ(rte_eth_dev_rx_intr_disable(b.port(), 0), 0);
			EXPECT_EQ(drain(b.port(), 0), 1);
			/* Enabled with nothing waiting and the tag acknowledged: quiet (ref §4.2). */
			ASSERT_EQ(rte_eth_dev_rx_intr_enable(b.port(), 0), 0);
			EXPECT_EQ(epoll_events(20), 0);
			EXPECT_EQ(drain(b.port(), 1), 0);
			b.stop();
		}
	}
	rte_mempool_free(mp);
}

TEST_P(IntrBoth, RxInterruptsNeedAnInterruptHandle)
{
	SimPort p("net_tg57xx_sim_rxinone", chip() + ",intr=0");
	ASSERT_TRUE(p.ok());
	rte_eth_conf conf{};
	conf.intr_conf.rxq = 1;
	EXPECT_EQ(rte_eth_dev_configure(p.port(), 1, 1, &conf), -ENOTSUP);
	conf.intr_conf.rxq = 0;
	EXPECT_EQ(rte_eth_dev_configure(p.port(), 1, 1, &conf), 0);
}

INSTANTIATE_TEST_SUITE_P(Chips, IntrBoth, ::testing::Values("57762", "5720"),
			 [](const ::testing::TestParamInfo<const char *> &i) { return std::string("BCM") + i.param; });
