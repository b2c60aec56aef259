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
#include "tg57xx_rxtx.h"

namespace tg57xx::pmd {

/* MAC statistics registers, accumulated to 64 bits (ref §5.2; tg3_periodic_fetch_stats). */
struct MacStats {
	uint64_t tx_octets, tx_ucast, tx_mcast, tx_bcast, tx_collisions, tx_mac_errors;
	uint64_t rx_octets, rx_ucast, rx_mcast, rx_bcast, rx_fcs_errors, rx_align_errors;
	uint64_t rx_frame_too_long, rx_undersize, rx_fragments, rx_jabbers;
	uint64_t rx_xon, rx_xoff, tx_xon, tx_xoff;
	uint64_t rxbds_empty, rx_discards, rx_errors;
	/* Chips without a reliable IN_DISCARDS: MBUF_LWM events seen in a fetch
	 * where NO_RCV_BD_CNT did not move (drops rxbds_empty does not explain). */
	uint64_t lwm_unexplained;
};

/*
 * What the chip-model backend hands the common init (tg57xx_sim.cpp). Its
 * state (the model, its eventfds, the vdev's interrupt handle) is per
 * process, and so is this struct: see proc_backend().
 */
struct Backend {
	void *ctx = nullptr;
	void (*close)(void *ctx) = nullptr; /* stop and destroy the backend */
	/* Before rte_intr_efd_enable of nb_rx vectors: a VDEV interrupt handle has
	 * its eventfds filled in by its driver (EAL only checks them). PCI: null. */
	int (*intr_prepare)(void *ctx, rte_intr_handle *h, unsigned nb_rx) = nullptr;
};

/* MSI-X vectors (ref §4.4: vector 0 link/errors, 1..4 the rings). */
inline constexpr unsigned kMaxVectors = hw::TG3_IRQ_MAX_VECS;

/* One vector's status block (ref §9.1), one memzone each; written by the chip. */
struct Vector {
	const rte_memzone *mz = nullptr;
	hw::StatusBlock *sblk = nullptr;
	rte_iova_t iova = 0;
};

/*
 * How queues map onto rings and vectors for this start (tg57xx_intr.cpp
 * layout_for). Single vector: everything in vector 0's block. Multi-vector
 * (ref §4.4, §10.6, §10.7): RX queue q = return ring q on vector q+1; TX
 * queue 0 on vector 0, or with TSS TX queue t = send ring t on vector t+1.
 */
struct QueueLayout {
	bool multivec = false; /* MSGINT_MODE_MULTIVEC_EN, per-vector status blocks */
	bool tss = false;      /* SNDBDI_MODE_MULTI_TXQ_EN (5719/5720) */
	uint8_t nvec = 1;      /* vectors with a status block */
	bool lsc_intr = false; /* link changes by vector 0's interrupt, not the alarm */
	bool rxq_intr = false; /* RX queue interrupts (intr_conf.rxq) */
};

/* RSS configuration (ref §10.6), kept across stop/start; see tg57xx_rss.cpp. */
inline constexpr unsigned kRssKeyLen = 4 * hw::TG3_NUM_RSS_HASH_KEY_REGS; /* = hw::RSS_KEY_LEN */
struct RssConf {
	uint8_t key[kRssKeyLen] = {};
	uint8_t reta[hw::TG3_RSS_INDIR_TBL_SIZE] = {};
	uint64_t hf = 0;       /* RTE_ETH_RSS_* the chip hashes */
	bool enabled = false;  /* mq_mode has RSS */
	uint16_t reta_queues = 0; /* RX queue count the table was made for */
};

/* Interrupt bookkeeping (shared data; the handle and eventfds are per process). */
struct IntrStats {
	uint64_t vec0_irqs = 0;       /* vector-0 interrupts taken */
	uint64_t lsc_by_intr = 0;     /* link changes found by the interrupt handler */
	uint64_t lsc_by_poll = 0;     /* link changes found by the alarm poll */
	uint32_t vec0_tag = 0;        /* status tag the handler last processed */
	bool registered = false;      /* handler registered on the device's handle */
	bool error_seen = false;      /* SD_STATUS_ERROR reported since the start */
};

/* Fault recovery (tg57xx_recover.cpp): what the link alarm watches and counts. */
struct RecoverState {
	bool reset_pending = false;         /* RTE_ETH_EVENT_INTR_RESET raised, no reset/start since */
	uint16_t tx_last_cons[kMaxRings] = {}; /* TX consumer at the last tick, per queue */
	unsigned tx_stall_ms[kMaxRings] = {};  /* how long it has not moved with BDs pending */
	uint64_t error_attentions = 0;      /* errors only a reset cures (tg3_process_error) */
	uint64_t tx_timeouts = 0;
	uint64_t reset_requests = 0;        /* RTE_ETH_EVENT_INTR_RESET raised */
	uint64_t resets = 0;                /* dev_reset done */
};

/* This process's backend of a port (kept beside proc_io(), never in dev_private). */
Backend &proc_backend(uint16_t port);

/*
 * Shared with secondary processes (dev_private lives in DPDK shared memory):
 * plain data, pointers only into shared memory (memzones, rte_malloc), and
 * the port id to reach what each process keeps itself (proc_io,
 * proc_backend).
 */
struct Adapter {
	Hw hw;
	/* Status blocks, one per vector the chip has (ref §9.1); status = vector 0's. */
	Vector vec[kMaxVectors];
	unsigned nvec_max = 1;
	hw::StatusBlock *status = nullptr;
	QueueLayout layout;
	/* The chip's one std (and jumbo) producer ring, shared by the RX queues (ref §10.6). */
	RxBufRing *bufs = nullptr;
	RssConf rss;
	IntrStats intr;
	RecoverState recover;
	LinkConfig link_cfg;
	LinkState link;
	bool link_forced_down = false;
	uint32_t mtu = RTE_ETHER_MTU;
	bool promisc = false;
	bool allmulti = false;
	bool vlan_strip = false; /* RTE_ETH_RX_OFFLOAD_VLAN_STRIP: RX_MODE_KEEP_VLAN_TAG clear (ref §10.3) */
	uint32_t mc_hash[4] = {};
	rte_ether_addr addr{};
	rte_spinlock_t stats_lock = RTE_SPINLOCK_INITIALIZER;
	/* One link resolution at a time (alarm thread vs link_update/set_link_*). */
	rte_spinlock_t link_lock = RTE_SPINLOCK_INITIALIZER;
	MacStats mac{};
	bool started = false;
	bool alarm_armed = false;
	/* The link came up within dev_start: the first alarm announces it (tg57xx_ethdev.cpp). */
	bool lsc_owed = false;
	/* A statistics fetch met unanswered (all-ones) reads: said once (tg57xx_stats.cpp). */
	bool stats_unanswered_logged = false;
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
/*
 * A secondary process attaching to a port its primary initialised: this
 * process's seam and backend, the ops a secondary may call (statistics,
 * information, filters; not the life cycle) and the burst functions.
 */
int tg57xx_dev_attach_secondary(rte_eth_dev *dev, const RegIo &io, const Backend &backend);
/* A secondary letting go of a port: closes this process's backend, leaves the port running. */
void tg57xx_dev_detach_secondary(rte_eth_dev *dev);
/* dev_close for both buses (also frees the backend). */
int tg57xx_dev_close(rte_eth_dev *dev);
/* Resolve the link now, publish it, and raise the LSC event if it changed
 * and the application asked for them; true if it changed (ref §11.7). */
bool tg57xx_link_check(rte_eth_dev *dev);
/* MAC_RX_MODE and the multicast filter from the port's settings (started ports only). */
void apply_rx_filters(Adapter *a);

} // namespace tg57xx::pmd

#endif
