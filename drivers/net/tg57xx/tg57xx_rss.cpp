/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSS (ref §10.6; tg3.c tg3_reset_hw, tg3_rss_write_indir_tbl,
 * tg3_rss_init_dflt_indir_tbl): the Toeplitz key in MAC_RSS_HASH_KEY_0..9
 * (key byte 4r in bits 31:24 of register r, Thundergate's decoding), the
 * 128-entry indirection table in MAC_RSS_INDIR_TBL_0..15 (eight 4-bit entries
 * per register, the first in the most significant nibble), and the hash types
 * of MAC_RX_MODE. Return ring n is RX queue n (tg57xx_intr.cpp).
 *
 * What the chip hashes (RX_MODE_RSS_*_HASH_EN):
 *   IPV4_HASH_EN      every IPv4 frame on its two addresses (TCP too unless
 *                     TCP_IPV4 is on, UDP always: no UDP port hashing)
 *   TCP_IPV4_HASH_EN  TCP over unfragmented IPv4 on addresses and ports
 *   IPV6_HASH_EN / TCP_IPV6_HASH_EN  the same for IPv6
 * so the flow types offered are IPv4/IPv6 (plain, fragmented, "other") and
 * TCP over either; UDP flows land by their addresses (as IPv4/IPv6 "other").
 * Frames no enabled type covers go to queue 0.
 *
 * The hash value: the return BD's word 0x18, valid when the BD carries
 * Thundergate's rss_hash_valid flag (ref §8.4; tg3 and FreeBSD neither define
 * nor read either, so this is UNCONFIRMED on silicon). The PMD reports
 * mbuf->hash.rss only for BDs with that flag: if silicon leaves it clear, no
 * hash is reported and steering still works.
 *
 * Defaults: Microsoft's RSS verification key (deterministic, unlike tg3's
 * random one); the table round robin over the RX queues (tg3
 * ethtool_rxfh_indir_default), rebuilt when the queue count changes. tg3 says
 * the table may be written while the device runs; so are the key and hash
 * types here (rss_hash_update).
 */
#include "tg57xx_rss.h"

#include <cerrno>
#include <cstring>

#include "tg57xx_hash.h"
#include "tg57xx_logs.h"
#include "tg57xx_queue_caps.h"
#include "tg57xx_regs.h"

