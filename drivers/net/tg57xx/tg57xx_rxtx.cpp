/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fast path (ref §14): rx/tx burst. No allocation beyond mempool bulk
 * operations, no virtual calls, no syscalls; one doorbell store per mailbox
 * per burst; failures become counters and short bursts.
 *
 * Index ownership:
 *  - return ring: the chip owns [ret_cons, status.rx_producer); we own the rest
 *    and tell the chip how far we read through the return-consumer mailbox.
 *  - std ring: slots [chip consumer, std producer mailbox) are posted; the
 *    chip consumes them in order, so the slot a returned frame came from
 *    (opaque index, §8.2) is free again and is refilled one round later.
 *  - send ring: we own [prod, cons); the chip owns [cons, status.tx_consumer).
 */
#include "tg57xx_rxtx.h"

#include <rte_branch_prediction.h>
#include <rte_prefetch.h>

#include "tg57xx_io.h"
#include "tg57xx_logs.h"

namespace tg57xx::pmd {

namespace {

/* RX: FCS the chip leaves in the reported length (ref §8.4). */
constexpr uint16_t kFcsLen = hw::ETH_FCS_LEN;
/* TX: the 5755_PLUS SHORT_DMA_BUG: no BD of 8 bytes or less (ref §15). */
constexpr uint16_t kShortDmaMax = 8;

inline uint16_t ring_count(uint16_t head, uint16_t tail, uint16_t mask)
{
	return static_cast<uint16_t>((head - tail) & mask);
}

} // namespace

uint32_t rxq_pending(const RxQueue *q)
{
	return ring_count(*q->ret_prod, q->ret_cons, q->ret_mask);
}

/* Write jumbo BD `slot` (ref §8.3): segment 0 in the embedded std BD,
 * segments 1..3 in addr1..3; `init` also writes the fixed words. */
static void jmb_post(RxQueue *q, uint16_t slot, rte_mbuf *const *segs, bool init)
{
	hw::ExtRxBd &bd = q->jmb_ring[slot];
	uint64_t a[kJmbSegsMax] = {};
	uint16_t l[kJmbSegsMax] = {};
	for (unsigned k = 0; segs != nullptr && k < q->jmb_segs; k++) {
		a[k] = rte_mbuf_data_iova_default(segs[k]);
		l[k] = q->buf_len;
	}
	if (init)
		bd.std.init_producer(a[0], l[0], slot, hw::RXD_FLAG_END | hw::RXD_FLAG_JUMBO,
				     hw::rxd_opaque(hw::RXD_OPAQUE_RING_JUMBO, slot));
	else
		bd.std.set_addr(a[0]);
	bd.addr1_hi = hw::detail::addr_hi(a[1]);
	bd.addr1_lo = hw::detail::addr_lo(a[1]);
	bd.addr2_hi = hw::detail::addr_hi(a[2]);
	bd.addr2_lo = hw::detail::addr_lo(a[2]);
	bd.addr3_hi = hw::detail::addr_hi(a[3]);
	bd.addr3_lo = hw::detail::addr_lo(a[3]);
	bd.set_lens(l[1], l[2], l[3]);
}

int rxq_fill(RxQueue *q)
{
	uint16_t n = q->nb_desc - 1;

	for (uint16_t i = 0; i < q->nb_desc; i++)
		q->std_sw[i] = nullptr;
	if (rte_pktmbuf_alloc_bulk(q->mp, q->std_sw, n) != 0)
		return -ENOMEM;
	/* Every slot gets its fixed words (length, index, END, opaque cookie);
	 * the burst path later only rewrites the buffer address. */
	for (uint16_t i = 0; i < q->nb_desc; i++) {
		rte_mbuf *m = q->std_sw[i];
		q->std_ring[i].init_producer(m != nullptr ? rte_mbuf_data_iova_default(m) : 0, q->buf_len, i,
					     hw::RXD_FLAG_END, hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, i));
	}
	q->std_prod = n;
	q->ret_cons = 0;
	q->jmb_prod = 0;
	if (q->jmb_segs == 0)
		return 0;
	for (uint32_t i = 0; i < uint32_t{q->jmb_entries} * kJmbSegsMax; i++)
		q->jmb_sw[i] = nullptr;
	for (uint16_t i = 0; i < q->jmb_entries; i++) {
		rte_mbuf **segs = &q->jmb_sw[i * kJmbSegsMax];
		if (i < q->jmb_posted && rte_pktmbuf_alloc_bulk(q->mp, segs, q->jmb_segs) != 0)
			return -ENOMEM;
		jmb_post(q, i, i < q->jmb_posted ? segs : nullptr, true);
	}
	q->jmb_prod = q->jmb_posted;
	return 0;
}

