/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checksum and VLAN offloads, control side (tg57xx_offload.cpp; ref §10.1-
 * §10.3): what the port advertises, the receive VLAN mode, vlan_offload_set.
 * The per-packet side (return-BD flags, send-BD flags, tx_prepare) is in
 * tg57xx_rxtx.cpp.
 */
#ifndef TG57XX_OFFLOAD_H
#define TG57XX_OFFLOAD_H

#include <ethdev_driver.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::pmd {

/* Every family this PMD drives checks IPv4/TCP/UDP sums on receive, fills them
 * on send (GRC_MODE_NO_TX_PHDR_CSUM: the host seeds the pseudo-header), strips
 * and inserts 802.1Q tags (ref §10.1-§10.3). QinQ: neither. */
inline constexpr uint64_t kRxOffloadCapa = RTE_ETH_RX_OFFLOAD_CHECKSUM | RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
inline constexpr uint64_t kTxOffloadCapa = RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_CKSUM |
					   RTE_ETH_TX_OFFLOAD_UDP_CKSUM | RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
/* Plus TSO where the chip has HW_TSO_3 (ref §1.3, §10.4: every 57765_PLUS chip
 * but 5719 A0; the 5761's HW_TSO_2 is not driven). */
uint64_t tx_offload_capa(const Adapter &a) noexcept;
/* Rx offloads whose results the burst function reads from the return BD. */
inline constexpr uint64_t kRxBdOffloads = kRxOffloadCapa;

/* MAC_RX_MODE VLAN bits: keep the tag in the frame unless stripping is on
 * (ref §10.3). With ASF the chip always strips (tg3 __tg3_set_rx_mode never
 * sets KEEP_VLAN_TAG then; offload_start keeps vlan_strip on). */
inline uint32_t vlan_rx_mode(const Adapter &a)
{
	return a.vlan_strip || a.hw.asf_enabled ? 0 : hw::RX_MODE_KEEP_VLAN_TAG;
}

/* dev_start: the port's offload state from dev_conf, before MAC_RX_MODE is written. */
void offload_start(rte_eth_dev *dev) noexcept;

/* The largest TSO segment (IP + TCP + MSS) tx_prepare lets a queue send: the
 * port's MTU (0 without HW_TSO_3). Set at queue setup, dev_start and mtu_set. */
uint32_t tso_max_seg(const Adapter &a) noexcept;
void txqs_set_tso_max_seg(rte_eth_dev *dev) noexcept;

int tg57xx_vlan_offload_set(rte_eth_dev *dev, int mask) noexcept;

} // namespace tg57xx::pmd

#endif
