/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Flow control (ethtool -a/-A, tg3_get_pauseparam / tg3_set_pauseparam):
 * PAUSE advertised in MII_ADVERTISE (ADVERTISE_PAUSE_CAP/ASYM) and resolved
 * against the partner (ref §11.5 step 4, mii_resolve_flowctrl_fdx), or
 * forced; the result enables RX_MODE_FLOW_CTRL_ENABLE / TX_MODE_FLOW_CTRL_ENABLE
 * (ref §11.5, §11.6; tg3_setup_flow_control). The PHY side is tg57xx_phy.cpp.
 *
 * The chip's pause quanta and watermarks are not user settable here (tg3
 * does not expose them either): high/low water, pause time and XON sending
 * must be 0, MAC control frames are not forwarded.
 */
#include <cerrno>
#include <cstring>

#include "tg57xx_diag.h"
#include "tg57xx_ethdev.h"
#include "tg57xx_logs.h"

namespace tg57xx::pmd {

int tg57xx_flow_ctrl_get(rte_eth_dev *dev, rte_eth_fc_conf *fc) noexcept
{
	Adapter *a = adapter_of(dev);
	rte_spinlock_lock(&a->link_lock);
	const LinkConfig c = a->link_cfg;
	const LinkState ls = a->link;
	rte_spinlock_unlock(&a->link_lock);
	/* What the MAC does on a link that is up; what was asked for otherwise. */
	const bool rx = ls.up ? ls.rx_pause : c.pause_rx;
	const bool tx = ls.up ? ls.tx_pause : c.pause_tx;
	*fc = rte_eth_fc_conf{};
	fc->mode = rx && tx ? RTE_ETH_FC_FULL : rx ? RTE_ETH_FC_RX_PAUSE : tx ? RTE_ETH_FC_TX_PAUSE : RTE_ETH_FC_NONE;
	fc->autoneg = c.pause_autoneg ? 1 : 0;
	return 0;
}

int tg57xx_flow_ctrl_set(rte_eth_dev *dev, rte_eth_fc_conf *fc) noexcept
{
	Adapter *a = adapter_of(dev);
	bool rx = false, tx = false;
	/* An application (C) may pass any int here; reading it as the enum would be
	 * undefined behaviour for values outside it (UBSan: invalid enum load). */
	int mode;
	static_assert(sizeof(mode) == sizeof(fc->mode));
	std::memcpy(&mode, &fc->mode, sizeof(mode));
	switch (mode) {
	case RTE_ETH_FC_NONE:
		break;
	case RTE_ETH_FC_RX_PAUSE:
		rx = true;
		break;
	case RTE_ETH_FC_TX_PAUSE:
		tx = true;
		break;
	case RTE_ETH_FC_FULL:
		rx = tx = true;
		break;
	default:
		PMD_DRV_LOG(ERR, "%s: flow control mode %d is not one of none/rx/tx/full", a->name, mode);
		return -EINVAL;
	}
	if (fc->high_water != 0 || fc->low_water != 0 || fc->pause_time != 0 || fc->send_xon != 0 ||
	    fc->mac_ctrl_frame_fwd != 0) {
		PMD_DRV_LOG(ERR, "%s: flow control watermarks, pause time, XON sending and MAC control "
				 "forwarding are the chip's own here (give 0)", a->name);
		return -ENOTSUP;
	}
	rte_spinlock_lock(&a->link_lock);
	a->link_cfg.pause_rx = rx;
	a->link_cfg.pause_tx = tx;
	a->link_cfg.pause_autoneg = fc->autoneg != 0;
	const LinkConfig c = a->link_cfg;
	rte_spinlock_unlock(&a->link_lock);
	if (!a->started || a->link_forced_down)
		return 0;
	/* New advertisement: renegotiate (tg3 restarts the PHY); forced: reconfigure the MAC now. */
	int ret = c.autoneg ? phy_setup(a->hw, c) : 0;
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "%s: cannot advertise the new pause abilities (%d)", a->name, ret);
		return ret;
	}
	tg57xx_link_check(dev);
	return 0;
}

} // namespace tg57xx::pmd
