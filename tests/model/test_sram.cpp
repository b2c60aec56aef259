/* SPDX-License-Identifier: BSD-3-Clause */
/* NIC SRAM, its access paths and the memory arbiter (§2.1, §6.1). */
#include "model_fixture.h"

namespace tg57xx::sim::test {
namespace {

class SramTest : public ModelTest {};

TEST_P(SramTest, WindowAndDataRegisterSeeTheSameMemory)
{
	q->sram_write_data_reg(hw::NIC_SRAM_SEND_RCB + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_SEND_RCB + hw::TG3_BDINFO_MAXLEN_FLAGS), hw::BDINFO_FLAGS_DISABLED);
	q->sram_write(hw::NIC_SRAM_RCV_RET_RCB + hw::TG3_BDINFO_NIC_ADDR, 0xCAFE0000);
	EXPECT_EQ(q->sram_read_data_reg(hw::NIC_SRAM_RCV_RET_RCB + hw::TG3_BDINFO_NIC_ADDR), 0xCAFE0000u);
	EXPECT_EQ(chip().sram().peek32(hw::NIC_SRAM_RCV_RET_RCB + hw::TG3_BDINFO_NIC_ADDR), 0xCAFE0000u);
}

TEST_P(SramTest, WindowSelectsA32KiBPage)
{
	constexpr uint32_t kAddr = 0x10010; /* second window page */
	chip().sram().poke32(kAddr, 0x11111111);
	chip().sram().poke32(kAddr & 0x7FFF, 0x22222222);
	q->reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, kAddr); /* low 15 bits ignored by the window */
	EXPECT_EQ(q->reg_read(hw::nic_sram_win_offset(kAddr)), 0x11111111u);
	q->reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	EXPECT_EQ(q->reg_read(hw::nic_sram_win_offset(kAddr)), 0x22222222u);
}

TEST_P(SramTest, MemoryArbiterGatesHostAccess)
{
	chip().sram().poke32(hw::NIC_SRAM_FW_CMD_MBOX, 0x5A5A5A5A);
	q->reg_write(hw::MEMARB_MODE, 0);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_FW_CMD_MBOX), 0u);
	q->sram_write(hw::NIC_SRAM_FW_CMD_MBOX, 1);
	EXPECT_EQ(dev->counters().sram_memarb_off, 2u);
	q->reg_write(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_FW_CMD_MBOX), 0x5A5A5A5Au);
}

TEST_P(SramTest, SizePerPersonality)
{
	const uint32_t size = dev->info().sram_size;
	q->sram_write(size - 4, 0xA5A5A5A5);
	EXPECT_EQ(q->sram_read(size - 4), 0xA5A5A5A5u);
	EXPECT_EQ(q->sram_read(size), 0u);
	EXPECT_EQ(dev->counters().sram_out_of_range, 1u);
	/* §6.1: 57762 mbuf pool ends at 0x10000 + 40 KiB; 5720 BD caches at 0x40000 / 0x44400. */
	if (chip_kind() == Personality::BCM57762) {
		EXPECT_GE(size, hw::TG_SRAM_RXMBUF + 40u * 1024);
	} else {
		q->sram_write(hw::BGE_JUMBO_RX_RINGS_5717, 7);
		EXPECT_EQ(q->sram_read(hw::BGE_JUMBO_RX_RINGS_5717), 7u);
	}
}

TG57XX_BOTH_CHIPS(SramTest);

} // namespace
} // namespace tg57xx::sim::test
