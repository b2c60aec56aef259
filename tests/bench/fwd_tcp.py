# SPDX-License-Identifier: BSD-3-Clause
"""The iperf3 TCP part of fwd_bench (issue 12 item 1), in one run:

  chain: peer ns: p0 <-veth-> w0 <- model (wire=iface:w0[,pace=1]) <- net_tg57xx
         <- tg-fwd -> net_tap / virtio-user / net_af_packet + veth -> tg0 (fwd ns)
  peer:  the same iperf3 between two namespaces over a plain veth pair, and for
         the paced chain over a veth pair shaped to 1G both ways (veth_paced).

For each chain (net_tap unpaced, net_tap paced at 1G line rate, --virtio-user
unpaced, --af-packet unpaced and paced) and for the plain veth: one stream peer -> tg0 ("in": NIC -> kernel),
tg0 -> peer ("out", iperf3 -R), and both at once (--bidir). The peer p0 keeps
its default offloads (TSO/GSO/checksum) unless --peer-tx-off: the wire takes
GSO super-frames through PACKET_VNET_HDR and cuts them into MTU frames.

The paced chain stands for a real 1G link, so the peer gets a 1G NIC too:
p0's egress is shaped by tbf to 1 Gbit/s of wire time (PEER_NIC_RATE_BPS),
with a queue deeper than TCP small queues lets one flow fill, so the peer's
TCP meets backpressure from its own "NIC" as on a real wire, not loss further
on (the model paces its receive side too, pace=1). The unpaced chains and the
plain veth are not shaped (nor the paced one with --peer-unshaped, for A/B runs).
The paced chain's peer figure is the kernel alone on the same 1G line:
veth_paced shapes both ends with that tbf and turns TSO/GSO off, so each frame
is counted with its own headers, as a wire carries it.

Each figure is printed as a BENCH-RESULT line (format: benchlib.py) with the
peer's figure (plain veth, or veth_paced for the paced chain) of the same
direction.
Retransmits are per cent of the segments sent (bytes sent / MSS). Each run
also prints how busy the machine's CPUs were and how much of their time the
hypervisor stole (/proc/stat): on a VM whose host is busy, a stolen share of
tens of per cent takes the paced chain's model thread off its CPU for
milliseconds, and no figure of that run says much about the code.
"""
import json
import os
import re
import socket

import benchlib

# TCP payload per segment at MTU 1500 with timestamps (1500 - 20 - 20 - 12).
MSS_BYTES = 1448
# Physical limit of a 1G card: TCP goodput at MTU 1500 (issue 12).
TARGET_GBPS = 0.941
TARGET_RETR_PCT = 0.1

# The peer's 1G "NIC" in the paced case: tbf counts the bytes of each frame (1514 at
# MTU 1500), a 1G line also carries preamble+SFD, FCS and the gap (8 + 4 + 12 B, IEEE
# 802.3), so full-size frames leave at 1 Gbit/s of wire time at this rate.
LINE_BPS = 1_000_000_000
FULL_FRAME_BYTES = 1514
WIRE_OVERHEAD_BYTES = 24
PEER_NIC_RATE_BPS = LINE_BPS * FULL_FRAME_BYTES // (FULL_FRAME_BYTES + WIRE_OVERHEAD_BYTES)
# Bucket: one GSO super-frame (64 KiB) passes whole instead of being cut in the peer.
PEER_NIC_BURST_BYTES = 64 * 1024
# Queue: above tcp_limit_output_bytes (4 MiB on Linux 6.x), so TCP small queues stop a
# flow before tbf would drop (a NIC's TX ring pushes back, it does not lose).
PEER_NIC_LIMIT_BYTES = 8 * 1024 * 1024

# (direction, iperf3 client options)
DIRECTIONS = (("in", ()), ("out", ("-R",)), ("bidir", ("--bidir",)))

