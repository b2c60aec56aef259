/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checksum and VLAN offloads (ref §10.1-§10.3) on the chip model through
 * rte_eth_* only, two ports on one cable, both personalities: receive
 * checksum results in ol_flags (good, bad, unknown), checksums the sending
 * chip fills in (checked here with this file's own RFC 1071 sums), runt
 * padding, VLAN strip switched at run time, VLAN insert, and every offload
 * the chip cannot do refused with a negative errno (configure,
 * vlan_offload_set) or rte_errno (tx_prepare), nothing leaked.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "pmd_env.h"

using namespace tg57xx::test;

namespace {

constexpr unsigned kPoolMbufs = 4096;
const char *const kMacA = "02:00:00:00:0a:03";
const char *const kMacB = "02:00:00:00:0b:03";
constexpr uint16_t kEthHdr = 14, kVlanHdr = 4, kIp4Hdr = 20, kIp6Hdr = 40, kTcpHdr = 20, kUdpHdr = 8;
constexpr uint8_t kTcp = 6, kUdp = 17;
constexpr uint16_t kTci = 0x2005;
constexpr uint64_t kRxCsum = RTE_MBUF_F_RX_IP_CKSUM_MASK | RTE_MBUF_F_RX_L4_CKSUM_MASK;

/* Each test gets a pool, and must give every mbuf back. */
class OffloadBoth : public PerChip {
protected:
	void SetUp() override
	{
		mp = make_pool(kPoolMbufs);
		ASSERT_NE(mp, nullptr);
	}
	void TearDown() override
	{
		EXPECT_EQ(rte_mempool_in_use_count(mp), 0u) << "mbufs leaked";
		rte_mempool_free(mp);
	}
	rte_mempool *mp = nullptr;
};

rte_ether_addr mac(const char *s) { return ether_addr(s); }

void put16(uint8_t *p, uint16_t v)
{
	p[0] = static_cast<uint8_t>(v >> 8);
	p[1] = static_cast<uint8_t>(v);
}
uint16_t get16(const uint8_t *p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }

/* RFC 1071, one big-endian word at a time (not the PMD's or the model's code). */
uint32_t add_words(const uint8_t *p, size_t n, uint32_t acc = 0)
{
	for (size_t i = 0; i < n; i += 2)
		acc += uint32_t{p[i]} << 8 | (i + 1 < n ? p[i + 1] : 0);
	return acc;
}
uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xFFFF) + (acc >> 16);
	return static_cast<uint16_t>(acc);
}

/* A test frame: Ethernet [802.1Q] IPv4|IPv6 TCP|UDP with a patterned payload. */
struct Spec {
	bool v6 = false;
	uint8_t proto = kTcp;
	uint32_t payload = 100;
	bool tagged = false;
	uint32_t seed = 1;
};

struct Frame {
	std::vector<uint8_t> b;
	uint16_t l2 = kEthHdr, l3 = kIp4Hdr;
	bool v6 = false;
	uint8_t proto = kTcp;
	uint8_t *ip() { return b.data() + l2; }
	uint8_t *l4() { return b.data() + l2 + l3; }
	uint32_t l4_len() const { return static_cast<uint32_t>(b.size()) - l2 - l3; }
	uint16_t csum_off() const { return l2 + l3 + (proto == kTcp ? 16 : 6); }
};

/* Pseudo-header + L4 sum as a receiver computes it (0xFFFF = good). */
uint16_t l4_sum(Frame &f)
{
	uint32_t acc = f.v6 ? add_words(f.ip() + 8, 32) : add_words(f.ip() + 12, 8);
	acc += f.proto + f.l4_len();
	return fold(add_words(f.l4(), f.l4_len(), acc));
}
uint16_t ip_sum(Frame &f) { return fold(add_words(f.ip(), f.l3)); }

/* Correct checksums everywhere. */
void fix(Frame &f)
{
	if (!f.v6) {
		put16(f.ip() + 10, 0);
		put16(f.ip() + 10, static_cast<uint16_t>(~ip_sum(f)));
	}
	put16(f.b.data() + f.csum_off(), 0);
	put16(f.b.data() + f.csum_off(), static_cast<uint16_t>(~l4_sum(f)));
}

