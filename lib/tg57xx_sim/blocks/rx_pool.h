/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The receive mbuf pool as the RX engine needs it (§5.8, §6.1): frames the
 * MAC received that cannot be placed yet (no posted buffer, return ring full)
 * wait on chip, in arrival order, until the host posts buffers or consumes
 * returns; when the pool is full the next frame is lost. Capacity is counted
 * in frame bytes (with FCS). Preallocated byte ring of {len, flags, data}
 * records, a record never straddles the end (a skip marker fills the tail).
 * Records are 8-byte multiples and the ring is one too, so wherever a record
 * ends at least a whole header (or nothing) is left before the end: the skip
 * marker and a header read always fit.
 * Used by rx.cpp only.
 */
#ifndef TG57XX_SIM_BLOCKS_RX_POOL_H
#define TG57XX_SIM_BLOCKS_RX_POOL_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "mac.h"

namespace tg57xx::sim {

/* On-chip receive mbuf pool: Thundergate's 57762 rxmbuf area is 40 KiB at
 * 0x10000 (§6.1); the reference gives no 5720 figure, the model uses the same. */
constexpr size_t kRxPoolBytes = 40 * 1024;
/* The buffer manager's unit, in which its watermarks count (§5.8; Broadcom's 128-byte mbufs, UNCONFIRMED). */
constexpr size_t kMbufBytes = 128;
/* Frames per MAC pull while the pool is empty: a frame the host has no buffer
 * for may be followed by this many less one before flow control looks again,
 * fewer than fit in the room below BUFMGR_MB_MACRX_LOW_WATER (42 mbufs). */
constexpr size_t kFlowChunkFrames = 4;
/* A full-size frame on the wire: 1500-byte MTU + Ethernet header + FCS (the pool's "full"). */
constexpr size_t kRxMaxWireFrame = 1518;

class RxPool {
public:
	/* capacity: frame bytes the pool holds; max_frame: largest record. */
	RxPool(size_t capacity, size_t max_frame) : cap_(capacity), buf_(round8(capacity + 2 * (max_frame + kHdr))) {}

	bool empty() const { return head_ == tail_; }
	size_t held_bytes() const { return held_; }
	/* Free mbufs, what the MAC's flow control watches (§5.8). */
	uint32_t free_mbufs() const { return static_cast<uint32_t>((cap_ - std::min(held_, cap_)) / kMbufBytes); }

	/*
	 * How many frames to take off the wire next (at most left): a few while
	 * the pool is empty, one by one while frames wait in it, so that flow
	 * control acts between two frames as a MAC watching its buffers does
	 * (what it takes after its XOFF stays inside the low watermark's room);
	 * a full pool loses whatever comes at the wire's pace, all of it (a
	 * PAUSE from the partner behind those frames is seen).
	 */
	size_t pull_size(size_t left) const
	{
		const bool full = held_ + kRxMaxWireFrame > cap_;
		return std::min(left, empty() ? kFlowChunkFrames : full ? left : size_t{1});
	}
	void clear() { head_ = tail_ = held_ = 0; }

	/* Keep a frame (len bytes, MAC flags); false if it does not fit. */
	bool push(const RxFrame &f, uint32_t fcs_len)
	{
		const size_t size = buf_.size();
		const size_t need = kHdr + round8(f.len);
		const size_t pos = tail_ % size;
		const size_t skip = need > size - pos ? size - pos : 0;
		if (held_ + f.len + fcs_len > cap_ || tail_ - head_ + skip + need > size)
			return false;
		if (skip != 0) {
			put(pos, kSkip, 0);
			tail_ += skip;
		}
		const size_t at = tail_ % size;
		put(at, f.len, flags_of(f));
		std::memcpy(&buf_[at + kHdr], f.data, f.len);
		tail_ += need;
		held_ += f.len + fcs_len;
		return true;
	}

	/* The oldest frame, in place (data points into the pool until pop()). */
	bool front(RxFrame &f)
	{
		const size_t size = buf_.size();
		while (!empty()) {
			const size_t pos = head_ % size;
			uint32_t len, flags;
			std::memcpy(&len, &buf_[pos], 4);
			std::memcpy(&flags, &buf_[pos + 4], 4);
			if (len == kSkip) {
				head_ += size - pos;
				continue;
			}
			f = RxFrame{&buf_[pos + kHdr], len, len, (flags & kFcs) != 0, (flags & kLong) != 0,
				    (flags & kRunt) != 0, (flags & kTrunc) != 0};
			return true;
		}
		return false;
	}
	void pop(uint32_t fcs_len)
	{
		RxFrame f;
		if (!front(f))
			return;
		head_ += kHdr + round8(f.len);
		held_ -= f.len + fcs_len;
	}

private:
	static constexpr size_t kHdr = 8;
	static constexpr uint32_t kSkip = 0xFFFFFFFF;
	static constexpr uint32_t kFcs = 1, kLong = 2, kRunt = 4, kTrunc = 8;
	static size_t round8(size_t n) { return (n + 7) & ~size_t{7}; }
	static uint32_t flags_of(const RxFrame &f)
	{
		return (f.fcs_error ? kFcs : 0) | (f.too_long ? kLong : 0) | (f.runt ? kRunt : 0) |
		       (f.truncated ? kTrunc : 0);
	}
	void put(size_t pos, uint32_t len, uint32_t flags)
	{
		std::memcpy(&buf_[pos], &len, 4);
		std::memcpy(&buf_[pos + 4], &flags, 4);
	}

	size_t cap_;
	std::vector<uint8_t> buf_;
	uint64_t head_ = 0, tail_ = 0;
	size_t held_ = 0;
};

} // namespace tg57xx::sim

#endif
