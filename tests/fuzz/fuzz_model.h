/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The model as the fuzz targets drive it: a chip brought up the way tg3's
 * tg3_reset_hw does it (§12.3, through tests/model's qdriver), rings and
 * buffers in a FuzzArena (each buffer its own guarded region), a wire whose
 * receive side the target fills, and a consumer for the return ring that
 * checks what the model hands the host before a driver would trust it.
 */
#ifndef TG57XX_TESTS_FUZZ_MODEL_H
#define TG57XX_TESTS_FUZZ_MODEL_H

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "fuzz_arena.h"
#include "qdriver.h"
#include "tg57xx_sim/device.h"

namespace tg57xx::fuzz {

/* The medium: frames the target queued arrive on receive; transmitted frames are counted and dropped. */
class FuzzWire final : public sim::Wire {
public:
	size_t send(const sim::FrameView *frames, size_t n) override;
	size_t recv(sim::FrameSlot *slots, size_t n) override;
	const char *name() const override { return "fuzz"; }
	std::deque<std::vector<uint8_t>> rx;
	uint64_t tx_frames = 0;
};

struct ModelSetup {
	sim::Personality chip = sim::Personality::BCM57762;
	bool jumbo = false;          /* jumbo ring enabled (when the chip has one, §1.3) */
	uint32_t rx_mtu = 1500 + 22; /* MAC_RX_MTU_SIZE (§5.1) */
	uint32_t rx_mode_extra = 0;  /* RX_MODE bits on top of tg3's (e.g. KEEP_VLAN_TAG, PROMISC) */
};

/* Bits 0-1 of every model target's first input byte: bit 0 = BCM5720 (else BCM57762), bit 1 = jumbo ring. */
inline constexpr uint8_t kSetupChip5720 = 0x01;
inline constexpr uint8_t kSetupJumbo = 0x02;
inline ModelSetup model_setup(uint8_t setup)
{
	ModelSetup s;
	s.chip = (setup & kSetupChip5720) ? sim::Personality::BCM5720 : sim::Personality::BCM57762;
	s.jumbo = (setup & kSetupJumbo) != 0;
	return s;
}

class FuzzModel {
public:
	/* Ring geometry of the engine tests (tests/model/engine_util.h BringUp). */
	static constexpr uint32_t kStdSize = 512;
	static constexpr uint32_t kJmbSize = 256;
	static constexpr uint32_t kRetSize = 512;
	static constexpr uint32_t kTxSize = 512;
	static constexpr uint32_t kStdPosted = 64; /* buffers posted at bring-up (tg3 posts 200 of 512) */
	static constexpr uint32_t kJmbPosted = 16;
	static constexpr size_t kTxBufBytes = 64 * 1024;
	static constexpr size_t kArenaBytes = size_t{8} << 20;
	/* Station address of the fuzzed chip (frames to it pass the address filter). */
	static constexpr sim::MacAddress kMac = {0x00, 0x10, 0x18, 0xAB, 0xCD, 0x02};

	struct Layout {
		uint64_t tx_ring = 0, std_ring = 0, jmb_ring = 0, ret_ring = 0, sblk = 0, tx_bufs = 0;
		std::vector<uint64_t> std_bufs, jmb_bufs;
	};

	explicit FuzzModel(const ModelSetup &s);
	/* tg3's bring-up; false when the chip did not come up (a model bug for the targets). */
	bool bring_up();

	sim::Device &dev() { return *dev_; }
	sim::test::QDriver &q() { return *q_; }
	FuzzArena &arena() { return arena_; }
	/* One arena per process, reset per input: mapping 8 MiB afresh each time would dominate a run. */
	static FuzzArena &shared_arena();
	FuzzWire &wire() { return *wire_; }
	const Layout &layout() const { return lay_; }
	bool jumbo() const { return jumbo_; }

	/* Receive path as a driver consumes it: every new return BD is checked
	 * (ring and index of a posted buffer, length within that buffer) and the
	 * buffer posted again. Aborts with a message on a bad BD. Returns frames taken. */
	unsigned consume_rx();
	/* With TG57XX_FUZZ_VERBOSE set: one line of what the input did (seed corpus work). */
	void report(const char *target);

	/* Regions a target may scribble on (rings, status block, tx buffers, rx buffers). */
	struct Area {
		uint64_t iova;
		size_t len;
	};
	const std::vector<Area> &areas() const { return areas_; }

private:
	void post_std(uint32_t i);
	void post_jmb(uint32_t i);

	ModelSetup s_;
	FuzzArena &arena_;
	std::unique_ptr<sim::Device> dev_;
	std::unique_ptr<sim::test::QDriver> q_;
	FuzzWire *wire_ = nullptr;
	Layout lay_;
	std::vector<Area> areas_;
	bool jumbo_ = false;
	uint32_t std_prod_ = 0, jmb_prod_ = 0, ret_cons_ = 0;
	uint64_t rx_taken_ = 0;
};

} // namespace tg57xx::fuzz

#endif
