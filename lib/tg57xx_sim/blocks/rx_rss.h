/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSS steering for the RX engine (§10.6): the Toeplitz hash over the IPv4 /
 * IPv6 addresses (+ TCP ports when RX_MODE_RSS_TCP_IPV4/IPV6_HASH_EN) with
 * the key of MAC_RSS_HASH_KEY_0..9 (key byte 4r+0 in register r bits 31:24,
 * Thundergate's decoding), its low RX_MODE_RSS_ITBL_HASH_BITS bits indexing
 * the 128-entry table of MAC_RSS_INDIR_TBL_0..15 (entry 8r+k in register r
 * bits (31-4k):(28-4k)). Frames no hash type covers go to ring 0. The
 * registers belong to the MAC block (0x0600); this only reads them. Used by
 * rx.cpp only.
 */
#ifndef TG57XX_SIM_BLOCKS_RX_RSS_H
#define TG57XX_SIM_BLOCKS_RX_RSS_H

#include <array>
#include <cstring>
#include <memory>

#include "hw.h"
#include "offload.h"
#include "regfile.h"

namespace tg57xx::sim {

class RxRss {
public:
	/* Return rings RSS can pick: the entry's low two bits (Thundergate: only they are significant). */
	static constexpr uint32_t kRingMask = hw::TG3_RSS_MAX_NUM_QS - 1;

	RxRss() : toeplitz_(std::make_unique<offload::Toeplitz>()) {}

	/* Bind to the MAC's registers (if declared) and follow key writes. */
	void attach(RegFile &r)
	{
		if (!r.declared(hw::MAC_RSS_HASH_KEY_0))
			return;
		for (unsigned i = 0; i < hw::TG3_NUM_RSS_INDIR_REGS; i++)
			indir_[i] = r.raw(hw::MAC_RSS_INDIR_TBL(i));
		for (unsigned i = 0; i < hw::TG3_NUM_RSS_HASH_KEY_REGS; i++) {
			key_[i] = r.raw(hw::MAC_RSS_HASH_KEY(i));
			r.on_write(hw::MAC_RSS_HASH_KEY(i), [this](uint32_t, uint32_t) { dirty_ = true; });
		}
	}
	void key_changed() { dirty_ = true; }

	/* Ring for a parsed frame; hash = 0 when no hash type applies. false: no hash. */
	bool steer(const uint8_t *data, const offload::Parsed &p, uint32_t rx_mode, uint32_t &hash, unsigned &ring)
	{
		namespace ol = offload;
		uint8_t in[ol::Toeplitz::kMaxInput];
		size_t n;
		const bool tcp = p.proto == ol::kIpProtoTcp && p.l4_ok;
		bool ports;
		if (p.ipv == 4 && p.ip_ok) {
			ports = tcp && (rx_mode & hw::RX_MODE_RSS_TCP_IPV4_HASH_EN);
			if (!ports && !(rx_mode & hw::RX_MODE_RSS_IPV4_HASH_EN))
				return false;
			n = 2 * ol::kIpv4AddrLen;
			std::memcpy(in, data + p.l3_off + ol::kIpv4SrcOff, n);
		} else if (p.ipv == 6 && p.ip_ok) {
			ports = tcp && (rx_mode & hw::RX_MODE_RSS_TCP_IPV6_HASH_EN);
			if (!ports && !(rx_mode & hw::RX_MODE_RSS_IPV6_HASH_EN))
				return false;
			n = 2 * ol::kIpv6AddrLen;
			std::memcpy(in, data + p.l3_off + ol::kIpv6SrcOff, n);
		} else {
			return false;
		}
		if (ports) {
			std::memcpy(in + n, data + p.l4_off, kL4PortsLen); /* source then destination port */
			n += kL4PortsLen;
		}
		if (dirty_)
			load_key();
		hash = toeplitz_->hash(in, n);
		const uint32_t bits = hw::field_get(hw::RX_MODE_RSS_ITBL_HASH_BITS_7, rx_mode);
		const uint32_t entry = hash & ((1u << bits) - 1);
		ring = 0;
		if (indir_[0] != nullptr)
			ring = hw::field_get(hw::rss_indir_mask(entry), *indir_[entry / hw::TG3_RSS_INDIR_PER_REG]) &
			       kRingMask;
		return true;
	}

private:
	static constexpr uint32_t kL4PortsLen = 4;
	void load_key()
	{
		uint8_t key[offload::Toeplitz::kKeyBytes] = {};
		if (key_[0] != nullptr)
			for (unsigned i = 0; i < hw::TG3_NUM_RSS_HASH_KEY_REGS; i++)
				offload::store_be32(key + 4 * i, *key_[i]); /* byte 4i+0 = bits 31:24 */
		toeplitz_->set_key(key);
		dirty_ = false;
	}

	std::array<const uint32_t *, hw::TG3_NUM_RSS_INDIR_REGS> indir_{};
	std::array<const uint32_t *, hw::TG3_NUM_RSS_HASH_KEY_REGS> key_{};
	bool dirty_ = true;
	std::unique_ptr<offload::Toeplitz> toeplitz_;
};

} // namespace tg57xx::sim

#endif
