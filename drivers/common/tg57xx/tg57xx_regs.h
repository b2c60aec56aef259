/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Broadcom Tigon3 / NetXtreme BCM57xx register map, as data. The one include
 * point for registers: the per-block-group headers below are parts of it.
 * Hardware description only (no DPDK, no OS); used by the PMD, the chip model
 * and the register dump/decode tools. Reference: bcm57xx-programming.md
 * ("ref §n") and tg3_reference_values.tsv; names are tg3.h's.
 *
 * BAR0 memory map (64 KiB; ref §2, §5.0)
 * ======================================
 *
 *   0x0000-0x00FF  PCI configuration space mirror (TG3PCI_*). The same
 *                  registers answer config cycles; 0x78/0x80 give indirect
 *                  register access, 0x7C/0x84 the SRAM window base and data.
 *   0x0100-0x01FF  unused
 *   0x0200-0x03FF  high-priority mailboxes (MAILBOX_*), 64 bits each; drivers
 *                  write the low word (+4). Interrupt mailboxes 0x200-0x227,
 *                  std/jumbo producers 0x268/0x270, return-ring consumers
 *                  0x280+8n, host send producers 0x300+8n.
 *   0x0400-0x05FF  Ethernet MAC: mode/status, MDIO (MI_COM), TX/RX MAC,
 *                  address slots, multicast hash, receive rules
 *   0x0600-0x06FF  RSS indirection table and hash key
 *   0x0800-0x08FF  MAC statistics counters (polled on 5705_PLUS)
 *   0x0C00         send data initiator          0x1000  send data completion
 *   0x1400         send BD ring selector        0x1800  send BD initiator
 *   0x1C00         send BD completion
 *   0x2000         receive list placement       0x2400  receive data/BD initiator
 *                                                       (std/jumbo/mini RCBs)
 *   0x2800         receive data completion      0x2C00  receive BD initiator
 *   0x3000         receive BD completion        0x3400  receive list selector
 *   0x3600         CPMU (clocks, power, mutex)  0x3800  mbuf cluster free
 *   0x3C00         host coalescing: status block DMA, interrupts, MSI-X
 *                  vector status-block addresses at 0x3D00
 *   0x4000         memory arbiter               0x4400  buffer manager
 *   0x4800         read DMA (+0x4890-0x4910 reserve/LSO controls)
 *   0x4C00         write DMA
 *   0x5000/0x5400  RX / TX on-chip CPU
 *   0x5800-0x59FF  GRC mailbox alias of 0x0200-0x03FF (GRCMBOX_*; indirect
 *                  access adds GRCMBOX_BASE 0x5600 to a mailbox offset)
 *   0x5C00         flow-through queues          0x6000  MSI / MSI-X
 *   0x6400         DMA completion (pre-5705)    0x6800  GRC: mode, core reset,
 *                                                       local control, timer
 *   0x7000         NVRAM interface + software arbitration
 *   0x7500         OTP
 *   0x7C00-0x7EFF  PCIe TL/DL/PL ports
 *   0x8000-0xFFFF  32 KiB window onto NIC SRAM (NIC_SRAM_WIN_BASE); the
 *                  window's SRAM base is TG3PCI_MEM_WIN_BASE_ADDR.
 *                  SRAM layout: tg57xx_sram.h.
 *
 * Conventions
 * -----------
 * - `inline constexpr uint32_t NAME = 0x...;` is a register (BAR0 offset);
 *   the indented names beneath it are its bits and fields (masks). Field
 *   values are applied with field_set/field_get (tg57xx_field.h).
 * - Multi-instance registers: `NAME_0` is the first instance and `NAME(n)`
 *   (the tg3 name without its index) computes instance n, e.g.
 *   MAC_ADDR_HIGH(n), MAILBOX_RCVRET_CON_IDX(n), MAC_HASH_REG(n),
 *   HOSTCC_STATBLCK_RING(vector). Where tg3's name carries no index and is
 *   itself the base (NIC_SRAM_SEND_RCB, TG3_RDMA_LENGTH) the helper is
 *   `NAME_N(n)`. An out-of-range n is a compile error when constant
 *   evaluated.
 * - Values tg3 writes as unnamed literals carry a descriptive name (usually
 *   TG3_ prefixed) and a comment naming the source.
 * - kRegisterNames (tg57xx_regs_names.h) lists every single-instance
 *   register by offset for dump/decode tools; kRegisterArrays the
 *   multi-instance ones.
 */
