/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NIC-internal SRAM (§6.1), addressed in bytes, accessed in 32-bit words.
 *
 * Bus path (host through the BAR0 0x8000 window or TG3PCI_MEM_WIN_DATA, §2.1):
 * goes through the memory arbiter, so with MEMARB_MODE_ENABLE clear reads
 * return 0 and writes are dropped (counted: sram_memarb_off). Addresses beyond
 * this chip's SRAM read 0 / drop (counted: sram_out_of_range).
 *
 * Chip path (boot code, engines): peek/poke, range-checked, no arbiter check
 * (the on-chip users run only after the boot code enabled the arbiter).
 */
#ifndef TG57XX_SIM_SRAM_H
#define TG57XX_SIM_SRAM_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tg57xx::sim {

class Chip;

class Sram {
public:
	Sram(Chip &chip, uint32_t size_bytes);

	uint32_t bus_read32(uint32_t addr);
	void bus_write32(uint32_t addr, uint32_t val);

	uint32_t peek32(uint32_t addr) const
	{
		return in_range(addr) ? words_[addr >> 2] : 0;
	}
	void poke32(uint32_t addr, uint32_t val)
	{
		if (in_range(addr))
			words_[addr >> 2] = val;
	}
	/* Bulk chip-side access (e.g. an RCB: 4 words). Out-of-range words read 0. */
	void peek(uint32_t addr, uint32_t *dst, size_t nwords) const;
	void poke(uint32_t addr, const uint32_t *src, size_t nwords);

	uint32_t size() const { return size_; }
	bool in_range(uint32_t addr) const { return addr < size_ && (addr & 3u) == 0; }
	/* Power-on: all zero. */
	void clear();

private:
	bool arbiter_enabled() const;

	Chip &chip_;
	uint32_t size_;
	std::vector<uint32_t> words_;
};

} // namespace tg57xx::sim

#endif
