/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fast path (ref §14): rx burst (tx: tg57xx_tx.cpp). No allocation beyond mempool bulk
 * operations, no virtual calls, no syscalls; one doorbell store per mailbox
 * per burst; failures become counters and short bursts.
 *
 * Index ownership:
 *  - return ring: the chip owns [ret_cons, status.rx_producer); we own the rest
 *    and tell the chip how far we read through the return-consumer mailbox.
 *    Each return ring belongs to one RX queue (one lcore at a time, as DPDK
 *    requires of a queue).
 *  - std/jumbo producer rings: one of each for the whole port (ref §10.6),
 *    shared by all RX queues. The chip consumes posted slots in order and
 *    returns each buffer exactly once, on some return ring; the RX queue that
 *    reads that return BD owns the slot until it leaves fresh buffers there
 *    tagged READY. Posting is the publisher's (tg57xx_bufring.h): the queue
 *    itself when it is the only one, else whichever queue gets the token,
 *    after its burst; nobody waits for it. Posting goes in ring order, so
 *    every RX queue must be polled (or woken by its interrupt): one that is
 *    never polled stops the buffer flow of the others (tg3's shared ring,
 *    refilled from one vector for all, behaves the same).
 * The send ring's: tg57xx_tx.cpp.
 */
#include "tg57xx_rxtx.h"

#include <array>
#include <cstring>

#include <rte_branch_prediction.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "tg57xx_io.h"
#include "tg57xx_logs.h"
#include "tg57xx_pool.h"
#include "tg57xx_rxtx_common.h"

