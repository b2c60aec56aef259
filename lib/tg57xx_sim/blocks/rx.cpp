/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The receive path (§5.4, §14.2): receive list placement (RLP), receive
 * data & BD initiator (RDBDI, holds the producer-ring RCBs), receive data
 * completion (RDC), receive BD initiator (RBDI), receive BD completion (RBDC)
 * and the write DMA engine behind them (§5.9), as one engine.
 *
 * Producer rings (§7, §8.2, §8.3). Std RCB in RCVDBDI_STD_BD (0x2450), jumbo
 * in RCVDBDI_JUMBO_BD (0x2440), mini in RCVDBDI_MINI_BD (declared, never used:
 * these chips have no mini ring, §4.1; a write to its producer mailbox raises
 * RCVBDI_STATUS_RCB_ATTN, "receive BDs available on disabled ring").
 * 57765_PLUS encoding on both personalities (§7.2): entries in [31:16], for
 * the std ring the largest frame it takes in [15:2]. A ring is usable when
 * its size is a power of two in [TG3_RING_SIZE_MIN, personality entries]
 * (§7.2); on 5717_PLUS a std ring above 512 entries also needs
 * RCVDBDI_MODE_LRG_RING_SZ (model reading of tg3's LRG_PROD_RING_CAP, §5.4).
 * The jumbo ring uses 64-byte extended BDs with BDINFO_FLAGS_USE_EXT_RECV (up
 * to four buffers, segment 0 in the embedded std BD, §8.3), 32-byte BDs
 * without. Posted buffers are [consumer, producer)
 * where the producer is the low word of MAILBOX_RCV_STD/JUMBO_PROD_IDX (§4.3);
 * a producer index >= the ring size is ignored and raises RCVBDI's attention.
 *
 * Return rings (§7.1): RCB n in NIC SRAM at NIC_SRAM_RCV_RET_RCB + 16n (host
 * address, entries << 16), consumer in MAILBOX_RCVRET_CON_IDX_n (a value equal
 * to the size is taken as 0, §4.3). Full = producer + 1 == consumer.
 *
 * Per frame the MAC delivers (Mac::receive, bursts into block-owned buffers):
 *  1. error bits from the MAC (§8.4, tg3 names): fcs_error RXD_ERR_BAD_CRC,
 *     runt RXD_ERR_TOO_SMALL, too_long/truncated RXD_ERR_HUGE_FRAME;
 *     RXD_FLAG_ERROR whenever one of the nine frame-error bits is set.
 *  2. VLAN strip (§10.3) unless RX_MODE_KEEP_VLAN_TAG: an 802.1Q tag (TPID
 *     0x8100) is removed, RXD_FLAG_VLAN set, TCI in err_vlan[15:0]; the
 *     reported length excludes it.
 *  3. checksums (§10.1), looking through one 802.1Q tag: IPv4 header sum →
 *     RXD_FLAG_IP_CSUM, value in ip_tcp_csum[31:16]; a bad one also sets
 *     FreeBSD's 57765_PLUS BGE_RXERRFLAG_IP_CSUM_NOK (error-field bit 12),
 *     which is not a frame error (no RXD_FLAG_ERROR: FreeBSD drops on that
 *     flag and would never get to look at IP_CSUM_NOK otherwise). TCP/UDP of
 *     unfragmented IPv4, and of IPv6 (no extension headers) with
 *     RX_MODE_IPV6_CSUM_ENABLE → RXD_FLAG_TCPUDP_CSUM (+RXD_FLAG_IS_TCP,
 *     +BGE_RXBDFLAG_IPV6), folded sum in ip_tcp_csum[15:0] including the
 *     pseudo-header unless GRC_MODE_NO_RX_PHDR_CSUM. 0xFFFF = good.
 *  4. return ring: 0, or with RX_MODE_RSS_ENABLE the Toeplitz hash (§10.6;
 *     key MAC_RSS_HASH_KEY_0..9, byte 4r in bits 31:24) over IPv4/IPv6
 *     addresses (+TCP ports when RX_MODE_RSS_TCP_IPV4/IPV6_HASH_EN) indexes
 *     the indirection table with its low RSS_ITBL_HASH_BITS bits; the entry's
 *     low two bits pick the ring (Thundergate: only they are significant).
 *     The hash goes into the return BD's reserved word (Thundergate rss_hash)
 *     with TG_RBD_FLAG_RSS_HASH_VALID (Thundergate rss_hash_valid, bit 3 of
 *     the flags in the MSB-first reading that matches tg3 for every bit tg3
 *     names; tg3 and FreeBSD define neither, UNCONFIRMED). A frame no enabled
 *     hash type covers goes to ring 0 with word 0x18 zero and no valid flag.
 *     Thundergate's 3-bit hash type (0x0380, overlapping tg3's PTPV2 bit) has
 *     no documented encoding: left 0.
 *  5. producer ring: std when length + FCS fits the std RCB's max frame field
 *     (0 = no limit), else jumbo. The chosen buffer must hold length + FCS
 *     (std: the BD's len, §8.2; jumbo: len0..len3).
 *  6. data DMA into the buffer(s): the frame bytes without the FCS (the model
 *     never has the FCS - mac.h - and computing one per frame would cost more
 *     than the rest of the path; every driver here discards it).
 *  7. return BD (§8.4) at the return producer: address, idx_len = producer
 *     BD's index [31:16] | length incl. FCS, type_flags (END, JUMBO, ...),
 *     checksums, err_vlan, RSS hash, opaque - copied verbatim.
 * After each burst: HostCc::std_consumed / jumbo_consumed, then
 * HostCc::rx_returned per ring (status block order: buffers before returns),
 * and the diagnostic index registers.
 *
 * Waiting (§5.8, §6.1; the MAC's flow control watches the pool, PAUSE frames
 * in mac_frames.h): a frame with no posted buffer or no free return slot
 * waits on chip in the receive mbuf pool (kRxPoolBytes), in arrival order,
 * and goes out as soon as the host posts buffers / consumes returns; later
 * frames queue behind it. Waiting is not counted. When the pool is full the
 * next frame is lost: every such frame counts in RCVLPC_IN_DISCARDS_CNT
 * (ifInDiscards: dropped for want of resources, tg3's rx_discards ->
 * rx_missed_errors) and, on these chips' flow-attention discard accounting,
 * raises HOSTCC_FLOW_ATTN_MBUF_LWM (§5.2/§15); one lost because the frames
 * ahead wait for a posted buffer also counts in RCVLPC_NO_RCV_BD_CNT
 * ("rxbds_empty": frames, not episodes of an empty ring). So NO_RCV_BD_CNT
 * is the part of IN_DISCARDS due to the host not posting buffers.
 *
 * Drops, never a crash or a stray write: too big for the std ring with the
 * jumbo ring disabled (RCVDBDI_STATUS_JUMBOBD_NEEDED); too big for the buffer
 * (RCVDBDI_STATUS_FRM_TOO_BIG); an unusable ring size
 * (RCVDBDI_STATUS_INV_RING_SZ, §7.2); RSS onto a disabled return ring; a
 * refused DMA (RDMAC/WDMAC status set by the core). Each is counted (model
 * counter + RCVLPC_IN_DISCARDS_CNT) and raises the attention its mode
 * register enables. A producer BD hit by Faults::corrupt_bds is consumed
 * without being used (the frame is lost; RDMAC_MODE_MBUF_RBD_CRPT_ENAB
 * attention). The RCVLPC counters count only while RCVLPC_STATSCTRL_ENABLE
 * and clear on read (§5.2, UNCONFIRMED as for the MAC).
 *
 * Cost: BD fetches and return-BD writes map the posted / free run of the ring
 * once per burst; frame data is one DMA per buffer; nothing allocates.
 *
 * The engine runs only while RCVLPC, RCVDBDI, RCVDCC, RCVBDI, RCVCC and WDMAC
 * are enabled and the buffer manager and memory arbiter are up.
 */
#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "block_list.h"
#include "chip.h"
#include "hostcc.h"
#include "hw.h"
#include "mac.h"
#include "offload.h"
#include "rx_pool.h"
#include "rx_regs.h"
#include "rx_rss.h"
#include "tg57xx_desc.h"

namespace tg57xx::sim {

namespace {

namespace ol = offload;

/* Frames per run(). */
constexpr size_t kRxBurstFrames = 32;
/* Receive buffer per frame: the MAC moves frames up to 16 KiB (mac.cpp). */
constexpr uint32_t kRxFrameCap = 16384;
/* Return rings the engine can choose: ring 0, or 0..3 with RSS (§10.6). */
constexpr unsigned kRxRetRings = hw::TG3_RSS_MAX_NUM_QS;
constexpr uint32_t kFcsLen = hw::ETH_FCS_LEN;
/* The nine frame-error bits of err_vlan (§8.4: BAD_CRC .. HUGE_FRAME). */
constexpr uint32_t kRxFrameErrors = hw::RXD_ERR_MASK | hw::RXD_ERR_ODD_NIBBLE_RCVD_MII;
/* FreeBSD's IP-checksum-bad flag, placed in err_vlan's error half (§8.4). */
constexpr uint32_t kRxErrIpCsumNok = hw::BGE_RXERRFLAG_IP_CSUM_NOK << 16;
/* §5.4 / §7.2: std rings above this need RCVDBDI_MODE_LRG_RING_SZ on 5717_PLUS. */
constexpr uint32_t kStdRingNoLrgMax = hw::TG3_RX_STD_MAX_SIZE_5700;
using namespace rxregs;

class RxEngine final : public Block {
public:
	explicit RxEngine(Chip &chip);
	bool run() override;
	void core_reset() override;
	void power_on() override;

private:
	/* A producer ring's RCB as the engine uses it this burst. */
	struct ProdCfg {
		uint64_t base = 0;
		uint32_t size = 0;
		uint32_t max_frame = 0; /* std: [15:2]; 0 = no limit */
		uint32_t bd_size = 0;   /* 32 or 64 bytes */
		bool disabled = true;
		bool valid = false;
	};
	struct ProdRing {
		std::optional<Doorbell> db;
		uint32_t prod = 0, cons = 0;
		bool moved = false; /* consumer advanced this burst */
		ProdCfg cfg;
		/* BD fetch window for this burst: mapped BDs [span_first, span_first + span_count). */
		const uint8_t *span = nullptr;
		uint32_t span_first = 0, span_count = 0;
		uint32_t rcb;      /* RCVDBDI_*_BD */
		uint32_t max_entries;
		bool jumbo;
		uint32_t *rbdi_prod, *rdbdi_con, *rbdc_prod; /* diagnostic copies */
	};
	struct RetRing {
		std::optional<Doorbell> db;
		uint32_t prod = 0, cons = 0;
		unsigned pending = 0; /* BDs written this burst */
		bool loaded = false;  /* cfg read this burst */
		bool usable = false;
		/* Return BD write window for this burst: slots [span_first, span_first + span_count). */
		hw::RxBd *span = nullptr;
		uint32_t span_first = 0, span_count = 0;
		uint64_t base = 0;
		uint32_t size = 0;
		uint32_t *diag = nullptr; /* RCVDBDI_BD_PROD_IDX_n */
	};
	enum class Drop { NO_BD, RET_FULL, RET_BAD, JUMBO_NEEDED, TOO_BIG, BAD_RING, DMA };
	/* DONE: placed or dropped. WAIT_*: no posted buffer / no return slot yet. */
	enum class Outcome { DONE, WAIT_BD, WAIT_RET };

	bool enabled() const;
	ProdCfg load_prod(const ProdRing &pr) const;
	void poll_producer(ProdRing &pr);
	bool ret_ready(unsigned r);
	bool ret_full(RetRing &rr);
	void poll_ret_consumer(RetRing &rr);
	Outcome place(RxFrame &f);
	void hold(const RxFrame &f, Outcome why);
	void report_pool();
	void load_burst();
	void finish_burst();
	bool fetch_bd(ProdRing &pr, hw::ExtRxBd &bd);
	bool write_ret_bd(RetRing &rr, const hw::RxBd &rb);
	void drop(Drop why);
	void stat(uint32_t *reg);
	void attention(uint32_t status_reg, uint32_t bit, uint32_t mode_reg, uint32_t enable);
	void reset_state();

	Mac *mac_ = nullptr;
	HostCc *hostcc_ = nullptr;
	ProdRing std_{}, jmb_{};
	/* No mini ring on these chips (§4.1): its producer mailbox is only watched. */
	std::optional<Doorbell> mini_db_;
	std::array<RetRing, kRxRetRings> ret_{};
	unsigned nret_;
	/* Hot registers. */
	const uint32_t *lpc_mode_, *dbdi_mode_, *dcc_mode_, *bdi_mode_, *cc_mode_, *wdmac_mode_, *rdmac_mode_,
		*bufmgr_mode_, *memarb_mode_, *rx_mode_, *grc_mode_, *lpc_statsctrl_;
	uint32_t *no_bd_cnt_, *discards_cnt_, *errors_cnt_;
	uint32_t *flow_attn_ = nullptr; /* HOSTCC_FLOW_ATTN, if host coalescing declares it */
	RxRss rss_;
	/* Host coalescing was told something this sweep: report progress so it runs again. */
	bool signalled_ = false;
	/* Frame buffers the MAC fills (allocated once). */
	std::vector<uint8_t> bufs_;
	std::array<RxFrame, kRxBurstFrames> frames_{};
	/* Frames waiting on chip for a buffer or a return slot (§5.8, §6.1). */
	RxPool pool_;
	uint32_t reported_free_ = 0;      /* free mbufs last told to the MAC (flow control) */
	bool loaded_ = false;             /* ring configs read for this run */
	Outcome wait_ = Outcome::WAIT_BD; /* why the oldest held frame waits */
};

RxEngine::RxEngine(Chip &chip)
	: Block(chip, "rx"), nret_(std::min<unsigned>(chip.info().ret_rcbs, kRxRetRings)),
	  bufs_(size_t{kRxBurstFrames} * kRxFrameCap),
	  pool_(kRxPoolBytes, kRxFrameCap)
{
	RegFile &r = chip.regs();
	r.add_table(kRegs);
	const bool lrg = chip.personality().is_5717_plus;
	r.add(reg_rw(hw::RCVDBDI_STD_BD + kNic, "RCVDBDI_STD_BD_NIC_ADDR", lrg ? kStdNicAddr5717 : kStdNicAddr57765));
	r.add(reg_rw(hw::RCVDBDI_JUMBO_BD + kNic, "RCVDBDI_JUMBO_BD_NIC_ADDR",
		     lrg ? kJmbNicAddr5717 : kJmbNicAddr57765));
	for (unsigned n = 0; n < hw::TG3_NUM_RING_IDX_REGS; n++)
		r.add(reg_ro(hw::RCVDBDI_BD_PROD_IDX(n), kMapName));
	r.add_read_clear_counters("RLP"); /* RCVLPC statistics counters (§5.2) */
	no_bd_cnt_ = r.raw(hw::RCVLPC_NO_RCV_BD_CNT);
	discards_cnt_ = r.raw(hw::RCVLPC_IN_DISCARDS_CNT);
	errors_cnt_ = r.raw(hw::RCVLPC_IN_ERRORS_CNT);
	lpc_mode_ = r.raw(hw::RCVLPC_MODE);
	dbdi_mode_ = r.raw(hw::RCVDBDI_MODE);
	dcc_mode_ = r.raw(hw::RCVDCC_MODE);
	bdi_mode_ = r.raw(hw::RCVBDI_MODE);
	cc_mode_ = r.raw(hw::RCVCC_MODE);
	wdmac_mode_ = r.raw(hw::WDMAC_MODE);
	rdmac_mode_ = r.raw(hw::RDMAC_MODE);
	bufmgr_mode_ = r.raw(hw::BUFMGR_MODE);
	memarb_mode_ = r.raw(hw::MEMARB_MODE);
	rx_mode_ = r.raw(hw::MAC_RX_MODE);
	grc_mode_ = r.raw(hw::GRC_MODE);
	lpc_statsctrl_ = r.raw(hw::RCVLPC_STATSCTRL);

	std_.rcb = hw::RCVDBDI_STD_BD;
	std_.max_entries = chip.info().std_ring_entries;
	std_.jumbo = false;
	std_.rbdi_prod = r.raw(hw::RCVBDI_STD_PROD_IDX);
	std_.rdbdi_con = r.raw(hw::RCVDBDI_STD_CON_IDX);
	std_.rbdc_prod = r.raw(hw::RCVCC_STD_PROD_IDX);
	std_.db.emplace(chip, hw::TG3_RX_STD_PROD_IDX_REG);
	jmb_.rcb = hw::RCVDBDI_JUMBO_BD;
	jmb_.max_entries = chip.info().jumbo_ring_entries;
	jmb_.jumbo = true;
	jmb_.rbdi_prod = r.raw(hw::RCVBDI_JUMBO_PROD_IDX);
	jmb_.rdbdi_con = r.raw(hw::RCVDBDI_JUMBO_CON_IDX);
	jmb_.rbdc_prod = r.raw(hw::RCVCC_JUMP_PROD_IDX);
	jmb_.db.emplace(chip, hw::TG3_RX_JMB_PROD_IDX_REG);
	mini_db_.emplace(chip, hw::MAILBOX_RCV_MINI_PROD_IDX + hw::TG3_64BIT_REG_LOW);
	for (unsigned n = 0; n < kRxRetRings; n++) {
		ret_[n].db.emplace(chip, ret_con_mailbox(n));
		ret_[n].diag = r.raw(hw::RCVDBDI_BD_PROD_IDX(n));
	}
	/* Block resets (§5.0 bit 0) clear the block's status. */
	r.on_write(hw::RCVDBDI_MODE, [this](uint32_t, uint32_t w) {
		if (w & hw::RCVDBDI_MODE_RESET)
			this->chip().regs().set(hw::RCVDBDI_STATUS, 0);
	});
	r.on_write(hw::RCVBDI_MODE, [this](uint32_t, uint32_t w) {
		if (w & hw::RCVBDI_MODE_RESET)
			this->chip().regs().set(hw::RCVBDI_STATUS, 0);
	});
	for (unsigned i = 0; i < kRxBurstFrames; i++)
		frames_[i] = RxFrame{bufs_.data() + size_t{i} * kRxFrameCap, kRxFrameCap, 0, false, false, false, false};
}

void RxEngine::power_on()
{
	Chip &c = chip();
	RegFile &r = c.regs();
	mac_ = c.find_block<Mac>();
	hostcc_ = c.find_block<HostCc>();
	if (r.declared(hw::HOSTCC_FLOW_ATTN))
		flow_attn_ = r.raw(hw::HOSTCC_FLOW_ATTN);
	rss_.attach(r); /* the RSS registers belong to the MAC block (0x0600, §10.6) */
	reset_state();
}

void RxEngine::core_reset()
{
	reset_state();
}

void RxEngine::reset_state()
{
	for (ProdRing *pr : {&std_, &jmb_}) {
		pr->prod = pr->cons = 0;
		pr->moved = false;
		pr->db->resync();
	}
	mini_db_->resync();
	pool_.clear();
	reported_free_ = 0; /* the MAC forgets too (core reset): tell it again */
	for (RetRing &rr : ret_) {
		rr.prod = rr.cons = 0;
		rr.pending = 0;
		rr.loaded = false;
		rr.db->resync();
	}
	rss_.key_changed();
}

bool RxEngine::enabled() const
{
	return (*lpc_mode_ & hw::RCVLPC_MODE_ENABLE) && (*dbdi_mode_ & hw::RCVDBDI_MODE_ENABLE) &&
	       (*dcc_mode_ & hw::RCVDCC_MODE_ENABLE) && (*bdi_mode_ & hw::RCVBDI_MODE_ENABLE) &&
	       (*cc_mode_ & hw::RCVCC_MODE_ENABLE) && (*wdmac_mode_ & hw::WDMAC_MODE_ENABLE) &&
	       (*bufmgr_mode_ & hw::BUFMGR_MODE_ENABLE) && (*memarb_mode_ & hw::MEMARB_MODE_ENABLE);
}

void RxEngine::attention(uint32_t status_reg, uint32_t bit, uint32_t mode_reg, uint32_t enable)
{
	RegFile &r = chip().regs();
	r.set_bits(status_reg, bit);
	if ((r.get(mode_reg) & enable) && hostcc_) {
		hostcc_->error_attention();
		signalled_ = true;
	}
}

void RxEngine::stat(uint32_t *reg)
{
	if (*lpc_statsctrl_ & hw::RCVLPC_STATSCTRL_ENABLE)
		++*reg;
}

RxEngine::ProdCfg RxEngine::load_prod(const ProdRing &pr) const
{
	const RegFile &r = chip().regs();
	ProdCfg c;
	const uint32_t mf = r.get(pr.rcb + kMaxlen);
	c.base = (uint64_t{r.get(pr.rcb + kHi)} << 32) | r.get(pr.rcb + kLo);
	c.size = hw::field_get(hw::BDINFO_FLAGS_MAXLEN_MASK, mf);
	c.disabled = (mf & hw::BDINFO_FLAGS_DISABLED) != 0;
	uint32_t max_entries = pr.max_entries;
	if (pr.jumbo) {
		c.bd_size = (mf & hw::BDINFO_FLAGS_USE_EXT_RECV) ? hw::TG3_EXT_RX_BD_SIZE : hw::TG3_RX_BD_SIZE;
	} else {
		c.bd_size = hw::TG3_RX_BD_SIZE;
		c.max_frame = hw::bdinfo_std_max_frame_57765(mf);
		if (chip().personality().is_5717_plus && !(*dbdi_mode_ & hw::RCVDBDI_MODE_LRG_RING_SZ))
			max_entries = std::min(max_entries, kStdRingNoLrgMax);
	}
	c.valid = !c.disabled && max_entries != 0 && hw::ring_size_valid(c.size, max_entries);
	return c;
}

void RxEngine::poll_producer(ProdRing &pr)
{
	uint32_t v;
	if (!pr.db->poll(v))
		return;
	*pr.rbdi_prod = v;
	const ProdCfg c = load_prod(pr);
	if (c.disabled) {
		/* Thundergate: "receive BDs available on disabled ring". */
		attention(hw::RCVBDI_STATUS, hw::RCVBDI_STATUS_RCB_ATTN, hw::RCVBDI_MODE, hw::RCVBDI_MODE_RCB_ATTN_ENAB);
		return;
	}
	if (!c.valid) {
		chip().counters().rx_bad_ring++;
		attention(hw::RCVDBDI_STATUS, hw::RCVDBDI_STATUS_INV_RING_SZ, hw::RCVDBDI_MODE,
			  hw::RCVDBDI_MODE_INV_RING_SZ);
		return;
	}
	if (v >= c.size) {
		chip().counters().rx_bad_prod_idx++;
		attention(hw::RCVBDI_STATUS, hw::RCVBDI_STATUS_RCB_ATTN, hw::RCVBDI_MODE, hw::RCVBDI_MODE_RCB_ATTN_ENAB);
		return;
	}
	pr.prod = v;
}

bool RxEngine::run()
{
	if (!enabled())
		return false;
	const uint32_t std_prod = std_.prod, jmb_prod = jmb_.prod;
	signalled_ = false;
	poll_producer(std_);
	poll_producer(jmb_);
	uint32_t mini;
	if (mini_db_->poll(mini)) {
		/* Buffers posted to a ring the chip does not have (RCB disabled at reset). */
		chip().regs().set(hw::RCVBDI_MINI_PROD_IDX, mini);
		attention(hw::RCVBDI_STATUS, hw::RCVBDI_STATUS_RCB_ATTN, hw::RCVBDI_MODE, hw::RCVBDI_MODE_RCB_ATTN_ENAB);
	}
	bool progress = std_.prod != std_prod || jmb_.prod != jmb_prod || signalled_;
	loaded_ = false;

	/* Frames held on chip go first, in arrival order. */
	RxFrame held;
	while (pool_.front(held)) {
		load_burst();
		if (place(held) != Outcome::DONE)
			break;
		pool_.pop(kFcsLen);
		progress = true;
	}

	/* Frames off the wire in pulls the pool's flow control can act between (RxPool::pull_size). */
	size_t total = 0;
	while (mac_ != nullptr && total < kRxBurstFrames) {
		const size_t want = pool_.pull_size(kRxBurstFrames - total);
		const size_t n = mac_->receive(frames_.data(), want);
		for (size_t i = 0; i < n; i++) {
			RxFrame &f = frames_[i];
			if (!pool_.empty()) {
				hold(f, wait_);
				continue;
			}
			load_burst();
			const Outcome o = place(f);
			if (o != Outcome::DONE)
				hold(f, o);
		}
		total += n;
		report_pool();
		if (n < want)
			break;
	}
	if (loaded_)
		finish_burst();
	return progress || total != 0;
}

/* Flow control (§5.8): the MAC sends PAUSE frames as the pool crosses its watermarks. */
void RxEngine::report_pool()
{
	const uint32_t free_mbufs = pool_.free_mbufs();
	if (mac_ == nullptr || free_mbufs == reported_free_)
		return;
	reported_free_ = free_mbufs;
	mac_->rx_mbufs_free(free_mbufs);
}

void RxEngine::load_burst()
{
	if (loaded_)
		return;
	loaded_ = true;
	std_.cfg = load_prod(std_);
	jmb_.cfg = load_prod(jmb_);
	std_.span = jmb_.span = nullptr;
}

void RxEngine::hold(const RxFrame &f, Outcome why)
{
	wait_ = why;
	if (!pool_.push(f, kFcsLen))
		drop(why == Outcome::WAIT_BD ? Drop::NO_BD : Drop::RET_FULL); /* the pool is full: lost */
}

void RxEngine::finish_burst()
{
	/* Buffers consumed before returns: a status block written from
	 * rx_returned() must already carry the new consumer (§9.1). */
	for (ProdRing *pr : {&std_, &jmb_}) {
		if (!pr->moved)
			continue;
		pr->moved = false;
		*pr->rdbdi_con = pr->cons;
		*pr->rbdc_prod = pr->cons;
		if (hostcc_) {
			if (pr->jumbo)
				hostcc_->jumbo_consumed(static_cast<uint16_t>(pr->cons));
			else
				hostcc_->std_consumed(static_cast<uint16_t>(pr->cons));
		}
	}
	for (unsigned r = 0; r < kRxRetRings; r++) {
		RetRing &rr = ret_[r];
		rr.loaded = false;
		rr.span = nullptr;
		if (rr.pending == 0)
			continue;
		*rr.diag = rr.prod;
		if (hostcc_)
			hostcc_->rx_returned(r, static_cast<uint16_t>(rr.prod), rr.pending);
		rr.pending = 0;
	}
}

bool RxEngine::ret_ready(unsigned r)
{
	RetRing &rr = ret_[r];
	if (!rr.loaded) {
		uint32_t w[hw::TG3_BDINFO_SIZE / 4];
		chip().sram().peek(hw::NIC_SRAM_RCV_RET_RCB_N(r), w, std::size(w));
		const hw::Rcb rcb{w[0], w[1], w[2], w[3]};
		rr.base = rcb.host_addr();
		rr.size = rcb.maxlen();
		rr.usable = !rcb.disabled() && hw::ring_size_valid(rr.size, chip().info().ret_ring_entries);
		rr.loaded = true;
		if (!rcb.disabled() && !rr.usable) {
			chip().counters().rx_bad_ring++;
			attention(hw::RCVDBDI_STATUS, hw::RCVDBDI_STATUS_INV_RING_SZ, hw::RCVDBDI_MODE,
				  hw::RCVDBDI_MODE_INV_RING_SZ);
		}
		if (rr.usable)
			poll_ret_consumer(rr);
	}
	return rr.usable;
}

bool RxEngine::ret_full(RetRing &rr)
{
	const uint32_t mask = rr.size - 1;
	if (((rr.prod + 1) & mask) != rr.cons)
		return false;
	poll_ret_consumer(rr); /* the host may have moved it since the burst began */
	return ((rr.prod + 1) & mask) == rr.cons;
}

void RxEngine::poll_ret_consumer(RetRing &rr)
{
	uint32_t v;
	if (!rr.db->poll(v))
		return;
	if (v == rr.size) /* §4.3: Thundergate writes N for 0 */
		v = 0;
	if (v < rr.size)
		rr.cons = v;
	else
		chip().counters().rx_bad_ret_cons_idx++;
}

void RxEngine::drop(Drop why)
{
	Counters &ctr = chip().counters();
	stat(discards_cnt_);
	switch (why) {
	case Drop::NO_BD:
	case Drop::RET_FULL:
		(why == Drop::NO_BD ? ctr.rx_no_bd_drops : ctr.rx_ret_ring_full_drops)++;
		if (why == Drop::NO_BD)
			stat(no_bd_cnt_); /* "rxbds_empty": lost for want of a posted buffer (§5.2) */
		/* The mbuf pool ran dry: the buffer manager's low-watermark event (§5.2, §15). */
		if (flow_attn_ != nullptr)
			*flow_attn_ |= hw::HOSTCC_FLOW_ATTN_MBUF_LWM;
		break;
	case Drop::RET_BAD: ctr.rx_ret_ring_bad_drops++; break;
	case Drop::JUMBO_NEEDED:
		ctr.rx_jumbo_needed_drops++;
		attention(hw::RCVDBDI_STATUS, hw::RCVDBDI_STATUS_JUMBOBD_NEEDED, hw::RCVDBDI_MODE,
			  hw::RCVDBDI_MODE_JUMBOBD_NEEDED);
		break;
	case Drop::TOO_BIG:
		ctr.rx_too_big_drops++;
		attention(hw::RCVDBDI_STATUS, hw::RCVDBDI_STATUS_FRM_TOO_BIG, hw::RCVDBDI_MODE,
			  hw::RCVDBDI_MODE_FRM_TOO_BIG);
		break;
	case Drop::BAD_RING:
		ctr.rx_bad_ring++;
		attention(hw::RCVDBDI_STATUS, hw::RCVDBDI_STATUS_INV_RING_SZ, hw::RCVDBDI_MODE,
			  hw::RCVDBDI_MODE_INV_RING_SZ);
		break;
	case Drop::DMA: ctr.rx_dma_faults++; break;
	}
}

bool RxEngine::fetch_bd(ProdRing &pr, hw::ExtRxBd &bd)
{
	/*
	 * The BD-fetch DMA reads the posted run from the consumer on (up to the
	 * producer, or the ring end if it wraps) once per burst; each BD is then
	 * copied out of it.
	 */
	const ProdCfg &c = pr.cfg;
	if (pr.span == nullptr || pr.cons - pr.span_first >= pr.span_count) {
		const uint32_t count = pr.cons < pr.prod ? pr.prod - pr.cons : c.size - pr.cons;
		pr.span = static_cast<const uint8_t *>(
			chip().dma_map(c.base + uint64_t{pr.cons} * c.bd_size, size_t{count} * c.bd_size, false));
		pr.span_first = pr.cons;
		pr.span_count = pr.span != nullptr ? count : 0;
		if (pr.span == nullptr) {
			/* A read-DMA transfer: the core set RDMAC_STATUS_MSTABORT. */
			if ((*rdmac_mode_ & hw::RDMAC_MODE_MSTABORT_ENAB) && hostcc_)
				hostcc_->error_attention();
			return false;
		}
	}
	const uint8_t *src = pr.span + size_t{pr.cons - pr.span_first} * c.bd_size;
	if (c.bd_size == hw::TG3_EXT_RX_BD_SIZE)
		std::memcpy(&bd, src, sizeof(bd));
	else
		std::memcpy(&bd.std, src, sizeof(bd.std));
	return true;
}

bool RxEngine::write_ret_bd(RetRing &rr, const hw::RxBd &rb)
{
	/* Map the free run from the producer on once per burst (§4.3: one slot stays empty). */
	if (rr.span == nullptr || rr.prod - rr.span_first >= rr.span_count) {
		const uint32_t free = (rr.cons - rr.prod - 1) & (rr.size - 1);
		const uint32_t count = std::min(free, rr.size - rr.prod);
		rr.span = static_cast<hw::RxBd *>(chip().dma_map(
			rr.base + uint64_t{rr.prod} * hw::TG3_RX_BD_SIZE, size_t{count} * hw::TG3_RX_BD_SIZE, true));
		rr.span_first = rr.prod;
		rr.span_count = rr.span != nullptr ? count : 0;
		if (rr.span == nullptr)
			return false;
	}
	std::memcpy(rr.span + (rr.prod - rr.span_first), &rb, sizeof(rb));
	return true;
}

RxEngine::Outcome RxEngine::place(RxFrame &f)
{
	Chip &c = chip();
	Counters &ctr = c.counters();
	uint8_t *data = f.data;
	uint32_t len = f.len;
	uint32_t err = 0;
	if (f.fcs_error)
		err |= hw::RXD_ERR_BAD_CRC;
	if (f.runt)
		err |= hw::RXD_ERR_TOO_SMALL;
	if (f.too_long || f.truncated)
		err |= hw::RXD_ERR_HUGE_FRAME;
	uint32_t flags = hw::RXD_FLAG_END;
	uint16_t tci = 0;
	const uint32_t rx_mode = *rx_mode_;

	/* 2. VLAN strip (§10.3), decided now, done when the frame is placed:
	 * nothing below touches the frame before it is sure to go out. */
	const bool strip = !(rx_mode & hw::RX_MODE_KEEP_VLAN_TAG) && len >= ol::kEthHdrLen + ol::kVlanTagLen &&
			   ol::load_be16(data + ol::kEthTypeOff) == ol::kEthP8021Q;
	if (strip) {
		tci = ol::load_be16(data + ol::kEthTypeOff + 2);
		flags |= hw::RXD_FLAG_VLAN;
	}

	/* 3. checksums (§10.1), on the frame as received (offsets look through the tag). */
	const ol::Parsed p = ol::parse(data, len, true);
	uint16_t ip_sum = 0, l4_sum = 0;
	if (p.ipv == 4 && p.ip_ok) {
		ip_sum = ol::ipv4_hdr_sum(data + p.l3_off, p.l3_hlen);
		flags |= hw::RXD_FLAG_IP_CSUM;
		if (ip_sum != hw::RXD_CSUM_GOOD)
			err |= kRxErrIpCsumNok;
	}
	const bool v6_ok = (rx_mode & hw::RX_MODE_IPV6_CSUM_ENABLE) != 0;
	if (p.ipv == 6 && v6_ok)
		flags |= hw::BGE_RXBDFLAG_IPV6;
	if (p.l4_ok && (p.ipv == 4 || v6_ok)) {
		l4_sum = ol::csum_bytes(data + p.l4_off, p.l4_len);
		if (!(*grc_mode_ & hw::GRC_MODE_NO_RX_PHDR_CSUM)) {
			const uint8_t *ip = data + p.l3_off;
			l4_sum = ol::csum_add(l4_sum, p.ipv == 4 ? ol::pseudo_ipv4(ip, p.proto, p.l4_len)
								 : ol::pseudo_ipv6(ip, p.proto, p.l4_len));
		}
		flags |= hw::RXD_FLAG_TCPUDP_CSUM;
		if (p.proto == ol::kIpProtoTcp)
			flags |= hw::RXD_FLAG_IS_TCP;
	}
	if (err & kRxFrameErrors)
		flags |= hw::RXD_FLAG_ERROR;

	/* 4. return ring. */
	uint32_t hash = 0;
	unsigned r = 0;
	if ((rx_mode & hw::RX_MODE_RSS_ENABLE) && rss_.steer(data, p, rx_mode, hash, r)) {
		ctr.rx_rss_hashed++;
		flags |= hw::TG_RBD_FLAG_RSS_HASH_VALID;
	}
	if (r >= nret_ || !ret_ready(r)) {
		drop(Drop::RET_BAD);
		return Outcome::DONE;
	}
	RetRing &rr = ret_[r];
	const uint32_t ret_mask = rr.size - 1;
	if (ret_full(rr))
		return Outcome::WAIT_RET;

	/* 5. producer ring and buffer. */
	const uint32_t out_len = strip ? len - ol::kVlanTagLen : len;
	const uint32_t wire = out_len + kFcsLen;
	const bool jumbo = std_.cfg.max_frame != 0 && wire > std_.cfg.max_frame;
	ProdRing &pr = jumbo ? jmb_ : std_;
	if (jumbo && jmb_.cfg.disabled) {
		drop(Drop::JUMBO_NEEDED);
		return Outcome::DONE;
	}
	if (!pr.cfg.valid) {
		drop(Drop::BAD_RING);
		return Outcome::DONE;
	}
	if (pr.cons == pr.prod)
		return Outcome::WAIT_BD;
	hw::ExtRxBd bd;
	if (!fetch_bd(pr, bd)) {
		drop(Drop::DMA);
		return Outcome::DONE;
	}
	Faults &faults = c.faults();
	if (faults.corrupt_bds != 0) {
		/* The BD is fetched (and so consumed) but unusable: no buffer for the frame. */
		faults.corrupt_bds--;
		pr.cons = (pr.cons + 1) & (pr.cfg.size - 1);
		pr.moved = true;
		ctr.rx_corrupt_bds++;
		stat(discards_cnt_);
		if ((*rdmac_mode_ & hw::RDMAC_MODE_MBUF_RBD_CRPT_ENAB) && hostcc_) {
			hostcc_->error_attention();
			signalled_ = true;
		}
		return Outcome::DONE;
	}
	const bool ext = pr.cfg.bd_size == hw::TG3_EXT_RX_BD_SIZE;
	const uint32_t len0 = bd.std.len();
	const uint32_t cap = ext ? len0 + bd.len1() + bd.len2() + bd.len3() : len0;
	if (wire > cap) {
		drop(Drop::TOO_BIG);
		return Outcome::DONE;
	}

	/* 6. data DMA; the BD is consumed from here on. */
	pr.cons = (pr.cons + 1) & (pr.cfg.size - 1);
	pr.moved = true;
	if (strip) {
		std::memmove(data + ol::kVlanTagLen, data, 2 * ol::kEthAddrLen);
		data += ol::kVlanTagLen;
		len = out_len;
		ctr.rx_vlan_stripped++;
	}
	bool ok;
	if (len <= len0) {
		ok = c.dma_write(bd.std.addr(), data, len);
	} else {
		/* Extended BD: segment 0 in the std part, then addr1..3 / len1..3 (§8.3). */
		const uint32_t seg_len[4] = {len0, bd.len1(), bd.len2(), bd.len3()};
		const uint64_t seg_addr[4] = {bd.std.addr(), hw::detail::addr_join(bd.addr1_hi, bd.addr1_lo),
					      hw::detail::addr_join(bd.addr2_hi, bd.addr2_lo),
					      hw::detail::addr_join(bd.addr3_hi, bd.addr3_lo)};
		ok = true;
		for (uint32_t s = 0, off = 0; ok && s < 4 && off < len; s++) {
			const uint32_t chunk = std::min(seg_len[s], len - off);
			ok = c.dma_write(seg_addr[s], data + off, chunk);
			off += chunk;
		}
	}
	if (!ok) {
		drop(Drop::DMA);
		if ((*wdmac_mode_ & hw::WDMAC_MODE_MSTABORT_ENAB) && hostcc_)
			hostcc_->error_attention();
		return Outcome::DONE;
	}

	/* 7. return BD (§8.4). */
	if (jumbo)
		flags |= hw::RXD_FLAG_JUMBO;
	hw::RxBd rb;
	rb.addr_hi = bd.std.addr_hi;
	rb.addr_lo = bd.std.addr_lo;
	rb.idx_len = (bd.std.idx_len & hw::RXD_IDX_MASK) | (wire & hw::RXD_LEN_MASK);
	rb.type_flags = flags;
	rb.set_csum(ip_sum, l4_sum);
	rb.err_vlan = err | tci;
	rb.reserved = hash;
	rb.opaque = bd.std.opaque;
	if (!write_ret_bd(rr, rb)) {
		drop(Drop::DMA);
		if ((*wdmac_mode_ & hw::WDMAC_MODE_MSTABORT_ENAB) && hostcc_)
			hostcc_->error_attention();
		return Outcome::DONE;
	}
	rr.prod = (rr.prod + 1) & ret_mask;
	rr.pending++;
	ctr.rx_frames++;
	if (err & kRxFrameErrors)
		stat(errors_cnt_);
	return Outcome::DONE;
}

} // namespace

std::unique_ptr<Block> make_block_rx(Chip &chip)
{
	return std::make_unique<RxEngine>(chip);
}

} // namespace tg57xx::sim
