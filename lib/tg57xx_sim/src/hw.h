/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register names for the model: the shared register map in
 * drivers/common/tg57xx (names as in tg3.h / the reference TSV). The model
 * takes names and offsets from it; access types, reset values and behaviour
 * come from the reference and live in the blocks.
 */
#ifndef TG57XX_SIM_HW_H
#define TG57XX_SIM_HW_H

#include "tg57xx_chip.h"
#include "tg57xx_mii.h"
#include "tg57xx_regs.h"

namespace tg57xx::sim {
namespace hw = tg57xx::hw;
} // namespace tg57xx::sim

#endif
