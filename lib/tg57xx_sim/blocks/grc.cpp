/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GRC, general control (§5.11): mode, the core reset (§12.2), local control
 * (interrupt assert/clear, GPIOs), the free-running timer, fast-boot PC; and
 * the PCIe TL/DL/PL port window at 0x7C00 (§5.13) whose bank GRC_MODE selects.
 *
 * Core reset: a write with GRC_MISC_CFG_CORECLK_RESET starts it at once
 * (Chip::begin_core_reset: register files to reset values, blocks reset),
 * BAR0 is dead for kCoreResetWindowNs, and the boot code (bootcode.cpp)
 * publishes its handshake kBootcodeRunNs after the write.
 *
 * Board GPIOs 0-2 (GRC_LOCAL_CTRL OE/OUTPUT; grc.h): the pins' drive
 * survives a core reset (the rest of the register does not). On a LOM
 * (Config::lom) the boot code drives them and a write that takes them away
 * counts Counters::gpio_lom_clobbers (tg3_reset_hw keeps them). On an add-in
 * NIC they hold the power-source switch on Vaux from power-on until the
 * driver switches to Vmain; on the 5717 family the APE firmware drives the
 * same pins, so a write that changes them without the driver holding the
 * APE GPIO lock counts Counters::gpio_unlocked_writes
 * (tg3_pwrsrc_switch_to_vmain). On the 57765 class the debug UART has the
 * pins until GRC_LCLCTRL_GPIO_UART_SEL is set (tg3_get_invariants sets it);
 * a GPIO change before that does not reach them
 * (Counters::gpio_uart_pin_writes).
 */
#include "grc.h"

#include <array>
#include <cinttypes>

#include "ape.h"
#include "block_list.h"
#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

constexpr uint8_t KEEP = REG_KEEP_ON_CORE_RESET;

/* GRC_MISC_CFG bits a host may write (§5.11); board id is a strap (read-only). */
constexpr uint32_t kMiscCfgWritable = hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_PRESCALAR_MASK |
				      hw::GRC_MISC_CFG_EPHY_IDDQ | hw::GRC_MISC_CFG_KEEP_GPHY_POWER |
				      hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET;

/* GRC_LOCAL_CTRL (§5.11): interrupt strobes, attention routing, GPIO outputs, auto SEEPROM. */
constexpr uint32_t kLocalCtrlStrobes = hw::GRC_LCLCTRL_CLEARINT | hw::GRC_LCLCTRL_SETINT;
constexpr uint32_t kLocalCtrlWritable = kLocalCtrlStrobes | hw::GRC_LCLCTRL_INT_ON_ATTN | hw::GRC_LCLCTRL_GPIO_OE0 |
					hw::GRC_LCLCTRL_GPIO_OE1 | hw::GRC_LCLCTRL_GPIO_OE2 |
					hw::GRC_LCLCTRL_GPIO_OUTPUT0 | hw::GRC_LCLCTRL_GPIO_OUTPUT1 |
					hw::GRC_LCLCTRL_GPIO_OUTPUT2 | hw::GRC_LCLCTRL_AUTO_SEEPROM;

/* GRC_TIMER counts core clocks / (prescaler + 1); "clock is always 66 MHz" (§5.11). */
constexpr uint64_t kCoreClockHz = 66'000'000;
constexpr uint64_t kNsPerSec = 1'000'000'000;

/* PCIe port window (§5.13): 0x7C00-0x7CFF shows the TL, DL or PL bank. */
constexpr uint32_t kPciePortBytes = 0x100;
constexpr uint32_t kPciePortWords = kPciePortBytes / 4;
enum PcieBank : unsigned { BANK_TL, BANK_DL, BANK_PL, NUM_BANKS };

