/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PHY access over MDIO (MAC_MI_COM), autonegotiation, link resolution and the
 * MAC configuration per resolved link (ref §5.1, §11; tg3_setup_copper_phy).
 */
#ifndef TG57XX_PHY_H
#define TG57XX_PHY_H

#include <cstdint>

#include "tg57xx_hw.h"

namespace tg57xx::pmd {

/* What the user asked for (rte_eth_conf link_speeds, flow control). */
struct LinkConfig {
	bool autoneg = true;
	/* Autoneg: modes to advertise (bits below). Forced: exactly one mode. */
	uint32_t modes = 0;
	bool pause_rx = true;  /* honour received PAUSE */
	bool pause_tx = true;  /* send PAUSE */
	/* Pause from autonegotiation (advertised, resolved against the partner,
	 * ref §11.5 step 4) or forced to pause_rx/pause_tx (tg3 PAUSE_AUTONEG). */
	bool pause_autoneg = true;
};
/* Mode bits. */
inline constexpr uint32_t kMode10Half = 1u << 0;
inline constexpr uint32_t kMode10Full = 1u << 1;
inline constexpr uint32_t kMode100Half = 1u << 2;
inline constexpr uint32_t kMode100Full = 1u << 3;
inline constexpr uint32_t kMode1000Half = 1u << 4;
inline constexpr uint32_t kMode1000Full = 1u << 5;
inline constexpr uint32_t kModesAll = (1u << 6) - 1;

struct LinkState {
	bool up = false;
	uint32_t speed = 0; /* Mbit/s */
	bool full_duplex = false;
	bool autoneg = false;
	bool rx_pause = false;
	bool tx_pause = false;
	bool operator==(const LinkState &) const = default;
};

int phy_read(Hw &h, uint32_t reg, uint16_t *val);
int phy_write(Hw &h, uint32_t reg, uint16_t val);
/* Identify the PHY (ref §11.4): MDIO ids, or the boot code's SRAM copy when ASF is on. */
int phy_probe(Hw &h);
/* tg3_phy_reset: BMCR reset (waits for the self-clear), then the jumbo bits
 * (AUXCTL EXTPKTLEN, EXT_CTRL FIFO_ELASTIC), auto-MDIX and wirespeed. */
int phy_reset(Hw &h);
/* Clear the PWRCTL shadow, program advertisement/forced mode and (re)start
 * autonegotiation (ref §11.5 setup; tg3_setup_copper_phy). */
int phy_setup(Hw &h, const LinkConfig &cfg);
/* Power the PHY down (link down) or up again. */
int phy_power(Hw &h, bool up);
/* Resolve the link (ref §11.5) and configure the MAC for it (ref §11.6); clears MAC_STATUS change bits. */
int phy_poll(Hw &h, const LinkConfig &cfg, LinkState *out);

} // namespace tg57xx::pmd

#endif
