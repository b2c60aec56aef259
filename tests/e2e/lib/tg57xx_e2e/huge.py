# SPDX-License-Identifier: BSD-3-Clause
"""Hugepages for a test that needs DPDK secondary processes (they map the
primary's hugepage files; --no-huge memory cannot be shared).

    huge = Hugepages(pages=256)          # private hugetlbfs mount + 2 MiB pages
    eal = Eal(plugin, vdevs=[...], huge=huge)

Everything is undone when the test case ends: the mount (and with it every
hugepage file EAL left there) goes, and the system's reserved page count goes
back to what it was if this test raised it.
"""
import os
import tempfile

from .utils import Skip, cmd, defer, log, require_root

NR_HUGEPAGES = "/proc/sys/vm/nr_hugepages"
MEMINFO = "/proc/meminfo"
PAGE_SIZE = "2M"
PAGE_MB = 2


def _meminfo(key):
    with open(MEMINFO, encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


def _read_nr():
    with open(NR_HUGEPAGES, encoding="ascii") as f:
        return int(f.read())


def _write_nr(n):
    with open(NR_HUGEPAGES, "w", encoding="ascii") as f:
        f.write(str(n))


class Hugepages:
    """`pages` free 2 MiB hugepages and a private hugetlbfs mount (self.dir)."""

    def __init__(self, pages):
        require_root()
        self.pages = pages
        self._old_nr = None
        free = _meminfo("HugePages_Free")
        if free < pages:
            old = _read_nr()
            _write_nr(old + pages - free)
            self._old_nr = old
            defer(self._restore_nr)
            free = _meminfo("HugePages_Free")
            if free < pages:
                raise Skip(f"cannot reserve {pages} hugepages of {PAGE_SIZE} (got {free} free)")
        self.dir = tempfile.mkdtemp(prefix="tg57xx-huge-")
        defer(os.rmdir, self.dir)
        cmd(["mount", "-t", "hugetlbfs", "-o", f"pagesize={PAGE_SIZE}", "nodev", self.dir])
        defer(cmd, ["umount", self.dir])
        log(f"hugepages: {pages} x {PAGE_SIZE} at {self.dir}")

    def _restore_nr(self):
        if self._old_nr is not None:
            _write_nr(self._old_nr)
            self._old_nr = None

    @property
    def mb(self):
        return self.pages * PAGE_MB
