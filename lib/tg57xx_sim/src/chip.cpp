/* SPDX-License-Identifier: BSD-3-Clause */
#include "chip.h"

#include <cinttypes>
#include <cstdarg>
#include <cstring>
#include <string_view>
#include <stdexcept>

#include "block_list.h"
#include "hw.h"
#include "pci_cfg.h"

namespace tg57xx::sim {

namespace {
/* How many violation messages Chip keeps for tests and dumps. */
constexpr size_t kMaxViolationMessages = 64;
/* step() gives up when engines never go idle: a model bug, not a driver one. */
constexpr size_t kMaxRoundsPerStep = size_t{1} << 22;
/* BAR0 register space ends where the SRAM window starts (§2). */
constexpr uint32_t kRegSpaceBytes = hw::NIC_SRAM_WIN_BASE;
/* The GRC mailbox alias is reached at the mailbox offset + GRCMBOX_BASE (§2.2). */
constexpr uint32_t kGrcMboxDelta = hw::GRCMBOX_BASE;
/* Caller-provided mailbox memory: a cache line, like the model's own page (Mailboxes). */
constexpr uintptr_t kMailboxMemoryAlign = 64;
} // namespace

Chip::Chip(const Config &cfg)
	: cfg_(cfg), pers_(chip_personality(cfg.chip)), strict_(cfg.strict), trace_(cfg.trace_capacity),
	  regs_(*this, "bar0", kRegSpaceBytes, kRegSpaceBytes),
	  cfgspace_(*this, "config", pci::kConfigSpaceBytes, pci::kStdHeaderBytes),
	  ape_(*this, "bar2", hw::TG3_APE_BAR_SIZE),
	  sram_(*this, pers_.info.sram_size), irq_(*this)
{
	if (cfg_.pci_function >= pers_.functions)
		throw std::invalid_argument("tg57xx_sim: pci_function out of range for this chip");
	if (cfg_.mgmt && !pers_.info.has_ape)
		throw std::invalid_argument("tg57xx_sim: management firmware needs a chip with an APE (BCM5720)");
	if (cfg_.asf && pers_.info.has_ape)
		throw std::invalid_argument("tg57xx_sim: ASF firmware on the RX CPU is for chips without an APE (BCM57762)");
	trace_.enable(cfg_.trace);
	if (cfg_.mailbox_memory != nullptr) {
		if (reinterpret_cast<uintptr_t>(cfg_.mailbox_memory) % kMailboxMemoryAlign != 0)
			throw std::invalid_argument("tg57xx_sim: mailbox_memory must be 64-byte aligned");
		mbox_.use_memory(cfg_.mailbox_memory);
	}
#define TG57XX_SIM_MAKE_BLOCK(name) blocks_.push_back(make_block_##name(*this));
	TG57XX_SIM_BLOCKS(TG57XX_SIM_MAKE_BLOCK)
#undef TG57XX_SIM_MAKE_BLOCK
}

Chip::~Chip()
{
	/* Blocks own timers and observers into the register files: drop them first. */
	blocks_.clear();
}

void Chip::power_on()
{
	regs_.power_on_reset();
	cfgspace_.power_on_reset();
	ape_.power_on_reset();
	sram_.clear();
	mbox_.clear();
	for (auto &b : blocks_)
		b->power_on();
}

void Chip::violation(uint64_t Counters::*counter, const char *fmt, ...)
{
	counters_.*counter += 1;
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	std::vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (violations_.size() >= kMaxViolationMessages)
		violations_.erase(violations_.begin());
	violations_.emplace_back(buf);
	trace_event("violation");
	if (strict_)
		throw std::logic_error(std::string("tg57xx_sim strict: ") + buf);
}

void Chip::trace_event(const char *what, uint32_t value)
{
	trace_.record(clock_.now_ns(), TraceEntry::Space::EVENT, 'E', 0, value, what);
}

Block *Chip::find_block(const char *name)
{
	for (auto &b : blocks_)
		if (std::string_view(b->name()) == name)
			return b.get();
	return nullptr;
}

void Chip::attach_wire(std::unique_ptr<Wire> w)
{
	if (wire_ != nullptr)
		wire_->flush(); /* what the MAC sent before the cable was pulled was on it */
	wire_ = std::move(w);
	/* One batch of sends per sweep (Wire::set_deferred): flushed in run_engines_once. */
	if (wire_ != nullptr)
		wire_->set_deferred(true);
	for (auto &b : blocks_)
		b->wire_changed(wire_.get());
}

/* ---- DMA port ---- */

/*
 * §15 (tg3_4g_overflow_test; FreeBSD bge_dma_alloc: "All Broadcom controllers
 * have 4GB boundary DMA bug ... an internal DMA state machine will lockup"):
 * no single transfer - a run of ring entries, a status block, a buffer - may
 * go from 0xX_FFFFFFFF to 0x(X+1)_00000000. The model refuses such a
 * transfer as a DMA fault (and a protocol violation) instead of hanging, so
 * a driver whose rings or status block can straddle 4 GB loses data.
 */
constexpr bool crosses_4g(uint64_t iova, size_t len)
{
	constexpr unsigned kWindowShift = 32;
	return len != 0 && (iova >> kWindowShift) != ((iova + len - 1) >> kWindowShift);
}

void *Chip::translate(uint64_t iova, size_t len, bool for_write)
{
	void *p = nullptr;
	/* PCI command word, looked up once: its storage is stable (RegFile::raw). */
	if (pci_command_ == nullptr)
		pci_command_ = cfgspace_.raw(pci::kCommandStatus);
	if (!(*pci_command_ & pci::kCommandMaster)) {
		counters_.dma_master_off++;
	} else if (crosses_4g(iova, len)) {
		violation(&Counters::dma_4g_crossings, "DMA %s of %zu bytes at 0x%" PRIx64 " crosses a 4 GB boundary (§15)",
			  for_write ? "write" : "read", len, iova);
	} else if (faults_.dma_errors != 0) {
		faults_.dma_errors--;
	} else if (dma_fn_ != nullptr) {
		p = dma_fn_(dma_ctx_, iova, len);
	}
	if (p != nullptr)
		return p;
	/* §5.9: the DMA engines report a master abort in their status register. */
	counters_.dma_faults++;
	last_dma_fault_ = iova;
	const uint32_t status = for_write ? hw::WDMAC_STATUS : hw::RDMAC_STATUS;
	const uint32_t abort = for_write ? hw::WDMAC_STATUS_MSTABORT : hw::RDMAC_STATUS_MSTABORT;
	if (regs_.declared(status))
		regs_.set_bits(status, abort);
	trace_event(for_write ? "dma-write-fault" : "dma-read-fault", static_cast<uint32_t>(iova));
	return nullptr;
}

void *Chip::dma_map(uint64_t iova, size_t len, bool for_write)
{
	return translate(iova, len, for_write);
}

bool Chip::dma_read(uint64_t iova, void *dst, size_t len)
{
	if (len == 0)
		return true;
	const void *src = translate(iova, len, false);
	if (src == nullptr)
		return false;
	std::memcpy(dst, src, len);
	counters_.dma_reads++;
	counters_.dma_read_bytes += len;
	return true;
}

bool Chip::dma_write(uint64_t iova, const void *src, size_t len)
{
	if (len == 0)
		return true;
	void *dst = translate(iova, len, true);
	if (dst == nullptr)
		return false;
	std::memcpy(dst, src, len);
	counters_.dma_writes++;
	counters_.dma_write_bytes += len;
	return true;
}

/* ---- core reset ---- */

void Chip::begin_core_reset()
{
	counters_.core_resets++;
	trace_event("core-reset");
	in_reset_ = true;
	regs_.core_reset();
	cfgspace_.core_reset();
	mbox_.clear();
	irq_.core_reset();
	for (auto &b : blocks_)
		b->core_reset();
}

void Chip::end_reset_window()
{
	in_reset_ = false;
	trace_event("reset-window-end");
}

/* ---- GRC-side register space (§2.2) ---- */

bool Chip::grc_read(uint32_t off, uint32_t &val)
{
	if (off < pci::kStdHeaderBytes) {
		val = cfgspace_.read(off);
		return true;
	}
	if (Mailboxes::in_alias(off)) {
		val = mbox_.load(off - kGrcMboxDelta);
		return true;
	}
	if (Mailboxes::in_page(off) || off >= kRegSpaceBytes)
		return false;
	val = regs_.read(off);
	return true;
}

bool Chip::grc_write(uint32_t off, uint32_t val)
{
	if (off < pci::kStdHeaderBytes) {
		cfgspace_.write(off, val);
		return true;
	}
	if (Mailboxes::in_alias(off)) {
		counters_.mailbox_writes++;
		mbox_.bus_write(off - kGrcMboxDelta, val);
		kick();
		return true;
	}
	if (Mailboxes::in_page(off) || off >= kRegSpaceBytes)
		return false;
	regs_.write(off, val);
	return true;
}

/* ---- driving ---- */

bool Chip::run_engines_once()
{
	bool progress = false;
	for (auto &b : blocks_)
		progress |= b->run();
	if (wire_ != nullptr)
		wire_->flush(); /* the frames of this sweep, in one go (Wire::set_deferred) */
	if (progress)
		counters_.engine_rounds++;
	return progress;
}

void Chip::step_locked()
{
	for (size_t rounds = 0;; rounds++) {
		if (rounds > kMaxRoundsPerStep)
			throw std::logic_error("tg57xx_sim: engines never went idle in step()");
		const size_t fired = clock_.fire_due();
		const bool progress = run_engines_once();
		if (fired == 0 && !progress)
			return;
	}
}

void Chip::advance_locked(uint64_t ns)
{
	if (clock_.live()) {
		clock_.shift_live(ns);
		clock_.sync_live();
		step_locked();
		return;
	}
	const uint64_t target = clock_.now_ns() + ns;
	step_locked();
	while (clock_.fire_next_until(target))
		step_locked();
	clock_.set_now(target);
	step_locked();
}

} // namespace tg57xx::sim