namespace tg57xx::pmd {

using fp::bd_set_addr;
using fp::kFcsLen;
using fp::ring_count;
using fp::store_words;

uint32_t rxq_pending(const RxQueue *q)
{
	return ring_count(*q->ret_prod, q->ret_cons, q->ret_mask);
}

namespace {

inline rte_mbuf *slot_mbuf(uintptr_t w) { return reinterpret_cast<rte_mbuf *>(w & ~kSlotReady); }
inline uintptr_t slot_word(rte_mbuf *m) { return reinterpret_cast<uintptr_t>(m); }

} // namespace

/* Write jumbo BD `slot` (ref §8.3): segment 0 in the embedded std BD,
 * segments 1..3 in addr1..3; `init` also writes the fixed words. The
 * lengths are the same whether or not the slot gets buffers now: a slot
 * left empty at init is posted later with set_addr only, so its len0 must
 * already be the buffer's (else the chip skips segment 0, ref §8.3). */
static void jmb_post(RxBufRing *b, uint16_t slot, const uintptr_t *segs, bool init)
{
	hw::ExtRxBd &bd = b->jmb_ring[slot];
	uint64_t a[kJmbSegsMax] = {};
	uint16_t l[kJmbSegsMax] = {};
	for (unsigned k = 0; k < b->jmb_segs; k++) {
		a[k] = segs != nullptr ? rte_mbuf_data_iova_default(slot_mbuf(segs[k])) : 0;
		l[k] = b->buf_len;
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

int bufs_fill(RxBufRing *b, RxQueue *const *queues, uint16_t nb_queues)
{
	const uint32_t jmb_words = uint32_t{b->jmb_entries} * kJmbSegsMax;
	for (uint16_t i = 0; i < b->std_entries; i++)
		b->std_sw[i] = 0;
	for (uint32_t i = 0; b->jmb_sw != nullptr && i < jmb_words; i++)
		b->jmb_sw[i] = 0;
	/* Every slot gets its fixed words (length, index, END, opaque cookie);
	 * the publisher later only rewrites the buffer address. */
	int ret = 0;
	for (uint16_t i = 0; i < b->std_entries; i++) {
		rte_mbuf *m = ret == 0 ? rte_pktmbuf_alloc(queues[i % nb_queues]->mp) : nullptr;
		if (m == nullptr)
			ret = -ENOMEM;
		/* Every std slot holds a buffer; the one past the posted ones waits READY (in-place ring). */
		b->std_sw[i] = slot_word(m) | (i >= b->std_posted && m != nullptr ? kSlotReady : 0);
		b->std_ring[i].init_producer(m != nullptr ? rte_mbuf_data_iova_default(m) : 0, b->buf_len, i,
					     hw::RXD_FLAG_END, hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, i));
	}
	b->pub_std = SlotRing{b->std_sw, b->std_mask, 1, 1, b->std_posted, 0};
	b->pub_jmb = SlotRing{b->jmb_sw, b->jmb_mask, kJmbSegsMax, b->jmb_segs, 0, 0};
	b->publishing = 0;
	if (b->jmb_segs == 0 || ret != 0)
		return ret;
	for (uint16_t i = 0; i < b->jmb_entries; i++) {
		uintptr_t *w = &b->jmb_sw[i * kJmbSegsMax];
		bool post = i < b->jmb_posted;
		rte_mbuf *segs[kJmbSegsMax];
		if (post && rte_pktmbuf_alloc_bulk(queues[i % nb_queues]->mp, segs, b->jmb_segs) != 0)
			return -ENOMEM;
		for (uint16_t k = 0; post && k < b->jmb_segs; k++)
			w[k] = slot_word(segs[k]);
		jmb_post(b, i, post ? w : nullptr, true);
	}
	b->pub_jmb.prod = b->jmb_posted;
	return 0;
}

void bufs_release_mbufs(RxBufRing *b)
{
	for (uint16_t i = 0; b->std_sw != nullptr && i < b->std_entries; i++) {
		if (b->std_sw[i] != 0) {
			rte_pktmbuf_free_seg(slot_mbuf(b->std_sw[i]));
			b->std_sw[i] = 0;
		}
	}
	for (uint32_t i = 0; b->jmb_sw != nullptr && i < uint32_t{b->jmb_entries} * kJmbSegsMax; i++) {
		if (b->jmb_sw[i] != 0) {
			rte_pktmbuf_free_seg(slot_mbuf(b->jmb_sw[i]));
			b->jmb_sw[i] = 0;
		}
	}
}

/* Publisher only: post what the queues handed back, one mailbox write per ring. */
static void publish(RxBufRing *b)
{
	if (slot_ring_advance(b->pub_std) != 0)
		mbox_write(b->std_prod_mbox, b->pub_std.prod);
	if (b->jmb_segs != 0 &&
	    slot_ring_publish(b->pub_jmb, [b](uint16_t p, const uintptr_t *w) { jmb_post(b, p, w, false); }) != 0)
		mbox_write(b->jmb_prod_mbox, b->pub_jmb.prod);
}

static inline void bufs_publish(RxBufRing *b)
{
	if (likely(!b->shared)) {
		publish(b);
		return;
	}
	while (token_acquire(&b->publishing)) {
		publish(b);
		token_release(&b->publishing);
		if (!slot_ring_advanceable(b->pub_std) && (b->jmb_segs == 0 || !slot_ring_publishable(b->pub_jmb)))
			return; /* nothing arrived meanwhile; else the next holder, maybe us again */
	}
}

/*
 * A frame returned from the jumbo ring (ref §8.3, §10.5): chain the buffers
 * it filled, hand the unused ones back to the pool, and leave fresh buffers
 * in its slot. Without fresh mbufs the frame is dropped and its own buffers
 * go back into the slot (counted as rx_mbuf_alloc_failed).
 */
static rte_mbuf *rx_jumbo(RxQueue *q, RxBufRing *b, const hw::RxBd &bd, uint16_t slot, rte_mbuf **drop,
			  uint16_t *nb_drop)
{
	uintptr_t *w = slot <= b->jmb_mask && b->jmb_segs != 0 ? &b->jmb_sw[slot * kJmbSegsMax] : nullptr;
	if (unlikely(w == nullptr || !slot_held(w[0]))) {
		q->errors++; /* not a buffer the chip holds */
		return nullptr;
	}
	uint16_t nseg = b->jmb_segs;
	rte_mbuf *segs[kJmbSegsMax], *fresh[kJmbSegsMax];
	uintptr_t own[kJmbSegsMax];
	for (uint16_t k = 0; k < nseg; k++) {
		own[k] = w[k];
		segs[k] = slot_mbuf(w[k]);
	}
	bool have_fresh = rte_pktmbuf_alloc_bulk(q->mp, fresh, nseg) == 0;
	uint16_t len = bd.len();
	bool bad = bd.has_error() || len <= kFcsLen || uint32_t{len} - kFcsLen > uint32_t{b->buf_len} * nseg;
	rte_mbuf *head = nullptr;

	if (unlikely(!have_fresh || bad)) {
		if (!have_fresh)
			(*q->alloc_failed)++;
		else
			for (uint16_t k = 0; k < nseg; k++)
				drop[(*nb_drop)++] = fresh[k];
		if (bad)
			q->errors++;
		slot_ready(w, own, nseg); /* the same buffers again */
		return nullptr;
	}
	len -= kFcsLen;
	uint16_t left = len, used = 0;
	rte_mbuf *prev = nullptr;
	for (uint16_t k = 0; k < nseg; k++) {
		rte_mbuf *m = segs[k];
		if (left == 0) {
			drop[(*nb_drop)++] = m;
			continue;
		}
		uint16_t take = left < b->buf_len ? left : b->buf_len;
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
	uintptr_t next[kJmbSegsMax];
	for (uint16_t k = 0; k < nseg; k++)
		next[k] = slot_word(fresh[k]);
	slot_ready(w, next, nseg);
	return head;
}

/*
 * Return-BD checksum and VLAN results -> ol_flags (ref §8.4, §10.1, §10.3),
 * one table load per frame. Index bits: 0 RXD_FLAG_IP_CSUM (IP sum computed),
 * 1 RXD_FLAG_TCPUDP_CSUM (L4 sum computed), 2 IP sum == 0xFFFF, 3 L4 sum ==
 * 0xFFFF (0xFFFF = correct, tg3 tg3_rx), 4 RXD_FLAG_VLAN (tag stripped).
 * Not computed = UNKNOWN (not IPv4, fragment, IPv6 without TCP/UDP, ...).
 */
constexpr unsigned kRxCsumFlagShift = 12;
enum : unsigned { RXI_IP = 1, RXI_L4 = 2, RXI_IP_GOOD = 4, RXI_L4_GOOD = 8, RXI_VLAN = 16 };
static_assert(hw::RXD_FLAG_IP_CSUM == RXI_IP << kRxCsumFlagShift &&
	      hw::RXD_FLAG_TCPUDP_CSUM == RXI_L4 << kRxCsumFlagShift);
constexpr auto kRxOlTable = [] {
	std::array<uint64_t, 32> t{};
	for (unsigned i = 0; i < t.size(); i++) {
		uint64_t f = 0;
		if (i & RXI_IP)
			f |= (i & RXI_IP_GOOD) ? RTE_MBUF_F_RX_IP_CKSUM_GOOD : RTE_MBUF_F_RX_IP_CKSUM_BAD;
		if (i & RXI_L4)
			f |= (i & RXI_L4_GOOD) ? RTE_MBUF_F_RX_L4_CKSUM_GOOD : RTE_MBUF_F_RX_L4_CKSUM_BAD;
		if (i & RXI_VLAN)
			f |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
		t[i] = f;
	}
	return t;
}();
constexpr uint16_t kRxCsumGood = hw::RXD_CSUM_GOOD;

/*
 * An IPv4 UDP datagram whose sum is not 0xFFFF may carry no checksum at all
 * (field 0, RFC 768): the chip sums it anyway (ref §10.1), so look at the
 * field. Only frames already found bad come here.
 */
static __rte_noinline uint64_t rx_udp_unchecked(const rte_mbuf *m, uint64_t ol)
{
	const auto *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint32_t off = offsetof(rte_ether_hdr, ether_type);
	uint16_t type = rte_be_to_cpu_16(*reinterpret_cast<const rte_be16_t *>(p + off));
	if (type == RTE_ETHER_TYPE_VLAN || type == RTE_ETHER_TYPE_QINQ) { /* a kept tag */
		off += sizeof(rte_vlan_hdr);
		if (m->data_len < off + sizeof(rte_be16_t))
			return ol;
		type = rte_be_to_cpu_16(*reinterpret_cast<const rte_be16_t *>(p + off));
	}
	off += sizeof(rte_be16_t);
	if (type != RTE_ETHER_TYPE_IPV4 || m->data_len < off + sizeof(rte_ipv4_hdr))
		return ol;
	off += rte_ipv4_hdr_len(reinterpret_cast<const rte_ipv4_hdr *>(p + off));
	if (m->data_len < off + sizeof(rte_udp_hdr))
		return ol;
	if (reinterpret_cast<const rte_udp_hdr *>(p + off)->dgram_cksum != 0)
		return ol;
	return (ol & ~RTE_MBUF_F_RX_L4_CKSUM_MASK) | RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN;
}

static inline void rx_offloads(const hw::RxBd &bd, rte_mbuf *m)
{
	const uint32_t f = bd.type_flags;
	/* Selects, not branches: setcc/cmov on every compiler this builds with. */
	const unsigned i = ((f >> kRxCsumFlagShift) & (RXI_IP | RXI_L4)) |
			   (bd.ip_csum() == kRxCsumGood ? RXI_IP_GOOD : 0u) |
			   (bd.tcp_csum() == kRxCsumGood ? RXI_L4_GOOD : 0u) | ((f & hw::RXD_FLAG_VLAN) ? RXI_VLAN : 0u);
	uint64_t ol = kRxOlTable[i];
	if (unlikely((ol & RTE_MBUF_F_RX_L4_CKSUM_MASK) == RTE_MBUF_F_RX_L4_CKSUM_BAD) &&
	    !(f & (hw::RXD_FLAG_IS_TCP | hw::BGE_RXBDFLAG_IPV6)))
		ol = rx_udp_unchecked(m, ol);
	m->ol_flags |= ol;
	m->vlan_tci = bd.vlan();
}

/* RSS hash as the chip reports it (ref §8.4: word 0x18 with Thundergate's valid flag, UNCONFIRMED). */
static inline void rx_hash(const RxQueue *q, const hw::RxBd &bd, rte_mbuf *m)
{
	if (bd.type_flags & q->hash_valid_mask) {
		m->hash.rss = bd.reserved;
		m->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
	}
}

/* tg3_rx: MAC_RX_MTU_SIZE lets MTU + 18 through for a tag, so an untagged
 * frame longer than MTU + 14 is dropped here. One compare unless over. */
static inline bool rx_over_mtu(const RxQueue *q, const rte_mbuf *m)
{
	if (likely(m->pkt_len <= q->max_untagged))
		return false;
	const uint16_t type = rte_be_to_cpu_16(rte_pktmbuf_mtod(m, const rte_ether_hdr *)->ether_type);
	return type != RTE_ETHER_TYPE_VLAN && type != RTE_ETHER_TYPE_QINQ;
}

uint64_t rx_rearm_template(uint16_t port_id)
{
	rte_mbuf m{};
	m.data_off = RTE_PKTMBUF_HEADROOM;
	m.nb_segs = 1;
	m.port = port_id;
	rte_mbuf_refcnt_set(&m, 1);
	uint64_t v;
	static_assert(sizeof(v) == offsetof(rte_mbuf, ol_flags) - offsetof(rte_mbuf, rearm_data));
	std::memcpy(&v, &m.rearm_data, sizeof(v));
	return v;
}

bool rx_path_simple(const RxQueue *q)
{
	return !q->bd_offloads && q->hash_valid_mask == 0 && q->ol_base == 0 && !q->bufs->shared &&
	       q->bufs->jmb_segs == 0;
}

namespace {

/*
 * A received single-buffer frame: the whole mbuf header a pool mbuf lacks
 * (refills are raw mempool gets, not rte_pktmbuf_alloc_bulk) in
 * four stores: rearm_data from the template (data_off, refcnt, nb_segs,
 * port), ol_flags, packet_type + pkt_len, data_len + vlan_tci (0). `next`
 * is already null: the mempool keeps freed mbufs that way (rte_mbuf.h).
 */
inline void rx_mbuf_init(const RxQueue *q, rte_mbuf *m, uint16_t len)
{
	static_assert(offsetof(rte_mbuf, pkt_len) == offsetof(rte_mbuf, packet_type) + sizeof(uint32_t) &&
		      offsetof(rte_mbuf, vlan_tci) == offsetof(rte_mbuf, data_len) + sizeof(uint16_t));
	std::memcpy(&m->rearm_data, &q->rearm, sizeof(q->rearm));
	m->ol_flags = q->ol_base;
	store_words(&m->packet_type, RTE_PTYPE_L2_ETHER, len);   /* packet_type, pkt_len */
	const uint32_t dlen_vlan = len;                         /* data_len, vlan_tci 0 */
	std::memcpy(&m->data_len, &dlen_vlan, sizeof(dlen_vlan));
}

/* Refill buffers for up to `want` frames (raw mempool get: rx_mbuf_init sets the header). */
inline uint16_t rx_refill(RxQueue *q, rte_mbuf **fresh, uint16_t want)
{
	if (likely(pool_get_bulk(q->mp, reinterpret_cast<void **>(fresh), want) == 0))
		return want;
	/* Count the shortfall, then take what the pool still has (halving);
	 * frames we cannot refill for stay in the ring, and the chip drops
	 * (and counts) when it runs out of posted buffers. */
	*q->alloc_failed += want;
	do
		want /= 2;
	while (want != 0 && rte_mempool_get_bulk(q->mp, reinterpret_cast<void **>(fresh), want) != 0);
	return want;
}

/*
 * A return BD that is not a good standard-ring frame: a jumbo frame (full
 * path only), an error frame, or a BD naming no buffer the chip holds. fresh
 * is the buffer taken for it; returns the frame to hand up or null.
 */
template <bool kFull>
__rte_noinline rte_mbuf *rx_other(RxQueue *q, const hw::RxBd &bd, rte_mbuf *fresh, rte_mbuf **drop,
				  uint16_t *nb_drop)
{
	RxBufRing *b = q->bufs;
	const uint32_t opaque = bd.opaque;
	const uint16_t slot = static_cast<uint16_t>(opaque & hw::RXD_OPAQUE_INDEX_MASK);
	const uint32_t ring = opaque & hw::RXD_OPAQUE_RING_MASK;
	if (kFull && ring == hw::RXD_OPAQUE_RING_JUMBO) {
		/* The chip took a jumbo BD, not a std buffer: fresh is not needed. */
		drop[(*nb_drop)++] = fresh;
		rte_mbuf *m = rx_jumbo(q, b, bd, slot, drop, nb_drop);
		if (m != nullptr && unlikely(rx_over_mtu(q, m))) {
			q->errors++;
			drop[(*nb_drop)++] = m;
			return nullptr;
		}
		if (m != nullptr) {
			if (q->bd_offloads)
				rx_offloads(bd, m);
			rx_hash(q, bd, m);
		}
		return m;
	}
	uintptr_t *w = &b->std_sw[slot & b->std_mask];
	if (ring != hw::RXD_OPAQUE_RING_STD || slot > b->std_mask || !slot_held(*w)) {
		drop[(*nb_drop)++] = fresh;
		q->errors++; /* not a buffer the chip holds: nothing to hand up */
		return nullptr;
	}
	/* An error frame (§14.2): its buffer is dropped, the fresh one goes in place. */
	rte_mbuf *m = slot_mbuf(*w);
	const uintptr_t next = slot_word(fresh);
	b->std_ring[slot].set_addr(rte_mbuf_data_iova_default(fresh));
	slot_ready(w, &next, 1);
	q->errors++;
	drop[(*nb_drop)++] = m;
	return nullptr;
}

/* rearm_data + ol_flags of a received frame as one 16-byte value (one store per mbuf). */
typedef uint64_t RxHead __attribute__((vector_size(16)));
static_assert(offsetof(rte_mbuf, ol_flags) == offsetof(rte_mbuf, rearm_data) + sizeof(uint64_t) &&
	      offsetof(rte_mbuf, vlan_tci) == offsetof(rte_mbuf, data_len) + sizeof(uint16_t));

/*
 * The simple path's run (one RX queue, so one return ring): the chip returns
 * the std slots in the order it consumed them, prod + 1, prod + 2, ... (the
 * in-place ring of tg57xx_bufring.h keeps slot `prod` back). While the
 * return BDs say exactly that, with good frames, a frame costs: its cookie
 * compared with the expected one, its buffer swapped for a fresh one (slot
 * word and BD address, untagged), the mbuf header written (rx_mbuf_init's
 * stores, ol_flags 0: rx_path_simple).
 *
 * This is one stretch of it in which neither ring wraps: return BDs from
 * `cons` naming std slots from `slot`, at most n of them. Out of line with
 * few arguments, so the loop has the registers to itself: per frame three
 * loads of the return BD, a load of the slot word, four tests, two stores to
 * the slot (word and BD address), four to the mbuf, one to pkts. Adds the
 * bytes to the queue's count; returns the frames taken (it stops at the first
 * BD that is anything else).
 */
__rte_noinline unsigned rx_inorder_run(RxQueue *q, rte_mbuf *const *fresh, rte_mbuf **pkts, unsigned n,
				       unsigned cons, unsigned slot)
{
	const RxBufRing *b = q->bufs;
	const hw::RxBd *ret = q->ret_ring + cons;
	hw::RxBd *std = b->std_ring + slot;
	/* Opaque to the optimizer (no code): the loop then indexes both rings
	 * from the one index it keeps for the slot words (base + i * 32). */
	asm("" : "+r"(ret), "+r"(std));
	uintptr_t *const sw = b->std_sw + slot;
	const uint32_t cookie = hw::RXD_OPAQUE_RING_STD | slot;
	/* Longer frames (over the buffer, or untagged over the MTU: rx_over_mtu) go to the per-BD code. */
	const uint32_t fit = RTE_MIN(uint32_t{b->buf_len}, q->max_untagged);
	const RxHead head = {q->rearm, 0};
	uint64_t bytes = 0;
	unsigned i = 0;
	for (; i < n; i++) {
		const uintptr_t held = sw[i];
		const uint32_t len = uint32_t{ret[i].len()} - kFcsLen;
		/* The expected cookie, a buffer the chip holds, no error, 0 < len <= fit (§14.2). */
		if (unlikely(ret[i].opaque != cookie + i || (held & kSlotReady) != 0 || ret[i].has_error() ||
			     len - 1 >= fit))
			break;
		rte_mbuf *f = fresh[i];
		sw[i] = slot_word(f);
		bd_set_addr(&std[i].addr_hi, rte_mbuf_data_iova_default(f));
		auto *m = reinterpret_cast<rte_mbuf *>(held); /* untagged: the test above */
		std::memcpy(&m->rearm_data, &head, sizeof(head));
		m->packet_type = RTE_PTYPE_L2_ETHER;
		m->pkt_len = len;
		std::memcpy(&m->data_len, &len, sizeof(len)); /* data_len, vlan_tci 0 */
		bytes += len;
		pkts[i] = m;
	}
	q->bytes += bytes;
	return i;
}

/* Stretches after the first (a ring wrapped inside the burst): k frames taken so far from cons/slot. */
__rte_noinline unsigned rx_inorder_more(RxQueue *q, rte_mbuf *const *fresh, rte_mbuf **pkts, unsigned avail,
					unsigned cons, unsigned slot, unsigned k)
{
	const unsigned ret_mask = q->ret_mask, std_mask = q->bufs->std_mask;
	unsigned n, got;
	do {
		const unsigned c = (cons + k) & ret_mask, s = (slot + k) & std_mask;
		n = RTE_MIN(avail - k, RTE_MIN(ret_mask + 1 - c, std_mask + 1 - s));
		got = rx_inorder_run(q, fresh + k, pkts + k, n, c, s);
		k += got;
	} while (got == n && k < avail);
	return k;
}

/*
 * The whole run: up to the first wrap of either ring (rings of a multiple of
 * the burst size wrap between bursts), the rest by rx_inorder_more. At the
 * end it leaves the ring as slot_ready + slot_ring_advance would have: every
 * slot of the run posted but the last, which is the new `prod`, READY.
 * Returns the frames taken; *cons_io is the first return BD not taken.
 */
inline uint16_t rx_inorder(RxQueue *q, rte_mbuf *const *fresh, rte_mbuf **pkts, unsigned avail, uint16_t *cons_io)
{
	RxBufRing *b = q->bufs;
	const unsigned std_mask = b->std_mask, ret_mask = q->ret_mask, prod = b->pub_std.prod;
	const unsigned cons = *cons_io, slot = (prod + 1) & std_mask;
	const unsigned n = RTE_MIN(avail, RTE_MIN(ret_mask + 1 - cons, std_mask + 1 - slot));
	unsigned k = rx_inorder_run(q, fresh, pkts, n, cons, slot);
	if (unlikely(k == n && k < avail))
		k = rx_inorder_more(q, fresh, pkts, avail, cons, slot, k);
	if (k != 0) {
		uintptr_t *const sw = b->std_sw;
		const unsigned last = (slot + k - 1) & std_mask;
		sw[prod] &= ~kSlotReady;  /* posted now */
		sw[last] |= kSlotReady;   /* kept back: the new prod */
		b->pub_std.prod = static_cast<uint16_t>(last);
	}
	*cons_io = static_cast<uint16_t>((cons + k) & ret_mask);
	return static_cast<uint16_t>(k);
}

/*
 * The per-BD receive code, return BDs [i, avail) with fresh[i..avail) as
 * their refills, nb_rx frames already in pkts. kFull: the jumbo ring,
 * return-BD offloads and the RSS hash are looked at. Frees what it drops
 * (after the last fresh buffer is used: they may lie in the pool's cache,
 * pool_get_zc). Returns the frames in pkts.
 */
template <bool kFull>
inline uint16_t rx_bds(RxQueue *q, rte_mbuf *const *fresh, rte_mbuf **pkts, uint16_t i, uint16_t avail,
		       uint16_t nb_rx, uint16_t *cons_io, uint64_t *bytes_io)
{
	RxBufRing *b = q->bufs;
	rte_mbuf *drop[kRxBurstMax * (kJmbSegsMax + 1)];
	uint16_t nb_drop = 0, cons = *cons_io;
	const uint16_t ret_mask = q->ret_mask, std_mask = b->std_mask, buf_len = b->buf_len;
	uint64_t bytes = 0;
	for (; i < avail; i++) {
		const hw::RxBd &bd = q->ret_ring[cons];
		cons = (cons + 1) & ret_mask;
		const uint32_t opaque = bd.opaque;
		const uint16_t slot = static_cast<uint16_t>(opaque & hw::RXD_OPAQUE_INDEX_MASK);
		const uint16_t len = bd.len();
		uintptr_t *w = &b->std_sw[slot & std_mask];
		const uintptr_t held = *w;
		/* One test for the common case: a standard-ring buffer the chip holds, a
		 * good frame that fits (§14.2); anything else is rx_other's. */
		if (unlikely((opaque & hw::RXD_OPAQUE_RING_MASK) != hw::RXD_OPAQUE_RING_STD || slot > std_mask ||
			     !slot_held(held) || bd.has_error() || len <= kFcsLen ||
			     len - kFcsLen > buf_len)) {
			rte_mbuf *m = rx_other<kFull>(q, bd, fresh[i], drop, &nb_drop);
			if (m != nullptr) {
				bytes += m->pkt_len;
				pkts[nb_rx++] = m;
			}
			continue;
		}
		rte_mbuf *m = slot_mbuf(held);
		/* The fresh buffer goes in place (tg57xx_bufring.h); the publisher posts the slot. */
		const uintptr_t next = slot_word(fresh[i]);
		bd_set_addr(&b->std_ring[slot].addr_hi, rte_mbuf_data_iova_default(fresh[i]));
		slot_ready(w, &next, 1);
		const uint16_t plen = len - kFcsLen;
		rx_mbuf_init(q, m, plen);
		if (unlikely(rx_over_mtu(q, m))) {
			q->errors++;
			drop[nb_drop++] = m;
			continue;
		}
		if (kFull) {
			if (q->bd_offloads)
				rx_offloads(bd, m);
			rx_hash(q, bd, m);
		}
		bytes += plen;
		pkts[nb_rx++] = m;
	}
	*cons_io = cons;
	*bytes_io += bytes;
	if (unlikely(nb_drop != 0))
		rte_pktmbuf_free_bulk(drop, nb_drop);
	return nb_rx;
}

/* The simple path's rest of a burst from the first BD rx_inorder did not take (rare: out of line). */
__rte_noinline uint16_t rx_bds_simple(RxQueue *q, rte_mbuf *const *fresh, rte_mbuf **pkts, uint16_t i,
				      uint16_t avail, uint16_t *cons_io)
{
	uint64_t bytes = 0;
	const uint16_t nb_rx = rx_bds<false>(q, fresh, pkts, i, avail, i, cons_io, &bytes);
	q->bytes += bytes;
	slot_ring_advance(q->bufs->pub_std); /* what the per-BD code left READY */
	return nb_rx;
}

/* Return BDs the chip published (read its producer first, then, after the
 * barrier, the BDs it wrote before), at most nb_pkts and kRxBurstMax. */
inline uint16_t rx_avail(const RxQueue *q, uint16_t nb_pkts)
{
	const uint16_t avail = ring_count(*q->ret_prod, q->ret_cons, q->ret_mask);
	if (avail == 0)
		return 0;
	rte_rmb();
	return RTE_MIN(avail, RTE_MIN(nb_pkts, kRxBurstMax));
}

/* The full receive burst: every BD through rx_bds<true>, the shared rings published under the token. */
uint16_t rx_burst_full(RxQueue *q, rte_mbuf **pkts, uint16_t nb_pkts)
{
	rte_mbuf *fresh[kRxBurstMax];
	uint16_t avail = rx_avail(q, nb_pkts);
	if (avail == 0)
		return 0;
	/* A copy: this path allocates (jumbo frames) during the burst (pool_get_zc). */
	avail = rx_refill(q, fresh, avail);
	if (unlikely(avail == 0))
		return 0;
	uint16_t cons = q->ret_cons;
	uint64_t bytes = 0;
	const uint16_t nb_rx = rx_bds<true>(q, fresh, pkts, 0, avail, 0, &cons, &bytes);
	q->ret_cons = cons;
	/* Tell the chip how far we read, then hand back the refilled buffers. */
	mbox_write(q->ret_cons_mbox, cons);
	bufs_publish(q->bufs);
	q->packets += nb_rx;
	q->bytes += bytes;
	return nb_rx;
}

/*
 * The simple receive burst: the refill straight from the pool's cache
 * (pool_get_zc; a copy when the cache cannot serve it), rx_inorder for the
 * run of good in-order frames, the per-BD code only from the first BD that
 * is anything else.
 */
inline uint16_t rx_burst_simple(RxQueue *q, rte_mbuf **pkts, uint16_t nb_pkts)
{
	rte_mbuf *own[kRxBurstMax];
	uint16_t avail = rx_avail(q, nb_pkts);
	if (avail == 0)
		return 0;
	auto *fresh = reinterpret_cast<rte_mbuf *const *>(pool_get_zc(q->mp, avail));
	if (unlikely(fresh == nullptr)) {
		avail = rx_refill(q, own, avail);
		if (avail == 0)
			return 0;
		fresh = own;
	}
	RxBufRing *b = q->bufs;
	const uint16_t prod0 = b->pub_std.prod;
	uint16_t cons = q->ret_cons;
	uint16_t nb_rx = rx_inorder(q, fresh, pkts, avail, &cons);
	if (unlikely(nb_rx != avail))
		nb_rx = rx_bds_simple(q, fresh, pkts, nb_rx, avail, &cons);
	q->ret_cons = cons;
	/* Tell the chip how far we read, then hand back the refilled buffers. */
	mbox_write(q->ret_cons_mbox, cons);
	if (b->pub_std.prod != prod0)
		mbox_write(b->std_prod_mbox, b->pub_std.prod);
	q->packets += nb_rx;
	return nb_rx;
}

} // namespace

uint16_t tg57xx_recv_pkts(void *rxq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	return rx_burst_full(static_cast<RxQueue *>(rxq), pkts, nb_pkts);
}

uint16_t tg57xx_recv_pkts_simple(void *rxq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	auto *q = static_cast<RxQueue *>(rxq);
	/* vlan_offload_set may switch stripping on while the port runs (the burst
	 * function stays what dev_start chose): once per burst, not per frame. */
	if (unlikely(q->bd_offloads))
		return rx_burst_full(q, pkts, nb_pkts);
	return rx_burst_simple(q, pkts, nb_pkts);
}

} // namespace tg57xx::pmd
