/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fast path (ref §14): rx/tx burst. No allocation beyond mempool bulk
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
 *  - send ring: we own [prod, cons); the chip owns [cons, status.tx_consumer).
 */
#include "tg57xx_rxtx.h"

#include <array>
#include <bit>
#include <cstring>

#include <rte_branch_prediction.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_prefetch.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "tg57xx_io.h"
#include "tg57xx_logs.h"
#include "tg57xx_pool.h"

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

namespace {

inline rte_mbuf *slot_mbuf(uintptr_t w) { return reinterpret_cast<rte_mbuf *>(w & ~kSlotReady); }
inline uintptr_t slot_word(rte_mbuf *m) { return reinterpret_cast<uintptr_t>(m); }

/*
 * Two adjacent 32-bit words in one 64-bit store: BD words (host order, ref
 * §8: addr_hi then addr_lo; len_flags then vlan_tag), what TxBd::set /
 * RxBd::set_addr write, in half the stores; or two mbuf fields. Little-endian hosts only (x86, arm64 as DPDK
 * builds them): the first word is the low half.
 */
static_assert(std::endian::native == std::endian::little, "the BD pair stores assume a little-endian host");
inline void store_words(void *first_word, uint32_t first, uint32_t second)
{
	const uint64_t v = (uint64_t{second} << 32) | first;
	std::memcpy(first_word, &v, sizeof(v));
}
static_assert(offsetof(hw::RxBd, addr_lo) == offsetof(hw::RxBd, addr_hi) + sizeof(uint32_t));
static_assert(offsetof(hw::TxBd, addr_lo) == offsetof(hw::TxBd, addr_hi) + sizeof(uint32_t) &&
	      offsetof(hw::TxBd, len_flags) == offsetof(hw::TxBd, addr_lo) + sizeof(uint32_t) &&
	      offsetof(hw::TxBd, vlan_tag) == offsetof(hw::TxBd, len_flags) + sizeof(uint32_t));
inline void bd_set_addr(uint32_t *addr_hi, uint64_t a) { store_words(addr_hi, hw::detail::addr_hi(a), hw::detail::addr_lo(a)); }

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
 * (refills come from rte_mempool_get_bulk, not rte_pktmbuf_alloc_bulk) in
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

namespace {

/*
 * Send-ring slot words: the mbuf of a packet at the slot of its last BD, null
 * at its other BDs. A chain (or a frame split over several BDs) is tagged
 * kTxChain. The per-frame code counts such BDs (null or tagged) in
 * q->irregular; while none is in flight, a completed range of the ring is
 * nothing but untagged single-segment mbufs, and with MBUF_FAST_FREE goes
 * back to the pool as it lies in the ring (one rte_mempool_put_bulk, no
 * refcnt checks: refcnt 1, next null, one pool, as the flag promises).
 */
constexpr uintptr_t kTxChain = 1;
static_assert(alignof(rte_mbuf) > kTxChain, "the tag bit is free in an mbuf pointer");
inline void *tx_sw_word(rte_mbuf *m, bool chain)
{
	return reinterpret_cast<void *>(reinterpret_cast<uintptr_t>(m) | (chain ? kTxChain : 0));
}
inline rte_mbuf *tx_sw_mbuf(void *w) { return reinterpret_cast<rte_mbuf *>(reinterpret_cast<uintptr_t>(w) & ~kTxChain); }
inline bool tx_sw_chain(void *w) { return (reinterpret_cast<uintptr_t>(w) & kTxChain) != 0; }

/* BDs reclaimed per burst while the ring has room for the burst: two bursts'
 * worth (testpmd's default burst 32), so freeing keeps pace with sending. */
constexpr uint32_t kTxReclaimSlice = 64;
/* Reclaim batch of the generic free: freed to the pools in groups of this many. */
constexpr uint16_t kFreeBatch = 64;

/* MBUF_FAST_FREE: n mbufs straight back to the queue's one pool. */
inline void tx_put_raw(TxQueue *q, void *const *m, uint16_t n)
{
	if (unlikely(q->fast_pool == nullptr))
		q->fast_pool = static_cast<rte_mbuf *>(m[0])->pool; /* the application promised one pool per queue */
	pool_put_bulk(q->fast_pool, m, n);
}

/* Fast free of `done` regular BDs from cons: the ring's own slot words, in at most two runs (wrap). */
inline void tx_reclaim_fast(TxQueue *q, uint16_t done)
{
	const uint16_t first = RTE_MIN(done, static_cast<uint16_t>(q->nb_desc - q->cons));
	tx_put_raw(q, &q->sw[q->cons], first);
	if (done != first)
		tx_put_raw(q, &q->sw[0], done - first);
}

/* Anything else: BD by BD, chains and mixed pools through rte_pktmbuf_free(_bulk). */
inline uint32_t tx_reclaim_slow(TxQueue *q, uint16_t done)
{
	rte_mbuf *batch[kFreeBatch];
	void **sw = q->sw;
	const uint16_t mask = q->mask;
	uint16_t cons = q->cons, n = 0, irregular = 0;
	uint32_t freed = 0;
	/* A packet's mbuf sits in the slot of its last BD (END): it is complete
	 * once the chip's consumer has passed that BD. */
	for (uint16_t i = 0; i < done; i++) {
		void *w = sw[cons];
		cons = (cons + 1) & mask;
		if (w == nullptr || tx_sw_chain(w))
			irregular++;
		if (w == nullptr)
			continue;
		if (q->fast_free && !tx_sw_chain(w)) {
			tx_put_raw(q, &w, 1);
			freed++;
			continue;
		}
		batch[n++] = tx_sw_mbuf(w);
		if (n == kFreeBatch) {
			rte_pktmbuf_free_bulk(batch, n);
			freed += n;
			n = 0;
		}
	}
	if (n != 0)
		rte_pktmbuf_free_bulk(batch, n);
	q->irregular -= irregular;
	return freed + n;
}

} // namespace

void txq_release_mbufs(TxQueue *q)
{
	if (q->sw == nullptr)
		return;
	/* Only [cons, prod) holds mbufs; other slot words are stale. */
	for (uint16_t i = q->cons; i != q->prod; i = (i + 1) & q->mask) {
		if (q->sw[i] != nullptr)
			rte_pktmbuf_free(tx_sw_mbuf(q->sw[i])); /* a whole chain, kept at its last BD */
		q->sw[i] = nullptr;
	}
	q->prod = q->cons = 0;
	q->nb_free = q->nb_desc - 1;
	q->irregular = 0;
	q->fast_pool = nullptr;
}

uint32_t txq_reclaim(TxQueue *q, uint32_t max)
{
	uint16_t done = ring_count(*q->hw_cons, q->cons, q->mask);
	if (done > max)
		done = static_cast<uint16_t>(max);
	if (done == 0)
		return 0;
	uint32_t freed = done;
	if (likely(q->fast_free && q->irregular == 0))
		tx_reclaim_fast(q, done);
	else
		freed = tx_reclaim_slow(q, done);
	q->cons = (q->cons + done) & q->mask;
	q->nb_free += done;
	return freed;
}

/*
 * Send-BD offload flags from ol_flags (ref §8.1, §10.2, §10.3), one table
 * load: bits 52..57 of ol_flags are the L4 type (2 bits), IP_CKSUM, IPV4,
 * IPV6, VLAN. SCTP has no send-BD flag (tx_prepare refuses it).
 */
constexpr unsigned kTxOlShift = 52;
static_assert(RTE_MBUF_F_TX_L4_MASK >> kTxOlShift == 3 && RTE_MBUF_F_TX_IP_CKSUM >> kTxOlShift == 4 &&
	      RTE_MBUF_F_TX_VLAN >> kTxOlShift == 32, "ol_flags layout (rte_mbuf_core.h)");
constexpr uint64_t kTxOlFlags = RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_VLAN |
				RTE_MBUF_F_TX_TCP_SEG;
constexpr auto kTxOlTable = [] {
	std::array<uint16_t, 64> t{};
	for (unsigned i = 0; i < t.size(); i++) {
		const uint64_t ol = uint64_t{i} << kTxOlShift, l4 = ol & RTE_MBUF_F_TX_L4_MASK;
		uint32_t f = 0;
		if (l4 == RTE_MBUF_F_TX_TCP_CKSUM || l4 == RTE_MBUF_F_TX_UDP_CKSUM)
			f |= hw::TXD_FLAG_TCPUDP_CSUM;
		if (ol & RTE_MBUF_F_TX_IP_CKSUM)
			f |= hw::TXD_FLAG_IP_CSUM;
		if (ol & RTE_MBUF_F_TX_VLAN)
			f |= hw::TXD_FLAG_VLAN;
		t[i] = static_cast<uint16_t>(f);
	}
	return t;
}();
/* §15: the chip's own runt padding spoils an offloaded L4 sum (FreeBSD
 * bge_cksum_pad): such frames are padded with zeros to 60 bytes here. */
constexpr uint32_t kTxCsumMinLen = hw::BGE_MIN_FRAMELEN;

/*
 * HW TSO (ref §10.4, HW_TSO_3 encoding, tg3 tg3_start_xmit): both DMA flags,
 * the header length (IP + TCP) spread over the MSS field and flag bits, no
 * checksum flags (the engine computes every sum), no TXD_FLAG_JMB_PKT (non-TSO
 * only); an inserted tag stays. tx_prepare checked the lengths.
 */
static inline uint32_t tx_tso_flags(const rte_mbuf *m, uint32_t flags, uint16_t *mss)
{
	const hw::TsoFields t = hw::hw_tso3_encode(m->tso_segsz, m->l3_len + m->l4_len);
	*mss = t.mss;
	return (flags & hw::TXD_FLAG_VLAN) | hw::TXD_FLAG_TSO_DMA | t.flags;
}

/* The last segment can take the padding in place: room, and a buffer no other mbuf shares. */
static inline bool tx_runt_paddable(rte_mbuf *m)
{
	const rte_mbuf *last = rte_pktmbuf_lastseg(m);
	return RTE_MBUF_DIRECT(last) && rte_mbuf_refcnt_read(last) == 1 &&
	       rte_pktmbuf_tailroom(last) >= kTxCsumMinLen - m->pkt_len;
}

/* Pad an L4-offloaded runt in its last segment; false if it cannot be. */
static __rte_noinline bool tx_pad_runt(rte_mbuf *m)
{
	const uint16_t n = static_cast<uint16_t>(kTxCsumMinLen - m->pkt_len);
	if (!tx_runt_paddable(m))
		return false;
	char *p = rte_pktmbuf_append(m, n);
	if (p == nullptr)
		return false;
	std::memset(p, 0, n);
	return true;
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

/*
 * Slow path for chips with a per-BD length limit (5719: 4 KiB; 57766 at
 * standard MTU: 2 KiB), taken only by frames longer than the limit: each
 * buffer goes out as tx_bd_piece-sized BDs, never leaving a <= 8-byte tail
 * (tg3_tx_frag_set). `flags` are the frame's BD flags without END. Returns
 * the BDs used from `prod`, 0 if the ring lacks room (the caller stops), -1
 * if a segment cannot be sent at all.
 */
static int tx_fill_split(TxQueue *q, rte_mbuf *m, uint32_t flags, uint16_t vlan, uint16_t mss, uint16_t prod)
{
	unsigned need = 0;
	for (const rte_mbuf *s = m; s != nullptr; s = s->next) {
		if (s->data_len <= kShortDmaMax || hw::tg3_4g_overflow(rte_mbuf_data_iova(s), s->data_len))
			return -1;
		need += hw::tx_bd_pieces(s->data_len, q->bd_limit);
	}
	if (need > q->nb_free) {
		txq_reclaim(q, q->nb_desc);
		if (need > q->nb_free)
			return 0;
	}
	for (rte_mbuf *s = m; s != nullptr; s = s->next) {
		rte_iova_t iova = rte_mbuf_data_iova(s);
		for (uint32_t left = s->data_len; left != 0;) {
			const uint32_t piece = hw::tx_bd_piece(left, q->bd_limit);
			left -= piece;
			const bool last = s->next == nullptr && left == 0;
			q->ring[prod].set(iova, static_cast<uint16_t>(piece), flags | (last ? hw::TXD_FLAG_END : 0), vlan, mss);
			q->sw[prod] = last ? tx_sw_word(m, true) : nullptr; /* the chain, at its last BD */
			prod = (prod + 1) & q->mask;
			iova += piece;
		}
	}
	q->nb_free -= need;
	q->irregular += need;
	return static_cast<int>(need);
}

/* GCC would merge tx_simple_run's two 8-byte BD stores into a vector built
 * from two registers (three instructions for two): not for that loop. */
#if defined(__GNUC__) && !defined(__clang__)
#define TG57XX_NO_SLP __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define TG57XX_NO_SLP
#endif

/* §15 (tg3_4g_overflow_test): a buffer whose address' low word is at most
 * this cannot cross 4 GB whatever its length (data_len is 16 bits, + 8);
 * the one-BD loop leaves the rare others to the per-frame code's exact test. */
constexpr uint32_t kTx4gSafeLo = UINT32_MAX - UINT16_MAX - 8;
static_assert(!hw::tg3_4g_overflow(kTx4gSafeLo, UINT16_MAX) && hw::tg3_4g_overflow(kTx4gSafeLo + 1, UINT16_MAX));

/*
 * One stretch of tx_simple in which the send ring does not wrap: frames
 * pkts[0..n) into BDs bd[0..n), their mbufs into sw[0..n). Stops at the
 * first frame that is not one buffer without offload flags, longer than
 * kShortDmaMax and at most simple_max_len (no split, no TXD_FLAG_JMB_PKT),
 * starting where it surely does not cross 4 GB (kTx4gSafeLo). `span` is
 * simple_max_len - (kShortDmaMax + 1): the length test in one unsigned
 * compare.
 */
static __rte_noinline TG57XX_NO_SLP unsigned tx_simple_run(hw::TxBd *bd, void **sw, rte_mbuf *const *pkts, unsigned n,
					     uint32_t span, uint64_t *bytes_io)
{
	/* Sum of the len_flags words written: (bytes << TXD_LEN_SHIFT) + END per frame. */
	uint64_t lf_sum = 0;
	size_t i = 0;
	for (; i < n; i++) {
		rte_mbuf *m = pkts[i];
		const uint32_t dlen = m->data_len;
		const rte_iova_t iova = rte_mbuf_data_iova(m);
		if (unlikely(m->nb_segs != 1 || (m->ol_flags & kTxOlFlags) != 0 || dlen - (kShortDmaMax + 1) > span ||
			     hw::detail::addr_lo(iova) > kTx4gSafeLo))
			break;
		/* TxBd::set(iova, dlen, END, 0, 0) in two 8-byte stores. */
		const uint32_t len_flags = (dlen << hw::TXD_LEN_SHIFT) | hw::TXD_FLAG_END;
		bd_set_addr(&bd[i].addr_hi, iova);
		store_words(&bd[i].len_flags, len_flags, 0);
		sw[i] = m;
		lf_sum += len_flags;
	}
	*bytes_io += (lf_sum - uint64_t{hw::TXD_FLAG_END} * i) >> hw::TXD_LEN_SHIFT;
	return static_cast<unsigned>(i);
}

/*
 * The common frame (tx_simple_run's), taken in a tight loop while the ring
 * has room. The first frame that is anything else ends it;
 * tg57xx_xmit_pkts goes on from there with the per-frame code, under the
 * same doorbell.
 */
static inline uint16_t tx_simple(TxQueue *q, rte_mbuf **pkts, uint16_t n, uint16_t *prod_io)
{
	const uint32_t span = q->simple_max_len - (kShortDmaMax + 1);
	const unsigned entries = q->mask + 1u;
	unsigned prod = *prod_io, k = 0;
	while (k < n) {
		const unsigned want = RTE_MIN(n - k, entries - prod);
		const unsigned got = tx_simple_run(q->ring + prod, q->sw + prod, pkts + k, want, span, &q->bytes);
		k += got;
		prod = (prod + got) & q->mask;
		if (got != want)
			break;
	}
	q->nb_free -= k;
	*prod_io = static_cast<uint16_t>(prod);
	return static_cast<uint16_t>(k);
}

/*
 * The per-frame code for pkts[nb_tx..nb_pkts) from BD *prod_io on (chains,
 * offloads, split BDs, frames refused): out of line, the common frames took
 * tx_simple. Counts its packets, bytes and refusals in the queue; returns
 * the frames taken (sent or refused), the rest are the caller's.
 */
static __rte_noinline uint16_t tx_frames(TxQueue *q, rte_mbuf **pkts, uint16_t nb_tx, uint16_t nb_pkts,
					 uint16_t *prod_io)
{
	const uint16_t first = nb_tx;
	uint16_t nb_bad = 0, prod = *prod_io;
	uint64_t bytes = 0;
	for (; nb_tx < nb_pkts; nb_tx++) {
		rte_mbuf *m = pkts[nb_tx];
		uint16_t nseg = m->nb_segs;

		if (unlikely(nseg > q->nb_free)) {
			txq_reclaim(q, q->nb_desc);
			if (nseg > q->nb_free)
				break; /* ring full: the rest are the caller's */
		}
		uint32_t flags = m->pkt_len > q->jumbo_flag_len ? hw::TXD_FLAG_JMB_PKT : 0;
		uint16_t vlan = 0, mss = 0;
		if (m->ol_flags & kTxOlFlags) {
			/* The same flags and tag on every BD of the frame (ref §8.1). */
			flags |= kTxOlTable[(m->ol_flags >> kTxOlShift) & (kTxOlTable.size() - 1)];
			vlan = m->vlan_tci;
			if (m->ol_flags & RTE_MBUF_F_TX_TCP_SEG)
				flags = tx_tso_flags(m, flags, &mss);
			if (unlikely((flags & hw::TXD_FLAG_TCPUDP_CSUM) && m->pkt_len < kTxCsumMinLen) &&
			    !tx_pad_runt(m)) {
				nb_bad++;
				rte_pktmbuf_free(m);
				continue;
			}
		}
		if (unlikely(m->pkt_len > q->bd_limit && q->bd_limit != 0)) {
			/* 5719/57766: a buffer over the per-BD limit goes out as several BDs (slow path). */
			const int used = tx_fill_split(q, m, flags, vlan, mss, prod);
			if (used == 0)
				break; /* ring full: the rest are the caller's */
			if (used < 0) {
				nb_bad++;
				rte_pktmbuf_free(m);
				continue;
			}
			prod = (prod + used) & q->mask;
			bytes += m->pkt_len;
			continue;
		}
		if (likely(nseg == 1)) {
			/* The common case: one buffer, one BD. */
			rte_iova_t iova = rte_mbuf_data_iova(m);
			if (unlikely(m->data_len <= kShortDmaMax || hw::tg3_4g_overflow(iova, m->data_len))) {
				nb_bad++;
				rte_pktmbuf_free(m);
				continue;
			}
			q->ring[prod].set(iova, m->data_len, flags | hw::TXD_FLAG_END, vlan, mss);
			q->sw[prod] = tx_sw_word(m, false);
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
			q->ring[prod].set(rte_mbuf_data_iova(s), s->data_len, f, vlan, mss);
			q->sw[prod] = next == nullptr ? tx_sw_word(m, true) : nullptr; /* the chain, at its last BD */
			prod = (prod + 1) & q->mask;
			if (next == nullptr)
				break;
			s = next;
		}
		q->nb_free -= nseg;
		q->irregular += nseg;
		bytes += m->pkt_len;
	}
	*prod_io = prod;
	q->packets += nb_tx - first - nb_bad;
	q->errors += nb_bad;
	q->bytes += bytes;
	return nb_tx;
}

uint16_t tg57xx_xmit_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	auto *q = static_cast<TxQueue *>(txq);
	uint16_t prod = q->prod;

	/* Reclaim in slices (kTxReclaimSlice) while the ring has room: the pool's
	 * per-lcore cache takes them without spilling to its ring. */
	if (q->nb_free < q->free_thresh)
		txq_reclaim(q, q->nb_free < nb_pkts ? q->nb_desc : kTxReclaimSlice);
	uint16_t nb_tx = tx_simple(q, pkts, RTE_MIN(nb_pkts, q->nb_free), &prod);
	q->packets += nb_tx;
	if (unlikely(nb_tx != nb_pkts))
		nb_tx = tx_frames(q, pkts, nb_tx, nb_pkts, &prod);
	if (likely(prod != q->prod)) {
		q->prod = prod;
		mbox_write(q->prod_mbox, prod); /* one doorbell per burst */
	}
	return nb_tx;
}

/*
 * tx_prepare for the checksum flags (ref §10.2): the chip adds its sum to
 * what the L4 checksum field holds (GRC_MODE_NO_TX_PHDR_CSUM, as tg3 sets
 * it), so the field gets the pseudo-header sum (rte_ipv4/ipv6_phdr_cksum,
 * what DPDK asks of applications anyway) and the IPv4 header checksum 0. The
 * chip parses the frame itself: Ethernet then IPv4 (any IHL) or IPv6 without
 * extension headers, then TCP or UDP; an in-band 802.1Q tag stops it (tg3:
 * "HW/FW can not correctly checksum packets that have been vlan
 * encapsulated"). Returns 0 or a positive errno for rte_errno.
 */
static int tx_csum_prepare(rte_mbuf *m)
{
	const uint64_t ol = m->ol_flags, l4 = ol & RTE_MBUF_F_TX_L4_MASK;
	const bool v4 = ol & RTE_MBUF_F_TX_IPV4, v6 = ol & RTE_MBUF_F_TX_IPV6;
	if (l4 == RTE_MBUF_F_TX_SCTP_CKSUM || m->l2_len != RTE_ETHER_HDR_LEN)
		return ENOTSUP; /* no SCTP sum; no sum behind an in-band tag */
	if (v4 == v6 || ((ol & RTE_MBUF_F_TX_IP_CKSUM) && !v4))
		return EINVAL; /* exactly one of IPV4/IPV6; IP_CKSUM is IPv4's */
	const uint32_t l4_hdr = l4 == RTE_MBUF_F_TX_TCP_CKSUM ? sizeof(rte_tcp_hdr)
			       : l4 == RTE_MBUF_F_TX_UDP_CKSUM ? sizeof(rte_udp_hdr) : 0;
	if (m->data_len < static_cast<uint32_t>(m->l2_len + m->l3_len) + l4_hdr)
		return EINVAL; /* the headers must be in the first segment */
	auto *p = rte_pktmbuf_mtod(m, uint8_t *);
	const uint16_t type = rte_be_to_cpu_16(reinterpret_cast<const rte_ether_hdr *>(p)->ether_type);
	if (type != (v4 ? RTE_ETHER_TYPE_IPV4 : RTE_ETHER_TYPE_IPV6))
		return EINVAL;
	uint8_t *l3 = p + m->l2_len;
	uint8_t proto;
	uint16_t phdr = 0;
	if (v4) {
		auto *ip = reinterpret_cast<rte_ipv4_hdr *>(l3);
		if (rte_ipv4_hdr_len(ip) != m->l3_len)
			return EINVAL;
		proto = ip->next_proto_id;
		if (l4 != 0 && (ip->fragment_offset & RTE_BE16(RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK)))
			return EINVAL; /* the chip sums no fragment's L4 */
		if (ol & RTE_MBUF_F_TX_IP_CKSUM)
			ip->hdr_checksum = 0;
		if (l4 != 0)
			phdr = rte_ipv4_phdr_cksum(ip, 0);
	} else {
		auto *ip6 = reinterpret_cast<rte_ipv6_hdr *>(l3);
		if (m->l3_len != sizeof(rte_ipv6_hdr))
			return ENOTSUP; /* the chip does not follow extension headers */
		proto = ip6->proto;
		if (l4 != 0)
			phdr = rte_ipv6_phdr_cksum(ip6, 0);
	}
	uint8_t *l4p = l3 + m->l3_len;
	if (l4 == RTE_MBUF_F_TX_TCP_CKSUM) {
		if (proto != IPPROTO_TCP)
			return EINVAL;
		reinterpret_cast<rte_tcp_hdr *>(l4p)->cksum = phdr;
	} else if (l4 == RTE_MBUF_F_TX_UDP_CKSUM) {
		if (proto != IPPROTO_UDP)
			return EINVAL;
		reinterpret_cast<rte_udp_hdr *>(l4p)->dgram_cksum = phdr;
	}
	/* The burst pads L4-offloaded runts (§15): there must be room. */
	if (l4 != 0 && m->pkt_len < kTxCsumMinLen && !tx_runt_paddable(m))
		return EINVAL;
	return 0;
}

/*
 * tx_prepare for TCP_SEG (ref §10.4; tg3 tg3_start_xmit): the engine cuts
 * the frame itself, parsing it as the checksum engine does (no in-band tag:
 * tg3 sends those to software GSO), and computes every sum: it wants both
 * checksum fields 0 and, for IPv4, tot_len = MSS + headers. Limits: MSS in
 * the 14-bit field, a segment no larger than an MTU, the datagram no larger
 * than IP's 64 KiB, headers whole in the first segment.
 */
static int tx_tso_prepare(const TxQueue *q, rte_mbuf *m)
{
	const uint64_t ol = m->ol_flags, l4 = ol & RTE_MBUF_F_TX_L4_MASK;
	const bool v4 = ol & RTE_MBUF_F_TX_IPV4, v6 = ol & RTE_MBUF_F_TX_IPV6;
	const uint32_t hdr = static_cast<uint32_t>(m->l3_len + m->l4_len);
	if (q->tso_max_seg == 0 || m->l2_len != RTE_ETHER_HDR_LEN || (v6 && m->l3_len != sizeof(rte_ipv6_hdr)))
		return ENOTSUP; /* no HW_TSO_3; in-band tag; IPv6 extension headers */
	if (v4 == v6 || (l4 != 0 && l4 != RTE_MBUF_F_TX_TCP_CKSUM) || m->l4_len < sizeof(rte_tcp_hdr) ||
	    m->tso_segsz == 0 ||
	    m->tso_segsz > hw::TG3_HW_TSO_3_MAX_MSS || hdr + m->tso_segsz > q->tso_max_seg ||
	    m->pkt_len - m->l2_len > UINT16_MAX || m->data_len < m->l2_len + hdr)
		return EINVAL;
	auto *p = rte_pktmbuf_mtod(m, uint8_t *);
	const uint16_t type = rte_be_to_cpu_16(reinterpret_cast<const rte_ether_hdr *>(p)->ether_type);
	uint8_t *l3 = p + m->l2_len;
	auto *tcp = reinterpret_cast<rte_tcp_hdr *>(l3 + m->l3_len);
	const uint32_t doff = (tcp->data_off >> 4) * 4u;
	if (type != (v4 ? RTE_ETHER_TYPE_IPV4 : RTE_ETHER_TYPE_IPV6) || doff != m->l4_len)
		return EINVAL;
	if (v4) {
		auto *ip = reinterpret_cast<rte_ipv4_hdr *>(l3);
		if (rte_ipv4_hdr_len(ip) != m->l3_len || ip->next_proto_id != IPPROTO_TCP)
			return EINVAL;
		ip->hdr_checksum = 0;
		ip->total_length = rte_cpu_to_be_16(static_cast<uint16_t>(m->tso_segsz + hdr));
	} else if (reinterpret_cast<rte_ipv6_hdr *>(l3)->proto != IPPROTO_TCP) {
		return EINVAL;
	}
	tcp->cksum = 0;
	return 0;
}

/* Offload flags the chip has no use for (QinQ, tunnels, outer sums, ...). */
constexpr uint64_t kTxOlNotSup = RTE_MBUF_F_TX_OFFLOAD_MASK & ~(kTxOlFlags | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6);

uint16_t tg57xx_prep_pkts(void *txq, rte_mbuf **pkts, uint16_t nb_pkts)
{
	const auto *q = static_cast<const TxQueue *>(txq);
	for (uint16_t i = 0; i < nb_pkts; i++) {
		rte_mbuf *m = pkts[i];
		int err = 0;
		if (m->ol_flags & kTxOlNotSup)
			err = ENOTSUP;
		else if (!tx_segs_ok(m))
			err = EINVAL;
		else if (m->ol_flags & RTE_MBUF_F_TX_TCP_SEG)
			err = tx_tso_prepare(q, m);
		else if (m->ol_flags & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_IP_CKSUM))
			err = tx_csum_prepare(m);
		if (err != 0) {
			rte_errno = err;
			return i;
		}
	}
	return nb_pkts;
}

} // namespace tg57xx::pmd
