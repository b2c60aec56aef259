# SPDX-License-Identifier: BSD-3-Clause
"""Network namespaces and veth pairs that clean up after themselves.

    with NetNS("peer") as peer, NetNS("fwd") as fwd:
        Veth("p0", peer, "w0", fwd).up()

Names of namespaces carry the pid (utils.uniq), so parallel runs never meet;
interface names live inside those private namespaces and can stay plain
(p0, w0, tg0). Both are also removed by the current test case's cleanup
stack, whatever way the case ends.
"""
import os

from .utils import cmd, defer, ip, uniq, wait_until

NETNS_DIR = "/run/netns"
# Kernel interfaces appear/disappear asynchronously (udev, netns teardown).
IFACE_TIMEOUT = 10


class NetNS:
    """A named network namespace (`ip netns add`) with lo up; deleted on exit."""

    def __init__(self, base="tge2e"):
        self.name = uniq(base + "-")
        ip(["netns", "add", self.name])
        self._defer = defer(self.delete)
        ip("link set lo up", ns=self)

    def delete(self):
        if self.name and os.path.exists(os.path.join(NETNS_DIR, self.name)):
            ip(["netns", "del", self.name])
        self._defer.cancel()

    def exists(self):
        return os.path.exists(os.path.join(NETNS_DIR, self.name))

    def links(self):
        return {link["ifname"]: link for link in ip("link show", ns=self, json=True)}

    def has_link(self, ifname):
        return ip(["link", "show", "dev", ifname], ns=self, check=False).ok

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.delete()
        return False

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"NetNS({self.name})"


class Veth:
    """A veth pair created directly in its two namespaces (no name ever in the root ns)."""

    def __init__(self, name_a, ns_a, name_b, ns_b, mtu=None):
        self.a, self.ns_a, self.b, self.ns_b = name_a, ns_a, name_b, ns_b
        args = ["link", "add", name_a, "netns", str(ns_a)]
        if mtu:
            args += ["mtu", str(mtu)]
        args += ["type", "veth", "peer", "name", name_b, "netns", str(ns_b)]
        if mtu:
            args += ["mtu", str(mtu)]
        ip(args)
        self._defer = defer(self.delete)

    def up(self):
        ip(["link", "set", self.a, "up"], ns=self.ns_a)
        ip(["link", "set", self.b, "up"], ns=self.ns_b)
        return self

    def delete(self):
        # Deleting one end removes both; the namespace may already be gone.
        if self.ns_a.exists() and self.ns_a.has_link(self.a):
            ip(["link", "del", self.a], ns=self.ns_a)
        self._defer.cancel()


def link_info(ns, ifname):
    """The `ip -j -d link show dev IFNAME` object, or None when absent."""
    r = ip(["-d", "link", "show", "dev", ifname], ns=ns, json=True, check=False)
    return r[0] if r else None


def carrier(ns, ifname):
    """True/False from the interface's LOWER_UP flag (IFF_LOWER_UP = carrier)."""
    info = link_info(ns, ifname)
    if info is None:
        return None
    return "LOWER_UP" in info.get("flags", [])


def wait_carrier(ns, ifname, up, timeout=IFACE_TIMEOUT):
    return wait_until(lambda: carrier(ns, ifname) is up or None, timeout,
                      f"carrier {'on' if up else 'off'} on {ifname} in {ns}") or True


def wait_link(ns, ifname, present=True, timeout=IFACE_TIMEOUT):
    return wait_until(lambda: (link_info(ns, ifname) is not None) == present, timeout,
                      f"{ifname} to {'appear' if present else 'disappear'} in {ns}")


def addrs(ns, ifname, family=None):
    """[(address, prefixlen), ...] of an interface (`ip -j addr`)."""
    out = ip(["addr", "show", "dev", ifname], ns=ns, json=True)
    res = []
    for link in out:
        for a in link.get("addr_info", []):
            if family is None or a.get("family") == family:
                res.append((a["local"], a["prefixlen"]))
    return res


def wait_dad(ns, ifname, timeout=IFACE_TIMEOUT):
    """Until no IPv6 address of the interface is still tentative (DAD done)."""
    def done():
        out = ip(["-6", "addr", "show", "dev", ifname], ns=ns, json=True)
        infos = [a for link in out for a in link.get("addr_info", [])]
        return infos and not any(a.get("tentative") for a in infos)
    return wait_until(done, timeout, f"IPv6 DAD on {ifname} in {ns}")


def run_in(ns, args, **kw):
    return cmd(args, ns=ns, **kw)


# ---------------------------------------------------------------- entering a namespace

_CLONE_NEWNET = 0x40000000
_libc = None


def _setns(fd):
    global _libc
    if _libc is None:
        import ctypes
        _libc = ctypes.CDLL(None, use_errno=True)
    if _libc.setns(fd, _CLONE_NEWNET) != 0:
        import ctypes
        err = ctypes.get_errno()
        raise OSError(err, f"setns: {os.strerror(err)}")


class NetNSEnter:
    """Run the calling thread inside a namespace for the `with` block (sockets made
    there stay in it after the block ends)."""

    def __init__(self, ns):
        self.path = os.path.join(NETNS_DIR, str(ns))

    def __enter__(self):
        self._saved = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        fd = os.open(self.path, os.O_RDONLY)
        try:
            _setns(fd)
        finally:
            os.close(fd)
        return self

    def __exit__(self, *exc):
        try:
            _setns(self._saved)
        finally:
            os.close(self._saved)
        return False


class RawSocket:
    """An AF_PACKET socket on one interface of a namespace: send frames, collect what arrives.

    Frames this socket (or anything on the host) sends out of the interface
    come back as PACKET_OUTGOING and are skipped."""

    ETH_P_ALL = 0x0003
    PACKET_OUTGOING = 4

    def __init__(self, ns, ifname):
        import socket
        with NetNSEnter(ns):
            self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(self.ETH_P_ALL))
        self.sock.bind((ifname, self.ETH_P_ALL))
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.ifname = ifname
        defer(self.close)

    def send(self, frames):
        for f in frames:
            self.sock.send(f)

    def drain(self):
        """Frames received so far (non-blocking)."""
        out = []
        self.sock.setblocking(False)
        try:
            while True:
                try:
                    data, addr = self.sock.recvfrom(65536)
                except BlockingIOError:
                    break
                if addr[2] != self.PACKET_OUTGOING:
                    out.append(data)
        finally:
            self.sock.setblocking(True)
        return out

    def collect(self, n, timeout):
        """Wait until n frames have arrived (or the deadline); return all received."""
        import select
        import time
        got = []
        deadline = time.monotonic() + timeout
        while len(got) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([self.sock], [], [], left)
            if r:
                got += self.drain()
        return got

    def close(self):
        self.sock.close()
