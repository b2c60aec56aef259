/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host memory for the fuzz targets: a few separately mapped regions (rings,
 * status block, buffers) and the model's DMA translator over them.
 *
 * A DMA request is honoured only when [iova, iova+len) lies inside one
 * region; anything else is refused (the model must count it as a master
 * abort, §5.9, and go on). All host memory starts poisoned for
 * AddressSanitizer: a translation unpoisons exactly the bytes it grants, and
 * the host side unpoisons what it touches itself (touch()). So a model that
 * uses a translated pointer past the length it asked for - writing a frame
 * longer than the transfer, reading a BD past the fetched run - is an ASan
 * report at once, as is anything between the regions: that is the "DMA
 * outside mapped memory" the targets assert on. (Granularity: ASan tracks
 * 8-byte granules, so an overrun is exact at the end of a grant, and a
 * grant starting mid-granule also opens the bytes before it in its granule.)
 * A request longer than any host structure of these chips (kMaxDmaLen) is a
 * length computed from garbage and aborts the target too; an empty one is
 * refused. Without ASan (the replay tests of the normal build) the checks
 * are the translator's alone.
 */
#ifndef TG57XX_TESTS_FUZZ_ARENA_H
#define TG57XX_TESTS_FUZZ_ARENA_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "tg57xx_sim/device.h"

namespace tg57xx::fuzz {

class FuzzArena {
public:
	/* Larger than any ring (5720 return ring: 4096 x 32 B = 128 KiB, §1.3) or frame. */
	static constexpr size_t kMaxDmaLen = size_t{1} << 20;
	/* Poisoned bytes between regions (ASan reports any access in them). */
	static constexpr size_t kGuardBytes = 256;

	explicit FuzzArena(size_t bytes);
	~FuzzArena();
	FuzzArena(const FuzzArena &) = delete;
	FuzzArena &operator=(const FuzzArena &) = delete;

	/* A new mapped region of `bytes` (zeroed, poisoned); returns its IOVA, 0 when full. */
	uint64_t map(size_t bytes, size_t align = kPageAlign);
	static constexpr size_t kPageAlign = 4096; /* rings: tg3 allocates them page aligned */
	/* Unmap every region (a new input maps its own, zeroed, at the same places). */
	void reset();
	void *host(uint64_t iova) const { return reinterpret_cast<void *>(iova); }
	/* The host side's own access to [iova, iova+len): unpoisons it. */
	template <class T>
	T *touch(uint64_t iova, size_t len = sizeof(T)) const
	{
		unpoison(iova, len);
		return static_cast<T *>(host(iova));
	}
	/* The mapped region holding [iova, iova+len), or -1. */
	int region_of(uint64_t iova, size_t len) const;
	uint64_t base() const { return reinterpret_cast<uint64_t>(mem_.get()); }
	size_t size() const { return size_; }
	uint64_t refused() const { return refused_; }

	void attach(sim::Device &dev) { dev.set_dma_translator(&FuzzArena::translate, this); }
	static void *translate(void *ctx, uint64_t iova, size_t len);

private:
	static void unpoison(uint64_t iova, size_t len);
	struct Region {
		uint64_t iova;
		size_t len;
	};
	std::unique_ptr<uint8_t[]> mem_;
	size_t size_;
	size_t used_ = 0;
	std::vector<Region> regions_;
	uint64_t refused_ = 0;
};

} // namespace tg57xx::fuzz

#endif
