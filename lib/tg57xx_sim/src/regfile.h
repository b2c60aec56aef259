/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register table: one row per 32-bit register, declared by the block that
 * owns it, with its access type, reset value and write mask taken from the
 * reference. Lookup is a flat index array over the space (offset / 4), so a
 * bus access is O(1).
 *
 * Two instances exist: BAR0 registers (0x0100-0x7FFF; the config mirror,
 * mailbox page and SRAM window are routed elsewhere by the bus shell) and PCI
 * configuration space (0x000-0xFFF).
 *
 * Access kinds (what a *bus* write does; engines use set()/get() and bypass them):
 *   RW   new = (old & ~write_mask) | (val & write_mask)
 *   RO   value unchanged; the write is counted/traced (fatal in strict mode)
 *   W1C  bits set in (val & write_mask) are cleared
 *   RW+W1C  reg_rw_w1c(): RW bits as above, w1c_mask bits cleared by writing 1
 *   SC   as RW, then bits in sc_mask that were written 1 clear themselves
 *        sc_ns later (sc_ns = 0: at once, so they always read 0); while a
 *        strobe is in progress, writing 0 to it does not cancel it
 *
 * Handlers: the owning block may give a read handler (computes the value a
 * read returns from the stored one) and a write handler (called after the
 * access rule was applied, with the old value and the value written). Other
 * blocks may attach more write observers to a declared register, and a read
 * handler if the owner gave none. Declaring an offset twice throws
 * std::logic_error (within one block's constexpr table it fails to compile:
 * see regs_well_formed()).
 */
#ifndef TG57XX_SIM_REGFILE_H
#define TG57XX_SIM_REGFILE_H

#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"

namespace tg57xx::sim {

class Chip;

enum class Access : uint8_t { RW, RO, W1C, SC };

/* RegDesc::flags */
inline constexpr uint8_t REG_KEEP_ON_CORE_RESET = 0x01; /* value survives GRC core reset */

struct RegDesc {
	uint32_t offset;
	const char *name;
	Access access;
	uint32_t reset;
	uint32_t write_mask;
	uint32_t sc_mask;
	uint32_t sc_ns;
	uint8_t flags;
	/* RW/SC registers: bits that are write-1-to-clear instead (status halves). */
	uint32_t w1c_mask;
};

inline constexpr uint32_t kAllBits = 0xFFFFFFFFu;

/* Row name "take it from the register map": a register the shared map
 * (drivers/common/tg57xx, tg57xx_regs_names.h) names is not named again here;
 * RegFile::add looks it up ("NAME" or "NAME(n)" for an array instance) and
 * refuses a row the map does not name. */
inline constexpr const char *kMapName = nullptr;

/* Row helpers for constexpr tables. */
constexpr RegDesc reg_rw(uint32_t off, const char *name, uint32_t reset = 0, uint32_t mask = kAllBits, uint8_t flags = 0)
{
	return {off, name, Access::RW, reset, mask, 0, 0, flags, 0};
}
/* Read/write bits plus write-1-to-clear bits in one register (e.g. PCI command/status). */
constexpr RegDesc reg_rw_w1c(uint32_t off, const char *name, uint32_t reset, uint32_t rw_mask, uint32_t w1c_mask,
			     uint8_t flags = 0)
{
	return {off, name, Access::RW, reset, rw_mask & ~w1c_mask, 0, 0, flags, w1c_mask};
}
constexpr RegDesc reg_ro(uint32_t off, const char *name, uint32_t reset = 0, uint8_t flags = 0)
{
	return {off, name, Access::RO, reset, 0, 0, 0, flags, 0};
}
constexpr RegDesc reg_w1c(uint32_t off, const char *name, uint32_t clear_mask, uint32_t reset = 0, uint8_t flags = 0)
{
	return {off, name, Access::W1C, reset, clear_mask, 0, 0, flags, 0};
}
/* Self-clearing bits: the generic "busy/strobe bit clears after N ns" kind. */
constexpr RegDesc reg_sc(uint32_t off, const char *name, uint32_t sc_mask, uint32_t sc_ns, uint32_t reset = 0,
			 uint32_t mask = kAllBits, uint8_t flags = 0)
{
	return {off, name, Access::SC, reset, mask, sc_mask, sc_ns, flags, 0};
}

/* Compile-time check for a block's table: dword aligned, inside the space, no duplicate offsets. */
template <size_t N>
constexpr bool regs_well_formed(const RegDesc (&t)[N], uint32_t space_bytes)
{
	for (size_t i = 0; i < N; i++) {
		if (t[i].offset % 4 != 0 || t[i].offset >= space_bytes)
			return false;
		if (t[i].access == Access::SC && t[i].sc_mask == 0)
			return false;
		for (size_t j = i + 1; j < N; j++)
			if (t[i].offset == t[j].offset)
				return false;
	}
	return true;
}

class RegFile {
public:
	/* off is the register offset; stored the current stored value. */
	using ReadFn = std::function<uint32_t(uint32_t stored)>;
	/*
	 * Called after the access rule was applied: old value, value written
	 * (pre-mask). For a partial (byte-enable) write, bytes not written carry
	 * the old value, except write-1-to-clear bits, which carry 0.
	 */
	using WriteFn = std::function<void(uint32_t old, uint32_t written)>;

