/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Vectors, status blocks and interrupts (tg57xx_intr.cpp): the queue-to-ring-
 * to-vector layout, per-vector status blocks, link-change interrupts on
 * vector 0 and RX queue interrupts on the ring vectors, through the device's
 * rte_intr_handle (vfio-pci MSI-X, or the chip-model vdev's eventfds).
 */
#ifndef TG57XX_INTR_H
#define TG57XX_INTR_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

/* Queues this chip can run (ref §1.3: RSS rings with MSI-X; TSS rings on 5719/5720). */
uint16_t max_rx_queues(const Adapter &a);
uint16_t max_tx_queues(const Adapter &a);
/* The device's interrupt handle can deliver MSI-X vectors to eventfds. */
bool intr_usable(const rte_eth_dev *dev);

/* Probe: one status-block memzone per vector; the vector-0 handler registered. */
int vectors_alloc(rte_eth_dev *dev);
void vectors_free(rte_eth_dev *dev);
int intr_init(rte_eth_dev *dev);
void intr_uninit(rte_eth_dev *dev);

/* dev_configure: refuse what the chip or the interrupt handle cannot do (-errno + one log line). */
int layout_check(rte_eth_dev *dev);
/* dev_start: decide the layout, point the queues at their words, fill hw_init's part. */
void layout_start(rte_eth_dev *dev, InitParams &p);
/* After hw_init: eventfds, vector list, MSI-X enable, vector 0 unmasked for link changes. */
int intr_start(rte_eth_dev *dev);
/* dev_stop, before the chip is halted. */
void intr_stop(rte_eth_dev *dev);

int tg57xx_rx_queue_intr_enable(rte_eth_dev *dev, uint16_t qid);
int tg57xx_rx_queue_intr_disable(rte_eth_dev *dev, uint16_t qid);

/* Interrupt counters as extended statistics (after the MAC counters). */
unsigned intr_xstats_count();
void intr_xstats_names(rte_eth_xstat_name *names);
void intr_xstats_values(const Adapter &a, uint64_t *values);

} // namespace tg57xx::pmd

#endif
