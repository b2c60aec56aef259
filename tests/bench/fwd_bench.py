#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""fwd bench (issue 6 item 11): tg-fwd next to its peers, in one run.

1. TCP (fwd_tcp.py): iperf3 each way and --bidir through the whole chain
     peer ns: p0 <-veth-> w0 <- model (wire=iface:w0) <- net_tg57xx <- tg-fwd -> net_tap -> tg0 (fwd ns)
   (net_tap unpaced, paced at 1G line rate with pace=1, --virtio-user),
   next to the same iperf3 over a plain veth pair; the peer keeps its
   offloads (the wire cuts GSO super-frames) unless --peer-tx-off.
2. 64 B packets per second NIC -> kernel: dpdk-testpmd txonly (60 B + FCS,
   IPv4/UDP) on a net_af_packet port on veth end ga; the other end gb is the
   wire of a net_tg57xx_sim port (wire=iface:gb). First tg-fwd serves that
   port (sim port -> net_tap tg0), then dpdk-testpmd io forwarding between the
   same two ports (the sim port and a net_tap tg0). Rate = tg0's rx_packets
   (what the kernel got) over a fixed window, same generator for both;
   --rounds interleaved rounds (default 3), best of each.
   (The generator is not a second model on wire=pair: a pair joins two
   models of one process only.)

Bounded: every iperf3 and every window lasts --seconds (default 4); every
process, namespace and veth is removed on every path (tests/e2e's harness:
defer/run_deferred, SIGTERM turned into an exception).

Exit: 0 when it measured, 77 (skip) without root or a tool, 1 when a
measurement failed.

  tests/bench/fwd_bench.py --tg-fwd build/app/tg-fwd/tg-fwd \
      --plugin build/drivers/net/tg57xx_sim/librte_net_tg57xx_sim.so [--seconds 4] [--only tcp|pps]
