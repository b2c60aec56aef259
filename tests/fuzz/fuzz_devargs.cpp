/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target (b): the devargs parser of net_tg57xx_sim
 * (drivers/net/tg57xx_sim/tg57xx_sim_args.cpp), without EAL: the input is
 * the devargs string. Accepted or refused, it must not crash or leak, and
 * what it accepts must be a configuration the vdev can use: a personality
 * the model has, a unicast station address, a partner that advertises
 * something, a non-empty wire spec. Wire specs of in-process media (loop,
 * pair:NAME) are then built and dropped too (the others open files or
 * sockets).
 */
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <rte_log.h>

#include "tg57xx_mii.h"
#include "tg57xx_sim/wires.h"
#include "tg57xx_sim_args.h"

/* The vdev plugin registers this log type; here the parser logs through a user type. */
int tg57xx_sim_logtype = RTE_LOGTYPE_USER1;

namespace {
const char *const kName = "net_tg57xx_sim_fuzz";

[[noreturn]] void fail(const char *what, const std::string &args)
{
	std::fprintf(stderr, "fuzz: %s for devargs \"%s\"\n", what, args.c_str());
	std::abort();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
	/* A refused devargs string logs one line: quiet unless asked. */
	if (std::getenv("TG57XX_FUZZ_VERBOSE") == nullptr)
		rte_log_set_global_level(RTE_LOG_EMERG);
	return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const std::string args(reinterpret_cast<const char *>(data), size);
	if (args.find('\0') != std::string::npos)
		return 0; /* EAL hands the vdev a C string */
	tg57xx::simvdev::SimArgs out;
	const int ret = tg57xx::simvdev::parse_args(kName, args.c_str(), out);
	if (ret != 0) {
		if (ret != -EINVAL && ret != -ENOMEM)
			fail("parse_args returned neither 0 nor -EINVAL/-ENOMEM", args);
		return 0;
	}
	namespace sim = tg57xx::sim;
	if (out.cfg.chip != sim::Personality::BCM57762 && out.cfg.chip != sim::Personality::BCM5720)
		fail("accepted an unknown chip", args);
	if ((out.cfg.mac[0] & 1) != 0)
		fail("accepted a multicast station address", args);
	if ((out.cfg.link_partner.advertise & ~tg57xx::hw::ADVERTISE_CSMA) == 0 && out.cfg.link_partner.ctrl1000 == 0)
		fail("accepted a partner advertising no mode", args);
	if (out.wire.empty())
		fail("accepted an empty wire spec", args);
	if (out.cfg.trace != !out.trace.empty())
		fail("trace flag and trace path disagree", args);
	if (out.wire.rfind("loop", 0) == 0 || out.wire.rfind("pair", 0) == 0) {
		try {
			(void)sim::make_wire(out.wire);
		} catch (const std::invalid_argument &) {
			/* refused with a message: what the vdev turns into -EINVAL */
		}
	}
	return 0;
}