Frame build(const Spec &s)
{
	Frame f;
	f.v6 = s.v6;
	f.proto = s.proto;
	f.l2 = s.tagged ? kEthHdr + kVlanHdr : kEthHdr;
	f.l3 = s.v6 ? kIp6Hdr : kIp4Hdr;
	const uint16_t l4h = s.proto == kTcp ? kTcpHdr : kUdpHdr;
	f.b.assign(f.l2 + f.l3 + l4h + s.payload, 0);
	uint8_t *p = f.b.data();
	std::memcpy(p, mac(kMacB).addr_bytes, 6);
	std::memcpy(p + 6, mac(kMacA).addr_bytes, 6);
	if (s.tagged) {
		put16(p + 12, RTE_ETHER_TYPE_VLAN);
		put16(p + 14, kTci);
	}
	put16(p + f.l2 - 2, s.v6 ? RTE_ETHER_TYPE_IPV6 : RTE_ETHER_TYPE_IPV4);
	uint8_t *ip = f.ip();
	if (s.v6) {
		ip[0] = 0x60;
		put16(ip + 4, static_cast<uint16_t>(f.l4_len()));
		ip[6] = s.proto;
		ip[7] = 64;
		ip[8] = 0xFD;
		ip[23] = 1;
		ip[24] = 0xFD;
		ip[39] = 2;
	} else {
		ip[0] = 0x45;
		put16(ip + 2, static_cast<uint16_t>(f.l3 + f.l4_len()));
		put16(ip + 4, static_cast<uint16_t>(s.seed));
		ip[8] = 64;
		ip[9] = s.proto;
		const uint8_t addrs[8] = {10, 0, 0, 1, 10, 0, 0, 2};
		std::memcpy(ip + 12, addrs, 8);
	}
	uint8_t *l4 = f.l4();
	put16(l4, static_cast<uint16_t>(1000 + s.seed));
	put16(l4 + 2, 80);
	if (s.proto == kTcp) {
		l4[12] = 5 << 4;
		l4[13] = 0x10; /* ACK */
		put16(l4 + 14, 0xFFFF);
	} else {
		put16(l4 + 4, static_cast<uint16_t>(f.l4_len()));
	}
	for (uint32_t i = 0; i < s.payload; i++)
		l4[l4h + i] = static_cast<uint8_t>(s.seed * 31 + i);
	fix(f);
	return f;
}

/* Parse what arrived back into a Frame (as sent: tag per `tagged`). */
Frame parse(const std::vector<uint8_t> &b, bool v6, uint8_t proto, bool tagged)
{
	Frame f;
	f.b = b;
	f.v6 = v6;
	f.proto = proto;
	f.l2 = tagged ? kEthHdr + kVlanHdr : kEthHdr;
	f.l3 = v6 ? kIp6Hdr : kIp4Hdr;
	/* Drop Ethernet padding: the IP length says where the datagram ends. */
	const uint32_t dgram = v6 ? kIp6Hdr + get16(f.ip() + 4) : get16(f.ip() + 2);
	f.b.resize(f.l2 + dgram);
	return f;
}

rte_mbuf *mbuf_of(rte_mempool *mp, const std::vector<uint8_t> &b)
{
	rte_mbuf *m = to_mbuf(mp, b);
	EXPECT_NE(m, nullptr);
	return m;
}

/* Receive exactly n mbufs on queue 0 (or fewer after 3 s); the caller frees them. */
std::vector<rte_mbuf *> recv_mbufs(uint16_t port, size_t n)
{
	std::vector<rte_mbuf *> got;
	wait_for([&] {
		rte_mbuf *b[32];
		uint16_t k = rte_eth_rx_burst(port, 0, b, 32);
		got.insert(got.end(), b, b + k);
		return got.size() >= n;
	});
	return got;
}

void free_all(std::vector<rte_mbuf *> &v)
{
	for (rte_mbuf *m : v)
		rte_pktmbuf_free(m);
	v.clear();
}

/* prepare + send every mbuf; true if all were taken. */
bool prep_and_send(uint16_t port, std::vector<rte_mbuf *> ms)
{
	const uint16_t n = static_cast<uint16_t>(ms.size());
	const uint16_t prepped = rte_eth_tx_prepare(port, 0, ms.data(), n);
	EXPECT_EQ(prepped, n) << "tx_prepare refused mbuf " << prepped << ": " << rte_strerror(rte_errno);
	uint16_t sent = 0;
	wait_for([&] {
		sent += rte_eth_tx_burst(port, 0, ms.data() + sent, static_cast<uint16_t>(prepped - sent));
		return sent == prepped;
	});
	for (uint16_t i = sent; i < n; i++)
		rte_pktmbuf_free(ms[i]);
	return sent == n;
}

rte_eth_conf conf_with(uint64_t rx, uint64_t tx)
{
	rte_eth_conf c{};
	c.rxmode.offloads = rx;
	c.txmode.offloads = tx;
	return c;
}

/* Start a (sending, Tx offloads `tx`) and b (receiving, Rx offloads `rx`). */
void start_pair(SimPair &pair, rte_mempool *mp, uint64_t tx, uint64_t rx)
{
	ASSERT_TRUE(pair.ok());
	rte_eth_conf ca = conf_with(0, tx), cb = conf_with(rx, 0);
	ASSERT_EQ(pair.a.start(mp, 256, 256, &ca), 0);
	ASSERT_EQ(pair.b.start(mp, 256, 256, &cb), 0);
}

void tso(rte_mbuf *m, uint16_t mss, uint16_t l4_len)
{
	m->tso_segsz = mss;
	m->l4_len = l4_len;
}

/* Frame bytes as `n` chained mbufs of at most `chunk` bytes (the first holds `first`). */
rte_mbuf *chain_of(rte_mempool *mp, const std::vector<uint8_t> &b, uint32_t first, uint32_t chunk)
{
	rte_mbuf *head = nullptr;
	for (uint32_t off = 0; off < b.size();) {
		const uint32_t n = std::min<uint32_t>(off == 0 ? first : chunk, static_cast<uint32_t>(b.size()) - off);
		rte_mbuf *m = mbuf_of(mp, std::vector<uint8_t>(b.begin() + off, b.begin() + off + n));
		if (head == nullptr)
			head = m;
		else
			EXPECT_EQ(rte_pktmbuf_chain(head, m), 0);
		off += n;
	}
	return head;
}

