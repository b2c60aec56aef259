/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics: per port pair, per direction ("rx" = NIC -> kernel, "tx" =
 * kernel -> NIC), totals since start or the last reset, rates over the last
 * sample period, and the NIC's own losses. The same numbers feed the console
 * line, the non-TTY stats line and the telemetry commands
 * /tg_fwd/stats and /tg_fwd/ports.
 */
#ifndef TG_FWD_STATS_H
#define TG_FWD_STATS_H

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "fwd_loop.h"
#include "ports.h"

struct rte_tel_data;

namespace tg57xx::fwd {

struct DirTotals {
	uint64_t pkts = 0;        /* received from the source port */
	uint64_t bytes = 0;
	uint64_t drops = 0;       /* refused by the destination port */
	uint64_t drop_bytes = 0;
	uint64_t offloaded = 0;   /* sent with offload flags (offload.h) */
	uint64_t ol_drops = 0;    /* of the drops: refused by tx_prepare, no fallback */
	uint64_t sw_csum = 0;     /* L4 sums software finished after a refusal */
	uint64_t wakes = 0;       /* --idle-sleep: sleeps this direction's rx events ended */
	/* Clamped: the two counters are read one after the other while they move. */
	uint64_t fwd_pkts() const { return pkts > drops ? pkts - drops : 0; }
	uint64_t fwd_bytes() const { return bytes > drop_bytes ? bytes - drop_bytes : 0; }
};

struct DirSample {
	DirTotals total;          /* since start / reset */
	uint64_t pps = 0;         /* forwarded packets per second, last period */
	uint64_t bps = 0;         /* forwarded bits per second (frame bytes * 8, no preamble/IFG) */
};

struct PairSample {
	DirSample rx, tx;
	uint64_t nic_missed = 0;  /* the NIC's imissed + rx_nombuf + ierrors since reset */
	bool link_up = false;
	uint32_t speed = 0;       /* Mbit/s */
	uint16_t mtu = 0;
	std::string mac;
};

class Stats {
public:
	Stats(std::vector<PortPair> &pairs, std::vector<Path> &paths, const char *mode);

	/* Take a sample (control lcore); rates are over the time since the previous one. */
	void sample();
	/* The link just changed: publish it now, not at the next sample. */
	void set_link(unsigned pair, bool up, uint32_t speed);
	/* Zero the totals (ours, and the ports' own counters). */
	void reset();

	/* Line for the console (no newline) and the non-TTY "tg-fwd: stats ..." line. */
	std::string tty_line(unsigned pair) const;
	std::string plain_line(unsigned pair) const;
	/* 's': everything, including every port's xstats. */
	void print_full(FILE *out) const;
	/* "tg-fwd: stopped ..." totals, one line per pair, at exit. */
	void print_final(FILE *out) const;

	/* Telemetry: register /tg_fwd/stats and /tg_fwd/ports (once per process). */
	void register_telemetry();
	void unregister_telemetry();

	/* Telemetry callbacks' bodies (public for the C callbacks). */
	int tel_stats(::rte_tel_data *d) const;
	int tel_ports(::rte_tel_data *d) const;

private:
	DirTotals read_path(const Path &p) const;
	std::string display_name(unsigned pair) const;

	std::vector<PortPair> &pairs_;
	std::vector<Path> &paths_;
	const char *mode_;
	mutable std::mutex mu_;                /* guards everything below */
	std::vector<DirTotals> base_;          /* per path, at the last reset */
	std::vector<DirTotals> prev_;          /* per path, at the previous sample */
	std::vector<PairSample> cur_;
	uint64_t prev_ns_ = 0;
};

} // namespace tg57xx::fwd

#endif
