#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""tg-fwd end to end: a peer namespace reaches tg0 only through the chain
p0 ⇄ veth ⇄ w0 ⇄ chip model ⇄ net_tg57xx ⇄ tg-fwd ⇄ net_tap/virtio-user/net_af_packet ⇄ tg0
(issue 6 items 8-9; topology in lib/tg57xx_e2e/fwd.py).

usage: test_fwd.py TG_FWD PLUGIN.so [CASE...]

Output is TAP 13 (meson protocol 'tap'). Every case builds its own
namespaces and tg-fwd and tears them down, whatever happens; a final
leak_check proves nothing (namespace, interface, process, DPDK runtime dir)
is left. Skips: not root; iperf3 or ethtool missing.
"""
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from tg57xx_e2e import (CmdError, Skip, bkg, check, check_eq, check_gt, check_in, cmd, defer, ip, log,  # noqa: E402
                        require_tool)
from tg57xx_e2e.dpdk import Eal  # noqa: E402
from tg57xx_e2e.fwd import NIC_MAC, Topology, main_for, reach_vhost_peer, vhost_echo_peer  # noqa: E402
from tg57xx_e2e.netns import addrs, link_info, wait_carrier, wait_link  # noqa: E402

TG_FWD = PLUGIN = None

# iperf3 runs: long enough for a stable figure, short enough for the suite.
IPERF_SECONDS = 3
IPERF_PORT = 5201
# A rate the chain must carry without loss (the model is a 1G port; this is far below).
# At 50M, a 2-vCPU machine busy with other work lost datagrams in about one run in
# four (NIC TX ring full, chip RX ring full, receiver's socket buffer): the counters
# are logged per direction so a loss is attributed.
UDP_RATE = "20M"
# Link changes travel: veth carrier -> iface wire (polled every 100 ms) -> PHY model
# (autoneg) -> PMD link poll -> tg-fwd control round -> IFLA_CARRIER.
CARRIER_TIMEOUT = 15
AF_PACKET = ("--af-packet",)


def topo(**kw):
    return Topology(TG_FWD, PLUGIN, **kw)


# ---------------------------------------------------------------- reachability

def test_ping_arp_v4():
    t = topo()
    fwd = t.start_fwd()
    check_eq(t.tg0()["address"], NIC_MAC, "tg0 carries the NIC's MAC address")
    check_in(f"net_tg57xx_sim0 {NIC_MAC} <-> tg0", fwd.output, "tg-fwd's port line")
    t.ping("peer", t.TG_V4)
    t.ping("fwd", t.PEER_V4)
    # ARP went through the chain both ways: each side learnt the other's real address.
    n = t.neigh("peer", t.TG_V4)
    check(n is not None and n.get("lladdr") == NIC_MAC, f"peer's ARP entry for tg0: {n}")
    p0_mac = ip("link show dev p0", ns=t.peer, json=True)[0]["address"]
    n = t.neigh("fwd", t.PEER_V4)
    check(n is not None and n.get("lladdr") == p0_mac, f"tg0 side's ARP entry for p0 ({p0_mac}): {n}")


def test_ping_v6():
    t = topo()
    t.start_fwd()
    t.ping("peer", t.TG_V6)
    t.ping("fwd", t.PEER_V6)
    n = t.neigh("peer", t.TG_V6)
    check(n is not None and n.get("lladdr") == NIC_MAC, f"peer's neighbour entry for tg0: {n}")


# ---------------------------------------------------------------- throughput

def listening(ns, port):
    return lambda: cmd(["ss", "-Hltn", f"sport = :{port}"], ns=ns).stdout.strip() != ""


# How iperf3 fails when its control connection is not set up: no server listening yet
# (refused), or a connection queued on a listener that closed (reset before the first
# control message). Nothing crossed the data path then.
IPERF_SETUP_ERROR = re.compile(r"unable to connect to server|unable to send cookie|"
                               r"unable to receive control message: Connection reset by peer|"
                               r"unable to (send|receive) parameters")
# A run whose control connection failed before any data moved is tried again once.
IPERF_SETUP_TRIES = 2


def iperf_server(t):
    """A one-off iperf3 server (-1) on tg0's address, listening when this returns.

    One server per client run, never one server for several: iperf3 3.12 closes its
    listening socket at the end of every test and opens a new one for the next
    (iperf_server_api.c: cleanup_server, iperf_server_listen), so a client started right
    after the previous one ended may connect into the old socket's queue and be reset
    when it closes ("unable to receive control message: Connection reset by peer": the
    `-R` flake on a loaded machine), or find no listener at all."""
    require_tool("iperf3")
    return bkg(["iperf3", "-s", "-1", "-B", t.TG_V4, "-p", str(IPERF_PORT)], ns=t.fwd_ns,
               ready=listening(t.fwd_ns, IPERF_PORT), timeout=10, name="iperf3-server")


def iperf_once(t, args):
    """One client run against a fresh server; (result JSON, error or None)."""
    with iperf_server(t) as srv:
        r = cmd(["iperf3", "-c", t.TG_V4, "-p", str(IPERF_PORT), "-t", str(IPERF_SECONDS), "-J", *args],
                ns=t.peer, check=False, timeout=IPERF_SECONDS + 30)
        try:
            res = json.loads(r.stdout)
        except ValueError:
            raise CmdError(r.args, r.returncode, r.stdout, r.stderr, why="no JSON from iperf3; status") from None
        err = res.get("error") or (None if r.returncode == 0 else f"exit status {r.returncode}")
        if err:
            log(f"iperf3 {' '.join(args)}: {err}; the server said:\n{srv.tail(15)}")
    return r, res, err


def iperf_client(t, *args):
    for attempt in range(1, IPERF_SETUP_TRIES + 1):
        r, res, err = iperf_once(t, args)
        if not err:
            return res["end"]
        # Only a failure of the control connection's set-up, before a single interval of
        # data, is tried again: anything later is the data path's and fails the test.
        if res.get("intervals") or not IPERF_SETUP_ERROR.search(err) or attempt == IPERF_SETUP_TRIES:
            raise CmdError(r.args, r.returncode, err, r.stderr, why="iperf3 failed; status")
        log(f"iperf3 {' '.join(args)}: set-up failed before any data ({err}): once more")
    raise AssertionError("unreachable")


def test_iperf3_tcp():
    t = topo()
    t.start_fwd()
    for label, args in (("peer -> tg0", ()), ("tg0 -> peer", ("-R",))):
        end = iperf_client(t, *args)
        rx = end["sum_received"]
        mbit = rx["bits_per_second"] / 1e6
        log(f"iperf3 TCP {label}: {mbit:.0f} Mbit/s received, {rx['bytes'] / 1e6:.0f} MB in "
            f"{rx['seconds']:.1f} s, {end['sum_sent'].get('retransmits', 0)} retransmits")
        check_gt(rx["bytes"], 0, f"TCP {label}: bytes received")
        check_gt(mbit, 0, f"TCP {label}: throughput")


def udp_snmp(ns):
    """The namespace's UDP counters (/proc/net/snmp): where the kernel dropped datagrams."""
    lines = [ln.split() for ln in cmd(["cat", "/proc/net/snmp"], ns=ns).stdout.splitlines() if ln.startswith("Udp:")]
    return dict(zip(lines[0][1:], (int(v) for v in lines[1][1:])))


