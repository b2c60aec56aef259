/* SPDX-License-Identifier: BSD-3-Clause */
/* PCI configuration space, the BAR0 mirror and the access paths of §2-§3. */
#include "model_fixture.h"

#include <stdexcept>
#include <vector>

namespace tg57xx::sim::test {
namespace {

class PciCfgTest : public ModelTest {};

TEST_P(PciCfgTest, Identity)
{
	const PersonalityInfo &info = dev->info();
	EXPECT_EQ(dev->cfg_read16(hw::TG3PCI_VENDOR), hw::TG3PCI_VENDOR_BROADCOM);
	EXPECT_EQ(dev->cfg_read16(hw::TG3PCI_DEVICE), info.device_id);
	EXPECT_EQ(q->cfg_read(pci::kClassRevision) >> pci::kClassShift, pci::kClassEthernet);
	const uint32_t subsys = q->cfg_read(pci::kSubsystem);
	if (chip_kind() == Personality::BCM57762) {
		EXPECT_EQ(info.device_id, 0x1682);
		EXPECT_EQ(subsys & 0xFFFF, 0x106Bu); /* Apple */
	} else {
		EXPECT_EQ(info.device_id, 0x165F);
		EXPECT_EQ(subsys & 0xFFFF, hw::TG3PCI_VENDOR_BROADCOM);
	}
}

TEST_P(PciCfgTest, ChipIdThroughProductIdRegister)
{
	/* §1.2: asic nibble 0xF sends the driver to GEN15 (57762) / GEN2 (5720). */
	const uint32_t mhc = q->cfg_read(hw::TG3PCI_MISC_HOST_CTRL);
	const uint32_t chip_rev_id = mhc >> hw::MISC_HOST_CTRL_CHIPREV_SHIFT;
	EXPECT_EQ(chip_rev_id >> 12, hw::ASIC_REV_USE_PROD_ID_REG);
	const uint32_t gen15 = q->cfg_read(hw::TG3PCI_GEN15_PRODID_ASICREV);
	const uint32_t gen2 = q->cfg_read(hw::TG3PCI_GEN2_PRODID_ASICREV);
	if (chip_kind() == Personality::BCM57762) {
		EXPECT_EQ(gen15, 0x57785100u); /* 57765 B0: non-AX */
		EXPECT_EQ(gen15 >> 12, hw::ASIC_REV_57765);
		EXPECT_NE(gen15 >> 8, hw::CHIPREV_57765_AX);
		EXPECT_EQ(gen2, 0u);
	} else {
		EXPECT_EQ(gen2, hw::CHIPREV_ID_5720_A0);
		EXPECT_EQ(gen2 >> 12, hw::ASIC_REV_5720);
		EXPECT_EQ(gen15, 0u);
	}
	/* Read-only: the driver cannot change them. */
	EXPECT_THROW(q->cfg_write(dev->info().prodid_reg, 0), std::logic_error);
}

TEST_P(PciCfgTest, MiscHostCtrlKeepsChipIdAndMirrorsInBar0)
{
	const uint32_t chiprev = q->cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	q->reg_write(hw::TG3PCI_MISC_HOST_CTRL, 0xFFFFFFFF);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_MISC_HOST_CTRL), chiprev | 0x3FE); /* CLEAR_INT is a strobe */
	q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, hw::TG3_MISC_HOST_CTRL_INIT);
	EXPECT_EQ(q->reg_read(hw::TG3PCI_MISC_HOST_CTRL), chiprev | hw::TG3_MISC_HOST_CTRL_INIT);
}

TEST_P(PciCfgTest, Bar0MirrorsConfigSpace)
{
	for (uint32_t off = 0; off < pci::kStdHeaderBytes; off += 4) {
		if (off == hw::TG3PCI_REG_DATA)
			continue; /* an indirect access, tested below */
		EXPECT_EQ(q->reg_read(off), q->cfg_read(off)) << "offset " << off;
	}
}

TEST_P(PciCfgTest, BarSizing)
{
	q->cfg_write(pci::kBar0, 0xFFFFFFFF);
	EXPECT_EQ(q->cfg_read(pci::kBar0), ~(pci::kBar0Bytes - 1) | pci::kBarMem64); /* 64 KiB, 64-bit */
	q->cfg_write(pci::kBar1, 0xFFFFFFFF);
	EXPECT_EQ(q->cfg_read(pci::kBar1), 0xFFFFFFFFu);
	q->cfg_write(pci::kBar2, 0xFFFFFFFF);
	if (dev->info().has_ape)
		EXPECT_EQ(q->cfg_read(pci::kBar2), ~(pci::kBar2Bytes - 1) | pci::kBarMem64);
	else
		EXPECT_EQ(q->cfg_read(pci::kBar2), 0u);
	q->cfg_write(0x24, 0xFFFFFFFF); /* unimplemented BAR5: hard-wired zero, not an error */
	EXPECT_EQ(q->cfg_read(0x24), 0u);
}

