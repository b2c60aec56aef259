/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control side of tg-fwd, run on the main lcore (between forwarding
 * bursts when it is the only lcore): keys, the NIC link mirrored to the
 * kernel interface's carrier, what the user changes on the kernel interface
 * (MTU, MAC, promiscuous) mirrored to the NIC, and the statistics lines.
 */
#ifndef TG_FWD_CONTROL_H
#define TG_FWD_CONTROL_H

#include <cstdint>
#include <string>
#include <vector>

#include "console.h"
#include "fwd_loop.h"
#include "kif.h"
#include "options.h"
#include "ports.h"
#include "stats.h"

namespace tg57xx::fwd {

struct Control {
	const Options &opt;
	std::vector<PortPair> &pairs;
	std::vector<Path> &paths;
	Stats &stats;
	Console &console;
	Rtnl *rtnl = nullptr;            /* null in the vhost-user test mode */
	unsigned nb_workers = 0;         /* forwarding lcores to park for a port reset (0: inline) */
	bool verbose = false;
	std::vector<int> saved_log_levels;
	uint64_t sample_period_ns = 0;
	uint64_t next_sample_ns = 0;

	Control(const Options &o, std::vector<PortPair> &pr, std::vector<Path> &pa, Stats &s, Console &c)
		: opt(o), pairs(pr), paths(pa), stats(s), console(c)
	{
	}

	/* Kernel interfaces admin up (once), MTU, carrier = NIC link; register LSC callbacks. */
	void start();
	/* Unregister the LSC callbacks. */
	void stop();
	/* One round of control work; cheap when there is nothing to do. */
	void tick();
	/* Wait (multi-lcore main loop) for a key, a kernel event or the next tick. */
	void wait_and_tick();
	/* Every NIC link is up (as last mirrored). */
	bool all_links_up() const;
	/* A line for the user: above the live block on a terminal, else stdout. */
	void say(const std::string &line);

private:
	void link_sync(PortPair &p, bool force);
	void reset_port(PortPair &p);
	bool park_workers();
	void kernel_event(const LinkEvent &ev);
	void key(int k);
	void renegotiate();
	void toggle_verbose();
	void help();
	void show_stats();
};

/* Listen for the NICs' reset requests from before they start (an early one must not be lost);
 * the control loop answers them. unwatch_resets after the loop. */
void watch_resets(std::vector<PortPair> &pairs, const std::vector<uint16_t> &nics);
void unwatch_resets(std::vector<PortPair> &pairs, const std::vector<uint16_t> &nics);

/* The function run_inline() calls: ctx is a Control. */
void control_tick_cb(void *ctx);

} // namespace tg57xx::fwd

#endif
