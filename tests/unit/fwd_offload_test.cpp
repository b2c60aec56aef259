/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tg-fwd's offload translation (app/tg-fwd/offload.h): the plan from two
 * ports' capabilities, the per-frame marking in both directions and the
 * software fallback. Frames are built in plain memory (an rte_mbuf over a
 * static buffer): no EAL, no mempool.
 */
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <cstring>
#include <vector>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "offload.h"

namespace tg57xx::fwd {
namespace {

constexpr uint16_t kMss = 500;
constexpr uint16_t kPayload = 1200;
constexpr uint16_t kVlanId = 100;

/* One frame in one segment: Ethernet [802.1Q] IPv4|IPv6 TCP|UDP|ICMP, payload bytes 0, 1, 2, ... */
class Frame {
public:
	enum class L3 { V4, V6 };
	enum class L4 { Tcp, Udp, Icmp };

	Frame(L3 l3, L4 l4, bool vlan = false)
	{
		std::memset(&m_, 0, sizeof(m_));
		m_.buf_addr = buf_.data();
		m_.buf_len = static_cast<uint16_t>(buf_.size());
		m_.data_off = RTE_PKTMBUF_HEADROOM;
		m_.nb_segs = 1;
		m_.refcnt = 1;
		uint8_t *p = rte_pktmbuf_mtod(&m_, uint8_t *);
		auto *eth = reinterpret_cast<rte_ether_hdr *>(p);
		size_t off = sizeof(rte_ether_hdr);
		const uint16_t type = l3 == L3::V4 ? RTE_ETHER_TYPE_IPV4 : RTE_ETHER_TYPE_IPV6;
		if (vlan) {
			eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN);
			auto *vh = reinterpret_cast<rte_vlan_hdr *>(p + off);
			vh->vlan_tci = rte_cpu_to_be_16(kVlanId);
			vh->eth_proto = rte_cpu_to_be_16(type);
			off += sizeof(rte_vlan_hdr);
		} else {
			eth->ether_type = rte_cpu_to_be_16(type);
		}
		l3_ = p + off;
		const uint8_t proto = l4 == L4::Tcp ? IPPROTO_TCP : l4 == L4::Udp ? IPPROTO_UDP : IPPROTO_ICMP;
		const size_t l4_hdr = l4 == L4::Tcp ? sizeof(rte_tcp_hdr) : sizeof(rte_udp_hdr); /* ICMP: 8 too */
		const size_t l4_total = l4_hdr + kPayload;
		if (l3 == L3::V4) {
			auto *ip = reinterpret_cast<rte_ipv4_hdr *>(l3_);
			ip->version_ihl = RTE_IPV4_VHL_DEF;
			ip->total_length = rte_cpu_to_be_16(static_cast<uint16_t>(sizeof(*ip) + l4_total));
			ip->time_to_live = 64;
			ip->next_proto_id = proto;
			ip->src_addr = rte_cpu_to_be_32(RTE_IPV4(10, 77, 0, 1));
			ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 77, 0, 2));
			ip->hdr_checksum = rte_ipv4_cksum(ip);
			off += sizeof(*ip);
		} else {
			auto *ip6 = reinterpret_cast<rte_ipv6_hdr *>(l3_);
			ip6->vtc_flow = rte_cpu_to_be_32(6u << 28);
			ip6->payload_len = rte_cpu_to_be_16(static_cast<uint16_t>(l4_total));
			ip6->proto = proto;
			ip6->hop_limits = 64;
			ip6->src_addr[0] = ip6->dst_addr[0] = 0xfd;
			ip6->src_addr[15] = 1;
			ip6->dst_addr[15] = 2;
			off += sizeof(*ip6);
		}
		l4_ = p + off;
		if (l4 == L4::Tcp) {
			auto *tcp = reinterpret_cast<rte_tcp_hdr *>(l4_);
			tcp->src_port = rte_cpu_to_be_16(40000);
			tcp->dst_port = rte_cpu_to_be_16(5201);
			tcp->data_off = static_cast<uint8_t>((sizeof(rte_tcp_hdr) / 4) << 4);
			tcp->tcp_flags = RTE_TCP_ACK_FLAG;
			tcp->rx_win = rte_cpu_to_be_16(512);
		} else {
			auto *udp = reinterpret_cast<rte_udp_hdr *>(l4_);
			udp->src_port = rte_cpu_to_be_16(40000);
			udp->dst_port = rte_cpu_to_be_16(5201);
			udp->dgram_len = rte_cpu_to_be_16(static_cast<uint16_t>(l4_total));
		}
		for (size_t i = 0; i < kPayload; i++)
			l4_[l4_hdr + i] = static_cast<uint8_t>(i);
		m_.data_len = static_cast<uint16_t>(off + l4_total);
		m_.pkt_len = m_.data_len;
		v4_ = l3 == L3::V4;
		l4_len_ = l4_total;
		csum_ = l4_ + (l4 == L4::Tcp ? offsetof(rte_tcp_hdr, cksum) : offsetof(rte_udp_hdr, dgram_cksum));
	}

	rte_mbuf *mbuf() { return &m_; }
	uint16_t csum() const
	{
		uint16_t v;
		std::memcpy(&v, csum_, sizeof(v));
		return v;
	}
	void set_csum(uint16_t v) { std::memcpy(csum_, &v, sizeof(v)); }

	/* The L4 sum field as a full checksum, or as the pseudo-header sum only (a partial frame). */
	void finish()
	{
		set_csum(0);
		set_csum(v4_ ? rte_ipv4_udptcp_cksum(ip4(), l4_) : rte_ipv6_udptcp_cksum(ip6(), l4_));
	}
	void partial() { set_csum(v4_ ? rte_ipv4_phdr_cksum(ip4(), 0) : rte_ipv6_phdr_cksum(ip6(), 0)); }
	/* Pseudo-header + L4 header + payload, field included, sum to all ones. */
	bool valid() const
	{
		constexpr uint32_t kOnes = 0xffff, kShift = 16;
		uint32_t sum = (v4_ ? rte_ipv4_phdr_cksum(ip4(), 0) : rte_ipv6_phdr_cksum(ip6(), 0)) +
			       rte_raw_cksum(l4_, l4_len_);
		sum = (sum & kOnes) + (sum >> kShift);
		sum = (sum & kOnes) + (sum >> kShift);
		return sum == kOnes;
	}

