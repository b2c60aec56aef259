/* SPDX-License-Identifier: BSD-3-Clause */
/* Register-access trace, counters, personalities. */
#include "model_fixture.h"

#include <set>
#include <string>

namespace tg57xx::sim::test {
namespace {

class TraceTest : public ModelTest {};

TEST_P(TraceTest, RecordsAccessesInOrderWithNames)
{
	dev->set_trace(true);
	q->reg_write(hw::GRC_MODE, hw::TG3_GRC_MODE_SWAP_LE);
	(void)q->reg_read(hw::GRC_MODE);
	(void)q->cfg_read(hw::TG3PCI_MISC_HOST_CTRL);
	q->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 1);
	const auto t = dev->trace();
	ASSERT_EQ(t.size(), 4u);
	EXPECT_EQ(t[0].op, 'W');
	EXPECT_STREQ(t[0].name, "GRC_MODE");
	EXPECT_EQ(t[0].value, hw::TG3_GRC_MODE_SWAP_LE);
	EXPECT_EQ(t[1].op, 'R');
	EXPECT_EQ(t[2].space, TraceEntry::Space::CONFIG);
	EXPECT_STREQ(t[2].name, "TG3PCI_MISC_HOST_CTRL");
	EXPECT_STREQ(t[3].name, "mailbox");
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	dev->dump_trace(f);
	std::fclose(f);
	EXPECT_NE(std::string(buf, len).find("GRC_MODE"), std::string::npos);
	std::free(buf);
	dev->clear_trace();
	EXPECT_TRUE(dev->trace().empty());
}

TEST_P(TraceTest, ResetAndBootEventsAreTraced)
{
	dev->set_trace(true);
	ASSERT_TRUE(q->chip_reset());
	std::set<std::string> events;
	for (const auto &e : dev->trace())
		if (e.space == TraceEntry::Space::EVENT)
			events.insert(e.name);
	EXPECT_TRUE(events.count("core-reset"));
	EXPECT_TRUE(events.count("bootcode-done"));
}

TEST(Trace, RingKeepsTheNewest)
{
	Config c = strict_config(Personality::BCM57762);
	c.trace = true;
	c.trace_capacity = 8;
	auto dev = Device::create(c);
	for (uint32_t i = 0; i < 20; i++)
		dev->bar0_write32(hw::GRC_MODE, i);
	const auto t = dev->trace();
	ASSERT_EQ(t.size(), 8u);
	EXPECT_EQ(t.front().value, 12u);
	EXPECT_EQ(t.back().value, 19u);
}

TEST(Counters, ForEachVisitsEveryCounterByName)
{
	Counters c;
	c.dma_faults = 3;
	std::set<std::string> names;
	uint64_t faults = 0;
	for_each_counter(c, [&](const char *n, uint64_t v) {
		names.insert(n);
		if (std::string(n) == "dma_faults")
			faults = v;
	});
	EXPECT_EQ(faults, 3u);
	EXPECT_EQ(names.size(), sizeof(Counters) / sizeof(uint64_t));
	EXPECT_TRUE(names.count("unknown_writes"));
}

TEST(Personality, TableFromTheReference)
{
	const PersonalityInfo &a = personality_info(Personality::BCM57762);
	EXPECT_EQ(a.std_ring_entries, 512);
	EXPECT_EQ(a.jumbo_ring_entries, 256);
	EXPECT_EQ(a.ret_ring_entries, 1024);
	EXPECT_EQ(a.send_rcbs, 2);
	EXPECT_EQ(a.ret_rcbs, 4);
	EXPECT_EQ(a.tx_rings, 1);
	EXPECT_FALSE(a.has_ape);
	EXPECT_EQ(hw::tg3_phy_id_from_sram(a.phy_id) & hw::TG3_PHY_ID_MASK, hw::TG3_PHY_ID_BCM57765);
	const PersonalityInfo &b = personality_info(Personality::BCM5720);
	EXPECT_EQ(b.std_ring_entries, 2048);
	EXPECT_EQ(b.jumbo_ring_entries, 1024);
	EXPECT_EQ(b.ret_ring_entries, 4096);
	EXPECT_EQ(b.send_rcbs, 4);
	EXPECT_EQ(b.ret_rcbs, 17);
	EXPECT_EQ(b.tx_rings, 4);
	EXPECT_TRUE(b.has_ape);
	EXPECT_EQ(b.msix_vectors, hw::TG3_IRQ_MAX_VECS);
	EXPECT_EQ(hw::tg3_phy_id_from_sram(b.phy_id) & hw::TG3_PHY_ID_MASK, hw::TG3_PHY_ID_BCM5720C);
}

TG57XX_BOTH_CHIPS(TraceTest);

} // namespace
} // namespace tg57xx::sim::test
