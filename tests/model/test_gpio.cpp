/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Board GPIOs behind GRC_LOCAL_CTRL (§5.11; blocks/grc.cpp, grc.h): the
 * add-in NIC's power-source switch and the APE GPIO lock on the 5720, the
 * LOM's boot-code GPIOs, the 57765 class's debug UART on the GPIO pins.
 */
#include "model_fixture.h"

#include "grc.h"

namespace tg57xx::sim::test {
namespace {

constexpr uint32_t kGpio = hw::TG3_GRC_LCLCTRL_GPIO_MASK;

class GpioTest : public ModelTest {
protected:
	Config board(bool lom, bool mgmt = false)
	{
		Config c = strict_config(GetParam());
		c.strict = false; /* the tests break the rules on purpose and count */
		c.lom = lom;
		c.mgmt = mgmt;
		return c;
	}
	uint32_t gpios() { return q->reg_read(hw::GRC_LOCAL_CTRL) & kGpio; }
	bool is5720() const { return GetParam() == Personality::BCM5720; }
	/* MISC_HOST_CTRL and the memory arbiter only (probe_init would switch to Vmain). */
	void host_ctrl_only()
	{
		q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, hw::TG3_MISC_HOST_CTRL_INIT);
		q->reg_write(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
		q->set_misc_host_ctrl(hw::TG3_MISC_HOST_CTRL_INIT); /* chip_reset() restores it, no probe_init */
	}
};

TEST_P(GpioTest, NicPowersUpOnVauxAndKeepsItsPinsThroughACoreReset)
{
	make(board(false));
	EXPECT_EQ(gpios(), kNicVauxGpioDrive) << "tg3_pwrsrc_switch_to_vaux's drive";
	host_ctrl_only();
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_CFG) & hw::NIC_SRAM_DATA_CFG_EEPROM_WP, 0u) << "IS_NIC";
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(gpios(), kNicVauxGpioDrive) << "pin drive survives the core reset";
	ASSERT_TRUE(q->switch_to_vmain());
	EXPECT_EQ(gpios(), 0u);
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(q->reg_read(hw::GRC_LOCAL_CTRL), 0u) << "the rest of the register resets";
	const Counters c = dev->counters();
	EXPECT_EQ(c.gpio_unlocked_writes + c.gpio_uart_pin_writes + c.gpio_lom_clobbers, 0u);
}

TEST_P(GpioTest, VmainSwitchOnThe5720NeedsTheApeGpioLock)
{
	make(board(false));
	host_ctrl_only();
	q->reg_write(hw::GRC_LOCAL_CTRL, q->local_ctrl() | kNicVauxGpioDrive);
	EXPECT_EQ(dev->counters().gpio_unlocked_writes, 0u) << "same pins: nothing to share";
	q->reg_write(hw::GRC_LOCAL_CTRL, q->local_ctrl());
	EXPECT_EQ(dev->counters().gpio_unlocked_writes, is5720() ? 1u : 0u) << "the APE drives the same GPIOs";
	q->reg_write(hw::GRC_LOCAL_CTRL, q->local_ctrl() | kNicVauxGpioDrive);
	ASSERT_TRUE(q->switch_to_vmain());
	EXPECT_EQ(dev->counters().gpio_unlocked_writes, is5720() ? 2u : 0u) << "the switch held the lock";
	EXPECT_EQ(gpios(), 0u);
}

TEST_P(GpioTest, DebugUartHasThePinsUntilUartSelOn57765Class)
{
	make(board(false));
	host_ctrl_only();
	q->reg_write(hw::GRC_LOCAL_CTRL, hw::TG3_GRC_LOCAL_CTRL_INIT | hw::GRC_LCLCTRL_GPIO_OE2);
	EXPECT_EQ(dev->counters().gpio_uart_pin_writes, is5720() ? 0u : 1u);
	q->reg_write(hw::GRC_LOCAL_CTRL, hw::TG3_GRC_LOCAL_CTRL_INIT | hw::GRC_LCLCTRL_GPIO_UART_SEL);
	EXPECT_EQ(dev->counters().gpio_uart_pin_writes, is5720() ? 0u : 1u) << "UART_SEL in the same write: GPIOs";
	EXPECT_EQ(q->reg_read(hw::GRC_LOCAL_CTRL) & hw::GRC_LCLCTRL_GPIO_UART_SEL,
		  is5720() ? 0u : hw::GRC_LCLCTRL_GPIO_UART_SEL)
		<< "the select exists on the 57765 class only";
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(q->reg_read(hw::GRC_LOCAL_CTRL) & hw::GRC_LCLCTRL_GPIO_UART_SEL, 0u) << "back to the UART";
}

TEST_P(GpioTest, LomBootCodeDrivesItsGpiosAndADriverMustKeepThem)
{
	make(board(true));
	EXPECT_EQ(gpios(), kLomBootGpioDrive);
	host_ctrl_only();
	EXPECT_NE(q->sram_read(hw::NIC_SRAM_DATA_CFG) & hw::NIC_SRAM_DATA_CFG_EEPROM_WP, 0u) << "not IS_NIC";
	ASSERT_TRUE(q->switch_to_vmain()) << "a LOM: nothing to switch";
	EXPECT_EQ(gpios(), kLomBootGpioDrive);
	/* tg3_reset_hw: the chip's GPIO bits kept; GPIO1 low only around an NVRAM write. */
	const uint32_t kept = q->local_ctrl() | (q->reg_read(hw::GRC_LOCAL_CTRL) & kGpio);
	q->reg_write(hw::GRC_LOCAL_CTRL, kept & ~hw::GRC_LCLCTRL_GPIO_OUTPUT1);
	q->reg_write(hw::GRC_LOCAL_CTRL, kept);
	EXPECT_EQ(dev->counters().gpio_lom_clobbers, 0u);
	q->reg_write(hw::GRC_LOCAL_CTRL, kept | hw::GRC_LCLCTRL_GPIO_OE2);
	EXPECT_EQ(dev->counters().gpio_lom_clobbers, 1u) << "drove a pin the board reads";
	q->reg_write(hw::GRC_LOCAL_CTRL, q->local_ctrl());
	EXPECT_EQ(dev->counters().gpio_lom_clobbers, 2u) << "a NIC's value on a LOM";
	EXPECT_EQ(dev->counters().gpio_unlocked_writes, 0u) << "a LOM has no power switch";
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(gpios(), kLomBootGpioDrive) << "the boot code drives them again";
}

TEST_P(GpioTest, LomManagementFirmwareLosesItsLinkWithTheGpios)
{
	if (!is5720())
		GTEST_SKIP() << "management firmware: 5720 only";
	make(board(true, true));
	host_ctrl_only();
	q->reg_write(hw::GRC_LOCAL_CTRL, q->local_ctrl() | kLomBootGpioDrive);
	EXPECT_EQ(dev->counters().mgmt_link_losses, 0u);
	q->reg_write(hw::GRC_LOCAL_CTRL, q->local_ctrl());
	EXPECT_EQ(dev->counters().mgmt_link_losses, 1u);
}

TEST_P(GpioTest, StrictModelThrowsOnAClobberedLom)
{
	Config c = board(true);
	c.strict = true;
	make(c);
	EXPECT_THROW(q->reg_write(hw::GRC_LOCAL_CTRL, hw::TG3_GRC_LOCAL_CTRL_INIT), std::logic_error);
}

TG57XX_BOTH_CHIPS(GpioTest);

} // namespace
} // namespace tg57xx::sim::test