def test_iperf3_udp():
    t = topo()
    # Stats every second: where datagrams went missing, if any (NIC missed, forwarder drops).
    fwd = t.start_fwd(["--stats-period", "1"])
    for label, args in (("peer -> tg0", ()), ("tg0 -> peer", ("-R",))):
        before, k0 = fwd.counters(), {side: udp_snmp(t.ns(side)) for side in ("peer", "fwd")}
        tg0_0 = tx_dropped(t.fwd_ns, "tg0")
        s = iperf_client(t, "-u", "-b", UDP_RATE, *args)["sum"]
        after, k1 = fwd.counters(), {side: udp_snmp(t.ns(side)) for side in ("peer", "fwd")}
        moved = {k: int(after[k] - before.get(k, 0)) for k in ("nic_missed", "rx_drops", "tx_drops")
                 if k in after}
        # A full NIC send ring holds tg-fwd back (backpressure): its overflow is tg0's to drop.
        moved["tg0_tx_dropped"] = tx_dropped(t.fwd_ns, "tg0") - tg0_0
        for side in ("peer", "fwd"):
            moved[f"{side}_udp_rcvbuf_errors"] = k1[side]["RcvbufErrors"] - k0[side]["RcvbufErrors"]
        log(f"iperf3 UDP {label} at {UDP_RATE}bit/s: {s['packets']} datagrams, {s['lost_packets']} lost, "
            f"jitter {s['jitter_ms']:.3f} ms; tg-fwd counters meanwhile: {moved}")
        check_gt(s["packets"], 0, f"UDP {label}: datagrams")
        # A datagram the receiving kernel dropped because iperf3's socket buffer was full
        # (its namespace's RcvbufErrors: iperf3 starved of CPU on a loaded machine) crossed
        # the whole chain; every other loss is the chain's. The socket can also drop
        # datagrams iperf3 never counts as lost (the tail after its last report), so
        # the chain lost nothing when iperf3's loss is at most the socket's drops.
        receiver = "peer" if "-R" in args else "fwd"
        at_socket = moved[f"{receiver}_udp_rcvbuf_errors"]
        check_eq(max(s["lost_packets"] - at_socket, 0), 0,
                 f"UDP {label}: datagrams lost in the chain at {UDP_RATE}bit/s "
                 f"({s['lost_packets']} lost, {at_socket} of them at the receiving socket)")


