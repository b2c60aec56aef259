/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset timing and board GPIOs shared by the GRC block (core reset, local
 * control), the boot code and the APE's management firmware.
 */
#ifndef TG57XX_SIM_GRC_H
#define TG57XX_SIM_GRC_H

#include <cstdint>

#include "hw.h"

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

/*
 * Board GPIOs 0-2 (§5.11 GRC_LOCAL_CTRL output enables and outputs).
 *
 * LOM: the boot code drives GPIO1 high, the NVRAM write protect (tg3
 * get_invariants: "It is also used as eeprom write protect on LOMs"), and, in
 * the model, GPIO0 high for a board function (a BMC sideband enable); GPIO2
 * stays an input. tg3_reset_hw keeps whatever the boot code set ("The GPIOs,
 * whether used as inputs or outputs, are set by boot code after reset") and
 * lowers GPIO1 only around NVRAM writes (tg3_nvram_write_block).
 */
inline constexpr uint32_t kLomBootGpioDrive = hw::GRC_LCLCTRL_GPIO_OE0 | hw::GRC_LCLCTRL_GPIO_OUTPUT0 |
					      hw::TG3_GRC_LCLCTRL_EEPROM_WP;
/* What a driver must leave alone on a LOM: all of it but the write-protect level. */
inline constexpr uint32_t kLomGpioKeep = kLomBootGpioDrive & ~hw::GRC_LCLCTRL_GPIO_OUTPUT1;
inline constexpr uint32_t kGpioOutputEnables =
	hw::GRC_LCLCTRL_GPIO_OE0 | hw::GRC_LCLCTRL_GPIO_OE1 | hw::GRC_LCLCTRL_GPIO_OE2;

/* A write took the boot code's board GPIOs away: dropped a pin it drives (or
 * its level) or drove a pin it left an input. */
constexpr bool lom_gpio_clobbered(uint32_t before, uint32_t after)
{
	const bool kept_before = (before & kLomGpioKeep) == kLomGpioKeep;
	const bool kept_after = (after & kLomGpioKeep) == kLomGpioKeep;
	const uint32_t new_outputs = after & ~before & kGpioOutputEnables & ~kLomBootGpioDrive;
	return (kept_before && !kept_after) || new_outputs != 0;
}
static_assert(!lom_gpio_clobbered(kLomBootGpioDrive, kLomBootGpioDrive | hw::TG3_GRC_LOCAL_CTRL_INIT));
static_assert(!lom_gpio_clobbered(kLomBootGpioDrive, kLomBootGpioDrive & ~hw::GRC_LCLCTRL_GPIO_OUTPUT1));
static_assert(lom_gpio_clobbered(kLomBootGpioDrive, hw::TG3_GRC_LOCAL_CTRL_INIT));

/*
 * NIC: the power-source switch. Until a driver switches to Vmain the GPIOs
 * hold the drive tg3_pwrsrc_switch_to_vaux leaves (OE0-2, OUTPUT0 and 1 high,
 * OUTPUT2 low); tg3_pwrsrc_switch_to_vmain writes grc_local_ctrl, whose GPIO
 * bits on an add-in card are clear (tg3_get_invariants).
 */
inline constexpr uint32_t kNicVauxGpioDrive = kGpioOutputEnables | hw::GRC_LCLCTRL_GPIO_OUTPUT0 |
					      hw::GRC_LCLCTRL_GPIO_OUTPUT1;

} // namespace tg57xx::sim

#endif
