/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multicast hash filter (ref §5.1 test vectors).
 */
#include <array>
#include <cstdint>

#include <gtest/gtest.h>

#include "tg57xx_hash.h"

using namespace tg57xx::hw;

TEST(McHash, ReferenceVectors)
{
	const struct {
		uint8_t addr[6];
		uint32_t index, reg, bit;
	} vectors[] = {
		{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}, 126, 0x47C, 30}, /* HASH_REG_3 bit 30 */
		{{0x33, 0x33, 0x00, 0x00, 0x00, 0x01}, 31, 0x470, 31},  /* HASH_REG_0 bit 31 */
		{{0x33, 0x33, 0xff, 0x00, 0x00, 0x01}, 110, 0x47C, 14}, /* HASH_REG_3 bit 14 */
		{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}, 102, 0x47C, 6},  /* HASH_REG_3 bit 6 */
		{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 127, 0x47C, 31}, /* HASH_REG_3 bit 31 */
	};
	for (const auto &v : vectors) {
		const uint32_t index = mc_hash_index(v.addr);
		EXPECT_EQ(index, v.index);
		EXPECT_EQ(mc_hash_reg(index), v.reg) << index;
		EXPECT_EQ(mc_hash_bit(index), v.bit) << index;
		EXPECT_EQ(mc_hash_mask(index), 1u << v.bit) << index;
	}
	static_assert(mc_hash_index(std::array<uint8_t, 6>{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}) == 126);
}

/* ether_crc32_le is the CRC register before the final complement: the
 * standard CRC-32 check value of "123456789" is 0xCBF43926. */
TEST(McHash, Crc32CheckValue)
{
	const uint8_t msg[] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
	EXPECT_EQ(~ether_crc32_le(msg), 0xCBF43926u);
}
