/* SPDX-License-Identifier: BSD-3-Clause */
/* Log type of the chip-model vdev: pmd.net.tg57xx.sim (RTE_LOG_DEFAULT_LOGTYPE, set by meson). */
#ifndef TG57XX_SIM_LOG_H
#define TG57XX_SIM_LOG_H

#include <rte_log.h>

extern int tg57xx_sim_logtype;

#define SIM_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, tg57xx_sim_logtype, "%s(): " fmt "\n", __func__, ##__VA_ARGS__)

#endif
