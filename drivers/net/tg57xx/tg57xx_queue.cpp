/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Queue setup, release and introspection (control path). Rings are reserved
 * with rte_eth_dma_zone_reserve under the names testpmd's `read rxd/txd`
 * expect ("rx_ring", "tx_ring").
 */
#include <cerrno>
#include <cstring>

#include <rte_malloc.h>

#include "tg57xx_ethdev.h"
#include "tg57xx_hw.h"
#include "tg57xx_logs.h"
#include "tg57xx_offload.h"
#include "tg57xx_queue.h"
#include "tg57xx_regs.h"
#include "tg57xx_rxtx.h"

namespace tg57xx::pmd {

namespace {

/* Smallest ring we accept: a burst of 32 must fit with room to spare. */
constexpr uint16_t kMinRingEntries = 64;
/* Least ring memory alignment (a cache line; the chip needs 8 bytes); dma_align_within_4g raises it. */
constexpr unsigned kRingAlign = RTE_CACHE_LINE_SIZE;
/* TX reclaim threshold: reclaim when fewer free BDs than this. */
constexpr uint16_t kTxFreeThreshDefault = 64;
/* The std-ring buffer size field is 14 bits (MAXLEN_FLAGS[15:2], ref §7.2). */
constexpr uint32_t kStdBufLenMax = 0x3FFF;

bool pow2(uint16_t n) { return n != 0 && (n & (n - 1)) == 0; }

/* TX drain at dev_stop: poll the send consumer this often; give up when it
 * has not moved for kTxDrainStallUs or after kTxDrainMaxUs in all. tg3 does
 * not drain (tg3_abort_hw stops the blocks, each within tg3_stop_block's
 * MAX_WAIT_CNT x 100 us, ref §13, and frees what is left); this courtesy
 * wait costs a stopped-but-stuck chip (link down, held off by XOFF) at most
 * kTxDrainStallUs. The stall window is far longer than a frame's time on the
 * wire (a 9000-byte frame takes 7.3 ms at 10 Mbit/s) so that a sender that is
 * merely slow to be scheduled (the chip model on a loaded host) still
 * finishes; the total bounds a full ring at a slow link. */
constexpr unsigned kTxDrainPollUs = 10;
constexpr unsigned kTxDrainStallUs = 100 * 1000;
constexpr unsigned kTxDrainMaxUs = 1000 * 1000;

/* Wait until the chip consumed every BD handed to it; the packets it did not (ref §14.1). */
uint32_t txq_drain(TxQueue *q)
{
	if (q == nullptr || !q->started || q->hw_cons == nullptr)
		return 0;
	uint16_t last = *q->hw_cons;
	unsigned idle = 0, total = 0;
	while (last != q->prod && idle < kTxDrainStallUs && total < kTxDrainMaxUs) {
		udelay(kTxDrainPollUs);
		idle += kTxDrainPollUs;
		total += kTxDrainPollUs;
		const uint16_t now = *q->hw_cons;
		if (now != last) {
			last = now;
			idle = 0;
		}
	}
	/* A packet's mbufs sit at its last BD: one there for each packet not (fully) sent. */
	uint32_t unsent = 0;
	for (uint16_t i = last; i != q->prod; i = (i + 1) & kSendRingMask)
		unsent += q->sw[i] != nullptr;
	return unsent;
}

} // namespace

void txqs_drain(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	for (uint16_t t = 0; t < dev->data->nb_tx_queues; t++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[t]);
		const uint32_t unsent = txq_drain(txq);
		if (unsent == 0)
			continue;
		txq->errors += unsent;
		PMD_DRV_LOG(WARNING, "%s: tx queue %u: %u packets not sent by the chip at stop (counted in oerrors)",
			    a->name, t, unsent);
	}
}

uint16_t jumbo_segs_for(uint32_t buf_len, uint32_t mtu)
{
	uint32_t frame = mtu + hw::TG3_RX_MTU_OVERHEAD;
	return frame <= buf_len ? 0 : static_cast<uint16_t>((frame + buf_len - 1) / buf_len);
}

