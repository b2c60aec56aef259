/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register names by offset, for dump/decode tools and the model's access
 * trace. Part of tg57xx_regs.h: include that.
 *
 * kRegisterNames: every single-instance BAR0 register, sorted by offset
 * (checked at compile time in tg57xx_regs.cpp: strictly increasing, no
 * overlap). `width` is the
 * number of bytes the register spans (8 for 64-bit host addresses and
 * mailboxes, 16 for RCBs), so lookup_reg() can name +4/+8/+C words too.
 * kRegisterArrays: the multi-instance registers, named after their NAME(n)
 * helper (checked at compile time against it).
 */
#ifndef TG57XX_BASE_REGS_NAMES_H
#define TG57XX_BASE_REGS_NAMES_H

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "tg57xx_regs.h"

namespace tg57xx::hw {

struct RegName {
	uint32_t off;
	const char *name;
	const char *block;
	uint32_t width = 4;
};

#define TG57XX_REG(name, block) RegName{name, #name, block}
#define TG57XX_REG_W(name, block, width) RegName{name, #name, block, width}
#define TG57XX_CPU_REG(cpu, reg) RegName{cpu + reg, #cpu "+" #reg, "CPU"}

inline constexpr RegName kRegisterNames[] = {
	/* PCI configuration mirror (§3) */
	TG57XX_REG_W(TG3PCI_VENDOR, "PCI", 2),
	TG57XX_REG_W(TG3PCI_DEVICE, "PCI", 2),
	TG57XX_REG(TG3PCI_MSI_DATA, "PCI"),
	TG57XX_REG(TG3PCI_MISC_HOST_CTRL, "PCI"),
	TG57XX_REG(TG3PCI_DMA_RW_CTRL, "PCI"),
	TG57XX_REG(TG3PCI_PCISTATE, "PCI"),
	TG57XX_REG(TG3PCI_CLOCK_CTRL, "PCI"),
	TG57XX_REG(TG3PCI_REG_BASE_ADDR, "PCI"),
	TG57XX_REG(TG3PCI_MEM_WIN_BASE_ADDR, "PCI"),
	TG57XX_REG(TG3PCI_REG_DATA, "PCI"),
	TG57XX_REG(TG3PCI_MEM_WIN_DATA, "PCI"),
	TG57XX_REG(TG3PCI_MISC_LOCAL_CTRL, "PCI"),
	TG57XX_REG_W(TG3PCI_STD_RING_PROD_IDX, "PCI", 8),
	TG57XX_REG_W(TG3PCI_RCV_RET_RING_CON_IDX, "PCI", 8),
	TG57XX_REG(TG3PCI_DEV_STATUS_CTRL, "PCI"),
	TG57XX_REG(TG3PCI_DUAL_MAC_CTRL, "PCI"),
	TG57XX_REG(TG3PCI_PRODID_ASICREV, "PCI"),
	TG57XX_REG(TG3PCI_GEN2_PRODID_ASICREV, "PCI"),
	TG57XX_REG(TG3PCI_GEN15_PRODID_ASICREV, "PCI"),
	TG57XX_REG(TG3_CORR_ERR_STAT, "PCI"),
	/* Mailboxes (§4); per-ring ones are in kRegisterArrays */
	TG57XX_REG_W(MAILBOX_GENERAL_0, "MBOX", 8),
	TG57XX_REG_W(MAILBOX_RELOAD_STAT, "MBOX", 8),
	TG57XX_REG_W(MAILBOX_RCV_STD_PROD_IDX, "MBOX", 8),
	TG57XX_REG_W(MAILBOX_RCV_JUMBO_PROD_IDX, "MBOX", 8),
	TG57XX_REG_W(MAILBOX_RCV_MINI_PROD_IDX, "MBOX", 8),
	/* MAC (§5.1) */
	TG57XX_REG(MAC_MODE, "MAC"),
	TG57XX_REG(MAC_STATUS, "MAC"),
	TG57XX_REG(MAC_EVENT, "MAC"),
	TG57XX_REG(MAC_LED_CTRL, "MAC"),
	TG57XX_REG(MAC_TX_BACKOFF_SEED, "MAC"),
	TG57XX_REG(MAC_RX_MTU_SIZE, "MAC"),
	TG57XX_REG(MAC_MI_COM, "MAC"),
	TG57XX_REG(MAC_MI_STAT, "MAC"),
	TG57XX_REG(MAC_MI_MODE, "MAC"),
	TG57XX_REG(MAC_AUTO_POLL_STATUS, "MAC"),
	TG57XX_REG(MAC_TX_MODE, "MAC"),
	TG57XX_REG(MAC_TX_STATUS, "MAC"),
	TG57XX_REG(MAC_TX_LENGTHS, "MAC"),
	TG57XX_REG(MAC_RX_MODE, "MAC"),
	TG57XX_REG(MAC_RX_STATUS, "MAC"),
	TG57XX_REG(MAC_RCV_RULE_CFG, "MAC"),
	TG57XX_REG(MAC_LOW_WMARK_MAX_RX_FRAME, "MAC"),
	TG57XX_REG(SG_DIG_STATUS, "MAC"),
	/* MAC statistics (§5.2) */
	TG57XX_REG(MAC_TX_STATS_OCTETS, "STATS"),
	TG57XX_REG(MAC_TX_STATS_COLLISIONS, "STATS"),
	TG57XX_REG(MAC_TX_STATS_XON_SENT, "STATS"),
	TG57XX_REG(MAC_TX_STATS_XOFF_SENT, "STATS"),
	TG57XX_REG(MAC_TX_STATS_MAC_ERRORS, "STATS"),
	TG57XX_REG(MAC_TX_STATS_SINGLE_COLLISIONS, "STATS"),
	TG57XX_REG(MAC_TX_STATS_MULT_COLLISIONS, "STATS"),
	TG57XX_REG(MAC_TX_STATS_DEFERRED, "STATS"),
	TG57XX_REG(MAC_TX_STATS_EXCESSIVE_COL, "STATS"),
	TG57XX_REG(MAC_TX_STATS_LATE_COL, "STATS"),
	TG57XX_REG(MAC_TX_STATS_UCAST, "STATS"),
	TG57XX_REG(MAC_TX_STATS_MCAST, "STATS"),
	TG57XX_REG(MAC_TX_STATS_BCAST, "STATS"),
	TG57XX_REG(MAC_RX_STATS_OCTETS, "STATS"),
	TG57XX_REG(MAC_RX_STATS_FRAGMENTS, "STATS"),
	TG57XX_REG(MAC_RX_STATS_UCAST, "STATS"),
	TG57XX_REG(MAC_RX_STATS_MCAST, "STATS"),
	TG57XX_REG(MAC_RX_STATS_BCAST, "STATS"),
	TG57XX_REG(MAC_RX_STATS_FCS_ERRORS, "STATS"),
	TG57XX_REG(MAC_RX_STATS_ALIGN_ERRORS, "STATS"),
	TG57XX_REG(MAC_RX_STATS_XON_PAUSE_RECVD, "STATS"),
	TG57XX_REG(MAC_RX_STATS_XOFF_PAUSE_RECVD, "STATS"),
	TG57XX_REG(MAC_RX_STATS_MAC_CTRL_RECVD, "STATS"),
	TG57XX_REG(MAC_RX_STATS_XOFF_ENTERED, "STATS"),
	TG57XX_REG(MAC_RX_STATS_FRAME_TOO_LONG, "STATS"),
	TG57XX_REG(MAC_RX_STATS_JABBERS, "STATS"),
	TG57XX_REG(MAC_RX_STATS_UNDERSIZE, "STATS"),
	/* Send path (§5.3) */
	TG57XX_REG(SNDDATAI_MODE, "SDI"),
	TG57XX_REG(SNDDATAI_STATUS, "SDI"),
	TG57XX_REG(SNDDATAI_STATSCTRL, "SDI"),
	TG57XX_REG(SNDDATAI_STATSENAB, "SDI"),
	TG57XX_REG(SNDDATAI_STATSINCMASK, "SDI"),
	TG57XX_REG(SNDDATAC_MODE, "SDC"),
	TG57XX_REG(SNDBDS_MODE, "SBDS"),
	TG57XX_REG(SNDBDS_STATUS, "SBDS"),
	TG57XX_REG(SNDBDI_MODE, "SBDI"),
	TG57XX_REG(SNDBDI_STATUS, "SBDI"),
	TG57XX_REG(SNDBDC_MODE, "SBDC"),
	/* Receive path (§5.4) */
	TG57XX_REG(RCVLPC_MODE, "RLP"),
	TG57XX_REG(RCVLPC_STATUS, "RLP"),
	TG57XX_REG(RCVLPC_CONFIG, "RLP"),
	TG57XX_REG(RCVLPC_STATSCTRL, "RLP"),
	TG57XX_REG(RCVLPC_STATS_ENABLE, "RLP"),
	TG57XX_REG(RCVLPC_STATS_INCMASK, "RLP"),
	TG57XX_REG(RCVLPC_SELLST_BASE, "RLP"),
	TG57XX_REG(RCVLPC_COS_CNTL_BASE, "RLP"),
	TG57XX_REG(RCVLPC_NO_RCV_BD_CNT, "RLP"),
	TG57XX_REG(RCVLPC_IN_DISCARDS_CNT, "RLP"),
	TG57XX_REG(RCVLPC_IN_ERRORS_CNT, "RLP"),
	TG57XX_REG(RCVDBDI_MODE, "RDBDI"),
	TG57XX_REG(RCVDBDI_STATUS, "RDBDI"),
	TG57XX_REG_W(RCVDBDI_JUMBO_BD, "RDBDI", TG3_BDINFO_SIZE),
	TG57XX_REG_W(RCVDBDI_STD_BD, "RDBDI", TG3_BDINFO_SIZE),
	TG57XX_REG_W(RCVDBDI_MINI_BD, "RDBDI", TG3_BDINFO_SIZE),
	TG57XX_REG(RCVDBDI_JUMBO_CON_IDX, "RDBDI"),
	TG57XX_REG(RCVDBDI_STD_CON_IDX, "RDBDI"),
	TG57XX_REG(RCVDBDI_MINI_CON_IDX, "RDBDI"),
	TG57XX_REG(RCVDCC_MODE, "RDC"),
	TG57XX_REG(RCVBDI_MODE, "RBDI"),
	TG57XX_REG(RCVBDI_STATUS, "RBDI"),
	TG57XX_REG(RCVBDI_JUMBO_PROD_IDX, "RBDI"),
	TG57XX_REG(RCVBDI_STD_PROD_IDX, "RBDI"),
	TG57XX_REG(RCVBDI_MINI_PROD_IDX, "RBDI"),
	TG57XX_REG(RCVBDI_MINI_THRESH, "RBDI"),
	TG57XX_REG(RCVBDI_STD_THRESH, "RBDI"),
	TG57XX_REG(RCVBDI_JUMBO_THRESH, "RBDI"),
	TG57XX_REG(STD_REPLENISH_LWM, "RBDI"),
	TG57XX_REG(JMB_REPLENISH_LWM, "RBDI"),
	TG57XX_REG(RCVCC_MODE, "RBDC"),
	TG57XX_REG(RCVCC_STATUS, "RBDC"),
	TG57XX_REG(RCVCC_JUMP_PROD_IDX, "RBDC"),
	TG57XX_REG(RCVCC_STD_PROD_IDX, "RBDC"),
	TG57XX_REG(RCVCC_MINI_PROD_IDX, "RBDC"),
	TG57XX_REG(RCVLSC_MODE, "RLS"),
	/* CPMU (§5.5) */
	TG57XX_REG(TG3_CPMU_DRV_STATUS, "CPMU"),
	TG57XX_REG(TG3_CPMU_CTRL, "CPMU"),
	TG57XX_REG(TG3_CPMU_LSPD_10MB_CLK, "CPMU"),
	TG57XX_REG(TG3_CPMU_LSPD_1000MB_CLK, "CPMU"),
	TG57XX_REG(TG3_CPMU_LNK_AWARE_PWRMD, "CPMU"),
	TG57XX_REG(TG3_CPMU_HST_ACC, "CPMU"),
	TG57XX_REG(TG3_CPMU_CLCK_ORIDE, "CPMU"),
	TG57XX_REG(TG3_CPMU_CLCK_ORIDE_ENABLE, "CPMU"),
	TG57XX_REG(TG3_CPMU_STATUS, "CPMU"),
	TG57XX_REG(TG3_CPMU_CLCK_STAT, "CPMU"),
	TG57XX_REG(TG3_CPMU_MUTEX_REQ, "CPMU"),
	TG57XX_REG(TG3_CPMU_MUTEX_GNT, "CPMU"),
	TG57XX_REG(TG3_CPMU_PHY_STRAP, "CPMU"),
	TG57XX_REG(TG3_CPMU_PADRNG_CTL, "CPMU"),
	TG57XX_REG(TG3_CPMU_EEE_MODE, "CPMU"),
	TG57XX_REG(TG3_CPMU_EEE_CTRL, "CPMU"),
	TG57XX_REG(MBFREE_MODE, "MBFREE"),
	/* Host coalescing (§5.6) */
	TG57XX_REG(HOSTCC_MODE, "HOSTCC"),
	TG57XX_REG(HOSTCC_STATUS, "HOSTCC"),
	TG57XX_REG(HOSTCC_RXCOL_TICKS, "HOSTCC"),
	TG57XX_REG(HOSTCC_TXCOL_TICKS, "HOSTCC"),
	TG57XX_REG(HOSTCC_RXMAX_FRAMES, "HOSTCC"),
	TG57XX_REG(HOSTCC_TXMAX_FRAMES, "HOSTCC"),
	TG57XX_REG(HOSTCC_RXCOAL_TICK_INT, "HOSTCC"),
	TG57XX_REG(HOSTCC_TXCOAL_TICK_INT, "HOSTCC"),
	TG57XX_REG(HOSTCC_RXCOAL_MAXF_INT, "HOSTCC"),
	TG57XX_REG(HOSTCC_TXCOAL_MAXF_INT, "HOSTCC"),
	TG57XX_REG(HOSTCC_STAT_COAL_TICKS, "HOSTCC"),
	TG57XX_REG_W(HOSTCC_STATS_BLK_HOST_ADDR, "HOSTCC", 8),
	TG57XX_REG_W(HOSTCC_STATUS_BLK_HOST_ADDR, "HOSTCC", 8),
	TG57XX_REG(HOSTCC_STATS_BLK_NIC_ADDR, "HOSTCC"),
	TG57XX_REG(HOSTCC_STATUS_BLK_NIC_ADDR, "HOSTCC"),
	TG57XX_REG(HOSTCC_FLOW_ATTN, "HOSTCC"),
	TG57XX_REG(HOSTCC_JUMBO_CON_IDX, "HOSTCC"),
	TG57XX_REG(HOSTCC_STD_CON_IDX, "HOSTCC"),
	TG57XX_REG(HOSTCC_MINI_CON_IDX, "HOSTCC"),
	/* Memory arbiter, buffer manager (§5.7, §5.8) */
	TG57XX_REG(MEMARB_MODE, "MEMARB"),
	TG57XX_REG(MEMARB_STATUS, "MEMARB"),
	TG57XX_REG(MEMARB_TRAP_ADDR_LOW, "MEMARB"),
	TG57XX_REG(MEMARB_TRAP_ADDR_HIGH, "MEMARB"),
	TG57XX_REG(BUFMGR_MODE, "BUFMGR"),
	TG57XX_REG(BUFMGR_STATUS, "BUFMGR"),
	TG57XX_REG(BUFMGR_MB_POOL_ADDR, "BUFMGR"),
	TG57XX_REG(BUFMGR_MB_POOL_SIZE, "BUFMGR"),
	TG57XX_REG(BUFMGR_MB_RDMA_LOW_WATER, "BUFMGR"),
	TG57XX_REG(BUFMGR_MB_MACRX_LOW_WATER, "BUFMGR"),
	TG57XX_REG(BUFMGR_MB_HIGH_WATER, "BUFMGR"),
	TG57XX_REG(BUFMGR_DMA_DESC_POOL_ADDR, "BUFMGR"),
	TG57XX_REG(BUFMGR_DMA_DESC_POOL_SIZE, "BUFMGR"),
	TG57XX_REG(BUFMGR_DMA_LOW_WATER, "BUFMGR"),
	TG57XX_REG(BUFMGR_DMA_HIGH_WATER, "BUFMGR"),
	/* DMA engines (§5.9) */
	TG57XX_REG(RDMAC_MODE, "RDMA"),
	TG57XX_REG(RDMAC_STATUS, "RDMA"),
	TG57XX_REG(TG3_RDMA_RSRVCTRL_REG2, "RDMA"),
	TG57XX_REG(TG3_LSO_RD_DMA_CRPTEN_CTRL2, "RDMA"),
	TG57XX_REG(TG3_RDMA_RSRVCTRL_REG, "RDMA"),
	TG57XX_REG(TG3_LSO_RD_DMA_CRPTEN_CTRL, "RDMA"),
	TG57XX_REG(WDMAC_MODE, "WDMA"),
	TG57XX_REG(WDMAC_STATUS, "WDMA"),
	/* CPUs, mailbox alias, FTQ, MSI, DMAC (§5.10, §4.1) */
	TG57XX_CPU_REG(RX_CPU_BASE, CPU_MODE),
	TG57XX_CPU_REG(RX_CPU_BASE, CPU_STATE),
	TG57XX_CPU_REG(RX_CPU_BASE, CPU_PC),
	TG57XX_REG(VCPU_STATUS, "CPU"),
	TG57XX_CPU_REG(TX_CPU_BASE, CPU_MODE),
	TG57XX_CPU_REG(TX_CPU_BASE, CPU_STATE),
	TG57XX_CPU_REG(TX_CPU_BASE, CPU_PC),
	TG57XX_REG_W(GRCMBOX_INTERRUPT_0, "GRCMBOX", 8),
	TG57XX_REG_W(GRCMBOX_RCVSTD_PROD_IDX, "GRCMBOX", 8),
	TG57XX_REG_W(GRCMBOX_RCVJUMBO_PROD_IDX, "GRCMBOX", 8),
	TG57XX_REG_W(GRCMBOX_RCVRET_CON_IDX_0, "GRCMBOX", 8),
	TG57XX_REG_W(GRCMBOX_SNDHOST_PROD_IDX_0, "GRCMBOX", 8),
	TG57XX_REG(FTQ_RESET, "FTQ"),
	TG57XX_REG(MSGINT_MODE, "MSI"),
	TG57XX_REG(MSGINT_STATUS, "MSI"),
	TG57XX_REG(MSGINT_FIFO, "MSI"),
	TG57XX_REG(DMAC_MODE, "DMAC"),
	/* GRC (§5.11) */
	TG57XX_REG(GRC_MODE, "GRC"),
	TG57XX_REG(GRC_MISC_CFG, "GRC"),
	TG57XX_REG(GRC_LOCAL_CTRL, "GRC"),
	TG57XX_REG(GRC_TIMER, "GRC"),
	TG57XX_REG(GRC_RX_CPU_EVENT, "GRC"),
	TG57XX_REG(GRC_RX_CPU_SEM, "GRC"),
	TG57XX_REG(GRC_TX_CPU_EVENT, "GRC"),
	TG57XX_REG(GRC_MEM_POWER_UP, "GRC"),
	TG57XX_REG(GRC_EEPROM_ADDR, "GRC"),
	TG57XX_REG(GRC_EEPROM_DATA, "GRC"),
	TG57XX_REG(GRC_MDI_CTRL, "GRC"),
	TG57XX_REG(GRC_VCPU_EXT_CTRL, "GRC"),
	TG57XX_REG(GRC_FASTBOOT_PC, "GRC"),
	/* NVRAM, OTP (§5.12) */
	TG57XX_REG(NVRAM_CMD, "NVRAM"),
	TG57XX_REG(NVRAM_STAT, "NVRAM"),
	TG57XX_REG(NVRAM_WRDATA, "NVRAM"),
	TG57XX_REG(NVRAM_ADDR, "NVRAM"),
	TG57XX_REG(NVRAM_RDDATA, "NVRAM"),
	TG57XX_REG(NVRAM_CFG1, "NVRAM"),
	TG57XX_REG(NVRAM_CFG2, "NVRAM"),
	TG57XX_REG(NVRAM_CFG3, "NVRAM"),
	TG57XX_REG(NVRAM_SWARB, "NVRAM"),
	TG57XX_REG(NVRAM_ACCESS, "NVRAM"),
	TG57XX_REG(NVRAM_WRITE1, "NVRAM"),
	TG57XX_REG(NVRAM_ADDR_LOCKOUT, "NVRAM"),
	TG57XX_REG(OTP_MODE, "OTP"),
	TG57XX_REG(OTP_CTRL, "OTP"),
	TG57XX_REG(OTP_STATUS, "OTP"),
	TG57XX_REG(OTP_ADDRESS, "OTP"),
	TG57XX_REG(OTP_READ_DATA, "OTP"),
	/* PCIe (§5.13) */
	TG57XX_REG(TG3_PCIE_TLDLPL_PORT, "PCIE"),
	TG57XX_REG(PCIE_TRANSACTION_CFG, "PCIE"),
	TG57XX_REG(PCIE_PWR_MGMT_THRESH, "PCIE"),
	TG57XX_REG(TG3_PCIE_LNKCTL, "PCIE"),
	TG57XX_REG(TG3_PCIE_PHY_TSTCTL, "PCIE"),
	TG57XX_REG(TG3_PCIE_EIDLE_DELAY, "PCIE"),
};

#undef TG57XX_CPU_REG
#undef TG57XX_REG_W
#undef TG57XX_REG

/* A multi-instance register: instance i (first_index <= i) is at
 * base + stride * (i - first_index) and spans `width` bytes. */
struct RegArray {
	uint32_t base;
	uint32_t stride;
	uint32_t width;
	uint32_t count;
	uint32_t first_index;
	const char *name; /* the NAME(n) helper */
	const char *block;
	uint32_t (*helper)(unsigned); /* that helper, checked at compile time */
};

#define TG57XX_ARRAY(fn, base, stride, width, count, first, block) \
	RegArray{base, stride, width, count, first, #fn, block, fn}

inline constexpr RegArray kRegisterArrays[] = {
	TG57XX_ARRAY(MAILBOX_INTERRUPT, MAILBOX_INTERRUPT_0, 8, 8, TG3_NUM_INT_MBOX, 0, "MBOX"),
	TG57XX_ARRAY(MAILBOX_RCVRET_CON_IDX, MAILBOX_RCVRET_CON_IDX_0, 8, 8, TG3_NUM_RING_MBOX, 0, "MBOX"),
	TG57XX_ARRAY(MAILBOX_SNDHOST_PROD_IDX, MAILBOX_SNDHOST_PROD_IDX_0, 8, 8, TG3_NUM_RING_MBOX, 0, "MBOX"),
	TG57XX_ARRAY(MAILBOX_SNDNIC_PROD_IDX, MAILBOX_SNDNIC_PROD_IDX_0, 8, 8, TG3_NUM_RING_MBOX, 0, "MBOX"),
	TG57XX_ARRAY(MAC_ADDR_HIGH, MAC_ADDR_0_HIGH, 8, 4, TG3_NUM_MAC_ADDR, 0, "MAC"),
	TG57XX_ARRAY(MAC_ADDR_LOW, MAC_ADDR_0_LOW, 8, 4, TG3_NUM_MAC_ADDR, 0, "MAC"),
	TG57XX_ARRAY(MAC_HASH_REG, MAC_HASH_REG_0, 4, 4, TG3_NUM_MAC_HASH_REGS, 0, "MAC"),
	TG57XX_ARRAY(MAC_RCV_RULE, MAC_RCV_RULE_0, 8, 4, TG3_NUM_RCV_RULES, 0, "MAC"),
	TG57XX_ARRAY(MAC_RCV_VALUE, MAC_RCV_VALUE_0, 8, 4, TG3_NUM_RCV_RULES, 0, "MAC"),
	TG57XX_ARRAY(MAC_EXTADDR_HIGH, MAC_EXTADDR_0_HIGH, 8, 4, TG3_NUM_MAC_EXTADDR, 0, "MAC"),
	TG57XX_ARRAY(MAC_EXTADDR_LOW, MAC_EXTADDR_0_LOW, 8, 4, TG3_NUM_MAC_EXTADDR, 0, "MAC"),
	TG57XX_ARRAY(MAC_RSS_INDIR_TBL, MAC_RSS_INDIR_TBL_0, 4, 4, TG3_NUM_RSS_INDIR_REGS, 0, "RSS"),
	TG57XX_ARRAY(MAC_RSS_HASH_KEY, MAC_RSS_HASH_KEY_0, 4, 4, TG3_NUM_RSS_HASH_KEY_REGS, 0, "RSS"),
	TG57XX_ARRAY(SNDBDS_SEL_CON_IDX, SNDBDS_SEL_CON_IDX_0, 4, 4, TG3_NUM_RING_IDX_REGS, 0, "SBDS"),
	TG57XX_ARRAY(SNDBDI_IN_PROD_IDX, SNDBDI_IN_PROD_IDX_0, 4, 4, TG3_NUM_RING_IDX_REGS, 0, "SBDI"),
	TG57XX_ARRAY(RCVDBDI_BD_PROD_IDX, RCVDBDI_BD_PROD_IDX_0, 4, 4, TG3_NUM_RING_IDX_REGS, 0, "RDBDI"),
	TG57XX_ARRAY(HOSTCC_RET_PROD_IDX, HOSTCC_RET_PROD_IDX_0, 4, 4, TG3_NUM_RING_IDX_REGS, 0, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_SND_CON_IDX, HOSTCC_SND_CON_IDX_0, 4, 4, TG3_NUM_RING_IDX_REGS, 0, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_STATBLCK_RING, HOSTCC_STATBLCK_RING1, HOSTCC_STATBLCK_STRIDE, 8,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_RXCOL_TICKS_VEC, HOSTCC_RXCOL_TICKS_VEC1, HOSTCC_VEC_COAL_STRIDE, 4,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_TXCOL_TICKS_VEC, HOSTCC_TXCOL_TICKS_VEC1, HOSTCC_VEC_COAL_STRIDE, 4,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_RXMAX_FRAMES_VEC, HOSTCC_RXMAX_FRAMES_VEC1, HOSTCC_VEC_COAL_STRIDE, 4,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_TXMAX_FRAMES_VEC, HOSTCC_TXMAX_FRAMES_VEC1, HOSTCC_VEC_COAL_STRIDE, 4,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_RXCOAL_MAXF_INT_VEC, HOSTCC_RXCOAL_MAXF_INT_VEC1, HOSTCC_VEC_COAL_STRIDE, 4,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(HOSTCC_TXCOAL_MAXF_INT_VEC, HOSTCC_TXCOAL_MAXF_INT_VEC1, HOSTCC_VEC_COAL_STRIDE, 4,
		TG3_NUM_EXTRA_VECS, 1, "HOSTCC"),
	TG57XX_ARRAY(TG3_RDMA_LENGTH_N, TG3_RDMA_LENGTH, 4, 4, TG3_NUM_RDMA_CHANNELS, 0, "RDMA"),
};

#undef TG57XX_ARRAY

namespace detail {

constexpr bool reg_names_sorted_disjoint()
{
	for (size_t i = 1; i < std::size(kRegisterNames); i++)
		if (kRegisterNames[i - 1].off + kRegisterNames[i - 1].width > kRegisterNames[i].off)
			return false;
	return true;
}

/* Does instance-covered byte `off` fall inside array `a`? Sets *index. */
constexpr bool reg_array_covers(const RegArray &a, uint32_t off, uint32_t *index, uint32_t *byte)
{
	if (off < a.base || off >= a.base + a.stride * a.count)
		return false;
	const uint32_t rel = off - a.base;
	if (rel % a.stride >= a.width)
		return false;
	*index = a.first_index + rel / a.stride;
	*byte = rel % a.stride;
	return true;
}

constexpr bool reg_arrays_consistent()
{
	uint32_t idx = 0, byte = 0;
	for (size_t k = 0; k < std::size(kRegisterArrays); k++) {
		const RegArray &a = kRegisterArrays[k];
		if (k > 0 && kRegisterArrays[k - 1].base >= a.base)
			return false; /* sorted by base */
		for (uint32_t i = 0; i < a.count; i++) {
			const uint32_t off = a.base + a.stride * i;
			if (a.helper(a.first_index + i) != off)
				return false; /* table and NAME(n) helper disagree */
			for (uint32_t b = 0; b < a.width; b += 4) {
				for (const RegName &r : kRegisterNames)
					if (off + b >= r.off && off + b < r.off + r.width)
						return false; /* overlaps a single register */
				for (size_t j = 0; j < std::size(kRegisterArrays); j++)
					if (j != k && reg_array_covers(kRegisterArrays[j], off + b, &idx, &byte))
						return false; /* overlaps another array */
			}
		}
	}
	return true;
}

} // namespace detail

/* Both are static_assert'ed once, in tg57xx_regs.cpp (cheaper than in every
 * translation unit that includes the register map). */

/* The reference section describing each block named in the tables above
 * (bcm57xx-programming.md), for dump and trace tools. */
struct BlockSection {
	const char *block;
	const char *section;
};
inline constexpr BlockSection kBlockSections[] = {
	{"PCI", "§3"},       {"MBOX", "§4"},      {"GRCMBOX", "§4.1"}, {"MAC", "§5.1"},    {"RSS", "§10.6"},
	{"STATS", "§5.2"},   {"SDI", "§5.3"},     {"SDC", "§5.3"},     {"SBDS", "§5.3"},   {"SBDI", "§5.3"},
	{"SBDC", "§5.3"},    {"RLP", "§5.4"},     {"RDBDI", "§5.4"},   {"RDC", "§5.4"},    {"RBDI", "§5.4"},
	{"RBDC", "§5.4"},    {"RLS", "§5.4"},     {"CPMU", "§5.5"},    {"HOSTCC", "§5.6"}, {"MEMARB", "§5.7"},
	{"MBFREE", "§5.7"},  {"BUFMGR", "§5.8"},  {"RDMA", "§5.9"},    {"WDMA", "§5.9"},   {"CPU", "§5.10"},
	{"FTQ", "§5.10"},    {"MSI", "§5.10"},    {"DMAC", "§5.10"},   {"GRC", "§5.11"},   {"NVRAM", "§5.12"},
	{"OTP", "§5.12"},    {"PCIE", "§5.13"},
};

constexpr const char *block_section(const char *block)
{
	for (const BlockSection &b : kBlockSections) {
		const char *x = b.block, *y = block;
		while (*x != '\0' && *x == *y)
			x++, y++;
		if (*x == *y)
			return b.section;
	}
	return nullptr;
}

namespace detail {
constexpr bool every_block_has_a_section()
{
	for (const RegName &r : kRegisterNames)
		if (block_section(r.block) == nullptr)
			return false;
	for (const RegArray &a : kRegisterArrays)
		if (block_section(a.block) == nullptr)
			return false;
	return true;
}
} // namespace detail

/* Single-instance register at exactly `off`, or nullptr. */
constexpr const RegName *find_reg(uint32_t off)
{
	size_t lo = 0, hi = std::size(kRegisterNames);
	while (lo < hi) {
		const size_t mid = lo + (hi - lo) / 2;
		if (kRegisterNames[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < std::size(kRegisterNames) && kRegisterNames[lo].off == off)
		return &kRegisterNames[lo];
	return nullptr;
}

/*
 * Counters a read clears (ref §5.2: tg3 and FreeBSD accumulate every read
 * into a 64-bit total, i.e. clear-on-read, UNCONFIRMED): a register dump must
 * not read them, or the driver's statistics lose what the dump saw.
 */
constexpr bool reg_read_clears(uint32_t off)
{
	return (off >= MAC_TX_STATS_OCTETS && off <= MAC_RX_STATS_UNDERSIZE) || off == RCVLPC_NO_RCV_BD_CNT ||
	       off == RCVLPC_IN_DISCARDS_CNT || off == RCVLPC_IN_ERRORS_CNT;
}

/* Name of the single-instance register at `off`, or nullptr. */
constexpr const char *reg_name(uint32_t off)
{
	const RegName *r = find_reg(off);
	return r ? r->name : nullptr;
}

/* Full decode of a BAR0 offset for dump tools: which register (single or
 * array instance) covers it and at which byte. */
struct RegLookup {
	const char *name = nullptr; /* nullptr: no register known at this offset */
	const char *block = nullptr;
	bool indexed = false;       /* array register: `index` is meaningful */
	uint32_t index = 0;         /* argument of the NAME(n) helper */
	uint32_t byte = 0;          /* byte offset inside the register (0, 4, 8, 12) */
};

constexpr RegLookup lookup_reg(uint32_t off)
{
	for (const RegName &r : kRegisterNames)
		if (off >= r.off && off < r.off + r.width)
			return RegLookup{r.name, r.block, false, 0, off - r.off};
	for (const RegArray &a : kRegisterArrays) {
		uint32_t idx = 0, byte = 0;
		if (detail::reg_array_covers(a, off, &idx, &byte))
			return RegLookup{a.name, a.block, true, idx, byte};
	}
	return RegLookup{};
}

} // namespace tg57xx::hw

#endif
