# SPDX-License-Identifier: BSD-3-Clause
"""What a run must not leave behind: namespaces, interfaces, processes, DPDK runtime dirs.

    snap = Snapshot()          # before the first case
    ...
    leftovers = snap.leaks()   # after the last one: [] when clean
"""
import os

from .utils import ip

NETNS_DIR = "/run/netns"


def dpdk_runtime_base():
    """Where EAL puts /<file-prefix> (eal_get_runtime_dir: root vs. user)."""
    if os.geteuid() == 0:
        return "/var/run/dpdk"
    return os.path.join(os.environ.get("XDG_RUNTIME_DIR", "/tmp"), "dpdk")


def _netns():
    try:
        return set(os.listdir(NETNS_DIR))
    except FileNotFoundError:
        return set()


def _root_links():
    try:
        return {link["ifname"] for link in ip("link show", json=True)}
    except Exception:  # noqa: BLE001 - no ip(8): nothing to compare
        return set()


def _runtime_dirs():
    try:
        return set(os.listdir(dpdk_runtime_base()))
    except FileNotFoundError:
        return set()


def _descendants(pid):
    """Pids whose parent chain leads to pid (a /proc scan)."""
    parent = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may contain spaces and parentheses.
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        parent[int(d)] = ppid
    out = []
    for p in parent:
        q, seen = p, set()
        while q in parent and q not in seen:
            seen.add(q)
            q = parent[q]
            if q == pid:
                out.append(p)
                break
    return out


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


class Snapshot:
    """Before/after comparison limited to what this run names (others may share the machine).

    Namespaces and DPDK runtime dirs count when their name carries this run's
    tag (utils.uniq puts the pid in every name); root-namespace interfaces
    when they are new and either carry the tag or are in `watch_links`
    (names a test might leak into the root namespace, e.g. tg0)."""

    def __init__(self, watch_links=()):
        self.tag = f"{os.getpid()}x"
        self.watch = set(watch_links)
        self.links = _root_links()

    def leaks(self):
        left = []
        left += [f"netns {n}" for n in sorted(_netns()) if self.tag in n]
        new_links = _root_links() - self.links
        left += [f"interface {n} (root namespace)" for n in sorted(new_links)
                 if self.tag in n or n in self.watch]
        base = dpdk_runtime_base()
        left += [f"DPDK runtime dir {base}/{d}" for d in sorted(_runtime_dirs()) if self.tag in d]
        left += [f"process {p}: {_cmdline(p)}" for p in sorted(_descendants(os.getpid()))]
        return left