void rxq_release_mbufs(RxQueue *q)
{
	for (uint16_t i = 0; q->std_sw != nullptr && i < q->nb_desc; i++) {
		if (q->std_sw[i] != nullptr) {
			rte_pktmbuf_free_seg(q->std_sw[i]);
			q->std_sw[i] = nullptr;
		}
	}
	for (uint32_t i = 0; q->jmb_sw != nullptr && i < uint32_t{q->jmb_entries} * kJmbSegsMax; i++) {
		if (q->jmb_sw[i] != nullptr) {
			rte_pktmbuf_free_seg(q->jmb_sw[i]);
			q->jmb_sw[i] = nullptr;
		}
	}
}

void txq_release_mbufs(TxQueue *q)
{
	if (q->sw == nullptr)
		return;
	for (uint16_t i = 0; i < q->nb_desc; i++) {
		if (q->sw[i] != nullptr) {
			rte_pktmbuf_free(q->sw[i]); /* a whole chain, kept at its last BD */
			q->sw[i] = nullptr;
		}
	}
	q->prod = q->cons = 0;
	q->nb_free = q->nb_desc - 1;
}

/*
 * A frame returned from the jumbo ring (ref §8.3, §10.5): chain the buffers
 * it filled, hand the unused ones back to the pool, and refill the jumbo slot
 * freed one round ago. Without fresh mbufs the frame is dropped and its own
 * buffers are posted again (counted as rx_mbuf_alloc_failed).
 */
static rte_mbuf *rx_jumbo(RxQueue *q, const hw::RxBd &bd, uint16_t slot, rte_mbuf **drop, uint16_t *nb_drop)
{
	if (unlikely(q->jmb_segs == 0 || slot > q->jmb_mask)) {
		q->errors++;
		return nullptr;
	}
	rte_mbuf **segs = &q->jmb_sw[slot * kJmbSegsMax];
	rte_mbuf **dst = &q->jmb_sw[q->jmb_prod * kJmbSegsMax];
	rte_mbuf *fresh[kJmbSegsMax];
	uint16_t nseg = q->jmb_segs;
	bool have_fresh = rte_pktmbuf_alloc_bulk(q->mp, fresh, nseg) == 0;
	uint16_t len = bd.len();
	bool bad = bd.has_error() || len <= kFcsLen || uint32_t{len} - kFcsLen > uint32_t{q->buf_len} * nseg ||
		   segs[0] == nullptr;
	rte_mbuf *head = nullptr;

	if (unlikely(!have_fresh || bad)) {
		if (!have_fresh)
			(*q->alloc_failed)++;
		else
			for (uint16_t k = 0; k < nseg; k++)
				drop[(*nb_drop)++] = fresh[k];
		if (bad)
			q->errors++;
		/* Re-post the same buffers. */
		for (uint16_t k = 0; k < nseg; k++) {
			rte_mbuf *m = segs[k];
			segs[k] = nullptr;
			dst[k] = m;
		}
	} else {
		len -= kFcsLen;
		uint16_t left = len, used = 0;
		rte_mbuf *prev = nullptr;
		for (uint16_t k = 0; k < nseg; k++) {
			rte_mbuf *m = segs[k];
			segs[k] = nullptr;
			if (left == 0) {
				drop[(*nb_drop)++] = m;
				continue;
			}
			uint16_t take = left < q->buf_len ? left : q->buf_len;
			m->data_off = RTE_PKTMBUF_HEADROOM;
			m->data_len = take;
			m->next = nullptr;
			if (prev != nullptr)
				prev->next = m;
			else
				head = m;
			prev = m;
			left -= take;
			used++;
		}
		head->nb_segs = used;
		head->pkt_len = len;
		head->port = q->port_id;
		head->ol_flags = 0;
		head->packet_type = RTE_PTYPE_L2_ETHER;
		for (uint16_t k = 0; k < nseg; k++)
			dst[k] = fresh[k];
	}
	jmb_post(q, q->jmb_prod, dst, false);
	q->jmb_prod = (q->jmb_prod + 1) & q->jmb_mask;
	return head;
}

