/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * APE (Application Processing Engine, the management processor a BMC talks
 * to) register space: BAR2 on the 5717 family, 5761 and 5762 (ref §1.3 "APE
 * (BAR2)", §2). Offsets are BAR2 offsets; values from tg3.h ("APE
 * registers", "APE shared memory", "APE convenience enumerations").
 * Included by tg57xx_regs.h; do not include directly.
 */
#ifndef TG57XX_REGS_APE_H
#define TG57XX_REGS_APE_H

#include <cstdint>

namespace tg57xx::hw {

/* BAR2 size Thundergate maps (ref §2). */
inline constexpr uint32_t TG3_APE_BAR_SIZE = 0x00010000;

/* Doorbell: the driver rings it after posting an event (tg3_ape_send_event). */
inline constexpr uint32_t TG3_APE_EVENT = 0x0000000C;
inline constexpr uint32_t   APE_EVENT_1 = 0x00000001;

/* Shared memory (PCISTATE_ALLOW_APE_SHMEM_WR): the APE firmware's segment first. */
inline constexpr uint32_t TG3_APE_SHMEM_BASE = 0x00004000;
inline constexpr uint32_t TG3_APE_SEG_SIG = 0x00004000;
inline constexpr uint32_t   APE_SEG_SIG_MAGIC = 0x41504521; /* "APE!" */
inline constexpr uint32_t TG3_APE_FW_STATUS = 0x0000400C;
inline constexpr uint32_t   APE_FW_STATUS_READY = 0x00000100;
inline constexpr uint32_t TG3_APE_FW_VERSION = 0x00004018;

/* Shared memory: the host (driver) segment (tg3_ape_driver_state_change). */
inline constexpr uint32_t TG3_APE_HOST_SEG_SIG = 0x00004200;
inline constexpr uint32_t   APE_HOST_SEG_SIG_MAGIC = 0x484F5354; /* "HOST" */
inline constexpr uint32_t TG3_APE_HOST_SEG_LEN = 0x00004204;
inline constexpr uint32_t   APE_HOST_SEG_LEN_MAGIC = 0x00000020;
inline constexpr uint32_t TG3_APE_HOST_INIT_COUNT = 0x00004208;
inline constexpr uint32_t TG3_APE_HOST_DRIVER_ID = 0x0000420C;
inline constexpr uint32_t   APE_HOST_DRIVER_ID_LINUX = 0xF0000000;
inline constexpr uint32_t   APE_HOST_DRIVER_ID_MAJ_SHIFT = 16; /* APE_HOST_DRIVER_ID_MAGIC(maj, min) */
inline constexpr uint32_t   APE_HOST_DRIVER_ID_MIN_SHIFT = 8;
inline constexpr uint32_t TG3_APE_HOST_BEHAVIOR = 0x00004210;
inline constexpr uint32_t   APE_HOST_BEHAV_NO_PHYLOCK = 0x00000001;
inline constexpr uint32_t TG3_APE_HOST_HEARTBEAT_INT_MS = 0x00004214;
inline constexpr uint32_t   APE_HOST_HEARTBEAT_INT_DISABLE = 0;
inline constexpr uint32_t   APE_HOST_HEARTBEAT_INT_5SEC = 5000;
inline constexpr uint32_t TG3_APE_HOST_HEARTBEAT_COUNT = 0x00004218;
inline constexpr uint32_t TG3_APE_HOST_DRVR_STATE = 0x0000421C;
inline constexpr uint32_t   TG3_APE_HOST_DRVR_STATE_START = 0x00000001;
inline constexpr uint32_t   TG3_APE_HOST_DRVR_STATE_UNLOAD = 0x00000002;
inline constexpr uint32_t   TG3_APE_HOST_DRVR_STATE_WOL = 0x00000003;
inline constexpr uint32_t TG3_APE_HOST_WOL_SPEED = 0x00004224;

/* Event mailbox: posted with EVENT_PENDING, the APE clears it when served. */
inline constexpr uint32_t TG3_APE_EVENT_STATUS = 0x00004300;
inline constexpr uint32_t   APE_EVENT_STATUS_DRIVER_EVNT = 0x00000010;
inline constexpr uint32_t   APE_EVENT_STATUS_STATE_CHNGE = 0x00000500;
inline constexpr uint32_t   APE_EVENT_STATUS_STATE_MASK = 0x000F0000; /* START..SUSPEND are values */
inline constexpr uint32_t   APE_EVENT_STATUS_STATE_START = 0x00010000;
inline constexpr uint32_t   APE_EVENT_STATUS_STATE_UNLOAD = 0x00020000;
inline constexpr uint32_t   APE_EVENT_STATUS_STATE_WOL = 0x00030000;
inline constexpr uint32_t   APE_EVENT_STATUS_STATE_SUSPEND = 0x00040000;
inline constexpr uint32_t   APE_EVENT_STATUS_EVENT_PENDING = 0x80000000;

/* Per-function locks (all but the 5761): request at +4n, grant at +4n (tg3_ape_lock). */
inline constexpr uint32_t TG3_APE_PER_LOCK_REQ = 0x00008400;
inline constexpr uint32_t   APE_LOCK_PER_REQ_DRIVER = 0x00001000;
inline constexpr uint32_t TG3_APE_PER_LOCK_GRANT = 0x00008420;
inline constexpr uint32_t   APE_PER_LOCK_GRANT_DRIVER = 0x00001000;
inline constexpr uint32_t TG3_APE_LOCK_STRIDE = 4;
/* Lock numbers (tg3.h "APE convenience enumerations"); 6 is unused. */
inline constexpr unsigned TG3_APE_LOCK_PHY0 = 0;
inline constexpr unsigned TG3_APE_LOCK_GRC = 1;
inline constexpr unsigned TG3_APE_LOCK_PHY1 = 2;
inline constexpr unsigned TG3_APE_LOCK_PHY2 = 3;
inline constexpr unsigned TG3_APE_LOCK_MEM = 4;
inline constexpr unsigned TG3_APE_LOCK_PHY3 = 5;
inline constexpr unsigned TG3_APE_LOCK_GPIO = 7;
inline constexpr unsigned TG3_APE_NUM_LOCKS = 8;

constexpr uint32_t TG3_APE_LOCK_REQ_REG(unsigned lock) { return TG3_APE_PER_LOCK_REQ + TG3_APE_LOCK_STRIDE * lock; }
constexpr uint32_t TG3_APE_LOCK_GRANT_REG(unsigned lock) { return TG3_APE_PER_LOCK_GRANT + TG3_APE_LOCK_STRIDE * lock; }

/* tg3 phy_ape_lock: PHY0..PHY3 by PCI function (tg3_get_invariants). */
constexpr unsigned tg3_ape_phy_lock(unsigned pci_fn)
{
	constexpr unsigned kByFn[] = {TG3_APE_LOCK_PHY0, TG3_APE_LOCK_PHY1, TG3_APE_LOCK_PHY2, TG3_APE_LOCK_PHY3};
	return kByFn[pci_fn & 3u];
}

/* The requester bit (tg3_ape_lock): PHY locks always the driver bit; GRC,
 * MEM and GPIO the driver bit on function 0, 1 << function otherwise. */
constexpr uint32_t tg3_ape_lock_bit(unsigned lock, unsigned pci_fn)
{
	const bool per_fn = lock == TG3_APE_LOCK_GRC || lock == TG3_APE_LOCK_MEM || lock == TG3_APE_LOCK_GPIO;
	return (per_fn && pci_fn != 0) ? (1u << pci_fn) : APE_LOCK_PER_REQ_DRIVER;
}

} // namespace tg57xx::hw

#endif
