/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Vectors, status blocks and interrupts (ref §4.2, §4.4, §9.1, §10.8, §14.3;
 * tg3.c tg3_init_one mailbox loop, tg3_alloc_consistent, tg3_enable_ints,
 * tg3_int_reenable, tg3_poll_link).
 *
 * Layout. One vector while the port runs one RX and one TX queue without
 * interrupts: everything in vector 0's status block, every vector masked, the
 * link polled by the 100 ms alarm (the PMD's historical mode). Otherwise, on
 * chips with MSI-X (57765_PLUS), tg3's multi-vector layout: vector 0 carries
 * link/error attention (and TX ring 0 unless TSS), vector q+1 return ring q
 * (status word remapped as §9.1 says) and, with TSS on 5719/5720 when more
 * than one TX queue is asked for, send ring t (producer mailbox per §4.4,
 * 0x300/0x308 being high words). Each vector has its own status block.
 *
 * Interrupts use the device's rte_intr_handle as igc/ixgbe do: vector 0 is the
 * handle's fd (RTE_INTR_VEC_ZERO_OFFSET), ring vector q+1 is efd q
 * (RTE_INTR_VEC_RXTX_OFFSET + q). On vfio-pci that is MSI-X; the chip-model
 * vdev hands the same handle type-VDEV eventfds the model signals. Without a
 * usable handle (uio, MSI-only chips, the vdev with intr=0) link changes are
 * polled and RX queue interrupts are refused at configure.
 *
 * Tag protocol (§4.2): tagged status; a vector is masked by writing 1 to its
 * interrupt mailbox and re-enabled by writing tag << 24, where tag is the
 * status tag the host has processed. If the chip has written a block since,
 * the tags differ and it interrupts at once, so nothing is lost between the
 * last look and the re-enable. One-shot MSI-X (5755_PLUS) masks a vector
 * after each message until the next mailbox write.
 *
 * Vector 0 handler (EAL interrupt thread): read the tag, then the status word;
 * SD_STATUS_LINK_CHG → resolve the link (phy_poll acknowledges MAC_STATUS),
 * clear the bit in memory (tg3_poll_link), raise the LSC event. Vector 0 also
 * wakes for TX ring 0's status updates when there is no TSS: such a wake-up
 * is re-armed after kVec0HoldoffUs (alarm) instead of at once, bounding the
 * wake-ups under transmit load to 1 / kVec0HoldoffUs; a link change in that
 * window is seen when the re-arm's stale tag makes the chip interrupt again.
 *
 * RX queue interrupts: enable reads the vector's tag, then its ring producer;
 * with frames already waiting it acknowledges an older tag so the chip
 * interrupts at once (a sleeping application would otherwise miss them),
 * else the tag it read. Disable masks the vector.
 */
#include "tg57xx_intr.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>

#include <unistd.h>

#include <rte_alarm.h>
#include <rte_cycles.h>
#include <rte_interrupts.h>

#include "tg57xx_logs.h"
#include "tg57xx_queue_caps.h"
#include "tg57xx_regs.h"
#include "tg57xx_xstats.h"

namespace tg57xx::pmd {

namespace {

/* Vector-0 re-arm delay after a wake-up that carried no link/error news (TX
 * status updates, no TSS): at most 100 such wake-ups per second; a link change
 * meanwhile is reported at most this much later. */
constexpr uint64_t kVec0HoldoffUs = 10 * 1000;
/* Status block memzone: the 0x50-byte block, at least cache aligned (dma_align_within_4g: 128). */
constexpr unsigned kStatusAlign = RTE_CACHE_LINE_SIZE;
/* Unregistering the handler while it runs: retry this often, this long apart. */
constexpr unsigned kUnregisterTries = 100;
constexpr unsigned kUnregisterWaitMs = 10;
/* The 8-bit status tag (§4.2, §9.1). */
constexpr uint32_t kTagMask = 0xFF;

uint32_t tag_of(const hw::StatusBlock *sb)
{
	uint32_t tag = *reinterpret_cast<const volatile uint32_t *>(&sb->status_tag);
	rte_rmb(); /* the tag is written after the indexes (§9.1): read it first */
	return tag & kTagMask;
}

void vec_ack(const Adapter &a, unsigned v, uint32_t tag)
{
	wr32(a.hw, hw::TG3_VEC_INT_MBOX(v), hw::tg3_int_mbox_tag_ack(tag & kTagMask));
}

void vec0_rearm(void *arg)
{
	auto *dev = static_cast<rte_eth_dev *>(arg);
	Adapter *a = adapter_of(dev);
	if (!a->started || !a->layout.lsc_intr)
		return;
	vec_ack(*a, 0, a->intr.vec0_tag);
	(void)rd32(a->hw, hw::TG3_VEC_INT_MBOX(0)); /* tg3 tw32_mailbox_f */
}

/* EAL reads vfio/uio eventfds itself; VDEV/EXT ones are the driver's to drain. */
void drain(const rte_intr_handle *h)
{
	const auto type = rte_intr_type_get(h);
	if (type != RTE_INTR_HANDLE_VDEV && type != RTE_INTR_HANDLE_EXT)
		return;
	uint64_t count;
	ssize_t r = read(rte_intr_fd_get(h), &count, sizeof(count));
	(void)r; /* EAGAIN: nothing pending */
}

/* Look at vector 0's status block (tg3_poll_link); true if it carried link news. */
bool vec0_look(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	hw::StatusBlock *sb = a->vec[0].sblk;
	const uint32_t tag = tag_of(sb);
	auto *status = reinterpret_cast<volatile uint32_t *>(&sb->status);
	const uint32_t st = *status;
	bool news = false;
	if (st & hw::SD_STATUS_LINK_CHG) {
		*status = st & ~hw::SD_STATUS_LINK_CHG; /* the chip never reads it back */
		news = true;
		if (tg57xx_link_check(dev))
			a->intr.lsc_by_intr++;
	}
	if ((st & hw::SD_STATUS_ERROR) && !a->intr.error_seen) {
		a->intr.error_seen = true; /* sticky until the next reset: say it once */
		PMD_DRV_LOG(ERR, "%s: the chip raised an error attention (status block 0x%08x)", a->name, st);
	}
	a->intr.vec0_tag = tag;
	return news;
}

void vec0_handler(void *arg)
{
	auto *dev = static_cast<rte_eth_dev *>(arg);
	Adapter *a = adapter_of(dev);
	if (dev->intr_handle != nullptr)
		drain(dev->intr_handle);
	if (!a->started || !a->layout.lsc_intr)
		return;
	a->intr.vec0_irqs++;
	if (vec0_look(dev) || rte_eal_alarm_set(kVec0HoldoffUs, vec0_rearm, dev) != 0)
		vec0_rearm(dev);
}

} // namespace

uint16_t max_rx_queues(const Adapter &a) { return chip_max_rx_queues(*a.hw.chip.caps); }
uint16_t max_tx_queues(const Adapter &a) { return chip_max_tx_queues(*a.hw.chip.caps); }

bool intr_usable(const rte_eth_dev *dev)
{
	const rte_intr_handle *h = dev->intr_handle;
	return h != nullptr && rte_intr_fd_get(h) >= 0 && rte_intr_cap_multiple(const_cast<rte_intr_handle *>(h));
}

int vectors_alloc(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	a->nvec_max = a->hw.chip.caps->irq_max > 1 ? a->hw.chip.caps->irq_max : 1;
	int socket = dev->device->numa_node < 0 ? SOCKET_ID_ANY : dev->device->numa_node;
	for (unsigned v = 0; v < a->nvec_max; v++) {
		std::string name = "tg57xx_sblk_" + std::to_string(dev->data->port_id) + "_" + std::to_string(v);
		Vector &vec = a->vec[v];
		vec.mz = rte_memzone_reserve_aligned(name.c_str(), sizeof(hw::StatusBlock), socket,
						     RTE_MEMZONE_IOVA_CONTIG,
						     dma_align_within_4g(sizeof(hw::StatusBlock), kStatusAlign));
		if (vec.mz == nullptr) {
			PMD_INIT_LOG(ERR, "%s: cannot reserve the status block of vector %u", a->name, v);
			vectors_free(dev);
			return -ENOMEM;
		}
		vec.sblk = static_cast<hw::StatusBlock *>(vec.mz->addr);
		vec.iova = vec.mz->iova;
		std::memset(vec.sblk, 0, sizeof(*vec.sblk));
	}
	a->status = a->vec[0].sblk;
	return 0;
}

void vectors_free(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	for (Vector &v : a->vec) {
		rte_memzone_free(v.mz);
		v = Vector{};
	}
	a->status = nullptr;
}

int intr_init(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	if (a->hw.chip.caps->irq_max <= 1 || !intr_usable(dev))
		return 0; /* link changes are polled */
	int ret = rte_intr_callback_register(dev->intr_handle, vec0_handler, dev);
	if (ret != 0) {
		PMD_INIT_LOG(WARNING, "%s: cannot register the link interrupt handler (%d): link changes are polled",
			     a->name, ret);
		return 0;
	}
	a->intr.registered = true;
	return 0;
}

void intr_uninit(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	if (!a->intr.registered)
		return;
	for (unsigned i = 0; i < kUnregisterTries; i++) {
		int ret = rte_intr_callback_unregister(dev->intr_handle, vec0_handler, dev);
		if (ret != -EAGAIN)
			break; /* removed, or nothing to remove */
		rte_delay_ms(kUnregisterWaitMs);
	}
	a->intr.registered = false;
}

int layout_check(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	const rte_eth_conf &conf = dev->data->dev_conf;
	if (dev->data->nb_rx_queues > max_rx_queues(*a) || dev->data->nb_tx_queues > max_tx_queues(*a)) {
		PMD_DRV_LOG(ERR, "%s: %u rx / %u tx queues: this %s runs at most %u / %u (ref §1.3)", a->name,
			    dev->data->nb_rx_queues, dev->data->nb_tx_queues, a->hw.chip.caps->family_name,
			    max_rx_queues(*a), max_tx_queues(*a));
		return -EINVAL;
	}
	if (conf.intr_conf.rxq) {
		if (a->hw.chip.caps->irq_max <= 1) {
			PMD_DRV_LOG(ERR, "%s: rx queue interrupts need MSI-X; this %s has MSI only (ref §10.8)",
				    a->name, a->hw.chip.caps->family_name);
			return -ENOTSUP;
		}
		if (!intr_usable(dev)) {
			PMD_DRV_LOG(ERR, "%s: rx queue interrupts need an MSI-X interrupt handle (bind to vfio-pci)",
				    a->name);
			return -ENOTSUP;
		}
	}
	return 0;
}

void layout_start(rte_eth_dev *dev, InitParams &p)
{
	Adapter *a = adapter_of(dev);
	const rte_eth_conf &conf = dev->data->dev_conf;
	const uint16_t nrx = dev->data->nb_rx_queues, ntx = dev->data->nb_tx_queues;
	QueueLayout l;
	const bool msix = a->nvec_max > 1;
	l.rxq_intr = conf.intr_conf.rxq != 0;
	l.lsc_intr = msix && conf.intr_conf.lsc && a->intr.registered;
	l.multivec = msix && (nrx > 1 || ntx > 1 || l.rxq_intr || l.lsc_intr);
	l.tss = l.multivec && ntx > 1;
	l.nvec = static_cast<uint8_t>(l.multivec ? 1 + RTE_MAX(nrx, l.tss ? ntx : uint16_t{0}) : 1);
	a->layout = l;
	a->intr.vec0_tag = 0;
	a->intr.error_seen = false;

	const RegIo &io = hw_io(a->hw);
	const bool hash = conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH;
	for (uint16_t q = 0; q < nrx; q++) {
		auto *rxq = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		rxq->ret_ring_idx = q;
		rxq->vector = l.multivec ? q + 1 : 0;
		rxq->bufs = a->bufs;
		rxq->ret_cons = 0;
		rxq->ret_prod = reinterpret_cast<const volatile uint16_t *>(
			reinterpret_cast<uint8_t *>(a->vec[rxq->vector].sblk) +
			hw::StatusBlock::ret_ring_producer_offset(q));
		rxq->ret_cons_mbox = mbox_word(io, hw::MAILBOX_RCVRET_CON_IDX(q) + hw::TG3_64BIT_REG_LOW);
		rxq->hash_valid_mask = hash ? hw::TG_RBD_FLAG_RSS_HASH_VALID : 0;
		p.ret_iova[q] = rxq->ret_mz->iova;
		p.ret_entries = rxq->ret_entries;
	}
	p.nret = nrx;
	for (uint16_t t = 0; t < ntx; t++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[t]);
		txq->send_ring_idx = t;
		txq->vector = l.tss ? t + 1 : 0;
		txq->hw_cons = reinterpret_cast<const volatile uint16_t *>(
			reinterpret_cast<uint8_t *>(a->vec[txq->vector].sblk) + hw::SBLK_OFF_IDX0_TX_CONSUMER);
		txq->prod_mbox = mbox_word(io, l.tss ? hw::TG3_VEC_TX_PROD_MBOX(t + 1)
						     : hw::MAILBOX_SNDHOST_PROD_IDX(t) + hw::TG3_64BIT_REG_LOW);
		/* Per-BD DMA limit (tg3_get_invariants dma_limit; ref §15): 5719 always, 57766 at standard MTU. */
		const hw::ChipCaps &caps = *a->hw.chip.caps;
		txq->bd_limit = caps.tx_bd_dma_limit_std_mtu_only && a->mtu > hw::TG3_MAX_MTU_STD ? 0 : caps.tx_bd_dma_limit;
		/* The one-BD loop takes frames needing neither a split nor TXD_FLAG_JMB_PKT. */
		txq->simple_max_len = RTE_MIN(txq->bd_limit != 0 ? txq->bd_limit : UINT32_MAX, txq->jumbo_flag_len);
		p.send_iova[t] = txq->mz->iova;
		p.send_entries[t] = kSendRingEntries; /* always: tg3_tx_rcbs_init (nb_desc bounds what is in flight) */
	}
	p.nsend = ntx;
	p.nvec = l.nvec;
	for (unsigned v = 0; v < a->nvec_max; v++) {
		std::memset(a->vec[v].sblk, 0, sizeof(hw::StatusBlock));
		p.status_iova[v] = a->vec[v].iova;
	}
	p.multivec = l.multivec;
	p.tss = l.tss;
}

int intr_start(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	QueueLayout &l = a->layout;
	rte_intr_handle *h = dev->intr_handle;
	const uint16_t nrx = dev->data->nb_rx_queues;
	if (!l.lsc_intr && !l.rxq_intr)
		return 0;
	if (l.rxq_intr) {
		const Backend &be = proc_backend(dev->data->port_id);
		int ret = be.intr_prepare != nullptr ? be.intr_prepare(be.ctx, h, nrx) : 0;
		if (ret == 0)
			ret = rte_intr_efd_enable(h, nrx);
		if (ret == 0)
			ret = rte_intr_vec_list_alloc(h, "intr_vec", nrx);
		for (uint16_t q = 0; ret == 0 && q < nrx; q++)
			ret = rte_intr_vec_list_index_set(h, q, RTE_INTR_VEC_RXTX_OFFSET + q);
		if (ret != 0) {
			PMD_DRV_LOG(ERR, "%s: cannot map %u rx queue interrupt vectors (%d)", a->name, nrx, ret);
			intr_stop(dev);
			return ret < 0 ? ret : -EIO;
		}
	}
	if (rte_intr_enable(h) != 0) {
		PMD_DRV_LOG(ERR, "%s: cannot enable MSI-X on the interrupt handle", a->name);
		intr_stop(dev);
		if (l.rxq_intr)
			return -EIO;
		l.lsc_intr = false; /* link changes fall back to the alarm poll */
		return 0;
	}
	if (l.lsc_intr) {
		/* tg3_enable_ints: a link change since the last resolution may already sit in the
		 * block (vector 0 was masked): look, then unmask with the tag looked at. */
		vec0_look(dev);
		vec0_rearm(dev);
	}
	return 0;
}

void intr_stop(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	const QueueLayout &l = a->layout;
	rte_intr_handle *h = dev->intr_handle;
	rte_eal_alarm_cancel(vec0_rearm, dev);
	for (unsigned v = 0; v < a->nvec_max; v++)
		wr32(a->hw, hw::TG3_VEC_INT_MBOX(v), hw::TG3_INT_MBOX_MASK);
	if (!l.lsc_intr && !l.rxq_intr)
		return;
	rte_intr_disable(h);
	if (l.rxq_intr) {
		rte_intr_efd_disable(h);
		rte_intr_vec_list_free(h);
	}
}

static RxQueue *intr_queue(rte_eth_dev *dev, uint16_t qid)
{
	Adapter *a = adapter_of(dev);
	if (!a->layout.rxq_intr || !a->started) {
		PMD_DRV_LOG(ERR, "%s: rx queue %u: interrupts need intr_conf.rxq and a started port", a->name, qid);
		return nullptr;
	}
	return static_cast<RxQueue *>(dev->data->rx_queues[qid]);
}

int tg57xx_rx_queue_intr_enable(rte_eth_dev *dev, uint16_t qid)
{
	RxQueue *q = intr_queue(dev, qid);
	if (q == nullptr)
		return -EINVAL;
	const Adapter *a = adapter_of(dev);
	const uint32_t tag = tag_of(a->vec[q->vector].sblk);
	const bool waiting = *q->ret_prod != q->ret_cons;
	/* Frames already there: an older tag makes the chip interrupt at once (§4.2). */
	vec_ack(*a, q->vector, waiting ? tag - 1 : tag);
	return 0;
}

int tg57xx_rx_queue_intr_disable(rte_eth_dev *dev, uint16_t qid)
{
	RxQueue *q = intr_queue(dev, qid);
	if (q == nullptr)
		return -EINVAL;
	wr32(adapter_of(dev)->hw, hw::TG3_VEC_INT_MBOX(q->vector), hw::TG3_INT_MBOX_MASK);
	return 0;
}

/* ---- counters ---- */

namespace {
constexpr XstatField<IntrStats> kIntrXstats[] = {
	{"intr_link_vector", &IntrStats::vec0_irqs},
	{"link_changes_by_interrupt", &IntrStats::lsc_by_intr},
	{"link_changes_by_poll", &IntrStats::lsc_by_poll},
};
} // namespace

unsigned intr_xstats_count() { return std::size(kIntrXstats); }

void intr_xstats_names(rte_eth_xstat_name *names) { xstat_group_names(kIntrXstats, names); }

void intr_xstats_values(const Adapter &a, uint64_t *values) { xstat_group_values(kIntrXstats, a.intr, values); }

} // namespace tg57xx::pmd
