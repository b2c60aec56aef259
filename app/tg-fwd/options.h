/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tg-fwd command line: `tg-fwd [EAL args] -- (--tap | --virtio-user[=strict] | --af-packet) [options]`.
 * The application's options are parsed before rte_eal_init, so a bad option
 * costs no EAL start-up and always gives usage + exit 2.
 */
#ifndef TG_FWD_OPTIONS_H
#define TG_FWD_OPTIONS_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace tg57xx::fwd {

/* Process exit codes (documented in doc/guides/tools/tg-fwd.rst). */
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1; /* start-up or runtime failure: one line says what to do */
constexpr int kExitUsage = 2;   /* anything wrong on the command line itself */

/* Which PMD gives each NIC port its kernel-side twin. */
enum class KifMode {
	None,       /* not given: a usage error */
	Tap,        /* net_tap */
	VirtioUser, /* virtio-user on /dev/vhost-net, net_tap when that is missing */
	AfPacket,   /* net_af_packet on tg-fwd's end of a veth pair */
};

/* Rx/tx burst: 32 is what DPDK's examples and the PMD's default_rxportconf use. */
constexpr unsigned kDefaultBurst = 32;
/* Upper bound of --burst: the size of the on-stack mbuf array in the loop. */
constexpr unsigned kMaxBurst = 256;
/* --stats-period default: one line a second is readable and cheap. */
constexpr unsigned kDefaultStatsPeriod = 1;
/* Linux IFNAMSIZ - 1: the longest kernel interface name. */
constexpr size_t kMaxIfnameLen = 15;
/* --af-packet: tg-fwd's end of the veth pair is named after the kernel's, plus this. */
constexpr const char *kAfPacketPeerSuffix = "-dp";
/* Ethernet MTU bounds for --mtu (RFC 894 minimum IPv4 payload 68; jumbo 9000 + slack). */
constexpr unsigned kMinMtu = 68;
constexpr unsigned kMaxMtu = 16000;
/* --idle-sleep[=MS]: the longest one sleep lasts, default and bound. 10 ms is
 * l3fwd-power's epoll timeout; the bound stays well under the control round's
 * 2 s wait for parked workers (control.cpp kParkTimeoutNs). */
constexpr unsigned kDefaultIdleSleepMs = 10;
constexpr unsigned kMaxIdleSleepMs = 500;
/* --txqueuelen: the kernel interface's transmit queue (IFLA_TXQLEN). A tap drops
 * what its queue cannot take (tun_net_xmit, no queue stop; TCP small queues do
 * not see it: tun orphans the frames), so the queue must cover the time tg-fwd
 * may be held off a shared CPU: 4096 full-size frames are 50 ms at 1 Gbit/s
 * (the kernel's 1000 lost 0.06-0.2 % of tg0's segments on the bench's 2 cores). */
constexpr unsigned kDefaultTxQueueLen = 4096;
constexpr unsigned kMinTxQueueLen = 16;
constexpr unsigned kMaxTxQueueLen = 65536;

struct Options {
	KifMode mode = KifMode::None;
	bool virtio_strict = false;              /* --virtio-user=strict: no fallback to net_tap */
	std::vector<std::string> virtio_paths;   /* --virtio-user-path: vhost-user sockets (test mode) */
	std::vector<std::string> ifaces;         /* --iface, in port order */
	unsigned stats_period = kDefaultStatsPeriod;
	bool persist = false;
	unsigned burst = kDefaultBurst;
	unsigned mtu = 0;                        /* 0: the NIC's own MTU */
	unsigned idle_sleep_ms = 0;              /* --idle-sleep: 0 = busy-poll (default) */
	unsigned txqueuelen = kDefaultTxQueueLen; /* --txqueuelen of the kernel interfaces */
	bool offload = true;                     /* --no-offload: false */
	bool help = false;
	bool version = false;

	/* The vhost-user test mode: no kernel interface at all. */
	bool vhost_user_test() const { return !virtio_paths.empty(); }
};

/* What parse_args decided. */
struct ParseResult {
	int exit_code = -1;     /* -1: go on; otherwise exit with it (after printing) */
	std::vector<std::string> eal_args; /* argv[0] + everything before "--" */
};

/*
 * Split argv at the first "--", parse what follows into `opt`, and return the
 * EAL part. --help/--version are honoured on either side of "--".
 * Errors print "tg-fwd: <what>" and the usage on stderr and return exit 2.
 */
ParseResult parse_args(int argc, char **argv, Options &opt);

void print_usage(FILE *out);
void print_version(FILE *out);

} // namespace tg57xx::fwd

#endif
