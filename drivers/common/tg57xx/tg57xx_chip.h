/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Chip identity: PCI ids, ASIC revisions, family flags and the per-family
 * capability table (ref §1). Hardware description only: no DPDK, no OS.
 *
 * Identification (ref §1.2, tg3.c tg3_detect_asic_rev):
 *   chip_rev_id = MISC_HOST_CTRL[31:16]; asic_rev = chip_rev_id >> 12;
 *   if asic_rev == ASIC_REV_USE_PROD_ID_REG, chip_rev_id is re-read as a full
 *   32-bit value from the product-id config register chosen by device id
 *   (GEN2 0xF4, GEN15 0xFC, legacy 0xBC). The value is used UNMASKED:
 *   PROD_ID_ASIC_REV_MASK (0x0FFFFFFF) is defined by tg3.h but not applied,
 *   and applying it would break CHIPREV_ID_57765_A0 = 0x57785000.
 *   CHIPREV_ID_5717_C0 is treated as CHIPREV_ID_5720_A0.
 */
#ifndef TG57XX_BASE_CHIP_H
#define TG57XX_BASE_CHIP_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "tg57xx_regs.h"

namespace tg57xx::hw {

/* TG3PCI_VENDOR_BROADCOM and the product-id register offsets
 * (TG3PCI_*PRODID_ASICREV) are in tg57xx_regs_pci.h. */

/* Which config register holds the full chip id (ref §1.2 step 3). */
enum class ProdIdReg : uint8_t { PRODID_LEGACY, PRODID_GEN15, PRODID_GEN2 };

constexpr uint32_t prodid_reg_offset(ProdIdReg r)
{
	switch (r) {
	case ProdIdReg::PRODID_GEN15: return TG3PCI_GEN15_PRODID_ASICREV;
	case ProdIdReg::PRODID_GEN2: return TG3PCI_GEN2_PRODID_ASICREV;
	case ProdIdReg::PRODID_LEGACY: break;
	}
	return TG3PCI_PRODID_ASICREV;
}

struct PciId {
	uint16_t device;
	const char *name;
	ProdIdReg prodid;
};

/* The id table of ref §1.1 (see tg57xx_pci_ids.def). */
inline constexpr PciId kPciIds[] = {
#define TG57XX_PCI_ID(dev, name, reg) {dev, name, ProdIdReg::reg},
#include "tg57xx_pci_ids.def"
#undef TG57XX_PCI_ID
};

constexpr const PciId *find_pci_id(uint16_t device)
{
	for (const auto &id : kPciIds)
		if (id.device == device)
			return &id;
	return nullptr;
}

/* Device ids by tg3 name (ref §1.1). Every one of them is in kPciIds. */
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57762 = 0x1682;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57765 = 0x16B4;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57766 = 0x1686;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57761 = 0x16B0;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57781 = 0x16B1;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57785 = 0x16B5;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57791 = 0x16B2;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57795 = 0x16B6;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57782 = 0x16B7;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57786 = 0x16B3;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57764 = 0x1642;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57767 = 0x1683;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_57787 = 0x1641;
inline constexpr uint16_t PCI_DEVICE_ID_TIGON3_5761 = 0x1681;  /* linux/pci_ids.h */
inline constexpr uint16_t PCI_DEVICE_ID_TIGON3_5761E = 0x1680; /* linux/pci_ids.h */
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5761S = 0x1688;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5761SE = 0x1689;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5717 = 0x1655;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5717_C = 0x1665;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5718 = 0x1656;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5719 = 0x1657;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5720 = 0x165F;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5762 = 0x1687;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5725 = 0x1643;
inline constexpr uint16_t TG3PCI_DEVICE_TIGON3_5727 = 0x16F3;
constexpr bool pci_id_listed(uint16_t device)
{
	for (const auto &id : kPciIds)
		if (id.device == device)
			return true;
	return false;
}
static_assert(pci_id_listed(TG3PCI_DEVICE_TIGON3_57762) && pci_id_listed(TG3PCI_DEVICE_TIGON3_57765) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_57766) && pci_id_listed(TG3PCI_DEVICE_TIGON3_57761) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_57781) && pci_id_listed(TG3PCI_DEVICE_TIGON3_57785) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_57791) && pci_id_listed(TG3PCI_DEVICE_TIGON3_57795) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_57782) && pci_id_listed(TG3PCI_DEVICE_TIGON3_57786) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_57764) && pci_id_listed(TG3PCI_DEVICE_TIGON3_57767) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_57787) && pci_id_listed(PCI_DEVICE_ID_TIGON3_5761) &&
	pci_id_listed(PCI_DEVICE_ID_TIGON3_5761E) && pci_id_listed(TG3PCI_DEVICE_TIGON3_5761S) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_5761SE) && pci_id_listed(TG3PCI_DEVICE_TIGON3_5717) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_5717_C) && pci_id_listed(TG3PCI_DEVICE_TIGON3_5718) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_5719) && pci_id_listed(TG3PCI_DEVICE_TIGON3_5720) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_5762) && pci_id_listed(TG3PCI_DEVICE_TIGON3_5725) &&
	pci_id_listed(TG3PCI_DEVICE_TIGON3_5727));

