/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tg-fwd: expose every tg57xx port to the Linux stack as a kernel interface,
 * busy-polling DPDK on both sides (DESIGN §4):
 *
 *   wire <-> NIC (net_tg57xx) <-> tg-fwd <-> net_tap | virtio-user <-> tgN (kernel)
 *
 * Reading order: main (start-up, lcores, shutdown) -> fwd_loop (the loop) ->
 * ports (port set-up) -> control (link/carrier, kernel events, keys) ->
 * kif (rtnetlink) -> stats (lines, telemetry) -> console (terminal).
 */
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pdump.h>

#include "console.h"
#include "control.h"
#include "fwd_loop.h"
#include "kif.h"
#include "options.h"
#include "ports.h"
#include "preflight.h"
#include "stats.h"

#ifndef TG_FWD_PLUGIN_PATH
#define TG_FWD_PLUGIN_PATH ""
#endif
#ifndef TG_FWD_SIM_PLUGIN_PATH
#define TG_FWD_SIM_PLUGIN_PATH ""
#endif

namespace tg57xx::fwd {
namespace {

/* One lcore: run the control round at most every 20 ms between bursts. */
constexpr uint64_t kInlineControlMs = 20;
/* Before "ready", wait this long for the NIC links (1000BASE-T autoneg takes ~2-3 s);
 * after it, "ready" comes anyway, with a "link tgN down" line before it. */
constexpr int kReadyLinkWaitMs = 5000;
constexpr int kReadyPollMs = 10;
constexpr uint64_t kMsPerSec = 1000;
constexpr const char *kVhostNet = "/dev/vhost-net";
/* Environment override of the plugin tg-fwd loads when given no -d ("" = none). */
constexpr const char *kPluginEnv = "TG_FWD_PLUGIN";
constexpr const char *kSimVdevPrefix = "net_tg57xx_sim";

void on_signal(int) { g_quit.store(true); }

void install_signals()
{
	struct sigaction sa {};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, nullptr);
	sigaction(SIGTERM, &sa, nullptr);
	sigaction(SIGHUP, &sa, nullptr);
}

bool has_driver_arg(const std::vector<std::string> &eal)
{
	for (const std::string &a : eal)
		if (a.rfind("-d", 0) == 0 && a.rfind("--", 0) != 0)
			return true;
	return false;
}

bool has_arg(const std::vector<std::string> &eal, const char *opt)
{
	for (const std::string &a : eal)
		if (a == opt)
			return true;
	return false;
}

/*
 * vhost-user shares our memory with the server as at most 8 regions
 * (VHOST_MEMORY_MAX_NREGIONS): one file per hugepage is too many. --no-huge
 * memory is one memfd and fine; with hugepages ask EAL for single files.
 */
void add_vhost_user_memory(const Options &opt, std::vector<std::string> &eal)
{
	if (!opt.vhost_user_test() || has_arg(eal, "--no-huge") || has_arg(eal, "--single-file-segments"))
		return;
	eal.insert(eal.begin() + 1, "--single-file-segments");
}

/* A --vdev of the chip model among the EAL arguments (--vdev X or --vdev=X). */
bool wants_model(const std::vector<std::string> &eal)
{
	for (const std::string &a : eal)
		if (a.find(kSimVdevPrefix) != std::string::npos)
			return true;
	return false;
}

/* Devices named on the command line (-a BDF, --allow, --vdev): EAL probes only those. */
bool names_devices(const std::vector<std::string> &eal)
{
	for (const std::string &a : eal)
		if (a == "-a" || a == "--allow" || a.rfind("--allow=", 0) == 0 || a == "--vdev" ||
		    a.rfind("--vdev=", 0) == 0 || (a.rfind("-a", 0) == 0 && a.size() > 2 && a[2] != '-'))
			return true;
	return false;
}

/*
 * Add "-d <plugin>" unless the user gave -d: $TG_FWD_PLUGIN, else the
 * build-tree plugin — the chip-model one (which loads the PCI one) when a
 * model port is asked for, the PCI one otherwise.
 */
void add_plugin(std::vector<std::string> &eal)
{
	if (has_driver_arg(eal))
		return;
	const char *env = std::getenv(kPluginEnv);
	std::string path = env != nullptr ? env : wants_model(eal) ? TG_FWD_SIM_PLUGIN_PATH : TG_FWD_PLUGIN_PATH;
	struct stat st;
	if (path.empty() || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
		return;
	eal.insert(eal.begin() + 1, {"-d", path});
}

int fail(const std::string &line)
{
	std::fprintf(stderr, "%s\n", line.c_str());
	return kExitFailure;
}

/* The kernel-side PMD, after the /dev/vhost-net check; "" + exit code set on refusal. */
bool choose_kind(const Options &opt, KifKind &kind, int &exit_code)
{
	kind = opt.mode == KifMode::AfPacket ? KifKind::AfPacket : KifKind::Tap;
	if (opt.mode != KifMode::VirtioUser || opt.vhost_user_test())
		return true;
	if (access(kVhostNet, R_OK | W_OK) == 0) {
		kind = KifKind::VhostNet;
		return true;
	}
	const int err = errno;
	if (opt.virtio_strict) {
		exit_code = fail(std::string("tg-fwd: ") + kVhostNet + " is not usable (" + std::strerror(err) +
				 "): load it with 'modprobe vhost_net', or drop =strict to fall back to net_tap");
		return false;
	}
	std::fprintf(stderr, "tg-fwd: %s is not usable (%s): using net_tap instead\n", kVhostNet, std::strerror(err));
	return true;
}

void print_pairs(const std::vector<PortPair> &pairs, const std::vector<Path> &paths)
{
	for (const PortPair &p : pairs) {
		char mac[RTE_ETHER_ADDR_FMT_SIZE];
		rte_ether_format_addr(mac, sizeof(mac), &p.mac);
		unsigned rx_lc = 0, tx_lc = 0;
		for (const Path &path : paths)
			if (path.pair == p.index)
				(path.dir == Dir::ToKernel ? rx_lc : tx_lc) = path.lcore;
		std::printf("tg-fwd: port %u %s %s <-> %s (%s, port %u%s) mtu %u lcore rx %u tx %u\n", p.index,
			    p.nic_name.c_str(), mac, p.ifname.empty() ? "-" : p.ifname.c_str(), p.kif_vdev.c_str(),
			    p.kif, p.ifindex != 0 ? (", ifindex " + std::to_string(p.ifindex)).c_str() : "", p.mtu,
			    rx_lc, tx_lc);
		std::printf("tg-fwd: port %u offloads: %s\n", p.index, describe(p.ol).c_str());
	}
}

/* Everything after rte_eal_init; returns the exit code. */
int run(const Options &opt, KifKind kind, bool devices_named)
{
	const std::vector<uint16_t> nics = find_nic_ports();
	if (nics.empty() && devices_named)
		return fail("tg-fwd: no tg57xx port came up: the driver refused the devices given with -a/--vdev "
			    "(its message above says why)");
	if (nics.empty())
		return fail("tg-fwd: no tg57xx port: bind the card to vfio-pci with dpdk-devbind.py (and pass -a "
			    "BDF) or use --vdev net_tg57xx_sim0");
	if (opt.ifaces.size() > nics.size())
		return fail("tg-fwd: " + std::to_string(opt.ifaces.size()) + " --iface names for " +
			    std::to_string(nics.size()) + " tg57xx port(s): give one per port at most");
	if (opt.vhost_user_test() && opt.virtio_paths.size() != nics.size())
		return fail("tg-fwd: give one --virtio-user-path per tg57xx port (" + std::to_string(nics.size()) +
			    " port(s), " + std::to_string(opt.virtio_paths.size()) + " path(s))");

	/* Lcores: the main one controls; workers forward. Alone, the main lcore does both. */
	std::vector<unsigned> worker_ids;
	unsigned lc;
	RTE_LCORE_FOREACH_WORKER(lc) worker_ids.push_back(lc);

	Rtnl rtnl;
	std::string err;
	if (!opt.vhost_user_test() && !rtnl.open(err))
		return fail("tg-fwd: " + err + ": cannot control kernel interfaces");

	std::vector<PortPair> pairs(nics.size());
	std::vector<Path> paths(2 * nics.size());
	rte_mempool *pool = nullptr;
	PortSetup ps{&opt, kind, rte_lcore_count(), opt.vhost_user_test() ? nullptr : &rtnl};
	watch_resets(pairs, nics);
	err = setup_ports(ps, nics, pairs, &pool);
	if (!err.empty()) {
		unwatch_resets(pairs, nics);
		teardown(pairs, ps.rtnl);
		rte_mempool_free(pool);
		return fail(err);
	}

	for (size_t i = 0; i < pairs.size(); i++) {
		Path &in = paths[2 * i], &out = paths[2 * i + 1];
		in.pair = out.pair = static_cast<unsigned>(i);
		in.dir = Dir::ToKernel;
		in.rx_port = pairs[i].nic;
		in.tx_port = pairs[i].kif;
		out.dir = Dir::ToNic;
		out.rx_port = pairs[i].kif;
		out.tx_port = pairs[i].nic;
		in.rx_intr = pairs[i].nic_rxq_intr;
		out.rx_intr = pairs[i].kif_rxq_intr;
		out.rx_tap = pairs[i].kind == KifKind::Tap;
		in.ol_mark = pairs[i].ol.to_kernel_csum;
		out.ol_mark = pairs[i].ol.to_nic_csum;
		out.vlan_insert = pairs[i].ol.nic_vlan_insert;
	}
	assign_paths(paths, worker_ids, rte_get_main_lcore());
	std::vector<Worker> workers(worker_ids.size());
	Worker inline_worker;
	inline_worker.burst = static_cast<uint16_t>(opt.burst);
	inline_worker.idle_sleep_ms = opt.idle_sleep_ms;
	for (size_t w = 0; w < worker_ids.size(); w++) {
		workers[w].burst = static_cast<uint16_t>(opt.burst);
		workers[w].idle_sleep_ms = opt.idle_sleep_ms;
		for (Path &p : paths)
			if (p.lcore == worker_ids[w])
				workers[w].paths.push_back(&p);
	}
	if (worker_ids.empty())
		for (Path &p : paths)
			inline_worker.paths.push_back(&p);

	const char *mode = kind == KifKind::Tap ? "tap" : kind == KifKind::AfPacket ? "af-packet" : "virtio-user";
	Stats stats(pairs, paths, mode);
	Console console;
	Control ctl(opt, pairs, paths, stats, console);
	ctl.rtnl = opt.vhost_user_test() ? nullptr : &rtnl;
	for (const Worker &w : workers)
		ctl.nb_workers += w.paths.empty() ? 0 : 1;
	ctl.start();
	stats.register_telemetry();
	int ret = rte_pdump_init();
	if (ret != 0)
		std::fprintf(stderr, "tg-fwd: packet capture unavailable (rte_pdump_init: %s); dpdk-dumpcap needs a "
			     "hugepage-backed tg-fwd\n", rte_strerror(rte_errno));

	for (size_t w = 0; w < worker_ids.size(); w++) {
		if (workers[w].paths.empty()) {
			std::printf("tg-fwd: lcore %u has nothing to forward (%zu paths for %zu workers)\n", worker_ids[w],
				    paths.size(), worker_ids.size());
			continue;
		}
		rte_eal_remote_launch(worker_main, &workers[w], worker_ids[w]);
	}
	for (int waited = 0; waited < kReadyLinkWaitMs && !ctl.all_links_up() && !g_quit.load();
	     waited += kReadyPollMs) {
		rte_delay_us_sleep(kReadyPollMs * 1000);
		ctl.tick();
	}
	print_pairs(pairs, paths);
	if (opt.idle_sleep_ms != 0)
		std::printf("tg-fwd: idle-sleep: idle lcores sleep on rx interrupts, %u ms at most\n", opt.idle_sleep_ms);
	std::printf("tg-fwd: ready\n");
	std::fflush(stdout);
	console.start();
	if (console.interactive() && opt.stats_period > 0)
		std::printf("(h for help)\n");

	if (worker_ids.empty()) {
		const uint64_t period = rte_get_tsc_hz() * kInlineControlMs / kMsPerSec;
		run_inline(inline_worker, period, control_tick_cb, &ctl);
	} else {
		while (!g_quit.load())
			ctl.wait_and_tick();
	}

	/* Clean stop: forwarding first, then the ports, then EAL. */
	rte_eal_mp_wait_lcore();
	console.clear_block();
	console.restore();
	stats.sample();
	stats.print_final(stdout);
	stats.unregister_telemetry();
	ctl.stop();
	if (ret == 0)
		rte_pdump_uninit();
	unwatch_resets(pairs, nics);
	teardown(pairs, ps.rtnl);
	rte_mempool_free(pool);
	return kExitOk;
}

} // namespace
} // namespace tg57xx::fwd

