/* SPDX-License-Identifier: BSD-3-Clause */
/* Core reset (§12.2) and the boot-code handshake (§6.2). */
#include "model_fixture.h"

#include <stdexcept>

#include "grc.h"
#include "nvram.h"

namespace tg57xx::sim::test {
namespace {

class ResetTest : public ModelTest {
protected:
	uint32_t mac_high() const { return static_cast<uint32_t>(kTestMac[0]) << 8 | kTestMac[1]; }
	uint32_t mac_low() const
	{
		return static_cast<uint32_t>(kTestMac[2]) << 24 | static_cast<uint32_t>(kTestMac[3]) << 16 |
		       static_cast<uint32_t>(kTestMac[4]) << 8 | kTestMac[5];
	}
	void expect_boot_state()
	{
		EXPECT_EQ(q->sram_read(hw::NIC_SRAM_FIRMWARE_MBOX), hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT);
		EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_SIG), hw::NIC_SRAM_DATA_SIG_MAGIC);
		const uint32_t cfg = q->sram_read(hw::NIC_SRAM_DATA_CFG);
		EXPECT_EQ(cfg & hw::NIC_SRAM_DATA_CFG_PHY_TYPE_MASK, hw::NIC_SRAM_DATA_CFG_PHY_TYPE_COPPER);
		EXPECT_FALSE(cfg & hw::NIC_SRAM_DATA_CFG_ASF_ENABLE);
		EXPECT_FALSE(cfg & hw::NIC_SRAM_DATA_CFG_APE_ENABLE);
		EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_PHY_ID), dev->info().phy_id);
		EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_VER) >> hw::NIC_SRAM_DATA_VER_SHIFT,
			  kBootcodeVersionMajor << 8 | kBootcodeVersionMinor);
		const uint32_t hi = q->sram_read(hw::NIC_SRAM_MAC_ADDR_HIGH_MBOX);
		EXPECT_TRUE(hw::tg3_sram_mac_addr_valid(hi));
		EXPECT_EQ(hi & 0xFFFF, mac_high());
		EXPECT_EQ(q->sram_read(hw::NIC_SRAM_MAC_ADDR_LOW_MBOX), mac_low());
		EXPECT_EQ(q->reg_read(hw::MAC_ADDR_0_HIGH), mac_high());
		EXPECT_EQ(q->reg_read(hw::MAC_ADDR_0_LOW), mac_low());
		EXPECT_TRUE(q->reg_read(hw::MEMARB_MODE) & hw::MEMARB_MODE_ENABLE);
		EXPECT_EQ(q->reg_read(hw::BUFMGR_MB_POOL_ADDR), hw::NIC_SRAM_MBUF_POOL_BASE);
		if (chip_kind() == Personality::BCM5720) {
			const uint32_t st = q->sram_read(hw::NIC_SRAM_CPMU_STATUS);
			EXPECT_EQ(st & hw::NIC_SRAM_CPMUSTAT_SIG_MSK, hw::NIC_SRAM_CPMUSTAT_SIG);
		}
	}
};

TEST_P(ResetTest, PowerOnStateIsPostBoot)
{
	expect_boot_state();
	EXPECT_EQ(dev->counters().bootcode_completions, 1u);
}

TEST_P(ResetTest, ChipResetCompletesHandshakeAfterBootTime)
{
	q->probe_init();
	const uint64_t t0 = dev->now_ns();
	ASSERT_TRUE(q->chip_reset());
	EXPECT_GE(dev->now_ns() - t0, kBootcodeRunNs);
	EXPECT_LT(dev->now_ns() - t0, kBootcodeRunNs + 100'000) << "driver saw it within a few polls";
	EXPECT_EQ(dev->counters().core_resets, 1u);
	EXPECT_EQ(dev->counters().bootcode_completions, 2u);
	expect_boot_state();
	EXPECT_EQ(q->reg_read(hw::TG3_CPMU_CLCK_ORIDE), 0u);
}

TEST_P(ResetTest, MmioDeadDuringResetWindowConfigAlive)
{
	q->probe_init();
	q->reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), 0xFFFFFFFFu);
	EXPECT_EQ(q->reg_read(hw::TG3PCI_MISC_HOST_CTRL), 0xFFFFFFFFu) << "the mirror is MMIO too";
	EXPECT_EQ(dev->counters().mmio_during_reset, 2u);
	EXPECT_EQ(dev->cfg_read16(hw::TG3PCI_VENDOR), hw::TG3PCI_VENDOR_BROADCOM);
	/* §12.2 step 2/9: the command register was lost. */
	EXPECT_EQ(q->cfg_read(pci::kCommandStatus) & (pci::kCommandMemory | pci::kCommandMaster), 0u);
	dev->advance(kCoreResetWindowNs);
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), 0xFFFFFFFFu) << "memory decode still off";
	EXPECT_EQ(dev->counters().mmio_decode_off, 1u);
	q->cfg_write(pci::kCommandStatus, pci::kCommandMemory | pci::kCommandMaster);
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), 0u);
}

