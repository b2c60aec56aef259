/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPSC frame ring (frame_ring.h).
 */
#include "frame_ring.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim {

FrameRing::FrameRing(size_t bytes)
	: size_(std::bit_ceil(std::max(bytes, kWireRingMinBytes))), mask_(size_ - 1)
{
	buf_ = std::make_unique<uint8_t[]>(size_); /* zeroed: touches every page now, not on the data path */
}

void FrameRing::copy_in(uint64_t pos, const uint8_t *src, uint32_t len)
{
	size_t off = pos & mask_;
	size_t first = std::min<size_t>(len, size_ - off);
	std::memcpy(&buf_[off], src, first);
	if (first < len)
		std::memcpy(&buf_[0], src + first, len - first);
}

void FrameRing::copy_out(uint8_t *dst, uint64_t pos, uint32_t len) const
{
	size_t off = pos & mask_;
	size_t first = std::min<size_t>(len, size_ - off);
	std::memcpy(dst, &buf_[off], first);
	if (first < len)
		std::memcpy(dst + first, &buf_[0], len - first);
}

FrameRing::PushResult FrameRing::push(const FrameView *frames, size_t n)
{
	PushResult r{};
	uint64_t prod = prod_.load(std::memory_order_relaxed);
	uint64_t cons = cons_seen_;
	for (; r.taken < n; r.taken++) {
		const FrameView &f = frames[r.taken];
		size_t rec = wire_ring_record_bytes(f.len);
		if (rec > size_) {
			/* Can never fit: the medium takes it and loses it. */
			r.dropped++;
			r.bytes += f.len;
			continue;
		}
		if (prod + rec - cons > size_) {
			/* Acquire: the consumer finished reading the bytes it released. */
			cons = cons_seen_ = cons_.load(std::memory_order_acquire);
			if (prod + rec - cons > size_)
				break;
		}
		std::memcpy(&buf_[prod & mask_], &f.len, kLenBytes);
		if (f.len)
			copy_in(prod + kLenBytes, f.data, f.len);
		prod += rec;
		r.bytes += f.len;
	}
	/* Release: the records are written before the consumer can see them. */
	prod_.store(prod, std::memory_order_release);
	return r;
}

FrameRing::PopResult FrameRing::pop(FrameSlot *slots, size_t n)
{
	PopResult r{};
	uint64_t cons = cons_.load(std::memory_order_relaxed);
	uint64_t prod = prod_seen_;
	for (; r.frames < n; r.frames++) {
		if (cons == prod) {
			prod = prod_seen_ = prod_.load(std::memory_order_acquire);
			if (cons == prod)
				break;
		}
		uint32_t len;
		std::memcpy(&len, &buf_[cons & mask_], kLenBytes);
		FrameSlot &s = slots[r.frames];
		uint32_t copy = std::min(len, s.cap);
		if (copy)
			copy_out(s.data, cons + kLenBytes, copy);
		s.len = copy;
		s.truncated = copy < len;
		r.truncated += s.truncated;
		r.bytes += copy;
		cons += wire_ring_record_bytes(len);
	}
	/* Release: our reads of the records finish before the producer reuses them. */
	if (r.frames)
		cons_.store(cons, std::memory_order_release);
	return r;
}

void FrameRing::discard()
{
	uint64_t prod = prod_.load(std::memory_order_acquire);
	prod_seen_ = prod;
	cons_.store(prod, std::memory_order_release);
}

} // namespace tg57xx::sim
