/* SPDX-License-Identifier: BSD-3-Clause */
/* step() and the live runner: engines, doorbells, live time, threads. */
#include "model_fixture.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "grc.h"
#include "nvram.h"

namespace tg57xx::sim::test {
namespace {

using namespace std::chrono_literals;

constexpr uint32_t kProbeMbox = hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW;

/* A stand-in engine: consumes doorbells on one mailbox. */
class ProbeBlock final : public Block {
public:
	ProbeBlock(Chip &chip, bool throw_on_work = false)
		: Block(chip, "probe"), db_(chip, kProbeMbox), throw_(throw_on_work)
	{
	}
	bool run() override
	{
		uint32_t v;
		if (!db_.poll(v))
			return false;
		if (throw_) {
			threw.store(true);
			throw std::logic_error("probe engine failure");
		}
		seen.store(v);
		work.fetch_add(1);
		return true;
	}
	std::atomic<uint32_t> seen{0};
	std::atomic<unsigned> work{0};
	std::atomic<bool> threw{false};

private:
	Doorbell db_;
	bool throw_;
};

class RunnerTest : public ModelTest {
protected:
	ProbeBlock &add_probe(bool throw_on_work = false)
	{
		auto b = std::make_unique<ProbeBlock>(chip(), throw_on_work);
		ProbeBlock &ref = *b;
		chip().add_block(std::move(b));
		return ref;
	}
	volatile uint32_t &probe_word() { return dev->mailbox_page()[(kProbeMbox - Device::kMailboxPageOffset) / 4]; }

	/* Bounds a wait for what must happen; returns as soon as it does. Generous:
	 * the runner thread can be off the CPU for seconds on a loaded machine. */
	template <class Pred>
	static bool eventually(Pred p, std::chrono::milliseconds limit = 15000ms)
	{
		const auto end = std::chrono::steady_clock::now() + limit;
		while (std::chrono::steady_clock::now() < end) {
			if (p())
				return true;
			std::this_thread::sleep_for(10us);
		}
		return p();
	}
};

TEST_P(RunnerTest, StepRunsEnginesToIdle)
{
	ProbeBlock &p = add_probe();
	probe_word() = 3;
	dev->step();
	EXPECT_EQ(p.seen.load(), 3u);
	EXPECT_EQ(p.work.load(), 1u);
	dev->step();
	EXPECT_EQ(p.work.load(), 1u) << "no new doorbell, no work";
	EXPECT_GE(dev->counters().engine_rounds, 1u);
}

TEST_P(RunnerTest, RunnerPicksUpFastPathDoorbells)
{
	ProbeBlock &p = add_probe();
	dev->start_runner();
	EXPECT_TRUE(dev->runner_running());
	for (uint32_t i = 1; i <= 20; i++) {
		probe_word() = i;
		ASSERT_TRUE(eventually([&] { return p.seen.load() == i; })) << "doorbell " << i;
		if (i % 5 == 0)
			std::this_thread::sleep_for(1ms); /* let the runner back off to sleeping */
	}
	dev->stop_runner();
	EXPECT_FALSE(dev->runner_running());
}

TEST_P(RunnerTest, LiveTimeLetsARealDriverPollBusyBits)
{
	dev->start_runner();
	/* NVRAM read with real sleeps between polls (§5.12). */
	q->reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_SET1);
	ASSERT_TRUE(eventually([&] { return (q->reg_read(hw::NVRAM_SWARB) & hw::SWARB_GNT1) != 0; }));
	q->reg_write(hw::NVRAM_ACCESS, hw::ACCESS_ENABLE);
	q->reg_write(hw::NVRAM_ADDR, kNvramMagicOffset);
	const auto t0 = std::chrono::steady_clock::now();
	q->reg_write(hw::NVRAM_CMD, hw::TG3_NVRAM_CMD_READ_DWORD);
	ASSERT_TRUE(eventually([&] { return (q->reg_read(hw::NVRAM_CMD) & hw::NVRAM_CMD_DONE) != 0; }));
	EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::nanoseconds(kNvramCmdNs));
	EXPECT_EQ(q->reg_read(hw::NVRAM_RDDATA), kNvramMagic);
	q->reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_CLR1);

	/* Core reset and boot-code handshake in real time. */
	q->reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET);
	std::this_thread::sleep_for(std::chrono::nanoseconds(2 * kCoreResetWindowNs));
	q->cfg_write(pci::kCommandStatus, pci::kCommandMemory | pci::kCommandMaster);
	q->reg_write(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE);
	EXPECT_TRUE(eventually([&] {
		return q->reg_read(hw::NIC_SRAM_WIN_BASE + hw::NIC_SRAM_FIRMWARE_MBOX) ==
		       hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT;
	}));
	dev->stop_runner();
}

TEST_P(RunnerTest, ControlPathIsThreadSafeAgainstTheRunner)
{
	ProbeBlock &p = add_probe();
	constexpr uint32_t kRegA = 0x110, kRegB = 0x114;
	chip().regs().add(reg_rw(kRegA, "T_A"));
	chip().regs().add(reg_rw(kRegB, "T_B"));
	dev->start_runner();
	constexpr uint32_t kIters = 20000;
	auto hammer = [&](uint32_t reg) {
		for (uint32_t i = 0; i < kIters; i++) {
			dev->bar0_write32(reg, i);
			if (dev->bar0_read32(reg) != i)
				ADD_FAILURE() << "lost write";
		}
	};
	std::thread a(hammer, kRegA), b(hammer, kRegB);
	for (uint32_t i = 1; i <= 100; i++)
		probe_word() = i;
	a.join();
	b.join();
	EXPECT_TRUE(eventually([&] { return p.seen.load() == 100; }));
	dev->stop_runner();
	EXPECT_EQ(dev->bar0_read32(kRegA), kIters - 1);
}

TEST_P(RunnerTest, EngineErrorStopsRunnerAndIsRethrown)
{
	ProbeBlock &p = add_probe(true);
	dev->start_runner();
	probe_word() = 1;
	/* Stopping before the runner took the doorbell would be a clean stop. */
	ASSERT_TRUE(eventually([&] { return p.threw.load(); }));
	EXPECT_THROW(dev->stop_runner(), std::logic_error);
}

TEST_P(RunnerTest, StepTimeDoesNotMoveWithoutAdvance)
{
	const uint64_t t0 = dev->now_ns();
	std::this_thread::sleep_for(2ms);
	dev->step();
	EXPECT_EQ(dev->now_ns(), t0) << "test mode time is virtual";
}

TG57XX_BOTH_CHIPS(RunnerTest);

} // namespace
} // namespace tg57xx::sim::test
