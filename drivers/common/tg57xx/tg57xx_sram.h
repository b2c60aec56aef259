/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NIC-internal SRAM map and the firmware handshake (ref §6), RCB layout and
 * MAXLEN_FLAGS encoding (ref §7), ring-size limits (ref §1.3, §7.2).
 * Hardware description only: no DPDK, no OS. Included by tg57xx_regs.h.
 *
 * SRAM addresses are NIC-internal. Reach them through the 32 KiB window at
 * BAR0 + NIC_SRAM_WIN_BASE after writing (addr & ~(NIC_SRAM_WIN_SIZE - 1)) to
 * TG3PCI_MEM_WIN_BASE_ADDR, or through TG3PCI_MEM_WIN_DATA (ref §2.1). The
 * memory arbiter (MEMARB_MODE_ENABLE) must be on.
 */
#ifndef TG57XX_BASE_SRAM_H
#define TG57XX_BASE_SRAM_H

#include <cstdint>

#include "tg57xx_field.h"

namespace tg57xx::hw {

inline constexpr uint32_t NIC_SRAM_WIN_BASE = 0x00008000;  /* BAR0 offset of the window */
inline constexpr uint32_t NIC_SRAM_WIN_SIZE = 0x00008000;  /* 32 KiB (FreeBSD BGE_MEMWIN) */
constexpr uint32_t nic_sram_win_base(uint32_t sram_addr) { return sram_addr & ~(NIC_SRAM_WIN_SIZE - 1); }
constexpr uint32_t nic_sram_win_offset(uint32_t sram_addr)
{
	return NIC_SRAM_WIN_BASE + (sram_addr & (NIC_SRAM_WIN_SIZE - 1));
}

/* ---------------------------------------------------------------------------
 * Fixed SRAM locations (ref §6.1; tg3.h NIC_SRAM_*)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t NIC_SRAM_PAGE_ZERO = 0x00000000;
inline constexpr uint32_t NIC_SRAM_SEND_RCB = 0x00000100;    /* send RCBs, 16 B each */
inline constexpr uint32_t NIC_SRAM_RCV_RET_RCB = 0x00000200; /* return RCBs, 16 B each */
inline constexpr uint32_t NIC_SRAM_STATS_BLK = 0x00000300;   /* pre-5705 statistics block */
inline constexpr uint32_t NIC_SRAM_STATUS_BLK = 0x00000B00;  /* pre-5705 status block */

inline constexpr uint32_t NIC_SRAM_FIRMWARE_MBOX = 0x00000B50; /* handshake word */
inline constexpr uint32_t   NIC_SRAM_FIRMWARE_MBOX_MAGIC1 = 0x4B657654; /* "KevT" */
inline constexpr uint32_t   NIC_SRAM_FIRMWARE_MBOX_MAGIC2 = 0x4861764B; /* 5700 only */
/* What boot code writes back when done (tg3.c tg3_poll_fw; ref §6.2). */
inline constexpr uint32_t   NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT = ~NIC_SRAM_FIRMWARE_MBOX_MAGIC1;
static_assert(NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT == 0xB49A89AB, "ref §6.2");

inline constexpr uint32_t NIC_SRAM_DATA_SIG = 0x00000B54;
inline constexpr uint32_t   NIC_SRAM_DATA_SIG_MAGIC = 0x4B657654;
inline constexpr uint32_t NIC_SRAM_DATA_CFG = 0x00000B58;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_LED_MODE_MASK = 0x0000000C;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_LED_MODE_MAC = 0x00000000;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_LED_MODE_PHY_1 = 0x00000004;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_LED_MODE_PHY_2 = 0x00000008;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_PHY_TYPE_MASK = 0x00000030;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_PHY_TYPE_UNKNOWN = 0x00000000;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_PHY_TYPE_COPPER = 0x00000010;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_PHY_TYPE_FIBER = 0x00000020;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_WOL_ENABLE = 0x00000040;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_ASF_ENABLE = 0x00000080;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_EEPROM_WP = 0x00000100;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_MINI_PCI = 0x00001000;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_FIBER_WOL = 0x00004000;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_NO_GPIO2 = 0x00100000;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_APE_ENABLE = 0x00200000;
inline constexpr uint32_t NIC_SRAM_DATA_VER = 0x00000B5C;
inline constexpr uint32_t   NIC_SRAM_DATA_VER_SHIFT = 16;
/* PHYSID1 << 16 | PHYSID2 (tg3 re-packs it, see tg3_phy_id_pack). */
inline constexpr uint32_t NIC_SRAM_DATA_PHY_ID = 0x00000B74;
inline constexpr uint32_t   NIC_SRAM_DATA_PHY_ID1_MASK = 0xFFFF0000;
inline constexpr uint32_t   NIC_SRAM_DATA_PHY_ID2_MASK = 0x0000FFFF;

/* Driver -> ASF firmware commands; then raise GRC_RX_CPU_DRIVER_EVENT. */
inline constexpr uint32_t NIC_SRAM_FW_CMD_MBOX = 0x00000B78;
inline constexpr uint32_t   FWCMD_NICDRV_ALIVE = 0x00000001;
inline constexpr uint32_t   FWCMD_NICDRV_PAUSE_FW = 0x00000002;
inline constexpr uint32_t   FWCMD_NICDRV_IPV4ADDR_CHG = 0x00000003;
inline constexpr uint32_t   FWCMD_NICDRV_IPV6ADDR_CHG = 0x00000004;
inline constexpr uint32_t   FWCMD_NICDRV_FIX_DMAR = 0x00000005;
inline constexpr uint32_t   FWCMD_NICDRV_FIX_DMAW = 0x00000006;
inline constexpr uint32_t   FWCMD_NICDRV_LINK_UPDATE = 0x0000000C;
inline constexpr uint32_t   FWCMD_NICDRV_ALIVE2 = 0x0000000D;
inline constexpr uint32_t   FWCMD_NICDRV_ALIVE3 = 0x0000000E;
inline constexpr uint32_t NIC_SRAM_FW_CMD_LEN_MBOX = 0x00000B7C;
inline constexpr uint32_t NIC_SRAM_FW_CMD_DATA_MBOX = 0x00000B80;
/* tg3.c tg3_send_asf_heartbeat (tg3_timer): FWCMD_NICDRV_ALIVE3 with one data
 * word (length 4 bytes), the seconds the firmware may wait for the next one
 * (TG3_FW_UPDATE_TIMEOUT_SEC), sent every TG3_FW_UPDATE_FREQ_SEC (timeout / 2). */
inline constexpr uint32_t   FWCMD_ALIVE3_LEN = 4;
inline constexpr uint32_t   TG3_FW_UPDATE_TIMEOUT_SEC = 5;
inline constexpr uint32_t   TG3_FW_UPDATE_FREQ_SEC = TG3_FW_UPDATE_TIMEOUT_SEC / 2;
inline constexpr uint32_t NIC_SRAM_FW_ASF_STATUS_MBOX = 0x00000C00;
inline constexpr uint32_t NIC_SRAM_FW_DRV_STATE_MBOX = 0x00000C04;
inline constexpr uint32_t   DRV_STATE_START = 0x00000001;
inline constexpr uint32_t   DRV_STATE_START_DONE = 0x80000001;
inline constexpr uint32_t   DRV_STATE_UNLOAD = 0x00000002;
inline constexpr uint32_t   DRV_STATE_UNLOAD_DONE = 0x80000002;
inline constexpr uint32_t   DRV_STATE_WOL = 0x00000003;
inline constexpr uint32_t   DRV_STATE_SUSPEND = 0x00000004;
inline constexpr uint32_t NIC_SRAM_FW_RESET_TYPE_MBOX = 0x00000C08;
/* tg3.c reset kinds (tg3_write_sig_pre_reset / _post_reset). */
inline constexpr uint32_t   RESET_KIND_SHUTDOWN = 0;
inline constexpr uint32_t   RESET_KIND_INIT = 1;
inline constexpr uint32_t   RESET_KIND_SUSPEND = 2;

/* Boot-code MAC address: valid if (high >> 16) == TG3_SRAM_MAC_ADDR_SIG;
 * bytes unpack like MAC_ADDR_0_HIGH/LOW (mac_addr_unpack). */
inline constexpr uint32_t NIC_SRAM_MAC_ADDR_HIGH_MBOX = 0x00000C14;
inline constexpr uint32_t NIC_SRAM_MAC_ADDR_LOW_MBOX = 0x00000C18;
inline constexpr uint32_t   TG3_SRAM_MAC_ADDR_SIG = 0x0000484B; /* "HK" */
constexpr bool tg3_sram_mac_addr_valid(uint32_t high_mbox)
{
	return (high_mbox >> 16) == TG3_SRAM_MAC_ADDR_SIG;
}

inline constexpr uint32_t NIC_SRAM_WOL_MBOX = 0x00000D30;
inline constexpr uint32_t   WOL_SIGNATURE = 0x474C0000;
inline constexpr uint32_t NIC_SRAM_DATA_CFG_2 = 0x00000D38;
inline constexpr uint32_t   NIC_SRAM_DATA_CFG_2_APD_EN = 0x00004000; /* older tg3.h: 0x400 */
inline constexpr uint32_t NIC_SRAM_DATA_CFG_3 = 0x00000D3C;
inline constexpr uint32_t   NIC_SRAM_ASPM_DEBOUNCE = 0x00000002;
inline constexpr uint32_t   NIC_SRAM_LNK_FLAP_AVOID = 0x00400000;
inline constexpr uint32_t   NIC_SRAM_1G_ON_VAUX_OK = 0x00800000;
inline constexpr uint32_t NIC_SRAM_DATA_CFG_4 = 0x00000D60;
inline constexpr uint32_t   NIC_SRAM_GMII_MODE = 0x00000002;
inline constexpr uint32_t   NIC_SRAM_RGMII_INBAND_DISABLE = 0x00000004;
inline constexpr uint32_t   NIC_SRAM_RGMII_EXT_IBND_RX_EN = 0x00000008;
inline constexpr uint32_t   NIC_SRAM_RGMII_EXT_IBND_TX_EN = 0x00000010;
inline constexpr uint32_t NIC_SRAM_CPMU_STATUS = 0x00000E00; /* copy of TG3_CPMU_STATUS */
inline constexpr uint32_t   NIC_SRAM_CPMUSTAT_SIG = 0x0000362C;
inline constexpr uint32_t   NIC_SRAM_CPMUSTAT_SIG_MSK = 0x0000FFFF;
inline constexpr uint32_t NIC_SRAM_DATA_CFG_5 = 0x00000E0C;
inline constexpr uint32_t   NIC_SRAM_DISABLE_1G_HALF_ADV = 0x00000002;

inline constexpr uint32_t NIC_SRAM_RX_MINI_BUFFER_DESC = 0x00001000;
inline constexpr uint32_t NIC_SRAM_DMA_DESC_POOL_BASE = 0x00002000;
inline constexpr uint32_t NIC_SRAM_DMA_DESC_POOL_SIZE = 0x00002000;
inline constexpr uint32_t NIC_SRAM_TX_BUFFER_DESC = 0x00004000;       /* send RCB NIC addr */
inline constexpr uint32_t NIC_SRAM_RX_BUFFER_DESC = 0x00006000;       /* std RCB NIC addr */
inline constexpr uint32_t NIC_SRAM_RX_JUMBO_BUFFER_DESC = 0x00007000; /* jumbo RCB NIC addr */
inline constexpr uint32_t NIC_SRAM_MBUF_POOL_BASE = 0x00008000;
inline constexpr uint32_t NIC_SRAM_MBUF_POOL_SIZE96 = 0x00018000;
inline constexpr uint32_t NIC_SRAM_MBUF_POOL_SIZE64 = 0x00010000;
inline constexpr uint32_t NIC_SRAM_MBUF_POOL_BASE5705 = 0x00010000;
inline constexpr uint32_t NIC_SRAM_MBUF_POOL_SIZE5705 = 0x0000E000;
/* FreeBSD NIC addresses for the 5717/5719/5720 producer RCBs (tg3 leaves the
 * std ring's NIC address alone there, ref §7.3). */
inline constexpr uint32_t BGE_STD_RX_RINGS_5717 = 0x00040000;
inline constexpr uint32_t BGE_JUMBO_RX_RINGS_5717 = 0x00044400;
inline constexpr uint32_t BGE_SEND_RING_5717 = 0x00004000;
/* 57766 RX-CPU scratch for the EEE patch firmware. */
inline constexpr uint32_t TG3_SRAM_RXCPU_SCRATCH_BASE_57766 = 0x00030000;
inline constexpr uint32_t TG3_SRAM_RXCPU_SCRATCH_SIZE_57766 = 0x00010000;
inline constexpr uint32_t TG3_57766_FW_BASE_ADDR = 0x00030000;
inline constexpr uint32_t TG3_57766_FW_HANDSHAKE = 0x0003FCCC;
inline constexpr uint32_t   TG3_SBROM_IN_SERVICE_LOOP = 0x00000051;
/* Thundergate's 57762 SRAM layout (py/device.py tg3_mem). */
inline constexpr uint32_t TG_SRAM_TXMBUF0 = 0x00008000; /* 22 KiB */
inline constexpr uint32_t TG_SRAM_TXMBUF1 = 0x0000D800; /* 8 KiB */
inline constexpr uint32_t TG_SRAM_RXMBUF = 0x00010000;  /* 40 KiB */

/* ---------------------------------------------------------------------------
 * Ring control blocks ("BDINFO", ref §7.1): 16 bytes, in registers for the
 * producer rings (RCVDBDI_*_BD) and in SRAM for send and return rings.
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t TG3_BDINFO_HOST_ADDR = 0x00000000; /* 64-bit: hi at +0, lo at +4 */
inline constexpr uint32_t TG3_BDINFO_MAXLEN_FLAGS = 0x00000008;
inline constexpr uint32_t   BDINFO_FLAGS_USE_EXT_RECV = 0x00000001; /* 64-byte BDs */
inline constexpr uint32_t   BDINFO_FLAGS_DISABLED = 0x00000002;
inline constexpr uint32_t   BDINFO_FLAGS_MAXLEN_MASK = 0xFFFF0000; /* entries or max length */
inline constexpr uint32_t   BDINFO_FLAGS_MAXLEN_SHIFT = 16;
/* 57765_PLUS standard ring: max RX buffer length in bits 15:2 (FreeBSD "Bits
 * 15-2: Maximum RX frame size"; Thundergate max_frame_len[15:2]; ref §7.2). */
inline constexpr uint32_t   BDINFO_FLAGS_STD_MAX_FRAME_MASK = 0x0000FFFC;
inline constexpr uint32_t TG3_BDINFO_NIC_ADDR = 0x0000000C;
inline constexpr uint32_t TG3_BDINFO_SIZE = 0x00000010;

/* Send RCB slots fill 0x100-0x1FF. tg3 disables 17 return RCBs on 5717_PLUS
 * (FreeBSD 16, "should be 17"), so the 17th sits at 0x300, over the unused
 * pre-5705 statistics block (ref §1.3, §16.8). */
inline constexpr unsigned TG3_NUM_SEND_RCB_SLOTS = 16;
inline constexpr unsigned TG3_NUM_RET_RCB_SLOTS = 17; /* tg3 disables 17 on 5717_PLUS */
constexpr uint32_t NIC_SRAM_SEND_RCB_N(unsigned n)
{
	detail::check_index(n, TG3_NUM_SEND_RCB_SLOTS);
	return NIC_SRAM_SEND_RCB + TG3_BDINFO_SIZE * n;
}
constexpr uint32_t NIC_SRAM_RCV_RET_RCB_N(unsigned n)
{
	detail::check_index(n, TG3_NUM_RET_RCB_SLOTS);
	return NIC_SRAM_RCV_RET_RCB + TG3_BDINFO_SIZE * n;
}

/* Ring sizes (entries) tg3 uses, ref §1.3, §7.2. */
inline constexpr uint32_t TG3_RX_STD_MAX_SIZE_5700 = 512;
inline constexpr uint32_t TG3_RX_STD_MAX_SIZE_5717 = 2048;
inline constexpr uint32_t TG3_RX_JMB_MAX_SIZE_5700 = 256;
inline constexpr uint32_t TG3_RX_JMB_MAX_SIZE_5717 = 1024;
inline constexpr uint32_t TG3_RX_RET_MAX_SIZE_5700 = 1024;
inline constexpr uint32_t TG3_RX_RET_MAX_SIZE_5705 = 512;
inline constexpr uint32_t TG3_RX_RET_MAX_SIZE_5717 = 4096;
inline constexpr uint32_t TG3_TX_RING_SIZE = 512;
inline constexpr uint32_t TG3_DEF_RX_RING_PENDING = 200;
inline constexpr uint32_t TG3_DEF_RX_JUMBO_RING_PENDING = 100;
/* On-chip BD cache sizes behind the replenish thresholds (ref §5.4). */
inline constexpr uint32_t TG3_SRAM_RX_STD_BDCACHE_SIZE_5700 = 128; /* 57765_PLUS */
inline constexpr uint32_t TG3_SRAM_RX_STD_BDCACHE_SIZE_5755 = 64;
inline constexpr uint32_t TG3_SRAM_RX_STD_BDCACHE_SIZE_5906 = 32;  /* 5761 */
inline constexpr uint32_t TG3_SRAM_RX_JMB_BDCACHE_SIZE_5700 = 64;
inline constexpr uint32_t TG3_SRAM_RX_JMB_BDCACHE_SIZE_5717 = 16;

} // namespace tg57xx::hw

#endif