uint64_t ip_flags(const rte_mbuf *m) { return m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK; }
uint64_t l4_flags(const rte_mbuf *m) { return m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK; }

} // namespace

TEST_P(OffloadBoth, CapabilitiesAreAdvertised)
{
	SimPort p("net_tg57xx_sim_olcapa", chip());
	ASSERT_TRUE(p.ok());
	rte_eth_dev_info info{};
	ASSERT_EQ(rte_eth_dev_info_get(p.port(), &info), 0);
	EXPECT_EQ(info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_CHECKSUM, RTE_ETH_RX_OFFLOAD_CHECKSUM);
	EXPECT_TRUE(info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_VLAN_STRIP);
	EXPECT_FALSE(info.rx_offload_capa & (RTE_ETH_RX_OFFLOAD_QINQ_STRIP | RTE_ETH_RX_OFFLOAD_VLAN_EXTEND));
	const uint64_t tx = RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_CKSUM |
			    RTE_ETH_TX_OFFLOAD_UDP_CKSUM | RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
	EXPECT_EQ(info.tx_offload_capa & tx, tx);
	EXPECT_FALSE(info.tx_offload_capa & (RTE_ETH_TX_OFFLOAD_QINQ_INSERT | RTE_ETH_TX_OFFLOAD_SCTP_CKSUM));
}

TEST_P(OffloadBoth, ReceivedChecksumsAreFlaggedAsTheChipFoundThem)
{
	{
		SimPair pair("olrx", chip(), kMacA, kMacB);
		ASSERT_NO_FATAL_FAILURE(start_pair(pair, mp, 0, RTE_ETH_RX_OFFLOAD_CHECKSUM));

		struct Case {
			const char *what;
			std::vector<uint8_t> frame;
			uint64_t ip, l4;
		};
		std::vector<Case> cases;
		cases.push_back({"good TCP/IPv4", build({}).b, RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_GOOD});
		cases.push_back({"good UDP/IPv4", build({.proto = kUdp, .seed = 2}).b, RTE_MBUF_F_RX_IP_CKSUM_GOOD,
				 RTE_MBUF_F_RX_L4_CKSUM_GOOD});
		Frame f = build({.seed = 3});
		f.ip()[10] ^= 0x40; /* IP header checksum off by one bit */
		cases.push_back({"bad IPv4 header", f.b, RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_GOOD});
		f = build({.seed = 4});
		f.b.back() ^= 0x01; /* payload changed after the sum */
		cases.push_back({"bad TCP", f.b, RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_BAD});
		f = build({.proto = kUdp, .seed = 5});
		f.b[f.csum_off()] ^= 0x80;
		cases.push_back({"bad UDP", f.b, RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_BAD});
		f = build({.proto = kUdp, .seed = 6});
		put16(f.b.data() + f.csum_off(), 0); /* RFC 768: no checksum */
		cases.push_back({"UDP without checksum", f.b, RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN});
		cases.push_back({"good TCP/IPv6", build({.v6 = true, .seed = 7}).b, RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN,
				 RTE_MBUF_F_RX_L4_CKSUM_GOOD});
		f = build({.v6 = true, .proto = kUdp, .seed = 8});
		f.b.back() ^= 0x10;
		cases.push_back({"bad UDP/IPv6", f.b, RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN, RTE_MBUF_F_RX_L4_CKSUM_BAD});
		f = build({.seed = 9});
		put16(f.ip() + 6, 0x2000); /* more fragments: no L4 check */
		fix(f);
		cases.push_back({"IPv4 fragment", f.b, RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN});
		cases.push_back({"not IP", make_frame(mac(kMacB), mac(kMacA), 80, 10), RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN,
				 RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN});
		f = build({.tagged = true, .seed = 11}); /* checked through the kept tag (ref §10.1) */
		cases.push_back({"tagged TCP/IPv4", f.b, RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_GOOD});

		std::vector<std::vector<uint8_t>> frames;
		for (const Case &k : cases)
			frames.push_back(k.frame);
		ASSERT_EQ(send_all(pair.a.port(), mp, frames), frames.size());
		std::vector<rte_mbuf *> got = recv_mbufs(pair.b.port(), cases.size());
		ASSERT_EQ(got.size(), cases.size());
		for (size_t i = 0; i < cases.size(); i++) {
			SCOPED_TRACE(cases[i].what);
			EXPECT_EQ(from_mbuf(got[i]), cases[i].frame);
			EXPECT_EQ(ip_flags(got[i]), cases[i].ip);
			EXPECT_EQ(l4_flags(got[i]), cases[i].l4);
			EXPECT_FALSE(got[i]->ol_flags & (RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED));
		}
		free_all(got);
	}
}

