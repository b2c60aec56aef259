/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Counters a wire keeps for WireStats: written only by the thread driving the
 * wire (a relaxed load + store, no locked instruction), read from any thread.
 * Wires update them once per batch, not per frame.
 */
#ifndef TG57XX_SIM_WIRES_WIRE_STATS_H
#define TG57XX_SIM_WIRES_WIRE_STATS_H

#include <atomic>
#include <cstdint>

#include "tg57xx_sim/wire.h"

namespace tg57xx::sim {

/* A single-writer counter. */
class StatCell {
public:
	void add(uint64_t v) { v_.store(v_.load(std::memory_order_relaxed) + v, std::memory_order_relaxed); }
	uint64_t get() const { return v_.load(std::memory_order_relaxed); }

private:
	std::atomic<uint64_t> v_{0};
};

struct WireCounters {
	StatCell tx_frames, tx_bytes, tx_full, tx_dropped;
	StatCell rx_frames, rx_bytes, rx_truncated, rx_dropped;

	WireStats snapshot() const
	{
		return WireStats{
			.tx_frames = tx_frames.get(),
			.tx_bytes = tx_bytes.get(),
			.tx_full = tx_full.get(),
			.tx_dropped = tx_dropped.get(),
			.rx_frames = rx_frames.get(),
			.rx_bytes = rx_bytes.get(),
			.rx_truncated = rx_truncated.get(),
			.rx_dropped = rx_dropped.get(),
		};
	}
};

} // namespace tg57xx::sim

#endif
