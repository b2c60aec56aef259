/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * On-chip CPUs, FTQ and MSI (ref §5.10), GRC (§5.11), NVRAM and software
 * arbitration (§5.12), OTP, PCIe ports (§5.13), and the polling limits the
 * drivers use with them. Part of tg57xx_regs.h: include that.
 */
#ifndef TG57XX_BASE_REGS_GRC_H
#define TG57XX_BASE_REGS_GRC_H

#include <cstdint>

#include "tg57xx_field.h"

namespace tg57xx::hw {

/* ---------------------------------------------------------------------------
 * On-chip MIPS CPUs, 0x5000 / 0x5400 (ref §5.10). CPU_* are offsets relative
 * to RX_CPU_BASE / TX_CPU_BASE. A PMD does not need them.
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t RX_CPU_BASE = 0x00005000;
inline constexpr uint32_t TX_CPU_BASE = 0x00005400;
inline constexpr uint32_t CPU_MODE = 0x00000000;
inline constexpr uint32_t   CPU_MODE_RESET = 0x00000001;
inline constexpr uint32_t   CPU_MODE_HALT = 0x00000400;
inline constexpr uint32_t CPU_STATE = 0x00000004;
inline constexpr uint32_t CPU_PC = 0x0000001C;
inline constexpr uint32_t VCPU_STATUS = 0x00005100; /* 5906 only */

/* Flow-through queues, 0x5C00: write all-ones then 0 to reset every queue. */
inline constexpr uint32_t FTQ_RESET = 0x00005C00;
inline constexpr uint32_t   TG3_FTQ_RESET_ALL = 0xFFFFFFFF; /* tg3_abort_hw, FreeBSD */

/* MSI / MSI-X, 0x6000 */
inline constexpr uint32_t MSGINT_MODE = 0x00006000;
inline constexpr uint32_t   MSGINT_MODE_RESET = 0x00000001;
inline constexpr uint32_t   MSGINT_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   MSGINT_MODE_ONE_SHOT_DISABLE = 0x00000020;
inline constexpr uint32_t   MSGINT_MODE_MULTIVEC_EN = 0x00000080;
inline constexpr uint32_t MSGINT_STATUS = 0x00006004;
inline constexpr uint32_t   MSGINT_STATUS_MSI_REQ = 0x00000001;
inline constexpr uint32_t MSGINT_FIFO = 0x00006008;

/* DMA completion, 0x6400: pre-5705 only (Thundergate: config-space port). */
inline constexpr uint32_t DMAC_MODE = 0x00006400;
inline constexpr uint32_t   DMAC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   DMAC_MODE_ENABLE = 0x00000002;

/* ---------------------------------------------------------------------------
 * GRC, 0x6800 (ref §5.11; Thundergate `grc`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t GRC_MODE = 0x00006800;
inline constexpr uint32_t   GRC_MODE_UPD_ON_COAL = 0x00000001;
inline constexpr uint32_t   GRC_MODE_BSWAP_NONFRM_DATA = 0x00000002; /* big-endian hosts */
inline constexpr uint32_t   GRC_MODE_WSWAP_NONFRM_DATA = 0x00000004;
inline constexpr uint32_t   GRC_MODE_BSWAP_DATA = 0x00000010;
inline constexpr uint32_t   GRC_MODE_WSWAP_DATA = 0x00000020;
inline constexpr uint32_t   GRC_MODE_BYTE_SWAP_B2HRX_DATA = 0x00000040; /* 5720/5762: preserve */
inline constexpr uint32_t   GRC_MODE_WORD_SWAP_B2HRX_DATA = 0x00000080; /* 5720/5762: preserve */
inline constexpr uint32_t   GRC_MODE_SPLITHDR = 0x00000100;
inline constexpr uint32_t   GRC_MODE_NOFRM_CRACKING = 0x00000200;
inline constexpr uint32_t   GRC_MODE_INCL_CRC = 0x00000400;
inline constexpr uint32_t   GRC_MODE_ALLOW_BAD_FRMS = 0x00000800;
inline constexpr uint32_t   GRC_MODE_NOIRQ_ON_SENDS = 0x00002000;
inline constexpr uint32_t   GRC_MODE_NOIRQ_ON_RCV = 0x00004000;
inline constexpr uint32_t   GRC_MODE_FORCE_PCI32BIT = 0x00008000;
inline constexpr uint32_t   GRC_MODE_B2HRX_ENABLE = 0x00008000; /* 5720/5762: preserve */
inline constexpr uint32_t   GRC_MODE_HOST_STACKUP = 0x00010000;
inline constexpr uint32_t   GRC_MODE_HOST_SENDBDS = 0x00020000;
inline constexpr uint32_t   GRC_MODE_HTX2B_ENABLE = 0x00040000; /* 5720/5762: preserve */
inline constexpr uint32_t   GRC_MODE_TIME_SYNC_ENABLE = 0x00080000;
inline constexpr uint32_t   GRC_MODE_NO_TX_PHDR_CSUM = 0x00100000;
inline constexpr uint32_t   GRC_MODE_NVRAM_WR_ENABLE = 0x00200000;
inline constexpr uint32_t   GRC_MODE_PCIE_TL_SEL = 0x00000000;
inline constexpr uint32_t   GRC_MODE_PCIE_PL_SEL = 0x00400000;
inline constexpr uint32_t   GRC_MODE_NO_RX_PHDR_CSUM = 0x00800000; /* tg3 clears it */
inline constexpr uint32_t   GRC_MODE_IRQ_ON_TX_CPU_ATTN = 0x01000000;
inline constexpr uint32_t   GRC_MODE_IRQ_ON_RX_CPU_ATTN = 0x02000000;
inline constexpr uint32_t   GRC_MODE_IRQ_ON_MAC_ATTN = 0x04000000;
inline constexpr uint32_t   GRC_MODE_IRQ_ON_DMA_ATTN = 0x08000000;
inline constexpr uint32_t   GRC_MODE_IRQ_ON_FLOW_ATTN = 0x10000000;
inline constexpr uint32_t   GRC_MODE_4X_NIC_SEND_RINGS = 0x20000000; /* must stay clear */
inline constexpr uint32_t   GRC_MODE_PCIE_DL_SEL = 0x20000000;
inline constexpr uint32_t   GRC_MODE_MCAST_FRM_ENABLE = 0x40000000;
inline constexpr uint32_t   GRC_MODE_PCIE_HI_1K_EN = 0x80000000;
inline constexpr uint32_t   GRC_MODE_PCIE_PORT_MASK = 0xA0400000;
/* DMA swap settings for a little-endian host (ref §2.3): descriptors and the
 * status block then appear as native little-endian 32-bit words. */
inline constexpr uint32_t   TG3_GRC_MODE_SWAP_LE =
	GRC_MODE_WSWAP_DATA | GRC_MODE_BSWAP_DATA | GRC_MODE_WSWAP_NONFRM_DATA;

inline constexpr uint32_t GRC_MISC_CFG = 0x00006804;
inline constexpr uint32_t   GRC_MISC_CFG_CORECLK_RESET = 0x00000001;
inline constexpr uint32_t   GRC_MISC_CFG_PRESCALAR_MASK = 0x000000FE;
inline constexpr uint32_t   GRC_MISC_CFG_PRESCALAR_SHIFT = 1;
inline constexpr uint32_t   GRC_MISC_CFG_BOARD_ID_MASK = 0x0001E000;
inline constexpr uint32_t   GRC_MISC_CFG_EPHY_IDDQ = 0x00200000;
inline constexpr uint32_t   GRC_MISC_CFG_KEEP_GPHY_POWER = 0x04000000; /* not CPMU chips */
/* Bit 29, unnamed in tg3.h: tg3.c tg3_chip_reset literal (1 << 29) and
 * FreeBSD set it on PCIe parts "to prevent PCIe link training during global
 * reset"; Thundergate `disable_grc_reset_on_pcie_block` (ref §5.11, §12.2). */
inline constexpr uint32_t   GRC_MISC_CFG_NO_PCIE_LINK_RESET = 0x20000000;
/* Timer prescaler: tg3 writes 65 ("clock is always 66 MHz"), field value
 * 0x82 = FreeBSD BGE_32BITTIME_66MHZ; Thundergate timer_prescaler 0x41. */
inline constexpr uint32_t   TG3_TIMER_PRESCALER_66MHZ = 65;
inline constexpr uint32_t   TG3_TIMER_PRESCALER_66MHZ_FIELD =
	field_set(GRC_MISC_CFG_PRESCALAR_MASK, TG3_TIMER_PRESCALER_66MHZ);
static_assert(TG3_TIMER_PRESCALER_66MHZ_FIELD == 0x00000082, "ref §5.11");

inline constexpr uint32_t GRC_LOCAL_CTRL = 0x00006808; /* alias: TG3PCI_MISC_LOCAL_CTRL */
inline constexpr uint32_t   GRC_LCLCTRL_INT_ACTIVE = 0x00000001;
inline constexpr uint32_t   GRC_LCLCTRL_CLEARINT = 0x00000002;
inline constexpr uint32_t   GRC_LCLCTRL_SETINT = 0x00000004;
inline constexpr uint32_t   GRC_LCLCTRL_INT_ON_ATTN = 0x00000008;
/* Pins 0-2 are GPIOs, not the debug UART (tg3.h "5755 only"; tg3_get_invariants
 * sets it on 5755, 57780 and the 57765 class; same bit is USE_SIG_DETECT on 5714/5780). */
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_UART_SEL = 0x00000010;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_INPUT0 = 0x00000100;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_INPUT1 = 0x00000200;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_INPUT2 = 0x00000400;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_OE0 = 0x00000800;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_OE1 = 0x00001000;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_OE2 = 0x00002000;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_OUTPUT0 = 0x00004000;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_OUTPUT1 = 0x00008000;
inline constexpr uint32_t   GRC_LCLCTRL_GPIO_OUTPUT2 = 0x00010000;
inline constexpr uint32_t   GRC_LCLCTRL_AUTO_SEEPROM = 0x01000000;
/* tg3 grc_local_ctrl (tg3_get_invariants; ref §5.11). */
inline constexpr uint32_t   TG3_GRC_LOCAL_CTRL_INIT = GRC_LCLCTRL_INT_ON_ATTN | GRC_LCLCTRL_AUTO_SEEPROM;
/* GPIO 0-2 output enables and outputs: the board's pins (tg3_reset_hw gpio_mask,
 * kept from the boot code on LOMs; the power-source switch on NICs). */
inline constexpr uint32_t   TG3_GRC_LCLCTRL_GPIO_MASK = GRC_LCLCTRL_GPIO_OE0 | GRC_LCLCTRL_GPIO_OE1 |
							   GRC_LCLCTRL_GPIO_OE2 | GRC_LCLCTRL_GPIO_OUTPUT0 |
							   GRC_LCLCTRL_GPIO_OUTPUT1 | GRC_LCLCTRL_GPIO_OUTPUT2;
/* GPIO1 driven high: the NVRAM write protect on LOMs (tg3_get_invariants, EEPROM_WRITE_PROT). */
inline constexpr uint32_t   TG3_GRC_LCLCTRL_EEPROM_WP = GRC_LCLCTRL_GPIO_OE1 | GRC_LCLCTRL_GPIO_OUTPUT1;
/* tg3 TG3_GRC_LCLCTL_PWRSW_DELAY: wait after a power-source GPIO write (µs). */
inline constexpr unsigned   TG3_GRC_LCLCTL_PWRSW_DELAY_US = 100;

inline constexpr uint32_t GRC_TIMER = 0x0000680C;
inline constexpr uint32_t GRC_RX_CPU_EVENT = 0x00006810;
inline constexpr uint32_t   GRC_RX_CPU_DRIVER_EVENT = 0x00004000; /* ASF firmware command */
inline constexpr uint32_t GRC_RX_CPU_SEM = 0x00006818;
inline constexpr uint32_t GRC_TX_CPU_EVENT = 0x00006820;
inline constexpr uint32_t GRC_MEM_POWER_UP = 0x00006830;
inline constexpr uint32_t GRC_EEPROM_ADDR = 0x00006838;
inline constexpr uint32_t GRC_EEPROM_DATA = 0x0000683C;
inline constexpr uint32_t GRC_MDI_CTRL = 0x00006844;
inline constexpr uint32_t GRC_VCPU_EXT_CTRL = 0x00006890; /* 5906 only */
inline constexpr uint32_t GRC_FASTBOOT_PC = 0x00006894;   /* write 0 before reset */

/* ---------------------------------------------------------------------------
 * NVRAM interface, 0x7000 (ref §5.12; Thundergate `nvram`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t NVRAM_CMD = 0x00007000;
inline constexpr uint32_t   NVRAM_CMD_RESET = 0x00000001;
inline constexpr uint32_t   NVRAM_CMD_DONE = 0x00000008;
inline constexpr uint32_t   NVRAM_CMD_GO = 0x00000010;
inline constexpr uint32_t   NVRAM_CMD_WR = 0x00000020;
inline constexpr uint32_t   NVRAM_CMD_RD = 0x00000000;
inline constexpr uint32_t   NVRAM_CMD_ERASE = 0x00000040;
inline constexpr uint32_t   NVRAM_CMD_FIRST = 0x00000080;
inline constexpr uint32_t   NVRAM_CMD_LAST = 0x00000100;
inline constexpr uint32_t   NVRAM_CMD_WREN = 0x00010000;
inline constexpr uint32_t   NVRAM_CMD_WRDI = 0x00020000;
/* One-dword read as tg3_nvram_exec_cmd issues it (ref §5.12). */
inline constexpr uint32_t   TG3_NVRAM_CMD_READ_DWORD =
	NVRAM_CMD_RD | NVRAM_CMD_GO | NVRAM_CMD_FIRST | NVRAM_CMD_LAST | NVRAM_CMD_DONE;
inline constexpr uint32_t NVRAM_STAT = 0x00007004;
inline constexpr uint32_t NVRAM_WRDATA = 0x00007008;
inline constexpr uint32_t NVRAM_ADDR = 0x0000700C;
inline constexpr uint32_t   NVRAM_ADDR_MSK = 0x07FFFFFF; /* older tg3.h/iPXE: 0x00FFFFFF */
inline constexpr uint32_t NVRAM_RDDATA = 0x00007010;
inline constexpr uint32_t NVRAM_CFG1 = 0x00007014;
inline constexpr uint32_t   NVRAM_CFG1_FLASHIF_ENAB = 0x00000001;
inline constexpr uint32_t   NVRAM_CFG1_BUFFERED_MODE = 0x00000002;
inline constexpr uint32_t   NVRAM_CFG1_PASS_THRU = 0x00000004;
inline constexpr uint32_t   NVRAM_CFG1_BIT_BANG = 0x00000008;
inline constexpr uint32_t   NVRAM_CFG1_COMPAT_BYPASS = 0x80000000;
inline constexpr uint32_t   NVRAM_CFG1_VENDOR_MASK = 0x03000003;
inline constexpr uint32_t   NVRAM_CFG1_5752VENDOR_MASK = 0x03C00003;
inline constexpr uint32_t   NVRAM_CFG1_5762VENDOR_MASK = 0x03E00003;
inline constexpr uint32_t NVRAM_CFG2 = 0x00007018;
inline constexpr uint32_t NVRAM_CFG3 = 0x0000701C;
inline constexpr uint32_t NVRAM_SWARB = 0x00007020;
inline constexpr uint32_t   SWARB_REQ_SET0 = 0x00000001;
inline constexpr uint32_t   SWARB_REQ_SET1 = 0x00000002; /* the driver's lock */
inline constexpr uint32_t   SWARB_REQ_SET2 = 0x00000004;
inline constexpr uint32_t   SWARB_REQ_SET3 = 0x00000008;
inline constexpr uint32_t   SWARB_REQ_CLR0 = 0x00000010;
inline constexpr uint32_t   SWARB_REQ_CLR1 = 0x00000020;
inline constexpr uint32_t   SWARB_REQ_CLR2 = 0x00000040;
inline constexpr uint32_t   SWARB_REQ_CLR3 = 0x00000080;
inline constexpr uint32_t   SWARB_GNT0 = 0x00000100;
inline constexpr uint32_t   SWARB_GNT1 = 0x00000200;
inline constexpr uint32_t   SWARB_GNT2 = 0x00000400;
inline constexpr uint32_t   SWARB_GNT3 = 0x00000800;
inline constexpr uint32_t   SWARB_REQ0 = 0x00001000;
inline constexpr uint32_t   SWARB_REQ1 = 0x00002000;
inline constexpr uint32_t   SWARB_REQ2 = 0x00004000;
inline constexpr uint32_t   SWARB_REQ3 = 0x00008000;
inline constexpr uint32_t NVRAM_ACCESS = 0x00007024;
inline constexpr uint32_t   ACCESS_ENABLE = 0x00000001;
inline constexpr uint32_t   ACCESS_WR_ENABLE = 0x00000002;
inline constexpr uint32_t NVRAM_WRITE1 = 0x00007028;
inline constexpr uint32_t NVRAM_ADDR_LOCKOUT = 0x00007030;
/* Station address in NVRAM (tg3.c tg3_get_device_address; FreeBSD). */
inline constexpr uint32_t BGE_EE_MAC_OFFSET = 0x0000007C;             /* function 0 */
inline constexpr uint32_t TG3_NVRAM_MAC_OFFSET_ODD_FN = 0x000000CC;   /* 5717_PLUS odd fn */
inline constexpr uint32_t TG3_NVRAM_MAC_OFFSET_FN_GT1_ADD = 0x0000018C; /* added for fn > 1 */
/* NVRAM image conventions tg3 relies on (tg3.h, tg3_get_nvram_size; not in the ref). */
inline constexpr uint32_t TG3_EEPROM_MAGIC = 0x669955AA;     /* dword 0 of a tg3-format image */
inline constexpr uint32_t TG3_NVRAM_SIZE_OFF = 0x000000F0;   /* low half, byte-swapped: size in KiB */
inline constexpr uint32_t TG3_NVRAM_SIZE_UNIT = 1024;        /* ... in KiB */
inline constexpr uint32_t TG3_NVRAM_SIZE_512KB = 0x00080000; /* tg3's fallback */
inline constexpr uint32_t TG3_NVM_VPD_OFF = 0x00000100;      /* VPD in PCI VPD format */

/* OTP, 0x7500 */
inline constexpr uint32_t OTP_MODE = 0x00007500;
inline constexpr uint32_t OTP_CTRL = 0x00007504;
inline constexpr uint32_t OTP_STATUS = 0x00007508;
inline constexpr uint32_t OTP_ADDRESS = 0x0000750C;
inline constexpr uint32_t OTP_READ_DATA = 0x00007514;

/* ---------------------------------------------------------------------------
 * PCIe ports, 0x7C00-0x7EFF (ref §5.13)
 * ------------------------------------------------------------------------- */
/* Window onto the TL/DL/PL block selected by GRC_MODE_PCIE_*_SEL; the
 * TG3_PCIE_*_LO_* offsets below are relative to it. */
inline constexpr uint32_t TG3_PCIE_TLDLPL_PORT = 0x00007C00;
/* tg3.c tg3_chip_reset literal (1 << 25) on non-57765_PLUS PCIe ("data FIFO
 * protection", FreeBSD comment). */
inline constexpr uint32_t   TG3_PCIE_TLDLPL_PORT_DATA_FIFO_PROT = 0x02000000;
inline constexpr uint32_t   TG3_PCIE_DL_LO_FTSMAX = 0x0000000C;
inline constexpr uint32_t     TG3_PCIE_DL_LO_FTSMAX_MSK = 0x000000FF;
inline constexpr uint32_t     TG3_PCIE_DL_LO_FTSMAX_VAL = 0x0000002C; /* 57765 non-AX */
inline constexpr uint32_t   TG3_PCIE_PL_LO_PHYCTL1 = 0x00000004;
inline constexpr uint32_t     TG3_PCIE_PL_LO_PHYCTL1_L1PLLPD_EN = 0x00001000; /* 5717 A0 */
inline constexpr uint32_t   TG3_PCIE_PL_LO_PHYCTL5 = 0x00000014;
inline constexpr uint32_t     TG3_PCIE_PL_LO_PHYCTL5_DIS_L2CLKREQ = 0x80000000; /* 57765 A0 */
inline constexpr uint32_t PCIE_TRANSACTION_CFG = 0x00007C04;
inline constexpr uint32_t   PCIE_TRANS_CFG_1SHOT_MSI = 0x20000000;
inline constexpr uint32_t   PCIE_TRANS_CFG_LOM = 0x00000020;
inline constexpr uint32_t PCIE_PWR_MGMT_THRESH = 0x00007D28; /* 57780 */
inline constexpr uint32_t   PCIE_PWR_MGMT_L1_THRESH_MSK = 0x0000FF00;
inline constexpr uint32_t   PCIE_PWR_MGMT_L1_THRESH_4MS = 0x0000FF00;
inline constexpr uint32_t TG3_PCIE_LNKCTL = 0x00007D54; /* 57780 */
inline constexpr uint32_t   TG3_PCIE_LNKCTL_L1_PLL_PD_EN = 0x00000008;
inline constexpr uint32_t   TG3_PCIE_LNKCTL_L1_PLL_PD_DIS = 0x00000080;
inline constexpr uint32_t TG3_PCIE_PHY_TSTCTL = 0x00007E2C; /* non-57765_PLUS PCIe */
inline constexpr uint32_t   TG3_PCIE_PHY_TSTCTL_PCIE10 = 0x00000040;
inline constexpr uint32_t   TG3_PCIE_PHY_TSTCTL_PSCRAM = 0x00000020;
inline constexpr uint32_t TG3_PCIE_EIDLE_DELAY = 0x00007E70; /* 57780 */
inline constexpr uint32_t   TG3_PCIE_EIDLE_DELAY_MASK = 0x0000001F;
inline constexpr uint32_t   TG3_PCIE_EIDLE_DELAY_13_CLKS = 0x0000000C;

/* ---------------------------------------------------------------------------
 * Polling limits the drivers use with the registers above (tg3.c, FreeBSD)
 * ------------------------------------------------------------------------- */
inline constexpr unsigned MAX_WAIT_CNT = 1000;        /* tg3_stop_block: x 100 us */
inline constexpr unsigned PHY_BUSY_LOOPS = 5000;      /* MI_COM_BUSY: x 10 us */
inline constexpr unsigned NVRAM_CMD_TIMEOUT = 10000;  /* NVRAM_CMD_DONE: x 10-40 us */
inline constexpr unsigned TG3_NVRAM_LOCK_POLLS = 8000; /* SWARB_GNT1: x 20 us (ref §5.12) */
inline constexpr unsigned TG3_BUFMGR_ENABLE_POLLS = 2000; /* x 10 us (ref §12.3 step 9) */
inline constexpr unsigned TG3_HOSTCC_DISABLE_POLLS = 2000; /* x 10 us (ref §12.3 step 20) */
inline constexpr unsigned TG3_FW_HANDSHAKE_POLLS = 100000; /* x 10 us = 1 s (ref §6.2) */
inline constexpr unsigned BGE_TIMEOUT = 100000;        /* FreeBSD, x 10 us */

} // namespace tg57xx::hw

#endif
