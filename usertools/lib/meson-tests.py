#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Helpers of usertools/tg57xx-test around a meson build directory.

  meson-tests.py targets BUILD [--suite S]... [--no-suite S]... [--prefix P]...
      ninja target paths (relative to BUILD) that the selected tests need
      (their executables and depends); with --prefix, instead every built
      target whose name starts with a P (the fuzz_* targets of a -Dfuzzing
      build, and the plugins fuzz_pmd_rx loads).
  meson-tests.py summary LABEL=TESTLOG.json...
      one line per pass when there are several ("tests (LABEL): ..."), then
      the whole-run line "tests: N passed, N failed, N skipped". Exit 1 when
      a test failed or nothing passed. Before those lines, for each failed
      test, the lines of its output that say what failed (GoogleTest
      failures and [  FAILED  ] cases, Python unittest FAIL/ERROR blocks,
      sanitizer summaries), so a CI log that keeps only its tail still names
      the failing case.
  meson-tests.py bench-table TESTLOG.json
      the issue-12 target table of a --bench run: every BENCH-RESULT line
      the benchmarks printed (format: tests/bench/benchlib.py) as one row
      with figure, peer, ratio and met / not met.
  meson-tests.py sweep-runtime [DIR]
      remove the EAL runtime directories (DIR, default /var/run/dpdk) of
      this project's test programs that died without removing their own
      (tg57xx-pmd-test-PID, tg57xx-soak-PID, tg57xx-fuzz-PID: a sanitizer
      abort or a kill). A directory whose PID still runs is left alone (a
      test run beside this one); one line says what was removed.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def introspect(build, what):
    out = subprocess.run(["meson", "introspect", what, build], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def suite_names(test):
    return {s.split(":")[-1] for s in test["suite"]}


def targets(args):
    all_targets = introspect(args.build, "--targets")
    files = {t["id"]: t["filename"] for t in all_targets}
    wanted = []
    if args.prefix:
        for t in all_targets:
            if t["name"].startswith(tuple(args.prefix)):
                wanted += t["filename"]
    else:
        for t in introspect(args.build, "--tests"):
            s = suite_names(t)
            if args.suite and not s & set(args.suite):
                continue
            if s & set(args.no_suite):
                continue
            for dep in t["depends"]:
                wanted += files.get(dep, [])
    build = os.path.realpath(args.build)
    seen = []
    for f in wanted:
        rel = os.path.relpath(os.path.realpath(f), build)
        if rel not in seen:
            seen.append(rel)
    print("\n".join(seen))


def count(path):
    c = {"passed": 0, "failed": 0, "skipped": 0}
    with open(path) as f:
        for line in f:
            r = json.loads(line).get("result", "")
            if r in ("OK", "EXPECTEDFAIL"):
                c["passed"] += 1
            elif r == "SKIP":
                c["skipped"] += 1
            else:
                c["failed"] += 1
    return c


# What names a failure in a test's output: GoogleTest's "file:line: Failure"
# (and the lines after it up to the next "[ ... ]" marker), its "[  FAILED  ]"
# list, unittest's "FAIL:"/"ERROR:" headers and the exception line that ends
# a traceback (also inside TAP diagnostics), TAP's "not ok" lines, and the
# sanitizers' SUMMARY lines.
FAILURE_START = re.compile(r": Failure$|^(FAIL|ERROR): |^\[  FAILED  \]|^SUMMARY: |^\w+(Error|Exception)(: |$)|^not ok ")
# TAP tests (tests/e2e) print their tracebacks as "# | ..." diagnostics.
TAP_DIAG = re.compile(r"^#\s*\|?\s*")
FAILURE_CONT = 6        # lines kept after a GoogleTest "Failure" line
FAILURE_MAX = 60        # lines kept per failed test


def failures(path):
    out = []
    try:
        with open(path) as f:
            tests = [json.loads(x) for x in f]
    except FileNotFoundError:
        return out
    for t in tests:
        if t.get("result") in ("OK", "EXPECTEDFAIL", "SKIP"):
            continue
        text = (t.get("stdout") or "") + "\n" + (t.get("stderr") or "")
        keep, cont = [], 0
        for ln in text.splitlines():
            if FAILURE_START.search(ln) or FAILURE_START.search(TAP_DIAG.sub("", ln, count=1)):
                keep.append(ln)
                cont = FAILURE_CONT if ln.endswith(": Failure") else 0
            elif cont:
                if ln.startswith("["):
                    cont = 0
                else:
                    keep.append(ln)
                    cont -= 1
        if len(keep) > FAILURE_MAX:
            keep = keep[:FAILURE_MAX] + [f"... ({len(keep) - FAILURE_MAX} more lines in the test log)"]
        out.append((t.get("name", "?"), t.get("result", "?"), keep))
    return out


def line(label, c):
    return f"tests{label}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped"


def summary(args):
    total = {"passed": 0, "failed": 0, "skipped": 0}
    ok = True
    for spec in args.logs:
        label, _, path = spec.partition("=")
        for name, result, lines in failures(path):
            print(f"failed ({label}): {name} [{result}]")
            for ln in lines:
                print(f"  {ln}")
    for spec in args.logs:
        label, _, path = spec.partition("=")
        try:
            c = count(path)
        except FileNotFoundError:
            print(f"tests ({label}): no test log written")
            ok = False
            continue
        if len(args.logs) > 1:
            print(line(f" ({label})", c))
        for k in total:
            total[k] += c[k]
    print(line("", total))
    return 0 if ok and not total["failed"] and total["passed"] else 1


def bench_table(args):
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.join(top, "tests", "bench"))
    sys.dont_write_bytecode = True
    import benchlib  # the format's owner

    results = {}
    try:
        with open(args.log) as f:
            for line in f:
                results.update(benchlib.parse_results(json.loads(line).get("stdout") or ""))
    except FileNotFoundError:
        print(f"bench table: no test log ({args.log})")
        return 1
    known = [n for n, _ in benchlib.ISSUE12]
    names = known + sorted(n for n in results if n not in known)
    labels = dict(benchlib.ISSUE12)
    rows = []
    for n in names:
        r = results.get(n)
        if r is None:
            rows.append((n, labels.get(n, ""), "-", "-", "", "-", "", "not measured"))
            continue
        ratio, v = benchlib.verdict(r)
        fmt = lambda x: "-" if x is None else f"{x:.4g}"  # noqa: E731
        rows.append((n, r["label"], fmt(r["figure"]), fmt(r["peer"]), r["unit"],
                     "-" if ratio is None else f"{ratio:.2f}", r["target"] if r["target"] != "-" else "", v))
    head = ("target", "what (peer)", "figure", "peer", "unit", "ratio", "wanted", "")
    w = [max(len(str(x[i])) for x in rows + [head]) for i in range(len(head))]
    print("issue 12 targets, figures and peers from this run:")
    for x in [head] + rows:
        print("  " + "  ".join(str(c).ljust(w[i]) if i in (0, 1, 4, 6, 7) else str(c).rjust(w[i])
                               for i, c in enumerate(x)).rstrip())
    return 0


