# SPDX-License-Identifier: BSD-3-Clause
"""CPU use of a process and its threads from /proc, and ping round-trip times.

    use = cpu_use(pid, 3.0)            # {"total": 0.02, "lcores": 0.01, "threads": {...}}
    rtts = ping_rtts(ns, "10.77.0.2", count=200, interval=0.01)
    p50, p99 = percentile(rtts, 50), percentile(rtts, 99)

CPU use is (utime + stime) ticks over a wall-clock window, in cores (1.0 =
one CPU busy all the time): the whole process, and DPDK's worker lcores
(threads named rte-worker-N by EAL) on their own; a process without a worker
lcore (-l 0) is refused rather than measured as 0.
"""
import math
import os
import re
import time

from .utils import cmd

CLK_TCK = os.sysconf("SC_CLK_TCK")
# EAL names its worker lcore threads rte-worker-<id> (22.11; lcore-worker-<id> before).
LCORE_THREAD = re.compile(r"^(rte|lcore)-worker-\d+$")
# utime and stime: fields 14 and 15 of /proc/.../stat (proc(5)); after "(comm)" they are 12 and 13.
_UTIME_AFTER_COMM = 11


def _ticks(stat_path):
    with open(stat_path) as f:
        s = f.read()
    rest = s[s.rindex(")") + 2:].split()
    return int(rest[_UTIME_AFTER_COMM]) + int(rest[_UTIME_AFTER_COMM + 1])


def thread_ticks(pid):
    """{tid: (comm, utime + stime ticks)} of every thread of pid; {} once it is gone."""
    out = {}
    base = f"/proc/{pid}/task"
    try:
        tids = os.listdir(base)
    except FileNotFoundError:
        return out
    for tid in tids:
        try:
            with open(f"{base}/{tid}/comm") as f:
                comm = f.read().strip()
            out[int(tid)] = (comm, _ticks(f"{base}/{tid}/stat"))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue  # the thread ended meanwhile
    return out


def cpu_use(pid, seconds):
    """CPU use of pid over `seconds`, in cores: total, forwarding lcores, and per thread name."""
    t0, a = time.monotonic(), thread_ticks(pid)
    time.sleep(seconds)
    t1, b = time.monotonic(), thread_ticks(pid)
    wall = (t1 - t0) * CLK_TCK
    if not a or not b or wall <= 0:
        raise RuntimeError(f"process {pid} is gone: no CPU figures")
    threads = {}
    for tid, (comm, ticks) in b.items():
        used = (ticks - a.get(tid, (comm, 0))[1]) / wall
        threads[comm] = threads.get(comm, 0.0) + used
    workers = [k for k in threads if LCORE_THREAD.match(k)]
    if not workers:
        raise RuntimeError(f"process {pid} has no worker lcore thread: {sorted(threads)}")
    lcores = sum(threads[k] for k in workers)
    return {"total": sum(threads.values()), "lcores": lcores, "threads": threads}


_RTT = re.compile(r"icmp_seq=(\d+) .*time=([\d.]+) ms")
# How long each echo request's reply may take. iputils ping without a deadline gives up on
# the replies still missing max(2 x the largest RTT seen, interval) after its last request
# (ping_common.c: __schedule_exit), whatever -W says: on a loaded machine a reply 300 ms
# late was counted as lost. With a deadline (-w) it waits for `count` replies until then.
PING_REPLY_WAIT = 3


def ping_replies(ns, dst, count, interval, size=None, df=False, wait=PING_REPLY_WAIT):
    """Echo requests `interval` s apart: ({icmp_seq: RTT ms} of the replies to the first
    `count`, the command's Result). Each request gets `wait` s; with the deadline, ping
    sends further requests while replies are missing, which are not counted: a request
    whose reply never came stays missing even when later ones were answered."""
    deadline = math.ceil(count * interval + wait)
    args = ["ping", "-n", "-c", str(count), "-i", f"{interval:g}", "-W", str(wait), "-w", str(deadline)]
    if ":" in dst:
        args.insert(1, "-6")
    if size is not None:
        args += ["-s", str(size)]
    if df:
        args += ["-M", "do"]
    r = cmd(args + [dst], ns=ns, check=False, timeout=deadline + 10)
    replies = {}
    for m in _RTT.finditer(r.stdout):
        if 1 <= int(m.group(1)) <= count:
            replies.setdefault(int(m.group(1)), float(m.group(2)))
    return replies, r


def ping_rtts(ns, dst, count, interval, size=None):
    """Round-trip times (ms) of the replies to `count` pings `interval` s apart (root: any interval)."""
    replies, _ = ping_replies(ns, dst, count, interval, size=size)
    return [replies[k] for k in sorted(replies)]


def percentile(values, pct):
    """Nearest-rank percentile of a non-empty list."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, -(-len(v) * pct // 100) - 1))
    return v[int(k)]
