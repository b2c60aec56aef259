/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ASF firmware on the RX CPU (blocks/asf.cpp, Config::asf): announced in the
 * NVRAM configuration without the APE, it acknowledges tg3's driver events
 * by clearing GRC_RX_CPU_DRIVER_EVENT, pauses on FWCMD_NICDRV_PAUSE_FW,
 * loses its state when the core is reset while it runs, and watches tg3's
 * FWCMD_NICDRV_ALIVE3 heartbeat once the first one arrived.
 */
#include <stdexcept>

#include "model_fixture.h"

namespace tg57xx::sim::test {
namespace {

/* tg3_wait_for_event_ack: TG3_FW_EVENT_TIMEOUT_USEC 2500 µs, polled every 8 µs. */
constexpr uint64_t kAckTimeoutNs = 2'500'000;
constexpr uint64_t kAckPollNs = 8'000;
constexpr uint64_t kSecNs = 1'000'000'000;

class AsfTest : public ProbedModelTest {
protected:
	void make(bool asf, bool strict)
	{
		make_probed(Personality::BCM57762, &Config::asf, asf, strict);
	}
	bool acked() /* tg3_wait_for_event_ack */
	{
		return q->wait_for_bits(hw::GRC_RX_CPU_EVENT, hw::GRC_RX_CPU_DRIVER_EVENT, 0, kAckTimeoutNs, kAckPollNs);
	}
	bool command(uint32_t cmd) /* the tg3_stop_fw shape: ack, command, tg3_generate_fw_event, ack */
	{
		if (!acked())
			return false;
		q->sram_write(hw::NIC_SRAM_FW_CMD_MBOX, cmd);
		q->reg_write(hw::GRC_RX_CPU_EVENT, q->reg_read(hw::GRC_RX_CPU_EVENT) | hw::GRC_RX_CPU_DRIVER_EVENT);
		return acked();
	}
	bool heartbeat() /* tg3_send_asf_heartbeat: ALIVE3, one data word, the timeout */
	{
		q->sram_write(hw::NIC_SRAM_FW_CMD_LEN_MBOX, hw::FWCMD_ALIVE3_LEN);
		q->sram_write(hw::NIC_SRAM_FW_CMD_DATA_MBOX, hw::TG3_FW_UPDATE_TIMEOUT_SEC);
		return command(hw::FWCMD_NICDRV_ALIVE3);
	}
	uint64_t misses() const { return dev->counters().asf_heartbeat_misses; }
	uint64_t losses() const { return dev->counters().mgmt_link_losses; }
};

TEST(AsfConfig, OnlyOnAChipWithoutAnApe)
{
	Config c = strict_config(Personality::BCM5720);
	c.asf = true;
	EXPECT_THROW(Device::create(c), std::invalid_argument) << "the 5720's firmware runs on its APE (mgmt)";
}

TEST_F(AsfTest, NvramSaysAsfWithoutTheApe)
{
	make(true, true);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_CFG) & (hw::NIC_SRAM_DATA_CFG_ASF_ENABLE | hw::NIC_SRAM_DATA_CFG_APE_ENABLE),
		  hw::NIC_SRAM_DATA_CFG_ASF_ENABLE);
	make(false, true);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_CFG) & hw::NIC_SRAM_DATA_CFG_ASF_ENABLE, 0u);
	q->reg_write(hw::GRC_RX_CPU_EVENT, hw::GRC_RX_CPU_DRIVER_EVENT);
	EXPECT_FALSE(acked()) << "no firmware: nobody acknowledges";
}

TEST_F(AsfTest, PausedBeforeEveryResetKeepsItsState)
{
	make(true, true); /* strict: a loss throws */
	for (unsigned cycle = 0; cycle < 3; cycle++) {
		ASSERT_TRUE(command(hw::FWCMD_NICDRV_PAUSE_FW)) << "cycle " << cycle;
		ASSERT_TRUE(q->chip_reset());
	}
	EXPECT_EQ(dev->counters().asf_pauses, 3u) << "restarted by each reset, paused again";
	EXPECT_EQ(losses(), 0u);
}

