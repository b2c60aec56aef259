/* SPDX-License-Identifier: BSD-3-Clause */
/* tg-fwd control work (see control.h). */
#include "control.h"

#include <net/if.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_log.h>

namespace tg57xx::fwd {

namespace {

/* The main lcore's wait between control rounds when it does not forward:
 * short enough for keys and link changes to feel immediate. */
constexpr int kWaitMs = 100;
constexpr uint64_t kNsPerSec = 1000000000ull;
constexpr uint64_t kNsPerMs = 1000000ull;

/* A port reset waits this long for the forwarding lcores to park (they check every 1024 polls). */
constexpr uint64_t kParkTimeoutNs = 2 * kNsPerSec;

/* The PMD's log types, raised to debug by 'v'. */
constexpr const char *kVerboseLogTypes[] = {"pmd.net.tg57xx.init", "pmd.net.tg57xx.driver", "pmd.net.tg57xx.rx",
					    "pmd.net.tg57xx.tx"};

constexpr const char kHelp[] = "keys: d renegotiate the NIC link   s full statistics (with xstats)\n"
			       "      r reset statistics            v verbose (NIC driver debug logs, events)\n"
			       "      h this help                   q quit (also Ctrl-C)";

uint64_t now_ns()
{
	return static_cast<uint64_t>(
		std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
			.count());
}

/* EAL interrupt thread: note the change, the control loop does the work. */
int lsc_cb(uint16_t, rte_eth_event_type, void *arg, void *) noexcept
{
	static_cast<PortPair *>(arg)->lsc_pending.store(true, std::memory_order_release);
	return 0;
}

std::string name_of(const PortPair &p) { return p.ifname.empty() ? p.kif_vdev : p.ifname; }

/* EAL interrupt thread: the driver asks for a reset; the control loop does it. */
int reset_cb(uint16_t, rte_eth_event_type, void *arg, void *) noexcept
{
	static_cast<PortPair *>(arg)->reset_pending.store(true, std::memory_order_release);
	return 0;
}

} // namespace

void watch_resets(std::vector<PortPair> &pairs, const std::vector<uint16_t> &nics)
{
	for (size_t i = 0; i < nics.size() && i < pairs.size(); i++)
		rte_eth_dev_callback_register(nics[i], RTE_ETH_EVENT_INTR_RESET, reset_cb, &pairs[i]);
}

void unwatch_resets(std::vector<PortPair> &pairs, const std::vector<uint16_t> &nics)
{
	for (size_t i = 0; i < nics.size() && i < pairs.size(); i++)
		rte_eth_dev_callback_unregister(nics[i], RTE_ETH_EVENT_INTR_RESET, reset_cb, &pairs[i]);
}

void control_tick_cb(void *ctx) { static_cast<Control *>(ctx)->tick(); }

void Control::say(const std::string &line) { console.message(line); }

void Control::start()
{
	sample_period_ns = (opt.stats_period > 0 ? opt.stats_period : 1) * kNsPerSec;
	next_sample_ns = now_ns() + sample_period_ns;
	for (const char *t : kVerboseLogTypes) {
		const int id = rte_log_register(t);
		saved_log_levels.push_back(id >= 0 ? rte_log_get_level(static_cast<uint32_t>(id)) : -1);
	}
	/* What the monitor queued while the ports were made (e.g. net_tap's random
	 * MAC before it took the NIC's) is history, not the user's wish. */
	if (rtnl != nullptr)
		rtnl->drain([](const LinkEvent &) {});
	for (PortPair &p : pairs) {
		if (rtnl != nullptr && p.ifindex != 0) {
			int rc;
			if (p.kind == KifKind::VhostNet && (rc = rtnl->set_mtu(p.ifindex, p.mtu)) < 0)
				say("tg-fwd: " + p.ifname + ": cannot set MTU " + std::to_string(p.mtu) + ": " +
				    std::strerror(-rc));
			p.kernel_mtu = p.mtu;
			if ((rc = rtnl->set_txqueuelen(p.ifindex, opt.txqueuelen)) < 0)
				say("tg-fwd: " + p.ifname + ": cannot set txqueuelen " + std::to_string(opt.txqueuelen) +
				    ": " + std::strerror(-rc));
			/* Up once, now; from here on only the carrier moves. */
			if ((rc = rtnl->set_admin(p.ifindex, true)) < 0)
				say("tg-fwd: " + p.ifname + ": cannot bring it up: " + std::strerror(-rc));
		}
		if (p.lsc)
			rte_eth_dev_callback_register(p.nic, RTE_ETH_EVENT_INTR_LSC, lsc_cb, &p);
		link_sync(p, true);
	}
	stats.sample();
}

void Control::stop()
{
	for (PortPair &p : pairs)
		if (p.lsc)
			rte_eth_dev_callback_unregister(p.nic, RTE_ETH_EVENT_INTR_LSC, lsc_cb, &p);
}

void Control::link_sync(PortPair &p, bool force)
{
	rte_eth_link l{};
	if (rte_eth_link_get_nowait(p.nic, &l) != 0)
		return;
	const bool up = l.link_status == RTE_ETH_LINK_UP;
	const uint32_t speed = up ? l.link_speed : 0;
	if (!force && p.link_known && up == p.link_up && speed == p.link_speed)
		return;
	p.link_known = true;
	p.link_up = up;
	p.link_speed = speed;
	stats.set_link(p.index, up, speed);
	std::string carrier;
	if (rtnl != nullptr && p.ifindex != 0 && p.carrier_ok) {
		/* A veth has no carrier of its own to set: its carrier is its peer's admin state. */
		int rc = p.kind == KifKind::AfPacket ? rtnl->set_admin(p.dp_ifindex, up) : rtnl->set_carrier(p.ifindex, up);
		if (rc < 0) {
			/* Never fall back to admin down: it would flush the user's routes and IPv6 addresses. */
			p.carrier_ok = false;
			say("tg-fwd: " + p.ifname + ": the kernel refuses IFLA_CARRIER (" + std::strerror(-rc) +
			    "): its carrier stays on whatever the NIC link does");
		} else {
			carrier = up ? " (carrier on)" : " (carrier off)";
		}
	}
	char line[256];
	if (up)
		std::snprintf(line, sizeof(line), "tg-fwd: link %s up %u Mbps %s-duplex%s", name_of(p).c_str(), speed,
			      l.link_duplex == RTE_ETH_LINK_FULL_DUPLEX ? "full" : "half", carrier.c_str());
	else
		std::snprintf(line, sizeof(line), "tg-fwd: link %s down%s", name_of(p).c_str(), carrier.c_str());
	say(line);
}

void Control::kernel_event(const LinkEvent &ev)
{
	PortPair *pp = nullptr;
	for (PortPair &p : pairs)
		if (p.ifindex != 0 && p.ifindex == ev.ifindex)
			pp = &p;
	if (pp == nullptr)
		return;
	PortPair &p = *pp;
	if (ev.deleted) {
		say("tg-fwd: " + p.ifname + " was deleted from the kernel: its traffic is lost; restart tg-fwd");
		p.ifindex = 0;
		return;
	}
	if (verbose)
		say("tg-fwd: kernel: " + p.ifname + " flags 0x" + std::to_string(ev.flags) + " mtu " +
		    std::to_string(ev.mtu));
	/* MTU: the NIC follows the kernel interface, within what it can do. */
	if (ev.mtu != 0 && ev.mtu != p.kernel_mtu) {
		p.kernel_mtu = ev.mtu;
		if (ev.mtu > p.nic_max_mtu) {
			say("tg-fwd: " + p.ifname + " MTU " + std::to_string(ev.mtu) + " is more than " + p.nic_name +
			    " supports (" + std::to_string(p.nic_max_mtu) + "): the NIC keeps " + std::to_string(p.mtu));
		} else if (ev.mtu != p.mtu) {
			int rc = rte_eth_dev_set_mtu(p.nic, static_cast<uint16_t>(ev.mtu));
			if (rc == 0) {
				p.mtu = static_cast<uint16_t>(ev.mtu);
				say("tg-fwd: " + p.ifname + " MTU " + std::to_string(p.mtu) + ": " + p.nic_name + " follows");
				/* The exception PMD's own frame limit (net_tap drops what is longer). */
				if (p.mtu > p.kif_max_mtu)
					say("tg-fwd: " + p.kif_vdev + " carries at most MTU " + std::to_string(p.kif_max_mtu) +
					    ": longer frames from the wire to " + p.ifname + " are dropped");
				else
					rte_eth_dev_set_mtu(p.kif, p.mtu);
			} else {
				say("tg-fwd: " + p.nic_name + ": cannot set MTU " + std::to_string(ev.mtu) + " (" +
				    rte_strerror(-rc) + "; see the driver's message): restart tg-fwd with --mtu " +
				    std::to_string(ev.mtu) + " if the NIC supports it");
			}
		}
	}
	/* MAC address: the NIC's unicast filter follows `ip link set tgN address ...`. */
	if (ev.has_mac && std::memcmp(ev.mac.data(), p.mac.addr_bytes, ev.mac.size()) != 0) {
		rte_ether_addr a;
		std::memcpy(a.addr_bytes, ev.mac.data(), ev.mac.size());
		int rc = rte_eth_dev_default_mac_addr_set(p.nic, &a);
		char s[RTE_ETHER_ADDR_FMT_SIZE];
		rte_ether_format_addr(s, sizeof(s), &a);
		if (rc == 0) {
			p.mac = a;
			say("tg-fwd: " + p.ifname + " address " + s + ": " + p.nic_name + " follows");
		} else {
			say("tg-fwd: " + p.nic_name + ": cannot take address " + s + ": " + rte_strerror(-rc));
		}
	}
	/* Promiscuous (tcpdump on tgN): so the capture sees the wire, not just our MAC. */
	const bool promisc = (ev.flags & IFF_PROMISC) != 0;
	if (promisc != p.promisc) {
		int rc = promisc ? rte_eth_promiscuous_enable(p.nic) : rte_eth_promiscuous_disable(p.nic);
		if (rc == 0)
			p.promisc = promisc;
		if (verbose || rc != 0)
			say("tg-fwd: " + p.nic_name + " promiscuous " + (promisc ? "on" : "off") +
			    (rc == 0 ? "" : std::string(" failed: ") + rte_strerror(-rc)));
	}
}

bool Control::park_workers()
{
	g_pause.store(true, std::memory_order_release);
	const uint64_t until = now_ns() + kParkTimeoutNs;
	while (g_parked.load(std::memory_order_acquire) < nb_workers)
		if (now_ns() > until || g_quit.load())
			return false;
	return true;
}

/*
 * The DPDK answer to RTE_ETH_EVENT_INTR_RESET: with no lcore inside a burst
 * function, rte_eth_dev_reset (the driver stops and re-initialises the port,
 * keeping its configuration) and rte_eth_dev_start; then forwarding resumes.
 */
void Control::reset_port(PortPair &p)
{
	say("tg-fwd: " + p.nic_name + ": the driver asks for a reset: resetting the port");
	std::string err;
	if (!park_workers()) {
		err = "the forwarding lcores did not pause";
	} else {
		int rc = rte_eth_dev_reset(p.nic);
		if (rc == 0)
			rc = rte_eth_dev_start(p.nic);
		if (rc != 0)
			err = rte_strerror(-rc);
		g_port_resets.fetch_add(1, std::memory_order_acq_rel); /* new event fds: --idle-sleep */
	}
	g_pause.store(false, std::memory_order_release);
	if (!err.empty()) {
		say("tg-fwd: " + p.nic_name + ": reset failed (" + err + "): its traffic stops; restart tg-fwd");
		return;
	}
	p.resets++;
	say("tg-fwd: " + p.nic_name + ": reset done (" + std::to_string(p.resets) + " so far), forwarding again");
	link_sync(p, true);
}

void Control::renegotiate()
{
	for (PortPair &p : pairs) {
		say("tg-fwd: " + p.nic_name + ": renegotiating the link");
		rte_eth_dev_set_link_down(p.nic);
		int rc = rte_eth_dev_set_link_up(p.nic);
		if (rc != 0)
			say("tg-fwd: " + p.nic_name + ": link up failed: " + rte_strerror(-rc));
	}
}

void Control::toggle_verbose()
{
	verbose = !verbose;
	for (size_t i = 0; i < std::size(kVerboseLogTypes); i++) {
		const int id = rte_log_register(kVerboseLogTypes[i]);
		if (id >= 0 && saved_log_levels[i] >= 0)
			rte_log_set_level(static_cast<uint32_t>(id),
					  verbose ? RTE_LOG_DEBUG : static_cast<uint32_t>(saved_log_levels[i]));
	}
	say(std::string("tg-fwd: verbose ") + (verbose ? "on" : "off"));
}

void Control::help() { say(kHelp); }

void Control::show_stats()
{
	console.clear_block();
	stats.print_full(stdout);
}

void Control::key(int k)
{
	switch (k) {
	case 'd':
		renegotiate();
		break;
	case 's':
		show_stats();
		break;
	case 'r':
		stats.reset();
		say("tg-fwd: statistics reset");
		break;
	case 'v':
		toggle_verbose();
		break;
	case 'h':
	case '?':
		help();
		break;
	case 'q':
		g_quit.store(true);
		break;
	default:
		break;
	}
}

void Control::tick()
{
	for (int k; (k = console.key()) >= 0;)
		key(k);
	if (rtnl != nullptr)
		rtnl->drain([this](const LinkEvent &ev) { kernel_event(ev); });
	/* The link is read every round (a plain load when the NIC raises LSC); the
	 * LSC callback only tells verbose mode that the driver reported a change. */
	for (PortPair &p : pairs) {
		if (p.reset_pending.exchange(false, std::memory_order_acq_rel))
			reset_port(p);
		if (p.lsc_pending.exchange(false, std::memory_order_acq_rel) && verbose)
			say("tg-fwd: " + p.nic_name + ": link status change event");
		link_sync(p, false);
	}
	const uint64_t now = now_ns();
	if (now < next_sample_ns)
		return;
	next_sample_ns = now + sample_period_ns;
	stats.sample();
	if (opt.stats_period == 0)
		return;
	if (console.interactive()) {
		std::vector<std::string> lines;
		for (const PortPair &p : pairs)
			lines.push_back(stats.tty_line(p.index));
		console.draw(lines);
	} else {
		for (const PortPair &p : pairs)
			std::printf("%s\n", stats.plain_line(p.index).c_str());
		std::fflush(stdout);
	}
}

bool Control::all_links_up() const
{
	for (const PortPair &p : pairs)
		if (!p.link_up)
			return false;
	return true;
}

void Control::wait_and_tick()
{
	pollfd fds[2];
	nfds_t n = 0;
	if (console.interactive())
		fds[n++] = pollfd{STDIN_FILENO, POLLIN, 0};
	if (rtnl != nullptr && rtnl->monitor_fd() >= 0)
		fds[n++] = pollfd{rtnl->monitor_fd(), POLLIN, 0};
	const uint64_t now = now_ns();
	int wait = kWaitMs;
	if (next_sample_ns > now && (next_sample_ns - now) / kNsPerMs < static_cast<uint64_t>(wait))
		wait = static_cast<int>((next_sample_ns - now) / kNsPerMs) + 1;
	poll(fds, n, wait); /* EINTR (a signal) just ends the wait */
	tick();
}

} // namespace tg57xx::fwd