private:
	const rte_ipv4_hdr *ip4() const { return reinterpret_cast<const rte_ipv4_hdr *>(l3_); }
	const rte_ipv6_hdr *ip6() const { return reinterpret_cast<const rte_ipv6_hdr *>(l3_); }

	alignas(RTE_CACHE_LINE_SIZE) std::array<uint8_t, RTE_PKTMBUF_HEADROOM + 2048> buf_{};
	rte_mbuf m_;
	uint8_t *l3_ = nullptr, *l4_ = nullptr;
	uint8_t *csum_ = nullptr;
	size_t l4_len_ = 0;
	bool v4_ = true;
};

constexpr uint64_t kTxL4 = RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG;

// ---------------------------------------------------------------- NIC -> kernel

TEST(FwdOffloadToKernel, GoodTcpV4IsMarkedWithItsHeaderLengths)
{
	Frame f(Frame::L3::V4, Frame::L4::Tcp);
	f.finish();
	f.mbuf()->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	EXPECT_TRUE(mark_to_kernel(f.mbuf()));
	EXPECT_EQ(f.mbuf()->ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6 | kTxL4),
		  RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM);
	EXPECT_EQ(f.mbuf()->l2_len, sizeof(rte_ether_hdr));
	EXPECT_EQ(f.mbuf()->l3_len, sizeof(rte_ipv4_hdr));
	EXPECT_EQ(f.mbuf()->l4_len, sizeof(rte_tcp_hdr));
	EXPECT_EQ(f.mbuf()->ol_flags & RTE_MBUF_F_TX_IP_CKSUM, 0u) << "the IPv4 header sum stays the sender's";
}

TEST(FwdOffloadToKernel, GoodTcpV6BehindAVlanTag)
{
	Frame f(Frame::L3::V6, Frame::L4::Tcp, true);
	f.finish();
	f.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	EXPECT_TRUE(mark_to_kernel(f.mbuf()));
	EXPECT_EQ(f.mbuf()->ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6 | kTxL4),
		  RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_TCP_CKSUM);
	EXPECT_EQ(f.mbuf()->l2_len, sizeof(rte_ether_hdr) + sizeof(rte_vlan_hdr));
	EXPECT_EQ(f.mbuf()->l3_len, sizeof(rte_ipv6_hdr));
	EXPECT_EQ(f.mbuf()->l4_len, sizeof(rte_tcp_hdr));
}