int main(int argc, char **argv)
{
	using namespace tg57xx::fwd;
	Options opt;
	ParseResult pr = parse_args(argc, argv, opt);
	if (pr.exit_code >= 0)
		return pr.exit_code;

	KifKind kind;
	int code = kExitFailure;
	if (!choose_kind(opt, kind, code))
		return code;
	if (!opt.vhost_user_test() && !has_cap_net_admin())
		return fail("tg-fwd: needs root (CAP_NET_ADMIN) for kernel interfaces");
	if (kind == KifKind::Tap && !opt.vhost_user_test()) {
		const std::string tun = check_tun();
		if (!tun.empty())
			return fail(tun);
	}

	install_signals();
	add_plugin(pr.eal_args);
	add_vhost_user_memory(opt, pr.eal_args);
	std::vector<char *> eal_argv;
	for (std::string &a : pr.eal_args)
		eal_argv.push_back(a.data());
	eal_argv.push_back(nullptr);
	/* EAL leaves its runtime directory behind; ours goes when we do (one made by another run stays). */
	std::string runtime_dir = runtime_dir_for(pr.eal_args);
	const bool dir_existed = access(runtime_dir.c_str(), F_OK) == 0;
	if (rte_eal_init(static_cast<int>(eal_argv.size() - 1), eal_argv.data()) < 0) {
		const int err = rte_errno;
		const EalFailure f = explain_eal_failure(err, pr.eal_args);
		if (err == ENOMEM)
			remove_hugepage_files(pr.eal_args); /* quietly: the one line below says what failed */
		if (!dir_existed)
			remove_runtime_dir(runtime_dir);
		fail(f.line);
		return f.exit_code;
	}
	runtime_dir = rte_eal_get_runtime_dir();

	code = run(opt, kind, names_devices(pr.eal_args));
	rte_eal_cleanup();
	remove_runtime_dir(runtime_dir);
	return code;
}
