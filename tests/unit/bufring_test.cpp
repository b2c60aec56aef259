/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shared producer-ring protocol of net_tg57xx (drivers/net/tg57xx/
 * tg57xx_bufring.h, ref §10.6), driven step by step without DPDK: a fake chip
 * consumes posted slots in order and hands them to fake RX queues, which give
 * them back in any order; the publisher must post in ring order, never into a
 * slot that still holds a buffer, never fill the ring, lose or double a
 * buffer, or miss a slot handed back while another queue held the token.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "tg57xx_bufring.h"
#include "tg57xx_queue_caps.h"

using namespace tg57xx::pmd;

namespace {

/* Fake buffers: distinct, aligned (bit 0 is the READY tag), never dereferenced. */
constexpr uintptr_t kBufBase = 0x100000, kBufStep = 0x40;

/* in_place: the std ring's way (every slot holds buffers, slot_ring_advance); else the jumbo ring's (moving). */
struct Rig {
	explicit Rig(uint16_t entries, bool in_place_ = false, uint16_t stride = 1, uint16_t words = 1)
		: sw(size_t{entries} * stride, 0), bd(entries, 0), in_place(in_place_)
	{
		r = SlotRing{sw.data(), static_cast<uint16_t>(entries - 1), stride, words, 0, 0};
	}
	/* Post `n` buffers at slots 0..n-1 as dev_start does (in place: every slot filled, the rest READY). */
	void fill(uint16_t n)
	{
		for (uint16_t i = 0; i < (in_place ? r.mask + 1 : n); i++) {
			uintptr_t *w = slot_words(r, i);
			for (uint16_t k = 0; k < r.words; k++)
				w[k] = fresh();
			bd[i] = w[0];
			if (i >= n)
				w[0] |= kSlotReady;
		}
		r.prod = n;
		r.reclaim = 0;
		outstanding = n;
	}
	uintptr_t fresh() { return kBufBase + kBufStep * next_buf++; }
	/* The chip: the next posted slot (in order), or -1 when none is posted. */
	int chip_take()
	{
		if (chip_cons == r.prod)
			return -1;
		int s = chip_cons;
		EXPECT_TRUE(slot_held(slot_words(r, chip_cons)[0])) << "chip took slot " << s << " without a buffer";
		EXPECT_EQ(bd[chip_cons], slot_words(r, chip_cons)[0]) << "BD and slot word disagree at " << s;
		chip_cons = (chip_cons + 1) & r.mask;
		outstanding--;
		return s;
	}
	/* An RX queue read the return BD of slot s: it takes the buffers, leaves fresh ones. */
	std::vector<uintptr_t> queue_returns(uint16_t s)
	{
		uintptr_t *w = slot_words(r, s);
		EXPECT_TRUE(slot_held(w[0]));
		std::vector<uintptr_t> taken(w, w + r.words), next;
		for (uint16_t k = 0; k < r.words; k++)
			next.push_back(fresh());
		if (in_place)
			bd[s] = next[0]; /* the queue rewrites the BD itself */
		slot_ready(w, next.data(), r.words);
		return taken;
	}
	uint16_t publish()
	{
		uint16_t n = in_place ? slot_ring_advance(r)
				      : slot_ring_publish(r, [this](uint16_t p, const uintptr_t *w) {
						EXPECT_FALSE(posted_now.count(p)) << "slot " << p << " posted twice in one pass";
						posted_now.insert(p);
						bd[p] = w[0];
					});
		outstanding += n;
		return n;
	}
	/* Posted and not yet consumed, counted here (the chip only sees prod - cons mod entries). */
	unsigned posted() const { return outstanding; }

	std::vector<uintptr_t> sw;
	std::vector<uintptr_t> bd; /* what the chip would DMA into: the BD's buffer */
	bool in_place;
	SlotRing r{};
	uint16_t chip_cons = 0;
	unsigned outstanding = 0;
	uintptr_t next_buf = 0;
	std::set<uint16_t> posted_now;
};

} // namespace

