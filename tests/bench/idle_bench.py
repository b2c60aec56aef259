#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""fwd-idle bench (issue 12 item 4): latency and idle CPU of tg-fwd, busy-poll
next to --idle-sleep, in one run.

1. Ping round-trip times (p50, p99) of --count pings --interval apart:
     peer ns: p0 <-veth-> w0 <- model (wire=iface:w0) <-> net_tg57xx <-> tg-fwd <-> net_tap <-> tg0
   from the peer to tg0 and from tg0's side to the peer, for tg-fwd busy-polling,
   with --idle-sleep, and busy-polling with --af-packet (net_af_packet + veth
   instead of net_tap); next to the same pings over a plain veth pair.
2. tg-fwd's CPU use while nothing is sent, over --seconds: its worker lcore
   (the forwarding loop) and the whole process, which also holds the chip
   model's threads (on a real card that is hardware, not CPU).

The machine may be shared: the figures are noisy (RTT tails and the CPU a
busy-polling lcore gets depend on what else runs). Bounded: every step has a
timeout; every process, namespace and veth is removed on every path
(tests/e2e's harness).

Exit: 0 when it measured, 77 (skip) without root or a tool, 1 when a
measurement failed.

  tests/bench/idle_bench.py --tg-fwd build/app/tg-fwd/tg-fwd \
      --plugin build/drivers/net/tg57xx_sim/librte_net_tg57xx_sim.so [--count 200] [--interval 0.01]
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchlib  # noqa: E402

# (name, tg-fwd's kernel-side mode, more options)
MODES = (("busy-poll", ("--tap",), []), ("idle-sleep", ("--tap",), ["--idle-sleep"]),
         ("af-packet", ("--af-packet",), []))
log = benchlib.log


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tg-fwd", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--count", type=int, default=200, help="pings per measurement")
    ap.add_argument("--interval", type=float, default=0.01, help="seconds between pings")
    ap.add_argument("--seconds", type=float, default=5.0, help="idle CPU window")
    a = ap.parse_args()
    e2e, code = benchlib.e2e_harness(a, ("ping", "ethtool", "stdbuf"))
    if e2e is None:
        return code
    from tg57xx_e2e.cpu import cpu_use, percentile, ping_rtts
    from tg57xx_e2e.fwd import Topology

    rtt = {}   # label -> (p50, p99, replies)
    cpu = {}   # mode -> cpu_use()
    failed = []

    def record(label, rtts):
        if not rtts:
            raise RuntimeError(f"{label}: no replies")
        rtt[label] = (percentile(rtts, 50), percentile(rtts, 99), len(rtts))

    run_case = benchlib.case_runner(e2e, failed)

    def veth():
        s, r = e2e.NetNS("tgbs"), e2e.NetNS("tgbr")
        e2e.Veth("va", s, "vb", r).up()
        e2e.ip("addr add 10.78.0.1/24 dev va", ns=s)
        e2e.ip("addr add 10.78.0.2/24 dev vb", ns=r)
        e2e.wait_until(lambda: e2e.cmd(["ping", "-c", "1", "-W", "1", "10.78.0.2"], ns=s, check=False).ok, 30,
                       "ping over veth")
        record("plain veth pair", ping_rtts(s, "10.78.0.2", a.count, a.interval))

    def chain(mode, kif, extra):
        def fn():
            t = Topology(a.tg_fwd, a.plugin)
            fwd = t.start_fwd(extra=extra, mode=kif)
            t.wait_ping("peer", t.TG_V4)
            t.ping("fwd", t.PEER_V4, count=2)  # both neighbour entries in place
            cpu[mode] = cpu_use(fwd.pid, a.seconds)
            record(f"chain, {mode}: peer -> tg0", ping_rtts(t.peer, t.TG_V4, a.count, a.interval))
            record(f"chain, {mode}: tg0 -> peer", ping_rtts(t.fwd_ns, t.PEER_V4, a.count, a.interval))
            if fwd.terminate() != 0:
                raise RuntimeError("tg-fwd did not stop cleanly")
        return fn

    log(f"fwd-idle bench: tg-fwd ({a.tg_fwd}), {a.count} pings {a.interval:g} s apart, "
        f"idle CPU over {a.seconds:g} s")
    try:
        run_case("ping over a plain veth pair", veth)
        for mode, kif, extra in MODES:
            run_case(f"tg-fwd {mode}: idle CPU, then pings through the chain", chain(mode, kif, extra))
    except e2e.Terminated as ex:
        e2e.run_deferred()
        log(f"MEASUREMENT FAILED: {ex}")
        return 1

    labels = ["plain veth pair"] + [f"chain, {m}: {d}" for m, _, _ in MODES for d in ("peer -> tg0", "tg0 -> peer")]
    width = max(len(label) for label in labels)
    log()
    log(f"ping RTT, {a.count} pings {a.interval * 1000:g} ms apart (ms):")
    log(f"  {'':<{width}}  {'p50':>8} {'p99':>8}  replies")
    for label in labels:
        if label in rtt:
            p50, p99, n = rtt[label]
            log(f"  {label:<{width}}  {p50:8.3f} {p99:8.3f}  {n}/{a.count}")
        else:
            log(f"  {label:<{width}}  {'-':>8} {'-':>8}")
    log(f"tg-fwd CPU while idle, {a.seconds:g} s (cores; 1.0 = one CPU all the time):")
    log(f"  {'':<{width}}  {'lcore':>8} {'process':>8}  (process: + main lcore, EAL threads, chip model)")
    for mode, _, _ in MODES:
        if mode in cpu:
            log(f"  {'tg-fwd ' + mode:<{width}}  {cpu[mode]['lcores']:8.3f} {cpu[mode]['total']:8.3f}")
        else:
            log(f"  {'tg-fwd ' + mode:<{width}}  {'-':>8} {'-':>8}")
    log("(a shared machine: RTT tails and a busy-polling lcore's share of a CPU vary from run to run)")
    log()
    veth_p50 = rtt.get("plain veth pair", (0,))[0]
    for mode, _, _ in MODES:
        key = f"chain, {mode}: peer -> tg0"
        if key in rtt:
            benchlib.ratio(f"ping p50 chain {mode}/veth", rtt[key][0], veth_p50, "ms", digits=1)
    if "busy-poll" in cpu and "idle-sleep" in cpu:
        benchlib.ratio("idle lcore CPU idle-sleep/busy-poll", cpu["idle-sleep"]["lcores"],
                       cpu["busy-poll"]["lcores"], "cores")
    # The issue-12 table (BENCH-RESULT lines, tests/bench/benchlib.py): reported, no target.
    veth = rtt.get("plain veth pair")
    for mode, suffix in (("busy-poll", ""), ("af-packet", "-afp")):
        chain = rtt.get(f"chain, {mode}: peer -> tg0")
        for i, name in ((0, "ping-p50"), (1, "ping-p99")):
            benchlib.result(name + suffix, chain[i] if chain else None, veth[i] if veth else None, "ms", "-",
                            f"ping RTT {name[5:]} peer -> tg0 through the chain, {mode} (peer: plain veth)")
    benchlib.result("idle-cpu", cpu["idle-sleep"]["lcores"] if "idle-sleep" in cpu else None,
                    cpu["busy-poll"]["lcores"] if "busy-poll" in cpu else None, "cores", "-",
                    "tg-fwd forwarding lcore CPU when idle, --idle-sleep (peer: busy-poll)")
    return benchlib.finish(failed)

if __name__ == "__main__":
    sys.exit(main())
