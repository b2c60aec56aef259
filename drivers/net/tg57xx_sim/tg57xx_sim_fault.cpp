/* SPDX-License-Identifier: BSD-3-Clause */
/* Fault injection into the chip model behind a vdev (see tg57xx_sim_fault.h). */
#include "tg57xx_sim_fault.h"

#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include <rte_alarm.h>
#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "tg57xx_sim_log.h"

namespace tg57xx::simvdev {

namespace {

/* flap without a duration: long enough for the PMD's 100 ms link poll to see it. */
constexpr uint64_t kDefaultFlapMs = 200;
constexpr uint64_t kNsPerMs = 1000 * 1000;
/* Counts and durations a test could mean (anything larger is a typo). */
constexpr unsigned long kMaxCount = 1u << 20;
constexpr unsigned long kMaxFlapMs = 60 * 1000;

/* "N" (or nothing: 1) into out; false unless a decimal number in [1, max]. */
bool parse_count(const std::string &s, unsigned long max, unsigned long &out)
{
	if (s.empty()) {
		out = 1;
		return true;
	}
	char *end = nullptr;
	errno = 0;
	out = std::strtoul(s.c_str(), &end, 10);
	return errno == 0 && end != nullptr && *end == '\0' && s[0] != '-' && out >= 1 && out <= max;
}

bool parse_item(const std::string &item, sim::Faults &f)
{
	const size_t colon = item.find(':');
	const std::string kind = item.substr(0, colon);
	const std::string rest = colon == std::string::npos ? "" : item.substr(colon + 1);
	unsigned long n = 0;
	if (kind == "bootcode") {
		f.stuck_bootcode = true;
		return rest.empty();
	}
	if (kind == "bufmgr") {
		f.stuck_bufmgr = true;
		return rest.empty();
	}
	if (kind == "flap") {
		const size_t c2 = rest.find(':');
		unsigned long ms = kDefaultFlapMs;
		if (!parse_count(rest.substr(0, c2), kMaxCount, n) ||
		    (c2 != std::string::npos && !parse_count(rest.substr(c2 + 1), kMaxFlapMs, ms)))
			return false;
		f.link_flaps += static_cast<uint32_t>(n);
		f.link_flap_ns = ms * kNsPerMs;
		return true;
	}
	if (!parse_count(rest, kMaxCount, n))
		return false;
	const auto count = static_cast<uint32_t>(n);
	if (kind == "dma")
		f.dma_errors += count;
	else if (kind == "doorbell")
		f.lost_doorbells += count;
	else if (kind == "bd")
		f.corrupt_bds += count;
	else if (kind == "frame")
		f.corrupt_frames += count;
	else if (kind == "bus")
		f.bus_errors += count;
	else
		return false;
	return true;
}

constexpr uint64_t kUsPerMs = 1000;

std::mutex g_targets_lock;
std::map<std::string, sim::Device *> g_targets;

/* A delayed arming: the faults to add and whom to (fault_arm_later). */
struct Later {
	std::string name;
	sim::Faults faults;
};
std::map<std::string, std::unique_ptr<Later>> g_later; /* by name, under g_targets_lock */

/* Counts add up; switches and durations take the newer value. */
void add_faults(sim::Faults &to, const sim::Faults &d)
{
	to.stuck_bootcode = to.stuck_bootcode || d.stuck_bootcode;
	to.stuck_bufmgr = to.stuck_bufmgr || d.stuck_bufmgr;
	to.dma_errors += d.dma_errors;
	to.lost_doorbells += d.lost_doorbells;
	to.link_flaps += d.link_flaps;
	if (d.link_flaps != 0)
		to.link_flap_ns = d.link_flap_ns;
	to.corrupt_frames += d.corrupt_frames;
	to.corrupt_bds += d.corrupt_bds;
	to.bus_errors += d.bus_errors;
}

/* EAL alarm thread. */
void arm_now(void *arg)
{
	auto *l = static_cast<Later *>(arg);
	std::lock_guard<std::mutex> g(g_targets_lock);
	const std::string name = l->name;
	auto it = g_targets.find(name);
	if (it != g_targets.end()) {
		sim::Faults f = it->second->faults();
		add_faults(f, l->faults);
		it->second->set_faults(f);
	}
	g_later.erase(name); /* frees l */
}

} // namespace

bool parse_fault_spec(const char *spec, sim::Faults &f, std::string &err)
{
	const std::string s = spec != nullptr ? spec : "";
	sim::Faults out = f;
	size_t at = 0;
	for (;;) {
		const size_t end = s.find('+', at);
		const std::string item = s.substr(at, end == std::string::npos ? std::string::npos : end - at);
		if (item.empty() || !parse_item(item, out)) {
			err = "fault item \"" + item +
			      "\": expected bootcode, bufmgr, dma[:N], doorbell[:N], bd[:N], frame[:N] or flap[:N[:MS]] joined by '+'";
			return false;
		}
		if (end == std::string::npos)
			break;
		at = end + 1;
	}
	f = out;
	return true;
}

void fault_target_add(const std::string &name, sim::Device *dev)
{
	std::lock_guard<std::mutex> g(g_targets_lock);
	g_targets[name] = dev;
}

void fault_target_remove(const std::string &name)
{
	std::unique_ptr<Later> pending;
	{
		std::lock_guard<std::mutex> g(g_targets_lock);
		g_targets.erase(name);
		auto it = g_later.find(name);
		if (it != g_later.end()) {
			pending = std::move(it->second);
			g_later.erase(it);
		}
	}
	/* Outside the lock: a running arm_now takes it (then finds no target and no entry). */
	if (pending)
		rte_eal_alarm_cancel(arm_now, pending.get());
}

int fault_arm_later(const std::string &name, const sim::Faults &f, unsigned ms)
{
	std::lock_guard<std::mutex> g(g_targets_lock);
	auto l = std::make_unique<Later>(Later{name, f});
	const int ret = rte_eal_alarm_set(uint64_t{ms} * kUsPerMs, arm_now, l.get());
	if (ret != 0)
		return ret;
	g_later[name] = std::move(l);
	return 0;
}

} // namespace tg57xx::simvdev

