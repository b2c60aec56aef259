/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI configuration-space layout of the model.
 *
 * Standard header and capability formats are the PCI Local Bus 3.0 / PCI
 * Express Base specifications (names follow linux/pci_regs.h; kept as k-names
 * in namespace pci so they cannot collide with C macros of the same names).
 *
 * Capability placement (the reference fixes two of them):
 *   0x40 Power Management        (free range 0x40-0x57)
 *   0x48 MSI-X                   (free range; table/PBA contents not modelled)
 *   0x58 MSI, 64-bit             data lands at 0x64 = TG3PCI_MSI_DATA (§3)
 *   0x64-0xA7                    Broadcom registers (§3), not a capability
 *   0xAC PCI Express v2          DevCtl lands at 0xB4 = TG3PCI_DEV_STATUS_CTRL (§3)
 *   0xF4 / 0xFC                  GEN2 / GEN15 product-id registers (§1.2)
 * The PCIe capability covers 0xB8 (TG3PCI_DUAL_MAC_CTRL, 5704/5780 only) and
 * 0xBC (legacy TG3PCI_PRODID_ASICREV, not used by these chips, §1.2).
 * Real silicon is reported to put MSI-X at 0xA0, which would overlay the
 * TG3PCI_RCV_RET_RING_CON_IDX shortcut the reference lists; the model keeps
 * the shortcut and moves MSI-X.
 */
#ifndef TG57XX_SIM_PCI_CFG_H
#define TG57XX_SIM_PCI_CFG_H

#include <cstdint>

#include "hw.h"

