#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""tg57xx-vhost-sink, the pps bench's stand-in for vhost-net (vhost_sink.cpp):
refuses bad command lines with one line saying why; counts what a virtio-user
frontend (testpmd txonly) sends into its net_vhost port, in its count file;
stops on SIGTERM with exit 0, its totals line, and no EAL runtime directory
left.

usage: test_vhost_sink.py SINK

Output is TAP 13 (meson protocol 'tap'); a final leak_check finds processes
or runtime directories left behind.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e" / "lib"))

from tg57xx_e2e import Bkg, Snapshot, check, check_eq, check_in, defer, log, run, wait_until  # noqa: E402
from tg57xx_e2e import dpdk  # noqa: E402
from tg57xx_e2e.leaks import dpdk_runtime_base  # noqa: E402

SINK = None
START_TIMEOUT = 60
STOP_TIMEOUT = 30


def tmpdir():
    d = tempfile.mkdtemp(prefix="tg57xx-sink-")
    defer(shutil.rmtree, d, ignore_errors=True)
    return d


def sink_argv(eal, *app):
    return [SINK, *eal.args(), "--", *app]


def test_bad_command_lines_say_why():
    d = tmpdir()
    vhost = f"net_vhost0,iface={d}/v.sock,client=0"
    cases = [
        ((vhost,), (), "--count-file is required"),
        ((vhost,), ("--count-file", f"{d}/c", "--colour"), "unknown option --colour"),
        ((), ("--count-file", f"{d}/c"), "give exactly one port"),
    ]
    for vdevs, app, says in cases:
        p = subprocess.run(sink_argv(dpdk.Eal(None, vdevs=vdevs), *app), capture_output=True, text=True,
                           timeout=START_TIMEOUT)
        check_eq(p.returncode, 1, f"exit status for {' '.join(app) or 'no options'}")
        check_in(says, p.stderr, "the reason")
        check_in("usage:", p.stderr, "the usage line")
    check(not os.path.exists(f"{d}/c"), "no count file from a refused command line")


def test_counts_frames_and_stops_clean():
    d = tmpdir()
    sock, count = f"{d}/v.sock", f"{d}/count"
    eal = dpdk.Eal(None, vdevs=[f"net_vhost0,iface={sock},client=0"], lcores="0",
                   extra=["--log-level=lib.vhost.config:warning"])
    sink = Bkg(sink_argv(eal, "--count-file", count), ready=r"vhost-sink: ready", timeout=START_TIMEOUT,
               name="vhost-sink")
    rundir = os.path.join(dpdk_runtime_base(), eal.prefix)

    def counted():
        try:
            with open(count) as f:
                return int(f.read())
        except (OSError, ValueError):
            return None
    wait_until(lambda: counted() == 0, 10, "the count file to say 0")
    gen = dpdk.Testpmd(dpdk.Eal(None, vdevs=[f"net_virtio_user0,path={sock},queues=1"]), ["--txpkts=60"])
    gen.cmd("set fwd txonly")
    gen.cmd("start")
    wait_until(lambda: (counted() or 0) > 10000, 30, "the sink to count 10000 frames")
    gen.cmd("stop")
    gen.quit()
    sink.send_signal(signal.SIGTERM)
    rc = sink.wait(STOP_TIMEOUT)
    log(sink.tail(2))
    check_eq(rc, 0, "exit status after SIGTERM")
    check_in("vhost-sink: stopped rx=", sink.stdout, "the totals line")
    check(counted() > 10000, f"the count file keeps the total ({counted()})")
    wait_until(lambda: not os.path.exists(rundir), 5, f"{rundir} to go")


def main():
    global SINK
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    SINK = os.path.abspath(sys.argv[1])
    return run([test_bad_command_lines_say_why, test_counts_frames_and_stops_clean], leak_check=Snapshot().leaks)


if __name__ == "__main__":
    sys.exit(main())