/* ASIC revisions (= chip_rev_id >> 12), ref §1.2 table. */
inline constexpr uint32_t ASIC_REV_USE_PROD_ID_REG = 0x0000000F;
inline constexpr uint32_t ASIC_REV_5761 = 0x00005761;
inline constexpr uint32_t ASIC_REV_57765 = 0x00057785; /* sic: 0x57785 */
inline constexpr uint32_t ASIC_REV_57766 = 0x00057766;
inline constexpr uint32_t ASIC_REV_5717 = 0x00005717;
inline constexpr uint32_t ASIC_REV_5719 = 0x00005719;
inline constexpr uint32_t ASIC_REV_5720 = 0x00005720;
inline constexpr uint32_t ASIC_REV_5762 = 0x00005762;

/* Known chip ids (tg3.h CHIPREV_ID_*, FreeBSD BGE_CHIPID_*). */
inline constexpr uint32_t CHIPREV_ID_57765_A0 = 0x57785000;
inline constexpr uint32_t CHIPREV_ID_57765_B0 = 0x57785100; /* FreeBSD */
inline constexpr uint32_t CHIPREV_ID_5717_A0 = 0x05717000;
inline constexpr uint32_t CHIPREV_ID_5717_C0 = 0x05717200;
inline constexpr uint32_t CHIPREV_ID_5719_A0 = 0x05719000;
inline constexpr uint32_t CHIPREV_ID_5720_A0 = 0x05720000;
inline constexpr uint32_t CHIPREV_ID_5762_A0 = 0x05762000;
inline constexpr uint32_t CHIPREV_ID_5761_A0 = 0x05761000; /* FreeBSD */
inline constexpr uint32_t CHIPREV_ID_5761_A1 = 0x05761100; /* FreeBSD */
inline constexpr uint32_t CHIPREV_57765_AX = 0x00577650;
/* Other tg3 revisions the reference names (5784/57780 share 5761 code paths). */
inline constexpr uint32_t ASIC_REV_5784 = 0x00005784;
inline constexpr uint32_t ASIC_REV_57780 = 0x00057780;
inline constexpr uint32_t CHIPREV_5761_AX = 0x00057610;
inline constexpr uint32_t CHIPREV_5784_AX = 0x00057840;
/* FreeBSD's spellings; its *_AX values differ from tg3's (ref §16.12). */
inline constexpr uint32_t BGE_CHIPID_BCM5761_A0 = CHIPREV_ID_5761_A0;
inline constexpr uint32_t BGE_CHIPID_BCM5761_A1 = CHIPREV_ID_5761_A1;
inline constexpr uint32_t BGE_CHIPID_BCM57765_B0 = CHIPREV_ID_57765_B0;
inline constexpr uint32_t BGE_CHIPREV_5761_AX = 0x00057611;
inline constexpr uint32_t BGE_CHIPREV_5784_AX = 0x00057841;
inline constexpr uint32_t BGE_CHIPREV_57765_AX = 0x00577850;

constexpr uint32_t asic_rev(uint32_t chip_rev_id) { return chip_rev_id >> 12; }
constexpr uint32_t chip_rev(uint32_t chip_rev_id) { return chip_rev_id >> 8; }

/*
 * 57765 A-step test ("57765_AX": 10 ms extra after the firmware handshake,
 * CRDRDR_RDMA_MRRS and L2 CLKREQ fixes; everything else gets the "non-AX"
 * PADRNG/FTSMAX fixes, ref §15). tg3.h's CHIPREV_57765_AX (0x577650) is not
 * chip_rev() of any ASIC_REV_57765 id (0x57785000 >> 8 = 0x577850), so tg3's
 * comparison never matches; FreeBSD's BGE_CHIPREV_57765_AX is the consistent
 * value and is what this test uses.
 */
constexpr bool chip_is_57765_ax(uint32_t chip_rev_id)
{
	return chip_rev(chip_rev_id) == BGE_CHIPREV_57765_AX;
}
static_assert(chip_is_57765_ax(CHIPREV_ID_57765_A0) && !chip_is_57765_ax(CHIPREV_ID_57765_B0));

