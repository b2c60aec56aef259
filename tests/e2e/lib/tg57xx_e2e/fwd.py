# SPDX-License-Identifier: BSD-3-Clause
"""The end-to-end topology (DESIGN §4) and tg-fwd as a background process.

 netns peer                    netns fwd
 ┌──────────────┐  veth  ┌─────────────────────────────────────────────────────┐
 │ p0 10.77.0.1 ├────────┤ w0 ⇄ model (wire=iface:w0) ⇄ PMD ⇄ tg-fwd ⇄ tg0     │
 │    fd77::1   │        │                                   10.77.0.2 fd77::2 │
 └──────────────┘        └─────────────────────────────────────────────────────┘

tg-fwd runs inside the fwd namespace (ip netns exec), so the model's AF_PACKET
socket finds w0 there and net_tap creates tg0 there; the peer reaches tg0
only through the chain.

    topo = Topology(tg_fwd_bin, plugin)      # namespaces, veth, addresses on p0
    fwd = topo.start_fwd()                   # tg-fwd up ("tg-fwd: ready"), tg0 addressed
    topo.ping("peer", topo.TG_V4)
"""
import os
import re
import shutil
import signal
import sys
import tempfile

from .cpu import PING_REPLY_WAIT, ping_replies
from .dpdk import Eal, Testpmd
from .ktap import chosen_cases, run
from .leaks import Snapshot
from .netns import NetNS, Veth, addrs, link_info, wait_dad, wait_link
from .utils import Bkg, CmdError, cmd, defer, ip, log, require_root, require_tool, wait_until

# tg-fwd waits up to 5 s for the NIC link before "ready"; EAL and ports come first.
FWD_READY_TIMEOUT = 60
# The NIC's address (devargs mac=): tg0 must carry it.
NIC_MAC = "02:57:76:00:00:02"
# Echo requests of Topology.ping, this far apart (s).
PING_INTERVAL = 0.2


class TgFwd(Bkg):
    """tg-fwd [EAL] -- ARGS in a namespace; ready when it prints "tg-fwd: ready"."""

    READY = re.compile(r"^tg-fwd: ready$", re.M)

    def __init__(self, binary, eal, args, ns):
        argv = [require_tool("stdbuf"), "-oL", "-eL", binary, *eal.args(), "--", *args]
        super().__init__(argv, ns=ns, name="tg-fwd")
        try:
            self.wait_line(self.READY, FWD_READY_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def mark(self):
        """Offset in stdout: wait_line(..., start=mark) sees only lines printed after it."""
        return len(self.stdout)

    def wait_line(self, pattern, timeout=10, start=0):
        """A line of tg-fwd's own (stdout; EAL/PMD logs go to stderr)."""
        rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.M)
        return self.wait_for(rx, timeout, start=start, stream="stdout")

    def counters(self):
        """The counters of tg-fwd's latest stats line (--stats-period), as floats."""
        lines = re.findall(r"^tg-fwd: stats .*$", self.output, re.M)
        if not lines:
            return {}
        return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", lines[-1])}

    def counters_now(self, timeout):
        """The counters as they are now: the second stats line after this point. The first
        may have been written before it and read late (the output reader is a thread of this
        loaded process), so its counters can miss traffic that already went through."""
        m = self.wait_line(r"^tg-fwd: stats .*\n", timeout=timeout, start=self.mark())
        self.wait_line(r"^tg-fwd: stats ", timeout=timeout, start=m.end())
        return self.counters()

    def terminate(self, timeout=15):
        """SIGTERM and the exit status (tg-fwd promises 0 for a clean stop)."""
        return self.stop(signal.SIGTERM, grace=timeout)


