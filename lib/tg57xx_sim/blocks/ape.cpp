/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The APE (§2 BAR2; tg3.h "APE registers", "APE shared memory") and, with
 * Config::mgmt, the management firmware that runs on it and shares the
 * port with the driver through a BMC.
 *
 * The APE is outside the core: a GRC reset leaves its registers, locks and
 * shared memory alone. Locks (TG3_APE_PER_LOCK_REQ/GRANT + 4n): a request
 * is granted at once when the lock is free, otherwise it waits until the
 * holder writes its bit to the grant register; a requester that gives up
 * writes its bit there too (tg3_ape_lock revokes that way). Events
 * (tg3_ape_send_event): the driver posts TG3_APE_EVENT_STATUS with
 * EVENT_PENDING under the MEM lock and rings TG3_APE_EVENT; the firmware
 * serves it a little later and clears EVENT_PENDING.
 *
 * The firmware's expectations are tg3's protocol; each break costs it its
 * link (Counters::mgmt_link_losses, one violation message each):
 *   - a core reset without the driver holding the GRC lock (tg3_chip_reset);
 *   - an MDIO frame (MAC_MI_COM) without the driver holding its PHY lock
 *     (tg3_readphy/tg3_writephy; the firmware takes that lock itself every
 *     kFwMdioPeriodNs while it polls the PHY);
 *   - MAC_MODE written without APE_TX_EN|APE_RX_EN outside the GRC lock
 *     (tg3 zeroes it only inside tg3_chip_reset, under the lock);
 *   - a write to receive rules 4-7, which the firmware owns (tg3_reset_hw
 *     leaves them alone when ASF is on, §5.1);
 *   - on a LOM (Config::lom), a GRC_LOCAL_CTRL write that takes the boot
 *     code's board GPIOs away (grc.h lom_gpio_clobbered; tg3_reset_hw keeps them);
 *   - the driver running (NIC_SRAM_FW_DRV_STATE_MBOX = DRV_STATE_START_DONE,
 *     §6.2) without having told the APE (host segment + DRVR_STATE_START,
 *     tg3_ape_driver_state_change), or a heartbeat interval going by with no
 *     heartbeat (tg3_send_ape_heartbeat).
 */
#include <cstdarg>
#include <cstdio>

#include "ape.h"
#include "block_list.h"
#include "chip.h"
#include "grc.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

/* The bit the model's firmware uses in the lock registers; tg3.h names only
 * the driver's (APE_LOCK_PER_REQ_DRIVER) and the per-function ones (1 << fn). */
constexpr uint32_t kFwLockBit = 0x00008000;
/* How often the firmware checks the driver and polls the PHY, and how long it
 * holds the PHY lock for that; tg3 waits up to 1 ms for a lock (tg3_ape_lock). */
constexpr uint64_t kFwPollNs = 100'000'000;
constexpr uint64_t kFwMdioHoldNs = 50'000;
/* An event is served this long after the doorbell; tg3 waits up to 20 ms
 * for the previous one (tg3_ape_event_lock). */
constexpr uint64_t kFwEventServiceNs = 10'000;
constexpr uint64_t kNsPerMs = 1'000'000;
/* A firmware version for TG3_APE_FW_VERSION (major 1). */
constexpr uint32_t kFwVersion = 0x01000000;
constexpr unsigned kFirstFwRule = 4; /* rules 4..7 (tg3_reset_hw: "4 fewer if ASF") */
constexpr unsigned kLastFwRule = 7;

