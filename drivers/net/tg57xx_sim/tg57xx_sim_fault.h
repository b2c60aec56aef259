/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fault injection into the chip model behind a net_tg57xx_sim port (the
 * model's Faults, lib/tg57xx_sim counters.h), for recovery tests:
 *
 *   --vdev net_tg57xx_sim0,fault=bootcode          armed when the port is probed
 *   --vdev net_tg57xx_sim0,fault=dma:1+bd:2
 *   --vdev net_tg57xx_sim0,fault=dma:1,fault_after=3000   armed 3 s after the probe
 *   tg57xx_sim_inject_fault("net_tg57xx_sim0", "doorbell:1")   at run time (tests)
 *
 * Spec: items joined by '+':
 *   bootcode        the boot code never completes after a core reset (§6.2)
 *   bufmgr          the buffer manager never reports enabled (§5.8)
 *   dma[:N]         the next N DMA transfers are refused (RDMAC/WDMAC_STATUS, §5.9)
 *   doorbell[:N]    the next N mailbox updates the engines see are lost (§4.3)
 *   bd[:N]          the next N descriptors fetched are corrupt
 *   frame[:N]       the next N frames on the wire get a bad FCS
 *   bus[:N]         the next N BAR0 register reads get no answer: all-ones
 *   flap[:N[:MS]]   the link partner goes away N times for MS ms (default 200)
 * N defaults to 1.
 */
#ifndef TG57XX_SIM_FAULT_H
#define TG57XX_SIM_FAULT_H

#include <string>

#include "tg57xx_sim/counters.h"
#include "tg57xx_sim/device.h"

namespace tg57xx::simvdev {

/* Add `spec` to `f`; false with `err` set (one sentence) if it does not parse. */
bool parse_fault_spec(const char *spec, sim::Faults &f, std::string &err);

/* The models the run-time hook can reach, by vdev name (primary process only);
 * removing one also cancels its pending fault_arm_later. */
void fault_target_add(const std::string &name, sim::Device *dev);
void fault_target_remove(const std::string &name);
/* Add `f` to the faults of target `name` after `ms` milliseconds (an EAL alarm). 0 or -errno. */
int fault_arm_later(const std::string &name, const sim::Faults &f, unsigned ms);

} // namespace tg57xx::simvdev

/*
 * Test hook (exported from the plugin, found with dlsym): add `spec` to the
 * faults of the model behind vdev `name`. 0, -ENODEV (no such model in this
 * process) or -EINVAL (bad spec, logged).
 */
extern "C" int tg57xx_sim_inject_fault(const char *name, const char *spec) noexcept;
/* The test hook's read side: model counter `counter` (counters.h name) of sim port `name`.
 * 0, -ENODEV (no such port), -ENOENT (no such counter) or -EINVAL. */
extern "C" int tg57xx_sim_counter(const char *name, const char *counter, uint64_t *out) noexcept;
/* The test hook's SRAM side: the word at NIC SRAM `addr` (e.g. a send RCB) of sim port `name`.
 * 0, -ENODEV (no such port) or -EINVAL (null out, address not a word in the SRAM). */
extern "C" int tg57xx_sim_sram_read32(const char *name, uint32_t addr, uint32_t *out) noexcept;

#endif
