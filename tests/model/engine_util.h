/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers for test_tx.cpp and test_rx.cpp: a chip brought up the way tg3's
 * tg3_reset_hw does it (§12.3), rings in the DMA arena, BD posting through
 * the mailboxes, and packet builders with checksums computed independently
 * of the model (RFC 1071 done the slow, obvious way).
 */
#ifndef TG57XX_TESTS_MODEL_ENGINE_UTIL_H
#define TG57XX_TESTS_MODEL_ENGINE_UTIL_H

#include <cstdint>
#include <cstring>
#include <vector>

#include "mac.h"
#include "mac_phy_util.h"
#include "personality.h"
#include "tg57xx_desc.h"

namespace tg57xx::sim::test::engines {

using macphy::Frame;
using macphy::kMs;
using macphy::kUs;
using macphy::TestWire;

/* ---- independent packet arithmetic ---- */

inline uint16_t be16(const uint8_t *p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
inline uint32_t be32(const uint8_t *p) { return uint32_t{be16(p)} << 16 | be16(p + 2); }
inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = static_cast<uint8_t>(v >> 8);
	p[1] = static_cast<uint8_t>(v);
}
inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, static_cast<uint16_t>(v >> 16));
	put16(p + 2, static_cast<uint16_t>(v));
}

/* RFC 1071: ones'-complement sum of 16-bit big-endian words, folded. */
inline uint16_t ref_sum(const uint8_t *p, size_t n, uint32_t start = 0)
{
	uint64_t s = start;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += uint32_t{p[i]} << 8 | p[i + 1];
	if (n & 1)
		s += uint32_t{p[n - 1]} << 8;
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return static_cast<uint16_t>(s);
}

constexpr uint32_t kEthHdr = 14, kIp4Hdr = 20, kIp6Hdr = 40, kTcpHdr = 20, kUdpHdr = 8;
constexpr uint8_t kTcp = 6, kUdp = 17;
constexpr uint8_t kTcpAck = 0x10, kTcpPsh = 0x08, kTcpFin = 0x01;

inline const MacAddress kDst = {0x00, 0x10, 0x18, 0xAB, 0xCD, 0x02}; /* = model_fixture kTestMac */
inline const MacAddress kSrc = {0x02, 0x00, 0x00, 0x00, 0x00, 0x99};

/* Pseudo-header sum (not complemented) for l4_len bytes of proto over the IP header at ip. */
inline uint16_t pseudo_sum(const uint8_t *ip, bool v6, uint8_t proto, uint32_t l4_len)
{
	uint32_t s = 0;
	const uint8_t *addrs = ip + (v6 ? 8 : 12);
	const size_t alen = v6 ? 32 : 8;
	for (size_t i = 0; i < alen; i += 2)
		s += be16(addrs + i);
	s += proto;
	s += (l4_len >> 16) + (l4_len & 0xFFFF);
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return static_cast<uint16_t>(s);
}

struct Pkt {
	Frame f;
	uint32_t l3 = kEthHdr, l4 = 0, l4_len = 0;
	bool v6 = false;
	uint8_t proto = 0;
	uint8_t *ip() { return f.data() + l3; }
	uint8_t *l4p() { return f.data() + l4; }
	uint32_t csum_off() const { return l4 + (proto == kTcp ? 16 : 6); }
	/* What a receiver computes over the L4 segment with the pseudo-header (0xFFFF = good). */
	uint16_t l4_verify() { return ref_sum(l4p(), l4_len, pseudo_sum(ip(), v6, proto, l4_len)); }
	uint16_t ip_verify() { return ref_sum(ip(), kIp4Hdr); }
	/* Correct checksums everywhere. */
	void fix()
	{
		if (!v6) {
			put16(ip() + 10, 0);
			put16(ip() + 10, static_cast<uint16_t>(~ref_sum(ip(), kIp4Hdr)));
		}
		put16(f.data() + csum_off(), 0);
		put16(f.data() + csum_off(), static_cast<uint16_t>(~l4_verify()));
	}
	/* Linux/tg3 TX offload preparation: the field holds the pseudo-header sum (§10.2). */
	void load_pseudo() { put16(f.data() + csum_off(), pseudo_sum(ip(), v6, proto, l4_len)); }
};

