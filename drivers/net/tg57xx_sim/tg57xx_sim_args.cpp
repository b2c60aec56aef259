/* SPDX-License-Identifier: BSD-3-Clause */
#include "tg57xx_sim_args.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include <rte_ether.h>
#include <rte_kvargs.h>

#include "tg57xx_mii.h"
#include "tg57xx_sim_fault.h"
#include "tg57xx_sim_log.h"

namespace hw = tg57xx::hw;
namespace sim = tg57xx::sim;

namespace tg57xx::simvdev {

namespace {

constexpr const char *kKeyChip = "chip";
constexpr const char *kKeyWire = "wire";
constexpr const char *kKeyMac = "mac";
constexpr const char *kKeyTrace = "trace";
constexpr const char *kKeyPartner = "partner";
constexpr const char *kKeyPace = "pace";
constexpr const char *kKeyIntr = "intr";
constexpr const char *kKeyFault = "fault";
constexpr const char *kKeyFaultAfter = "fault_after";
constexpr const char *kKeyMgmt = "mgmt";
constexpr const char *kMgmtAsf = "asf";
constexpr const char *kKeyBootcode = "bootcode";
constexpr const char *kKeyLom = "lom";
constexpr const char *kKeyAutoneg = "autoneg";
constexpr const char *kValidKeys[] = {kKeyChip,       kKeyWire, kKeyMac,      kKeyTrace, kKeyPartner,
				      kKeyPace,       kKeyIntr, kKeyFault,    kKeyFaultAfter, kKeyMgmt,
				      kKeyBootcode,   kKeyLom,  kKeyAutoneg};
/* fault_after=MS: up to a minute (a test's wait, not a schedule). */
constexpr unsigned long kMaxFaultAfterMs = 60 * 1000;
/* autoneg=MS: up to 10 s (copper PHYs take 2-3 s, §11.5; longer is a typo). */
constexpr unsigned long kMaxAutonegMs = 10 * 1000;
constexpr uint64_t kNsPerMs = 1000 * 1000;
/* Link-partner abilities for partner=MODE[+MODE...] (linux/mii.h ADVERTISE_* / ADVERTISE_1000*). */
struct PartnerMode {
	const char *name;
	uint16_t advertise;
	uint16_t ctrl1000;
};
constexpr PartnerMode kPartnerModes[] = {
	{"10h", hw::ADVERTISE_10HALF, 0},
	{"10f", hw::ADVERTISE_10FULL, 0},
	{"100h", hw::ADVERTISE_100HALF, 0},
	{"100f", hw::ADVERTISE_100FULL, 0},
	{"1000h", 0, hw::ADVERTISE_1000HALF},
	{"1000f", 0, hw::ADVERTISE_1000FULL},
	{"pause", hw::ADVERTISE_PAUSE_CAP | hw::ADVERTISE_PAUSE_ASYM, 0},
};

/* partner=1000f+100f+pause: the abilities the model's link partner advertises. */
bool parse_partner(const char *val, sim::LinkPartner &lp)
{
	lp.advertise = hw::ADVERTISE_CSMA;
	lp.ctrl1000 = 0;
	std::string v(val);
	size_t at = 0;
	while (at <= v.size()) {
		size_t end = v.find('+', at);
		std::string tok = v.substr(at, end == std::string::npos ? std::string::npos : end - at);
		bool found = false;
		for (const auto &m : kPartnerModes) {
			if (tok == m.name) {
				lp.advertise |= m.advertise;
				lp.ctrl1000 |= m.ctrl1000;
				found = true;
			}
		}
		if (!found)
			return false;
		if (end == std::string::npos)
			break;
		at = end + 1;
	}
	return true;
}

/* Register accesses kept for trace=PATH: a whole bring-up is a few hundred. */
constexpr size_t kTraceCapacity = 1 << 16;
constexpr const char *kPcapPrefix = "pcap:";

bool parse_mac(const char *s, sim::MacAddress &out)
{
	rte_ether_addr a;
	if (rte_ether_unformat_addr(s, &a) != 0 || !rte_is_valid_assigned_ether_addr(&a))
		return false;
	std::memcpy(out.data(), a.addr_bytes, out.size());
	return true;
}

/* KEY=0|1: 0, or -EINVAL with one log line. */
int parse_flag(const char *name, const char *key, const char *val, bool &out)
{
	if (std::strcmp(val, "0") != 0 && std::strcmp(val, "1") != 0) {
		SIM_LOG(ERR, "%s: %s=%s: expected 0 or 1", name, key, val);
		return -EINVAL;
	}
	out = val[0] == '1';
	return 0;
}

/* KEY=MS in [min, max]: 0, or -EINVAL with one log line. */
int parse_ms(const char *name, const char *key, const char *val, unsigned long min, unsigned long max,
	     unsigned long &out)
{
	char *end = nullptr;
	errno = 0;
	out = std::strtoul(val, &end, 10);
	if (errno != 0 || *end != '\0' || val[0] == '-' || out < min || out > max) {
		SIM_LOG(ERR, "%s: %s=%s: expected milliseconds, %lu..%lu", name, key, val, min, max);
		return -EINVAL;
	}
	return 0;
}

/* Parse devargs; one log line naming the offending key on error. */
int parse_kvargs(const char *name, const char *params, SimArgs &out)
{
	if (params == nullptr || params[0] == '\0')
		return 0;
	rte_kvargs *kv = rte_kvargs_parse(params, nullptr);
	if (kv == nullptr) {
		SIM_LOG(ERR, "%s: cannot parse devargs \"%s\"", name, params);
		return -EINVAL;
	}
	const std::unique_ptr<rte_kvargs, void (*)(rte_kvargs *)> owner(kv, rte_kvargs_free);
	int ret = 0;
	bool pcap_fields = false; /* the bare keys that follow are fields of wire=pcap:... */
	for (unsigned i = 0; i < kv->count && ret == 0; i++) {
		const char *key = kv->pairs[i].key;
		const char *val = kv->pairs[i].value;
		if (pcap_fields && val == nullptr) {
			/* wire=pcap:IN,OUT,pace: kvargs split OUT, pace and loop off as bare keys
			 * (every devargs key takes a value, so a bare one is a field; make_wire checks them). */
			out.wire += std::string(",") + key;
			continue;
		}
		pcap_fields = false;
		bool known = false;
		for (const char *k : kValidKeys)
			known = known || std::strcmp(k, key) == 0;
		if (!known) {
			SIM_LOG(ERR, "%s: unknown devargs key \"%s\" (known: chip, wire, mac, trace, partner, pace, intr, fault, fault_after, mgmt, bootcode, lom, autoneg)",
				     name, key);
			ret = -EINVAL;
		} else if (val == nullptr || val[0] == '\0') {
			SIM_LOG(ERR, "%s: devargs key \"%s\" needs a value", name, key);
			ret = -EINVAL;
		} else if (std::strcmp(key, kKeyChip) == 0) {
			if (std::strcmp(val, "57762") == 0)
				out.cfg.chip = sim::Personality::BCM57762;
			else if (std::strcmp(val, "5720") == 0)
				out.cfg.chip = sim::Personality::BCM5720;
			else {
				SIM_LOG(ERR, "%s: chip=%s: expected 57762 or 5720", name, val);
				ret = -EINVAL;
			}
		} else if (std::strcmp(key, kKeyWire) == 0) {
			out.wire = val;
			/* wire=[pcap:IN,OUT,...]: DPDK's list brackets keep the commas in one value. */
			if (out.wire.size() >= 2 && out.wire.front() == '[' && out.wire.back() == ']')
				out.wire = out.wire.substr(1, out.wire.size() - 2);
			else
				pcap_fields = out.wire.rfind(kPcapPrefix, 0) == 0;
		} else if (std::strcmp(key, kKeyPartner) == 0) {
			if (!parse_partner(val, out.cfg.link_partner)) {
				SIM_LOG(ERR, "%s: partner=%s: expected modes joined by '+' from 10h 10f 100h 100f 1000h 1000f pause",
					     name, val);
				ret = -EINVAL;
			}
		} else if (std::strcmp(key, kKeyPace) == 0) {
			ret = parse_flag(name, key, val, out.cfg.pace_line_rate);
		} else if (std::strcmp(key, kKeyIntr) == 0) {
			ret = parse_flag(name, key, val, out.intr);
		} else if (std::strcmp(key, kKeyMgmt) == 0) {
			/* 1: firmware behind the APE (5720); asf: ASF firmware on the RX CPU, no APE (57762). */
			out.cfg.asf = std::strcmp(val, kMgmtAsf) == 0;
			out.cfg.mgmt = std::strcmp(val, "1") == 0;
			if (!out.cfg.asf && !out.cfg.mgmt && std::strcmp(val, "0") != 0) {
				SIM_LOG(ERR, "%s: mgmt=%s: expected 0, 1 or asf", name, val);
				ret = -EINVAL;
			}
		} else if (std::strcmp(key, kKeyBootcode) == 0) {
			ret = parse_flag(name, key, val, out.cfg.bootcode);
		} else if (std::strcmp(key, kKeyLom) == 0) {
			ret = parse_flag(name, key, val, out.cfg.lom);
		} else if (std::strcmp(key, kKeyTrace) == 0) {
			out.trace = val;
			out.cfg.trace = true;
			out.cfg.trace_capacity = kTraceCapacity;
		} else if (std::strcmp(key, kKeyFault) == 0) {
			std::string err;
			if (!parse_fault_spec(val, out.faults, err)) {
				SIM_LOG(ERR, "%s: fault=%s: %s", name, val, err.c_str());
				ret = -EINVAL;
			}
		} else if (std::strcmp(key, kKeyFaultAfter) == 0) {
			unsigned long ms = 0;
			ret = parse_ms(name, key, val, 1, kMaxFaultAfterMs, ms);
			out.fault_after_ms = static_cast<unsigned>(ms);
		} else if (std::strcmp(key, kKeyAutoneg) == 0) {
			unsigned long ms = 0;
			ret = parse_ms(name, key, val, 0, kMaxAutonegMs, ms);
			out.cfg.autoneg_ns = ms * kNsPerMs;
		} else if (std::strcmp(key, kKeyMac) == 0) {
			if (!parse_mac(val, out.cfg.mac)) {
				SIM_LOG(ERR, "%s: mac=%s: expected a unicast address xx:xx:xx:xx:xx:xx", name, val);
				ret = -EINVAL;
			}
		}
	}
	return ret;
}

} // namespace

int parse_args(const char *name, const char *params, SimArgs &out) noexcept
{
	try {
		return parse_kvargs(name, params, out);
	} catch (const std::bad_alloc &) {
		SIM_LOG(ERR, "%s: out of memory parsing devargs", name);
		return -ENOMEM;
	}
}

} // namespace tg57xx::simvdev
