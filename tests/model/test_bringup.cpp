/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Whole-chip bring-up: the model driven from power-on to traffic by a small
 * in-test driver built on qdriver (like a libqos driver), written from the
 * reference's bring-up sequences, with frames going out and coming back on
 * the loopback wire (wires.h make_loop_wire):
 *   - Tg3: tg3's order and values, §12.1 probe, §12.2 chip reset with the
 *     §6.2 handshake, every numbered step of §12.3, PHY per §11.5 and MAC port
 *     mode per §11.6 driven by SD_STATUS_LINK_CHG (§11.7). The register trace
 *     is compared with tg3's milestones by expect_tg3_order().
 *   - Thundergate: the TAP driver's order and values of §12.5. 57762 only:
 *     its std-ring NIC address 0x6000 and LOW_WMARK 1 are 57765-class values
 *     (§7.3: 5717-class parts use 0x40000 or leave it alone; §5.1: tg3 writes
 *     2 there), and Thundergate is a 57762 driver.
 *   - the tg3 bring-up with one step left out or wrong, which must not loop
 *     frames, and the attention or counter that shows why.
 * Everything runs on the virtual clock; nothing sleeps.
 */
#include "engine_util.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim::test::bringup {
namespace {

using engines::Pkt;
using macphy::Frame;
using macphy::kMs;
using macphy::kUs;
using macphy::Mdio;

/* ---- host side ---- */
constexpr size_t kArenaBytes16M = size_t{16} << 20;
constexpr size_t kTraceEntries = size_t{1} << 16; /* the whole bring-up, MDIO polls included */
constexpr size_t kRingAlign = 4096;
constexpr size_t kBufAlign = 64;
constexpr uint32_t kEthZlen = 60;            /* the MAC pads shorter frames to this (§8.1) */
constexpr uint32_t kFcs = hw::ETH_FCS_LEN;
constexpr uint32_t kMtu = hw::TG3_MAX_MTU_STD; /* tg3's default MTU, 1500 */
constexpr uint32_t kMaxFrame = kMtu + engines::kEthHdr; /* 1514 */
constexpr uint16_t kEtherTypeLocal = 0x88B5;   /* IEEE 802 local experimental */
constexpr uint16_t kEtherTypeArp = 0x0806;
constexpr unsigned kMaxRetRings = hw::TG3_RSS_MAX_NUM_QS;
constexpr uint32_t kRxBufOffset = hw::TG3_RAW_IP_ALIGN; /* buffers start 2 bytes in: unaligned DMA */
constexpr uint8_t kSentinel = 0xA5;                     /* status block bytes 0x20..0x4F (32-byte mode) */
constexpr uint32_t kTagMask = 0xFF;                      /* status_tag is 8 bits (§9.1) */
const MacAddress kForeignMac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
const MacAddress kBroadcast = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* ---- tg3 timing (§12.2, §12.3, §11.5) ---- */
constexpr uint64_t kPollNs = QDriver::kPollNs;
constexpr uint64_t kFlushNs = 40 * kUs;      /* after MAC_MODE, MAC_EVENT, WDMAC, RDMAC writes */
constexpr uint64_t kMiModeNs = 80 * kUs;     /* §12.2 step 14 */
constexpr uint64_t kLocalCtrlNs = 100 * kUs; /* §12.3 step 23 */
constexpr uint64_t kTxModeNs = 100 * kUs;    /* step 31 */
constexpr uint64_t kRxModeNs = 10 * kUs;     /* steps 33, 34 */
constexpr uint64_t kBmsrPollNs = 40 * kUs;   /* §11.5 step 1: 100 x 40 µs */
constexpr unsigned kBmsrPolls = 100;
constexpr unsigned kAuxStatPolls = 2000;     /* step 2: x 10 µs */
constexpr unsigned kBmcrPolls = 200;
constexpr uint64_t kLinkTimeoutNs = 100 * kMs; /* far above Config::autoneg_ns */
constexpr uint64_t kLinkPollNs = 100 * kUs;
constexpr uint64_t kTrafficNs = 1 * kMs;        /* above every coalescing tick used here */
constexpr uint32_t kRxPending = hw::TG3_DEF_RX_RING_PENDING;
constexpr uint32_t kJumboPending = hw::TG3_DEF_RX_JUMBO_RING_PENDING;
/* tg3 advertises every speed and symmetric pause (FLOW_CTRL_TX | FLOW_CTRL_RX, §11.5). */
constexpr uint16_t kTg3Advertise = hw::ADVERTISE_CSMA | hw::ADVERTISE_ALL | hw::ADVERTISE_PAUSE_CAP;
constexpr uint16_t kTg3AdvertiseMask = hw::ADVERTISE_ALL | hw::ADVERTISE_PAUSE_CAP | hw::ADVERTISE_PAUSE_ASYM;
constexpr uint16_t kTg3Ctrl1000 = hw::ADVERTISE_1000FULL | hw::ADVERTISE_1000HALF;
constexpr uint32_t kMiscCfgLowByte = 0xFF; /* tg3_reset_hw: val &= ~0xff before the prescaler */
constexpr uint32_t kApePcistate =
	hw::PCISTATE_ALLOW_APE_CTLSPC_WR | hw::PCISTATE_ALLOW_APE_SHMEM_WR | hw::PCISTATE_ALLOW_APE_PSPACE_WR;

/* ---- Thundergate values (§12.5, §7.2, §8.2, §11.5) ---- */
constexpr uint32_t kTgPage = 4096;
constexpr uint32_t kTgSendEntries = 256;
constexpr uint32_t kTgStdEntries = kTgPage / hw::TG3_RX_BD_SIZE; /* one page of BDs: 128 */
constexpr uint32_t kTgRetEntries = 128;
constexpr unsigned kTgRetRings = 4;
constexpr uint32_t kTgMaxFrameLen = 0x600;
constexpr uint32_t kTgRxBufLen = 2048;
constexpr uint32_t kTgNicAddr = hw::NIC_SRAM_RX_BUFFER_DESC; /* 0x6000 */
constexpr uint32_t kTgStdThresh = 0x19, kTgStdLwm = 0x20;
constexpr uint32_t kTgMbufMacRxLow = 0x2A, kTgMbufHigh = 0xA0, kTgLowWmark = 1;
constexpr uint32_t kTgPrescaler = 0x41;
constexpr uint32_t kTgRxMtu = 1500;
constexpr uint32_t kTgStatsMask = 0x007BFFFF;
constexpr uint32_t kTgRxTicks = 0x48, kTgTxTicks = 0x14, kTgRxFrames = 5, kTgTxFrames = 0x35;
constexpr uint32_t kTgRxFramesInt = 5, kTgTxFramesInt = 5;
constexpr uint32_t kTgDmaWriteWater = 6; /* +1 with a non-zero PCIe max payload field */
constexpr uint32_t kTgRdmaBurst = 3;     /* pci_request_burst_length */
constexpr uint64_t kTgSettleNs = 500 * kMs;
constexpr uint64_t kTgMacModeNs = 100 * kUs;
constexpr uint64_t kTgPhyPollNs = 500 * kUs; /* Thundergate polls the PHY every 0.5 ms, 5000 times */
constexpr unsigned kTgPhyPolls = 5000;
constexpr uint64_t kTgAnPollNs = 1 * kMs; /* BMSR autoneg-complete poll, <= 5000 ms */
constexpr uint16_t kTgAnar = 0x0DE1, kTgCtrl1000 = 0x0200;
/* Thundergate auto_mdix: AUX_CTRL 0x7007 selects the misc shadow (read select bits 14:12 =
 * tg3.h MII_TG3_AUXCTL_MISC_RDSEL_SHIFT), then bit 9 (force auto-MDIX) and bit 15 (write enable). */
constexpr uint16_t kTgAuxCtlReadMisc = 0x7007;
constexpr uint16_t kAuxCtlForceAmdix = 0x0200;
static_assert((kTgAuxCtlReadMisc & 0x7) == hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
/* Thundergate emac_rx_rule_control field no_rules_matches_default_class [4:2] (§5.1). */
constexpr uint32_t kRuleCfgDefaultClassMask = 0x0000001C;
static_assert(hw::field_set(kRuleCfgDefaultClassMask, 2) == hw::RCV_RULE_CFG_DEFAULT_CLASS);
static_assert(hw::field_set(hw::RDMAC_MODE_FIFO_LONG_BURST, kTgRdmaBurst) == hw::RDMAC_MODE_FIFO_LONG_BURST);

/* ======================= tg3's order, as data ======================= */

/* A §12.2/§12.3 milestone: the first write to [lo, hi] with all of `need` set. */
struct Milestone {
	const char *what;
	uint32_t lo, hi, need;
};
constexpr Milestone kTg3Milestones[] = {
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

bool is_write_to(const TraceEntry &e, const Milestone &m)
{
	return e.op == 'W' && (e.space == TraceEntry::Space::BAR0 || e.space == TraceEntry::Space::INDIRECT) &&
	       e.offset >= m.lo && e.offset <= m.hi && (e.value & m.need) == m.need;
}

/*
 * Compare a driver's register trace with tg3's bring-up order. Anchor: the
 * LAST core-reset write (what came before is probe-time, §12.1, where tg3
 * already touches MEMARB and GRC_MODE). From there the first write of each
 * milestone must exist and the indexes must be strictly increasing.
 * Returns one message per problem (empty: tg3's order).
 */
std::vector<std::string> tg3_order_violations(const std::vector<TraceEntry> &t)
{
	std::vector<std::string> out;
	size_t anchor = t.size();
	for (size_t i = 0; i < t.size(); i++)
		if (is_write_to(t[i], kTg3Milestones[0]))
			anchor = i;
	if (anchor == t.size())
		return {std::string("missing: ") + kTg3Milestones[0].what};
	size_t prev = anchor;
	const char *prev_what = kTg3Milestones[0].what;
	for (size_t m = 1; m < std::size(kTg3Milestones); m++) {
		size_t at = t.size();
		for (size_t i = anchor + 1; i < t.size() && at == t.size(); i++)
			if (is_write_to(t[i], kTg3Milestones[m]))
				at = i;
		if (at == t.size()) {
			out.push_back(std::string("missing after the reset: ") + kTg3Milestones[m].what);
			continue;
		}
		if (at <= prev)
			out.push_back(std::string(kTg3Milestones[m].what) + " (entry " + std::to_string(at) +
				      ") not after " + prev_what + " (entry " + std::to_string(prev) + ")");
		prev = at;
		prev_what = kTg3Milestones[m].what;
	}
	return out;
}

void expect_tg3_order(const std::vector<TraceEntry> &t)
{
	for (const std::string &p : tg3_order_violations(t))
		ADD_FAILURE() << "bring-up order differs from tg3's (§12.2, §12.3): " << p;
}

/* ======================= the in-test driver ======================= */

/* Frame helpers: dst, our source, EtherType, payload (seed + i). */
Frame plain(const MacAddress &dst, uint32_t len, uint8_t seed, uint16_t type = kEtherTypeLocal)
{
	Frame f = macphy::make_frame(dst, len, type);
	for (uint32_t i = engines::kEthHdr; i < len; i++)
		f[i] = static_cast<uint8_t>(seed + i);
	return f;
}
/* What the wire carries for a frame we sent: padded to 60 bytes (§8.1). */
Frame padded(Frame f)
{
	if (f.size() < kEthZlen)
		f.resize(kEthZlen, 0);
	return f;
}

struct TxFrame {
	Frame tx;                     /* bytes posted */
	std::vector<uint32_t> split;  /* BD lengths (empty: one BD) */
	uint32_t flags = 0;           /* send BD flags (§8.1) */
	Frame back;                   /* bytes that must come back */
	uint32_t rx_flags = hw::RXD_FLAG_END;
	uint32_t bds() const { return split.empty() ? 1 : static_cast<uint32_t>(split.size()); }
};

/* A mixed burst: broadcast runt, minimum, checksum-offloaded TCP, multi-BD, maximal frames. */
std::vector<TxFrame> mixed_frames(const MacAddress &station)
{
	std::vector<TxFrame> v;
	auto add = [&v](Frame f, std::vector<uint32_t> split) {
		TxFrame t;
		t.back = padded(f);
		t.tx = std::move(f);
		t.split = std::move(split);
		v.push_back(std::move(t));
	};
	add(plain(kBroadcast, 42, 0x10, kEtherTypeArp), {});
	add(plain(station, 64, 0x20), {});
	add(plain(station, 333, 0x30), {14, 119, 200});
	add(plain(station, 1000, 0x40), {600, 400});
	add(plain(station, kMaxFrame, 0x50), {500, 500, kMaxFrame - 1000});
	add(plain(station, kMaxFrame, 0x60), {});
	/* TCP/IPv4 with TXD_FLAG_TCPUDP_CSUM: the host loads the pseudo-header sum (GRC_MODE_NO_TX_PHDR_CSUM, §10.2). */
	Pkt p = engines::make_pkt(false, engines::kTcp, 100);
	TxFrame t;
	t.back = p.f;
	p.load_pseudo();
	t.tx = p.f;
	constexpr uint32_t kHeaders = engines::kEthHdr + engines::kIp4Hdr + engines::kTcpHdr;
	t.split = {kHeaders, static_cast<uint32_t>(p.f.size()) - kHeaders};
	t.flags = hw::TXD_FLAG_TCPUDP_CSUM;
	t.rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM | hw::RXD_FLAG_IS_TCP;
	v.push_back(std::move(t));
	return v;
}

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

void Tg3::write_misc_host_ctrl()
{
	const uint32_t chiprev = q.cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
}

void Tg3::poll_fw() /* §6.2 step 3 */
{
	for (unsigned i = 0; i < hw::TG3_FW_HANDSHAKE_POLLS; i++) {
		if (q.sram_read(hw::NIC_SRAM_FIRMWARE_MBOX) == hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT)
			return;
		q.delay(kPollNs);
	}
	ADD_FAILURE() << "no boot code answer (§6.2)";
}

void Tg3::probe() /* §12.1 */
{
	const PersonalityInfo &pi = dev.info();
	/* 1: memory decode and bus mastering on, memory-write-invalidate off. */
	const uint16_t cmd = dev.cfg_read16(pci::kCommandStatus);
	dev.cfg_write16(pci::kCommandStatus,
			static_cast<uint16_t>((cmd | pci::kCommandMemory | pci::kCommandMaster) & ~pci::kCommandInvalidate));
	/* 2 and 4: MISC_HOST_CTRL (chip id kept) and the memory arbiter. */
	q.probe_init();
	/* 3: chip id (§1.2) - ASIC nibble 0xF sends us to the product-id register. */
	const uint32_t mhc = q.cfg_read(hw::TG3PCI_MISC_HOST_CTRL);
	EXPECT_EQ(hw::asic_rev(mhc >> hw::MISC_HOST_CTRL_CHIPREV_SHIFT), hw::ASIC_REV_USE_PROD_ID_REG);
	chip_rev_id = q.cfg_read(pi.prodid_reg);
	EXPECT_EQ(chip_rev_id, pi.chip_rev_id);
	misc_host_ctrl = q.misc_host_ctrl() | hw::MISC_HOST_CTRL_TAGGED_STATUS; /* §10.8 */
	write_misc_host_ctrl();
	grc_mode = hw::TG3_GRC_MODE_SWAP_LE | (flow_attn_quirk() ? hw::GRC_MODE_IRQ_ON_FLOW_ATTN : 0);
	/* 5: boot-code configuration in SRAM (§6.1), MDIO clock. */
	EXPECT_EQ(q.sram_read(hw::NIC_SRAM_DATA_SIG), hw::NIC_SRAM_DATA_SIG_MAGIC);
	const uint32_t cfg = q.sram_read(hw::NIC_SRAM_DATA_CFG);
	EXPECT_EQ(cfg & hw::NIC_SRAM_DATA_CFG_PHY_TYPE_MASK, hw::NIC_SRAM_DATA_CFG_PHY_TYPE_COPPER);
	EXPECT_FALSE(cfg & hw::NIC_SRAM_DATA_CFG_ASF_ENABLE);
	ape_enabled = pi.has_ape && (cfg & hw::NIC_SRAM_DATA_CFG_APE_ENABLE);
	if (is5720()) {
		const uint32_t s = q.sram_read(hw::NIC_SRAM_CPMU_STATUS);
		EXPECT_EQ(s & hw::NIC_SRAM_CPMUSTAT_SIG_MSK, hw::NIC_SRAM_CPMUSTAT_SIG);
		EXPECT_EQ(hw::field_get(hw::TG3_CPMU_STATUS_FMSK_5719, s), dev.config().pci_function);
	}
	mi_mode = hw::MAC_MI_MODE_500KHZ_CONST;
	/* 6: GRC_MODE, windows closed, station address, PHY id. */
	const uint32_t keep = hw::GRC_MODE_HOST_STACKUP |
			      (is5720() ? hw::GRC_MODE_BYTE_SWAP_B2HRX_DATA | hw::GRC_MODE_WORD_SWAP_B2HRX_DATA |
						  hw::GRC_MODE_B2HRX_ENABLE | hw::GRC_MODE_HTX2B_ENABLE
					: 0);
	q.reg_write(hw::GRC_MODE, (q.reg_read(hw::GRC_MODE) & keep) | grc_mode);
	q.cfg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	q.cfg_write(hw::TG3PCI_REG_BASE_ADDR, 0);
	const uint32_t hi = q.sram_read(hw::NIC_SRAM_MAC_ADDR_HIGH_MBOX);
	const uint32_t lo = q.sram_read(hw::NIC_SRAM_MAC_ADDR_LOW_MBOX);
	EXPECT_TRUE(hw::tg3_sram_mac_addr_valid(hi)) << std::hex << hi;
	hw::mac_addr_unpack(hi, lo, mac);
	EXPECT_EQ(mac, dev.config().mac);
	q.reg_write(hw::MAC_MI_MODE, mi_mode); /* tg3_mdio_start */
	q.delay(kMiModeNs);
	const uint32_t mdio_id = hw::tg3_phy_id_pack(mdio.read(hw::MII_PHYSID1), mdio.read(hw::MII_PHYSID2));
	const uint32_t want = is5720() ? hw::TG3_PHY_ID_BCM5720C : hw::TG3_PHY_ID_BCM57765;
	EXPECT_EQ(mdio_id & hw::TG3_PHY_ID_MASK, want);
	if (pi.has_ape) { /* §11.4: APE parts take it from the boot code; both must agree */
		EXPECT_EQ(hw::tg3_phy_id_from_sram(q.sram_read(hw::NIC_SRAM_DATA_PHY_ID)), mdio_id);
	}
	/* 7: nothing left running by a boot-time driver. */
	EXPECT_FALSE(q.reg_read(hw::HOSTCC_MODE) & hw::HOSTCC_MODE_ENABLE);
	EXPECT_FALSE(q.reg_read(hw::WDMAC_MODE) & hw::WDMAC_MODE_ENABLE);
	/* 8: DMA_RW_CTRL on 57765_PLUS (x86): only DIS_CACHE_ALIGNMENT. */
	dma_rwctrl = hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT;
}

void Tg3::open()
{
	const PersonalityInfo &pi = dev.info();
	alloc({pi.send_ring_entries, pi.std_ring_entries, pi.ret_ring_entries, 1, hw::TG3_RX_STD_DMA_SZ, true});
	/* tg3_init_hw */
	write_misc_host_ctrl();
	poll_fw();
	q.cfg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	init_hw();
	/* tg3_start */
	enable_ints();
}

void Tg3::chip_reset() /* §12.2 */
{
	sb_store32(hw::SBLK_OFF_STATUS, 0); /* step 3 */
	sb_store32(hw::SBLK_OFF_STATUS_TAG, 0);
	ASSERT_TRUE(q.chip_reset()) << "steps 1-11, 16 and the §6.2 handshake";
	q.reg_write(hw::GRC_MODE, grc_mode); /* step 12 */
	mac_mode = 0;                        /* step 13, copper */
	q.reg_write(hw::MAC_MODE, mac_mode);
	q.delay(kFlushNs);
	q.reg_write(hw::MAC_MI_MODE, mi_mode); /* step 14 */
	q.delay(kMiModeNs);
	EXPECT_EQ(q.sram_read(hw::NIC_SRAM_DATA_SIG), hw::NIC_SRAM_DATA_SIG_MAGIC); /* step 17 */
}

void Tg3::init_hw() /* tg3_reset_hw, §12.3 */
{
	const PersonalityInfo &pi = dev.info();
	/* 1 */
	write_misc_host_ctrl(); /* MASK_PCI_INT is in it */
	q.reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 1);
	/* 2 */
	chip_reset();
	/* 3: 57765-class non-AX fixes (§15), MAC clock at 10 Mbit/s. */
	if (is57765_class()) {
		if (!hw::chip_is_57765_ax(chip_rev_id)) {
			const uint32_t saved = q.reg_read(hw::GRC_MODE);
			rmw(hw::TG3_CPMU_PADRNG_CTL, 0, hw::TG3_CPMU_PADRNG_CTL_RDIV2);
			q.reg_write(hw::GRC_MODE, (saved & ~hw::GRC_MODE_PCIE_PORT_MASK) | hw::GRC_MODE_PCIE_DL_SEL);
			rmw(hw::TG3_PCIE_TLDLPL_PORT + hw::TG3_PCIE_DL_LO_FTSMAX, hw::TG3_PCIE_DL_LO_FTSMAX_MSK,
			    hw::TG3_PCIE_DL_LO_FTSMAX_VAL);
			q.reg_write(hw::GRC_MODE, saved);
		}
		rmw(hw::TG3_CPMU_LSPD_10MB_CLK, hw::CPMU_LSPD_10MB_MACCLK_MASK, hw::CPMU_LSPD_10MB_MACCLK_6_25);
	}
	/* 4 */
	if (pi.has_ape)
		q.cfg_write(hw::TG3PCI_PCISTATE, q.cfg_read(hw::TG3PCI_PCISTATE) | kApePcistate);
	/* 5: rings in host memory (tg3_init_rings). */
	std::memset(arena.host(tx), 0, size_t{lay.tx_entries} * hw::TXD_SIZE);
	fill_std(kRxPending);
	clear_status_block();
	/* 6: DMA_RW_CTRL keeps the boot code's watermarks and commands (§3). */
	boot_dma_rwctrl = q.reg_read(hw::TG3PCI_DMA_RW_CTRL);
	uint32_t v = boot_dma_rwctrl & ~hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT;
	if (chip_rev_id == hw::CHIPREV_ID_57765_A0)
		v &= ~hw::DMA_RWCTRL_CRDRDR_RDMA_MRRS_MSK;
	if (is5720())
		v |= hw::DMA_RWCTRL_TAGGED_STAT_WA;
	q.reg_write(hw::TG3PCI_DMA_RW_CTRL, v | dma_rwctrl);
	/* 7 */
	grc_mode = (grc_mode & ~(hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_4X_NIC_SEND_RINGS | hw::GRC_MODE_NO_TX_PHDR_CSUM |
				 hw::GRC_MODE_NO_RX_PHDR_CSUM)) |
		   hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_NO_TX_PHDR_CSUM;
	q.reg_write(hw::GRC_MODE, grc_mode | hw::GRC_MODE_IRQ_ON_MAC_ATTN | hw::GRC_MODE_HOST_STACKUP);
	/* 8: timer prescaler 65 (tg3 rewrites the low byte, reset bit included). */
	rmw(hw::GRC_MISC_CFG, kMiscCfgLowByte, hw::TG3_TIMER_PRESCALER_66MHZ_FIELD);
	/* 9: buffer manager (pool not written on 5750_PLUS, §5.8). */
	q.reg_write(hw::BUFMGR_MB_RDMA_LOW_WATER, hw::DEFAULT_MB_RDMA_LOW_WATER_5705);
	q.reg_write(hw::BUFMGR_MB_MACRX_LOW_WATER, hw::DEFAULT_MB_MACRX_LOW_WATER_57765);
	q.reg_write(hw::BUFMGR_MB_HIGH_WATER, hw::DEFAULT_MB_HIGH_WATER_57765);
	q.reg_write(hw::BUFMGR_DMA_LOW_WATER, hw::DEFAULT_DMA_LOW_WATER);
	q.reg_write(hw::BUFMGR_DMA_HIGH_WATER, hw::DEFAULT_DMA_HIGH_WATER);
	if (deviation != Deviation::NO_BUFMGR_ENABLE) {
		q.reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE |
						     (flow_attn_quirk() ? hw::BUFMGR_MODE_MBLOW_ATTN_ENAB : 0));
		EXPECT_TRUE(q.wait_for_bits(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE, hw::BUFMGR_MODE_ENABLE,
					    hw::TG3_BUFMGR_ENABLE_POLLS * kPollNs));
	}
	/* 10: tg3_setup_rxbd_thresholds (§5.4). */
	const uint32_t cache = hw::TG3_SRAM_RX_STD_BDCACHE_SIZE_5700;
	const uint32_t std_thresh = std::min({cache / 2, lay.std_entries, std::max(kRxPending / 8, 1u)});
	EXPECT_EQ(std_thresh, 25u) << "§5.4: 25 for the default 200 pending";
	q.reg_write(hw::RCVBDI_STD_THRESH, std_thresh);
	q.reg_write(hw::STD_REPLENISH_LWM, cache);
	const uint32_t jcache = hw::TG3_SRAM_RX_JMB_BDCACHE_SIZE_5700;
	q.reg_write(hw::RCVBDI_JUMBO_THRESH, std::min(jcache / 2, std::max(kJumboPending / 8, 1u)));
	q.reg_write(hw::JMB_REPLENISH_LWM, jcache);
	/* 11: std RCB (NIC address not on 5717_PLUS, §7.3), jumbo disabled at MTU 1500, then MAXLEN_FLAGS. */
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH,
		    static_cast<uint32_t>(stdr >> 32));
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(stdr));
	if (!is5720())
		q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR, hw::NIC_SRAM_RX_BUFFER_DESC);
	q.reg_write(hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_MAXLEN_FLAGS,
		    hw::bdinfo_std_maxlen_flags_57765(lay.std_entries, hw::TG3_RX_STD_DMA_SZ));
	/* 12 */
	if (deviation != Deviation::NO_STD_PRODUCER)
		q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, kRxPending);
	q.reg_write(hw::TG3_RX_JMB_PROD_IDX_REG, 0);
	/* 13 */
	rings_reset();
	/* 14-17 */
	set_mac_addr();
	q.reg_write(hw::MAC_RX_MTU_SIZE, kMtu + hw::TG3_RX_MTU_OVERHEAD);
	const uint32_t keep_len = is5720() ? hw::TX_LENGTHS_JMB_FRM_LEN_MSK | hw::TX_LENGTHS_CNT_DWN_VAL_MSK : 0;
	q.reg_write(hw::MAC_TX_LENGTHS, hw::MAC_TX_LENGTHS_TG3_DEFAULT | (q.reg_read(hw::MAC_TX_LENGTHS) & keep_len));
	q.reg_write(hw::MAC_RCV_RULE_CFG, hw::RCV_RULE_CFG_DEFAULT_CLASS);
	q.reg_write(hw::RCVLPC_CONFIG, hw::RCVLPC_CONFIG_TG3_VALUE);
	/* 18: RDMAC_MODE computed (§5.9), reserve and LSO controls. */
	rdmac_mode = hw::RDMAC_MODE_ENABLE | hw::TG3_RDMAC_MODE_ATTN_ENABLES | hw::RDMAC_MODE_FIFO_LONG_BURST |
		     hw::RDMAC_MODE_IPV4_LSO_EN | hw::RDMAC_MODE_IPV6_LSO_EN;
	if (is5720())
		rdmac_mode |= q.reg_read(hw::RDMAC_MODE) & hw::RDMAC_MODE_H2BNC_VLAN_DET;
	rmw(hw::TG3_RDMA_RSRVCTRL_REG, 0, hw::TG3_RDMA_RSRVCTRL_FIFO_OFLW_FIX);
	if (is5720())
		rmw(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL, 0,
		    hw::TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_BD_4K | hw::TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_LSO_4K);
	/* 19 */
	rmw(hw::RCVLPC_STATS_ENABLE, hw::RCVLPC_STATSENAB_DACK_FIX, 0);
	q.reg_write(hw::RCVLPC_STATSCTRL, hw::RCVLPC_STATSCTRL_ENABLE);
	q.reg_write(hw::SNDDATAI_STATSENAB, hw::TG3_SNDDATAI_STATSENAB_ALL);
	q.reg_write(hw::SNDDATAI_STATSCTRL, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_FASTUPD);
	/* 20 */
	q.reg_write(hw::HOSTCC_MODE, 0);
	EXPECT_TRUE(q.wait_for_bits(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0, hw::TG3_HOSTCC_DISABLE_POLLS * kPollNs));
	coalesce_params();
	coalesce_mode = hw::TG3_HOSTCC_COALESCE_MODE | (flow_attn_quirk() ? hw::HOSTCC_MODE_ATTN : 0);
	q.reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE | coalesce_mode);
	/* 21 */
	q.reg_write(hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE | hw::RCVCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	/* 22: DMA and statistics enables, statistics cleared; no port mode before the PHY (§11.6). */
	mac_mode = hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE | hw::MAC_MODE_TDE_ENABLE |
		   hw::MAC_MODE_RDE_ENABLE | hw::MAC_MODE_FHDE_ENABLE |
		   (ape_enabled ? hw::MAC_MODE_APE_TX_EN | hw::MAC_MODE_APE_RX_EN : 0);
	q.reg_write(hw::MAC_MODE, mac_mode | hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR);
	q.delay(kFlushNs);
	/* 23 (24: MSI-X not used, one vector) */
	q.reg_write(hw::GRC_LOCAL_CTRL, hw::TG3_GRC_LOCAL_CTRL_INIT);
	q.delay(kLocalCtrlNs);
	/* 25 */
	q.reg_write(hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE | hw::TG3_WDMAC_MODE_ATTN_ENABLES | hw::WDMAC_MODE_STATUS_TAG_FIX);
	q.delay(kFlushNs);
	/* 26 */
	q.reg_write(hw::RDMAC_MODE, rdmac_mode);
	q.delay(kFlushNs);
	if (is5720()) {
		bool over = false;
		for (unsigned ch = 0; ch < hw::TG3_NUM_RDMA_CHANNELS; ch++)
			over |= q.reg_read(hw::TG3_RDMA_LENGTH_N(ch)) > pi.max_mtu;
		if (over)
			rmw(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL, 0, hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720);
	}
	/* 27-29 */
	q.reg_write(hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE | hw::RCVDCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE);
	q.reg_write(hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE | hw::SNDBDC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE | hw::RCVBDI_MODE_RCB_ATTN_ENAB);
	const bool lrg = is5720() && deviation != Deviation::NO_LRG_RING_SZ;
	q.reg_write(hw::RCVDBDI_MODE,
		    hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ | (lrg ? hw::RCVDBDI_MODE_LRG_RING_SZ : 0));
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE);
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE | hw::SNDDATAI_MODE_HW_PRE_DMA); /* HW_TSO_3 */
	q.reg_write(hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE | hw::SNDBDI_MODE_ATTN_ENABLE);
	q.reg_write(hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE | hw::SNDBDS_MODE_ATTN_ENABLE);
	/* 31 (30: no firmware download needed) */
	const uint32_t keep_tx = is5720() ? hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE : 0;
	tx_mode = hw::TX_MODE_ENABLE | hw::TX_MODE_MBUF_LOCKUP_FIX | (q.reg_read(hw::MAC_TX_MODE) & keep_tx);
	q.reg_write(hw::MAC_TX_MODE, tx_mode);
	q.delay(kTxModeNs);
	/* 33 (32: no RSS) */
	rx_mode = hw::RX_MODE_ENABLE | hw::RX_MODE_IPV6_CSUM_ENABLE;
	q.reg_write(hw::MAC_RX_MODE, rx_mode);
	q.delay(kRxModeNs);
	/* 34, 35 */
	q.reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	q.reg_write(hw::MAC_MI_STAT, hw::MAC_MI_STAT_LNKSTAT_ATTN_ENAB);
	q.reg_write(hw::MAC_RX_MODE, rx_mode);
	q.delay(kRxModeNs);
	q.reg_write(hw::MAC_LOW_WMARK_MAX_RX_FRAME, is57765_class() ? hw::TG3_LOW_WMARK_MAX_RX_FRAME_57765
								    : hw::TG3_LOW_WMARK_MAX_RX_FRAME_DEFAULT);
	/* 36 */
	setup_phy();
	/* 37: no multicast, no extra unicast addresses */
	for (unsigned i = 0; i < hw::TG3_NUM_MAC_HASH_REGS; i++)
		q.reg_write(hw::MAC_HASH_REG(i), 0);
	/* 38: rules 0/1 written disabled, rules 7..4 zeroed (8 rules, no ASF) */
	q.reg_write(hw::MAC_RCV_RULE(0), hw::TG3_RCV_RULE_0_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	q.reg_write(hw::MAC_RCV_VALUE(0), hw::TG3_RCV_VALUE_0_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	q.reg_write(hw::MAC_RCV_RULE(1), hw::TG3_RCV_RULE_1_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	q.reg_write(hw::MAC_RCV_VALUE(1), hw::TG3_RCV_RULE_1_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	for (unsigned r = 7; r >= 4; r--) {
		q.reg_write(hw::MAC_RCV_RULE(r), 0);
		q.reg_write(hw::MAC_RCV_VALUE(r), 0);
	}
}

void Tg3::rings_reset() /* §12.3 step 13, §7.4 */
{
	const PersonalityInfo &pi = dev.info();
	for (unsigned n = 1; n < pi.send_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_SEND_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	for (unsigned n = 1; n < pi.ret_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_RCV_RET_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 1);
	q.reg_write(send_prod_mailbox(0), 0);
	q.reg_write(ret_con_mailbox(0), 0);
	clear_status_block();
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(sblk >> 32));
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(sblk));
	constexpr uint32_t kNotPowerOfTwo = 500;
	const uint32_t tx_size = deviation == Deviation::SEND_RCB_500 ? kNotPowerOfTwo : lay.tx_entries;
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx, hw::bdinfo_maxlen_flags(tx_size, 0));
	set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(0), ret[0], hw::bdinfo_maxlen_flags(lay.ret_entries, 0));
}

