/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ports tg-fwd forwards between: every tg57xx NIC port and its twin, the
 * exception port (net_tap, virtio-user or net_af_packet) whose other side is a kernel
 * interface. Set-up, start, stop and removal; control path only.
 */
#ifndef TG_FWD_PORTS_H
#define TG_FWD_PORTS_H

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <rte_ether.h>
#include <rte_mempool.h>

#include "kif.h"
#include "offload.h"
#include "options.h"

namespace tg57xx::fwd {

/* What backs the kernel side of one port. */
enum class KifKind {
	Tap,        /* net_tap: the PMD owns the tap fd */
	VhostNet,   /* virtio-user on /dev/vhost-net: the kernel makes a tap for it */
	VhostUser,  /* virtio-user on a vhost-user socket (test mode): no kernel interface */
	AfPacket,   /* net_af_packet on tg-fwd's end of a veth pair; the kernel has the other */
};

const char *kif_kind_name(KifKind k);

/* One NIC port and its kernel-side twin. Fields are fixed once start-up ends,
 * except the link state, which only the control loop writes. Not movable (the
 * LSC callback holds its address): size the vector once, never grow it. */
struct PortPair {
	unsigned index = 0;            /* 0, 1, ... in port order */
	uint16_t nic = 0;              /* ethdev port ids */
	uint16_t kif = 0;
	std::string nic_name;          /* ethdev names, e.g. net_tg57xx_sim0, 0000:03:00.0 */
	std::string kif_vdev;          /* the vdev tg-fwd hot-plugged, e.g. net_tap_tg0 */
	KifKind kind = KifKind::Tap;
	std::string ifname;            /* kernel interface ("" for VhostUser) */
	unsigned ifindex = 0;
	/* AfPacket: tg-fwd's end of the veth pair (ifname + "-dp"), which net_af_packet
	 * reads and writes; its admin state is the kernel end's carrier. */
	std::string dp_ifname;
	unsigned dp_ifindex = 0;
	bool veth_made = false;        /* tg-fwd created the pair: teardown deletes it */
	rte_ether_addr mac{};
	uint16_t mtu = 0;
	uint16_t nic_max_mtu = 0;
	uint16_t kif_max_mtu = 0;      /* what the exception PMD carries (net_tap: 1504) */
	bool nic_owned = false, nic_configured = false, nic_started = false;
	bool kif_added = false, kif_configured = false, kif_started = false;
	bool lsc = false;              /* the NIC raises RTE_ETH_EVENT_INTR_LSC */
	/* --idle-sleep: the port was configured with rx queue interrupts (intr_conf.rxq). */
	bool nic_rxq_intr = false, kif_rxq_intr = false;
	std::atomic<bool> lsc_pending{false}; /* set by the LSC callback, taken by the control loop */
	std::atomic<bool> reset_pending{false}; /* the NIC's driver asked for a reset (RTE_ETH_EVENT_INTR_RESET) */
	unsigned resets = 0;           /* resets done */
	/* Link as last mirrored to the kernel side. */
	bool link_up = false;
	uint32_t link_speed = 0;
	bool link_known = false;
	bool carrier_ok = true;        /* IFLA_CARRIER works on this interface */
	unsigned kernel_mtu = 0;       /* the kernel interface's MTU as last reported */
	bool promisc = false;          /* NIC promiscuous, following the kernel interface */
	OffloadPlan ol;                /* what the two paths carry (offload.h), as configured */
};

/* Everything set-up needs to know, decided from options and the system. */
struct PortSetup {
	const Options *opt = nullptr;
	KifKind kind = KifKind::Tap;   /* after any virtio-user -> net_tap fallback */
	unsigned nb_lcores = 1;        /* to size the mbuf pool's caches */
	Rtnl *rtnl = nullptr;          /* AfPacket: makes the veth pairs */
};

/* Find every tg57xx port (driver net_tg57xx or net_tg57xx_sim), in port-id order. */
std::vector<uint16_t> find_nic_ports();

/*
 * Build the pairs (`pairs` is pre-sized, one per NIC port): hot-plug one exception port per NIC, configure, set MTU,
 * start both. Returns "" on success, else the one line to print (and the
 * caller cleans up with teardown(), which copes with a half-built set).
 */
std::string setup_ports(const PortSetup &ps, const std::vector<uint16_t> &nics, std::vector<PortPair> &pairs,
			rte_mempool **pool);

/* Stop and close every port, remove the exception vdevs (the kernel interfaces
 * go with them unless --persist; rtnl deletes the veth pairs tg-fwd made). Safe
 * on a partly built set; idempotent. */
void teardown(std::vector<PortPair> &pairs, Rtnl *rtnl);

} // namespace tg57xx::fwd

#endif
