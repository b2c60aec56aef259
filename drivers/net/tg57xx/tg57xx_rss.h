/* SPDX-License-Identifier: BSD-3-Clause */
/* RSS configuration and ops (tg57xx_rss.cpp, ref §10.6). */
#ifndef TG57XX_RSS_H
#define TG57XX_RSS_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

/* flow_type_rss_offloads: 0 on a chip without RSS. */
uint64_t rss_offloads(const Adapter &a);
/* dev_configure: mq_mode, key, hash types; the table follows the queue count. -errno + one log line. */
int rss_configure(rte_eth_dev *dev);
/* MAC_RX_MODE RSS bits for the current configuration (0: RSS off). */
uint32_t rss_rx_mode(const Adapter &a);
/* Register images: MAC_RSS_INDIR_TBL_0..15 (16 words), MAC_RSS_HASH_KEY_0..9 (10 words). */
void rss_indir_words(const Adapter &a, uint32_t *w);
void rss_key_words(const Adapter &a, uint32_t *w);

int tg57xx_reta_update(rte_eth_dev *dev, rte_eth_rss_reta_entry64 *conf, uint16_t size);
int tg57xx_reta_query(rte_eth_dev *dev, rte_eth_rss_reta_entry64 *conf, uint16_t size);
int tg57xx_rss_hash_update(rte_eth_dev *dev, rte_eth_rss_conf *rc);
int tg57xx_rss_hash_conf_get(rte_eth_dev *dev, rte_eth_rss_conf *rc);

} // namespace tg57xx::pmd

#endif
