/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compile-time consistency checks of the register-name tables, evaluated once
 * per build instead of in every translation unit including tg57xx_regs.h.
 */
#include "tg57xx_regs.h"

namespace tg57xx::hw {

static_assert(detail::reg_names_sorted_disjoint(),
	"kRegisterNames must be sorted by offset, without duplicates or overlaps");
static_assert(detail::reg_arrays_consistent(),
	"kRegisterArrays must be sorted, match their helpers and not overlap any register");

static_assert(detail::every_block_has_a_section(), "every block of the tables needs its kBlockSections row");

} // namespace tg57xx::hw