# (case name, tg-fwd kernel-side mode, devargs appended to the sim vdev, peer on a 1G NIC)
CHAINS = (
    ("tap", ("--tap",), "", False),
    ("tap_paced", ("--tap",), ",pace=1", True),
    ("vuser", ("--virtio-user",), "", False),
    ("afp", ("--af-packet",), "", False),
    ("afp_paced", ("--af-packet",), ",pace=1", True),
)
# Peer figures: the kernel alone over a veth pair, unshaped, or for the paced chain shaped
# to a 1G line both ways (veth_paced) - what this machine's kernel makes of a 1G link.
VETH_CASES = ("veth", "veth_paced")
PEER_CASE = {"tap_paced": "veth_paced", "afp_paced": "veth_paced"}
PEER_LABEL = {"veth": "plain veth", "veth_paced": "veth shaped to 1G both ways"}


def model_counter(prefix, name, port=0):
    """A chip-model counter of port `port` in the primary with EAL file prefix `prefix`, through
    the net_tg57xx_sim telemetry command /tg57xx_sim/counters; None if it cannot be read."""
    from tg57xx_e2e.leaks import dpdk_runtime_base  # the harness is on sys.path once a bench runs
    path = os.path.join(dpdk_runtime_base(), prefix, "dpdk_telemetry.v2")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as s:
            s.settimeout(5)
            s.connect(path)
            s.recv(1 << 16)  # the greeting
            s.send(f"/tg57xx_sim/counters,{port}".encode())
            reply = json.loads(s.recv(1 << 16).decode())
        return (reply.get("/tg57xx_sim/counters") or {}).get(name)
    except (OSError, ValueError):
        return None


