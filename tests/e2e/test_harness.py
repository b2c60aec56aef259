#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The e2e harness itself (lib/tg57xx_e2e): commands, background processes,
cleanup on every exit path (exception, SIGTERM), `ip -j`, KTAP output.

usage: test_harness.py

Output is TAP 13. Namespace cases skip when not root.
"""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

LIB = Path(__file__).resolve().parent / "lib"
sys.path.insert(0, str(LIB))

from tg57xx_e2e import (Bkg, CmdError, NetNS, Snapshot, Veth, check, check_eq, check_in, chosen_cases, cmd,  # noqa: E402
                        defer, ip, require_root, run, run_deferred)
from tg57xx_e2e.dpdk import parse_fwd_stats  # noqa: E402

# A child script given to the interpreter running this one; the lib on its path.
CHILD_PROLOGUE = f"import sys; sys.path.insert(0, {str(LIB)!r})\n"


def child(code, **kw):
    return subprocess.Popen([sys.executable, "-c", CHILD_PROLOGUE + textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, **kw)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose.
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_cmd_error_carries_output():
    try:
        cmd(["sh", "-c", "echo out; echo err >&2; exit 3"])
    except CmdError as e:
        check_eq(e.returncode, 3, "status")
        check_eq((e.stdout, e.stderr), ("out\n", "err\n"), "captured output")
        check_in("--- stderr ---\nerr", str(e), "message")
    else:
        raise AssertionError("a failing command did not raise")
    check_eq(cmd(["sh", "-c", "exit 4"], check=False).returncode, 4, "check=False returns the status")


def test_bkg_readiness():
    t0 = time.monotonic()
    with Bkg(["sh", "-c", "sleep 0.3; echo listening on 42; exec sleep 60"], ready=r"listening on (\d+)") as p:
        check(time.monotonic() - t0 < 5, "ready regex seen promptly")
        check_eq(p.wait_for(r"listening on (\d+)").group(1), "42", "match")
        check(p.alive, "still running")
    check(not pid_alive(p.pid), "stopped when the with block ended")

    flag = Path(f"/tmp/.tg57xx-harness-{os.getpid()}")
    defer(lambda: flag.unlink(missing_ok=True))
    with Bkg(["sh", "-c", f"sleep 0.2; touch {flag}; exec sleep 60"], ready=flag.exists):
        check(flag.exists(), "callable readiness")

    try:
        Bkg(["sh", "-c", "echo dying; exit 7"], ready=r"never")
    except CmdError as e:
        check_eq(e.returncode, 7, "status of a process that died before ready")
        check_in("dying", e.stdout, "its output")
    else:
        raise AssertionError("no error when the process died before ready")

    t0 = time.monotonic()
    try:
        Bkg(["sleep", "60"], ready=r"never", timeout=0.5)
    except TimeoutError:
        check(time.monotonic() - t0 < 5, "timeout honoured")
    else:
        raise AssertionError("no timeout")


def test_bkg_stops_with_kill_when_term_ignored():
    p = Bkg(["sh", "-c", "trap '' TERM; echo up; while :; do sleep 0.05; done"], ready=r"up")
    rc = p.stop(grace=0.5)
    check_eq(rc, -signal.SIGKILL, "SIGKILL after the grace period")


def test_defer_lifo_and_on_exception():
    order = []
    defer(order.append, 1)
    defer(order.append, 2)
    d = defer(order.append, 3)
    d.cancel()
    try:
        defer(order.append, 4)
        raise ValueError("boom")
    except ValueError:
        pass
    run_deferred()
    check_eq(order, [4, 2, 1], "LIFO, cancelled one skipped, run after an exception")


def test_ip_json():
    links = ip("link show lo", json=True)
    check_eq(links[0]["ifname"], "lo", "ip -j parsed")
    check_in("LOOPBACK", links[0]["flags"], "flags")


def test_netns_veth_cleanup():
    require_root()
    with NetNS("tgh") as a, NetNS("tgh") as b:
        Veth("v0", a, "v1", b).up()
        check(a.has_link("v0") and b.has_link("v1"), "veth ends in their namespaces")
        names = (a.name, b.name)
    for n in names:
        check(not os.path.exists(f"/run/netns/{n}"), f"{n} deleted by the with block")


def test_sigterm_runs_cleanup():
    """SIGTERM mid-case: the cleanup stack still removes the namespace and stops the process."""
    code = """
        import time
        from tg57xx_e2e import Bkg, NetNS, run, log
        def case():
            ns = NetNS("tgterm") if __import__("os").geteuid() == 0 else None
            p = Bkg(["sleep", "600"])
            print(f"READY {p.pid} {ns.name if ns else '-'}", flush=True)
            time.sleep(600)
        sys.exit(run([case]))
    """
    c = child(code)
    line = ""
    while not line.startswith("READY"):
        line = c.stdout.readline()
        check(line != "", "child exited before READY")
    _, pid, ns = line.split()
    c.send_signal(signal.SIGTERM)
    out, _ = c.communicate(timeout=30)
    check_eq(c.returncode, 1, f"exit status after SIGTERM (a case was cut short):\n{out}")
    check_in("not ok 1 case", out, "KTAP line for the interrupted case")
    check(not pid_alive(int(pid)), "background process stopped")
    if ns != "-":
        check(not os.path.exists(f"/run/netns/{ns}"), f"namespace {ns} deleted")


def test_ktap_output():
    code = """
        from tg57xx_e2e import Skip, check, run
        def test_good(): pass
        def test_bad(): check(False, "wanted")
        def test_skipped(): raise Skip("no widget")
        sys.exit(run([test_good, test_bad, test_skipped]))
    """
    c = child(code)
    out, _ = c.communicate(timeout=30)
    lines = [ln for ln in out.splitlines() if not ln.startswith("#")]
    check_eq(lines, ["TAP version 13", "1..3", "ok 1 good", "not ok 2 bad", "ok 3 skipped # SKIP no widget"],
             f"KTAP lines:\n{out}")
    check_in("# | AssertionError: wanted", out, "the failure's reason in the log")
    check_eq(c.returncode, 1, "exit status with a failure")

    c = child("from tg57xx_e2e import run\nsys.exit(run([], setup_skip='needs root'))\n")
    out, _ = c.communicate(timeout=30)
    check_eq(out.splitlines(), ["TAP version 13", "1..0 # SKIP needs root"], "whole-run skip")
    check_eq(c.returncode, 0, "exit status of a skipped run")


# testpmd's `stop` block: port 1 with the optional lines testpmd prints when they are not 0
# (a CI run's, whose port 1 went missing from the parse: KeyError in test_mp).
FWD_STATS_TEXT = """
  ---------------------- Forward statistics for port 0  ----------------------
  RX-packets: 24121          RX-dropped: 0             RX-total: 24121
  TX-packets: 24222          TX-dropped: 0             TX-total: 24222
  ----------------------------------------------------------------------------

  ---------------------- Forward statistics for port 1  ----------------------
  RX-packets: 24190          RX-dropped: 0             RX-total: 24190
  RX-error: 8589934590
  RX-nombufs: 0
  TX-packets: 24153          TX-dropped: 0             TX-total: 24153
  ----------------------------------------------------------------------------