TEST(BufRing, MovingRingPostsReadySlotsInRingOrderAtTheProducer)
{
	Rig g(8);
	g.fill(7); /* 7 buffers, 8 slots: slot 7 empty, prod 7 */
	EXPECT_EQ(g.publish(), 0u) << "nothing handed back yet";
	for (int i = 0; i < 3; i++)
		g.queue_returns(static_cast<uint16_t>(g.chip_take()));
	const uintptr_t b0 = g.sw[0] & ~kSlotReady, b1 = g.sw[1] & ~kSlotReady, b2 = g.sw[2] & ~kSlotReady;
	EXPECT_EQ(g.publish(), 3u);
	/* Slot 0's buffer went to slot 7, 1's to 0, 2's to 1; slot 2 is the empty one now. */
	EXPECT_EQ(g.sw[7], b0);
	EXPECT_EQ(g.sw[0], b1);
	EXPECT_EQ(g.sw[1], b2);
	EXPECT_EQ(g.sw[2], 0u);
	EXPECT_EQ(g.r.prod, 2u);
	EXPECT_EQ(g.r.reclaim, 3u);
	EXPECT_EQ(g.posted(), 7u);
}

TEST(BufRing, AnUnreadSlotHoldsBackTheOnesAfterIt)
{
	for (bool in_place : {false, true}) {
	Rig g(8, in_place);
	g.fill(7);
	const int s0 = g.chip_take(), s1 = g.chip_take();
	g.queue_returns(static_cast<uint16_t>(s1)); /* queue B was faster than queue A */
	EXPECT_EQ(g.publish(), 0u) << "slot 0 is still unread: nothing may be posted past it";
	EXPECT_TRUE(g.sw[1] & kSlotReady);
	g.queue_returns(static_cast<uint16_t>(s0));
	EXPECT_EQ(g.publish(), 2u);
	EXPECT_EQ(g.posted(), 7u);
	}
}

TEST(BufRing, InPlaceRingKeepsOneReadySlotBack)
{
	Rig g(8, true);
	g.fill(7); /* 8 buffers, slots 0..6 posted, slot 7 READY */
	EXPECT_EQ(g.publish(), 0u) << "slot 7 alone: posting it would fill the ring";
	g.queue_returns(static_cast<uint16_t>(g.chip_take()));
	EXPECT_EQ(g.publish(), 1u) << "slot 7 goes, slot 0 (READY) is kept back";
	EXPECT_EQ(g.r.prod, 0u);
	EXPECT_TRUE(g.sw[0] & kSlotReady);
	EXPECT_FALSE(g.sw[7] & kSlotReady);
	EXPECT_EQ(g.posted(), 7u);
	/* Everything consumed and handed back: still one short of full. */
	for (int s; (s = g.chip_take()) >= 0;)
		g.queue_returns(static_cast<uint16_t>(s));
	EXPECT_EQ(g.publish(), 7u);
	EXPECT_EQ(g.posted(), 7u);
}

TEST(BufRing, JumboSlotsMoveAllTheirBuffers)
{
	Rig g(16, false, 4, 3); /* 3 buffers per BD in 4-word slots, 6 BDs posted of 16 */
	g.fill(6);
	const uint16_t s = static_cast<uint16_t>(g.chip_take());
	g.queue_returns(s);
	const std::vector<uintptr_t> handed(g.sw.begin(), g.sw.begin() + 3);
	EXPECT_EQ(g.publish(), 1u);
	const uintptr_t *dst = slot_words(g.r, 6);
	EXPECT_EQ(dst[0], handed[0] & ~kSlotReady);
	EXPECT_EQ(dst[1], handed[1]);
	EXPECT_EQ(dst[2], handed[2]);
	EXPECT_EQ(dst[3], 0u) << "the unused fourth word stays untouched";
	for (uint16_t k = 0; k < 3; k++)
		EXPECT_EQ(g.sw[k], 0u);
}