def tx_dropped(ns, ifname):
    """The interface's tx dropped counter (ip -s): what the kernel lost at the device."""
    r = ip(["-s", "link", "show", "dev", ifname], ns=ns, json=True)
    return r[0]["stats64"]["tx"]["dropped"]


# A 10 Mbit/s link (pace=1 paces at the resolved speed) and the kernel sending three
# times that: the NIC's send ring fills within a second.
SLOW_LINK = ",pace=1,partner=10f"
OVERLOAD_RATE = "30M"


def test_full_send_ring_holds_back():
    """Backpressure (fwd_loop.cpp): a NIC whose send ring is full leaves the kernel's frames
    in the tap instead of tg-fwd dropping them. UDP from tg0 at three times the link speed:
    the overflow is the kernel's to count (tg0's tx dropped, what tun's queue refused) and
    tg-fwd's tx_drops stay 0. (Before, tg-fwd dropped every frame the full ring refused.)"""
    t = topo()
    fwd = t.start_fwd(["--stats-period", "1"], vdev_extra=SLOW_LINK)
    t.wait_ping("peer", t.TG_V4)
    before, k0 = fwd.counters_now(10), tx_dropped(t.fwd_ns, "tg0")
    s = iperf_client(t, "-u", "-b", OVERLOAD_RATE, "-R")["sum"]
    after, k1 = fwd.counters_now(10), tx_dropped(t.fwd_ns, "tg0")
    drops, at_tg0 = int(after["tx_drops"] - before["tx_drops"]), k1 - k0
    log(f"iperf3 UDP tg0 -> peer at {OVERLOAD_RATE}bit/s over 10 Mbit/s: {s['packets']} datagrams, "
        f"{s['bits_per_second'] / 1e6:.1f} Mbit/s received, "
        f"{s['lost_packets']} lost; tg0 tx dropped {at_tg0}, tg-fwd tx_drops {drops}")
    # (iperf3's own loss figure for -R UDP is not reliable evidence: some runs report 0 while
    # thousands of datagrams never left the kernel. tg0's drop counter is the kernel's.)
    check_gt(at_tg0, 0, "frames the kernel dropped at tg0: the link was overloaded and "
             "the overflow stayed in the kernel")
    check_eq(drops, 0, "frames tg-fwd dropped because the NIC's send ring was full")


