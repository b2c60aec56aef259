/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The model's ones'-complement sum (blocks/offload.cpp) against a plain
 * RFC 1071 reference: every length 0..200 and every start alignment, so the
 * word-at-a-time loop and its 0..7-byte tail cannot drift from the definition.
 */
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "offload.h"

namespace tg57xx::sim::test {
namespace {

/* RFC 1071 §4.1: big-endian 16-bit words, odd byte padded with zero, folded. */
uint16_t rfc1071_sum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	for (; len > 1; p += 2, len -= 2)
		sum += static_cast<uint32_t>(p[0] << 8 | p[1]);
	if (len == 1)
		sum += static_cast<uint32_t>(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return static_cast<uint16_t>(sum);
}

TEST(OffloadCsum, MatchesRfc1071ForEveryLengthAndAlignment)
{
	constexpr size_t kMaxLen = 200, kAlignments = 8;
	std::vector<uint8_t> buf(kMaxLen + kAlignments);
	uint32_t x = 12345;
	for (auto &b : buf) {
		x = x * 1103515245u + 12345u;
		b = static_cast<uint8_t>(x >> 16);
	}
	for (size_t off = 0; off < kAlignments; off++)
		for (size_t len = 0; len <= kMaxLen; len++)
			ASSERT_EQ(offload::csum_bytes(buf.data() + off, len), rfc1071_sum(buf.data() + off, len))
				<< "offset " << off << " length " << len;
}

TEST(OffloadCsum, KnownValues)
{
	/* RFC 1071 §3 example bytes: 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2. */
	const uint8_t rfc[] = {0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7};
	EXPECT_EQ(offload::csum_bytes(rfc, sizeof(rfc)), 0xDDF2);
	const uint8_t ff[7] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	EXPECT_EQ(offload::csum_bytes(ff, 6), 0xFFFF);
	EXPECT_EQ(offload::csum_bytes(ff, 7), 0xFF00); /* 3 x 0xFFFF + 0xFF00, folded */
}

} // namespace
} // namespace tg57xx::sim::test
