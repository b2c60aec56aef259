/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The chip core: what blocks see. Owns the register files (BAR0 and config
 * space), NIC SRAM, the mailbox page, the virtual clock, the DMA port, the
 * interrupt line, counters, faults, the trace and the blocks themselves.
 *
 * Locking: one mutex (lock()) guards everything here except the mailbox page
 * words. The bus shell (Device) and the runner take it; blocks are always
 * called with it held and must not take it again.
 */
#ifndef TG57XX_SIM_CHIP_H
#define TG57XX_SIM_CHIP_H

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tg57xx_sim/device.h"

#include "block.h"
#include "clock.h"
#include "irq.h"
#include "mailbox.h"
#include "personality.h"
#include "regfile.h"
#include "sram.h"
#include "trace.h"

namespace tg57xx::sim {

class Chip {
public:
	explicit Chip(const Config &cfg);
	~Chip();
	Chip(const Chip &) = delete;
	Chip &operator=(const Chip &) = delete;

	/* ---- what blocks use ---- */
	const Config &config() const { return cfg_; }
	const ChipPersonality &personality() const { return pers_; }
	const PersonalityInfo &info() const { return pers_.info; }

	RegFile &regs() { return regs_; } /* BAR0 0x0100-0x7FFF */
	RegFile &cfg() { return cfgspace_; } /* PCI config 0x000-0xFFF */
	/* BAR2, the APE's registers and shared memory (§2; blocks/ape.cpp). Not
	 * part of the core: a GRC reset leaves it alone. Empty without an APE. */
	RegFile &ape() { return ape_; }
	const RegFile &regs() const { return regs_; }
	const RegFile &cfg() const { return cfgspace_; }
	Sram &sram() { return sram_; }
	Mailboxes &mbox() { return mbox_; }
	Clock &clock() { return clock_; }
	uint64_t now_ns() const { return clock_.now_ns(); }
	IrqLine &irq() { return irq_; }
	Counters &counters() { return counters_; }
	Faults &faults() { return faults_; }
	Trace &trace() { return trace_; }
	Wire *wire() { return wire_.get(); }

	/*
	 * DMA port. Transfers go through the host translator; a refusal (or an
	 * injected Faults::dma_errors) returns false, counts dma_faults, sets the
	 * master-abort attention bit in RDMAC_STATUS (reads) / WDMAC_STATUS
	 * (writes) and never touches memory. Bus mastering off (PCI_COMMAND)
	 * also refuses (dma_master_off).
	 */
	bool dma_read(uint64_t iova, void *dst, size_t len);
	bool dma_write(uint64_t iova, const void *src, size_t len);
	/* Zero-copy: host pointer for [iova, iova+len) or nullptr (same accounting as a failed transfer). */
	void *dma_map(uint64_t iova, size_t len, bool for_write);
	uint64_t last_dma_fault_iova() const { return last_dma_fault_; }

	/*
	 * Protocol violation the model can see (RO/unknown write, unarbitrated
	 * NVRAM access...): bumps *counter, keeps the message (violations()),
	 * traces it, and throws std::logic_error in strict mode.
	 */
	void violation(uint64_t Counters::*counter, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
	bool strict() const { return strict_; }
	void set_strict(bool s) { strict_ = s; }
	const std::vector<std::string> &violations() const { return violations_; }

	/* Model event for the trace (resets, boot done...). */
	void trace_event(const char *what, uint32_t value = 0);

	/* Append a block after construction (tests: a probe block with its own run()). */
	void add_block(std::unique_ptr<Block> b) { blocks_.push_back(std::move(b)); }
	/* Blocks by name (nullptr if absent); typed lookup by dynamic_cast. */
	Block *find_block(const char *name);
	template <class T>
	T *find_block()
	{
		for (auto &b : blocks_)
			if (auto *p = dynamic_cast<T *>(b.get()))
				return p;
		return nullptr;
	}

	/* ---- GRC core reset (§12.2); driven by blocks/grc.cpp ---- */
	/*
	 * Start a core reset: both register files back to reset values (except
	 * rows flagged REG_KEEP_ON_CORE_RESET), mailboxes cleared, INTx dropped,
	 * every block's core_reset() in list order. BAR0 reads return all-ones
	 * until end_reset_window() (the GRC block schedules it).
	 */
	void begin_core_reset();
	bool in_reset_window() const { return in_reset_; }
	void end_reset_window();

	/* ---- GRC-side register space (indirect access, §2.2) ---- */
	/* 0x00-0xFF config mirror, 0x0100-0x7FFF registers, 0x5800 mailbox alias. */
	bool grc_read(uint32_t off, uint32_t &val);
	bool grc_write(uint32_t off, uint32_t val);

	/* ---- driving (callers hold lock()) ---- */
	std::mutex &lock() { return mu_; }
	/* One sweep over every block's run(); true if any made progress. */
	bool run_engines_once();
	/* Fire due timers and run engines until idle. */
	void step_locked();
	/* Advance virtual time by ns, firing timers in order, stepping after each. */
	void advance_locked(uint64_t ns);
	/* Set by bus-path mailbox writes; the runner clears it (wake-up hint). */
	bool take_kick() { bool k = kick_; kick_ = false; return k; }

	/* ---- bus shell plumbing (Device) ---- */
	void set_dma_translator(DmaTranslator fn, void *ctx) { dma_fn_ = fn; dma_ctx_ = ctx; }
	void attach_wire(std::unique_ptr<Wire> w);
	void power_on();
	void kick() { kick_ = true; }

private:
	void *translate(uint64_t iova, size_t len, bool for_write);

	Config cfg_;
	const ChipPersonality &pers_;
	std::mutex mu_;
	Counters counters_{};
	Faults faults_{};
	bool strict_;
	Clock clock_;
	Trace trace_;
	RegFile regs_;
	RegFile cfgspace_;
	RegFile ape_;
	Sram sram_;
	Mailboxes mbox_;
	IrqLine irq_;
	std::unique_ptr<Wire> wire_;
	std::vector<std::unique_ptr<Block>> blocks_;
	std::vector<std::string> violations_;
	DmaTranslator dma_fn_ = nullptr;
	void *dma_ctx_ = nullptr;
	uint64_t last_dma_fault_ = 0;
	const uint32_t *pci_command_ = nullptr; /* cached by translate() */
	bool in_reset_ = false;
	bool kick_ = false;
};

} // namespace tg57xx::sim

#endif
