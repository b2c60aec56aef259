#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""model-loopback bench (issue 4): the chip model's frame rate on one core.

Runs tg57xx-model-bench (tests/bench/model_bench.cpp: one model, loopback
wire, a minimal driver in the same thread, Device::step()) for 64 B and
1518 B IPv4/UDP frames (and 64 B frames without L3 for scale), natively (thread CPU time and wall clock per frame) and, if
valgrind is there, under callgrind (instructions per frame, deterministic;
collected only inside the measured loop run_frames). Prints a table, the
ratio against the 10 Mpps target at 64 B (UDP: the RX engine verifies the
IP and UDP checksums, as for real traffic) and the model's top self costs.

Exit status: 0 when it measured (TARGET MISSED is a result, not a failure),
1 when a measurement failed (bring-up, lost frames, a tool error).

  tests/bench/model_bench.py --bench build/tests/bench/tg57xx-model-bench \
      [--valgrind /usr/bin/valgrind] [--seconds 1] [--reps 5] [--chip 57762]
"""
import argparse
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

TARGET_MPPS_64 = 10.0
SIZES = (64, 1518)
# 1 GbE line rate: frame + 8 preamble/SFD + 12 IFG bytes per frame.
LINE_RATE = {s: 1e9 / ((s + 20) * 8) for s in SIZES}

_RESULT = re.compile(r"(\w+)=([\d.]+)")


def parse_results(text):
    out = {}
    for line in text.splitlines():
        if line.startswith("RESULT "):
            kv = dict(_RESULT.findall(line))
            out[int(kv["size"])] = {k: float(v) for k, v in kv.items()}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", required=True)
    ap.add_argument("--valgrind", default="")
    ap.add_argument("--seconds", type=float, default=0.7, help="per repetition")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--cg-frames", type=int, default=30000, help="frames per size under callgrind")
    ap.add_argument("--chip", default="57762", choices=["57762", "5720"])
    a = ap.parse_args()

    base = [a.bench, "--chip", a.chip]
    # (label, extra args, size): IPv4/UDP frames with correct checksums (what a
    # generator sends; the RX engine verifies both sums) and, for scale, 64 B
    # frames with an opaque EtherType (no L3 work in the model).
    cases = [("64 B UDP", [], 64), ("1518 B UDP", [], 1518), ("64 B raw", ["--raw"], 64)]
    bl.log(f"model-loopback: BCM{a.chip} model, loop wire, one core, burst 32, Device::step(), "
           f"driver work in the same thread")
    res = {}
    for extra in ([], ["--raw"]):
        sizes = [s for (_, e, s) in cases if e == extra]
        cmd = base + extra + sum((["--size", str(s)] for s in sizes), []) + \
            ["--seconds", str(a.seconds), "--reps", str(a.reps)]
        bl.log("$ " + " ".join(cmd))
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=240)
        sys.stdout.write(p.stdout)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            bl.fail(f"tg57xx-model-bench exited {p.returncode}")
        got = parse_results(p.stdout)
        for label, e, s in cases:
            if e == extra:
                if s not in got:
                    bl.fail(f"no RESULT line for {label}")
                res[label] = got[s]

    ipf = {}
    prof = None
    if a.valgrind:
        for label, extra, s in cases:
            argv = base + extra + ["--size", str(s), "--frames", str(a.cg_frames)]
            cp, files = bl.callgrind(a.valgrind, argv, "run_frames")
            try:
                if cp.returncode != 0 or not files:
                    sys.stderr.write(cp.stderr[-4000:])
                    bl.fail(f"callgrind run exited {cp.returncode}")
                r = parse_results(cp.stdout).get(s)
                ir = bl.totals(files[0])
                if r is None or ir == 0:
                    bl.fail("callgrind collected nothing")
                ipf[label] = ir / r["rx_total"]
                if label == "64 B UDP":
                    prof = (bl.top_self(files[0], 14), r["rx_total"])
            finally:
                bl.cleanup(cp)
        bl.log(f"$ valgrind --tool=callgrind --toggle-collect=run_frames "
               f"{' '.join(base)} [--raw] --size S --frames {a.cg_frames}")
    else:
        bl.log("(valgrind not found: no instruction counts)")

    bl.log()
    bl.log(f"{'frames':>10} {'Mpps(cpu)':>10} {'ns/frame(cpu)':>14} {'Mpps(wall)':>11} "
           f"{'ns/frame(wall)':>15} {'instr/frame':>12} {'x 1GbE line rate':>17}")
    for label, _, s in cases:
        r = res[label]
        cpu = r["cpu_best_ns"]
        wall = r["wall_best_ns"]
        ins = f"{ipf[label]:.0f}" if label in ipf else "-"
        bl.log(f"{label:>10} {1e3 / cpu:>10.2f} {cpu:>14.1f} {1e3 / wall:>11.2f} {wall:>15.1f} "
               f"{ins:>12} {1e9 / cpu / LINE_RATE[s]:>17.1f}")
    bl.log(f"(best of {a.reps} reps of {a.seconds:g} s; cpu = the bench thread's CPU time, less "
           f"sensitive to other load; wall = steady clock; instructions from callgrind are exact)")
    bl.log()
    mpps = 1e3 / res["64 B UDP"]["cpu_best_ns"]
    ratio = mpps / TARGET_MPPS_64
    bl.log(f"RATIO model_64B_UDP_Mpps / target_10Mpps = {mpps:.2f} / {TARGET_MPPS_64:.0f} = {ratio:.2f}")
    raw = 1e3 / res["64 B raw"]["cpu_best_ns"]
    bl.log(f"RATIO model_64B_raw_Mpps / target_10Mpps = {raw:.2f} / {TARGET_MPPS_64:.0f} = "
           f"{raw / TARGET_MPPS_64:.2f}")
    big = 1e9 / res["1518 B UDP"]["cpu_best_ns"]
    bl.log(f"RATIO model_1518B_UDP_Mpps / 1GbE_line_rate = {big / 1e6:.3f} / {LINE_RATE[1518] / 1e6:.4f} "
           f"= {big / LINE_RATE[1518]:.1f}")
    if ratio >= 1.0:
        bl.log(f"TARGET MET: {mpps:.2f} Mpps >= {TARGET_MPPS_64:.0f} Mpps at 64 B (IPv4/UDP)")
    else:
        bl.log(f"TARGET MISSED: {mpps:.2f} Mpps < {TARGET_MPPS_64:.0f} Mpps at 64 B (IPv4/UDP)")
    if prof and prof[0]:
        bl.log()
        bl.log("top self costs at 64 B UDP (callgrind, % of the loop, instructions per frame):")
        bl.print_profile(prof[0], prof[1], "instr/frame")
    return 0


if __name__ == "__main__":
    sys.exit(main())