def test_tap_rx_without_signals():
    """net_tap's per-frame rx signal is off (ports.cpp quiet_tap_rx_signal): no tap fd of
    tg-fwd has O_ASYNC (the kernel would queue a real-time signal per frame), net_tap's
    warning about it is not shown, and frames still flow both ways."""
    t = topo()
    fwd = t.start_fwd()
    t.ping("peer", t.TG_V4)
    t.ping("fwd", t.PEER_V4)
    fds = f"/proc/{fwd.pid}/fd"
    tun = [fd for fd in os.listdir(fds) if os.readlink(f"{fds}/{fd}") == "/dev/net/tun"]
    check_gt(len(tun), 0, "tap fds of tg-fwd")
    for fd in tun:
        with open(f"/proc/{fwd.pid}/fdinfo/{fd}") as f:
            flags = int(re.search(r"^flags:\s+([0-7]+)", f.read(), re.M).group(1), 8)
        check_eq(flags & os.O_ASYNC, 0, f"O_ASYNC on tap fd {fd} (flags {flags:o})")
    check("rt-signal" not in fwd.output, "net_tap's 'All rt-signals are in use' warning is not shown")


# ---------------------------------------------------------------- MTU

def test_mtu_change():
    t = topo()
    fwd = t.start_fwd()
    for side, dst in (("peer", t.TG_V4), ("fwd", t.PEER_V4)):
        t.ping(side, dst, count=1, size=1472, df=True)
    # Down to 1400: the NIC follows the kernel interface.
    mark = fwd.mark()
    ip("link set dev tg0 mtu 1400", ns=t.fwd_ns)
    fwd.wait_line(r"^tg-fwd: tg0 MTU 1400: net_tg57xx_sim0 follows$", start=mark)
    for side, dst in (("peer", t.TG_V4), ("fwd", t.PEER_V4)):
        t.ping(side, dst, count=2, size=1400 - 28, df=True)
    # A full 1500-byte packet from the peer (p0 still at 1500) no longer fits the NIC.
    check_eq(t.ping("peer", t.TG_V4, count=2, size=1472, df=True, check=False), 0,
             "1500-byte packets through a NIC at MTU 1400")
    # Back to 1500.
    mark = fwd.mark()
    ip("link set dev tg0 mtu 1500", ns=t.fwd_ns)
    fwd.wait_line(r"^tg-fwd: tg0 MTU 1500: net_tg57xx_sim0 follows$", start=mark)
    for side, dst in (("peer", t.TG_V4), ("fwd", t.PEER_V4)):
        t.ping(side, dst, count=2, size=1472, df=True)
    # Beyond what a running NIC can take (jumbo needs scattered rx, set at start): refused, said so.
    mark = fwd.mark()
    ip("link set dev tg0 mtu 9000", ns=t.fwd_ns)
    fwd.wait_line(r"^tg-fwd: net_tg57xx_sim0: cannot set MTU 9000 .*--mtu 9000", start=mark)
    t.ping("peer", t.TG_V4, count=1, size=1472, df=True)


