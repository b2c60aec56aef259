/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * APE lock ownership, shared by the APE block and the blocks whose registers
 * the management firmware shares with the driver (GRC local control GPIOs).
 */
#ifndef TG57XX_SIM_APE_H
#define TG57XX_SIM_APE_H

#include <cstdint>

#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

/* Every requester bit a driver may use (tg3_ape_lock_bit): the driver bit or 1 << function 1..3. */
inline constexpr uint32_t kApeDriverLockBits = hw::APE_LOCK_PER_REQ_DRIVER | 1u << 1 | 1u << 2 | 1u << 3;

/* The driver holds APE lock `lock` (TG3_APE_PER_LOCK_GRANT + 4n). */
inline bool ape_driver_holds(Chip &chip, unsigned lock)
{
	return (chip.ape().get(hw::TG3_APE_LOCK_GRANT_REG(lock)) & kApeDriverLockBits) != 0;
}

} // namespace tg57xx::sim

#endif