TEST_P(ResetTest, HandshakeWordHoldsMagicUntilBootDone)
{
	q->probe_init();
	q->sram_write(hw::NIC_SRAM_FIRMWARE_MBOX, hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1);
	q->reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	dev->advance(kCoreResetWindowNs);
	q->cfg_write(pci::kCommandStatus, pci::kCommandMemory | pci::kCommandMaster);
	q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, hw::TG3_MISC_HOST_CTRL_INIT);
	q->reg_write(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_FIRMWARE_MBOX), hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1);
	EXPECT_TRUE(q->wait_for_bits(hw::NIC_SRAM_WIN_BASE + hw::NIC_SRAM_FIRMWARE_MBOX, kAllBits,
				     hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT, kBootcodeRunNs))
		<< "window base is 0, so the handshake word is visible at BAR0 0x8B50";
}

TEST_P(ResetTest, RegistersReturnToResetValues)
{
	q->probe_init();
	const uint32_t bar0 = 0xFEDC0000;
	q->cfg_write(pci::kBar0, bar0);
	q->cfg_write(pci::kMsiCap, q->cfg_read(pci::kMsiCap) | pci::kMsiEnable);
	q->reg_write(hw::GRC_MODE, hw::TG3_GRC_MODE_SWAP_LE | hw::GRC_MODE_HOST_SENDBDS);
	q->reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE);
	q->reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE);
	q->reg_write(hw::MAC_ADDR_0_HIGH, 0x1234);
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 200);
	q->reg_write(hw::TG3_CPMU_PADRNG_CTL, hw::TG3_CPMU_PADRNG_CTL_RDIV2);
	q->reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0x8000);
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), 0u);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE), 0u);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MODE), 0u);
	EXPECT_EQ(q->reg_read(hw::GRC_MISC_CFG), 0u) << "CORECLK_RESET reads back clear";
	EXPECT_EQ(q->reg_read(hw::TG3_RX_STD_PROD_IDX_REG), 0u);
	EXPECT_EQ(q->reg_read(hw::MAC_ADDR_0_HIGH), mac_high()) << "boot code rewrote slot 0";
	EXPECT_EQ(q->reg_read(hw::TG3_CPMU_PADRNG_CTL), hw::TG3_CPMU_PADRNG_CTL_RDIV2) << "CPMU is outside the core";
	EXPECT_EQ(q->cfg_read(pci::kBar0), bar0 | pci::kBarMem64) << "host config survives";
	EXPECT_TRUE(q->cfg_read(pci::kMsiCap) & pci::kMsiEnable);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_MEM_WIN_BASE_ADDR), 0u);
}

