/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The whole-chip bring-up driver of test_bringup.cpp: a small in-test driver
 * built on qdriver (like a libqos driver), written from the reference's
 * bring-up sequences:
 *   - Tg3: tg3's order and values (§12.1-§12.3, §11.5-§11.7), with the
 *     Deviation knobs for the negative tests;
 *   - Thundergate: the TAP driver's order and values of §12.5 (57762);
 *   - tg3_order_violations()/expect_tg3_order(): a register trace compared
 *     with tg3's milestones.
 */
#pragma once

#include "engine_util.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tg57xx::sim::test::bringup {

using engines::Pkt;
using macphy::Frame;
using macphy::kMs;
using macphy::kUs;
using macphy::Mdio;

/* ---- host side ---- */
inline constexpr size_t kArenaBytes16M = size_t{16} << 20;
inline constexpr size_t kTraceEntries = size_t{1} << 16; /* the whole bring-up, MDIO polls included */
inline constexpr size_t kRingAlign = 4096;
inline constexpr size_t kBufAlign = 64;
inline constexpr uint32_t kEthZlen = 60;            /* the MAC pads shorter frames to this (§8.1) */
inline constexpr uint32_t kFcs = hw::ETH_FCS_LEN;
inline constexpr uint32_t kMtu = hw::TG3_MAX_MTU_STD; /* tg3's default MTU, 1500 */
inline constexpr uint32_t kMaxFrame = kMtu + engines::kEthHdr; /* 1514 */
inline constexpr uint16_t kEtherTypeLocal = 0x88B5;   /* IEEE 802 local experimental */
inline constexpr uint16_t kEtherTypeArp = 0x0806;
inline constexpr unsigned kMaxRetRings = hw::TG3_RSS_MAX_NUM_QS;
inline constexpr uint32_t kRxBufOffset = hw::TG3_RAW_IP_ALIGN; /* buffers start 2 bytes in: unaligned DMA */
inline constexpr uint8_t kSentinel = 0xA5;                     /* status block bytes 0x20..0x4F (32-byte mode) */
inline constexpr uint32_t kTagMask = 0xFF;                      /* status_tag is 8 bits (§9.1) */
inline const MacAddress kForeignMac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
inline const MacAddress kBroadcast = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* ---- tg3 timing (§12.2, §12.3, §11.5) ---- */
inline constexpr uint64_t kPollNs = QDriver::kPollNs;
inline constexpr uint64_t kFlushNs = 40 * kUs;      /* after MAC_MODE, MAC_EVENT, WDMAC, RDMAC writes */
inline constexpr uint64_t kMiModeNs = 80 * kUs;     /* §12.2 step 14 */
inline constexpr uint64_t kLocalCtrlNs = 100 * kUs; /* §12.3 step 23 */
inline constexpr uint64_t kTxModeNs = 100 * kUs;    /* step 31 */
inline constexpr uint64_t kRxModeNs = 10 * kUs;     /* steps 33, 34 */
inline constexpr uint64_t kBmsrPollNs = 40 * kUs;   /* §11.5 step 1: 100 x 40 µs */
inline constexpr unsigned kBmsrPolls = 100;
inline constexpr unsigned kAuxStatPolls = 2000;     /* step 2: x 10 µs */
inline constexpr unsigned kBmcrPolls = 200;
inline constexpr uint64_t kLinkTimeoutNs = 100 * kMs; /* far above Config::autoneg_ns */
inline constexpr uint64_t kLinkPollNs = 100 * kUs;
inline constexpr uint64_t kTrafficNs = 1 * kMs;        /* above every coalescing tick used here */
inline constexpr uint32_t kRxPending = hw::TG3_DEF_RX_RING_PENDING;
inline constexpr uint32_t kJumboPending = hw::TG3_DEF_RX_JUMBO_RING_PENDING;
/* tg3 advertises every speed and symmetric pause (FLOW_CTRL_TX | FLOW_CTRL_RX, §11.5). */
inline constexpr uint16_t kTg3Advertise = hw::ADVERTISE_CSMA | hw::ADVERTISE_ALL | hw::ADVERTISE_PAUSE_CAP;
inline constexpr uint16_t kTg3AdvertiseMask = hw::ADVERTISE_ALL | hw::ADVERTISE_PAUSE_CAP | hw::ADVERTISE_PAUSE_ASYM;
inline constexpr uint16_t kTg3Ctrl1000 = hw::ADVERTISE_1000FULL | hw::ADVERTISE_1000HALF;
inline constexpr uint32_t kMiscCfgLowByte = 0xFF; /* tg3_reset_hw: val &= ~0xff before the prescaler */
inline constexpr uint32_t kApePcistate =
	hw::PCISTATE_ALLOW_APE_CTLSPC_WR | hw::PCISTATE_ALLOW_APE_SHMEM_WR | hw::PCISTATE_ALLOW_APE_PSPACE_WR;