TEST_P(OffloadBoth, TheChipFillsTheChecksumsTxPrepareSeeds)
{
	{
		SimPair pair("oltx", chip(), kMacA, kMacB);
		ASSERT_NO_FATAL_FAILURE(start_pair(pair, mp,
			   RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM |
				   RTE_ETH_TX_OFFLOAD_MULTI_SEGS,
			   RTE_ETH_RX_OFFLOAD_CHECKSUM));

		struct Case {
			const char *what;
			Spec spec;
			uint64_t flags;
			uint32_t split; /* first segment's length, 0 = one segment */
		};
		const uint64_t tcp4 = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM;
		const uint64_t udp4 = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_UDP_CKSUM;
		const std::vector<Case> cases = {
			{"TCP/IPv4", {.payload = 1000, .seed = 1}, tcp4, 0},
			{"UDP/IPv4", {.proto = kUdp, .payload = 333, .seed = 2}, udp4, 0},
			{"TCP/IPv6", {.v6 = true, .payload = 500, .seed = 3}, RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_TCP_CKSUM, 0},
			{"UDP/IPv6", {.v6 = true, .proto = kUdp, .payload = 77, .seed = 4},
			 RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_UDP_CKSUM, 0},
			{"IPv4 header only", {.proto = kUdp, .payload = 50, .seed = 5},
			 RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM, 0},
			{"TCP/IPv4 in two segments", {.payload = 1200, .seed = 6}, tcp4, kEthHdr + kIp4Hdr + kTcpHdr},
			/* 14 + 20 + 8 + 4 = 46 bytes: padded to 60 (ref §15) or the chip spoils the sum. */
			{"UDP/IPv4 runt", {.proto = kUdp, .payload = 4, .seed = 7}, udp4, 0},
		};
		std::vector<rte_mbuf *> ms;
		for (const Case &k : cases) {
			Frame f = build(k.spec);
			/* Garbage in both sums: tx_prepare and the chip must rewrite them. */
			if (k.flags & RTE_MBUF_F_TX_L4_MASK)
				put16(f.b.data() + f.csum_off(), 0xBAD0);
			if (!k.spec.v6 && (k.flags & RTE_MBUF_F_TX_IP_CKSUM))
				put16(f.ip() + 10, 0x0BAD);
			rte_mbuf *m;
			if (k.split != 0) {
				m = mbuf_of(mp, std::vector<uint8_t>(f.b.begin(), f.b.begin() + k.split));
				rte_mbuf *t = mbuf_of(mp, std::vector<uint8_t>(f.b.begin() + k.split, f.b.end()));
				ASSERT_EQ(rte_pktmbuf_chain(m, t), 0);
			} else {
				m = mbuf_of(mp, f.b);
			}
			m->ol_flags = k.flags;
			m->l2_len = kEthHdr;
			m->l3_len = k.spec.v6 ? kIp6Hdr : kIp4Hdr;
			ms.push_back(m);
		}
		ASSERT_TRUE(prep_and_send(pair.a.port(), ms));
		std::vector<rte_mbuf *> got = recv_mbufs(pair.b.port(), cases.size());
		ASSERT_EQ(got.size(), cases.size());
		for (size_t i = 0; i < cases.size(); i++) {
			const Case &k = cases[i];
			SCOPED_TRACE(k.what);
			const std::vector<uint8_t> wire = from_mbuf(got[i]);
			Frame f = parse(wire, k.spec.v6, k.spec.proto, false);
			Frame want = build(k.spec);
			EXPECT_EQ(f.b, want.b) << "the frame with its correct sums";
			EXPECT_TRUE(k.spec.v6 || ip_sum(f) == 0xFFFF) << "IPv4 header sum";
			EXPECT_TRUE(!(k.flags & RTE_MBUF_F_TX_L4_MASK) || l4_sum(f) == 0xFFFF) << "L4 sum";
			EXPECT_EQ(l4_flags(got[i]), RTE_MBUF_F_RX_L4_CKSUM_GOOD);
			/* A runt's padding: zeros. */
			EXPECT_EQ(std::vector<uint8_t>(wire.begin() + f.b.size(), wire.end()),
				  std::vector<uint8_t>(wire.size() - f.b.size(), 0));
		}
		EXPECT_EQ(from_mbuf(got.back()).size(), 60u) << "the runt went out padded";
		free_all(got);
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(pair.a.port(), &st), 0);
		EXPECT_EQ(st.oerrors, 0u);
	}
}