constexpr RegDesc kRegs[] = {
	reg_rw(hw::GRC_MODE, kMapName),
	reg_sc(hw::GRC_MISC_CFG, kMapName, hw::GRC_MISC_CFG_CORECLK_RESET, 0, 0, kMiscCfgWritable),
	reg_rw(hw::GRC_TIMER, kMapName),
	reg_rw(hw::GRC_RX_CPU_EVENT, kMapName),
	reg_rw(hw::GRC_RX_CPU_SEM, kMapName),
	reg_rw(hw::GRC_TX_CPU_EVENT, kMapName),
	reg_rw(hw::GRC_MEM_POWER_UP, kMapName),
	reg_rw(hw::GRC_EEPROM_ADDR, kMapName),
	reg_rw(hw::GRC_EEPROM_DATA, kMapName),
	reg_rw(hw::GRC_MDI_CTRL, kMapName),
	reg_rw(hw::GRC_FASTBOOT_PC, kMapName),
};
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

class Grc final : public Block {
public:
	explicit Grc(Chip &chip);
	void power_on() override;
	void core_reset() override;

private:
	void misc_cfg_written(uint32_t written);
	void local_ctrl_written(uint32_t old, uint32_t written);
	void gpio_written(uint32_t before, uint32_t after);
	uint32_t timer_read() const;
	unsigned pcie_bank() const;

	Timer reset_window_;
	uint64_t timer_base_ns_ = 0;
	uint32_t timer_base_ticks_ = 0;
	/* PCIe port banks survive a core reset: bit 29 keeps the PCIe block (§12.2 step 4). */
	std::array<std::array<uint32_t, kPciePortWords>, NUM_BANKS> pcie_{};
};

Grc::Grc(Chip &chip) : Block(chip, "grc"), reset_window_(chip.clock())
{
	RegFile &r = chip.regs();
	for (const RegDesc &d : kRegs)
		r.add(d);
	/* GPIO_UART_SEL exists on the 57765 class (tg3_get_invariants); the GPIO drive is kept (core_reset). */
	const uint32_t uart_sel = chip.personality().is_57765_class ? hw::GRC_LCLCTRL_GPIO_UART_SEL : 0;
	r.add(reg_sc(hw::GRC_LOCAL_CTRL, kMapName, kLocalCtrlStrobes, 0, 0, kLocalCtrlWritable | uart_sel, KEEP));
	r.on_write(hw::GRC_MISC_CFG, [this](uint32_t, uint32_t w) { misc_cfg_written(w); });
	r.on_write(hw::GRC_LOCAL_CTRL, [this](uint32_t old, uint32_t w) { local_ctrl_written(old, w); });
	r.on_read(hw::GRC_LOCAL_CTRL, [&chip](uint32_t stored) {
		return chip.irq().intx_pending() ? stored | hw::GRC_LCLCTRL_INT_ACTIVE : stored;
	});
	r.on_read(hw::GRC_TIMER, [this](uint32_t) { return timer_read(); });
	r.on_write(hw::GRC_TIMER, [this](uint32_t, uint32_t w) {
		timer_base_ticks_ = w;
		timer_base_ns_ = this->chip().now_ns();
	});
	for (uint32_t i = 0; i < kPciePortWords; i++) {
		const uint32_t off = hw::TG3_PCIE_TLDLPL_PORT + 4 * i;
		r.add(reg_rw(off, "TG3_PCIE_TLDLPL_PORT", 0, kAllBits, KEEP),
		      [this, i](uint32_t) { return pcie_[pcie_bank()][i]; },
		      [this, i](uint32_t, uint32_t w) { pcie_[pcie_bank()][i] = w; });
	}
}

unsigned Grc::pcie_bank() const
{
	const uint32_t sel = chip().regs().get(hw::GRC_MODE) & hw::GRC_MODE_PCIE_PORT_MASK;
	if (sel == hw::GRC_MODE_PCIE_DL_SEL)
		return BANK_DL;
	if (sel == hw::GRC_MODE_PCIE_PL_SEL)
		return BANK_PL;
	return BANK_TL;
}