/*
 * Ethernet + IPv4/IPv6 + TCP/UDP, payload bytes (seed + i) & 0xFF, correct
 * checksums. TCP: seq 0x11223344, ACK|PSH, window 0x2000.
 */
inline Pkt make_pkt(bool v6, uint8_t proto, uint32_t payload, uint8_t seed = 0x40)
{
	Pkt p;
	p.v6 = v6;
	p.proto = proto;
	const uint32_t l4h = proto == kTcp ? kTcpHdr : kUdpHdr;
	const uint32_t l3h = v6 ? kIp6Hdr : kIp4Hdr;
	p.l4 = kEthHdr + l3h;
	p.l4_len = l4h + payload;
	p.f.assign(kEthHdr + l3h + l4h + payload, 0);
	uint8_t *f = p.f.data();
	std::memcpy(f, kDst.data(), 6);
	std::memcpy(f + 6, kSrc.data(), 6);
	put16(f + 12, v6 ? 0x86DD : 0x0800);
	uint8_t *ip = f + kEthHdr;
	if (v6) {
		ip[0] = 0x60;
		put16(ip + 4, static_cast<uint16_t>(p.l4_len));
		ip[6] = proto;
		ip[7] = 64;
		for (int i = 0; i < 16; i++) {
			ip[8 + i] = static_cast<uint8_t>(0x20 + i);
			ip[24 + i] = static_cast<uint8_t>(0xA0 + i);
		}
	} else {
		ip[0] = 0x45;
		put16(ip + 2, static_cast<uint16_t>(l3h + p.l4_len));
		put16(ip + 4, 0x1234);
		put16(ip + 6, 0x4000); /* DF */
		ip[8] = 64;
		ip[9] = proto;
		const uint8_t sa[4] = {10, 0, 1, 2}, da[4] = {10, 0, 2, 1};
		std::memcpy(ip + 12, sa, 4);
		std::memcpy(ip + 16, da, 4);
	}
	uint8_t *l4 = f + p.l4;
	put16(l4, 40000);
	put16(l4 + 2, 5201);
	if (proto == kTcp) {
		put32(l4 + 4, 0x11223344);
		put32(l4 + 8, 0x55667788);
		l4[12] = 5 << 4;
		l4[13] = kTcpAck | kTcpPsh;
		put16(l4 + 14, 0x2000);
	} else {
		put16(l4 + 4, static_cast<uint16_t>(p.l4_len));
	}
	for (uint32_t i = 0; i < payload; i++)
		l4[l4h + i] = static_cast<uint8_t>(seed + i);
	p.fix();
	return p;
}

/* ---- a chip brought up like tg3_reset_hw (§12.3) ---- */

struct BringUp {
	uint32_t tx_size = 512;  /* send ring entries (§7.2) */
	uint32_t std_size = 512; /* std ring entries */
	uint32_t ret_size = 512; /* return ring entries */
	uint32_t jmb_size = 0;   /* 0: jumbo RCB disabled */
	uint32_t std_buf = hw::TG3_RX_STD_DMA_SZ;
	uint32_t std_posted = 64;
	uint32_t jmb_posted = 0;
	uint32_t rx_mtu = 1500 + 22; /* MAC_RX_MTU_SIZE = MTU + 22 (§5.1) */
	bool loopback = false;       /* MAC_MODE_PORT_INT_LPBACK */
	bool phdr_tx = true;         /* GRC_MODE_NO_TX_PHDR_CSUM */
	uint32_t rx_mode_extra = 0;
	bool tso = true; /* SNDDATAI HW pre-DMA + RDMAC LSO enables */
};

