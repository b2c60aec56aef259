/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register-field helpers shared by the register map, the descriptor formats
 * and the chip model. Hardware description only: no DPDK, no OS.
 *
 * A field is named by its mask (tg3.h style: `TX_LENGTHS_IPG_MASK`); the shift
 * is derived from the mask, so no separate *_SHIFT constant is needed (tg3's
 * shifts are still provided where tg3.h names them).
 *
 *   field_get(TX_LENGTHS_IPG_MASK, reg)      -> value of bits 11:8
 *   field_set(TX_LENGTHS_IPG_MASK, 6)        -> 0x00000600
 *   field_replace(reg, TX_LENGTHS_IPG_MASK, 6)
 *
 * Out-of-range values are a compile error whenever the call is constant
 * evaluated (constexpr variables, static_assert, template arguments): the
 * check calls a function that is deliberately not constexpr, and the
 * compiler names it in the diagnostic. At run time the value is truncated to
 * the field width, exactly like the C macros it replaces.
 */
#ifndef TG57XX_BASE_FIELD_H
#define TG57XX_BASE_FIELD_H

#include <bit>
#include <cstdint>
#include <type_traits>

namespace tg57xx::hw {

namespace detail {
/* Deliberately not constexpr: reaching one of these while constant
 * evaluating is a compile error that carries the function's name. */
inline void field_value_does_not_fit_mask() noexcept {}
inline void field_mask_is_empty_or_not_contiguous() noexcept {}
inline void register_instance_index_out_of_range() noexcept {}
inline void encoding_argument_out_of_range() noexcept {}

/* A mask is usable when it is non-zero and its set bits are contiguous. */
constexpr bool mask_is_contiguous(uint32_t mask)
{
	if (mask == 0)
		return false;
	const uint32_t low = mask >> std::countr_zero(mask);
	return (low & (low + 1)) == 0;
}

/* Compile-time bounds check for NAME(n) register helpers. */
constexpr void check_index(unsigned n, unsigned count)
{
	if (n >= count && std::is_constant_evaluated())
		register_instance_index_out_of_range();
}

/* Compile-time argument check for the encoding helpers. */
constexpr void check_arg(bool ok)
{
	if (!ok && std::is_constant_evaluated())
		encoding_argument_out_of_range();
}
} // namespace detail

/* Shift of a field: position of the lowest set bit of its mask. */
constexpr unsigned field_shift(uint32_t mask)
{
	if (!detail::mask_is_contiguous(mask) && std::is_constant_evaluated())
		detail::field_mask_is_empty_or_not_contiguous();
	return static_cast<unsigned>(std::countr_zero(mask)) & 31u;
}

/* Largest value the field can hold. */
constexpr uint32_t field_max(uint32_t mask)
{
	return mask >> field_shift(mask);
}

/* Extract the field `mask` from register value `reg`. */
constexpr uint32_t field_get(uint32_t mask, uint32_t reg)
{
	return (reg & mask) >> field_shift(mask);
}

/* Place `value` into field `mask` (other bits zero). */
constexpr uint32_t field_set(uint32_t mask, uint32_t value)
{
	if (value > field_max(mask) && std::is_constant_evaluated())
		detail::field_value_does_not_fit_mask();
	return (value << field_shift(mask)) & mask;
}

/* Replace field `mask` of `reg` by `value`, preserving every other bit. */
constexpr uint32_t field_replace(uint32_t reg, uint32_t mask, uint32_t value)
{
	return (reg & ~mask) | field_set(mask, value);
}

/* Does `value` fit into field `mask`? (run-time friendly form of the check) */
constexpr bool field_fits(uint32_t mask, uint32_t value)
{
	return value <= field_max(mask);
}

} // namespace tg57xx::hw

#endif
