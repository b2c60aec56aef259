#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""doc/guides/nics/features/tg57xx.ini: only keys DPDK knows, in default.ini order,
values Y/P, and each claimed feature backed by the ops the PMD registers.

usage: test_features_ini.py TG57XX_INI DEFAULT_INI ETHDEV_CPP
(the evidence is looked for in every .cpp of ETHDEV_CPP's directory: the ops
table is in ETHDEV_CPP, what the ops fill may be in the PMD's other files)
"""
import configparser
import glob
import os
import re
import sys
import unittest

INI = DEFAULT = ETHDEV = None

# Feature -> an op (or symbol) the PMD must set for the claim to be true.
EVIDENCE = {
    "Link status": "o.link_update",
    "Link status event": "RTE_ETH_EVENT_INTR_LSC",
    "Fast mbuf free": "RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE",
    "Free Tx mbuf on demand": "o.tx_done_cleanup",
    "Burst mode info": "o.rx_burst_mode_get",
    "MTU update": "o.mtu_set",
    "Promiscuous mode": "o.promiscuous_enable",
    "Allmulticast mode": "o.allmulticast_enable",
    "Multicast MAC filter": "o.set_mc_addr_list",
    "Rx descriptor status": "rx_descriptor_status",
    "Tx descriptor status": "tx_descriptor_status",
    "Basic stats": "o.stats_get",
    "Extended stats": "o.xstats_get",
    "Stats per queue": "q_ipackets",
    "FW version": "o.fw_version_get",
    "Speed capabilities": "speed_capa",
    "Rx interrupt": "o.rx_queue_intr_enable",
    "RSS hash": "RTE_ETH_RX_OFFLOAD_RSS_HASH",
    "RSS key update": "o.rss_hash_update",
    "RSS reta update": "o.reta_update",
    "Link speed configuration": "link_config_from",
    "Flow control": "o.flow_ctrl_set",
    "EEPROM dump": "o.get_eeprom",
    "Registers dump": "o.get_reg",
    "LED": "o.dev_led_on",
    "VLAN offload": "o.vlan_offload_set",
    "L3 checksum offload": "kRxOffloadCapa",
    "L4 checksum offload": "tx_offload_capa(*a)",
    "TSO": "tx_offload_capa(*a)",
}


def keys(path):
    p = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    p.optionxform = str
    with open(path, encoding="utf-8") as f:
        p.read_file(f)
    return p


class FeaturesIni(unittest.TestCase):
    def setUp(self):
        self.ours = keys(INI)
        self.default = keys(DEFAULT)

    def test_sections_and_keys_known(self):
        for section in self.ours.sections():
            self.assertIn(section, self.default.sections())
            for k in self.ours[section]:
                self.assertIn(k, self.default[section], f"{k!r} is not a DPDK feature key")

    def test_keys_in_default_order(self):
        order = list(self.default["Features"])
        ours = list(self.ours["Features"])
        self.assertEqual(ours, sorted(ours, key=order.index))

    def test_values(self):
        for k, v in self.ours["Features"].items():
            self.assertIn(v.strip(), ("Y", "P"), k)

    def test_claims_have_code(self):
        src = ""
        for path in sorted(glob.glob(os.path.join(os.path.dirname(ETHDEV), "*.cpp"))):
            with open(path, encoding="utf-8") as f:
                src += f.read()
        for k in self.ours["Features"]:
            if k in EVIDENCE:
                self.assertIn(EVIDENCE[k], src, f"{k!r} claimed but {EVIDENCE[k]!r} is not in the PMD")


if __name__ == "__main__":
    INI, DEFAULT, ETHDEV = sys.argv[1:4]
    unittest.main(argv=sys.argv[:1], verbosity=2)