def test_mtu_option():
    """--mtu at start: tg0 and the NIC take it; more than net_tap carries is refused with a hint."""
    t = topo()
    t.start_fwd(["--mtu", "1400"])
    check_eq(t.tg0()["mtu"], 1400, "tg0 MTU from --mtu")
    for side, dst in (("peer", t.TG_V4), ("fwd", t.PEER_V4), ("peer", t.TG_V6), ("fwd", t.PEER_V6)):
        t.ping(side, dst, count=2, size=1400 - (48 if ":" in dst else 28), df=True)
    check_eq(t.ping("peer", t.TG_V4, count=1, size=1472, df=True, check=False), 0,
             "1500-byte packets through a NIC at MTU 1400")
    t.fwd.terminate()
    wait_link(t.fwd_ns, "tg0", present=False)

    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=iface:w0,mac={NIC_MAC}"])
    r = cmd([TG_FWD, *eal.args(), "--", "--tap", "--mtu", "9000"], ns=t.fwd_ns, check=False, timeout=60)
    check_eq(r.returncode, 1, "tg-fwd --tap --mtu 9000 (net_tap carries at most 1504)")
    check(re.search(r"MTU 9000 is more than net_tap allows .*give --mtu \d+ or less", r.stdout + r.stderr),
          f"the one line saying what to do: {r.stderr.strip()[-300:]}")
    check(t.tg0() is None, "no tg0 left after the refusal")


# ---------------------------------------------------------------- link

def test_txqueuelen_option():
    """tg0's transmit queue: 4096 by default (a tap drops what its queue cannot take while tg-fwd
    is off the CPU), --txqueuelen N otherwise."""
    t = topo()
    t.start_fwd([])
    check_eq(t.tg0()["txqlen"], 4096, "tg0 txqueuelen by default")
    t.fwd.terminate()
    wait_link(t.fwd_ns, "tg0", present=False)
    t.start_fwd(["--txqueuelen", "2000"])
    check_eq(t.tg0()["txqlen"], 2000, "tg0 txqueuelen from --txqueuelen")
    t.ping("peer", t.TG_V4, count=1)


def link_flap(mode, dp=None):
    """The NIC link goes down and up twice; tg0's carrier follows, its admin state and
    addresses stay. dp: tg-fwd's end of a veth pair (--af-packet), whose admin state is
    what moves tg0's carrier."""
    t = topo()
    fwd = t.start_fwd(mode=mode)
    t.ping("peer", t.TG_V4, count=1)
    for cycle in (1, 2):
        mark = fwd.mark()
        ip("link set dev p0 down", ns=t.peer)
        wait_carrier(t.fwd_ns, "tg0", False, CARRIER_TIMEOUT)
        fwd.wait_line(r"^tg-fwd: link tg0 down \(carrier off\)$", start=mark)
        if dp is not None:
            check("UP" not in link_info(t.fwd_ns, dp)["flags"], f"cycle {cycle}: {dp} is down with the link")
        info = t.tg0()
        # Carrier, not admin state: tg0 stays UP and keeps its addresses and routes.
        check_in("UP", info["flags"], f"cycle {cycle}: tg0 admin state with the link down")
        check_in(t.TG_V4, [a for a, _ in addrs(t.fwd_ns, "tg0")], f"cycle {cycle}: tg0's IPv4 address")
        check_in(t.TG_V6, [a for a, _ in addrs(t.fwd_ns, "tg0")], f"cycle {cycle}: tg0's IPv6 address")
        check_eq(t.ping("fwd", t.PEER_V4, count=1, check=False), 0, f"cycle {cycle}: ping with the link down")

        mark = fwd.mark()
        ip("link set dev p0 up", ns=t.peer)
        wait_carrier(t.fwd_ns, "tg0", True, CARRIER_TIMEOUT)
        fwd.wait_line(r"^tg-fwd: link tg0 up 1000 Mbps full-duplex \(carrier on\)$", start=mark)
        t.wait_ping("peer", t.TG_V4)
        t.ping("peer", t.TG_V4)
        t.ping("fwd", t.PEER_V6)


def test_link_flap():
    link_flap(("--tap",))


def test_af_packet_link_flap():
    link_flap(AF_PACKET, dp="tg0-dp")


# ---------------------------------------------------------------- lifetime

def test_sigterm_removes_iface():
    t = topo()
    fwd = t.start_fwd()
    check(t.tg0() is not None, "tg0 while tg-fwd runs")
    rc = fwd.terminate()
    check_eq(rc, 0, "tg-fwd exit status after SIGTERM")
    check(re.search(r"^tg-fwd: stopped", fwd.output, re.M), "tg-fwd's final stats line")
    wait_link(t.fwd_ns, "tg0", present=False)
    check_eq(sorted(t.fwd_ns.links()), ["lo", "w0"], "interfaces left in tg-fwd's namespace")


