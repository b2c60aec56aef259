/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Build-time exporter: prints the register map of drivers/common/tg57xx
 * (kRegisterNames, kRegisterArrays, kBlockSections, reg_read_clears,
 * kMiiDumpRegs, the chip families by ASIC revision) as JSON on stdout.
 * buildtools/gen-regmap-json.py adds the fields and writes
 * tg57xx-regmap.json, which usertools/tg57xx-diag decodes with: the tool
 * never carries a copy of the map.
 */
#include <cinttypes>
#include <cstdio>
#include <iterator>

#include "tg57xx_chip.h"
#include "tg57xx_mii.h"
#include "tg57xx_regs.h"

namespace hw = tg57xx::hw;

namespace {

/* ASIC revisions are chip id >> 12: 20 bits (ref §1.2). */
constexpr uint32_t kAsicRevs = 1u << 20;

const char *sep(size_t i) { return i == 0 ? "" : ","; }

} // namespace

int main()
{
	std::printf("{\"registers\":[");
	for (size_t i = 0; i < std::size(hw::kRegisterNames); i++) {
		const hw::RegName &r = hw::kRegisterNames[i];
		std::printf("%s\n{\"off\":%" PRIu32 ",\"name\":\"%s\",\"block\":\"%s\",\"width\":%" PRIu32
			    ",\"read_clears\":%s}",
			    sep(i), r.off, r.name, r.block, r.width, hw::reg_read_clears(r.off) ? "true" : "false");
	}
	std::printf("],\n\"arrays\":[");
	for (size_t i = 0; i < std::size(hw::kRegisterArrays); i++) {
		const hw::RegArray &a = hw::kRegisterArrays[i];
		std::printf("%s\n{\"name\":\"%s\",\"block\":\"%s\",\"base\":%" PRIu32 ",\"stride\":%" PRIu32
			    ",\"width\":%" PRIu32 ",\"count\":%" PRIu32 ",\"first_index\":%" PRIu32 "}",
			    sep(i), a.name, a.block, a.base, a.stride, a.width, a.count, a.first_index);
	}
	std::printf("],\n\"blocks\":{");
	for (size_t i = 0; i < std::size(hw::kBlockSections); i++)
		std::printf("%s\"%s\":\"%s\"", sep(i), hw::kBlockSections[i].block, hw::kBlockSections[i].section);
	std::printf("},\n\"reg_block_size\":%" PRIu32 ",\n\"mii_dump\":[", hw::TG3_REG_BLK_SIZE);
	for (size_t i = 0; i < std::size(hw::kMiiDumpRegs); i++)
		std::printf("%s%u", sep(i), hw::kMiiDumpRegs[i]);
	std::printf("],\n\"families\":{");
	size_t n = 0;
	for (uint32_t asic = 0; asic < kAsicRevs; asic++) {
		if (const hw::ChipCaps *c = hw::caps_for_asic(asic))
			std::printf("%s\"%" PRIu32 "\":\"%s\"", sep(n++), asic, c->family_name);
	}
	std::printf("}}\n");
	return 0;
}
