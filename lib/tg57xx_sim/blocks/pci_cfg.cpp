/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI configuration space (§3) and what hangs off it: the BAR0 0x00-0xFF
 * mirror, indirect register access (§2.2), the SRAM data window (§2.1), the
 * MISC_LOCAL_CTRL alias of GRC_LOCAL_CTRL and the producer/consumer shortcut
 * registers (§2.2, §3). Layout: pci_cfg.h.
 *
 * What a GRC core reset does to config space (§12.2): tg3 saves and restores
 * the PCI command register, rewrites MISC_HOST_CTRL and PCISTATE, and clears
 * the SRAM/register window bases afterwards, so those go back to their reset
 * values (command = 0: memory decode and bus mastering off until the driver
 * restores them). BARs, capabilities (MSI/MSI-X/PCIe) and the interrupt line
 * are host configuration and survive (REG_KEEP_ON_CORE_RESET); the PCIe link
 * is kept by GRC_MISC_CFG bit 29.
 *
 * The PCIe Device Control/Status dword is the exception among the
 * capabilities (§12.2 step 8): both drivers rewrite it after every core
 * reset - tg3_chip_reset clears RELAX_EN and NOSNOOP_EN and clears the Device
 * Status error bits, FreeBSD bge_reset does the same and sets the max read
 * request size again - which they would not need if it survived. The model
 * therefore reloads Device Control with its PCIe power-on value (relaxed
 * ordering and no snoop enabled, 128-byte payload, 512-byte read requests)
 * and latches CED|URD: requests that reach the function while its core is in
 * reset are completed Unsupported Request (an advisory non-fatal error, so
 * also "correctable"). A driver that skips step 8 leaves relaxed ordering
 * on, a 512-byte MRRS and the errors latched.
 */
#include "pci_cfg.h"

#include <cinttypes>

#include "block_list.h"
#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

constexpr uint8_t KEEP = REG_KEEP_ON_CORE_RESET;
constexpr uint32_t kDwordAlignMask = ~3u;

/* Command bits the device implements (no I/O BAR). */
constexpr uint32_t kCommandWritable = pci::kCommandMemory | pci::kCommandMaster | pci::kCommandInvalidate |
				      pci::kCommandParity | pci::kCommandSerr | pci::kCommandIntxDisable;
/* MISC_HOST_CTRL bits below the chip id are host-writable (§3 table). */
constexpr uint32_t kMiscHostCtrlWritable = 0x000003FF;
/* PCISTATE bits a host may change once MISC_HOST_CTRL_PCISTATE_RW is set (§3). */
constexpr uint32_t kPcistateWritable = hw::PCISTATE_ROM_ENABLE | hw::PCISTATE_ROM_RETRY_ENABLE |
				       hw::PCISTATE_FLAT_VIEW | hw::PCISTATE_RETRY_SAME_DMA;
constexpr uint32_t kPcistateApeWritable =
	hw::PCISTATE_ALLOW_APE_CTLSPC_WR | hw::PCISTATE_ALLOW_APE_SHMEM_WR | hw::PCISTATE_ALLOW_APE_PSPACE_WR;
/* Device Status errors a core reset leaves latched (see top). */
constexpr uint32_t kCoreResetDevStaErrors = hw::TG3PCI_DEVSTA_CED | hw::TG3PCI_DEVSTA_URD;
/* Last dword of the PCIe v2 capability. */
constexpr uint32_t kExpCapEnd = pci::kExpCap + pci::kExpCapBytes;

constexpr uint32_t cap_header(uint32_t id, uint32_t next, uint32_t ctrl)
{
	return id | (next << pci::kCapNextShift) | (ctrl << pci::kCapCtrlShift);
}

class PciCfg final : public Block {
public:
	explicit PciCfg(Chip &chip) : Block(chip, "pci_cfg") { declare(); }

	void power_on() override
	{
		if (!chip().config().enumerated)
			return;
		RegFile &cfg = chip().cfg();
		cfg.set_bits(pci::kCommandStatus, pci::kCommandMemory | pci::kCommandMaster);
		/* The host also chose a max read request size (see pci_cfg.h); a core reset loses it. */
		cfg.set(hw::TG3PCI_DEV_STATUS_CTRL,
			(cfg.get(hw::TG3PCI_DEV_STATUS_CTRL) & ~pci::kExpDevCtlReadRqMask) | pci::kExpDevCtlReadRq4096);
	}

