/* SPDX-License-Identifier: BSD-3-Clause */
#include "sram.h"

#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

Sram::Sram(Chip &chip, uint32_t size_bytes) : chip_(chip), size_(size_bytes), words_(size_bytes / 4, 0) {}

bool Sram::arbiter_enabled() const
{
	/* §2.1: "The memory arbiter must be enabled for SRAM accesses to work". */
	return (chip_.regs().get(hw::MEMARB_MODE) & hw::MEMARB_MODE_ENABLE) != 0;
}

uint32_t Sram::bus_read32(uint32_t addr)
{
	Counters &c = chip_.counters();
	c.sram_reads++;
	if (!arbiter_enabled()) {
		c.sram_memarb_off++;
		return 0;
	}
	if (!in_range(addr)) {
		c.sram_out_of_range++;
		return 0;
	}
	return words_[addr >> 2];
}

void Sram::bus_write32(uint32_t addr, uint32_t val)
{
	Counters &c = chip_.counters();
	c.sram_writes++;
	if (!arbiter_enabled()) {
		c.sram_memarb_off++;
		return;
	}
	if (!in_range(addr)) {
		c.sram_out_of_range++;
		return;
	}
	words_[addr >> 2] = val;
}

void Sram::peek(uint32_t addr, uint32_t *dst, size_t nwords) const
{
	for (size_t i = 0; i < nwords; i++)
		dst[i] = peek32(addr + static_cast<uint32_t>(4 * i));
}

void Sram::poke(uint32_t addr, const uint32_t *src, size_t nwords)
{
	for (size_t i = 0; i < nwords; i++)
		poke32(addr + static_cast<uint32_t>(4 * i), src[i]);
}

void Sram::clear()
{
	std::fill(words_.begin(), words_.end(), 0u);
}

} // namespace tg57xx::sim
