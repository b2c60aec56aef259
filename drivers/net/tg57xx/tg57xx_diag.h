/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Diagnostics and link-control ops: register dump, NVRAM (EEPROM) reads,
 * identification LEDs (tg57xx_diag.cpp); flow control (tg57xx_fc.cpp);
 * the tg57xx telemetry commands (tg57xx_telemetry.cpp).
 */
#ifndef TG57XX_DIAG_H
#define TG57XX_DIAG_H

#include <cstdint>

#include <ethdev_driver.h>

#include "tg57xx_hw.h"

namespace tg57xx::pmd {

/* Register dump: the 32 KiB below the SRAM window (hw::TG3_REG_BLK_SIZE), 32-bit words. */
inline constexpr uint32_t kRegDumpWidth = sizeof(uint32_t);
inline constexpr uint32_t kRegDumpWords = hw::TG3_REG_BLK_SIZE / kRegDumpWidth;

/* Does the dump read this word? (A register of the map covers it and a read does not clear it.) */
bool reg_dump_reads(uint32_t off);

int tg57xx_get_reg(rte_eth_dev *dev, rte_dev_reg_info *regs) noexcept;
int tg57xx_get_eeprom_length(rte_eth_dev *dev) noexcept;
int tg57xx_get_eeprom(rte_eth_dev *dev, rte_dev_eeprom_info *info) noexcept;
int tg57xx_dev_led_on(rte_eth_dev *dev) noexcept;
int tg57xx_dev_led_off(rte_eth_dev *dev) noexcept;
int tg57xx_flow_ctrl_get(rte_eth_dev *dev, rte_eth_fc_conf *fc) noexcept;
int tg57xx_flow_ctrl_set(rte_eth_dev *dev, rte_eth_fc_conf *fc) noexcept;

/* NVRAM size in bytes (tg3_get_nvram_size), read once and cached in h. */
uint32_t nvram_size(Hw &h);

} // namespace tg57xx::pmd

#endif
