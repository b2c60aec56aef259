/* SPDX-License-Identifier: BSD-3-Clause */
/* Before and around EAL start-up (see preflight.h). */
#include "preflight.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "options.h"

namespace tg57xx::fwd {

namespace {

constexpr const char *kTunPath = "/dev/net/tun";
/* The TUN/TAP character device (Documentation/admin-guide/devices.txt: 10 char, minor 200). */
constexpr unsigned kTunMajor = 10;
constexpr unsigned kTunMinor = 200;
/* EAL's runtime base directories (eal_get_runtime_dir) and default file prefix. */
constexpr const char *kRootRuntimeBase = "/var/run/dpdk";
constexpr const char *kUserRuntimeFallback = "/tmp";
constexpr const char *kDefaultPrefix = "rte";
constexpr const char *kFilePrefixOpt = "--file-prefix";
constexpr const char *kProcMounts = "/proc/mounts";
constexpr const char *kHugetlbfs = "hugetlbfs";
/* EAL's hugepage files: <hugepage dir>/<file prefix>map_<n> (eal_get_hugefile_path). */
constexpr const char *kHugefileInfix = "map_";

bool has(const std::vector<std::string> &args, const char *opt)
{
	for (const std::string &a : args)
		if (a == opt)
			return true;
	return false;
}

/* The value of EAL option `opt` ("--opt VALUE" or "--opt=VALUE"; the last one wins), or `dflt`. */
std::string value_of(const std::vector<std::string> &args, const char *opt, const std::string &dflt)
{
	std::string v = dflt;
	const std::string eq = std::string(opt) + "=";
	for (size_t i = 0; i < args.size(); i++) {
		if (args[i] == opt && i + 1 < args.size())
			v = args[i + 1];
		else if (args[i].rfind(eq, 0) == 0)
			v = args[i].substr(eq.size());
	}
	return v;
}

/* The hugetlbfs mounts (/proc/mounts), where EAL looks for hugepages without --huge-dir. */
std::vector<std::string> hugetlbfs_mounts()
{
	std::vector<std::string> dirs;
	std::ifstream mounts(kProcMounts);
	std::string dev, dir, type, rest;
	while (mounts >> dev >> dir >> type && std::getline(mounts, rest))
		if (type == kHugetlbfs)
			dirs.push_back(dir);
	return dirs;
}

} // namespace

std::string check_tun()
{
	struct stat st;
	if (stat(kTunPath, &st) != 0)
		return std::string("tg-fwd: ") + kTunPath + " is missing (" + std::strerror(errno) +
		       "): --tap needs the TUN/TAP driver: 'modprobe tun' (or use --virtio-user)";
	if (!S_ISCHR(st.st_mode) || major(st.st_rdev) != kTunMajor || minor(st.st_rdev) != kTunMinor)
		return std::string("tg-fwd: ") + kTunPath +
		       " is not the TUN/TAP device (character 10:200): recreate it with 'mknod /dev/net/tun c 10 200'";
	const int fd = open(kTunPath, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return std::string("tg-fwd: cannot open ") + kTunPath + " (" + std::strerror(errno) +
		       "): --tap needs the TUN/TAP driver: 'modprobe tun'";
	close(fd);
	return "";
}

std::string runtime_dir_for(const std::vector<std::string> &eal_args)
{
	const std::string prefix = value_of(eal_args, kFilePrefixOpt, kDefaultPrefix);
	if (geteuid() == 0)
		return std::string(kRootRuntimeBase) + "/" + prefix;
	const char *xdg = std::getenv("XDG_RUNTIME_DIR");
	return std::string(xdg != nullptr ? xdg : kUserRuntimeFallback) + "/dpdk/" + prefix;
}

EalFailure explain_eal_failure(int err, const std::vector<std::string> &eal_args)
{
	const bool no_huge = has(eal_args, "--no-huge");
	switch (err) {
	case EINVAL: /* eal_parse_args: EAL printed the option it refused and its usage */
		return {"tg-fwd: EAL refused its command line (see its message above); EAL options go before --, "
			"tg-fwd's after it",
			kExitUsage};
	case EACCES: /* eal_hugepage_info_init */
		return {"tg-fwd: EAL found no usable hugepages: reserve some (echo 256 > /proc/sys/vm/nr_hugepages), "
			"point --huge-dir at a mounted hugetlbfs, or run with --no-huge -m 512",
			kExitFailure};
	case ENOMEM: /* rte_eal_memory_init */
		return {no_huge ? "tg-fwd: EAL cannot get the memory -m asks for: give a smaller -m"
				: "tg-fwd: EAL cannot get the memory it needs from the hugepages: reserve more "
				  "(/proc/sys/vm/nr_hugepages), give a smaller -m, or run with --no-huge -m 512",
			kExitFailure};
	case ENODEV:
		return {"tg-fwd: EAL start-up failed (No such device): no driver for a --vdev or -a device; is the "
			"net_tg57xx plugin loaded (-d .../librte_net_tg57xx.so, or librte_net_tg57xx_sim.so for the "
			"chip model)?",
			kExitFailure};
	default:
		return {std::string("tg-fwd: EAL start-up failed (") + std::strerror(err) +
				"): see the EAL messages above; check -l, -a/--vdev, and --file-prefix when another "
				"DPDK process runs",
			kExitFailure};
	}
}

void remove_hugepage_files(const std::vector<std::string> &eal_args)
{
	/* No files (--no-huge, --in-memory), or the primary's (a secondary maps those). */
	if (has(eal_args, "--no-huge") || has(eal_args, "--in-memory") ||
	    value_of(eal_args, "--proc-type", "primary") != "primary")
		return;
	const std::string mine = value_of(eal_args, kFilePrefixOpt, kDefaultPrefix) + kHugefileInfix;
	const std::string huge_dir = value_of(eal_args, "--huge-dir", "");
	for (const std::string &dir : huge_dir.empty() ? hugetlbfs_mounts() : std::vector{huge_dir}) {
		std::error_code ec;
		for (const auto &e : std::filesystem::directory_iterator(dir, ec))
			if (e.path().filename().string().rfind(mine, 0) == 0)
				std::filesystem::remove(e.path(), ec);
	}
}

void remove_runtime_dir(const std::string &dir)
{
	std::error_code ec;
	std::filesystem::remove_all(dir, ec); /* gone already, or never made: nothing to do */
}

} // namespace tg57xx::fwd