TEST(FwdOffloadToKernel, GoodUdpGoesUnmarkedForItsTunnelsSake)
{
	/* A VXLAN datagram's outer sum says nothing of the inner frame's: NEEDS_CSUM would
	 * make the kernel trust both. */
	Frame f(Frame::L3::V4, Frame::L4::Udp);
	f.finish();
	f.mbuf()->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	EXPECT_FALSE(mark_to_kernel(f.mbuf()));
	EXPECT_EQ(f.mbuf()->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK, 0u);
}

TEST(FwdOffloadToKernel, BadUnknownAndNonTcpUdpGoUnmarked)
{
	for (uint64_t verdict : std::initializer_list<uint64_t>{RTE_MBUF_F_RX_L4_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN,
								RTE_MBUF_F_RX_L4_CKSUM_NONE}) {
		Frame f(Frame::L3::V4, Frame::L4::Tcp);
		f.mbuf()->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_GOOD | verdict;
		const uint64_t before = f.mbuf()->ol_flags;
		EXPECT_FALSE(mark_to_kernel(f.mbuf())) << "verdict " << verdict;
		EXPECT_EQ(f.mbuf()->ol_flags, before) << "verdict " << verdict;
	}
	Frame icmp(Frame::L3::V4, Frame::L4::Icmp);
	icmp.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	EXPECT_FALSE(mark_to_kernel(icmp.mbuf()));
	EXPECT_EQ(icmp.mbuf()->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK, 0u);
}

// ---------------------------------------------------------------- kernel -> NIC

TEST(FwdOffloadToNic, PartialSumBecomesL4ChecksumOffload)
{
	Frame f(Frame::L3::V4, Frame::L4::Udp);
	f.partial();
	f.mbuf()->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN | RTE_MBUF_F_RX_L4_CKSUM_NONE;
	EXPECT_EQ(mark_to_nic(f.mbuf()), NicMark::Marked);
	EXPECT_EQ(f.mbuf()->ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | kTxL4),
		  RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_UDP_CKSUM);
	EXPECT_EQ(f.mbuf()->l2_len + f.mbuf()->l3_len, sizeof(rte_ether_hdr) + sizeof(rte_ipv4_hdr));
}

TEST(FwdOffloadToNic, UdpWhosePartialSumIsNotItsOwnIsUnfinished)
{
	/* The kernel's csum_start was an inner header (a tunnel): the outer field is no
	 * pseudo-header sum, and the NIC summing the outer datagram would not finish the inner. */
	for (auto l3 : {Frame::L3::V4, Frame::L3::V6}) {
		Frame f(l3, Frame::L4::Udp);
		f.finish();
		f.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_NONE;
		EXPECT_EQ(mark_to_nic(f.mbuf()), NicMark::Unfinished);
		Frame own(l3, Frame::L4::Udp);
		own.partial();
		own.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_NONE;
		EXPECT_EQ(mark_to_nic(own.mbuf()), NicMark::Marked);
	}
}

TEST(FwdOffloadToNic, SuperFrameBecomesTso)
{
	Frame v4(Frame::L3::V4, Frame::L4::Tcp);
	v4.mbuf()->ol_flags = RTE_MBUF_F_RX_LRO | RTE_MBUF_F_RX_L4_CKSUM_NONE;
	v4.mbuf()->tso_segsz = kMss;
	EXPECT_EQ(mark_to_nic(v4.mbuf()), NicMark::Marked);
	EXPECT_EQ(v4.mbuf()->ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | kTxL4),
		  RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_SEG);
	EXPECT_EQ(v4.mbuf()->tso_segsz, kMss);
	EXPECT_EQ(v4.mbuf()->l4_len, sizeof(rte_tcp_hdr));

	Frame v6(Frame::L3::V6, Frame::L4::Tcp);
	v6.mbuf()->ol_flags = RTE_MBUF_F_RX_LRO | RTE_MBUF_F_RX_L4_CKSUM_NONE;
	v6.mbuf()->tso_segsz = kMss;
	EXPECT_EQ(mark_to_nic(v6.mbuf()), NicMark::Marked);
	EXPECT_EQ(v6.mbuf()->ol_flags & (RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_IP_CKSUM | kTxL4),
		  RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_TCP_SEG) << "IPv6 has no header sum";
}

