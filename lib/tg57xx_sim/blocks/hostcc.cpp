/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host coalescing (§5.6): the status block DMA (§9.1) and the interrupt
 * decision (§4.2, §10.8, §14.3). Contract with the engines: hostcc.h.
 *
 * Status block (§9.1). The chip keeps a shadow of every index the engines
 * report and DMAs the whole block (0x50 bytes, or the first 64/32 with
 * HOSTCC_MODE_64BYTE/32BYTE) in little-endian words: status word, tag,
 * rx_jumbo_consumer 0x08, rx_consumer 0x0A, idx[n] at 0x10 + 4n
 * (rx_producer low half, tx_consumer high half). The block is written in
 * two DMA writes, body (0x08..end) first and then the status word and tag
 * (0x00..0x07): drivers read the indexes after they see SD_STATUS_UPDATED or
 * a new tag (§9.1 protocol step 2), so those must already be in memory.
 * SD_STATUS_UPDATED is set in every block written; a host-side clear lasts
 * until the next update (the chip never reads the block back).
 *
 * Layout per vector:
 *  - single vector (MSGINT_MODE_MULTIVEC_EN clear): everything in vector 0's
 *    block. Return ring n at idx[n].rx_producer, send ring n at
 *    idx[n].tx_consumer; with MAC_RX_MODE RX_MODE_RSS_ENABLE return rings
 *    1..3 move to 0x08/0x0E/0x0C (§9.1 RSS remap, Thundergate's
 *    single-status-block RSS setup), so ring 1 then hides the jumbo consumer.
 *  - multi-vector (§4.4, §9.1, §10.6, §10.7): vector 0 carries link/error
 *    and, without TSS (SNDBDI_MODE_MULTI_TXQ_EN clear), send ring 0 at
 *    idx[0].tx_consumer (tg3 gives vector 0 the TX ring unless TSS). Vector
 *    v >= 1 carries return ring v-1 at its remapped offset (0x10, 0x08,
 *    0x0E, 0x0C) and, with TSS, send ring v-1 at idx[0].tx_consumer. TSS is
 *    a 5719/5720 feature (§1.3, §10.7): on a personality without it the
 *    MULTI_TXQ_EN bit changes nothing here (nor in tx.cpp).
 *    UNCONFIRMED (the reference does not say): the std-ring rx_consumer is
 *    written at 0x0A in every vector >= 1 block (0x0A is never a remapped
 *    producer slot) and the jumbo consumer at 0x08 in vector 1's block only
 *    (vector 2 uses 0x08 for return ring 1).
 *
 * Status word bits (§9.1, §11.7):
 *  - SD_STATUS_LINK_CHG mirrors the MAC's pending link-state attention: set
 *    from link_changed() until the host acknowledges it by writing
 *    MAC_STATUS_LNKSTATE_CHANGED to MAC_STATUS (tg3 does, §11.7). It is
 *    level, not one-shot, so a driver that clears it only in memory sees it
 *    again in the next block, and an update landing before the driver looked
 *    cannot lose it. Without a MAC block (MAC_STATUS undeclared) it stays
 *    set until core reset. Vector 0 only.
 *  - SD_STATUS_ERROR: sticky from error_attention() (or a failed status
 *    block DMA) until core reset or HOSTCC_MODE_RESET; tg3 answers it with a
 *    chip reset. Vector 0 only.
 *  - status_tag: an 8-bit count (drivers echo tag << 24 and Thundergate
 *    reads 8 bits, §4.2/§9.1) bumped once per block written. It is kept (and
 *    bumped) in non-tagged mode too; non-tagged drivers ignore it.
 *
 * Coalescing (§5.6), per vector (vector 0: HOSTCC_*; v >= 1: *_VECv):
 *  - RX BDs returned >= RXMAX_FRAMES or TX BDs completed >= TXMAX_FRAMES
 *    since the last update → update. While the vector is "in the ISR"
 *    (interrupt mailbox masked, or a one-shot MSI not yet re-enabled) the
 *    thresholds are *COAL_MAXF_INT instead ("frames while in ISR", §5.6).
 *    0 = no frame threshold.
 *  - RX/TX tick timer, in µs of virtual time, started by the first BD event
 *    after an update. With HOSTCC_MODE_CLRTICK_RXBD/TXBD every BD restarts it,
 *    i.e. it fires that long after the LAST BD (an idle timeout; tg3 pairs
 *    CLRTICK with shorter tick values, §5.6). 0 = no timer.
 *  - Both 0 for a direction: every event of that direction updates.
 *  - HOSTCC_MODE_NOW (vector 0), COAL_VECn_NOW (vector n, multi-vector
 *    only): immediate update, synchronous with the register write. A send BD
 *    with TXD_FLAG_COAL_NOW: update at once for the send ring's vector.
 *  - Interrupt suppression: Thundergate names HOSTCC_MODE bit 12
 *    (tg3 NOINT_ON_FORCE) "no_int_on_force_update" and bit 11 (tg3
 *    NOINT_ON_NOW) "no_int_on_dmad_force". Followed here: NOINT_ON_FORCE
 *    suppresses the interrupt of a HOSTCC_MODE_NOW / COAL_VECn_NOW update,
 *    NOINT_ON_NOW that of a TXD_FLAG_COAL_NOW (send descriptor) update. tg3
 *    sets neither.
 *  - Link change (with GRC_MODE_IRQ_ON_MAC_ATTN) and error attention (with
 *    GRC_LCLCTRL_INT_ON_ATTN) update vector 0 at once; without those enables
 *    the bits ride on the next regular update.
 *  Nothing happens unless HOSTCC_MODE_ENABLE is set; clearing it stops the
 *  block (timers cancelled, pending counts dropped; the index shadows stay,
 *  the engines still own those values). A zero status-block address skips
 *  the update (counted, no DMA). A refused DMA never writes memory: counted,
 *  HOSTCC_STATUS_ERROR_ATTN set, SD_STATUS_ERROR latched, the tag not bumped.
 *
 * Interrupts (§4.2, §10.8). Interrupt mailbox v (kIntMailbox[v]), bus-path
 * writes seen by a mailbox observer, direct page stores by polling in run()
 * (a direct store of the value already there is invisible: the page is
 * memory). Any write de-asserts INTA# (vector 0) and re-arms a one-shot MSI.
 * Mask: non-tagged mode (MISC_HOST_CTRL_TAGGED_STATUS clear) any non-zero
 * value; tagged mode bits 23:0 non-zero (tg3 writes 1 to mask, tag << 24 to
 * unmask), bits 31:24 being the acknowledged tag. Unmasking in tagged mode
 * with a tag different from the last one written raises the vector at once;
 * non-tagged unmasking raises nothing (tg3 forces SETINT itself, §4.2).
 * After each block written the vector is raised unless masked. INTx vs
 * MSI/MSI-X, MASK_PCI_INT and Interrupt Disable are IrqLine's (irq.h). One-
 * shot MSI (5755_PLUS, §5.10/§10.8; MSGINT_MODE_ONE_SHOT_DISABLE clear): a
 * message masks its vector until the next interrupt-mailbox write.
 * GRC_LOCAL_CTRL SETINT/CLEARINT are grc.cpp's; PCISTATE_INT_NOT_ACTIVE is
 * pci_cfg.cpp's.
 */
