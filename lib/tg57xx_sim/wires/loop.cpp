/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Loopback wire: what the port sends comes back to it, in order, through one
 * preallocated frame ring (wires.h: sizing; frame_ring.h: layout).
 */
#include "frame_ring.h"
#include "wire_stats.h"

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim {

namespace {

class LoopWire final : public Wire {
public:
	explicit LoopWire(size_t ring_bytes) : ring_(ring_bytes) {}

	size_t send(const FrameView *frames, size_t n) override
	{
		return ring_.push_counted(frames, n, c_);
	}

	size_t recv(FrameSlot *slots, size_t n) override
	{
		return ring_.pop_counted(slots, n, c_);
	}

	bool tx_busy() const override { return ring_.half_full(); }
	const char *name() const override { return "loop"; }
	WireStats stats() const override { return c_.snapshot(); }

private:
	FrameRing ring_;
	WireCounters c_;
};

} // namespace

std::unique_ptr<Wire> make_loop_wire(size_t ring_bytes)
{
	return std::make_unique<LoopWire>(ring_bytes);
}

} // namespace tg57xx::sim