void Tg3::set_mac_addr() /* §12.3 step 14, §5.1 */
{
	for (unsigned i = 0; i < hw::TG3_NUM_MAC_ADDR; i++) {
		q.reg_write(hw::MAC_ADDR_HIGH(i), hw::mac_addr_high(mac));
		q.reg_write(hw::MAC_ADDR_LOW(i), hw::mac_addr_low(mac));
	}
	q.reg_write(hw::MAC_TX_BACKOFF_SEED, hw::mac_backoff_seed(mac));
}

void Tg3::coalesce_params() /* §5.6 defaults with CLRTICK; unused vectors zeroed (tg3_coal_tx/rx_init) */
{
	q.reg_write(hw::HOSTCC_TXCOL_TICKS, hw::LOW_TXCOL_TICKS_CLRTCKS);
	q.reg_write(hw::HOSTCC_TXMAX_FRAMES, hw::LOW_TXMAX_FRAMES);
	q.reg_write(hw::HOSTCC_TXCOAL_MAXF_INT, hw::DEFAULT_TXCOAL_MAXF_INT);
	for (unsigned v = 1; v < dev.info().msix_vectors; v++) {
		q.reg_write(hw::HOSTCC_TXCOL_TICKS_VEC(v), 0);
		q.reg_write(hw::HOSTCC_TXMAX_FRAMES_VEC(v), 0);
		q.reg_write(hw::HOSTCC_TXCOAL_MAXF_INT_VEC(v), 0);
	}
	q.reg_write(hw::HOSTCC_RXCOL_TICKS, hw::LOW_RXCOL_TICKS_CLRTCKS);
	q.reg_write(hw::HOSTCC_RXMAX_FRAMES, hw::LOW_RXMAX_FRAMES);
	q.reg_write(hw::HOSTCC_RXCOAL_MAXF_INT, hw::DEFAULT_RXCOAL_MAXF_INT);
	for (unsigned v = 1; v < dev.info().msix_vectors; v++) {
		q.reg_write(hw::HOSTCC_RXCOL_TICKS_VEC(v), 0);
		q.reg_write(hw::HOSTCC_RXMAX_FRAMES_VEC(v), 0);
		q.reg_write(hw::HOSTCC_RXCOAL_MAXF_INT_VEC(v), 0);
	}
}

