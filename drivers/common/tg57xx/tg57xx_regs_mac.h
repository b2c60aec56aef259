/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ethernet MAC (0x0400, ref §5.1), RSS (0x0600, ref §10.6) and MAC statistics
 * (0x0800, ref §5.2). Part of tg57xx_regs.h: include that.
 */
#ifndef TG57XX_BASE_REGS_MAC_H
#define TG57XX_BASE_REGS_MAC_H

#include <cstdint>
#include <span>

#include "tg57xx_field.h"

namespace tg57xx::hw {

/* ---------------------------------------------------------------------------
 * MAC, 0x0400-0x05FF (ref §5.1; tg3.h MAC_*; Thundergate `emac`)
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t MAC_MODE = 0x00000400;
inline constexpr uint32_t   MAC_MODE_RESET = 0x00000001;
inline constexpr uint32_t   MAC_MODE_HALF_DUPLEX = 0x00000002;
inline constexpr uint32_t   MAC_MODE_PORT_MODE_MASK = 0x0000000C;
inline constexpr uint32_t   MAC_MODE_PORT_MODE_TBI = 0x0000000C;
inline constexpr uint32_t   MAC_MODE_PORT_MODE_GMII = 0x00000008; /* 1000 */
inline constexpr uint32_t   MAC_MODE_PORT_MODE_MII = 0x00000004;  /* 10/100 */
inline constexpr uint32_t   MAC_MODE_PORT_MODE_NONE = 0x00000000;
inline constexpr uint32_t   MAC_MODE_PORT_INT_LPBACK = 0x00000010;
inline constexpr uint32_t   MAC_MODE_TAGGED_MAC_CTRL = 0x00000080;
inline constexpr uint32_t   MAC_MODE_TX_BURSTING = 0x00000100;
inline constexpr uint32_t   MAC_MODE_MAX_DEFER = 0x00000200;
inline constexpr uint32_t   MAC_MODE_RXSTAT_ENABLE = 0x00000800;
inline constexpr uint32_t   MAC_MODE_RXSTAT_CLEAR = 0x00001000; /* self-clearing */
inline constexpr uint32_t   MAC_MODE_RXSTAT_FLUSH = 0x00002000;
inline constexpr uint32_t   MAC_MODE_TXSTAT_ENABLE = 0x00004000;
inline constexpr uint32_t   MAC_MODE_TXSTAT_CLEAR = 0x00008000; /* self-clearing */
inline constexpr uint32_t   MAC_MODE_TXSTAT_FLUSH = 0x00010000;
inline constexpr uint32_t   MAC_MODE_TDE_ENABLE = 0x00200000;
inline constexpr uint32_t   MAC_MODE_RDE_ENABLE = 0x00400000;
inline constexpr uint32_t   MAC_MODE_FHDE_ENABLE = 0x00800000;
inline constexpr uint32_t   MAC_MODE_APE_RX_EN = 0x08000000;
inline constexpr uint32_t   MAC_MODE_APE_TX_EN = 0x10000000;

inline constexpr uint32_t MAC_STATUS = 0x00000404; /* change bits are write-1-to-clear */
inline constexpr uint32_t   MAC_STATUS_PCS_SYNCED = 0x00000001;
inline constexpr uint32_t   MAC_STATUS_SIGNAL_DET = 0x00000002;
inline constexpr uint32_t   MAC_STATUS_RCVD_CFG = 0x00000004;
inline constexpr uint32_t   MAC_STATUS_CFG_CHANGED = 0x00000008;
inline constexpr uint32_t   MAC_STATUS_SYNC_CHANGED = 0x00000010;
inline constexpr uint32_t   MAC_STATUS_PORT_DEC_ERR = 0x00000400;
inline constexpr uint32_t   MAC_STATUS_LNKSTATE_CHANGED = 0x00001000;
inline constexpr uint32_t   MAC_STATUS_MI_COMPLETION = 0x00400000;
inline constexpr uint32_t   MAC_STATUS_MI_INTERRUPT = 0x00800000;
inline constexpr uint32_t   MAC_STATUS_AP_ERROR = 0x01000000;
inline constexpr uint32_t   MAC_STATUS_ODI_ERROR = 0x02000000;
inline constexpr uint32_t   MAC_STATUS_RXSTAT_OVERRUN = 0x04000000;
inline constexpr uint32_t   MAC_STATUS_TXSTAT_OVERRUN = 0x08000000;
/* What tg3_clear_mac_status writes back to clear the change bits. */
inline constexpr uint32_t   TG3_MAC_STATUS_CHANGE_BITS = MAC_STATUS_SYNC_CHANGED |
	MAC_STATUS_CFG_CHANGED | MAC_STATUS_MI_COMPLETION | MAC_STATUS_LNKSTATE_CHANGED;

inline constexpr uint32_t MAC_EVENT = 0x00000408; /* MAC attention enables */
inline constexpr uint32_t   MAC_EVENT_PORT_DECODE_ERR = 0x00000400;
inline constexpr uint32_t   MAC_EVENT_LNKSTATE_CHANGED = 0x00001000;
inline constexpr uint32_t   MAC_EVENT_MI_COMPLETION = 0x00400000;
inline constexpr uint32_t   MAC_EVENT_MI_INTERRUPT = 0x00800000;
inline constexpr uint32_t   MAC_EVENT_AP_ERROR = 0x01000000;
inline constexpr uint32_t   MAC_EVENT_ODI_ERROR = 0x02000000;
inline constexpr uint32_t   MAC_EVENT_RXSTAT_OVERRUN = 0x04000000;
inline constexpr uint32_t   MAC_EVENT_TXSTAT_OVERRUN = 0x08000000;

inline constexpr uint32_t MAC_LED_CTRL = 0x0000040C;
inline constexpr uint32_t   LED_CTRL_LNKLED_OVERRIDE = 0x00000001;
inline constexpr uint32_t   LED_CTRL_1000MBPS_ON = 0x00000002;
inline constexpr uint32_t   LED_CTRL_100MBPS_ON = 0x00000004;
inline constexpr uint32_t   LED_CTRL_10MBPS_ON = 0x00000008;
inline constexpr uint32_t   LED_CTRL_TRAFFIC_OVERRIDE = 0x00000010;
inline constexpr uint32_t   LED_CTRL_TRAFFIC_BLINK = 0x00000020;
inline constexpr uint32_t   LED_CTRL_TRAFFIC_LED = 0x00000040;
inline constexpr uint32_t   LED_CTRL_MODE_MAC = 0x00000000;
inline constexpr uint32_t   LED_CTRL_MODE_PHY_1 = 0x00000800; /* tg3 and Thundergate default */
inline constexpr uint32_t   LED_CTRL_MODE_PHY_2 = 0x00001000;

/*
 * Unicast perfect-match slots: HIGH = addr[0..1], LOW = addr[2..5] (tg3.c
 * __tg3_set_one_mac_addr). FreeBSD names 0x0410 BGE_MAC_ADDR1_LO: the LO/HI
 * naming is inverted there (ref §16.14).
 */
inline constexpr unsigned TG3_NUM_MAC_ADDR = 4; /* ref §5.1 */
inline constexpr uint32_t MAC_ADDR_0_HIGH = 0x00000410;
inline constexpr uint32_t MAC_ADDR_0_LOW = 0x00000414;
inline constexpr uint32_t MAC_ADDR_1_HIGH = 0x00000418;
inline constexpr uint32_t MAC_ADDR_1_LOW = 0x0000041C;
inline constexpr uint32_t MAC_ADDR_2_HIGH = 0x00000420;
inline constexpr uint32_t MAC_ADDR_2_LOW = 0x00000424;
inline constexpr uint32_t MAC_ADDR_3_HIGH = 0x00000428;
inline constexpr uint32_t MAC_ADDR_3_LOW = 0x0000042C;
inline constexpr uint32_t MAC_ADDR_STRIDE = 0x00000008;
constexpr uint32_t MAC_ADDR_HIGH(unsigned n)
{
	detail::check_index(n, TG3_NUM_MAC_ADDR);
	return MAC_ADDR_0_HIGH + MAC_ADDR_STRIDE * n;
}
constexpr uint32_t MAC_ADDR_LOW(unsigned n)
{
	detail::check_index(n, TG3_NUM_MAC_ADDR);
	return MAC_ADDR_0_LOW + MAC_ADDR_STRIDE * n;
}

inline constexpr uint32_t MAC_TX_BACKOFF_SEED = 0x00000438;
inline constexpr uint32_t   TX_BACKOFF_SEED_MASK = 0x000003FF;

inline constexpr uint32_t MAC_RX_MTU_SIZE = 0x0000043C;
inline constexpr uint32_t   RX_MTU_SIZE_MASK = 0x0000FFFF;
/* tg3 writes MTU + ETH_HLEN (14) + ETH_FCS_LEN (4) + VLAN_HLEN (4) (ref §5.1). */
inline constexpr uint32_t   TG3_RX_MTU_OVERHEAD = 14 + 4 + 4;

/* MDIO (ref §5.1, §11). */
inline constexpr uint32_t MAC_MI_COM = 0x0000044C;
inline constexpr uint32_t   MI_COM_CMD_MASK = 0x0C000000;
inline constexpr uint32_t   MI_COM_CMD_WRITE = 0x04000000;
inline constexpr uint32_t   MI_COM_CMD_READ = 0x08000000;
inline constexpr uint32_t   MI_COM_READ_FAILED = 0x10000000;
inline constexpr uint32_t   MI_COM_START = 0x20000000;
inline constexpr uint32_t   MI_COM_BUSY = 0x20000000; /* cleared by hardware when done */
inline constexpr uint32_t   MI_COM_PHY_ADDR_MASK = 0x03E00000;
inline constexpr uint32_t   MI_COM_PHY_ADDR_SHIFT = 21;
inline constexpr uint32_t   MI_COM_REG_ADDR_MASK = 0x001F0000;
inline constexpr uint32_t   MI_COM_REG_ADDR_SHIFT = 16;
inline constexpr uint32_t   MI_COM_DATA_MASK = 0x0000FFFF;
/* MAC_MI_COM frames as tg3 __tg3_readphy / __tg3_writephy build them. */
constexpr uint32_t mi_com_read(uint32_t phy_addr, uint32_t reg)
{
	return field_set(MI_COM_PHY_ADDR_MASK, phy_addr) | field_set(MI_COM_REG_ADDR_MASK, reg) |
		MI_COM_CMD_READ | MI_COM_START;
}
constexpr uint32_t mi_com_write(uint32_t phy_addr, uint32_t reg, uint16_t val)
{
	return field_set(MI_COM_PHY_ADDR_MASK, phy_addr) | field_set(MI_COM_REG_ADDR_MASK, reg) |
		(val & MI_COM_DATA_MASK) | MI_COM_CMD_WRITE | MI_COM_START;
}

inline constexpr uint32_t MAC_MI_STAT = 0x00000450;
inline constexpr uint32_t   MAC_MI_STAT_LNKSTAT_ATTN_ENAB = 0x00000001;
inline constexpr uint32_t   MAC_MI_STAT_10MBPS_MODE = 0x00000002;

inline constexpr uint32_t MAC_MI_MODE = 0x00000454;
inline constexpr uint32_t   MAC_MI_MODE_CLK_10MHZ = 0x00000001;
inline constexpr uint32_t   MAC_MI_MODE_SHORT_PREAMBLE = 0x00000002;
inline constexpr uint32_t   MAC_MI_MODE_AUTO_POLL = 0x00000010;
inline constexpr uint32_t   MAC_MI_MODE_500KHZ_CONST = 0x00008000; /* CPMU chips */
inline constexpr uint32_t   MAC_MI_MODE_BASE = 0x000C0000;

inline constexpr uint32_t MAC_AUTO_POLL_STATUS = 0x00000458;
inline constexpr uint32_t   MAC_AUTO_POLL_ERROR = 0x00000001;

inline constexpr uint32_t MAC_TX_MODE = 0x0000045C;
inline constexpr uint32_t   TX_MODE_RESET = 0x00000001;
inline constexpr uint32_t   TX_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   TX_MODE_FLOW_CTRL_ENABLE = 0x00000010;
inline constexpr uint32_t   TX_MODE_BIG_BCKOFF_ENABLE = 0x00000020;
inline constexpr uint32_t   TX_MODE_LONG_PAUSE_ENABLE = 0x00000040;
inline constexpr uint32_t   TX_MODE_MBUF_LOCKUP_FIX = 0x00000100; /* 5755_PLUS */
inline constexpr uint32_t   TX_MODE_JMB_FRM_LEN = 0x00400000;     /* 5720/5762: preserve */
inline constexpr uint32_t   TX_MODE_CNT_DN_MODE = 0x00800000;     /* 5720/5762: preserve */

inline constexpr uint32_t MAC_TX_STATUS = 0x00000460;
inline constexpr uint32_t   TX_STATUS_XOFFED = 0x00000001;
inline constexpr uint32_t   TX_STATUS_SENT_XOFF = 0x00000002;
inline constexpr uint32_t   TX_STATUS_SENT_XON = 0x00000004;
inline constexpr uint32_t   TX_STATUS_LINK_UP = 0x00000008;
inline constexpr uint32_t   TX_STATUS_ODI_UNDERRUN = 0x00000010;
inline constexpr uint32_t   TX_STATUS_ODI_OVERRUN = 0x00000020;

inline constexpr uint32_t MAC_TX_LENGTHS = 0x00000464;
inline constexpr uint32_t   TX_LENGTHS_SLOT_TIME_MASK = 0x000000FF;
inline constexpr uint32_t   TX_LENGTHS_SLOT_TIME_SHIFT = 0;
inline constexpr uint32_t   TX_LENGTHS_IPG_MASK = 0x00000F00;
inline constexpr uint32_t   TX_LENGTHS_IPG_SHIFT = 8;
inline constexpr uint32_t   TX_LENGTHS_IPG_CRS_MASK = 0x00003000;
inline constexpr uint32_t   TX_LENGTHS_IPG_CRS_SHIFT = 12;
inline constexpr uint32_t   TX_LENGTHS_JMB_FRM_LEN_MSK = 0x00FF0000; /* 5720/5762: preserve */
inline constexpr uint32_t   TX_LENGTHS_CNT_DWN_VAL_MSK = 0xFF000000; /* 5720/5762: preserve */
/* Field values every driver writes (tg3.c tg3_reset_hw, FreeBSD 0x2620,
 * Thundergate; ref §5.1) and the 1000/half slot time (ref §11.6). */
inline constexpr uint32_t   TX_LENGTHS_SLOT_TIME_DEFAULT = 32;
inline constexpr uint32_t   TX_LENGTHS_SLOT_TIME_1000_HALF = 0xFF;
inline constexpr uint32_t   TX_LENGTHS_IPG_DEFAULT = 6;
inline constexpr uint32_t   TX_LENGTHS_IPG_CRS_DEFAULT = 2;
inline constexpr uint32_t   MAC_TX_LENGTHS_TG3_DEFAULT =
	field_set(TX_LENGTHS_IPG_CRS_MASK, TX_LENGTHS_IPG_CRS_DEFAULT) |
	field_set(TX_LENGTHS_IPG_MASK, TX_LENGTHS_IPG_DEFAULT) |
	field_set(TX_LENGTHS_SLOT_TIME_MASK, TX_LENGTHS_SLOT_TIME_DEFAULT);
static_assert(MAC_TX_LENGTHS_TG3_DEFAULT == 0x00002620, "ref §5.1: 0x2620");

inline constexpr uint32_t MAC_RX_MODE = 0x00000468;
inline constexpr uint32_t   RX_MODE_RESET = 0x00000001;
inline constexpr uint32_t   RX_MODE_ENABLE = 0x00000002;
inline constexpr uint32_t   RX_MODE_FLOW_CTRL_ENABLE = 0x00000004;
inline constexpr uint32_t   RX_MODE_KEEP_MAC_CTRL = 0x00000008;
inline constexpr uint32_t   RX_MODE_KEEP_PAUSE = 0x00000010;
inline constexpr uint32_t   RX_MODE_ACCEPT_OVERSIZED = 0x00000020;
inline constexpr uint32_t   RX_MODE_ACCEPT_RUNTS = 0x00000040;
inline constexpr uint32_t   RX_MODE_LEN_CHECK = 0x00000080;
inline constexpr uint32_t   RX_MODE_PROMISC = 0x00000100;
inline constexpr uint32_t   RX_MODE_NO_CRC_CHECK = 0x00000200;
inline constexpr uint32_t   RX_MODE_KEEP_VLAN_TAG = 0x00000400; /* clear = strip tag */
inline constexpr uint32_t   RX_MODE_RSS_IPV4_HASH_EN = 0x00010000;
inline constexpr uint32_t   RX_MODE_RSS_TCP_IPV4_HASH_EN = 0x00020000;
inline constexpr uint32_t   RX_MODE_RSS_IPV6_HASH_EN = 0x00040000;
inline constexpr uint32_t   RX_MODE_RSS_TCP_IPV6_HASH_EN = 0x00080000;
inline constexpr uint32_t   RX_MODE_RSS_ITBL_HASH_BITS_7 = 0x00700000;
inline constexpr uint32_t   RX_MODE_RSS_ENABLE = 0x00800000;
inline constexpr uint32_t   RX_MODE_IPV6_CSUM_ENABLE = 0x01000000; /* 5755_PLUS */
inline constexpr uint32_t   RX_MODE_IPV4_FRAG_FIX = 0x02000000;    /* 5762 */
/* The RSS bits tg3_reset_hw sets (ref §10.6). */
inline constexpr uint32_t   TG3_RX_MODE_RSS_BITS = RX_MODE_RSS_ENABLE |
	RX_MODE_RSS_ITBL_HASH_BITS_7 | RX_MODE_RSS_IPV4_HASH_EN | RX_MODE_RSS_TCP_IPV4_HASH_EN |
	RX_MODE_RSS_IPV6_HASH_EN | RX_MODE_RSS_TCP_IPV6_HASH_EN;

inline constexpr uint32_t MAC_RX_STATUS = 0x0000046C;
inline constexpr uint32_t   RX_STATUS_REMOTE_TX_XOFFED = 0x00000001;
inline constexpr uint32_t   RX_STATUS_XOFF_RCVD = 0x00000002;
inline constexpr uint32_t   RX_STATUS_XON_RCVD = 0x00000004;

/* 128-bit multicast hash filter; index computation in tg57xx_hash.h. */
inline constexpr unsigned TG3_NUM_MAC_HASH_REGS = 4;
inline constexpr uint32_t MAC_HASH_REG_0 = 0x00000470;
inline constexpr uint32_t MAC_HASH_REG_1 = 0x00000474;
inline constexpr uint32_t MAC_HASH_REG_2 = 0x00000478;
inline constexpr uint32_t MAC_HASH_REG_3 = 0x0000047C;
constexpr uint32_t MAC_HASH_REG(unsigned n)
{
	detail::check_index(n, TG3_NUM_MAC_HASH_REGS);
	return MAC_HASH_REG_0 + 4 * n;
}

/* Receive rules: 16 rule/value pairs (ref §5.1). tg3 writes rules 0/1 with
 * bit 31 cleared (disabled) and zeroes 4..7 on 5705_PLUS. */
inline constexpr unsigned TG3_NUM_RCV_RULES = 16;
inline constexpr uint32_t MAC_RCV_RULE_0 = 0x00000480;
inline constexpr uint32_t MAC_RCV_VALUE_0 = 0x00000484;
inline constexpr uint32_t MAC_RCV_RULE_STRIDE = 0x00000008;
inline constexpr uint32_t   RCV_RULE_DISABLE_MASK = 0x7FFFFFFF;
inline constexpr uint32_t   TG3_RCV_RULE_0_LITERAL = 0xC2000000; /* tg3.c tg3_reset_hw */
inline constexpr uint32_t   TG3_RCV_VALUE_0_LITERAL = 0xFFFFFFFF; /* tg3.c tg3_reset_hw */
inline constexpr uint32_t   TG3_RCV_RULE_1_LITERAL = 0x86000004; /* tg3.c tg3_reset_hw */
/* tg3_reset_hw writes MAC_RCV_VALUE_1 = 0xffffffff & RCV_RULE_DISABLE_MASK, like
 * value 0 (ref §5.1 "value1 = same" means the same as value 0, not rule 1). */
inline constexpr uint32_t   TG3_RCV_VALUE_1_LITERAL = 0xFFFFFFFF;
constexpr uint32_t MAC_RCV_RULE(unsigned n)
{
	detail::check_index(n, TG3_NUM_RCV_RULES);
	return MAC_RCV_RULE_0 + MAC_RCV_RULE_STRIDE * n;
}
constexpr uint32_t MAC_RCV_VALUE(unsigned n)
{
	detail::check_index(n, TG3_NUM_RCV_RULES);
	return MAC_RCV_VALUE_0 + MAC_RCV_RULE_STRIDE * n;
}

inline constexpr uint32_t MAC_RCV_RULE_CFG = 0x00000500;
inline constexpr uint32_t   RCV_RULE_CFG_DEFAULT_CLASS = 0x00000008;

inline constexpr uint32_t MAC_LOW_WMARK_MAX_RX_FRAME = 0x00000504;
/* tg3.c tg3_reset_hw: 1 on 57765_CLASS, else 2 (ref §5.1). */
inline constexpr uint32_t   TG3_LOW_WMARK_MAX_RX_FRAME_57765 = 1;
inline constexpr uint32_t   TG3_LOW_WMARK_MAX_RX_FRAME_DEFAULT = 2;

/* Extra perfect-match slots, n = 0..11 (ref §5.1). */
inline constexpr unsigned TG3_NUM_MAC_EXTADDR = 12;
inline constexpr uint32_t MAC_EXTADDR_0_HIGH = 0x00000530;
inline constexpr uint32_t MAC_EXTADDR_0_LOW = 0x00000534;
constexpr uint32_t MAC_EXTADDR_HIGH(unsigned n)
{
	detail::check_index(n, TG3_NUM_MAC_EXTADDR);
	return MAC_EXTADDR_0_HIGH + MAC_ADDR_STRIDE * n;
}
constexpr uint32_t MAC_EXTADDR_LOW(unsigned n)
{
	detail::check_index(n, TG3_NUM_MAC_EXTADDR);
	return MAC_EXTADDR_0_LOW + MAC_ADDR_STRIDE * n;
}

/* SerDes detection for the 5717_PLUS PHY address (ref §11.1). */
inline constexpr uint32_t SG_DIG_STATUS = 0x000005B4;
inline constexpr uint32_t   SG_DIG_IS_SERDES = 0x00000100;

/* ---------------------------------------------------------------------------
 * RSS, 0x0600 (ref §10.6; Thundergate `rss`). 128 four-bit entries, eight per
 * register, entry 8*r+k in register r bits (31-4k):(28-4k): the first entry
 * of a register is its most significant nibble.
 * ------------------------------------------------------------------------- */
inline constexpr unsigned TG3_RSS_INDIR_TBL_SIZE = 128;
inline constexpr unsigned TG3_RSS_INDIR_ENTRY_BITS = 4;
inline constexpr unsigned TG3_RSS_INDIR_PER_REG = 32 / TG3_RSS_INDIR_ENTRY_BITS;
inline constexpr unsigned TG3_NUM_RSS_INDIR_REGS = TG3_RSS_INDIR_TBL_SIZE / TG3_RSS_INDIR_PER_REG;
inline constexpr unsigned TG3_NUM_RSS_HASH_KEY_REGS = 10; /* 40-byte key */
inline constexpr uint32_t MAC_RSS_INDIR_TBL_0 = 0x00000630;
inline constexpr uint32_t MAC_RSS_HASH_KEY_0 = 0x00000670;
constexpr uint32_t MAC_RSS_INDIR_TBL(unsigned n)
{
	detail::check_index(n, TG3_NUM_RSS_INDIR_REGS);
	return MAC_RSS_INDIR_TBL_0 + 4 * n;
}
constexpr uint32_t MAC_RSS_HASH_KEY(unsigned n)
{
	detail::check_index(n, TG3_NUM_RSS_HASH_KEY_REGS);
	return MAC_RSS_HASH_KEY_0 + 4 * n;
}
/* Register and nibble of indirection-table entry `entry` (tg3_rss_write_indir_tbl). */
constexpr uint32_t rss_indir_reg(unsigned entry)
{
	return MAC_RSS_INDIR_TBL(entry / TG3_RSS_INDIR_PER_REG);
}
constexpr uint32_t rss_indir_mask(unsigned entry)
{
	const unsigned k = entry % TG3_RSS_INDIR_PER_REG;
	return 0xF0000000u >> (TG3_RSS_INDIR_ENTRY_BITS * k);
}

/* ---------------------------------------------------------------------------
 * MAC statistics, 0x0800 (ref §5.2): 32-bit counters polled by the driver on
 * 5705_PLUS (clear-on-read assumed, UNCONFIRMED).
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t MAC_TX_STATS_OCTETS = 0x00000800;
inline constexpr uint32_t MAC_TX_STATS_COLLISIONS = 0x00000808;
inline constexpr uint32_t MAC_TX_STATS_XON_SENT = 0x0000080C;
inline constexpr uint32_t MAC_TX_STATS_XOFF_SENT = 0x00000810;
inline constexpr uint32_t MAC_TX_STATS_MAC_ERRORS = 0x00000818;
inline constexpr uint32_t MAC_TX_STATS_SINGLE_COLLISIONS = 0x0000081C;
inline constexpr uint32_t MAC_TX_STATS_MULT_COLLISIONS = 0x00000820;
inline constexpr uint32_t MAC_TX_STATS_DEFERRED = 0x00000824;
inline constexpr uint32_t MAC_TX_STATS_EXCESSIVE_COL = 0x0000082C;
inline constexpr uint32_t MAC_TX_STATS_LATE_COL = 0x00000830;
inline constexpr uint32_t MAC_TX_STATS_UCAST = 0x0000086C;
inline constexpr uint32_t MAC_TX_STATS_MCAST = 0x00000870;
inline constexpr uint32_t MAC_TX_STATS_BCAST = 0x00000874;
inline constexpr uint32_t MAC_RX_STATS_OCTETS = 0x00000880;
inline constexpr uint32_t MAC_RX_STATS_FRAGMENTS = 0x00000888;
inline constexpr uint32_t MAC_RX_STATS_UCAST = 0x0000088C;
inline constexpr uint32_t MAC_RX_STATS_MCAST = 0x00000890;
inline constexpr uint32_t MAC_RX_STATS_BCAST = 0x00000894;
inline constexpr uint32_t MAC_RX_STATS_FCS_ERRORS = 0x00000898;
inline constexpr uint32_t MAC_RX_STATS_ALIGN_ERRORS = 0x0000089C;
inline constexpr uint32_t MAC_RX_STATS_XON_PAUSE_RECVD = 0x000008A0;
inline constexpr uint32_t MAC_RX_STATS_XOFF_PAUSE_RECVD = 0x000008A4;
inline constexpr uint32_t MAC_RX_STATS_MAC_CTRL_RECVD = 0x000008A8;
inline constexpr uint32_t MAC_RX_STATS_XOFF_ENTERED = 0x000008AC;
inline constexpr uint32_t MAC_RX_STATS_FRAME_TOO_LONG = 0x000008B0;
inline constexpr uint32_t MAC_RX_STATS_JABBERS = 0x000008B4;
inline constexpr uint32_t MAC_RX_STATS_UNDERSIZE = 0x000008B8;

/* ---------------------------------------------------------------------------
 * Station-address helpers (ref §5.1, §6.1)
 * ------------------------------------------------------------------------- */
inline constexpr unsigned ETH_ADDR_LEN = 6;

constexpr uint32_t mac_addr_high(std::span<const uint8_t, ETH_ADDR_LEN> a)
{
	return (uint32_t{a[0]} << 8) | a[1];
}
constexpr uint32_t mac_addr_low(std::span<const uint8_t, ETH_ADDR_LEN> a)
{
	return (uint32_t{a[2]} << 24) | (uint32_t{a[3]} << 16) | (uint32_t{a[4]} << 8) | a[5];
}
/* Inverse of the two above; also decodes NIC_SRAM_MAC_ADDR_{HIGH,LOW}_MBOX. */
constexpr void mac_addr_unpack(uint32_t high, uint32_t low, std::span<uint8_t, ETH_ADDR_LEN> out)
{
	out[0] = static_cast<uint8_t>(high >> 8);
	out[1] = static_cast<uint8_t>(high);
	out[2] = static_cast<uint8_t>(low >> 24);
	out[3] = static_cast<uint8_t>(low >> 16);
	out[4] = static_cast<uint8_t>(low >> 8);
	out[5] = static_cast<uint8_t>(low);
}
/* MAC_TX_BACKOFF_SEED value: sum of the address bytes (tg3 __tg3_set_mac_addr). */
constexpr uint32_t mac_backoff_seed(std::span<const uint8_t, ETH_ADDR_LEN> a)
{
	uint32_t sum = 0;
	for (uint8_t b : a)
		sum += b;
	return sum & TX_BACKOFF_SEED_MASK;
}

} // namespace tg57xx::hw

#endif