TEST_P(OffloadBoth, VlanStripFollowsTheOffloadSwitchAndInsertTagsTheWire)
{
	{
		SimPair pair("olvlan", chip(), kMacA, kMacB);
		ASSERT_NO_FATAL_FAILURE(start_pair(pair, mp,
			   RTE_ETH_TX_OFFLOAD_VLAN_INSERT | RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_MULTI_SEGS,
			   RTE_ETH_RX_OFFLOAD_CHECKSUM));
		const uint16_t a = pair.a.port(), b = pair.b.port();
		const Frame tagged = build({.tagged = true, .seed = 1});
		const Frame plain = build({.seed = 1});

		/* Strip off (the default): the tag stays in the frame (RX_MODE_KEEP_VLAN_TAG). */
		EXPECT_EQ(rte_eth_dev_get_vlan_offload(b) & RTE_ETH_VLAN_STRIP_OFFLOAD, 0);
		ASSERT_EQ(send_all(a, mp, {tagged.b}), 1u);
		std::vector<rte_mbuf *> got = recv_mbufs(b, 1);
		ASSERT_EQ(got.size(), 1u);
		EXPECT_EQ(from_mbuf(got[0]), tagged.b);
		EXPECT_FALSE(got[0]->ol_flags & (RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED));
		free_all(got);

		/* Strip on at run time: the tag moves to vlan_tci. */
		ASSERT_EQ(rte_eth_dev_set_vlan_offload(b, RTE_ETH_VLAN_STRIP_OFFLOAD), 0);
		EXPECT_TRUE(rte_eth_dev_get_vlan_offload(b) & RTE_ETH_VLAN_STRIP_OFFLOAD);
		ASSERT_EQ(send_all(a, mp, {tagged.b, plain.b}), 2u);
		got = recv_mbufs(b, 2);
		ASSERT_EQ(got.size(), 2u);
		EXPECT_EQ(from_mbuf(got[0]), plain.b);
		EXPECT_EQ(got[0]->ol_flags & (RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED),
			  RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED);
		EXPECT_EQ(got[0]->vlan_tci, kTci);
		EXPECT_EQ(l4_flags(got[0]), RTE_MBUF_F_RX_L4_CKSUM_GOOD);
		EXPECT_EQ(from_mbuf(got[1]), plain.b);
		EXPECT_FALSE(got[1]->ol_flags & RTE_MBUF_F_RX_VLAN) << "an untagged frame has no tag to report";
		free_all(got);

		/* Insert: one segment and two, with the TCP sum filled beside it. */
		std::vector<rte_mbuf *> ms;
		for (uint32_t split : {0u, 40u}) {
			Frame f = build({.payload = 300, .seed = 2});
			put16(f.b.data() + f.csum_off(), 0);
			rte_mbuf *m;
			if (split != 0) {
				m = mbuf_of(mp, std::vector<uint8_t>(f.b.begin(), f.b.begin() + split + kEthHdr + kIp4Hdr));
				rte_mbuf *t = mbuf_of(mp, std::vector<uint8_t>(f.b.begin() + split + kEthHdr + kIp4Hdr,
									  f.b.end()));
				ASSERT_EQ(rte_pktmbuf_chain(m, t), 0);
			} else {
				m = mbuf_of(mp, f.b);
			}
			m->ol_flags = RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM;
			m->vlan_tci = kTci;
			m->l2_len = kEthHdr;
			m->l3_len = kIp4Hdr;
			ms.push_back(m);
		}
		/* Strip off again: the inserted tag is seen on the wire. */
		ASSERT_EQ(rte_eth_dev_set_vlan_offload(b, 0), 0);
		ASSERT_TRUE(prep_and_send(a, ms));
		got = recv_mbufs(b, 2);
		ASSERT_EQ(got.size(), 2u);
		const Frame want = build({.payload = 300, .tagged = true, .seed = 2});
		for (rte_mbuf *m : got) {
			EXPECT_EQ(from_mbuf(m), want.b);
			EXPECT_FALSE(m->ol_flags & RTE_MBUF_F_RX_VLAN);
			EXPECT_EQ(l4_flags(m), RTE_MBUF_F_RX_L4_CKSUM_GOOD);
		}
		free_all(got);
	}
}

TEST_P(OffloadBoth, StripConfiguredAtStartAndSeenOnEveryQueueFrame)
{
	{
		SimPair pair("olvs", chip(), kMacA, kMacB);
		ASSERT_NO_FATAL_FAILURE(start_pair(pair, mp, 0, RTE_ETH_RX_OFFLOAD_VLAN_STRIP));
		std::vector<std::vector<uint8_t>> frames;
		for (uint32_t i = 0; i < 50; i++)
			frames.push_back(build({.payload = 60 + 20 * i, .tagged = true, .seed = i}).b);
		ASSERT_EQ(send_all(pair.a.port(), mp, frames), frames.size());
		std::vector<rte_mbuf *> got = recv_mbufs(pair.b.port(), frames.size());
		ASSERT_EQ(got.size(), frames.size());
		for (uint32_t i = 0; i < got.size(); i++) {
			EXPECT_EQ(from_mbuf(got[i]), build({.payload = 60 + 20 * i, .seed = i}).b) << i;
			EXPECT_TRUE(got[i]->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED) << i;
			EXPECT_EQ(got[i]->vlan_tci, kTci) << i;
		}
		free_all(got);
	}
}

