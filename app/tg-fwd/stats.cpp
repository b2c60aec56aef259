/* SPDX-License-Identifier: BSD-3-Clause */
/* tg-fwd statistics, their lines and the telemetry commands (see stats.h). */
#include "stats.h"

#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstring>
#include <memory>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

namespace tg57xx::fwd {

namespace {

constexpr double kNsPerSec = 1e9;
constexpr double kBitsPerMbit = 1e6;
constexpr unsigned kBitsPerByte = 8;

/* The telemetry callbacks find the live Stats here; null outside main's lifetime of it. */
std::atomic<const Stats *> g_tel_stats{nullptr};
bool g_tel_registered = false;

uint64_t now_ns()
{
	return static_cast<uint64_t>(
		std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
			.count());
}

DirTotals diff(const DirTotals &a, const DirTotals &b)
{
	return DirTotals{a.pkts - b.pkts,         a.bytes - b.bytes,       a.drops - b.drops,
			 a.drop_bytes - b.drop_bytes, a.offloaded - b.offloaded, a.ol_drops - b.ol_drops,
			 a.sw_csum - b.sw_csum,   a.wakes - b.wakes};
}

/* 1234567 -> "1.23M"; with `fraction`, 0.5 -> "0.50" (Mbit/s of a trickle).
 * The console line has room for about 6 characters a number. */
std::string human(double v, bool fraction = false)
{
	char s[32];
	if (fraction && v > 0 && v < 10)
		std::snprintf(s, sizeof(s), "%.2f", v);
	else if (fraction && v > 0 && v < 100)
		std::snprintf(s, sizeof(s), "%.1f", v);
	else if (v >= 1e9)
		std::snprintf(s, sizeof(s), "%.2fG", v / 1e9);
	else if (v >= 1e6)
		std::snprintf(s, sizeof(s), "%.2fM", v / 1e6);
	else if (v >= 1e4)
		std::snprintf(s, sizeof(s), "%.1fk", v / 1e3);
	else
		std::snprintf(s, sizeof(s), "%.0f", v);
	return s;
}

void print_xstats(FILE *out, uint16_t port, bool nonzero_only)
{
	int n = rte_eth_xstats_get(port, nullptr, 0);
	if (n <= 0)
		return;
	std::vector<rte_eth_xstat> xs(static_cast<size_t>(n));
	std::vector<rte_eth_xstat_name> names(static_cast<size_t>(n));
	if (rte_eth_xstats_get_names(port, names.data(), static_cast<unsigned>(n)) != n ||
	    rte_eth_xstats_get(port, xs.data(), static_cast<unsigned>(n)) != n)
		return;
	for (const rte_eth_xstat &x : xs)
		if (!nonzero_only || x.value != 0)
			std::fprintf(out, "    %-32s %" PRIu64 "\n", names[x.id].name, x.value);
}

void print_port_stats(FILE *out, const char *what, uint16_t port)
{
	rte_eth_stats s{};
	if (rte_eth_stats_get(port, &s) != 0)
		return;
	std::fprintf(out,
		     "  %s (port %u): ipackets %" PRIu64 " ibytes %" PRIu64 " imissed %" PRIu64 " ierrors %" PRIu64
		     " rx_nombuf %" PRIu64 "\n"
		     "  %*s opackets %" PRIu64 " obytes %" PRIu64 " oerrors %" PRIu64 "\n",
		     what, port, s.ipackets, s.ibytes, s.imissed, s.ierrors, s.rx_nombuf,
		     static_cast<int>(std::strlen(what) + std::strlen(" (port )") + 1), "", s.opackets, s.obytes,
		     s.oerrors);
}

int tel_stats_cb(const char *, const char *, rte_tel_data *d) noexcept
{
	const Stats *s = g_tel_stats.load();
	return s != nullptr ? s->tel_stats(d) : -ENODEV;
}

int tel_ports_cb(const char *, const char *, rte_tel_data *d) noexcept
{
	const Stats *s = g_tel_stats.load();
	return s != nullptr ? s->tel_ports(d) : -ENODEV;
}

void add_dir(rte_tel_data *d, const char *prefix, const DirSample &ds)
{
	const std::string p(prefix);
	rte_tel_data_add_dict_u64(d, (p + "_pkts").c_str(), ds.total.fwd_pkts());
	rte_tel_data_add_dict_u64(d, (p + "_bytes").c_str(), ds.total.fwd_bytes());
	rte_tel_data_add_dict_u64(d, (p + "_drops").c_str(), ds.total.drops);
	rte_tel_data_add_dict_u64(d, (p + "_offloaded").c_str(), ds.total.offloaded);
	rte_tel_data_add_dict_u64(d, (p + "_offload_drops").c_str(), ds.total.ol_drops);
	rte_tel_data_add_dict_u64(d, (p + "_sw_csum").c_str(), ds.total.sw_csum);
	rte_tel_data_add_dict_u64(d, (p + "_wakes").c_str(), ds.total.wakes);
	rte_tel_data_add_dict_u64(d, (p + "_pps").c_str(), ds.pps);
	rte_tel_data_add_dict_u64(d, (p + "_bps").c_str(), ds.bps);
}

} // namespace

Stats::Stats(std::vector<PortPair> &pairs, std::vector<Path> &paths, const char *mode)
	: pairs_(pairs), paths_(paths), mode_(mode), base_(paths.size()), prev_(paths.size()), cur_(pairs.size())
{
	prev_ns_ = now_ns();
	for (size_t i = 0; i < pairs_.size(); i++) {
		cur_[i].mtu = pairs_[i].mtu;
		char mac[RTE_ETHER_ADDR_FMT_SIZE];
		rte_ether_format_addr(mac, sizeof(mac), &pairs_[i].mac);
		cur_[i].mac = mac;
	}
}

DirTotals Stats::read_path(const Path &p) const
{
	/* Drops first: the owner bumps pkts before drops, so what we read rarely has drops > pkts
	 * (and fwd_pkts() clamps when it does). */
	DirTotals t;
	t.offloaded = p.c.offloaded.load(std::memory_order_relaxed);
	t.ol_drops = p.c.ol_drops.load(std::memory_order_relaxed);
	t.sw_csum = p.c.sw_csum.load(std::memory_order_relaxed);
	t.wakes = p.c.wakes.load(std::memory_order_relaxed);
	t.drop_bytes = p.c.drop_bytes.load(std::memory_order_relaxed);
	t.drops = p.c.drops.load(std::memory_order_relaxed);
	t.bytes = p.c.bytes.load(std::memory_order_relaxed);
	t.pkts = p.c.pkts.load(std::memory_order_relaxed);
	return t;
}

void Stats::sample()
{
	const uint64_t now = now_ns();
	std::lock_guard<std::mutex> lk(mu_);
	const double secs = now > prev_ns_ ? static_cast<double>(now - prev_ns_) / kNsPerSec : 1.0;
	prev_ns_ = now;
	for (size_t i = 0; i < paths_.size(); i++) {
		const Path &p = paths_[i];
		const DirTotals t = read_path(p);
		const DirTotals period = diff(t, prev_[i]);
		prev_[i] = t;
		PairSample &ps = cur_[p.pair];
		DirSample &ds = p.dir == Dir::ToKernel ? ps.rx : ps.tx;
		ds.total = diff(t, base_[i]);
		ds.pps = static_cast<uint64_t>(static_cast<double>(period.fwd_pkts()) / secs);
		ds.bps = static_cast<uint64_t>(static_cast<double>(period.fwd_bytes()) * kBitsPerByte / secs);
	}
	for (size_t i = 0; i < pairs_.size(); i++) {
		rte_eth_stats s{};
		if (rte_eth_stats_get(pairs_[i].nic, &s) == 0)
			cur_[i].nic_missed = s.imissed + s.rx_nombuf + s.ierrors;
		cur_[i].link_up = pairs_[i].link_up;
		cur_[i].speed = pairs_[i].link_speed;
		cur_[i].mtu = pairs_[i].mtu;
		char mac[RTE_ETHER_ADDR_FMT_SIZE];
		rte_ether_format_addr(mac, sizeof(mac), &pairs_[i].mac);
		cur_[i].mac = mac;
	}
}

void Stats::set_link(unsigned pair, bool up, uint32_t speed)
{
	std::lock_guard<std::mutex> lk(mu_);
	cur_[pair].link_up = up;
	cur_[pair].speed = speed;
}

void Stats::reset()
{
	{
		std::lock_guard<std::mutex> lk(mu_);
		for (size_t i = 0; i < paths_.size(); i++)
			base_[i] = read_path(paths_[i]);
	}
	for (const PortPair &p : pairs_) {
		rte_eth_stats_reset(p.nic);
		rte_eth_xstats_reset(p.nic);
		rte_eth_stats_reset(p.kif);
		rte_eth_xstats_reset(p.kif);
	}
	sample();
}

std::string Stats::display_name(unsigned pair) const
{
	const PortPair &p = pairs_[pair];
	return p.ifname.empty() ? p.kif_vdev : p.ifname;
}

std::string Stats::tty_line(unsigned pair) const
{
	std::lock_guard<std::mutex> lk(mu_);
	const PairSample &s = cur_[pair];
	char line[256];
	char link[16];
	if (s.link_up)
		std::snprintf(link, sizeof(link), "up %uM", s.speed);
	else
		std::snprintf(link, sizeof(link), "down");
	std::snprintf(line, sizeof(line),
		      "%-8s %-9s rx %6s pps %7s Mbit/s drop %-6s | tx %6s pps %7s Mbit/s drop %-6s | missed %s",
		      display_name(pair).c_str(), link, human(static_cast<double>(s.rx.pps)).c_str(),
		      human(static_cast<double>(s.rx.bps) / kBitsPerMbit, true).c_str(),
		      human(static_cast<double>(s.rx.total.drops)).c_str(), human(static_cast<double>(s.tx.pps)).c_str(),
		      human(static_cast<double>(s.tx.bps) / kBitsPerMbit, true).c_str(),
		      human(static_cast<double>(s.tx.total.drops)).c_str(),
		      human(static_cast<double>(s.nic_missed)).c_str());
	return line;
}

std::string Stats::plain_line(unsigned pair) const
{
	std::lock_guard<std::mutex> lk(mu_);
	const PairSample &s = cur_[pair];
	char line[512];
	std::snprintf(line, sizeof(line),
		      "tg-fwd: stats iface=%s port=%u link=%s speed=%u"
		      " rx_pkts=%" PRIu64 " rx_bytes=%" PRIu64 " rx_drops=%" PRIu64 " rx_pps=%" PRIu64
		      " rx_mbps=%.3f"
		      " tx_pkts=%" PRIu64 " tx_bytes=%" PRIu64 " tx_drops=%" PRIu64 " tx_pps=%" PRIu64
		      " tx_mbps=%.3f nic_missed=%" PRIu64 " rx_offloaded=%" PRIu64 " tx_offloaded=%" PRIu64
		      " offload_drops=%" PRIu64 " sw_csum=%" PRIu64 " rx_wakes=%" PRIu64 " tx_wakes=%" PRIu64,
		      display_name(pair).c_str(), pair, s.link_up ? "up" : "down", s.speed, s.rx.total.fwd_pkts(),
		      s.rx.total.fwd_bytes(), s.rx.total.drops, s.rx.pps, static_cast<double>(s.rx.bps) / kBitsPerMbit,
		      s.tx.total.fwd_pkts(), s.tx.total.fwd_bytes(), s.tx.total.drops, s.tx.pps,
		      static_cast<double>(s.tx.bps) / kBitsPerMbit, s.nic_missed, s.rx.total.offloaded,
		      s.tx.total.offloaded, s.rx.total.ol_drops + s.tx.total.ol_drops, s.rx.total.sw_csum + s.tx.total.sw_csum,
		      s.rx.total.wakes, s.tx.total.wakes);
	return line;
}

void Stats::print_full(FILE *out) const
{
	for (size_t i = 0; i < pairs_.size(); i++) {
		const PortPair &p = pairs_[i];
		std::fprintf(out, "%s <-> %s (%s):\n", p.nic_name.c_str(), display_name(static_cast<unsigned>(i)).c_str(),
			     kif_kind_name(p.kind));
		std::fprintf(out, "  %s\n", plain_line(static_cast<unsigned>(i)).c_str() + std::strlen("tg-fwd: stats "));
		std::fprintf(out, "  offloads: %s\n", describe(p.ol).c_str());
		print_port_stats(out, p.nic_name.c_str(), p.nic);
		print_port_stats(out, p.kif_vdev.c_str(), p.kif);
		std::fprintf(out, "  %s xstats:\n", p.nic_name.c_str());
		print_xstats(out, p.nic, false);
		std::fprintf(out, "  %s xstats (non-zero):\n", p.kif_vdev.c_str());
		print_xstats(out, p.kif, true);
	}
	std::fflush(out);
}

void Stats::print_final(FILE *out) const
{
	std::lock_guard<std::mutex> lk(mu_);
	for (size_t i = 0; i < pairs_.size(); i++) {
		const PairSample &s = cur_[i];
		std::fprintf(out,
			     "tg-fwd: stopped iface=%s rx_pkts=%" PRIu64 " rx_drops=%" PRIu64 " tx_pkts=%" PRIu64
			     " tx_drops=%" PRIu64 "\n",
			     display_name(static_cast<unsigned>(i)).c_str(), s.rx.total.fwd_pkts(), s.rx.total.drops,
			     s.tx.total.fwd_pkts(), s.tx.total.drops);
	}
	std::fflush(out);
}

void Stats::register_telemetry()
{
	g_tel_stats.store(this);
	if (g_tel_registered)
		return;
	g_tel_registered = true;
	/* Telemetry names allow [A-Za-z0-9_/] only: hence tg_fwd, not tg-fwd. */
	if (rte_telemetry_register_cmd("/tg_fwd/stats", tel_stats_cb,
				       "tg-fwd counters and rates per port pair (rx = NIC to kernel). No parameters") != 0 ||
	    rte_telemetry_register_cmd("/tg_fwd/ports", tel_ports_cb,
				       "tg-fwd port pairs: NIC, kernel interface, MAC, MTU, link, lcores. No parameters") != 0)
		std::fprintf(stderr, "tg-fwd: cannot register the telemetry commands\n");
}

void Stats::unregister_telemetry() { g_tel_stats.store(nullptr); }

int Stats::tel_stats(rte_tel_data *d) const
{
	std::lock_guard<std::mutex> lk(mu_);
	rte_tel_data_start_dict(d);
	for (size_t i = 0; i < cur_.size(); i++) {
		const PairSample &s = cur_[i];
		rte_tel_data *c = rte_tel_data_alloc();
		if (c == nullptr)
			return -ENOMEM;
		rte_tel_data_start_dict(c);
		rte_tel_data_add_dict_string(c, "iface", display_name(static_cast<unsigned>(i)).c_str());
		rte_tel_data_add_dict_string(c, "link", s.link_up ? "up" : "down");
		rte_tel_data_add_dict_u64(c, "speed", s.speed);
		add_dir(c, "rx", s.rx);
		add_dir(c, "tx", s.tx);
		rte_tel_data_add_dict_u64(c, "nic_missed", s.nic_missed);
		rte_tel_data_add_dict_container(d, ("port" + std::to_string(i)).c_str(), c, 0);
	}
	return 0;
}

int Stats::tel_ports(rte_tel_data *d) const
{
	std::lock_guard<std::mutex> lk(mu_);
	rte_tel_data_start_dict(d);
	for (size_t i = 0; i < pairs_.size(); i++) {
		const PortPair &p = pairs_[i];
		const PairSample &s = cur_[i];
		rte_tel_data *c = rte_tel_data_alloc();
		if (c == nullptr)
			return -ENOMEM;
		rte_tel_data_start_dict(c);
		rte_tel_data_add_dict_string(c, "nic", p.nic_name.c_str());
		rte_tel_data_add_dict_u64(c, "nic_port", p.nic);
		rte_tel_data_add_dict_string(c, "kif", p.kif_vdev.c_str());
		rte_tel_data_add_dict_u64(c, "kif_port", p.kif);
		rte_tel_data_add_dict_string(c, "kind", kif_kind_name(p.kind));
		rte_tel_data_add_dict_string(c, "mode", mode_);
		rte_tel_data_add_dict_string(c, "iface", p.ifname.c_str());
		rte_tel_data_add_dict_u64(c, "ifindex", p.ifindex);
		rte_tel_data_add_dict_string(c, "mac", s.mac.c_str());
		rte_tel_data_add_dict_u64(c, "mtu", s.mtu);
		rte_tel_data_add_dict_string(c, "offloads", describe(p.ol).c_str());
		rte_tel_data_add_dict_string(c, "link", s.link_up ? "up" : "down");
		rte_tel_data_add_dict_u64(c, "speed", s.speed);
		for (const Path &path : paths_)
			if (path.pair == i)
				rte_tel_data_add_dict_u64(c, path.dir == Dir::ToKernel ? "rx_lcore" : "tx_lcore",
							  path.lcore);
		rte_tel_data_add_dict_container(d, ("port" + std::to_string(i)).c_str(), c, 0);
	}
	return 0;
}

} // namespace tg57xx::fwd
