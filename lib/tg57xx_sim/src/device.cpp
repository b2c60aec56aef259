/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bus shell: BAR0 and config-space decoding, locking, the runner thread.
 * Behaviour lives in the core (chip.cpp) and the blocks.
 */
#include "tg57xx_sim/device.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <thread>

#include "chip.h"
#include "hw.h"
#include "pci_cfg.h"

#include <sys/prctl.h>

namespace tg57xx::sim {

namespace {

constexpr uint32_t kAllOnes = 0xFFFFFFFFu; /* master-abort / unclaimed read */
constexpr uint32_t kDwordMask = 3u;
/* BAR0 0x8000-0xFFFF: 32 KiB window onto SRAM at TG3PCI_MEM_WIN_BASE_ADDR (§2, §2.1). */
constexpr uint32_t kSramWindowBytes = pci::kBar0Bytes - hw::NIC_SRAM_WIN_BASE;
constexpr uint32_t kSramWindowOffsetMask = kSramWindowBytes - 1;

/* Runner back-off (live mode): idle sweeps spent spinning, then yielding, then sleeping.
 * Short: the runner shares the host's CPUs with the driver and the stacks it feeds, and a
 * paced port waits on timers most of the time (issue 12: 2000 spins kept it 80% busy). */
constexpr unsigned kRunnerSpinSweeps = 64;
constexpr unsigned kRunnerYieldSweeps = 8;
/* Longest idle sleep: bounds doorbell latency for direct mailbox-page stores. */
constexpr std::chrono::microseconds kRunnerMaxSleep{50};
/*
 * The runner plays silicon, which the host never holds off: its timed waits end on time
 * (timer slack 1 us instead of the default 50 us). A paced port that wakes late loses line
 * time beyond its catch-up (mac_frames.h kPaceCatchUpNs). (It keeps the default nice: at
 * -10, one runner per test program of a parallel test run would take the CPU from the
 * kernel work those tests wait for.)
 */
constexpr unsigned long kRunnerTimerSlackNs = 1000;

inline void cpu_relax()
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	asm volatile("yield");
#endif
}

} // namespace

struct Device::Runner {
	std::thread thread;
	std::atomic<bool> stop{false};
	std::mutex wake_mu;
	std::condition_variable wake_cv;
	std::exception_ptr error;
};

Device::Device(const Config &cfg) : chip_(std::make_unique<Chip>(cfg)), runner_(std::make_unique<Runner>()) {}

Device::~Device()
{
	if (runner_running()) {
		try {
			stop_runner();
		} catch (...) {
			/* a runner error nobody collected: nothing left to report it to */
		}
	}
}

std::unique_ptr<Device> Device::create(const Config &cfg)
{
	std::unique_ptr<Device> d(new Device(cfg));
	std::lock_guard lk(d->chip_->lock());
	d->chip_->power_on();
	return d;
}

/* ---- BAR0 ---- */

uint32_t Device::bar0_read_locked(uint32_t off)
{
	Chip &c = *chip_;
	Counters &ctr = c.counters();
	ctr.bar0_reads++;
	if (off >= pci::kBar0Bytes || (off & kDwordMask) != 0) {
		ctr.misaligned_accesses++;
		return kAllOnes;
	}
	if (c.in_reset_window()) {
		/* §12.2 step 7: MMIO is unusable during the core reset. */
		ctr.mmio_during_reset++;
		return kAllOnes;
	}
	if (!(c.cfg().get(pci::kCommandStatus) & pci::kCommandMemory)) {
		ctr.mmio_decode_off++;
		return kAllOnes;
	}
	uint32_t v = kAllOnes;
	const char *name;
	if (Mailboxes::in_page(off)) {
		v = c.mbox().load(off);
		name = "mailbox";
	} else if (off < hw::NIC_SRAM_WIN_BASE) {
		if (!c.grc_read(off, v))
			v = 0;
		name = off < pci::kStdHeaderBytes ? c.cfg().name_of(off) : c.regs().name_of(off);
	} else {
		const uint32_t base = c.cfg().get(hw::TG3PCI_MEM_WIN_BASE_ADDR) & ~kSramWindowOffsetMask;
		v = c.sram().bus_read32(base + (off & kSramWindowOffsetMask));
		name = "sram-window";
	}
	c.trace().record(c.now_ns(), TraceEntry::Space::BAR0, 'R', off, v, name);
	return v;
}