def test_persist_keeps_iface():
    t = topo()
    fwd = t.start_fwd(["--persist"])
    index = t.tg0()["ifindex"]
    ip(["route", "add", "10.78.0.0/24", "via", t.PEER_V4], ns=t.fwd_ns)
    defer(lambda: t.fwd_ns.exists() and t.fwd_ns.has_link("tg0") and ip("link del dev tg0", ns=t.fwd_ns))
    check_eq(fwd.terminate(), 0, "tg-fwd exit status after SIGTERM")
    info = t.tg0()
    check(info is not None, "tg0 after tg-fwd --persist exited")
    have = [a for a, _ in addrs(t.fwd_ns, "tg0")]
    check_in(t.TG_V4, have, "tg0 kept its IPv4 address")
    check_in(t.TG_V6, have, "tg0 kept its IPv6 address")

    # A second tg-fwd --persist takes the same interface, configuration and all.
    fwd = t.start_fwd(["--persist"], address=False)
    check_eq(t.tg0()["ifindex"], index, "the restarted tg-fwd reused tg0")
    routes = ip(["route", "show", "10.78.0.0/24"], ns=t.fwd_ns, json=True)
    check(routes and routes[0].get("gateway") == t.PEER_V4, f"tg0's route survived: {routes}")
    t.wait_ping("peer", t.TG_V4)
    t.ping("fwd", t.PEER_V6)
    check_eq(fwd.terminate(), 0, "second tg-fwd exit status")
    check(t.tg0() is not None, "tg0 after the second run")
    ip("link del dev tg0", ns=t.fwd_ns)
    wait_link(t.fwd_ns, "tg0", present=False)


# ---------------------------------------------------------------- --af-packet

def test_af_packet():
    """--af-packet: tg0 is the kernel's end of a veth pair whose other end, tg0-dp, net_af_packet
    reads and writes. tg0 has the NIC's MAC and sends without checksum offload (a frame with only
    the pseudo-header sum would reach the wire unfinished); tg0-dp has no IPv6 (the kernel would
    send router solicitations from it, and net_af_packet would forward them to the wire). Frames
    go both ways, TCP too (with a wrong checksum none would arrive); tg0's MTU moves the NIC and
    tg0-dp; SIGTERM removes the pair."""
    t = topo()
    fwd = t.start_fwd(mode=AF_PACKET)
    check_eq(t.tg0()["address"], NIC_MAC, "tg0 carries the NIC's MAC address")
    check_in(f"net_tg57xx_sim0 {NIC_MAC} <-> tg0 (net_af_packet_tg0,", fwd.output, "tg-fwd's port line")
    kind = ip("-d link show dev tg0", ns=t.fwd_ns, json=True)[0].get("linkinfo", {}).get("info_kind")
    check_eq(kind, "veth", "tg0's kind")
    check(link_info(t.fwd_ns, "tg0-dp") is not None, "tg-fwd's end of the pair, tg0-dp")
    features = cmd(["ethtool", "-k", "tg0"], ns=t.fwd_ns).stdout
    check(re.search(r"^tx-checksumming: off", features, re.M), "tg0 sends without checksum offload")
    check_eq(cmd(["sysctl", "-n", "net.ipv6.conf.tg0-dp.disable_ipv6"], ns=t.fwd_ns).stdout.strip(), "1",
             "no IPv6 on tg0-dp")
    for side, dst in (("peer", t.TG_V4), ("fwd", t.PEER_V4), ("peer", t.TG_V6), ("fwd", t.PEER_V6)):
        t.ping(side, dst)
    for label, args in (("peer -> tg0", ()), ("tg0 -> peer", ("-R",))):
        rx = iperf_client(t, *args)["sum_received"]
        log(f"iperf3 TCP {label} through net_af_packet: {rx['bits_per_second'] / 1e6:.0f} Mbit/s")
        check_gt(rx["bytes"], 0, f"TCP {label}: bytes received")

    mark = fwd.mark()
    ip("link set dev tg0 mtu 1400", ns=t.fwd_ns)
    fwd.wait_line(r"^tg-fwd: tg0 MTU 1400: net_tg57xx_sim0 follows$", start=mark)
    check_eq(link_info(t.fwd_ns, "tg0-dp")["mtu"], 1400, "tg0-dp's MTU follows tg0's")
    for side, dst in (("peer", t.TG_V4), ("fwd", t.PEER_V4)):
        t.ping(side, dst, count=2, size=1400 - 28, df=True)

    check_eq(fwd.terminate(), 0, "tg-fwd exit status after SIGTERM")
    wait_link(t.fwd_ns, "tg0", present=False)
    check_eq(sorted(t.fwd_ns.links()), ["lo", "w0"], "interfaces left in tg-fwd's namespace")


