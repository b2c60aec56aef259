/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * BAR0 0x0000-0x00FF (PCI configuration mirror, ref §3) and 0x0200-0x03FF
 * (high-priority mailboxes, ref §4). Part of tg57xx_regs.h: include that.
 */
#ifndef TG57XX_BASE_REGS_PCI_H
#define TG57XX_BASE_REGS_PCI_H

#include <cstdint>

#include "tg57xx_field.h"

namespace tg57xx::hw {

/* ---------------------------------------------------------------------------
 * PCI configuration space, mirrored at BAR0 0x00-0xFF (ref §3; tg3.h
 * TG3PCI_*; FreeBSD BGE_PCI_*; Thundergate `pci`). Every register below is
 * reachable both through config cycles and through BAR0.
 * ------------------------------------------------------------------------- */
inline constexpr uint16_t TG3PCI_VENDOR_BROADCOM = 0x14E4;
inline constexpr uint32_t TG3PCI_VENDOR = 0x00000000; /* 16-bit */
inline constexpr uint32_t TG3PCI_DEVICE = 0x00000002; /* 16-bit */
inline constexpr uint32_t TG3PCI_MSI_DATA = 0x00000064;

inline constexpr uint32_t TG3PCI_MISC_HOST_CTRL = 0x00000068;
inline constexpr uint32_t   MISC_HOST_CTRL_CLEAR_INT = 0x00000001;
inline constexpr uint32_t   MISC_HOST_CTRL_MASK_PCI_INT = 0x00000002;
inline constexpr uint32_t   MISC_HOST_CTRL_BYTE_SWAP = 0x00000004;
inline constexpr uint32_t   MISC_HOST_CTRL_WORD_SWAP = 0x00000008;
inline constexpr uint32_t   MISC_HOST_CTRL_PCISTATE_RW = 0x00000010;
inline constexpr uint32_t   MISC_HOST_CTRL_CLKREG_RW = 0x00000020;
inline constexpr uint32_t   MISC_HOST_CTRL_REGWORD_SWAP = 0x00000040;
inline constexpr uint32_t   MISC_HOST_CTRL_INDIR_ACCESS = 0x00000080;
inline constexpr uint32_t   MISC_HOST_CTRL_IRQ_MASK_MODE = 0x00000100;
inline constexpr uint32_t   MISC_HOST_CTRL_TAGGED_STATUS = 0x00000200;
inline constexpr uint32_t   MISC_HOST_CTRL_CHIPREV = 0xFFFF0000; /* read-only */
inline constexpr uint32_t   MISC_HOST_CTRL_CHIPREV_SHIFT = 16;
/* What tg3_init_one writes (ref §2.3, §12.1 step 2), chip-id bits aside. */
inline constexpr uint32_t   TG3_MISC_HOST_CTRL_INIT = MISC_HOST_CTRL_MASK_PCI_INT |
	MISC_HOST_CTRL_WORD_SWAP | MISC_HOST_CTRL_INDIR_ACCESS | MISC_HOST_CTRL_PCISTATE_RW;

inline constexpr uint32_t TG3PCI_DMA_RW_CTRL = 0x0000006C;
inline constexpr uint32_t   DMA_RWCTRL_DIS_CACHE_ALIGNMENT = 0x00000001;
inline constexpr uint32_t   DMA_RWCTRL_TAGGED_STAT_WA = 0x00000080; /* 5719/5720 */
inline constexpr uint32_t   DMA_RWCTRL_CRDRDR_RDMA_MRRS_MSK = 0x00000380; /* 57765 A0: clear */
inline constexpr uint32_t   DMA_RWCTRL_READ_BNDRY_MASK = 0x00000700;
inline constexpr uint32_t   DMA_RWCTRL_WRITE_BNDRY_MASK = 0x00003800;
inline constexpr uint32_t   DMA_RWCTRL_ONE_DMA = 0x00004000;
inline constexpr uint32_t   DMA_RWCTRL_READ_WATER = 0x00070000;
inline constexpr uint32_t   DMA_RWCTRL_READ_WATER_SHIFT = 16;
inline constexpr uint32_t   DMA_RWCTRL_WRITE_WATER = 0x00380000;
inline constexpr uint32_t   DMA_RWCTRL_WRITE_WATER_SHIFT = 19;
inline constexpr uint32_t   DMA_RWCTRL_USE_MEM_READ_MULT = 0x00400000;
inline constexpr uint32_t   DMA_RWCTRL_ASSERT_ALL_BE = 0x00800000;
inline constexpr uint32_t   DMA_RWCTRL_PCI_READ_CMD = 0x0F000000;
inline constexpr uint32_t   DMA_RWCTRL_PCI_READ_CMD_SHIFT = 24;
inline constexpr uint32_t   DMA_RWCTRL_PCI_WRITE_CMD = 0xF0000000;
inline constexpr uint32_t   DMA_RWCTRL_PCI_WRITE_CMD_SHIFT = 28;
/* PCI bus command codes tg3 puts in the *_CMD fields: Memory Read (6) and
 * Memory Write (7) (tg3.c tg3_test_dma literals; FreeBSD "read cmd 6 /
 * write cmd 7", ref §3). */
inline constexpr uint32_t   DMA_RWCTRL_PCI_CMD_MEM_READ = 0x6;
inline constexpr uint32_t   DMA_RWCTRL_PCI_CMD_MEM_WRITE = 0x7;
/* tg3.c tg3_test_dma literal ORed in on PCIe (non-57765_PLUS). */
inline constexpr uint32_t   TG3_DMA_RWCTRL_PCIE_LITERAL = 0x00180000;
/* 5761: (7 << 28) | (6 << 24) | 0x00180000, set at probe (ref §3). */
inline constexpr uint32_t   TG3_DMA_RWCTRL_5761 =
	field_set(DMA_RWCTRL_PCI_WRITE_CMD, DMA_RWCTRL_PCI_CMD_MEM_WRITE) |
	field_set(DMA_RWCTRL_PCI_READ_CMD, DMA_RWCTRL_PCI_CMD_MEM_READ) | TG3_DMA_RWCTRL_PCIE_LITERAL;

inline constexpr uint32_t TG3PCI_PCISTATE = 0x00000070;
inline constexpr uint32_t   PCISTATE_FORCE_RESET = 0x00000001;
inline constexpr uint32_t   PCISTATE_INT_NOT_ACTIVE = 0x00000002;
inline constexpr uint32_t   PCISTATE_CONV_PCI_MODE = 0x00000004;
inline constexpr uint32_t   PCISTATE_BUS_SPEED_HIGH = 0x00000008;
inline constexpr uint32_t   PCISTATE_BUS_32BIT = 0x00000010;
inline constexpr uint32_t   PCISTATE_ROM_ENABLE = 0x00000020;
inline constexpr uint32_t   PCISTATE_ROM_RETRY_ENABLE = 0x00000040;
inline constexpr uint32_t   PCISTATE_FLAT_VIEW = 0x00000100;
inline constexpr uint32_t   PCISTATE_RETRY_SAME_DMA = 0x00002000;
inline constexpr uint32_t   PCISTATE_ALLOW_APE_CTLSPC_WR = 0x00010000;
inline constexpr uint32_t   PCISTATE_ALLOW_APE_SHMEM_WR = 0x00020000;
inline constexpr uint32_t   PCISTATE_ALLOW_APE_PSPACE_WR = 0x00040000;

/* Not touched on CPMU chips, i.e. on every chip handled here (ref §3). */
inline constexpr uint32_t TG3PCI_CLOCK_CTRL = 0x00000074;
inline constexpr uint32_t   CLOCK_CTRL_CORECLK_DISABLE = 0x00000200;
inline constexpr uint32_t   CLOCK_CTRL_RXCLK_DISABLE = 0x00000400;
inline constexpr uint32_t   CLOCK_CTRL_TXCLK_DISABLE = 0x00000800;
inline constexpr uint32_t   CLOCK_CTRL_ALTCLK = 0x00001000;
inline constexpr uint32_t   CLOCK_CTRL_44MHZ_CORE = 0x00040000;
inline constexpr uint32_t   CLOCK_CTRL_625_CORE = 0x00100000;
inline constexpr uint32_t   CLOCK_CTRL_DELAY_PCI_GRANT = 0x80000000;

/* Indirect register access and SRAM window (ref §2.1, §2.2). */
inline constexpr uint32_t TG3PCI_REG_BASE_ADDR = 0x00000078;
inline constexpr uint32_t TG3PCI_MEM_WIN_BASE_ADDR = 0x0000007C; /* tg3 leaves it 0 */
inline constexpr uint32_t TG3PCI_REG_DATA = 0x00000080;
inline constexpr uint32_t TG3PCI_MEM_WIN_DATA = 0x00000084;
inline constexpr uint32_t TG3PCI_MISC_LOCAL_CTRL = 0x00000090; /* alias of GRC_LOCAL_CTRL */
/* 64-bit shortcuts; write the low word (+TG3_64BIT_REG_LOW). */
inline constexpr uint32_t TG3PCI_STD_RING_PROD_IDX = 0x00000098;
inline constexpr uint32_t TG3PCI_RCV_RET_RING_CON_IDX = 0x000000A0;

/*
 * PCIe Device Control (low half) and Device Status (high half) as one dword;
 * fields as linux/pci_regs.h PCI_EXP_DEVCTL_*, PCI_EXP_DEVSTA_* << 16 (renamed:
 * those are macros in headers DPDK pulls in).
 * After every core reset tg3_chip_reset clears RELAX_EN and NOSNOOP_EN and
 * writes the four Device Status error bits (W1C) to clear them; FreeBSD
 * bge_reset also restores the max read request size (ref §12.2 step 8).
 */
inline constexpr uint32_t TG3PCI_DEV_STATUS_CTRL = 0x000000B4; /* PCIe devctl mirror */
inline constexpr uint32_t   TG3PCI_DEVCTL_RELAX_EN = 0x00000010;
inline constexpr uint32_t   TG3PCI_DEVCTL_PAYLOAD = 0x000000E0;
inline constexpr uint32_t   TG3PCI_DEVCTL_NOSNOOP_EN = 0x00000800;
inline constexpr uint32_t   MAX_READ_REQ_SIZE_2048 = 0x00004000;
inline constexpr uint32_t   MAX_READ_REQ_MASK = 0x00007000;
inline constexpr uint32_t   TG3PCI_DEVCTL_MASK = 0x0000FFFF;
inline constexpr uint32_t   TG3PCI_DEVSTA_CED = 0x00010000; /* correctable error detected */
inline constexpr uint32_t   TG3PCI_DEVSTA_NFED = 0x00020000; /* non-fatal error detected */
inline constexpr uint32_t   TG3PCI_DEVSTA_FED = 0x00040000; /* fatal error detected */
inline constexpr uint32_t   TG3PCI_DEVSTA_URD = 0x00080000; /* unsupported request detected */
inline constexpr uint32_t   TG3PCI_DEVSTA_ERRORS =
	TG3PCI_DEVSTA_CED | TG3PCI_DEVSTA_NFED | TG3PCI_DEVSTA_FED | TG3PCI_DEVSTA_URD;
inline constexpr uint32_t TG3PCI_DUAL_MAC_CTRL = 0x000000B8; /* 5704/5780 only */

/*
 * Product-id (full chip id) registers, ref §1.2 step 3: which one a device
 * uses is in tg57xx_pci_ids.def.
 */
inline constexpr uint32_t TG3PCI_PRODID_ASICREV = 0x000000BC;
/*
 * tg3.h defines this mask next to TG3PCI_PRODID_ASICREV but
 * tg3_detect_asic_rev does NOT apply it: the product-id register is used as
 * a full 32-bit chip id. Masking would turn CHIPREV_ID_57765_A0 (0x57785000)
 * into 0x07785000 and lose ASIC_REV_57765 (0x57785). Kept for reference only.
 */
inline constexpr uint32_t   PROD_ID_ASIC_REV_MASK = 0x0FFFFFFF;
inline constexpr uint32_t TG3PCI_GEN2_PRODID_ASICREV = 0x000000F4;
inline constexpr uint32_t TG3PCI_GEN15_PRODID_ASICREV = 0x000000FC;

inline constexpr uint32_t TG3_CORR_ERR_STAT = 0x00000110; /* 57780 only */

/* ---------------------------------------------------------------------------
 * Mailboxes, BAR0 0x0200-0x03FF (ref §4; tg3.h MAILBOX_*; Thundergate `hpmb`).
 * Every mailbox is 64 bits: high word at +TG3_64BIT_REG_HIGH, low word at
 * +TG3_64BIT_REG_LOW. Drivers write indexes into the LOW word; with TSS the
 * extra send rings use HIGH words (ref §4.4). The same block is aliased at
 * 0x5800-0x59FF (GRCMBOX_*), which is what indirect access uses.
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t TG3_64BIT_REG_HIGH = 0x00000000;
inline constexpr uint32_t TG3_64BIT_REG_LOW = 0x00000004;
inline constexpr uint32_t TG3_MBOX_BLOCK_BASE = 0x00000200; /* ref §4.1 */
inline constexpr uint32_t TG3_MBOX_BLOCK_SIZE = 0x00000200;
inline constexpr uint32_t TG3_MBOX_STRIDE = 0x00000008;     /* one 64-bit mailbox */

inline constexpr unsigned TG3_RSS_MAX_NUM_QS = 4;
inline constexpr unsigned TG3_IRQ_MAX_VECS_RSS = 5;
inline constexpr unsigned TG3_IRQ_MAX_VECS = 5;
/* Instance counts of the per-ring mailbox arrays (ref §4.1 table). */
inline constexpr unsigned TG3_NUM_INT_MBOX = 4;   /* MAILBOX_INTERRUPT_0..3 */
inline constexpr unsigned TG3_NUM_RING_MBOX = 16; /* RCVRET/SNDHOST/SNDNIC 0..15 */

inline constexpr uint32_t MAILBOX_INTERRUPT_0 = 0x00000200;
inline constexpr uint32_t MAILBOX_INTERRUPT_1 = 0x00000208;
inline constexpr uint32_t MAILBOX_INTERRUPT_2 = 0x00000210;
inline constexpr uint32_t MAILBOX_INTERRUPT_3 = 0x00000218;
inline constexpr uint32_t MAILBOX_GENERAL_0 = 0x00000220; /* = vector 4 interrupt mailbox */
inline constexpr uint32_t MAILBOX_RELOAD_STAT = 0x00000260;
inline constexpr uint32_t MAILBOX_RCV_STD_PROD_IDX = 0x00000268;
inline constexpr uint32_t MAILBOX_RCV_JUMBO_PROD_IDX = 0x00000270;
inline constexpr uint32_t MAILBOX_RCV_MINI_PROD_IDX = 0x00000278; /* 5700 family only */
inline constexpr uint32_t MAILBOX_RCVRET_CON_IDX_0 = 0x00000280;
inline constexpr uint32_t MAILBOX_SNDHOST_PROD_IDX_0 = 0x00000300;
inline constexpr uint32_t MAILBOX_SNDNIC_PROD_IDX_0 = 0x00000380; /* pre-5705 only */

/* The words drivers actually write (tg3.h). */
inline constexpr uint32_t TG3_RX_STD_PROD_IDX_REG = MAILBOX_RCV_STD_PROD_IDX + TG3_64BIT_REG_LOW;
inline constexpr uint32_t TG3_RX_JMB_PROD_IDX_REG = MAILBOX_RCV_JUMBO_PROD_IDX + TG3_64BIT_REG_LOW;

/* Interrupt mailbox n = 0..3 (tg3.h MAILBOX_INTERRUPT_n; vector 4 uses
 * MAILBOX_GENERAL_0, see TG3_VEC_INT_MBOX). */
constexpr uint32_t MAILBOX_INTERRUPT(unsigned n)
{
	detail::check_index(n, TG3_NUM_INT_MBOX);
	return MAILBOX_INTERRUPT_0 + TG3_MBOX_STRIDE * n;
}
/* Receive return ring n consumer index, n = 0..15. */
constexpr uint32_t MAILBOX_RCVRET_CON_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_MBOX);
	return MAILBOX_RCVRET_CON_IDX_0 + TG3_MBOX_STRIDE * n;
}
/* Host send ring n producer index, n = 0..15. */
constexpr uint32_t MAILBOX_SNDHOST_PROD_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_MBOX);
	return MAILBOX_SNDHOST_PROD_IDX_0 + TG3_MBOX_STRIDE * n;
}
/* NIC-memory send ring n producer index, n = 0..15 (pre-5705 only). */
constexpr uint32_t MAILBOX_SNDNIC_PROD_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_MBOX);
	return MAILBOX_SNDNIC_PROD_IDX_0 + TG3_MBOX_STRIDE * n;
}

