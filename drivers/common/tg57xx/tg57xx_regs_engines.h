/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data-path engines: send path (ref §5.3), receive path (§5.4), CPMU
 * (§5.5), host coalescing (§5.6), memory arbiter / mbuf free (§5.7), buffer
 * manager (§5.8), read/write DMA (§5.9). Part of tg57xx_regs.h: include that.
 *
 * Engine mode registers share a convention: bit 0 reset, bit 1 enable, bit 2
 * attention enable; the status register reports the attention at bit 2. A
 * block is stopped by clearing its enable bit and polling it back to 0 (§13).
 */
#ifndef TG57XX_BASE_REGS_ENGINES_H
#define TG57XX_BASE_REGS_ENGINES_H

#include <cstdint>

#include "tg57xx_field.h"
#include "tg57xx_regs_pci.h"

namespace tg57xx::hw {

/* Instance count of the per-ring diagnostic index arrays (16 rings). */
inline constexpr unsigned TG3_NUM_RING_IDX_REGS = 16;

/* ---------------------------------------------------------------------------
 * Send data initiator, 0x0C00 (ref §5.3; Thundergate `sdi`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t SNDDATAI_MODE = 0x00000C00;
inline constexpr uint32_t   SNDDATAI_MODE_RESET = 0x00000001;
inline constexpr uint32_t   SNDDATAI_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   SNDDATAI_MODE_STAT_OFLOW_ENAB = 0x00000004;
/* tg3.c literal `SNDDATAI_MODE_ENABLE | 0x8` with HW TSO; FreeBSD
 * BGE_SDIMODE_HW_LSO_PRE_DMA; Thundergate sdi_mode.hardware_pre_dma_enable. */
inline constexpr uint32_t   SNDDATAI_MODE_HW_PRE_DMA = 0x00000008;
inline constexpr uint32_t SNDDATAI_STATUS = 0x00000C04;
inline constexpr uint32_t   SNDDATAI_STATUS_STAT_OFLOW = 0x00000004;
inline constexpr uint32_t SNDDATAI_STATSCTRL = 0x00000C08;
inline constexpr uint32_t   SNDDATAI_SCTRL_ENABLE = 0x00000001;
inline constexpr uint32_t   SNDDATAI_SCTRL_FASTUPD = 0x00000002;
inline constexpr uint32_t   SNDDATAI_SCTRL_CLEAR = 0x00000004;
inline constexpr uint32_t   SNDDATAI_SCTRL_FLUSH = 0x00000008;
inline constexpr uint32_t   SNDDATAI_SCTRL_FORCE_ZERO = 0x00000010;
inline constexpr uint32_t SNDDATAI_STATSENAB = 0x00000C0C;
inline constexpr uint32_t   TG3_SNDDATAI_STATSENAB_ALL = 0x00FFFFFF; /* tg3.c tg3_reset_hw */
inline constexpr uint32_t SNDDATAI_STATSINCMASK = 0x00000C10;

/* Send data completion, 0x1000 */
inline constexpr uint32_t SNDDATAC_MODE = 0x00001000;
inline constexpr uint32_t   SNDDATAC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   SNDDATAC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   SNDDATAC_MODE_CDELAY = 0x00000010; /* 5761 */

/* Send BD ring selector, 0x1400 */
inline constexpr uint32_t SNDBDS_MODE = 0x00001400;
inline constexpr uint32_t   SNDBDS_MODE_RESET = 0x00000001;
inline constexpr uint32_t   SNDBDS_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   SNDBDS_MODE_ATTN_ENABLE = 0x00000004;
inline constexpr uint32_t SNDBDS_STATUS = 0x00001404;
inline constexpr uint32_t   SNDBDS_STATUS_ERROR_ATTN = 0x00000004;
inline constexpr uint32_t SNDBDS_SEL_CON_IDX_0 = 0x00001440; /* diagnostic */
constexpr uint32_t SNDBDS_SEL_CON_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_IDX_REGS);
	return SNDBDS_SEL_CON_IDX_0 + 4 * n;
}

/* Send BD initiator, 0x1800 */
inline constexpr uint32_t SNDBDI_MODE = 0x00001800;
inline constexpr uint32_t   SNDBDI_MODE_RESET = 0x00000001;
inline constexpr uint32_t   SNDBDI_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   SNDBDI_MODE_ATTN_ENABLE = 0x00000004;
inline constexpr uint32_t   SNDBDI_MODE_MULTI_TXQ_EN = 0x00000020; /* TSS, 5719/5720 */
inline constexpr uint32_t SNDBDI_STATUS = 0x00001804;
inline constexpr uint32_t   SNDBDI_STATUS_ERROR_ATTN = 0x00000004;
inline constexpr uint32_t SNDBDI_IN_PROD_IDX_0 = 0x00001808; /* diagnostic */
constexpr uint32_t SNDBDI_IN_PROD_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_IDX_REGS);
	return SNDBDI_IN_PROD_IDX_0 + 4 * n;
}