TEST_P(OffloadBoth, QinqAndWhatTheChipCannotDoAreRefused)
{
	{
		SimPort p("net_tg57xx_sim_olbad", chip() + ",wire=loop");
		ASSERT_TRUE(p.ok());
		const uint16_t port = p.port();
		for (uint64_t rx : {RTE_ETH_RX_OFFLOAD_QINQ_STRIP, RTE_ETH_RX_OFFLOAD_VLAN_EXTEND,
				    RTE_ETH_RX_OFFLOAD_VLAN_FILTER}) {
			rte_eth_conf c = conf_with(rx, 0);
			EXPECT_EQ(rte_eth_dev_configure(port, 1, 1, &c), -EINVAL) << std::hex << rx;
		}
		for (uint64_t tx : {RTE_ETH_TX_OFFLOAD_QINQ_INSERT, RTE_ETH_TX_OFFLOAD_SCTP_CKSUM}) {
			rte_eth_conf c = conf_with(0, tx);
			EXPECT_EQ(rte_eth_dev_configure(port, 1, 1, &c), -EINVAL) << std::hex << tx;
		}
		const uint64_t tx = RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_CKSUM |
				    RTE_ETH_TX_OFFLOAD_UDP_CKSUM | RTE_ETH_TX_OFFLOAD_VLAN_INSERT |
				    RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
		rte_eth_conf c = conf_with(RTE_ETH_RX_OFFLOAD_CHECKSUM, tx);
		ASSERT_EQ(p.start(mp, 256, 256, &c), 0) << "the refusals left the port usable";
		EXPECT_LT(rte_eth_dev_set_vlan_offload(port, RTE_ETH_QINQ_STRIP_OFFLOAD), 0);
		EXPECT_LT(rte_eth_dev_set_vlan_offload(port, RTE_ETH_VLAN_EXTEND_OFFLOAD), 0);
		EXPECT_EQ(rte_eth_dev_get_vlan_offload(port) & (RTE_ETH_QINQ_STRIP_OFFLOAD | RTE_ETH_VLAN_EXTEND_OFFLOAD),
			  0);

		struct Bad {
			const char *what;
			Spec spec;
			uint64_t flags;
			uint16_t l2, l3;
			int err;
			void (*edit)(rte_mbuf *);
		};
		const uint64_t tcp4 = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM;
		const uint64_t tso4 = tcp4 | RTE_MBUF_F_TX_TCP_SEG;
		const std::vector<Bad> bad = {
			{"QinQ insert", {}, RTE_MBUF_F_TX_QINQ | RTE_MBUF_F_TX_VLAN, kEthHdr, kIp4Hdr, ENOTSUP, nullptr},
			{"SCTP checksum", {}, RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_SCTP_CKSUM, kEthHdr, kIp4Hdr, ENOTSUP,
			 nullptr},
			{"outer IP checksum", {}, RTE_MBUF_F_TX_OUTER_IP_CKSUM | tcp4, kEthHdr, kIp4Hdr, ENOTSUP, nullptr},
			{"in-band tag", {.tagged = true}, tcp4, kEthHdr + kVlanHdr, kIp4Hdr, ENOTSUP, nullptr},
			{"IP checksum of IPv6", {.v6 = true}, RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_IP_CKSUM, kEthHdr, kIp6Hdr,
			 EINVAL, nullptr},
			{"neither IPv4 nor IPv6", {}, RTE_MBUF_F_TX_TCP_CKSUM, kEthHdr, kIp4Hdr, EINVAL, nullptr},
			{"l3_len not the IHL", {}, tcp4, kEthHdr, kIp4Hdr + 4, EINVAL, nullptr},
			{"IPv6 extension headers", {.v6 = true}, RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_TCP_CKSUM, kEthHdr,
			 kIp6Hdr + 8, ENOTSUP, nullptr},
			{"UDP flag on TCP", {}, RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_UDP_CKSUM, kEthHdr, kIp4Hdr, EINVAL,
			 nullptr},
			{"IPV4 flag on IPv6", {.v6 = true}, tcp4, kEthHdr, kIp4Hdr, EINVAL, nullptr},
			{"L4 sum of a fragment", {}, tcp4, kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) { rte_pktmbuf_mtod_offset(m, uint8_t *, kEthHdr)[6] = 0x20; }},
			{"headers beyond the first segment", {}, tcp4, kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) {
				 /* Move everything after 30 bytes into a second segment. */
				 rte_mbuf *t = rte_pktmbuf_alloc(m->pool);
				 const uint16_t rest = static_cast<uint16_t>(m->data_len - 30);
				 std::memcpy(rte_pktmbuf_append(t, rest), rte_pktmbuf_mtod_offset(m, uint8_t *, 30), rest);
				 rte_pktmbuf_trim(m, rest);
				 rte_pktmbuf_chain(m, t);
			 }},
			{"TSO with MSS 0", {}, tso4, kEthHdr, kIp4Hdr, EINVAL, [](rte_mbuf *m) { tso(m, 0, kTcpHdr); }},
			{"TSO segment beyond the largest MTU", {}, tso4, kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) { tso(m, 9000, kTcpHdr); }},
			/* IP + TCP + MSS = 1501 > the port's MTU of 1500 (the chip's is 9000). */
			{"TSO segment beyond the port's MTU", {}, tso4, kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) { tso(m, RTE_ETHER_MTU - kIp4Hdr - kTcpHdr + 1, kTcpHdr); }},
			{"TSO l4_len not the TCP data offset", {}, tso4, kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) { tso(m, 1000, kTcpHdr + 4); }},
			{"TSO of UDP", {.proto = kUdp, .payload = 200}, tso4, kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) { tso(m, 100, kTcpHdr); }},
			{"TSO behind an in-band tag", {.tagged = true}, tso4, kEthHdr + kVlanHdr, kIp4Hdr, ENOTSUP,
			 [](rte_mbuf *m) { tso(m, 50, kTcpHdr); }},
			{"runt sharing its buffer", {.proto = kUdp, .payload = 4}, RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_UDP_CKSUM,
			 kEthHdr, kIp4Hdr, EINVAL, [](rte_mbuf *m) { rte_mbuf_refcnt_update(m, 1); }},
			{"runt without tailroom", {.proto = kUdp, .payload = 4}, RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_UDP_CKSUM,
			 kEthHdr, kIp4Hdr, EINVAL,
			 [](rte_mbuf *m) {
				 /* The 46-byte frame at the very end of its buffer. */
				 std::vector<uint8_t> b = from_mbuf(m);
				 m->data_off = static_cast<uint16_t>(m->buf_len - b.size());
				 std::memcpy(rte_pktmbuf_mtod(m, uint8_t *), b.data(), b.size());
			 }},
		};
		for (const Bad &k : bad) {
			SCOPED_TRACE(k.what);
			rte_mbuf *ms[2] = {mbuf_of(mp, build({.seed = 1}).b), mbuf_of(mp, build(k.spec).b)};
			ms[0]->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM;
			ms[0]->l2_len = kEthHdr;
			ms[0]->l3_len = kIp4Hdr;
			ms[1]->ol_flags = k.flags;
			ms[1]->l2_len = k.l2;
			ms[1]->l3_len = k.l3;
			if (k.edit != nullptr)
				k.edit(ms[1]);
			rte_errno = 0;
			EXPECT_EQ(rte_eth_tx_prepare(port, 0, ms, 2), 1) << "the good one passes, the bad one stops it";
			EXPECT_EQ(rte_errno, k.err);
			rte_pktmbuf_free(ms[0]);
			for (uint16_t r = rte_mbuf_refcnt_read(ms[1]); r > 0; r--) /* every reference */
				rte_pktmbuf_free(ms[1]);
		}
		p.stop();
	}
}

