#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The plugin as a DPDK user meets it: dpdk-pmdinfo.py lists it, testpmd loads it.

usage: test_plugin.py PLUGIN.so IDS_DEF
"""
import json
import re
import shutil
import subprocess
import sys
import unittest

PLUGIN = IDS_DEF = None
BROADCOM = "14e4"
TIMEOUT = 60


def expected_ids():
    with open(IDS_DEF, encoding="utf-8") as f:
        return sorted(m.group(1).lower()[2:].rjust(4, "0")
                      for m in re.finditer(r'^TG57XX_PCI_ID\((0x[0-9A-Fa-f]+),', f.read(), re.M))


def testpmd(*eal, stdin="quit\n"):
    cmd = ["dpdk-testpmd", "-d", PLUGIN, "--no-huge", "--no-pci", "-m", "256",
           "--file-prefix", "tg57xx-plugin-test", *eal, "--", "-i", "--total-num-mbufs=2048"]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=TIMEOUT)


class PmdInfo(unittest.TestCase):
    def setUp(self):
        out = subprocess.run(["dpdk-pmdinfo.py", PLUGIN], capture_output=True, text=True,
                             timeout=TIMEOUT, check=True).stdout
        self.drivers = {d["name"]: d for d in json.loads(out)}

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

    def test_vdev_listed_with_params(self):
        drv = self.drivers["net_tg57xx_sim"]
        for key in ("chip=", "wire=", "mac="):
            self.assertIn(key, drv["params"])


class TestpmdLoads(unittest.TestCase):
    def test_plugin_loads_cleanly(self):
        r = testpmd("--log-level", "pmd.net.tg57xx.*:debug")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertNotRegex(r.stderr, r"(?i)(cannot|failed to) (load|open)|undefined symbol")
        self.assertIn("testpmd>", r.stdout)


if __name__ == "__main__":
    PLUGIN, IDS_DEF = sys.argv[1], sys.argv[2]
    try:
        unittest.main(argv=sys.argv[:1], verbosity=2)
    finally:
        shutil.rmtree("/var/run/dpdk/tg57xx-plugin-test", ignore_errors=True)