void Device::bar0_write_locked(uint32_t off, uint32_t val)
{
	Chip &c = *chip_;
	Counters &ctr = c.counters();
	ctr.bar0_writes++;
	if (off >= pci::kBar0Bytes || (off & kDwordMask) != 0) {
		ctr.misaligned_accesses++;
		return;
	}
	if (c.in_reset_window()) {
		ctr.mmio_during_reset++;
		return;
	}
	if (!(c.cfg().get(pci::kCommandStatus) & pci::kCommandMemory)) {
		ctr.mmio_decode_off++;
		return;
	}
	if (Mailboxes::in_page(off)) {
		c.trace().record(c.now_ns(), TraceEntry::Space::BAR0, 'W', off, val, "mailbox");
		ctr.mailbox_writes++;
		c.mbox().bus_write(off, val);
		c.kick();
		runner_->wake_cv.notify_one();
		return;
	}
	if (off < hw::NIC_SRAM_WIN_BASE) {
		c.trace().record(c.now_ns(), TraceEntry::Space::BAR0, 'W', off, val,
				 off < pci::kStdHeaderBytes ? c.cfg().name_of(off) : c.regs().name_of(off));
		c.grc_write(off, val); /* mailbox page excluded above, so this always maps */
		if (Mailboxes::in_alias(off))
			runner_->wake_cv.notify_one();
		return;
	}
	c.trace().record(c.now_ns(), TraceEntry::Space::BAR0, 'W', off, val, "sram-window");
	const uint32_t base = c.cfg().get(hw::TG3PCI_MEM_WIN_BASE_ADDR) & ~kSramWindowOffsetMask;
	c.sram().bus_write32(base + (off & kSramWindowOffsetMask), val);
}

uint32_t Device::bar0_read32(uint32_t off)
{
	std::lock_guard lk(chip_->lock());
	chip_->clock().sync_live();
	chip_->clock().fire_due();
	if (chip_->faults().bus_errors != 0) { /* Faults::bus_errors: the chip never sees the read */
		chip_->faults().bus_errors--;
		chip_->counters().bar0_reads_failed++;
		return kAllOnes;
	}
	return bar0_read_locked(off);
}

void Device::bar0_write32(uint32_t off, uint32_t val)
{
	std::lock_guard lk(chip_->lock());
	chip_->clock().sync_live();
	chip_->clock().fire_due();
	bar0_write_locked(off, val);
}

/* ---- BAR2: the APE (§2) ---- */

uint32_t Device::bar2_read32(uint32_t off)
{
	std::lock_guard lk(chip_->lock());
	chip_->clock().sync_live();
	chip_->clock().fire_due();
	if (!chip_->info().has_ape) {
		chip_->counters().bar2_absent++;
		return kAllOnes;
	}
	return chip_->ape().read(off);
}

void Device::bar2_write32(uint32_t off, uint32_t val)
{
	std::lock_guard lk(chip_->lock());
	chip_->clock().sync_live();
	chip_->clock().fire_due();
	if (!chip_->info().has_ape) {
		chip_->counters().bar2_absent++;
		return;
	}
	/* The host may write the APE only where PCISTATE lets it (§3; tg3 sets
	 * the three enables at probe and after every reset, tg3_restore_pci_state):
	 * shared memory (TG3_APE_SHMEM_BASE up to the lock registers) needs
	 * ALLOW_APE_SHMEM_WR, the control registers around it ALLOW_APE_CTLSPC_WR. */
	const bool shmem = off >= hw::TG3_APE_SHMEM_BASE && off < hw::TG3_APE_PER_LOCK_REQ;
	const uint32_t need = shmem ? hw::PCISTATE_ALLOW_APE_SHMEM_WR : hw::PCISTATE_ALLOW_APE_CTLSPC_WR;
	if (!(chip_->cfg().get(hw::TG3PCI_PCISTATE) & need)) {
		chip_->counters().ape_writes_refused++;
		return;
	}
	chip_->ape().write(off, val);
}