/*
 * HW TSO (ref §10.4): one 64 KiB TCP/IPv4 segment (the largest IP datagram)
 * in 33 mbufs becomes MSS-sized frames on the wire, each checked here: size,
 * IP length, ID and header sum, TCP sum, sequence number, payload, flags (PSH
 * and FIN on the last frame only); and a TCP/IPv6 one with a tag inserted.
 */
TEST_P(OffloadBoth, TsoCutsA64KiBSegmentIntoCheckedWireFrames)
{
	constexpr uint32_t kSeq0 = 0xFFFF0000; /* wraps inside the burst */
	constexpr uint8_t kAck = 0x10, kPsh = 0x08, kFin = 0x01;
	SimPair pair("oltso", chip(), kMacA, kMacB);
	ASSERT_NO_FATAL_FAILURE(start_pair(pair, mp,
					   RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_TCP_CKSUM |
						   RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_VLAN_INSERT |
						   RTE_ETH_TX_OFFLOAD_MULTI_SEGS,
					   RTE_ETH_RX_OFFLOAD_CHECKSUM));
	rte_eth_dev_info info{};
	ASSERT_EQ(rte_eth_dev_info_get(pair.a.port(), &info), 0);
	EXPECT_TRUE(info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_TCP_TSO) << "HW_TSO_3 on both personalities (ref §1.3)";

	struct Case {
		Spec spec;
		uint64_t flags;
		uint16_t mss; /* MTU 1500 less the IP and TCP headers */
	};
	const Case cases[] = {
		{{.payload = UINT16_MAX - kIp4Hdr - kTcpHdr, .seed = 3},
		 RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM | RTE_MBUF_F_TX_TCP_SEG, 1460},
		{{.v6 = true, .payload = 10000, .seed = 4},
		 RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_TCP_CKSUM | RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_VLAN, 1440},
	};
	for (const Case &k : cases) {
		SCOPED_TRACE(k.spec.v6 ? "TCP/IPv6 with a tag inserted" : "TCP/IPv4, 64 KiB");
		Frame f = build(k.spec);
		const uint32_t payload = k.spec.payload, hdr = f.l2 + f.l3 + kTcpHdr;
		uint8_t *tcp = f.l4();
		tcp[4] = kSeq0 >> 24;
		tcp[5] = (kSeq0 >> 16) & 0xFF;
		tcp[13] = kAck | kPsh | kFin;
		rte_mbuf *m = chain_of(mp, f.b, hdr + 100, 2000);
		ASSERT_NE(m, nullptr);
		m->ol_flags = k.flags;
		m->vlan_tci = kTci;
		m->l2_len = kEthHdr;
		m->l3_len = f.l3;
		tso(m, k.mss, kTcpHdr);
		ASSERT_TRUE(prep_and_send(pair.a.port(), {m}));
		const uint32_t nseg = (payload + k.mss - 1) / k.mss;
		std::vector<rte_mbuf *> got = recv_mbufs(pair.b.port(), nseg);
		ASSERT_EQ(got.size(), nseg);
		const bool tagged = k.flags & RTE_MBUF_F_TX_VLAN;
		for (uint32_t i = 0; i < nseg; i++) {
			SCOPED_TRACE("segment " + std::to_string(i));
			const std::vector<uint8_t> wire = from_mbuf(got[i]);
			const uint32_t chunk = std::min<uint32_t>(k.mss, payload - i * k.mss);
			const uint32_t l2 = tagged ? kEthHdr + kVlanHdr : kEthHdr;
			ASSERT_EQ(wire.size(), l2 + f.l3 + kTcpHdr + chunk);
			Frame s = parse(wire, k.spec.v6, kTcp, tagged);
			EXPECT_EQ(s.b.size(), wire.size()) << "IP length = the segment";
			const uint32_t tag = uint32_t{get16(s.b.data() + 12)} << 16 | get16(s.b.data() + 14);
			EXPECT_TRUE(!tagged || tag == (uint32_t{RTE_ETHER_TYPE_VLAN} << 16 | kTci)) << "the inserted tag";
			EXPECT_TRUE(k.spec.v6 || ip_sum(s) == 0xFFFF) << "IPv4 header sum";
			EXPECT_TRUE(k.spec.v6 || get16(s.ip() + 4) == static_cast<uint16_t>(k.spec.seed + i)) << "IP ID";
			EXPECT_EQ(l4_sum(s), 0xFFFF);
			EXPECT_EQ(l4_flags(got[i]), RTE_MBUF_F_RX_L4_CKSUM_GOOD);
			const uint8_t *t = s.l4();
			const uint32_t seq = uint32_t{t[4]} << 24 | t[5] << 16 | t[6] << 8 | t[7];
			EXPECT_EQ(seq, kSeq0 + i * k.mss);
			EXPECT_EQ(t[13], i + 1 == nseg ? (kAck | kPsh | kFin) : kAck) << "TCP flags";
			EXPECT_TRUE(std::equal(t + kTcpHdr, t + kTcpHdr + chunk, tcp + kTcpHdr + i * k.mss))
				<< "payload bytes";
		}
		free_all(got);
	}
	rte_eth_stats st{};
	ASSERT_EQ(rte_eth_stats_get(pair.a.port(), &st), 0);
	EXPECT_EQ(st.oerrors, 0u);
}