def _flow(sent, received):
    """(Gbit/s received, retransmits, retransmit %) of one direction's iperf3 sums."""
    segs = max(1, sent.get("bytes", 0) // MSS_BYTES)
    retr = sent.get("retransmits", 0)
    return received["bits_per_second"] / 1e9, retr, 100.0 * retr / segs


def parse(text, direction):
    """{'in'|'out': flow} of one iperf3 -J run (client = the peer side)."""
    end = json.loads(text)["end"]
    main = _flow(end["sum_sent"], end["sum_received"])
    if direction == "in":
        return {"in": main}
    if direction == "out":
        return {"out": main}
    return {"in": main, "out": _flow(end["sum_sent_bidir_reverse"], end["sum_received_bidir_reverse"])}


class TcpBench:
    """Runs the cases of the module docstring on the tests/e2e harness."""

    def __init__(self, e2e, a, tg_fwd, sysctl, ping_ok, log):
        self.e2e, self.a, self.tg_fwd, self.sysctl, self.ping_ok, self.log = e2e, a, tg_fwd, sysctl, ping_ok, log
        self.res = {}  # (case, direction, 'in'|'out') -> flow
        self.cpu = {}  # (case, direction) -> (busy %, stolen %) of all CPUs during the run

    def iperf(self, server_ns, server_ip, client_ns, opts):
        e2e, secs = self.e2e, self.a.seconds
        srv = e2e.bkg(["iperf3", "-s", "-1", "--forceflush", "-B", server_ip], ns=server_ns,
                      ready=r"Server listening", name="iperf3-s")
        r = e2e.cmd(["iperf3", "-c", server_ip, "-t", f"{secs:g}", "-J", *opts], ns=client_ns, timeout=secs + 60)
        srv.stop()
        return r.stdout

    def all_directions(self, case, server_ns, server_ip, client_ns, fw=None):
        """fw: tg-fwd of a paced chain, whose model says how much receive line time it lost by
        running late (mac_rx_pace_late_ns: the model's own gap, not the host's)."""
        late = lambda: model_counter(fw.file_prefix, "mac_rx_pace_late_ns") if fw is not None else None  # noqa: E731
        for d, opts in DIRECTIONS:
            if d not in self.a.dirs:
                continue
            late0, cpu0 = late(), benchlib.cpu_times()
            text = self.iperf(server_ns, server_ip, client_ns, opts)
            busy, stolen = self.cpu[(case, d)] = benchlib.cpu_share(cpu0, benchlib.cpu_times())
            for way, flow in parse(text, d).items():
                self.res[(case, d, way)] = flow
                self.log(f"  {case:<10} {d:<6} {way:<4} {flow[0]:7.3f} Gbit/s  {flow[1]:6d} retransmits "
                         f"({flow[2]:.3f}%)")
            self.log(f"  {case:<10} {d:<6} CPUs: {busy:.0f}% busy, {stolen:.0f}% stolen by the hypervisor")
            late1 = late()
            if late0 is not None and late1 is not None:
                self.log(f"  {case:<10} {d:<6} model: {(late1 - late0) / 1e6:.1f} ms of receive line time lost "
                         f"to its own late thread in {self.a.seconds:g} s (mac_rx_pace_late_ns)")

    def shape_peer(self, ns, dev):
        """Egress of `dev` in `ns` at the peer NIC's line rate (module docstring); logs the qdisc."""
        e2e = self.e2e
        e2e.cmd(["tc", "qdisc", "replace", "dev", dev, "root", "tbf", "rate", f"{PEER_NIC_RATE_BPS}bit",
                 "burst", str(PEER_NIC_BURST_BYTES), "limit", str(PEER_NIC_LIMIT_BYTES)], ns=ns)
        shown = e2e.cmd(["tc", "qdisc", "show", "dev", dev], ns=ns).stdout.strip()
        self.log(f"  peer NIC: {dev} egress {shown}")

    def peer_drops(self, ns, dev):
        """Packets the peer's qdisc on `dev` dropped (tc -s), or None if it says none."""
        text = self.e2e.cmd(["tc", "-s", "qdisc", "show", "dev", dev], ns=ns).stdout
        m = re.search(r"dropped (\d+)", text)
        return int(m.group(1)) if m else None

    def chain(self, case, mode, devargs, shaped):
        def fn():
            e2e = self.e2e
            peer, fwd = e2e.NetNS("tgbp"), e2e.NetNS("tgbf")
            e2e.Veth("p0", peer, "w0", fwd).up()
            self.sysctl(fwd, "net.ipv4.conf.w0.arp_ignore=1", "net.ipv6.conf.w0.disable_ipv6=1")
            e2e.ip("addr add 10.77.0.1/24 dev p0", ns=peer)
            if self.a.peer_tx_off:
                e2e.cmd(["ethtool", "-K", "p0", "tx", "off"], ns=peer)
            shape = shaped and not self.a.peer_unshaped
            if shape:
                self.shape_peer(peer, "p0")
            fw = self.tg_fwd(fwd, f"net_tg57xx_sim0,wire=iface:w0{devargs}", mode=mode, extra=self.a.fwd_arg)
            e2e.ip("addr add 10.77.0.2/24 dev tg0", ns=fwd)
            e2e.ip("link set tg0 up", ns=fwd)
            e2e.wait_until(lambda: self.ping_ok(peer, "10.77.0.2"), 30, "ping through the chain")
            self.all_directions(case, fwd, "10.77.0.2", peer, fw if "pace=1" in devargs else None)
            if shape:
                self.log(f"  peer NIC: {self.peer_drops(peer, 'p0')} packets dropped by its queue")
            fw.stop()
        return fn

    def veth(self, case="veth"):
        """The plain veth pair; as "veth_paced" a 1G link both ways: each end sends every
        frame as a packet (TSO/GSO off: tbf counts a super-frame's headers once, a wire
        carries them per frame) through the same tbf as the paced chain's peer."""
        e2e = self.e2e
        s, r = e2e.NetNS("tgbs"), e2e.NetNS("tgbr")
        e2e.Veth("va", s, "vb", r).up()
        if case == "veth_paced":
            for ns, dev in ((s, "va"), (r, "vb")):
                e2e.cmd(["ethtool", "-K", dev, "tso", "off", "gso", "off"], ns=ns)
                self.shape_peer(ns, dev)
        e2e.ip("addr add 10.78.0.1/24 dev va", ns=s)
        e2e.ip("addr add 10.78.0.2/24 dev vb", ns=r)
        e2e.wait_until(lambda: self.ping_ok(s, "10.78.0.2"), 30, "ping over veth")
        self.all_directions(case, r, "10.78.0.2", s)

    def run(self, run_case):
        # New namespaces inherit the host's congestion control (BBR or cubic changes what a
        # single stream does with a bursty bottleneck): say which one every figure used.
        with open("/proc/sys/net/ipv4/tcp_congestion_control") as f:
            self.log(f"# TCP congestion control: {f.read().strip()} (the host's default, inherited by every namespace)")
        if "veth" in self.a.chains:
            run_case("iperf3 TCP over a plain veth pair (the peer figure)", self.veth)
        if "veth_paced" in self.a.chains:
            run_case("iperf3 TCP over a veth pair shaped to 1G both ways, no TSO/GSO (the paced chain's peer figure)",
                     lambda: self.veth("veth_paced"))
        for case, mode, devargs, shaped in CHAINS:
            if case not in self.a.chains:
                continue
            run_case(f"iperf3 TCP through the chain: {case}", self.chain(case, mode, devargs, shaped))

    def issue12_rows(self):
        """The three iperf3 rows of the issue-12 table (benchlib.ISSUE12): the unpaced
        net_tap chain; --bidir is its slower direction."""
        rows = (("iperf3-to-kernel", (("in", "in"),)), ("iperf3-from-kernel", (("out", "out"),)),
                ("iperf3-bidir", (("bidir", "in"), ("bidir", "out"))))
        for name, keys in rows:
            got = [(self.res.get(("tap",) + k), self.res.get(("veth",) + k)) for k in keys]
            if any(f is None for f, _ in got):
                benchlib.result(name, None, None, "Gbit/s", f"figure>={TARGET_GBPS}", "not measured")
                continue
            f, v = min(got, key=lambda fv: fv[0][0])
            stolen = self.cpu.get(("tap", keys[0][0]), (0.0, 0.0))[1]
            benchlib.result(name, f[0], v[0] if v else None, "Gbit/s", f"figure>={TARGET_GBPS}",
                            f"iperf3 TCP net_tap chain, {f[2]:.2f}% retransmits, {stolen:.0f}% CPU stolen "
                            "(peer: plain veth)")

    def report(self):
        secs = self.a.seconds
        self.log(f"iperf3 TCP, one stream per direction, {secs:g} s, receiver goodput "
                 f"(peer offloads {'off' if self.a.peer_tx_off else 'on'}):")
        self.log(f"  {'case':<10} {'dir':<6} {'way':<4} {'Gbit/s':>8} {'veth':>8} {'ratio':>6} {'retr %':>7} "
                 f"{'stolen %':>8}")
        for case in [c for c, _, _, _ in CHAINS] + ["veth_paced"]:
            for d, _ in DIRECTIONS:
                for way in ("in", "out"):
                    peer_case = None if case in VETH_CASES else PEER_CASE.get(case, "veth")
                    f, v = self.res.get((case, d, way)), self.res.get((peer_case, d, way))
                    if f is None:
                        continue
                    peer = v[0] if v else 0.0
                    ratio = f"{f[0] / peer:6.3f}" if peer else f"{'-':>6}"
                    stolen = self.cpu.get((case, d), (0.0, 0.0))[1]
                    shown = f"{peer:8.3f}" if peer else f"{'-':>8}"
                    self.log(f"  {case:<10} {d:<6} {way:<4} {f[0]:8.3f} {shown} {ratio} {f[2]:7.3f} "
                             f"{stolen:8.1f}")
                    if peer_case is None:
                        continue  # a peer figure: shown above, no target of its own
                    name = f"tcp-{case.replace('_', '-')}-{d}-{way}"
                    label = f"iperf3 TCP {case} {d} ({way}) through the chain (peer: {PEER_LABEL[peer_case]})"
                    benchlib.result(name, f[0], peer, "Gbit/s", f"figure>={TARGET_GBPS}", label)
                    benchlib.result(name + "-retr", f[2], v[2] if v else None, "%",
                                    f"figure<={TARGET_RETR_PCT}", label + ": retransmits")
        self.issue12_rows()
        for chain, what in (("tap", "tcp chain/veth"), ("tap_paced", "tcp paced chain/1G veth"),
                            ("afp", "tcp af-packet chain/veth"), ("afp_paced", "tcp paced af-packet chain/1G veth")):
            peer = PEER_CASE.get(chain, "veth")
            if (chain, "in", "in") in self.res and (peer, "in", "in") in self.res:
                benchlib.ratio(what, self.res[(chain, "in", "in")][0], self.res[(peer, "in", "in")][0], "Gbit/s")