/* Send BD completion, 0x1C00 */
inline constexpr uint32_t SNDBDC_MODE = 0x00001C00;
inline constexpr uint32_t   SNDBDC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   SNDBDC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   SNDBDC_MODE_ATTN_ENABLE = 0x00000004;

/* ---------------------------------------------------------------------------
 * Receive list placement, 0x2000 (ref §5.4; Thundergate `rlp`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t RCVLPC_MODE = 0x00002000;
inline constexpr uint32_t   RCVLPC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RCVLPC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RCVLPC_MODE_CLASS0_ATTN_ENAB = 0x00000004;
inline constexpr uint32_t   RCVLPC_MODE_MAPOOR_AATTN_ENAB = 0x00000008;
inline constexpr uint32_t   RCVLPC_MODE_STAT_OFLOW_ENAB = 0x00000010;
inline constexpr uint32_t RCVLPC_STATUS = 0x00002004;
inline constexpr uint32_t   RCVLPC_STATUS_CLASS0 = 0x00000004;
inline constexpr uint32_t   RCVLPC_STATUS_MAPOOR = 0x00000008;
inline constexpr uint32_t   RCVLPC_STATUS_STAT_OFLOW = 0x00000010;
inline constexpr uint32_t RCVLPC_CONFIG = 0x00002010;
/* Fields as Thundergate `rlp_config` decodes them (tg3 leaves them unnamed). */
inline constexpr uint32_t   RCVLPC_CONFIG_DEF_INT_DIST_QUEUE_MASK = 0x00006000; /* [14:13] */
inline constexpr uint32_t   RCVLPC_CONFIG_BAD_FRAMES_CLASS_MASK = 0x00001F00;   /* [12:8] */
inline constexpr uint32_t   RCVLPC_CONFIG_ACTIVE_LISTS_MASK = 0x000000F8;       /* [7:3] */
inline constexpr uint32_t   RCVLPC_CONFIG_LISTS_PER_GROUP_MASK = 0x00000007;    /* [2:0] */
/* tg3.c tg3_reset_hw and FreeBSD BGE_RXLP_CFG literal 0x181 (ref §5.4). */
inline constexpr uint32_t   RCVLPC_CONFIG_TG3_VALUE = 0x00000181;
static_assert(RCVLPC_CONFIG_TG3_VALUE ==
	(field_set(RCVLPC_CONFIG_DEF_INT_DIST_QUEUE_MASK, 0) |
	 field_set(RCVLPC_CONFIG_BAD_FRAMES_CLASS_MASK, 1) |
	 field_set(RCVLPC_CONFIG_ACTIVE_LISTS_MASK, 16) |
	 field_set(RCVLPC_CONFIG_LISTS_PER_GROUP_MASK, 1)),
	"ref §5.4: queue 0, bad-frames class 1, 16 active lists, 1 list per group");
inline constexpr uint32_t RCVLPC_STATSCTRL = 0x00002014;
inline constexpr uint32_t   RCVLPC_STATSCTRL_ENABLE = 0x00000001;
inline constexpr uint32_t   RCVLPC_STATSCTRL_FASTUPD = 0x00000002;
inline constexpr uint32_t RCVLPC_STATS_ENABLE = 0x00002018;
inline constexpr uint32_t   RCVLPC_STATSENAB_ASF_FIX = 0x00000002;
inline constexpr uint32_t   RCVLPC_STATSENAB_DACK_FIX = 0x00040000; /* tg3 clears it */
inline constexpr uint32_t   RCVLPC_STATSENAB_LNGBRST_RFIX = 0x00400000;
inline constexpr uint32_t   BGE_RXLP_STATS_ENABLE_MASK_LITERAL = 0x007FFFFF; /* FreeBSD */
inline constexpr uint32_t RCVLPC_STATS_INCMASK = 0x0000201C;
inline constexpr uint32_t RCVLPC_SELLST_BASE = 0x00002100;
inline constexpr uint32_t RCVLPC_COS_CNTL_BASE = 0x00002200;
/* Counters tg3 reads besides the MAC statistics (ref §5.2). */
inline constexpr uint32_t RCVLPC_NO_RCV_BD_CNT = 0x0000224C;
inline constexpr uint32_t RCVLPC_IN_DISCARDS_CNT = 0x00002250;
inline constexpr uint32_t RCVLPC_IN_ERRORS_CNT = 0x00002254;