def test_virtio_user_no_vhost_net():
    """--virtio-user without /dev/vhost-net: net_tap fallback; =strict refuses with exit 1."""
    if os.path.exists("/dev/vhost-net"):
        raise Skip("/dev/vhost-net exists: the fallback path is not reachable here")
    t = topo()
    fwd = t.start_fwd(mode=("--virtio-user",))
    check(re.search(r"/dev/vhost-net is not usable .*: using net_tap instead", fwd.output),
          "tg-fwd says it falls back to net_tap")
    t.ping("peer", t.TG_V4)
    check_eq(fwd.terminate(), 0, "tg-fwd exit status")
    wait_link(t.fwd_ns, "tg0", present=False)

    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=iface:w0,mac={NIC_MAC}"])
    r = cmd([TG_FWD, *eal.args(), "--", "--virtio-user=strict"], ns=t.fwd_ns, check=False, timeout=60)
    check_eq(r.returncode, 1, "tg-fwd --virtio-user=strict without /dev/vhost-net")
    check_in("modprobe vhost_net", r.stderr, "the one line saying what to do")
    check(t.tg0() is None, "no tg0 after the refusal")


def test_virtio_user_vhost_peer():
    """The virtio-user path against a net_vhost peer: testpmd answers ARP/ICMP behind it."""
    t = topo()
    tp, sock, vhost_mac = vhost_echo_peer()
    fwd = t.start_fwd(["--virtio-user-path", sock], mode=())
    check(re.search(r"net_tg57xx_sim0 .*<-> - \(net_virtio_user", fwd.output), "tg-fwd's port line (no kernel iface)")
    check(t.tg0() is None, "no kernel interface in virtio-user test mode")
    reach_vhost_peer(t, vhost_mac)
    t.ping("peer", t.TG_V4, count=5)
    check_eq(fwd.terminate(), 0, "tg-fwd exit status")
    fs = tp.stop()
    tp.quit()
    log(f"vhost peer: rx {fs[0]['rx']} tx {fs[0]['tx']}")
    check(fs[0]["rx"] >= 6 and fs[0]["tx"] >= 6, f"testpmd behind vhost-user answered: {fs[0]}")


CASES = [
    test_ping_arp_v4, test_ping_v6, test_iperf3_tcp, test_iperf3_udp, test_full_send_ring_holds_back,
    test_tap_rx_without_signals, test_mtu_change, test_mtu_option, test_txqueuelen_option,
    test_link_flap, test_af_packet_link_flap, test_sigterm_removes_iface, test_persist_keeps_iface,
    test_af_packet, test_virtio_user_no_vhost_net, test_virtio_user_vhost_peer,
]


def main():
    global TG_FWD, PLUGIN
    TG_FWD, PLUGIN, run_cases = main_for(__doc__, CASES, "network namespaces, veth, tap")
    return run_cases()


if __name__ == "__main__":
    sys.exit(main())