int rx_frame_fits(rte_eth_dev *dev, uint32_t buf_len, uint32_t mtu)
{
	Adapter *a = adapter_of(dev);
	uint32_t frame = mtu + hw::TG3_RX_MTU_OVERHEAD;
	uint16_t segs = jumbo_segs_for(buf_len, mtu);
	if (segs == 0)
		return 0;
	if (a->hw.chip.caps->jumbo_ring_entries == 0) {
		PMD_DRV_LOG(ERR, "%s: a %u-byte frame (MTU %u) does not fit a %u-byte mbuf and this chip has no jumbo ring",
			    a->name, frame, mtu, buf_len);
		return -EINVAL;
	}
	if (!(dev->data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_SCATTER)) {
		PMD_DRV_LOG(ERR, "%s: MTU %u needs %u-byte frames in %u-byte mbufs: enable RTE_ETH_RX_OFFLOAD_SCATTER",
			    a->name, mtu, frame, buf_len);
		return -EINVAL;
	}
	if (segs > kJmbSegsMax) {
		PMD_DRV_LOG(ERR, "%s: MTU %u needs %u mbufs of %u bytes per frame; a jumbo BD holds %u (ref §8.3)",
			    a->name, mtu, segs, buf_len, kJmbSegsMax);
		return -EINVAL;
	}
	return 0;
}

uint16_t rx_ring_max(const Adapter &a) { return a.hw.chip.caps->std_ring_entries; }

void tg57xx_rx_queue_release(rte_eth_dev *dev, uint16_t qid)
{
	auto *q = static_cast<RxQueue *>(dev->data->rx_queues[qid]);
	if (q == nullptr)
		return;
	rte_memzone_free(q->ret_mz);
	rte_free(q);
	dev->data->rx_queues[qid] = nullptr;
}

/* ---- the shared producer rings (ref §10.6): sized for the chip once, at probe ---- */

int bufs_alloc(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	const hw::ChipCaps &caps = *a->hw.chip.caps;
	int socket = dev->device->numa_node < 0 ? SOCKET_ID_ANY : dev->device->numa_node;
	auto *b = static_cast<RxBufRing *>(rte_zmalloc_socket("tg57xx_bufs", sizeof(RxBufRing), RTE_CACHE_LINE_SIZE,
							      socket));
	if (b == nullptr)
		return -ENOMEM;
	a->bufs = b;
	const size_t std_bytes = sizeof(hw::RxBd) * caps.std_ring_entries;
	b->std_mz = rte_eth_dma_zone_reserve(dev, "rx_ring", 0, std_bytes, dma_align_within_4g(std_bytes, kRingAlign),
					     socket);
	b->std_sw = static_cast<uintptr_t *>(rte_zmalloc_socket(
		"tg57xx_bufs_sw", sizeof(uintptr_t) * caps.std_ring_entries, RTE_CACHE_LINE_SIZE, socket));
	bool ok = b->std_mz != nullptr && b->std_sw != nullptr;
	if (ok && caps.jumbo_ring_entries != 0) {
		b->jmb_entries = caps.jumbo_ring_entries;
		b->jmb_mask = b->jmb_entries - 1;
		b->jmb_posted = RTE_MIN(kJmbPostedMax, static_cast<uint16_t>(b->jmb_entries - 1));
		const size_t jmb_bytes = sizeof(hw::ExtRxBd) * b->jmb_entries;
		b->jmb_mz = rte_eth_dma_zone_reserve(dev, "rx_jmb_ring", 0, jmb_bytes,
						     dma_align_within_4g(jmb_bytes, kRingAlign), socket);
		b->jmb_sw = static_cast<uintptr_t *>(rte_zmalloc_socket(
			"tg57xx_bufs_jsw", sizeof(uintptr_t) * b->jmb_entries * kJmbSegsMax, RTE_CACHE_LINE_SIZE, socket));
		ok = b->jmb_mz != nullptr && b->jmb_sw != nullptr;
	}
	if (!ok) {
		PMD_INIT_LOG(ERR, "%s: cannot allocate the receive producer rings", a->name);
		bufs_free(dev);
		return -ENOMEM;
	}
	b->std_ring = static_cast<hw::RxBd *>(b->std_mz->addr);
	b->jmb_ring = b->jmb_mz != nullptr ? static_cast<hw::ExtRxBd *>(b->jmb_mz->addr) : nullptr;
	b->std_prod_mbox = mbox_word(hw_io(a->hw), hw::MAILBOX_RCV_STD_PROD_IDX + hw::TG3_64BIT_REG_LOW);
	b->jmb_prod_mbox = mbox_word(hw_io(a->hw), hw::MAILBOX_RCV_JUMBO_PROD_IDX + hw::TG3_64BIT_REG_LOW);
	return 0;
}

void bufs_free(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	RxBufRing *b = a->bufs;
	if (b == nullptr)
		return;
	bufs_release_mbufs(b);
	rte_free(b->std_sw);
	rte_free(b->jmb_sw);
	rte_memzone_free(b->jmb_mz);
	rte_memzone_free(b->std_mz);
	rte_free(b);
	a->bufs = nullptr;
}

