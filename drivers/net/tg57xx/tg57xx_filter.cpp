/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Receive filters (ref §5.1; tg3.c __tg3_set_rx_mode): MAC_RX_MODE from the
 * port's settings (promiscuous, VLAN tag handling (tg57xx_offload.h), RSS hash types), the
 * multicast hash filter, the station address.
 */
#include "tg57xx_filter.h"

#include <cstring>
#include <span>

#include "tg57xx_hash.h"
#include "tg57xx_logs.h"
#include "tg57xx_offload.h"
#include "tg57xx_regs.h"
#include "tg57xx_rss.h"

namespace tg57xx::pmd {

void apply_rx_filters(Adapter *a)
{
	if (!a->started)
		return;
	uint32_t all[4] = {~0u, ~0u, ~0u, ~0u};
	hw_write_mc_hash(a->hw, a->allmulti || a->promisc ? all : a->mc_hash);
	/* The flow-control bit belongs to the link code (mac_configure): same lock. */
	rte_spinlock_lock(&a->hw.mode_lock);
	uint32_t keep = rd32(a->hw, hw::MAC_RX_MODE) & hw::RX_MODE_FLOW_CTRL_ENABLE;
	hw_write_rx_mode(a->hw, keep | vlan_rx_mode(*a) | (a->promisc ? hw::RX_MODE_PROMISC : 0) |
					rss_rx_mode(*a));
	rte_spinlock_unlock(&a->hw.mode_lock);
}

static int tg57xx_promisc(rte_eth_dev *dev, bool on)
{
	Adapter *a = adapter_of(dev);
	a->promisc = on;
	apply_rx_filters(a);
	return 0;
}
int tg57xx_promisc_enable(rte_eth_dev *dev) { return tg57xx_promisc(dev, true); }
int tg57xx_promisc_disable(rte_eth_dev *dev) { return tg57xx_promisc(dev, false); }

static int tg57xx_allmulti(rte_eth_dev *dev, bool on)
{
	Adapter *a = adapter_of(dev);
	a->allmulti = on;
	apply_rx_filters(a);
	return 0;
}
int tg57xx_allmulti_enable(rte_eth_dev *dev) { return tg57xx_allmulti(dev, true); }
int tg57xx_allmulti_disable(rte_eth_dev *dev) { return tg57xx_allmulti(dev, false); }

int tg57xx_set_mc_addr_list(rte_eth_dev *dev, rte_ether_addr *list, uint32_t n)
{
	Adapter *a = adapter_of(dev);
	uint32_t hash[4] = {};
	for (uint32_t i = 0; i < n; i++) {
		if (!rte_is_multicast_ether_addr(&list[i])) {
			PMD_DRV_LOG(ERR, "%s: multicast list entry %u is not a multicast address", a->name, i);
			return -EINVAL;
		}
		uint32_t idx = hw::mc_hash_index(std::span<const uint8_t, 6>(list[i].addr_bytes, 6));
		/* Filter bit idx lives in MAC_HASH_REG(idx / 32), bit idx % 32 (ref §5.1). */
		hash[idx / hw::TG3_MC_HASH_BITS_PER_REG] |= hw::mc_hash_mask(idx);
	}
	std::memcpy(a->mc_hash, hash, sizeof(hash));
	apply_rx_filters(a);
	return 0;
}

int tg57xx_mac_addr_set(rte_eth_dev *dev, rte_ether_addr *addr)
{
	Adapter *a = adapter_of(dev);
	if (!rte_is_valid_assigned_ether_addr(addr)) {
		PMD_DRV_LOG(ERR, "%s: not a unicast station address", a->name);
		return -EINVAL;
	}
	a->addr = *addr;
	if (a->started)
		hw_set_mac_addr(a->hw, a->addr.addr_bytes);
	return 0;
}

} // namespace tg57xx::pmd
