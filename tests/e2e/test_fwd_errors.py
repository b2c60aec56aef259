#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""tg-fwd given bad input, end to end (issue 11 item 5), and tg-fwd answering
a NIC reset request (issue 11 item 3).

usage: test_fwd_errors.py TG_FWD PLUGIN.so [CASE...]

Each refusal must be one clear line on stderr ("tg-fwd: ..."), the exit code
doc/guides/tools/tg-fwd.rst gives (2: command line, 1: start-up), and
nothing left behind: no kernel interface, no DPDK runtime directory, no
hugepage file (a final leak check covers namespaces and processes).
Output is TAP 13. Skips: not root.
"""
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

from tg57xx_e2e import NetNS, bkg, check, check_eq, check_in, cmd, ip, log  # noqa: E402
from tg57xx_e2e.dpdk import Eal  # noqa: E402
from tg57xx_e2e.fwd import NIC_MAC, Topology, main_for  # noqa: E402
from tg57xx_e2e.huge import Hugepages  # noqa: E402
from tg57xx_e2e.leaks import dpdk_runtime_base  # noqa: E402
from tg57xx_e2e.netns import link_info  # noqa: E402

TG_FWD = PLUGIN = None

EXIT_FAILURE, EXIT_USAGE = 1, 2
# A refusal comes before any forwarding: well under this.
REFUSAL_TIMEOUT = 60
# Hugepages for the "-m too big" case: a few, so that -m asks for more than there are.
HUGE_PAGES = 16
TOO_MUCH_MB = 1024
# Mid-traffic fault: armed this long after the probe (tg-fwd is ready in about a second),
# inside a window of pings.
FAULT_AFTER_MS = 5000
PING_WINDOW_S = 30


def refused(args, ns, code, pattern, eal=None, wrap=None):
    """Run tg-fwd [EAL] -- ARGS (inside `wrap` if given) and check the refusal: exit code,
    exactly one "tg-fwd:" line matching `pattern`, and no runtime directory left."""
    eal = eal or Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC}"])
    argv = [TG_FWD, *eal.args(), "--", *args]
    if wrap is not None:
        argv = wrap(argv)
    r = cmd(argv, ns=ns, check=False, timeout=REFUSAL_TIMEOUT)
    ours = [ln for ln in r.stderr.splitlines() if ln.startswith("tg-fwd:")]
    log(f"tg-fwd {' '.join(args)}: exit {r.returncode}: {ours}")
    check_eq(r.returncode, code, f"exit status of tg-fwd {' '.join(args)}")
    check_eq(len(ours), 1, f"one line of tg-fwd's own: {ours}")
    check(ours and re.search(pattern, ours[0]), f"the line says what is wrong ({pattern!r}): {ours}")
    rundir = os.path.join(dpdk_runtime_base(), eal.prefix)
    check(not os.path.exists(rundir), f"no DPDK runtime dir left ({rundir})")
    return r


def no_tg0(ns, why):
    check(link_info(ns, "tg0") is None, f"no tg0 left {why}")


# ---------------------------------------------------------------- command line

def test_bad_options():
    ns = NetNS("tgbad")
    refused(["--tap", "--burst", "0"], ns, EXIT_USAGE, r"--burst '0': need 1\.\.256")
    refused(["--tap", "--txqueuelen", "15"], ns, EXIT_USAGE, r"--txqueuelen '15': need 16\.\.65536")
    refused(["--tap", "--frobnicate"], ns, EXIT_USAGE, r"unrecognized option|unknown option|usage")
    refused([], ns, EXIT_USAGE, r"--tap, --virtio-user or --af-packet is required")
    refused(["--tap", "--af-packet"], ns, EXIT_USAGE, r"--af-packet: give one of --tap, --virtio-user, --af-packet")
    refused(["--tap", "--iface", "a/b"], ns, EXIT_USAGE, r"--iface 'a/b'")
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC}"], extra=["--no-such-eal-option"])
    refused(["--tap"], ns, EXIT_USAGE, r"EAL refused its command line", eal=eal)
    # Devargs the driver refuses: EAL starts without the port.
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC},fault=meteor"])
    refused(["--tap"], ns, EXIT_FAILURE, r"no tg57xx port came up: the driver refused", eal=eal)
    no_tg0(ns, "after bad options")


# ---------------------------------------------------------------- kernel side

def hide_tun(how):
    """Run argv in a private mount namespace where /dev/net/tun is hidden."""
    mount = {"missing": "mount -t tmpfs none /dev/net",
             "wrong": "mount --bind /dev/null /dev/net/tun"}[how]
    return lambda argv: ["unshare", "-m", "sh", "-c", f'{mount} && exec "$@"', "sh", *argv]


def test_missing_dev_net_tun():
    ns = NetNS("tgtun")
    refused(["--tap"], ns, EXIT_FAILURE, r"/dev/net/tun is missing .*modprobe tun", wrap=hide_tun("missing"))
    refused(["--tap"], ns, EXIT_FAILURE, r"/dev/net/tun is not the TUN/TAP device", wrap=hide_tun("wrong"))
    no_tg0(ns, "without /dev/net/tun")


def test_iface_name_taken():
    ns = NetNS("tgtaken")
    ip("link add tg0 type veth peer name tg0peer", ns=ns)
    refused(["--tap"], ns, EXIT_FAILURE, r"interface tg0 already exists .*--iface")
    info = ip("-d link show dev tg0", ns=ns, json=True)[0]
    check_eq(info.get("linkinfo", {}).get("info_kind"), "veth", "the existing tg0 is left as it was")
    ip("link add mine0 type veth peer name mine0peer", ns=ns)
    refused(["--tap", "--iface", "mine0"], ns, EXIT_FAILURE, r"interface mine0 already exists")
    check_eq(sorted(ns.links()), ["lo", "mine0", "mine0peer", "tg0", "tg0peer"],
             "interfaces in the namespace afterwards")


def test_af_packet_refusals():
    """--af-packet: what cannot work is refused before or while the veth pair is made, and
    a pair made for a start that then fails is deleted again."""
    ns = NetNS("tgafp")
    refused(["--af-packet", "--persist"], ns, EXIT_USAGE, r"--persist works with --tap only")
    refused(["--af-packet", "--iface", "abcdefghijklm"], ns, EXIT_USAGE,
            r"--iface 'abcdefghijklm': with --af-packet, 12 characters at most")
    ip("link add tg0-dp type veth peer name other0", ns=ns)
    refused(["--af-packet"], ns, EXIT_FAILURE, r"interface tg0-dp already exists .*ip link del tg0-dp")
    ip("link del tg0-dp", ns=ns)
    refused(["--af-packet", "--mtu", "9000"], ns, EXIT_FAILURE,
            r"MTU 9000 is more than net_af_packet allows .*give --mtu 1500 or less")
    check_eq(sorted(ns.links()), ["lo"], "interfaces left: the pair made for the refused start is gone")


# ---------------------------------------------------------------- memory

def test_no_hugepages():
    ns = NetNS("tghuge")
    missing = "/nonexistent-tg57xx-hugetlbfs"
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC}"], huge=SimpleNamespace(dir=missing))
    refused(["--tap"], ns, EXIT_FAILURE, r"EAL found no usable hugepages: .*--no-huge", eal=eal)
    # Hugepages there, but fewer than -m asks for.
    huge = Hugepages(pages=HUGE_PAGES)
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC}"], huge=huge, mem=TOO_MUCH_MB)
    refused(["--tap"], ns, EXIT_FAILURE, r"EAL cannot get the memory .*hugepages", eal=eal)
    left = os.listdir(huge.dir)
    check_eq(left, [], f"hugepage files left in {huge.dir}")
    no_tg0(ns, "after the memory refusals")


def test_hugepage_quota_too_small():
    """A --huge-dir mount smaller than -m while the pool has free pages to spare: EAL maps
    files into the mount before it finds it short, and fails with them left there. tg-fwd
    says the one line and removes them (they hold hugepages until deleted)."""
    ns = NetNS("tgquota")
    Hugepages(pages=TOO_MUCH_MB // 2 + HUGE_PAGES)  # free pages in the pool, not in the mount
    quota = Hugepages(pages=HUGE_PAGES)
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC}"], huge=quota, mem=TOO_MUCH_MB)
    refused(["--tap"], ns, EXIT_FAILURE, r"EAL cannot get the memory .*hugepages", eal=eal)
    check_eq(os.listdir(quota.dir), [], f"hugepage files left in {quota.dir}")
    no_tg0(ns, "after the memory refusal")


# ---------------------------------------------------------------- the NIC

def test_port_fails_to_start():
    """A buffer manager that never comes up (ref §5.8; tg3_reset_hw gives up too): the NIC
    cannot start; tg0 (made first) goes too. (Missing boot code is no such reason: tg3 and
    the PMD warn and go on.)"""
    ns = NetNS("tgstart")
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim0,wire=loop,mac={NIC_MAC},fault=bufmgr"])
    refused(["--tap"], ns, EXIT_FAILURE, r"net_tg57xx_sim0: start failed: .*driver's message", eal=eal)
    no_tg0(ns, "after the NIC failed to start")
    check_eq(sorted(ns.links()), ["lo"], "interfaces in the namespace afterwards")


def test_reset_request_is_answered():
    """A DMA error at start (fault=dma:1): the PMD asks for a reset once, tg-fwd resets the
    port with its forwarding lcore parked, and the chain carries traffic."""
    t = Topology(TG_FWD, PLUGIN)
    fwd = t.start_fwd(vdev_extra=",fault=dma:1")
    fwd.wait_line(r"^tg-fwd: net_tg57xx_sim0: reset done \(1 so far\), forwarding again$", timeout=20)
    t.wait_ping("peer", t.TG_V4)
    t.ping("peer", t.TG_V4, count=5)
    t.ping("fwd", t.PEER_V6)
    asks = re.findall(r"the driver asks for a reset", fwd.stdout)
    check_eq(len(asks), 1, "one reset for one fault")
    check_in("chip error attention", fwd.output, "the driver's one line saying why")
    check_eq(fwd.terminate(), 0, "tg-fwd exit status after SIGTERM")
    rundir = os.path.join(dpdk_runtime_base(), t.eal.prefix)
    check(not os.path.exists(rundir), f"no DPDK runtime dir left after a clean exit ({rundir})")


def test_reset_mid_traffic():
    """The same fault armed while pings cross the chain (fault_after=): the reset comes
    after "ready", and the pings go on through the chain afterwards."""
    t = Topology(TG_FWD, PLUGIN)
    fwd = t.start_fwd(vdev_extra=f",fault=dma:1,fault_after={FAULT_AFTER_MS}")
    mark = fwd.mark()
    t.ping("peer", t.TG_V4, count=2)
    with bkg(["ping", "-i", "0.1", "-w", str(PING_WINDOW_S), t.TG_V4], ns=t.peer, name="ping"):
        fwd.wait_line(r"^tg-fwd: net_tg57xx_sim0: reset done \(1 so far\), forwarding again$",
                      timeout=PING_WINDOW_S, start=mark)
    t.wait_ping("peer", t.TG_V4)
    t.ping("peer", t.TG_V4, count=5)
    t.ping("fwd", t.PEER_V6)
    check_eq(len(re.findall(r"the driver asks for a reset", fwd.stdout)), 1, "one reset for one fault")
    check_eq(fwd.terminate(), 0, "tg-fwd exit status after SIGTERM")


CASES = [test_bad_options, test_missing_dev_net_tun, test_iface_name_taken, test_af_packet_refusals, test_no_hugepages,
         test_hugepage_quota_too_small,
         test_port_fails_to_start, test_reset_request_is_answered, test_reset_mid_traffic]


def main():
    global TG_FWD, PLUGIN
    TG_FWD, PLUGIN, run_cases = main_for(__doc__, CASES, "network namespaces, tap, hugepages")
    return run_cases()


if __name__ == "__main__":
    sys.exit(main())