namespace tg57xx::sim::pci {

inline constexpr uint32_t kConfigSpaceBytes = 4096; /* PCIe extended config space */
inline constexpr uint32_t kStdHeaderBytes = 256;    /* mirrored at BAR0 0x00-0xFF (§2) */

/* Type 0 header. */
inline constexpr uint32_t kVendorDevice = 0x00;
inline constexpr uint32_t kCommandStatus = 0x04;
inline constexpr uint32_t   kCommandIo = 0x0001;
inline constexpr uint32_t   kCommandMemory = 0x0002;
inline constexpr uint32_t   kCommandMaster = 0x0004;
inline constexpr uint32_t   kCommandInvalidate = 0x0010; /* MWI; tg3 clears it (§12.1) */
inline constexpr uint32_t   kCommandParity = 0x0040;
inline constexpr uint32_t   kCommandSerr = 0x0100;
inline constexpr uint32_t   kCommandIntxDisable = 0x0400;
inline constexpr uint32_t   kStatusShift = 16;
inline constexpr uint32_t   kStatusIntx = 0x0008u << kStatusShift;        /* RO: INTx pending */
inline constexpr uint32_t   kStatusCapList = 0x0010u << kStatusShift;     /* RO */
inline constexpr uint32_t   kStatusErrorsW1c = 0xF900u << kStatusShift;   /* parity/abort/SERR bits */
inline constexpr uint32_t kClassRevision = 0x08;
inline constexpr uint32_t   kClassEthernet = 0x020000; /* network controller / Ethernet */
inline constexpr uint32_t   kClassShift = 8;
inline constexpr uint32_t kHeaderType = 0x0C; /* cache line size RW [7:0] */
inline constexpr uint32_t   kCacheLineMask = 0x000000FF;
inline constexpr uint32_t kBar0 = 0x10;
inline constexpr uint32_t kBar1 = 0x14;
inline constexpr uint32_t kBar2 = 0x18;
inline constexpr uint32_t kBar3 = 0x1C;
inline constexpr uint32_t   kBarMem64 = 0x4; /* memory BAR, 64-bit */
inline constexpr uint32_t kSubsystem = 0x2C;
inline constexpr uint32_t kCapPtr = 0x34;
inline constexpr uint32_t kInterrupt = 0x3C; /* line RW [7:0], pin RO [15:8] */
inline constexpr uint32_t   kInterruptLineMask = 0x000000FF;
inline constexpr uint32_t   kInterruptPinIntA = 0x00000100;

inline constexpr uint32_t kBar0Bytes = 64 * 1024; /* §2: 64 KiB */
inline constexpr uint32_t kBar2Bytes = 64 * 1024; /* §2: APE BAR (Thundergate maps 64 KiB) */

/* Capability ids. */
inline constexpr uint32_t kCapIdPm = 0x01;
inline constexpr uint32_t kCapIdMsi = 0x05;
inline constexpr uint32_t kCapIdExp = 0x10;
inline constexpr uint32_t kCapIdMsix = 0x11;
inline constexpr uint32_t kCapNextShift = 8;
inline constexpr uint32_t kCapCtrlShift = 16;

/* Power management at 0x40. */
inline constexpr uint32_t kPmCap = 0x40;
inline constexpr uint32_t   kPmCapVersion3 = 0x0003; /* PMC: version 1.2 */
inline constexpr uint32_t kPmCtrl = 0x44;
inline constexpr uint32_t   kPmCtrlStateMask = 0x00000003; /* D0..D3hot */
inline constexpr uint32_t   kPmCtrlPmeEnable = 0x00000100;
inline constexpr uint32_t   kPmCtrlPmeStatus = 0x00008000; /* W1C */

/* MSI-X at 0x48. */
inline constexpr uint32_t kMsixCap = 0x48;
inline constexpr uint32_t   kMsixEnable = 0x8000u << kCapCtrlShift;
inline constexpr uint32_t   kMsixFuncMask = 0x4000u << kCapCtrlShift;
inline constexpr uint32_t kMsixTable = 0x4C;
inline constexpr uint32_t kMsixPba = 0x50;
/* Table/PBA location: BAR2 on APE parts would be natural but the 57762 has no
 * BAR2; not in the reference. Pointed at BAR0 0x6100/0x6180 (inside the
 * MSGINT block, §5.10) and not modelled - vectors are delivered by callback. */
inline constexpr uint32_t   kMsixTableBar0Off = 0x6100;
inline constexpr uint32_t   kMsixPbaBar0Off = 0x6180;

/* MSI at 0x58, 64-bit address. */
inline constexpr uint32_t kMsiCap = 0x58;
inline constexpr uint32_t   kMsiEnable = 0x0001u << kCapCtrlShift;
inline constexpr uint32_t   kMsiMultiMsgEnMask = 0x0070u << kCapCtrlShift;
inline constexpr uint32_t   kMsi64Bit = 0x0080u << kCapCtrlShift;
inline constexpr uint32_t kMsiAddrLo = 0x5C;
inline constexpr uint32_t kMsiAddrHi = 0x60;
/* 0x64 = TG3PCI_MSI_DATA (data in [15:0]) */

/* PCI Express at 0xAC. */
inline constexpr uint32_t kExpCap = 0xAC;
inline constexpr uint32_t   kExpFlagsV2Endpoint = 0x0002; /* version 2, device type endpoint (0) */
inline constexpr uint32_t kExpDevCap = 0xB0;
inline constexpr uint32_t   kExpDevCapPayload256 = 0x00000001; /* max payload supported 256 B */
inline constexpr uint32_t kExpDevCtl = 0xB4; /* = TG3PCI_DEV_STATUS_CTRL */
inline constexpr uint32_t   kExpDevCtlRelaxEn = hw::TG3PCI_DEVCTL_RELAX_EN;
inline constexpr uint32_t   kExpDevCtlPayloadMask = hw::TG3PCI_DEVCTL_PAYLOAD;
inline constexpr uint32_t   kExpDevCtlNoSnoopEn = hw::TG3PCI_DEVCTL_NOSNOOP_EN;
inline constexpr uint32_t   kExpDevCtlReadRqMask = hw::MAX_READ_REQ_MASK;
inline constexpr uint32_t   kExpDevCtlReadRq512 = 0x2000; /* PCIe default MRRS */
/* What an enumerating host asks for (tg3_get_invariants pcie_set_readrq(4096); bge_expmrq 4096). */
inline constexpr uint32_t   kExpDevCtlReadRq4096 = 0x5000;
inline constexpr uint32_t   kExpDevCtlWritable = 0x7FFF;
inline constexpr uint32_t   kExpDevStaW1c = hw::TG3PCI_DEVSTA_ERRORS; /* CED NFED FED URD */
inline constexpr uint32_t kExpLnkCap = 0xB8;
inline constexpr uint32_t   kExpLnkCapX1Gen1 = 0x00000011; /* 2.5 GT/s, x1 */
inline constexpr uint32_t kExpLnkCtl = 0xBC;
inline constexpr uint32_t   kExpLnkStaX1Gen1 = 0x0011u << 16;
inline constexpr uint32_t   kExpLnkCtlWritable = 0x0FFB;
inline constexpr uint32_t kExpCapBytes = 0x3C; /* v2 capability length */

} // namespace tg57xx::sim::pci

#endif
