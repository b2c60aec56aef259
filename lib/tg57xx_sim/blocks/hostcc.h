/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host coalescing (§5.6, §9.1, §4.2): the only writer of the status block.
 * Engines report index changes here; this block decides when to DMA the
 * status block (tick and BD thresholds on the virtual clock, HOSTCC_MODE_NOW,
 * TXD_FLAG_COAL_NOW) and when to interrupt (interrupt-mailbox mask/tag
 * protocol, MISC_HOST_CTRL_MASK_PCI_INT, MSI/MSI-X). Implemented in
 * hostcc.cpp. Additive changes only.
 *
 * Ring numbering: return ring n = return RCB n (NIC_SRAM_RCV_RET_RCB + 16n);
 * send ring n = send RCB n (NIC_SRAM_SEND_RCB + 16n). Where each index lands
 * in which status block (single vector, or RSS/TSS per-vector remap of §9.1
 * and §4.4) is this block's business, decided from MSGINT_MODE and
 * MAC_RX_MODE_RSS_ENABLE.
 */
#ifndef TG57XX_SIM_BLOCKS_HOSTCC_H
#define TG57XX_SIM_BLOCKS_HOSTCC_H

#include <cstdint>

#include "block.h"

namespace tg57xx::sim {

class HostCc : public Block {
public:
	using Block::Block;

	/* RX engine: return ring `ring` producer advanced to `prod` after writing `bds` return BDs. */
	virtual void rx_returned(unsigned ring, uint16_t prod, unsigned bds) = 0;
	/* RX engine: the chip consumed posted buffers up to `cons` (status block rx_consumer / rx_jumbo_consumer). */
	virtual void std_consumed(uint16_t cons) = 0;
	virtual void jumbo_consumed(uint16_t cons) = 0;
	/* TX engine: send ring `ring` consumer advanced to `cons` after `bds` BDs; coal_now: a BD had TXD_FLAG_COAL_NOW. */
	virtual void tx_completed(unsigned ring, uint16_t cons, unsigned bds, bool coal_now) = 0;
	/* MAC: MAC_STATUS_LNKSTATE_CHANGED was set while MAC_EVENT_LNKSTATE_CHANGED is enabled → SD_STATUS_LINK_CHG (§11.7). */
	virtual void link_changed() = 0;
	/* Any block: an error attention (SD_STATUS_ERROR). */
	virtual void error_attention() = 0;
};

} // namespace tg57xx::sim

#endif