/* Receive data and BD initiator, 0x2400: holds the producer-ring RCBs (§7). */
inline constexpr uint32_t RCVDBDI_MODE = 0x00002400;
inline constexpr uint32_t   RCVDBDI_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RCVDBDI_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RCVDBDI_MODE_JUMBOBD_NEEDED = 0x00000004;
inline constexpr uint32_t   RCVDBDI_MODE_FRM_TOO_BIG = 0x00000008;
inline constexpr uint32_t   RCVDBDI_MODE_INV_RING_SZ = 0x00000010;
inline constexpr uint32_t   RCVDBDI_MODE_LRG_RING_SZ = 0x00010000; /* 5717/5719/5720/5762 */
inline constexpr uint32_t RCVDBDI_STATUS = 0x00002404;
inline constexpr uint32_t   RCVDBDI_STATUS_JUMBOBD_NEEDED = 0x00000004;
inline constexpr uint32_t   RCVDBDI_STATUS_FRM_TOO_BIG = 0x00000008;
inline constexpr uint32_t   RCVDBDI_STATUS_INV_RING_SZ = 0x00000010;
inline constexpr uint32_t RCVDBDI_JUMBO_BD = 0x00002440; /* 16-byte RCB */
inline constexpr uint32_t RCVDBDI_STD_BD = 0x00002450;   /* 16-byte RCB */
inline constexpr uint32_t RCVDBDI_MINI_BD = 0x00002460;  /* 16-byte RCB */
inline constexpr uint32_t RCVDBDI_JUMBO_CON_IDX = 0x00002470;
inline constexpr uint32_t RCVDBDI_STD_CON_IDX = 0x00002474;
inline constexpr uint32_t RCVDBDI_MINI_CON_IDX = 0x00002478;
inline constexpr uint32_t RCVDBDI_BD_PROD_IDX_0 = 0x00002480; /* diagnostic */
constexpr uint32_t RCVDBDI_BD_PROD_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_IDX_REGS);
	return RCVDBDI_BD_PROD_IDX_0 + 4 * n;
}

/* Receive data completion, 0x2800 */
inline constexpr uint32_t RCVDCC_MODE = 0x00002800;
inline constexpr uint32_t   RCVDCC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RCVDCC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RCVDCC_MODE_ATTN_ENABLE = 0x00000004;

/* Receive BD initiator, 0x2C00 */
inline constexpr uint32_t RCVBDI_MODE = 0x00002C00;
inline constexpr uint32_t   RCVBDI_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RCVBDI_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RCVBDI_MODE_RCB_ATTN_ENAB = 0x00000004;
inline constexpr uint32_t RCVBDI_STATUS = 0x00002C04;
inline constexpr uint32_t   RCVBDI_STATUS_RCB_ATTN = 0x00000004;
inline constexpr uint32_t RCVBDI_JUMBO_PROD_IDX = 0x00002C08;
inline constexpr uint32_t RCVBDI_STD_PROD_IDX = 0x00002C0C;
inline constexpr uint32_t RCVBDI_MINI_PROD_IDX = 0x00002C10;
inline constexpr uint32_t RCVBDI_MINI_THRESH = 0x00002C14;
inline constexpr uint32_t RCVBDI_STD_THRESH = 0x00002C18;
inline constexpr uint32_t RCVBDI_JUMBO_THRESH = 0x00002C1C;
inline constexpr uint32_t STD_REPLENISH_LWM = 0x00002D00; /* 57765_PLUS */
inline constexpr uint32_t JMB_REPLENISH_LWM = 0x00002D04; /* 57765_PLUS */

/* Receive BD completion, 0x3000 */
inline constexpr uint32_t RCVCC_MODE = 0x00003000;
inline constexpr uint32_t   RCVCC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RCVCC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RCVCC_MODE_ATTN_ENABLE = 0x00000004;
inline constexpr uint32_t RCVCC_STATUS = 0x00003004;
inline constexpr uint32_t   RCVCC_STATUS_ERROR_ATTN = 0x00000004;
inline constexpr uint32_t RCVCC_JUMP_PROD_IDX = 0x00003008; /* sic tg3.h */
inline constexpr uint32_t RCVCC_STD_PROD_IDX = 0x0000300C;
inline constexpr uint32_t RCVCC_MINI_PROD_IDX = 0x00003010;

/* Receive list selector, 0x3400: pre-5705 only. */
inline constexpr uint32_t RCVLSC_MODE = 0x00003400;
inline constexpr uint32_t   RCVLSC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RCVLSC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RCVLSC_MODE_ATTN_ENABLE = 0x00000004;

/* ---------------------------------------------------------------------------
 * CPMU, 0x3600 (ref §5.5; Thundergate `cpmu`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t TG3_CPMU_DRV_STATUS = 0x0000344C; /* defined, unused */
