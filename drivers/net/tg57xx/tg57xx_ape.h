/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * APE and ASF management firmware protocol (ref §2 BAR2, §6.2, §12.2; tg3.c
 * tg3_ape_lock/unlock, tg3_ape_send_event, tg3_ape_driver_state_change,
 * tg3_send_ape_heartbeat, tg3_send_asf_heartbeat, tg3_stop_fw, tg3_write_sig_pre_reset/post_reset).
 *
 * On chips with an APE (5717 family, 5762; tg3_init_one) the driver takes
 * the APE GRC lock around the core reset and the PHY lock around MDIO, and
 * tells the firmware when it starts and unloads. Every helper is a no-op
 * when h.ape_enabled is false or this process has no BAR2 seam.
 */
#ifndef TG57XX_APE_H
#define TG57XX_APE_H

#include <cstdint>

#include "tg57xx_hw.h"

namespace tg57xx::pmd {

/* tg3 RESET_KIND_*: why the chip is being reset. */
enum class ResetKind : uint8_t { INIT, SHUTDOWN, SUSPEND };

/* tg3_ape_lock: 0, or -EBUSY if the APE did not grant it within 1 ms. */
int ape_lock(const Hw &h, unsigned lock);
/* tg3_ape_lock_init: drop any lock a previous driver instance left held. */
void ape_lock_init(const Hw &h);
/* tg3_ape_unlock. */
void ape_unlock(const Hw &h, unsigned lock);

/* tg3_stop_fw: pause ASF firmware that runs without an APE (RX CPU event). */
void fw_stop(const Hw &h);
/* tg3_write_sig_pre_reset: MAGIC1 for the boot code, DRV_STATE_START/UNLOAD/SUSPEND
 * (ASF new handshake) and, for INIT, the APE driver state START. */
void fw_sig_pre_reset(Hw &h, ResetKind kind);
/* tg3_write_sig_post_reset: DRV_STATE_*_DONE and, for SHUTDOWN, the APE state UNLOAD. */
void fw_sig_post_reset(Hw &h, ResetKind kind);
/* tg3_reset_hw's end: tell the APE the heartbeat interval; restart both heartbeat periods. */
void ape_heartbeat_start(Hw &h);
/* tg3_send_ape_heartbeat: bump the count once the interval went by (link alarm). */
void ape_heartbeat(Hw &h);
/* tg3_timer's ASF heartbeat (tg3_send_asf_heartbeat), ASF without the APE:
 * FWCMD_NICDRV_ALIVE3 promising TG3_FW_UPDATE_TIMEOUT_SEC, once every
 * TG3_FW_UPDATE_FREQ_SEC (link alarm); blocks at most one event-ack wait. */
void asf_heartbeat(Hw &h);

} // namespace tg57xx::pmd

#endif
