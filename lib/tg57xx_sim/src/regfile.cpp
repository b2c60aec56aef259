/* SPDX-License-Identifier: BSD-3-Clause */
#include "regfile.h"

#include <cinttypes>
#include <stdexcept>
#include <string>

#include "chip.h"
#include "tg57xx_regs.h"

namespace tg57xx::sim {

namespace {
constexpr uint32_t kDwordBytes = 4;

std::string hex(uint32_t v)
{
	char buf[16];
	std::snprintf(buf, sizeof(buf), "0x%04x", v);
	return buf;
}

const char *access_name(Access a)
{
	switch (a) {
	case Access::RW: return "RW";
	case Access::RO: return "RO";
	case Access::W1C: return "W1C";
	case Access::SC: return "SC";
	}
	return "?";
}
} // namespace

RegFile::RegFile(Chip &chip, const char *space_name, uint32_t space_bytes, uint32_t map_names_below)
	: chip_(chip), space_name_(space_name), space_bytes_(space_bytes), index_(space_bytes / kDwordBytes, 0),
	  map_names_below_(map_names_below)
{
}

/* The register map's name of the register starting at `off` (kMapName rows). */
const char *RegFile::map_name(uint32_t off)
{
	const hw::RegLookup r = off < map_names_below_ ? hw::lookup_reg(off) : hw::RegLookup{};
	if (r.name == nullptr || r.byte != 0)
		throw std::logic_error(std::string(space_name_) + ": the register map names nothing at " + hex(off));
	if (!r.indexed)
		return r.name;
	return array_names_.emplace_back(std::string(r.name) + "(" + std::to_string(r.index) + ")").c_str();
}

RegFile::~RegFile()
{
	for (auto &e : entries_)
		if (e->sc_timer)
			chip_.clock().cancel(e->sc_timer);
}

void RegFile::add(const RegDesc &row, ReadFn rd, WriteFn wr)
{
	if (row.offset % kDwordBytes != 0 || row.offset >= space_bytes_)
		throw std::logic_error(std::string(space_name_) + ": bad register row at " + hex(row.offset));
	RegDesc d = row;
	if (d.name == kMapName)
		d.name = map_name(d.offset);
	if (d.access == Access::SC && d.sc_mask == 0)
		throw std::logic_error(std::string(space_name_) + ": self-clearing register without sc_mask: " + d.name);
	uint32_t &slot = index_[d.offset / kDwordBytes];
	if (slot != 0)
		throw std::logic_error(std::string(space_name_) + ": duplicate register at " + hex(d.offset) + ": " +
				       d.name + " vs " + entries_[slot - 1]->d.name);
	entries_.push_back(std::make_unique<Entry>(Entry{d, d.reset, std::move(rd), std::move(wr), {}, 0, 0}));
	slot = static_cast<uint32_t>(entries_.size());
}

void RegFile::add_read_clear_counters(std::string_view block)
{
	for (const hw::RegName &n : hw::kRegisterNames) {
		if (block != n.block || !hw::reg_read_clears(n.off))
			continue;
		const uint32_t off = n.off;
		add(reg_ro(off, kMapName), [this, off](uint32_t v) {
			set(off, 0);
			return v;
		});
	}
}

RegFile::Entry &RegFile::must(uint32_t off, const char *what) const
{
	Entry *e = lookup(off);
	if (e == nullptr)
		throw std::logic_error(std::string(space_name_) + ": " + what + " on undeclared register " + hex(off));
	return *e;
}

void RegFile::on_read(uint32_t off, ReadFn rd)
{
	Entry &e = must(off, "on_read");
	if (e.rd)
		throw std::logic_error(std::string(space_name_) + ": " + e.d.name + " already has a read handler");
	e.rd = std::move(rd);
}

void RegFile::on_write(uint32_t off, WriteFn wr)
{
	must(off, "on_write").observers.push_back(std::move(wr));
}

uint32_t RegFile::read(uint32_t off)
{
	Entry *e = lookup(off);
	if (e == nullptr) {
		chip_.counters().unknown_reads++;
		return 0;
	}
	return e->rd ? e->rd(e->value) : e->value;
}

void RegFile::write(uint32_t off, uint32_t val)
{
	write_bytes(off, val, kAllBits);
}

void RegFile::write_bytes(uint32_t off, uint32_t val, uint32_t bits)
{
	Entry *e = lookup(off);
	if (e == nullptr) {
		chip_.violation(&Counters::unknown_writes, "%s: write 0x%08" PRIx32 " to undeclared offset 0x%04" PRIx32,
				space_name_, val, off);
		return;
	}
	apply_write(*e, val, bits);
}

void RegFile::apply_write(Entry &e, uint32_t val, uint32_t bits)
{
	const uint32_t old = e.value;
	uint32_t written = (old & ~bits & ~e.d.w1c_mask) | (val & bits);
	switch (e.d.access) {
	case Access::RO:
		chip_.violation(&Counters::ro_writes, "%s: write 0x%08" PRIx32 " to read-only %s (0x%04" PRIx32 ")",
				space_name_, val, e.d.name, e.d.offset);
		return;
	case Access::RW:
	case Access::SC: {
		const uint32_t m = e.d.write_mask & bits;
		e.value = ((old & ~m) | (val & m)) & ~(val & bits & e.d.w1c_mask);
		break;
	}
	case Access::W1C:
		written = val & bits;
		e.value = old & ~(written & e.d.write_mask);
		break;
	}
	if (e.d.access == Access::SC) {
		/* A strobe in progress belongs to the hardware: writing 0 does not cancel it. */
		e.value |= e.pending_sc;
		const uint32_t strobe = val & bits & e.d.sc_mask;
		if (strobe != 0) {
			if (e.d.sc_ns == 0) {
				e.value &= ~strobe;
			} else {
				/* All strobes pending clear together at the latest deadline. */
				if (e.sc_timer)
					chip_.clock().cancel(e.sc_timer);
				Entry *ep = &e;
				e.pending_sc |= strobe;
				e.sc_timer = chip_.clock().schedule_in(e.d.sc_ns, [ep] {
					ep->value &= ~ep->pending_sc;
					ep->pending_sc = 0;
					ep->sc_timer = 0;
				});
			}
		}
	}
	if (e.wr)
		e.wr(old, written);
	for (auto &obs : e.observers)
		obs(old, written);
}

uint32_t RegFile::get(uint32_t off) const
{
	Entry *e = lookup(off);
	return e ? e->value : 0;
}

void RegFile::set(uint32_t off, uint32_t val)
{
	must(off, "set").value = val;
}

uint32_t *RegFile::raw(uint32_t off)
{
	return &must(off, "raw").value;
}

const RegDesc *RegFile::desc(uint32_t off) const
{
	Entry *e = lookup(off);
	return e ? &e->d : nullptr;
}

const char *RegFile::name_of(uint32_t off) const
{
	Entry *e = lookup(off & ~(kDwordBytes - 1));
	return e ? e->d.name : "?";
}

void RegFile::reset_entry(Entry &e)
{
	if (e.sc_timer)
		chip_.clock().cancel(e.sc_timer);
	e.sc_timer = 0;
	e.pending_sc = 0;
	e.value = e.d.reset;
}

void RegFile::core_reset()
{
	for (auto &ep : entries_)
		if (!(ep->d.flags & REG_KEEP_ON_CORE_RESET))
			reset_entry(*ep);
}

void RegFile::power_on_reset()
{
	for (auto &ep : entries_)
		reset_entry(*ep);
}

void RegFile::dump(std::FILE *out) const
{
	std::fprintf(out, "# %s: offset name access value reset\n", space_name_);
	for (uint32_t i = 0; i < index_.size(); i++) {
		if (index_[i] == 0)
			continue;
		const Entry &e = *entries_[index_[i] - 1];
		std::fprintf(out, "0x%04" PRIx32 " %-32s %-3s 0x%08" PRIx32 " 0x%08" PRIx32 "\n", e.d.offset, e.d.name,
			     access_name(e.d.access), e.value, e.d.reset);
	}
}

} // namespace tg57xx::sim