TEST(BufRing, RandomQueueOrderNeverLosesDoublesOrFillsTheRing)
{
	for (int mode = 0; mode < 3; mode++) {
		const bool in_place = mode == 0;
		const uint16_t words = mode == 2 ? 2 : 1;
		Rig g(32, in_place, words == 1 ? 1 : 4, words);
		g.fill(31);
		std::mt19937 rnd(7 + mode);
		std::deque<uint16_t> unread; /* consumed by the chip, not yet read by a queue */
		std::multiset<uintptr_t> at_host; /* buffers handed up to the "application" */
		for (int step = 0; step < 20000; step++) {
			switch (rnd() % 3) {
			case 0: {
				int s = g.chip_take();
				if (s >= 0)
					unread.push_back(static_cast<uint16_t>(s));
				break;
			}
			case 1:
				if (!unread.empty()) { /* some queue reads one of them: any order */
					size_t i = rnd() % unread.size();
					for (uintptr_t b : g.queue_returns(unread[i]))
						at_host.insert(b);
					unread.erase(unread.begin() + static_cast<long>(i));
				}
				break;
			default:
				g.posted_now.clear();
				g.publish();
				break;
			}
			ASSERT_LE(g.posted(), 31u) << "the chip must never see a full ring (ref §4.3)";
			ASSERT_EQ(g.posted(), (g.r.prod - g.chip_cons) & g.r.mask) << "the chip's view of the ring";
			if (!in_place) {
				ASSERT_EQ(g.sw[g.r.prod * g.r.stride], 0u) << "the slot at the producer must be empty";
			}
		}
		/* Every buffer exactly once: in the ring (posted, unread or ready) or at the host. */
		std::multiset<uintptr_t> all(at_host);
		for (uint16_t i = 0; i <= g.r.mask; i++)
			for (uint16_t k = 0; k < words; k++)
				if (uintptr_t w = slot_words(g.r, i)[k]; w != 0)
					all.insert(w & ~kSlotReady);
		EXPECT_EQ(all.size(), g.next_buf);
		EXPECT_EQ(std::set<uintptr_t>(all.begin(), all.end()).size(), all.size()) << "a buffer twice";
		/* Drain: everything read and published again -> the ring is back to 31 posted. */
		while (!unread.empty()) {
			g.queue_returns(unread.front());
			unread.pop_front();
		}
		g.publish();
		EXPECT_EQ(g.posted(), 31u) << "mode " << mode;
	}
}

TEST(BufRing, ASlotHandedBackWhileTheTokenIsHeldIsSeenOnRelease)
{
	Rig g(8, true);
	g.fill(7);
	uint32_t token = 0;
	ASSERT_TRUE(token_acquire(&token)) << "queue A publishes";
	g.queue_returns(static_cast<uint16_t>(g.chip_take())); /* queue B hands a slot back meanwhile ... */
	EXPECT_FALSE(token_acquire(&token)) << "... and leaves it to A";
	token_release(&token);
	EXPECT_TRUE(slot_ring_advanceable(g.r)) << "A's second look finds B's slot";
	ASSERT_TRUE(token_acquire(&token));
	EXPECT_EQ(g.publish(), 1u);
	token_release(&token);
	EXPECT_FALSE(slot_ring_advanceable(g.r));
}

TEST(QueueCaps, RssAndTssFollowTheFamilyTable)
{
	namespace hw = tg57xx::hw;
	/* ref §1.3: 5761 MSI only; 57765 class 4 RSS rings, 1 TX ring; 5719/5720 4 and 4. */
	const hw::ChipCaps *c5761 = hw::caps_for_asic(hw::ASIC_REV_5761);
	const hw::ChipCaps *c57765 = hw::caps_for_asic(hw::ASIC_REV_57765);
	const hw::ChipCaps *c5720 = hw::caps_for_asic(hw::ASIC_REV_5720);
	const hw::ChipCaps *c5717 = hw::caps_for_asic(hw::ASIC_REV_5717);
	ASSERT_TRUE(c5761 && c57765 && c5720 && c5717);
	EXPECT_FALSE(chip_has_rss(*c5761));
	EXPECT_EQ(chip_max_rx_queues(*c5761), 1);
	EXPECT_EQ(chip_max_tx_queues(*c5761), 1);
	EXPECT_TRUE(chip_has_rss(*c57765));
	EXPECT_EQ(chip_max_rx_queues(*c57765), 4);
	EXPECT_EQ(chip_max_tx_queues(*c57765), 1);
	EXPECT_EQ(chip_max_rx_queues(*c5717), 4);
	EXPECT_EQ(chip_max_tx_queues(*c5717), 1) << "TSS is 5719/5720 only (ref §10.7)";
	EXPECT_EQ(chip_max_rx_queues(*c5720), 4);
	EXPECT_EQ(chip_max_tx_queues(*c5720), 4);
}