#include "hostcc.h"

#include <array>
#include <atomic>
#include <cstring>

#include "block_list.h"
#include "chip.h"
#include "hw.h"
#include "tg57xx_desc.h"

namespace tg57xx::sim {

namespace {

constexpr unsigned kVecs = kMaxVectors;        /* TG3_IRQ_MAX_VECS, §4.4 */
constexpr unsigned kRings = hw::TG3_NUM_RING_IDX_REGS; /* idx[0..15], §9.1 */
constexpr unsigned kRssRings = hw::TG3_RSS_MAX_NUM_QS; /* §10.6 */

/* §5.6: coalescing ticks are microseconds. */
constexpr uint64_t kNsPerTick = 1000;
/* §5.6 field widths; the in-ISR frame counts assumed as wide as *MAX_FRAMES. */
constexpr uint32_t kTicksMask = hw::MAX_RXCOL_TICKS;
constexpr uint32_t kFramesMask = hw::MAX_RXMAX_FRAMES;
static_assert(hw::MAX_TXCOL_TICKS == kTicksMask && hw::MAX_TXMAX_FRAMES == kFramesMask);

/* §9.1 sizes per HOSTCC_MODE status block size field (0x180 is reserved: full). */
constexpr uint32_t kBlockFull = hw::TG3_HW_STATUS_SIZE;
constexpr uint32_t kBlock64 = 0x40;
constexpr uint32_t kBlock32 = hw::TG3_HW_STATUS_SIZE_32BYTE;
/* Status word + tag, written last (§9.1 protocol). */
constexpr uint32_t kHeadBytes = hw::SBLK_OFF_RX_JUMBO_CONSUMER;
constexpr uint32_t kIdxStride = 4;

/* §4.2: tag in bits 31:24 of the interrupt mailbox; the mask is the rest (tagged mode). */
constexpr uint32_t kTagShift = hw::SD_STATUS_TAG_MBOX_SHIFT;
constexpr uint32_t kTagMask = 0xFF;
constexpr uint32_t kTaggedMaskBits = (1u << kTagShift) - 1;

constexpr uint32_t kAddrHi = hw::TG3_64BIT_REG_HIGH;
constexpr uint32_t kAddrLo = hw::TG3_64BIT_REG_LOW;

#define HOSTCC_VEC_ROWS(v)                                                                              \
	reg_rw(hw::HOSTCC_STATBLCK_RING(v) + kAddrHi, "HOSTCC_STATBLCK_RING" #v "_HI"),                  \
	reg_rw(hw::HOSTCC_STATBLCK_RING(v) + kAddrLo, "HOSTCC_STATBLCK_RING" #v "_LO"),                  \
	reg_rw(hw::HOSTCC_RXCOL_TICKS_VEC(v), kMapName, 0, kTicksMask),              \
	reg_rw(hw::HOSTCC_TXCOL_TICKS_VEC(v), kMapName, 0, kTicksMask),              \
	reg_rw(hw::HOSTCC_RXMAX_FRAMES_VEC(v), kMapName, 0, kFramesMask),           \
	reg_rw(hw::HOSTCC_TXMAX_FRAMES_VEC(v), kMapName, 0, kFramesMask),           \
	reg_rw(hw::HOSTCC_RXCOAL_MAXF_INT_VEC(v), kMapName, 0, kFramesMask),     \
	reg_rw(hw::HOSTCC_TXCOAL_MAXF_INT_VEC(v), kMapName, 0, kFramesMask)

/* §5.6; reset values 0. HOSTCC_MODE/HOSTCC_STATUS are mode_regs.cpp's. */
constexpr RegDesc kRegs[] = {
	reg_rw(hw::HOSTCC_RXCOL_TICKS, kMapName, 0, kTicksMask),
	reg_rw(hw::HOSTCC_TXCOL_TICKS, kMapName, 0, kTicksMask),
	reg_rw(hw::HOSTCC_RXMAX_FRAMES, kMapName, 0, kFramesMask),
	reg_rw(hw::HOSTCC_TXMAX_FRAMES, kMapName, 0, kFramesMask),
	/* pre-5705 registers (§5.6): storage only, the model never uses them. */
	reg_rw(hw::HOSTCC_RXCOAL_TICK_INT, kMapName, 0, kTicksMask),
	reg_rw(hw::HOSTCC_TXCOAL_TICK_INT, kMapName, 0, kTicksMask),
	reg_rw(hw::HOSTCC_RXCOAL_MAXF_INT, kMapName, 0, kFramesMask),
	reg_rw(hw::HOSTCC_TXCOAL_MAXF_INT, kMapName, 0, kFramesMask),
	reg_rw(hw::HOSTCC_STAT_COAL_TICKS, kMapName),
	reg_rw(hw::HOSTCC_STATS_BLK_HOST_ADDR + kAddrHi, "HOSTCC_STATS_BLK_HOST_ADDR_HI"),
	reg_rw(hw::HOSTCC_STATS_BLK_HOST_ADDR + kAddrLo, "HOSTCC_STATS_BLK_HOST_ADDR_LO"),
	reg_rw(hw::HOSTCC_STATUS_BLK_HOST_ADDR + kAddrHi, "HOSTCC_STATUS_BLK_HOST_ADDR_HI"),
	reg_rw(hw::HOSTCC_STATUS_BLK_HOST_ADDR + kAddrLo, "HOSTCC_STATUS_BLK_HOST_ADDR_LO"),
	reg_rw(hw::HOSTCC_STATS_BLK_NIC_ADDR, kMapName),
	reg_rw(hw::HOSTCC_STATUS_BLK_NIC_ADDR, kMapName),
	reg_w1c(hw::HOSTCC_FLOW_ATTN, kMapName, hw::HOSTCC_FLOW_ATTN_MBUF_LWM),
	HOSTCC_VEC_ROWS(1),
	HOSTCC_VEC_ROWS(2),
	HOSTCC_VEC_ROWS(3),
	HOSTCC_VEC_ROWS(4),
};
#undef HOSTCC_VEC_ROWS
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = static_cast<uint8_t>(v);
	p[1] = static_cast<uint8_t>(v >> 8);
}
inline void put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = static_cast<uint8_t>(v >> (8 * i));
}

class HostCcImpl final : public HostCc {
public:
	explicit HostCcImpl(Chip &chip);

