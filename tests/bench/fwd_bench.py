#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""fwd bench (issue 6 item 11): tg-fwd next to its peers, in one run.

1. TCP (fwd_tcp.py): iperf3 each way and --bidir through the whole chain
     peer ns: p0 <-veth-> w0 <- model (wire=iface:w0) <- net_tg57xx <- tg-fwd -> net_tap -> tg0 (fwd ns)
   (net_tap unpaced, paced at 1G line rate with pace=1 and the peer's veth
   shaped to 1G as its own NIC would send, --virtio-user),
   next to the same iperf3 over a plain veth pair; the peer keeps its
   offloads (the wire cuts GSO super-frames) unless --peer-tx-off.
2. 64 B packets per second NIC -> kernel (issue 12 item 2; pps_cases below):
   the generator is the far end of the NIC's cable: the sim port's wire
   replays a capture of 256 minimum-size IPv4/UDP frames (256 flows) in a loop
   at 1G line rate (wire=[pcap:GEN,,loop],pace=1: 1.488 Mpps offered, no
   process or socket of its own). Interleaved rounds of tg-fwd -> net_tap,
   testpmd io between the same two ports, and tg-fwd's virtio-user path
   against a net_vhost peer (no /dev/vhost-net here) served the way vhost-net
   serves a guest (tg57xx-vhost-sink, vhost_sink.cpp: it sleeps until kicked
   when the ring is empty) and, for comparison, against testpmd rxonly
   (busy-polls); best of --rounds each. BENCH-RESULT lines
   pps-tgfwd-vs-testpmd and pps-virtio-vs-tap (tests/bench/benchlib.py).

Bounded: every iperf3 and every window lasts --seconds (default 4); every
process, namespace and veth is removed on every path (tests/e2e's harness:
defer/run_deferred, SIGTERM turned into an exception).

Exit: 0 when it measured, 77 (skip) without root or a tool, 1 when a
measurement failed.

  tests/bench/fwd_bench.py --tg-fwd build/app/tg-fwd/tg-fwd \
      --plugin build/drivers/net/tg57xx_sim/librte_net_tg57xx_sim.so [--seconds 4] [--only tcp|pps]
      [--chains veth,veth_paced,tap,tap_paced,vuser,afp,afp_paced] [--dirs in,out,bidir]
      [--fwd-arg=--idle-sleep=1]... [--vhost-sink build/tests/bench/tg57xx-vhost-sink]

