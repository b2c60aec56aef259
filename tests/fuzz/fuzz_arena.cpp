/* SPDX-License-Identifier: BSD-3-Clause */
#include "fuzz_arena.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TG57XX_FUZZ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TG57XX_FUZZ_ASAN 1
#endif
#ifdef TG57XX_FUZZ_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace tg57xx::fuzz {

FuzzArena::FuzzArena(size_t bytes) : mem_(new uint8_t[bytes]()), size_(bytes)
{
	POISON(mem_.get(), size_);
}

FuzzArena::~FuzzArena()
{
	UNPOISON(mem_.get(), size_);
}

uint64_t FuzzArena::map(size_t bytes, size_t align)
{
	const uint64_t start = (base() + used_ + kGuardBytes + align - 1) & ~uint64_t{align - 1};
	const size_t end = static_cast<size_t>(start - base()) + bytes;
	if (end + kGuardBytes > size_)
		return 0;
	used_ = end;
	UNPOISON(host(start), bytes);
	std::memset(host(start), 0, bytes);
	POISON(host(start), bytes);
	regions_.push_back(Region{start, bytes});
	return start;
}

void FuzzArena::reset()
{
	POISON(mem_.get(), used_);
	used_ = 0;
	regions_.clear();
	refused_ = 0;
}

int FuzzArena::region_of(uint64_t iova, size_t len) const
{
	for (size_t i = 0; i < regions_.size(); i++) {
		const Region &r = regions_[i];
		if (iova >= r.iova && len <= r.len && iova - r.iova <= r.len - len)
			return static_cast<int>(i);
	}
	return -1;
}

void *FuzzArena::translate(void *ctx, uint64_t iova, size_t len)
{
	auto *a = static_cast<FuzzArena *>(ctx);
	if (len > kMaxDmaLen) {
		std::fprintf(stderr, "fuzz: the model asked to DMA %zu bytes at 0x%llx\n", len,
			     static_cast<unsigned long long>(iova));
		std::abort();
	}
	if (a->region_of(iova, len) < 0) {
		a->refused_++;
		return nullptr;
	}
	unpoison(iova, len);
	return a->host(iova);
}

void FuzzArena::unpoison(uint64_t iova, size_t len)
{
	UNPOISON(reinterpret_cast<void *>(iova), len);
}

} // namespace tg57xx::fuzz
