/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The devargs of net_tg57xx_sim (chip, wire, mac, trace, partner, pace,
 * intr, fault, fault_after; doc/guides/nics/tg57xx.rst). Apart from the vdev so that it can be
 * tested and fuzzed without EAL (tests/fuzz/fuzz_devargs.cpp): it needs only
 * librte_kvargs, rte_ether_unformat_addr and the log type.
 */
#ifndef TG57XX_SIM_ARGS_H
#define TG57XX_SIM_ARGS_H

#include <string>

#include "tg57xx_sim/device.h"

namespace tg57xx::simvdev {

struct SimArgs {
	sim::Config cfg;
	std::string wire = "loop";
	std::string trace;
	bool intr = true;
	sim::Faults faults;          /* armed once the model exists (fault=, tg57xx_sim_fault.h) */
	unsigned fault_after_ms = 0; /* ... or this long after the probe (fault_after=) */
};

/*
 * Parse the devargs string params (may be null or empty: defaults) of vdev
 * name into out. 0, or -EINVAL with one log line naming the offending key.
 * noexcept: an allocation failure is -ENOMEM.
 */
int parse_args(const char *name, const char *params, SimArgs &out) noexcept;

} // namespace tg57xx::simvdev

#endif
