/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Log types: pmd.net.tg57xx.{init,driver,rx,tx} (RTE_LOG_DEFAULT_LOGTYPE is
 * pmd.net.tg57xx, set by meson). Data-path logs compile out unless
 * RTE_ETHDEV_DEBUG_RX / RTE_ETHDEV_DEBUG_TX are defined.
 */
#ifndef TG57XX_LOGS_H
#define TG57XX_LOGS_H

#include <rte_log.h>

extern int tg57xx_logtype_init;
extern int tg57xx_logtype_driver;
extern int tg57xx_logtype_rx;
extern int tg57xx_logtype_tx;

#define PMD_INIT_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, tg57xx_logtype_init, "%s(): " fmt "\n", __func__, ##__VA_ARGS__)
#define PMD_DRV_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, tg57xx_logtype_driver, "%s(): " fmt "\n", __func__, ##__VA_ARGS__)

#ifdef RTE_ETHDEV_DEBUG_RX
#define PMD_RX_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, tg57xx_logtype_rx, "%s(): " fmt "\n", __func__, ##__VA_ARGS__)
#else
#define PMD_RX_LOG(level, fmt, ...) do { } while (0)
#endif

#ifdef RTE_ETHDEV_DEBUG_TX
#define PMD_TX_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, tg57xx_logtype_tx, "%s(): " fmt "\n", __func__, ##__VA_ARGS__)
#else
#define PMD_TX_LOG(level, fmt, ...) do { } while (0)
#endif

#endif