	/* Rows below map_names_below may use kMapName: BAR0, and the config
	 * space's first 256 bytes, which BAR0 mirrors (ref §3); the APE's BAR2 has
	 * no names in the map. */
	RegFile(Chip &chip, const char *space_name, uint32_t space_bytes, uint32_t map_names_below = 0);
	~RegFile();
	RegFile(const RegFile &) = delete;
	RegFile &operator=(const RegFile &) = delete;

	/* Declare registers (throws std::logic_error on duplicates / bad rows). */
	void add(const RegDesc &d, ReadFn rd = {}, WriteFn wr = {});
	template <size_t N>
	void add_table(const RegDesc (&t)[N])
	{
		for (const auto &d : t)
			add(d);
	}
	/* Declares the register map's counters of `block` that a read clears
	 * (hw::reg_read_clears: statistics counters, ref §5.2, §17 item 9),
	 * named by the map. */
	void add_read_clear_counters(std::string_view block);
	/* Attach behaviour to a register declared elsewhere (throws if undeclared). */
	void on_read(uint32_t off, ReadFn rd);   /* only if it has no read handler yet */
	void on_write(uint32_t off, WriteFn wr); /* appended after the owner's handler */

	/* Bus path: access rules, handlers, counters, strict mode. */
	uint32_t read(uint32_t off);
	void write(uint32_t off, uint32_t val);
	/* Bus write of some bytes only (config space 8/16-bit writes). */
	void write_bytes(uint32_t off, uint32_t val, uint32_t byte_enable_mask);

	/* Engine path: raw stored value, no rules, no handlers. */
	uint32_t get(uint32_t off) const;
	void set(uint32_t off, uint32_t val);
	void set_bits(uint32_t off, uint32_t bits) { set(off, get(off) | bits); }
	void clear_bits(uint32_t off, uint32_t bits) { set(off, get(off) & ~bits); }
	/* Stable pointer to the stored word of a declared register (hot engine reads). */
	uint32_t *raw(uint32_t off);

	bool declared(uint32_t off) const { return lookup(off) != nullptr; }
	const RegDesc *desc(uint32_t off) const;
	const char *name_of(uint32_t off) const; /* "?" when undeclared */

	/* Core reset: every register without REG_KEEP_ON_CORE_RESET back to reset. */
	void core_reset();
	/* Every register back to reset (power-on). */
	void power_on_reset();

	void dump(std::FILE *out) const;
	uint32_t space_bytes() const { return space_bytes_; }

private:
	struct Entry {
		RegDesc d;
		uint32_t value;
		ReadFn rd;
		WriteFn wr;
		std::vector<WriteFn> observers;
		Clock::TimerId sc_timer;
		uint32_t pending_sc; /* strobes awaiting their self-clear */
	};
	Entry *lookup(uint32_t off) const
	{
		if (off >= space_bytes_ || (off & 3u) != 0)
			return nullptr;
		uint32_t i = index_[off >> 2];
		return i ? entries_[i - 1].get() : nullptr;
	}
	Entry &must(uint32_t off, const char *what) const;
	const char *map_name(uint32_t off);
	void apply_write(Entry &e, uint32_t val, uint32_t bits);
	void reset_entry(Entry &e);

	Chip &chip_;
	const char *space_name_;
	uint32_t space_bytes_;
	std::vector<uint32_t> index_;                 /* offset/4 -> entry index + 1 */
	std::vector<std::unique_ptr<Entry>> entries_; /* stable addresses for raw() */
	uint32_t map_names_below_;
	std::deque<std::string> array_names_; /* "NAME(n)" of map-named array instances */
};

} // namespace tg57xx::sim

#endif
