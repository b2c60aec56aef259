/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Virtual time. Every delay in the model (MI_COM busy, autoneg, reset and
 * boot-code time, NVRAM commands, coalescing ticks) is a timer on this clock;
 * nothing in the model reads wall time except sync_live() below.
 *
 * Test mode: time only moves when Device::advance() moves it; timers fire in
 * deadline order (ties in scheduling order) with now_ns() equal to their
 * deadline.
 * Live mode (runner thread): sync_live() pulls now_ns() up to
 * CLOCK_MONOTONIC - offset, so a driver polling a busy bit with real delays
 * sees it clear after the modelled time.
 *
 * Not thread safe by itself: used under the chip lock.
 */
#ifndef TG57XX_SIM_CLOCK_H
#define TG57XX_SIM_CLOCK_H

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace tg57xx::sim {

class Clock {
public:
	using Callback = std::function<void()>;
	using TimerId = uint64_t; /* 0 is never a valid id */

	uint64_t now_ns() const { return now_; }

	TimerId schedule_at(uint64_t deadline_ns, Callback cb);
	TimerId schedule_in(uint64_t delay_ns, Callback cb) { return schedule_at(now_ + delay_ns, std::move(cb)); }
	/* Returns true if the timer was pending. */
	bool cancel(TimerId id);
	bool pending(TimerId id) const { return ids_.count(id) != 0; }
	std::optional<uint64_t> next_deadline() const;
	size_t timers_pending() const { return ids_.size(); }

	/* Fire every timer whose deadline is <= now. Returns how many fired. */
	size_t fire_due();
	/*
	 * If the earliest timer is due at or before limit_ns, move now to its
	 * deadline and fire it (and any others at the same instant). Returns
	 * false when no timer is due by limit_ns.
	 */
	bool fire_next_until(uint64_t limit_ns);
	/* Move time forward (never backwards) without firing anything. */
	void set_now(uint64_t t) { if (t > now_) now_ = t; }

	/* Live mode: now follows CLOCK_MONOTONIC from the moment it is enabled. */
	void set_live(bool on);
	bool live() const { return live_; }
	/* In live mode, catch up with the monotonic clock. No-op otherwise. */
	void sync_live();
	/* Live mode: the virtual time of a CLOCK_MONOTONIC instant, at most now (an
	 * event the host saw cannot lie ahead of the model), 0 if before time 0.
	 * Test mode: 0, unknown (the host's clock says nothing about virtual time). */
	uint64_t from_monotonic(uint64_t mono_ns) const;
	/* Live mode: jump ahead of the monotonic clock by ns (Device::advance while live). */
	void shift_live(uint64_t ns) { live_offset_ -= static_cast<int64_t>(ns); }

	/* Total timers fired (for the counters). */
	uint64_t fired_total() const { return fired_; }

private:
	static uint64_t monotonic_ns();
	bool fire_one();

	uint64_t now_ = 0;
	TimerId next_id_ = 1;
	uint64_t fired_ = 0;
	bool live_ = false;
	int64_t live_offset_ = 0; /* virtual = monotonic - offset */
	std::map<std::pair<uint64_t, TimerId>, Callback> queue_;
	std::unordered_map<TimerId, uint64_t> ids_;
};

/*
 * RAII one-shot timer owned by a block: re-arming replaces the previous
 * deadline; destruction cancels.
 */
class Timer {
public:
	explicit Timer(Clock &clock) : clock_(clock) {}
	~Timer() { cancel(); }
	Timer(const Timer &) = delete;
	Timer &operator=(const Timer &) = delete;

	void arm_at(uint64_t deadline_ns, Clock::Callback cb);
	void arm_in(uint64_t delay_ns, Clock::Callback cb) { arm_at(clock_.now_ns() + delay_ns, std::move(cb)); }
	void cancel();
	bool armed() const { return id_ != 0 && clock_.pending(id_); }
	uint64_t deadline() const { return deadline_; }

private:
	Clock &clock_;
	Clock::TimerId id_ = 0;
	uint64_t deadline_ = 0;
};

} // namespace tg57xx::sim

#endif