On a shared machine a single run says little (the chain is three busy-polling
threads plus two kernels' worth of softirq work): compare builds in
interleaved back-to-back runs of a few cases (--chains/--dirs) and note the
load average with each.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchlib  # noqa: E402
import fwd_tcp  # noqa: E402

# Generator -> sim port MAC (the port tg-fwd / testpmd serve); locally administered.
SIM_MAC = "02:00:00:57:76:01"


def log(msg=""):
    print(msg, flush=True)


# ------------------------------------------------------------------ pps (issue 12 item 2)
PPS_ROWS = [
    ("tg-fwd (sim port -> net_tap tg0)", "pps_tgfwd"),
    ("tg-fwd --af-packet (sim port -> veth tg0-dp -> tg0)", "pps_afp"),
    ("testpmd io forwarding between the same two ports", "pps_testpmd"),
    ("tg-fwd --virtio-user-path -> net_vhost, served as vhost-net", "pps_virtio"),
    ("tg-fwd --virtio-user-path -> net_vhost, testpmd rxonly", "pps_virtio_tp"),
    ("offered: looped capture at line rate (testpmd case: rx + missed)", "pps_offered"),
]


def gen_capture(path, flows=256):
    """The generator's capture: `flows` minimum-size frames (60 B + FCS on the line) to
    SIM_MAC, IPv4/UDP from 198.18.0.1 to 198.18.1.0/24 (RFC 2544's benchmark range)."""
    from tg57xx_e2e import pkt
    frames = []
    for i in range(flows):
        dst = f"198.18.1.{i % 256}"
        l4 = pkt.udp("198.18.0.1", dst, 9, 9, bytes(18))
        frames.append(pkt.eth(SIM_MAC, "02:00:00:00:00:01", pkt.ETH_P_IP, pkt.ipv4("198.18.0.1", dst, 17, l4)))
    assert all(len(f) == 60 for f in frames)
    pkt.write_pcap(path, frames)


def pps_cases(e2e, a, res):
    """64 B NIC -> kernel pps. The generator is the sim port's own wire: a looped replay
    of gen_capture() at 1G line rate (pace=1). Interleaved rounds (best of each) of
      tgfwd    tg-fwd: sim port -> net_tap tg0 (tg0 rx_packets)
      afp      tg-fwd --af-packet: sim port -> net_af_packet on tg0-dp -> veth tg0
               (tg0 rx_packets; reported, not a target)
      testpmd  dpdk-testpmd io between the same two ports (tg0 rx_packets; and the
               sim port's rx + missed: what the wire offered)
      virtio   tg-fwd --virtio-user-path: sim port -> virtio-user -> a net_vhost port of
               tg57xx-vhost-sink (its count file), the stand-in for the kernel's
               vhost-net where there is no /dev/vhost-net: like vhost-net it takes frames
               while the ring has some and sleeps until kicked when it is empty
      virtio_tp    the same into testpmd rxonly on net_vhost (its rx count): a peer that
               busy-polls the CPU it shares with tg-fwd (reported, not a target)."""
    from tg57xx_e2e import dpdk, netns
    from tg57xx_e2e.fwd import vhost_echo_peer

    secs = a.seconds

    def rx_packets(ns, ifname):
        info = e2e.ip(["-s", "link", "show", "dev", ifname], ns=ns, json=True)
        return info[0]["stats64"]["rx"]["packets"]

    def window(count):
        """count() per second over `secs`, after a 1 s settle."""
        time.sleep(1.0)
        c0, t0 = count(), time.monotonic()
        time.sleep(secs)
        c1, t1 = count(), time.monotonic()
        return (c1 - c0) / (t1 - t0)

    if not os.access(a.vhost_sink, os.X_OK):
        raise RuntimeError(f"--vhost-sink {a.vhost_sink} is not an executable (build it: ninja -C build)")
    d = tempfile.mkdtemp(prefix="tg57xx-pps-")
    e2e.defer(shutil.rmtree, d, ignore_errors=True)
    gen = os.path.join(d, "gen.pcap")
    gen_capture(gen)
    fwd = e2e.NetNS("tgbf")
    sim = f"net_tg57xx_sim0,wire=[pcap:{gen},,loop],pace=1,mac={SIM_MAC}"

    def tg_fwd(mode):
        eal = dpdk.Eal(a.plugin, vdevs=[sim], lcores="0-1")
        argv = ["stdbuf", "-oL", "-eL", a.tg_fwd, *eal.args(), "--", *mode, "--stats-period", "0"]
        return e2e.bkg(argv, ns=fwd, ready=r"tg-fwd: ready", timeout=60, name="tg-fwd")

    def kernel_side(mode):
        fw = tg_fwd(mode)
        netns.wait_link(fwd, "tg0")
        e2e.ip("link set tg0 up", ns=fwd)
        rate = window(lambda: rx_packets(fwd, "tg0"))
        fw.stop()
        netns.wait_link(fwd, "tg0", present=False)
        return rate

    def with_tgfwd():
        return kernel_side(["--tap"])

    def with_afp():
        return kernel_side(["--af-packet"])

    def with_testpmd():
        teal = dpdk.Eal(a.plugin, vdevs=[sim, f"net_tap0,iface=tg0,mac={SIM_MAC}"], lcores="0-1")
        tp = dpdk.Testpmd(teal, ["--port-topology=paired"], ns=fwd)
        tp.cmd("set fwd io")
        tp.cmd("start")
        netns.wait_link(fwd, "tg0")
        e2e.ip("link set tg0 up", ns=fwd)
        s0, t0 = tp.port_stats()[0], time.monotonic()  # offered: over window()'s settle and its span
        rate = window(lambda: rx_packets(fwd, "tg0"))
        s1, t1 = tp.port_stats()[0], time.monotonic()
        res.setdefault("pps_offered_all", []).append(
            (s1["rx"] + s1["rx_missed"] - s0["rx"] - s0["rx_missed"]) / (t1 - t0))
        tp.cmd("stop")
        tp.quit()
        netns.wait_link(fwd, "tg0", present=False)
        return rate

    def with_virtio():
        sock, count = os.path.join(d, "vhost.sock"), os.path.join(d, "sink.count")
        seal = dpdk.Eal(None, vdevs=[f"net_vhost0,iface={sock},client=0"], lcores="0-1",
                        extra=["--log-level=lib.vhost.config:warning"])
        sink = e2e.bkg(["stdbuf", "-oL", "-eL", os.path.abspath(a.vhost_sink), *seal.args(), "--", "--count-file", count],
                       ready=r"vhost-sink: ready", timeout=60, name="vhost-sink")
        fw = tg_fwd(["--virtio-user-path", sock])

        def received():
            with open(count) as f:
                return int(f.read())
        rate = window(received)
        fw.stop()
        sink.stop()
        return rate

    def with_virtio_tp():
        tp, sock, _ = vhost_echo_peer()
        tp.cmd("stop")
        tp.cmd("set fwd rxonly")
        tp.cmd("start")
        fw = tg_fwd(["--virtio-user-path", sock])
        rate = window(lambda: tp.port_stats()[0]["rx"])
        fw.stop()
        tp.cmd("stop")
        tp.quit()
        return rate

    # Interleaved rounds (A B C A B C ...), best of each: other load on the
    # machine comes and goes, and hits every case the same way on average.
    cases = (("pps_tgfwd", with_tgfwd), ("pps_afp", with_afp), ("pps_testpmd", with_testpmd),
             ("pps_virtio", with_virtio), ("pps_virtio_tp", with_virtio_tp))
    for _ in range(a.rounds):
        for key, fn in cases:
            res.setdefault(key + "_all", []).append(fn())
    for key, _ in cases:
        res[key] = max(res[key + "_all"])
    res["pps_offered"] = max(res["pps_offered_all"])


def pps_report(res, a, row):
    log(f"64 B frames NIC -> kernel (or the vhost peer), received per second over {a.seconds:g} s:")
    for label, key in PPS_ROWS:
        row(label, key, "Mpps", 1e-6)
    if "pps_tgfwd_all" in res:
        each = lambda k: ", ".join(f"{v / 1e6:.3f}" for v in res.get(k, []))  # noqa: E731
        log(f"  (best of {a.rounds} interleaved rounds; tg-fwd: {each('pps_tgfwd_all')}; "
            f"--af-packet: {each('pps_afp_all')}; "
            f"testpmd: {each('pps_testpmd_all')}; virtio-user: {each('pps_virtio_all')}; "
            f"virtio-user into testpmd: {each('pps_virtio_tp_all')} Mpps)")
    if not os.path.exists("/dev/vhost-net"):
        log("  (no /dev/vhost-net here: the virtio-user path is measured against a net_vhost peer; "
            "tg57xx-vhost-sink counts and frees what vhost-net would pass into the kernel's stack)")


def pps_results(res):
    """RATIO and BENCH-RESULT lines of the pps cases (issue 12 item 2)."""
    mpps = lambda k: res[k] / 1e6 if k in res else None  # noqa: E731
    if "pps_tgfwd" in res and "pps_testpmd" in res:
        benchlib.ratio("pps tg-fwd/testpmd-io", mpps("pps_tgfwd"), mpps("pps_testpmd"), "Mpps")
    if "pps_virtio" in res and "pps_tgfwd" in res:
        benchlib.ratio("pps virtio-user/net_tap", mpps("pps_virtio"), mpps("pps_tgfwd"), "Mpps")
    if "pps_afp" in res and "pps_tgfwd" in res:
        benchlib.ratio("pps af-packet/net_tap", mpps("pps_afp"), mpps("pps_tgfwd"), "Mpps")
    benchlib.result("pps-tgfwd-vs-testpmd", mpps("pps_tgfwd"), mpps("pps_testpmd"), "Mpps", "ratio>=1.0",
                    "64 B NIC -> kernel pps: tg-fwd (peer: testpmd io, same ports)")
    peer = "net_vhost peer served as vhost-net" if not os.path.exists("/dev/vhost-net") else "vhost-net"
    benchlib.result("pps-virtio-vs-tap", mpps("pps_virtio"), mpps("pps_tgfwd"), "Mpps", "ratio>=2.0",
                    f"64 B NIC -> pps: tg-fwd virtio-user ({peer}) (peer: tg-fwd net_tap)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tg-fwd", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--only", choices=["tcp", "pps"])
    ap.add_argument("--lcores", default="0-1", help="tg-fwd's EAL -l (its main lcore controls, workers forward)")
    ap.add_argument("--peer-tx-off", action="store_true",
                    help="TCP: turn the peer's tx offloads off (ethtool -K p0 tx off) instead of keeping them")
    ap.add_argument("--peer-unshaped", action="store_true",
                    help="TCP: leave the peer's veth unshaped in the paced case too (for A/B runs)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved pps rounds (best of)")
    ap.add_argument("--vhost-sink", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                         "build", "tests", "bench", "tg57xx-vhost-sink"),
                    help="pps: the vhost-net stand-in (built as build/tests/bench/tg57xx-vhost-sink)")
    ap.add_argument("--chains", default="veth,veth_paced,tap,tap_paced,vuser,afp,afp_paced",
                    help="TCP: comma-separated cases to run (veth, veth_paced = the plain and 1G-shaped veth peer "
                    "figures)")
    ap.add_argument("--dirs", default="in,out,bidir", help="TCP: comma-separated directions to run")
    ap.add_argument("--fwd-arg", action="append", default=[],
                    help="TCP: one more tg-fwd option for the chains (repeatable), e.g. --fwd-arg=--idle-sleep=1")
    a = ap.parse_args()
    a.chains, a.dirs = a.chains.split(","), a.dirs.split(",")
    known = {c for c, _, _, _ in fwd_tcp.CHAINS} | set(fwd_tcp.VETH_CASES)
    if not set(a.chains) <= known or not set(a.dirs) <= {d for d, _ in fwd_tcp.DIRECTIONS}:
        ap.error(f"--chains: some of {sorted(known)}; --dirs: some of in,out,bidir")
    e2e, code = benchlib.e2e_harness(a, ("iperf3", "dpdk-testpmd", "ethtool", "stdbuf", "tc"))
    if e2e is None:
        return code
    from tg57xx_e2e import dpdk, netns

    secs = a.seconds
    res = {}
    failed = []

    def tg_fwd(ns, vdev, extra=(), mode=("--tap",)):
        eal = dpdk.Eal(a.plugin, vdevs=[vdev], lcores=a.lcores)
        argv = ["stdbuf", "-oL", "-eL", a.tg_fwd, *eal.args(), "--", *mode, "--stats-period", "0", *extra]
        p = e2e.bkg(argv, ns=ns, ready=r"tg-fwd: ready", timeout=60, name="tg-fwd")
        p.file_prefix = eal.prefix  # for model_counter (its telemetry socket)
        netns.wait_link(ns, "tg0")
        return p

    def sysctl(ns, *kv):
        e2e.cmd(["sysctl", "-q", "-w", *kv], ns=ns)

    def ping_ok(ns, addr):
        return e2e.cmd(["ping", "-c", "1", "-W", "1", addr], ns=ns, check=False).ok

    run_case = benchlib.case_runner(e2e, failed)

    # ---------------------------------------------------------------- TCP
    tcp = fwd_tcp.TcpBench(e2e, a, tg_fwd, sysctl, ping_ok, log)

    log(f"fwd bench: tg-fwd ({a.tg_fwd}) next to its peers, {secs:g} s per measurement")
    try:
        if a.only in (None, "tcp"):
            tcp.run(run_case)
        if a.only in (None, "pps"):
            run_case("64 B pps NIC -> kernel: tg-fwd, testpmd io, tg-fwd virtio-user",
                     lambda: pps_cases(e2e, a, res))
    except e2e.Terminated as ex:
        e2e.run_deferred()
        log(f"MEASUREMENT FAILED: {ex}")
        return 1

    pps_rows = PPS_ROWS
    width = max(len(label) for label, _ in pps_rows)

    def row(label, key, unit, scale=1.0):
        val = f"{res[key] * scale:8.3f}" if key in res else f"{'-':>8}"
        extra = f"  ({res['retr_' + key]} retransmits)" if "retr_" + key in res else ""
        log(f"  {label:<{width}}  {val} {unit}{extra}")

    log()
    if a.only in (None, "tcp"):
        tcp.report()
    if a.only in (None, "pps"):
        pps_report(res, a, row)
    log()
    if a.only in (None, "pps"):
        pps_results(res)
    return benchlib.finish(failed)

if __name__ == "__main__":
    sys.exit(main())
