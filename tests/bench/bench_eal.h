/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the bench programs (pmd_bench.cpp, soak.cpp) share around EAL: the
 * lcore layout, EAL start-up with the runtime directory removed at exit, and
 * bringing a port up with one rx and one tx queue.
 */
#ifndef TG57XX_TESTS_BENCH_EAL_H
#define TG57XX_TESTS_BENCH_EAL_H

#include <sched.h>

#include <cerrno>
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

/* Configure one rx + one tx queue of nb_desc descriptors and start; 0 or a negative errno.
 * fast_free: request RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE when the port offers it, as
 * dpdk-testpmd does by default (one pool, refcnt 1: true of io forwarding). */
inline int start_port(uint16_t port, rte_mempool *mp, uint16_t nb_desc, bool fast_free = false)
{
	rte_eth_conf conf{};
	rte_eth_dev_info info{};
	if (fast_free && rte_eth_dev_info_get(port, &info) == 0)
		conf.txmode.offloads = info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
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