TEST_P(PciCfgTest, CapabilityList)
{
	EXPECT_TRUE(q->cfg_read(pci::kCommandStatus) & pci::kStatusCapList);
	std::vector<uint32_t> ids, at;
	for (uint32_t p = q->cfg_read(pci::kCapPtr) & 0xFF; p != 0; p = (q->cfg_read(p) >> 8) & 0xFF) {
		ASSERT_LT(ids.size(), 8u) << "capability loop";
		ids.push_back(q->cfg_read(p) & 0xFF);
		at.push_back(p);
	}
	EXPECT_EQ(ids, (std::vector<uint32_t>{pci::kCapIdPm, pci::kCapIdMsix, pci::kCapIdMsi, pci::kCapIdExp}));
	/* §3: MSI data at 0x64 and PCIe DevCtl at 0xB4 fix where MSI and PCIe sit. */
	EXPECT_EQ(at[2] + 0xC, hw::TG3PCI_MSI_DATA);
	EXPECT_EQ(at[3] + 8, hw::TG3PCI_DEV_STATUS_CTRL);
	EXPECT_TRUE(q->cfg_read(pci::kMsiCap) & pci::kMsi64Bit);
	EXPECT_EQ(((q->cfg_read(pci::kMsixCap) >> pci::kCapCtrlShift) & 0x7FF) + 1, hw::TG3_IRQ_MAX_VECS);
	/* PCIe DevCtl: relaxed ordering / no-snoop on at reset (tg3 clears them after a reset);
	 * the enumerating host chose a 4096-byte MRRS. */
	const uint32_t devctl = q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL);
	EXPECT_TRUE(devctl & pci::kExpDevCtlRelaxEn);
	EXPECT_EQ(devctl & hw::MAX_READ_REQ_MASK, pci::kExpDevCtlReadRq4096);
	q->cfg_write(hw::TG3PCI_DEV_STATUS_CTRL, (devctl & ~hw::MAX_READ_REQ_MASK) | hw::MAX_READ_REQ_SIZE_2048);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_DEV_STATUS_CTRL) & hw::MAX_READ_REQ_MASK, hw::MAX_READ_REQ_SIZE_2048);
}

TEST_P(PciCfgTest, SubDwordConfigAccessAndStatusW1c)
{
	chip().cfg().set_bits(pci::kCommandStatus, 0x2000u << pci::kStatusShift); /* received master abort */
	const uint16_t cmd = dev->cfg_read16(pci::kCommandStatus);
	dev->cfg_write16(pci::kCommandStatus, cmd | pci::kCommandIntxDisable);
	EXPECT_TRUE(q->cfg_read(pci::kCommandStatus) & (0x2000u << pci::kStatusShift)) << "16-bit command write clobbered status";
	dev->cfg_write16(pci::kCommandStatus + 2, 0x2000);
	EXPECT_FALSE(q->cfg_read(pci::kCommandStatus) & (0x2000u << pci::kStatusShift));
	EXPECT_TRUE(q->cfg_read(pci::kCommandStatus) & pci::kCommandIntxDisable);
	dev->cfg_write8(pci::kInterrupt, 0x0B);
	EXPECT_EQ(dev->cfg_read8(pci::kInterrupt), 0x0B);
	EXPECT_EQ(dev->cfg_read8(pci::kInterrupt + 1), 1); /* INTA */
}

TEST_P(PciCfgTest, MemoryDecodeOffMakesMmioDead)
{
	const uint32_t cmd = q->cfg_read(pci::kCommandStatus) & 0xFFFF;
	q->cfg_write(pci::kCommandStatus, cmd & ~pci::kCommandMemory);
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), 0xFFFFFFFFu);
	q->reg_write(hw::GRC_MODE, 0x1234);
	EXPECT_EQ(dev->counters().mmio_decode_off, 2u);
	q->cfg_write(pci::kCommandStatus, cmd);
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), 0u);
}

TEST_P(PciCfgTest, PcistateNeedsPcistateRw)
{
	EXPECT_TRUE(q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_INT_NOT_ACTIVE);
	q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, 0);
	EXPECT_THROW(q->cfg_write(hw::TG3PCI_PCISTATE, hw::PCISTATE_ROM_ENABLE), std::logic_error);
	EXPECT_FALSE(q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_ROM_ENABLE);
	q->probe_init();
	q->cfg_write(hw::TG3PCI_PCISTATE, hw::PCISTATE_ROM_ENABLE | hw::PCISTATE_ROM_RETRY_ENABLE |
						  hw::PCISTATE_BUS_SPEED_HIGH /* read-only */);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_PCISTATE),
		  hw::PCISTATE_ROM_ENABLE | hw::PCISTATE_ROM_RETRY_ENABLE | hw::PCISTATE_INT_NOT_ACTIVE);
	/* APE write enables exist only on APE parts. */
	q->cfg_write(hw::TG3PCI_PCISTATE, hw::PCISTATE_ALLOW_APE_SHMEM_WR);
	EXPECT_EQ((q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_ALLOW_APE_SHMEM_WR) != 0, dev->info().has_ape);
}