/*
 * Per-vector mailbox words as tg3_init_one assigns them (ref §4.4; TSV
 * TG3_VECn_*). Vector 0 = single-vector mode or, with MSI-X + RSS, link and
 * errors only; vector v >= 1 owns return ring v-1 and (TSS) send ring v-1.
 * The values are the addresses to write (low word, or high word for odd TSS
 * rings).
 */
constexpr uint32_t TG3_VEC_INT_MBOX(unsigned vec)
{
	detail::check_index(vec, TG3_IRQ_MAX_VECS);
	return MAILBOX_INTERRUPT_0 + TG3_MBOX_STRIDE * vec + TG3_64BIT_REG_LOW;
}
constexpr uint32_t TG3_VEC_RXRET_CONS_MBOX(unsigned vec)
{
	detail::check_index(vec, TG3_IRQ_MAX_VECS);
	return MAILBOX_RCVRET_CON_IDX(vec == 0 ? 0 : vec - 1) + TG3_64BIT_REG_LOW;
}
constexpr uint32_t TG3_VEC_TX_PROD_MBOX(unsigned vec)
{
	detail::check_index(vec, TG3_IRQ_MAX_VECS);
	const unsigned ring = vec == 0 ? 0 : vec - 1;
	/* Even rings use the low word of mailbox ring/2, odd rings its high word. */
	return MAILBOX_SNDHOST_PROD_IDX(ring / 2) +
		(ring % 2 == 0 ? TG3_64BIT_REG_LOW : TG3_64BIT_REG_HIGH);
}

