/* SPDX-License-Identifier: BSD-3-Clause */
/* Statistics (tg57xx_stats.cpp; ref §5.2): MAC/RCVLPC counter accumulation and the stats ops. */
#ifndef TG57XX_STATS_H
#define TG57XX_STATS_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

/* Add the chip's 32-bit clear-on-read counters to the port's 64-bit totals
 * (the link alarm every second, stop, and every stats read while started). */
void accumulate_mac_stats(Adapter *a);

int tg57xx_stats_get(rte_eth_dev *dev, rte_eth_stats *st);
int tg57xx_stats_reset(rte_eth_dev *dev);
int tg57xx_xstats_get(rte_eth_dev *dev, rte_eth_xstat *xs, unsigned n);
int tg57xx_xstats_get_names(rte_eth_dev *dev, rte_eth_xstat_name *names, unsigned n);
int tg57xx_xstats_reset(rte_eth_dev *dev);

} // namespace tg57xx::pmd

#endif
