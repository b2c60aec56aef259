#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""pmd-cost bench (issue 5 item 16, issue 12 item 3): the PMD's rx+tx cost per
packet next to the mbuf alloc+free floor and DPDK's net_ring, measured in the
same run. Target (issue 12): tg57xx <= the floor; BENCH-RESULT line
pmd-instr-per-pkt (tests/bench/benchlib.py).

Runs tg57xx-pmd-bench (tests/bench/pmd_bench.cpp: testpmd-style io
forwarding between two ports, burst 32, 64 B) three ways:
  tg    two net_tg57xx_sim ports joined by wire=pair (the plugin via -d)
  ring  two net_ring ports (rte_eth_from_rings, crossing rings)
  mbuf  no device: rte_pktmbuf_alloc_bulk + rte_pktmbuf_free_bulk per burst,
        the mbuf work a descriptor-ring PMD cannot avoid (a floor, for scale)
each under callgrind with --separate-threads=yes --toggle-collect='pmdb_*':
only instructions inside the noinline wrappers around rte_eth_rx_burst /
rte_eth_tx_burst are counted, on the forwarding thread only (the models'
runner threads are the hardware; the bench checks they collected nothing).
Natively it also prints TSC cycles per packet inside the wrappers (noisy).

Exit status: 0 when it measured (TARGET MISSED is a result), 1 when a
measurement failed.

  tests/bench/pmd_bench.py --bench build/tests/bench/tg57xx-pmd-bench \
      --plugin build/drivers/net/tg57xx_sim/librte_net_tg57xx_sim.so [--valgrind /usr/bin/valgrind]
