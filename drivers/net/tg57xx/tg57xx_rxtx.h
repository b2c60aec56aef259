/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Queue structures and burst functions (ref §14). One RX queue owns the
 * standard producer ring (and the jumbo ring when enabled) and return ring 0;
 * one TX queue owns send ring 0. Each queue records which return ring / send
 * RCB and which status-block words it uses, so RSS/TSS queues (§10.6,
 * §10.7) fit without a rewrite.
 */
#ifndef TG57XX_RXTX_H
#define TG57XX_RXTX_H

#include <cstdint>

#include <ethdev_driver.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "tg57xx_desc.h"

namespace tg57xx::pmd {

/* Burst sizes the fast path handles per inner round (stack arrays). */
inline constexpr uint16_t kRxBurstMax = 64;
/* Buffers per extended (jumbo) BD: segment 0 + addr1..3 (ref §8.3). */
inline constexpr unsigned kJmbSegsMax = 4;
/* Jumbo BDs kept posted: each holds up to four mbufs. */
inline constexpr uint16_t kJmbPostedMax = 128;

struct RxQueue {
	/* ---- hot: burst path ---- */
	hw::RxBd *ret_ring;                 /* return ring (chip writes, we read) */
	hw::RxBd *std_ring;                 /* standard producer ring (we write) */
	rte_mbuf **std_sw;                  /* mbuf posted in each std slot */
	const volatile uint16_t *ret_prod;  /* status block: this ring's producer (§9.1) */
	volatile uint32_t *ret_cons_mbox;   /* MAILBOX_RCVRET_CON_IDX(n) low word */
	volatile uint32_t *std_prod_mbox;   /* MAILBOX_RCV_STD_PROD_IDX low word */
	rte_mempool *mp;
	uint64_t *alloc_failed;             /* &dev->data->rx_mbuf_alloc_failed */
	uint16_t ret_mask;
	uint16_t std_mask;
	uint16_t ret_cons;                  /* next return BD we read (owned by us) */
	uint16_t std_prod;                  /* next std slot to refill (owned by us) */
	uint16_t port_id;
	uint16_t queue_id;
	uint16_t buf_len;                   /* bytes the chip may write per buffer */
	/* jumbo ring (ref §8.3, §10.5): used when a frame does not fit one buffer */
	hw::ExtRxBd *jmb_ring;
	rte_mbuf **jmb_sw;                  /* kJmbSegsMax mbufs per slot */
	volatile uint32_t *jmb_prod_mbox;   /* MAILBOX_RCV_JUMBO_PROD_IDX low word */
	uint16_t jmb_mask;
	uint16_t jmb_prod;                  /* next jumbo slot to refill (owned by us) */
	uint16_t jmb_segs;                  /* buffers per jumbo BD; 0 = jumbo ring off */
	/* ---- stats (software, per queue) ---- */
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;                    /* error frames dropped (RXD_ERR_MASK, §14.2) */
	/* ---- control ---- */
	const rte_memzone *ret_mz;
	const rte_memzone *std_mz;
	const rte_memzone *jmb_mz;
	uint16_t jmb_entries;               /* 0: the chip has no jumbo ring */
	uint16_t jmb_posted;
	uint16_t nb_desc;                   /* std ring entries */
	uint16_t ret_entries;
	unsigned ret_ring_idx;              /* return RCB n */
	uint16_t mbuf_data_room;
	bool started;
};

struct TxQueue {
	/* ---- hot ---- */
	hw::TxBd *ring;
	rte_mbuf **sw;                      /* a packet's mbuf chain, at the slot of its last BD */
	const volatile uint16_t *hw_cons;   /* status block: send ring consumer (§9.1) */
	volatile uint32_t *prod_mbox;       /* MAILBOX_SNDHOST_PROD_IDX(n) low word */
	uint16_t mask;
	uint16_t prod;                      /* next BD we fill (owned by us) */
	uint16_t cons;                      /* oldest BD not reclaimed (owned by us) */
	uint16_t nb_free;                   /* BDs we may still fill (ring - 1 - in flight) */
	uint16_t free_thresh;               /* reclaim when nb_free drops below */
	uint16_t port_id;
	uint16_t queue_id;
	uint32_t jumbo_flag_len;            /* frames longer get TXD_FLAG_JMB_PKT (UINT32_MAX: never) */
	/* ---- stats ---- */
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;                    /* frames refused (bad segments) */
	/* ---- control ---- */
	const rte_memzone *mz;
	uint16_t nb_desc;
	unsigned send_ring_idx;
	bool started;
};

uint16_t tg57xx_recv_pkts(void *rxq, rte_mbuf **pkts, uint16_t nb_pkts);
uint16_t tg57xx_xmit_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts);
uint16_t tg57xx_prep_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts);

/* Fill every std slot but one with a fresh mbuf (ref §4.3: producer = one past the last posted),
 * and, when jmb_segs != 0, jmb_posted jumbo BDs with jmb_segs mbufs each. */
int rxq_fill(RxQueue *q);
/* Return every mbuf the queue holds to its pool. */
void rxq_release_mbufs(RxQueue *q);
void txq_release_mbufs(TxQueue *q);
/* Reclaim completed BDs; returns how many packets were freed. */
uint32_t txq_reclaim(TxQueue *q, uint32_t max);
/* Pending return BDs (rx_queue_count). */
uint32_t rxq_pending(const RxQueue *q);

} // namespace tg57xx::pmd

#endif