void Tg3::enable_ints() /* tg3_enable_ints: unmask, ack the last tag, force a first update */
{
	misc_host_ctrl &= ~hw::MISC_HOST_CTRL_MASK_PCI_INT;
	q.reg_write(hw::TG3PCI_MISC_HOST_CTRL, misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
	const uint32_t last_tag = sb32(hw::SBLK_OFF_STATUS_TAG) & kTagMask;
	q.reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, last_tag << hw::SD_STATUS_TAG_MBOX_SHIFT);
	q.reg_write(hw::HOSTCC_MODE, coalesce_mode | hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_NOW);
}

void Tg3::copper_begin() /* §11.5 setup */
{
	mdio.write(hw::MII_ADVERTISE, kTg3Advertise);
	mdio.write(hw::MII_CTRL1000, kTg3Ctrl1000);
	mdio.write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
}

/* mii_resolve_flowctrl_fdx (§11.5 step 4): {tx pause, rx pause}. */
std::pair<bool, bool> resolve_pause(uint16_t lcl, uint16_t rmt)
{
	if (lcl & rmt & hw::ADVERTISE_PAUSE_CAP)
		return {true, true};
	if (lcl & rmt & hw::ADVERTISE_PAUSE_ASYM)
		return {(rmt & hw::ADVERTISE_PAUSE_CAP) != 0, (lcl & hw::ADVERTISE_PAUSE_CAP) != 0};
	return {false, false};
}

