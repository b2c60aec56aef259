/* SPDX-License-Identifier: BSD-3-Clause */
/* Mode registers and the polled/self-clearing bits drivers wait on (§17 item 2, §13). */
#include "model_fixture.h"

#include <stdexcept>

namespace tg57xx::sim::test {
namespace {

class ModesTest : public ModelTest {};

struct Stop {
	uint32_t off;
	uint32_t enable;
};

/* tg3_abort_hw order (§13 steps 3, 4, 7), minus the pre-5705 blocks. */
const Stop kStopOrder[] = {
	{hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE},     {hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE},
	{hw::RCVDBDI_MODE, hw::RCVDBDI_MODE_ENABLE},   {hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE},
	{hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE},       {hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE},
	{hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE},     {hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE},
	{hw::RDMAC_MODE, hw::RDMAC_MODE_ENABLE},       {hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE},
	{hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE},     {hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE},
	{hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE},
};

TEST_P(ModesTest, EveryStopBlockCompletes)
{
	for (const Stop &s : kStopOrder) {
		q->reg_write(s.off, s.enable | hw::RDMAC_MODE_TGTABORT_ENAB /* bit 2: attention enable */);
		EXPECT_EQ(q->reg_read(s.off), s.enable | 0x4u) << chip().regs().name_of(s.off);
	}
	for (const Stop &s : kStopOrder) {
		EXPECT_TRUE(q->stop_block(s.off, s.enable)) << chip().regs().name_of(s.off);
		EXPECT_EQ(q->reg_read(s.off), 0x4u) << "other bits survive the stop";
	}
}

TEST_P(ModesTest, ModeResetBitSelfClears)
{
	q->reg_write(hw::SNDBDS_MODE, hw::SNDBDS_MODE_RESET | hw::SNDBDS_MODE_ENABLE);
	EXPECT_EQ(q->reg_read(hw::SNDBDS_MODE), hw::SNDBDS_MODE_ENABLE);
}

TEST_P(ModesTest, BufmgrEnableReadsBack)
{
	/* §12.3 step 9: poll BUFMGR_MODE_ENABLE set, 2000 x 10 µs. */
	q->reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE);
	EXPECT_TRUE(q->wait_for_bits(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE, hw::BUFMGR_MODE_ENABLE,
				     hw::TG3_BUFMGR_ENABLE_POLLS * QDriver::kPollNs));
}

TEST_P(ModesTest, HostccDisableAndNowStrobe)
{
	q->reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE);
	q->reg_write(hw::HOSTCC_MODE, 0); /* §12.3 step 20 */
	EXPECT_TRUE(q->wait_for_bits(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0,
				     hw::TG3_HOSTCC_DISABLE_POLLS * QDriver::kPollNs));
	uint32_t written = 0;
	chip().regs().on_write(hw::HOSTCC_MODE, [&](uint32_t, uint32_t w) { written = w; });
	const uint32_t now = hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_NOW | hw::HOSTCC_MODE_COAL_VEC_NOW(2);
	q->reg_write(hw::HOSTCC_MODE, now);
	EXPECT_EQ(written, now) << "the host-coalescing block sees the strobes";
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE), hw::HOSTCC_MODE_ENABLE);
}

TEST_P(ModesTest, TxModeClearPolls)
{
	q->reg_write(hw::MAC_TX_MODE, hw::TX_MODE_ENABLE | hw::TX_MODE_MBUF_LOCKUP_FIX);
	q->reg_write(hw::MAC_TX_MODE, q->reg_read(hw::MAC_TX_MODE) & ~hw::TX_MODE_ENABLE);
	EXPECT_TRUE(q->wait_for_bits(hw::MAC_TX_MODE, hw::TX_MODE_ENABLE, 0, hw::MAX_WAIT_CNT * 100'000));
	EXPECT_EQ(q->reg_read(hw::MAC_TX_MODE), hw::TX_MODE_MBUF_LOCKUP_FIX);
}

TEST_P(ModesTest, MacModeStatClearIsSelfClearing)
{
	/* §12.3 step 22: enables written together with the clears; Thundergate spins on CLEAR. */
	const uint32_t en = hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE | hw::MAC_MODE_TDE_ENABLE |
			    hw::MAC_MODE_RDE_ENABLE | hw::MAC_MODE_FHDE_ENABLE;
	const uint32_t clr = hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR;
	q->reg_write(hw::MAC_MODE, en | clr);
	EXPECT_EQ(q->reg_read(hw::MAC_MODE), en | clr) << "the clear takes a little time";
	EXPECT_TRUE(q->wait_for_bits(hw::MAC_MODE, clr, 0, 40'000, 100));
	EXPECT_EQ(q->reg_read(hw::MAC_MODE), en);
}

TEST_P(ModesTest, FtqResetReadsBackZero)
{
	q->reg_write(hw::FTQ_RESET, hw::TG3_FTQ_RESET_ALL);
	EXPECT_EQ(q->reg_read(hw::FTQ_RESET), hw::TG3_FTQ_RESET_ALL);
	q->reg_write(hw::FTQ_RESET, 0);
	EXPECT_TRUE(q->wait_for_bits(hw::FTQ_RESET, kAllBits, 0, 1'000'000));
}

TEST_P(ModesTest, MemarbEnableReadsBack)
{
	EXPECT_TRUE(q->reg_read(hw::MEMARB_MODE) & hw::MEMARB_MODE_ENABLE) << "boot code enabled it";
	q->reg_write(hw::MEMARB_MODE, 0);
	EXPECT_EQ(q->reg_read(hw::MEMARB_MODE), 0u);
	q->reg_write(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
	EXPECT_EQ(q->reg_read(hw::MEMARB_MODE), hw::MEMARB_MODE_ENABLE);
}

TEST_P(ModesTest, StatusRegistersAreReadOnly)
{
	EXPECT_THROW(q->reg_write(hw::SNDBDS_STATUS, 0x4), std::logic_error);
	EXPECT_THROW(q->reg_write(hw::WDMAC_STATUS, 0), std::logic_error);
}

TEST_P(ModesTest, MacAddressSlots)
{
	for (unsigned n = 1; n < 4; n++) {
		q->reg_write(hw::MAC_ADDR_HIGH(n), 0xFFFFFFFF);
		EXPECT_EQ(q->reg_read(hw::MAC_ADDR_HIGH(n)), 0x0000FFFFu) << "two bytes in the high word";
	}
}

TG57XX_BOTH_CHIPS(ModesTest);

} // namespace
} // namespace tg57xx::sim::test
