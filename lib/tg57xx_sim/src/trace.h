/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register-access trace: a fixed-size ring of TraceEntry, off by default.
 * Recording is one branch when off and one store when on (no allocation).
 */
#ifndef TG57XX_SIM_TRACE_H
#define TG57XX_SIM_TRACE_H

#include <cstdio>
#include <vector>

#include "tg57xx_sim/device.h"

namespace tg57xx::sim {

class Trace {
public:
	explicit Trace(size_t capacity) : ring_(capacity ? capacity : 1) {}

	bool enabled() const { return on_; }
	void enable(bool on) { on_ = on; }

	void record(uint64_t t, TraceEntry::Space space, char op, uint32_t off, uint32_t val, const char *name)
	{
		if (!on_)
			return;
		ring_[head_] = TraceEntry{t, space, op, off, val, name};
		head_ = (head_ + 1) % ring_.size();
		if (count_ < ring_.size())
			count_++;
	}
	/* Oldest first. */
	std::vector<TraceEntry> snapshot() const;
	void clear() { head_ = count_ = 0; }
	static void dump(std::FILE *out, const std::vector<TraceEntry> &entries);

private:
	std::vector<TraceEntry> ring_;
	size_t head_ = 0;
	size_t count_ = 0;
	bool on_ = false;
};

} // namespace tg57xx::sim

#endif
