/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPMU, clock/power management unit (§5.5): the registers the reset and init
 * sequences touch. The CPMU is not part of the core the GRC reset clears:
 * tg3 sets the MAC clock override before the reset and clears it afterwards
 * (§12.2 steps 5 and 16), which only makes sense if the value survives, so
 * every row keeps its value across a core reset.
 *
 * TG3_CPMU_STATUS reports the PCI function on 5719/5720 (§5.5); the driver
 * mutex is granted at once (no other agent competes in the model).
 */
#include "block_list.h"
#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

constexpr uint8_t KEEP = REG_KEEP_ON_CORE_RESET;

class Cpmu final : public Block {
public:
	explicit Cpmu(Chip &chip);
};

Cpmu::Cpmu(Chip &chip) : Block(chip, "cpmu")
{
	RegFile &r = chip.regs();
	const ChipPersonality &p = chip.personality();
	const uint32_t function_bits = p.cpmu_status_fmask
					       ? (static_cast<uint32_t>(chip.config().pci_function)
						  << p.cpmu_status_fshift) & p.cpmu_status_fmask
					       : 0;
	const RegDesc rows[] = {
		reg_rw(hw::TG3_CPMU_DRV_STATUS, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_CTRL, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_LSPD_10MB_CLK, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_LSPD_1000MB_CLK, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_LNK_AWARE_PWRMD, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_HST_ACC, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_CLCK_ORIDE, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_CLCK_ORIDE_ENABLE, kMapName, 0, kAllBits, KEEP),
		reg_ro(hw::TG3_CPMU_STATUS, kMapName, function_bits, KEEP),
		/* MAC clock field 0 = 62.5 MHz (CPMU_LSPD_1000MB_MACCLK_62_5): full-speed MAC clock. */
		reg_ro(hw::TG3_CPMU_CLCK_STAT, kMapName, hw::CPMU_LSPD_1000MB_MACCLK_62_5, KEEP),
		reg_rw(hw::TG3_CPMU_MUTEX_REQ, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_MUTEX_GNT, kMapName, 0, kAllBits, KEEP),
		/* Copper parts: not SerDes. */
		reg_ro(hw::TG3_CPMU_PHY_STRAP, kMapName, 0, KEEP),
		reg_rw(hw::TG3_CPMU_PADRNG_CTL, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_EEE_MODE, kMapName, 0, kAllBits, KEEP),
		reg_rw(hw::TG3_CPMU_EEE_CTRL, kMapName, 0, kAllBits, KEEP),
	};
	for (const RegDesc &d : rows)
		r.add(d);
	/* Driver mutex: a request is granted at once; writing the grant bit releases it. */
	r.on_write(hw::TG3_CPMU_MUTEX_REQ, [&chip](uint32_t, uint32_t w) {
		if (w & hw::CPMU_MUTEX_REQ_DRIVER)
			chip.regs().set_bits(hw::TG3_CPMU_MUTEX_GNT, hw::CPMU_MUTEX_GNT_DRIVER);
	});
	r.on_write(hw::TG3_CPMU_MUTEX_GNT, [&chip](uint32_t old, uint32_t w) {
		const uint32_t released = old & w & hw::CPMU_MUTEX_GNT_DRIVER;
		chip.regs().set(hw::TG3_CPMU_MUTEX_GNT, old & ~released);
		if (released)
			chip.regs().clear_bits(hw::TG3_CPMU_MUTEX_REQ, hw::CPMU_MUTEX_REQ_DRIVER);
	});
}

} // namespace

std::unique_ptr<Block> make_block_cpmu(Chip &chip)
{
	return std::make_unique<Cpmu>(chip);
}

} // namespace tg57xx::sim
