/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Offloads between the NIC and the kernel side (issue 10 item 9).
 *
 * What travels, and how (DPDK 22.11):
 *  - virtio-user carries offloads in the virtio-net header. To the kernel: a
 *    frame the NIC found L4-checksum GOOD is sent with TX_TCP/UDP_CKSUM, so
 *    the virtio PMD writes NEEDS_CSUM (its tx_prepare seeds the pseudo-header
 *    sum) and the kernel takes it as CHECKSUM_PARTIAL: trusted, not summed
 *    again. (DATA_VALID is the device's flag; a driver, which virtio-user is,
 *    must not set it: virtio spec 1.1 §5.1.6.2.1.) A BAD or UNKNOWN frame goes
 *    unmarked and the kernel checks it. From the kernel: with GUEST_CSUM the
 *    virtio PMD hands over frames whose L4 sum is only the pseudo-header
 *    (RX_L4_CKSUM_NONE), with GUEST_TSO4/6 super-frames (RX_LRO + tso_segsz);
 *    they go to the NIC as TX_TCP/UDP_CKSUM or TX_TCP_SEG.
 *  - net_tap (22.11) opens its tap without IFF_VNET_HDR: its "offloads" are
 *    software inside the PMD, and the kernel only ever sees and gives finished
 *    frames. Nothing to carry: tg-fwd turns none on for it. Nor for
 *    net_af_packet (--af-packet), whose socket has no PACKET_VNET_HDR either.
 *
 * plan_offloads() decides at start from both ports' capabilities; the
 * per-packet functions below are the fast path's (inline, no allocation).
 */
#ifndef TG_FWD_OFFLOAD_H
#define TG_FWD_OFFLOAD_H

#include <cstdint>
#include <string>

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ip.h>
#include <rte_net.h>
#include <rte_udp.h>