bool Tg3::setup_phy() /* tg3_setup_phy -> tg3_setup_copper_phy, §11.5 and §11.6 */
{
	q.reg_write(hw::MAC_STATUS, hw::TG3_MAC_STATUS_CHANGE_BITS); /* tg3_clear_mac_status */
	q.delay(kFlushNs);
	uint16_t bmsr = 0;
	for (unsigned i = 0; i < kBmsrPolls; i++) { /* step 1: latched-low, read twice */
		mdio.read(hw::MII_BMSR);
		bmsr = mdio.read(hw::MII_BMSR);
		if (bmsr & hw::BMSR_LSTATUS)
			break;
		q.delay(kBmsrPollNs);
	}
	bool up = false;
	uint16_t lpa = 0;
	if (bmsr & hw::BMSR_LSTATUS) {
		uint16_t aux = 0; /* step 2 */
		for (unsigned i = 0; i < kAuxStatPolls; i++) {
			if ((aux = mdio.read(hw::MII_TG3_AUX_STAT)) != 0)
				break;
			q.delay(kPollNs);
		}
		link = hw::tg3_aux_stat_speed_duplex(aux);
		uint16_t bmcr = 0;
		for (unsigned i = 0; i < kBmcrPolls; i++) {
			bmcr = mdio.read(hw::MII_BMCR);
			if (bmcr != 0 && bmcr != hw::TG3_BMCR_INVALID_READ)
				break;
			q.delay(kPollNs);
		}
		/* step 3: our advertisement still in place, partner pages readable */
		const bool adv_ok = (mdio.read(hw::MII_ADVERTISE) & kTg3AdvertiseMask) == (kTg3Advertise & kTg3AdvertiseMask) &&
				    mdio.read(hw::MII_CTRL1000) == kTg3Ctrl1000;
		lpa = mdio.read(hw::MII_LPA);
		(void)mdio.read(hw::MII_STAT1000);
		up = (bmcr & hw::BMCR_ANENABLE) && adv_ok && link.speed != 0;
	}
	if (!up) {
		copper_begin();
		mdio.read(hw::MII_BMSR);
		up = (mdio.read(hw::MII_BMSR) & hw::BMSR_LSTATUS) && link.speed != 0;
	}
	if (up && link.full_duplex) { /* step 4 */
		const auto [txp, rxp] = resolve_pause(kTg3Advertise, lpa);
		const uint32_t rx = rxp ? rx_mode | hw::RX_MODE_FLOW_CTRL_ENABLE : rx_mode & ~hw::RX_MODE_FLOW_CTRL_ENABLE;
		const uint32_t txm = txp ? tx_mode | hw::TX_MODE_FLOW_CTRL_ENABLE : tx_mode & ~hw::TX_MODE_FLOW_CTRL_ENABLE;
		if (rx != rx_mode)
			q.reg_write(hw::MAC_RX_MODE, rx_mode = rx);
		if (txm != tx_mode)
			q.reg_write(hw::MAC_TX_MODE, tx_mode = txm);
	}
	/* §11.6: GMII at 1000 and while down, MII at 10/100. */
	uint32_t port = up && link.speed != 1000 ? hw::MAC_MODE_PORT_MODE_MII : hw::MAC_MODE_PORT_MODE_GMII;
	if (up && deviation == Deviation::PORT_MODE_MII)
		port = hw::MAC_MODE_PORT_MODE_MII;
	mac_mode = (mac_mode & ~(hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX)) | port |
		   (up && !link.full_duplex ? hw::MAC_MODE_HALF_DUPLEX : 0);
	q.reg_write(hw::MAC_MODE, mac_mode);
	q.delay(kFlushNs);
	q.reg_write(hw::MAC_EVENT, hw::MAC_EVENT_LNKSTATE_CHANGED);
	q.delay(kFlushNs);
	const uint32_t keep_len = is5720() ? hw::TX_LENGTHS_JMB_FRM_LEN_MSK | hw::TX_LENGTHS_CNT_DWN_VAL_MSK : 0;
	const uint32_t slot = up && link.speed == 1000 && !link.full_duplex ? hw::TX_LENGTHS_SLOT_TIME_1000_HALF
									     : hw::TX_LENGTHS_SLOT_TIME_DEFAULT;
	q.reg_write(hw::MAC_TX_LENGTHS,
		    hw::field_replace(hw::MAC_TX_LENGTHS_TG3_DEFAULT, hw::TX_LENGTHS_SLOT_TIME_MASK, slot) |
			    (q.reg_read(hw::MAC_TX_LENGTHS) & keep_len));
	link_up = up;
	return up;
}

