/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fault recovery (tg57xx_recover.cpp): error attentions and TX timeouts found
 * by the link alarm end in RTE_ETH_EVENT_INTR_RESET; the application answers
 * with rte_eth_dev_reset (dev_reset below) and rte_eth_dev_start.
 */
#ifndef TG57XX_RECOVER_H
#define TG57XX_RECOVER_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

/* Link alarm, every tick_ms while the port runs: tg3_process_error and tg3_tx_timeout. */
void recover_poll(rte_eth_dev *dev, unsigned tick_ms);
/* dev_start: a fresh start forgets what came before. */
void recover_start(rte_eth_dev *dev);
/* dev_reset (rte_eth_dev_reset has stopped the port): re-initialise, keep the configuration. */
int tg57xx_dev_reset(rte_eth_dev *dev) noexcept;

/* Recovery counters as extended statistics (after the interrupt counters). */
unsigned recover_xstats_count();
void recover_xstats_names(rte_eth_xstat_name *names);
void recover_xstats_values(const Adapter &a, uint64_t *values);

} // namespace tg57xx::pmd

#endif
