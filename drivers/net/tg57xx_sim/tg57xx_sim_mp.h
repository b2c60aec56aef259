/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The chip model across DPDK processes. The model (its registers, engines
 * and wire) lives in the primary process; a secondary process (dpdk-proc-info,
 * dpdk-dumpcap, an application's helper) reaches the same port this way:
 *
 *  - The mailbox page (the fast-path doorbells, ref §4.1) is a memzone, so a
 *    secondary's burst functions ring the doorbells the model polls, exactly
 *    as they would store to a BAR0 that EAL maps at the primary's address.
 *  - Register and configuration-space accesses of a secondary are forwarded
 *    to the primary over EAL's multi-process channel (rte_mp), one request
 *    per 32-bit access, and answered there by the model. This is slow (tens
 *    of microseconds each) and meant for statistics, information and
 *    diagnostics, which is what secondaries do.
 *
 * Names: a memzone is named after a hash of the vdev name (memzone names
 * are short); the vdev name is stored beside the page and checked.
 */
#ifndef TG57XX_SIM_MP_H
#define TG57XX_SIM_MP_H

#include <cstdint>

#include <rte_memzone.h>

#include "tg57xx_ethdev.h"

namespace tg57xx::simvdev {

/* Primary: a zeroed, 64-byte-aligned mailbox page for the vdev `name`; nullptr if none could be reserved. */
const rte_memzone *mbox_zone_reserve(const char *name);
/* Secondary: the primary's page of vdev `name`, nullptr if it has none. */
uint32_t *mbox_zone_lookup(const char *name);
uint32_t *mbox_zone_page(const rte_memzone *mz);

/* Register/config access that the primary's server answers for a vdev. */
struct IoTarget {
	void *ctx;
	uint32_t (*read32)(void *ctx, uint32_t off);
	void (*write32)(void *ctx, uint32_t off, uint32_t val);
	uint32_t (*cfg_read32)(void *ctx, uint32_t off);
	void (*cfg_write32)(void *ctx, uint32_t off, uint32_t val);
};

/*
 * Primary: answer secondaries' accesses to vdev `name` with `target` until
 * io_server_remove(name), which returns only when no request for it runs.
 * 0, or a negative errno (then secondaries cannot reach this port; the
 * primary works on).
 */
int io_server_add(const char *name, const IoTarget &target);
void io_server_remove(const char *name);

/*
 * Secondary: a seam (read/write through the primary, mailboxes in the
 * shared page) and a backend whose close frees it. Negative errno with one
 * log line when the primary does not serve `name`.
 */
int io_proxy_make(const char *name, pmd::RegIo &io, pmd::Backend &be);

} // namespace tg57xx::simvdev

#endif
