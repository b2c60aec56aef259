/* SPDX-License-Identifier: BSD-3-Clause */
#include "trace.h"

#include <cinttypes>

namespace tg57xx::sim {

std::vector<TraceEntry> Trace::snapshot() const
{
	std::vector<TraceEntry> out;
	out.reserve(count_);
	const size_t start = (head_ + ring_.size() - count_) % ring_.size();
	for (size_t i = 0; i < count_; i++)
		out.push_back(ring_[(start + i) % ring_.size()]);
	return out;
}

void Trace::dump(std::FILE *out, const std::vector<TraceEntry> &entries)
{
	static const char *const kSpace[] = {"bar0", "cfg", "ind", "sram", "event"};
	for (const auto &e : entries)
		std::fprintf(out, "%12" PRIu64 " ns %-5s %c 0x%05" PRIx32 " 0x%08" PRIx32 " %s\n", e.time_ns,
			     kSpace[static_cast<unsigned>(e.space)], e.op, e.offset, e.value, e.name ? e.name : "?");
}

} // namespace tg57xx::sim