inline constexpr uint32_t TG3_CPMU_CTRL = 0x00003600;
inline constexpr uint32_t   CPMU_CTRL_LINK_IDLE_MODE = 0x00000200;
inline constexpr uint32_t   CPMU_CTRL_LINK_AWARE_MODE = 0x00000400;
inline constexpr uint32_t   CPMU_CTRL_LINK_SPEED_MODE = 0x00004000;
inline constexpr uint32_t   CPMU_CTRL_GPHY_10MB_RXONLY = 0x00010000;
inline constexpr uint32_t TG3_CPMU_LSPD_10MB_CLK = 0x00003604;
inline constexpr uint32_t   CPMU_LSPD_10MB_MACCLK_MASK = 0x001F0000;
inline constexpr uint32_t   CPMU_LSPD_10MB_MACCLK_6_25 = 0x00130000; /* 57765_CLASS */
inline constexpr uint32_t TG3_CPMU_LSPD_1000MB_CLK = 0x0000360C;
inline constexpr uint32_t   CPMU_LSPD_1000MB_MACCLK_62_5 = 0x00000000;
inline constexpr uint32_t   CPMU_LSPD_1000MB_MACCLK_12_5 = 0x00110000;
inline constexpr uint32_t   CPMU_LSPD_1000MB_MACCLK_MASK = 0x001F0000;
inline constexpr uint32_t TG3_CPMU_LNK_AWARE_PWRMD = 0x00003610;
inline constexpr uint32_t TG3_CPMU_HST_ACC = 0x0000361C;
inline constexpr uint32_t TG3_CPMU_CLCK_ORIDE = 0x00003624;
inline constexpr uint32_t   CPMU_CLCK_ORIDE_MAC_ORIDE_EN = 0x80000000; /* 5719/5720 reset */
inline constexpr uint32_t TG3_CPMU_CLCK_ORIDE_ENABLE = 0x00003628;
inline constexpr uint32_t   TG3_CPMU_MAC_ORIDE_ENABLE = 0x00002000; /* 5717 reset, 5762 always */
inline constexpr uint32_t TG3_CPMU_STATUS = 0x0000362C;
inline constexpr uint32_t   TG3_CPMU_STATUS_FMSK_5717 = 0x20000000;
inline constexpr uint32_t   TG3_CPMU_STATUS_FMSK_5719 = 0xC0000000;
inline constexpr uint32_t   TG3_CPMU_STATUS_FSHFT_5719 = 30;
inline constexpr uint32_t TG3_CPMU_CLCK_STAT = 0x00003630;
inline constexpr uint32_t   CPMU_CLCK_STAT_MAC_CLCK_MASK = 0x001F0000;
inline constexpr uint32_t TG3_CPMU_MUTEX_REQ = 0x0000365C;
inline constexpr uint32_t   CPMU_MUTEX_REQ_DRIVER = 0x00001000;
inline constexpr uint32_t TG3_CPMU_MUTEX_GNT = 0x00003660;
inline constexpr uint32_t   CPMU_MUTEX_GNT_DRIVER = 0x00001000;
inline constexpr uint32_t TG3_CPMU_PHY_STRAP = 0x00003664;
inline constexpr uint32_t   TG3_CPMU_PHY_STRAP_IS_SERDES = 0x00000020;
inline constexpr uint32_t TG3_CPMU_PADRNG_CTL = 0x00003668;
inline constexpr uint32_t   TG3_CPMU_PADRNG_CTL_RDIV2 = 0x00040000; /* 57765_CLASS non-AX */
inline constexpr uint32_t TG3_CPMU_EEE_MODE = 0x000036B0;
inline constexpr uint32_t   TG3_CPMU_EEEMD_LPI_ENABLE = 0x00000080;
inline constexpr uint32_t   TG3_CPMU_EEEMD_EEE_ENABLE = 0x00100000;
inline constexpr uint32_t TG3_CPMU_EEE_CTRL = 0x000036D0;

/* ---------------------------------------------------------------------------
 * MBUF cluster free, 0x3800: pre-5705 only (ref §5.7)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t MBFREE_MODE = 0x00003800;
inline constexpr uint32_t   MBFREE_MODE_RESET = 0x00000001;
inline constexpr uint32_t   MBFREE_MODE_ENABLE = 0x00000002;

/* ---------------------------------------------------------------------------
 * Host coalescing, 0x3C00 (ref §5.6; Thundergate `hc`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t HOSTCC_MODE = 0x00003C00;
inline constexpr uint32_t   HOSTCC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   HOSTCC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   HOSTCC_MODE_ATTN = 0x00000004;
inline constexpr uint32_t   HOSTCC_MODE_NOW = 0x00000008;
/* Status block size field, bits 8:7 (ref §5.6; Thundergate status_block_size). */
inline constexpr uint32_t   HOSTCC_MODE_STATBLK_SIZE_MASK = 0x00000180;
inline constexpr uint32_t   HOSTCC_MODE_FULL_STATUS = 0x00000000;
inline constexpr uint32_t   HOSTCC_MODE_64BYTE = 0x00000080;
inline constexpr uint32_t   HOSTCC_MODE_32BYTE = 0x00000100;
inline constexpr uint32_t   HOSTCC_MODE_CLRTICK_RXBD = 0x00000200;
inline constexpr uint32_t   HOSTCC_MODE_CLRTICK_TXBD = 0x00000400;
inline constexpr uint32_t   HOSTCC_MODE_NOINT_ON_NOW = 0x00000800;
inline constexpr uint32_t   HOSTCC_MODE_NOINT_ON_FORCE = 0x00001000;
inline constexpr uint32_t   HOSTCC_MODE_COAL_VEC1_NOW = 0x00002000;
/* Coalesce-now bits of vectors 1..5, bits 17:13 (Thundergate coalesce_now_1_5). */
inline constexpr uint32_t   HOSTCC_MODE_COAL_VEC_NOW_MASK = 0x0003E000;
/* tg3 coalesce_mode on these chips: 32-byte block, clear ticks (tagged status);
 * HOSTCC_MODE_ATTN is added on 5717, 5762, 5719 A0, 5720 A0 (ref §5.6). */
