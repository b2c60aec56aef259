/* SPDX-License-Identifier: BSD-3-Clause */
/* tg-fwd command line parsing: no DPDK calls here (EAL is not up yet). */
#include "options.h"

#include <getopt.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <rte_version.h>

#ifndef TG_FWD_VERSION
#define TG_FWD_VERSION "unknown"
#endif

namespace tg57xx::fwd {

namespace {

constexpr const char *kProg = "tg-fwd";

enum LongOpt : int {
	OPT_TAP = 256,
	OPT_VIRTIO_USER,
	OPT_VIRTIO_USER_PATH,
	OPT_AF_PACKET,
	OPT_IFACE,
	OPT_STATS_PERIOD,
	OPT_PERSIST,
	OPT_BURST,
	OPT_MTU,
	OPT_IDLE_SLEEP,
	OPT_NO_OFFLOAD,
	OPT_TXQUEUELEN,
	OPT_HELP,
	OPT_VERSION,
};

const option kLongOpts[] = {
	{"tap", no_argument, nullptr, OPT_TAP},
	{"virtio-user", optional_argument, nullptr, OPT_VIRTIO_USER},
	{"virtio-user-path", required_argument, nullptr, OPT_VIRTIO_USER_PATH},
	{"af-packet", no_argument, nullptr, OPT_AF_PACKET},
	{"iface", required_argument, nullptr, OPT_IFACE},
	{"stats-period", required_argument, nullptr, OPT_STATS_PERIOD},
	{"persist", no_argument, nullptr, OPT_PERSIST},
	{"burst", required_argument, nullptr, OPT_BURST},
	{"mtu", required_argument, nullptr, OPT_MTU},
	{"idle-sleep", optional_argument, nullptr, OPT_IDLE_SLEEP},
	{"no-offload", no_argument, nullptr, OPT_NO_OFFLOAD},
	{"txqueuelen", required_argument, nullptr, OPT_TXQUEUELEN},
	{"help", no_argument, nullptr, OPT_HELP},
	{"version", no_argument, nullptr, OPT_VERSION},
	{nullptr, 0, nullptr, 0},
};

constexpr const char kUsage[] =
	"usage: tg-fwd [EAL options] -- (--tap | --virtio-user[=strict] | --af-packet) [options]\n"
	"\n"
	"Forward every tg57xx port (net_tg57xx on PCI, net_tg57xx_sim on the chip model)\n"
	"to a kernel network interface of its own, tg0, tg1, ... in port order.\n"
	"\n"
	"Mode (one is required):\n"
	"  --tap                    kernel interfaces through net_tap\n"
	"  --virtio-user[=strict]   kernel interfaces through virtio-user on /dev/vhost-net;\n"
	"                           falls back to net_tap when /dev/vhost-net is missing,\n"
	"                           unless =strict (then exit 1)\n"
	"  --virtio-user-path PATH  test mode (implies --virtio-user): connect port N's\n"
	"                           virtio-user to the vhost-user socket PATH (repeat once\n"
	"                           per port, in port order); no kernel interface is made\n"
	"  --af-packet              kernel interfaces as veth pairs: tgN for the kernel,\n"
	"                           tgN-dp for tg-fwd through net_af_packet (mmap rings:\n"
	"                           no system call per frame; tgN sends without checksum\n"
	"                           offload; MTU 1500 at most; names of 12 characters)\n"
	"\n"
	"Options:\n"
	"  --iface NAME             kernel interface name for the next port (repeatable,\n"
	"                           in port order; default tgN)\n"
	"  --persist                keep the kernel interfaces and their addresses when\n"
	"                           tg-fwd exits and reuse them on the next start (--tap)\n"
	"  --mtu N                  MTU of the NIC ports and kernel interfaces\n"
	"                           (default: the NIC's, normally 1500)\n"
	"  --burst N                rx/tx burst size, 1..256 (default 32)\n"
	"  --txqueuelen N           transmit queue of the kernel interfaces, 16..65536\n"
	"                           (default 4096: what tg-fwd has not read yet; a full\n"
	"                           queue drops)\n"
	"  --idle-sleep[=MS]        when idle, sleep on the ports' rx interrupts instead\n"
	"                           of busy-polling, at most MS ms at a time, 1..500\n"
	"                           (default 10); a port without rx interrupts keeps its\n"
	"                           lcore busy-polling\n"
	"  --no-offload             carry no checksum/TSO offloads between the NIC and\n"
	"                           virtio-user (default: those both ports have; net_tap\n"
	"                           has none to carry)\n"
	"  --stats-period SEC       stats every SEC seconds: a redrawn line per port on a\n"
	"                           terminal, a 'tg-fwd: stats ...' line otherwise;\n"
	"                           0 = quiet (default 1)\n"
	"  --help                   this text\n"
	"  --version                tg-fwd and DPDK versions\n"
	"\n"
	"EAL options are DPDK's (-l, -a, --vdev, --no-huge, -m, --file-prefix, -d, ...).\n"
	"Without -d, tg-fwd loads the net_tg57xx plugin it was built with.\n"
	"\n"
	"Keys on a terminal: d renegotiate link, s full stats, r reset stats,\n"
	"v verbose, h help, q quit.\n"
	"\n"
	"Examples:\n"
	"  tg-fwd -l 0-1 -a 0000:03:00.0 -- --tap\n"
	"  tg-fwd -l 0-1 --no-huge --no-pci --vdev net_tg57xx_sim0,wire=iface:w0 -- --tap\n"
	"\n"
	"Exit status: 0 clean stop (SIGINT, SIGTERM, q), 1 failure, 2 bad command line.\n";

int usage_error(const char *fmt, const char *arg)
{
	std::fprintf(stderr, "%s: ", kProg);
	std::fprintf(stderr, fmt, arg);
	std::fputc('\n', stderr);
	print_usage(stderr);
	return kExitUsage;
}

/* Strict unsigned parse: digits only, within [lo, hi]. */
bool parse_uint(const char *s, unsigned lo, unsigned hi, unsigned &out)
{
	if (s == nullptr || *s < '0' || *s > '9')
		return false;
	char *end = nullptr;
	errno = 0;
	unsigned long v = std::strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return false;
	out = static_cast<unsigned>(v);
	return true;
}

/*
 * A kernel interface name that also survives being a devargs value:
 * 1..15 characters, none of '/', ':', ',', '=', whitespace, not "." or "..".
 */
bool valid_ifname(const char *s)
{
	size_t n = std::strlen(s);
	if (n == 0 || n > kMaxIfnameLen || std::strcmp(s, ".") == 0 || std::strcmp(s, "..") == 0)
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p == '/' || *p == ':' || *p == ',' || *p == '=' || *p == 0x7f)
			return false;
	return true;
}

/* Take the mode `flag` gives; false (usage printed) when another mode was given before. */
bool set_mode(Options &opt, KifMode m, const char *flag)
{
	if (opt.mode != KifMode::None && opt.mode != m) {
		usage_error("%s: give one of --tap, --virtio-user, --af-packet", flag);
		return false;
	}
	opt.mode = m;
	return true;
}

bool is_help(const char *a) { return std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0; }
bool is_version(const char *a) { return std::strcmp(a, "--version") == 0; }

int parse_app(int argc, char **argv, Options &opt)
{
	int c;
	optind = 1;
	opterr = 1; /* getopt's own "unrecognized option" line, then the usage */
	while ((c = getopt_long(argc, argv, "h", kLongOpts, nullptr)) != -1) {
		switch (c) {
		case OPT_TAP:
			if (!set_mode(opt, KifMode::Tap, "--tap"))
				return kExitUsage;
			break;
		case OPT_VIRTIO_USER:
			if (!set_mode(opt, KifMode::VirtioUser, "--virtio-user"))
				return kExitUsage;
			if (optarg != nullptr && std::strcmp(optarg, "strict") != 0)
				return usage_error("--virtio-user=%s: the only value is 'strict'", optarg);
			opt.virtio_strict = opt.virtio_strict || optarg != nullptr;
			break;
		case OPT_VIRTIO_USER_PATH:
			if (!set_mode(opt, KifMode::VirtioUser, "--virtio-user-path"))
				return kExitUsage;
			if (optarg[0] == '\0' || std::strchr(optarg, ',') != nullptr)
				return usage_error("--virtio-user-path '%s': need a socket path without ','", optarg);
			opt.virtio_paths.emplace_back(optarg);
			break;
		case OPT_AF_PACKET:
			if (!set_mode(opt, KifMode::AfPacket, "--af-packet"))
				return kExitUsage;
			break;
		case OPT_IFACE:
			if (!valid_ifname(optarg))
				return usage_error("--iface '%s': need 1-15 characters, none of / : , = or blanks",
						   optarg);
			opt.ifaces.emplace_back(optarg);
			break;
		case OPT_STATS_PERIOD:
			if (!parse_uint(optarg, 0, 3600, opt.stats_period))
				return usage_error("--stats-period '%s': need seconds, 0..3600", optarg);
			break;
		case OPT_PERSIST:
			opt.persist = true;
			break;
		case OPT_BURST:
			if (!parse_uint(optarg, 1, kMaxBurst, opt.burst))
				return usage_error("--burst '%s': need 1..256", optarg);
			break;
		case OPT_MTU:
			if (!parse_uint(optarg, kMinMtu, kMaxMtu, opt.mtu))
				return usage_error("--mtu '%s': need 68..16000", optarg);
			break;
		case OPT_IDLE_SLEEP:
			opt.idle_sleep_ms = kDefaultIdleSleepMs;
			if (optarg != nullptr && !parse_uint(optarg, 1, kMaxIdleSleepMs, opt.idle_sleep_ms))
				return usage_error("--idle-sleep=%s: need milliseconds, 1..500", optarg);
			break;
		case OPT_NO_OFFLOAD:
			opt.offload = false;
			break;
		case OPT_TXQUEUELEN:
			if (!parse_uint(optarg, kMinTxQueueLen, kMaxTxQueueLen, opt.txqueuelen))
				return usage_error("--txqueuelen '%s': need 16..65536", optarg);
			break;
		case 'h':
		case OPT_HELP:
			opt.help = true;
			break;
		case OPT_VERSION:
			opt.version = true;
			break;
		default: /* getopt printed what is wrong */
			print_usage(stderr);
			return kExitUsage;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	return -1;
}

} // namespace

void print_usage(FILE *out) { std::fputs(kUsage, out); }

void print_version(FILE *out) { std::fprintf(out, "tg-fwd %s (%s)\n", TG_FWD_VERSION, rte_version()); }

ParseResult parse_args(int argc, char **argv, Options &opt)
{
	ParseResult r;
	int split = argc;
	for (int i = 1; i < argc; i++)
		if (std::strcmp(argv[i], "--") == 0) {
			split = i;
			break;
		}
	r.eal_args.emplace_back(argc > 0 ? argv[0] : kProg);
	for (int i = 1; i < split; i++) {
		/* --help / --version before "--" are ours too (EAL's -h would print only EAL's usage). */
		if (is_help(argv[i]))
			opt.help = true;
		else if (is_version(argv[i]))
			opt.version = true;
		r.eal_args.emplace_back(argv[i]);
	}

	std::vector<char *> app;
	app.push_back(const_cast<char *>(kProg));
	for (int i = split + 1; i < argc; i++)
		app.push_back(argv[i]);
	int app_argc = static_cast<int>(app.size());
	app.push_back(nullptr); /* argv[argc] == NULL, as getopt expects */
	if (!opt.help && !opt.version) {
		int rc = parse_app(app_argc, app.data(), opt);
		if (rc >= 0) {
			r.exit_code = rc;
			return r;
		}
	}
	if (opt.help) {
		print_usage(stdout);
		r.exit_code = kExitOk;
		return r;
	}
	if (opt.version) {
		print_version(stdout);
		r.exit_code = kExitOk;
		return r;
	}
	if (opt.mode == KifMode::None) {
		r.exit_code = usage_error("%s, --virtio-user or --af-packet is required (after --: tg-fwd [EAL options] "
					  "-- --tap)",
					  "--tap");
		return r;
	}
	if (opt.persist && opt.mode != KifMode::Tap) {
		r.exit_code = usage_error("%s works with --tap only (virtio-user's and --af-packet's kernel interfaces "
					  "cannot persist)",
					  "--persist");
		return r;
	}
	if (opt.mode == KifMode::AfPacket) {
		for (const std::string &n : opt.ifaces)
			if (n.size() + std::strlen(kAfPacketPeerSuffix) > kMaxIfnameLen) {
				r.exit_code = usage_error("--iface '%s': with --af-packet, 12 characters at most (tg-fwd's "
							  "end of the pair is NAME-dp)",
							  n.c_str());
				return r;
			}
	}
	if (opt.vhost_user_test() && !opt.ifaces.empty()) {
		r.exit_code = usage_error("%s: no kernel interface is made with --virtio-user-path", "--iface");
		return r;
	}
	return r;
}

} // namespace tg57xx::fwd
