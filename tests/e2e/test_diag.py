#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""usertools/tg57xx-diag against the chip model (issue 13): a testpmd primary
on net_tg57xx_sim ports, reached through DPDK telemetry (the PMD's
/tg57xx/regs, /tg57xx/phy, /tg57xx/eeprom, ethdev's /ethdev/xstats and the chip
model's /tg57xx_sim/counters), and
the model's register trace (trace= devarg) rendered offline. Each subcommand,
its saved files, and bad input (no primary, no such port, a file that is not
a dump) get a case.

usage: test_diag.py TOOL REGMAP.json SIM_PLUGIN.so [CASE...]
"""
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from tg57xx_e2e import check, check_eq, check_gt, check_in, chosen_cases, cmd, defer, run, uniq  # noqa: E402
from tg57xx_e2e.dpdk import Eal, Testpmd  # noqa: E402
from tg57xx_e2e.leaks import Snapshot  # noqa: E402

TOOL = REGMAP = PLUGIN = None
TOOL_TIMEOUT = 60
MAC = "02:57:76:00:00:d1"
MIN_FRAMES = 500


def diag(prefix, *args, ok=True):
    r = cmd([sys.executable, TOOL, "--regmap", REGMAP, "--prefix", prefix, *args], timeout=TOOL_TIMEOUT,
            check=False)
    if ok:
        check_eq(r.returncode, 0, f"tg57xx-diag {' '.join(args)}:\n{r.stdout}\n{r.stderr}")
    return r


def tmpdir():
    d = tempfile.mkdtemp(prefix="tg57xx-diag-")
    defer(shutil.rmtree, d, ignore_errors=True)
    return d


def primary(trace=None, partner="1000f+pause"):
    """One model port looped to itself, io forwarding with a first burst: traffic moves."""
    vdev = f"net_tg57xx_sim0,wire=loop,mac={MAC},partner={partner}" + (f",trace={trace}" if trace else "")
    tp = Testpmd(Eal(PLUGIN, vdevs=[vdev]), ["--port-topology=loop"])
    tp.cmd("set fwd io")
    tp.cmd("start tx_first")
    tp.wait_stats(lambda s: s.get(0, {}).get("rx", 0) > MIN_FRAMES)
    tp.stop()
    return tp


def test_regs_decoded_and_diffed():
    d = tmpdir()
    with primary() as tp:
        p = tp.eal.prefix
        before, after = os.path.join(d, "a.json"), os.path.join(d, "b.json")
        r = diag(p, "regs", "--save", before)
        check(re.search(r"chip id 0x57785[0-9a-f]{3} \(57765", r.stdout), f"chip id and family:\n{r.stdout[:300]}")
        check(re.search(r"0x0400 MAC_MODE\s+0x[0-9a-f]{8}\s+\[MAC §5\.1\]\s+"
                        r"MAC_MODE_PORT_MODE_MASK=MAC_MODE_PORT_MODE_GMII.*MAC_MODE_TDE_ENABLE", r.stdout),
              f"MAC_MODE decoded:\n{r.stdout[:2000]}")
        check(re.search(r"0x0468 MAC_RX_MODE .*RX_MODE_ENABLE.*RX_MODE_FLOW_CTRL_ENABLE", r.stdout),
              "MAC_RX_MODE decoded: pause negotiated with the partner")
        check(re.search(r"0x0410 MAC_ADDR_HIGH\(0\)\s+0x00000257", r.stdout), "array instances named")
        check("MAC_TX_STATS" not in r.stdout, "counters a read clears are not in the dump")
        tp.cmd("set promisc 0 off")
        diag(p, "regs", "--save", after)
        r = diag(p, "regs", "--block", "NVRAM", "--all")
        check("NVRAM_SWARB" in r.stdout and "MAC_MODE" not in r.stdout, "--block keeps one block")
        tp.quit()
    r = diag("none", "regs", "--diff", before, after)
    check(re.search(r"0x0468 MAC_RX_MODE\s+0x[0-9a-f]{8} -> 0x[0-9a-f]{8}", r.stdout), f"diff:\n{r.stdout}")
    check(re.search(r"- .*RX_MODE_PROMISC", r.stdout), "the promiscuous bit went away")
    r = diag("none", "regs", "--file", after)
    check_in("MAC_RX_MODE", r.stdout, "a saved dump decodes offline")


def test_phy_decoded_with_link():
    with primary() as tp:
        r = diag(tp.eal.prefix, "phy")
        check(re.search(r"0x00 MII_BMCR\s+0x[0-9a-f]{4}\s+BMCR_ANENABLE", r.stdout), f"BMCR:\n{r.stdout}")
        check(re.search(r"0x04 MII_ADVERTISE .*ADVERTISE_PAUSE_CAP", r.stdout), "ANAR decoded")
        check(re.search(r"0x05 MII_LPA .*LPA_PAUSE_CAP", r.stdout), "the partner's page")
        check_in("PHY link: up 1000FULL", r.stdout)
        check_in("port link: up, 1000 Mbit/s full-duplex, autoneg on, pause rx on tx on", r.stdout)
        tp.quit()


def test_nvram_header_mac_vpd_and_dump():
    d = tmpdir()
    image = os.path.join(d, "nvram.bin")
    with primary() as tp:
        r = diag(tp.eal.prefix, "nvram", "--dump", image)
        tp.quit()
    check_in("magic 0x669955aa", r.stdout)
    check_in('version "sim-bc v1.02"', r.stdout)
    check_in(f"MAC (function 0, 0x7c): {MAC}", r.stdout)
    check(re.search(r"VPD PN: BCM57762-SIM", r.stdout), f"VPD part number:\n{r.stdout}")
    check_eq(os.path.getsize(image), 65536, "the whole image")
    with open(image, "rb") as f:
        check_eq(f.read(4), bytes.fromhex("669955aa"), "raw image starts with the magic")


def test_stats_named():
    with primary() as tp:
        r = diag(tp.eal.prefix, "stats")
        tp.quit()
    m = re.search(r"tx_ucast_packets\s+(\d+)", r.stdout)
    check(m, f"MAC counters named:\n{r.stdout}")
    check_gt(int(m.group(1)), MIN_FRAMES, "counted what went out")
    check_in("rx_octets", r.stdout)


def test_model_counters():
    """The chip model's own counters (/tg57xx_sim/counters): what it carried, named."""
    with primary() as tp:
        r = diag(tp.eal.prefix, "model")
        tp.quit()
    check_in("chip-model counters of net_tg57xx_sim0", r.stdout)
    for name in ("mac_tx_frames", "mac_rx_frames"):
        m = re.search(rf"^\s+{name}\s+(\d+)$", r.stdout, re.M)
        check(m, f"{name} named:\n{r.stdout}")
        check_gt(int(m.group(1)), MIN_FRAMES, f"{name}: the frames that went round the loop")


def test_trace_named_with_sections():
    d = tmpdir()
    trace = os.path.join(d, "trace.txt")
    with primary(trace=trace) as tp:
        tp.quit()  # the model writes the trace when the port closes
    r = diag("none", "trace", trace)
    check(re.search(r"W 0x00400 MAC_MODE\s+0x[0-9a-f]{8} \[MAC §5\.1\]", r.stdout), "MAC_MODE writes named")
    check(re.search(r"NVRAM_SWARB\s+0x[0-9a-f]{8} \[NVRAM §5\.12\]", r.stdout), "NVRAM arbitration named")
    check_gt(len(r.stdout.splitlines()), 100, "a whole bring-up")


def test_bad_input_is_one_line_and_status_1():
    d = tmpdir()
    r = diag(uniq("nobody"), "regs", ok=False)
    check_eq(r.returncode, 1, "no primary")
    check(re.fullmatch(r"tg57xx-diag: error: no DPDK primary with file prefix .*\n", r.stderr), r.stderr)
    junk = os.path.join(d, "junk.json")
    with open(junk, "w") as f:
        f.write("{}")
    r = diag("none", "regs", "--diff", junk, junk, ok=False)
    check_eq(r.returncode, 1, "not a dump")
    check_in("is not a tg57xx-diag register dump", r.stderr)
    r = diag("none", "frobnicate", ok=False)
    check_eq(r.returncode, 2, "bad usage")
    with primary() as tp:
        for what in ("phy", "model"):
            r = diag(tp.eal.prefix, "--port", "7", what, ok=False)
            check_eq(r.returncode, 1, f"{what}: no such port")
            check_eq(len(r.stderr.strip().splitlines()), 1, f"{what}: one line: {r.stderr}")
        tp.quit()


CASES = [
    test_regs_decoded_and_diffed, test_phy_decoded_with_link, test_nvram_header_mac_vpd_and_dump,
    test_stats_named, test_model_counters, test_trace_named_with_sections, test_bad_input_is_one_line_and_status_1,
]


def main():
    global TOOL, REGMAP, PLUGIN
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    TOOL, REGMAP, PLUGIN = (os.path.abspath(a) for a in sys.argv[1:4])
    cases = chosen_cases(CASES, sys.argv[4:])
    skip = None
    if os.geteuid() != 0:
        skip = "needs root (the primary's telemetry socket under /var/run/dpdk)"
    elif not shutil.which("dpdk-testpmd"):
        skip = "dpdk-testpmd not installed"
    return run(cases, setup_skip=skip, leak_check=Snapshot().leaks)


if __name__ == "__main__":
    sys.exit(main())