/* tg3_poll_link: on SD_STATUS_LINK_CHG clear it in memory and re-run the PHY setup (§9.1, §11.7). */
bool Tg3::wait_link(uint64_t timeout_ns)
{
	for (uint64_t t = 0; t < timeout_ns && !link_up; t += kLinkPollNs) {
		q.delay(kLinkPollNs);
		const uint32_t st = sb32(hw::SBLK_OFF_STATUS);
		if (!(st & hw::SD_STATUS_LINK_CHG))
			continue;
		sb_store32(hw::SBLK_OFF_STATUS, hw::SD_STATUS_UPDATED | (st & ~hw::SD_STATUS_LINK_CHG));
		setup_phy();
	}
	return link_up;
}

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

void Thundergate::init() /* Device.init(), §12.2 last paragraph */
{
	const uint16_t cmd = dev.cfg_read16(pci::kCommandStatus);
	dev.cfg_write16(pci::kCommandStatus, static_cast<uint16_t>(cmd | pci::kCommandMemory | pci::kCommandMaster));
	/* init_eratta (§5.5, §15) */
	rmw(hw::TG3_CPMU_PADRNG_CTL, 0, hw::TG3_CPMU_PADRNG_CTL_RDIV2);
	rmw(hw::TG3_CPMU_LSPD_10MB_CLK, hw::CPMU_LSPD_10MB_MACCLK_MASK, hw::CPMU_LSPD_10MB_MACCLK_6_25);
	/* mask interrupts, misc host ctrl (§2.3), memory arbiter, GRC swap bits */
	misc_host_ctrl |= hw::MISC_HOST_CTRL_MASK_PCI_INT | hw::MISC_HOST_CTRL_PCISTATE_RW |
			  hw::MISC_HOST_CTRL_INDIR_ACCESS | hw::MISC_HOST_CTRL_WORD_SWAP;
	const uint32_t chiprev = q.cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
	rmw(hw::MEMARB_MODE, 0, hw::MEMARB_MODE_ENABLE);
	rmw(hw::GRC_MODE, 0, hw::TG3_GRC_MODE_SWAP_LE);
}

void Thundergate::bring_up()
{
	alloc({kTgSendEntries, kTgStdEntries, kTgRetEntries, kTgRetRings, kTgRxBufLen, false});
	clear_status_block();
	init();
	ASSERT_TRUE(q.chip_reset()) << "§12.2 with the §6.2 handshake";
	init();
	q.delay(kTgSettleNs);
	misc_host_ctrl |= hw::MISC_HOST_CTRL_TAGGED_STATUS;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
	const bool mps = hw::field_get(pci::kExpDevCtlPayloadMask, q.cfg_read(pci::kExpDevCtl)) != 0;
	rmw(hw::TG3PCI_DMA_RW_CTRL, hw::DMA_RWCTRL_WRITE_WATER,
	    hw::field_set(hw::DMA_RWCTRL_WRITE_WATER, kTgDmaWriteWater + (mps ? 1 : 0)) |
		    hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT);
	rmw(hw::MSGINT_MODE, hw::MSGINT_MODE_MULTIVEC_EN, 0);
	rmw(hw::GRC_LOCAL_CTRL, 0, hw::GRC_LCLCTRL_INT_ON_ATTN | hw::GRC_LCLCTRL_AUTO_SEEPROM);
	rmw(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_PRESCALAR_MASK, hw::field_set(hw::GRC_MISC_CFG_PRESCALAR_MASK, kTgPrescaler));
	rmw(hw::GRC_MODE, 0, hw::GRC_MODE_NO_TX_PHDR_CSUM | hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_HOST_STACKUP);
	q.reg_write(hw::BUFMGR_MB_MACRX_LOW_WATER, kTgMbufMacRxLow);
	q.reg_write(hw::BUFMGR_MB_HIGH_WATER, kTgMbufHigh);
	q.reg_write(hw::MAC_LOW_WMARK_MAX_RX_FRAME, kTgLowWmark);
	rmw(hw::BUFMGR_MODE, 0, hw::BUFMGR_MODE_ATTN_ENABLE | hw::BUFMGR_MODE_ENABLE);
	q.reg_write(hw::RCVBDI_STD_THRESH, kTgStdThresh);
	set_rcb_regs(hw::RCVDBDI_STD_BD, stdr, hw::bdinfo_std_maxlen_flags_57765(kTgStdEntries, kTgMaxFrameLen));
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR, kTgNicAddr);
	q.reg_write(hw::RCVDBDI_MINI_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 0);
	q.reg_write(hw::STD_REPLENISH_LWM, kTgStdLwm);
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx, hw::bdinfo_maxlen_flags(kTgSendEntries, 0));
	for (unsigned n = 1; n < dev.info().send_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_SEND_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(send_prod_mailbox(0), 0);
	for (unsigned n = 0; n < kTgRetRings; n++)
		set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(n), ret[n], hw::bdinfo_maxlen_flags(kTgRetEntries, 0), true,
			     kTgNicAddr);
	/* TX MAC: backoff seed from the boot code's address, IPG 6, IPG_CRS 2, slot 0x20 (field writes) */
	MacAddress mac{};
	hw::mac_addr_unpack(q.reg_read(hw::MAC_ADDR_0_HIGH), q.reg_read(hw::MAC_ADDR_0_LOW), mac);
	q.reg_write(hw::MAC_TX_BACKOFF_SEED, hw::mac_backoff_seed(mac));
	uint32_t len = q.reg_read(hw::MAC_TX_LENGTHS);
	len = hw::field_replace(len, hw::TX_LENGTHS_IPG_MASK, hw::TX_LENGTHS_IPG_DEFAULT);
	len = hw::field_replace(len, hw::TX_LENGTHS_IPG_CRS_MASK, hw::TX_LENGTHS_IPG_CRS_DEFAULT);
	len = hw::field_replace(len, hw::TX_LENGTHS_SLOT_TIME_MASK, hw::TX_LENGTHS_SLOT_TIME_DEFAULT);
	q.reg_write(hw::MAC_TX_LENGTHS, len);
	q.reg_write(hw::MAC_RX_MTU_SIZE, kTgRxMtu);
	rmw(hw::MAC_RCV_RULE_CFG, kRuleCfgDefaultClassMask, hw::field_set(kRuleCfgDefaultClassMask, 2));
	uint32_t rlp = q.reg_read(hw::RCVLPC_CONFIG);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_DEF_INT_DIST_QUEUE_MASK, 0);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_BAD_FRAMES_CLASS_MASK, 1);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_ACTIVE_LISTS_MASK, 16);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_LISTS_PER_GROUP_MASK, 1);
	q.reg_write(hw::RCVLPC_CONFIG, rlp);
	EXPECT_EQ(q.reg_read(hw::RCVLPC_STATS_ENABLE), kTgStatsMask) << "Thundergate asserts it (§5.4)";
	rmw(hw::RCVLPC_STATSCTRL, 0, hw::RCVLPC_STATSCTRL_ENABLE);
	q.reg_write(hw::SNDDATAI_STATSENAB, hw::TG3_SNDDATAI_STATSENAB_ALL);
	rmw(hw::SNDDATAI_STATSCTRL, 0, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_FASTUPD);
	/* host coalescing: disable, 32-byte block, clear ticks on RX BDs, coalescing, address, enable */
	rmw(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0);
	EXPECT_TRUE(q.wait_for_bits(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0, hw::TG3_HOSTCC_DISABLE_POLLS * kPollNs));
	rmw(hw::HOSTCC_MODE, hw::HOSTCC_MODE_STATBLK_SIZE_MASK, hw::HOSTCC_MODE_32BYTE | hw::HOSTCC_MODE_CLRTICK_RXBD);
	q.reg_write(hw::HOSTCC_RXCOL_TICKS, kTgRxTicks);
	q.reg_write(hw::HOSTCC_TXCOL_TICKS, kTgTxTicks);
	q.reg_write(hw::HOSTCC_RXMAX_FRAMES, kTgRxFrames);
	q.reg_write(hw::HOSTCC_TXMAX_FRAMES, kTgTxFrames);
	q.reg_write(hw::HOSTCC_RXCOAL_MAXF_INT, kTgRxFramesInt);
	q.reg_write(hw::HOSTCC_TXCOAL_MAXF_INT, kTgTxFramesInt);
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(sblk >> 32));
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(sblk));
	rmw(hw::HOSTCC_MODE, 0, hw::HOSTCC_MODE_ENABLE);
	q.reg_write(hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE | hw::RCVCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	rmw(hw::MAC_MODE, 0, hw::MAC_MODE_FHDE_ENABLE | hw::MAC_MODE_RDE_ENABLE | hw::MAC_MODE_TDE_ENABLE);
	rmw(hw::MAC_MODE, 0, hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR);
	EXPECT_TRUE(q.wait_for_bits(hw::MAC_MODE, hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR, 0, kMs))
		<< "the statistics-clear strobes self-clear (§5.1)";
	rmw(hw::MAC_MODE, 0, hw::MAC_MODE_RXSTAT_ENABLE | hw::MAC_MODE_TXSTAT_ENABLE);
	rmw(hw::MAC_EVENT, 0, hw::MAC_EVENT_LNKSTATE_CHANGED);
	rmw(hw::GRC_MODE, 0, hw::GRC_MODE_IRQ_ON_MAC_ATTN);
	q.reg_write(hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE | hw::TG3_WDMAC_MODE_ATTN_ENABLES | hw::WDMAC_MODE_STATUS_TAG_FIX);
	q.reg_write(hw::RDMAC_MODE, hw::RDMAC_MODE_ENABLE | hw::TG3_RDMAC_MODE_ATTN_ENABLES |
					    hw::field_set(hw::RDMAC_MODE_FIFO_LONG_BURST, kTgRdmaBurst) |
					    hw::RDMAC_MODE_JMB_2K_MMRR);
	q.reg_write(hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE);
	q.reg_write(hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE);
	q.reg_write(hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE);
	q.reg_write(hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE);
	q.reg_write(hw::RCVDBDI_MODE, hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ);
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE); /* no multi-segment, no HW pre-DMA */
	q.reg_write(hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE);
	q.reg_write(hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE);
	fill_std(kTgStdEntries);
	q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, kTgStdEntries - 1); /* producer = N - 1 */
	rmw(hw::MAC_TX_MODE, 0, hw::TX_MODE_ENABLE | hw::TX_MODE_MBUF_LOCKUP_FIX);
	q.delay(kTgMacModeNs);
	rmw(hw::MAC_RX_MODE, 0, hw::RX_MODE_PROMISC | hw::RX_MODE_ACCEPT_RUNTS | hw::RX_MODE_RSS_ENABLE | hw::RX_MODE_ENABLE);
	q.delay(kTgMacModeNs);
	q.reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	misc_host_ctrl &= ~hw::MISC_HOST_CTRL_MASK_PCI_INT;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
}

