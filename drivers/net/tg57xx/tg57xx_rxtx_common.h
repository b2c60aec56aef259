/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the receive (tg57xx_rxtx.cpp) and transmit (tg57xx_tx.cpp) burst
 * code share: ring arithmetic and the paired BD word stores. Internal to the
 * PMD's fast path.
 */
#ifndef TG57XX_RXTX_COMMON_H
#define TG57XX_RXTX_COMMON_H

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "tg57xx_desc.h"

namespace tg57xx::pmd::fp {

/* RX: FCS the chip leaves in the reported length (ref §8.4). */
inline constexpr uint16_t kFcsLen = hw::ETH_FCS_LEN;
/* TX: the 5755_PLUS SHORT_DMA_BUG: no BD of 8 bytes or less (ref §15). */
inline constexpr uint16_t kShortDmaMax = 8;

inline uint16_t ring_count(uint16_t head, uint16_t tail, uint16_t mask)
{
	return static_cast<uint16_t>((head - tail) & mask);
}

/*
 * Two adjacent 32-bit words in one 64-bit store: BD words (host order, ref
 * §8: addr_hi then addr_lo; len_flags then vlan_tag), what TxBd::set /
 * RxBd::set_addr write, in half the stores; or two mbuf fields. Little-endian
 * hosts only (x86, arm64 as DPDK builds them): the first word is the low half.
 */
static_assert(std::endian::native == std::endian::little, "the BD pair stores assume a little-endian host");
inline void store_words(void *first_word, uint32_t first, uint32_t second)
{
	const uint64_t v = (uint64_t{second} << 32) | first;
	std::memcpy(first_word, &v, sizeof(v));
}
static_assert(offsetof(hw::RxBd, addr_lo) == offsetof(hw::RxBd, addr_hi) + sizeof(uint32_t));
static_assert(offsetof(hw::TxBd, addr_lo) == offsetof(hw::TxBd, addr_hi) + sizeof(uint32_t) &&
	      offsetof(hw::TxBd, len_flags) == offsetof(hw::TxBd, addr_lo) + sizeof(uint32_t) &&
	      offsetof(hw::TxBd, vlan_tag) == offsetof(hw::TxBd, len_flags) + sizeof(uint32_t));
inline void bd_set_addr(uint32_t *addr_hi, uint64_t a)
{
	store_words(addr_hi, hw::detail::addr_hi(a), hw::detail::addr_lo(a));
}

} // namespace tg57xx::pmd::fp

#endif