namespace tg57xx::fwd {

/* Decided per port pair at start; fixed afterwards. */
struct OffloadPlan {
	uint64_t nic_rx = 0, nic_tx = 0;  /* rte_eth_conf offloads requested on the NIC */
	uint64_t kif_rx = 0, kif_tx = 0;  /* ... and on the kernel-side port */
	bool to_kernel_csum = false;      /* NIC rx GOOD -> kernel port tx L4 checksum flags */
	bool to_nic_csum = false;         /* kernel port rx partial sum -> NIC tx L4 checksum */
	bool to_nic_tso = false;          /* kernel port rx super-frame -> NIC TSO */
	bool nic_vlan_insert = false;     /* ... whose in-band tag the NIC inserts (tx_fallback) */
	const char *why_none = nullptr;   /* when nothing is on: the reason, for the start-up line */
};

/* What tg-fwd asks of each side (the subsets that carry something). */
inline constexpr uint64_t kRxL4Csum = RTE_ETH_RX_OFFLOAD_TCP_CKSUM | RTE_ETH_RX_OFFLOAD_UDP_CKSUM;
inline constexpr uint64_t kTxL4Csum = RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM;

/* enabled: not --no-offload; virtio: the kernel-side port is virtio-user (else net_tap or net_af_packet).
 * nic/kif: the ports' dev_info before configure. */
OffloadPlan plan_offloads(bool enabled, bool virtio, const rte_eth_dev_info &nic, const rte_eth_dev_info &kif);

/* "to kernel: csum; to NIC: csum tso" or "none (...)": the start-up line's tail. */
std::string describe(const OffloadPlan &p);

namespace detail {

/* Ethernet (VLAN tags too), IPv4/IPv6, TCP/UDP: the layers the flags need. */
inline constexpr uint32_t kParseLayers = RTE_PTYPE_L2_MASK | RTE_PTYPE_L3_MASK | RTE_PTYPE_L4_MASK;

/* Parse m's headers into l2/l3/l4_len; the TX_IPV4/IPV6 flag, or 0 when not TCP/UDP over IP. */
inline uint64_t parse_l3l4(rte_mbuf *m, uint32_t &l4)
{
	rte_net_hdr_lens h;
	const uint32_t pt = rte_net_get_ptype(m, &h, kParseLayers);
	l4 = pt & RTE_PTYPE_L4_MASK;
	if (l4 != RTE_PTYPE_L4_TCP && l4 != RTE_PTYPE_L4_UDP)
		return 0;
	m->l2_len = h.l2_len;
	m->l3_len = h.l3_len;
	m->l4_len = h.l4_len;
	return RTE_ETH_IS_IPV4_HDR(pt) ? RTE_MBUF_F_TX_IPV4 : RTE_MBUF_F_TX_IPV6;
}

/* A partial UDP frame: does its own field hold the pseudo-header sum (the
 * kernel's csum_start was this UDP header, not a tunnel's inner one)? Both
 * sums are folded; 0 and 0xffff are the same one's-complement zero. */
inline bool udp_sum_is_outer(const rte_mbuf *m, uint64_t ip)
{
	if (m->data_len < m->l2_len + m->l3_len + sizeof(rte_udp_hdr))
		return false;
	const uint8_t *l3 = rte_pktmbuf_mtod_offset(m, const uint8_t *, m->l2_len);
	const auto *udp = reinterpret_cast<const rte_udp_hdr *>(l3 + m->l3_len);
	const uint16_t phdr = ip == RTE_MBUF_F_TX_IPV4 ? rte_ipv4_phdr_cksum(reinterpret_cast<const rte_ipv4_hdr *>(l3), 0)
						       : rte_ipv6_phdr_cksum(reinterpret_cast<const rte_ipv6_hdr *>(l3), 0);
	constexpr uint16_t kOnesZero = 0xffff;
	const auto norm = [](uint16_t v) { return v == kOnesZero ? 0 : v; };
	return norm(udp->dgram_cksum) == norm(phdr);
}

} // namespace detail

/*
 * NIC -> kernel (to_kernel_csum only): a TCP frame whose sum the NIC found
 * GOOD gets TX_TCP_CKSUM and its header lengths, so the kernel-side port
 * marks it (virtio: NEEDS_CSUM, after its tx_prepare). Anything else (BAD,
 * UNKNOWN, not TCP) is left unmarked: the kernel checks it itself. UDP too:
 * a datagram may carry a tunnel (VXLAN, Geneve) whose inner sums the NIC
 * never checked, and the kernel would trust them along with the outer one
 * (CHECKSUM_PARTIAL vouches for the whole frame).
 * Returns true when m was marked (it then needs the port's tx_prepare).
 */
inline bool mark_to_kernel(rte_mbuf *m)
{
	if ((m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) != RTE_MBUF_F_RX_L4_CKSUM_GOOD)
		return false;
	uint32_t l4 = 0;
	const uint64_t ip = detail::parse_l3l4(m, l4);
	if (ip == 0 || l4 != RTE_PTYPE_L4_TCP)
		return false;
	m->ol_flags |= ip | RTE_MBUF_F_TX_TCP_CKSUM;
	return true;
}

/* What mark_to_nic made of a frame. */
enum class NicMark : uint8_t {
	Finished,   /* a finished frame: sent as it is */
	Marked,     /* tx flags set: needs the NIC's tx_prepare */
	Unfinished, /* a partial sum tg-fwd cannot place (not TCP/UDP over IP): drop and count */
};

/*
 * Kernel -> NIC: a super-frame (RX_LRO, tso_segsz from the virtio-net header)
 * becomes TX_TCP_SEG (+ IP_CKSUM on IPv4: every segment's header is new); a
 * frame whose L4 field holds only the pseudo-header sum (RX_L4_CKSUM_NONE)
 * becomes TX_TCP/UDP_CKSUM. A finished frame is left alone. A UDP frame
 * whose partial sum is not its own (a tunnel's inner header: the virtio PMD
 * keeps no csum_start) cannot be finished here: Unfinished.
 */
inline NicMark mark_to_nic(rte_mbuf *m)
{
	const uint64_t ol = m->ol_flags;
	const bool lro = (ol & RTE_MBUF_F_RX_LRO) != 0 && m->tso_segsz != 0;
	if (!lro && (ol & RTE_MBUF_F_RX_L4_CKSUM_MASK) != RTE_MBUF_F_RX_L4_CKSUM_NONE)
		return NicMark::Finished;
	uint32_t l4 = 0;
	const uint64_t ip = detail::parse_l3l4(m, l4);
	if (ip == 0 || (lro && l4 != RTE_PTYPE_L4_TCP))
		return NicMark::Unfinished;
	if (lro)
		m->ol_flags |= ip | RTE_MBUF_F_TX_TCP_SEG | (ip == RTE_MBUF_F_TX_IPV4 ? RTE_MBUF_F_TX_IP_CKSUM : 0);
	else if (l4 == RTE_PTYPE_L4_TCP)
		m->ol_flags |= ip | RTE_MBUF_F_TX_TCP_CKSUM;
	else if (detail::udp_sum_is_outer(m, ip))
		m->ol_flags |= ip | RTE_MBUF_F_TX_UDP_CKSUM;
	else
		return NicMark::Unfinished;
	return NicMark::Marked;
}

/* What tx_fallback made of a refused frame. */
enum class Fallback : uint8_t {
	None,    /* nothing to do: drop and count it */
	SwCsum,  /* flags gone (a partial L4 sum finished in software): send as it is */
	VlanOut, /* its in-band 802.1Q tag moved to TX_VLAN: prepare it again */
};

/*
 * A frame the destination's tx_prepare refused, made sendable if it can be.
 * To the kernel, the frame is whole (its sum intact: a refusing prepare
 * leaves it unchanged), so only its tx flags go. To the NIC, which neither
 * sums nor segments a frame with an in-band 802.1Q tag (a VLAN interface on
 * the kernel side): a super-frame has its tag moved out for the NIC to insert
 * (TX_VLAN, when vlan_insert: the plan configured it), once; any other frame
 * with a partial L4 sum has it finished in software (the field holds the
 * pseudo-header sum, so the sum from the L4 header on is the answer) and goes
 * without offloads. Anything else (a super-frame still refused, a frame
 * without tx flags) has no fallback: no software segmentation here.
 */
Fallback tx_fallback(rte_mbuf *m, bool vlan_insert);

} // namespace tg57xx::fwd

#endif