uint16_t Thundergate::phy_poll(uint16_t reg, uint16_t mask, uint16_t want, unsigned polls, uint64_t every)
{
	uint16_t v = 0;
	for (unsigned i = 0; i < polls; i++) {
		if (((v = mdio.read(reg)) & mask) == want)
			return v;
		q.delay(every);
	}
	ADD_FAILURE() << "PHY register " << reg << " never reached " << want;
	return v;
}

bool Thundergate::link_detect() /* GPhy.autonegotiate, then the MAC port mode (§11.5, §11.6) */
{
	mdio.write(hw::MII_BMCR, hw::BMCR_RESET);
	phy_poll(hw::MII_BMCR, hw::BMCR_RESET, 0, kTgPhyPolls, kTgPhyPollNs);
	mdio.write(hw::MII_TG3_AUX_CTRL, kTgAuxCtlReadMisc);
	const uint16_t misc = mdio.read(hw::MII_TG3_AUX_CTRL);
	mdio.write(hw::MII_TG3_AUX_CTRL, misc | kAuxCtlForceAmdix | hw::MII_TG3_AUXCTL_MISC_WREN);
	const uint16_t bmcr = mdio.read(hw::MII_BMCR);
	mdio.write(hw::MII_BMCR, bmcr | hw::BMCR_LOOPBACK);
	mdio.write(hw::MII_BMCR, bmcr & ~hw::BMCR_LOOPBACK);
	mdio.write(hw::MII_ADVERTISE, kTgAnar);
	mdio.write(hw::MII_CTRL1000, kTgCtrl1000);
	mdio.write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
	phy_poll(hw::MII_BMSR, hw::BMSR_ANEGCOMPLETE, hw::BMSR_ANEGCOMPLETE, kTgPhyPolls, kTgAnPollNs);
	const hw::MiiSpeedDuplex sd = hw::tg3_aux_stat_speed_duplex(mdio.read(hw::MII_TG3_AUX_STAT));
	if (sd.speed == 0)
		return false;
	/* port mode per §11.6; full duplex per tg3 (Thundergate's half_duplex = 1 at 1000 is its bug, §16.5) */
	rmw(hw::MAC_MODE, hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX,
	    (sd.speed == 1000 ? hw::MAC_MODE_PORT_MODE_GMII : hw::MAC_MODE_PORT_MODE_MII) |
		    (sd.full_duplex ? 0 : hw::MAC_MODE_HALF_DUPLEX));
	return sd.speed == 1000 && sd.full_duplex;
}

/* ======================= fixtures ======================= */

class BringUpTest : public ModelTest {
protected:
	void SetUp() override
	{
		Config c = strict_config(GetParam());
		c.trace_capacity = kTraceEntries;
		make(c);
		arena = std::make_unique<DmaArena>(kArenaBytes16M);
		arena->attach(*dev);
		auto w = make_loop_wire();
		loop = w.get();
		dev->attach_wire(std::move(w));
		mdio = std::make_unique<Mdio>(*q, macphy::expected_phy_addr(GetParam(), c.pci_function));
		tg3 = std::make_unique<Tg3>(*dev, *q, *arena, *mdio);
	}
	/* tg3 from probe to link; false if the link never came up. */
	bool tg3_bring_up(Deviation d = Deviation::NONE)
	{
		tg3->deviation = d;
		tg3->probe();
		tg3->open();
		return tg3->wait_link();
	}
	uint64_t ctr(uint64_t Counters::*c) const { return dev->counters().*c; }
	static uint32_t total_bds(const std::vector<TxFrame> &v)
	{
		uint32_t n = 0;
		for (const TxFrame &f : v)
			n += f.bds();
		return n;
	}

	Wire *loop = nullptr;
	std::unique_ptr<Mdio> mdio;
	std::unique_ptr<Tg3> tg3;
};

class ThundergateTest : public BringUpTest {};

/* ======================= tests ======================= */