	void rx_returned(unsigned ring, uint16_t prod, unsigned bds) override;
	void std_consumed(uint16_t cons) override { std_cons_ = cons; }
	void jumbo_consumed(uint16_t cons) override { jumbo_cons_ = cons; }
	void tx_completed(unsigned ring, uint16_t cons, unsigned bds, bool coal_now) override;
	void link_changed() override;
	void error_attention() override;

	bool run() override;
	void core_reset() override;
	void power_on() override;

private:
	struct Vec {
		explicit Vec(Clock &c) : timer(c) {}
		/* Coalescing registers (vector 0: HOSTCC_*; v: *_VECv), cached. */
		const uint32_t *rx_ticks = nullptr, *tx_ticks = nullptr;
		const uint32_t *rx_frames = nullptr, *tx_frames = nullptr;
		const uint32_t *rx_frames_int = nullptr, *tx_frames_int = nullptr;
		const uint32_t *addr_hi = nullptr, *addr_lo = nullptr;
		/* Since the last update. */
		uint32_t rx_bds = 0, tx_bds = 0;
		uint64_t rx_deadline = 0, tx_deadline = 0; /* 0 = tick timer idle */
		Timer timer;
		bool due = false;     /* update wanted at the next run() */
		bool due_irq = false; /* ... and it interrupts */
		/* Interrupt state (§4.2). */
		uint32_t mbox = 0;    /* last value seen in the interrupt mailbox */
		bool masked = false;  /* mailbox holds a masking value */
		bool oneshot = false; /* one-shot MSI sent, not yet re-armed */
		uint8_t tag = 0;      /* tag of the last block written */
	};

