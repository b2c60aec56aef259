/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MII / PHY registers (ref §11): the standard Clause-22 registers with their
 * linux/mii.h names, Broadcom's MII_TG3_* extensions (tg3.h), and the PHY ids
 * tg3 knows with the packing tg3_phy_probe uses. Reached through MAC_MI_COM
 * (tg57xx_regs_mac.h: mi_com_read / mi_com_write). The PHY address rule is
 * tg3_phy_mii_addr() in tg57xx_chip.h. Hardware description only.
 *
 * The names match linux/mii.h on purpose; do not include <linux/mii.h> in
 * the same translation unit (its macros would replace these names).
 */
#ifndef TG57XX_BASE_MII_H
#define TG57XX_BASE_MII_H

#include <cstdint>

namespace tg57xx::hw {

/* ---------------------------------------------------------------------------
 * Standard registers (linux/mii.h, ref §11.2)
 * ------------------------------------------------------------------------- */
inline constexpr uint16_t MII_BMCR = 0x00;
inline constexpr uint16_t   BMCR_SPEED1000 = 0x0040;
inline constexpr uint16_t   BMCR_FULLDPLX = 0x0100;
inline constexpr uint16_t   BMCR_ANRESTART = 0x0200;
inline constexpr uint16_t   BMCR_ISOLATE = 0x0400;
inline constexpr uint16_t   BMCR_PDOWN = 0x0800;
inline constexpr uint16_t   BMCR_ANENABLE = 0x1000;
inline constexpr uint16_t   BMCR_SPEED100 = 0x2000;
inline constexpr uint16_t   BMCR_LOOPBACK = 0x4000;
inline constexpr uint16_t   BMCR_RESET = 0x8000; /* self-clearing */
/* tg3_setup_copper_phy re-reads BMCR while it reads 0 or this value. */
inline constexpr uint16_t   TG3_BMCR_INVALID_READ = 0x7FFF;

inline constexpr uint16_t MII_BMSR = 0x01;
inline constexpr uint16_t   BMSR_ERCAP = 0x0001;
inline constexpr uint16_t   BMSR_JCD = 0x0002;
inline constexpr uint16_t   BMSR_LSTATUS = 0x0004; /* latched low: read twice */
inline constexpr uint16_t   BMSR_ANEGCAPABLE = 0x0008;
inline constexpr uint16_t   BMSR_RFAULT = 0x0010;
inline constexpr uint16_t   BMSR_ANEGCOMPLETE = 0x0020;
inline constexpr uint16_t   BMSR_ESTATEN = 0x0100;
inline constexpr uint16_t   BMSR_10HALF = 0x0800;
inline constexpr uint16_t   BMSR_10FULL = 0x1000;
inline constexpr uint16_t   BMSR_100HALF = 0x2000;
inline constexpr uint16_t   BMSR_100FULL = 0x4000;

inline constexpr uint16_t MII_PHYSID1 = 0x02;
inline constexpr uint16_t MII_PHYSID2 = 0x03;

inline constexpr uint16_t MII_ADVERTISE = 0x04;
inline constexpr uint16_t   ADVERTISE_CSMA = 0x0001;
inline constexpr uint16_t   ADVERTISE_10HALF = 0x0020;
inline constexpr uint16_t   ADVERTISE_10FULL = 0x0040;
inline constexpr uint16_t   ADVERTISE_100HALF = 0x0080;
inline constexpr uint16_t   ADVERTISE_100FULL = 0x0100;
inline constexpr uint16_t   ADVERTISE_PAUSE_CAP = 0x0400;
inline constexpr uint16_t   ADVERTISE_PAUSE_ASYM = 0x0800;
inline constexpr uint16_t   ADVERTISE_LPACK = 0x4000;
inline constexpr uint16_t   ADVERTISE_NPAGE = 0x8000;
inline constexpr uint16_t   ADVERTISE_ALL = ADVERTISE_10HALF | ADVERTISE_10FULL |
	ADVERTISE_100HALF | ADVERTISE_100FULL; /* linux/mii.h */

inline constexpr uint16_t MII_LPA = 0x05;
inline constexpr uint16_t   LPA_10HALF = 0x0020;
inline constexpr uint16_t   LPA_10FULL = 0x0040;
inline constexpr uint16_t   LPA_100HALF = 0x0080;
inline constexpr uint16_t   LPA_100FULL = 0x0100;
inline constexpr uint16_t   LPA_PAUSE_CAP = 0x0400;
inline constexpr uint16_t   LPA_PAUSE_ASYM = 0x0800;
inline constexpr uint16_t   LPA_LPACK = 0x4000;

inline constexpr uint16_t MII_EXPANSION = 0x06;

inline constexpr uint16_t MII_CTRL1000 = 0x09;
inline constexpr uint16_t   ADVERTISE_1000HALF = 0x0100;
inline constexpr uint16_t   ADVERTISE_1000FULL = 0x0200;
inline constexpr uint16_t   CTL1000_AS_MASTER = 0x0800;
inline constexpr uint16_t   CTL1000_ENABLE_MASTER = 0x1000;

inline constexpr uint16_t MII_STAT1000 = 0x0A;
inline constexpr uint16_t   LPA_1000HALF = 0x0400;
inline constexpr uint16_t   LPA_1000FULL = 0x0800;
inline constexpr uint16_t   LPA_1000REMRXOK = 0x1000;
inline constexpr uint16_t   LPA_1000LOCALRXOK = 0x2000;
inline constexpr uint16_t   LPA_1000MSFAIL = 0x8000;

inline constexpr uint16_t MII_ESTATUS = 0x0F;

/* ---------------------------------------------------------------------------
 * Broadcom registers (tg3.h MII_TG3_*, ref §11.3)
 * ------------------------------------------------------------------------- */
/* Clause-45 access through Clause-22: write devad to MMD_CTRL, the register
 * to MMD_ADDRESS, then MMD_CTRL_DATA_NOINC | devad, then data via
 * MMD_ADDRESS (tg3_phy_cl45_write; Thundergate Smi._setup_cl45, ref §11.1). */
inline constexpr uint16_t MII_TG3_MMD_CTRL = 0x0D;
inline constexpr uint16_t   MII_TG3_MMD_CTRL_DATA_NOINC = 0x4000;
inline constexpr uint16_t MII_TG3_MMD_ADDRESS = 0x0E;

inline constexpr uint16_t MII_TG3_EXT_CTRL = 0x10;
inline constexpr uint16_t   MII_TG3_EXT_CTRL_FIFO_ELASTIC = 0x0001;
inline constexpr uint16_t   MII_TG3_EXT_CTRL_LNK3_LED_MODE = 0x0002;
inline constexpr uint16_t   MII_TG3_EXT_CTRL_FORCE_LED_OFF = 0x0008;
inline constexpr uint16_t   MII_TG3_EXT_CTRL_TBI = 0x8000;

inline constexpr uint16_t MII_TG3_EXT_STAT = 0x11;
inline constexpr uint16_t   MII_TG3_EXT_STAT_LPASS = 0x0100;
inline constexpr uint16_t   MII_TG3_EXT_STAT_MDIX = 0x2000;

inline constexpr uint16_t MII_TG3_RXR_COUNTERS = 0x14;
inline constexpr uint16_t MII_TG3_DSP_RW_PORT = 0x15;
inline constexpr uint16_t MII_TG3_DSP_CONTROL = 0x16;
inline constexpr uint16_t MII_TG3_DSP_ADDRESS = 0x17;

inline constexpr uint16_t MII_TG3_AUX_CTRL = 0x18; /* shadow register bank */
inline constexpr uint16_t   MII_TG3_AUXCTL_SHDWSEL_AUXCTL = 0x0000;
inline constexpr uint16_t   MII_TG3_AUXCTL_SHDWSEL_PWRCTL = 0x0002;
inline constexpr uint16_t   MII_TG3_AUXCTL_SHDWSEL_MISCTEST = 0x0004;
inline constexpr uint16_t   MII_TG3_AUXCTL_SHDWSEL_MISC = 0x0007;
/* AUXCTL shadow (selector 0) bits. EXTPKTLEN: "Set Extended packet length bit
 * (bit 14) on all chips that support jumbo frames" (tg3_phy_reset). */
inline constexpr uint16_t   MII_TG3_AUXCTL_ACTL_TX_6DB = 0x0400;
inline constexpr uint16_t   MII_TG3_AUXCTL_ACTL_SMDSP_ENA = 0x0800;
inline constexpr uint16_t   MII_TG3_AUXCTL_ACTL_EXTPKTLEN = 0x4000;
/* PWRCTL shadow (selector 2): tg3_power_down_phy's low-power set; tg3_setup_copper_phy writes 0. */
inline constexpr uint16_t   MII_TG3_AUXCTL_PCTL_100TX_LPWR = 0x0010;
inline constexpr uint16_t   MII_TG3_AUXCTL_PCTL_SPR_ISOLATE = 0x0020;
inline constexpr uint16_t   MII_TG3_AUXCTL_PCTL_VREG_11V = 0x0180;
/* MISC shadow (selector 7): Ethernet@WireSpeed, auto-MDIX also in forced mode
 * (tg3_phy_set_wirespeed, tg3_phy_toggle_automdix); reads select a shadow in
 * bits 14:12 (tg3_phy_auxctl_read). */
inline constexpr uint16_t   MII_TG3_AUXCTL_MISC_WIRESPD_EN = 0x0010;
inline constexpr uint16_t   MII_TG3_AUXCTL_MISC_FORCE_AMDIX = 0x0200;
inline constexpr unsigned   MII_TG3_AUXCTL_MISC_RDSEL_SHIFT = 12;
inline constexpr uint16_t   MII_TG3_AUXCTL_MISC_WREN = 0x8000;

inline constexpr uint16_t MII_TG3_AUX_STAT = 0x19; /* resolved speed/duplex */
inline constexpr uint16_t   MII_TG3_AUX_STAT_FULL = 0x0001;  /* FET PHYs */
inline constexpr uint16_t   MII_TG3_AUX_STAT_LPASS = 0x0004;
inline constexpr uint16_t   MII_TG3_AUX_STAT_100 = 0x0008;   /* FET PHYs */
inline constexpr uint16_t   MII_TG3_AUX_STAT_SPDMASK = 0x0700;
inline constexpr uint16_t   MII_TG3_AUX_STAT_10HALF = 0x0100;
inline constexpr uint16_t   MII_TG3_AUX_STAT_10FULL = 0x0200;
inline constexpr uint16_t   MII_TG3_AUX_STAT_100HALF = 0x0300;
inline constexpr uint16_t   MII_TG3_AUX_STAT_100_4 = 0x0400;
inline constexpr uint16_t   MII_TG3_AUX_STAT_100FULL = 0x0500;
inline constexpr uint16_t   MII_TG3_AUX_STAT_1000HALF = 0x0600;
inline constexpr uint16_t   MII_TG3_AUX_STAT_1000FULL = 0x0700;

inline constexpr uint16_t MII_TG3_ISTAT = 0x1A;
inline constexpr uint16_t MII_TG3_IMASK = 0x1B;
inline constexpr uint16_t   MII_TG3_INT_LINKCHG = 0x0002;
inline constexpr uint16_t   MII_TG3_INT_SPEEDCHG = 0x0004;
inline constexpr uint16_t   MII_TG3_INT_DUPLEXCHG = 0x0008;
inline constexpr uint16_t   MII_TG3_INT_ANEG_PAGE_RX = 0x0400;

inline constexpr uint16_t MII_TG3_MISC_SHDW = 0x1C;
inline constexpr uint16_t   MII_TG3_MISC_SHDW_WREN = 0x8000;

inline constexpr uint16_t MII_TG3_TEST1 = 0x1E;
inline constexpr uint16_t   MII_TG3_TEST1_CRC_EN = 0x8000;

/* Speed/duplex from an AUX_STAT speed code (tg3_aux_stat_to_speed_duplex);
 * speed 0 = no or unknown code. 100BASE-T4 is half duplex. */
struct MiiSpeedDuplex {
	uint16_t speed;
	bool full_duplex;
};
constexpr MiiSpeedDuplex tg3_aux_stat_speed_duplex(uint16_t aux_stat)
{
	switch (aux_stat & MII_TG3_AUX_STAT_SPDMASK) {
	case MII_TG3_AUX_STAT_10HALF: return {10, false};
	case MII_TG3_AUX_STAT_10FULL: return {10, true};
	case MII_TG3_AUX_STAT_100HALF: return {100, false};
	case MII_TG3_AUX_STAT_100_4: return {100, false};
	case MII_TG3_AUX_STAT_100FULL: return {100, true};
	case MII_TG3_AUX_STAT_1000HALF: return {1000, false};
	case MII_TG3_AUX_STAT_1000FULL: return {1000, true};
	default: return {0, false};
	}
}
/* The inverse, for a PHY model. */
constexpr uint16_t tg3_aux_stat_speed_code(uint16_t speed, bool full_duplex)
{
	switch (speed) {
	case 10: return full_duplex ? MII_TG3_AUX_STAT_10FULL : MII_TG3_AUX_STAT_10HALF;
	case 100: return full_duplex ? MII_TG3_AUX_STAT_100FULL : MII_TG3_AUX_STAT_100HALF;
	case 1000: return full_duplex ? MII_TG3_AUX_STAT_1000FULL : MII_TG3_AUX_STAT_1000HALF;
	default: return 0;
	}
}

/* ---------------------------------------------------------------------------
 * PHY ids (ref §11.4). tg3 packs PHYSID1/PHYSID2 into a 32-bit id that is NOT
 * PHYSID1 << 16 | PHYSID2 and compares it under TG3_PHY_ID_MASK (the low
 * nibble is the revision).
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t TG3_PHY_ID_MASK = 0xFFFFFFF0;
inline constexpr uint32_t TG3_PHY_ID_REV_MASK = 0x0000000F;
inline constexpr uint32_t TG3_PHY_ID_INVALID = 0xFFFFFFFF;
inline constexpr uint32_t TG3_PHY_ID_BCM5784 = 0xBC050FA0;
inline constexpr uint32_t TG3_PHY_ID_BCM5761 = 0xBC050FD0;
inline constexpr uint32_t TG3_PHY_ID_BCM5718C = 0x5C0D8A00;
inline constexpr uint32_t TG3_PHY_ID_BCM5718S = 0xBC050FF0;
inline constexpr uint32_t TG3_PHY_ID_BCM57765 = 0x5C0D8A40;
inline constexpr uint32_t TG3_PHY_ID_BCM5719C = 0x5C0D8A20;
inline constexpr uint32_t TG3_PHY_ID_BCM5720C = 0x5C0D8B60;
inline constexpr uint32_t TG3_PHY_ID_BCM5762 = 0x85803780;

/* tg3.c tg3_phy_probe. */
constexpr uint32_t tg3_phy_id_pack(uint16_t physid1, uint16_t physid2)
{
	return (uint32_t{physid1} << 10) | ((uint32_t{physid2} & 0xFC00) << 16) |
		(uint32_t{physid2} & 0x03FF);
}
/* Inverse of tg3_phy_id_pack: the raw register values a PHY model presents. */
constexpr uint16_t tg3_phy_id_physid1(uint32_t phy_id)
{
	return static_cast<uint16_t>(phy_id >> 10);
}
constexpr uint16_t tg3_phy_id_physid2(uint32_t phy_id)
{
	return static_cast<uint16_t>(((phy_id >> 16) & 0xFC00) | (phy_id & 0x03FF));
}
/* NIC_SRAM_DATA_PHY_ID holds PHYSID1 << 16 | PHYSID2; tg3 re-packs it. */
constexpr uint32_t tg3_phy_id_from_sram(uint32_t sram_phy_id)
{
	return tg3_phy_id_pack(static_cast<uint16_t>(sram_phy_id >> 16),
		static_cast<uint16_t>(sram_phy_id));
}

/* Raw PHYSID1/PHYSID2 (revision 0), derived in the reference by inverting
 * the packing (TSV PHYSID1_* / PHYSID2_*). */
inline constexpr uint16_t PHYSID1_BCM5761 = 0x0143;
inline constexpr uint16_t PHYSID2_BCM5761 = 0xBFD0;
inline constexpr uint16_t PHYSID1_BCM57765 = 0x0362;
inline constexpr uint16_t PHYSID2_BCM57765 = 0x5E40;
inline constexpr uint16_t PHYSID1_BCM5718C = 0x0362;
inline constexpr uint16_t PHYSID2_BCM5718C = 0x5E00;
inline constexpr uint16_t PHYSID1_BCM5719C = 0x0362;
inline constexpr uint16_t PHYSID2_BCM5719C = 0x5E20;
inline constexpr uint16_t PHYSID1_BCM5720C = 0x0362;
inline constexpr uint16_t PHYSID2_BCM5720C = 0x5F60;
inline constexpr uint16_t PHYSID1_BCM5762 = 0x600D;
inline constexpr uint16_t PHYSID2_BCM5762 = 0x8780;

/* Is `phy_id` (packed) one of the ids above, revision ignored? */
constexpr bool tg3_phy_id_known(uint32_t phy_id)
{
	switch (phy_id & TG3_PHY_ID_MASK) {
	case TG3_PHY_ID_BCM5784:
	case TG3_PHY_ID_BCM5761:
	case TG3_PHY_ID_BCM5718C:
	case TG3_PHY_ID_BCM5718S:
	case TG3_PHY_ID_BCM57765:
	case TG3_PHY_ID_BCM5719C:
	case TG3_PHY_ID_BCM5720C:
	case TG3_PHY_ID_BCM5762:
		return true;
	default:
		return false;
	}
}

/*
 * The registers a PHY dump reads (tg57xx-diag phy): the standard ones and the
 * Broadcom status registers (ref §11.2, §11.3). Registers with read side
 * effects beyond BMSR's latch (ISTAT clears on read) and shadow banks that
 * need a selector write first (AUX_CTRL, MISC_SHDW) are left out.
 */
inline constexpr uint16_t kMiiDumpRegs[] = {
	MII_BMCR, MII_BMSR, MII_PHYSID1, MII_PHYSID2, MII_ADVERTISE, MII_LPA, MII_EXPANSION,
	MII_CTRL1000, MII_STAT1000, MII_ESTATUS, MII_TG3_EXT_CTRL, MII_TG3_EXT_STAT, MII_TG3_AUX_STAT,
};

} // namespace tg57xx::hw

#endif