/* §12.2 step 8 (see blocks/pci_cfg.cpp): the reset reloads PCIe Device Control and latches errors. */
TEST_P(ResetTest, CoreResetReloadsPcieDeviceControlAndLatchesErrors)
{
	q->probe_init();
	const uint32_t host_devctl = (q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL) & hw::TG3PCI_DEVCTL_MASK &
				      ~(hw::TG3PCI_DEVCTL_RELAX_EN | hw::TG3PCI_DEVCTL_NOSNOOP_EN | hw::MAX_READ_REQ_MASK)) |
				     hw::MAX_READ_REQ_SIZE_2048;
	q->cfg_write(hw::TG3PCI_DEV_STATUS_CTRL, host_devctl | hw::TG3PCI_DEVSTA_ERRORS);
	ASSERT_EQ(q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL), host_devctl);
	q->reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	const uint32_t after = q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL);
	EXPECT_TRUE(after & hw::TG3PCI_DEVCTL_RELAX_EN);
	EXPECT_TRUE(after & hw::TG3PCI_DEVCTL_NOSNOOP_EN);
	EXPECT_EQ(after & hw::MAX_READ_REQ_MASK, pci::kExpDevCtlReadRq512) << "MRRS back to the PCIe default";
	EXPECT_EQ(after & hw::TG3PCI_DEVSTA_ERRORS, hw::TG3PCI_DEVSTA_CED | hw::TG3PCI_DEVSTA_URD);
	q->cfg_write(hw::TG3PCI_DEV_STATUS_CTRL, (after & hw::TG3PCI_DEVCTL_MASK) | hw::TG3PCI_DEVSTA_URD);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL) & hw::TG3PCI_DEVSTA_ERRORS, hw::TG3PCI_DEVSTA_CED)
		<< "Device Status errors are write-1-to-clear";
}

TEST_P(ResetTest, DriverResetRestoresDeviceControlAsTg3AndBgeDo)
{
	q->probe_init();
	const uint32_t devctl = q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL) & hw::TG3PCI_DEVCTL_MASK;
	q->cfg_write(hw::TG3PCI_DEV_STATUS_CTRL, (devctl & ~hw::MAX_READ_REQ_MASK) | hw::MAX_READ_REQ_SIZE_2048);
	ASSERT_TRUE(q->chip_reset());
	const uint32_t after = q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL);
	EXPECT_FALSE(after & (hw::TG3PCI_DEVCTL_RELAX_EN | hw::TG3PCI_DEVCTL_NOSNOOP_EN));
	EXPECT_EQ(after & hw::MAX_READ_REQ_MASK, hw::MAX_READ_REQ_SIZE_2048);
	EXPECT_EQ(after & hw::TG3PCI_DEVSTA_ERRORS, 0u);
}

TEST_P(ResetTest, MissingBit29IsAViolation)
{
	q->probe_init();
	EXPECT_THROW(q->reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET), std::logic_error);
	EXPECT_EQ(dev->counters().core_resets_no_bit29, 1u);
	EXPECT_EQ(dev->counters().core_resets, 0u);
}

TEST_P(ResetTest, StuckBootcodeNeverAnswers)
{
	q->probe_init();
	Faults f;
	f.stuck_bootcode = true;
	dev->set_faults(f);
	const uint64_t t0 = dev->now_ns();
	EXPECT_FALSE(q->chip_reset());
	EXPECT_GE(dev->now_ns() - t0, 1'000'000'000u) << "tg3 gives up after 1 s";
	EXPECT_EQ(dev->counters().bootcode_completions, 1u);
	/* The stuck boot code still holds NVRAM arbitration request 0. */
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB) & hw::SWARB_GNT0, hw::SWARB_GNT0);
	EXPECT_FALSE(q->nvram_lock());
	dev->set_faults(Faults{});
	EXPECT_TRUE(q->chip_reset());
	EXPECT_TRUE(q->nvram_lock());
}

/* A board fitted without boot code (tg3_poll_fw's "Sun onboard parts"):
 * nothing is published at power-on or after a reset, the handshake is never
 * answered, and unlike a hung boot code nothing holds the NVRAM lock. */
TEST_P(ResetTest, BoardWithoutBootcodeNeverAnswersAndHoldsNothing)
{
	Config cfg = strict_config(GetParam());
	cfg.bootcode = false;
	make(cfg);
	EXPECT_NE(q->sram_read(hw::NIC_SRAM_DATA_SIG), hw::NIC_SRAM_DATA_SIG_MAGIC);
	EXPECT_FALSE(hw::tg3_sram_mac_addr_valid(q->sram_read(hw::NIC_SRAM_MAC_ADDR_HIGH_MBOX)));
	EXPECT_EQ(q->reg_read(hw::MAC_ADDR_0_LOW), 0u) << "the reset value: nobody wrote the address";
	q->probe_init();
	EXPECT_FALSE(q->chip_reset()) << "no ~MAGIC1 after the reset";
	EXPECT_NE(q->sram_read(hw::NIC_SRAM_FIRMWARE_MBOX), hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT);
	EXPECT_EQ(dev->counters().bootcode_completions, 0u);
	EXPECT_TRUE(q->nvram_lock()) << "no boot code holds NVRAM arbitration";
}