class EngineTest : public macphy::MacPhyTest {
protected:
	static constexpr size_t kBigArena = size_t{16} << 20;
	static constexpr uint32_t kStdBufAlloc = 2048;
	static constexpr uint32_t kJmbBufAlloc = 9216;
	static constexpr uint32_t kTxBufBytes = 1 << 20;

	void SetUp() override
	{
		macphy::MacPhyTest::SetUp();
		arena = std::make_unique<DmaArena>(kBigArena);
		arena->attach(*dev);
	}

	/* A fresh model of this personality (strict) and arena, brought up with `o`. */
	void redo(const BringUp &o)
	{
		remake(strict_config(GetParam()));
		arena = std::make_unique<DmaArena>(kBigArena);
		arena->attach(*dev);
		bring_up(o);
	}

	/* A fresh model with Config::pace_line_rate (line-rate MAC), brought up. */
	void redo_paced()
	{
		Config c = strict_config(GetParam());
		c.pace_line_rate = true;
		remake(c);
		arena = std::make_unique<DmaArena>(kBigArena);
		arena->attach(*dev);
		bring_up();
	}

	/* Everything tg3 does before traffic, in its order; link up at the end. */
	void bring_up(const BringUp &o = BringUp{})
	{
		cfg = o;
		ASSERT_TRUE(engine_bring_up_begin(*q, o.phdr_tx));

		/* Rings in host memory. */
		tx_ring = arena->alloc(size_t{o.tx_size} * hw::TXD_SIZE, 4096);
		std_ring = arena->alloc(size_t{o.std_size} * hw::TG3_RX_BD_SIZE, 4096);
		ret_ring = arena->alloc(size_t{o.ret_size} * hw::TG3_RX_BD_SIZE, 4096);
		sblk = arena->alloc(0x100, 64);
		tx_bufs = arena->alloc(kTxBufBytes, 64);
		std_bufs.clear();
		for (uint32_t i = 0; i < o.std_size; i++) {
			std_bufs.push_back(arena->alloc(kStdBufAlloc, 64));
			post_std(i);
		}
		if (o.jmb_size != 0) {
			jmb_ring = arena->alloc(size_t{o.jmb_size} * hw::TG3_EXT_RX_BD_SIZE, 4096);
			jmb_bufs.clear();
			for (uint32_t i = 0; i < o.jmb_size; i++) {
				jmb_bufs.push_back(arena->alloc(kJmbBufAlloc, 64));
				post_jmb(i);
			}
		}
		std_prod = o.std_posted % o.std_size;
		jmb_prod = o.jmb_size ? o.jmb_posted % o.jmb_size : 0;
		EngineLayout l;
		l.tx_ring = tx_ring;
		l.std_ring = std_ring;
		l.ret_ring = ret_ring;
		l.jmb_ring = jmb_ring;
		l.sblk = sblk;
		l.tx_size = o.tx_size;
		l.std_size = o.std_size;
		l.ret_size = o.ret_size;
		l.jmb_size = o.jmb_size;
		l.std_buf = o.std_buf;
		l.std_prod = std_prod;
		l.jmb_prod = jmb_prod;
		l.rx_mtu = o.rx_mtu;
		l.loopback = o.loopback;
		l.tso = o.tso;
		l.lrg_ring = chip().personality().is_5717_plus;
		l.rx_mode_extra = o.rx_mode_extra;
		engine_bring_up_end(*q, dev->info(), l);
		/* Link (autoneg against the default partner: 1000/full). */
		q->delay(3 * kMs);
		ASSERT_TRUE(chip().find_block<Mac>()->link_up());
	}

	void set_rcb_regs(uint32_t rcb, uint64_t host, uint32_t maxlen_flags) { q->rcb_regs_write(rcb, host, maxlen_flags); }
	void set_sram_rcb(uint32_t addr, uint64_t host, uint32_t maxlen_flags) { q->rcb_sram_write(addr, host, maxlen_flags); }

