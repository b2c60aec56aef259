/* SPDX-License-Identifier: BSD-3-Clause */
#include "pmd_env.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <thread>

#include <dlfcn.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_memzone.h>

#include "tg57xx_regs.h"

namespace tg57xx::test {

namespace {

constexpr unsigned kPollSleepUs = 50;
constexpr uint16_t kBurst = 32;
constexpr unsigned kPoolCache = 0;

using Clock = std::chrono::steady_clock;

/* The plugin EAL loaded (argv[1]): its fault-injection hook is found there. */
const char *g_plugin_path = nullptr;

bool expired(Clock::time_point start, unsigned ms)
{
	return Clock::now() - start > std::chrono::milliseconds(ms);
}

} // namespace

SimPort::SimPort(const std::string &name, const std::string &args) : name_(name)
{
	if (rte_eal_hotplug_add("vdev", name.c_str(), args.c_str()) != 0)
		return;
	ok_ = rte_eth_dev_get_port_by_name(name.c_str(), &port_) == 0;
}

SimPort::~SimPort()
{
	if (!ok_)
		return;
	stop();
	rte_eth_dev_close(port_);
	EXPECT_EQ(rte_eal_hotplug_remove("vdev", name_.c_str()), 0) << name_;
}

int SimPort::start(rte_mempool *mp, uint16_t nb_rxd, uint16_t nb_txd, const rte_eth_conf *conf, uint16_t nrxq,
		   uint16_t ntxq)
{
	rte_eth_conf def{};
	int ret = rte_eth_dev_configure(port_, nrxq, ntxq, conf ? conf : &def);
	for (uint16_t q = 0; ret == 0 && q < nrxq; q++)
		ret = rte_eth_rx_queue_setup(port_, q, nb_rxd, SOCKET_ID_ANY, nullptr, mp);
	for (uint16_t q = 0; ret == 0 && q < ntxq; q++)
		ret = rte_eth_tx_queue_setup(port_, q, nb_txd, SOCKET_ID_ANY, nullptr);
	if (ret == 0)
		ret = rte_eth_dev_start(port_);
	if (ret != 0)
		return ret;
	started_ = true;
	auto t0 = Clock::now();
	rte_eth_link link{};
	while (!expired(t0, kWaitMs)) {
		rte_eth_link_get_nowait(port_, &link);
		if (link.link_status == RTE_ETH_LINK_UP)
			return 0;
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	return -ETIMEDOUT;
}

void SimPort::stop()
{
	if (started_) {
		EXPECT_EQ(rte_eth_dev_stop(port_), 0);
	}
	started_ = false;
}

int try_hotplug(const std::string &name, const std::string &args)
{
	int ret = rte_eal_hotplug_add("vdev", name.c_str(), args.c_str());
	if (ret == 0) {
		uint16_t port;
		if (rte_eth_dev_get_port_by_name(name.c_str(), &port) == 0)
			rte_eth_dev_close(port);
		rte_eal_hotplug_remove("vdev", name.c_str());
	}
	return ret;
}

rte_mempool *make_pool(unsigned n, uint16_t data_room)
{
	static std::atomic<unsigned> seq{0};
	char name[RTE_MEMPOOL_NAMESIZE];
	std::snprintf(name, sizeof(name), "tp%u", seq++);
	return rte_pktmbuf_pool_create(name, n, kPoolCache, 0, data_room, SOCKET_ID_ANY);
}

rte_ether_addr ether_addr(const char *s)
{
	rte_ether_addr a{};
	EXPECT_EQ(rte_ether_unformat_addr(s, &a), 0) << s;
	return a;
}

std::vector<uint8_t> make_frame(const rte_ether_addr &dst, const rte_ether_addr &src, uint32_t len, uint32_t seed)
{
	constexpr uint16_t kEtherTypeExperimental = 0x88B5; /* IEEE 802 local experimental */
	std::vector<uint8_t> f(len);
	std::memcpy(&f[0], dst.addr_bytes, 6);
	std::memcpy(&f[6], src.addr_bytes, 6);
	f[12] = kEtherTypeExperimental >> 8;
	f[13] = kEtherTypeExperimental & 0xFF;
	uint32_t x = seed * 2654435761u + 1;
	for (uint32_t i = 14; i < len; i++) {
		x = x * 1103515245u + 12345u;
		f[i] = static_cast<uint8_t>(x >> 16);
	}
	return f;
}

rte_mbuf *to_mbuf(rte_mempool *mp, const std::vector<uint8_t> &frame)
{
	rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == nullptr)
		return nullptr;
	char *p = rte_pktmbuf_append(m, static_cast<uint16_t>(frame.size()));
	if (p == nullptr) {
		rte_pktmbuf_free(m);
		return nullptr;
	}
	std::memcpy(p, frame.data(), frame.size());
	return m;
}

rte_mbuf *to_chain(rte_mempool *mp, const std::vector<uint8_t> &frame, std::initializer_list<size_t> heads)
{
	rte_mbuf *head = nullptr, *prev = nullptr;
	size_t at = 0;
	std::vector<size_t> parts(heads);
	parts.push_back(frame.size() - std::min(frame.size(), std::accumulate(heads.begin(), heads.end(), size_t{0})));
	for (size_t part : parts) {
		rte_mbuf *m = part != 0 ? to_mbuf(mp, std::vector<uint8_t>(frame.begin() + at, frame.begin() + at + part))
					: nullptr;
		if (m == nullptr) {
			rte_pktmbuf_free(head);
			return nullptr;
		}
		at += part;
		if (head == nullptr) {
			head = m;
		} else {
			prev->next = m;
			head->nb_segs++;
			head->pkt_len += m->data_len;
		}
		prev = m;
	}
	return head;
}

std::vector<uint8_t> from_mbuf(const rte_mbuf *m)
{
	std::vector<uint8_t> out(m->pkt_len);
	const void *p = rte_pktmbuf_read(m, 0, m->pkt_len, out.data());
	if (p != out.data())
		std::memcpy(out.data(), p, m->pkt_len);
	return out;
}

size_t send_all(uint16_t port, rte_mempool *mp, const std::vector<std::vector<uint8_t>> &frames, unsigned timeout_ms)
{
	size_t sent = 0;
	auto t0 = Clock::now();
	while (sent < frames.size() && !expired(t0, timeout_ms)) {
		rte_mbuf *burst[kBurst];
		uint16_t n = 0;
		for (; n < kBurst && sent + n < frames.size(); n++) {
			burst[n] = to_mbuf(mp, frames[sent + n]);
			if (burst[n] == nullptr)
				break;
		}
		uint16_t done = rte_eth_tx_burst(port, 0, burst, n);
		for (uint16_t i = done; i < n; i++)
			rte_pktmbuf_free(burst[i]);
		sent += done;
		if (done < n)
			rte_delay_us_sleep(kPollSleepUs);
	}
	return sent;
}

std::vector<std::vector<uint8_t>> recv_n(uint16_t port, size_t want, unsigned timeout_ms)
{
	std::vector<std::vector<uint8_t>> out;
	auto t0 = Clock::now();
	while (out.size() < want && !expired(t0, timeout_ms)) {
		rte_mbuf *burst[kBurst];
		uint16_t n = rte_eth_rx_burst(port, 0, burst, kBurst);
		for (uint16_t i = 0; i < n; i++) {
			out.push_back(from_mbuf(burst[i]));
			rte_pktmbuf_free(burst[i]);
		}
		if (n == 0)
			rte_delay_us_sleep(kPollSleepUs);
	}
	return out;
}

std::vector<std::vector<uint8_t>> recv_some(uint16_t port, size_t least, size_t most, unsigned quiet_ms)
{
	auto out = recv_n(port, least);
	if (out.size() < most) {
		auto more = recv_n(port, most - out.size(), quiet_ms);
		out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
	}
	return out;
}

bool wait_for(const std::function<bool()> &pred, unsigned timeout_ms)
{
	auto t0 = Clock::now();
	while (!pred()) {
		if (expired(t0, timeout_ms))
			return pred();
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	return true;
}

std::vector<uint32_t> dump_regs(uint16_t port)
{
	rte_dev_reg_info info{};
	EXPECT_EQ(rte_eth_dev_get_reg_info(port, &info), 0);
	EXPECT_EQ(info.width, sizeof(uint32_t));
	std::vector<uint32_t> words(info.length);
	info.data = words.data();
	EXPECT_EQ(rte_eth_dev_get_reg_info(port, &info), 0);
	return words;
}

uint64_t xstat(uint16_t port, const char *name)
{
	uint64_t id = 0, v = 0;
	if (rte_eth_xstats_get_id_by_name(port, name, &id) != 0 || rte_eth_xstats_get_by_id(port, &id, &v, 1) != 1)
		return UINT64_MAX;
	return v;
}

unsigned memzone_count()
{
	unsigned n = 0;
	rte_memzone_walk([](const rte_memzone *, void *arg) { ++*static_cast<unsigned *>(arg); }, &n);
	return n;
}

/* A test hook the sim plugin exports, or nullptr. */
template <class Fn>
Fn plugin_hook(const char *symbol)
{
	void *h = g_plugin_path != nullptr ? dlopen(g_plugin_path, RTLD_NOW | RTLD_NOLOAD) : nullptr;
	return h != nullptr ? reinterpret_cast<Fn>(dlsym(h, symbol)) : nullptr;
}

int inject_fault(const std::string &name, const char *spec)
{
	using InjectFn = int (*)(const char *, const char *);
	static InjectFn fn = plugin_hook<InjectFn>("tg57xx_sim_inject_fault");
	return fn != nullptr ? fn(name.c_str(), spec) : -ENOSYS;
}

uint64_t sim_counter(const std::string &name, const char *counter)
{
	using CounterFn = int (*)(const char *, const char *, uint64_t *);
	static CounterFn fn = plugin_hook<CounterFn>("tg57xx_sim_counter");
	uint64_t v = UINT64_MAX;
	return fn != nullptr && fn(name.c_str(), counter, &v) == 0 ? v : UINT64_MAX;
}

uint64_t sim_sram32(const std::string &name, uint32_t addr)
{
	using SramFn = int (*)(const char *, uint32_t, uint32_t *);
	static SramFn fn = plugin_hook<SramFn>("tg57xx_sim_sram_read32");
	uint32_t v = 0;
	return fn != nullptr && fn(name.c_str(), addr, &v) == 0 ? v : UINT64_MAX;
}

bool doorbells_taken(uint16_t port)
{
	const auto r = dump_regs(port);
	const auto at = [&r](uint32_t off) { return off / sizeof(uint32_t) < r.size() ? r[off / sizeof(uint32_t)] : ~0u; };
	return !r.empty() && at(hw::TG3_RX_STD_PROD_IDX_REG) == at(hw::RCVBDI_STD_PROD_IDX) &&
	       at(hw::MAILBOX_SNDHOST_PROD_IDX_0 + hw::TG3_64BIT_REG_LOW) == at(hw::SNDBDI_IN_PROD_IDX(0));
}

} // namespace tg57xx::test

namespace {

/* Exit status 128 + N: ended by signal N (the POSIX shells' convention). */
constexpr int kExitSignal = 128;

/* Where EAL makes its runtime directory for `prefix` (eal_create_runtime_dir: /var/run
 * for root, else $XDG_RUNTIME_DIR or /tmp; then dpdk/<prefix>). */
std::string runtime_dir_for(const std::string &prefix)
{
	const char *xdg = std::getenv("XDG_RUNTIME_DIR");
	const std::string base = getuid() == 0 ? "/var/run" : xdg != nullptr ? xdg : "/tmp";
	return base + "/dpdk/" + prefix;
}

/* A gtest run cannot stop between two EAL calls: on SIGINT, SIGTERM or SIGHUP (meson's
 * timeout sends SIGTERM) one thread takes the signal, removes the runtime directory and
 * exits (memory is --no-huge: no hugepage file to leave). The signals are blocked in
 * every other thread: called before rte_eal_init, whose threads inherit the mask. */
void exit_cleanly_on_stop_signals(std::string runtime_dir)
{
	sigset_t set;
	sigemptyset(&set);
	for (int sig : {SIGINT, SIGTERM, SIGHUP})
		sigaddset(&set, sig);
	pthread_sigmask(SIG_BLOCK, &set, nullptr);
	std::thread([set, dir = std::move(runtime_dir)] {
		int sig = 0;
		if (sigwait(&set, &sig) != 0)
			return;
		std::fprintf(stderr, "pmd_tests: %s: removing %s and exiting\n", strsignal(sig), dir.c_str());
		std::error_code ec;
		std::filesystem::remove_all(dir, ec);
		std::_Exit(kExitSignal + sig);
	}).detach();
}

} // namespace

/* EAL once for the whole binary: argv[1] is the plugin path. */
int main(int argc, char **argv)
{
	testing::InitGoogleTest(&argc, argv);
	const char *plugin = argc > 1 ? argv[1] : std::getenv("TG57XX_PLUGIN");
	if (plugin == nullptr) {
		std::fprintf(stderr, "usage: %s PLUGIN.so [gtest options]\n", argv[0]);
		return 2;
	}
	std::string prefix = "tg57xx-pmd-test-" + std::to_string(getpid());
	const char *eal[] = {argv[0], "--no-huge", "--no-pci", "-m", "512", "--file-prefix", prefix.c_str(),
			     "-d", plugin, "--log-level", "pmd.net.tg57xx.*:info", "-l", "0"};
	int n = static_cast<int>(sizeof(eal) / sizeof(eal[0]));
	tg57xx::test::g_plugin_path = plugin;
	exit_cleanly_on_stop_signals(runtime_dir_for(prefix));
	if (rte_eal_init(n, const_cast<char **>(eal)) < 0) {
		std::fprintf(stderr, "rte_eal_init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	int ret = RUN_ALL_TESTS();
	std::string runtime_dir = rte_eal_get_runtime_dir();
	rte_eal_cleanup();
	std::error_code ec;
	std::filesystem::remove_all(runtime_dir, ec); /* leave nothing behind */
	return ret;
}