/* ---- Thundergate values (§12.5, §7.2, §8.2, §11.5) ---- */
inline constexpr uint32_t kTgPage = 4096;
inline constexpr uint32_t kTgSendEntries = 256;
inline constexpr uint32_t kTgStdEntries = kTgPage / hw::TG3_RX_BD_SIZE; /* one page of BDs: 128 */
inline constexpr uint32_t kTgRetEntries = 128;
inline constexpr unsigned kTgRetRings = 4;
inline constexpr uint32_t kTgMaxFrameLen = 0x600;
inline constexpr uint32_t kTgRxBufLen = 2048;
inline constexpr uint32_t kTgNicAddr = hw::NIC_SRAM_RX_BUFFER_DESC; /* 0x6000 */
inline constexpr uint32_t kTgStdThresh = 0x19, kTgStdLwm = 0x20;
inline constexpr uint32_t kTgMbufMacRxLow = 0x2A, kTgMbufHigh = 0xA0, kTgLowWmark = 1;
inline constexpr uint32_t kTgPrescaler = 0x41;
inline constexpr uint32_t kTgRxMtu = 1500;
inline constexpr uint32_t kTgStatsMask = 0x007BFFFF;
inline constexpr uint32_t kTgRxTicks = 0x48, kTgTxTicks = 0x14, kTgRxFrames = 5, kTgTxFrames = 0x35;
inline constexpr uint32_t kTgRxFramesInt = 5, kTgTxFramesInt = 5;
inline constexpr uint32_t kTgDmaWriteWater = 6; /* +1 with a non-zero PCIe max payload field */
inline constexpr uint32_t kTgRdmaBurst = 3;     /* pci_request_burst_length */
inline constexpr uint64_t kTgSettleNs = 500 * kMs;
inline constexpr uint64_t kTgMacModeNs = 100 * kUs;
inline constexpr uint64_t kTgPhyPollNs = 500 * kUs; /* Thundergate polls the PHY every 0.5 ms, 5000 times */
inline constexpr unsigned kTgPhyPolls = 5000;
inline constexpr uint64_t kTgAnPollNs = 1 * kMs; /* BMSR autoneg-complete poll, <= 5000 ms */
inline constexpr uint16_t kTgAnar = 0x0DE1, kTgCtrl1000 = 0x0200;
/* Thundergate auto_mdix: AUX_CTRL 0x7007 selects the misc shadow (read select bits 14:12 =
 * tg3.h MII_TG3_AUXCTL_MISC_RDSEL_SHIFT), then bit 9 (force auto-MDIX) and bit 15 (write enable). */
