/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * APE / ASF firmware protocol, in tg3's order (tg57xx_ape.h).
 */
#include "tg57xx_ape.h"

#include <cerrno>

#include <rte_cycles.h>

#include "tg57xx_logs.h"

namespace tg57xx::pmd {

namespace {

/* tg3_ape_lock: up to 1 ms, 10 µs apart. */
constexpr unsigned kLockPolls = 100;
constexpr unsigned kLockPollUs = 10;
/* tg3_ape_event_lock: wait up to 20 ms for the APE to serve the previous event. */
constexpr unsigned kEventPolls = 2000;
constexpr unsigned kEventPollUs = 10;
/* tg3_wait_for_event_ack: TG3_FW_EVENT_TIMEOUT_USEC 2500 µs, polled every 8 µs. */
constexpr unsigned kFwAckPolls = 2500 / 8;
constexpr unsigned kFwAckPollUs = 8;
/* Heartbeat period: one per second, well inside the 5 s told to the APE
 * (APE_HOST_HEARTBEAT_INT_5SEC; tg3 beats from tg3_timer). */
constexpr uint64_t kHeartbeatPeriodUs = 1'000'000;
constexpr uint64_t kUsPerSec = 1'000'000;
/* TG3_APE_HOST_DRIVER_ID: APE_HOST_DRIVER_ID_MAGIC(major, minor) with this PMD's version 1.0. */
constexpr uint32_t kDriverMajor = 1;
constexpr uint32_t kDriverMinor = 0;
constexpr uint32_t kDriverId = hw::APE_HOST_DRIVER_ID_LINUX | kDriverMajor << hw::APE_HOST_DRIVER_ID_MAJ_SHIFT |
			       kDriverMinor << hw::APE_HOST_DRIVER_ID_MIN_SHIFT;

bool ape_usable(const Hw &h) { return h.ape_enabled && hw_io(h).ape_read32 != nullptr; }

/* tg3_ape_event_lock + the post: MEM lock held while EVENT_PENDING is clear. */
int ape_send_event(const Hw &h, uint32_t event)
{
	if (ape_rd32(h, hw::TG3_APE_SEG_SIG) != hw::APE_SEG_SIG_MAGIC ||
	    !(ape_rd32(h, hw::TG3_APE_FW_STATUS) & hw::APE_FW_STATUS_READY))
		return -EAGAIN; /* no management firmware running: nobody to tell */
	for (unsigned i = 0; i < kEventPolls; i++) {
		if (ape_lock(h, hw::TG3_APE_LOCK_MEM) != 0)
			return -EBUSY;
		if (!(ape_rd32(h, hw::TG3_APE_EVENT_STATUS) & hw::APE_EVENT_STATUS_EVENT_PENDING)) {
			ape_wr32(h, hw::TG3_APE_EVENT_STATUS, event | hw::APE_EVENT_STATUS_EVENT_PENDING);
			ape_unlock(h, hw::TG3_APE_LOCK_MEM);
			ape_wr32(h, hw::TG3_APE_EVENT, hw::APE_EVENT_1);
			return 0;
		}
		ape_unlock(h, hw::TG3_APE_LOCK_MEM);
		udelay(kEventPollUs);
	}
	return -EBUSY;
}

/* tg3_ape_driver_state_change. */
void ape_driver_state_change(Hw &h, ResetKind kind)
{
	if (!ape_usable(h))
		return;
	uint32_t event;
	switch (kind) {
	case ResetKind::INIT:
		ape_wr32(h, hw::TG3_APE_HOST_HEARTBEAT_COUNT, h.ape_hb++);
		ape_wr32(h, hw::TG3_APE_HOST_SEG_SIG, hw::APE_HOST_SEG_SIG_MAGIC);
		ape_wr32(h, hw::TG3_APE_HOST_SEG_LEN, hw::APE_HOST_SEG_LEN_MAGIC);
		ape_wr32(h, hw::TG3_APE_HOST_INIT_COUNT, ape_rd32(h, hw::TG3_APE_HOST_INIT_COUNT) + 1);
		ape_wr32(h, hw::TG3_APE_HOST_DRIVER_ID, kDriverId);
		ape_wr32(h, hw::TG3_APE_HOST_BEHAVIOR, hw::APE_HOST_BEHAV_NO_PHYLOCK);
		ape_wr32(h, hw::TG3_APE_HOST_DRVR_STATE, hw::TG3_APE_HOST_DRVR_STATE_START);
		event = hw::APE_EVENT_STATUS_STATE_START;
		break;
	case ResetKind::SHUTDOWN:
		/* tg3: wiping the host segment signature tells the APE the OS is absent.
		 * tg3 writes DRVR_STATE_WOL (and the WOL speed) instead of UNLOAD only
		 * when Wake-on-LAN is armed; this PMD has no Wake-on-LAN, so UNLOAD. */
		ape_wr32(h, hw::TG3_APE_HOST_SEG_SIG, 0);
		ape_wr32(h, hw::TG3_APE_HOST_DRVR_STATE, hw::TG3_APE_HOST_DRVR_STATE_UNLOAD);
		event = hw::APE_EVENT_STATUS_STATE_UNLOAD;
		break;
	case ResetKind::SUSPEND:
	default:
		event = hw::APE_EVENT_STATUS_STATE_SUSPEND;
		break;
	}
	int ret = ape_send_event(h, event | hw::APE_EVENT_STATUS_DRIVER_EVNT | hw::APE_EVENT_STATUS_STATE_CHNGE);
	if (ret == -EBUSY)
		PMD_DRV_LOG(WARNING, "%s: APE did not take driver event 0x%08x (previous one still pending)",
			    h.name, event);
}

uint32_t drv_state_of(ResetKind kind, bool done)
{
	switch (kind) {
	case ResetKind::INIT:
		return done ? hw::DRV_STATE_START_DONE : hw::DRV_STATE_START;
	case ResetKind::SHUTDOWN:
		return done ? hw::DRV_STATE_UNLOAD_DONE : hw::DRV_STATE_UNLOAD;
	case ResetKind::SUSPEND:
	default:
		return hw::DRV_STATE_SUSPEND;
	}
}

/* tg3_wait_for_event_ack: the RX CPU clears GRC_RX_CPU_DRIVER_EVENT when served. */
void fw_wait_event_ack(const Hw &h)
{
	(void)wait_reg(h, hw::GRC_RX_CPU_EVENT, hw::GRC_RX_CPU_DRIVER_EVENT, 0, kFwAckPolls, kFwAckPollUs);
}

/* tg3_generate_fw_event. */
void fw_generate_event(const Hw &h)
{
	wr32(h, hw::GRC_RX_CPU_EVENT, rd32(h, hw::GRC_RX_CPU_EVENT) | hw::GRC_RX_CPU_DRIVER_EVENT);
}

/* tg3's condition for the RX CPU's ASF firmware: ASF on, no APE. */
bool asf_without_ape(const Hw &h) { return h.asf_enabled && !h.ape_enabled; }

bool period_passed(uint64_t since_tsc, uint64_t now, uint64_t period_us)
{
	return now - since_tsc >= rte_get_timer_hz() * period_us / kUsPerSec;
}

} // namespace

uint32_t ape_rd32(const Hw &h, uint32_t off)
{
	const RegIo &io = hw_io(h);
	return io.ape_read32(io.ctx, off);
}

void ape_wr32(const Hw &h, uint32_t off, uint32_t v)
{
	const RegIo &io = hw_io(h);
	io.ape_write32(io.ctx, off, v);
}

int ape_lock(const Hw &h, unsigned lock)
{
	if (!ape_usable(h))
		return 0;
	const uint32_t bit = hw::tg3_ape_lock_bit(lock, h.pci_fn);
	ape_wr32(h, hw::TG3_APE_LOCK_REQ_REG(lock), bit);
	for (unsigned i = 0; i < kLockPolls; i++) {
		if (ape_rd32(h, hw::TG3_APE_LOCK_GRANT_REG(lock)) == bit)
			return 0;
		udelay(kLockPollUs);
	}
	ape_wr32(h, hw::TG3_APE_LOCK_GRANT_REG(lock), bit); /* revoke the request */
	PMD_DRV_LOG(ERR, "%s: APE lock %u not granted within 1 ms", h.name, lock);
	return -EBUSY;
}

void ape_lock_init(const Hw &h)
{
	for (unsigned lock = hw::TG3_APE_LOCK_PHY0; lock <= hw::TG3_APE_LOCK_GPIO; lock++)
		ape_unlock(h, lock);
}

void ape_unlock(const Hw &h, unsigned lock)
{
	if (!ape_usable(h))
		return;
	ape_wr32(h, hw::TG3_APE_LOCK_GRANT_REG(lock), hw::tg3_ape_lock_bit(lock, h.pci_fn));
}

void fw_stop(const Hw &h)
{
	if (!asf_without_ape(h))
		return;
	fw_wait_event_ack(h);
	sram_write(h, hw::NIC_SRAM_FW_CMD_MBOX, hw::FWCMD_NICDRV_PAUSE_FW);
	fw_generate_event(h);
	fw_wait_event_ack(h);
}

void fw_sig_pre_reset(Hw &h, ResetKind kind)
{
	sram_write(h, hw::NIC_SRAM_FIRMWARE_MBOX, hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1);
	if (h.asf_enabled) /* ASF_NEW_HANDSHAKE: every chip here is 5750_PLUS */
		sram_write(h, hw::NIC_SRAM_FW_DRV_STATE_MBOX, drv_state_of(kind, false));
	if (kind == ResetKind::INIT || kind == ResetKind::SUSPEND)
		ape_driver_state_change(h, kind);
}

void fw_sig_post_reset(Hw &h, ResetKind kind)
{
	if (h.asf_enabled && kind != ResetKind::SUSPEND)
		sram_write(h, hw::NIC_SRAM_FW_DRV_STATE_MBOX, drv_state_of(kind, true));
	if (kind == ResetKind::SHUTDOWN)
		ape_driver_state_change(h, kind);
}

void ape_heartbeat_start(Hw &h)
{
	h.asf_hb_tsc = rte_get_timer_cycles(); /* tg3_timer_start: asf_counter = asf_multiplier */
	if (!ape_usable(h))
		return;
	ape_wr32(h, hw::TG3_APE_HOST_HEARTBEAT_INT_MS, hw::APE_HOST_HEARTBEAT_INT_5SEC);
	h.ape_hb_tsc = rte_get_timer_cycles();
}

void ape_heartbeat(Hw &h)
{
	if (!ape_usable(h))
		return;
	const uint64_t now = rte_get_timer_cycles();
	if (!period_passed(h.ape_hb_tsc, now, kHeartbeatPeriodUs))
		return;
	ape_wr32(h, hw::TG3_APE_HOST_HEARTBEAT_COUNT, h.ape_hb++);
	h.ape_hb_tsc = now;
}

void asf_heartbeat(Hw &h)
{
	if (!asf_without_ape(h))
		return;
	const uint64_t now = rte_get_timer_cycles();
	if (!period_passed(h.asf_hb_tsc, now, hw::TG3_FW_UPDATE_FREQ_SEC * kUsPerSec))
		return;
	/* At most one ack wait (2.5 ms), as tg3; no wait after the event. */
	fw_wait_event_ack(h);
	sram_write(h, hw::NIC_SRAM_FW_CMD_MBOX, hw::FWCMD_NICDRV_ALIVE3);
	sram_write(h, hw::NIC_SRAM_FW_CMD_LEN_MBOX, hw::FWCMD_ALIVE3_LEN);
	sram_write(h, hw::NIC_SRAM_FW_CMD_DATA_MBOX, hw::TG3_FW_UPDATE_TIMEOUT_SEC);
	fw_generate_event(h);
	h.asf_hb_tsc = now;
}

} // namespace tg57xx::pmd