inline constexpr uint32_t   TG3_HOSTCC_COALESCE_MODE =
	HOSTCC_MODE_32BYTE | HOSTCC_MODE_CLRTICK_RXBD | HOSTCC_MODE_CLRTICK_TXBD;
inline constexpr uint32_t HOSTCC_STATUS = 0x00003C04;
inline constexpr uint32_t   HOSTCC_STATUS_ERROR_ATTN = 0x00000004;
inline constexpr uint32_t HOSTCC_RXCOL_TICKS = 0x00003C08;
inline constexpr uint32_t   LOW_RXCOL_TICKS_CLRTCKS = 0x00000014; /* tg3 default: 20 us */
inline constexpr uint32_t   MAX_RXCOL_TICKS = 0x000003FF;
inline constexpr uint32_t HOSTCC_TXCOL_TICKS = 0x00003C0C;
inline constexpr uint32_t   LOW_TXCOL_TICKS_CLRTCKS = 0x00000048; /* tg3 default: 72 us */
inline constexpr uint32_t   MAX_TXCOL_TICKS = 0x000003FF;
inline constexpr uint32_t HOSTCC_RXMAX_FRAMES = 0x00003C10;
inline constexpr uint32_t   LOW_RXMAX_FRAMES = 0x00000005;
inline constexpr uint32_t   MAX_RXMAX_FRAMES = 0x000000FF;
inline constexpr uint32_t HOSTCC_TXMAX_FRAMES = 0x00003C14;
inline constexpr uint32_t   LOW_TXMAX_FRAMES = 0x00000035;
inline constexpr uint32_t   MAX_TXMAX_FRAMES = 0x000000FF;
inline constexpr uint32_t HOSTCC_RXCOAL_TICK_INT = 0x00003C18; /* pre-5705 */
inline constexpr uint32_t HOSTCC_TXCOAL_TICK_INT = 0x00003C1C; /* pre-5705 */
inline constexpr uint32_t HOSTCC_RXCOAL_MAXF_INT = 0x00003C20;
inline constexpr uint32_t   DEFAULT_RXCOAL_MAXF_INT = 0x00000005;
inline constexpr uint32_t HOSTCC_TXCOAL_MAXF_INT = 0x00003C24;
inline constexpr uint32_t   DEFAULT_TXCOAL_MAXF_INT = 0x00000005;
inline constexpr uint32_t HOSTCC_STAT_COAL_TICKS = 0x00003C28;     /* pre-5705 */
inline constexpr uint32_t HOSTCC_STATS_BLK_HOST_ADDR = 0x00003C30; /* 64-bit, pre-5705 */
inline constexpr uint32_t HOSTCC_STATUS_BLK_HOST_ADDR = 0x00003C38; /* 64-bit, vector 0 */
inline constexpr uint32_t HOSTCC_STATS_BLK_NIC_ADDR = 0x00003C40;  /* pre-5705 */
inline constexpr uint32_t HOSTCC_STATUS_BLK_NIC_ADDR = 0x00003C44; /* pre-5705 */
inline constexpr uint32_t HOSTCC_FLOW_ATTN = 0x00003C48;
inline constexpr uint32_t   HOSTCC_FLOW_ATTN_MBUF_LWM = 0x00000040; /* write 1 to clear */
inline constexpr uint32_t HOSTCC_JUMBO_CON_IDX = 0x00003C50;
inline constexpr uint32_t HOSTCC_STD_CON_IDX = 0x00003C54;
inline constexpr uint32_t HOSTCC_MINI_CON_IDX = 0x00003C58;
inline constexpr uint32_t HOSTCC_RET_PROD_IDX_0 = 0x00003C80; /* diagnostic */
inline constexpr uint32_t HOSTCC_SND_CON_IDX_0 = 0x00003CC0;  /* diagnostic */
constexpr uint32_t HOSTCC_RET_PROD_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_IDX_REGS);
	return HOSTCC_RET_PROD_IDX_0 + 4 * n;
}
constexpr uint32_t HOSTCC_SND_CON_IDX(unsigned n)
{
	detail::check_index(n, TG3_NUM_RING_IDX_REGS);
	return HOSTCC_SND_CON_IDX_0 + 4 * n;
}

/*
 * MSI-X vectors v = 1..4 (ref §4.4, §5.6): status block address (64-bit, high
 * word first), coalesce-now bit and per-vector coalescing registers.
 */
inline constexpr uint32_t HOSTCC_STATBLCK_RING1 = 0x00003D00;
inline constexpr uint32_t HOSTCC_STATBLCK_STRIDE = 0x00000008;
inline constexpr uint32_t HOSTCC_RXCOL_TICKS_VEC1 = 0x00003D80;
inline constexpr uint32_t HOSTCC_TXCOL_TICKS_VEC1 = 0x00003D84;
inline constexpr uint32_t HOSTCC_RXMAX_FRAMES_VEC1 = 0x00003D88;
inline constexpr uint32_t HOSTCC_TXMAX_FRAMES_VEC1 = 0x00003D8C;
inline constexpr uint32_t HOSTCC_RXCOAL_MAXF_INT_VEC1 = 0x00003D90;
inline constexpr uint32_t HOSTCC_TXCOAL_MAXF_INT_VEC1 = 0x00003D94;
inline constexpr uint32_t HOSTCC_VEC_COAL_STRIDE = 0x00000018; /* tg3.c tg3_coal_rx_init */
inline constexpr unsigned TG3_NUM_EXTRA_VECS = TG3_IRQ_MAX_VECS - 1;

