/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test environment for the PMD on the chip model, through rte_eth_* only:
 * EAL once per process (--no-huge --no-pci, the plugin loaded with -d), one
 * vdev hot-plugged per test port, helpers to configure, start, send and
 * receive with byte-exact frames.
 */
#ifndef TG57XX_TEST_PMD_ENV_H
#define TG57XX_TEST_PMD_ENV_H

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

namespace tg57xx::test {

/* A hot-plugged net_tg57xx_sim port, removed (and checked closed) on destruction. */
class SimPort {
public:
	/* args: devargs after the name, e.g. "chip=5720,wire=loop". */
	SimPort(const std::string &name, const std::string &args);
	~SimPort();
	SimPort(const SimPort &) = delete;
	SimPort &operator=(const SimPort &) = delete;

	bool ok() const { return ok_; }
	uint16_t port() const { return port_; }
	const std::string &name() const { return name_; }

	/* configure nrxq rx + ntxq tx queues, start, and wait for link up (virtual autoneg is quick). */
	int start(rte_mempool *mp, uint16_t nb_rxd = 256, uint16_t nb_txd = 256, const rte_eth_conf *conf = nullptr,
		  uint16_t nrxq = 1, uint16_t ntxq = 1);
	void stop();

private:
	std::string name_;
	uint16_t port_ = UINT16_MAX;
	bool ok_ = false;
	bool started_ = false;
};

/* Two ports on one in-process cable: net_tg57xx_sim_<name>a/b on wire=pair:<name>. */
struct SimPair {
	SimPort a, b;
	SimPair(const std::string &name, const std::string &args, const char *mac_a, const char *mac_b)
		: a("net_tg57xx_sim_" + name + "a", args + ",wire=pair:" + name + ",mac=" + mac_a),
		  b("net_tg57xx_sim_" + name + "b", args + ",wire=pair:" + name + ",mac=" + mac_b)
	{
	}
	bool ok() const { return a.ok() && b.ok(); }
};

/* Tests run on both personalities: GetParam() is the chip ("57762", "5720"). */
class PerChip : public ::testing::TestWithParam<const char *> {
protected:
	std::string chip() const { return std::string("chip=") + GetParam(); }
};

/* A pktmbuf pool with a unique name. */
rte_mempool *make_pool(unsigned n, uint16_t data_room = RTE_MBUF_DEFAULT_BUF_SIZE);

/* PerChip with a pool for the test's ports (made before, freed after the test body). */
class PerChipPool : public PerChip {
protected:
	static constexpr unsigned kPoolMbufs = 4096;
	void SetUp() override
	{
		mp = make_pool(kPoolMbufs);
		ASSERT_NE(mp, nullptr);
	}
	void TearDown() override { rte_mempool_free(mp); }
	/* A loop port of this chip (wire=loop), started with link up. */
	void start_loop(SimPort &p, uint16_t nrxq = 1)
	{
		ASSERT_TRUE(p.ok()) << p.name();
		ASSERT_EQ(p.start(mp, 256, 256, nullptr, nrxq, 1), 0) << p.name();
	}
	rte_mempool *mp = nullptr;
};

/* A MAC address from its text form (a test failure if malformed). */
rte_ether_addr ether_addr(const char *s);

/* Attempt a hot-plug and report the result (for bad-devargs tests). */
int try_hotplug(const std::string &name, const std::string &args);

/* An Ethernet frame of `len` bytes (no FCS) to `dst` from `src`, payload pattern from `seed`. */
std::vector<uint8_t> make_frame(const rte_ether_addr &dst, const rte_ether_addr &src, uint32_t len, uint32_t seed);
rte_mbuf *to_mbuf(rte_mempool *mp, const std::vector<uint8_t> &frame);
/* The frame as a chain: segments of the `heads` lengths, then the rest (null if a part is empty or no mbuf). */
rte_mbuf *to_chain(rte_mempool *mp, const std::vector<uint8_t> &frame, std::initializer_list<size_t> heads);
std::vector<uint8_t> from_mbuf(const rte_mbuf *m);

/* How long to wait for something that is meant to happen (ms). Every wait
 * returns as soon as it does, so a passing test never waits this long; it is
 * generous because meson runs the suites side by side on a machine that may
 * be loaded, where the model's threads can be off the CPU for seconds.
 * Checks that something does NOT happen use their own short windows. */
constexpr unsigned kWaitMs = 15000;

/* Send every frame (retrying short bursts) within timeout_ms; returns how many went. */
size_t send_all(uint16_t port, rte_mempool *mp, const std::vector<std::vector<uint8_t>> &frames,
		unsigned timeout_ms = kWaitMs);
/* Receive until `want` frames arrived or timeout_ms passed. */
std::vector<std::vector<uint8_t>> recv_n(uint16_t port, size_t want, unsigned timeout_ms = kWaitMs);
/* For tests where some frames are meant to be lost: receive until `least`
 * arrived (waiting up to kWaitMs), then whatever else of `most` arrives within
 * quiet_ms more. */
std::vector<std::vector<uint8_t>> recv_some(uint16_t port, size_t least, size_t most, unsigned quiet_ms);
/* Wait until pred() holds or timeout_ms passed (polling, 1 ms apart); returns pred(). */
bool wait_for(const std::function<bool()> &pred, unsigned timeout_ms = kWaitMs);
/* The PMD's register dump (rte_eth_dev_get_reg_info: BAR0, a word per 4 bytes, tg57xx_diag.cpp). */
std::vector<uint32_t> dump_regs(uint16_t port);
/* An extended statistic by name (UINT64_MAX if there is none). */
uint64_t xstat(uint16_t port, const char *name);

/* Memzones in use (to check nothing is left behind). */
unsigned memzone_count();

/* Add faults (tg57xx_sim_fault.h spec, e.g. "dma:1") to the model behind sim port `name`:
 * the plugin's test hook. 0 or a negative errno. */
int inject_fault(const std::string &name, const char *spec);
/* Model counter `counter` (tg57xx_sim/counters.h) of sim port `name`; UINT64_MAX if unavailable. */
uint64_t sim_counter(const std::string &name, const char *counter);
/* The word at NIC SRAM `addr` of the model behind sim port `name` (the plugin's test hook); UINT64_MAX if unavailable. */
uint64_t sim_sram32(const std::string &name, uint32_t addr);
/*
 * The engines have taken every doorbell the PMD rang: the chip's own view of
 * the standard receive and send producer indices (RCVBDI_STD_PROD_IDX,
 * SNDBDI_IN_PROD_IDX_0, ref §4.3) equals what the mailboxes hold. Until then
 * an injected lost doorbell could hit the receive refill instead of the
 * send it is meant for (the engines poll on their own threads, which a
 * loaded machine can hold off the CPU for a long time).
 */
bool doorbells_taken(uint16_t port);

} // namespace tg57xx::test

#endif
