# SPDX-License-Identifier: BSD-3-Clause
# Sourced by tg57xx-setup, tg57xx-test and tg57xx-demo: where the build lives.
#
# DPDK's EAL refuses to dlopen a -d plugin when any directory on the plugin's
# real path is world-writable (eal_common_options.c verify_perms: "directory
# path /tmp is world-writable and insecure"; the sticky bit does not help).
# So a clone under /tmp cannot load the plugins it builds in build/.
#
#   - TG57XX_BUILD_DIR set: that directory, which must be on a safe path
#     (else one error line saying why and what to do).
#   - build/ of the clone when its path is safe (the usual case).
#   - otherwise a private directory on a safe path, keyed by the clone's
#     path: /var/cache/tg57xx/build-<hash> as root, else
#     ${XDG_CACHE_HOME:-~/.cache}/tg57xx/build-<hash>
#     (TG57XX_SAFE_BUILD_ROOT overrides the root, for tests), and build/
#     becomes a symlink to it: every consumer (the README's -d
#     build/drivers/..., tg-fwd's compiled-in plugin paths, the tests) then
#     loads through a real path EAL accepts.

# Prints the first world-writable directory on the real path of $1 (which
# need not exist yet), or nothing when the path is safe.
tg57xx_unsafe_dir() {
	local p
	p=$(realpath -m -- "$1") || return 0
	while :; do
		if [ -d "$p" ] && [ $(( 0$(stat -L -c '%a' -- "$p") & 02 )) -ne 0 ]; then
			echo "$p"
			return 0
		fi
		[ "$p" = / ] && return 0
		p=$(dirname -- "$p")
	done
}

# tg57xx_build_dir PROG TOP: prints the build directory to use (see above);
# on a path EAL would refuse and no way round it, prints one error line and
# returns 1. May create the safe directory and the build/ symlink.
tg57xx_build_dir() {
	local prog=$1 top=$2 bad root dir key
	if [ -n "${TG57XX_BUILD_DIR:-}" ]; then
		bad=$(tg57xx_unsafe_dir "$TG57XX_BUILD_DIR")
		if [ -n "$bad" ]; then
			echo "$prog: error: TG57XX_BUILD_DIR=$TG57XX_BUILD_DIR lies below world-writable $bad, where DPDK refuses to load plugins: choose a directory outside it, or unset TG57XX_BUILD_DIR" >&2
			return 1
		fi
		echo "$TG57XX_BUILD_DIR"
		return 0
	fi
	bad=$(tg57xx_unsafe_dir "$top/build")
	if [ -z "$bad" ]; then
		echo "$top/build"
		return 0
	fi
	if [ -n "${TG57XX_SAFE_BUILD_ROOT:-}" ]; then
		root=$TG57XX_SAFE_BUILD_ROOT
	elif [ "$(id -u)" -eq 0 ]; then
		root=/var/cache/tg57xx
	else
		root=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/tg57xx
	fi
	key=$(realpath -m -- "$top" | sha256sum | cut -c1-12)
	dir=$root/build-$key
	if [ -n "$(tg57xx_unsafe_dir "$dir")" ] || ! mkdir -p -m 0755 -- "$dir" 2>/dev/null; then
		echo "$prog: error: this clone lies below world-writable $bad, where DPDK refuses to load plugins, and $dir is not usable instead: clone elsewhere (e.g. under your home directory) or set TG57XX_BUILD_DIR to a directory on a path no other user can write" >&2
		return 1
	fi
	local how="build/ links to it"
	if [ -L "$top/build" ] || [ ! -e "$top/build" ]; then
		ln -sfn -- "$dir" "$top/build"
	else
		how="the existing build/ is not used"
	fi
	echo "$prog: the clone lies below world-writable $bad, where DPDK refuses to load plugins: building in $dir ($how)" >&2
	echo "$dir"
}
