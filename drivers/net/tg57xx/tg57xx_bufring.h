/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host side of a chip producer ring shared by several RX queues (ref
 * §10.6: one std ring, one jumbo ring, up to four return rings), without DPDK
 * so the unit tests can drive the protocol step by step. Used by the burst
 * path (tg57xx_rxtx.cpp); everything is inline.
 *
 * Slot words (`stride` per slot; a jumbo slot holds up to four buffers, the
 * state lives in word 0):
 *   - a buffer pointer: posted to the chip, or consumed by the chip and not
 *     yet taken by the RX queue whose return ring carries it ("held");
 *   - pointer | kSlotReady: that queue took the frame and left fresh buffers
 *     (release store); the slot is the publisher's now;
 *   - 0: empty.
 * Two ways to post, one per ring:
 *   - in place (std ring, slot_ring_advance): every slot always holds
 *     buffers, the RX queue also writes the BD's new address, and the
 *     publisher only moves `prod` over READY slots (clearing the tag). It
 *     stops one READY slot short (it advances over a slot only when the next
 *     is READY too), so the slot at prod is never posted and the chip never
 *     sees a full ring (§4.3). Cheapest: a load, a test and a store per slot.
 *   - moving (jumbo ring, slot_ring_publish, for a ring only partly
 *     populated): ring order from the producer is [prod, reclaim) empty,
 *     [reclaim, chip consumer) consumed, [chip consumer, prod) posted; the
 *     publisher takes READY slots back from `reclaim` and posts their buffers
 *     at `prod`. Fewer buffers than slots circulate, so [prod, reclaim) is
 *     never empty and the slot at prod is always free.
 * Either way posting goes in ring order and stops at the first slot whose
 * frame is still unread: an RX queue nobody polls holds the others' buffers
 * back. One publisher at a time: the one queue, or whichever queue gets the
 * token (token_acquire). A queue that fails to get it leaves its READY slots
 * to the holder, which looks again after token_release: the two seq_cst
 * fences guarantee that "marked READY, then tried the token" and "released
 * the token, then looked" cannot both miss each other (the Dekker pattern).
 * Nobody ever waits for the token.
 */
#ifndef TG57XX_BUFRING_H
#define TG57XX_BUFRING_H

#include <cstdint>

namespace tg57xx::pmd {

inline constexpr uintptr_t kSlotReady = 1;

struct SlotRing {
	uintptr_t *sw;    /* stride words per slot */
	uint16_t mask;    /* entries - 1 */
	uint16_t stride;  /* words per slot */
	uint16_t words;   /* words in use per slot (buffers per BD) */
	uint16_t prod;    /* next slot to post */
	uint16_t reclaim; /* oldest slot not yet taken back */
};

inline uintptr_t *slot_words(const SlotRing &r, uint16_t slot) { return &r.sw[uint32_t{slot} * r.stride]; }

/* A slot the chip holds a buffer in (posted or consumed, not yet taken). */
inline bool slot_held(uintptr_t w0) { return w0 != 0 && !(w0 & kSlotReady); }

/* The RX queue hands slot `w` back with fresh buffers bufs[0..n): words 1.. first, word 0 tagged last. */
inline void slot_ready(uintptr_t *w, const uintptr_t *bufs, uint16_t n)
{
	for (uint16_t k = 1; k < n; k++)
		w[k] = bufs[k];
	__atomic_store_n(&w[0], bufs[0] | kSlotReady, __ATOMIC_RELEASE);
}

inline bool slot_is_ready(const uintptr_t *w) { return (__atomic_load_n(w, __ATOMIC_ACQUIRE) & kSlotReady) != 0; }

/* In-place ring (stride 1): would slot_ring_advance post anything now? */
inline bool slot_ring_advanceable(const SlotRing &r)
{
	return slot_is_ready(&r.sw[r.prod]) && slot_is_ready(&r.sw[(r.prod + 1) & r.mask]);
}

/* Publisher only, in-place ring: post READY slots from prod on, keeping the last READY one back.
 * Returns how many were posted (the caller rings the mailbox with r.prod if any). */
inline uint16_t slot_ring_advance(SlotRing &r)
{
	uint16_t p = r.prod, n = 0;
	uintptr_t w = __atomic_load_n(&r.sw[p], __ATOMIC_ACQUIRE);
	if (!(w & kSlotReady))
		return 0;
	for (;;) {
		const uint16_t next = (p + 1) & r.mask;
		const uintptr_t wn = __atomic_load_n(&r.sw[next], __ATOMIC_ACQUIRE);
		if (!(wn & kSlotReady))
			break;
		r.sw[p] = w & ~kSlotReady; /* posted: the chip's again */
		p = next;
		w = wn;
		n++;
	}
	r.prod = p;
	return n;
}

/* Moving ring: would slot_ring_publish post anything now? */
inline bool slot_ring_publishable(const SlotRing &r) { return slot_is_ready(slot_words(r, r.reclaim)); }

/* Publisher only, moving ring: READY slots' buffers to the producer end; post(slot, words) writes the BD.
 * Returns how many slots were posted (the caller rings the mailbox with r.prod if any). */
template <class Post>
inline uint16_t slot_ring_publish(SlotRing &r, Post &&post)
{
	uint16_t s = r.reclaim, p = r.prod, n = 0;
	for (;;) {
		uintptr_t *src = slot_words(r, s);
		uintptr_t w0 = __atomic_load_n(&src[0], __ATOMIC_ACQUIRE);
		if (!(w0 & kSlotReady))
			break;
		uintptr_t *dst = slot_words(r, p);
		dst[0] = w0 & ~kSlotReady;
		src[0] = 0;
		for (uint16_t k = 1; k < r.words; k++) {
			dst[k] = src[k];
			src[k] = 0;
		}
		post(p, dst);
		s = (s + 1) & r.mask;
		p = (p + 1) & r.mask;
		n++;
	}
	r.reclaim = s;
	r.prod = p;
	return n;
}

/* The publishing token (shared rings only). */
inline bool token_acquire(uint32_t *token)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* our READY stores before the attempt */
	return __atomic_exchange_n(token, 1, __ATOMIC_ACQUIRE) == 0;
}

inline void token_release(uint32_t *token)
{
	__atomic_store_n(token, 0, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the release before the second look */
}

} // namespace tg57xx::pmd

#endif