inline constexpr uint16_t kTgAuxCtlReadMisc = 0x7007;
inline constexpr uint16_t kAuxCtlForceAmdix = 0x0200;
static_assert((kTgAuxCtlReadMisc & 0x7) == hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
/* Thundergate emac_rx_rule_control field no_rules_matches_default_class [4:2] (§5.1). */
inline constexpr uint32_t kRuleCfgDefaultClassMask = 0x0000001C;
static_assert(hw::field_set(kRuleCfgDefaultClassMask, 2) == hw::RCV_RULE_CFG_DEFAULT_CLASS);
static_assert(hw::field_set(hw::RDMAC_MODE_FIFO_LONG_BURST, kTgRdmaBurst) == hw::RDMAC_MODE_FIFO_LONG_BURST);

/* ======================= tg3's order, as data ======================= */

/* A §12.2/§12.3 milestone: the first write to [lo, hi] with all of `need` set. */
struct Milestone {
	const char *what;
	uint32_t lo, hi, need;
};
inline constexpr Milestone kTg3Milestones[] = {
	{"§12.2 step 6 core reset (GRC_MISC_CFG)", hw::GRC_MISC_CFG, hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET},
	{"§12.2 step 10 MEMARB_MODE enable", hw::MEMARB_MODE, hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE},
	{"§12.2 step 12 GRC_MODE", hw::GRC_MODE, hw::GRC_MODE, 0},
	{"§12.3 step 9 BUFMGR_MODE enable", hw::BUFMGR_MODE, hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE},
	{"§12.3 step 11 std RCB (RCVDBDI_STD_BD)", hw::RCVDBDI_STD_BD, hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR, 0},
	{"§12.3 step 13 HOSTCC_STATUS_BLK_HOST_ADDR", hw::HOSTCC_STATUS_BLK_HOST_ADDR,
	 hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, 0},
	{"§12.3 step 20 HOSTCC_MODE enable", hw::HOSTCC_MODE, hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE},
	{"§12.3 step 25 WDMAC_MODE enable", hw::WDMAC_MODE, hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE},
	{"§12.3 step 26 RDMAC_MODE enable", hw::RDMAC_MODE, hw::RDMAC_MODE, hw::RDMAC_MODE_ENABLE},
	{"§12.3 step 31 MAC_TX_MODE enable", hw::MAC_TX_MODE, hw::MAC_TX_MODE, hw::TX_MODE_ENABLE},
	{"§12.3 step 33 MAC_RX_MODE enable", hw::MAC_RX_MODE, hw::MAC_RX_MODE, hw::RX_MODE_ENABLE},
};

/*
 * Compare a driver's register trace with tg3's bring-up order. Anchor: the
 * LAST core-reset write (what came before is probe-time, §12.1, where tg3
 * already touches MEMARB and GRC_MODE). From there the first write of each
 * milestone must exist and the indexes must be strictly increasing.
 * Returns one message per problem (empty: tg3's order).
 */
std::vector<std::string> tg3_order_violations(const std::vector<TraceEntry> &t);
void expect_tg3_order(const std::vector<TraceEntry> &t);

/* Frame helpers: dst, our source, EtherType, payload (seed + i). */
Frame plain(const MacAddress &dst, uint32_t len, uint8_t seed, uint16_t type = kEtherTypeLocal);
/* What the wire carries for a frame we sent: padded to 60 bytes (§8.1). */
Frame padded(Frame f);

struct TxFrame {
	Frame tx;                     /* bytes posted */
	std::vector<uint32_t> split;  /* BD lengths (empty: one BD) */
	uint32_t flags = 0;           /* send BD flags (§8.1) */
	Frame back;                   /* bytes that must come back */
	uint32_t rx_flags = hw::RXD_FLAG_END;
	uint32_t bds() const { return split.empty() ? 1 : static_cast<uint32_t>(split.size()); }
};

/* A mixed burst: broadcast runt, minimum, checksum-offloaded TCP, multi-BD, maximal frames. */
std::vector<TxFrame> mixed_frames(const MacAddress &station);

/* Host memory of the port: rings, buffers, status block (§7, §8, §9.1). */
struct Layout {
	uint32_t tx_entries, std_entries, ret_entries;
	unsigned ret_rings;
	uint32_t std_buf_len; /* §8.2 buffer size in the BD */
	bool tg3_bds;         /* tg3: END, opaque = ring | slot, idx 0; Thundergate: idx = slot, no END */
};

class Driver {
public:
	Driver(Device &d, QDriver &q, DmaArena &a, Mdio &m) : dev(d), q(q), arena(a), mdio(m) {}
	virtual ~Driver() = default;

	void alloc(const Layout &l)
	{
		lay = l;
		tx = arena.alloc(size_t{l.tx_entries} * hw::TXD_SIZE, kRingAlign);
		stdr = arena.alloc(size_t{l.std_entries} * hw::TG3_RX_BD_SIZE, kRingAlign);
		for (unsigned n = 0; n < l.ret_rings; n++)
			ret[n] = arena.alloc(size_t{l.ret_entries} * hw::TG3_RX_BD_SIZE, kRingAlign);
		sblk = arena.alloc(hw::TG3_HW_STATUS_SIZE, kBufAlign);
		ASSERT_NE(sblk, 0u) << "DMA arena too small";
		buf.assign(l.std_entries, 0);
	}
	/* Std producer ring: every BD described, buffers for the first `posted` slots (§8.2). */
	void fill_std(uint32_t posted)
	{
		auto *bds = arena.at<hw::RxBd>(stdr);
		for (uint32_t i = 0; i < lay.std_entries; i++) {
			if (i < posted && buf[i] == 0)
				buf[i] = arena.alloc(lay.std_buf_len + kRxBufOffset, kBufAlign) + kRxBufOffset;
			const auto len = static_cast<uint16_t>(lay.std_buf_len);
			if (lay.tg3_bds)
				bds[i].init_producer(buf[i], len, 0, hw::RXD_FLAG_END,
						     hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, i));
			else
				bds[i].init_producer(buf[i], len, static_cast<uint16_t>(i), 0, 0);
		}
	}
	/* Status block cleared, bytes past 32 marked: HOSTCC_MODE_32BYTE must not write them (§9.1). */
	void clear_status_block()
	{
		uint8_t *p = arena.at<uint8_t>(sblk);
		std::memset(p, 0, hw::TG3_HW_STATUS_SIZE);
		std::memset(p + hw::TG3_HW_STATUS_SIZE_32BYTE, kSentinel,
			    hw::TG3_HW_STATUS_SIZE - hw::TG3_HW_STATUS_SIZE_32BYTE);
	}
	bool sentinel_intact() const
	{
		const uint8_t *p = arena.at<uint8_t>(sblk);
		for (uint32_t i = hw::TG3_HW_STATUS_SIZE_32BYTE; i < hw::TG3_HW_STATUS_SIZE; i++)
			if (p[i] != kSentinel)
				return false;
		return true;
	}
	uint16_t sb16(size_t off) const
	{
		uint16_t v;
		std::memcpy(&v, arena.at<uint8_t>(sblk) + off, sizeof(v));
		return v;
	}
	uint32_t sb32(size_t off) const
	{
		uint32_t v;
		std::memcpy(&v, arena.at<uint8_t>(sblk) + off, sizeof(v));
		return v;
	}
	void sb_store32(size_t off, uint32_t v) { std::memcpy(arena.at<uint8_t>(sblk) + off, &v, sizeof(v)); }

	void set_rcb_regs(uint32_t rcb, uint64_t host, uint32_t maxlen_flags)
	{
		q.reg_write(rcb + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(host >> 32));
		q.reg_write(rcb + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(host));
		q.reg_write(rcb + hw::TG3_BDINFO_MAXLEN_FLAGS, maxlen_flags);
	}
	/* tg3_set_bdinfo: RCB in NIC SRAM; the NIC address only when asked (pre-5705 / Thundergate). */
	void set_sram_rcb(uint32_t rcb, uint64_t host, uint32_t maxlen_flags, bool nic = false, uint32_t nic_addr = 0)
	{
		q.sram_write(rcb + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(host >> 32));
		q.sram_write(rcb + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(host));
		q.sram_write(rcb + hw::TG3_BDINFO_MAXLEN_FLAGS, maxlen_flags);
		if (nic)
			q.sram_write(rcb + hw::TG3_BDINFO_NIC_ADDR, nic_addr);
	}
	uint32_t rmw(uint32_t off, uint32_t clear, uint32_t set)
	{
		const uint32_t v = (q.reg_read(off) & ~clear) | set;
		q.reg_write(off, v);
		return v;
	}

	/* §14.1: BDs of one frame at the producer, END on the last; same flags on every BD. */
	void post(const TxFrame &f)
	{
		std::vector<uint32_t> split = f.split.empty() ? std::vector<uint32_t>{uint32_t(f.tx.size())} : f.split;
		uint32_t off = 0;
		for (size_t k = 0; k < split.size(); k++) {
			const uint64_t a = arena.alloc(split[k], kBufAlign);
			std::memcpy(arena.host(a), f.tx.data() + off, split[k]);
			const bool last = k + 1 == split.size();
			arena.at<hw::TxBd>(tx)[tx_prod].set(a, static_cast<uint16_t>(split[k]),
							     f.flags | (last ? hw::TXD_FLAG_END : 0), 0, 0);
			tx_prod = (tx_prod + 1) % lay.tx_entries;
			off += split[k];
		}
		EXPECT_EQ(off, f.tx.size());
	}
	void doorbell() { q.reg_write(send_prod_mailbox(0), tx_prod); }
	void send(const std::vector<TxFrame> &frames)
	{
		for (const TxFrame &f : frames)
			post(f);
		doorbell();
		q.delay(kTrafficNs);
	}
	/* §14.2: return BDs from the host consumer up to the status block's producer, then the consumer mailbox. */
	std::vector<hw::RxBd> reap(unsigned ring)
	{
		const uint16_t prod = sb16(hw::StatusBlock::ret_ring_producer_offset(ring));
		std::vector<hw::RxBd> out;
		const auto *bds = arena.at<hw::RxBd>(ret[ring]);
		for (uint32_t &c = ret_cons[ring]; c != prod; c = (c + 1) % lay.ret_entries)
			out.push_back(bds[c]);
		q.reg_write(ret_con_mailbox(ring), ret_cons[ring]);
		return out;
	}
	Frame data(const hw::RxBd &bd) const
	{
		const auto *p = arena.at<uint8_t>(bd.addr());
		return bd.len() >= kFcs ? Frame(p, p + bd.len() - kFcs) : Frame();
	}

	Device &dev;
	QDriver &q;
	DmaArena &arena;
	Mdio &mdio;
	Layout lay{};
	uint64_t tx = 0, stdr = 0, sblk = 0;
	std::array<uint64_t, kMaxRetRings> ret{};
	std::vector<uint64_t> buf;
	uint32_t tx_prod = 0;
	std::array<uint32_t, kMaxRetRings> ret_cons{};
};