/* Every queue of the configuration set up (the shared rings need them all). */
int queues_check(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		if (dev->data->tx_queues[q] == nullptr) {
			PMD_DRV_LOG(ERR, "%s: set up tx queue %u before starting", a->name, q);
			return -EINVAL;
		}
	if (dev->data->nb_rx_queues == 0 || dev->data->nb_tx_queues == 0) {
		PMD_DRV_LOG(ERR, "%s: the chip needs at least one rx and one tx queue", a->name);
		return -EINVAL;
	}
	return 0;
}

void queues_release_mbufs(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	bufs_release_mbufs(a->bufs);
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[q]);
		if (txq != nullptr)
			txq_release_mbufs(txq);
	}
}

uint16_t rx_min_buf_len(rte_eth_dev *dev)
{
	uint16_t len = 0;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		auto *rxq = static_cast<const RxQueue *>(dev->data->rx_queues[q]);
		if (rxq != nullptr && (len == 0 || rxq->buf_len < len))
			len = rxq->buf_len;
	}
	return len;
}

int bufs_start(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	RxBufRing *b = a->bufs;
	const uint16_t nq = dev->data->nb_rx_queues;
	RxQueue *queues[RTE_MAX_QUEUES_PER_PORT];
	uint32_t want = 0;
	for (uint16_t q = 0; q < nq; q++) {
		queues[q] = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		if (queues[q] == nullptr) {
			PMD_DRV_LOG(ERR, "%s: set up rx queue %u before starting", a->name, q);
			return -EINVAL;
		}
		want += queues[q]->nb_desc;
	}
	/* One std ring for all queues: their descriptors together, a power of two the chip takes (ref §7.2). */
	b->std_entries = static_cast<uint16_t>(RTE_MIN(rte_align32pow2(want), uint32_t{rx_ring_max(*a)}));
	b->std_mask = b->std_entries - 1;
	b->std_posted = b->std_entries - 1;
	b->buf_len = rx_min_buf_len(dev);
	b->shared = nq > 1;
	int ret = rx_frame_fits(dev, b->buf_len, a->mtu);
	if (ret != 0)
		return ret;
	b->jmb_segs = b->jmb_entries != 0 ? jumbo_segs_for(b->buf_len, a->mtu) : 0;
	ret = bufs_fill(b, queues, nq);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "%s: cannot fill the receive rings: the rx mempools have fewer than %u free mbufs",
			    a->name, b->std_entries + b->jmb_posted * b->jmb_segs);
		bufs_release_mbufs(b);
	}
	return ret;
}

void tg57xx_tx_queue_release(rte_eth_dev *dev, uint16_t qid)
{
	auto *q = static_cast<TxQueue *>(dev->data->tx_queues[qid]);
	if (q == nullptr)
		return;
	txq_release_mbufs(q);
	rte_free(q->sw);
	rte_memzone_free(q->mz);
	rte_free(q);
	dev->data->tx_queues[qid] = nullptr;
}

