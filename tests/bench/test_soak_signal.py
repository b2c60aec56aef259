#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""tg57xx-soak stopped by a signal (issue 11): SIGTERM (meson's timeout, kill)
or SIGINT (Ctrl-C) mid-run makes it stop the way it stops at its end: ports
stopped and closed, rte_eal_cleanup, and its EAL runtime directory
(<runtime base>/tg57xx-soak-<pid>) removed; it says so (verdict=INTERRUPTED)
and exits 128 + the signal's number.

usage: test_soak_signal.py SOAK PLUGIN.so

Output is TAP 13 (meson protocol 'tap'); a final leak_check finds processes
or runtime directories left behind.
"""
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e" / "lib"))

from tg57xx_e2e import Bkg, Snapshot, check, check_eq, check_in, log, run, wait_until  # noqa: E402
from tg57xx_e2e.leaks import dpdk_runtime_base  # noqa: E402

SOAK = PLUGIN = None
# Far more frames than the run lasts: only the signal ends it.
FRAMES = 10**9
# EAL start and the links of the model's ports; a loaded machine is slow, never this slow.
START_TIMEOUT = 60
# Stopping: the loop notices the signal within 1024 rounds, then ports and EAL shut down.
STOP_TIMEOUT = 30
# The soak's first line, printed just before its loop starts.
STARTED = r"soak: \d+ frames per direction"


def stopped_by(sig):
    soak = Bkg([SOAK, "--plugin", PLUGIN, "--frames", str(FRAMES)], ready=STARTED, timeout=START_TIMEOUT,
               name="tg57xx-soak")
    rundir = os.path.join(dpdk_runtime_base(), f"tg57xx-soak-{soak.pid}")
    check(os.path.isdir(rundir), f"the running soak has its runtime directory {rundir}")
    soak.send_signal(sig)
    rc = soak.wait(STOP_TIMEOUT)
    log(soak.tail(3))
    check_eq(rc, 128 + sig, f"exit status after {sig.name}")
    check_in("verdict=INTERRUPTED", soak.stdout, "the result line says the run was interrupted")
    check_in("after a clean shutdown", soak.stdout, "the soak's own line about the stop")
    wait_until(lambda: not os.path.exists(rundir), 5, f"{rundir} to go")


def test_sigterm_cleans_up():
    stopped_by(signal.SIGTERM)


def test_sigint_cleans_up():
    stopped_by(signal.SIGINT)


def main():
    global SOAK, PLUGIN
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    SOAK, PLUGIN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    return run([test_sigterm_cleans_up, test_sigint_cleans_up], leak_check=Snapshot().leaks)


if __name__ == "__main__":
    sys.exit(main())