# EAL file prefixes of the test programs that name their runtime directory after their
# PID (tests/pmd/pmd_env.cpp, tests/bench/soak.cpp, tests/fuzz/fuzz_pmd_rx.cpp).
RUNTIME_DIR = re.compile(r"^tg57xx-(?:pmd-test|soak|fuzz)-(\d+)$")


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_runtime(args):
    try:
        names = sorted(os.listdir(args.dir))
    except FileNotFoundError:
        return 0
    gone = []
    for n in names:
        m = RUNTIME_DIR.match(n)
        if m is None or pid_alive(int(m.group(1))):
            continue
        path = os.path.join(args.dir, n)
        for f in os.listdir(path):
            os.unlink(os.path.join(path, f))
        os.rmdir(path)
        gone.append(n)
    if gone:
        print(f"tg57xx-test: removed the runtime directories of test programs that died: {' '.join(gone)}")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("targets")
    t.add_argument("build")
    t.add_argument("--suite", action="append", default=[])
    t.add_argument("--no-suite", action="append", default=[])
    t.add_argument("--prefix", action="append", default=[])
    s = sub.add_parser("summary")
    s.add_argument("logs", nargs="*")
    b = sub.add_parser("bench-table")
    b.add_argument("log")
    w = sub.add_parser("sweep-runtime")
    w.add_argument("dir", nargs="?", default="/var/run/dpdk")
    args = p.parse_args()
    if args.cmd == "targets":
        targets(args)
        return 0
    if args.cmd == "bench-table":
        return bench_table(args)
    if args.cmd == "sweep-runtime":
        return sweep_runtime(args)
    return summary(args)


if __name__ == "__main__":
    sys.exit(main())