int tg57xx_rx_queue_setup(rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc, unsigned socket,
			  const rte_eth_rxconf *conf, rte_mempool *mp)
{
	Adapter *a = adapter_of(dev);
	(void)conf;

	if (!pow2(nb_desc) || nb_desc < kMinRingEntries || nb_desc > rx_ring_max(*a)) {
		PMD_DRV_LOG(ERR, "%s: rx queue %u: %u descriptors: need a power of two in [%u, %u] (ref §7.2)",
			    a->name, qid, nb_desc, kMinRingEntries, rx_ring_max(*a));
		return -EINVAL;
	}
	uint32_t room = rte_pktmbuf_data_room_size(mp);
	if (room <= RTE_PKTMBUF_HEADROOM) {
		PMD_DRV_LOG(ERR, "%s: rx queue %u: mempool %s has no data room", a->name, qid, mp->name);
		return -EINVAL;
	}
	uint32_t buf_len = RTE_MIN(room - RTE_PKTMBUF_HEADROOM, kStdBufLenMax);
	int ret = rx_frame_fits(dev, buf_len, a->mtu);
	if (ret != 0)
		return ret;
	if (dev->data->rx_queues[qid] != nullptr)
		tg57xx_rx_queue_release(dev, qid);

	auto *q = static_cast<RxQueue *>(rte_zmalloc_socket("tg57xx_rxq", sizeof(RxQueue), RTE_CACHE_LINE_SIZE,
							    static_cast<int>(socket)));
	if (q == nullptr)
		return -ENOMEM;
	q->nb_desc = nb_desc;
	q->ret_entries = a->hw.chip.caps->ret_ring_entries;
	q->ret_mask = q->ret_entries - 1;
	q->mp = mp;
	q->buf_len = static_cast<uint16_t>(buf_len);
	q->port_id = dev->data->port_id;
	q->queue_id = qid;
	q->alloc_failed = &dev->data->rx_mbuf_alloc_failed;
	q->rearm = rx_rearm_template(q->port_id);
	q->max_untagged = a->mtu + RTE_ETHER_HDR_LEN; /* tg3_rx; dev_start and mtu_set keep it current */
	/* A pool of pinned external buffers keeps RTE_MBUF_F_EXTERNAL (rte_pktmbuf_reset does the same). */
	q->ol_base = (rte_pktmbuf_priv_flags(mp) & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF) ? RTE_MBUF_F_EXTERNAL : 0;
	q->ret_ring_idx = qid;
	q->bufs = a->bufs;
	const size_t ret_bytes = sizeof(hw::RxBd) * q->ret_entries;
	q->ret_mz = rte_eth_dma_zone_reserve(dev, "rx_ret_ring", qid, ret_bytes,
					     dma_align_within_4g(ret_bytes, kRingAlign), static_cast<int>(socket));
	if (q->ret_mz == nullptr) {
		PMD_DRV_LOG(ERR, "%s: rx queue %u: cannot allocate its return ring", a->name, qid);
		rte_free(q);
		return -ENOMEM;
	}
	q->ret_ring = static_cast<hw::RxBd *>(q->ret_mz->addr);
	/* Status-block word and mailboxes: bound at dev_start (tg57xx_intr.cpp bind_queues). */
	dev->data->rx_queues[qid] = q;
	return 0;
}

int tg57xx_tx_queue_setup(rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc, unsigned socket,
			  const rte_eth_txconf *conf)
{
	Adapter *a = adapter_of(dev);

	/* Any count: it bounds the BDs in flight (tg3 tx_pending), the ring itself is kSendRingEntries. */
	if (nb_desc < kMinRingEntries || nb_desc > kSendRingEntries) {
		PMD_DRV_LOG(ERR, "%s: tx queue %u: %u descriptors: need [%u, %u] (tg3 TG3_TX_RING_SIZE)", a->name,
			    qid, nb_desc, kMinRingEntries, kSendRingEntries);
		return -EINVAL;
	}
	uint16_t thresh = conf->tx_free_thresh ? conf->tx_free_thresh : RTE_MIN(kTxFreeThreshDefault, nb_desc / 2);
	if (thresh >= nb_desc) {
		PMD_DRV_LOG(ERR, "%s: tx queue %u: tx_free_thresh %u must be below %u", a->name, qid, thresh, nb_desc);
		return -EINVAL;
	}
	if (dev->data->tx_queues[qid] != nullptr)
		tg57xx_tx_queue_release(dev, qid);

	auto *q = static_cast<TxQueue *>(rte_zmalloc_socket("tg57xx_txq", sizeof(TxQueue), RTE_CACHE_LINE_SIZE,
							    static_cast<int>(socket)));
	if (q == nullptr)
		return -ENOMEM;
	q->nb_desc = nb_desc;
	q->nb_free = nb_desc - 1;
	q->free_thresh = thresh;
	q->port_id = dev->data->port_id;
	q->queue_id = qid;
	q->send_ring_idx = qid;
	/* ethdev passes the queue's own offloads; the port's apply to every queue. */
	q->fast_free = ((conf->offloads | dev->data->dev_conf.txmode.offloads) & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE) != 0;
	/* TXD_FLAG_JMB_PKT: 57765_PLUS only (ref §8.1, §10.5). */
	q->jumbo_flag_len = a->hw.has(hw::FAM_57765_PLUS) ? hw::TG3_TX_JMB_PKT_THRESHOLD : UINT32_MAX;
	/* HW TSO (ref §10.4): the HW_TSO_3 encoding only; a segment is at most the port's MTU. */
	q->tso_max_seg = tso_max_seg(*a);
	const size_t ring_bytes = sizeof(hw::TxBd) * kSendRingEntries;
	q->mz = rte_eth_dma_zone_reserve(dev, "tx_ring", qid, ring_bytes, dma_align_within_4g(ring_bytes, kRingAlign),
					 static_cast<int>(socket));
	q->sw = static_cast<void **>(rte_zmalloc_socket("tg57xx_txq_sw", sizeof(void *) * kSendRingEntries,
							     RTE_CACHE_LINE_SIZE, static_cast<int>(socket)));
	if (q->mz == nullptr || q->sw == nullptr) {
		PMD_DRV_LOG(ERR, "%s: tx queue %u: cannot allocate ring", a->name, qid);
		dev->data->tx_queues[qid] = q;
		tg57xx_tx_queue_release(dev, qid);
		return -ENOMEM;
	}
	q->ring = static_cast<hw::TxBd *>(q->mz->addr);
	/* Producer mailbox and status-block word: bound at dev_start (tg57xx_intr.cpp bind_queues). */
	dev->data->tx_queues[qid] = q;
	return 0;
}