"""


def test_testpmd_fwd_stats_parse():
    got = parse_fwd_stats(FWD_STATS_TEXT)
    check_eq(sorted(got), [0, 1], "ports parsed")
    check_eq(got[0], {"rx": 24121, "rx_dropped": 0, "rx_error": 0, "tx": 24222, "tx_dropped": 0}, "port 0")
    check_eq(got[1], {"rx": 24190, "rx_dropped": 0, "rx_error": 8589934590, "tx": 24153, "tx_dropped": 0},
             "port 1, RX-error and RX-nombufs lines between RX and TX")


def test_case_names_are_checked():
    """A script's case names: none runs all, known ones run those, a typo is one line and
    status 1 instead of a green run of nothing."""
    def test_a():
        pass

    def test_b():
        pass
    check_eq(chosen_cases([test_a, test_b], []), [test_a, test_b], "no names: every case")
    check_eq(chosen_cases([test_a, test_b], ["b"]), [test_b], "one name: that case")
    try:
        chosen_cases([test_a, test_b], ["b", "c"])
    except SystemExit as e:
        check_in("no case c (cases: a b)", str(e.code), "the refusal names the typo and the cases")
    else:
        check(False, "an unknown case name was accepted")


CASES = [
    test_cmd_error_carries_output, test_bkg_readiness, test_bkg_stops_with_kill_when_term_ignored,
    test_defer_lifo_and_on_exception, test_ip_json, test_netns_veth_cleanup, test_sigterm_runs_cleanup,
    test_ktap_output, test_testpmd_fwd_stats_parse, test_case_names_are_checked,
]

if __name__ == "__main__":
    sys.exit(run(CASES, leak_check=Snapshot().leaks))