class Topology:
    PEER_V4, TG_V4 = "10.77.0.1", "10.77.0.2"
    PEER_V6, TG_V6 = "fd77::1", "fd77::2"

    def __init__(self, tg_fwd, plugin, chip="57762", mtu=None):
        require_root()
        require_tool("ethtool")
        self.bin, self.plugin, self.chip = tg_fwd, plugin, chip
        self.peer = NetNS("tgpeer")
        self.fwd_ns = NetNS("tgfwd")
        self.veth = Veth("p0", self.peer, "w0", self.fwd_ns, mtu=mtu)
        # p0 keeps its offloads (TSO, checksum): the iface wire takes its frames
        # with a virtio_net_hdr and finishes them as the link partner NIC would
        # (MTU frames, checksums filled). No GRO on w0: a cable does not merge frames.
        cmd(["ethtool", "-K", "w0", "gro", "off"], ns=self.fwd_ns)
        # Static IPv6 addresses survive p0 going admin down (link-flap tests do that).
        cmd(["sysctl", "-qw", "net.ipv6.conf.p0.keep_addr_on_down=1"], ns=self.peer)
        self.veth.up()
        ip(["addr", "add", f"{self.PEER_V4}/24", "dev", "p0"], ns=self.peer)
        ip(["addr", "add", f"{self.PEER_V6}/64", "dev", "p0", "nodad"], ns=self.peer)
        self.fwd = None
        self.eal = None

    def ns(self, side):
        return self.peer if side == "peer" else self.fwd_ns

    def start_fwd(self, extra=(), address=True, mode=("--tap",), vdev_extra="", huge=None, mem=None, lcores="0-1"):
        """Start tg-fwd on one model port wired to w0; tg0 gets the test addresses.
        huge: a huge.Hugepages for a hugepage-backed tg-fwd (secondaries can attach);
        mem: EAL -m in MB (default: dpdk.EAL_MEM_MB); lcores: EAL -l."""
        vdev = f"net_tg57xx_sim0,wire=iface:w0,chip={self.chip},mac={NIC_MAC}{vdev_extra}"
        eal = Eal(self.plugin, vdevs=[vdev], huge=huge, lcores=lcores, **({} if mem is None else {"mem": mem}))
        self.eal = eal
        self.fwd = TgFwd(self.bin, eal, [*mode, "--stats-period", "0", *extra], self.fwd_ns)
        if address and "--virtio-user-path" not in " ".join(extra):
            wait_link(self.fwd_ns, "tg0")
            self.address_tg0()
        return self.fwd

    def address_tg0(self):
        have = [a for a, _ in addrs(self.fwd_ns, "tg0")]
        if self.TG_V4 not in have:
            ip(["addr", "add", f"{self.TG_V4}/24", "dev", "tg0"], ns=self.fwd_ns)
        if self.TG_V6 not in have:
            ip(["addr", "add", f"{self.TG_V6}/64", "dev", "tg0", "nodad"], ns=self.fwd_ns)
        wait_dad(self.fwd_ns, "tg0")

    # -- traffic
    def ping(self, side, dst, count=3, size=None, df=False, check=True, wait=PING_REPLY_WAIT):
        """ping from `side` ("peer" or "fwd"), requests 0.2 s apart, each given `wait` s
        for its reply; returns the number of requests answered."""
        replies, r = ping_replies(self.ns(side), dst, count, PING_INTERVAL, size=size, df=df, wait=wait)
        got = len(replies)
        if check and got != count:
            raise CmdError(r.args, r.returncode, r.stdout, r.stderr,
                           why=f"{got}/{count} replies from {dst} ({side} side); ping status")
        return got

    def wait_ping(self, side, dst, timeout=20):
        """Until a single ping gets through (traffic resumed); bounded by `timeout`."""
        return wait_until(lambda: self.ping(side, dst, count=1, check=False) == 1, timeout,
                          f"a ping from {side} to {dst}")

    def neigh(self, side, dst):
        dev = "p0" if side == "peer" else "tg0"
        for n in ip(["neigh", "show", "to", dst, "dev", dev], ns=self.ns(side), json=True):
            return n
        return None

    def tg0(self):
        return link_info(self.fwd_ns, "tg0")

    def log_links(self):
        for side in ("peer", "fwd"):
            for link in ip("-s link show", ns=self.ns(side), json=True):
                log(f"{side}: {link['ifname']} {','.join(link.get('flags', []))} mtu {link.get('mtu')}")


def vhost_echo_peer():
    """The virtio-user test mode's other end: a vhost-user server (testpmd net_vhost,
    client=0 creates the socket) whose icmpecho forwarding answers ARP and pings for any
    address. Returns (testpmd, socket path, the vhost port's MAC address), started."""
    d = tempfile.mkdtemp(prefix="tg57xx-vhost-")
    defer(shutil.rmtree, d, ignore_errors=True)
    sock = os.path.join(d, "vhost.sock")
    tp = Testpmd(Eal(None, vdevs=[f"net_vhost0,iface={sock},client=0"], lcores="0-1"),
                 ["--port-topology=loop", "--disable-link-check", "--rxd=512", "--txd=512"], mbufs=8192)
    wait_until(lambda: os.path.exists(sock), 10, "the vhost-user socket")
    out = tp.cmd("set fwd icmpecho")
    if "icmpecho" not in out:
        raise RuntimeError(f"testpmd refused icmpecho: {out.strip()}")
    mac = re.search(r"MAC address: (\S+)", tp.cmd("show port info 0")).group(1).lower()
    tp.cmd("start")
    return tp, sock, mac


def reach_vhost_peer(t, vhost_mac):
    """ARP from the peer through the chain to the vhost echo peer, then a permanent
    neighbour entry for TG_V4 at the NIC's own address (the NIC takes only that; icmpecho
    answers anything), so that the peer's pings cross the whole chain."""
    # ARP: the peer's broadcast request reaches testpmd behind vhost-user, whose reply
    # (with the vhost port's own address) comes back through virtio-user, the NIC and the wire.
    wait_until(lambda: t.ping("peer", t.TG_V4, count=1, check=False) >= 0 and
               (t.neigh("peer", t.TG_V4) or {}).get("lladdr") == vhost_mac, 20,
               f"the peer to learn {t.TG_V4} at {vhost_mac} (the vhost port)")
    ip(["neigh", "replace", t.TG_V4, "lladdr", NIC_MAC, "dev", "p0", "nud", "permanent"], ns=t.peer)


def main_for(doc, cases, root_why, extra_skip=None):
    """The command line every tg-fwd e2e script takes: TG_FWD PLUGIN.so [CASE...].
    Returns (tg_fwd, plugin, run_cases): run_cases() runs the chosen cases (all, or those
    named without their test_ prefix) with the leak check, skipping them all with the
    reason when not root (`root_why`), when tg-fwd is not built, or when extra_skip()
    gives a reason."""
    if len(sys.argv) < 3:
        sys.exit(doc)
    tg_fwd, plugin = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    chosen = chosen_cases(cases, sys.argv[3:])

    def run_cases():
        skip = None
        if os.geteuid() != 0:
            skip = f"needs root ({root_why})"
        elif not os.access(tg_fwd, os.X_OK):
            skip = f"tg-fwd not built ({tg_fwd})"
        elif extra_skip is not None:
            skip = extra_skip()
        return run(chosen, setup_skip=skip, leak_check=Snapshot(watch_links=("tg0", "w0", "p0")).leaks)

    return tg_fwd, plugin, run_cases