	bool enabled() const { return (*mode_ & hw::HOSTCC_MODE_ENABLE) != 0; }
	bool multivec() const { return (*msgint_mode_ & hw::MSGINT_MODE_MULTIVEC_EN) != 0; }
	/* TSS exists on 5719/5720 only (§1.3, §10.7); elsewhere the bit is ignored, as the TX engine does. */
	bool tss() const { return tss_capable_ && (*sndbdi_mode_ & hw::SNDBDI_MODE_MULTI_TXQ_EN) != 0; }
	bool tagged() const { return (*misc_host_ctrl_ & hw::MISC_HOST_CTRL_TAGGED_STATUS) != 0; }
	unsigned rx_vector(unsigned ring) const { return multivec() ? ring + 1 : 0; }
	unsigned tx_vector(unsigned ring) const { return multivec() && tss() ? ring + 1 : 0; }
	uint32_t block_bytes() const;

	void declare_diag_regs();
	void mode_written(uint32_t old, uint32_t written);
	void count_event(Vec &v, bool rx, unsigned bds);
	void arm_timer(unsigned vi);
	void timer_fired(unsigned vi);
	void want_update(unsigned vi, bool irq);
	void update(unsigned vi, bool irq);
	void compose(unsigned vi, uint8_t *blk) const;
	void deliver(unsigned vi);
	void mailbox_written(unsigned vi, uint32_t val);
	void forget_coalescing(Vec &v);
	void block_reset();
	void reset_state();

	/* Hot registers. */
	const uint32_t *mode_;
	const uint32_t *msgint_mode_;
	const uint32_t *sndbdi_mode_;
	const uint32_t *rx_mode_;
	const uint32_t *misc_host_ctrl_;
	const uint32_t *grc_mode_;
	const uint32_t *grc_local_ctrl_;

	std::array<Vec, kVecs> vec_;
	unsigned nvec_;
	bool tss_capable_;
	bool any_due_ = false;

