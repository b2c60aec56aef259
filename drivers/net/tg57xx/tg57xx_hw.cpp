/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Chip control: probe-time setup (ref §12.1), core reset and firmware
 * handshake (§12.2, §6.2), NVRAM (§5.12), MAC address (§6.1, §5.1), quiesce
 * (§13). The full initialisation of §12.3 is in tg57xx_hw_init.cpp.
 */
#include "tg57xx_hw.h"

#include <cerrno>
#include <cstring>

#include <rte_byteorder.h>
#include <rte_cycles.h>

#include "tg57xx_ape.h"
#include "tg57xx_hash.h"
#include "tg57xx_logs.h"
#include "tg57xx_regs.h"

namespace tg57xx::pmd {

namespace {

/* Delays above this are slept, not spun (control path only). */
constexpr unsigned kSpinLimitUs = 100;

/* PCI command register: memory decode + bus master (PCI spec; ref §12.1 step 1). */
constexpr uint32_t kPciCommandOff = 0x04;
constexpr uint32_t kPciCommandMem = 0x0002;
constexpr uint32_t kPciCommandMaster = 0x0004;
constexpr uint32_t kPciCommandMask = 0x0000FFFF; /* keep status (W1C) bits zero */
/* PCISTATE: let the host write the APE's control space, shared memory and
 * scratchpad (tg3_get_invariants, tg3_restore_pci_state; ref §3). */
constexpr uint32_t kPciStateApeWrites =
	hw::PCISTATE_ALLOW_APE_CTLSPC_WR | hw::PCISTATE_ALLOW_APE_SHMEM_WR | hw::PCISTATE_ALLOW_APE_PSPACE_WR;

/* Firmware handshake poll (ref §6.2 step 3; tg3_poll_fw): 100000 x 10 us. */
constexpr unsigned kFwPollLoops = 100000;
constexpr unsigned kFwPollUs = 10;
/* 57765 A0 needs 10 ms more after the handshake (ref §6.2, §15). */
constexpr unsigned k57765A0ExtraUs = 10000;
/* tg3_chip_reset: 120 us after the reset write, config-read flush, 120 us more (ref §12.2 step 7). */
constexpr unsigned kResetSettleUs = 120;
/* MAC_MODE write settle (ref §12.2 step 13) and MDIO start (step 14). */
constexpr unsigned kMacModeSettleUs = 40;
constexpr unsigned kMiModeSettleUs = 80;

/* NVRAM lock: 8000 x 20 us (ref §5.12); command done: 10000 x 10 us. */
constexpr unsigned kSwarbLoops = 8000;
constexpr unsigned kSwarbPollUs = 20;
constexpr unsigned kNvramCmdLoops = 10000;
constexpr unsigned kNvramCmdPollUs = 10;

/* tg3_stop_block: 1000 x 100 us (ref §13). */
constexpr unsigned kStopLoops = 1000;
constexpr unsigned kStopPollUs = 100;

/* Boot-code version in NVRAM (tg3_read_bc_ver, "new" format): 0x4 holds the
 * image load address, 0xC the image offset; the image header word matches
 * kBcHdrPattern under kBcHdrMask, the word after it is 0, and the third word
 * is the NIC address of a 16-byte version string. */
constexpr uint32_t kNvmBcStartOff = 0x4;
constexpr uint32_t kNvmBcImageOff = 0xC;
constexpr uint32_t kBcHdrMask = 0xFC000000;
constexpr uint32_t kBcHdrPattern = 0x0C000000;
constexpr uint32_t kBcVerBytes = 16;

} // namespace

void udelay(unsigned us)
{
	if (us > kSpinLimitUs)
		rte_delay_us_sleep(us);
	else
		rte_delay_us_block(us);
}

int wait_reg(const Hw &h, uint32_t off, uint32_t mask, uint32_t want, unsigned loops, unsigned delay_us)
{
	for (unsigned i = 0; i < loops; i++) {
		if ((rd32(h, off) & mask) == want)
			return 0;
		udelay(delay_us);
	}
	return (rd32(h, off) & mask) == want ? 0 : -ETIMEDOUT;
}

/* tg3_read_mem/tg3_write_mem: window base, data register, base back to 0 ("Always leave this as zero"). */
uint32_t sram_read(const Hw &h, uint32_t addr)
{
	wr32(h, hw::TG3PCI_MEM_WIN_BASE_ADDR, addr);
	uint32_t v = rd32(h, hw::TG3PCI_MEM_WIN_DATA);
	wr32(h, hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	return v;
}

void sram_write(const Hw &h, uint32_t addr, uint32_t val)
{
	wr32(h, hw::TG3PCI_MEM_WIN_BASE_ADDR, addr);
	wr32(h, hw::TG3PCI_MEM_WIN_DATA, val);
	wr32(h, hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
}

/* ---- NVRAM (ref §5.12, tg3_nvram_read) ---- */

static int nvram_lock(const Hw &h)
{
	wr32(h, hw::NVRAM_SWARB, hw::SWARB_REQ_SET1);
	if (wait_reg(h, hw::NVRAM_SWARB, hw::SWARB_GNT1, hw::SWARB_GNT1, kSwarbLoops, kSwarbPollUs) != 0) {
		wr32(h, hw::NVRAM_SWARB, hw::SWARB_REQ_CLR1);
		return -EBUSY;
	}
	return 0;
}

static void nvram_unlock(const Hw &h)
{
	wr32(h, hw::NVRAM_SWARB, hw::SWARB_REQ_CLR1);
}

int nvram_read_be(Hw &h, uint32_t addr, uint32_t *val)
{
	int ret;

	if (addr > hw::NVRAM_ADDR_MSK || (addr & 3) != 0)
		return -EINVAL;
	rte_spinlock_lock(&h.lock);
	ret = nvram_lock(h);
	if (ret == 0) {
		wr32(h, hw::NVRAM_ACCESS, rd32(h, hw::NVRAM_ACCESS) | hw::ACCESS_ENABLE);
		wr32(h, hw::NVRAM_ADDR, addr);
		wr32(h, hw::NVRAM_CMD, hw::NVRAM_CMD_RD | hw::NVRAM_CMD_GO | hw::NVRAM_CMD_FIRST |
					       hw::NVRAM_CMD_LAST | hw::NVRAM_CMD_DONE);
		ret = wait_reg(h, hw::NVRAM_CMD, hw::NVRAM_CMD_DONE, hw::NVRAM_CMD_DONE, kNvramCmdLoops,
			       kNvramCmdPollUs);
		if (ret == 0)
			*val = rd32(h, hw::NVRAM_RDDATA);
		wr32(h, hw::NVRAM_ACCESS, rd32(h, hw::NVRAM_ACCESS) & ~hw::ACCESS_ENABLE);
		nvram_unlock(h);
	}
	rte_spinlock_unlock(&h.lock);
	return ret;
}

/* ---- identification and probe ---- */

int hw_identify(Hw &h)
{
	uint32_t ids = cfg_rd32(h, hw::TG3PCI_VENDOR);
	uint16_t vendor = static_cast<uint16_t>(ids);
	uint16_t device = static_cast<uint16_t>(ids >> 16);
	const hw::PciId *id = hw::find_pci_id(device);

	if (vendor != hw::TG3PCI_VENDOR_BROADCOM || id == nullptr) {
		PMD_INIT_LOG(ERR, "%s: %04x:%04x is not a supported Tigon3 device", h.name, vendor, device);
		return -ENODEV;
	}
	uint32_t misc = cfg_rd32(h, hw::TG3PCI_MISC_HOST_CTRL);
	uint32_t prodid = cfg_rd32(h, hw::prodid_reg_offset(id->prodid));
	auto chip = hw::identify_chip(misc, prodid);
	if (!chip || chip->caps == nullptr) {
		PMD_INIT_LOG(ERR, "%s: %s: unsupported chip revision (MISC_HOST_CTRL 0x%08x, product id 0x%08x)",
			     h.name, id->name, misc, prodid);
		return -ENOTSUP;
	}
	h.chip = *chip;
	h.fam = chip->caps->families;
	return 0;
}

/* Read the boot-code version string (tg3_read_bc_ver, new format). */
static void read_fw_version(Hw &h)
{
	uint32_t start, offset, hdr, zero, ver_addr;
	char ver[kBcVerBytes + 1] = {};

	std::snprintf(h.fw_version, sizeof(h.fw_version), "unknown");
	if (nvram_read_be(h, kNvmBcImageOff, &offset) || nvram_read_be(h, kNvmBcStartOff, &start) ||
	    nvram_read_be(h, offset, &hdr) || (hdr & kBcHdrMask) != kBcHdrPattern ||
	    nvram_read_be(h, offset + 4, &zero) || zero != 0 || nvram_read_be(h, offset + 8, &ver_addr))
		return;
	uint32_t at = offset + ver_addr - start;
	for (uint32_t i = 0; i < kBcVerBytes; i += 4) {
		uint32_t w;
		if (nvram_read_be(h, at + i, &w))
			return;
		w = rte_cpu_to_be_32(w);
		std::memcpy(ver + i, &w, sizeof(w));
	}
	for (char &c : ver)
		if (c != '\0' && (c < ' ' || c > '~'))
			c = '?';
	std::snprintf(h.fw_version, sizeof(h.fw_version), "%s", ver);
}

/* MAC address: SRAM mailbox, then NVRAM, then MAC_ADDR_0 (ref §5.12, §6.1; tg3_get_device_address). */
static int read_mac_addr(Hw &h)
{
	uint32_t hi = sram_read(h, hw::NIC_SRAM_MAC_ADDR_HIGH_MBOX);
	uint32_t lo;
	uint8_t *a = h.perm_addr;

	if ((hi >> 16) == hw::TG3_SRAM_MAC_ADDR_SIG) {
		lo = sram_read(h, hw::NIC_SRAM_MAC_ADDR_LOW_MBOX);
	} else {
		uint32_t off = hw::BGE_EE_MAC_OFFSET;
		if (h.has(hw::FAM_5717_PLUS)) {
			if (h.pci_fn & 1)
				off = hw::TG3_NVRAM_MAC_OFFSET_ODD_FN;
			if (h.pci_fn > 1)
				off += hw::TG3_NVRAM_MAC_OFFSET_FN_GT1_ADD;
		}
		if (nvram_read_be(h, off, &hi) != 0 || nvram_read_be(h, off + 4, &lo) != 0) {
			hi = rd32(h, hw::MAC_ADDR_0_HIGH);
			lo = rd32(h, hw::MAC_ADDR_0_LOW);
		}
	}
	a[0] = static_cast<uint8_t>(hi >> 8);
	a[1] = static_cast<uint8_t>(hi);
	a[2] = static_cast<uint8_t>(lo >> 24);
	a[3] = static_cast<uint8_t>(lo >> 16);
	a[4] = static_cast<uint8_t>(lo >> 8);
	a[5] = static_cast<uint8_t>(lo);
	bool zero = true, multicast = (a[0] & 1) != 0;
	for (unsigned i = 0; i < kMacLen; i++)
		zero = zero && a[i] == 0;
	if (zero || multicast) {
		PMD_INIT_LOG(ERR, "%s: no valid MAC address in SRAM, NVRAM or MAC_ADDR_0", h.name);
		return -EINVAL;
	}
	return 0;
}

/* ---- board GPIOs (ref §5.11 GRC_LOCAL_CTRL) ---- */

/*
 * tg3_get_invariants' grc_local_ctrl: interrupt on attention, auto SEEPROM;
 * GPIO1 driven high on a LOM, where it is the NVRAM write protect (tg3
 * EEPROM_WRITE_PROT, set exactly when IS_NIC is not on the chips here); the
 * debug UART off the GPIO pins on the 57765 class, and on the 5762 as the
 * boot code left it.
 */
static uint32_t local_ctrl_of(const Hw &h)
{
	uint32_t v = hw::TG3_GRC_LOCAL_CTRL_INIT;
	if (!h.is_nic)
		v |= hw::TG3_GRC_LCLCTRL_EEPROM_WP;
	if (h.has(hw::FAM_57765_CLASS))
		v |= hw::GRC_LCLCTRL_GPIO_UART_SEL;
	if (h.is_asic(hw::ASIC_REV_5762))
		v |= rd32(h, hw::GRC_LOCAL_CTRL) & hw::GRC_LCLCTRL_GPIO_UART_SEL;
	return v;
}

/*
 * tg3_pwrsrc_switch_to_vmain: an add-in NIC leaves Vaux by writing
 * grc_local_ctrl (its GPIO bits clear) and waiting PWRSW_DELAY. On the
 * 5717/5719/5720 the APE firmware drives the same GPIOs, so the write is made
 * holding the APE GPIO lock (a no-op without an APE). Like tg3, a lock that
 * is not granted leaves the board on Vaux and probe goes on.
 */
static void switch_to_vmain(const Hw &h)
{
	if (!h.is_nic)
		return;
	const bool shared = h.has(hw::FAM_5717_PLUS); /* tg3: ASIC 5717 (and 5718), 5719, 5720 */
	if (shared && ape_lock(h, hw::TG3_APE_LOCK_GPIO) != 0) {
		PMD_INIT_LOG(WARNING, "%s: APE GPIO lock not granted, board left on Vaux", h.name);
		return;
	}
	wr32_f(h, hw::GRC_LOCAL_CTRL, h.grc_local_ctrl);
	udelay(hw::TG3_GRC_LCLCTL_PWRSW_DELAY_US);
	if (shared)
		ape_unlock(h, hw::TG3_APE_LOCK_GPIO);
}

void hw_keep_lom_gpios(Hw &h)
{
	if (h.is_nic)
		return;
	h.grc_local_ctrl &= ~hw::TG3_GRC_LCLCTRL_GPIO_MASK;
	h.grc_local_ctrl |= (rd32(h, hw::GRC_LOCAL_CTRL) & hw::TG3_GRC_LCLCTRL_GPIO_MASK) | hw::TG3_GRC_LCLCTRL_EEPROM_WP;
}

int hw_probe(Hw &h)
{
	int ret;

	/* 1. Memory decode and bus mastering (tg3_init_one). */
	uint32_t cmd = cfg_rd32(h, kPciCommandOff) & kPciCommandMask;
	cfg_wr32(h, kPciCommandOff, cmd | kPciCommandMem | kPciCommandMaster);

	/* 2. MISC_HOST_CTRL (ref §12.1 step 2, §2.3); tagged status kept for later (§10.8). */
	h.misc_host_ctrl = hw::MISC_HOST_CTRL_MASK_PCI_INT | hw::MISC_HOST_CTRL_WORD_SWAP |
			   hw::MISC_HOST_CTRL_INDIR_ACCESS | hw::MISC_HOST_CTRL_PCISTATE_RW |
			   hw::MISC_HOST_CTRL_TAGGED_STATUS;
	cfg_wr32(h, hw::TG3PCI_MISC_HOST_CTRL, h.misc_host_ctrl);

	/* 3. Family, swap settings for a little-endian host (ref §2.3). */
	ret = hw_identify(h);
	if (ret != 0)
		return ret;
	h.grc_mode = hw::GRC_MODE_WSWAP_DATA | hw::GRC_MODE_BSWAP_DATA | hw::GRC_MODE_WSWAP_NONFRM_DATA;

	/* 4. Memory arbiter on: SRAM accesses need it (ref §2.1). */
	wr32(h, hw::MEMARB_MODE, rd32(h, hw::MEMARB_MODE) | hw::MEMARB_MODE_ENABLE);

	/* 5. PCI function (5717_PLUS: CPMU status, SRAM copy first), SRAM config, MDIO mode. */
	if (h.has(hw::FAM_5717_PLUS)) {
		uint32_t st = sram_read(h, hw::NIC_SRAM_CPMU_STATUS);
		if ((st & hw::NIC_SRAM_CPMUSTAT_SIG_MSK) != hw::NIC_SRAM_CPMUSTAT_SIG)
			st = rd32(h, hw::TG3_CPMU_STATUS);
		if (h.is_asic(hw::ASIC_REV_5717))
			h.pci_fn = (st & hw::TG3_CPMU_STATUS_FMSK_5717) ? 1 : 0;
		else
			h.pci_fn = (st & hw::TG3_CPMU_STATUS_FMSK_5719) >> hw::TG3_CPMU_STATUS_FSHFT_5719;
	}
	if (sram_read(h, hw::NIC_SRAM_DATA_SIG) == hw::NIC_SRAM_DATA_SIG_MAGIC) {
		uint32_t cfg = sram_read(h, hw::NIC_SRAM_DATA_CFG);
		h.asf_enabled = (cfg & hw::NIC_SRAM_DATA_CFG_ASF_ENABLE) != 0;
		h.is_nic = (cfg & hw::NIC_SRAM_DATA_CFG_EEPROM_WP) == 0;
	}
	/* APE (tg3_init_one: by chip; BAR2 must be mapped), its config-space
	 * write enables and no stale locks (tg3_get_invariants, tg3_ape_lock_init). */
	h.ape_enabled = h.chip.caps->has_ape;
	if (h.ape_enabled) {
		if (hw_io(h).ape_read32 == nullptr) {
			PMD_INIT_LOG(ERR, "%s: %s has an APE but BAR2 is not mapped", h.name, h.chip.caps->family_name);
			return -ENODEV;
		}
		cfg_wr32(h, hw::TG3PCI_PCISTATE, cfg_rd32(h, hw::TG3PCI_PCISTATE) | kPciStateApeWrites);
		ape_lock_init(h);
	}
	/* Local control, then off Vaux (tg3_get_invariants). */
	h.grc_local_ctrl = local_ctrl_of(h);
	switch_to_vmain(h);
	h.phy_addr = 1; /* TG3_PHY_MII_ADDR, ref §11.1 */
	if (h.has(hw::FAM_5717_PLUS)) {
		if (rd32(h, hw::SG_DIG_STATUS) & hw::SG_DIG_IS_SERDES) {
			PMD_INIT_LOG(ERR, "%s: SerDes (fibre) ports are not supported", h.name);
			return -ENOTSUP;
		}
		h.phy_addr = static_cast<uint8_t>(h.pci_fn + 1);
	}
	h.mi_mode = hw::MAC_MI_MODE_500KHZ_CONST;

	/* 6. GRC_MODE keeps HOST_STACKUP (and BMC bits on 5720/5762); windows to 0. */
	uint32_t keep = hw::GRC_MODE_HOST_STACKUP;
	if (h.is_asic(hw::ASIC_REV_5720) || h.is_asic(hw::ASIC_REV_5762))
		keep |= hw::GRC_MODE_B2HRX_ENABLE | hw::GRC_MODE_HTX2B_ENABLE;
	wr32(h, hw::GRC_MODE, (rd32(h, hw::GRC_MODE) & keep) | h.grc_mode);
	cfg_wr32(h, hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	cfg_wr32(h, hw::TG3PCI_REG_BASE_ADDR, 0);

	/* 7. A boot environment (UNDI/EFI) left the engines running: halt first. */
	if ((rd32(h, hw::HOSTCC_MODE) & hw::HOSTCC_MODE_ENABLE) ||
	    (rd32(h, hw::WDMAC_MODE) & hw::WDMAC_MODE_ENABLE)) {
		wr32(h, hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
		ret = hw_halt(h, hw::DRV_STATE_UNLOAD);
		if (ret != 0)
			return ret;
	}

	ret = read_mac_addr(h);
	if (ret != 0)
		return ret;
	read_fw_version(h);
	return 0;
}

/* ---- core reset (ref §12.2, tg3_chip_reset) ---- */

/*
 * Boot code handshake (ref §6.2 step 3; tg3: tg3_poll_fw). A board may be
 * fitted without boot code ("Some Sun onboard parts are configured like
 * that"), and from here one whose boot code hangs looks the same: tg3 does
 * not fail the reset but says "No firmware running" once and carries on,
 * and after that skips the 1 s wait on every later reset. Its one fatal
 * case is the 5906 (VCPU_STATUS_INIT_DONE), not a chip of this driver. The
 * 57765 A0 wait follows the handshake either way.
 */
static void poll_fw(Hw &h)
{
	if (h.no_fw_reported)
		return;
	unsigned i = 0;
	while (i < kFwPollLoops &&
	       sram_read(h, hw::NIC_SRAM_FIRMWARE_MBOX) != hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT) {
		udelay(kFwPollUs);
		i++;
	}
	if (i == kFwPollLoops) {
		h.no_fw_reported = true;
		PMD_INIT_LOG(WARNING, "%s: No firmware running (NIC_SRAM_FIRMWARE_MBOX 0x%08x, not ~MAGIC1, after 1 s): going on without boot code, as tg3 does",
			     h.name, sram_read(h, hw::NIC_SRAM_FIRMWARE_MBOX));
	}
	if (h.chip.chip_rev_id == hw::CHIPREV_ID_57765_A0)
		udelay(k57765A0ExtraUs);
}

int hw_chip_reset(Hw &h)
{
	/* Before (callers): tg3_stop_fw and tg3_write_sig_pre_reset (fw_sig_pre_reset). */
	rte_spinlock_lock(&h.lock);
	/* 1. NVRAM lock: the reset releases it (ref §12.2 step 1). */
	bool nvram_locked = nvram_lock(h) == 0;
	(void)nvram_locked;
	/* ... and the APE GRC lock: the management firmware keeps off the core
	 * until MAC_MODE is rewritten (tg3_chip_reset). tg3 goes on without it. */
	(void)ape_lock(h, hw::TG3_APE_LOCK_GRC);
	/* 2. Save what the reset loses: the host's PCIe Device Control (step 8). */
	const uint32_t devctl = cfg_rd32(h, hw::TG3PCI_DEV_STATUS_CTRL) & hw::TG3PCI_DEVCTL_MASK;
	/* Fast boot off (5755_PLUS). */
	wr32(h, hw::GRC_FASTBOOT_PC, 0);
	/* 4. PCIe: no link retraining during the reset. */
	wr32(h, hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	/* 5. Slow link-aware clocks lengthen the boot: override the MAC clock. */
	if (h.is_asic(hw::ASIC_REV_5717))
		wr32(h, hw::TG3_CPMU_CLCK_ORIDE_ENABLE,
		     rd32(h, hw::TG3_CPMU_CLCK_ORIDE_ENABLE) | hw::TG3_CPMU_MAC_ORIDE_ENABLE);
	else if (h.is_5719_or_5720())
		wr32(h, hw::TG3_CPMU_CLCK_ORIDE, hw::CPMU_CLCK_ORIDE_MAC_ORIDE_EN);
	/* 6. The reset itself: a posted write, no MMIO read-back. */
	wr32(h, hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	/* 7. Settle; flush with a config read (MMIO is unusable now). */
	udelay(kResetSettleUs);
	(void)cfg_rd32(h, hw::TG3PCI_VENDOR);
	udelay(kResetSettleUs);
	/* 8. PCIe (tg3_chip_reset, bge_reset): the reset reloaded Device Control
	 * with relaxed ordering and no snoop on and a 512-byte read request, and
	 * latched Device Status errors. Put back the host's value (MRRS and payload
	 * as bge_reset keeps them) without RELAX_EN/NOSNOOP_EN, and clear the
	 * errors (W1C, same dword). All chips here have a CPMU, so tg3's 128-byte
	 * payload limit does not apply. */
	cfg_wr32(h, hw::TG3PCI_DEV_STATUS_CTRL,
		 (devctl & ~(hw::TG3PCI_DEVCTL_RELAX_EN | hw::TG3PCI_DEVCTL_NOSNOOP_EN)) | hw::TG3PCI_DEVSTA_ERRORS);
	/* 9. Restore config state (tg3_restore_pci_state). */
	uint32_t cmd = cfg_rd32(h, kPciCommandOff) & kPciCommandMask;
	cfg_wr32(h, kPciCommandOff, cmd | kPciCommandMem | kPciCommandMaster);
	cfg_wr32(h, hw::TG3PCI_MISC_HOST_CTRL, h.misc_host_ctrl);
	cfg_wr32(h, hw::TG3PCI_PCISTATE,
		 hw::PCISTATE_ROM_ENABLE | hw::PCISTATE_ROM_RETRY_ENABLE | (h.ape_enabled ? kPciStateApeWrites : 0));
	/* 10. Memory arbiter. */
	wr32(h, hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
	rte_spinlock_unlock(&h.lock);

	/* 12. GRC mode; 13. MAC mode 0 (copper). */
	uint32_t keep = rd32(h, hw::GRC_MODE) & (hw::GRC_MODE_B2HRX_ENABLE | hw::GRC_MODE_HTX2B_ENABLE);
	if (!(h.is_asic(hw::ASIC_REV_5720) || h.is_asic(hw::ASIC_REV_5762)))
		keep = 0;
	wr32(h, hw::GRC_MODE, h.grc_mode | keep);
	wr32_f(h, hw::MAC_MODE, 0);
	udelay(kMacModeSettleUs);
	ape_unlock(h, hw::TG3_APE_LOCK_GRC);
	/* 11. Boot code handshake, after the APE GRC lock is given back (tg3_chip_reset):
	 * a board without boot code must not keep the management firmware off the core for 1 s. */
	poll_fw(h);
	/* 14. MDIO, auto-poll off (tg3_mdio_start). */
	wr32_f(h, hw::MAC_MI_MODE, h.mi_mode);
	udelay(kMiModeSettleUs);
	/* 16. Undo the clock override; 5762 keeps it. */
	if (h.is_asic(hw::ASIC_REV_5717))
		wr32(h, hw::TG3_CPMU_CLCK_ORIDE_ENABLE,
		     rd32(h, hw::TG3_CPMU_CLCK_ORIDE_ENABLE) & ~hw::TG3_CPMU_MAC_ORIDE_ENABLE);
	else if (h.is_5719_or_5720())
		wr32(h, hw::TG3_CPMU_CLCK_ORIDE, rd32(h, hw::TG3_CPMU_CLCK_ORIDE) & ~hw::CPMU_CLCK_ORIDE_MAC_ORIDE_EN);
	else if (h.is_asic(hw::ASIC_REV_5762))
		wr32(h, hw::TG3_CPMU_CLCK_ORIDE_ENABLE,
		     rd32(h, hw::TG3_CPMU_CLCK_ORIDE_ENABLE) | hw::TG3_CPMU_MAC_ORIDE_ENABLE);
	return 0;
}

/* ---- quiesce (ref §13, tg3_abort_hw) ---- */

static int stop_block(const Hw &h, uint32_t reg, uint32_t enable)
{
	wr32(h, reg, rd32(h, reg) & ~enable);
	int ret = wait_reg(h, reg, enable, 0, kStopLoops, kStopPollUs);
	if (ret != 0)
		PMD_DRV_LOG(ERR, "%s: block at 0x%04x did not stop", h.name, reg);
	return ret;
}

int hw_abort(Hw &h)
{
	int ret = 0;

	/* 1. Interrupts off (tg3_disable_ints). */
	cfg_wr32(h, hw::TG3PCI_MISC_HOST_CTRL, h.misc_host_ctrl | hw::MISC_HOST_CTRL_MASK_PCI_INT);
	for (unsigned v = 0; v < hw::TG3_IRQ_MAX_VECS; v++)
		mbox_wr(h, hw::TG3_VEC_INT_MBOX(v), 1);
	/* 2. Receive MAC off. */
	wr32_f(h, hw::MAC_RX_MODE, rd32(h, hw::MAC_RX_MODE) & ~hw::RX_MODE_ENABLE);
	udelay(10);
	/* 3. Receive blocks; 4. send blocks (RCVLSC/DMAC/MBFREE are pre-5705 only). */
	ret |= stop_block(h, hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE);
	ret |= stop_block(h, hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	ret |= stop_block(h, hw::RCVDBDI_MODE, hw::RCVDBDI_MODE_ENABLE);
	ret |= stop_block(h, hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE);
	ret |= stop_block(h, hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE);
	ret |= stop_block(h, hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE);
	ret |= stop_block(h, hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE);
	ret |= stop_block(h, hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE);
	ret |= stop_block(h, hw::RDMAC_MODE, hw::RDMAC_MODE_ENABLE);
	ret |= stop_block(h, hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE);
	ret |= stop_block(h, hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE);
	/* 5. Transmit DMA engine off; the APE keeps its MAC path (tg3 tp->mac_mode). */
	const uint32_t ape_mac = h.ape_enabled ? hw::MAC_MODE_APE_TX_EN | hw::MAC_MODE_APE_RX_EN : 0;
	wr32_f(h, hw::MAC_MODE, (rd32(h, hw::MAC_MODE) & ~hw::MAC_MODE_TDE_ENABLE) | ape_mac);
	udelay(kMacModeSettleUs);
	/* 6. Transmit MAC off and wait. */
	ret |= stop_block(h, hw::MAC_TX_MODE, hw::TX_MODE_ENABLE);
	/* 7. Host coalescing and write DMA. */
	ret |= stop_block(h, hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE);
	ret |= stop_block(h, hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE);
	/* 8. Flow-through queues reset. */
	wr32(h, hw::FTQ_RESET, 0xFFFFFFFF);
	wr32(h, hw::FTQ_RESET, 0);
	/* 9. BUFMGR and MEMARB "can't be disabled" on 5705_PLUS: skipped as tg3 does. */
	return ret != 0 ? -ETIMEDOUT : 0;
}

int hw_halt(Hw &h, uint32_t drv_state)
{
	const ResetKind kind = drv_state == hw::DRV_STATE_SUSPEND ? ResetKind::SUSPEND : ResetKind::SHUTDOWN;
	fw_stop(h);
	fw_sig_pre_reset(h, kind);
	int aborted = hw_abort(h);
	int ret = hw_chip_reset(h);
	if (ret == 0) {
		hw_set_mac_addr(h, h.perm_addr);
		fw_sig_post_reset(h, kind);
	}
	return ret != 0 ? ret : aborted;
}

/* ---- MAC address (ref §5.1, __tg3_set_mac_addr) ---- */

void hw_set_mac_addr(const Hw &h, const uint8_t a[kMacLen])
{
	uint32_t hi = (uint32_t{a[0]} << 8) | a[1];
	uint32_t lo = (uint32_t{a[2]} << 24) | (uint32_t{a[3]} << 16) | (uint32_t{a[4]} << 8) | a[5];
	uint32_t seed = 0;

	for (unsigned n = 0; n < hw::TG3_NUM_MAC_ADDR; n++) {
		wr32(h, hw::MAC_ADDR_HIGH(n), hi);
		wr32(h, hw::MAC_ADDR_LOW(n), lo);
	}
	for (unsigned i = 0; i < kMacLen; i++)
		seed += a[i];
	wr32(h, hw::MAC_TX_BACKOFF_SEED, seed & hw::TX_BACKOFF_SEED_MASK);
}

} // namespace tg57xx::pmd
