/* SPDX-License-Identifier: BSD-3-Clause */
/* Virtual clock and timers. */
#include "model_fixture.h"

#include <chrono>
#include <ctime>
#include <thread>
#include <vector>

namespace tg57xx::sim::test {
namespace {

TEST(Clock, TimersFireInDeadlineOrderWithNowAtDeadline)
{
	Clock c;
	std::vector<std::pair<int, uint64_t>> fired;
	c.schedule_at(300, [&] { fired.push_back({3, c.now_ns()}); });
	c.schedule_at(100, [&] { fired.push_back({1, c.now_ns()}); });
	c.schedule_at(100, [&] { fired.push_back({2, c.now_ns()}); }); /* tie: scheduling order */
	EXPECT_EQ(c.next_deadline(), 100u);
	EXPECT_TRUE(c.fire_next_until(1000));
	EXPECT_TRUE(c.fire_next_until(1000));
	EXPECT_FALSE(c.fire_next_until(1000));
	ASSERT_EQ(fired.size(), 3u);
	EXPECT_EQ(fired[0], (std::pair<int, uint64_t>{1, 100}));
	EXPECT_EQ(fired[1], (std::pair<int, uint64_t>{2, 100}));
	EXPECT_EQ(fired[2], (std::pair<int, uint64_t>{3, 300}));
	EXPECT_EQ(c.fired_total(), 3u);
}

TEST(Clock, CancelAndPastDeadlines)
{
	Clock c;
	int n = 0;
	auto id = c.schedule_in(50, [&] { n++; });
	EXPECT_TRUE(c.pending(id));
	EXPECT_TRUE(c.cancel(id));
	EXPECT_FALSE(c.cancel(id));
	c.set_now(1000);
	c.set_now(10); /* never backwards */
	EXPECT_EQ(c.now_ns(), 1000u);
	c.schedule_at(5, [&] { n += 10; }); /* in the past: due now */
	EXPECT_EQ(c.fire_due(), 1u);
	EXPECT_EQ(n, 10);
}

TEST(Clock, TimerCallbacksMayReschedule)
{
	Clock c;
	int ticks = 0;
	std::function<void()> tick = [&] {
		if (++ticks < 5)
			c.schedule_in(10, tick);
	};
	c.schedule_in(10, tick);
	while (c.fire_next_until(1000)) {
	}
	EXPECT_EQ(ticks, 5);
	EXPECT_EQ(c.now_ns(), 50u);
}

TEST(Clock, RaiiTimerCancelsOnDestructionAndRearm)
{
	Clock c;
	int n = 0;
	{
		Timer t(c);
		t.arm_in(10, [&] { n++; });
		EXPECT_TRUE(t.armed());
		t.arm_in(20, [&] { n += 100; }); /* replaces */
		EXPECT_EQ(t.deadline(), 20u);
		EXPECT_EQ(c.timers_pending(), 1u);
	}
	EXPECT_EQ(c.timers_pending(), 0u);
	c.fire_next_until(1000);
	EXPECT_EQ(n, 0);
}

TEST(Clock, LiveModeFollowsMonotonic)
{
	Clock c;
	c.set_now(5000);
	c.set_live(true);
	const uint64_t t0 = c.now_ns();
	std::this_thread::sleep_for(std::chrono::milliseconds(2));
	c.sync_live();
	EXPECT_GE(c.now_ns() - t0, 1'000'000u);
	c.shift_live(1'000'000'000);
	c.sync_live();
	EXPECT_GE(c.now_ns() - t0, 1'000'000'000u);
	c.set_live(false);
	const uint64_t frozen = c.now_ns();
	c.sync_live();
	EXPECT_EQ(c.now_ns(), frozen);
}

/* A host instant (a frame's kernel stamp) in virtual time: never ahead of now, 0 in test mode. */
TEST(Clock, MonotonicInstantsMapToVirtualTime)
{
	Clock c;
	c.set_now(5000);
	EXPECT_EQ(c.from_monotonic(123'456'789), 0u) << "test mode: the host clock says nothing";
	c.set_live(true);
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	const uint64_t host = static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
	std::this_thread::sleep_for(std::chrono::milliseconds(2));
	c.sync_live();
	const uint64_t v = c.from_monotonic(host);
	EXPECT_GE(v, 5000u) << "an instant after going live maps at or after the virtual time it went live at";
	EXPECT_LT(v, c.now_ns()) << "an instant before a 2 ms sleep lies before now";
	EXPECT_EQ(c.from_monotonic(host + 1000), v + 1000) << "one ns of host time is one ns of virtual time";
	EXPECT_EQ(c.from_monotonic(host + 60'000'000'000u), c.now_ns()) << "never ahead of now";
	EXPECT_EQ(c.from_monotonic(1), 0u) << "before virtual time 0";
}

class DeviceClockTest : public ModelTest {};

TEST_P(DeviceClockTest, AdvanceFiresTimersInOrderAndLandsOnTarget)
{
	Clock &clk = chip().clock();
	const uint64_t t0 = dev->now_ns();
	std::vector<uint64_t> at;
	clk.schedule_in(30, [&] { at.push_back(clk.now_ns() - t0); });
	clk.schedule_in(10, [&] { at.push_back(clk.now_ns() - t0); });
	clk.schedule_in(100, [&] { at.push_back(clk.now_ns() - t0); });
	dev->advance(50);
	EXPECT_EQ(at, (std::vector<uint64_t>{10, 30}));
	EXPECT_EQ(dev->now_ns() - t0, 50u);
	dev->advance(50);
	EXPECT_EQ(at.size(), 3u);
	EXPECT_EQ(dev->counters().timers_fired, 3u);
}

TG57XX_BOTH_CHIPS(DeviceClockTest);

} // namespace
} // namespace tg57xx::sim::test
