/* SPDX-License-Identifier: BSD-3-Clause */
/* Reading a fuzz input as little-endian fields; past the end every read yields 0. */
#ifndef TG57XX_TESTS_FUZZ_INPUT_H
#define TG57XX_TESTS_FUZZ_INPUT_H

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tg57xx::fuzz {

class Input {
public:
	Input(const uint8_t *data, size_t size) : p_(data), left_(size) {}
	bool empty() const { return left_ == 0; }
	size_t left() const { return left_; }
	uint8_t u8() { return static_cast<uint8_t>(take(1)); }
	uint16_t u16() { return static_cast<uint16_t>(take(2)); }
	uint32_t u32() { return static_cast<uint32_t>(take(4)); }
	/* Up to n bytes into dst; returns how many were left to copy (the rest of dst is untouched). */
	size_t bytes(uint8_t *dst, size_t n)
	{
		const size_t k = n < left_ ? n : left_;
		if (k != 0)
			std::memcpy(dst, p_, k);
		p_ += k;
		left_ -= k;
		return k;
	}

private:
	uint64_t take(size_t n)
	{
		uint64_t v = 0;
		for (size_t i = 0; i < n && left_ != 0; i++, left_--)
			v |= uint64_t{*p_++} << (8 * i);
		return v;
	}
	const uint8_t *p_;
	size_t left_;
};

} // namespace tg57xx::fuzz

#endif
