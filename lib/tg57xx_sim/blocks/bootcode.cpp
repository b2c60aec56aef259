/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The on-chip boot code (§6.2): what the firmware in ROM/NVRAM does after
 * power-on and after every GRC core reset, as far as drivers can see it.
 *
 * After a core reset it takes NVRAM arbitration request 0 (it reads the
 * image), runs for kBootcodeRunNs and then:
 *   - enables the memory arbiter and sets up the mbuf pool (§5.7, §5.8);
 *   - programs DMA_RW_CTRL's PCI read/write commands (§3: tg3 preserves
 *     "boot-code" bits; the values are FreeBSD's, Memory Read 6 / Write 7);
 *   - publishes NIC_SRAM_DATA_SIG / DATA_CFG (copper PHY, LED mode PHY_1,
 *     ASF off; EEPROM_WP on a LOM, whose GPIOs it drives, grc.h), DATA_VER, DATA_PHY_ID, the 5717-class CPMU status copy, the
 *     MAC mailbox with the 0x484B signature, and MAC_ADDR_0_HIGH/LOW, the MAC
 *     coming from the NVRAM image (§5.12);
 *   - writes ~MAGIC1 (0xB49A89AB) to NIC_SRAM_FIRMWARE_MBOX, unconditionally
 *     (Thundergate writes 0, not MAGIC1, before a cold reset and still gets
 *     the complement back), and releases the NVRAM lock.
 * Faults::stuck_bootcode keeps it from ever finishing (and from releasing
 * the NVRAM lock). At power-on (Device::create) it has long finished.
 * A board without boot code (Config::bootcode false) runs none of this, at
 * power-on or after a reset: the handshake is never answered and nothing
 * holds the NVRAM lock.
 */
#include "block_list.h"
#include "chip.h"
#include "grc.h"
#include "hw.h"
#include "nvram.h"

namespace tg57xx::sim {

namespace {

/* NVRAM arbitration request the boot code uses (the driver's is 1, §5.12). */
constexpr unsigned kBootcodeArbRequest = 0;
/* NIC_SRAM_DATA_VER carries the version in bits 31:16 (§6.1): major.minor as two bytes. */
constexpr uint32_t kBootcodeVersion = kBootcodeVersionMajor << 8 | kBootcodeVersionMinor;
/* DATA_CFG the boot code publishes: copper PHY, LED mode PHY_1, no WOL/ASF/APE (§6.1, §6.2). */
constexpr uint32_t kDataCfg = hw::NIC_SRAM_DATA_CFG_LED_MODE_PHY_1 | hw::NIC_SRAM_DATA_CFG_PHY_TYPE_COPPER;
/* A board with management firmware (Config::mgmt) enables ASF and the APE (§6.1). */
constexpr uint32_t kDataCfgMgmt = hw::NIC_SRAM_DATA_CFG_ASF_ENABLE | hw::NIC_SRAM_DATA_CFG_APE_ENABLE;
/* A board with ASF firmware on the RX CPU (Config::asf): ASF without the APE. */
constexpr uint32_t kDataCfgAsf = hw::NIC_SRAM_DATA_CFG_ASF_ENABLE;
constexpr uint32_t kBootDmaRwCtrl = hw::field_set(hw::DMA_RWCTRL_PCI_WRITE_CMD, hw::DMA_RWCTRL_PCI_CMD_MEM_WRITE) |
				    hw::field_set(hw::DMA_RWCTRL_PCI_READ_CMD, hw::DMA_RWCTRL_PCI_CMD_MEM_READ);
constexpr unsigned kMacSigShift = 16;

class Bootcode final : public Block {
public:
	explicit Bootcode(Chip &chip) : Block(chip, "bootcode"), done_(chip.clock()) {}

	void power_on() override
	{
		if (fitted())
			complete();
	}

	void core_reset() override
	{
		if (!fitted()) {
			chip().trace_event("bootcode-absent");
			return;
		}
		if (Nvram *nv = chip().find_block<Nvram>())
			nv->arb_request(kBootcodeArbRequest);
		done_.arm_in(kBootcodeRunNs, [this] { complete(); });
	}

private:
	bool fitted() const { return chip().config().bootcode; }
	void complete();

	Timer done_;
};

void Bootcode::complete()
{
	Chip &c = chip();
	if (c.faults().stuck_bootcode) {
		c.trace_event("bootcode-stuck");
		return;
	}
	RegFile &r = c.regs();
	Sram &s = c.sram();
	const ChipPersonality &p = c.personality();

	r.set_bits(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
	r.set(hw::BUFMGR_MB_POOL_ADDR, p.mbuf_pool_base);
	r.set(hw::BUFMGR_MB_POOL_SIZE, p.mbuf_pool_size);
	c.cfg().set(hw::TG3PCI_DMA_RW_CTRL, kBootDmaRwCtrl);

	Nvram *nv = c.find_block<Nvram>();
	const MacAddress mac = nv ? nv->mac_for_function(c.config().pci_function) : c.config().mac;
	const uint32_t mac_high = static_cast<uint32_t>(mac[0]) << 8 | mac[1];
	const uint32_t mac_low = static_cast<uint32_t>(mac[2]) << 24 | static_cast<uint32_t>(mac[3]) << 16 |
				 static_cast<uint32_t>(mac[4]) << 8 | mac[5];

	s.poke32(hw::NIC_SRAM_DATA_SIG, hw::NIC_SRAM_DATA_SIG_MAGIC);
	s.poke32(hw::NIC_SRAM_DATA_CFG, kDataCfg | (c.config().mgmt ? kDataCfgMgmt : 0) | (c.config().asf ? kDataCfgAsf : 0) |
						(c.config().lom ? hw::NIC_SRAM_DATA_CFG_EEPROM_WP : 0));
	if (c.config().lom) /* the board's GPIOs (grc.h) */
		r.set(hw::GRC_LOCAL_CTRL, (r.get(hw::GRC_LOCAL_CTRL) & ~hw::TG3_GRC_LCLCTRL_GPIO_MASK) | kLomBootGpioDrive);
	s.poke32(hw::NIC_SRAM_DATA_VER, kBootcodeVersion << hw::NIC_SRAM_DATA_VER_SHIFT);
	s.poke32(hw::NIC_SRAM_DATA_PHY_ID, c.info().phy_id);
	s.poke32(hw::NIC_SRAM_MAC_ADDR_HIGH_MBOX, hw::TG3_SRAM_MAC_ADDR_SIG << kMacSigShift | mac_high);
	s.poke32(hw::NIC_SRAM_MAC_ADDR_LOW_MBOX, mac_low);
	if (p.cpmu_status_fmask != 0)
		s.poke32(hw::NIC_SRAM_CPMU_STATUS,
			 (r.get(hw::TG3_CPMU_STATUS) & p.cpmu_status_fmask) | hw::NIC_SRAM_CPMUSTAT_SIG);
	r.set(hw::MAC_ADDR_0_HIGH, mac_high);
	r.set(hw::MAC_ADDR_0_LOW, mac_low);

	s.poke32(hw::NIC_SRAM_FIRMWARE_MBOX, hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT);
	if (nv)
		nv->arb_release(kBootcodeArbRequest);
	c.counters().bootcode_completions++;
	c.trace_event("bootcode-done");
}

} // namespace

std::unique_ptr<Block> make_block_bootcode(Chip &chip)
{
	return std::make_unique<Bootcode>(chip);
}

} // namespace tg57xx::sim
