#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Secondary processes against a running primary (issue 10 item 8): DPDK's own
tools, dpdk-proc-info (statistics, extended statistics) and dpdk-dumpcap
(capture through the primary's pdump server), attach to net_tg57xx_sim ports
of a testpmd or tg-fwd primary. The model runs in the primary: the secondary
reaches its registers through the vdev's rte_mp proxy and its doorbells
through the shared mailbox page (drivers/net/tg57xx_sim/tg57xx_sim_mp.h).

usage: test_mp.py TG_FWD SIM_PLUGIN.so [CASE...]

Hugepages: secondaries map the primary's hugepage files, so these primaries
run on a private hugetlbfs mount with pages reserved for the test (all undone
afterwards: lib/tg57xx_e2e/huge.py). Skips: not root, no hugepages to be had,
a tool missing.

dpdk-dumpcap takes no -d: it gets the plugin by LD_PRELOAD (what the NIC guide
tells users). Debian's dpdk-testpmd links librte_mempool_dpaa, which registers
a mempool driver before the plugin directory is loaded; a secondary's mempool
ops indexes then differ from the primary's and every capture buffer fails to
allocate (DPDK's multi-process rule: same drivers, same order). The test gives
dumpcap the same libraries first, as a user must.
"""
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from tg57xx_e2e import (Bkg, check, check_eq, check_ge, check_gt, cmd, defer, log, require_tool,  # noqa: E402
                        uniq, wait_until)
from tg57xx_e2e.dpdk import Eal, Testpmd  # noqa: E402
from tg57xx_e2e.fwd import Topology, main_for  # noqa: E402
from tg57xx_e2e.huge import Hugepages  # noqa: E402
from tg57xx_e2e.pkt import parse_eth, read_pcap  # noqa: E402

TG_FWD = PLUGIN = None

# 2 MiB pages: the primary's -m plus dumpcap's capture pool (a few MiB), with room.
HUGEPAGES = 192
PRIMARY_MB = 256
# Enough forwarded traffic that every counter has moved.
MIN_FRAMES = 1000
CAPTURE_FRAMES = 32
TOOL_TIMEOUT = 60
MAC = ["02:57:76:00:00:a0", "02:57:76:00:00:a1"]
ETH_P_IPV4 = 0x0800


def testpmd_primary(huge):
    """Two model ports on one cable, io forwarding (tx_first), hugepage-backed."""
    name = uniq("mp")
    vdevs = [f"net_tg57xx_sim{p},wire=pair:{name},mac={MAC[p]}" for p in (0, 1)]
    tp = Testpmd(Eal(PLUGIN, vdevs=vdevs, mem=PRIMARY_MB, huge=huge), ["--port-topology=paired"])
    tp.cmd("set fwd io")
    tp.cmd("start tx_first")
    tp.wait_stats(lambda s: all(s.get(p, {}).get("rx", 0) > MIN_FRAMES for p in (0, 1)))
    return tp


def proc_info(eal, *args):
    r = cmd([require_tool("dpdk-proc-info"), "--file-prefix", eal.prefix, "-d", PLUGIN, "--", *args],
            timeout=TOOL_TIMEOUT, check=False)
    check_eq(r.returncode, 0, f"dpdk-proc-info {' '.join(args)} status:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def nic_stats(text):
    """{port: {"rx": n, "tx": n}} from proc-info --stats."""
    out = {}
    for m in re.finditer(r"NIC statistics for port (\d+)\s+#+\s*RX-packets:\s*(\d+).*?TX-packets:\s*(\d+)",
                         text, re.S):
        out[int(m.group(1))] = {"rx": int(m.group(2)), "tx": int(m.group(3))}
    return out


def xstats(text):
    """{port: {name: value}} from proc-info --xstats."""
    out, port = {}, None
    for line in text.splitlines():
        m = re.match(r"#+ NIC extended statistics for port (\d+)", line)
        if m:
            port = int(m.group(1))
            out[port] = {}
            continue
        m = re.match(r"(\w+): (\d+)$", line.strip())
        if m and port is not None:
            out[port][m.group(1)] = int(m.group(2))
    return out


def preload_for(primary_binary):
    """LD_PRELOAD for dpdk-dumpcap: the primary's own mempool drivers first (see the
    module doc), then the plugin."""
    libs = []
    r = cmd(["ldd", primary_binary], check=False)
    for m in re.finditer(r"(librte_mempool_\w+\.so[.\d]*) => (\S+)", r.stdout):
        libs.append(m.group(2))
    return ":".join(libs + [PLUGIN])


def captured(cap):
    """The count dpdk-dumpcap last printed (stderr "Packets captured: N", rewritten with
    backspaces after each batch), 0 before the first."""
    counts = re.findall(r"(\d+) ", cap.stderr.split("Packets captured:", 1)[-1])
    return int(counts[-1]) if "Packets captured:" in cap.stderr and counts else 0


def dumpcap(eal, port, frames, primary_binary, quiesce):
    """At least `frames` frames of `port` through dpdk-dumpcap, ended only once quiesce()
    has stopped the primary's traffic on the port.

    DPDK 22.11's dumpcap frees its capture ring and mempool as soon as it has asked the
    primary to stop copying (lib/pdump removes the callbacks without waiting for one in
    flight). A copy still running on a forwarding lcore then uses freed, zeroed memory:
    mempool ops index 0, which in Debian's testpmd is DPAA's driver, whose first call
    exits the primary ("process_portal_map(): Unknown error -19"). So no -c: the capture
    runs until the count is reached, the primary's traffic stops, then SIGINT ends it."""
    require_tool("dpdk-dumpcap")
    d = tempfile.mkdtemp(prefix="tg57xx-mp-")
    defer(shutil.rmtree, d, ignore_errors=True)
    out = os.path.join(d, "cap.pcap")
    env = dict(os.environ, LD_PRELOAD=preload_for(primary_binary))
    cap = Bkg(["dpdk-dumpcap", f"--file-prefix={eal.prefix}", "-i", str(port), "-P", "-w", out], env=env,
              name="dpdk-dumpcap")
    wait_until(lambda: captured(cap) >= frames or not cap.alive, TOOL_TIMEOUT, f"{frames} frames captured")
    quiesce()
    check_eq(cap.stop(signal.SIGINT, grace=TOOL_TIMEOUT), 0, f"dpdk-dumpcap status:\n{cap.tail()}")
    return read_pcap(out)


# ---------------------------------------------------------------- cases

def test_proc_info_stats_of_a_testpmd_primary():
    huge = Hugepages(HUGEPAGES)
    tp = testpmd_primary(huge)
    stats = nic_stats(proc_info(tp.eal, "--stats"))
    log(f"proc-info --stats: {stats}")
    for p in (0, 1):
        check_gt(stats.get(p, {}).get("rx", 0), MIN_FRAMES, f"port {p} RX-packets seen by the secondary")
        check_gt(stats.get(p, {}).get("tx", 0), MIN_FRAMES, f"port {p} TX-packets seen by the secondary")
    # The MAC counters are chip registers: read in the secondary through the proxy.
    xs = xstats(proc_info(tp.eal, "--xstats"))
    for p in (0, 1):
        x = xs.get(p, {})
        for name in ("rx_good_packets", "tx_good_packets"):
            check_gt(x.get(name, 0), MIN_FRAMES, f"port {p} {name}")
        mac_rx = [v for k, v in x.items() if "octets" in k and k.startswith("rx")]
        check(mac_rx and max(mac_rx) > 0, f"port {p}: the MAC's receive octet counter moved ({x})")
    fs = tp.stop()
    check(all(fs[p]["rx"] > MIN_FRAMES for p in (0, 1)), f"the primary kept forwarding: {fs}")
    tp.quit()


def test_dumpcap_on_a_testpmd_primary():
    huge = Hugepages(HUGEPAGES)
    tp = testpmd_primary(huge)
    frames = dumpcap(tp.eal, 0, CAPTURE_FRAMES, require_tool("dpdk-testpmd"), tp.stop)
    check_ge(len(frames), CAPTURE_FRAMES, "frames dpdk-dumpcap captured on port 0")
    # testpmd's tx_first burst (IPv4/UDP) circulates: every captured frame is one of them.
    for f in frames:
        check_eq(parse_eth(f)["type"], ETH_P_IPV4, "captured frame's ethertype")
    tp.quit()


def test_dumpcap_and_proc_info_on_a_tg_fwd_primary():
    huge = Hugepages(HUGEPAGES)
    t = Topology(TG_FWD, PLUGIN)
    t.start_fwd(huge=huge, mem=PRIMARY_MB)
    t.ping("peer", t.TG_V4, count=3)
    stats = nic_stats(proc_info(t.eal, "--stats"))
    log(f"proc-info --stats: {stats}")
    check_ge(stats.get(0, {}).get("rx", 0), 3, "the NIC port's RX-packets (the peer's pings)")
    # Capture the NIC port while the peer pings: the echo requests arrive through the model.
    stop = threading.Event()

    def pinger():
        while not stop.is_set():
            t.ping("peer", t.TG_V4, count=1, check=False)
    def no_more_pings():
        stop.set()
        th.join()
    th = threading.Thread(target=pinger, daemon=True)
    th.start()
    try:
        frames = dumpcap(t.eal, 0, 4, TG_FWD, no_more_pings)
    finally:
        no_more_pings()
    check_ge(len(frames), 4, "frames captured on the NIC port of tg-fwd")
    check(any(parse_eth(f)["type"] == ETH_P_IPV4 for f in frames), "an IPv4 frame (the pings) among them")
    check_eq(t.fwd.terminate(), 0, "tg-fwd exit status")


def test_secondary_without_primary_port():
    """A secondary asking for a model port its primary does not have: the vdev refuses it."""
    huge = Hugepages(HUGEPAGES)
    tp = testpmd_primary(huge)
    e = tp.eal
    r = cmd([require_tool("dpdk-proc-info"), "--file-prefix", e.prefix, "-d", PLUGIN,
             "--vdev", "net_tg57xx_sim7", "--", "--stats"], timeout=TOOL_TIMEOUT, check=False)
    check(re.search(r"net_tg57xx_sim7: no such port in the primary process", r.stdout + r.stderr),
          f"one line naming the port:\n{r.stdout}\n{r.stderr}")
    tp.stop()
    tp.quit()


CASES = [
    test_proc_info_stats_of_a_testpmd_primary, test_dumpcap_on_a_testpmd_primary,
    test_dumpcap_and_proc_info_on_a_tg_fwd_primary, test_secondary_without_primary_port,
]


def main():
    global TG_FWD, PLUGIN
    TG_FWD, PLUGIN, run_cases = main_for(
        __doc__, CASES, "hugepages, network namespaces",
        extra_skip=lambda: None if shutil.which("dpdk-proc-info") else "dpdk-proc-info not installed")
    return run_cases()


if __name__ == "__main__":
    sys.exit(main())
