/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Broadcom copper PHY behind MAC_MI_COM (§11.2-§11.5); see mii_phy.h for
 * the link model. Register semantics:
 *
 *   BMCR      RESET self-clears kPhyResetNs after the write and restores every
 *             default (writes meanwhile are dropped, counted); ANRESTART
 *             reads 0 at once (IEEE 802.3 22.2.4.1.7: "self-clearing ... until
 *             auto-negotiation has been initiated") and restarts negotiation;
 *             ANENABLE/PDOWN/LOOPBACK changes, and speed/duplex changes in
 *             forced mode or loopback, renegotiate.
 *   BMSR      LSTATUS latched low: a read returns the latch, then the latch
 *             follows the current link (tg3 reads twice, §11.5).
 *   ADVERTISE, CTRL1000  kept exactly as written (§11.5 step 3); used at the
 *             next negotiation.
 *   LPA, STAT1000  the partner's pages after autonegotiation (LPA_LPACK set;
 *             STAT1000 LOCALRXOK|REMRXOK at 1000), 0 before/forced.
 *   AUX_STAT  (0x19) resolved speed code (§11.3), LPASS while link is up,
 *             plus Thundergate's bit 15 "autoneg complete" and bits 0/1
 *             TX/RX pause resolution; 0 while the link is down.
 *   ISTAT     latched LINKCHG/SPEEDCHG/DUPLEXCHG, cleared on read; the PHY
 *             interrupt (MAC_STATUS_MI_INTERRUPT) is ISTAT & ~IMASK != 0.
 *             IMASK resets to 0xFFFF (all masked; tg3 writes ~0 too, §11.3).
 *   EXT_STAT  MDIX (crossed cable, LinkPartner::mdix) and LPASS while up.
 *   AUX_CTRL, MISC_SHDW  shadow banks: a write with the write-enable (or to
 *             a non-MISC AUX_CTRL selector) stores the value in its shadow; a
 *             write without it selects the shadow the next read returns (tg3
 *             tg3_phy_auxctl_read/_write). A shadow reads back with its
 *             selector in bits 2:0 (tg3's older tg3_phy_toggle_automdix and
 *             FreeBSD brgphy write the value read, | WREN, straight back);
 *             all other bits reset to 0 (model choice). Bits that act (tg3.h
 *             names; semantics from tg3.c):
 *     AUXCTL  ACTL_EXTPKTLEN: frames longer than kStdMaxWireFrame pass the
 *             PHY ("Set Extended packet length bit (bit 14) on all chips that
 *             support jumbo frames", tg3_phy_reset); without it they are
 *             dropped in both directions (phy_long_frames_dropped).
 *     PWRCTL  PCTL_SPR_ISOLATE (super isolate, part of tg3_power_down_phy's
 *             low-power set): the PHY is off the wire, no link; tg3_setup_
 *             copper_phy writes PWRCTL = 0 before it looks at the link.
 *     MISC    MISC_FORCE_AMDIX: auto-MDIX also with autonegotiation off (a
 *             forced link over a crossed cable needs it; with autoneg on
 *             auto-MDIX always runs). MISC_WIRESPD_EN (Ethernet@WireSpeed
 *             downshift): stored only, the model's cables are all 4-pair.
 *   EXT_CTRL  FIFO_ELASTIC: "high fifo elasticity to support jumbo frames
 *             transmission" (tg3_phy_reset): sending a long frame needs it
 *             as well as EXTPKTLEN. Other bits storage.
 *   DSP_ADDRESS/DSP_RW_PORT, MMD_CTRL/MMD_ADDRESS  indirect storage (§11.1,
 *             §11.3). DSP_CONTROL, TEST1: storage. RXR_COUNTERS: 0.
 *   Anything else reads 0 and ignores writes (counted: phy_unknown_regs).
 */
#include "mii_phy.h"

#include <mutex>

#include "block_list.h"
#include "chip.h"
#include "hw.h"
#include "tg57xx_mii.h"
#include "tg57xx_sim/wire.h"

namespace tg57xx::sim {

namespace {

/* ---- defaults after power-on / BMCR_RESET (model choices, IEEE 802.3 cl. 22/40) ---- */
/* Autonegotiation on, and the forced-mode bits at 1000/full as gigabit PHYs power up. */
constexpr uint16_t kBmcrDefault = hw::BMCR_ANENABLE | hw::BMCR_FULLDPLX | hw::BMCR_SPEED1000;
/* Bits 5:0 are reserved (IEEE 802.3 Table 22-7); RESET/ANRESTART are strobes. */
constexpr uint16_t kBmcrStored = 0xFFC0 & ~(hw::BMCR_RESET | hw::BMCR_ANRESTART);
/* BMSR ability bits of a 10/100/1000BASE-T PHY with autonegotiation (§11.2). */
constexpr uint16_t kBmsrAbilities = hw::BMSR_100FULL | hw::BMSR_100HALF | hw::BMSR_10FULL | hw::BMSR_10HALF |
				    hw::BMSR_ESTATEN | hw::BMSR_ANEGCAPABLE | hw::BMSR_ERCAP;
constexpr uint16_t kAdvertiseDefault = hw::ADVERTISE_CSMA | hw::ADVERTISE_ALL;
constexpr uint16_t kCtrl1000Default = hw::ADVERTISE_1000FULL | hw::ADVERTISE_1000HALF;
/* MII_ESTATUS: 1000BASE-T full and half capable (linux/mii.h ESTATUS_1000_TFULL/_THALF). */
constexpr uint16_t ESTATUS_1000_TFULL = 0x2000;
constexpr uint16_t ESTATUS_1000_THALF = 0x1000;
constexpr uint16_t kEstatus = ESTATUS_1000_TFULL | ESTATUS_1000_THALF;
/* MII_EXPANSION bit 0: the link partner is autonegotiation able (linux/mii.h EXPANSION_NWAY). */
constexpr uint16_t EXPANSION_NWAY = 0x0001;
/* All PHY interrupts masked (tg3 writes IMASK = ~0 when it does not use them, §11.3). */
constexpr uint16_t kImaskDefault = 0xFFFF;

/* BMCR_RESET completes this long after the write. tg3 polls 5000 x 10 µs, Thundergate
 * 5000 x 0.5 ms (§11.2); several MDIO frames long, so a driver must poll. */
constexpr uint64_t kPhyResetNs = 100'000;

/* AUX_STAT bits beyond the speed code: Thundergate (§11.3) bit 15 autoneg complete,
 * bit 0 / bit 1 TX / RX pause resolution. */
constexpr uint16_t kAuxStatAnComplete = 0x8000;
constexpr uint16_t kAuxStatTxPause = 0x0001;
constexpr uint16_t kAuxStatRxPause = 0x0002;

/* AUX_CTRL: selector bits 2:0 (§11.3); for the MISC selector a write without
 * MISC_WREN selects the shadow to read in bits 14:12 (tg3.h MII_TG3_AUXCTL_MISC_RDSEL_SHIFT). */
constexpr uint16_t kAuxCtrlSelMask = 0x0007;
constexpr unsigned kAuxCtrlRdselShift = hw::MII_TG3_AUXCTL_MISC_RDSEL_SHIFT;
/* MISC_SHDW (0x1C): shadow selector bits 14:10 (tg3.h MII_TG3_MISC_SHDW_*_SEL values). */
constexpr unsigned kMiscShdwSelShift = 10;
constexpr uint16_t kMiscShdwSelMask = 0x1F;
/* The longest frame a PHY passes without AUXCTL EXTPKTLEN: 1518 bytes plus a
 * VLAN tag (IEEE 802.3 3.2.7 maxFrameSize for a tagged frame); model choice
 * for "jumbo" (tg3 sets EXTPKTLEN only when JUMBO_CAPABLE). */
constexpr uint32_t kStdMaxWireFrame = 1522;
/* MMD_CTRL: function bits 15:14 (00 address, else data), device address bits 4:0 (§11.1). */
constexpr uint16_t kMmdFunctionMask = 0xC000;
constexpr uint16_t kMmdDevadMask = 0x001F;

/* Speeds in Mbit/s. */
constexpr uint32_t kSpeed10 = 10;
constexpr uint32_t kSpeed100 = 100;
constexpr uint32_t kSpeed1000 = 1000;

/* 802.3 priority resolution (Annex 28B.3): highest common technology first. */
struct Technology {
	bool gigabit; /* ability in CTRL1000/STAT1000 rather than the base page */
	uint16_t bit; /* ADVERTISE_* or ADVERTISE_1000* */
	uint32_t speed;
	bool full;
};
constexpr Technology kPriority[] = {
	{true, hw::ADVERTISE_1000FULL, kSpeed1000, true},  {true, hw::ADVERTISE_1000HALF, kSpeed1000, false},
	{false, hw::ADVERTISE_100FULL, kSpeed100, true},   {false, hw::ADVERTISE_100HALF, kSpeed100, false},
	{false, hw::ADVERTISE_10FULL, kSpeed10, true},     {false, hw::ADVERTISE_10HALF, kSpeed10, false},
};

/* BMCR forced speed (IEEE 802.3 22.2.4.1.3: SPEED1000 is the MSB, SPEED100 the LSB); 0 = reserved. */
uint32_t bmcr_speed(uint16_t bmcr)
{
	const bool msb = bmcr & hw::BMCR_SPEED1000, lsb = bmcr & hw::BMCR_SPEED100;
	if (msb && lsb)
		return 0;
	return msb ? kSpeed1000 : lsb ? kSpeed100 : kSpeed10;
}

/* Can the partner run this forced mode? */
bool partner_supports(const LinkPartner &p, uint32_t speed, bool full)
{
	for (const Technology &t : kPriority)
		if (t.speed == speed && t.full == full)
			return ((t.gigabit ? p.ctrl1000 : p.advertise) & t.bit) != 0;
	return false;
}

} // namespace

MiiPhy::MiiPhy(Chip &chip)
	: Block(chip, "mii_phy"), reset_timer_(chip.clock()), an_timer_(chip.clock()), flap_timer_(chip.clock()),
	  flap_wake_(chip.clock())
{
	wire_ = chip.wire();
	partner_ = chip.config().link_partner;
	defaults();
}

void MiiPhy::defaults()
{
	bmcr_ = kBmcrDefault;
	advertise_ = kAdvertiseDefault;
	ctrl1000_ = kCtrl1000Default;
	ext_ctrl_ = dsp_address_ = dsp_control_ = mmd_ctrl_ = mmd_address_ = test1_ = 0;
	imask_ = kImaskDefault;
	istat_ = 0;
	for (unsigned i = 0; i < kAuxShadows; i++)
		aux_ctrl_[i] = static_cast<uint16_t>(i); /* a shadow reads back with its selector in bits 2:0 */
	aux_read_sel_ = 0;
	misc_shdw_.fill(0);
	misc_read_sel_ = 0;
	dsp_.clear();
	mmd_.clear();
	update_irq();
}

void MiiPhy::power_on()
{
	reset_timer_.cancel();
	resetting_ = false;
	partner_ = chip().config().link_partner;
	cable_ = true;
	flap_active_ = false;
	flap_timer_.cancel();
	flap_wake_.cancel();
	defaults();
	carrier_ = carrier_now();
	lstatus_latch_ = link_;
	renegotiate();
}

bool MiiPhy::carrier_now() const
{
	return cable_ && !flap_active_ && wire_ != nullptr && wire_->carrier();
}

void MiiPhy::wire_changed(Wire *w)
{
	wire_ = w;
	run();
}

bool MiiPhy::run()
{
	bool progress = false;
	const bool c = carrier_now();
	if (c != carrier_) {
		carrier_ = c;
		if (!loopback())
			renegotiate();
		progress = true;
	}
	/*
	 * Faults::link_flaps: the partner goes away for link_flap_ns, then the
	 * link renegotiates. The first flap starts at once; each next one waits
	 * for that negotiation and then for link_flap_ns of link (a wake-up
	 * timer makes it happen on time).
	 */
	Faults &f = chip().faults();
	if (f.link_flaps == 0) {
		flap_series_ = false;
	} else if (!flap_active_ && !an_timer_.armed() && !resetting_) {
		const uint64_t now = chip().now_ns();
		const uint64_t ready = flap_series_ && link_ ? link_up_since_ + f.link_flap_ns : now;
		if (now >= ready) {
			f.link_flaps--;
			flap_active_ = true;
			flap_series_ = true;
			flap_timer_.arm_in(f.link_flap_ns, [this] { flap_active_ = false; });
			chip().trace_event("link-flap", f.link_flaps);
			carrier_ = false;
			if (!loopback())
				renegotiate();
			progress = true;
		} else if (!flap_wake_.armed()) {
			flap_wake_.arm_at(ready, [] {});
		}
	}
	return progress;
}

void MiiPhy::set_link_partner(const LinkPartner &lp)
{
	partner_ = lp;
	/* A partner whose abilities change restarts autonegotiation: the link drops. */
	if (!loopback())
		renegotiate();
}

void MiiPhy::set_cable(bool plugged)
{
	cable_ = plugged;
	run();
}

void MiiPhy::begin_reset()
{
	resetting_ = true;
	defaults();
	bmcr_ |= hw::BMCR_RESET;
	renegotiate(); /* drops the link; nothing negotiates while resetting */
	reset_timer_.arm_in(kPhyResetNs, [this] { reset_done(); });
}

void MiiPhy::reset_done()
{
	resetting_ = false;
	bmcr_ &= ~hw::BMCR_RESET;
	renegotiate();
}

void MiiPhy::renegotiate()
{
	an_timer_.cancel();
	an_complete_ = false;
	lpa_ = 0;
	stat1000_ = 0;
	set_link(false, 0, false);
	if (resetting_ || (bmcr_ & hw::BMCR_PDOWN))
		return;
	if (loopback()) {
		const uint32_t s = bmcr_speed(bmcr_);
		if (s != 0)
			set_link(true, s, (bmcr_ & hw::BMCR_FULLDPLX) != 0);
		return;
	}
	if (!carrier_ || super_isolated())
		return;
	an_timer_.arm_in(chip().config().autoneg_ns, [this] { negotiation_done(); });
}

void MiiPhy::negotiation_done()
{
	if (bmcr_ & hw::BMCR_ANENABLE) {
		an_complete_ = true;
		lpa_ = partner_.advertise | hw::LPA_LPACK;
		stat1000_ = ((partner_.ctrl1000 & hw::ADVERTISE_1000FULL) ? hw::LPA_1000FULL : 0) |
			    ((partner_.ctrl1000 & hw::ADVERTISE_1000HALF) ? hw::LPA_1000HALF : 0);
		for (const Technology &t : kPriority) {
			const uint16_t ours = t.gigabit ? ctrl1000_ : advertise_;
			const uint16_t theirs = t.gigabit ? partner_.ctrl1000 : partner_.advertise;
			if (!(ours & theirs & t.bit))
				continue;
			if (t.speed == kSpeed1000)
				stat1000_ |= hw::LPA_1000LOCALRXOK | hw::LPA_1000REMRXOK;
			set_link(true, t.speed, t.full);
			return;
		}
		return; /* no common technology: negotiation completes, no link */
	}
	const uint32_t s = bmcr_speed(bmcr_);
	const bool full = (bmcr_ & hw::BMCR_FULLDPLX) != 0;
	/* Forced: a crossed cable needs auto-MDIX, which then runs only with FORCE_AMDIX. */
	const bool mdi_ok = !partner_.mdix || (aux_ctrl_[hw::MII_TG3_AUXCTL_SHDWSEL_MISC] &
					       hw::MII_TG3_AUXCTL_MISC_FORCE_AMDIX);
	if (s != 0 && mdi_ok && partner_supports(partner_, s, full))
		set_link(true, s, full);
}

bool MiiPhy::super_isolated() const
{
	return (aux_ctrl_[hw::MII_TG3_AUXCTL_SHDWSEL_PWRCTL] & hw::MII_TG3_AUXCTL_PCTL_SPR_ISOLATE) != 0;
}

bool MiiPhy::passes(uint32_t wire_len, bool tx) const
{
	if (wire_len <= kStdMaxWireFrame)
		return true;
	const bool ext = (aux_ctrl_[hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL] & hw::MII_TG3_AUXCTL_ACTL_EXTPKTLEN) != 0;
	const bool elastic = (ext_ctrl_ & hw::MII_TG3_EXT_CTRL_FIFO_ELASTIC) != 0;
	return ext && (!tx || elastic);
}

void MiiPhy::aux_ctrl_write(uint16_t val)
{
	const unsigned sel = val & kAuxCtrlSelMask;
	const bool isolated = super_isolated();
	const uint16_t misc = aux_ctrl_[hw::MII_TG3_AUXCTL_SHDWSEL_MISC];
	if (sel != hw::MII_TG3_AUXCTL_SHDWSEL_MISC) {
		aux_ctrl_[sel] = val;
		aux_read_sel_ = sel;
	} else if (val & hw::MII_TG3_AUXCTL_MISC_WREN) {
		aux_ctrl_[sel] = val & ~hw::MII_TG3_AUXCTL_MISC_WREN;
	} else {
		aux_read_sel_ = (val >> kAuxCtrlRdselShift) & kAuxCtrlSelMask;
	}
	/* Leaving or entering super isolate, or auto-MDIX changing on a forced
	 * link: the link is decided again. */
	const bool forced = !(bmcr_ & hw::BMCR_ANENABLE);
	const bool amdix_changed = ((misc ^ aux_ctrl_[hw::MII_TG3_AUXCTL_SHDWSEL_MISC]) &
				    hw::MII_TG3_AUXCTL_MISC_FORCE_AMDIX) != 0;
	if ((isolated != super_isolated() || (forced && amdix_changed)) && !loopback())
		renegotiate();
}

void MiiPhy::set_link(bool up, uint32_t speed, bool full)
{
	if (up == link_ && (!up || (speed == speed_ && full == full_duplex_)))
		return;
	uint16_t ist = hw::MII_TG3_INT_LINKCHG;
	link_ = up;
	if (!up) {
		lstatus_latch_ = false;
		tx_pause_ = rx_pause_ = false;
	} else {
		link_up_since_ = chip().now_ns();
		speed_ = speed;
		full_duplex_ = full;
		tx_pause_ = rx_pause_ = false;
		/* mii_resolve_flowctrl_fdx (§11.5 step 4): pause only in full duplex after autoneg. */
		if (full && an_complete_) {
			const uint16_t both = advertise_ & partner_.advertise;
			if (both & hw::ADVERTISE_PAUSE_CAP) {
				tx_pause_ = rx_pause_ = true;
			} else if (both & hw::ADVERTISE_PAUSE_ASYM) {
				rx_pause_ = (advertise_ & hw::ADVERTISE_PAUSE_CAP) != 0;
				tx_pause_ = !rx_pause_ && (partner_.advertise & hw::ADVERTISE_PAUSE_CAP);
			}
		}
		if (last_speed_ != 0 && speed != last_speed_)
			ist |= hw::MII_TG3_INT_SPEEDCHG;
		if (last_speed_ != 0 && full != last_full_)
			ist |= hw::MII_TG3_INT_DUPLEXCHG;
		last_speed_ = speed;
		last_full_ = full;
	}
	chip().counters().link_changes++;
	chip().trace_event(up ? "link-up" : "link-down", up ? speed : 0);
	raise_istat(ist);
	if (listener_)
		listener_->phy_link_changed();
}

void MiiPhy::raise_istat(uint16_t bits)
{
	istat_ |= bits;
	update_irq();
}

void MiiPhy::update_irq()
{
	const bool level = (istat_ & ~imask_) != 0;
	if (level == irq_level_)
		return;
	irq_level_ = level;
	if (listener_)
		listener_->phy_irq(level);
}

uint16_t MiiPhy::bmsr_read()
{
	uint16_t v = kBmsrAbilities;
	if (lstatus_latch_)
		v |= hw::BMSR_LSTATUS;
	if (an_complete_ && (bmcr_ & hw::BMCR_ANENABLE))
		v |= hw::BMSR_ANEGCOMPLETE;
	lstatus_latch_ = link_; /* the read releases the latch */
	return v;
}

uint16_t MiiPhy::aux_stat() const
{
	if (!link_)
		return 0;
	uint16_t v = hw::tg3_aux_stat_speed_code(static_cast<uint16_t>(speed_), full_duplex_) |
		     hw::MII_TG3_AUX_STAT_LPASS;
	if (an_complete_)
		v |= kAuxStatAnComplete;
	if (tx_pause_)
		v |= kAuxStatTxPause;
	if (rx_pause_)
		v |= kAuxStatRxPause;
	return v;
}

uint16_t MiiPhy::mdio_read(uint8_t reg)
{
	switch (reg) {
	case hw::MII_BMCR: return bmcr_;
	case hw::MII_BMSR: return bmsr_read();
	case hw::MII_PHYSID1: return static_cast<uint16_t>(chip().info().phy_id >> 16);
	case hw::MII_PHYSID2: return static_cast<uint16_t>(chip().info().phy_id);
	case hw::MII_ADVERTISE: return advertise_;
	case hw::MII_LPA: return lpa_;
	case hw::MII_EXPANSION: return an_complete_ ? EXPANSION_NWAY : 0;
	case hw::MII_CTRL1000: return ctrl1000_;
	case hw::MII_STAT1000: return stat1000_;
	case hw::MII_TG3_MMD_CTRL: return mmd_ctrl_;
	case hw::MII_TG3_MMD_ADDRESS: {
		if (!(mmd_ctrl_ & kMmdFunctionMask))
			return mmd_address_;
		auto it = mmd_.find(uint32_t{static_cast<uint16_t>(mmd_ctrl_ & kMmdDevadMask)} << 16 | mmd_address_);
		return it == mmd_.end() ? 0 : it->second;
	}
	case hw::MII_ESTATUS: return kEstatus;
	case hw::MII_TG3_EXT_CTRL: return ext_ctrl_;
	case hw::MII_TG3_EXT_STAT:
		return link_ ? static_cast<uint16_t>(hw::MII_TG3_EXT_STAT_LPASS |
						     (partner_.mdix ? hw::MII_TG3_EXT_STAT_MDIX : 0))
			     : 0;
	case hw::MII_TG3_RXR_COUNTERS: return 0; /* no receive errors at the PHY */
	case hw::MII_TG3_DSP_RW_PORT: {
		auto it = dsp_.find(dsp_address_);
		return it == dsp_.end() ? 0 : it->second;
	}
	case hw::MII_TG3_DSP_CONTROL: return dsp_control_;
	case hw::MII_TG3_DSP_ADDRESS: return dsp_address_;
	case hw::MII_TG3_AUX_CTRL: return aux_ctrl_[aux_read_sel_];
	case hw::MII_TG3_AUX_STAT: return aux_stat();
	case hw::MII_TG3_ISTAT: {
		const uint16_t v = istat_;
		istat_ = 0;
		update_irq();
		return v;
	}
	case hw::MII_TG3_IMASK: return imask_;
	case hw::MII_TG3_MISC_SHDW: return misc_shdw_[misc_read_sel_];
	case hw::MII_TG3_TEST1: return test1_;
	default:
		chip().counters().phy_unknown_regs++;
		return 0;
	}
}

void MiiPhy::mdio_write(uint8_t reg, uint16_t val)
{
	if (resetting_) {
		chip().counters().phy_writes_in_reset++;
		return;
	}
	switch (reg) {
	case hw::MII_BMCR: {
		if (val & hw::BMCR_RESET) {
			begin_reset();
			return;
		}
		const uint16_t old = bmcr_;
		bmcr_ = val & kBmcrStored;
		const uint16_t changed = old ^ bmcr_;
		constexpr uint16_t kForcedBits = hw::BMCR_SPEED1000 | hw::BMCR_SPEED100 | hw::BMCR_FULLDPLX;
		bool again = (val & hw::BMCR_ANRESTART) && (bmcr_ & hw::BMCR_ANENABLE);
		again |= (changed & (hw::BMCR_ANENABLE | hw::BMCR_PDOWN | hw::BMCR_LOOPBACK)) != 0;
		again |= (changed & kForcedBits) && (!(bmcr_ & hw::BMCR_ANENABLE) || loopback());
		if (again)
			renegotiate();
		return;
	}
	case hw::MII_ADVERTISE: advertise_ = val; return;
	case hw::MII_CTRL1000: ctrl1000_ = val; return;
	case hw::MII_TG3_MMD_CTRL: mmd_ctrl_ = val; return;
	case hw::MII_TG3_MMD_ADDRESS:
		if (!(mmd_ctrl_ & kMmdFunctionMask))
			mmd_address_ = val;
		else
			mmd_[uint32_t{static_cast<uint16_t>(mmd_ctrl_ & kMmdDevadMask)} << 16 | mmd_address_] = val;
		return;
	case hw::MII_TG3_EXT_CTRL: ext_ctrl_ = val; return;
	case hw::MII_TG3_DSP_RW_PORT: dsp_[dsp_address_] = val; return;
	case hw::MII_TG3_DSP_CONTROL: dsp_control_ = val; return;
	case hw::MII_TG3_DSP_ADDRESS: dsp_address_ = val; return;
	case hw::MII_TG3_AUX_CTRL: aux_ctrl_write(val); return;
	case hw::MII_TG3_IMASK:
		imask_ = val;
		update_irq();
		return;
	case hw::MII_TG3_MISC_SHDW: {
		const unsigned sel = (val >> kMiscShdwSelShift) & kMiscShdwSelMask;
		if (val & hw::MII_TG3_MISC_SHDW_WREN)
			misc_shdw_[sel] = val & ~hw::MII_TG3_MISC_SHDW_WREN;
		misc_read_sel_ = sel;
		return;
	}
	case hw::MII_TG3_TEST1: test1_ = val; return;
	/* Read-only registers: writes are ignored as on silicon. */
	case hw::MII_BMSR:
	case hw::MII_PHYSID1:
	case hw::MII_PHYSID2:
	case hw::MII_LPA:
	case hw::MII_EXPANSION:
	case hw::MII_STAT1000:
	case hw::MII_ESTATUS:
	case hw::MII_TG3_EXT_STAT:
	case hw::MII_TG3_RXR_COUNTERS:
	case hw::MII_TG3_AUX_STAT:
	case hw::MII_TG3_ISTAT:
		return;
	default:
		chip().counters().phy_unknown_regs++;
		return;
	}
}

std::unique_ptr<Block> make_block_mii_phy(Chip &chip)
{
	return std::make_unique<MiiPhy>(chip);
}

/* ---- Device: the cable (declared in tg57xx_sim/device.h) ---- */

void Device::set_link_partner(const LinkPartner &partner)
{
	std::lock_guard lk(chip_->lock());
	if (MiiPhy *phy = chip_->find_block<MiiPhy>())
		phy->set_link_partner(partner);
}

void Device::set_cable(bool plugged)
{
	std::lock_guard lk(chip_->lock());
	if (MiiPhy *phy = chip_->find_block<MiiPhy>())
		phy->set_cable(plugged);
}

} // namespace tg57xx::sim
