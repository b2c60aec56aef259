/* SPDX-License-Identifier: BSD-3-Clause */
/* Offload plan and the software fallback (see offload.h). */
#include "offload.h"

#include <cstddef>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

namespace tg57xx::fwd {

namespace {

/* A UDP sum that comes out 0 is sent as all ones: 0 means "no checksum" (RFC 768). */
constexpr uint16_t kUdpZeroCsum = 0xffff;

bool has(uint64_t capa, uint64_t want) { return (capa & want) == want; }

} // namespace

OffloadPlan plan_offloads(bool enabled, bool virtio, const rte_eth_dev_info &nic, const rte_eth_dev_info &kif)
{
	OffloadPlan p;
	if (!enabled) {
		p.why_none = "--no-offload";
		return p;
	}
	if (!virtio) {
		p.why_none = "net_tap and net_af_packet carry no virtio-net header: the kernel sums and segments in "
			     "software";
		return p;
	}
	/* NIC -> kernel: the NIC's L4 verdict, told to the kernel as NEEDS_CSUM. */
	if (has(nic.rx_offload_capa, kRxL4Csum) && has(kif.tx_offload_capa, kTxL4Csum)) {
		p.to_kernel_csum = true;
		p.nic_rx |= kRxL4Csum;
		p.kif_tx |= kTxL4Csum;
	}
	/* Kernel -> NIC: partial sums (GUEST_CSUM), then super-frames (GUEST_TSO4/6). */
	if (has(kif.rx_offload_capa, kRxL4Csum) && has(nic.tx_offload_capa, kTxL4Csum)) {
		p.to_nic_csum = true;
		p.kif_rx |= kRxL4Csum;
		p.nic_tx |= kTxL4Csum;
		const uint64_t tso = RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM;
		if (has(kif.rx_offload_capa, RTE_ETH_RX_OFFLOAD_TCP_LRO) && has(nic.tx_offload_capa, tso)) {
			p.to_nic_tso = true;
			p.kif_rx |= RTE_ETH_RX_OFFLOAD_TCP_LRO;
			p.nic_tx |= tso;
			if (has(nic.tx_offload_capa, RTE_ETH_TX_OFFLOAD_VLAN_INSERT)) {
				p.nic_vlan_insert = true;
				p.nic_tx |= RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
			}
		}
	}
	if (!p.to_kernel_csum && !p.to_nic_csum)
		p.why_none = "the ports have no checksum offloads in common";
	return p;
}

std::string describe(const OffloadPlan &p)
{
	if (p.why_none != nullptr)
		return std::string("none (") + p.why_none + ")";
	std::string s = "to kernel: ";
	s += p.to_kernel_csum ? "csum" : "-";
	s += "; to NIC: ";
	s += p.to_nic_csum ? "csum" : "-";
	if (p.to_nic_tso)
		s += " tso";
	return s;
}

Fallback tx_fallback(rte_mbuf *m, bool vlan_insert)
{
	const uint64_t tx = m->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK;
	if (tx == 0)
		return Fallback::None;
	if ((tx & RTE_MBUF_F_TX_TCP_SEG) != 0) {
		if (!vlan_insert || (tx & RTE_MBUF_F_TX_VLAN) != 0 ||
		    m->l2_len != RTE_ETHER_HDR_LEN + sizeof(rte_vlan_hdr) || rte_vlan_strip(m) != 0)
			return Fallback::None;
		m->l2_len = RTE_ETHER_HDR_LEN;
		m->ol_flags |= RTE_MBUF_F_TX_VLAN;
		return Fallback::VlanOut;
	}
	if ((m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) == RTE_MBUF_F_RX_L4_CKSUM_NONE) {
		const uint64_t l4 = tx & RTE_MBUF_F_TX_L4_MASK;
		const uint32_t off = static_cast<uint32_t>(m->l2_len + m->l3_len);
		const uint32_t field = off + (l4 == RTE_MBUF_F_TX_TCP_CKSUM ? offsetof(rte_tcp_hdr, cksum)
									     : offsetof(rte_udp_hdr, dgram_cksum));
		uint16_t sum = 0;
		if ((l4 != RTE_MBUF_F_TX_TCP_CKSUM && l4 != RTE_MBUF_F_TX_UDP_CKSUM) || m->pkt_len <= off ||
		    m->data_len < field + sizeof(uint16_t) || rte_raw_cksum_mbuf(m, off, m->pkt_len - off, &sum) != 0)
			return Fallback::None;
		sum = static_cast<uint16_t>(~sum);
		if (sum == 0 && l4 == RTE_MBUF_F_TX_UDP_CKSUM)
			sum = kUdpZeroCsum;
		*rte_pktmbuf_mtod_offset(m, uint16_t *, field) = sum;
	}
	m->ol_flags &= ~RTE_MBUF_F_TX_OFFLOAD_MASK;
	return Fallback::SwCsum;
}

} // namespace tg57xx::fwd