uint16_t tg57xx_recv_pkts(void *rxq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	auto *q = static_cast<RxQueue *>(rxq);
	rte_mbuf *fresh[kRxBurstMax];
	rte_mbuf *drop[kRxBurstMax * (kJmbSegsMax + 1)];
	uint16_t nb_rx = 0, nb_drop = 0;

	/* The chip writes return BDs before the status block that publishes them:
	 * read the producer first, then (barrier) the BDs. */
	uint16_t avail = ring_count(*q->ret_prod, q->ret_cons, q->ret_mask);
	if (avail == 0)
		return 0;
	rte_rmb();
	if (avail > nb_pkts)
		avail = nb_pkts;
	if (avail > kRxBurstMax)
		avail = kRxBurstMax;
	if (unlikely(rte_pktmbuf_alloc_bulk(q->mp, fresh, avail) != 0)) {
		/* Count the shortfall, then take what the pool still has (halving);
		 * frames we cannot refill for stay in the ring, and the chip drops
		 * (and counts) when it runs out of posted buffers. */
		*q->alloc_failed += avail;
		do
			avail /= 2;
		while (avail != 0 && rte_pktmbuf_alloc_bulk(q->mp, fresh, avail) != 0);
		if (avail == 0)
			return 0;
	}

	uint16_t cons = q->ret_cons, prod = q->std_prod;
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < avail; i++) {
		const hw::RxBd &bd = q->ret_ring[cons];
		uint32_t opaque = bd.opaque;
		uint16_t slot = static_cast<uint16_t>(opaque & hw::RXD_OPAQUE_INDEX_MASK);
		cons = (cons + 1) & q->ret_mask;

		uint32_t ring = opaque & hw::RXD_OPAQUE_RING_MASK;
		if (ring == hw::RXD_OPAQUE_RING_JUMBO) {
			/* The chip took a jumbo BD, not a std buffer: fresh[i] is not needed. */
			drop[nb_drop++] = fresh[i];
			rte_mbuf *m = rx_jumbo(q, bd, slot, drop, &nb_drop);
			if (m != nullptr) {
				bytes += m->pkt_len;
				pkts[nb_rx++] = m;
			}
			continue;
		}
		if (unlikely(ring != hw::RXD_OPAQUE_RING_STD || slot > q->std_mask)) {
			drop[nb_drop++] = fresh[i];
			q->errors++; /* not a buffer of ours: nothing to hand up */
			continue;
		}
		/* Refill the std slot freed one round ago (see file comment). */
		rte_mbuf *nm = fresh[i];
		if (unlikely(q->std_sw[prod] != nullptr))
			drop[nb_drop++] = q->std_sw[prod];
		q->std_sw[prod] = nm;
		q->std_ring[prod].set_addr(rte_mbuf_data_iova_default(nm));
		prod = (prod + 1) & q->std_mask;

		rte_mbuf *m = q->std_sw[slot];
		q->std_sw[slot] = nullptr;
		if (unlikely(m == nullptr)) {
			q->errors++;
			continue;
		}
		uint16_t len = bd.len();
		if (unlikely(bd.has_error() || len <= kFcsLen || len - kFcsLen > q->buf_len)) {
			q->errors++;
			drop[nb_drop++] = m;
			continue;
		}
		/* data_off, nb_segs, next, ol_flags: reset when the mbuf was allocated. */
		len -= kFcsLen;
		m->data_len = len;
		m->pkt_len = len;
		m->port = q->port_id;
		m->packet_type = RTE_PTYPE_L2_ETHER;
		bytes += len;
		pkts[nb_rx++] = m;
	}
	q->ret_cons = cons;
	q->std_prod = prod;
	/* Tell the chip how far we read, then hand back the refilled buffers. */
	mbox_write(q->ret_cons_mbox, cons);
	mbox_write(q->std_prod_mbox, prod);
	if (q->jmb_segs != 0)
		mbox_write(q->jmb_prod_mbox, q->jmb_prod);
	if (nb_drop != 0)
		rte_pktmbuf_free_bulk(drop, nb_drop);
	q->packets += nb_rx;
	q->bytes += bytes;
	return nb_rx;
}