/* Jumbo frames (ref §10.5) come chained from the jumbo ring with their checksum and tag results too. */
TEST_P(OffloadBoth, JumboFramesCarryTheirChecksumAndTagResults)
{
	SimPort p("net_tg57xx_sim_oljumbo", chip() + ",wire=loop,mac=" + kMacB);
	ASSERT_TRUE(p.ok());
	rte_eth_conf c = conf_with(RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_CHECKSUM |
					   RTE_ETH_RX_OFFLOAD_VLAN_STRIP,
				   RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_VLAN_INSERT |
					   RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_CKSUM);
	c.rxmode.mtu = 8000;
	ASSERT_EQ(p.start(mp, 256, 256, &c), 0);
	const Spec big = {.payload = 7000, .seed = 5};
	Frame tagged = build({.payload = 7000, .tagged = true, .seed = 5});
	Frame bad = build({.payload = 7000, .tagged = true, .seed = 6});
	bad.b.back() ^= 0xFF;
	Frame offloaded = build(big);
	put16(offloaded.b.data() + offloaded.csum_off(), 0);
	put16(offloaded.ip() + 10, 0);
	rte_mbuf *ms[3] = {chain_of(mp, tagged.b, 100, 2000), chain_of(mp, bad.b, 100, 2000),
			   chain_of(mp, offloaded.b, 100, 2000)};
	ms[2]->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM | RTE_MBUF_F_TX_VLAN;
	ms[2]->vlan_tci = kTci;
	ms[2]->l2_len = kEthHdr;
	ms[2]->l3_len = kIp4Hdr;
	ASSERT_TRUE(prep_and_send(p.port(), {ms[0], ms[1], ms[2]}));
	std::vector<rte_mbuf *> got = recv_mbufs(p.port(), 3);
	ASSERT_EQ(got.size(), 3u);
	const uint64_t l4[3] = {RTE_MBUF_F_RX_L4_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_GOOD};
	Frame plain_bad = build({.payload = 7000, .seed = 6});
	plain_bad.b.back() ^= 0xFF;
	const std::vector<uint8_t> want[3] = {build(big).b, plain_bad.b, build(big).b};
	for (unsigned i = 0; i < 3; i++) {
		SCOPED_TRACE("frame " + std::to_string(i));
		EXPECT_GT(got[i]->nb_segs, 1) << "from the jumbo ring";
		EXPECT_EQ(from_mbuf(got[i]), want[i]);
		EXPECT_EQ(ip_flags(got[i]), RTE_MBUF_F_RX_IP_CKSUM_GOOD);
		EXPECT_EQ(l4_flags(got[i]), l4[i]);
		EXPECT_TRUE(got[i]->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED);
		EXPECT_EQ(got[i]->vlan_tci, kTci);
	}
	free_all(got);
	p.stop();
}

INSTANTIATE_TEST_SUITE_P(Chips, OffloadBoth, ::testing::Values("57762", "5720"),
			 [](const auto &info) { return std::string("BCM") + info.param; });
