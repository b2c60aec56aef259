/* SPDX-License-Identifier: BSD-3-Clause */
/* The mailbox page (§4.1): fast-path memory, BAR0, the 0x5800 alias, doorbells. */
#include "model_fixture.h"

#include <atomic>
#include <thread>

namespace tg57xx::sim::test {
namespace {

class MailboxTest : public ModelTest {};

constexpr uint32_t word(uint32_t bar0_off)
{
	return (bar0_off - Device::kMailboxPageOffset) / 4;
}

TEST_P(MailboxTest, PageBar0AndAliasAreOneMemory)
{
	volatile uint32_t *mb = dev->mailbox_page();
	const uint32_t send0 = hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW;
	mb[word(send0)] = 17; /* fast path store */
	EXPECT_EQ(q->reg_read(send0), 17u);
	EXPECT_EQ(q->reg_read(send0 + hw::GRCMBOX_BASE), 17u); /* 0x5904 */
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 200);
	EXPECT_EQ(mb[word(hw::TG3_RX_STD_PROD_IDX_REG)], 200u);
	q->reg_write(hw::GRCMBOX_RCVRET_CON_IDX_0 + hw::TG3_64BIT_REG_LOW, 3);
	EXPECT_EQ(mb[word(hw::MAILBOX_RCVRET_CON_IDX_0 + hw::TG3_64BIT_REG_LOW)], 3u);
	EXPECT_EQ(q->reg_read(hw::GRCMBOX_INTERRUPT_0), 0u);
	EXPECT_EQ(dev->counters().mailbox_writes, 2u);
}

TEST_P(MailboxTest, DoorbellSeesNewValuesOnly)
{
	const uint32_t off = hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW;
	Doorbell db(chip(), off);
	uint32_t v = 0;
	EXPECT_FALSE(db.poll(v));
	dev->mailbox_page()[word(off)] = 5;
	EXPECT_TRUE(db.poll(v));
	EXPECT_EQ(v, 5u);
	EXPECT_FALSE(db.poll(v));
	q->reg_write(off, 5); /* same value again: no new work */
	EXPECT_FALSE(db.poll(v));
	q->reg_write(off, 6);
	EXPECT_TRUE(db.poll(v));
	EXPECT_EQ(db.last(), 6u);
}

TEST_P(MailboxTest, LostDoorbellFaultDropsTheUpdate)
{
	const uint32_t off = hw::TG3_RX_STD_PROD_IDX_REG;
	Doorbell db(chip(), off);
	Faults f;
	f.lost_doorbells = 1;
	dev->set_faults(f);
	q->reg_write(off, 10);
	uint32_t v = 0;
	EXPECT_FALSE(db.poll(v));
	EXPECT_EQ(q->reg_read(off), 0u) << "the lost write must not linger in the register";
	EXPECT_EQ(dev->counters().doorbells_lost, 1u);
	EXPECT_EQ(dev->faults().lost_doorbells, 0u);
	q->reg_write(off, 11); /* the next doorbell carries the newer index */
	EXPECT_TRUE(db.poll(v));
	EXPECT_EQ(v, 11u);
}

TEST_P(MailboxTest, BusWriteObserversSeeEveryWrite)
{
	std::vector<std::pair<uint32_t, uint32_t>> seen;
	chip().mbox().add_write_observer([&](uint32_t off, uint32_t v) { seen.push_back({off, v}); });
	q->reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 1);
	q->reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 1); /* same value: still a write */
	q->reg_write(hw::GRCMBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 0);
	ASSERT_EQ(seen.size(), 3u);
	EXPECT_EQ(seen[2].first, hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW);
}

TEST_P(MailboxTest, FastPathStoresNeedNoLock)
{
	/* A producer thread hammers the page while the control path runs. */
	const uint32_t off = hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW;
	volatile uint32_t *mb = dev->mailbox_page();
	std::atomic<bool> stop{false};
	std::thread t([&] {
		for (uint32_t i = 1; !stop.load(); i++)
			mb[word(off)] = i & 0x1FF;
	});
	for (int i = 0; i < 1000; i++)
		(void)q->reg_read(hw::GRC_MODE);
	stop = true;
	t.join();
	Doorbell db(chip(), off);
	EXPECT_LT(db.last(), 512u);
}

/* Config::mailbox_memory: the page in caller memory (another process's view of it). */
TEST_P(MailboxTest, PageCanLiveInCallerMemory)
{
	alignas(64) static uint32_t shared[Device::kMailboxPageWords];
	for (auto &w : shared)
		w = 0xDEADBEEF; /* whatever the memory held: power-on clears it */
	Config cfg = strict_config(GetParam());
	cfg.mailbox_memory = shared;
	make(cfg);
	EXPECT_EQ(dev->mailbox_page(), shared);
	EXPECT_EQ(shared[0], 0u);
	const uint32_t send0 = hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW;
	shared[word(send0)] = 9; /* a doorbell rung through the caller's mapping */
	EXPECT_EQ(q->reg_read(send0), 9u);
	Doorbell db(chip(), send0);
	q->reg_write(send0, 10);
	uint32_t v = 0;
	EXPECT_TRUE(db.poll(v));
	EXPECT_EQ(v, 10u);
	EXPECT_EQ(shared[word(send0)], 10u);
	/* A core reset clears the words wherever they live. */
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(shared[word(send0)], 0u);
	dev.reset(); /* the memory outlives the model */
}

TEST_P(MailboxTest, CallerMemoryMustBeAligned)
{
	alignas(64) static uint32_t mem[Device::kMailboxPageWords + 1];
	Config cfg = strict_config(GetParam());
	cfg.mailbox_memory = mem + 1;
	EXPECT_THROW(Device::create(cfg), std::invalid_argument);
}

TG57XX_BOTH_CHIPS(MailboxTest);

} // namespace
} // namespace tg57xx::sim::test
