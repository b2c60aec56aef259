/* SPDX-License-Identifier: BSD-3-Clause */
/* Queue ops (tg57xx_queue.cpp). */
#ifndef TG57XX_QUEUE_H
#define TG57XX_QUEUE_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

uint16_t rx_ring_max(const Adapter &a);
/* Buffers a frame of MTU needs beyond one buf_len mbuf (0: fits one). */
uint16_t jumbo_segs_for(uint32_t buf_len, uint32_t mtu);
/* 0 if frames of `mtu` can be received into `buf_len` buffers on this port; else -EINVAL and one log line. */
int rx_frame_fits(rte_eth_dev *dev, uint32_t buf_len, uint32_t mtu);
/* Smallest buffer length among the RX queues set up (0: none). */
uint16_t rx_min_buf_len(rte_eth_dev *dev);
/* The shared producer rings (ref §10.6): allocated at probe for the chip's sizes, freed at close;
 * bufs_start sizes and fills them from the RX queues at dev_start (stop: bufs_release_mbufs). */
int bufs_alloc(rte_eth_dev *dev);
void bufs_free(rte_eth_dev *dev);
int bufs_start(rte_eth_dev *dev);
/* dev_start: every configured queue set up (-EINVAL + one log line otherwise). */
int queues_check(rte_eth_dev *dev);
/* dev_stop, before the engines stop: wait (bounded) until the chip has consumed
 * every send BD tx_burst handed it, so accepted packets go out; any it could not
 * send count in the queue's errors (oerrors). */
void txqs_drain(rte_eth_dev *dev);
/* Every mbuf the rings hold back to its pool (stop, failed start). */
void queues_release_mbufs(rte_eth_dev *dev);
int tg57xx_rx_queue_setup(rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc, unsigned socket,
			  const rte_eth_rxconf *conf, rte_mempool *mp);
int tg57xx_tx_queue_setup(rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc, unsigned socket,
			  const rte_eth_txconf *conf);
void tg57xx_rx_queue_release(rte_eth_dev *dev, uint16_t qid);
void tg57xx_tx_queue_release(rte_eth_dev *dev, uint16_t qid);
void tg57xx_rxq_info_get(rte_eth_dev *dev, uint16_t qid, rte_eth_rxq_info *qinfo);
void tg57xx_txq_info_get(rte_eth_dev *dev, uint16_t qid, rte_eth_txq_info *qinfo);
/* "Scalar Simple" / "Scalar" (rx), "Scalar Fast Free" / "Scalar" (tx): which fast path serves the queue. */
int tg57xx_rx_burst_mode_get(rte_eth_dev *dev, uint16_t qid, rte_eth_burst_mode *mode);
int tg57xx_tx_burst_mode_get(rte_eth_dev *dev, uint16_t qid, rte_eth_burst_mode *mode);
/* dev_start: the simple receive path when rx_path_simple() holds for the one RX queue, else the full one. */
eth_rx_burst_t rx_burst_fn(rte_eth_dev *dev);
uint32_t tg57xx_rx_queue_count(void *rxq);
int tg57xx_rx_descriptor_status(void *rxq, uint16_t offset);
int tg57xx_tx_descriptor_status(void *txq, uint16_t offset);
int tg57xx_tx_done_cleanup(void *txq, uint32_t free_cnt);

} // namespace tg57xx::pmd

#endif