	/* Device Control is back at its reset value (not KEEP); the reset latched CED|URD (see top). */
	void core_reset() override
	{
		chip().cfg().set_bits(hw::TG3PCI_DEV_STATUS_CTRL, kCoreResetDevStaErrors);
	}

private:
	void declare();
	uint32_t indirect_read();
	void indirect_write(uint32_t val);
	void mailbox_alias_write(uint32_t mbox_off, uint32_t val);
};

void PciCfg::declare()
{
	Chip &c = chip();
	RegFile &cfg = c.cfg();
	const ChipPersonality &p = c.personality();
	const PersonalityInfo &info = p.info;
	const uint16_t subsys_vendor = c.config().subsystem_vendor ? c.config().subsystem_vendor : p.subsys_vendor;
	const uint16_t subsys_id = c.config().subsystem_id ? c.config().subsystem_id : p.subsys_id;
	/* Revision id byte: the chip_rev byte of the chip id (§1.2); no driver here reads it. */
	constexpr uint32_t kRevisionMask = 0xFF;
	constexpr uint32_t kChipRevShift = 8;
	const uint32_t revision = (info.chip_rev_id >> kChipRevShift) & kRevisionMask;

	/* ---- type 0 header ---- */
	cfg.add(reg_ro(pci::kVendorDevice, "PCI_VENDOR_DEVICE",
		       static_cast<uint32_t>(info.device_id) << 16 | hw::TG3PCI_VENDOR_BROADCOM, KEEP));
	/* Status error bits are write-1-to-clear. */
	cfg.add(reg_rw_w1c(pci::kCommandStatus, "PCI_COMMAND_STATUS", pci::kStatusCapList, kCommandWritable,
			   pci::kStatusErrorsW1c),
		[&c](uint32_t stored) {
			return c.irq().intx_pending() ? stored | pci::kStatusIntx : stored;
		},
		[&c](uint32_t, uint32_t) { c.irq().reevaluate(); });
	cfg.add(reg_ro(pci::kClassRevision, "PCI_CLASS_REVISION", pci::kClassEthernet << pci::kClassShift | revision, KEEP));
	cfg.add(reg_rw(pci::kHeaderType, "PCI_CACHE_LINE_SIZE", 0, pci::kCacheLineMask, KEEP));
	/* BAR0/1: 64-bit memory BAR, 64 KiB (§2). */
	cfg.add(reg_rw(pci::kBar0, "PCI_BAR0", pci::kBarMem64, ~(pci::kBar0Bytes - 1), KEEP));
	cfg.add(reg_rw(pci::kBar1, "PCI_BAR1", 0, kAllBits, KEEP));
	/* BAR2/3: the APE BAR on APE parts (§2), hard-wired zero otherwise. */
	if (info.has_ape) {
		cfg.add(reg_rw(pci::kBar2, "PCI_BAR2", pci::kBarMem64, ~(pci::kBar2Bytes - 1), KEEP));
		cfg.add(reg_rw(pci::kBar3, "PCI_BAR3", 0, kAllBits, KEEP));
	} else {
		cfg.add(reg_rw(pci::kBar2, "PCI_BAR2", 0, 0, KEEP));
		cfg.add(reg_rw(pci::kBar3, "PCI_BAR3", 0, 0, KEEP));
	}
	constexpr uint32_t kBar4 = 0x20, kBar5 = 0x24, kCardbus = 0x28, kRomBar = 0x30, kReserved38 = 0x38;
	cfg.add(reg_rw(kBar4, "PCI_BAR4", 0, 0, KEEP));
	cfg.add(reg_rw(kBar5, "PCI_BAR5", 0, 0, KEEP));
	cfg.add(reg_rw(kCardbus, "PCI_CARDBUS_CIS", 0, 0, KEEP));
	cfg.add(reg_ro(pci::kSubsystem, "PCI_SUBSYSTEM", static_cast<uint32_t>(subsys_id) << 16 | subsys_vendor, KEEP));
	cfg.add(reg_rw(kRomBar, "PCI_ROM_ADDRESS", 0, 0, KEEP));
	cfg.add(reg_ro(pci::kCapPtr, "PCI_CAPABILITY_LIST", pci::kPmCap, KEEP));
	cfg.add(reg_rw(kReserved38, "PCI_RESERVED_38", 0, 0, KEEP));
	cfg.add(reg_rw(pci::kInterrupt, "PCI_INTERRUPT", pci::kInterruptPinIntA, pci::kInterruptLineMask, KEEP));

	/* ---- capabilities ---- */
	cfg.add(reg_ro(pci::kPmCap, "PCI_PM_CAP", cap_header(pci::kCapIdPm, pci::kMsixCap, pci::kPmCapVersion3), KEEP));
	cfg.add(reg_rw(pci::kPmCtrl, "PCI_PM_CTRL", 0, pci::kPmCtrlStateMask | pci::kPmCtrlPmeEnable, KEEP));
	auto reeval = [&c](uint32_t, uint32_t) { c.irq().reevaluate(); };
	cfg.add(reg_rw(pci::kMsixCap, "PCI_MSIX_CAP",
		       cap_header(pci::kCapIdMsix, pci::kMsiCap, info.msix_vectors - 1u),
		       pci::kMsixEnable | pci::kMsixFuncMask, KEEP),
		{}, reeval);
	cfg.add(reg_ro(pci::kMsixTable, "PCI_MSIX_TABLE", pci::kMsixTableBar0Off, KEEP));
	cfg.add(reg_ro(pci::kMsixPba, "PCI_MSIX_PBA", pci::kMsixPbaBar0Off, KEEP));
	constexpr uint32_t kReserved54 = 0x54;
	cfg.add(reg_rw(kReserved54, "PCI_RESERVED_54", 0, 0, KEEP));
	cfg.add(reg_rw(pci::kMsiCap, "PCI_MSI_CAP", cap_header(pci::kCapIdMsi, pci::kExpCap, 0) | pci::kMsi64Bit,
		       pci::kMsiEnable | pci::kMsiMultiMsgEnMask, KEEP),
		{}, reeval);
	constexpr uint32_t kMsiAddrLoMask = ~3u, kMsiDataMask = 0x0000FFFF;
	cfg.add(reg_rw(pci::kMsiAddrLo, "PCI_MSI_ADDRESS_LO", 0, kMsiAddrLoMask, KEEP));
	cfg.add(reg_rw(pci::kMsiAddrHi, "PCI_MSI_ADDRESS_HI", 0, kAllBits, KEEP));
	cfg.add(reg_rw(hw::TG3PCI_MSI_DATA, kMapName, 0, kMsiDataMask, KEEP));

	/* ---- Broadcom registers (§3) ---- */
	cfg.add(reg_sc(hw::TG3PCI_MISC_HOST_CTRL, kMapName, hw::MISC_HOST_CTRL_CLEAR_INT, 0,
		       static_cast<uint32_t>(p.misc_host_ctrl_chiprev) << hw::MISC_HOST_CTRL_CHIPREV_SHIFT,
		       kMiscHostCtrlWritable),
		{}, [&c](uint32_t, uint32_t written) {
			if (written & hw::MISC_HOST_CTRL_CLEAR_INT)
				c.irq().set_intx(false); /* "clear INTA" */
			c.irq().reevaluate();        /* MASK_PCI_INT may have changed */
		});
	/* Boot code programs the DMA watermarks/commands (§3 "preserves the boot-code bits"). */
	cfg.add(reg_rw(hw::TG3PCI_DMA_RW_CTRL, kMapName));
	const uint32_t pcistate_mask = kPcistateWritable | (info.has_ape ? kPcistateApeWritable : 0);
	cfg.add(reg_rw(hw::TG3PCI_PCISTATE, kMapName, 0, 0),
		[&c](uint32_t stored) {
			/* tg3's INTx handler reads INT_NOT_ACTIVE to see whether the interrupt is its own. */
			return c.irq().intx_asserted() ? stored : stored | hw::PCISTATE_INT_NOT_ACTIVE;
		},
		[&c, pcistate_mask](uint32_t old, uint32_t written) {
			if (!(c.cfg().get(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_PCISTATE_RW)) {
				c.violation(&Counters::ro_writes,
					    "config: PCISTATE written without MISC_HOST_CTRL_PCISTATE_RW (0x%08" PRIx32 ")",
					    written);
				return;
			}
			c.cfg().set(hw::TG3PCI_PCISTATE, (old & ~pcistate_mask) | (written & pcistate_mask));
			if (written & hw::PCISTATE_FLAT_VIEW)
				c.violation(&Counters::unknown_writes, "config: PCISTATE_FLAT_VIEW (flat mode) is not modelled");
		});
	cfg.add(reg_rw(hw::TG3PCI_CLOCK_CTRL, kMapName, 0, 0), {}, [&c](uint32_t old, uint32_t written) {
		if (!(c.cfg().get(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CLKREG_RW)) {
			c.violation(&Counters::ro_writes,
				    "config: CLOCK_CTRL written without MISC_HOST_CTRL_CLKREG_RW (0x%08" PRIx32 ")", written);
			return;
		}
		(void)old;
		c.cfg().set(hw::TG3PCI_CLOCK_CTRL, written);
	});
	cfg.add(reg_rw(hw::TG3PCI_REG_BASE_ADDR, kMapName, 0, kDwordAlignMask));
	cfg.add(reg_rw(hw::TG3PCI_MEM_WIN_BASE_ADDR, kMapName, 0, kDwordAlignMask));
	cfg.add(reg_rw(hw::TG3PCI_REG_DATA, kMapName), [this](uint32_t) { return indirect_read(); },
		[this](uint32_t, uint32_t written) { indirect_write(written); });
	cfg.add(reg_rw(hw::TG3PCI_MEM_WIN_DATA, kMapName),
		[&c](uint32_t) { return c.sram().bus_read32(c.cfg().get(hw::TG3PCI_MEM_WIN_BASE_ADDR)); },
		[&c](uint32_t, uint32_t written) {
			c.sram().bus_write32(c.cfg().get(hw::TG3PCI_MEM_WIN_BASE_ADDR), written);
		});
	/* §3: alias of GRC_LOCAL_CTRL (declared by the GRC block). */
	cfg.add(reg_rw(hw::TG3PCI_MISC_LOCAL_CTRL, kMapName),
		[&c](uint32_t) { return c.regs().read(hw::GRC_LOCAL_CTRL); },
		[&c](uint32_t, uint32_t written) { c.regs().write(hw::GRC_LOCAL_CTRL, written); });
	/* §2.2/§3 shortcuts: 64-bit registers aliasing the std producer and return-ring-0 consumer mailboxes. */
	struct Shortcut {
		uint32_t cfg_off;
		uint32_t mbox_off;
		const char *name;
	};
	const Shortcut shortcuts[] = {
		{hw::TG3PCI_STD_RING_PROD_IDX, hw::MAILBOX_RCV_STD_PROD_IDX, "TG3PCI_STD_RING_PROD_IDX_HI"},
		{hw::TG3PCI_STD_RING_PROD_IDX + hw::TG3_64BIT_REG_LOW,
		 hw::MAILBOX_RCV_STD_PROD_IDX + hw::TG3_64BIT_REG_LOW, "TG3PCI_STD_RING_PROD_IDX_LO"},
		{hw::TG3PCI_RCV_RET_RING_CON_IDX, hw::MAILBOX_RCVRET_CON_IDX_0, "TG3PCI_RCV_RET_RING_CON_IDX_HI"},
		{hw::TG3PCI_RCV_RET_RING_CON_IDX + hw::TG3_64BIT_REG_LOW,
		 hw::MAILBOX_RCVRET_CON_IDX_0 + hw::TG3_64BIT_REG_LOW, "TG3PCI_RCV_RET_RING_CON_IDX_LO"},
	};
	for (const Shortcut &s : shortcuts) {
		const uint32_t m = s.mbox_off;
		cfg.add(reg_rw(s.cfg_off, s.name), [&c, m](uint32_t) { return c.mbox().load(m); },
			[this, m](uint32_t, uint32_t written) { mailbox_alias_write(m, written); });
	}

	/* ---- PCI Express capability at 0xAC (DevCtl = TG3PCI_DEV_STATUS_CTRL) ---- */
	cfg.add(reg_ro(pci::kExpCap, "PCI_EXP_CAP", cap_header(pci::kCapIdExp, 0, pci::kExpFlagsV2Endpoint), KEEP));
	cfg.add(reg_ro(pci::kExpDevCap, "PCI_EXP_DEVCAP", pci::kExpDevCapPayload256, KEEP));
	cfg.add(reg_rw_w1c(hw::TG3PCI_DEV_STATUS_CTRL, kMapName,
			   pci::kExpDevCtlRelaxEn | pci::kExpDevCtlNoSnoopEn | pci::kExpDevCtlReadRq512,
			   pci::kExpDevCtlWritable, pci::kExpDevStaW1c));
	cfg.add(reg_ro(pci::kExpLnkCap, "PCI_EXP_LNKCAP", pci::kExpLnkCapX1Gen1, KEEP));
	cfg.add(reg_rw(pci::kExpLnkCtl, "PCI_EXP_LNKCTL_STA", pci::kExpLnkStaX1Gen1, pci::kExpLnkCtlWritable, KEEP));
	/* DevCap2 .. SltSta2: nothing implemented (hard-wired zero). */
	for (uint32_t off = pci::kExpLnkCtl + 4; off < kExpCapEnd; off += 4)
		cfg.add(reg_rw(off, "PCI_EXP_V2_REG", 0, 0, KEEP));

	/* ---- product-id registers (§1.2) ---- */
	cfg.add(reg_ro(hw::TG3PCI_GEN2_PRODID_ASICREV, kMapName,
		       info.prodid_reg == hw::TG3PCI_GEN2_PRODID_ASICREV ? info.chip_rev_id : 0, KEEP));
	cfg.add(reg_ro(hw::TG3PCI_GEN15_PRODID_ASICREV, kMapName,
		       info.prodid_reg == hw::TG3PCI_GEN15_PRODID_ASICREV ? info.chip_rev_id : 0, KEEP));
}

/* §2.2: REG_BASE_ADDR selects a GRC-side offset; mailboxes only through the 0x5800 alias. */
uint32_t PciCfg::indirect_read()
{
	Chip &c = chip();
	c.counters().indirect_accesses++;
	const uint32_t off = c.cfg().get(hw::TG3PCI_REG_BASE_ADDR);
	if (!(c.cfg().get(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_INDIR_ACCESS)) {
		c.violation(&Counters::indirect_refused, "indirect read of 0x%04" PRIx32 " without INDIR_ACCESS", off);
		return 0;
	}
	uint32_t v = 0;
	if (!c.grc_read(off, v)) {
		c.violation(&Counters::indirect_unmapped,
			    "indirect read of 0x%04" PRIx32 ": not on the GRC path (mailboxes: use +0x5600)", off);
		return 0;
	}
	c.trace().record(c.now_ns(), TraceEntry::Space::INDIRECT, 'R', off, v, c.regs().name_of(off));
	return v;
}

void PciCfg::indirect_write(uint32_t val)
{
	Chip &c = chip();
	c.counters().indirect_accesses++;
	const uint32_t off = c.cfg().get(hw::TG3PCI_REG_BASE_ADDR);
	if (!(c.cfg().get(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_INDIR_ACCESS)) {
		c.violation(&Counters::indirect_refused, "indirect write of 0x%04" PRIx32 " without INDIR_ACCESS", off);
		return;
	}
	c.trace().record(c.now_ns(), TraceEntry::Space::INDIRECT, 'W', off, val, c.regs().name_of(off));
	if (!c.grc_write(off, val))
		c.violation(&Counters::indirect_unmapped,
			    "indirect write of 0x%04" PRIx32 ": not on the GRC path (mailboxes: use +0x5600)", off);
}

void PciCfg::mailbox_alias_write(uint32_t mbox_off, uint32_t val)
{
	Chip &c = chip();
	c.counters().mailbox_writes++;
	c.mbox().bus_write(mbox_off, val);
	c.kick();
}

} // namespace

std::unique_ptr<Block> make_block_pci_cfg(Chip &chip)
{
	return std::make_unique<PciCfg>(chip);
}

} // namespace tg57xx::sim
