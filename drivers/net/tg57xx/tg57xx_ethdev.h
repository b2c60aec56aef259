/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The port: one Adapter per ethdev, whichever way the chip is reached (PCI
 * BAR0 or a chip-model instance behind the net_tg57xx_sim vdev).
 */
#ifndef TG57XX_ETHDEV_H
#define TG57XX_ETHDEV_H

#include <cstdint>

#include <ethdev_driver.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>

#include "tg57xx_desc.h"
#include "tg57xx_hw.h"
#include "tg57xx_phy.h"

namespace tg57xx::pmd {

/* MAC statistics registers, accumulated to 64 bits (ref §5.2; tg3_periodic_fetch_stats). */
struct MacStats {
	uint64_t tx_octets, tx_ucast, tx_mcast, tx_bcast, tx_collisions, tx_mac_errors;
	uint64_t rx_octets, rx_ucast, rx_mcast, rx_bcast, rx_fcs_errors, rx_align_errors;
	uint64_t rx_frame_too_long, rx_undersize, rx_fragments, rx_jabbers;
	uint64_t rx_xon, rx_xoff, tx_xon, tx_xoff;
	uint64_t rxbds_empty, rx_discards, rx_errors;
};

/* What the chip-model backend hands the common init (tg57xx_sim.cpp). */
struct Backend {
	void *ctx = nullptr;
	void (*close)(void *ctx) = nullptr; /* stop and destroy the backend */
};

struct Adapter {
	Hw hw;
	Backend backend;
	/* Status block, vector 0 (ref §9.1): written by the chip. */
	const rte_memzone *status_mz = nullptr;
	hw::StatusBlock *status = nullptr;
	rte_iova_t status_iova = 0;
	LinkConfig link_cfg;
	LinkState link;
	bool link_forced_down = false;
	uint32_t mtu = RTE_ETHER_MTU;
	bool promisc = false;
	bool allmulti = false;
	uint32_t mc_hash[4] = {};
	rte_ether_addr addr{};
	rte_spinlock_t stats_lock = RTE_SPINLOCK_INITIALIZER;
	/* One link resolution at a time (alarm thread vs link_update/set_link_*). */
	rte_spinlock_t link_lock = RTE_SPINLOCK_INITIALIZER;
	MacStats mac{};
	bool started = false;
	bool alarm_armed = false;
	unsigned alarm_ticks = 0;
	char name[RTE_ETH_NAME_MAX_LEN] = {};
};

static inline Adapter *adapter_of(rte_eth_dev *dev)
{
	return static_cast<Adapter *>(dev->data->dev_private);
}

/*
 * Common device init after the bus-specific part created `dev` and its seam:
 * chip identification, probe-time setup, PHY probe, MAC address, ops.
 * On failure everything it allocated is released (the caller releases dev).
 */
int tg57xx_dev_init(rte_eth_dev *dev, const RegIo &io, const Backend &backend);
/* dev_close for both buses (also frees the backend). */
int tg57xx_dev_close(rte_eth_dev *dev);

} // namespace tg57xx::pmd

#endif