/* Interrupt mailbox protocol (ref §4.2). */
inline constexpr uint32_t TG3_INT_MBOX_MASK = 0x00000001; /* tg3_disable_ints */
inline constexpr uint32_t TG3_INT_MBOX_UNMASK = 0x00000000; /* non-tagged re-enable */
inline constexpr uint32_t SD_STATUS_TAG_MBOX_SHIFT = 24; /* tagged: last_tag << 24 */
constexpr uint32_t tg3_int_mbox_tag_ack(uint32_t status_tag)
{
	return status_tag << SD_STATUS_TAG_MBOX_SHIFT;
}

/* GRC mailbox alias (ref §4.1): mailbox 0x200 + x is also at 0x5800 + x; the
 * indirect path adds GRCMBOX_BASE to a mailbox offset. */
inline constexpr uint32_t GRCMBOX_BASE = 0x00005600;
inline constexpr uint32_t GRCMBOX_INTERRUPT_0 = 0x00005800;
inline constexpr uint32_t GRCMBOX_RCVSTD_PROD_IDX = 0x00005868;
inline constexpr uint32_t GRCMBOX_RCVJUMBO_PROD_IDX = 0x00005870;
inline constexpr uint32_t GRCMBOX_RCVRET_CON_IDX_0 = 0x00005880;
inline constexpr uint32_t GRCMBOX_SNDHOST_PROD_IDX_0 = 0x00005900;
constexpr uint32_t grcmbox_alias(uint32_t mailbox_off)
{
	return mailbox_off + GRCMBOX_BASE;
}

} // namespace tg57xx::hw

#endif
