/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Every block of the model, in construction order (X-macro). One line per
 * block; blocks/<name>.cpp defines make_block_<name>(Chip &).
 * Add yours before `bootcode` unless it must observe the boot code.
 */
#ifndef TG57XX_SIM_BLOCK_LIST_H
#define TG57XX_SIM_BLOCK_LIST_H

#include <memory>

#include "block.h"

// clang-format off
#define TG57XX_SIM_BLOCKS(X)                                                   \
	X(pci_cfg)   /* config space, BAR0 mirror, windows, shortcuts (§2, §3) */\
	X(mode_regs) /* engine MODE/STATUS regs, MEMARB, FTQ, MAC modes (§5, §13) */\
	X(grc)       /* GRC block and the core reset (§5.11, §12.2) */         \
	X(cpmu)      /* CPMU registers reset sequences touch (§5.5) */         \
	X(nvram)     /* NVRAM interface, SWARB, the NVRAM image (§5.12) */     \
	X(hostcc)    /* host coalescing: status block, interrupts (§5.6, §9.1, §4.2) */\
	X(mii_phy)   /* Broadcom copper PHY behind MDIO, autoneg, link (§11) */\
	X(mac)       /* MAC: MDIO, filter, TX/RX, statistics, link attention (§5.1, §5.2) */\
	X(tx)        /* send path: SBDS/SBDI/SDI/SDC/SBDC + read DMA (§5.3, §14.1) */\
	X(rx)        /* receive path: RLP/RDBDI/RDC/RBDI/RBDC + write DMA (§5.4, §14.2) */\
	X(ape)       /* APE locks, shared memory, management firmware (§2 BAR2) */\
	X(asf)       /* ASF firmware on the RX CPU: driver events, pause (§6.1) */\
	X(bootcode)  /* on-chip boot code after reset (§6.2) */
// clang-format on

namespace tg57xx::sim {
class Chip;
#define TG57XX_SIM_DECLARE_BLOCK(name) std::unique_ptr<Block> make_block_##name(Chip &chip);
TG57XX_SIM_BLOCKS(TG57XX_SIM_DECLARE_BLOCK)
#undef TG57XX_SIM_DECLARE_BLOCK
} // namespace tg57xx::sim

#endif