/* tg3 family flags (ref §0.2), decided once at probe. */
enum Family : uint32_t {
	FAM_5705_PLUS = 1u << 0,
	FAM_5750_PLUS = 1u << 1,
	FAM_5755_PLUS = 1u << 2,
	FAM_57765_CLASS = 1u << 3,
	FAM_57765_PLUS = 1u << 4,
	FAM_5717_PLUS = 1u << 5,
};

enum class TsoKind : uint8_t { NONE, HW_TSO_2, HW_TSO_3 };

/* tg3 TG3_MAX_MTU: 9000 when jumbo-capable, else ETH_DATA_LEN (ref §10.5). */
inline constexpr uint16_t TG3_MAX_MTU_STD = 1500;
inline constexpr uint16_t TG3_MAX_MTU_JUMBO = 9000;

/* Per-family capability summary, ref §1.3. */
struct ChipCaps {
	const char *family_name;
	uint32_t families;          /* Family bits */
	uint16_t std_ring_entries;  /* TG3_RX_STD_RING_SIZE */
	uint16_t jumbo_ring_entries; /* 0 = not jumbo-capable */
	uint16_t ret_ring_entries;
	uint16_t send_ring_entries;  /* TG3_TX_RING_SIZE */
	uint8_t send_rcbs;           /* send RCBs present (disable loop) */
	uint8_t ret_rcbs;            /* return RCBs present (disable loop) */
	uint8_t rss_rings;           /* 0 = no RSS */
	uint8_t tx_rings;            /* TSS rings usable */
	TsoKind tso;
	uint16_t max_mtu;
	bool has_ape;
	uint32_t phy_id;             /* tg3 packed PHY id (ref §11.4); 5717: copper */
	uint8_t irq_max;             /* tg3 irq_max: 1 = MSI (one-shot), 5 = MSI-X */
	uint16_t tx_bd_dma_limit;    /* max bytes per send BD (tg3 dma_limit), 0 = none */
	bool tx_bd_dma_limit_std_mtu_only; /* limit applies only with MTU <= 1500 */

	constexpr bool has(Family f) const { return (families & f) != 0; }
};

/* MDIO address of the PHY (ref §11.1): 1, or on 5717_PLUS the PCI function
 * + 1, plus 7 for a SerDes port. */
inline constexpr uint32_t TG3_PHY_MII_ADDR = 1;
inline constexpr uint32_t TG3_PHY_MII_ADDR_SERDES_OFFSET = 7;
constexpr uint32_t tg3_phy_mii_addr(const ChipCaps &caps, unsigned pci_function, bool serdes)
{
	if (!caps.has(FAM_5717_PLUS))
		return TG3_PHY_MII_ADDR;
	return pci_function + 1 + (serdes ? TG3_PHY_MII_ADDR_SERDES_OFFSET : 0);
}

/*
 * A row of the capability table, held by its index rather than its address:
 * a ChipId lives in memory that DPDK shares with secondary processes, where
 * this code may be mapped at another address, so a pointer would not
 * survive. Converts to `const ChipCaps *` (nullptr = none).
 */
class CapsRef {
public:
	constexpr CapsRef() = default;
	CapsRef(const ChipCaps *row) noexcept; /* NOLINT: implicit, like the pointer it replaces */
	const ChipCaps *get() const noexcept;
	operator const ChipCaps *() const noexcept { return get(); }
	const ChipCaps *operator->() const noexcept { return get(); }

private:
	static constexpr uint8_t kNone = 0xFF;
	uint8_t index_ = kNone;
};

/* Chip identification result. */
struct ChipId {
	uint32_t chip_rev_id; /* full id after fix-ups */
	uint32_t asic;        /* asic_rev(chip_rev_id) */
	CapsRef caps;
};

/* The capability table of ref §1.3, one row per ASIC revision; nullptr for
 * an ASIC revision this driver does not handle. */
const ChipCaps *caps_for_asic(uint32_t asic) noexcept;

/*
 * Decide the chip id from the two config reads of §1.2. `misc_host_ctrl` is
 * config 0x68; `prodid_value` is the register prodid_reg_offset(id->prodid)
 * (only consulted when the ASIC nibble says so). Applies the 5717_C0 ->
 * 5720_A0 fix-up; 5719 A0 gets its own row (no jumbo, no TSO, ref §1.3/§15).
 * Returns nullopt for an unknown ASIC revision.
 */
std::optional<ChipId> identify_chip(uint32_t misc_host_ctrl, uint32_t prodid_value) noexcept;

} // namespace tg57xx::hw

#endif