uint32_t Grc::timer_read() const
{
	const uint32_t presc = (chip().regs().get(hw::GRC_MISC_CFG) & hw::GRC_MISC_CFG_PRESCALAR_MASK) >>
			       hw::GRC_MISC_CFG_PRESCALAR_SHIFT;
	const uint64_t elapsed = chip().now_ns() - timer_base_ns_;
	const uint64_t ticks = elapsed * kCoreClockHz / (kNsPerSec * (presc + 1));
	return timer_base_ticks_ + static_cast<uint32_t>(ticks);
}

void Grc::misc_cfg_written(uint32_t written)
{
	if (!(written & hw::GRC_MISC_CFG_CORECLK_RESET))
		return;
	Chip &c = chip();
	if (!(written & hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET))
		c.violation(&Counters::core_resets_no_bit29,
			    "core reset without GRC_MISC_CFG bit 29: the PCIe link would retrain (§12.2 step 4)");
	c.begin_core_reset();
	reset_window_.arm_in(kCoreResetWindowNs, [&c] { c.end_reset_window(); });
}

void Grc::local_ctrl_written(uint32_t old, uint32_t written)
{
	Chip &c = chip();
	gpio_written(old, c.regs().get(hw::GRC_LOCAL_CTRL));
	if (written & hw::GRC_LCLCTRL_CLEARINT)
		c.irq().set_intx(false);
	if (written & hw::GRC_LCLCTRL_SETINT)
		c.irq().raise(0); /* "force an interrupt" (§5.11, §4.2) */
}

void Grc::gpio_written(uint32_t before, uint32_t after)
{
	Chip &c = chip();
	const uint32_t changed = (before ^ after) & hw::TG3_GRC_LCLCTRL_GPIO_MASK;
	if (c.config().lom) {
		if (lom_gpio_clobbered(before, after))
			c.violation(&Counters::gpio_lom_clobbers,
				    "GRC_LOCAL_CTRL 0x%08x takes the LOM's boot-code GPIOs away (0x%08x; tg3_reset_hw keeps them)",
				    after, before & hw::TG3_GRC_LCLCTRL_GPIO_MASK);
	} else if (changed != 0 && c.personality().is_5717_plus && c.info().has_ape &&
		   !ape_driver_holds(c, hw::TG3_APE_LOCK_GPIO)) {
		c.violation(&Counters::gpio_unlocked_writes,
			    "GRC_LOCAL_CTRL GPIOs 0x%08x -> 0x%08x without the APE GPIO lock (tg3_pwrsrc_switch_to_vmain)",
			    before & hw::TG3_GRC_LCLCTRL_GPIO_MASK, after & hw::TG3_GRC_LCLCTRL_GPIO_MASK);
	}
	if (changed != 0 && c.personality().is_57765_class && !(after & hw::GRC_LCLCTRL_GPIO_UART_SEL))
		c.violation(&Counters::gpio_uart_pin_writes,
			    "GRC_LOCAL_CTRL GPIOs changed while the debug UART has the pins (no GPIO_UART_SEL; tg3_get_invariants)");
}

void Grc::power_on()
{
	if (!chip().config().lom)
		chip().regs().set(hw::GRC_LOCAL_CTRL, kNicVauxGpioDrive);
}

void Grc::core_reset()
{
	/* The pins' drive stays; interrupt routing, auto SEEPROM, UART select reset (§12.2). */
	RegFile &r = chip().regs();
	r.set(hw::GRC_LOCAL_CTRL, r.get(hw::GRC_LOCAL_CTRL) & hw::TG3_GRC_LCLCTRL_GPIO_MASK);
	timer_base_ns_ = chip().now_ns();
	timer_base_ticks_ = 0;
}

} // namespace

std::unique_ptr<Block> make_block_grc(Chip &chip)
{
	return std::make_unique<Grc>(chip);
}

} // namespace tg57xx::sim