	/* Index shadows (§9.1). */
	std::array<uint16_t, kRings> ret_prod_{};
	std::array<uint16_t, kRings> send_cons_{};
	uint16_t std_cons_ = 0;
	uint16_t jumbo_cons_ = 0;
	bool link_chg_ = false;
	bool error_ = false;
};

HostCcImpl::HostCcImpl(Chip &chip)
	: HostCc(chip, "hostcc"), mode_(chip.regs().raw(hw::HOSTCC_MODE)),
	  msgint_mode_(chip.regs().raw(hw::MSGINT_MODE)), sndbdi_mode_(chip.regs().raw(hw::SNDBDI_MODE)),
	  rx_mode_(chip.regs().raw(hw::MAC_RX_MODE)), misc_host_ctrl_(chip.cfg().raw(hw::TG3PCI_MISC_HOST_CTRL)),
	  grc_mode_(chip.regs().raw(hw::GRC_MODE)), grc_local_ctrl_(chip.regs().raw(hw::GRC_LOCAL_CTRL)),
	  vec_{Vec(chip.clock()), Vec(chip.clock()), Vec(chip.clock()), Vec(chip.clock()), Vec(chip.clock())},
	  nvec_(chip.info().msix_vectors < kVecs ? chip.info().msix_vectors : kVecs),
	  tss_capable_(chip.info().tx_rings > 1)
{
	RegFile &r = chip.regs();
	r.add_table(kRegs);
	declare_diag_regs();

	auto raw = [&r](uint32_t off) -> const uint32_t * { return r.raw(off); };
	Vec &v0 = vec_[0];
	v0.rx_ticks = raw(hw::HOSTCC_RXCOL_TICKS);
	v0.tx_ticks = raw(hw::HOSTCC_TXCOL_TICKS);
	v0.rx_frames = raw(hw::HOSTCC_RXMAX_FRAMES);
	v0.tx_frames = raw(hw::HOSTCC_TXMAX_FRAMES);
	v0.rx_frames_int = raw(hw::HOSTCC_RXCOAL_MAXF_INT);
	v0.tx_frames_int = raw(hw::HOSTCC_TXCOAL_MAXF_INT);
	v0.addr_hi = raw(hw::HOSTCC_STATUS_BLK_HOST_ADDR + kAddrHi);
	v0.addr_lo = raw(hw::HOSTCC_STATUS_BLK_HOST_ADDR + kAddrLo);
	for (unsigned vi = 1; vi < kVecs; vi++) {
		Vec &v = vec_[vi];
		v.rx_ticks = raw(hw::HOSTCC_RXCOL_TICKS_VEC(vi));
		v.tx_ticks = raw(hw::HOSTCC_TXCOL_TICKS_VEC(vi));
		v.rx_frames = raw(hw::HOSTCC_RXMAX_FRAMES_VEC(vi));
		v.tx_frames = raw(hw::HOSTCC_TXMAX_FRAMES_VEC(vi));
		v.rx_frames_int = raw(hw::HOSTCC_RXCOAL_MAXF_INT_VEC(vi));
		v.tx_frames_int = raw(hw::HOSTCC_TXCOAL_MAXF_INT_VEC(vi));
		v.addr_hi = raw(hw::HOSTCC_STATBLCK_RING(vi) + kAddrHi);
		v.addr_lo = raw(hw::HOSTCC_STATBLCK_RING(vi) + kAddrLo);
	}

	r.on_write(hw::HOSTCC_MODE, [this](uint32_t old, uint32_t w) { mode_written(old, w); });
	/* Bus-path interrupt-mailbox writes: every write counts, even of the same value (§4.2). */
	chip.mbox().add_write_observer([this](uint32_t off, uint32_t val) {
		for (unsigned vi = 0; vi < nvec_; vi++)
			if (off == kIntMailbox[vi]) {
				mailbox_written(vi, val);
				return;
			}
	});
}

void HostCcImpl::declare_diag_regs()
{
	RegFile &r = chip().regs();
	r.add(reg_ro(hw::HOSTCC_JUMBO_CON_IDX, kMapName), [this](uint32_t) { return uint32_t{jumbo_cons_}; });
	r.add(reg_ro(hw::HOSTCC_STD_CON_IDX, kMapName), [this](uint32_t) { return uint32_t{std_cons_}; });
	r.add(reg_ro(hw::HOSTCC_MINI_CON_IDX, kMapName)); /* no mini ring on these chips (§4.1) */
	for (unsigned n = 0; n < kRings; n++) {
		r.add(reg_ro(hw::HOSTCC_RET_PROD_IDX(n), kMapName),
		      [this, n](uint32_t) { return uint32_t{ret_prod_[n]}; });
		r.add(reg_ro(hw::HOSTCC_SND_CON_IDX(n), kMapName),
		      [this, n](uint32_t) { return uint32_t{send_cons_[n]}; });
	}
}

void HostCcImpl::power_on()
{
	reset_state();
	/* §11.7: the host acknowledges the link attention by writing the change bit to MAC_STATUS. */
	RegFile &r = chip().regs();
	if (r.declared(hw::MAC_STATUS))
		r.on_write(hw::MAC_STATUS, [this](uint32_t, uint32_t w) {
			if (w & hw::MAC_STATUS_LNKSTATE_CHANGED)
				link_chg_ = false;
		});
}

uint32_t HostCcImpl::block_bytes() const
{
	switch (*mode_ & hw::HOSTCC_MODE_STATBLK_SIZE_MASK) {
	case hw::HOSTCC_MODE_32BYTE:
		return kBlock32;
	case hw::HOSTCC_MODE_64BYTE:
		return kBlock64;
	default:
		return kBlockFull;
	}
}

/* ---- engine events ---- */

void HostCcImpl::rx_returned(unsigned ring, uint16_t prod, unsigned bds)
{
	if (ring >= kRings || (multivec() && ring >= kRssRings)) {
		chip().counters().hostcc_bad_ring++;
		return;
	}
	ret_prod_[ring] = prod;
	if (enabled())
		count_event(vec_[rx_vector(ring)], true, bds);
}

void HostCcImpl::tx_completed(unsigned ring, uint16_t cons, unsigned bds, bool coal_now)
{
	if (ring >= kRings || (multivec() && tss() && ring >= kRssRings)) {
		chip().counters().hostcc_bad_ring++;
		return;
	}
	send_cons_[ring] = cons;
	if (!enabled())
		return;
	const unsigned vi = tx_vector(ring);
	if (coal_now) /* §8.1 TXD_FLAG_COAL_NOW; Thundergate bit 11 "no_int_on_dmad_force" = tg3 NOINT_ON_NOW */
		want_update(vi, !(*mode_ & hw::HOSTCC_MODE_NOINT_ON_NOW));
	count_event(vec_[vi], false, bds);
}

void HostCcImpl::count_event(Vec &v, bool rx, unsigned bds)
{
	const unsigned vi = static_cast<unsigned>(&v - vec_.data());
	const bool in_isr = v.masked || v.oneshot;
	const uint32_t ticks = rx ? *v.rx_ticks : *v.tx_ticks;
	const uint32_t frames = rx ? (in_isr ? *v.rx_frames_int : *v.rx_frames)
				   : (in_isr ? *v.tx_frames_int : *v.tx_frames);
	uint32_t &count = rx ? v.rx_bds : v.tx_bds;
	count += bds;
	if ((frames == 0 && ticks == 0) || (frames != 0 && count >= frames)) {
		want_update(vi, true);
		return;
	}
	if (ticks == 0)
		return;
	uint64_t &deadline = rx ? v.rx_deadline : v.tx_deadline;
	const uint32_t clrtick = rx ? hw::HOSTCC_MODE_CLRTICK_RXBD : hw::HOSTCC_MODE_CLRTICK_TXBD;
	if (deadline == 0 || (*mode_ & clrtick)) {
		deadline = chip().now_ns() + ticks * kNsPerTick;
		/* A later deadline re-arms lazily in timer_fired(): no timer churn per BD. */
		if (!v.timer.armed() || deadline < v.timer.deadline())
			arm_timer(vi);
	}
}

void HostCcImpl::arm_timer(unsigned vi)
{
	Vec &v = vec_[vi];
	uint64_t next = 0;
	for (uint64_t d : {v.rx_deadline, v.tx_deadline})
		if (d != 0 && (next == 0 || d < next))
			next = d;
	if (next == 0)
		v.timer.cancel();
	else
		v.timer.arm_at(next, [this, vi] { timer_fired(vi); });
}

void HostCcImpl::timer_fired(unsigned vi)
{
	Vec &v = vec_[vi];
	const uint64_t now = chip().now_ns();
	if ((v.rx_deadline != 0 && v.rx_deadline <= now) || (v.tx_deadline != 0 && v.tx_deadline <= now))
		update(vi, true);
	else
		arm_timer(vi); /* the deadline slid (CLRTICK) */
}

void HostCcImpl::link_changed()
{
	link_chg_ = true;
	if (enabled() && (*grc_mode_ & hw::GRC_MODE_IRQ_ON_MAC_ATTN))
		want_update(0, true);
}

void HostCcImpl::error_attention()
{
	error_ = true;
	if (enabled() && (*grc_local_ctrl_ & hw::GRC_LCLCTRL_INT_ON_ATTN))
		want_update(0, true);
}

void HostCcImpl::want_update(unsigned vi, bool irq)
{
	Vec &v = vec_[vi];
	v.due = true;
	v.due_irq |= irq;
	any_due_ = true;
}

/* ---- HOSTCC_MODE ---- */

void HostCcImpl::mode_written(uint32_t old, uint32_t written)
{
	if (written & hw::HOSTCC_MODE_RESET)
		block_reset();
	const bool was = (old & hw::HOSTCC_MODE_ENABLE) != 0;
	if (!enabled()) {
		if (was) /* §13: stopped by the next read; drop what was pending */
			for (Vec &v : vec_)
				forget_coalescing(v);
		return;
	}
	if (!was)
		for (Vec &v : vec_)
			forget_coalescing(v);
	/* Thundergate bit 12 "no_int_on_force_update" = tg3 NOINT_ON_FORCE. */
	const bool irq = !(*mode_ & hw::HOSTCC_MODE_NOINT_ON_FORCE);
	if (written & hw::HOSTCC_MODE_NOW)
		update(0, irq);
	if (multivec())
		for (unsigned vi = 1; vi < nvec_; vi++)
			if (written & hw::HOSTCC_MODE_COAL_VEC_NOW(vi))
				update(vi, irq);
}

/* ---- the status block ---- */

void HostCcImpl::compose(unsigned vi, uint8_t *blk) const
{
	std::memset(blk, 0, kBlockFull);
	const bool mv = multivec();
	const bool rss = (*rx_mode_ & hw::RX_MODE_RSS_ENABLE) != 0;
	auto idx_rx = [blk](unsigned n) { return blk + hw::SBLK_OFF_IDX0_RX_PRODUCER + kIdxStride * n; };
	auto idx_tx = [blk](unsigned n) { return blk + hw::SBLK_OFF_IDX0_TX_CONSUMER + kIdxStride * n; };
	auto remap = [blk](unsigned ring) { return blk + hw::StatusBlock::ret_ring_producer_offset(ring); };

	uint32_t status = hw::SD_STATUS_UPDATED;
	if (vi == 0) {
		if (link_chg_)
			status |= hw::SD_STATUS_LINK_CHG;
		if (error_)
			status |= hw::SD_STATUS_ERROR;
	}
	put32(blk + hw::SBLK_OFF_STATUS, status);
	put32(blk + hw::SBLK_OFF_STATUS_TAG, vec_[vi].tag);

	if (!mv) {
		put16(blk + hw::SBLK_OFF_RX_JUMBO_CONSUMER, jumbo_cons_);
		put16(blk + hw::SBLK_OFF_RX_STD_CONSUMER, std_cons_);
		for (unsigned n = 0; n < kRings; n++) {
			put16(rss && n < kRssRings ? remap(n) : idx_rx(n), ret_prod_[n]);
			put16(idx_tx(n), send_cons_[n]);
		}
		return;
	}
	if (vi == 0) {
		if (!tss())
			for (unsigned n = 0; n < kRings; n++)
				put16(idx_tx(n), send_cons_[n]);
		return;
	}
	const unsigned ring = vi - 1;
	if (vi == 1)
		put16(blk + hw::SBLK_OFF_RX_JUMBO_CONSUMER, jumbo_cons_);
	put16(blk + hw::SBLK_OFF_RX_STD_CONSUMER, std_cons_);
	put16(remap(ring), ret_prod_[ring]);
	if (tss())
		put16(idx_tx(0), send_cons_[ring]);
}

/* One status block for vector vi; interrupts if irq or a pending reason wanted one. */
void HostCcImpl::update(unsigned vi, bool irq)
{
	Vec &v = vec_[vi];
	const bool raise = irq || v.due_irq;
	forget_coalescing(v);
	if (!enabled())
		return;
	Chip &c = chip();
	const uint64_t addr = static_cast<uint64_t>(*v.addr_hi) << 32 | *v.addr_lo;
	if (addr == 0) {
		c.counters().hostcc_no_address++;
		return;
	}
	const uint32_t len = block_bytes();
	v.tag = static_cast<uint8_t>((v.tag + 1) & kTagMask);
	alignas(8) uint8_t blk[kBlockFull];
	compose(vi, blk);
	/* Body first, then status word + tag (§9.1: indexes visible before UPDATED / the tag). */
	bool ok = c.dma_write(addr + kHeadBytes, blk + kHeadBytes, len - kHeadBytes);
	std::atomic_thread_fence(std::memory_order_release);
	ok = ok && c.dma_write(addr, blk, kHeadBytes);
	if (!ok) {
		v.tag = static_cast<uint8_t>((v.tag - 1) & kTagMask);
		c.counters().hostcc_dma_faults++;
		c.regs().set_bits(hw::HOSTCC_STATUS, hw::HOSTCC_STATUS_ERROR_ATTN);
		error_ = true;
		c.trace_event("hostcc-dma-fault", vi);
		return;
	}
	c.counters().hostcc_updates++;
	if (raise)
		deliver(vi);
}

bool HostCcImpl::run()
{
	bool progress = false;
	/* Direct fast-path stores into the interrupt mailboxes (bus writes came through the observer). */
	Mailboxes &mb = chip().mbox();
	for (unsigned vi = 0; vi < nvec_; vi++) {
		const uint32_t w = mb.load(kIntMailbox[vi]);
		if (w != vec_[vi].mbox) {
			mailbox_written(vi, w);
			progress = true;
		}
	}
	if (any_due_) {
		any_due_ = false;
		for (unsigned vi = 0; vi < kVecs; vi++) {
			Vec &v = vec_[vi];
			if (v.due) /* due_irq false only for a COAL_NOW BD under NOINT_ON_NOW */
				update(vi, v.due_irq);
		}
		progress = true;
	}
	return progress;
}

/* ---- interrupts ---- */

void HostCcImpl::deliver(unsigned vi)
{
	Vec &v = vec_[vi];
	Chip &c = chip();
	if (v.masked || v.oneshot) {
		c.counters().hostcc_irqs_masked++;
		return;
	}
	c.counters().hostcc_irqs++;
	c.irq().raise(vi);
	/* §10.8: one-shot MSI masks the vector until the next mailbox write. */
	if (c.irq().mode() != IrqLine::Mode::INTX && !(*msgint_mode_ & hw::MSGINT_MODE_ONE_SHOT_DISABLE))
		v.oneshot = true;
}

void HostCcImpl::mailbox_written(unsigned vi, uint32_t val)
{
	Vec &v = vec_[vi];
	v.mbox = val;
	v.oneshot = false;
	if (vi == 0)
		chip().irq().set_intx(false); /* §4.2: any write de-asserts INTA# */
	const bool tag_mode = tagged();
	v.masked = tag_mode ? (val & kTaggedMaskBits) != 0 : val != 0;
	/* §4.2: tagged re-enable with a stale tag → interrupt at once. */
	if (!v.masked && tag_mode && enabled() && ((val >> kTagShift) & kTagMask) != v.tag)
		deliver(vi);
}

/* ---- reset ---- */

void HostCcImpl::forget_coalescing(Vec &v)
{
	v.rx_bds = v.tx_bds = 0;
	v.rx_deadline = v.tx_deadline = 0;
	v.timer.cancel();
	v.due = v.due_irq = false;
}

/* HOSTCC_MODE_RESET (§5.0 bit 0): coalescing state, tags and attention; the
 * engines' indices and the interrupt mailboxes are not this block's to drop. */
void HostCcImpl::block_reset()
{
	for (Vec &v : vec_) {
		forget_coalescing(v);
		v.tag = 0;
	}
	any_due_ = false;
	error_ = false;
	chip().regs().clear_bits(hw::HOSTCC_STATUS, hw::HOSTCC_STATUS_ERROR_ATTN);
}

void HostCcImpl::reset_state()
{
	block_reset();
	for (Vec &v : vec_) {
		v.mbox = 0; /* the mailbox page is cleared with the core */
		v.masked = v.oneshot = false;
	}
	ret_prod_.fill(0);
	send_cons_.fill(0);
	std_cons_ = jumbo_cons_ = 0;
	link_chg_ = false;
}

void HostCcImpl::core_reset()
{
	reset_state();
}

} // namespace

std::unique_ptr<Block> make_block_hostcc(Chip &chip)
{
	return std::make_unique<HostCcImpl>(chip);
}

} // namespace tg57xx::sim
