#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Print the first world-writable directory on the real path of PATH (which need
not exist yet), or nothing when DPDK's EAL would load plugins from there
(eal_common_options.c verify_perms; the same rule as usertools/lib/build-dir.sh)."""
import os
import stat
import sys


def unsafe_dir(path):
    p = os.path.realpath(path)
    while True:
        try:
            st = os.stat(p)
            if stat.S_ISDIR(st.st_mode) and st.st_mode & stat.S_IWOTH:
                return p
        except FileNotFoundError:
            pass
        parent = os.path.dirname(p)
        if parent == p:
            return ""
        p = parent


if __name__ == "__main__":
    print(unsafe_dir(sys.argv[1]))
