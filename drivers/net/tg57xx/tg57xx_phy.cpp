/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MDIO, autonegotiation, link resolution, MAC per-speed configuration
 * (ref §5.1 MAC_MI_COM, §11.2-§11.7; tg3.c __tg3_readphy, tg3_phy_copper_begin,
 * tg3_setup_copper_phy).
 */
#include "tg57xx_ape.h"
#include "tg57xx_phy.h"

#include <cerrno>

#include "tg57xx_logs.h"
#include "tg57xx_mii.h"
#include "tg57xx_regs.h"

namespace tg57xx::pmd {

namespace {

/* __tg3_readphy: poll every 10 us, PHY_BUSY_LOOPS (5000) times; data 5 us after. */
constexpr unsigned kPhyBusyLoops = 5000;
constexpr unsigned kPhyPollUs = 10;
constexpr unsigned kPhyDataSettleUs = 5;
/* BMCR reset self-clear: Thundergate polls 5000 x 0.5 ms; tg3 5000 x 10 us. */
constexpr unsigned kBmcrResetLoops = 5000;
constexpr unsigned kBmcrResetPollUs = 10;
/* AUX_STAT non-zero: 2000 x 10 us (ref §11.5 step 2). */
constexpr unsigned kAuxStatLoops = 2000;
constexpr unsigned kAuxStatPollUs = 10;
/* MAC_MODE write settle after a port-mode change (ref §11.6). */
constexpr unsigned kMacModeSettleUs = 40;
/* MAC_TX_LENGTHS slot time: 32, 0xFF at 1000/half (ref §11.6). */
constexpr uint32_t kSlotTime = 32;
constexpr uint32_t kSlotTime1000Half = 0xFF;

int mdio_cmd(Hw &h, uint32_t frame, uint16_t *out)
{
	wr32_f(h, hw::MAC_MI_COM, frame);
	for (unsigned i = 0; i < kPhyBusyLoops; i++) {
		udelay(kPhyPollUs);
		uint32_t v = rd32(h, hw::MAC_MI_COM);
		if (!(v & hw::MI_COM_BUSY)) {
			udelay(kPhyDataSettleUs);
			v = rd32(h, hw::MAC_MI_COM);
			if (out != nullptr)
				*out = static_cast<uint16_t>(v & hw::MI_COM_DATA_MASK);
			return 0;
		}
	}
	PMD_DRV_LOG(ERR, "%s: MDIO command 0x%08x timed out", h.name, frame);
	return -EBUSY;
}

uint16_t advertise_bits(const LinkConfig &c)
{
	uint16_t a = hw::ADVERTISE_CSMA;
	if (c.modes & kMode10Half)
		a |= hw::ADVERTISE_10HALF;
	if (c.modes & kMode10Full)
		a |= hw::ADVERTISE_10FULL;
	if (c.modes & kMode100Half)
		a |= hw::ADVERTISE_100HALF;
	if (c.modes & kMode100Full)
		a |= hw::ADVERTISE_100FULL;
	/* mii_advertise_flowctrl: rx+tx -> PAUSE_CAP; rx only -> CAP|ASYM; tx only -> ASYM. */
	if (c.pause_rx)
		a |= hw::ADVERTISE_PAUSE_CAP | (c.pause_tx ? 0 : hw::ADVERTISE_PAUSE_ASYM);
	else if (c.pause_tx)
		a |= hw::ADVERTISE_PAUSE_ASYM;
	return a;
}

uint16_t ctrl1000_bits(const LinkConfig &c)
{
	uint16_t v = 0;
	if (c.modes & kMode1000Half)
		v |= hw::ADVERTISE_1000HALF;
	if (c.modes & kMode1000Full)
		v |= hw::ADVERTISE_1000FULL;
	return v;
}

/* The mode bit of a resolved speed/duplex (0 if none). */
uint32_t mode_of(uint32_t speed, bool full)
{
	constexpr uint32_t kGigabit = 1000, kFast = 100, kTen = 10; /* Mbit/s */
	switch (speed) {
	case kGigabit:
		return full ? kMode1000Full : kMode1000Half;
	case kFast:
		return full ? kMode100Full : kMode100Half;
	case kTen:
		return full ? kMode10Full : kMode10Half;
	default:
		return 0;
	}
}

/* The 10/100 and pause bits of ADVERTISE that tg3 compares (tg3_phy_copper_an_config_ok). */
constexpr uint16_t kAdvCompareMask = hw::ADVERTISE_10HALF | hw::ADVERTISE_10FULL | hw::ADVERTISE_100HALF |
				     hw::ADVERTISE_100FULL | hw::ADVERTISE_PAUSE_CAP | hw::ADVERTISE_PAUSE_ASYM;
constexpr uint16_t kCtrl1000CompareMask = hw::ADVERTISE_1000HALF | hw::ADVERTISE_1000FULL;

/* mii_resolve_flowctrl_fdx (ref §11.5 step 4). */
void resolve_pause(uint16_t lcl, uint16_t rmt, bool *rx, bool *tx)
{
	*rx = *tx = false;
	if (lcl & rmt & hw::ADVERTISE_PAUSE_CAP) {
		*rx = *tx = true;
	} else if (lcl & rmt & hw::ADVERTISE_PAUSE_ASYM) {
		if (lcl & hw::ADVERTISE_PAUSE_CAP)
			*rx = true;
		else if (rmt & hw::ADVERTISE_PAUSE_CAP)
			*tx = true;
	}
}

/* ref §11.6 and §11.5 step 4: port mode, duplex, slot time, flow control. */
void mac_configure(Hw &h, const LinkState &ls)
{
	rte_spinlock_lock(&h.mode_lock); /* read-modify-writes shared with apply_rx_filters */
	uint32_t mode = rd32(h, hw::MAC_MODE) & ~(hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX);
	bool gmii = !ls.up || ls.speed == 1000;
	mode |= gmii ? hw::MAC_MODE_PORT_MODE_GMII : hw::MAC_MODE_PORT_MODE_MII;
	if (ls.up && !ls.full_duplex)
		mode |= hw::MAC_MODE_HALF_DUPLEX;
	wr32_f(h, hw::MAC_MODE, mode);
	udelay(kMacModeSettleUs);

	uint32_t tl = rd32(h, hw::MAC_TX_LENGTHS) & ~hw::TX_LENGTHS_SLOT_TIME_MASK;
	bool gig_half = ls.up && ls.speed == 1000 && !ls.full_duplex;
	wr32(h, hw::MAC_TX_LENGTHS, tl | hw::field_set(hw::TX_LENGTHS_SLOT_TIME_MASK,
						      gig_half ? kSlotTime1000Half : kSlotTime));

	uint32_t rx = rd32(h, hw::MAC_RX_MODE) & ~hw::RX_MODE_FLOW_CTRL_ENABLE;
	uint32_t tx = rd32(h, hw::MAC_TX_MODE) & ~hw::TX_MODE_FLOW_CTRL_ENABLE;
	if (ls.rx_pause)
		rx |= hw::RX_MODE_FLOW_CTRL_ENABLE;
	if (ls.tx_pause)
		tx |= hw::TX_MODE_FLOW_CTRL_ENABLE;
	wr32_f(h, hw::MAC_RX_MODE, rx);
	wr32_f(h, hw::MAC_TX_MODE, tx);
	/* Re-arm the link attention (tg3_setup_phy). */
	wr32(h, hw::MAC_EVENT, hw::MAC_EVENT_LNKSTATE_CHANGED);
	rte_spinlock_unlock(&h.mode_lock);
}

} // namespace

/* One MDIO frame under the APE PHY lock: the management firmware uses the
 * PHY too (tg3 __tg3_readphy/__tg3_writephy; like tg3, go on without it). */
static int mdio_locked(Hw &h, uint32_t frame, uint16_t *val)
{
	const unsigned ape_phy = hw::tg3_ape_phy_lock(h.pci_fn);
	rte_spinlock_lock(&h.lock);
	(void)ape_lock(h, ape_phy);
	int ret = mdio_cmd(h, frame, val);
	ape_unlock(h, ape_phy);
	rte_spinlock_unlock(&h.lock);
	return ret;
}

int phy_read(Hw &h, uint32_t reg, uint16_t *val)
{
	return mdio_locked(h, hw::mi_com_read(h.phy_addr, reg), val);
}

int phy_write(Hw &h, uint32_t reg, uint16_t val)
{
	return mdio_locked(h, hw::mi_com_write(h.phy_addr, reg, val), nullptr);
}

int phy_probe(Hw &h)
{
	uint16_t id1 = 0, id2 = 0;
	int ret;

	if (h.asf_enabled) {
		/* tg3 uses the boot code's copy when ASF/APE own the PHY (ref §11.4). */
		h.phy_id = hw::tg3_phy_id_from_sram(sram_read(h, hw::NIC_SRAM_DATA_PHY_ID));
	} else {
		ret = phy_read(h, hw::MII_PHYSID1, &id1);
		if (ret == 0)
			ret = phy_read(h, hw::MII_PHYSID2, &id2);
		if (ret != 0)
			return ret;
		h.phy_id = hw::tg3_phy_id_pack(id1, id2);
	}
	if (!hw::tg3_phy_id_known(h.phy_id)) {
		PMD_INIT_LOG(ERR, "%s: unknown PHY id 0x%08x at MDIO address %u", h.name, h.phy_id, h.phy_addr);
		return -ENODEV;
	}
	return 0;
}

namespace {

/* tg3_phy_auxctl_read: select the shadow through the MISC selector's read field, then read. */
int auxctl_read(Hw &h, uint16_t shadow, uint16_t *val)
{
	int ret = phy_write(h, hw::MII_TG3_AUX_CTRL,
			    static_cast<uint16_t>(shadow << hw::MII_TG3_AUXCTL_MISC_RDSEL_SHIFT |
						  hw::MII_TG3_AUXCTL_SHDWSEL_MISC));
	return ret != 0 ? ret : phy_read(h, hw::MII_TG3_AUX_CTRL, val);
}

/* tg3_phy_auxctl_write: the MISC shadow needs its write enable. */
int auxctl_write(Hw &h, uint16_t shadow, uint16_t val)
{
	if (shadow == hw::MII_TG3_AUXCTL_SHDWSEL_MISC)
		val |= hw::MII_TG3_AUXCTL_MISC_WREN;
	return phy_write(h, hw::MII_TG3_AUX_CTRL, static_cast<uint16_t>(val | shadow));
}

/* Read-modify-write of one AUX_CTRL shadow (selector bits masked off the value read). */
int auxctl_set(Hw &h, uint16_t shadow, uint16_t bits)
{
	constexpr uint16_t kSelMask = 0x0007; /* AUX_CTRL bits 2:0 select the shadow (tg3.h SHDWSEL_*) */
	uint16_t v = 0;
	int ret = auxctl_read(h, shadow, &v);
	return ret != 0 ? ret : auxctl_write(h, shadow, static_cast<uint16_t>((v & ~kSelMask) | bits));
}

} // namespace

int phy_reset(Hw &h)
{
	uint16_t bmcr = 0;
	int ret = phy_write(h, hw::MII_BMCR, hw::BMCR_RESET);
	for (unsigned i = 0; ret == 0 && i < kBmcrResetLoops; i++) {
		ret = phy_read(h, hw::MII_BMCR, &bmcr);
		if (ret == 0 && !(bmcr & hw::BMCR_RESET))
			break;
		udelay(kBmcrResetPollUs);
	}
	if (ret == 0 && (bmcr & hw::BMCR_RESET))
		ret = -ETIMEDOUT;
	/* tg3_phy_reset, every chip here being JUMBO_CAPABLE: AUXCTL EXTPKTLEN
	 * (read-modify-write) and EXT_CTRL FIFO_ELASTIC, or the PHY loses frames
	 * longer than 1522 bytes; then tg3_phy_toggle_automdix(true) and
	 * tg3_phy_set_wirespeed in the MISC shadow. */
	if (ret == 0)
		ret = auxctl_set(h, hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL, hw::MII_TG3_AUXCTL_ACTL_EXTPKTLEN);
	uint16_t ext = 0;
	if (ret == 0)
		ret = phy_read(h, hw::MII_TG3_EXT_CTRL, &ext);
	if (ret == 0)
		ret = phy_write(h, hw::MII_TG3_EXT_CTRL, ext | hw::MII_TG3_EXT_CTRL_FIFO_ELASTIC);
	if (ret == 0)
		ret = auxctl_set(h, hw::MII_TG3_AUXCTL_SHDWSEL_MISC,
				 hw::MII_TG3_AUXCTL_MISC_FORCE_AMDIX | hw::MII_TG3_AUXCTL_MISC_WIRESPD_EN);
	if (ret != 0)
		PMD_DRV_LOG(ERR, "%s: PHY reset failed (%d)", h.name, ret);
	return ret;
}

int phy_setup(Hw &h, const LinkConfig &c)
{
	/* tg3_setup_copper_phy: out of any low-power state tg3_power_down_phy left
	 * in the PWRCTL shadow (super isolate holds the link down). */
	int ret = auxctl_write(h, hw::MII_TG3_AUXCTL_SHDWSEL_PWRCTL, 0);
	if (ret != 0)
		return ret;

	if (c.autoneg) {
		ret = phy_write(h, hw::MII_ADVERTISE, advertise_bits(c));
		if (ret == 0)
			ret = phy_write(h, hw::MII_CTRL1000, ctrl1000_bits(c));
		if (ret == 0)
			ret = phy_write(h, hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
		return ret;
	}
	uint16_t bmcr = 0;
	if (c.modes & (kMode1000Full | kMode1000Half))
		bmcr |= hw::BMCR_SPEED1000;
	else if (c.modes & (kMode100Full | kMode100Half))
		bmcr |= hw::BMCR_SPEED100;
	if (c.modes & (kMode10Full | kMode100Full | kMode1000Full))
		bmcr |= hw::BMCR_FULLDPLX;
	return phy_write(h, hw::MII_BMCR, bmcr);
}

int phy_power(Hw &h, bool up)
{
	uint16_t bmcr;
	int ret = phy_read(h, hw::MII_BMCR, &bmcr);
	if (ret != 0)
		return ret;
	bmcr = up ? static_cast<uint16_t>(bmcr & ~hw::BMCR_PDOWN) : static_cast<uint16_t>(bmcr | hw::BMCR_PDOWN);
	return phy_write(h, hw::MII_BMCR, bmcr);
}

int phy_poll(Hw &h, const LinkConfig &c, LinkState *out)
{
	LinkState ls;
	uint16_t bmsr = 0, aux = 0, bmcr = 0;
	int ret;

	/* Clear the MAC status change bits (tg3_clear_mac_status). */
	wr32(h, hw::MAC_STATUS, hw::MAC_STATUS_SYNC_CHANGED | hw::MAC_STATUS_CFG_CHANGED |
					hw::MAC_STATUS_MI_COMPLETION | hw::MAC_STATUS_LNKSTATE_CHANGED);
	/* 1. BMSR twice: the first read returns the latched-low value (ref §11.2). */
	ret = phy_read(h, hw::MII_BMSR, &bmsr);
	if (ret == 0)
		ret = phy_read(h, hw::MII_BMSR, &bmsr);
	if (ret != 0)
		return ret;
	if (bmsr & hw::BMSR_LSTATUS) {
		/* 2. Resolved speed/duplex from AUX_STAT, valid BMCR. */
		for (unsigned i = 0; i < kAuxStatLoops; i++) {
			ret = phy_read(h, hw::MII_TG3_AUX_STAT, &aux);
			if (ret != 0)
				return ret;
			if (aux != 0)
				break;
			udelay(kAuxStatPollUs);
		}
		ret = phy_read(h, hw::MII_BMCR, &bmcr);
		if (ret != 0)
			return ret;
		hw::MiiSpeedDuplex sd = hw::tg3_aux_stat_speed_duplex(aux);
		/* A forced 10/half BMCR reads 0: valid then (tg3 only retries the
		 * read); forced, the link counts only at the speed/duplex asked for. */
		ls.up = sd.speed != 0 && bmcr != hw::TG3_BMCR_INVALID_READ &&
			(c.autoneg ? bmcr != 0 : (c.modes & mode_of(sd.speed, sd.full_duplex)) != 0);
		ls.speed = sd.speed;
		ls.full_duplex = sd.full_duplex;
		ls.autoneg = c.autoneg;
	}
	if (ls.up && c.autoneg) {
		/* 3. Accept only if the PHY still holds what we programmed (tg3_phy_copper_an_config_ok). */
		uint16_t adv = 0, c1000 = 0, lpa = 0, stat1000 = 0;
		ret = phy_read(h, hw::MII_ADVERTISE, &adv);
		if (ret == 0)
			ret = phy_read(h, hw::MII_CTRL1000, &c1000);
		if (ret == 0)
			ret = phy_read(h, hw::MII_LPA, &lpa);
		if (ret == 0)
			ret = phy_read(h, hw::MII_STAT1000, &stat1000);
		if (ret != 0)
			return ret;
		if (!(bmcr & hw::BMCR_ANENABLE) || (adv & kAdvCompareMask) != (advertise_bits(c) & kAdvCompareMask) ||
		    (c1000 & kCtrl1000CompareMask) != ctrl1000_bits(c)) {
			PMD_DRV_LOG(INFO, "%s: PHY lost its autoneg configuration, restarting", h.name);
			ls = LinkState{};
			(void)phy_setup(h, c);
		} else if (ls.full_duplex && c.pause_autoneg) {
			/* 4. Pause per the standard rules. */
			resolve_pause(adv, lpa, &ls.rx_pause, &ls.tx_pause);
		} else if (ls.full_duplex) {
			/* Forced pause (tg3_setup_flow_control without PAUSE_AUTONEG). */
			ls.rx_pause = c.pause_rx;
			ls.tx_pause = c.pause_tx;
		}
	} else if (ls.up && ls.full_duplex) {
		ls.rx_pause = c.pause_rx;
		ls.tx_pause = c.pause_tx;
	}
	mac_configure(h, ls);
	*out = ls;
	return 0;
}

} // namespace tg57xx::pmd