/* ---- config space ---- */

uint32_t Device::cfg_read32(uint32_t off)
{
	std::lock_guard lk(chip_->lock());
	Chip &c = *chip_;
	c.clock().sync_live();
	c.clock().fire_due();
	c.counters().cfg_reads++;
	const uint32_t aligned = off & ~kDwordMask;
	if (aligned >= pci::kConfigSpaceBytes)
		return kAllOnes;
	const uint32_t v = c.cfg().read(aligned);
	c.trace().record(c.now_ns(), TraceEntry::Space::CONFIG, 'R', aligned, v, c.cfg().name_of(aligned));
	return v;
}

uint16_t Device::cfg_read16(uint32_t off)
{
	constexpr uint32_t kBitsPerByte = 8;
	return static_cast<uint16_t>(cfg_read32(off) >> ((off & 2u) * kBitsPerByte));
}

uint8_t Device::cfg_read8(uint32_t off)
{
	constexpr uint32_t kBitsPerByte = 8;
	return static_cast<uint8_t>(cfg_read32(off) >> ((off & kDwordMask) * kBitsPerByte));
}

namespace {
void cfg_write_bytes(Chip &c, uint32_t off, uint32_t val, uint32_t bytes)
{
	constexpr uint32_t kBitsPerByte = 8;
	constexpr uint32_t kByteMask = 0xFF;
	c.clock().sync_live();
	c.clock().fire_due();
	c.counters().cfg_writes++;
	const uint32_t aligned = off & ~kDwordMask;
	if (aligned >= pci::kConfigSpaceBytes)
		return;
	const uint32_t shift = (off & kDwordMask) * kBitsPerByte;
	uint32_t mask = 0;
	for (uint32_t i = 0; i < bytes; i++)
		mask |= kByteMask << (i * kBitsPerByte);
	mask <<= shift;
	const uint32_t v = (val << shift) & mask;
	c.trace().record(c.now_ns(), TraceEntry::Space::CONFIG, 'W', off, val, c.cfg().name_of(aligned));
	c.cfg().write_bytes(aligned, v, mask);
}
} // namespace

void Device::cfg_write32(uint32_t off, uint32_t val)
{
	std::lock_guard lk(chip_->lock());
	cfg_write_bytes(*chip_, off & ~kDwordMask, val, sizeof(uint32_t));
}

void Device::cfg_write16(uint32_t off, uint16_t val)
{
	std::lock_guard lk(chip_->lock());
	cfg_write_bytes(*chip_, off & ~1u, val, sizeof(uint16_t));
}

void Device::cfg_write8(uint32_t off, uint8_t val)
{
	std::lock_guard lk(chip_->lock());
	cfg_write_bytes(*chip_, off, val, sizeof(uint8_t));
}

/* ---- fast path, ports ---- */

volatile uint32_t *Device::mailbox_page()
{
	return chip_->mbox().page();
}

void Device::set_dma_translator(DmaTranslator fn, void *ctx)
{
	std::lock_guard lk(chip_->lock());
	chip_->set_dma_translator(fn, ctx);
}

void Device::set_irq_callback(IrqCallback fn, void *ctx)
{
	std::lock_guard lk(chip_->lock());
	chip_->irq().set_callback(fn, ctx);
}

void Device::attach_wire(std::unique_ptr<Wire> wire)
{
	std::lock_guard lk(chip_->lock());
	chip_->attach_wire(std::move(wire));
}

/* ---- time ---- */

void Device::step()
{
	std::lock_guard lk(chip_->lock());
	chip_->clock().sync_live();
	chip_->step_locked();
}

void Device::advance(uint64_t ns)
{
	std::lock_guard lk(chip_->lock());
	chip_->advance_locked(ns);
}

uint64_t Device::now_ns() const
{
	std::lock_guard lk(chip_->lock());
	chip_->clock().sync_live();
	return chip_->now_ns();
}

