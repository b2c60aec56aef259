/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Queue structures and burst functions (ref §14).
 *
 * RX queue q reads return ring q (RCB q, MAILBOX_RCVRET_CON_IDX_q) and finds
 * that ring's producer in its status-block word (§9.1: vector q+1's block
 * with MSI-X multi-vector, vector 0's otherwise). The chip has ONE standard
 * producer ring (and one jumbo ring) for all return rings (§10.6): RxBufRing,
 * shared by every RX queue of the port. TX queue t owns send RCB t (more than
 * one only with TSS on 5719/5720, §10.7) and reads its consumer from the
 * status block of its vector. Which words a queue uses is bound at dev_start
 * (tg57xx_intr.cpp bind_queues), so the burst functions never branch on the
 * layout.
 */
#ifndef TG57XX_RXTX_H
#define TG57XX_RXTX_H

#include <cstdint>

#include <ethdev_driver.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "tg57xx_bufring.h"
#include "tg57xx_desc.h"

namespace tg57xx::pmd {

/* Burst sizes the fast path handles per inner round (stack arrays). */
inline constexpr uint16_t kRxBurstMax = 64;
/* Buffers per extended (jumbo) BD: segment 0 + addr1..3 (ref §8.3). */
inline constexpr unsigned kJmbSegsMax = 4;
/* Jumbo BDs kept posted: each holds up to four mbufs. */
inline constexpr uint16_t kJmbPostedMax = 128;
/*
 * The send ring as the chip is programmed with it, whatever nb_tx_desc is:
 * tg3 always writes TG3_TX_RING_SIZE into the send RCB (tg3_tx_rcbs_init,
 * ref §7.2, §16 item 16; FreeBSD BGE_TX_RING_CNT) and bounds the BDs in
 * flight by tp->tx_pending (ethtool -G, tg3_set_ringparam) instead. Here
 * nb_tx_desc plays tx_pending's part: at most nb_tx_desc - 1 BDs in flight,
 * in a ring that wraps at this compile-time size.
 */
inline constexpr uint16_t kSendRingEntries = hw::TG3_TX_RING_SIZE;
inline constexpr uint16_t kSendRingMask = kSendRingEntries - 1;
static_assert((kSendRingEntries & kSendRingMask) == 0, "the send ring wraps with a mask");

/*
 * The chip's standard (and jumbo) producer ring as the host keeps it, shared
 * by all RX queues (ref §10.6: "only one std producer ring exists"). The
 * slot-word protocol and who posts what: tg57xx_bufring.h. The read-mostly
 * words every queue reads per frame and the publisher's indexes live on
 * different cache lines (the slot-word pointer and mask are kept in both).
 */
struct RxBufRing {
	/* ---- read-mostly (every RX queue) ---- */
	hw::RxBd *std_ring;
	uintptr_t *std_sw;
	volatile uint32_t *std_prod_mbox;   /* MAILBOX_RCV_STD_PROD_IDX low word */
	hw::ExtRxBd *jmb_ring;
	uintptr_t *jmb_sw;                  /* kJmbSegsMax words per slot */
	volatile uint32_t *jmb_prod_mbox;   /* MAILBOX_RCV_JUMBO_PROD_IDX low word */
	uint16_t std_mask;
	uint16_t jmb_mask;
	uint16_t buf_len;                   /* bytes the chip may write per buffer (smallest queue's) */
	uint16_t jmb_segs;                  /* buffers per jumbo BD; 0 = jumbo ring off */
	bool shared;                        /* more than one RX queue: publish under `publishing` */
	/* ---- publisher state (own cache line) ---- */
	alignas(RTE_CACHE_LINE_SIZE) uint32_t publishing;
	SlotRing pub_std;
	SlotRing pub_jmb;
	/* ---- control ---- */
	alignas(RTE_CACHE_LINE_SIZE) const rte_memzone *std_mz;
	const rte_memzone *jmb_mz;
	uint16_t std_entries;
	uint16_t std_posted;                /* posted at start: std_entries - 1 (every slot holds a buffer) */
	uint16_t jmb_entries;               /* 0: the chip has no jumbo ring */
	uint16_t jmb_posted;
};

struct RxQueue {
	/* ---- hot: burst path ---- */
	hw::RxBd *ret_ring;                 /* return ring (chip writes, we read) */
	RxBufRing *bufs;                    /* the port's shared producer rings */
	const volatile uint16_t *ret_prod;  /* status block: this ring's producer (§9.1) */
	volatile uint32_t *ret_cons_mbox;   /* MAILBOX_RCVRET_CON_IDX(n) low word */
	rte_mempool *mp;
	uint64_t *alloc_failed;             /* &dev->data->rx_mbuf_alloc_failed */
	uint64_t rearm;                     /* rearm_data of a received mbuf (rx_rearm_template) */
	uint64_t ol_base;                   /* ol_flags every received mbuf keeps (pinned external buffers) */
	uint16_t ret_mask;
	uint16_t ret_cons;                  /* next return BD we read (owned by us) */
	uint16_t port_id;
	uint16_t queue_id;
	uint32_t hash_valid_mask;           /* TG_RBD_FLAG_RSS_HASH_VALID if RSS_HASH is on, else 0 */
	uint32_t max_untagged;              /* MTU + 14: longer untagged frames are dropped (tg3_rx) */
	bool bd_offloads;                   /* checksum / VLAN strip on: read their return-BD words */
	/* ---- stats (software, per queue) ---- */
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;                    /* error frames dropped (RXD_ERR_MASK, §14.2; over the MTU) */
	/* ---- control ---- */
	const rte_memzone *ret_mz;
	uint16_t nb_desc;                   /* this queue's share of the std ring */
	uint16_t ret_entries;
	uint16_t buf_len;                   /* what this queue's mempool allows */
	unsigned ret_ring_idx;              /* return RCB n */
	unsigned vector;                    /* MSI-X vector of its status block */
	bool started;
};

struct TxQueue {
	/* ---- hot ---- */
	hw::TxBd *ring;
	void **sw;                          /* a packet's mbuf at the slot of its last BD (tx_sw_word); valid in [cons, prod) */
	rte_mempool *fast_pool;             /* MBUF_FAST_FREE: the one pool (learnt from the first mbuf), else null */
	const volatile uint16_t *hw_cons;   /* status block: send ring consumer (§9.1) */
	volatile uint32_t *prod_mbox;       /* send producer mailbox word (§4.1, §4.4 with TSS) */
	uint16_t prod;                      /* next BD we fill, mod kSendRingEntries (owned by us) */
	uint16_t cons;                      /* oldest BD not reclaimed (owned by us) */
	uint16_t nb_free;                   /* BDs we may still fill (nb_desc - 1 - in flight) */
	uint16_t free_thresh;               /* reclaim when nb_free drops below */
	uint16_t irregular;                 /* BDs in flight with a null or chain slot word (tg57xx_rxtx.cpp) */
	uint16_t port_id;
	uint16_t queue_id;
	uint32_t jumbo_flag_len;            /* frames longer get TXD_FLAG_JMB_PKT (UINT32_MAX: never) */
	uint32_t tso_max_seg;               /* HW_TSO_3: largest IP + TCP + MSS per segment; 0 = no TSO */
	uint32_t bd_limit;                  /* max bytes per send BD, 0 = none (5719, 57766; ref §15) */
	uint32_t simple_max_len;            /* longest frame the one-BD loop takes (no split, no JMB_PKT) */
	bool fast_free;                     /* RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE: raw bulk put, no refcnt checks */
	/* ---- stats ---- */
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;                    /* frames refused (bad segments) */
	/* ---- control ---- */
	const rte_memzone *mz;              /* kSendRingEntries BDs */
	uint16_t nb_desc;                   /* nb_tx_desc as asked: the in-flight bound + 1 (tg3 tx_pending) */
	unsigned send_ring_idx;
	unsigned vector;
	bool started;
};

/* Full receive path: every ring, offload and RSS layout. */
uint16_t tg57xx_recv_pkts(void *rxq, rte_mbuf **pkts, uint16_t nb_pkts);
/* Simple receive path (doc/guides/nics/tg57xx.rst "Burst functions"): one RX
 * queue, no jumbo ring, no return-BD offloads, no RSS hash; rx_path_simple()
 * says when dev_start may choose it. It checks the queue once per burst and
 * hands the burst to the full path if an offload was switched on since. */
uint16_t tg57xx_recv_pkts_simple(void *rxq, rte_mbuf **pkts, uint16_t nb_pkts);
uint16_t tg57xx_xmit_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts);
uint16_t tg57xx_prep_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts);

/* The 8 bytes of rearm_data a received mbuf gets (data_off, refcnt 1, nb_segs 1, port). */
uint64_t rx_rearm_template(uint16_t port_id);
/* Whether queue q's configuration lets tg57xx_recv_pkts_simple serve it. */
bool rx_path_simple(const RxQueue *q);

/* Post the initial buffers of the shared rings (std: std_posted mbufs; jumbo:
 * jmb_posted BDs of jmb_segs mbufs), taking them from the queues' pools in
 * turn. -ENOMEM if a pool runs dry (what was taken stays in the ring: release it). */
int bufs_fill(RxBufRing *b, RxQueue *const *queues, uint16_t nb_queues);
/* Return every mbuf the shared rings hold to its pool. */
void bufs_release_mbufs(RxBufRing *b);
void txq_release_mbufs(TxQueue *q);
/* Reclaim completed BDs; returns how many packets were freed. */
uint32_t txq_reclaim(TxQueue *q, uint32_t max);
/* Pending return BDs (rx_queue_count). */
uint32_t rxq_pending(const RxQueue *q);

} // namespace tg57xx::pmd

#endif