class Ape final : public Block {
public:
	explicit Ape(Chip &chip);
	void power_on() override;
	void core_reset() override;

private:
	RegFile &ape() { return chip().ape(); }
	bool driver_holds(unsigned lock) { return ape_driver_holds(chip(), lock); }
	void lock_request(unsigned lock, uint32_t old, uint32_t bits);
	void lock_release(unsigned lock, uint32_t old, uint32_t bits);
	void doorbell(uint32_t written);
	void serve_event();
	void tick();
	void lose_link(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
	unsigned phy_lock() const { return hw::tg3_ape_phy_lock(chip().config().pci_function); }

	bool mgmt_;
	Clock::TimerId tick_timer_ = 0;
	Clock::TimerId event_timer_ = 0;
	bool start_missing_reported_ = false;
	bool heartbeat_missing_reported_ = false;
	uint32_t last_heartbeat_ = 0;
	uint64_t last_heartbeat_ns_ = 0;
};

Ape::Ape(Chip &chip) : Block(chip, "ape"), mgmt_(chip.config().mgmt)
{
	if (!chip.info().has_ape)
		return;
	RegFile &a = chip.ape();
	const RegDesc rows[] = {
		reg_rw(hw::TG3_APE_EVENT, "TG3_APE_EVENT"),
		reg_ro(hw::TG3_APE_SEG_SIG, "TG3_APE_SEG_SIG", mgmt_ ? hw::APE_SEG_SIG_MAGIC : 0),
		reg_ro(hw::TG3_APE_FW_STATUS, "TG3_APE_FW_STATUS", mgmt_ ? hw::APE_FW_STATUS_READY : 0),
		reg_ro(hw::TG3_APE_FW_VERSION, "TG3_APE_FW_VERSION", mgmt_ ? kFwVersion : 0),
		reg_rw(hw::TG3_APE_HOST_SEG_SIG, "TG3_APE_HOST_SEG_SIG"),
		reg_rw(hw::TG3_APE_HOST_SEG_LEN, "TG3_APE_HOST_SEG_LEN"),
		reg_rw(hw::TG3_APE_HOST_INIT_COUNT, "TG3_APE_HOST_INIT_COUNT"),
		reg_rw(hw::TG3_APE_HOST_DRIVER_ID, "TG3_APE_HOST_DRIVER_ID"),
		reg_rw(hw::TG3_APE_HOST_BEHAVIOR, "TG3_APE_HOST_BEHAVIOR"),
		reg_rw(hw::TG3_APE_HOST_HEARTBEAT_INT_MS, "TG3_APE_HOST_HEARTBEAT_INT_MS"),
		reg_rw(hw::TG3_APE_HOST_HEARTBEAT_COUNT, "TG3_APE_HOST_HEARTBEAT_COUNT"),
		reg_rw(hw::TG3_APE_HOST_DRVR_STATE, "TG3_APE_HOST_DRVR_STATE"),
		reg_rw(hw::TG3_APE_HOST_WOL_SPEED, "TG3_APE_HOST_WOL_SPEED"),
		reg_rw(hw::TG3_APE_EVENT_STATUS, "TG3_APE_EVENT_STATUS"),
	};
	for (const RegDesc &d : rows)
		a.add(d);
	a.on_write(hw::TG3_APE_EVENT, [this](uint32_t, uint32_t w) { doorbell(w); });
	for (unsigned n = 0; n < hw::TG3_APE_NUM_LOCKS; n++) {
		a.add(reg_rw(hw::TG3_APE_LOCK_REQ_REG(n), "TG3_APE_PER_LOCK_REQ"), {},
		      [this, n](uint32_t old, uint32_t w) { lock_request(n, old, w); });
		a.add(reg_rw(hw::TG3_APE_LOCK_GRANT_REG(n), "TG3_APE_PER_LOCK_GRANT"), {},
		      [this, n](uint32_t old, uint32_t w) { lock_release(n, old, w); });
	}
	if (!mgmt_)
		return;
	RegFile &r = chip.regs();
	r.on_write(hw::MAC_MI_COM, [this](uint32_t, uint32_t) {
		if (!driver_holds(phy_lock()))
			lose_link("MDIO access without the APE PHY lock");
	});
	r.on_write(hw::MAC_MODE, [this](uint32_t, uint32_t w) {
		constexpr uint32_t kApe = hw::MAC_MODE_APE_TX_EN | hw::MAC_MODE_APE_RX_EN;
		if ((w & kApe) != kApe && !driver_holds(hw::TG3_APE_LOCK_GRC))
			lose_link("MAC_MODE written without APE_TX_EN/APE_RX_EN (0x%08x)", w);
	});
	if (chip.config().lom)
		r.on_write(hw::GRC_LOCAL_CTRL, [this](uint32_t old, uint32_t) {
			if (lom_gpio_clobbered(old, this->chip().regs().get(hw::GRC_LOCAL_CTRL)))
				lose_link("the board's GPIOs (set by the boot code) were taken away");
		});
	for (unsigned n = kFirstFwRule; n <= kLastFwRule; n++) {
		r.on_write(hw::MAC_RCV_RULE(n), [this, n](uint32_t, uint32_t) { lose_link("receive rule %u written", n); });
		r.on_write(hw::MAC_RCV_VALUE(n), [this, n](uint32_t, uint32_t) { lose_link("receive value %u written", n); });
	}
}

void Ape::power_on()
{
	if (!mgmt_)
		return;
	chip().clock().cancel(tick_timer_);
	tick_timer_ = chip().clock().schedule_in(kFwPollNs, [this] { tick(); });
}

void Ape::core_reset()
{
	if (mgmt_ && !driver_holds(hw::TG3_APE_LOCK_GRC))
		lose_link("core reset without the APE GRC lock");
}

void Ape::lose_link(const char *fmt, ...)
{
	char why[160];
	va_list ap;
	va_start(ap, fmt);
	std::vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	chip().violation(&Counters::mgmt_link_losses, "management firmware lost its link: %s", why);
}

/* A requester writes its bit: granted now if the lock is free, else it waits (stays in REQ). */
void Ape::lock_request(unsigned lock, uint32_t old, uint32_t bits)
{
	RegFile &a = ape();
	const uint32_t grant_reg = hw::TG3_APE_LOCK_GRANT_REG(lock);
	a.set(hw::TG3_APE_LOCK_REQ_REG(lock), old | bits);
	if (a.get(grant_reg) != 0 || bits == 0)
		return;
	const uint32_t pick = bits & -bits; /* one owner at a time: the lowest bit */
	a.set(grant_reg, pick);
	a.clear_bits(hw::TG3_APE_LOCK_REQ_REG(lock), pick);
	if (pick & kApeDriverLockBits)
		chip().counters().ape_lock_grants++;
}

/* Writing one's bit to GRANT releases the lock (or withdraws a waiting request). */
void Ape::lock_release(unsigned lock, uint32_t old, uint32_t bits)
{
	RegFile &a = ape();
	const uint32_t req_reg = hw::TG3_APE_LOCK_REQ_REG(lock);
	a.set(hw::TG3_APE_LOCK_GRANT_REG(lock), old & ~bits);
	a.clear_bits(req_reg, bits);
	if ((old & ~bits) == 0 && a.get(req_reg) != 0) {
		const uint32_t waiting = a.get(req_reg);
		a.set(req_reg, 0);
		lock_request(lock, 0, waiting);
	}
}

void Ape::doorbell(uint32_t written)
{
	if (!mgmt_ || !(written & hw::APE_EVENT_1) || chip().clock().pending(event_timer_))
		return;
	event_timer_ = chip().clock().schedule_in(kFwEventServiceNs, [this] { serve_event(); });
}

void Ape::serve_event()
{
	RegFile &a = ape();
	const uint32_t st = a.get(hw::TG3_APE_EVENT_STATUS);
	a.set(hw::TG3_APE_EVENT, 0);
	if (!(st & hw::APE_EVENT_STATUS_EVENT_PENDING))
		return;
	if (st & hw::APE_EVENT_STATUS_DRIVER_EVNT) {
		const uint32_t state = st & hw::APE_EVENT_STATUS_STATE_MASK;
		if (state == hw::APE_EVENT_STATUS_STATE_START) {
			chip().counters().mgmt_events_start++;
			last_heartbeat_ = a.get(hw::TG3_APE_HOST_HEARTBEAT_COUNT);
			last_heartbeat_ns_ = chip().now_ns();
		} else if (state == hw::APE_EVENT_STATUS_STATE_UNLOAD) {
			chip().counters().mgmt_events_unload++;
		}
		chip().trace_event("ape-event", st);
	}
	a.set(hw::TG3_APE_EVENT_STATUS, st & ~hw::APE_EVENT_STATUS_EVENT_PENDING);
}

/* Periodic firmware work: poll the PHY under its lock, check the driver. */
void Ape::tick()
{
	Clock &clk = chip().clock();
	RegFile &a = ape();
	tick_timer_ = clk.schedule_in(kFwPollNs, [this] { tick(); });

	const unsigned phy = phy_lock();
	if (a.get(hw::TG3_APE_LOCK_GRANT_REG(phy)) == 0) {
		a.set(hw::TG3_APE_LOCK_GRANT_REG(phy), kFwLockBit);
		clk.schedule_in(kFwMdioHoldNs, [this, phy] {
			lock_release(phy, ape().get(hw::TG3_APE_LOCK_GRANT_REG(phy)), kFwLockBit);
		});
	}

	const bool host_up = a.get(hw::TG3_APE_HOST_SEG_SIG) == hw::APE_HOST_SEG_SIG_MAGIC &&
			     a.get(hw::TG3_APE_HOST_DRVR_STATE) == hw::TG3_APE_HOST_DRVR_STATE_START;
	const bool running = chip().sram().peek32(hw::NIC_SRAM_FW_DRV_STATE_MBOX) == hw::DRV_STATE_START_DONE;
	if (running && !host_up) {
		if (!start_missing_reported_)
			lose_link("driver running without APE driver state START");
		start_missing_reported_ = true;
	} else {
		start_missing_reported_ = false;
	}

	const uint32_t interval_ms = a.get(hw::TG3_APE_HOST_HEARTBEAT_INT_MS);
	const uint32_t beat = a.get(hw::TG3_APE_HOST_HEARTBEAT_COUNT);
	if (beat != last_heartbeat_) {
		chip().counters().mgmt_heartbeats++;
		last_heartbeat_ = beat;
		last_heartbeat_ns_ = chip().now_ns();
		heartbeat_missing_reported_ = false;
	} else if (host_up && interval_ms != hw::APE_HOST_HEARTBEAT_INT_DISABLE &&
		   chip().now_ns() - last_heartbeat_ns_ > uint64_t{interval_ms} * kNsPerMs) {
		if (!heartbeat_missing_reported_)
			lose_link("no driver heartbeat for %u ms", interval_ms);
		heartbeat_missing_reported_ = true;
	}
}

} // namespace

std::unique_ptr<Block> make_block_ape(Chip &chip)
{
	return std::make_unique<Ape>(chip);
}

} // namespace tg57xx::sim
