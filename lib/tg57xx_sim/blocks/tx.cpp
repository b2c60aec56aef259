/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The send path (§5.3, §14.1): send BD selector (SBDS), send BD initiator
 * (SBDI), send data initiator/completion (SDI/SDC), send BD completion
 * (SBDC) and the read DMA engine that feeds them (§5.9), as one engine.
 *
 * Rings. Send RCB n lives in NIC SRAM at NIC_SRAM_SEND_RCB + 16n (§7.1):
 * host address, MAXLEN_FLAGS = entries << 16 (§7.2), BDINFO_FLAGS_DISABLED.
 * RCBs 0..send_rcbs-1 of the personality exist (§1.3). Producer: the low word
 * of MAILBOX_SNDHOST_PROD_IDX_n (§4.1), or with SNDBDI_MODE_MULTI_TXQ_EN on a
 * TSS part the map of §4.4 (rings 1 and 3 in high words). The RCB is read
 * from SRAM whenever a producer update arrives and whenever the ring is
 * serviced, so the engine always acts on what SRAM holds.
 *
 * A producer update is accepted only for an enabled RCB whose size is a
 * power of two in [TG3_RING_SIZE_MIN, send_ring_entries] (§7.2: sources only
 * use powers of two) and when the index is below the size; otherwise it is
 * ignored, counted, and the selector (bad ring: SNDBDS_STATUS_ERROR_ATTN) or
 * initiator (bad index: SNDBDI_STATUS_ERROR_ATTN) raises its attention.
 *
 * Frames (§8.1, §14.1). BDs from the consumer on are gathered up to the one
 * with TXD_FLAG_END; a frame whose END is not yet covered by the producer is
 * left for later (the host has not finished posting it) unless the whole
 * ring is full without an END (runaway: the BDs are dropped as one bad frame).
 * Per-frame flags, VLAN tag and MSS come from the first BD (tg3 and FreeBSD
 * write the same values into every BD). Then, in silicon's order:
 *   HW TSO (either TXD_FLAG_CPU_PRE_DMA/POST_DMA, §10.4, HW_TSO_3 encoding on
 *   both personalities): needs SNDDATAI_MODE_HW_PRE_DMA and RDMAC_MODE_IPV4/
 *   IPV6_LSO_EN; cut into MSS segments (offload.h TsoCutter);
 *   else TXD_FLAG_IP_CSUM / TXD_FLAG_TCPUDP_CSUM (§10.2), honouring
 *   GRC_MODE_NO_TX_PHDR_CSUM; frames with an in-band 802.1Q header are not
 *   parsed (tg3: "HW/FW can not correctly checksum packets that have been vlan
 *   encapsulated") and leave with the host's checksum fields untouched;
 *   TXD_FLAG_VLAN inserts the tag (TPID 0x8100, TCI = vlan_tag[15:0], §10.3);
 *   TXD_FLAG_NO_CRC → Mac::transmit(no_crc).
 * A single-BD frame without offloads is handed to the MAC straight from host
 * memory (dma_map, zero copy); anything else is gathered into a block-owned
 * buffer. Nothing on this path allocates.
 *
 * Bad frames are dropped, their BDs still completed (silicon fetched them),
 * counted, and SNDBDI_STATUS_ERROR_ATTN raised:
 *   - a zero-length BD; a BD of <= 8 bytes (§15 SHORT_DMA_BUG on 5755_PLUS:
 *     the DMA is "broken", modelled as a lost frame); a buffer crossing a
 *     4 GB boundary (§15 tg3_4g_overflow_test);
 *   - a non-TSO frame longer than 1518 bytes without TXD_FLAG_JMB_PKT
 *     (§8.1/§10.5: the flag marks frames > 1518 on 57765_PLUS; the model
 *     decides that silicon does not send such a frame), or longer than the
 *     largest jumbo frame (max MTU + 14 + 4);
 *   - a TSO frame the engine cannot cut (not TCP over IPv4/IPv6, header
 *     length outside the frame, MSS 0, in-band VLAN, LSO not enabled);
 *   - Faults::corrupt_bds.
 * A data DMA fault (translator refusal) drops the frame likewise; the core set
 * RDMAC_STATUS_MSTABORT and the attention goes out if RDMAC_MODE enables it.
 * A BD fetch fault cannot be completed (the BDs are unknown): the ring stalls
 * until the next producer update, engine re-enable or reset.
 * §15 "hardware runt padding corrupts the offloaded checksum" (FreeBSD
 * bge_cksum_pad): a frame shorter than 60 bytes with TXD_FLAG_TCPUDP_CSUM gets
 * a wrong L4 checksum (the complement of the right one; the model's choice of
 * "wrong").
 *
 * 5719/5720 read-DMA TX-length erratum (§15: "read-DMA miscalculates TX mbuf
 * space"; tg3 tg3_reset_hw / tg3_periodic_fetch_stats). The read DMA sizes a
 * frame's TX mbuf space from the TG3_RDMA_LENGTH register of the channel it
 * reads through; frames take the TG3_NUM_RDMA_CHANNELS channels in turn and
 * each leaves its read length there (at most one kRdmaBurst read burst).
 * After power-on the four hold a stale length above any MTU (model value
 * kRdmaLengthStale; core resets keep them), which is what tg3 tests before
 * setting the chip's TG3_LSO_RD_DMA_TX_LENGTH_WA bit. A frame read through a
 * stale channel with the bit clear is lost (tx_rdma_length_bug, no attention);
 * with the bit set every frame is sized conservatively and goes out, counted in
 * tx_rdma_wa_frames: the erratum's price, which tg3 stops paying once more
 * than four frames have gone (every channel then holds a real length). The
 * model counts that price; it does not slow the frames down.
 *
 * Completion (§9.1): the consumer advances (wrapping at the ring size),
 * SNDBDS_SEL_CON_IDX_n follows it, and HostCc::tx_completed() is told once
 * per ring per burst (coal_now if any BD carried TXD_FLAG_COAL_NOW).
 *
 * The engine runs only while SNDBDS, SNDBDI, SNDDATAI, SNDDATAC, SNDBDC and
 * RDMAC are enabled and the buffer manager and memory arbiter are up. It
 * handles up to kTxBurstFrames frames per run() over all rings; it hands the
 * MAC a frame only once the MAC is ready (Mac::tx_ready_at_ns: line-rate
 * pacing, Config::pace_line_rate, or a received PAUSE holding the
 * transmitter) and sleeps on a timer meanwhile.
 */
#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <vector>

#include "block_list.h"
#include "chip.h"
#include "hostcc.h"
#include "hw.h"
#include "mac.h"
#include "offload.h"
#include "tg57xx_desc.h"

namespace tg57xx::sim {

namespace {

namespace ol = offload;

/* Frames per run(): bounds the time one sweep spends here (runner fairness). */
constexpr unsigned kTxBurstFrames = 64;
/* Send RCB slots the model can serve (the register arrays hold 16, §5.3). */
constexpr unsigned kMaxSendRings = hw::TG3_NUM_RING_IDX_REGS;
/* TSS maps at most 4 rings to mailboxes (§4.4). */
constexpr unsigned kTssRings = 4;
/* A frame gathered from the host: TSO sends up to 64 KiB of TCP payload plus
 * headers (the HW_TSO_3 header field holds up to 1020 bytes, §10.4). */
constexpr uint32_t kTxMaxFrame = 0x10000 + hw::TG3_HW_TSO_3_MAX_HDR_LEN + ol::kEthHdrLen;
/* Non-TSO frames: > 1518 needs TXD_FLAG_JMB_PKT (§8.1), and nothing exceeds
 * the largest jumbo frame (max MTU + Ethernet header + in-band tag, §1.3). */
constexpr uint32_t kTxStdMaxFrame = hw::TG3_TX_JMB_PKT_THRESHOLD;
constexpr uint32_t kTxJumboOverhead = ol::kEthHdrLen + ol::kVlanTagLen;
/* §15: runts with L4 offload (FreeBSD pads to ETHER_MIN_NOPAD = 60). */
constexpr uint32_t kTxRuntCsumLen = hw::BGE_MIN_FRAMELEN;
/* Flags that need the frame in a model-owned buffer. */
constexpr uint32_t kTxEditFlags = hw::TXD_FLAG_TCPUDP_CSUM | hw::TXD_FLAG_IP_CSUM | hw::TXD_FLAG_VLAN |
				  hw::TXD_FLAG_TSO_DMA;

/* §15 TX-length erratum (model values): what the channels hold after power-on
 * (above tg3's largest MTU, 9000), and the largest read burst a channel records
 * (the 4 KiB BD/LSO bursts tg3 programs in TG3_LSO_RD_DMA_CRPTEN_CTRL, §5.9). */
constexpr uint32_t kRdmaLengthStale = 0x3FFF;
constexpr uint32_t kRdmaBurst = 4096;

/* Registers of the send path that mode_regs.cpp does not declare (§5.3, §5.9). */
constexpr uint32_t kSdiStatsStrobes = hw::SNDDATAI_SCTRL_CLEAR | hw::SNDDATAI_SCTRL_FLUSH;
constexpr RegDesc kRegs[] = {
	reg_sc(hw::SNDDATAI_STATSCTRL, kMapName, kSdiStatsStrobes, 0),
	reg_rw(hw::SNDDATAI_STATSENAB, kMapName),
	reg_rw(hw::SNDDATAI_STATSINCMASK, kMapName),
	/* §5.9 read-DMA extras tg3 programs (values kept, no behaviour). */
	reg_rw(hw::TG3_RDMA_RSRVCTRL_REG, kMapName),
	reg_rw(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL, kMapName),
	/* 5719/5720 TX-length erratum (§15, above): each channel's last read length;
	 * stale after power-on on a chip with the erratum, kept over core resets. */
	reg_ro(hw::TG3_RDMA_LENGTH_N(0), kMapName, 0, REG_KEEP_ON_CORE_RESET),
	reg_ro(hw::TG3_RDMA_LENGTH_N(1), kMapName, 0, REG_KEEP_ON_CORE_RESET),
	reg_ro(hw::TG3_RDMA_LENGTH_N(2), kMapName, 0, REG_KEEP_ON_CORE_RESET),
	reg_ro(hw::TG3_RDMA_LENGTH_N(3), kMapName, 0, REG_KEEP_ON_CORE_RESET),
};
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

/* Why a frame was dropped (one counter each). */
enum TxErr : uint32_t {
	ERR_ZERO_LEN = 1u << 0,
	ERR_SHORT_DMA = 1u << 1,
	ERR_4G = 1u << 2,
	ERR_CORRUPT = 1u << 3,
	ERR_RUNAWAY = 1u << 4,
	ERR_OVERSIZE = 1u << 5,
	ERR_NO_JMB_FLAG = 1u << 6,
};

class TxEngine final : public Block {
public:
	explicit TxEngine(Chip &chip);
	bool run() override;
	void core_reset() override;
	void power_on() override;

private:
	struct Ring {
		std::optional<Doorbell> db;
		uint32_t prod = 0; /* accepted producer (chip view) */
		uint32_t cons = 0; /* next BD to fetch */
		bool stalled = false;
		/* When the frames were posted, for line-rate pacing (Mac::transmit):
		 * BDs from `fresh` up to prod came with the newest doorbell, posted no
		 * earlier than fresh_after; older ones no earlier than older_after. */
		uint32_t fresh = 0;
		uint64_t fresh_after = 0, older_after = 0;
		uint32_t *sel_con = nullptr; /* SNDBDS_SEL_CON_IDX_n */
		uint32_t *in_prod = nullptr; /* SNDBDI_IN_PROD_IDX_n */
	};
	/* One snapshot of a send RCB (§7.1). */
	struct RingCfg {
		uint64_t base;
		uint32_t size;
		bool disabled;
		bool valid;
	};

	bool enabled() const;
	RingCfg read_rcb(unsigned r);
	void bind_doorbells(bool tss);
	void producer_update(unsigned r, uint32_t v);
	unsigned service(unsigned r, unsigned budget);
	const hw::TxBd *bd_at(const RingCfg &c, const Ring &ring, uint32_t idx);
	void process_frame(const hw::TxBd *bds, uint32_t n, uint32_t errs);
	bool gather(const hw::TxBd *bds, uint32_t n, uint8_t *dst);
	void send_tso(uint8_t *frame, uint32_t len, uint16_t flags, uint16_t mss_field, uint16_t tci);
	/* Insert the TXD_FLAG_VLAN tag into a model-owned buffer (kVlanTagLen headroom in front). */
	static uint8_t *tag(uint8_t *frame, uint32_t &len, bool vlan, uint16_t tci);
	void transmit(const uint8_t *frame, uint32_t len, bool no_crc);
	void drop(uint32_t errs);
	/* The frame at cons: posted no earlier than this (Ring::fresh_after). */
	static uint64_t posted_after(const Ring &ring, uint32_t mask);
	void attention(uint32_t status_reg, uint32_t bit, uint32_t mode_reg, uint32_t enable);
	void dma_fault_attention();
	void reset_rings();
	bool rdma_length_erratum(uint32_t len);

	Mac *mac_ = nullptr;
	uint64_t posted_after_ = 0; /* of the frame being sent (posted_after()) */
	HostCc *hostcc_ = nullptr;
	unsigned nrings_;
	bool tss_capable_;
	bool tss_bound_ = false;
	std::array<Ring, kMaxSendRings> rings_{};
	/* Mode registers polled every run (cached pointers into the register file). */
	const uint32_t *sbds_mode_, *sbdi_mode_, *sdi_mode_, *sdc_mode_, *sbdc_mode_, *rdmac_mode_,
		*bufmgr_mode_, *memarb_mode_, *grc_mode_;
	/* BD fetch window: a mapped run of ring entries [span_first, span_first + span_count). */
	const hw::TxBd *span_ = nullptr;
	uint32_t span_first_ = 0, span_count_ = 0;
	/* Per-frame scratch (allocated once). */
	std::vector<hw::TxBd> frame_bds_;
	std::vector<uint8_t> frame_buf_; /* kVlanTagLen headroom + kTxMaxFrame */
	std::vector<uint8_t> seg_buf_;   /* one TSO segment + headroom */
	bool coal_now_ = false;
	/* Host coalescing was told something this sweep: report progress so it runs again. */
	bool signalled_ = false;
	/* Wake-up when the MAC is ready again (mac.h tx_ready_at_ns: pacing, PAUSE). */
	Timer ready_timer_;
	/* §15 TX-length erratum: the chip's workaround bit (0: no erratum), the
	 * channel the next frame reads through, the workaround register. */
	uint32_t rdma_wa_bit_;
	unsigned rdma_channel_ = 0;
	const uint32_t *rdma_crpten_ = nullptr;
};

TxEngine::TxEngine(Chip &chip)
	: Block(chip, "tx"), nrings_(std::min<unsigned>(chip.info().send_rcbs, kMaxSendRings)),
	  tss_capable_(chip.info().tx_rings > 1), ready_timer_(chip.clock()),
	  rdma_wa_bit_(chip.personality().rdma_tx_length_wa_bit)
{
	RegFile &r = chip.regs();
	r.add_table(kRegs);
	for (unsigned n = 0; n < kMaxSendRings; n++) {
		r.add(reg_ro(hw::SNDBDS_SEL_CON_IDX(n), kMapName));
		r.add(reg_ro(hw::SNDBDI_IN_PROD_IDX(n), kMapName));
	}
	for (unsigned n = 0; n < kMaxSendRings; n++) {
		rings_[n].sel_con = r.raw(hw::SNDBDS_SEL_CON_IDX(n));
		rings_[n].in_prod = r.raw(hw::SNDBDI_IN_PROD_IDX(n));
	}
	sbds_mode_ = r.raw(hw::SNDBDS_MODE);
	sbdi_mode_ = r.raw(hw::SNDBDI_MODE);
	sdi_mode_ = r.raw(hw::SNDDATAI_MODE);
	sdc_mode_ = r.raw(hw::SNDDATAC_MODE);
	sbdc_mode_ = r.raw(hw::SNDBDC_MODE);
	rdmac_mode_ = r.raw(hw::RDMAC_MODE);
	bufmgr_mode_ = r.raw(hw::BUFMGR_MODE);
	memarb_mode_ = r.raw(hw::MEMARB_MODE);
	grc_mode_ = r.raw(hw::GRC_MODE);
	rdma_crpten_ = r.raw(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL);
	/* Mode-register block resets (§5.0 bit 0) clear the block's attention. */
	r.on_write(hw::SNDBDS_MODE, [this](uint32_t, uint32_t w) {
		if (w & hw::SNDBDS_MODE_RESET)
			this->chip().regs().set(hw::SNDBDS_STATUS, 0);
	});
	r.on_write(hw::SNDBDI_MODE, [this](uint32_t, uint32_t w) {
		if (w & hw::SNDBDI_MODE_RESET) {
			this->chip().regs().set(hw::SNDBDI_STATUS, 0);
			reset_rings();
		}
		for (Ring &ring : rings_)
			ring.stalled = false; /* re-enabling retries a stalled fetch */
	});
	frame_bds_.resize(chip.info().send_ring_entries);
	frame_buf_.resize(ol::kVlanTagLen + kTxMaxFrame);
	seg_buf_.resize(ol::kVlanTagLen + kTxMaxFrame);
	bind_doorbells(false);
}

void TxEngine::power_on()
{
	mac_ = chip().find_block<Mac>();
	hostcc_ = chip().find_block<HostCc>();
	reset_rings();
	rdma_channel_ = 0;
	if (rdma_wa_bit_ != 0)
		for (unsigned ch = 0; ch < hw::TG3_NUM_RDMA_CHANNELS; ch++)
			chip().regs().set(hw::TG3_RDMA_LENGTH_N(ch), kRdmaLengthStale);
}

/* §15 TX-length erratum (file comment): true if this frame is lost to it. */
bool TxEngine::rdma_length_erratum(uint32_t len)
{
	if (rdma_wa_bit_ == 0)
		return false;
	const uint32_t reg = hw::TG3_RDMA_LENGTH_N(rdma_channel_);
	rdma_channel_ = (rdma_channel_ + 1) % hw::TG3_NUM_RDMA_CHANNELS;
	RegFile &r = chip().regs();
	Counters &ctr = chip().counters();
	const bool stale = r.get(reg) > chip().info().max_mtu;
	r.set(reg, std::min(len, kRdmaBurst));
	if (*rdma_crpten_ & rdma_wa_bit_) {
		ctr.tx_rdma_wa_frames++;
		return false;
	}
	if (!stale)
		return false;
	ctr.tx_rdma_length_bug++;
	ctr.tx_dropped++;
	return true;
}

void TxEngine::core_reset()
{
	/* Mailboxes are already zero (Chip::begin_core_reset). */
	ready_timer_.cancel();
	bind_doorbells(false);
	reset_rings();
}

void TxEngine::reset_rings()
{
	for (unsigned n = 0; n < kMaxSendRings; n++) {
		Ring &ring = rings_[n];
		ring.prod = ring.cons = ring.fresh = 0;
		ring.fresh_after = ring.older_after = 0;
		ring.stalled = false;
		if (ring.db)
			ring.db->resync();
		*ring.sel_con = 0;
		*ring.in_prod = 0;
	}
	span_ = nullptr;
	span_count_ = 0;
}

void TxEngine::bind_doorbells(bool tss)
{
	tss_bound_ = tss;
	for (unsigned n = 0; n < nrings_; n++) {
		const uint32_t off = (tss && n < kTssRings) ? kTssSendProdMailbox[n] : send_prod_mailbox(n);
		rings_[n].db.emplace(chip(), off);
	}
}

bool TxEngine::enabled() const
{
	return (*sbds_mode_ & hw::SNDBDS_MODE_ENABLE) && (*sbdi_mode_ & hw::SNDBDI_MODE_ENABLE) &&
	       (*sdi_mode_ & hw::SNDDATAI_MODE_ENABLE) && (*sdc_mode_ & hw::SNDDATAC_MODE_ENABLE) &&
	       (*sbdc_mode_ & hw::SNDBDC_MODE_ENABLE) && (*rdmac_mode_ & hw::RDMAC_MODE_ENABLE) &&
	       (*bufmgr_mode_ & hw::BUFMGR_MODE_ENABLE) && (*memarb_mode_ & hw::MEMARB_MODE_ENABLE);
}

TxEngine::RingCfg TxEngine::read_rcb(unsigned r)
{
	uint32_t w[hw::TG3_BDINFO_SIZE / 4];
	chip().sram().peek(hw::NIC_SRAM_SEND_RCB_N(r), w, std::size(w));
	hw::Rcb rcb{w[0], w[1], w[2], w[3]};
	RingCfg c;
	c.base = rcb.host_addr();
	c.size = rcb.maxlen();
	c.disabled = rcb.disabled();
	c.valid = !c.disabled && hw::ring_size_valid(c.size, chip().info().send_ring_entries);
	return c;
}

void TxEngine::attention(uint32_t status_reg, uint32_t bit, uint32_t mode_reg, uint32_t enable)
{
	RegFile &r = chip().regs();
	r.set_bits(status_reg, bit);
	if ((r.get(mode_reg) & enable) && hostcc_) {
		hostcc_->error_attention();
		signalled_ = true;
	}
}

void TxEngine::dma_fault_attention()
{
	/* Chip::translate set RDMAC_STATUS_MSTABORT; report it if enabled (§5.9). */
	if ((*rdmac_mode_ & hw::RDMAC_MODE_MSTABORT_ENAB) && hostcc_) {
		hostcc_->error_attention();
		signalled_ = true;
	}
}

void TxEngine::producer_update(unsigned r, uint32_t v)
{
	Ring &ring = rings_[r];
	Counters &ctr = chip().counters();
	const RingCfg c = read_rcb(r);
	ring.stalled = false;
	if (c.disabled) {
		ctr.tx_doorbell_disabled_ring++;
		return;
	}
	if (!c.valid) {
		ctr.tx_bad_ring++;
		attention(hw::SNDBDS_STATUS, hw::SNDBDS_STATUS_ERROR_ATTN, hw::SNDBDS_MODE, hw::SNDBDS_MODE_ATTN_ENABLE);
		return;
	}
	if (v >= c.size) {
		ctr.tx_bad_prod_idx++;
		attention(hw::SNDBDI_STATUS, hw::SNDBDI_STATUS_ERROR_ATTN, hw::SNDBDI_MODE, hw::SNDBDI_MODE_ATTN_ENABLE);
		return;
	}
	ring.prod = v;
	*ring.in_prod = v;
}

bool TxEngine::run()
{
	if (!enabled())
		return false;
	const bool tss = tss_capable_ && (*sbdi_mode_ & hw::SNDBDI_MODE_MULTI_TXQ_EN);
	bool progress = false;
	signalled_ = false;
	if (tss != tss_bound_) {
		/* The producer words moved (§4.4): adopt what the new words hold. */
		bind_doorbells(tss);
		for (unsigned n = 0; n < nrings_; n++)
			if (rings_[n].db->last() != rings_[n].prod)
				producer_update(n, rings_[n].db->last());
		progress = true;
	}
	unsigned budget = kTxBurstFrames;
	for (unsigned n = 0; n < nrings_; n++) {
		Ring &ring = rings_[n];
		uint32_t v;
		if (ring.db->poll(v)) {
			ring.older_after = ring.fresh_after;
			ring.fresh = ring.prod;
			ring.fresh_after = ring.db->posted_after_ns();
			producer_update(n, v);
			progress = true;
		}
		if (ring.cons != ring.prod && !ring.stalled && budget != 0) {
			const unsigned done = service(n, budget);
			budget -= done;
			progress |= done != 0;
		}
	}
	return progress || signalled_;
}

const hw::TxBd *TxEngine::bd_at(const RingCfg &c, const Ring &ring, uint32_t idx)
{
	if (span_ != nullptr && idx - span_first_ < span_count_)
		return span_ + (idx - span_first_);
	/* Map the posted run from idx: up to the producer, or to the ring end if it wraps. */
	const uint32_t count = idx < ring.prod ? ring.prod - idx : c.size - idx;
	span_ = static_cast<const hw::TxBd *>(
		chip().dma_map(c.base + uint64_t{idx} * hw::TXD_SIZE, size_t{count} * hw::TXD_SIZE, false));
	span_first_ = idx;
	span_count_ = span_ != nullptr ? count : 0;
	return span_;
}

unsigned TxEngine::service(unsigned r, unsigned budget)
{
	Ring &ring = rings_[r];
	Counters &ctr = chip().counters();
	const RingCfg c = read_rcb(r);
	if (!c.valid || ring.prod >= c.size || ring.cons >= c.size) {
		/* The RCB changed under posted work (host rewrote it without a reset). */
		ctr.tx_bad_ring++;
		ring.stalled = true;
		attention(hw::SNDBDS_STATUS, hw::SNDBDS_STATUS_ERROR_ATTN, hw::SNDBDS_MODE, hw::SNDBDS_MODE_ATTN_ENABLE);
		return 0;
	}
	const uint32_t mask = c.size - 1;
	span_ = nullptr;
	span_count_ = 0;
	coal_now_ = false;
	unsigned frames = 0;
	uint32_t bds_done = 0;
	while (frames < budget && ring.cons != ring.prod) {
		if (mac_ != nullptr && mac_->tx_ready_at_ns() > chip().now_ns()) {
			/* The MAC is still serialising (pacing) or held by a PAUSE: come back when it is free. */
			ready_timer_.arm_at(mac_->tx_ready_at_ns(), [] {});
			break;
		}
		if (mac_ != nullptr && mac_->tx_medium_busy()) {
			/* The cable's receiver is behind: the frame waits in the ring (the runner retries). */
			ctr.tx_medium_waits++;
			break;
		}
		const uint32_t avail = (ring.prod - ring.cons) & mask;
		uint32_t n = 0;
		bool end = false;
		uint32_t errs = 0;
		while (n < avail) {
			const hw::TxBd *bd = bd_at(c, ring, (ring.cons + n) & mask);
			if (bd == nullptr) {
				/* BD fetch failed: nothing known about the frame; stall the ring. */
				ctr.tx_bd_dma_faults++;
				ring.stalled = true;
				dma_fault_attention();
				goto done;
			}
			hw::TxBd &copy = frame_bds_[n];
			std::memcpy(&copy, bd, sizeof(copy));
			n++;
			if (copy.flags() & hw::TXD_FLAG_END) {
				end = true;
				break;
			}
		}
		if (!end) {
			if (avail != mask)
				break; /* the rest of the frame is not posted yet */
			errs |= ERR_RUNAWAY; /* a full ring and no END: the frame can never end */
		}
		posted_after_ = posted_after(ring, mask);
		process_frame(frame_bds_.data(), n, errs);
		ring.cons = (ring.cons + n) & mask;
		bds_done += n;
		frames++;
	}
done:
	if (bds_done != 0) {
		*ring.sel_con = ring.cons;
		if (hostcc_)
			hostcc_->tx_completed(r, static_cast<uint16_t>(ring.cons), bds_done, coal_now_);
	}
	return frames;
}

uint64_t TxEngine::posted_after(const Ring &ring, uint32_t mask)
{
	const bool fresh = ((ring.cons - ring.fresh) & mask) < ((ring.prod - ring.fresh) & mask);
	return fresh ? ring.fresh_after : ring.older_after;
}

void TxEngine::drop(uint32_t errs)
{
	Counters &ctr = chip().counters();
	ctr.tx_dropped++;
	if (errs & ERR_ZERO_LEN)
		ctr.tx_zero_len_bds++;
	if (errs & ERR_SHORT_DMA)
		ctr.tx_short_dma_bds++;
	if (errs & ERR_4G)
		ctr.tx_4g_crossings++;
	if (errs & ERR_CORRUPT)
		ctr.tx_corrupt_bds++;
	if (errs & ERR_RUNAWAY)
		ctr.tx_runaway_frames++;
	if (errs & ERR_OVERSIZE)
		ctr.tx_oversize_frames++;
	if (errs & ERR_NO_JMB_FLAG)
		ctr.tx_jumbo_no_flag++;
	attention(hw::SNDBDI_STATUS, hw::SNDBDI_STATUS_ERROR_ATTN, hw::SNDBDI_MODE, hw::SNDBDI_MODE_ATTN_ENABLE);
}

void TxEngine::process_frame(const hw::TxBd *bds, uint32_t n, uint32_t errs)
{
	Faults &faults = chip().faults();
	uint64_t total = 0;
	for (uint32_t i = 0; i < n; i++) {
		const uint32_t len = bds[i].len();
		if (bds[i].flags() & hw::TXD_FLAG_COAL_NOW)
			coal_now_ = true;
		if (len == 0)
			errs |= ERR_ZERO_LEN;
		else if (len <= hw::TG3_TX_SHORT_DMA_MAX)
			errs |= ERR_SHORT_DMA;
		if (hw::tg3_4g_overflow(bds[i].addr(), len))
			errs |= ERR_4G;
		if (faults.corrupt_bds != 0) {
			faults.corrupt_bds--;
			errs |= ERR_CORRUPT;
		}
		total += len;
	}
	const uint16_t flags = bds[0].flags();
	const bool tso = (flags & hw::TXD_FLAG_TSO_DMA) != 0;
	if (total > kTxMaxFrame)
		errs |= ERR_OVERSIZE;
	else if (!tso && total > chip().info().max_mtu + kTxJumboOverhead)
		errs |= ERR_OVERSIZE;
	else if (!tso && total > kTxStdMaxFrame && !(flags & hw::TXD_FLAG_JMB_PKT))
		errs |= ERR_NO_JMB_FLAG;
	if (errs != 0) {
		drop(errs);
		return;
	}
	const uint32_t len = static_cast<uint32_t>(total);
	if (rdma_length_erratum(len))
		return;
	const bool no_crc = (flags & hw::TXD_FLAG_NO_CRC) != 0;
	const uint16_t tci = bds[0].vlan();
	if (n == 1 && !(flags & kTxEditFlags)) {
		/* Zero copy: the MAC reads the host buffer directly. */
		const auto *p = static_cast<const uint8_t *>(chip().dma_map(bds[0].addr(), len, false));
		if (p == nullptr) {
			chip().counters().tx_dma_faults++;
			chip().counters().tx_dropped++;
			dma_fault_attention();
			return;
		}
		transmit(p, len, no_crc);
		return;
	}
	uint8_t *frame = frame_buf_.data() + ol::kVlanTagLen;
	if (!gather(bds, n, frame))
		return;
	if (tso) {
		send_tso(frame, len, flags, bds[0].mss(), tci);
		return;
	}
	Counters &ctr = chip().counters();
	if (flags & (hw::TXD_FLAG_TCPUDP_CSUM | hw::TXD_FLAG_IP_CSUM)) {
		const ol::Parsed p = ol::parse(frame, len, false);
		bool done = true;
		if ((flags & hw::TXD_FLAG_IP_CSUM) && p.ipv == 4)
			ol::ipv4_fill_csum(frame + p.l3_off, p.l3_hlen);
		else if (flags & hw::TXD_FLAG_IP_CSUM)
			done = false;
		if (flags & hw::TXD_FLAG_TCPUDP_CSUM) {
			const bool chip_pseudo = !(*grc_mode_ & hw::GRC_MODE_NO_TX_PHDR_CSUM);
			if (!ol::l4_fill_csum(frame, p, chip_pseudo)) {
				done = false;
			} else if (len < kTxRuntCsumLen) {
				/* §15: the engine's runt padding spoils the offloaded sum. */
				uint8_t *field = frame + p.l4_off +
						 (p.proto == ol::kIpProtoTcp ? ol::kTcpCsumOff : ol::kUdpCsumOff);
				ol::store_be16(field, static_cast<uint16_t>(~ol::load_be16(field)));
				ctr.tx_runt_csum_corrupted++;
			}
		}
		if (!done)
			ctr.tx_csum_not_applied++;
	}
	uint32_t wire_len = len;
	const uint8_t *out = tag(frame, wire_len, (flags & hw::TXD_FLAG_VLAN) != 0, tci);
	transmit(out, wire_len, no_crc);
}

bool TxEngine::gather(const hw::TxBd *bds, uint32_t n, uint8_t *dst)
{
	for (uint32_t i = 0; i < n; i++) {
		const uint32_t len = bds[i].len();
		if (!chip().dma_read(bds[i].addr(), dst, len)) {
			chip().counters().tx_dma_faults++;
			chip().counters().tx_dropped++;
			dma_fault_attention();
			return false;
		}
		dst += len;
	}
	return true;
}

void TxEngine::send_tso(uint8_t *frame, uint32_t len, uint16_t flags, uint16_t mss_field, uint16_t tci)
{
	Counters &ctr = chip().counters();
	ol::TsoCutter cut;
	const uint32_t hdr_len = hw::hw_tso3_hdr_len(mss_field, flags);
	const uint32_t mss = hw::hw_tso3_mss(mss_field);
	const bool pre_dma = (*sdi_mode_ & hw::SNDDATAI_MODE_HW_PRE_DMA) != 0;
	if (cut.init(frame, len, hdr_len, mss) != ol::TsoCutter::Error::NONE || !pre_dma ||
	    !(*rdmac_mode_ & (cut.ipv6() ? hw::RDMAC_MODE_IPV6_LSO_EN : hw::RDMAC_MODE_IPV4_LSO_EN)) ||
	    cut.max_segment_len() > chip().info().max_mtu + kTxJumboOverhead) {
		ctr.tx_tso_errors++;
		ctr.tx_dropped++;
		attention(hw::SNDBDI_STATUS, hw::SNDBDI_STATUS_ERROR_ATTN, hw::SNDBDI_MODE, hw::SNDBDI_MODE_ATTN_ENABLE);
		return;
	}
	ctr.tx_tso_frames++;
	const bool vlan = (flags & hw::TXD_FLAG_VLAN) != 0;
	const bool no_crc = (flags & hw::TXD_FLAG_NO_CRC) != 0;
	uint8_t *seg = seg_buf_.data() + ol::kVlanTagLen;
	for (uint32_t i = 0; i < cut.segments(); i++) {
		uint32_t sl = cut.build(i, seg);
		ctr.tx_tso_segments++;
		const uint8_t *out = tag(seg, sl, vlan, tci);
		transmit(out, sl, no_crc);
	}
}

uint8_t *TxEngine::tag(uint8_t *frame, uint32_t &len, bool vlan, uint16_t tci)
{
	if (!vlan)
		return frame;
	frame -= ol::kVlanTagLen;
	ol::vlan_insert_front(frame, tci);
	len += ol::kVlanTagLen;
	return frame;
}

void TxEngine::transmit(const uint8_t *frame, uint32_t len, bool no_crc)
{
	Counters &ctr = chip().counters();
	ctr.tx_frames++;
	if (mac_ == nullptr || !mac_->transmit(frame, len, no_crc, posted_after_))
		ctr.tx_mac_refused++;
}

} // namespace

std::unique_ptr<Block> make_block_tx(Chip &chip)
{
	return std::make_unique<TxEngine>(chip);
}

} // namespace tg57xx::sim
