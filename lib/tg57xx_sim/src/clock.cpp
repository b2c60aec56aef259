/* SPDX-License-Identifier: BSD-3-Clause */
#include "clock.h"

#include <algorithm>
#include <ctime>

namespace tg57xx::sim {

namespace {
constexpr uint64_t kNsPerSec = 1000000000ull;
}

Clock::TimerId Clock::schedule_at(uint64_t deadline_ns, Callback cb)
{
	if (deadline_ns < now_)
		deadline_ns = now_;
	TimerId id = next_id_++;
	queue_.emplace(std::make_pair(deadline_ns, id), std::move(cb));
	ids_.emplace(id, deadline_ns);
	return id;
}

bool Clock::cancel(TimerId id)
{
	auto it = ids_.find(id);
	if (it == ids_.end())
		return false;
	queue_.erase(std::make_pair(it->second, id));
	ids_.erase(it);
	return true;
}

std::optional<uint64_t> Clock::next_deadline() const
{
	if (queue_.empty())
		return std::nullopt;
	return queue_.begin()->first.first;
}

bool Clock::fire_one()
{
	auto it = queue_.begin();
	Callback cb = std::move(it->second);
	ids_.erase(it->first.second);
	queue_.erase(it);
	fired_++;
	cb(); /* may schedule or cancel timers */
	return true;
}

size_t Clock::fire_due()
{
	size_t n = 0;
	while (!queue_.empty() && queue_.begin()->first.first <= now_) {
		fire_one();
		n++;
	}
	return n;
}

bool Clock::fire_next_until(uint64_t limit_ns)
{
	if (queue_.empty() || queue_.begin()->first.first > limit_ns)
		return false;
	set_now(queue_.begin()->first.first);
	fire_due();
	return true;
}

uint64_t Clock::monotonic_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * kNsPerSec + static_cast<uint64_t>(ts.tv_nsec);
}

void Clock::set_live(bool on)
{
	if (on && !live_)
		live_offset_ = static_cast<int64_t>(monotonic_ns()) - static_cast<int64_t>(now_);
	live_ = on;
}

void Clock::sync_live()
{
	if (!live_)
		return;
	int64_t v = static_cast<int64_t>(monotonic_ns()) - live_offset_;
	if (v > 0)
		set_now(static_cast<uint64_t>(v));
}

uint64_t Clock::from_monotonic(uint64_t mono_ns) const
{
	if (!live_)
		return 0;
	const int64_t v = static_cast<int64_t>(mono_ns) - live_offset_;
	return v <= 0 ? 0 : std::min(static_cast<uint64_t>(v), now_);
}

void Timer::arm_at(uint64_t deadline_ns, Clock::Callback cb)
{
	cancel();
	deadline_ = deadline_ns;
	id_ = clock_.schedule_at(deadline_ns, std::move(cb));
}

void Timer::cancel()
{
	if (id_ != 0)
		clock_.cancel(id_);
	id_ = 0;
}

} // namespace tg57xx::sim
