/* SPDX-License-Identifier: BSD-3-Clause */
/* The register table: access kinds, handlers, duplicates, strict mode, reset. */
#include "model_fixture.h"

#include <stdexcept>

namespace tg57xx::sim::test {
namespace {

/* BAR0 0x0100-0x01FF is unused on these chips (register map): free for test rows. */
constexpr uint32_t kT0 = 0x100, kT1 = 0x104, kT2 = 0x108, kT3 = 0x10C;
constexpr uint32_t kLow16 = 0x0000FFFF;

class RegFileTest : public ModelTest {};

TEST_P(RegFileTest, RwHonoursWriteMask)
{
	chip().regs().add(reg_rw(kT0, "T_RW", 0x5, kLow16));
	EXPECT_EQ(q->reg_read(kT0), 0x5u);
	q->reg_write(kT0, 0xFFFFFFFF);
	EXPECT_EQ(q->reg_read(kT0), kLow16);
}

TEST_P(RegFileTest, ReadOnlyWriteIsCountedAndFatalWhenStrict)
{
	chip().regs().add(reg_ro(kT0, "T_RO", 0x1234));
	EXPECT_THROW(q->reg_write(kT0, 0), std::logic_error);
	EXPECT_EQ(dev->counters().ro_writes, 1u);
	dev->set_strict(false);
	q->reg_write(kT0, 0);
	EXPECT_EQ(dev->counters().ro_writes, 2u);
	EXPECT_EQ(q->reg_read(kT0), 0x1234u);
	ASSERT_FALSE(chip().violations().empty());
	EXPECT_NE(chip().violations().back().find("T_RO"), std::string::npos);
}

TEST_P(RegFileTest, WriteOneToClear)
{
	chip().regs().add(reg_w1c(kT0, "T_W1C", 0x0000000F, 0xFF));
	q->reg_write(kT0, 0x0000FF03); /* bits outside the mask are not clearable */
	EXPECT_EQ(q->reg_read(kT0), 0xFCu);
}

TEST_P(RegFileTest, SelfClearingImmediateStrobeReachesHandler)
{
	uint32_t seen = 0;
	chip().regs().add(reg_sc(kT0, "T_SC0", 0x1, 0), {}, [&](uint32_t, uint32_t w) { seen = w; });
	q->reg_write(kT0, 0x3);
	EXPECT_EQ(seen, 0x3u);
	EXPECT_EQ(q->reg_read(kT0), 0x2u);
}

TEST_P(RegFileTest, SelfClearingAfterDelay)
{
	constexpr uint32_t kDelay = 5000;
	chip().regs().add(reg_sc(kT0, "T_SC", 0x30, kDelay));
	q->reg_write(kT0, 0x11);
	EXPECT_EQ(q->reg_read(kT0), 0x11u);
	dev->advance(kDelay / 2);
	q->reg_write(kT0, 0x21); /* second strobe re-arms: both clear at the later deadline */
	dev->advance(kDelay / 2);
	EXPECT_EQ(q->reg_read(kT0), 0x31u);
	EXPECT_TRUE(q->wait_for_bits(kT0, 0x30, 0, kDelay, 100));
	EXPECT_EQ(q->reg_read(kT0), 0x1u);
}

TEST_P(RegFileTest, DuplicateOffsetsRejected)
{
	chip().regs().add(reg_rw(kT0, "T_A"));
	EXPECT_THROW(chip().regs().add(reg_rw(kT0, "T_B")), std::logic_error);
	/* A core-declared register cannot be redeclared by a later block. */
	EXPECT_THROW(chip().regs().add(reg_rw(hw::HOSTCC_MODE, "MINE")), std::logic_error);
	EXPECT_THROW(chip().regs().add(reg_rw(kT1 + 2, "T_MISALIGNED")), std::logic_error);
}

constexpr RegDesc kDupTable[] = {reg_rw(kT0, "A"), reg_rw(kT1, "B"), reg_rw(kT0, "C")};
constexpr RegDesc kGoodTable[] = {reg_rw(kT0, "A"), reg_ro(kT1, "B"), reg_sc(kT2, "C", 1, 0)};
constexpr RegDesc kBadSc[] = {reg_sc(kT0, "A", 0, 0)};
static_assert(!regs_well_formed(kDupTable, 0x8000), "duplicates are caught at compile time");
static_assert(regs_well_formed(kGoodTable, 0x8000));
static_assert(!regs_well_formed(kBadSc, 0x8000), "SC rows need strobe bits");
static_assert(!regs_well_formed(kGoodTable, kT1), "rows must lie inside the space");

TEST_P(RegFileTest, UnknownAccess)
{
	constexpr uint32_t kUnused = 0x1F0;
	EXPECT_EQ(q->reg_read(kUnused), 0u);
	EXPECT_EQ(dev->counters().unknown_reads, 1u);
	EXPECT_THROW(q->reg_write(kUnused, 1), std::logic_error);
	dev->set_strict(false);
	q->reg_write(kUnused, 1);
	EXPECT_EQ(dev->counters().unknown_writes, 2u);
}

TEST_P(RegFileTest, HooksFromOtherBlocks)
{
	RegFile &r = chip().regs();
	int owner = 0, observer = 0;
	r.add(reg_rw(kT0, "T_H"), {}, [&](uint32_t, uint32_t) { owner++; });
	r.on_write(kT0, [&](uint32_t old, uint32_t w) {
		observer++;
		EXPECT_EQ(old, 0u);
		EXPECT_EQ(w, 7u);
	});
	r.on_read(kT0, [](uint32_t stored) { return stored | 0x100; });
	EXPECT_THROW(r.on_read(kT0, [](uint32_t s) { return s; }), std::logic_error);
	EXPECT_THROW(r.on_write(kT3, [](uint32_t, uint32_t) {}), std::logic_error);
	q->reg_write(kT0, 7);
	EXPECT_EQ(owner, 1);
	EXPECT_EQ(observer, 1);
	EXPECT_EQ(q->reg_read(kT0), 0x107u);
	EXPECT_EQ(r.get(kT0), 7u); /* engine path: raw value, no handler */
}

TEST_P(RegFileTest, EnginePathBypassesRulesAndRawIsStable)
{
	RegFile &r = chip().regs();
	r.add(reg_ro(kT0, "T_STATUS"));
	uint32_t *p = r.raw(kT0);
	r.add(reg_rw(kT1, "T_OTHER")); /* growth must not move existing rows */
	r.set_bits(kT0, 0x4);
	EXPECT_EQ(*p, 0x4u);
	EXPECT_EQ(q->reg_read(kT0), 0x4u);
	r.clear_bits(kT0, 0x4);
	EXPECT_EQ(*p, 0u);
}

TEST_P(RegFileTest, CoreResetKeepsFlaggedRows)
{
	RegFile &r = chip().regs();
	r.add(reg_rw(kT0, "T_VOLATILE", 0x1));
	r.add(reg_rw(kT1, "T_KEEP", 0x1, kAllBits, REG_KEEP_ON_CORE_RESET));
	q->reg_write(kT0, 0x55);
	q->reg_write(kT1, 0x55);
	r.core_reset();
	EXPECT_EQ(r.get(kT0), 0x1u);
	EXPECT_EQ(r.get(kT1), 0x55u);
	r.power_on_reset();
	EXPECT_EQ(r.get(kT1), 0x1u);
}

TEST_P(RegFileTest, PartialWritesTouchOnlyEnabledBytes)
{
	RegFile &r = chip().regs();
	r.add(reg_rw(kT0, "T_RW"));
	r.add(reg_w1c(kT1, "T_W1C", kAllBits, 0xFFFFFFFF));
	r.set(kT0, 0x11223344);
	r.write_bytes(kT0, 0x0000AA00, 0x0000FF00);
	EXPECT_EQ(r.get(kT0), 0x1122AA44u);
	r.write_bytes(kT1, 0xFFFFFFFF, 0x000000FF);
	EXPECT_EQ(r.get(kT1), 0xFFFFFF00u);
}

TEST_P(RegFileTest, NamesAndDump)
{
	EXPECT_STREQ(chip().regs().name_of(hw::GRC_MODE), "GRC_MODE");
	EXPECT_STREQ(chip().regs().name_of(0x1F8), "?");
	EXPECT_STREQ(chip().cfg().name_of(hw::TG3PCI_MISC_HOST_CTRL), "TG3PCI_MISC_HOST_CTRL");
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	dev->dump_registers(f);
	std::fclose(f);
	EXPECT_NE(std::string(buf, len).find("GRC_MISC_CFG"), std::string::npos);
	std::free(buf);
}

/* Rows with kMapName take their name from the shared register map: one
 * spelling per register, an array instance as NAME(n). */
TEST_P(RegFileTest, NamesComeFromTheRegisterMap)
{
	EXPECT_STREQ(chip().regs().name_of(hw::MAC_RCV_RULE(3)), "MAC_RCV_RULE(3)");
	EXPECT_STREQ(chip().regs().name_of(hw::MAC_RX_STATS_UNDERSIZE), "MAC_RX_STATS_UNDERSIZE");
	EXPECT_STREQ(chip().regs().name_of(hw::RCVLPC_IN_ERRORS_CNT), "RCVLPC_IN_ERRORS_CNT");
	/* A row the map does not name, or the middle of a 64-bit register, is refused. */
	EXPECT_THROW(chip().regs().add(reg_rw(kT0, kMapName)), std::logic_error);
	EXPECT_FALSE(chip().regs().declared(kT0));
	EXPECT_THROW(chip().cfg().add(reg_rw(pci::kStdHeaderBytes, kMapName)), std::logic_error);
	EXPECT_THROW(chip().ape().add(reg_rw(kT0, kMapName)), std::logic_error);
}

/* The statistics counters (the map's clear-on-read registers) clear on read. */
TEST_P(RegFileTest, MapCountersClearOnRead)
{
	for (const hw::RegName &n : hw::kRegisterNames) {
		if (!hw::reg_read_clears(n.off))
			continue;
		ASSERT_TRUE(chip().regs().declared(n.off)) << n.name;
		chip().regs().set(n.off, 7);
		EXPECT_EQ(q->reg_read(n.off), 7u) << n.name;
		EXPECT_EQ(q->reg_read(n.off), 0u) << n.name;
	}
}

TG57XX_BOTH_CHIPS(RegFileTest);

} // namespace
} // namespace tg57xx::sim::test
