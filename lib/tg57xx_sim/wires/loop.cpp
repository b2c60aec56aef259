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
		FrameRing::PushResult r = ring_.push(frames, n);
		c_.tx_frames.add(r.taken);
		c_.tx_bytes.add(r.bytes);
		c_.tx_dropped.add(r.dropped);
		c_.tx_full.add(n - r.taken);
		return r.taken;
	}

	size_t recv(FrameSlot *slots, size_t n) override
	{
		FrameRing::PopResult r = ring_.pop(slots, n);
		c_.rx_frames.add(r.frames);
		c_.rx_bytes.add(r.bytes);
		c_.rx_truncated.add(r.truncated);
		return r.frames;
	}

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
