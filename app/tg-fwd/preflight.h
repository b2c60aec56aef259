/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What tg-fwd checks before EAL starts, how it explains an EAL that would not
 * start, and the EAL runtime directory it removes when it exits, so a failed
 * or finished run leaves nothing behind.
 */
#ifndef TG_FWD_PREFLIGHT_H
#define TG_FWD_PREFLIGHT_H

#include <string>
#include <vector>

namespace tg57xx::fwd {

/* --tap needs the TUN/TAP device: "" if /dev/net/tun is there and usable, else the one line. */
std::string check_tun();

/* The runtime directory EAL will use for these arguments (eal_get_runtime_dir:
 * /var/run/dpdk or $XDG_RUNTIME_DIR/dpdk, then the --file-prefix, "rte" by default). */
std::string runtime_dir_for(const std::vector<std::string> &eal_args);

/* rte_eal_init failed with rte_errno `err`: the line to print and the exit code (tg-fwd.rst). */
struct EalFailure {
	std::string line;
	int exit_code;
};
EalFailure explain_eal_failure(int err, const std::vector<std::string> &eal_args);

/*
 * EAL failed to set its memory up (ENOMEM) after it had made hugepage files
 * (seen with a --huge-dir mount smaller than -m while the pool had free
 * pages): remove this process's <prefix>map_* files from the --huge-dir, or
 * from every hugetlbfs mount. Nothing for --no-huge,
 * --in-memory or a secondary process (the files are the primary's). The
 * prefix is ours alone: EAL holds the runtime directory's lock before it
 * maps memory, so no other primary runs with it.
 */
void remove_hugepage_files(const std::vector<std::string> &eal_args);

/* Remove an EAL runtime directory (config, fbarrays, sockets); quiet if it is gone. */
void remove_runtime_dir(const std::string &dir);

} // namespace tg57xx::fwd

#endif