#ifndef TG57XX_BASE_REGS_H
#define TG57XX_BASE_REGS_H

#include <cstdint>

#include "tg57xx_field.h"
#include "tg57xx_regs_pci.h"
#include "tg57xx_regs_mac.h"
#include "tg57xx_regs_engines.h"
#include "tg57xx_regs_grc.h"
#include "tg57xx_sram.h"
#include "tg57xx_regs_ape.h"

namespace tg57xx::hw {

inline constexpr uint32_t TG3_BAR0_SIZE = 0x00010000;    /* Thundergate maps 64 KiB */
inline constexpr uint32_t TG3_REG_BLK_SIZE = 0x00008000; /* registers below the window */

/* Block bases (ref §5.0; Thundergate py/device.py tg3_blocks). */
inline constexpr uint32_t TG_BLOCK_PCI = 0x00000000;
inline constexpr uint32_t TG_BLOCK_HPMB = 0x00000200;
inline constexpr uint32_t TG_BLOCK_EMAC = 0x00000400;
inline constexpr uint32_t TG_BLOCK_RSS = 0x00000600;
inline constexpr uint32_t TG_BLOCK_STATS = 0x00000800;
inline constexpr uint32_t TG_BLOCK_SDI = 0x00000C00;
inline constexpr uint32_t TG_BLOCK_TCP_SEG_CTRL = 0x00000CE0; /* Thundergate only */
inline constexpr uint32_t TG_BLOCK_RTSDI = 0x00000D00;        /* Thundergate only */
inline constexpr uint32_t TG_BLOCK_SDC = 0x00001000;
inline constexpr uint32_t TG_BLOCK_SBDS = 0x00001400;
inline constexpr uint32_t TG_BLOCK_SBDI = 0x00001800;
inline constexpr uint32_t TG_BLOCK_SBDC = 0x00001C00;
inline constexpr uint32_t TG_BLOCK_RLP = 0x00002000;
inline constexpr uint32_t TG_BLOCK_RDI = 0x00002400;
inline constexpr uint32_t TG_BLOCK_RDC = 0x00002800;
inline constexpr uint32_t TG_BLOCK_RBDI = 0x00002C00;
inline constexpr uint32_t TG_BLOCK_RBDC = 0x00003000;
inline constexpr uint32_t TG_BLOCK_CPMU = 0x00003600;
inline constexpr uint32_t TG_BLOCK_HC = 0x00003C00;
inline constexpr uint32_t TG_BLOCK_MA = 0x00004000;
inline constexpr uint32_t TG_BLOCK_BUFMAN = 0x00004400;
inline constexpr uint32_t TG_BLOCK_RTBUFMAN = 0x00004600;
inline constexpr uint32_t TG_BLOCK_BDRDMA = 0x00004700;       /* Thundergate only */
inline constexpr uint32_t TG_BLOCK_RDMA = 0x00004800;
inline constexpr uint32_t TG_BLOCK_NRDMA = 0x00004900;
inline constexpr uint32_t TG_BLOCK_RTRDMA = 0x00004A00;
inline constexpr uint32_t TG_BLOCK_WDMA = 0x00004C00;
inline constexpr uint32_t TG_BLOCK_RXCPU = 0x00005000;
inline constexpr uint32_t TG_BLOCK_LPMB = 0x00005800;
inline constexpr uint32_t TG_BLOCK_FTQ = 0x00005C00;
inline constexpr uint32_t TG_BLOCK_MSI = 0x00006000;
inline constexpr uint32_t TG_BLOCK_CR_PORT = 0x00006100;
inline constexpr uint32_t TG_BLOCK_CFG_PORT = 0x00006400;
inline constexpr uint32_t TG_BLOCK_GRC = 0x00006800;
inline constexpr uint32_t TG_BLOCK_ASF = 0x00006C00;          /* Thundergate only */
inline constexpr uint32_t TG_BLOCK_NVRAM = 0x00007000;
inline constexpr uint32_t TG_BLOCK_OTP = 0x00007500;
inline constexpr uint32_t TG_BLOCK_PCIE_TL = 0x00007C00;
inline constexpr uint32_t TG_BLOCK_PCIE_DL = 0x00007D00;
inline constexpr uint32_t TG_BLOCK_PCIE_PL = 0x00007E00;

} // namespace tg57xx::hw

#include "tg57xx_regs_names.h"

#endif