uint32_t txq_reclaim(TxQueue *q, uint32_t max)
{
	constexpr uint16_t kFreeBatch = 64;
	rte_mbuf *done_pkts[kFreeBatch];
	uint16_t hw_cons = *q->hw_cons;
	uint16_t done = ring_count(hw_cons, q->cons, q->mask);
	uint32_t freed = 0;
	uint16_t n = 0;

	if (done > max)
		done = static_cast<uint16_t>(max);
	/* A packet's mbuf chain sits in the slot of its last BD (END): it is
	 * complete once the chip's consumer has passed that BD. */
	for (uint16_t i = 0; i < done; i++) {
		rte_mbuf *m = q->sw[q->cons];
		if (m != nullptr) {
			q->sw[q->cons] = nullptr;
			done_pkts[n++] = m;
			if (n == kFreeBatch) {
				rte_pktmbuf_free_bulk(done_pkts, n);
				freed += n;
				n = 0;
			}
		}
		q->cons = (q->cons + 1) & q->mask;
	}
	if (n != 0)
		rte_pktmbuf_free_bulk(done_pkts, n);
	freed += n;
	q->nb_free += done;
	return freed;
}

/* A frame the chip can DMA as is: no empty or <= 8-byte BD, no 4 GB crossing (ref §15). */
static inline bool tx_segs_ok(const rte_mbuf *m)
{
	for (; m != nullptr; m = m->next) {
		if (unlikely(m->data_len <= kShortDmaMax || hw::tg3_4g_overflow(rte_mbuf_data_iova(m), m->data_len)))
			return false;
	}
	return true;
}

uint16_t tg57xx_xmit_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	auto *q = static_cast<TxQueue *>(txq);
	uint16_t nb_tx = 0, nb_bad = 0, prod = q->prod;
	uint64_t bytes = 0;

	if (q->nb_free < q->free_thresh)
		txq_reclaim(q, q->nb_desc);

	for (; nb_tx < nb_pkts; nb_tx++) {
		rte_mbuf *m = pkts[nb_tx];
		uint16_t nseg = m->nb_segs;

		if (unlikely(nseg > q->nb_free)) {
			txq_reclaim(q, q->nb_desc);
			if (nseg > q->nb_free)
				break; /* ring full: the rest are the caller's */
		}
		uint32_t flags = m->pkt_len > q->jumbo_flag_len ? hw::TXD_FLAG_JMB_PKT : 0;
		if (likely(nseg == 1)) {
			/* The common case: one buffer, one BD. */
			rte_iova_t iova = rte_mbuf_data_iova(m);
			if (unlikely(m->data_len <= kShortDmaMax || hw::tg3_4g_overflow(iova, m->data_len))) {
				nb_bad++;
				rte_pktmbuf_free(m);
				continue;
			}
			q->ring[prod].set(iova, m->data_len, flags | hw::TXD_FLAG_END, 0, 0);
			q->sw[prod] = m;
			prod = (prod + 1) & q->mask;
			q->nb_free--;
			bytes += m->pkt_len;
			continue;
		}
		if (unlikely(!tx_segs_ok(m))) {
			/* Use tx_prepare to learn why; here it is refused and counted. */
			nb_bad++;
			rte_pktmbuf_free(m);
			continue;
		}
		for (rte_mbuf *s = m;;) {
			rte_mbuf *next = s->next;
			uint32_t f = flags | (next == nullptr ? hw::TXD_FLAG_END : 0);
			q->ring[prod].set(rte_mbuf_data_iova(s), s->data_len, f, 0, 0);
			q->sw[prod] = next == nullptr ? m : nullptr; /* the chain, at its last BD */
			prod = (prod + 1) & q->mask;
			if (next == nullptr)
				break;
			s = next;
		}
		q->nb_free -= nseg;
		bytes += m->pkt_len;
	}
	if (likely(prod != q->prod)) {
		q->prod = prod;
		mbox_write(q->prod_mbox, prod); /* one doorbell per burst */
	}
	q->packets += nb_tx - nb_bad;
	q->errors += nb_bad;
	q->bytes += bytes;
	return nb_tx;
}

uint16_t tg57xx_prep_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	(void)txq;
	for (uint16_t i = 0; i < nb_pkts; i++) {
		if (!tx_segs_ok(pkts[i])) {
			rte_errno = EINVAL;
			return i;
		}
	}
	return nb_pkts;
}

} // namespace tg57xx::pmd
