/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checksum and VLAN offloads, control side (ref §10.1-§10.3). The chip
 * strips the 802.1Q tag of received frames unless MAC_RX_MODE has
 * RX_MODE_KEEP_VLAN_TAG (tg3 __tg3_set_rx_mode): strip on = the bit clear,
 * strip off = the frame as it was on the wire (also what a promiscuous
 * capture wants). Checksums need no switch: the chip always checks them
 * (ref §10.1) and always honours the send-BD flags (ref §10.2).
 */
#include "tg57xx_offload.h"

#include "tg57xx_logs.h"

namespace tg57xx::pmd {

namespace {

/* Whether the RX queues translate the return BD's checksum/VLAN words. */
void rxqs_refresh(rte_eth_dev *dev)
{
	const bool on = (dev->data->dev_conf.rxmode.offloads & kRxBdOffloads) != 0;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		auto *rxq = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		if (rxq != nullptr)
			rxq->bd_offloads = on;
	}
}

/* The app's choice, except that with ASF the chip strips regardless (tg3 __tg3_set_rx_mode). */
bool vlan_strip_wanted(const rte_eth_dev *dev, const Adapter &a)
{
	const bool want = (dev->data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP) != 0;
	if (!want && a.hw.asf_enabled)
		PMD_DRV_LOG(NOTICE, "%s: ASF management firmware is on: received VLAN tags are stripped anyway "
			    "(reported in the mbuf)", a.name);
	return want || a.hw.asf_enabled;
}

} // namespace

uint64_t tx_offload_capa(const Adapter &a) noexcept
{
	const bool tso = a.hw.chip.caps->tso == hw::TsoKind::HW_TSO_3;
	return kTxOffloadCapa | (tso ? RTE_ETH_TX_OFFLOAD_TCP_TSO : 0);
}

/*
 * A TSO segment goes on the wire as IP + TCP + MSS behind the Ethernet
 * header: no larger than the port's MTU, or the peer (whose MTU it is too)
 * drops it as too long (MAC_RX_MTU_SIZE, ref §5.1, §10.4; tg3 cuts at the
 * stack's gso_size, which the MTU bounds). The chip's largest MTU is only
 * the bound of what mtu_set accepts.
 */
uint32_t tso_max_seg(const Adapter &a) noexcept
{
	return a.hw.chip.caps->tso == hw::TsoKind::HW_TSO_3 ? a.mtu : 0;
}

void txqs_set_tso_max_seg(rte_eth_dev *dev) noexcept
{
	const uint32_t max = tso_max_seg(*adapter_of(dev));
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[q]);
		if (txq != nullptr)
			txq->tso_max_seg = max;
	}
}

void offload_start(rte_eth_dev *dev) noexcept
{
	Adapter *a = adapter_of(dev);
	a->vlan_strip = vlan_strip_wanted(dev, *a);
	rxqs_refresh(dev);
	txqs_set_tso_max_seg(dev);
}

int tg57xx_vlan_offload_set(rte_eth_dev *dev, int mask) noexcept
{
	Adapter *a = adapter_of(dev);
	/* ethdev refuses offloads outside rx_offload_capa before calling; anything
	 * but strip reaching here is a caller bypassing it. */
	if (mask & ~RTE_ETH_VLAN_STRIP_MASK) {
		PMD_DRV_LOG(ERR, "%s: VLAN offload mask 0x%x: only stripping (0x%x) is supported (no filter, QinQ or extend)",
			    a->name, mask, RTE_ETH_VLAN_STRIP_MASK);
		return -ENOTSUP;
	}
	a->vlan_strip = vlan_strip_wanted(dev, *a);
	rxqs_refresh(dev);
	apply_rx_filters(a);
	return 0;
}

} // namespace tg57xx::pmd