namespace detail {
constexpr uint32_t hostcc_vec(uint32_t vec1_reg, uint32_t stride, unsigned vec)
{
	check_index(vec - 1, TG3_NUM_EXTRA_VECS); /* vec 0 wraps to a huge index */
	return vec1_reg + stride * (vec - 1);
}
} // namespace detail
constexpr uint32_t HOSTCC_STATBLCK_RING(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_STATBLCK_RING1, HOSTCC_STATBLCK_STRIDE, vec);
}
constexpr uint32_t HOSTCC_MODE_COAL_VEC_NOW(unsigned vec)
{
	detail::check_index(vec - 1, TG3_NUM_EXTRA_VECS);
	return HOSTCC_MODE_COAL_VEC1_NOW << (vec - 1);
}
constexpr uint32_t HOSTCC_RXCOL_TICKS_VEC(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_RXCOL_TICKS_VEC1, HOSTCC_VEC_COAL_STRIDE, vec);
}
constexpr uint32_t HOSTCC_TXCOL_TICKS_VEC(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_TXCOL_TICKS_VEC1, HOSTCC_VEC_COAL_STRIDE, vec);
}
constexpr uint32_t HOSTCC_RXMAX_FRAMES_VEC(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_RXMAX_FRAMES_VEC1, HOSTCC_VEC_COAL_STRIDE, vec);
}
constexpr uint32_t HOSTCC_TXMAX_FRAMES_VEC(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_TXMAX_FRAMES_VEC1, HOSTCC_VEC_COAL_STRIDE, vec);
}
constexpr uint32_t HOSTCC_RXCOAL_MAXF_INT_VEC(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_RXCOAL_MAXF_INT_VEC1, HOSTCC_VEC_COAL_STRIDE, vec);
}
constexpr uint32_t HOSTCC_TXCOAL_MAXF_INT_VEC(unsigned vec)
{
	return detail::hostcc_vec(HOSTCC_TXCOAL_MAXF_INT_VEC1, HOSTCC_VEC_COAL_STRIDE, vec);
}

/* ---------------------------------------------------------------------------
 * Memory arbiter, 0x4000 (ref §5.7; Thundergate `ma`). Must be enabled for
 * SRAM access; tg3 re-enables it after every reset.
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t MEMARB_MODE = 0x00004000;
inline constexpr uint32_t   MEMARB_MODE_RESET = 0x00000001;
inline constexpr uint32_t   MEMARB_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t MEMARB_STATUS = 0x00004004;
inline constexpr uint32_t MEMARB_TRAP_ADDR_LOW = 0x00004008;
inline constexpr uint32_t MEMARB_TRAP_ADDR_HIGH = 0x0000400C;

/* ---------------------------------------------------------------------------
 * Buffer manager, 0x4400 (ref §5.8; Thundergate `bufman`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t BUFMGR_MODE = 0x00004400;
inline constexpr uint32_t   BUFMGR_MODE_RESET = 0x00000001;
inline constexpr uint32_t   BUFMGR_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   BUFMGR_MODE_ATTN_ENABLE = 0x00000004;
inline constexpr uint32_t   BUFMGR_MODE_BM_TEST = 0x00000008;
inline constexpr uint32_t   BUFMGR_MODE_MBLOW_ATTN_ENAB = 0x00000010;
inline constexpr uint32_t   BUFMGR_MODE_NO_TX_UNDERRUN = 0x80000000; /* 5719 */
inline constexpr uint32_t BUFMGR_STATUS = 0x00004404;
inline constexpr uint32_t   BUFMGR_STATUS_ERROR = 0x00000004;
inline constexpr uint32_t   BUFMGR_STATUS_MBLOW = 0x00000010;
inline constexpr uint32_t BUFMGR_MB_POOL_ADDR = 0x00004408; /* not written on 5750_PLUS */
inline constexpr uint32_t BUFMGR_MB_POOL_SIZE = 0x0000440C; /* not written on 5750_PLUS */
inline constexpr uint32_t BUFMGR_MB_RDMA_LOW_WATER = 0x00004410;
inline constexpr uint32_t   DEFAULT_MB_RDMA_LOW_WATER_5705 = 0x00000000;
inline constexpr uint32_t BUFMGR_MB_MACRX_LOW_WATER = 0x00004414;
inline constexpr uint32_t   DEFAULT_MB_MACRX_LOW_WATER_5705 = 0x00000010;
inline constexpr uint32_t   DEFAULT_MB_MACRX_LOW_WATER_57765 = 0x0000002A;
inline constexpr uint32_t   DEFAULT_MB_MACRX_LOW_WATER_JUMBO_57765 = 0x0000007E;
inline constexpr uint32_t BUFMGR_MB_HIGH_WATER = 0x00004418;
inline constexpr uint32_t   DEFAULT_MB_HIGH_WATER_5705 = 0x00000060;
inline constexpr uint32_t   DEFAULT_MB_HIGH_WATER_57765 = 0x000000A0;
inline constexpr uint32_t   DEFAULT_MB_HIGH_WATER_JUMBO_57765 = 0x000000EA;
inline constexpr uint32_t BUFMGR_DMA_DESC_POOL_ADDR = 0x0000442C;
inline constexpr uint32_t BUFMGR_DMA_DESC_POOL_SIZE = 0x00004430;
inline constexpr uint32_t BUFMGR_DMA_LOW_WATER = 0x00004434;
inline constexpr uint32_t   DEFAULT_DMA_LOW_WATER = 0x00000005;
inline constexpr uint32_t BUFMGR_DMA_HIGH_WATER = 0x00004438;
inline constexpr uint32_t   DEFAULT_DMA_HIGH_WATER = 0x0000000A;

