# SPDX-License-Identifier: BSD-3-Clause
"""tg57xx_e2e: a small harness for end-to-end tests, in the spirit of the
Linux net selftests' lib/py (tools/testing/selftests/net/lib/py).

  utils   cmd(), bkg()/Bkg, defer(), ip(json=True), wait_until(), Skip, require_*
  netns   NetNS, Veth, carrier/link/address helpers
  ktap    run(cases): TAP 13 / KTAP results, checks, cleanup after every case
  leaks   Snapshot: namespaces, interfaces, processes, DPDK runtime dirs left behind
  dpdk    Eal (private --file-prefix), Testpmd (interactive driver, stats parsers)
  huge    Hugepages (private hugetlbfs mount, reserved pages; for secondary processes)
  pkt     frames (Ethernet, ARP, IPv4, ICMP, UDP) and pcap files via struct
  cpu     CPU use of a process and its lcores (/proc), ping round-trip times

Python standard library only.
"""
from .utils import (Bkg, CmdError, Skip, Terminated, bkg, cmd, defer, ip, log, require_root, require_tool,
                    run_deferred, uniq, wait_until)
from .netns import NetNS, Veth
from .ktap import check, check_eq, check_ge, check_gt, check_in, chosen_cases, run
from .leaks import Snapshot

__all__ = [
    "Bkg", "CmdError", "NetNS", "Skip", "Snapshot", "Terminated", "Veth", "bkg", "check", "check_eq",
    "check_ge", "check_gt", "check_in", "chosen_cases", "cmd", "defer", "ip", "log", "require_root",
    "require_tool", "run", "run_deferred", "uniq", "wait_until",
]
