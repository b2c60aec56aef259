/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset timing shared by the GRC block (core reset) and the boot code.
 */
#ifndef TG57XX_SIM_GRC_H
#define TG57XX_SIM_GRC_H

#include <cstdint>

namespace tg57xx::sim {

/*
 * How long BAR0 is dead after GRC_MISC_CFG_CORECLK_RESET (§12.2 step 7). tg3
 * waits 120 µs, flushes with a config read, waits 120 µs more and then uses
 * MMIO again (MEMARB_MODE, step 10); FreeBSD waits 1 ms (100 ms on PCIe) and
 * Thundergate 1 ms. 100 µs satisfies all three.
 */
inline constexpr uint64_t kCoreResetWindowNs = 100'000;

/*
 * Boot code run time from the reset write to ~MAGIC1 in 0xB50 (§6.2 step 3).
 * Drivers poll up to 1 s (tg3, FreeBSD) or 5 s (Thundergate); "a few ms" is
 * plausible for a ROM/NVRAM boot and forces a driver to really poll.
 */
inline constexpr uint64_t kBootcodeRunNs = 2'000'000;
static_assert(kBootcodeRunNs > kCoreResetWindowNs, "boot code runs after the core is out of reset");

} // namespace tg57xx::sim

#endif