/* ---------------------------------------------------------------------------
 * Read DMA, 0x4800 (ref §5.9; Thundergate `rdma`, `nrdma` at 0x4900)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t RDMAC_MODE = 0x00004800;
inline constexpr uint32_t   RDMAC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RDMAC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RDMAC_MODE_TGTABORT_ENAB = 0x00000004;
inline constexpr uint32_t   RDMAC_MODE_MSTABORT_ENAB = 0x00000008;
inline constexpr uint32_t   RDMAC_MODE_PARITYERR_ENAB = 0x00000010;
inline constexpr uint32_t   RDMAC_MODE_ADDROFLOW_ENAB = 0x00000020;
inline constexpr uint32_t   RDMAC_MODE_FIFOOFLOW_ENAB = 0x00000040;
inline constexpr uint32_t   RDMAC_MODE_FIFOURUN_ENAB = 0x00000080;
inline constexpr uint32_t   RDMAC_MODE_FIFOOREAD_ENAB = 0x00000100;
inline constexpr uint32_t   RDMAC_MODE_LNGREAD_ENAB = 0x00000200;
inline constexpr uint32_t   RDMAC_MODE_SPLIT_ENABLE = 0x00000800;   /* = BD_SBD_CRPT_ENAB */
inline constexpr uint32_t   RDMAC_MODE_BD_SBD_CRPT_ENAB = 0x00000800;
inline constexpr uint32_t   RDMAC_MODE_SPLIT_RESET = 0x00001000;    /* = MBUF_RBD_CRPT_ENAB */
inline constexpr uint32_t   RDMAC_MODE_MBUF_RBD_CRPT_ENAB = 0x00001000;
inline constexpr uint32_t   RDMAC_MODE_MBUF_SBD_CRPT_ENAB = 0x00002000;
inline constexpr uint32_t   RDMAC_MODE_FIFO_SIZE_128 = 0x00020000;
inline constexpr uint32_t   RDMAC_MODE_FIFO_LONG_BURST = 0x00030000; /* all PCIe chips */
inline constexpr uint32_t   RDMAC_MODE_JMB_2K_MMRR = 0x00800000;     /* 57766, MTU <= 1500 */
inline constexpr uint32_t   RDMAC_MODE_MULT_DMA_RD_DIS = 0x01000000; /* 5717 */
inline constexpr uint32_t   RDMAC_MODE_IPV4_LSO_EN = 0x08000000;
inline constexpr uint32_t   RDMAC_MODE_IPV6_LSO_EN = 0x10000000;     /* 57765_PLUS */
inline constexpr uint32_t   RDMAC_MODE_H2BNC_VLAN_DET = 0x20000000;  /* 5720/5762: preserve */
/* The attention enables tg3_reset_hw sets in both DMA mode registers. */
inline constexpr uint32_t   TG3_RDMAC_MODE_ATTN_ENABLES = RDMAC_MODE_TGTABORT_ENAB |
	RDMAC_MODE_MSTABORT_ENAB | RDMAC_MODE_PARITYERR_ENAB | RDMAC_MODE_ADDROFLOW_ENAB |
	RDMAC_MODE_FIFOOFLOW_ENAB | RDMAC_MODE_FIFOURUN_ENAB | RDMAC_MODE_FIFOOREAD_ENAB |
	RDMAC_MODE_LNGREAD_ENAB;
inline constexpr uint32_t RDMAC_STATUS = 0x00004804;
inline constexpr uint32_t   RDMAC_STATUS_TGTABORT = 0x00000004;
inline constexpr uint32_t   RDMAC_STATUS_MSTABORT = 0x00000008;
inline constexpr uint32_t   RDMAC_STATUS_PARITYERR = 0x00000010;
inline constexpr uint32_t   RDMAC_STATUS_ADDROFLOW = 0x00000020;
inline constexpr uint32_t   RDMAC_STATUS_FIFOOFLOW = 0x00000040;
inline constexpr uint32_t   RDMAC_STATUS_FIFOURUN = 0x00000080;
inline constexpr uint32_t   RDMAC_STATUS_FIFOOREAD = 0x00000100;
inline constexpr uint32_t   RDMAC_STATUS_LNGREAD = 0x00000200;