namespace tg57xx::pmd {

namespace {

constexpr uint64_t kRssIpv4 = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_OTHER;
constexpr uint64_t kRssIpv6 = RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_OTHER;
constexpr uint64_t kRssTcp4 = RTE_ETH_RSS_NONFRAG_IPV4_TCP;
constexpr uint64_t kRssTcp6 = RTE_ETH_RSS_NONFRAG_IPV6_TCP;
constexpr uint64_t kRssAll = kRssIpv4 | kRssIpv6 | kRssTcp4 | kRssTcp6;

/* Hash types as the chip can do them (a subset of a group turns the whole group on). */
uint64_t effective_hf(uint64_t hf)
{
	uint64_t e = 0;
	for (uint64_t g : {kRssIpv4, kRssIpv6, kRssTcp4, kRssTcp6})
		if (hf & g)
			e |= g;
	return e;
}

void default_reta(RssConf &r, uint16_t nb_queues)
{
	for (unsigned i = 0; i < hw::TG3_RSS_INDIR_TBL_SIZE; i++)
		r.reta[i] = static_cast<uint8_t>(i % nb_queues);
}

int check_key(const Adapter &a, const uint8_t *key, uint8_t len)
{
	if (key != nullptr && len != kRssKeyLen) {
		PMD_DRV_LOG(ERR, "%s: RSS key of %u bytes: the chip takes exactly %u (MAC_RSS_HASH_KEY_0..9)", a.name,
			    len, kRssKeyLen);
		return -EINVAL;
	}
	return 0;
}

int check_hf(const Adapter &a, uint64_t hf)
{
	if (hf & ~kRssAll) {
		PMD_DRV_LOG(ERR, "%s: RSS hash types 0x%" PRIx64 " not supported (the chip hashes 0x%" PRIx64 ")",
			    a.name, hf & ~kRssAll, kRssAll);
		return -EINVAL;
	}
	return 0;
}

bool reta_size_ok(const Adapter &a, uint16_t size)
{
	if (size == hw::TG3_RSS_INDIR_TBL_SIZE)
		return true;
	PMD_DRV_LOG(ERR, "%s: RETA of %u entries: the chip's table has %u (ref §10.6)", a.name, size,
		    hw::TG3_RSS_INDIR_TBL_SIZE);
	return false;
}

/* Writes what the table and key registers hold (started ports only). */
void write_table(const Adapter &a)
{
	uint32_t w[hw::TG3_NUM_RSS_INDIR_REGS];
	rss_indir_words(a, w);
	hw_write_rss_indir(a.hw, w);
}

} // namespace

uint64_t rss_offloads(const Adapter &a)
{
	return chip_has_rss(*a.hw.chip.caps) ? kRssAll : 0;
}

int rss_configure(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	const rte_eth_conf &conf = dev->data->dev_conf;
	const rte_eth_rss_conf &rc = conf.rx_adv_conf.rss_conf;
	const uint16_t nrx = dev->data->nb_rx_queues;
	const auto mq = conf.rxmode.mq_mode;

	if (mq != RTE_ETH_MQ_RX_NONE && mq != RTE_ETH_MQ_RX_RSS) {
		PMD_DRV_LOG(ERR, "%s: rx mq_mode %d: only RSS is available (no VMDq/DCB, ref §10.6)", a->name, mq);
		return -ENOTSUP;
	}
	const bool rss = mq == RTE_ETH_MQ_RX_RSS;
	if (rss && !chip_has_rss(*a->hw.chip.caps)) {
		PMD_DRV_LOG(ERR, "%s: RSS needs MSI-X return rings; this %s has none (ref §1.3, §10.6)", a->name,
			    a->hw.chip.caps->family_name);
		return -ENOTSUP;
	}
	int ret = check_key(*a, rc.rss_key, rc.rss_key_len);
	if (ret == 0 && rss)
		ret = check_hf(*a, rc.rss_hf);
	if (ret != 0)
		return ret;
	RssConf &r = a->rss;
	r.enabled = rss;
	r.hf = rss ? effective_hf(rc.rss_hf) : 0;
	std::memcpy(r.key, rc.rss_key != nullptr ? rc.rss_key : hw::RSS_MS_VERIFY_KEY, kRssKeyLen);
	bool fits = nrx != 0;
	for (unsigned i = 0; fits && i < hw::TG3_RSS_INDIR_TBL_SIZE; i++)
		fits = r.reta[i] < nrx;
	if (!fits || r.reta_queues != nrx)
		default_reta(r, nrx == 0 ? 1 : nrx);
	r.reta_queues = nrx;
	return 0;
}

uint32_t rss_rx_mode(const Adapter &a)
{
	const RssConf &r = a.rss;
	if (!r.enabled || r.hf == 0)
		return 0;
	uint32_t m = hw::RX_MODE_RSS_ENABLE | hw::RX_MODE_RSS_ITBL_HASH_BITS_7;
	if (r.hf & kRssIpv4)
		m |= hw::RX_MODE_RSS_IPV4_HASH_EN;
	if (r.hf & kRssTcp4)
		m |= hw::RX_MODE_RSS_TCP_IPV4_HASH_EN;
	if (r.hf & kRssIpv6)
		m |= hw::RX_MODE_RSS_IPV6_HASH_EN;
	if (r.hf & kRssTcp6)
		m |= hw::RX_MODE_RSS_TCP_IPV6_HASH_EN;
	return m;
}

void rss_indir_words(const Adapter &a, uint32_t *w)
{
	std::memset(w, 0, sizeof(uint32_t) * hw::TG3_NUM_RSS_INDIR_REGS);
	for (unsigned i = 0; i < hw::TG3_RSS_INDIR_TBL_SIZE; i++)
		w[i / hw::TG3_RSS_INDIR_PER_REG] |= hw::field_set(hw::rss_indir_mask(i), a.rss.reta[i]);
}

void rss_key_words(const Adapter &a, uint32_t *w)
{
	for (unsigned r = 0; r < hw::TG3_NUM_RSS_HASH_KEY_REGS; r++) {
		const uint8_t *k = a.rss.key + 4 * r;
		w[r] = uint32_t{k[0]} << 24 | uint32_t{k[1]} << 16 | uint32_t{k[2]} << 8 | k[3];
	}
}

int tg57xx_reta_update(rte_eth_dev *dev, rte_eth_rss_reta_entry64 *conf, uint16_t size)
{
	Adapter *a = adapter_of(dev);
	if (!reta_size_ok(*a, size))
		return -EINVAL;
	const uint16_t nrx = dev->data->nb_rx_queues;
	uint8_t next[hw::TG3_RSS_INDIR_TBL_SIZE];
	std::memcpy(next, a->rss.reta, sizeof(next));
	for (unsigned i = 0; i < size; i++) {
		const auto &g = conf[i / RTE_ETH_RETA_GROUP_SIZE];
		const unsigned k = i % RTE_ETH_RETA_GROUP_SIZE;
		if (!(g.mask & (uint64_t{1} << k)))
			continue;
		if (g.reta[k] >= nrx) {
			PMD_DRV_LOG(ERR, "%s: RETA entry %u = queue %u: only %u rx queues", a->name, i, g.reta[k], nrx);
			return -EINVAL;
		}
		next[i] = static_cast<uint8_t>(g.reta[k]);
	}
	std::memcpy(a->rss.reta, next, sizeof(next));
	a->rss.reta_queues = nrx;
	if (a->started)
		write_table(*a); /* tg3: "legal to write the indirection table while the device is running" */
	return 0;
}

int tg57xx_reta_query(rte_eth_dev *dev, rte_eth_rss_reta_entry64 *conf, uint16_t size)
{
	Adapter *a = adapter_of(dev);
	if (!reta_size_ok(*a, size))
		return -EINVAL;
	for (unsigned i = 0; i < size; i++) {
		auto &g = conf[i / RTE_ETH_RETA_GROUP_SIZE];
		const unsigned k = i % RTE_ETH_RETA_GROUP_SIZE;
		if (g.mask & (uint64_t{1} << k))
			g.reta[k] = a->rss.reta[i];
	}
	return 0;
}

int tg57xx_rss_hash_update(rte_eth_dev *dev, rte_eth_rss_conf *rc)
{
	Adapter *a = adapter_of(dev);
	int ret = check_key(*a, rc->rss_key, rc->rss_key_len);
	if (ret == 0)
		ret = check_hf(*a, rc->rss_hf);
	if (ret != 0)
		return ret;
	if (rc->rss_key != nullptr)
		std::memcpy(a->rss.key, rc->rss_key, kRssKeyLen);
	a->rss.hf = effective_hf(rc->rss_hf);
	if (a->started) {
		uint32_t w[hw::TG3_NUM_RSS_HASH_KEY_REGS];
		rss_key_words(*a, w);
		hw_write_rss_key(a->hw, w);
		apply_rx_filters(a); /* the hash types live in MAC_RX_MODE */
	}
	return 0;
}

int tg57xx_rss_hash_conf_get(rte_eth_dev *dev, rte_eth_rss_conf *rc)
{
	Adapter *a = adapter_of(dev);
	if (rc->rss_key != nullptr) {
		if (rc->rss_key_len < kRssKeyLen) {
			PMD_DRV_LOG(ERR, "%s: a %u-byte buffer cannot hold the %u-byte RSS key", a->name,
				    rc->rss_key_len, kRssKeyLen);
			return -EINVAL;
		}
		std::memcpy(rc->rss_key, a->rss.key, kRssKeyLen);
	}
	rc->rss_key_len = kRssKeyLen;
	rc->rss_hf = a->rss.hf;
	return 0;
}

} // namespace tg57xx::pmd
