/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * How many queues a chip runs (ref §1.3, §10.6, §10.7, §10.8), without DPDK
 * so that the unit tests can check the rule for every family: RSS return
 * rings need the 57765_PLUS MSI-X path (tg3 SUPPORT_MSIX); TSS send rings
 * exist on 5719/5720 only. An MSI-only chip (5761) runs one of each.
 */
#ifndef TG57XX_QUEUE_CAPS_H
#define TG57XX_QUEUE_CAPS_H

#include <cstdint>

#include "tg57xx_chip.h"

namespace tg57xx::pmd {

constexpr bool chip_has_msix(const hw::ChipCaps &c) { return c.irq_max > 1; }
constexpr bool chip_has_rss(const hw::ChipCaps &c) { return chip_has_msix(c) && c.rss_rings != 0; }
constexpr uint16_t chip_max_rx_queues(const hw::ChipCaps &c) { return chip_has_rss(c) ? c.rss_rings : 1; }
constexpr uint16_t chip_max_tx_queues(const hw::ChipCaps &c) { return chip_has_msix(c) ? c.tx_rings : 1; }

} // namespace tg57xx::pmd

#endif
