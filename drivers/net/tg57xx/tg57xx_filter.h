/* SPDX-License-Identifier: BSD-3-Clause */
/* Receive-filter ops (tg57xx_filter.cpp, ref §5.1). */
#ifndef TG57XX_FILTER_H
#define TG57XX_FILTER_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

int tg57xx_promisc_enable(rte_eth_dev *dev);
int tg57xx_promisc_disable(rte_eth_dev *dev);
int tg57xx_allmulti_enable(rte_eth_dev *dev);
int tg57xx_allmulti_disable(rte_eth_dev *dev);
int tg57xx_set_mc_addr_list(rte_eth_dev *dev, rte_ether_addr *list, uint32_t n);
int tg57xx_mac_addr_set(rte_eth_dev *dev, rte_ether_addr *addr);

} // namespace tg57xx::pmd

#endif
