#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""dpdk-testpmd on the chip model in every forwarding mode the PMD must carry
(issue 5 item 14): io, mac, macswap, 5tswap, txonly, rxonly, icmpecho; and
with several queues (issue 10 item 4): flowgen over --rxq=4 --txq=4 on the
5720 spreads over every queue, and a RETA reprogrammed from the prompt moves
the traffic where it says; and the offloads (issue 10 items 1-2): `csum`
forwarding with hardware checksums and VLAN stripping set from the prompt.

usage: test_testpmd.py PLUGIN.so [CASE...]   (CASE: a name from the TAP output, e.g. io_pair)

Each case is one dpdk-testpmd driven through its prompt (lib: tests/e2e/lib):

  *_pair    two ports on one in-process wire (wire=pair:NAME). `start tx_first`
            puts one burst per port on the wire and the mode forwards it round
            and round: traffic must move both ways, and what one port sent must
            be what the other received (testpmd's forward statistics); rxonly
            receives exactly the bursts sent, txonly generates on both ports (flow control off; with it on, the chips' XOFFs hold each other: nothing lost).
  *_frames  ports on kernel interfaces (wire=iface:wN, a veth in a private
            namespace): frames crafted with struct go in on p0, what the ports
            send is captured on p0/p1 (AF_PACKET), so each mode's rewrite (MAC,
            MAC swap, 5-tuple swap, ARP and ICMP echo answers) is checked byte
            for byte. Needs root; skips otherwise.
  txonly_pcap  txonly's generated frames recorded by pcap wires and checked.
  link_and_diagnostics  `show port N flow_ctrl` / `set flow_ctrl` (negotiated,
            then forced), `show port N eeprom`, `port config N speed 100 duplex
            half` (issue 10 items 6, 7).
  csum_vlan_pcap  frames with good and bad checksums, some 802.1Q-tagged,
            replayed from a pcap into `csum` forwarding with `csum set ip|udp|tcp
            hw` and `vlan set strip on`: testpmd's bad-checksum counts come from
            the chip's receive flags, and every forwarded frame on the output
            pcap is untagged with checksums the sending chip filled in.
  tso_pcap  jumbo TCP frames replayed into `csum` forwarding with `tso set
            1460`: every segment the chip cut is checked on the output pcap.

Output is TAP 13 (meson protocol 'tap'); a case skips when dpdk-testpmd is
missing; a final leak_check finds namespaces, processes or DPDK runtime
directories left behind.
"""
import errno
import os
import re
import shutil
import struct
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e" / "lib"))

from tg57xx_e2e import (check, check_eq, check_ge, check_gt, cmd, defer, log, require_root, run, uniq,  # noqa: E402
                        wait_until)
from tg57xx_e2e import pkt  # noqa: E402
from tg57xx_e2e.netns import NetNS, RawSocket, Veth, wait_carrier  # noqa: E402
from tg57xx_e2e.dpdk import Eal, Testpmd  # noqa: E402
from tg57xx_e2e.leaks import Snapshot  # noqa: E402

PLUGIN = None

# Ring sizes given to testpmd (and the in-flight tolerance they imply).
RXD = TXD = 256
# testpmd's burst size: `start tx_first` sends one burst per port.
BURST = 32
# Frames each port must have received before a forwarding loop is stopped.
LOOP_TARGET = 2000
# How long a port held by its partner's XOFF must stay silent (many refreshes: 16.7 ms each).
HELD_CHECK_S = 0.5
# How long traffic may take to reach a target (the model is slow under load, never this slow).
TRAFFIC_TIMEOUT = 30

# Distinct MACs (the model's default MAC is the same for every instance).
MAC = ["02:00:00:57:76:00", "02:00:00:57:76:01"]
# testpmd's peer addresses (--eth-peer), used by mac and txonly modes.
PEER = ["02:00:00:00:aa:00", "02:00:00:00:aa:01"]
# 802.1Q TPID (IEEE 802.1Q); TCP's IP protocol number (RFC 793).
VLAN_TPID = 0x8100
IPPROTO_TCP = 6
# The far-end host in crafted traffic.
HOST_MAC, HOST_IP, PORT_IP = "02:00:00:00:bb:01", "10.57.0.1", "10.57.0.2"
# testpmd's txonly defaults (app/test-pmd/txonly.c: tx_ip_src_addr, tx_ip_dst_addr, tx_udp_*_port).
TXONLY_SRC_IP, TXONLY_DST_IP, TXONLY_PORT, TXONLY_LEN = "198.18.0.1", "198.18.0.2", 9, 64


def app_args(extra=()):
    return [f"--rxd={RXD}", f"--txd={TXD}", f"--burst={BURST}",
            f"--eth-peer=0,{PEER[0]}", f"--eth-peer=1,{PEER[1]}", *extra]


def set_mode(tp, mode):
    out = tp.cmd(f"set fwd {mode}")
    check(f"Set {mode} packet forwarding mode" in out, f"testpmd refused 'set fwd {mode}': {out.strip()}")


def pair_testpmd():
    name = uniq("a")
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim{p},wire=pair:{name},mac={MAC[p]}" for p in (0, 1)])
    return Testpmd(eal, app_args())


def both_ports(key, target):
    return lambda s: all(s.get(p, {}).get(key, 0) >= target for p in (0, 1))


def check_loop(mode):
    """A forwarding loop between the two ports of a pair wire, started by one burst each."""
    with pair_testpmd() as tp:
        set_mode(tp, mode)
        tp.cmd("start tx_first")
        tp.wait_stats(both_ports("rx", LOOP_TARGET), TRAFFIC_TIMEOUT, f"{LOOP_TARGET} frames each way")
        fs = tp.stop()
    log(f"{mode}: port 0 rx {fs[0]['rx']} tx {fs[0]['tx']}, port 1 rx {fs[1]['rx']} tx {fs[1]['tx']}")
    for p in (0, 1):
        q = 1 - p
        s = fs[p]
        check_ge(s["rx"], LOOP_TARGET, f"port {p} received")
        check_ge(s["tx"], LOOP_TARGET, f"port {p} transmitted")
        # 2 x 32 frames in flight cannot fill a 256-entry ring: nothing may be lost.
        check_eq(s["rx_dropped"], 0, f"port {p} RX-dropped (frames the chip missed)")
        check_eq(s["tx_dropped"], 0, f"port {p} TX-dropped (frames the PMD refused)")
        # Port p transmits its tx_first burst plus everything port q received
        # (stream q -> p); received-but-not-yet-forwarded is bounded by the ring.
        forwarded = s["tx"] + s["tx_dropped"] - BURST
        behind = fs[q]["rx"] - forwarded
        check(0 <= behind <= RXD,
              f"port {p} sent {forwarded} forwarded frames but port {q} received {fs[q]['rx']}: "
              f"mode {mode} does not forward {q} -> {p}")


def test_io_pair():
    check_loop("io")


def test_mac_pair():
    check_loop("mac")


def test_macswap_pair():
    check_loop("macswap")


def test_5tswap_pair():
    check_loop("5tswap")


def flow_control_off(tp):
    for p in (0, 1):
        tp.cmd(f"set flow_ctrl rx off tx off 0 0 0 0 mac_ctrl_frame_fwd off autoneg off {p}")
        out = tp.cmd(f"show port {p} flow_ctrl")
        check(re.search(r"Rx pause: off\s+Tx pause: off", out), f"port {p} flow control off:\n{out}")


def test_txonly_pair():
    with pair_testpmd() as tp:
        set_mode(tp, "txonly")
        flow_control_off(tp)
        tp.cmd("start")
        stats = tp.wait_stats(lambda s: both_ports("tx", LOOP_TARGET)(s) and
                              all(s[p]["rx"] + s[p]["rx_missed"] > 0 for p in (0, 1)),
                              TRAFFIC_TIMEOUT, "txonly frames on both ports")
        fs = tp.stop()
    log(f"txonly: port 0 tx {fs[0]['tx']} (+{fs[0]['tx_dropped']} refused), "
        f"port 1 tx {fs[1]['tx']} (+{fs[1]['tx_dropped']} refused)")
    for p in (0, 1):
        check_ge(fs[p]["tx"], LOOP_TARGET, f"port {p} generated")
        # Nobody polls in txonly: the peer chip takes the frames and, its ring full, misses the rest.
        check_gt(stats[p]["rx"] + stats[p]["rx_missed"], 0, f"port {p}'s chip saw the peer's frames")


def test_txonly_pair_flow_control():
    """Negotiated flow control (both chips advertise PAUSE, the default): nobody polls, each
    chip's receive buffers fill and its XOFF holds the other's transmitter, refreshed while they
    stay full: the senders stop and nothing more is lost (IEEE 802.3 Annex 31B; a PAUSE storm).
    What was already on the pair wire when the XOFF went (its ring is a long cable) is lost as
    on any link whose frames in flight outnumber the receiver's buffers."""
    with pair_testpmd() as tp:
        set_mode(tp, "txonly")
        tp.cmd("start")
        wait_until(lambda: all(xstats(tp, p).get("tx_xoff_packets", 0) >= 2 for p in (0, 1)), TRAFFIC_TIMEOUT,
                   "an XOFF, refreshed, from each chip")
        held = tp.port_stats()
        time.sleep(HELD_CHECK_S)
        later = tp.port_stats()
        x = {p: xstats(tp, p) for p in (0, 1)}
        tp.stop()
    log(f"txonly, flow control: tx {held[0]['tx']}/{held[1]['tx']}, xoff sent {x[0]['tx_xoff_packets']}/"
        f"{x[1]['tx_xoff_packets']}, received {x[0]['rx_xoff_packets']}/{x[1]['rx_xoff_packets']}")
    for p in (0, 1):
        check_eq(later[p]["rx_missed"], held[p]["rx_missed"], f"port {p} still missing frames while held")
        check_eq(later[p]["tx"], held[p]["tx"], f"port {p} kept sending while its partner said XOFF")
        check_gt(x[p]["rx_xoff_packets"], 0, f"port {p} received the partner's XOFF")
        check_eq(x[p]["tx_xon_packets"], 0, f"port {p} said XON while its buffers stayed full")


def test_rxonly_pair():
    bursts = 4
    with pair_testpmd() as tp:
        set_mode(tp, "rxonly")
        tp.cmd(f"start tx_first {bursts}")
        tp.wait_stats(both_ports("rx", bursts * BURST), TRAFFIC_TIMEOUT, "the tx_first bursts")
        fs = tp.stop()
    for p in (0, 1):
        # Exactly the bursts the other port sent: rxonly receives and never forwards.
        check_eq(fs[1 - p]["tx"], bursts * BURST, f"port {1 - p} sent its {bursts} tx_first bursts")
        check_eq(fs[p]["rx"], bursts * BURST, f"port {p} received them all")
        check_eq(fs[p]["rx_dropped"], 0, f"port {p} RX-dropped")


# ---------------------------------------------------------------- several queues (RSS, TSS)

# Frames each RX queue must have seen before a multi-queue run stops.
QUEUE_TARGET = 50
# Queues per chip (ref §1.3): RSS return rings on both, TSS send rings on the 5720 only.
# testpmd polls min(--rxq, --txq) queues per port (config.c rss_fwd_config_setup), so on
# the 57762 (one TX ring) it would leave RX queues 1-3 unread, which stops the port (the
# shared buffer ring, doc/guides/nics/tg57xx.rst): its four-queue spread is tested by
# tests/pmd/test_queues.cpp, which polls every queue.
QUEUES = {"5720": (4, 4)}
RETA_SIZE = 128


def xstats(tp, port):
    """{name: value} from `show port xstats`."""
    out = {}
    for line in tp.cmd(f"show port xstats {port}").splitlines():
        name, sep, value = line.strip().partition(":")
        if sep and value.strip().isdigit():
            out[name.strip()] = int(value)
    return out


def queue_counts(tp, port, kind, n):
    x = xstats(tp, port)
    return [x.get(f"{kind}_q{q}_packets", 0) for q in range(n)]


def check_flowgen_spread(chip):
    """flowgen (1024 destination addresses) between two ports with --rxq=4: RSS must put
    frames on every RX queue, and on a RETA of queues 1 and 3 only on those."""
    nrx, ntx = QUEUES[chip]
    name = uniq("q")
    eal = Eal(PLUGIN, vdevs=[f"net_tg57xx_sim{p},chip={chip},wire=pair:{name},mac={MAC[p]}" for p in (0, 1)])
    with Testpmd(eal, app_args([f"--rxq={nrx}", f"--txq={ntx}"]), mbufs=16384) as tp:
        info = tp.cmd("show port info 1")
        check(f"Max possible RX queues: {nrx}" in info and f"Max possible TX queues: {ntx}" in info,
              f"port info does not offer {nrx} rx / {ntx} tx queues:\n{info}")
        check(f"Redirection table size: {RETA_SIZE}" in info, "RETA size 128 in port info")
        set_mode(tp, "flowgen")

        def run(what):
            tp.cmd("clear port xstats all")
            tp.cmd("start")
            try:
                wait_until(lambda: all(c >= QUEUE_TARGET for c in queue_counts(tp, 1, "rx", nrx)
                                       if c or what == "all"),
                           TRAFFIC_TIMEOUT, f"{QUEUE_TARGET} frames on {what} rx queues")
                wait_until(lambda: sum(queue_counts(tp, 1, "rx", nrx)) >= 4 * nrx * QUEUE_TARGET,
                           TRAFFIC_TIMEOUT, "traffic")
            finally:
                tp.stop()
            return queue_counts(tp, 1, "rx", nrx), queue_counts(tp, 0, "tx", ntx)

        rx, tx = run("all")
        log(f"{chip}: default RETA: rx queues {rx}, port 0 tx queues {tx}")
        for q in range(nrx):
            check_ge(rx[q], QUEUE_TARGET, f"{chip}: frames on rx queue {q} (default round-robin RETA)")
        for q in range(ntx):
            check_gt(tx[q], 0, f"{chip}: frames sent on tx queue {q}")

        # Every entry to queue 1 or 3, 8 entries a command (a cmdline string token holds 128 bytes).
        table = [3 if (i * 7 + i // 3) % 2 else 1 for i in range(RETA_SIZE)]
        for at in range(0, RETA_SIZE, 8):
            items = ",".join(f"({i},{table[i]})" for i in range(at, at + 8))
            out = tp.cmd(f"port config 1 rss reta {items}")
            check("error" not in out.lower() and "bad" not in out.lower(), f"RETA update refused: {out.strip()}")
        shown = tp.cmd(f"show port 1 rss reta {RETA_SIZE} (0xffffffffffffffff,0xffffffffffffffff)")
        for i in (0, 1, 2, 77, 127):
            check(f"hash index={i}, queue={table[i]}" in shown, f"RETA entry {i} reads back as {table[i]}")
        # Frames of the first run still in return rings 0 and 2 are read by the next start: drain them.
        tp.cmd("start")
        wait_until(lambda: sum(queue_counts(tp, 1, "rx", nrx)) > 0, TRAFFIC_TIMEOUT, "the drain run")
        tp.stop()
        rx, _ = run("the RETA's")
        log(f"{chip}: RETA of queues 1 and 3: rx queues {rx}")
        check_eq(rx[0] + rx[2], 0, f"{chip}: frames on rx queues 0 and 2 (not in the RETA)")
        check_ge(rx[1], QUEUE_TARGET, f"{chip}: frames on rx queue 1")
        check_ge(rx[3], QUEUE_TARGET, f"{chip}: frames on rx queue 3")


def test_rss_queues_5720():
    check_flowgen_spread("5720")


# ---------------------------------------------------------------- frame-level runs

def tmpdir():
    d = tempfile.mkdtemp(prefix="tg57xx-testpmd-")
    defer(shutil.rmtree, d, ignore_errors=True)
    return Path(d)


def udp_frames(n):
    """n UDP frames host -> port 0, sizes from the minimum to a full 1514, distinct payloads."""
    frames = []
    for i in range(n):
        size = 60 + (i * 97) % (1514 - 60 + 1)
        payload_len = size - 14 - 20 - 8
        data = bytes((i + k) & 0xFF for k in range(payload_len))
        seg = pkt.udp(HOST_IP, PORT_IP, 1000 + i, 2000 + i, data)
        frames.append(pkt.eth(MAC[0], HOST_MAC, pkt.ETH_P_IP, pkt.ipv4(HOST_IP, PORT_IP, pkt.IPPROTO_UDP, seg,
                                                                         ident=i)))
    return frames


class IfaceRig:
    """Ports on kernel interfaces: w<N> (the model's wire) <-veth-> p<N>, where the
    test sends and captures frames; all in one private namespace, where testpmd runs.

    Frames are sent only once forwarding has started and the links are up, so
    none is lost to bring-up (the model drops what arrives while the MAC is off)."""

    def __init__(self, nports):
        require_root()
        self.ns = NetNS("tgpmd")
        # No IPv6 on the veths: no router solicitations, MLD or DAD frames in the counts.
        for key in ("all", "default"):
            cmd(["sysctl", "-qw", f"net.ipv6.conf.{key}.disable_ipv6=1"], ns=self.ns)
        self.sock = []
        for p in range(nports):
            Veth(f"p{p}", self.ns, f"w{p}", self.ns).up()
            self.sock.append(RawSocket(self.ns, f"p{p}"))
        for p in range(nports):
            wait_carrier(self.ns, f"p{p}", True)

    def testpmd(self, extra=()):
        vdevs = [f"net_tg57xx_sim{p},wire=iface:w{p},mac={MAC[p]}" for p in range(len(self.sock))]
        tp = Testpmd(Eal(PLUGIN, vdevs=vdevs), app_args(extra), ns=self.ns)
        for p in range(len(self.sock)):
            wait_until(lambda: "Link status: up" in tp.cmd(f"show port info {p}"), TRAFFIC_TIMEOUT,
                       f"port {p} link up")
        return tp


def forward_frames(mode, rewrite):
    """Frames in on port 0, forwarded out of port 1 (paired ports); each rewritten as `rewrite` says."""
    rig = IfaceRig(2)
    frames = udp_frames(24)
    with rig.testpmd() as tp:
        set_mode(tp, mode)
        tp.cmd("start")
        rig.sock[0].send(frames)
        out1 = rig.sock[1].collect(len(frames), TRAFFIC_TIMEOUT)
        fs = tp.stop()
    out1 += rig.sock[1].drain()
    out0 = rig.sock[0].drain()
    check_eq(fs[0]["rx"], len(frames), "port 0 received every frame sent to it")
    check_eq(fs[1]["tx"], len(frames), "port 1 transmitted each of them once")
    check_eq(len(out1), len(frames), "frames out of port 1")
    check_eq(len(out0), 0, "frames out of port 0 (nothing comes back in paired topology)")
    for i, (sent, got) in enumerate(zip(frames, out1)):
        want = rewrite(sent)
        check(got == want, f"frame {i} ({len(sent)} B) out of port 1 is not the {mode} rewrite of what "
                           f"came in:\n  in   {sent[:48].hex()}\n  want {want[:48].hex()}\n  got  {got[:48].hex()}")


def test_io_frames():
    forward_frames("io", lambda f: f)


def test_mac_frames():
    # mac: destination = the port's peer (--eth-peer), source = the transmitting port's MAC.
    forward_frames("mac", lambda f: pkt.mac_bytes(PEER[1]) + pkt.mac_bytes(MAC[1]) + f[12:])


def test_macswap_frames():
    forward_frames("macswap", lambda f: f[6:12] + f[0:6] + f[12:])


def test_5tswap_frames():
    def swap5(f):
        # Ethernet addresses, IPv4 addresses, UDP ports swapped; checksums unchanged (sums commute).
        ip = f[14:34]
        ip = ip[:12] + ip[16:20] + ip[12:16]
        l4 = f[34:]
        l4 = l4[2:4] + l4[0:2] + l4[4:]
        return f[6:12] + f[0:6] + f[12:14] + ip + l4
    forward_frames("5tswap", swap5)


def test_rxonly_frames():
    rig = IfaceRig(2)
    n = (24, 17)
    with rig.testpmd() as tp:
        set_mode(tp, "rxonly")
        tp.cmd("start")
        for p in (0, 1):
            rig.sock[p].send(udp_frames(n[p]))
        tp.wait_stats(lambda s: s[0]["rx"] >= n[0] and s[1]["rx"] >= n[1], TRAFFIC_TIMEOUT, "rxonly traffic")
        fs = tp.stop()
    for p in (0, 1):
        check_eq(fs[p]["rx"], n[p], f"port {p} received what was sent to it")
        check_eq(fs[p]["tx"], 0, f"port {p} transmitted in rxonly")
        check_eq(len(rig.sock[p].drain()), 0, f"frames out of port {p}")


def test_txonly_pcap():
    """txonly's generated frames, recorded by pcap wires (output only: nothing to lose at bring-up)."""
    d = tmpdir()
    vdevs = [f"net_tg57xx_sim{p},wire=pcap:,{d}/out{p}.pcap,mac={MAC[p]}" for p in (0, 1)]
    with Testpmd(Eal(PLUGIN, vdevs=vdevs), app_args()) as tp:
        set_mode(tp, "txonly")
        tp.cmd("start")
        tp.wait_stats(both_ports("tx", LOOP_TARGET), TRAFFIC_TIMEOUT, "txonly traffic")
        fs = tp.stop()
    for p in (0, 1):
        n = pkt.count_pcap(d / f"out{p}.pcap")
        log(f"txonly port {p}: testpmd sent {fs[p]['tx']}, the wire recorded {n}")
        check_gt(n, 0, f"port {p}'s wire recorded nothing")
        # Every frame the PMD took made it to the wire (ports drain before they close).
        check(fs[p]["tx"] - TXD <= n <= fs[p]["tx"],
              f"port {p}: the wire recorded {n} frames, testpmd counted {fs[p]['tx']} sent")
        for i, f in enumerate(pkt.read_pcap(d / f"out{p}.pcap", limit=500)):
            e = pkt.parse_eth(f)
            check_eq(len(f), TXONLY_LEN, f"port {p} frame {i}: txonly length")
            check_eq((e["dst"], e["src"], e["type"]), (PEER[p], MAC[p], pkt.ETH_P_IP),
                     f"port {p} frame {i}: Ethernet header")
            ip = pkt.parse_ipv4(e["payload"])
            check(ip["csum_ok"], f"port {p} frame {i}: IPv4 header checksum")
            check_eq((ip["src"], ip["dst"], ip["proto"]), (TXONLY_SRC_IP, TXONLY_DST_IP, pkt.IPPROTO_UDP),
                     f"port {p} frame {i}: IPv4 addresses")
            u = pkt.parse_udp(ip["payload"])
            check_eq((u["sport"], u["dport"]), (TXONLY_PORT, TXONLY_PORT), f"port {p} frame {i}: UDP ports")


def test_icmpecho_frames():
    rig = IfaceRig(1)
    pings = [(0x5757, seq, bytes(range(seq, seq + 56))) for seq in (1, 2, 3)]
    frames = [pkt.eth(pkt.BROADCAST, HOST_MAC, pkt.ETH_P_ARP,
                      pkt.arp(pkt.ARP_REQUEST, HOST_MAC, HOST_IP, "00:00:00:00:00:00", PORT_IP))]
    frames += [pkt.eth(MAC[0], HOST_MAC, pkt.ETH_P_IP,
                       pkt.ipv4(HOST_IP, PORT_IP, pkt.IPPROTO_ICMP, pkt.icmp_echo(i, s, data), ident=s))
               for i, s, data in pings]
    # Not for icmpecho: dropped, never answered.
    frames.append(udp_frames(1)[0])
    with rig.testpmd(["--port-topology=loop"]) as tp:
        set_mode(tp, "icmpecho")
        tp.cmd("start")
        rig.sock[0].send(frames)
        out = rig.sock[0].collect(1 + len(pings), TRAFFIC_TIMEOUT)
        tp.wait_stats(lambda s: s[0]["rx"] >= len(frames), TRAFFIC_TIMEOUT, "every request received")
        fs = tp.stop()
    out += rig.sock[0].drain()
    check_eq(fs[0]["rx"], len(frames), "frames received")
    check_eq(len(out), 1 + len(pings), "answers on the wire (one ARP reply, one echo reply per request)")

    e = pkt.parse_eth(out[0])
    check_eq((e["dst"], e["src"], e["type"]), (HOST_MAC, MAC[0], pkt.ETH_P_ARP), "ARP reply Ethernet header")
    a = pkt.parse_arp(e["payload"])
    check_eq((a["op"], a["sha"], a["spa"], a["tha"], a["tpa"]),
             (pkt.ARP_REPLY, MAC[0], PORT_IP, HOST_MAC, HOST_IP), "ARP reply")

    for (ident, seq, data), f in zip(pings, out[1:]):
        e = pkt.parse_eth(f)
        check_eq((e["dst"], e["src"], e["type"]), (HOST_MAC, MAC[0], pkt.ETH_P_IP), f"echo reply {seq}: Ethernet")
        ip = pkt.parse_ipv4(e["payload"])
        check_eq((ip["src"], ip["dst"], ip["proto"]), (PORT_IP, HOST_IP, pkt.IPPROTO_ICMP),
                 f"echo reply {seq}: IPv4 addresses")
        check(ip["csum_ok"], f"echo reply {seq}: IPv4 header checksum")
        ic = pkt.parse_icmp(ip["payload"])
        check_eq((ic["type"], ic["code"], ic["id"], ic["seq"], ic["data"]),
                 (pkt.ICMP_ECHO_REPLY, 0, ident, seq, data), f"echo reply {seq}")
        check(ic["csum_ok"], f"echo reply {seq}: ICMP checksum")


def test_link_and_diagnostics():
    """Flow control, forced speed and the NVRAM dump from the prompt (issue 10 items 6, 7)."""
    vdev = "net_tg57xx_sim0,wire=loop,partner=1000f+100f+100h+pause"
    with Testpmd(Eal(PLUGIN, vdevs=[vdev]), app_args(["--port-topology=loop"])) as tp:
        out = tp.cmd("show port 0 flow_ctrl")
        check(re.search(r"Rx pause: on\s+Tx pause: on\s+Autoneg: on", out), f"negotiated pause:\n{out}")
        tp.cmd("set flow_ctrl rx off tx on 0 0 0 0 mac_ctrl_frame_fwd off autoneg off 0")
        out = tp.cmd("show port 0 flow_ctrl")
        check(re.search(r"Rx pause: off\s+Tx pause: on\s+Autoneg: off", out), f"forced pause:\n{out}")
        out = tp.cmd("show port 0 eeprom")
        check("00000000: 66 99 55 AA" in out, f"the NVRAM image, magic first:\n{out[:300]}")
        check("EEPROM length: 65536 bytes" in out, "the whole image")
        tp.cmd("port stop 0")
        tp.cmd("port config 0 speed 100 duplex half")
        tp.cmd("port start 0")
        info = {}

        def forced():
            info["s"] = tp.cmd("show port info 0")
            return "Link status: up" in info["s"]
        wait_until(forced, TRAFFIC_TIMEOUT, "forced link up")
        check(re.search(r"Link speed: 100 Mbps\s+Link duplex: half-duplex\s+Autoneg status: Off", info["s"]),
              f"forced 100/half:\n{info['s']}")
# ---------------------------------------------------------------- offloads (checksum, VLAN)

# csum mode's forward statistics: its bad-checksum line sits between the RX and TX lines.
_CSUM_STATS = re.compile(r"RX-packets:\s*(\d+).*?Bad-ipcsum:\s*(\d+)\s+Bad-l4csum:\s*(\d+).*?"
                         r"TX-packets:\s*(\d+)\s+TX-dropped:\s*(\d+)", re.S)


def csum_frames():
    """(frames, bad IP sums, bad L4 sums): UDP/IPv4 host -> port 0, some tagged, some broken."""
    frames, bad_ip, bad_l4 = [], 0, 0
    for i in range(20):
        data = bytes((i * 7 + k) & 0xFF for k in range(40 + 23 * i))
        ip = bytearray(pkt.ipv4(HOST_IP, PORT_IP, pkt.IPPROTO_UDP,
                                pkt.udp(HOST_IP, PORT_IP, 3000 + i, 4000, data), ident=i))
        if i % 7 == 3:
            ip[10] ^= 0x5A  # IPv4 header checksum
            bad_ip += 1
        elif i % 7 == 5:
            ip[26] ^= 0x33  # UDP checksum
            bad_l4 += 1
        if i % 4 == 1:  # 802.1Q, VID 5 (the port strips it)
            frames.append(pkt.eth(MAC[0], HOST_MAC, VLAN_TPID, struct.pack("!HH", 5, pkt.ETH_P_IP) + bytes(ip)))
        else:
            frames.append(pkt.eth(MAC[0], HOST_MAC, pkt.ETH_P_IP, bytes(ip)))
    return frames, bad_ip, bad_l4


def test_csum_vlan_pcap():
    d = tmpdir()
    frames, bad_ip, bad_l4 = csum_frames()
    pkt.write_pcap(d / "in.pcap", frames)
    vdev = f"net_tg57xx_sim0,wire=pcap:{d}/in.pcap,{d}/out.pcap,mac={MAC[0]}"
    # Ports stay stopped until the offloads are set (csum set needs a stopped port,
    # and frames that arrive before `vlan set strip on` keep their tag);
    # the pcap replay waits for the receiver, so nothing is lost meanwhile, and
    # `start` must not flush what already arrived (--no-flush-rx).
    with Testpmd(Eal(PLUGIN, vdevs=[vdev]), app_args(["--port-topology=loop", "--enable-rx-cksum",
                                                      "--disable-device-start", "--no-flush-rx"])) as tp:
        for proto in ("ip", "udp", "tcp"):
            out = tp.cmd(f"csum set {proto} hw 0")
            check("not supported" not in out, f"csum set {proto} hw refused: {out.strip()}")
        shown = tp.cmd("csum show 0")
        for what in ("IP", "UDP", "TCP"):
            check(f"{what} checksum offload is hw" in shown, f"{what} checksum offload in hardware:\n{shown}")
        out = tp.cmd("vlan set strip on 0")
        check("failed" not in out, f"vlan set strip on refused: {out.strip()}")
        # ethdev refuses it (outside rx_offload_capa; -EINVAL in 22.11) and testpmd says so on stderr.
        seen = len(tp.proc.output)
        tp.cmd("vlan set qinq_strip on 0")
        wait_until(lambda: re.search(r"rx_vlan_qinq_strip_set\(port_pi=0, on=1\) failed diag=-(%d|%d)"
                                     % (errno.EINVAL, errno.ENOTSUP), tp.proc.output[seen:]),
                   5, "QinQ stripping refused with a negative errno")
        tp.cmd("port start 0")  # the replay begins: stripping must already be on
        info = tp.cmd("show port info 0")
        check(re.search(r"strip\s+on", info) is not None and re.search(r"qinq\(extend\)\s+off|extend\s+off", info),
              f"port info VLAN offload line:\n{info}")
        set_mode(tp, "csum")
        tp.cmd("start")
        tp.wait_stats(lambda s: s[0]["tx"] >= len(frames), TRAFFIC_TIMEOUT, "every frame forwarded")
        # Taken by the PMD is not yet on the wire: wait for the chip's MAC to have sent them.
        wait_until(lambda: xstats(tp, 0).get("tx_ucast_packets", 0) >= len(frames), TRAFFIC_TIMEOUT,
                   "the MAC to send every frame")
        text = tp.cmd("stop")
    m = _CSUM_STATS.search(text)
    check(m is not None, f"no csum forward statistics after 'stop':\n{text}")
    rx, ip_bad, l4_bad, tx, tx_dropped = (int(x) for x in m.groups())
    log(f"csum: rx {rx} tx {tx} (+{tx_dropped} dropped), Bad-ipcsum {ip_bad} Bad-l4csum {l4_bad}")
    check_eq(rx, len(frames), "frames received")
    check_eq((tx, tx_dropped), (len(frames), 0), "frames forwarded (none refused by tx_prepare)")
    # testpmd counts these from the receive flags alone (RTE_MBUF_F_RX_*_CKSUM_BAD).
    check_eq(ip_bad, bad_ip, "Bad-ipcsum (from the chip's return BDs)")
    check_eq(l4_bad, bad_l4, "Bad-l4csum (from the chip's return BDs)")
    out = pkt.read_pcap(d / "out.pcap")
    check_eq(len(out), len(frames), "frames on the output wire")
    for i, f in enumerate(out):
        e = pkt.parse_eth(f)
        check_eq(e["type"], pkt.ETH_P_IP, f"frame {i}: untagged IPv4 (the tag was stripped on receive)")
        ip = pkt.parse_ipv4(e["payload"])
        # testpmd zeroes the IP sum and seeds the UDP pseudo-header: the chip did the rest.
        check(ip["csum_ok"], f"frame {i}: IPv4 header checksum filled by the chip")
        u = pkt.parse_udp(ip["payload"], ip["src"], ip["dst"])
        check(u.get("csum_ok", False), f"frame {i}: UDP checksum filled by the chip")


# TSO through testpmd's csum engine (issue 10 item 3): MSS and the jumbo frames it cuts.
TSO_MSS = 1460
TSO_MTU = 8000  # four 2 KiB mbufs per jumbo BD hold at most 8170 (NIC guide)


def tcp4_frame(i, payload, seq):
    """TCP/IPv4 host -> port 0 (PSH|ACK), correct sums."""
    src, dst, sport, dport = HOST_IP, PORT_IP, 5000 + i, 80
    length = 20 + len(payload)
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x18, 0xFFFF, 0, 0)
    pseudo = pkt.ip4(src) + pkt.ip4(dst) + struct.pack("!BBH", 0, IPPROTO_TCP, length)
    c = pkt.csum(pseudo + hdr + payload)
    seg = hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload
    return pkt.eth(MAC[0], HOST_MAC, pkt.ETH_P_IP, pkt.ipv4(src, dst, IPPROTO_TCP, seg, ident=i))


def parse_tcp4(ip):
    """(seq, flags, payload, checksum ok) of an IPv4 datagram's TCP segment."""
    t = ip["payload"]
    seq, off_flags = struct.unpack("!I", t[4:8])[0], t[12:14]
    pseudo = pkt.ip4(ip["src"]) + pkt.ip4(ip["dst"]) + struct.pack("!BBH", 0, IPPROTO_TCP, len(t))
    return seq, off_flags[1], t[(off_flags[0] >> 4) * 4:], pkt.csum(pseudo + t) == 0


def test_tso_pcap():
    """Jumbo TCP frames in (scattered), `tso set 1460` in csum mode: the chip cuts each into
    MSS-sized frames on the output pcap, each with its own sums and sequence number."""
    d = tmpdir()
    sizes = (100, 1460, 3000, 7000)  # IP datagrams within the MTU
    payloads = [bytes((i * 13 + k) & 0xFF for k in range(n)) for i, n in enumerate(sizes)]
    seqs = [1000 * i + 7 for i in range(len(sizes))]
    pkt.write_pcap(d / "in.pcap", [tcp4_frame(i, p, seqs[i]) for i, p in enumerate(payloads)])
    vdev = f"net_tg57xx_sim0,wire=pcap:{d}/in.pcap,{d}/out.pcap,mac={MAC[0]}"
    args = ["--port-topology=loop", "--disable-device-start", "--no-flush-rx", "--enable-scatter",
            f"--max-pkt-len={TSO_MTU + 18}"]
    with Testpmd(Eal(PLUGIN, vdevs=[vdev]), app_args(args)) as tp:
        for line in ("csum set ip hw 0", "csum set tcp hw 0", f"tso set {TSO_MSS} 0"):
            out = tp.cmd(line)
            check("not supported" not in out and "rror" not in out, f"{line}: {out.strip()}")
        check(f"segment size for non-tunneled packets is {TSO_MSS}" in tp.cmd("tso show 0"), "tso show")
        tp.cmd("port start 0")
        set_mode(tp, "csum")
        tp.cmd("start")
        want = sum(-(-len(p) // TSO_MSS) for p in payloads)
        wait_until(lambda: xstats(tp, 0).get("tx_ucast_packets", 0) >= want, TRAFFIC_TIMEOUT,
                   f"{want} segments on the wire")
        text = tp.cmd("stop")
    m = _CSUM_STATS.search(text)
    check(m is not None, f"no csum forward statistics:\n{text}")
    check_eq((int(m.group(1)), int(m.group(4)), int(m.group(5))), (len(sizes), len(sizes), 0),
             "frames received / forwarded / refused")
    out = pkt.read_pcap(d / "out.pcap")
    log(f"tso: {len(sizes)} frames of {sizes} payload bytes -> {len(out)} frames on the wire")
    check_eq(len(out), want, "segments on the wire")
    k = 0
    for i, p in enumerate(payloads):
        got = b""
        for s in range(-(-len(p) // TSO_MSS)):
            ip = pkt.parse_ipv4(pkt.parse_eth(out[k])["payload"])
            seq, flags, data, ok = parse_tcp4(ip)
            last = (s + 1) * TSO_MSS >= len(p)
            check(ip["csum_ok"] and ok, f"frame {i} segment {s}: IPv4 and TCP checksums")
            check_eq(seq, seqs[i] + s * TSO_MSS, f"frame {i} segment {s}: sequence number")
            check_eq(flags, 0x18 if last else 0x10, f"frame {i} segment {s}: TCP flags (PSH on the last)")
            check_eq(len(data), min(TSO_MSS, len(p) - s * TSO_MSS), f"frame {i} segment {s}: size")
            got += data
            k += 1
        check(got == p, f"frame {i}: the segments carry its payload in order")


CASES = [
    test_io_pair, test_mac_pair, test_macswap_pair, test_5tswap_pair, test_txonly_pair, test_txonly_pair_flow_control,
    test_rxonly_pair,
    test_txonly_pcap, test_rss_queues_5720, test_io_frames, test_mac_frames, test_macswap_frames, test_5tswap_frames,
    test_rxonly_frames, test_icmpecho_frames, test_link_and_diagnostics, test_csum_vlan_pcap, test_tso_pcap,
]

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    PLUGIN = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    cases = [c for c in CASES if not only or c.__name__[5:] in only]
    sys.exit(run(cases, leak_check=Snapshot().leaks))