/* A buffer manager that never comes up (Faults::stuck_bufmgr): BUFMGR_MODE_ENABLE
 * is written but never reads back set, what tg3_reset_hw waits 2000 x 10 us for (§5.8). */
TEST_P(ResetTest, StuckBufmgrNeverReportsEnabled)
{
	q->probe_init();
	Faults f;
	f.stuck_bufmgr = true;
	dev->set_faults(f);
	q->reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MODE), hw::BUFMGR_MODE_ATTN_ENABLE);
	dev->set_faults(Faults{});
	q->reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE);
	EXPECT_EQ(q->reg_read(hw::BUFMGR_MODE), hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE);
}

TEST_P(ResetTest, ResetDropsNvramLockAndBootcodeHoldsItWhileBooting)
{
	q->probe_init();
	ASSERT_TRUE(q->nvram_lock());
	q->reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	dev->advance(kCoreResetWindowNs);
	q->cfg_write(pci::kCommandStatus, pci::kCommandMemory | pci::kCommandMaster);
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB), hw::SWARB_GNT0 | hw::SWARB_REQ0) << "our lock is gone";
	const uint64_t t0 = dev->now_ns();
	ASSERT_TRUE(q->nvram_lock()) << "granted once the boot code is done";
	EXPECT_GE(dev->now_ns() - t0, kBootcodeRunNs - kCoreResetWindowNs - QDriver::kPollNs);
	q->nvram_unlock();
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB), 0u);
}

TEST_P(ResetTest, DataPathStateIsGoneAfterReset)
{
	q->probe_init();
	volatile uint32_t *mb = dev->mailbox_page();
	mb[(hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW - Device::kMailboxPageOffset) / 4] = 42;
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(mb[(hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW - Device::kMailboxPageOffset) / 4], 0u);
}

TG57XX_BOTH_CHIPS(ResetTest);

TEST(ResetFunction, SecondFunctionOf5720)
{
	Config c = strict_config(Personality::BCM5720);
	c.pci_function = 1;
	auto dev = Device::create(c);
	QDriver q(*dev);
	const Chip &chip = dev->chip_for_tests();
	EXPECT_EQ(chip.personality().phy_address(1), 2) << "§11.1: function + 1";
	const uint32_t st = q.reg_read(hw::TG3_CPMU_STATUS);
	EXPECT_EQ(hw::field_get(hw::TG3_CPMU_STATUS_FMSK_5719, st), 1u);
	EXPECT_EQ(q.sram_read(hw::NIC_SRAM_CPMU_STATUS), (st & hw::TG3_CPMU_STATUS_FMSK_5719) | hw::NIC_SRAM_CPMUSTAT_SIG);
	/* This function's MAC comes from NVRAM 0xCC (§5.12) and is the configured one. */
	EXPECT_EQ(q.reg_read(hw::MAC_ADDR_0_LOW) & 0xFF, kTestMac[5]);
	Config bad = strict_config(Personality::BCM57762);
	bad.pci_function = 1;
	EXPECT_THROW(Device::create(bad), std::invalid_argument);
}

TEST(ResetRawPowerOn, NotEnumeratedHasNoDecode)
{
	Config c = strict_config(Personality::BCM57762);
	c.enumerated = false;
	auto dev = Device::create(c);
	EXPECT_EQ(dev->bar0_read32(hw::GRC_MODE), 0xFFFFFFFFu);
	dev->cfg_write32(pci::kCommandStatus, pci::kCommandMemory);
	EXPECT_EQ(dev->bar0_read32(hw::GRC_MODE), 0u);
}

} // namespace
} // namespace tg57xx::sim::test
