/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multicast hash filter index (ref §5.1; tg3.c calc_crc / __tg3_set_rx_mode;
 * FreeBSD bge_setmulti). Used by the PMD to program MAC_HASH_REG_0..3 and by
 * the chip model to filter. Hardware description only.
 *
 *   crc   = standard Ethernet CRC-32 (reflected CRC32_POLY_LE, init ~0, final
 *           complement; what zlib.crc32() returns)
 *   index = (~crc) & 0x7F, i.e. the low 7 bits of the un-complemented CRC
 *           register (FreeBSD ether_crc32_le(addr) & 0x7F)
 *   reg   = MAC_HASH_REG_0 + 4 * ((index >> 5) & 3), bit = index & 0x1F
 */
#ifndef TG57XX_BASE_HASH_H
#define TG57XX_BASE_HASH_H

#include <cstddef>
#include <cstdint>
#include <span>

#include "tg57xx_regs.h"

namespace tg57xx::hw {

inline constexpr uint32_t CRC32_POLY_LE = 0xEDB88320;
inline constexpr uint32_t TG3_MC_HASH_INDEX_MASK = 0x7F;   /* 128 filter bits */
inline constexpr uint32_t TG3_MC_HASH_BITS_PER_REG = 32;

/* Reflected CRC-32 register after `data`, without the final complement
 * (FreeBSD ether_crc32_le). */
constexpr uint32_t ether_crc32_le(std::span<const uint8_t> data)
{
	uint32_t crc = 0xFFFFFFFF;
	for (uint8_t byte : data) {
		crc ^= byte;
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ ((crc & 1) ? CRC32_POLY_LE : 0);
	}
	return crc;
}

/* Hash filter bit 0..127 of a multicast address. */
constexpr uint32_t mc_hash_index(std::span<const uint8_t, ETH_ADDR_LEN> addr)
{
	return ether_crc32_le(addr) & TG3_MC_HASH_INDEX_MASK;
}
/* Register, bit number and bit mask holding filter bit `index`. */
constexpr uint32_t mc_hash_reg(uint32_t index)
{
	return MAC_HASH_REG((index >> 5) & (TG3_NUM_MAC_HASH_REGS - 1));
}
constexpr uint32_t mc_hash_bit(uint32_t index)
{
	return index % TG3_MC_HASH_BITS_PER_REG;
}
constexpr uint32_t mc_hash_mask(uint32_t index)
{
	return 1u << mc_hash_bit(index);
}

/*
 * RSS (ref §10.6): the Toeplitz key of Microsoft's "Verifying the RSS Hash
 * Calculation" (the key its published test vectors use). The PMD's default
 * key; the model and PMD tests check hashes against those vectors.
 */
inline constexpr unsigned RSS_KEY_LEN = 4 * TG3_NUM_RSS_HASH_KEY_REGS;
inline constexpr uint8_t RSS_MS_VERIFY_KEY[RSS_KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
	0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
	0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

} // namespace tg57xx::hw

#endif