"""
import argparse
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchlib  # noqa: E402
import fwd_tcp  # noqa: E402

# Generator -> sim port MAC (the port tg-fwd / testpmd serve); locally administered.
SIM_MAC = "02:00:00:57:76:01"


def log(msg=""):
    print(msg, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tg-fwd", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--only", choices=["tcp", "pps"])
    ap.add_argument("--lcores", default="0-1", help="tg-fwd's EAL -l (its main lcore controls, workers forward)")
    ap.add_argument("--peer-tx-off", action="store_true",
                    help="TCP: turn the peer's tx offloads off (ethtool -K p0 tx off) instead of keeping them")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved tg-fwd/testpmd pps rounds (best of)")
    a = ap.parse_args()
    e2e, code = benchlib.e2e_harness(a, ("iperf3", "dpdk-testpmd", "ethtool", "stdbuf"))
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
        netns.wait_link(ns, "tg0")
        return p

    def sysctl(ns, *kv):
        e2e.cmd(["sysctl", "-q", "-w", *kv], ns=ns)

    def ping_ok(ns, addr):
        return e2e.cmd(["ping", "-c", "1", "-W", "1", addr], ns=ns, check=False).ok

    run_case = benchlib.case_runner(e2e, failed)

    # ---------------------------------------------------------------- TCP
    tcp = fwd_tcp.TcpBench(e2e, a, tg_fwd, sysctl, ping_ok, log)

    # ---------------------------------------------------------------- pps
    def rx_packets(ns, ifname):
        info = e2e.ip(["-s", "link", "show", "dev", ifname], ns=ns, json=True)
        return info[0]["stats64"]["rx"]["packets"]

    def window(ns, ifname):
        """tg0 rx_packets per second over `secs`, after a 1 s settle."""
        time.sleep(1.0)
        c0, t0 = rx_packets(ns, ifname), time.monotonic()
        time.sleep(secs)
        c1, t1 = rx_packets(ns, ifname), time.monotonic()
        return (c1 - c0) / (t1 - t0)

    def pps():
        gen, fwd = e2e.NetNS("tgbg"), e2e.NetNS("tgbf")
        e2e.Veth("ga", gen, "gb", fwd).up()
        sysctl(fwd, "net.ipv6.conf.gb.disable_ipv6=1")
        sysctl(gen, "net.ipv6.conf.ga.disable_ipv6=1")
        geal = dpdk.Eal(None, vdevs=["net_af_packet0,iface=ga,qpairs=1"], lcores="0-1")
        g = dpdk.Testpmd(geal, ["--txpkts=60", f"--eth-peer=0,{SIM_MAC}", "--txonly-multi-flow"], ns=gen)
        g.cmd("set fwd txonly")
        g.cmd("start")
        gb0 = rx_packets(fwd, "gb")
        t0 = time.monotonic()

        def with_tgfwd():
            # tg-fwd: sim port (wire=iface:gb) -> net_tap tg0
            fw = tg_fwd(fwd, f"net_tg57xx_sim0,wire=iface:gb,mac={SIM_MAC}")
            e2e.ip("link set tg0 up", ns=fwd)
            rate = window(fwd, "tg0")
            fw.stop()
            netns.wait_link(fwd, "tg0", present=False)
            return rate

        def with_testpmd():
            # testpmd io forwarding between the same two ports
            teal = dpdk.Eal(a.plugin, vdevs=[f"net_tg57xx_sim0,wire=iface:gb,mac={SIM_MAC}",
                                              f"net_tap0,iface=tg0,mac={SIM_MAC}"], lcores="0-1")
            tp = dpdk.Testpmd(teal, ["--port-topology=paired"], ns=fwd)
            tp.cmd("set fwd io")
            tp.cmd("start")
            netns.wait_link(fwd, "tg0")
            e2e.ip("link set tg0 up", ns=fwd)
            rate = window(fwd, "tg0")
            tp.cmd("stop")
            tp.quit()
            netns.wait_link(fwd, "tg0", present=False)
            return rate

        # Interleaved rounds (A B A B ...), best of each: other load on the
        # machine comes and goes, and hits both the same way on average.
        for _ in range(a.rounds):
            res.setdefault("pps_tgfwd_all", []).append(with_tgfwd())
            res.setdefault("pps_testpmd_all", []).append(with_testpmd())
        res["pps_tgfwd"] = max(res["pps_tgfwd_all"])
        res["pps_testpmd"] = max(res["pps_testpmd_all"])

        # What the generator offered (arrived at gb) over the whole case.
        res["pps_offered"] = (rx_packets(fwd, "gb") - gb0) / (time.monotonic() - t0)
        g.cmd("stop")
        g.quit()

    log(f"fwd bench: tg-fwd ({a.tg_fwd}) next to its peers, {secs:g} s per measurement")
    try:
        if a.only in (None, "tcp"):
            tcp.run(run_case)
        if a.only in (None, "pps"):
            run_case("64 B pps NIC -> kernel: tg-fwd, then testpmd io", pps)
    except e2e.Terminated as ex:
        e2e.run_deferred()
        log(f"MEASUREMENT FAILED: {ex}")
        return 1

    pps_rows = [
        ("tg-fwd (sim port wire=iface:gb -> net_tap tg0)", "pps_tgfwd"),
        ("testpmd io forwarding between the same two ports", "pps_testpmd"),
        ("offered: testpmd txonly on af_packet:ga, arriving on gb", "pps_offered"),
    ]
    width = max(len(label) for label, _ in pps_rows)

    def row(label, key, unit, scale=1.0):
        val = f"{res[key] * scale:8.3f}" if key in res else f"{'-':>8}"
        extra = f"  ({res['retr_' + key]} retransmits)" if "retr_" + key in res else ""
        log(f"  {label:<{width}}  {val} {unit}{extra}")

    log()
    if a.only in (None, "tcp"):
        tcp.report()
    if a.only in (None, "pps"):
        log(f"64 B frames NIC -> kernel, tg0 rx_packets per second over {secs:g} s:")
        for label, key in pps_rows:
            row(label, key, "Mpps", 1e-6)
        if "pps_tgfwd_all" in res:
            each = lambda k: ", ".join(f"{v / 1e6:.3f}" for v in res.get(k, []))  # noqa: E731
            log(f"  (best of {a.rounds} interleaved rounds; tg-fwd: {each('pps_tgfwd_all')}; "
                f"testpmd: {each('pps_testpmd_all')} Mpps)")
    log()
    if "pps_tgfwd" in res and "pps_testpmd" in res:
        benchlib.ratio("pps tg-fwd/testpmd-io", res["pps_tgfwd"] / 1e6, res["pps_testpmd"] / 1e6, "Mpps")
    return benchlib.finish(failed)

if __name__ == "__main__":
    sys.exit(main())