/* Read-DMA reserve control: 0x4900, or 0x4890 (REG2) on 5762. */
inline constexpr uint32_t TG3_RDMA_RSRVCTRL_REG2 = 0x00004890;
inline constexpr uint32_t TG3_LSO_RD_DMA_CRPTEN_CTRL2 = 0x000048A0; /* 5762 */
inline constexpr uint32_t TG3_RDMA_RSRVCTRL_REG = 0x00004900;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_FIFO_OFLW_FIX = 0x00000004;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_FIFO_LWM_1_5K = 0x00000C00;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_FIFO_LWM_MASK = 0x00000FF0;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_FIFO_HWM_1_5K = 0x000C0000;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_FIFO_HWM_MASK = 0x000FF000;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_TXMRGN_320B = 0x28000000;
inline constexpr uint32_t   TG3_RDMA_RSRVCTRL_TXMRGN_MASK = 0xFFE00000;
/* LSO read-DMA corruption-enable control: 0x4910, or 0x48A0 (CTRL2) on 5762. */
inline constexpr uint32_t TG3_LSO_RD_DMA_CRPTEN_CTRL = 0x00004910;
inline constexpr uint32_t   TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_BD_4K = 0x00030000;
inline constexpr uint32_t   TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_LSO_4K = 0x000C0000;
inline constexpr uint32_t   TG3_LSO_RD_DMA_TX_LENGTH_WA_5719 = 0x02000000;
inline constexpr uint32_t   TG3_LSO_RD_DMA_TX_LENGTH_WA_5720 = 0x00200000;
/* Per-channel TX length (5719/5720 workaround, ref §15). */
inline constexpr uint32_t TG3_RDMA_LENGTH = 0x00004BE0;
inline constexpr unsigned TG3_NUM_RDMA_CHANNELS = 4;
constexpr uint32_t TG3_RDMA_LENGTH_N(unsigned ch)
{
	detail::check_index(ch, TG3_NUM_RDMA_CHANNELS);
	return TG3_RDMA_LENGTH + 4 * ch;
}

/* ---------------------------------------------------------------------------
 * Write DMA, 0x4C00 (ref §5.9; Thundergate `wdma`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t WDMAC_MODE = 0x00004C00;
inline constexpr uint32_t   WDMAC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   WDMAC_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   WDMAC_MODE_TGTABORT_ENAB = 0x00000004;
inline constexpr uint32_t   WDMAC_MODE_MSTABORT_ENAB = 0x00000008;
inline constexpr uint32_t   WDMAC_MODE_PARITYERR_ENAB = 0x00000010;
inline constexpr uint32_t   WDMAC_MODE_ADDROFLOW_ENAB = 0x00000020;
inline constexpr uint32_t   WDMAC_MODE_FIFOOFLOW_ENAB = 0x00000040;
inline constexpr uint32_t   WDMAC_MODE_FIFOURUN_ENAB = 0x00000080;
inline constexpr uint32_t   WDMAC_MODE_FIFOOREAD_ENAB = 0x00000100;
inline constexpr uint32_t   WDMAC_MODE_LNGREAD_ENAB = 0x00000200;
inline constexpr uint32_t   WDMAC_MODE_RX_ACCEL = 0x00000400;
inline constexpr uint32_t   WDMAC_MODE_STATUS_TAG_FIX = 0x20000000; /* 5755_PLUS */
inline constexpr uint32_t   WDMAC_MODE_BURST_ALL_DATA = 0xC0000000; /* 5785 */
inline constexpr uint32_t   TG3_WDMAC_MODE_ATTN_ENABLES = WDMAC_MODE_TGTABORT_ENAB |
	WDMAC_MODE_MSTABORT_ENAB | WDMAC_MODE_PARITYERR_ENAB | WDMAC_MODE_ADDROFLOW_ENAB |
	WDMAC_MODE_FIFOOFLOW_ENAB | WDMAC_MODE_FIFOURUN_ENAB | WDMAC_MODE_FIFOOREAD_ENAB |
	WDMAC_MODE_LNGREAD_ENAB;
inline constexpr uint32_t WDMAC_STATUS = 0x00004C04;
inline constexpr uint32_t   WDMAC_STATUS_TGTABORT = 0x00000004;
inline constexpr uint32_t   WDMAC_STATUS_MSTABORT = 0x00000008;
inline constexpr uint32_t   WDMAC_STATUS_PARITYERR = 0x00000010;
inline constexpr uint32_t   WDMAC_STATUS_ADDROFLOW = 0x00000020;
inline constexpr uint32_t   WDMAC_STATUS_FIFOOFLOW = 0x00000040;
inline constexpr uint32_t   WDMAC_STATUS_FIFOURUN = 0x00000080;
inline constexpr uint32_t   WDMAC_STATUS_FIFOOREAD = 0x00000100;
inline constexpr uint32_t   WDMAC_STATUS_LNGREAD = 0x00000200;

} // namespace tg57xx::hw

#endif