	/* Std producer BD i (§8.2, FreeBSD style: idx = slot; tg3 opaque). */
	void post_std(uint32_t i, uint32_t buf_len = 0)
	{
		hw::RxBd &bd = arena->at<hw::RxBd>(std_ring)[i];
		bd.init_producer(std_bufs[i], static_cast<uint16_t>(buf_len ? buf_len : cfg.std_buf),
				 static_cast<uint16_t>(i), hw::RXD_FLAG_END, hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, i));
	}
	void post_jmb(uint32_t i)
	{
		hw::ExtRxBd &bd = arena->at<hw::ExtRxBd>(jmb_ring)[i];
		std::memset(&bd, 0, sizeof(bd));
		bd.std.init_producer(jmb_bufs[i], static_cast<uint16_t>(hw::TG3_RX_JMB_DMA_SZ), static_cast<uint16_t>(i),
				     hw::RXD_FLAG_END | hw::RXD_FLAG_JUMBO,
				     hw::rxd_opaque(hw::RXD_OPAQUE_RING_JUMBO, i));
	}

	/* ---- transmit side ---- */
	hw::TxBd &tx_bd(uint32_t i) { return arena->at<hw::TxBd>(tx_ring)[i % cfg.tx_size]; }
	/* Copy bytes into the TX buffer area; returns their IOVA. */
	uint64_t tx_copy(const uint8_t *data, size_t len)
	{
		if (tx_used + len > kTxBufBytes)
			tx_used = 0;
		const uint64_t a = tx_bufs + tx_used;
		std::memcpy(arena->host(a), data, len);
		tx_used = (tx_used + len + 63) & ~size_t{63};
		return a;
	}
	/* One frame as BDs of the given split sizes (0 = one BD); flags on every BD, END on the last. */
	void post_frame(const Frame &f, uint32_t flags = 0, uint16_t vlan = 0, uint16_t mss = 0,
			std::vector<uint32_t> split = {})
	{
		if (split.empty())
			split.push_back(static_cast<uint32_t>(f.size()));
		uint32_t off = 0;
		for (size_t k = 0; k < split.size(); k++) {
			const uint64_t a = tx_copy(f.data() + off, split[k]);
			const bool last = k + 1 == split.size();
			tx_bd(tx_prod).set(a, static_cast<uint16_t>(split[k]), flags | (last ? hw::TXD_FLAG_END : 0), vlan,
					   mss);
			tx_prod = (tx_prod + 1) % cfg.tx_size;
			off += split[k];
		}
	}
	/* Fast-path doorbell: store into the mailbox page (§4.1), then run the model. */
	void ring_tx(uint32_t mailbox = send_prod_mailbox(0))
	{
		dev->mailbox_page()[(mailbox - Device::kMailboxPageOffset) / 4] = tx_prod;
		dev->step();
	}

	/* ---- receive side ---- */
	hw::RxBd ret_bd(uint32_t i) const { return arena->at<hw::RxBd>(ret_ring)[i % cfg.ret_size]; }
	void inject(const Frame &f)
	{
		wire->rx.push_back(f);
		dev->step();
	}

	/* ---- status block (§9.1) ---- */
	uint16_t sblk16(size_t off) const
	{
		uint16_t v;
		std::memcpy(&v, arena->at<uint8_t>(sblk) + off, 2);
		return v;
	}
	uint32_t sblk_status() const
	{
		uint32_t v;
		std::memcpy(&v, arena->at<uint8_t>(sblk), 4);
		return v;
	}
	uint64_t ctr(uint64_t Counters::*c) const { return dev->counters().*c; }

	BringUp cfg;
	uint64_t tx_ring = 0, std_ring = 0, ret_ring = 0, jmb_ring = 0, sblk = 0, tx_bufs = 0;
	std::vector<uint64_t> std_bufs, jmb_bufs;
	uint32_t tx_prod = 0, std_prod = 0, jmb_prod = 0;
	size_t tx_used = 0;
};

} // namespace tg57xx::sim::test::engines

#endif