/* One step of the tg3 bring-up left out or done wrong (the negative tests). */
enum class Deviation : uint8_t {
	NONE,
	NO_BUFMGR_ENABLE, /* §12.3 step 9: BUFMGR_MODE never enabled */
	NO_STD_PRODUCER,  /* step 12: std producer mailbox never written */
	SEND_RCB_500,     /* step 13: send RCB of 500 entries, not a power of two (§7.2) */
	PORT_MODE_MII,    /* §11.6: MAC_MODE left at MII on a 1000 Mbit/s link */
	NO_LRG_RING_SZ,   /* step 29: RCVDBDI_MODE without LRG_RING_SZ */
};

/* tg3: tg3_init_one (§12.1), tg3_init_hw/tg3_reset_hw (§12.3, §12.2), tg3_setup_phy (§11.5, §11.6). */
class Tg3 : public Driver {
public:
	using Driver::Driver;

	void probe();
	void open(); /* tg3_open: host memory, tg3_init_hw, tg3_start */
	bool wait_link(uint64_t timeout_ns = kLinkTimeoutNs);
	bool setup_phy();

	Deviation deviation = Deviation::NONE;
	bool link_up = false;
	hw::MiiSpeedDuplex link{};
	MacAddress mac{};
	uint32_t misc_host_ctrl = 0, grc_mode = 0, mac_mode = 0, rx_mode = 0, tx_mode = 0;
	uint32_t coalesce_mode = 0, rdmac_mode = 0, boot_dma_rwctrl = 0;

private:
	bool is5720() const { return hw::asic_rev(chip_rev_id) == hw::ASIC_REV_5720; }
	bool is57765_class() const { return hw::asic_rev(chip_rev_id) == hw::ASIC_REV_57765; }
	/* §5.6, §5.8, §5.11: the extra attentions of 5717, 5762, 5719 A0, 5720 A0. */
	bool flow_attn_quirk() const { return chip_rev_id == hw::CHIPREV_ID_5720_A0; }
	void write_misc_host_ctrl();
	void poll_fw();
	void init_hw();
	void chip_reset();
	void rings_reset();
	void set_mac_addr();
	void coalesce_params();
	void copper_begin();
	void enable_ints();

	uint32_t chip_rev_id = 0, mi_mode = 0, dma_rwctrl = 0;
	bool ape_enabled = false;
};

/* Thundergate's TAP driver (py/_tap/dev_fns.py device_setup, §12.5) on the 57762. */
class Thundergate : public Driver {
public:
	using Driver::Driver;
	void bring_up();
	bool link_detect();
	uint32_t misc_host_ctrl = 0;

private:
	void init();
	uint16_t phy_poll(uint16_t reg, uint16_t mask, uint16_t want, unsigned polls, uint64_t every);
};

} // namespace tg57xx::sim::test::bringup