/* tg3 (§12.1-§12.3, §11.5-§11.7) brings the chip up; a mixed burst loops byte-exact. */
TEST_P(BringUpTest, Tg3OrderBringUpLoopsFrames)
{
	const PersonalityInfo &pi = dev->info();
	const bool is5720 = GetParam() == Personality::BCM5720;
	dev->set_trace(true);
	ASSERT_TRUE(tg3_bring_up()) << "no link (§11.5)";
	const std::vector<TraceEntry> trace = dev->trace();
	ASSERT_LT(trace.size(), kTraceEntries) << "the ring wrapped: the reset is lost";
	expect_tg3_order(trace);
	dev->set_trace(false);
	EXPECT_EQ(tg3->link.speed, 1000u);
	EXPECT_TRUE(tg3->link.full_duplex);

	/* The values of §12.2/§12.3 as the chip holds them. */
	EXPECT_EQ(q->reg_read(hw::GRC_MISC_CFG) & hw::GRC_MISC_CFG_PRESCALAR_MASK, 0x82u) << "prescaler 65 (§5.11)";
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MB_MACRX_LOW_WATER), 0x2Au);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MB_HIGH_WATER), 0xA0u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_THRESH), 25u);
	EXPECT_EQ(q->reg_read(hw::STD_REPLENISH_LWM), 128u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_MAXLEN_FLAGS), (pi.std_ring_entries << 16) | 0x1800u);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR), is5720 ? 0x40000u : 0x6000u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), kRxPending) << "§4.3: 200 posted";
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_SEND_RCB_N(0) + hw::TG3_BDINFO_MAXLEN_FLAGS), 512u << 16);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_RCV_RET_RCB_N(pi.ret_rcbs - 1) + hw::TG3_BDINFO_MAXLEN_FLAGS),
		  hw::BDINFO_FLAGS_DISABLED);
	EXPECT_EQ(q->reg_read(hw::MAC_ADDR_3_LOW), hw::mac_addr_low(kTestMac));
	EXPECT_EQ(q->reg_read(hw::MAC_TX_BACKOFF_SEED), hw::mac_backoff_seed(kTestMac));
	EXPECT_EQ(q->reg_read(hw::MAC_RX_MTU_SIZE), 1522u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_LENGTHS) & 0xFFFFu, 0x2620u);
	if (is5720) {
		EXPECT_NE(q->reg_read(hw::MAC_TX_LENGTHS) & hw::TX_LENGTHS_JMB_FRM_LEN_MSK, 0u) << "boot-code field kept";
	}
	EXPECT_EQ(q->reg_read(hw::RCVLPC_CONFIG), 0x181u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_STATS_ENABLE) & hw::RCVLPC_STATSENAB_DACK_FIX, 0u);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE), tg3->coalesce_mode | hw::HOSTCC_MODE_ENABLE) << "NOW self-clears";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE), tg3->mac_mode) << "statistics-clear strobes self-clear (§5.1)";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE) & hw::MAC_MODE_PORT_MODE_MASK, hw::MAC_MODE_PORT_MODE_GMII) << "§11.6";
	EXPECT_EQ(q->reg_read(hw::RDMAC_MODE), tg3->rdmac_mode);
	EXPECT_EQ(q->reg_read(hw::WDMAC_MODE), 0x200003FEu) << "enable, all attentions, STATUS_TAG_FIX (§5.9)";
	EXPECT_EQ(q->reg_read(hw::GRC_LOCAL_CTRL), 0x01000009u)
		<< "INT_ON_ATTN | AUTO_SEEPROM (§5.11), INT_ACTIVE: tg3_enable_ints' forced interrupt, no ISR here";
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_MODE), is5720 ? 0x00010012u : 0x00000012u) << "LRG_RING_SZ on 5717_PLUS";
	EXPECT_EQ(q->reg_read(hw::SNDDATAI_MODE), 0x0000000Au) << "enable | HW pre-DMA (§5.3)";
	EXPECT_EQ(q->reg_read(hw::MAC_LED_CTRL), 0x800u);
	EXPECT_EQ(q->reg_read(hw::MAC_MI_STAT), hw::MAC_MI_STAT_LNKSTAT_ATTN_ENAB);
	EXPECT_EQ(q->reg_read(hw::MAC_LOW_WMARK_MAX_RX_FRAME), is5720 ? 2u : 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RCV_RULE(0)), 0x42000000u) << "tg3 writes the rules disabled (§5.1)";
	EXPECT_EQ(q->reg_read(hw::MAC_EVENT), hw::MAC_EVENT_LNKSTATE_CHANGED);
	if (is5720) {
		EXPECT_EQ(q->cfg_read(hw::TG3PCI_PCISTATE) & kApePcistate, kApePcistate) << "§12.3 step 4";
		EXPECT_EQ(q->reg_read(hw::MAC_TX_MODE) & (hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE),
			  hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE) << "boot-code bits kept (§15)";
	}
	EXPECT_EQ(q->reg_read(hw::MAC_TX_MODE) & hw::TX_MODE_MBUF_LOCKUP_FIX, hw::TX_MODE_MBUF_LOCKUP_FIX);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_MODE) & hw::RX_MODE_IPV6_CSUM_ENABLE, hw::RX_MODE_IPV6_CSUM_ENABLE);
	EXPECT_TRUE(q->reg_read(hw::MAC_RX_MODE) & hw::RX_MODE_FLOW_CTRL_ENABLE) << "pause resolved (§11.5 step 4)";
	EXPECT_EQ(q->reg_read(hw::TG3PCI_DMA_RW_CTRL),
		  (tg3->boot_dma_rwctrl | hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT) | (is5720 ? hw::DMA_RWCTRL_TAGGED_STAT_WA : 0))
		<< "boot-code watermarks and commands kept (§3)";
	EXPECT_NE(tg3->boot_dma_rwctrl & hw::DMA_RWCTRL_PCI_WRITE_CMD, 0u);
	for (uint32_t st : {hw::SNDBDS_STATUS, hw::SNDBDI_STATUS, hw::RCVDBDI_STATUS, hw::RCVBDI_STATUS, hw::HOSTCC_STATUS,
			    hw::RDMAC_STATUS, hw::WDMAC_STATUS})
		EXPECT_EQ(q->reg_read(st), 0u) << chip().regs().name_of(st);
	EXPECT_FALSE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR);

	/* Traffic. */
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	const uint32_t bds = total_bds(frames);
	const auto n = static_cast<uint16_t>(frames.size());
	EXPECT_EQ(loop->stats().tx_frames, frames.size());
	EXPECT_EQ(loop->stats().rx_frames, frames.size());
	EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_UPDATED);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), bds) << "§9.1 tx_consumer";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), n) << "§9.1 rx_producer";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_RX_STD_CONSUMER), n) << "§9.1 rx_consumer";
	EXPECT_TRUE(tg3->sentinel_intact()) << "HOSTCC_MODE_32BYTE writes 32 bytes (§9.1)";
	const std::vector<hw::RxBd> rx = tg3->reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	uint64_t octets = 0;
	for (size_t i = 0; i < rx.size(); i++) {
		SCOPED_TRACE(i);
		const TxFrame &f = frames[i];
		EXPECT_EQ(rx[i].len(), f.back.size() + kFcs) << "§8.4 length includes the FCS";
		EXPECT_EQ(rx[i].index(), 0u) << "tg3 leaves the BD index 0 (§8.2)";
		EXPECT_EQ(rx[i].opaque, hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, static_cast<uint32_t>(i)));
		EXPECT_EQ(rx[i].addr(), tg3->buf[i]);
		EXPECT_EQ(rx[i].flags(), f.rx_flags);
		EXPECT_EQ(rx[i].err(), 0u);
		if (f.rx_flags & hw::RXD_FLAG_TCPUDP_CSUM) {
			EXPECT_EQ(rx[i].ip_tcp_csum, 0xFFFFFFFFu) << "§10.1: 0xFFFF = correct";
		}
		EXPECT_EQ(tg3->data(rx[i]), f.back);
		octets += f.back.size() + kFcs;
	}
	/* §5.2 statistics (read once: clear-on-read). */
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_OCTETS), octets);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), n - 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_BCAST), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_OCTETS), octets);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), n - 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_BCAST), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FCS_ERRORS), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 0u);

	/* tg3 is not promiscuous: a frame for another station does not come back (§5.1 filter). */
	TxFrame foreign;
	foreign.tx = foreign.back = plain(kForeignMac, 100, 0x70);
	tg3->send({foreign});
	EXPECT_EQ(loop->stats().rx_frames, frames.size() + 1);
	EXPECT_EQ(ctr(&Counters::mac_rx_filtered), 1u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), bds + 1u);
	EXPECT_TRUE(tg3->reap(0).empty());
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), 0u);
}

/* The order helper is not vacuous: it rejects swapped, missing and probe-only milestones. */
TEST(BringUpOrder, Tg3OrderHelperRejectsOtherOrders)
{
	constexpr uint32_t kOtherBit = 0x00100000; /* milestone values carry more than the bits checked */
	std::vector<TraceEntry> good;
	auto w = [](uint32_t off, uint32_t val) { return TraceEntry{0, TraceEntry::Space::BAR0, 'W', off, val, "?"}; };
	good.push_back(w(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE)); /* probe time (§12.1 step 4) */
	good.push_back(w(hw::GRC_MODE, hw::TG3_GRC_MODE_SWAP_LE));
	for (const Milestone &m : kTg3Milestones)
		good.push_back(w(m.lo, m.need | kOtherBit));
	EXPECT_TRUE(tg3_order_violations(good).empty());

	std::vector<TraceEntry> swapped = good; /* RDMAC before WDMAC */
	const auto wd = std::find_if(swapped.begin(), swapped.end(),
				     [](const TraceEntry &e) { return e.offset == hw::WDMAC_MODE; });
	std::iter_swap(wd, wd + 1);
	ASSERT_EQ(swapped[wd - swapped.begin()].offset, hw::RDMAC_MODE);
	EXPECT_EQ(tg3_order_violations(swapped).size(), 1u);

	std::vector<TraceEntry> no_bufmgr = good; /* BUFMGR written but never enabled */
	for (TraceEntry &e : no_bufmgr)
		if (e.offset == hw::BUFMGR_MODE)
			e.value = 0;
	const auto v = tg3_order_violations(no_bufmgr);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_NE(v[0].find("BUFMGR"), std::string::npos);

	std::vector<TraceEntry> late_reset = good; /* a second reset after everything: nothing follows it */
	late_reset.push_back(w(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET));
	EXPECT_EQ(tg3_order_violations(late_reset).size(), std::size(kTg3Milestones) - 1);
	EXPECT_EQ(tg3_order_violations({}).size(), 1u);
}

/* §12.3 step 9 left out: the engines never start, nothing is fetched or sent. */
TEST_P(BringUpTest, WithoutBufmgrEnableNothingMoves)
{
	dev->set_trace(true);
	ASSERT_TRUE(tg3_bring_up(Deviation::NO_BUFMGR_ENABLE)) << "the PHY does not need the buffer manager";
	const auto v = tg3_order_violations(dev->trace());
	ASSERT_EQ(v.size(), 1u);
	EXPECT_NE(v[0].find("BUFMGR"), std::string::npos);
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MODE) & hw::BUFMGR_MODE_ENABLE, 0u) << "why: the buffer manager is off";
	EXPECT_EQ(q->reg_read(hw::SNDBDI_IN_PROD_IDX(0)), 0u) << "the send BD initiator never saw the producer";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_EQ(ctr(&Counters::tx_frames), 0u);
	EXPECT_EQ(loop->stats().tx_frames, 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), 0u);
}

