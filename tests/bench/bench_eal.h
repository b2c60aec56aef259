/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the bench programs (pmd_bench.cpp, soak.cpp) share around EAL: the
 * lcore layout, EAL start-up with the runtime directory removed at exit, and
 * bringing a port up with one rx and one tx queue.
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

/* Configure one rx + one tx queue of nb_desc descriptors and start; 0 or a negative errno. */
inline int start_port(uint16_t port, rte_mempool *mp, uint16_t nb_desc)
{
	rte_eth_conf conf{};
	int ret = rte_eth_dev_configure(port, 1, 1, &conf);
	const auto socket = static_cast<unsigned>(rte_eth_dev_socket_id(port));
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, nb_desc, socket, nullptr, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, nb_desc, socket, nullptr);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	return ret;
}

/* Wait until every port has link, at most timeout_ms; false on timeout. */
inline bool wait_links(const std::vector<uint16_t> &ports, unsigned timeout_ms)
{
	const auto t0 = std::chrono::steady_clock::now();
	while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(timeout_ms)) {
		bool all = true;
		for (uint16_t p : ports) {
			rte_eth_link link{};
			rte_eth_link_get_nowait(p, &link);
			all = all && link.link_status == RTE_ETH_LINK_UP;
		}
		if (all)
			return true;
		rte_delay_us_sleep(1000);
	}
	return false;
}

} // namespace tg57xx::bench

#endif
