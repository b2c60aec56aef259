/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The integrated Broadcom copper PHY (§11): the Clause-22 register set of
 * §11.2 plus the MII_TG3_* registers of §11.3, reached only through MDIO
 * frames the MAC runs for MAC_MI_COM (mac.cpp). Block `mii_phy`.
 *
 * Link model:
 *   carrier   = cable plugged (Device::set_cable) && a wire is attached &&
 *               Wire::carrier() && no Faults::link_flaps hold-down running.
 *               No wire = no carrier = no link (a MAC-only test uses
 *               MAC_MODE_PORT_INT_LPBACK or BMCR_LOOPBACK instead).
 *   autoneg   (BMCR_ANENABLE): Config::autoneg_ns after the trigger (power-on,
 *               reset done, ANRESTART, carrier back, partner change) the PHY
 *               resolves the highest common mode of ADVERTISE/CTRL1000 and the
 *               link partner in 802.3 priority order 1000FD > 1000HD > 100FD >
 *               100HD > 10FD > 10HD; no common mode = no link (ANEGCOMPLETE
 *               still set, LPA valid).
 *   forced    (ANENABLE clear): BMCR speed/duplex, link after the same delay
 *               if the partner has that ability.
 *   loopback  (BMCR_LOOPBACK): link up at once at the BMCR speed and duplex,
 *               whatever the wire does; the MAC turns TX frames back to RX.
 *   PDOWN     link down, nothing negotiates until it is cleared; so does
 *             the AUX_CTRL PWRCTL shadow's SPR_ISOLATE (low power).
 *   MDI/MDI-X a crossed cable (LinkPartner::mdix) links with autonegotiation
 *             on; forced, only with the MISC shadow's FORCE_AMDIX.
 *   jumbo     frames longer than 1522 bytes cross the PHY only with AUXCTL
 *             EXTPKTLEN (and, sent, EXT_CTRL FIFO_ELASTIC); else dropped.
 * The PHY is not part of the GRC core: a core reset leaves it (and the link)
 * alone; only BMCR_RESET restores its defaults.
 */
#ifndef TG57XX_SIM_BLOCKS_MII_PHY_H
#define TG57XX_SIM_BLOCKS_MII_PHY_H

#include <array>
#include <cstdint>
#include <map>

#include "block.h"
#include "clock.h"
#include "tg57xx_mii.h"
#include "tg57xx_sim/device.h"

namespace tg57xx::sim {

class MiiPhy final : public Block {
public:
	/* The MAC: told about every link transition and the PHY interrupt level. */
	class Listener {
	public:
		virtual void phy_link_changed() = 0;
		virtual void phy_irq(bool level) = 0;

	protected:
		~Listener() = default;
	};

	explicit MiiPhy(Chip &chip);

	bool run() override;
	void power_on() override;
	void wire_changed(Wire *w) override;

	void set_listener(Listener *l) { listener_ = l; }

	/* One MDIO frame to this PHY (register 0..31), at the end of the frame. */
	uint16_t mdio_read(uint8_t reg);
	void mdio_write(uint8_t reg, uint16_t val);

	/* Resolved state, for the MAC data path. */
	bool link_up() const { return link_; }
	uint32_t speed() const { return link_ ? speed_ : 0; }
	bool full_duplex() const { return full_duplex_; }
	bool loopback() const { return (bmcr_ & tg57xx::hw::BMCR_LOOPBACK) != 0; }
	bool isolated() const { return (bmcr_ & tg57xx::hw::BMCR_ISOLATE) != 0; }
	/* Can a frame of wire_len bytes (FCS included) cross the PHY? Longer than
	 * kStdMaxWireFrame needs AUXCTL EXTPKTLEN, and to transmit also EXT_CTRL
	 * FIFO_ELASTIC (tg3_phy_reset); see mii_phy.cpp. */
	bool passes(uint32_t wire_len, bool tx) const;
	/* Pause resolution (mii_resolve_flowctrl_fdx), valid while the link is up. */
	bool tx_pause() const { return tx_pause_; }
	bool rx_pause() const { return rx_pause_; }

	/* The cable (Device::set_link_partner / set_cable). */
	void set_link_partner(const LinkPartner &lp);
	void set_cable(bool plugged);
	const LinkPartner &link_partner() const { return partner_; }

private:
	static constexpr unsigned kAuxShadows = 8;        /* AUX_CTRL selector, bits 2:0 */
	static constexpr unsigned kMiscShadows = 32;      /* MISC_SHDW selector, bits 14:10 */

	void defaults();
	void begin_reset();
	void reset_done();
	bool carrier_now() const;
	/* Something that decides the link changed: drop it and (re)negotiate. */
	void renegotiate();
	void negotiation_done();
	void set_link(bool up, uint32_t speed, bool full);
	void raise_istat(uint16_t bits);
	void update_irq();
	uint16_t bmsr_read();
	void aux_ctrl_write(uint16_t val);
	bool super_isolated() const;
	uint16_t aux_stat() const;

	Listener *listener_ = nullptr;
	Wire *wire_ = nullptr;
	LinkPartner partner_;
	bool cable_ = true;
	bool carrier_ = false;
	bool flap_active_ = false;
	bool flap_series_ = false; /* later flaps of one Faults::link_flaps batch are spaced */
	Timer reset_timer_;
	Timer an_timer_;
	Timer flap_timer_;
	Timer flap_wake_;

	/* Registers (§11.2, §11.3). */
	uint16_t bmcr_ = 0;
	uint16_t advertise_ = 0;
	uint16_t ctrl1000_ = 0;
	uint16_t ext_ctrl_ = 0;
	uint16_t dsp_address_ = 0;
	uint16_t dsp_control_ = 0;
	uint16_t mmd_ctrl_ = 0;
	uint16_t mmd_address_ = 0;
	uint16_t imask_ = 0;
	uint16_t istat_ = 0;
	uint16_t test1_ = 0;
	std::array<uint16_t, kAuxShadows> aux_ctrl_{};
	unsigned aux_read_sel_ = 0;
	std::array<uint16_t, kMiscShadows> misc_shdw_{};
	unsigned misc_read_sel_ = 0;
	std::map<uint32_t, uint16_t> dsp_;    /* DSP/expansion registers by address */
	std::map<uint32_t, uint16_t> mmd_;    /* Clause-45 registers by devad << 16 | reg */
	bool resetting_ = false;

	/* Autonegotiation / link result. */
	bool an_complete_ = false;
	uint16_t lpa_ = 0;
	uint16_t stat1000_ = 0;
	bool link_ = false;
	uint64_t link_up_since_ = 0;
	bool lstatus_latch_ = false; /* BMSR_LSTATUS, latched low */
	uint32_t speed_ = 0;
	bool full_duplex_ = false;
	uint32_t last_speed_ = 0;
	bool last_full_ = false;
	bool tx_pause_ = false;
	bool rx_pause_ = false;
	bool irq_level_ = false;
};

} // namespace tg57xx::sim

#endif
