# SPDX-License-Identifier: BSD-3-Clause
"""Hugepages for a test that needs DPDK secondary processes (they map the
primary's hugepage files; --no-huge memory cannot be shared).

    huge = Hugepages(pages=256)          # private hugetlbfs mount + 2 MiB pages
    eal = Eal(plugin, vdevs=[...], huge=huge)

Everything is undone when the test case ends: the mount (and with it every
hugepage file EAL left there) goes, and the system's reserved page count goes
back down by what this test added.

Other tests (this run's, or another checkout's) may hold hugepages at the
same time, so nothing here assumes the pool is ours: the pages are added to
the system's count (never "the count is now N", which would take back pages
another test reserved), the read-modify-write of the count is done under a
machine-wide lock, and the mount is limited to `pages` so that this test's
EAL can never map pages another test reserved for its own primary.
"""
import contextlib
import fcntl
import os
import tempfile

from .utils import Skip, cmd, defer, log, require_root

NR_HUGEPAGES = "/proc/sys/vm/nr_hugepages"
MEMINFO = "/proc/meminfo"
PAGE_SIZE = "2M"
PAGE_MB = 2
# Serializes changes of nr_hugepages between test processes (flock; /run is root's tmpfs).
NR_LOCK = "/run/tg57xx-hugepages.lock"


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


@contextlib.contextmanager
def _nr_locked():
    fd = os.open(NR_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


class Hugepages:
    """`pages` 2 MiB hugepages added to the pool and a private hugetlbfs mount (self.dir)
    that holds at most that many."""

    def __init__(self, pages):
        require_root()
        self.pages = pages
        self._added = 0
        with _nr_locked():
            old = _read_nr()
            _write_nr(old + pages)
            # The kernel reserves what it can find: maybe fewer.
            self._added = max(0, _read_nr() - old)
        defer(self._give_back)
        if self._added < pages and _meminfo("HugePages_Free") < pages:
            raise Skip(f"cannot reserve {pages} hugepages of {PAGE_SIZE} (the kernel found {self._added})")
        self.dir = tempfile.mkdtemp(prefix="tg57xx-huge-")
        defer(os.rmdir, self.dir)
        cmd(["mount", "-t", "hugetlbfs", "-o", f"pagesize={PAGE_SIZE},size={pages * PAGE_MB}M", "nodev", self.dir])
        defer(cmd, ["umount", self.dir])
        log(f"hugepages: {pages} x {PAGE_SIZE} at {self.dir} ({self._added} added to the pool)")

    def _give_back(self):
        if self._added:
            with _nr_locked():
                _write_nr(max(0, _read_nr() - self._added))
            self._added = 0

    @property
    def mb(self):
        return self.pages * PAGE_MB