void tg57xx_rxq_info_get(rte_eth_dev *dev, uint16_t qid, rte_eth_rxq_info *qinfo)
{
	auto *q = static_cast<RxQueue *>(dev->data->rx_queues[qid]);
	const RxBufRing *b = adapter_of(dev)->bufs;
	qinfo->mp = q->mp;
	qinfo->nb_desc = q->nb_desc;
	qinfo->scattered_rx = q->started && b->jmb_segs > 1;
	qinfo->rx_buf_size = q->started ? b->buf_len : q->buf_len;
	qinfo->conf.rx_drop_en = 1; /* the chip drops when no buffer is posted */
}

void tg57xx_txq_info_get(rte_eth_dev *dev, uint16_t qid, rte_eth_txq_info *qinfo)
{
	auto *q = static_cast<TxQueue *>(dev->data->tx_queues[qid]);
	qinfo->nb_desc = q->nb_desc;
	qinfo->conf.tx_free_thresh = q->free_thresh;
}

eth_rx_burst_t rx_burst_fn(rte_eth_dev *dev)
{
	const auto *q = static_cast<const RxQueue *>(dev->data->rx_queues[0]);
	return dev->data->nb_rx_queues == 1 && q != nullptr && rx_path_simple(q) ? tg57xx_recv_pkts_simple
										 : tg57xx_recv_pkts;
}

int tg57xx_rx_burst_mode_get(rte_eth_dev *dev, uint16_t, rte_eth_burst_mode *mode)
{
	std::snprintf(mode->info, sizeof(mode->info), "%s",
		      dev->rx_pkt_burst == tg57xx_recv_pkts_simple ? "Scalar Simple" : "Scalar");
	return 0;
}

int tg57xx_tx_burst_mode_get(rte_eth_dev *dev, uint16_t qid, rte_eth_burst_mode *mode)
{
	const auto *q = static_cast<const TxQueue *>(dev->data->tx_queues[qid]);
	std::snprintf(mode->info, sizeof(mode->info), "%s", q->fast_free ? "Scalar Fast Free" : "Scalar");
	return 0;
}

uint32_t tg57xx_rx_queue_count(void *rxq)
{
	return rxq_pending(static_cast<RxQueue *>(rxq));
}

int tg57xx_rx_descriptor_status(void *rxq, uint16_t offset)
{
	auto *q = static_cast<RxQueue *>(rxq);
	if (offset >= q->nb_desc)
		return -EINVAL;
	if (offset < rxq_pending(q))
		return RTE_ETH_RX_DESC_DONE;
	/* The queue's share of the shared std ring: posted to the chip or done. */
	return offset < q->nb_desc - 1 ? RTE_ETH_RX_DESC_AVAIL : RTE_ETH_RX_DESC_UNAVAIL;
}

int tg57xx_tx_descriptor_status(void *txq, uint16_t offset)
{
	auto *q = static_cast<TxQueue *>(txq);
	if (offset >= q->nb_desc)
		return -EINVAL;
	/* The queue as the application sized it, nb_desc slots from prod on: the
	 * one at prod + offset is still the chip's if fewer than nb_desc - offset
	 * slots are free (in flight: from the chip's consumer to prod). */
	const uint16_t in_flight = (q->prod - *q->hw_cons) & kSendRingMask;
	if (offset != 0 && q->nb_desc - offset <= in_flight)
		return RTE_ETH_TX_DESC_FULL;
	return RTE_ETH_TX_DESC_DONE;
}

int tg57xx_tx_done_cleanup(void *txq, uint32_t free_cnt)
{
	auto *q = static_cast<TxQueue *>(txq);
	return static_cast<int>(txq_reclaim(q, free_cnt == 0 ? q->nb_desc : free_cnt));
}

} // namespace tg57xx::pmd
