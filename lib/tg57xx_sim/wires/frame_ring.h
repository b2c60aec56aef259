/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A single-producer single-consumer ring of frames in one byte buffer, for
 * the loop and pair wires. Lock-free: the producer owns prod_, the consumer
 * owns cons_; each keeps a private copy of the other's index and reloads it
 * only when the ring looks full (producer) or empty (consumer), so a batch
 * costs one release store and usually no cache-line transfer.
 *
 * Record at byte position p (free-running u64; offset p & mask): a u32
 * frame length, the frame, padding to 8 bytes (wire_ring_record_bytes). The
 * size is a power of two and records are 8-aligned, so a length word never
 * straddles the end; frame bytes may wrap (two memcpy).
 */
#ifndef TG57XX_SIM_WIRES_FRAME_RING_H
#define TG57XX_SIM_WIRES_FRAME_RING_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "tg57xx_sim/wire.h"
#include "wire_stats.h"

namespace tg57xx::sim {

class FrameRing {
public:
	/* bytes is raised to kWireRingMinBytes and rounded up to a power of two. */
	explicit FrameRing(size_t bytes);
	FrameRing(const FrameRing &) = delete;
	FrameRing &operator=(const FrameRing &) = delete;

	size_t capacity() const { return size_; }
	/* Producer: bytes queued and not yet consumed. */
	size_t used() const
	{
		return static_cast<size_t>(prod_.load(std::memory_order_relaxed) - cons_.load(std::memory_order_acquire));
	}
	/* Producer: the consumer is behind by more than half the ring (Wire::tx_busy). */
	bool half_full() const { return used() > size_ / 2; }

	struct PushResult {
		size_t taken;     /* frames consumed from the input (queued + dropped) */
		uint64_t bytes;   /* bytes of those frames */
		uint64_t dropped; /* taken but never fit the ring */
	};
	/* Producer: queue frames in order until one does not fit. */
	PushResult push(const FrameView *frames, size_t n);

	struct PopResult {
		size_t frames;
		uint64_t bytes;     /* bytes written into slots */
		uint64_t truncated; /* frames cut to their slot's capacity */
	};
	/* Consumer: dequeue up to n frames into the slots. */
	PopResult pop(FrameSlot *slots, size_t n);

	/* push()/pop() that also account the result in a wire's counters
	 * (refused frames count as tx_full); they return what send()/recv() return. */
	size_t push_counted(const FrameView *frames, size_t n, WireCounters &c)
	{
		PushResult r = push(frames, n);
		c.tx_frames.add(r.taken);
		c.tx_bytes.add(r.bytes);
		c.tx_dropped.add(r.dropped);
		c.tx_full.add(n - r.taken);
		return r.taken;
	}
	size_t pop_counted(FrameSlot *slots, size_t n, WireCounters &c)
	{
		PopResult r = pop(slots, n);
		c.rx_frames.add(r.frames);
		c.rx_bytes.add(r.bytes);
		c.rx_truncated.add(r.truncated);
		return r.frames;
	}

	/* Consumer: forget every queued frame (a new consumer plugging in). */
	void discard();

private:
	static constexpr size_t kCacheLine = 64;
	static constexpr size_t kLenBytes = sizeof(uint32_t);

	void copy_in(uint64_t pos, const uint8_t *src, uint32_t len);
	void copy_out(uint8_t *dst, uint64_t pos, uint32_t len) const;

	/* Read-only after construction. */
	std::unique_ptr<uint8_t[]> buf_;
	size_t size_;
	uint64_t mask_;
	/* Producer's line. */
	alignas(kCacheLine) std::atomic<uint64_t> prod_{0};
	uint64_t cons_seen_ = 0; /* producer's copy of cons_ */
	/* Consumer's line. */
	alignas(kCacheLine) std::atomic<uint64_t> cons_{0};
	uint64_t prod_seen_ = 0; /* consumer's copy of prod_ */
	/* (alignas makes sizeof a multiple of the line: nothing shares the consumer's line) */
};

} // namespace tg57xx::sim

#endif