"""
import argparse
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

MODES = ("tg", "ring", "mbuf")
LABEL = {
    "tg": "net_tg57xx (2 sim ports, wire=pair)",
    "ring": "net_ring (rte_eth_from_rings)",
    "mbuf": "mbuf alloc+free floor (no device)",
}
_KV = re.compile(r"(\w+)=([\w.]+)")
_INCL = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+\S*:(pmdb_\w+)\b")


def parse_result(text):
    for line in text.splitlines():
        if line.startswith("RESULT "):
            return dict(_KV.findall(line))
    return None


def inclusive_by_wrapper(path):
    """{'pmdb_rx': Ir, ...} inclusive costs of the wrappers (callgrind_annotate)."""
    p = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = {}
    for line in p.stdout.splitlines():
        m = _INCL.match(line)
        if m:
            ir = int(m.group(1).replace(",", ""))
            out[m.group(2)] = max(out.get(m.group(2), 0), ir)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--valgrind", default="")
    ap.add_argument("--packets", type=int, default=400000, help="native runs")
    ap.add_argument("--cg-packets", type=int, default=100000, help="callgrind runs")
    ap.add_argument("--burst", type=int, default=32)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--chip", default="57762", choices=["57762", "5720"])
    a = ap.parse_args()
    plugin = os.path.abspath(a.plugin)

    def argv(mode, packets):
        v = [a.bench, "--mode", mode, "--packets", str(packets), "--burst", str(a.burst),
             "--size", str(a.size)]
        if mode == "tg":
            v += ["--plugin", plugin, "--chip", a.chip]
        return v

    bl.log(f"pmd-cost: io forwarding between two ports (rx_burst on one, tx_burst on the other), "
           f"burst {a.burst}, {a.size} B frames")

    native = {}
    for m in MODES:
        cmd = argv(m, a.packets)
        bl.log("$ " + " ".join(cmd))
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=180)
        r = parse_result(p.stdout)
        if p.returncode != 0 or r is None:
            sys.stderr.write(p.stdout + p.stderr[-4000:])
            bl.fail(f"native {m} run exited {p.returncode}")
        native[m] = r

    cg = {}
    prof = None
    if a.valgrind:
        for m in MODES:
            cmd = argv(m, a.cg_packets)
            if m != "mbuf":
                cmd += ["--warmup", "5000"]
            cp, files = bl.callgrind(a.valgrind, cmd, "pmdb_*", extra=["--separate-threads=yes"],
                                     timeout=400)
            try:
                r = parse_result(cp.stdout)
                if cp.returncode != 0 or r is None or not files:
                    sys.stderr.write(cp.stdout + cp.stderr[-4000:])
                    bl.fail(f"callgrind {m} run exited {cp.returncode}")
                per_thread = [(f, bl.totals(f)) for f in files]
                counted = [(f, t) for f, t in per_thread if t > 0]
                if len(counted) != 1:
                    bl.fail(f"{m}: expected exactly one thread with collected instructions, got "
                            f"{[t for _, t in per_thread]}")
                f, total = counted[0]
                incl = inclusive_by_wrapper(f)
                rx = incl.get("pmdb_rx", incl.get("pmdb_rx_alloc", 0))
                tx = incl.get("pmdb_tx", incl.get("pmdb_tx_free", 0))
                pk = int(r["rx"])
                cg[m] = {"rx": rx / pk, "tx": tx / pk, "total": total / pk,
                         "threads": len(per_thread), "split_ok": abs(rx + tx - total) <= total * 0.01}
                if m == "tg":
                    prof = (bl.top_self(f, 14), pk)
            finally:
                bl.cleanup(cp)
        bl.log(f"$ valgrind --tool=callgrind --separate-threads=yes --toggle-collect='pmdb_*' "
               f"{' '.join(argv('MODE', a.cg_packets))}")
    else:
        bl.log("(valgrind not found: cycles only, no instruction counts)")

    bl.log()
    bl.log(f"{'':38} {'instr/pkt (callgrind)':>24}   {'cycles/pkt':>10}")
    bl.log(f"{'peer':38} {'rx':>7} {'tx':>7} {'rx+tx':>8}   {'(native)':>10}")
    for m in MODES:
        c = cg.get(m)
        ins = f"{c['rx']:7.1f} {c['tx']:7.1f} {c['total']:8.1f}" if c else f"{'-':>7} {'-':>7} {'-':>8}"
        bl.log(f"{LABEL[m]:38} {ins}   {float(native[m]['cycles_per_pkt']):10.1f}")
    bl.log("(instructions: deterministic, forwarding thread only, inside rx_burst/tx_burst; "
           "cycles: TSC inside the same calls, noisy, the model's runner threads compete for the cores)")
    if cg:
        threads = cg["tg"]["threads"]
        bl.log(f"(tg run: {threads} threads seen by callgrind, instructions collected on 1: the "
               f"forwarding thread; the runner threads counted 0)")
        for m in MODES:
            if not cg[m]["split_ok"]:
                bl.log(f"(note: {m}: rx/tx split from callgrind_annotate does not add up to the total)")
    bl.log()
    if cg:
        tg, ring, floor = cg["tg"]["total"], cg["ring"]["total"], cg["mbuf"]["total"]
        basis = "instructions"
    else:
        tg, ring, floor = (float(native[m]["cycles_per_pkt"]) for m in MODES)
        basis = "cycles (noisy)"
    bl.log(f"RATIO tg57xx/mbuf_floor rx+tx {basis} per packet = {tg:.1f} / {floor:.1f} = {tg / floor:.2f} "
           f"(target <= 1.00, issue 12 item 3)")
    bl.log(f"RATIO tg57xx/net_ring rx+tx {basis} per packet = {tg:.1f} / {ring:.1f} = {tg / ring:.2f}")
    bl.log(f"RATIO net_ring/mbuf_floor rx+tx {basis} per packet = {ring:.1f} / {floor:.1f} = {ring / floor:.2f}")
    if tg <= floor:
        bl.log(f"TARGET MET: tg57xx costs {tg:.1f} <= the mbuf alloc+free floor {floor:.1f} {basis} per packet")
    else:
        bl.log(f"TARGET MISSED: tg57xx costs {tg:.1f} > the mbuf alloc+free floor {floor:.1f} {basis} per packet")
    if cg:
        bl.result("pmd-instr-per-pkt", tg, floor, "instr/pkt", "ratio<=1.0",
                  f"PMD rx+tx instr/pkt, burst {a.burst}, callgrind (peer: rte_pktmbuf_alloc_bulk + "
                  f"rte_pktmbuf_free_bulk floor)")
    if prof and prof[0]:
        bl.log()
        bl.log("top self costs inside the tg57xx bursts (callgrind; % of rx+tx, instructions per packet):")
        bl.print_profile(prof[0], prof[1], "instr/pkt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
