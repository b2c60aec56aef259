#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""tg-fwd offloads (issue 10 item 9): what travels between the NIC and the kernel side.

usage: test_fwd_offload.py TG_FWD PLUGIN.so [CASE...]

net_tap (22.11) has no virtio-net header, so tg-fwd turns nothing on for it:
TCP works, the kernel checks every sum itself, TCP segments and UDP
datagrams with corrupted sums from the wire are counted by the kernel
(InCsumErrors).

virtio-user has no /dev/vhost-net here, so its kernel is played by a testpmd
behind a vhost-user socket (net_vhost, whose Rx finishes NEEDS_CSUM sums in
software as a kernel would take them) forwarding to a tap, vk0, that carries
tg0's addresses:

 peer p0 ⇄ veth ⇄ w0 ⇄ model ⇄ NIC ⇄ tg-fwd ⇄ virtio-user ⇄ net_vhost ⇄ testpmd ⇄ net_tap vk0

 - to the kernel: the NIC's GOOD verdicts on TCP travel as NEEDS_CSUM
   (tg-fwd counts them, rx_offloaded), TCP works, no sum error in vk0's
   kernel, and corrupted segments reach it unmarked (its kernel counts them:
   a marked one would have had its sum redone by net_vhost and been taken);
 - to the NIC: testpmd's csum engine sends vk0's frames to vhost-user with
   their sums left undone (NEEDS_CSUM) and its full-size TCP frames as
   500-byte-MSS super-frames (GSO in the virtio-net header); tg-fwd hands
   them to the NIC as checksum offload and TSO: the wire carries about three
   frames for each one tg-fwd forwarded, every one with a good sum (the
   peer's TCP and UDP get their data, its InCsumErrors stay 0);
 - --no-offload: nothing negotiated or marked, TCP works both ways.

Output is TAP 13; every case cleans up; a final leak check. Skips: not root;
iperf3, ethtool or dpdk-testpmd missing; the VLAN case on a kernel without
802.1Q interfaces.
"""
import os
import re
import shutil
import struct
import sys
import tempfile
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from tg57xx_e2e import (Skip, check, check_eq, check_gt, check_in, cmd, defer, ip, log, require_tool,  # noqa: E402
                        wait_until)
from tg57xx_e2e import pkt  # noqa: E402
from tg57xx_e2e.dpdk import Eal, Testpmd  # noqa: E402
from tg57xx_e2e.fwd import NIC_MAC, Topology, main_for  # noqa: E402
from tg57xx_e2e.netns import RawSocket, wait_dad  # noqa: E402

from test_fwd import iperf_client  # noqa: E402

TG_FWD = PLUGIN = None

# Corrupted TCP segments, and as many UDP datagrams, sent from the wire per case.
BAD_FRAMES = 3
BAD_PORT = 9  # discard: nothing listens, the sum is checked before the port is looked up
# The MSS testpmd's csum engine asks of vhost-user's GSO: a 1500-byte frame becomes 3 on the wire.
VHOST_MSS = 500
# Wire frames per tg-fwd frame, kernel -> NIC, over a bulk TCP send: about 3 with TSO at
# VHOST_MSS (a few small frames, SYN, FIN, keep it a little under).
TSO_RATIO_MIN = 2.0
# UDP kernel -> wire: a rate the chain carries without loss (test_fwd.py's).
UDP_RATE = "20M"
# The stats line tg-fwd prints every --stats-period second.
STATS_TIMEOUT = 5
KERNEL_COUNT_TIMEOUT = 10
VK = "vk0"
# An 802.1Q VLAN on vk0 and p0 (test_virtio_vlan_to_nic).
VLAN_ID = 100
VLAN_PEER_V4, VLAN_TG_V4 = "10.78.0.1", "10.78.0.2"


def topo():
    return Topology(TG_FWD, PLUGIN)


def snmp(ns):
    """{"Tcp": {...}, "Udp": {...}} of a namespace's /proc/net/snmp."""
    rows = {}
    for line in cmd(["cat", "/proc/net/snmp"], ns=ns).stdout.splitlines():
        key, _, rest = line.partition(":")
        rows.setdefault(key, []).append(rest.split())
    return {k: dict(zip(v[0], (int(x) for x in v[1]))) for k, v in rows.items() if len(v) == 2 and k in ("Tcp", "Udp")}


def csum_errors(ns):
    s = snmp(ns)
    return {"Tcp": s["Tcp"]["InCsumErrors"], "Udp": s["Udp"]["InCsumErrors"]}


def tcp_segment(src, dst, sport, dport, data):
    """A TCP ACK segment (20-byte header) with a good sum."""
    hdr = struct.pack("!HHIIBBHHH", sport, dport, 1, 1, 5 << 4, 0x10, 512, 0, 0)
    pseudo = pkt.ip4(src) + pkt.ip4(dst) + struct.pack("!BBH", 0, pkt.IPPROTO_TCP, len(hdr) + len(data))
    c = pkt.csum(pseudo + hdr + data)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + data


def send_bad(t):
    """BAD_FRAMES TCP segments and as many UDP datagrams to TG_V4, each with a wrong sum,
    from the peer's wire (p0). The NIC finds them BAD; tg-fwd must leave them unmarked."""
    p0_mac = ip("link show dev p0", ns=t.peer, json=True)[0]["address"]
    frames = []
    for proto, l4, at in ((pkt.IPPROTO_TCP, tcp_segment, 16), (pkt.IPPROTO_UDP, pkt.udp, 6)):
        good = l4(t.PEER_V4, t.TG_V4, 40000, BAD_PORT, b"corrupted on the wire")
        bad = good[:at] + bytes([good[at] ^ 0x5a]) + good[at + 1:]
        frames += [pkt.eth(NIC_MAC, p0_mac, pkt.ETH_P_IP, pkt.ipv4(t.PEER_V4, t.TG_V4, proto, bad))] * BAD_FRAMES
    RawSocket(t.peer, "p0").send(frames)


def check_bad_counted(t, ns, before):
    """The kernel behind the chain counted every corrupted segment and datagram as a sum error."""
    want = {k: v + BAD_FRAMES for k, v in before.items()}
    try:
        wait_until(lambda: all(v >= want[k] for k, v in csum_errors(ns).items()), KERNEL_COUNT_TIMEOUT,
                   "Tcp and Udp InCsumErrors")
    except TimeoutError:
        pass
    now = csum_errors(ns)
    check_eq({k: now[k] - before[k] for k in now}, {"Tcp": BAD_FRAMES, "Udp": BAD_FRAMES},
             "corrupted frames the kernel counted as sum errors (none marked valid on the way)")


def tcp_both_ways(t, label):
    """iperf3 TCP peer -> kernel side and back; returns {direction: Mbit/s}."""
    out = {}
    for d, args in (("to kernel", ()), ("to wire", ("-R",))):
        # iperf_client starts a one-off server per run (test_fwd.iperf_server).
        end = iperf_client(t, *args)
        rx = end["sum_received"]
        out[d] = rx["bits_per_second"] / 1e6
        log(f"{label}: iperf3 TCP {d}: {out[d]:.0f} Mbit/s, {rx['bytes'] / 1e6:.1f} MB, "
            f"{end['sum_sent'].get('retransmits', 0)} retransmits")
        check_gt(rx["bytes"], 0, f"{label}: TCP {d}: bytes received")
    return out


def latest_counters(fwd):
    """tg-fwd's counters as they are now (TgFwd.counters_now)."""
    return fwd.counters_now(STATS_TIMEOUT)


def unmarked_traffic(t, fwd, label):
    """Nothing carried: TCP both ways with no sum error in either kernel, no frame offloaded,
    corrupted datagrams counted by the kernel behind the chain."""
    k0 = {side: csum_errors(t.ns(side)) for side in ("peer", "fwd")}
    tcp_both_ways(t, label)
    for side in ("peer", "fwd"):
        check_eq(csum_errors(t.ns(side)), k0[side], f"{side} kernel: sum errors after TCP both ways")
    c = latest_counters(fwd)
    check_eq((c.get("rx_offloaded"), c.get("tx_offloaded")), (0, 0), f"{label}: frames tg-fwd offloaded")
    send_bad(t)
    check_bad_counted(t, t.fwd_ns, k0["fwd"])


# ---------------------------------------------------------------- net_tap

def test_tap():
    t = topo()
    fwd = t.start_fwd(["--stats-period", "1"])
    check(re.search(r"^tg-fwd: port 0 offloads: none \(net_tap and net_af_packet carry no virtio-net header",
                    fwd.output, re.M),
          "the start-up line says nothing is carried through net_tap")
    unmarked_traffic(t, fwd, "net_tap")


# ---------------------------------------------------------------- virtio-user against net_vhost

def vhost_kernel(t, app_args=()):
    """testpmd in the fwd namespace: net_vhost (the socket tg-fwd's virtio-user connects to)
    paired with net_tap vk0, which takes tg0's role (the NIC's MAC, tg0's addresses).
    Returns (testpmd, socket path), not yet forwarding."""
    require_tool("dpdk-testpmd")
    d = tempfile.mkdtemp(prefix="tg57xx-vhost-")
    defer(shutil.rmtree, d, ignore_errors=True)
    sock = os.path.join(d, "vhost.sock")
    tp = Testpmd(Eal(None, vdevs=[f"net_vhost0,iface={sock},client=0", f"net_tap0,iface={VK},mac={NIC_MAC}"],
                     lcores="0-1"),
                 ["--port-topology=paired", "--disable-link-check", "--rxd=512", "--txd=512", *app_args],
                 ns=t.fwd_ns,
                 mbufs=16384)
    defer(lambda: tp.proc.alive and tp.quit())
    wait_until(lambda: os.path.exists(sock), 10, "the vhost-user socket")
    return tp, sock


def address_vk(t):
    ip(["link", "set", "dev", VK, "up"], ns=t.fwd_ns)
    ip(["addr", "add", f"{t.TG_V4}/24", "dev", VK], ns=t.fwd_ns)
    ip(["addr", "add", f"{t.TG_V6}/64", "dev", VK, "nodad"], ns=t.fwd_ns)
    wait_dad(t.fwd_ns, VK)
    t.wait_ping("peer", t.TG_V4)


def start_virtio(t, sock, extra=()):
    return t.start_fwd(["--virtio-user-path", sock, "--stats-period", "1", *extra], mode=())


def test_virtio_to_kernel():
    t = topo()
    tp, sock = vhost_kernel(t)
    check_in("io", tp.cmd("set fwd io"), "testpmd io forwarding")
    tp.cmd("start")
    fwd = start_virtio(t, sock)
    check(re.search(r"^tg-fwd: port 0 offloads: to kernel: csum; to NIC: csum tso$", fwd.output, re.M),
          "the start-up line: what virtio-user and the NIC negotiated")
    address_vk(t)
    k0 = {side: csum_errors(t.ns(side)) for side in ("peer", "fwd")}
    tcp_both_ways(t, "virtio-user")
    for side in ("peer", "fwd"):
        check_eq(csum_errors(t.ns(side)), k0[side], f"{side} kernel: sum errors after TCP both ways")
    c = latest_counters(fwd)
    log(f"tg-fwd counters: {c}")
    check_gt(c.get("rx_offloaded", 0), 0, "frames whose GOOD verdict went to the kernel as NEEDS_CSUM")
    check_eq(c.get("offload_drops"), 0, "frames tx_prepare refused")
    send_bad(t)
    check_bad_counted(t, t.fwd_ns, k0["fwd"])


def wire_ratio(t, fwd, to=None):
    """A bulk TCP send vk0 -> peer; (wire frames the peer got) / (frames tg-fwd forwarded to the
    NIC), the Mbit/s, and the sum errors the peer counted meanwhile. `to`: the addresses
    (TG_V4, namespaces) to use instead of t's."""
    to = to or t
    def p0_rx():
        return ip("-s link show dev p0", ns=t.peer, json=True)[0]["stats64"]["rx"]["packets"]
    k0 = csum_errors(t.peer)
    c0, w0 = latest_counters(fwd), p0_rx()
    end = iperf_client(to, "-R")
    c1, w1 = latest_counters(fwd), p0_rx()
    frames = c1["tx_pkts"] - c0["tx_pkts"]
    mbit = end["sum_received"]["bits_per_second"] / 1e6
    check_gt(frames, 0, "frames tg-fwd forwarded to the NIC")
    errs = {k: v - k0[k] for k, v in csum_errors(t.peer).items()}
    log(f"kernel -> wire: {mbit:.0f} Mbit/s; tg-fwd forwarded {frames:.0f} frames, the wire carried "
        f"{w1 - w0}; tg-fwd counters: {c1}")
    return (w1 - w0) / frames, mbit, errs, c1


def csum_tso_kernel(t):
    """testpmd whose csum engine hands vk0's TCP/UDP frames to vhost-user with their sums
    left to the other side (TX_TCP/UDP_CKSUM: vhost-user writes NEEDS_CSUM) and its
    full-size TCP frames as super-frames at VHOST_MSS (TX_TCP_SEG: GSO in the header).
    net_vhost does not advertise TSO and testpmd says so, but keeps the size (22.11:
    `tso set` stores it before the check), which is all its csum engine reads. The csum
    engine rewrites both MAC addresses, to the port's own and its --eth-peer: the peer's p0
    towards vhost-user, vk0 (the NIC's address) towards the tap."""
    p0_mac = ip("link show dev p0", ns=t.peer, json=True)[0]["address"]
    tp, sock = vhost_kernel(t, [f"--eth-peer=0,{p0_mac}", f"--eth-peer=1,{NIC_MAC}"])
    tp.cmd("port stop 0")
    for proto in ("tcp", "udp"):
        tp.cmd(f"csum set {proto} hw 0")
    tp.cmd(f"tso set {VHOST_MSS} 0")  # "Error: TSO is not supported by port 0", size kept
    tp.cmd("port start 0")
    check_in("csum", tp.cmd("set fwd csum"), "testpmd csum forwarding")
    tp.cmd("start")
    return tp, sock


def udp_to_wire(t, fwd):
    """iperf3 UDP vk0 -> peer: every datagram leaves vhost-user with its sum undone, tg-fwd
    hands it to the NIC as UDP checksum offload, the peer gets it with a good sum. (Loss is
    logged, not judged: on a loaded machine the NIC's send ring fills now and then, and
    what tg-fwd holds back then can overflow the tap's queue in the kernel.)"""
    k0, c0 = csum_errors(t.peer), latest_counters(fwd)
    s = iperf_client(t, "-R", "-u", "-b", UDP_RATE, "-t", "1")["sum"]
    c1 = latest_counters(fwd)
    got = s["packets"] - s["lost_packets"]
    log(f"iperf3 UDP kernel -> wire at {UDP_RATE}bit/s: {s['packets']} datagrams, {s['lost_packets']} lost")
    check_gt(got, 0, "UDP kernel -> wire: datagrams received")
    check_eq(csum_errors(t.peer)["Udp"] - k0["Udp"], 0, "UDP sum errors at the peer")
    check(c1["tx_offloaded"] - c0["tx_offloaded"] >= got,
          f"UDP datagrams given to the NIC with checksum offload: {c1['tx_offloaded'] - c0['tx_offloaded']:.0f} "
          f"for {got} received")


def test_virtio_to_nic():
    t = topo()
    _tp, sock = csum_tso_kernel(t)
    fwd = start_virtio(t, sock)
    address_vk(t)
    ratio, mbit, errs, c = wire_ratio(t, fwd)
    check(ratio >= TSO_RATIO_MIN, f"wire frames per forwarded frame with TSO at MSS {VHOST_MSS}: {ratio:.2f}")
    check_eq(errs, {"Tcp": 0, "Udp": 0}, "sum errors at the peer (every NIC segment summed)")
    check_gt(c.get("tx_offloaded", 0), 0, "frames tg-fwd gave the NIC with offloads")
    udp_to_wire(t, fwd)
    c = latest_counters(fwd)
    check_eq(c.get("offload_drops"), 0, "frames tx_prepare refused")
    log(f"TSO: kernel -> wire {mbit:.0f} Mbit/s, {ratio:.2f} wire frames per forwarded frame")


def test_virtio_vlan_to_nic():
    """A VLAN interface on the kernel side: its tagged super-frames are refused by the NIC's
    tx_prepare (the chip segments no frame with an in-band tag); tg-fwd moves the tag out for
    the NIC to insert and prepares them again; its small frames' partial sums are finished in
    software. TCP over the VLAN works, segmented, with good sums."""
    t = topo()
    vk_vlan, p0_vlan = f"{VK}.{VLAN_ID}", f"p0.{VLAN_ID}"
    r = cmd(["ip", "link", "add", "link", "p0", "name", p0_vlan, "type", "vlan", "id", str(VLAN_ID)], ns=t.peer,
            check=False)
    if r.returncode != 0:
        raise Skip(f"no 802.1Q interfaces in this kernel (8021q): {r.stderr.strip()}")
    _tp, sock = csum_tso_kernel(t)
    fwd = start_virtio(t, sock)
    address_vk(t)
    ip(["link", "add", "link", VK, "name", vk_vlan, "type", "vlan", "id", str(VLAN_ID)], ns=t.fwd_ns)
    ip(["addr", "add", f"{VLAN_TG_V4}/24", "dev", vk_vlan], ns=t.fwd_ns)
    ip(["addr", "add", f"{VLAN_PEER_V4}/24", "dev", p0_vlan], ns=t.peer)
    ip(["link", "set", "dev", vk_vlan, "up"], ns=t.fwd_ns)
    ip(["link", "set", "dev", p0_vlan, "up"], ns=t.peer)
    to = types.SimpleNamespace(TG_V4=VLAN_TG_V4, fwd_ns=t.fwd_ns, peer=t.peer)
    t.wait_ping("peer", VLAN_TG_V4)
    ratio, mbit, errs, c = wire_ratio(t, fwd, to)
    check(ratio >= TSO_RATIO_MIN, f"wire frames per forwarded frame over the VLAN: {ratio:.2f}")
    check_eq(errs, {"Tcp": 0, "Udp": 0}, "sum errors at the peer")
    check_gt(c.get("sw_csum", 0), 0, "tagged frames whose partial sum software finished")
    check_eq(c.get("offload_drops"), 0, "frames tx_prepare refused for good")
    log(f"VLAN {VLAN_ID}: kernel -> wire {mbit:.0f} Mbit/s, {ratio:.2f} wire frames per forwarded frame")


def test_virtio_no_offload():
    """--no-offload: nothing negotiated, nothing marked, TCP still works both ways (the io
    engine: vhost-user's own NEEDS_CSUM, which it writes whatever the driver took, stays out)."""
    t = topo()
    tp, sock = vhost_kernel(t)
    tp.cmd("set fwd io")
    tp.cmd("start")
    fwd = start_virtio(t, sock, ["--no-offload"])
    check(re.search(r"^tg-fwd: port 0 offloads: none \(--no-offload\)$", fwd.output, re.M),
          "the start-up line says --no-offload")
    address_vk(t)
    unmarked_traffic(t, fwd, "virtio-user --no-offload")


CASES = [test_tap, test_virtio_to_kernel, test_virtio_to_nic, test_virtio_vlan_to_nic, test_virtio_no_offload]


def main():
    global TG_FWD, PLUGIN
    TG_FWD, PLUGIN, run_cases = main_for(__doc__, CASES, "network namespaces, veth, tap")
    return run_cases()


if __name__ == "__main__":
    sys.exit(main())