namespace tg57xx::simvdev {
namespace {

/* The test hooks' common part: fn(model) for target `name` under the targets' lock;
 * -ENODEV if there is none, -ENOMEM if anything throws. */
template <class Fn>
int with_target(const char *name, Fn &&fn) noexcept
{
	try {
		std::lock_guard<std::mutex> g(g_targets_lock);
		auto it = g_targets.find(name != nullptr ? name : "");
		return it == g_targets.end() ? -ENODEV : fn(*it->second);
	} catch (...) {
		return -ENOMEM;
	}
}

/* /tg57xx_sim/counters,PORT: every model counter of a chip-model port
 * (tg57xx_sim/counters.h), from the primary process that runs the model. */
int tel_counters(const char *, const char *params, rte_tel_data *d) noexcept
{
	if (params == nullptr || *params == '\0' || *params == '-')
		return -EINVAL;
	char *end = nullptr;
	errno = 0;
	const unsigned long port = std::strtoul(params, &end, 10);
	if (errno != 0 || *end != '\0' || port >= RTE_MAX_ETHPORTS)
		return -EINVAL;
	char name[RTE_ETH_NAME_MAX_LEN];
	if (rte_eth_dev_get_name_by_port(static_cast<uint16_t>(port), name) != 0)
		return -ENODEV;
	return with_target(name, [&](sim::Device &dev) {
		const sim::Counters c = dev.counters();
		rte_tel_data_start_dict(d);
		rte_tel_data_add_dict_u64(d, "port", port);
		rte_tel_data_add_dict_string(d, "name", name);
#define TG57XX_SIM_COUNTER_TO_DICT(n) rte_tel_data_add_dict_u64(d, #n, c.n);
		TG57XX_SIM_COUNTERS(TG57XX_SIM_COUNTER_TO_DICT)
#undef TG57XX_SIM_COUNTER_TO_DICT
		return 0;
	});
}

} // namespace
} // namespace tg57xx::simvdev

RTE_INIT(tg57xx_sim_telemetry_init)
{
	rte_telemetry_register_cmd("/tg57xx_sim/counters", tg57xx::simvdev::tel_counters,
				   "Chip-model counters of a net_tg57xx_sim port (primary process). Parameters: int port_id");
}

extern "C" int tg57xx_sim_inject_fault(const char *name, const char *spec) noexcept
{
	using namespace tg57xx::simvdev;
	return with_target(name, [&](tg57xx::sim::Device &dev) {
		tg57xx::sim::Faults f = dev.faults();
		std::string err;
		if (!parse_fault_spec(spec, f, err)) {
			SIM_LOG(ERR, "%s: %s", name, err.c_str());
			return -EINVAL;
		}
		dev.set_faults(f);
		return 0;
	});
}

extern "C" int tg57xx_sim_counter(const char *name, const char *counter, uint64_t *out) noexcept
{
	using namespace tg57xx::simvdev;
	if (counter == nullptr || out == nullptr)
		return -EINVAL;
	return with_target(name, [&](tg57xx::sim::Device &dev) {
		const tg57xx::sim::Counters c = dev.counters();
#define TG57XX_SIM_COUNTER_BY_NAME(n)                                                                        \
	if (std::strcmp(counter, #n) == 0) {                                                                 \
		*out = c.n;                                                                                  \
		return 0;                                                                                    \
	}
		TG57XX_SIM_COUNTERS(TG57XX_SIM_COUNTER_BY_NAME)
#undef TG57XX_SIM_COUNTER_BY_NAME
		return -ENOENT;
	});
}

extern "C" int tg57xx_sim_sram_read32(const char *name, uint32_t addr, uint32_t *out) noexcept
{
	using namespace tg57xx::simvdev;
	return with_target(name, [&](tg57xx::sim::Device &dev) {
		if (out == nullptr || (addr & 3u) != 0 || addr >= dev.info().sram_size)
			return -EINVAL;
		*out = dev.sram_peek32(addr);
		return 0;
	});
}
