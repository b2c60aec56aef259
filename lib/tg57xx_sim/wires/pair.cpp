/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pair wire: two ports in one process joined by a name (wires.h). A PairLink
 * holds one frame ring per direction; each end produces into one and
 * consumes the other, so two model runner threads share nothing but the two
 * SPSC rings and the presence flags. The name registry (a mutex and a map)
 * is touched only when ends are created and destroyed.
 */
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "frame_ring.h"
#include "wire_stats.h"

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim {

namespace {

constexpr int kEnds = 2;

struct PairLink {
	PairLink(std::string n, size_t ring_bytes) : name(std::move(n)), ring{FrameRing(ring_bytes), FrameRing(ring_bytes)} {}

	const std::string name;
	FrameRing ring[kEnds];               /* ring[i]: sent by end i, received by end 1 - i */
	std::atomic<bool> present[kEnds] = {}; /* end i is plugged in */
};

struct Registry {
	std::mutex mu;
	std::map<std::string, std::shared_ptr<PairLink>> links;
};

/* Never destroyed: ends held by static objects may outlive any static registry. */
Registry &registry()
{
	static Registry *r = new Registry;
	return *r;
}

class PairEnd final : public Wire {
public:
	PairEnd(std::shared_ptr<PairLink> link, int side)
		: link_(std::move(link)), tx_(link_->ring[side]), rx_(link_->ring[1 - side]),
		  peer_(link_->present[1 - side]), side_(side), name_("pair:" + link_->name)
	{
	}

	~PairEnd() override
	{
		Registry &reg = registry();
		std::lock_guard lk(reg.mu);
		link_->present[side_].store(false, std::memory_order_release);
		if (!peer_.load(std::memory_order_acquire))
			reg.links.erase(link_->name);
	}

	size_t send(const FrameView *frames, size_t n) override
	{
		if (!peer_.load(std::memory_order_acquire)) {
			/* No link partner: the frames leave and reach nobody. */
			uint64_t bytes = 0;
			for (size_t i = 0; i < n; i++)
				bytes += frames[i].len;
			c_.tx_frames.add(n);
			c_.tx_bytes.add(bytes);
			c_.tx_dropped.add(n);
			return n;
		}
		return tx_.push_counted(frames, n, c_);
	}

	size_t recv(FrameSlot *slots, size_t n) override
	{
		return rx_.pop_counted(slots, n, c_);
	}

	bool carrier() const override { return peer_.load(std::memory_order_acquire); }
	/* Without a peer the frames go nowhere at once: never busy. */
	bool tx_busy() const override { return peer_.load(std::memory_order_acquire) && tx_.half_full(); }
	const char *name() const override { return name_.c_str(); }
	WireStats stats() const override { return c_.snapshot(); }

private:
	std::shared_ptr<PairLink> link_;
	FrameRing &tx_;
	FrameRing &rx_;
	const std::atomic<bool> &peer_;
	const int side_;
	const std::string name_;
	WireCounters c_;
};

} // namespace

std::unique_ptr<Wire> make_pair_wire(const std::string &name, size_t ring_bytes)
{
	if (name.empty())
		throw std::invalid_argument("pair wire: empty name");
	Registry &reg = registry();
	std::lock_guard lk(reg.mu);
	std::shared_ptr<PairLink> &link = reg.links[name];
	if (!link)
		link = std::make_shared<PairLink>(name, ring_bytes);
	int side;
	if (!link->present[0].load(std::memory_order_relaxed))
		side = 0;
	else if (!link->present[1].load(std::memory_order_relaxed))
		side = 1;
	else
		throw std::runtime_error("pair wire '" + name + "': both ends are already open");
	auto end = std::make_unique<PairEnd>(link, side);
	/*
	 * We are now the only consumer of the ring towards this end (the previous
	 * end, if any, left under the registry lock): drop what it never read.
	 */
	link->ring[1 - side].discard();
	link->present[side].store(true, std::memory_order_release);
	return end;
}

} // namespace tg57xx::sim
