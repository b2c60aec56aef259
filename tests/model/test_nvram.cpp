/* SPDX-License-Identifier: BSD-3-Clause */
/* NVRAM interface, software arbitration and the image (§5.12, nvram.h). */
#include "model_fixture.h"

#include <stdexcept>
#include <string>

#include "nvram.h"

namespace tg57xx::sim::test {
namespace {

class NvramTest : public ModelTest {
protected:
	std::string read_string(uint32_t addr, uint32_t bytes)
	{
		std::string s;
		for (uint32_t off = 0; off < bytes; off += 4) {
			const uint32_t w = q->nvram_read(addr + off).value();
			for (int sh = 24; sh >= 0; sh -= 8)
				s.push_back(static_cast<char>(w >> sh));
		}
		return s.substr(0, s.find('\0'));
	}
};

TEST_P(NvramTest, ImageHeaderVersionAndMac)
{
	EXPECT_EQ(q->nvram_read(kNvramMagicOffset), kNvramMagic);
	EXPECT_EQ(read_string(kNvramBcVerOffset, kNvramBcVerBytes), "sim-bc v1.02");
	const uint32_t hi = q->nvram_read(hw::BGE_EE_MAC_OFFSET).value();
	const uint32_t lo = q->nvram_read(hw::BGE_EE_MAC_OFFSET + 4).value();
	EXPECT_EQ(hi, static_cast<uint32_t>(kTestMac[0]) << 8 | kTestMac[1]);
	EXPECT_EQ(lo >> 24, kTestMac[2]);
	EXPECT_EQ(lo & 0xFF, kTestMac[5]);
	EXPECT_EQ(dev->counters().nvram_cmds, 1u + kNvramBcVerBytes / 4 + 2);
}

TEST_P(NvramTest, ImageCarriesItsSizeWhereTg3LooksForIt)
{
	/* tg3_get_nvram_size: the dword at 0xF0, low half byte-swapped = size in KiB. */
	const uint32_t w = q->nvram_read(kNvramSizeOffset).value();
	const uint32_t kib = ((w & 0xFF) << 8) | ((w >> 8) & 0xFF);
	EXPECT_EQ(kib * kNvramKib, kNvramBytes);
}

TEST_P(NvramTest, VpdCarriesPartNumber)
{
	const std::string vpd = read_string(kNvramVpdOffset, 128);
	EXPECT_EQ(static_cast<uint8_t>(vpd[0]), 0x82);
	/* Scan the raw bytes for the PN keyword. */
	std::string raw;
	for (uint32_t off = 0; off < 128; off += 4) {
		const uint32_t w = q->nvram_read(kNvramVpdOffset + off).value();
		for (int sh = 24; sh >= 0; sh -= 8)
			raw.push_back(static_cast<char>(w >> sh));
	}
	const std::string pn = std::string(dev->info().name) + "-SIM";
	EXPECT_NE(raw.find("PN" + std::string(1, static_cast<char>(pn.size())) + pn), std::string::npos);
}

TEST_P(NvramTest, CommandCompletesAfterModelledDelay)
{
	ASSERT_TRUE(q->nvram_lock());
	q->reg_write(hw::NVRAM_ACCESS, hw::ACCESS_ENABLE);
	q->reg_write(hw::NVRAM_ADDR, 0);
	q->reg_write(hw::NVRAM_CMD, hw::TG3_NVRAM_CMD_READ_DWORD);
	EXPECT_EQ(q->reg_read(hw::NVRAM_CMD) & (hw::NVRAM_CMD_DONE | hw::NVRAM_CMD_GO), hw::NVRAM_CMD_GO);
	dev->advance(kNvramCmdNs - 1);
	EXPECT_FALSE(q->reg_read(hw::NVRAM_CMD) & hw::NVRAM_CMD_DONE);
	dev->advance(1);
	EXPECT_EQ(q->reg_read(hw::NVRAM_CMD) & (hw::NVRAM_CMD_DONE | hw::NVRAM_CMD_GO), hw::NVRAM_CMD_DONE);
	EXPECT_EQ(q->reg_read(hw::NVRAM_RDDATA), kNvramMagic);
	q->reg_write(hw::NVRAM_CMD, hw::NVRAM_CMD_DONE); /* write-1-to-clear */
	EXPECT_FALSE(q->reg_read(hw::NVRAM_CMD) & hw::NVRAM_CMD_DONE);
	EXPECT_THROW(q->reg_write(hw::NVRAM_RDDATA, 0), std::logic_error);
}

TEST_P(NvramTest, CommandRefusedWithoutLockOrAccessEnable)
{
	q->reg_write(hw::NVRAM_ACCESS, hw::ACCESS_ENABLE);
	EXPECT_THROW(q->reg_write(hw::NVRAM_CMD, hw::TG3_NVRAM_CMD_READ_DWORD), std::logic_error);
	ASSERT_TRUE(q->nvram_lock());
	q->reg_write(hw::NVRAM_ACCESS, 0);
	EXPECT_THROW(q->reg_write(hw::NVRAM_CMD, hw::TG3_NVRAM_CMD_READ_DWORD), std::logic_error);
	dev->advance(1'000'000);
	EXPECT_FALSE(q->reg_read(hw::NVRAM_CMD) & hw::NVRAM_CMD_DONE) << "a refused command never completes";
	EXPECT_EQ(dev->counters().nvram_cmds_refused, 2u);
}

TEST_P(NvramTest, SoftwareArbitration)
{
	q->reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_SET1);
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB), hw::SWARB_GNT1 | hw::SWARB_REQ1);
	q->reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_SET2);
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB), hw::SWARB_GNT1 | hw::SWARB_REQ1 | hw::SWARB_REQ2);
	q->reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_CLR1);
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB), hw::SWARB_GNT2 | hw::SWARB_REQ2);
	q->reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_CLR2);
	EXPECT_EQ(q->reg_read(hw::NVRAM_SWARB), 0u);
	EXPECT_EQ(dev->counters().swarb_grants, 2u);
}

