#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The plugins as a DPDK user meets them: dpdk-pmdinfo.py lists each driver in
its own plugin, testpmd loads them, and the PCI plugin carries no chip model.

usage: test_plugin.py PMD.so SIM.so IDS_DEF
"""
import json
import os
import re
import shutil
import subprocess
import sys
import unittest

PMD = SIM = IDS_DEF = None
# The PCI plugin must stay lean: no model, no libpcap (issue 14).
PMD_MAX_BYTES = 2 * 1024 * 1024
BROADCOM = "14e4"
TIMEOUT = 60
# Where EAL keeps /<file-prefix> (root: /var/run/dpdk; eal_get_runtime_dir).
RUNTIME_BASE = "/var/run/dpdk" if os.geteuid() == 0 else os.path.join(os.environ.get("XDG_RUNTIME_DIR", "/tmp"), "dpdk")


def expected_ids():
    with open(IDS_DEF, encoding="utf-8") as f:
        return sorted(m.group(1).lower()[2:].rjust(4, "0")
                      for m in re.finditer(r'^TG57XX_PCI_ID\((0x[0-9A-Fa-f]+),', f.read(), re.M))


def testpmd(plugin, *eal, stdin="quit\n"):
    # A prefix of this process's own: another run of this test (another build, another
    # checkout) may start testpmd at the same moment, and two primaries cannot share one.
    testpmd.runs += 1
    prefix = f"tg57xx-plugin-{os.getpid()}x{testpmd.runs}"
    cmd = ["dpdk-testpmd", "-d", plugin, "--no-huge", "--no-pci", "-m", "256",
           "--file-prefix", prefix, *eal, "--", "-i", "--total-num-mbufs=2048"]
    try:
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        shutil.rmtree(os.path.join(RUNTIME_BASE, prefix), ignore_errors=True)


testpmd.runs = 0


def pmdinfo(plugin):
    out = subprocess.run(["dpdk-pmdinfo.py", plugin], capture_output=True, text=True,
                         timeout=TIMEOUT, check=True).stdout
    return {d["name"]: d for d in json.loads(out)}


def needed(plugin):
    out = subprocess.run(["objdump", "-p", plugin], capture_output=True, text=True,
                         timeout=TIMEOUT, check=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, re.M)


class PmdInfo(unittest.TestCase):
    def setUp(self):
        self.drivers = pmdinfo(PMD)
        self.sim_drivers = pmdinfo(SIM)

    def test_pci_driver_listed_with_every_id(self):
        drv = self.drivers["net_tg57xx"]
        self.assertEqual(drv["kmod"], "* igb_uio | uio_pci_generic | vfio-pci")
        ids = sorted(p["device"] for p in drv["pci_ids"])
        self.assertTrue(all(p["vendor"] == BROADCOM for p in drv["pci_ids"]))
        self.assertEqual(ids, expected_ids())
        # ref §1.1: the Thunderbolt adapter and the common server parts
        for dev in ("1682", "16b4", "1686", "1681", "1655", "1656", "1657", "165f", "1687"):
            self.assertIn(dev, ids)
        self.assertEqual(len(ids), 25)

    def test_vdev_listed_with_params_in_its_own_plugin(self):
        self.assertNotIn("net_tg57xx_sim", self.drivers)
        # dpdk-pmdinfo.py also lists the drivers of the libraries a plugin needs (the PCI one here).
        self.assertIn("net_tg57xx_sim", self.sim_drivers)
        drv = self.sim_drivers["net_tg57xx_sim"]
        for key in ("chip=", "wire=", "mac="):
            self.assertIn(key, drv["params"])


class Split(unittest.TestCase):
    def test_pci_plugin_carries_no_model(self):
        self.assertNotIn("libpcap.so.0.8", needed(PMD))
        self.assertLess(os.path.getsize(PMD), PMD_MAX_BYTES)
        syms = subprocess.run(["nm", "-C", PMD], capture_output=True, text=True, timeout=TIMEOUT,
                              check=True).stdout
        self.assertNotIn("tg57xx::sim::", syms)

    def test_sim_plugin_pulls_in_the_pmd(self):
        self.assertIn(os.path.basename(PMD), needed(SIM))


class TestpmdLoads(unittest.TestCase):
    def test_each_plugin_loads_cleanly(self):
        for plugin in (PMD, SIM):
            with self.subTest(plugin=os.path.basename(plugin)):
                r = testpmd(plugin, "--log-level", "pmd.net.tg57xx.*:debug")
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertNotRegex(r.stderr, r"(?i)(cannot|failed to) (load|open)|undefined symbol")
                self.assertIn("testpmd>", r.stdout)

    def test_sim_plugin_alone_runs_a_model_port(self):
        r = testpmd(SIM, "--vdev", "net_tg57xx_sim0,wire=loop", stdin="show port info 0\nquit\n")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Driver name: net_tg57xx_sim", r.stdout)


if __name__ == "__main__":
    PMD, SIM, IDS_DEF = sys.argv[1], sys.argv[2], sys.argv[3]
    unittest.main(argv=sys.argv[:1], verbosity=2)