/* §12.3 step 12 left out: frames come back to the MAC but find no buffer (§4.3, §14.2). */
TEST_P(BringUpTest, WithoutStdProducerFramesFindNoBuffer)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::NO_STD_PRODUCER));
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), total_bds(frames)) << "the send side works";
	EXPECT_EQ(loop->stats().rx_frames, frames.size()) << "and the frames came back to the MAC";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_RX_STD_CONSUMER), 0u);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), 0u);
	EXPECT_GE(q->reg_read(hw::RCVLPC_NO_RCV_BD_CNT), 1u) << "why: rxbds_empty (§5.2)";
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), frames.size() - 1) << "the MAC did receive them";
	EXPECT_TRUE(tg3->reap(0).empty());
	/* The step done late: the frames waiting on chip are placed in order. */
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, kRxPending);
	q->delay(kTrafficNs);
	const std::vector<hw::RxBd> rx = tg3->reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	for (size_t i = 0; i < rx.size(); i++)
		EXPECT_EQ(tg3->data(rx[i]), frames[i].back) << i;
}

/* §12.3 step 13 with a 500-entry send RCB (§7.2: powers of two only): the selector raises its attention. */
TEST_P(BringUpTest, SendRcbNotPowerOfTwoRaisesAttention)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::SEND_RCB_500));
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(ctr(&Counters::tx_bad_ring), 1u) << "why: invalid ring size";
	EXPECT_EQ(q->reg_read(hw::SNDBDS_STATUS) & hw::SNDBDS_STATUS_ERROR_ATTN, hw::SNDBDS_STATUS_ERROR_ATTN);
	EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR) << "§9.1 error attention";
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), 0u);
	EXPECT_EQ(ctr(&Counters::tx_frames), 0u);
	EXPECT_EQ(loop->stats().tx_frames, 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
}

/* §11.6 done wrong: MII on a 1000 Mbit/s link. The engine sends, the MAC cannot. */
TEST_P(BringUpTest, MiiPortModeAtGigabitPutsNothingOnTheWire)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::PORT_MODE_MII));
	EXPECT_EQ(tg3->link.speed, 1000u) << "AUX_STAT says gigabit";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE) & hw::MAC_MODE_PORT_MODE_MASK, hw::MAC_MODE_PORT_MODE_MII);
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), total_bds(frames)) << "BDs are still completed";
	EXPECT_EQ(ctr(&Counters::tx_mac_refused), frames.size());
	EXPECT_EQ(ctr(&Counters::mac_tx_dropped), frames.size());
	EXPECT_GE(ctr(&Counters::mac_port_mode_mismatch), frames.size()) << "why: port mode vs link speed";
	EXPECT_EQ(loop->stats().tx_frames, 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_STATS_UCAST), 0u);
	EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
}

/*
 * §12.3 step 29 without RCVDBDI_MODE_LRG_RING_SZ. The 5720's 2048-entry std
 * ring needs it (the model's reading of tg3's LRG_PROD_RING_CAP, §5.4): the
 * ring is refused with INV_RING_SZ. The 57762's 512 entries do not: frames loop.
 */
TEST_P(BringUpTest, StdRingWithoutLrgRingSize)
{
	ASSERT_TRUE(tg3_bring_up(Deviation::NO_LRG_RING_SZ));
	const std::vector<TxFrame> frames = mixed_frames(kTestMac);
	tg3->send(frames);
	EXPECT_EQ(loop->stats().rx_frames, frames.size());
	if (GetParam() == Personality::BCM5720) {
		EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 0u);
		EXPECT_EQ(q->reg_read(hw::RCVDBDI_STATUS) & hw::RCVDBDI_STATUS_INV_RING_SZ, hw::RCVDBDI_STATUS_INV_RING_SZ);
		EXPECT_GE(ctr(&Counters::rx_bad_ring), frames.size());
		EXPECT_EQ(q->reg_read(hw::RCVLPC_IN_DISCARDS_CNT), frames.size());
		EXPECT_TRUE(tg3->sb32(hw::SBLK_OFF_STATUS) & hw::SD_STATUS_ERROR);
	} else {
		EXPECT_EQ(tg3->sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), frames.size());
		EXPECT_EQ(q->reg_read(hw::RCVDBDI_STATUS), 0u);
	}
}

/* Thundergate's §12.5 order and values on the 57762; promiscuous, runts accepted, RSS on ring 0. */
TEST_P(ThundergateTest, ThundergateBringUpLoopsFrames)
{
	Thundergate tgd(*dev, *q, *arena, *mdio);
	tgd.bring_up();
	ASSERT_TRUE(tgd.link_detect()) << "1000/full expected against the default partner";
	EXPECT_EQ(q->reg_read(hw::RCVLPC_CONFIG), 0x181u);
	EXPECT_EQ(q->reg_read(hw::MAC_TX_LENGTHS), 0x2620u);
	EXPECT_EQ(q->reg_read(hw::MAC_RCV_RULE_CFG), hw::RCV_RULE_CFG_DEFAULT_CLASS);
	EXPECT_EQ(q->reg_read(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_MAXLEN_FLAGS), (128u << 16) | (0x600u << 2));
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE),
		  hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_32BYTE | hw::HOSTCC_MODE_CLRTICK_RXBD);
	EXPECT_EQ(hw::field_get(hw::DMA_RWCTRL_WRITE_WATER, q->reg_read(hw::TG3PCI_DMA_RW_CTRL)), kTgDmaWriteWater);
	EXPECT_EQ(q->reg_read(hw::RCVBDI_STD_PROD_IDX), kTgStdEntries - 1) << "N - 1 posted";
	EXPECT_EQ(q->reg_read(hw::MAC_MODE) & (hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX),
		  hw::MAC_MODE_PORT_MODE_GMII);

	/* Promiscuous: station, foreign and broadcast frames all come back; a TCP frame is checksummed. */
	std::vector<TxFrame> frames;
	auto add = [&frames](Frame f, std::vector<uint32_t> split = {}) {
		TxFrame t;
		t.back = f;
		t.tx = std::move(f);
		t.split = std::move(split);
		frames.push_back(std::move(t));
	};
	add(plain(kTestMac, 64, 1));
	add(plain(kForeignMac, 300, 2), {100, 200});
	add(plain(kBroadcast, 1000, 3));
	const Pkt p = engines::make_pkt(false, engines::kTcp, 200);
	add(p.f);
	frames.back().rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM | hw::RXD_FLAG_IS_TCP;
	/* Longest frame under Thundergate's MAC_RX_MTU_SIZE 1500 (with FCS): fine. */
	add(plain(kTestMac, kTgRxMtu - kFcs, 4));
	/* A maximal 1514-byte frame is 1518 with FCS > 1500: FRAME_TOO_LONG, delivered flagged (mac.h rule). */
	add(plain(kTestMac, kMaxFrame, 5), {1000, kMaxFrame - 1000});
	frames.back().rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_ERROR;
	/* A runt (56 bytes + host FCS via TXD_FLAG_NO_CRC): RX_MODE_ACCEPT_RUNTS keeps it, flagged. */
	Frame runt = plain(kTestMac, kEthZlen, 6);
	add(runt);
	frames.back().flags = hw::TXD_FLAG_NO_CRC;
	frames.back().back.resize(kEthZlen - kFcs);
	frames.back().rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_ERROR;

	tgd.send(frames);
	EXPECT_EQ(loop->stats().tx_frames, frames.size());
	const auto n = static_cast<uint16_t>(frames.size());
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_IDX0_TX_CONSUMER), total_bds(frames));
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), n);
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_RX_STD_CONSUMER), n);
	for (unsigned r = 1; r < kTgRetRings; r++)
		EXPECT_EQ(tgd.sb16(hw::StatusBlock::ret_ring_producer_offset(r)), 0u) << "RSS remap slot of ring " << r;
	EXPECT_TRUE(tgd.sentinel_intact());
	const std::vector<hw::RxBd> rx = tgd.reap(0);
	ASSERT_EQ(rx.size(), frames.size());
	for (size_t i = 0; i < rx.size(); i++) {
		SCOPED_TRACE(i);
		EXPECT_EQ(rx[i].index(), i) << "§8.4: the producer BD's index (Thundergate finds its buffer with it)";
		EXPECT_EQ(rx[i].opaque, 0u);
		EXPECT_EQ(rx[i].len(), frames[i].back.size() + kFcs);
		EXPECT_EQ(rx[i].flags(), frames[i].rx_flags);
		EXPECT_EQ(tgd.data(rx[i]), frames[i].back);
	}
	EXPECT_EQ(rx[5].err(), hw::RXD_ERR_HUGE_FRAME);
	EXPECT_EQ(rx[6].err(), hw::RXD_ERR_TOO_SMALL);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_FRAME_TOO_LONG), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UNDERSIZE), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_BCAST), 1u);
	EXPECT_EQ(q->reg_read(hw::MAC_RX_STATS_UCAST), 4u) << "good unicast frames, the foreign one included";
	EXPECT_EQ(ctr(&Counters::mac_rx_filtered), 0u);

	/* RSS hashing on (tg3's hash types) with Thundergate's unwritten key and table: still ring 0. */
	q->reg_write(hw::MAC_RX_MODE, q->reg_read(hw::MAC_RX_MODE) | hw::TG3_RX_MODE_RSS_BITS);
	std::vector<TxFrame> tcp;
	for (uint8_t s = 0; s < 8; s++) {
		TxFrame t;
		Pkt f = engines::make_pkt(s & 1, engines::kTcp, 64 + s, s);
		t.tx = t.back = f.f;
		tcp.push_back(std::move(t));
	}
	tgd.send(tcp);
	EXPECT_EQ(ctr(&Counters::rx_rss_hashed), tcp.size());
	EXPECT_EQ(tgd.sb16(hw::SBLK_OFF_IDX0_RX_PRODUCER), n + tcp.size());
	for (unsigned r = 1; r < kTgRetRings; r++)
		EXPECT_EQ(tgd.sb16(hw::StatusBlock::ret_ring_producer_offset(r)), 0u) << r;
	EXPECT_EQ(tgd.reap(0).size(), tcp.size());
}

TG57XX_BOTH_CHIPS(BringUpTest);
INSTANTIATE_TEST_SUITE_P(Chips, ThundergateTest, ::testing::Values(Personality::BCM57762), personality_name);

} // namespace
} // namespace tg57xx::sim::test::bringup