TEST_P(NvramTest, WritesNeedBothWriteEnables)
{
	constexpr uint32_t kAddr = 0x4000;
	ASSERT_TRUE(q->nvram_lock());
	q->reg_write(hw::NVRAM_ACCESS, hw::ACCESS_ENABLE);
	q->reg_write(hw::NVRAM_ADDR, kAddr);
	q->reg_write(hw::NVRAM_WRDATA, 0xDEADBEEF);
	EXPECT_THROW(q->reg_write(hw::NVRAM_CMD, hw::NVRAM_CMD_WR | hw::NVRAM_CMD_GO | hw::NVRAM_CMD_FIRST |
							 hw::NVRAM_CMD_LAST | hw::NVRAM_CMD_DONE),
		     std::logic_error);
	q->reg_write(hw::GRC_MODE, hw::GRC_MODE_NVRAM_WR_ENABLE);
	q->reg_write(hw::NVRAM_ACCESS, hw::ACCESS_ENABLE | hw::ACCESS_WR_ENABLE);
	q->reg_write(hw::NVRAM_CMD, hw::NVRAM_CMD_WR | hw::NVRAM_CMD_GO | hw::NVRAM_CMD_FIRST | hw::NVRAM_CMD_LAST |
					    hw::NVRAM_CMD_DONE);
	EXPECT_TRUE(q->wait_for_bits(hw::NVRAM_CMD, hw::NVRAM_CMD_DONE, hw::NVRAM_CMD_DONE, 1'000'000));
	q->reg_write(hw::NVRAM_ACCESS, 0);
	q->nvram_unlock();
	EXPECT_EQ(q->nvram_read(kAddr), 0xDEADBEEFu);
}

TEST_P(NvramTest, OutOfRangeReadsErased)
{
	EXPECT_EQ(q->nvram_read(kNvramBytes), 0xFFFFFFFFu);
	EXPECT_EQ(dev->counters().nvram_out_of_range, 1u);
	EXPECT_EQ(q->nvram_read(kNvramBytes - 4), 0xFFFFFFFFu) << "erased flash";
}

TG57XX_BOTH_CHIPS(NvramTest);

} // namespace
} // namespace tg57xx::sim::test
