# SPDX-License-Identifier: BSD-3-Clause
"""KTAP/TAP 13 results, checks and the per-case cleanup discipline.

    def test_ping(env): ...
    sys.exit(run([test_ping, test_mtu], args=(env,)))

prints

    TAP version 13
    1..2
    ok 1 ping
    ok 2 mtu # SKIP iperf3 not installed
    # Totals: pass:1 fail:0 skip:1

Every case ends by running the cleanup stack (utils.defer), also when it
raised, failed or the run was terminated (SIGTERM/SIGHUP become an exception,
see utils.install_signal_handlers). The exit status is 0 when nothing failed,
1 otherwise; meson reads the TAP stream (protocol: 'tap').
"""
import os
import sys
import time
import traceback

from .utils import CmdError, Skip, Terminated, install_signal_handlers, live_processes, log, run_deferred


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def check_eq(a, b, msg=""):
    if a != b:
        raise AssertionError(f"{a!r} != {b!r}" + (f": {msg}" if msg else ""))


def check_ge(a, b, msg=""):
    if not a >= b:
        raise AssertionError(f"{a!r} < {b!r}" + (f": {msg}" if msg else ""))


def check_gt(a, b, msg=""):
    if not a > b:
        raise AssertionError(f"{a!r} <= {b!r}" + (f": {msg}" if msg else ""))


def check_in(a, b, msg=""):
    if a not in b:
        raise AssertionError(f"{a!r} not in {b!r}" + (f": {msg}" if msg else ""))


def _case_name(case):
    name = getattr(case, "__name__", str(case))
    return name[5:] if name.startswith("test_") else name


def _run_case(case, name, args):
    """One case and its cleanups; returns (status, comment). Lets Terminated through."""
    t0 = time.monotonic()
    status, comment = "ok", ""
    try:
        case(*args)
    except Skip as e:
        comment = f"SKIP {e}"
    except Exception as e:  # noqa: BLE001 - a failed case, whatever failed
        status = "not ok"
        for line in traceback.format_exc().rstrip().splitlines():
            log("| " + line)
        if not isinstance(e, (AssertionError, CmdError, TimeoutError)):
            log(f"{name}: unexpected {type(e).__name__}")
        for p in live_processes():
            log(f"--- last output of {p.name} (pid {p.pid}) ---")
            log(p.tail(30))
    finally:
        # Runs on every exit path, including Terminated/KeyboardInterrupt unwinding.
        if run_deferred() and status == "ok" and not comment:
            status, comment = "not ok", "cleanup failed"
        log(f"{name}: {time.monotonic() - t0:.1f}s")
    return status, comment


def chosen_cases(cases, names):
    """The cases named on a script's command line (without their test_ prefix; none: all).
    A name that is no case ends the script with one line listing the cases: a typo must
    not pass as a run of nothing."""
    known = [c.__name__[5:] for c in cases]
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"{os.path.basename(sys.argv[0])}: no case {', '.join(unknown)} (cases: {' '.join(known)})")
    return [c for c in cases if not names or c.__name__[5:] in names]


def run(cases, args=(), setup_skip=None, leak_check=None):
    """Run the cases, print KTAP, return the exit status.

    setup_skip: a reason to skip every case (e.g. "needs root"), checked up front.
    leak_check: a callable returning a list of leftovers (strings) after all
    cases ran; any leftover is a failed extra case named "leak_check".
    """
    install_signal_handlers()
    total = len(cases) + (1 if leak_check else 0)
    print("TAP version 13", flush=True)
    if setup_skip:
        print(f"1..0 # SKIP {setup_skip}", flush=True)
        return 0
    print(f"1..{total}", flush=True)
    totals = {"pass": 0, "fail": 0, "skip": 0}
    terminated = None
    n = 0
    for case in cases:
        n += 1
        name = _case_name(case)
        if terminated:
            totals["fail"] += 1
            print(f"not ok {n} {name} # not run: {terminated}", flush=True)
            continue
        try:
            status, comment = _run_case(case, name, args)
        except (Terminated, KeyboardInterrupt) as e:
            terminated = e
            run_deferred()
            status, comment = "not ok", str(e)
        if status == "ok" and comment.startswith("SKIP"):
            totals["skip"] += 1
        elif status == "ok":
            totals["pass"] += 1
        else:
            totals["fail"] += 1
        print(f"{status} {n} {name}" + (f" # {comment}" if comment else ""), flush=True)
    if leak_check:
        n += 1
        left = leak_check()
        for item in left:
            log(f"left behind: {item}")
        if left:
            totals["fail"] += 1
            print(f"not ok {n} leak_check", flush=True)
        else:
            totals["pass"] += 1
            print(f"ok {n} leak_check", flush=True)
    log(f"Totals: pass:{totals['pass']} fail:{totals['fail']} skip:{totals['skip']}")
    return 1 if totals["fail"] or terminated else 0
