/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the bench programs (pmd_bench.cpp, soak.cpp) share around EAL: the
 * lcore layout, EAL start-up with the runtime directory removed at exit, and
 * (from tests/common/eth_port.h) bringing a port up with one rx and one tx
 * queue.
 */
#ifndef TG57XX_TESTS_BENCH_EAL_H
#define TG57XX_TESTS_BENCH_EAL_H

#include <sched.h>
#include <signal.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_mempool.h>

#include "../common/eth_port.h"

namespace tg57xx::bench {

/* "0@(0,1)": the main lcore may run on every CPU we have, and so may the
 * model's runner threads (they inherit the creating thread's affinity). */
inline std::string lcores_arg()
{
	cpu_set_t set;
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return "0";
	std::string cpus;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		if (CPU_ISSET(c, &set))
			cpus += (cpus.empty() ? "" : ",") + std::to_string(c);
	}
	return "0@(" + cpus + ")";
}

/* SIGINT, SIGTERM or SIGHUP (Ctrl-C, meson's timeout, a closed terminal): the number of
 * the first one, 0 until then. A program polls it and stops the way it stops at its end
 * (ports stopped and closed, rte_eal_cleanup, the runtime directory removed), instead of
 * dying with its EAL runtime directory left behind. */
inline volatile std::sig_atomic_t g_stop_signal = 0;

inline void on_stop_signal(int sig)
{
	if (g_stop_signal == 0)
		g_stop_signal = sig;
}

/* Install the handler for SIGINT, SIGTERM and SIGHUP; call it before rte_eal_init. */
inline void catch_stop_signals()
{
	struct sigaction sa {};
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	for (int sig : {SIGINT, SIGTERM, SIGHUP})
		sigaction(sig, &sa, nullptr);
}

inline int stop_signal()
{
	return g_stop_signal;
}

/* EAL's /var/run/dpdk/<prefix> stays after rte_eal_cleanup: removed at exit. */
inline std::string &runtime_dir()
{
	static std::string dir;
	return dir;
}

inline void remove_runtime_dir()
{
	if (!runtime_dir().empty()) {
		std::error_code ec;
		std::filesystem::remove_all(runtime_dir(), ec);
	}
}

/* rte_eal_init on argv-style strings; returns its result. */
inline int eal_init(std::vector<std::string> &args)
{
	std::vector<char *> argv;
	for (auto &s : args)
		argv.push_back(s.data());
	const int ret = rte_eal_init(static_cast<int>(argv.size()), argv.data());
	if (ret >= 0) {
		runtime_dir() = rte_eal_get_runtime_dir();
		std::atexit(remove_runtime_dir);
	}
	return ret;
}

/* Port bring-up and link wait: tests/common/eth_port.h. */
using test::start_port;
using test::wait_links;

} // namespace tg57xx::bench

#endif
