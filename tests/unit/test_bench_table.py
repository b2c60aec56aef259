#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The BENCH-RESULT line format (tests/bench/benchlib.py) and the table
usertools/tg57xx-test --bench prints from meson's test log
(usertools/lib/meson-tests.py bench-table); the summary's lines naming
each failed test's failing cases (meson-tests.py summary).

usage: test_bench_table.py SOURCE_ROOT
"""
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

ROOT = None


class BenchTable(unittest.TestCase):
    def setUp(self):
        sys.path.insert(0, os.path.join(ROOT, "tests", "bench"))
        sys.dont_write_bytecode = True
        import benchlib
        self.bl = benchlib

    def line(self, *args):
        out = io.StringIO()
        with redirect_stdout(out):
            self.bl.result(*args)
        return out.getvalue()

    def test_a_line_reads_back(self):
        text = self.line("pmd-instr-per-pkt", 60.5, 68.0, "instr/pkt", "ratio<=1.0", "PMD (peer: floor)")
        r = self.bl.parse_results("noise\n" + text + "RATIO x = 1\n")
        self.assertEqual(r, {"pmd-instr-per-pkt": {"figure": 60.5, "peer": 68.0, "unit": "instr/pkt",
                                                   "target": "ratio<=1.0", "label": "PMD (peer: floor)"}})

    def test_verdicts(self):
        v = lambda fig, peer, target: self.bl.verdict(  # noqa: E731
            {"figure": fig, "peer": peer, "target": target})[1]
        self.assertEqual(v(60, 68, "ratio<=1.0"), "met")
        self.assertEqual(v(120, 68, "ratio<=1.0"), "not met")
        self.assertEqual(v(2.1, 1.0, "ratio>=2.0"), "met")
        self.assertEqual(v(900, 4000, "figure>=941"), "not met")
        self.assertEqual(v(950, None, "figure>=941"), "met")
        self.assertEqual(v(None, 1.0, "ratio>=1.0"), "not measured")
        self.assertEqual(v(1.0, None, "ratio>=1.0"), "not measured")
        self.assertEqual(v(0.2, 0.1, "-"), "reported")

    def test_bad_fields_are_refused(self):
        with self.assertRaises(ValueError):
            self.bl.result("has space", 1, 1, "u", "-", "x")

    def test_table_from_a_test_log(self):
        logs = [{"name": "pmd-cost", "result": "OK",
                 "stdout": self.line("pmd-instr-per-pkt", 120, 68, "instr/pkt", "ratio<=1.0", "PMD")},
                {"name": "fwd", "result": "OK",
                 "stdout": self.line("pps-tgfwd-vs-testpmd", 0.5, 0.4, "Mpps", "ratio>=1.0", "tg-fwd")
                 + self.line("extra-one", 3, None, "x", "-", "something new")}]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            for e in logs:
                f.write(json.dumps(e) + "\n")
        try:
            p = subprocess.run([sys.executable, os.path.join(ROOT, "usertools", "lib", "meson-tests.py"),
                                "bench-table", f.name], capture_output=True, text=True, check=True)
        finally:
            os.unlink(f.name)
        rows = {ln.split()[0]: ln for ln in p.stdout.splitlines()[2:]}
        self.assertIn("not met", rows["pmd-instr-per-pkt"])
        self.assertIn("1.76", rows["pmd-instr-per-pkt"])
        self.assertTrue(rows["pps-tgfwd-vs-testpmd"].rstrip().endswith(" met"))
        self.assertIn("not measured", rows["iperf3-bidir"])
        self.assertIn("reported", rows["extra-one"])
        names = [ln.split()[0] for ln in p.stdout.splitlines()[2:]]
        self.assertEqual(names[:len(self.bl.ISSUE12)], [n for n, _ in self.bl.ISSUE12], "issue-12 order first")


class FailureSummary(unittest.TestCase):
    GTEST_OUT = "\n".join([
        "[ RUN      ] Rx.Good", "[       OK ] Rx.Good (1 ms)",
        "[ RUN      ] Rx.Bad", "tests/pmd/test_rx.cpp:42: Failure",
        "Expected equality of these values:", "  got", "    Which is: 3", "  want", "    Which is: 4",
        "noise after the block", "[  FAILED  ] Rx.Bad (5 ms)", "log line nobody needs"])
    PY_OUT = "\n".join(["ok", "=" * 20, "FAIL: test_ping (__main__.Fwd.test_ping)", "Traceback (most recent call last):",
                        '  File "x.py", line 3, in test_ping', "AssertionError: 3 != 4 : lost replies"])
    TAP_OUT = "\n".join(["ok 1 harness", "# iperf3 UDP: fine", "# | Traceback (most recent call last):",
                         "# |   File \"t.py\", line 9, in test_udp", "# | AssertionError: -29 != 0: UDP lost",
                         "not ok 2 iperf3_udp", "ok 3 mtu"])

    def run_summary(self, logs):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            for e in logs:
                f.write(json.dumps(e) + "\n")
        try:
            return subprocess.run([sys.executable, os.path.join(ROOT, "usertools", "lib", "meson-tests.py"),
                                   "summary", "default=" + f.name], capture_output=True, text=True)
        finally:
            os.unlink(f.name)

    def test_failed_cases_are_named_before_the_summary(self):
        p = self.run_summary([{"name": "pmd", "result": "FAIL", "stdout": self.GTEST_OUT, "stderr": "EAL: spam"},
                              {"name": "fwd", "result": "FAIL", "stdout": self.PY_OUT},
                              {"name": "e2e", "result": "ERROR", "stdout": self.TAP_OUT},
                              {"name": "unit", "result": "OK", "stdout": "tests/x.cpp:1: Failure"}])
        self.assertEqual(p.returncode, 1)
        out = p.stdout.splitlines()
        self.assertEqual(out[-1], "tests: 1 passed, 3 failed, 0 skipped")
        self.assertIn("failed (default): pmd [FAIL]", out)
        self.assertIn("  tests/pmd/test_rx.cpp:42: Failure", out)
        self.assertIn("      Which is: 4", out)
        self.assertIn("  [  FAILED  ] Rx.Bad (5 ms)", out)
        self.assertNotIn("  log line nobody needs", out)
        self.assertNotIn("  EAL: spam", out)
        self.assertIn("failed (default): fwd [FAIL]", out)
        self.assertIn("  FAIL: test_ping (__main__.Fwd.test_ping)", out)
        self.assertIn("  AssertionError: 3 != 4 : lost replies", out)
        self.assertIn("failed (default): e2e [ERROR]", out)
        self.assertIn("  # | AssertionError: -29 != 0: UDP lost", out)
        self.assertIn("  not ok 2 iperf3_udp", out)
        self.assertNotIn("  ok 3 mtu", out)
        self.assertNotIn("  # iperf3 UDP: fine", out)
        self.assertFalse(any("unit" in ln for ln in out), "a passed test is not listed")

    def test_a_clean_run_lists_nothing(self):
        p = self.run_summary([{"name": "pmd", "result": "OK", "stdout": self.GTEST_OUT}])
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stdout, "tests: 1 passed, 0 failed, 0 skipped\n")


class SweepRuntime(unittest.TestCase):
    def test_only_the_directories_of_dead_test_programs_go(self):
        dead = subprocess.Popen(["true"])
        dead.wait()  # a PID that ran and is gone (not reused this soon)
        with tempfile.TemporaryDirectory() as d:
            names = [f"tg57xx-pmd-test-{dead.pid}", f"tg57xx-soak-{dead.pid}", f"tg57xx-fuzz-{os.getpid()}",
                     f"rte-{dead.pid}", "tg57xx-soak-x"]
            for n in names:
                os.mkdir(os.path.join(d, n))
                open(os.path.join(d, n, "config"), "w").close()
            p = subprocess.run([sys.executable, os.path.join(ROOT, "usertools", "lib", "meson-tests.py"),
                                "sweep-runtime", d], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(sorted(os.listdir(d)), sorted(names[2:]), "a live PID's, another program's, no PID")
            self.assertIn(f"tg57xx-pmd-test-{dead.pid} tg57xx-soak-{dead.pid}", p.stdout)
            p = subprocess.run([sys.executable, os.path.join(ROOT, "usertools", "lib", "meson-tests.py"),
                                "sweep-runtime", os.path.join(d, "absent")], capture_output=True, text=True)
            self.assertEqual((p.returncode, p.stdout), (0, ""), "no runtime directory at all: nothing to say")


if __name__ == "__main__":
    ROOT = sys.argv.pop(1)
    unittest.main(verbosity=2)