TEST(FwdOffloadToNic, FinishedFramesAreLeftAlone)
{
	for (uint64_t verdict : std::initializer_list<uint64_t>{RTE_MBUF_F_RX_L4_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN,
								RTE_MBUF_F_RX_L4_CKSUM_BAD}) {
		Frame f(Frame::L3::V4, Frame::L4::Tcp);
		f.mbuf()->ol_flags = verdict;
		f.mbuf()->tso_segsz = kMss; /* without RX_LRO: no super-frame */
		EXPECT_EQ(mark_to_nic(f.mbuf()), NicMark::Finished) << "verdict " << verdict;
		EXPECT_EQ(f.mbuf()->ol_flags, verdict);
	}
}

TEST(FwdOffloadToNic, PartialSumTgFwdCannotPlaceIsUnfinished)
{
	Frame icmp(Frame::L3::V4, Frame::L4::Icmp);
	icmp.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_NONE;
	EXPECT_EQ(mark_to_nic(icmp.mbuf()), NicMark::Unfinished);
	Frame udp_lro(Frame::L3::V4, Frame::L4::Udp);
	udp_lro.mbuf()->ol_flags = RTE_MBUF_F_RX_LRO | RTE_MBUF_F_RX_L4_CKSUM_NONE;
	udp_lro.mbuf()->tso_segsz = kMss;
	EXPECT_EQ(mark_to_nic(udp_lro.mbuf()), NicMark::Unfinished) << "a UDP super-frame: no TSO for it";
}

// ---------------------------------------------------------------- fallback

TEST(FwdOffloadFallback, FinishesAPartialSumInSoftware)
{
	for (auto l3 : {Frame::L3::V4, Frame::L3::V6})
		for (auto l4 : {Frame::L4::Tcp, Frame::L4::Udp}) {
			Frame f(l3, l4, true);
			f.partial();
			ASSERT_FALSE(f.valid());
			f.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_NONE;
			ASSERT_EQ(mark_to_nic(f.mbuf()), NicMark::Marked);
			EXPECT_EQ(tx_fallback(f.mbuf(), true), Fallback::SwCsum);
			EXPECT_TRUE(f.valid()) << "the sum software finished";
			EXPECT_EQ(f.mbuf()->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK, 0u);
		}
}

TEST(FwdOffloadFallback, ToKernelOnlyDropsTheFlags)
{
	Frame f(Frame::L3::V4, Frame::L4::Tcp);
	f.finish();
	const uint16_t sum = f.csum();
	f.mbuf()->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	ASSERT_TRUE(mark_to_kernel(f.mbuf()));
	EXPECT_EQ(tx_fallback(f.mbuf(), false), Fallback::SwCsum);
	EXPECT_EQ(f.csum(), sum);
	EXPECT_TRUE(f.valid());
	EXPECT_EQ(f.mbuf()->ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK, 0u);
}

TEST(FwdOffloadFallback, NoneForUntaggedSuperFramesOrUnflaggedFrames)
{
	Frame tso(Frame::L3::V4, Frame::L4::Tcp);
	tso.mbuf()->ol_flags = RTE_MBUF_F_RX_LRO | RTE_MBUF_F_RX_L4_CKSUM_NONE;
	tso.mbuf()->tso_segsz = kMss;
	ASSERT_EQ(mark_to_nic(tso.mbuf()), NicMark::Marked);
	EXPECT_EQ(tx_fallback(tso.mbuf(), true), Fallback::None);
	Frame plain(Frame::L3::V4, Frame::L4::Tcp);
	EXPECT_EQ(tx_fallback(plain.mbuf(), true), Fallback::None);
}

TEST(FwdOffloadFallback, TaggedSuperFrameHandsItsTagToTheNic)
{
	Frame f(Frame::L3::V6, Frame::L4::Tcp, true);
	rte_mbuf *m = f.mbuf();
	m->ol_flags = RTE_MBUF_F_RX_LRO | RTE_MBUF_F_RX_L4_CKSUM_NONE;
	m->tso_segsz = kMss;
	ASSERT_EQ(mark_to_nic(m), NicMark::Marked);
	ASSERT_EQ(m->l2_len, sizeof(rte_ether_hdr) + sizeof(rte_vlan_hdr));
	EXPECT_EQ(tx_fallback(m, false), Fallback::None) << "the NIC does not insert tags";
	const uint32_t len = m->pkt_len;
	EXPECT_EQ(tx_fallback(m, true), Fallback::VlanOut);
	EXPECT_EQ(m->l2_len, sizeof(rte_ether_hdr));
	EXPECT_EQ(m->pkt_len, len - sizeof(rte_vlan_hdr));
	EXPECT_EQ(m->vlan_tci, kVlanId);
	EXPECT_EQ(m->ol_flags & (RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV6),
		  RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IPV6);
	EXPECT_EQ(rte_be_to_cpu_16(rte_pktmbuf_mtod(m, rte_ether_hdr *)->ether_type), RTE_ETHER_TYPE_IPV6);
	EXPECT_EQ(tx_fallback(m, true), Fallback::None) << "once only";
}