void Device::start_runner()
{
	std::lock_guard lk(chip_->lock());
	if (runner_->thread.joinable())
		return;
	runner_->stop = false;
	runner_->error = nullptr;
	chip_->clock().set_live(true);
	runner_->thread = std::thread([this] {
		Runner &r = *runner_;
		Chip &c = *chip_;
		(void)prctl(PR_SET_TIMERSLACK, kRunnerTimerSlackNs, 0, 0, 0);
		unsigned idle = 0;
		while (!r.stop.load(std::memory_order_acquire)) {
			bool progress = false;
			uint64_t next_ns = 0;
			bool have_next = false;
			try {
				std::lock_guard g(c.lock());
				c.clock().sync_live();
				progress = c.clock().fire_due() != 0;
				progress |= c.run_engines_once();
				progress |= c.take_kick();
				if (auto d = c.clock().next_deadline()) {
					have_next = true;
					next_ns = *d > c.now_ns() ? *d - c.now_ns() : 0;
				}
			} catch (...) {
				r.error = std::current_exception();
				return;
			}
			if (progress) {
				idle = 0;
				continue;
			}
			idle++;
			if (idle < kRunnerSpinSweeps) {
				cpu_relax();
			} else if (idle < kRunnerSpinSweeps + kRunnerYieldSweeps) {
				std::this_thread::yield();
			} else {
				auto sleep = std::chrono::duration_cast<std::chrono::microseconds>(kRunnerMaxSleep);
				if (have_next)
					sleep = std::min(sleep, std::chrono::duration_cast<std::chrono::microseconds>(
									std::chrono::nanoseconds(next_ns)));
				{
					std::lock_guard g(c.lock());
					c.counters().runner_sleeps++;
				}
				std::unique_lock wl(r.wake_mu);
				r.wake_cv.wait_for(wl, sleep);
			}
		}
	});
}

void Device::stop_runner()
{
	if (!runner_->thread.joinable())
		return;
	runner_->stop.store(true, std::memory_order_release);
	runner_->wake_cv.notify_all();
	runner_->thread.join();
	{
		std::lock_guard lk(chip_->lock());
		chip_->clock().sync_live();
		chip_->clock().set_live(false);
	}
	if (runner_->error) {
		std::exception_ptr e = runner_->error;
		runner_->error = nullptr;
		std::rethrow_exception(e);
	}
}

bool Device::runner_running() const
{
	return runner_->thread.joinable();
}

/* ---- observability ---- */

uint32_t Device::sram_peek32(uint32_t addr) const
{
	std::lock_guard lk(chip_->lock());
	return chip_->sram().peek32(addr);
}

Counters Device::counters() const
{
	std::lock_guard lk(chip_->lock());
	Counters c = chip_->counters();
	c.timers_fired = chip_->clock().fired_total();
	return c;
}

Faults Device::faults() const
{
	std::lock_guard lk(chip_->lock());
	return chip_->faults();
}

void Device::set_faults(const Faults &f)
{
	std::lock_guard lk(chip_->lock());
	chip_->faults() = f;
}

void Device::set_strict(bool strict)
{
	std::lock_guard lk(chip_->lock());
	chip_->set_strict(strict);
}

void Device::set_trace(bool on)
{
	std::lock_guard lk(chip_->lock());
	chip_->trace().enable(on);
}

std::vector<TraceEntry> Device::trace() const
{
	std::lock_guard lk(chip_->lock());
	return chip_->trace().snapshot();
}

void Device::clear_trace()
{
	std::lock_guard lk(chip_->lock());
	chip_->trace().clear();
}

void Device::dump_trace(std::FILE *out) const
{
	Trace::dump(out, trace());
}

void Device::dump_registers(std::FILE *out) const
{
	std::lock_guard lk(chip_->lock());
	chip_->cfg().dump(out);
	chip_->regs().dump(out);
}

const Config &Device::config() const
{
	return chip_->config();
}

const PersonalityInfo &Device::info() const
{
	return chip_->info();
}

Chip &Device::chip_for_tests()
{
	return *chip_;
}

} // namespace tg57xx::sim
