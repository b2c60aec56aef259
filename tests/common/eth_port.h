/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bringing a port up with one rx and one tx queue, and waiting for link:
 * shared by the programs outside the gtest PMD suite that drive ports
 * through rte_eth_* (tests/bench, tests/fuzz). Header only, no gtest.
 */
#ifndef TG57XX_TESTS_COMMON_ETH_PORT_H
#define TG57XX_TESTS_COMMON_ETH_PORT_H

#include <chrono>
#include <cstdint>
#include <vector>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mempool.h>

namespace tg57xx::test {

/* Configure one rx + one tx queue of nb_desc descriptors with `conf` (and
 * `mtu` unless 0), then start; 0 or a negative errno. */
inline int start_port(uint16_t port, rte_mempool *mp, uint16_t nb_desc, const rte_eth_conf &conf = {},
		      uint16_t mtu = 0)
{
	int ret = rte_eth_dev_configure(port, 1, 1, &conf);
	const auto socket = static_cast<unsigned>(rte_eth_dev_socket_id(port));
	if (ret == 0 && mtu != 0)
		ret = rte_eth_dev_set_mtu(port, mtu);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, nb_desc, socket, nullptr, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, nb_desc, socket, nullptr);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	return ret;
}

/* A port configuration asking for RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE when the
 * port offers it, as dpdk-testpmd does by default (one pool, refcnt 1: true of
 * io forwarding). */
inline rte_eth_conf fast_free_conf(uint16_t port)
{
	rte_eth_conf conf{};
	rte_eth_dev_info info{};
	if (rte_eth_dev_info_get(port, &info) == 0)
		conf.txmode.offloads = info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	return conf;
}

/* Wait until every port has link, at most timeout_ms; false on timeout. */
inline bool wait_links(const std::vector<uint16_t> &ports, unsigned timeout_ms)
{
	constexpr unsigned kPollUs = 1000;
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
		rte_delay_us_sleep(kPollUs);
	}
	return false;
}

} // namespace tg57xx::test

#endif
