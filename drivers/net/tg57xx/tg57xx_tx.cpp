/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fast path's transmit side (ref §14): tx burst, completion reclaim,
 * tx_prepare. No allocation beyond mempool bulk operations, no virtual
 * calls, no syscalls; one doorbell store per burst; failures become
 * counters and short bursts.
 *
 * Index ownership, send ring: we own [prod, cons); the chip owns
 * [cons, status.tx_consumer). The ring always has kSendRingEntries BDs (the
 * mask is a constant); nb_free keeps at most nb_desc - 1 of them in flight.
 */
#include "tg57xx_rxtx.h"

#include <array>
#include <cstring>

#include <rte_branch_prediction.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "tg57xx_io.h"
#include "tg57xx_pool.h"
#include "tg57xx_rxtx_common.h"

namespace tg57xx::pmd {

using fp::bd_set_addr;
using fp::kShortDmaMax;
using fp::ring_count;
using fp::store_words;

namespace {

/*
 * Send-ring slot words: the mbuf of a packet at the slot of its last BD, null
 * at its other BDs. A chain (or a frame split over several BDs) is tagged
 * kTxChain. The per-frame code counts such BDs (null or tagged) in
 * q->irregular; while none is in flight, a completed range of the ring is
 * nothing but untagged single-segment mbufs, and with MBUF_FAST_FREE goes
 * back to the pool as it lies in the ring (one bulk put into the pool: pool_put_bulk, no
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
	const uint16_t first = RTE_MIN(done, static_cast<uint16_t>(kSendRingEntries - q->cons));
	tx_put_raw(q, &q->sw[q->cons], first);
	if (done != first)
		tx_put_raw(q, &q->sw[0], done - first);
}

/* Anything else: BD by BD, chains and mixed pools through rte_pktmbuf_free(_bulk). */
inline uint32_t tx_reclaim_slow(TxQueue *q, uint16_t done)
{
	rte_mbuf *batch[kFreeBatch];
	void **sw = q->sw;
	uint16_t cons = q->cons, n = 0, irregular = 0;
	uint32_t freed = 0;
	/* A packet's mbuf sits in the slot of its last BD (END): it is complete
	 * once the chip's consumer has passed that BD. */
	for (uint16_t i = 0; i < done; i++) {
		void *w = sw[cons];
		cons = (cons + 1) & kSendRingMask;
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
	for (uint16_t i = q->cons; i != q->prod; i = (i + 1) & kSendRingMask) {
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
	uint16_t done = ring_count(*q->hw_cons, q->cons, kSendRingMask);
	if (done > max)
		done = static_cast<uint16_t>(max);
	if (done == 0)
		return 0;
	uint32_t freed = done;
	if (likely(q->fast_free && q->irregular == 0))
		tx_reclaim_fast(q, done);
	else
		freed = tx_reclaim_slow(q, done);
	q->cons = (q->cons + done) & kSendRingMask;
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
			prod = (prod + 1) & kSendRingMask;
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
	unsigned prod = *prod_io, k = 0;
	while (k < n) {
		const unsigned want = RTE_MIN(n - k, kSendRingEntries - prod);
		const unsigned got = tx_simple_run(q->ring + prod, q->sw + prod, pkts + k, want, span, &q->bytes);
		k += got;
		prod = (prod + got) & kSendRingMask;
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
			prod = (prod + used) & kSendRingMask;
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
			prod = (prod + 1) & kSendRingMask;
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
			prod = (prod + 1) & kSendRingMask;
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