TEST_P(PciCfgTest, IndirectRegisterAccess)
{
	q->probe_init(); /* sets MISC_HOST_CTRL_INDIR_ACCESS */
	q->cfg_write(hw::TG3PCI_REG_BASE_ADDR, hw::GRC_MODE);
	q->cfg_write(hw::TG3PCI_REG_DATA, hw::TG3_GRC_MODE_SWAP_LE);
	EXPECT_EQ(q->reg_read(hw::GRC_MODE), hw::TG3_GRC_MODE_SWAP_LE);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_REG_DATA), hw::TG3_GRC_MODE_SWAP_LE);
	/* §2.2: a mailbox is reached at offset + 0x5600. */
	const uint32_t std_prod = hw::TG3_RX_STD_PROD_IDX_REG;
	q->cfg_write(hw::TG3PCI_REG_BASE_ADDR, std_prod + hw::GRCMBOX_BASE);
	q->cfg_write(hw::TG3PCI_REG_DATA, 200);
	EXPECT_EQ(dev->mailbox_page()[(std_prod - Device::kMailboxPageOffset) / 4], 200u);
	EXPECT_EQ(q->reg_read(std_prod), 200u);
	/* ... but not at its high-priority offset. */
	q->cfg_write(hw::TG3PCI_REG_BASE_ADDR, std_prod);
	EXPECT_THROW(q->cfg_write(hw::TG3PCI_REG_DATA, 5), std::logic_error);
	EXPECT_EQ(dev->counters().indirect_unmapped, 1u);
	/* Without INDIR_ACCESS the data register does nothing. */
	q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, 0);
	q->cfg_write(hw::TG3PCI_REG_BASE_ADDR, hw::GRC_MODE);
	EXPECT_THROW(q->cfg_read(hw::TG3PCI_REG_DATA), std::logic_error);
	EXPECT_EQ(dev->counters().indirect_refused, 1u);
}

TEST_P(PciCfgTest, MiscLocalCtrlAliasesGrcLocalCtrl)
{
	q->probe_init(); /* GPIOs switched to Vmain: the writes below leave them alone */
	q->cfg_write(hw::TG3PCI_MISC_LOCAL_CTRL, hw::TG3_GRC_LOCAL_CTRL_INIT);
	EXPECT_EQ(q->reg_read(hw::GRC_LOCAL_CTRL), hw::TG3_GRC_LOCAL_CTRL_INIT);
	q->reg_write(hw::GRC_LOCAL_CTRL, hw::GRC_LCLCTRL_INT_ON_ATTN);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_MISC_LOCAL_CTRL), hw::GRC_LCLCTRL_INT_ON_ATTN);
}

TEST_P(PciCfgTest, ProducerConsumerShortcuts)
{
	volatile uint32_t *mb = dev->mailbox_page();
	q->cfg_write(hw::TG3PCI_STD_RING_PROD_IDX + hw::TG3_64BIT_REG_LOW, 77);
	EXPECT_EQ(mb[(hw::TG3_RX_STD_PROD_IDX_REG - Device::kMailboxPageOffset) / 4], 77u);
	q->cfg_write(hw::TG3PCI_RCV_RET_RING_CON_IDX + hw::TG3_64BIT_REG_LOW, 9);
	EXPECT_EQ(q->reg_read(hw::MAILBOX_RCVRET_CON_IDX_0 + hw::TG3_64BIT_REG_LOW), 9u);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_RCV_RET_RING_CON_IDX + hw::TG3_64BIT_REG_LOW), 9u);
	EXPECT_EQ(dev->counters().mailbox_writes, 2u);
}

TEST_P(PciCfgTest, DmaRwCtrlHoldsBootCodeCommands)
{
	const uint32_t v = q->cfg_read(hw::TG3PCI_DMA_RW_CTRL);
	EXPECT_EQ(hw::field_get(hw::DMA_RWCTRL_PCI_READ_CMD, v), hw::DMA_RWCTRL_PCI_CMD_MEM_READ);
	EXPECT_EQ(hw::field_get(hw::DMA_RWCTRL_PCI_WRITE_CMD, v), hw::DMA_RWCTRL_PCI_CMD_MEM_WRITE);
	q->cfg_write(hw::TG3PCI_DMA_RW_CTRL, v | hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT | hw::DMA_RWCTRL_TAGGED_STAT_WA);
	EXPECT_EQ(q->reg_read(hw::TG3PCI_DMA_RW_CTRL), v | hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT | hw::DMA_RWCTRL_TAGGED_STAT_WA);
}

TEST_P(PciCfgTest, ExtendedConfigSpace)
{
	EXPECT_EQ(q->cfg_read(0x100), 0u); /* no extended capabilities */
	EXPECT_EQ(q->cfg_read(0x1000), 0xFFFFFFFFu);
}

TG57XX_BOTH_CHIPS(PciCfgTest);

} // namespace
} // namespace tg57xx::sim::test
