/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The receive refill's mempool get (tg57xx_rxtx.cpp): n objects from the top
 * of this lcore's mempool cache (struct rte_mempool_cache, public in
 * rte_mempool.h), where rte_mempool_get_bulk takes them when the cache holds
 * enough; it copies them one pointer at a time, top down (six instructions a
 * buffer). The order does not matter: any n objects of the cache are a valid
 * get. Two ways:
 *  - pool_get_bulk: copied out in ascending order, two pointers per 16-byte
 *    move;
 *  - pool_get_zc: not copied at all (zero-copy): the caller reads the n
 *    pointers where they lie, just above the cache's new length. They stay
 *    valid only until the next put to or get from this lcore's cache of the
 *    pool (a put writes over them; a get the cache cannot serve refills it
 *    from the ring, from objs[0] up), so the caller uses them first
 *    (DPDK 23.07 made this an API: rte_mempool_cache_zc_get_bulk).
 * Whatever the cache cannot serve (no cache on this lcore, too few objects):
 * pool_get_bulk goes through rte_mempool_get_bulk (which refills the cache
 * from the pool's ring), pool_get_zc returns null. pool_put_bulk is the
 * transmit side's MBUF_FAST_FREE put, the same copy into the cache.
 */
#ifndef TG57XX_POOL_H
#define TG57XX_POOL_H

#include <cstdint>
#include <cstring>

#include <rte_branch_prediction.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

namespace tg57xx::pmd {

/* dst[0..n) = src[0..n), eight pointers per round in four 16-byte moves. */
inline void pool_copy_ptrs(void **dst, void *const *src, unsigned n)
{
	constexpr unsigned kRound = 8;
	void *const *const end = src + n;
	for (; src + kRound <= end; src += kRound, dst += kRound)
		std::memcpy(dst, src, kRound * sizeof(void *));
	for (; src < end; src++, dst++)
		*dst = *src;
}

/* rte_mempool_get_bulk(mp, objs, n): 0, or -ENOENT with nothing taken. */
inline int pool_get_bulk(rte_mempool *mp, void **objs, unsigned n)
{
	rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
	if (likely(c != nullptr && n <= c->len)) {
		c->len -= n;
		pool_copy_ptrs(objs, &c->objs[c->len], n);
		return 0;
	}
	return rte_mempool_get_bulk(mp, objs, n);
}

/* rte_mempool_put_bulk(mp, objs, n): into this lcore's cache while it stays
 * under its flush threshold (as rte_mempool_put_bulk fills it), else
 * through rte_mempool_put_bulk (which flushes the cache to the ring). */
inline void pool_put_bulk(rte_mempool *mp, void *const *objs, unsigned n)
{
	rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
	if (likely(c != nullptr && c->len + n <= c->flushthresh)) {
		pool_copy_ptrs(&c->objs[c->len], objs, n);
		c->len += n;
		return;
	}
	rte_mempool_put_bulk(mp, objs, n);
}

/* n objects of this lcore's cache where they lie (see above), or null. */
inline void *const *pool_get_zc(rte_mempool *mp, unsigned n)
{
	rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());
	if (unlikely(c == nullptr || n > c->len))
		return nullptr;
	c->len -= n;
	return &c->objs[c->len];
}

} // namespace tg57xx::pmd

#endif