// ---------------------------------------------------------------- plan

rte_eth_dev_info caps(uint64_t rx, uint64_t tx)
{
	rte_eth_dev_info i{};
	i.rx_offload_capa = rx;
	i.tx_offload_capa = tx;
	return i;
}

const rte_eth_dev_info kNic = caps(RTE_ETH_RX_OFFLOAD_CHECKSUM, RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | kTxL4Csum |
								       RTE_ETH_TX_OFFLOAD_TCP_TSO |
								       RTE_ETH_TX_OFFLOAD_VLAN_INSERT);
const rte_eth_dev_info kVirtio = caps(kRxL4Csum | RTE_ETH_RX_OFFLOAD_TCP_LRO, kTxL4Csum | RTE_ETH_TX_OFFLOAD_TCP_TSO);

TEST(FwdOffloadPlan, VirtioWithEverythingCarriesEverything)
{
	const OffloadPlan p = plan_offloads(true, true, kNic, kVirtio);
	EXPECT_TRUE(p.to_kernel_csum);
	EXPECT_TRUE(p.to_nic_csum);
	EXPECT_TRUE(p.to_nic_tso);
	EXPECT_EQ(p.nic_rx, kRxL4Csum);
	EXPECT_EQ(p.kif_tx, kTxL4Csum);
	EXPECT_EQ(p.kif_rx, kRxL4Csum | RTE_ETH_RX_OFFLOAD_TCP_LRO);
	EXPECT_EQ(p.nic_tx, kTxL4Csum | RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM |
				    RTE_ETH_TX_OFFLOAD_VLAN_INSERT);
	EXPECT_TRUE(p.nic_vlan_insert);
	EXPECT_EQ(describe(p), "to kernel: csum; to NIC: csum tso");
}

TEST(FwdOffloadPlan, OnlyWhatBothSidesHave)
{
	/* A NIC without TSO (a chip without HW_TSO_3): no GUEST_TSO asked of virtio. */
	const OffloadPlan no_tso = plan_offloads(
		true, true, caps(RTE_ETH_RX_OFFLOAD_CHECKSUM, RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | kTxL4Csum), kVirtio);
	EXPECT_TRUE(no_tso.to_nic_csum);
	EXPECT_FALSE(no_tso.to_nic_tso);
	EXPECT_EQ(no_tso.kif_rx & RTE_ETH_RX_OFFLOAD_TCP_LRO, 0u);
	EXPECT_FALSE(no_tso.nic_vlan_insert) << "only super-frames need the NIC's tag insertion";
	EXPECT_EQ(describe(no_tso), "to kernel: csum; to NIC: csum");
	/* A vhost back end without GUEST_CSUM: only the NIC's verdict travels. */
	const OffloadPlan tx_only = plan_offloads(true, true, kNic, caps(0, kTxL4Csum));
	EXPECT_TRUE(tx_only.to_kernel_csum);
	EXPECT_FALSE(tx_only.to_nic_csum);
	EXPECT_EQ(tx_only.kif_rx | tx_only.nic_tx, 0u);
	/* Nothing in common. */
	const OffloadPlan none = plan_offloads(true, true, kNic, caps(0, 0));
	EXPECT_EQ(none.nic_rx | none.nic_tx | none.kif_rx | none.kif_tx, 0u);
	EXPECT_NE(describe(none).find("none"), std::string::npos);
}

TEST(FwdOffloadPlan, TapAndNoOffloadTurnNothingOn)
{
	for (const OffloadPlan &p : {plan_offloads(true, false, kNic, kVirtio), plan_offloads(false, true, kNic, kVirtio)}) {
		EXPECT_FALSE(p.to_kernel_csum || p.to_nic_csum || p.to_nic_tso);
		EXPECT_EQ(p.nic_rx | p.nic_tx | p.kif_rx | p.kif_tx, 0u);
	}
	EXPECT_EQ(describe(plan_offloads(false, true, kNic, kVirtio)), "none (--no-offload)");
	EXPECT_NE(describe(plan_offloads(true, false, kNic, kVirtio)).find("net_tap"), std::string::npos);
}

} // namespace
} // namespace tg57xx::fwd