TEST_F(AsfTest, ResetWhileRunningLosesItsState)
{
	make(true, false);
	ASSERT_TRUE(q->chip_reset()); /* a driver that skips tg3_stop_fw */
	EXPECT_EQ(losses(), 1u);
	const auto &v = dev->chip_for_tests().violations();
	ASSERT_FALSE(v.empty());
	EXPECT_NE(v.front().find("ASF firmware lost its state"), std::string::npos) << v.front();
}

TEST_F(AsfTest, OtherCommandsAreAcknowledgedButDoNotPause)
{
	make(true, false);
	ASSERT_TRUE(command(hw::FWCMD_NICDRV_ALIVE3));
	EXPECT_EQ(dev->counters().asf_events, 1u);
	EXPECT_EQ(dev->counters().asf_pauses, 0u);
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(losses(), 1u) << "still running when the core was reset";
}

TEST_F(AsfTest, APausedFirmwareServesNothingMore)
{
	make(true, true);
	ASSERT_TRUE(command(hw::FWCMD_NICDRV_PAUSE_FW));
	EXPECT_FALSE(command(hw::FWCMD_NICDRV_ALIVE3)) << "paused until the core reset restarts it";
	q->reg_write(hw::GRC_RX_CPU_EVENT, 0); /* the event a paused firmware never took, withdrawn */
	ASSERT_TRUE(q->chip_reset());
	EXPECT_TRUE(command(hw::FWCMD_NICDRV_ALIVE3)) << "restarted";
	EXPECT_EQ(losses(), 0u);
}

TEST_F(AsfTest, HeartbeatsOnTimeKeepTheWatchQuiet)
{
	make(true, true);
	dev->advance(20 * kSecNs);
	EXPECT_EQ(misses(), 0u) << "not watched before the first heartbeat";
	for (unsigned beat = 0; beat < 10; beat++) { /* 20 s, one every TG3_FW_UPDATE_FREQ_SEC */
		ASSERT_TRUE(heartbeat()) << "beat " << beat;
		dev->advance(hw::TG3_FW_UPDATE_FREQ_SEC * kSecNs);
	}
	EXPECT_EQ(dev->counters().asf_heartbeats, 10u);
	EXPECT_EQ(misses(), 0u);
}

TEST_F(AsfTest, SilenceLongerThanThePromiseIsAMiss)
{
	make(true, true);
	ASSERT_TRUE(heartbeat());
	dev->advance(hw::TG3_FW_UPDATE_TIMEOUT_SEC * kSecNs - kSecNs / 2);
	EXPECT_EQ(misses(), 0u) << "still inside the promised timeout";
	dev->advance(kSecNs);
	EXPECT_EQ(misses(), 1u) << "the driver is taken for dead";
	dev->advance(20 * kSecNs);
	EXPECT_EQ(misses(), 1u) << "one miss per silence";
	ASSERT_TRUE(heartbeat());
	dev->advance((hw::TG3_FW_UPDATE_TIMEOUT_SEC + 1) * kSecNs);
	EXPECT_EQ(misses(), 2u) << "re-armed by the next heartbeat";
}

TEST_F(AsfTest, APauseOrAResetEndsTheWatch)
{
	make(true, false);
	ASSERT_TRUE(heartbeat());
	ASSERT_TRUE(command(hw::FWCMD_NICDRV_PAUSE_FW)); /* tg3_halt: the driver stops */
	dev->advance(20 * kSecNs);
	EXPECT_EQ(misses(), 0u) << "paused: nobody watches";
	ASSERT_TRUE(q->chip_reset());
	ASSERT_TRUE(heartbeat()) << "restarted, watching again";
	ASSERT_TRUE(q->chip_reset()); /* without the pause: the firmware restarts */
	dev->advance(20 * kSecNs);
	EXPECT_EQ(misses(), 0u) << "the restarted firmware waits for a first heartbeat again";
	EXPECT_EQ(losses(), 1u);
}

} // namespace
} // namespace tg57xx::sim::test
