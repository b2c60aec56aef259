#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the seed corpus of tests/fuzz (corpus/<target>/<name>): a few
well-formed and malformed inputs per target, in the input formats described
at the top of each fuzz_<target>.cpp. Re-run after changing a format:

    python3 tests/fuzz/make_seeds.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
STATION = bytes.fromhex("001018abcd02")  # FuzzModel's MAC
PEER = bytes.fromhex("020000000099")
BCAST = b"\xff" * 6

# BAR0 mailbox words (offset - 0x200) / 4 of the mailbox page (§4.1).
MBOX_SEND_PROD0 = (0x304 - 0x200) // 4
MBOX_STD_PROD = (0x26C - 0x200) // 4
MBOX_RET_CON0 = (0x284 - 0x200) // 4
TXD_FLAG_END = 0x0004
TXD_FLAG_TCPUDP_CSUM = 0x0001
TXD_FLAG_IP_CSUM = 0x0002
TXD_FLAG_VLAN = 0x0040
AREA_TX_RING, AREA_STD_RING, AREA_RET_RING, AREA_SBLK, AREA_TX_BUFS = range(5)


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4_tcp(payload=b"x" * 32, bad_ip=False, bad_l4=False, dst=STATION, tags=()):
    tcp = struct.pack("!HHIIBBHHH", 40000, 5201, 1, 0, 5 << 4, 0x18, 0x2000, 0, 0) + payload
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0x1234, 0x4000, 64, 6, 0,
                               bytes([10, 0, 1, 2]), bytes([10, 0, 2, 1])))
    ip[10:12] = struct.pack("!H", csum(bytes(ip)) ^ (0x5555 if bad_ip else 0))
    pseudo = ip[12:20] + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = bytearray(tcp)
    tcp[16:18] = struct.pack("!H", csum(bytes(pseudo + tcp)) ^ (0x1111 if bad_l4 else 0))
    return eth(dst, 0x0800, bytes(ip) + bytes(tcp), tags)


def ipv6_udp(payload=b"y" * 40):
    udp = bytearray(struct.pack("!HHHH", 40000, 4789, 8 + len(payload), 0) + payload)
    src, dst = bytes(range(0x20, 0x30)), bytes(range(0xA0, 0xB0))
    ip = struct.pack("!IHBB", 0x60000000, len(udp), 17, 64) + src + dst
    pseudo = src + dst + struct.pack("!IxxxB", len(udp), 17)
    udp[6:8] = struct.pack("!H", csum(pseudo + bytes(udp)))
    return eth(STATION, 0x86DD, ip + bytes(udp))


def eth(dst, ethertype, body, tags=()):
    hdr = dst + PEER
    for tpid, tci in tags:
        hdr += struct.pack("!HH", tpid, tci)
    return hdr + struct.pack("!H", ethertype) + body


def rx_input(setup, frames):
    out = bytes([setup])
    for f in frames:
        out += struct.pack("<H", len(f)) + f
    return out


def pmd_input(frames):
    return b"".join(struct.pack("<H", len(f) - 14) + f for f in frames)


def regs_op_write(off, val):
    """A write to BAR0 offset off (raw form: bit 15 set, dword index)."""
    return bytes([0]) + struct.pack("<HI", 0x8000 | off >> 2, val)


def regs_op_doorbell(word, val):
    return bytes([2, word]) + struct.pack("<I", val)


def regs_op_bytes(area, off, data):
    return bytes([3, area]) + struct.pack("<HB", off, len(data)) + data


def regs_op_addr(area, off, target, toff):
    return bytes([4, area]) + struct.pack("<HBI", off, target, toff)


def regs_op_advance(us):
    return bytes([5]) + struct.pack("<H", us)


def regs_op_frame(length, seed):
    return bytes([7]) + struct.pack("<HB", length, seed)


def tx_bd(idx, length, flags, vlan=0):
    """A send BD at ring slot idx pointing at the start of the tx buffers (§8.1)."""
    return (regs_op_addr(AREA_TX_RING, idx * 16, AREA_TX_BUFS, 0) +
            regs_op_bytes(AREA_TX_RING, idx * 16 + 8, struct.pack("<II", length << 16 | flags, vlan)))


def seeds():
    frame = ipv4_tcp()
    rx = {
        "ipv4-tcp-57762": rx_input(0x00, [frame]),
        "ipv4-tcp-5720-jumbo": rx_input(0x83, [frame, ipv4_tcp(b"J" * 8000)]),
        "bad-checksums": rx_input(0x00, [ipv4_tcp(bad_ip=True), ipv4_tcp(bad_l4=True)]),
        "vlan-stack": rx_input(0x00, [ipv4_tcp(tags=[(0x8100, 5)]), ipv4_tcp(tags=[(0x88A8, 7), (0x8100, 9)]),
                                      ipv4_tcp(tags=[(0x8100, 1), (0x8100, 2), (0x8100, 3)])]),
        "vlan-keep-tag": rx_input(0x04, [ipv4_tcp(tags=[(0x8100, 0x2005)])]),
        "runts": rx_input(0x20, [frame[:14], frame[:33], frame[:59], b""]),
        "giants": rx_input(0x10, [ipv4_tcp(b"G" * 1600), ipv4_tcp(b"H" * 9100)]),
        "ipv6-udp-promisc": rx_input(0x08, [ipv6_udp(), eth(BCAST, 0x0806, b"\0" * 28)]),
        "rss-5720": rx_input(0x41, [ipv4_tcp(), ipv6_udp(), ipv4_tcp(b"z" * 3)]),
        "truncated-headers": rx_input(0x00, [frame[:20], frame[:34], frame[:40]]),
    }
    payload = regs_op_bytes(AREA_TX_BUFS, 0, frame[:255])
    regs = {
        "bring-up-57762": b"\x00",
        "bring-up-5720": b"\x01",
        "raw-57762": b"\x04" + regs_op_write(0x6800, 0x00010000) + regs_op_advance(200),
        "tx-one-frame": (b"\x00" + payload + tx_bd(0, 64, TXD_FLAG_END) +
                         regs_op_doorbell(MBOX_SEND_PROD0, 1) + regs_op_advance(100)),
        "tx-offloads-5720": (b"\x01" + payload +
                             tx_bd(0, 64, TXD_FLAG_END | TXD_FLAG_IP_CSUM | TXD_FLAG_TCPUDP_CSUM | TXD_FLAG_VLAN, 7) +
                             regs_op_doorbell(MBOX_SEND_PROD0, 1) + regs_op_advance(100)),
        "tx-bad-address": (b"\x00" + regs_op_bytes(AREA_TX_RING, 0, struct.pack("<IIII", 0xDEAD, 0xBEEF0000,
                                                                                   64 << 16 | TXD_FLAG_END, 0)) +
                           regs_op_doorbell(MBOX_SEND_PROD0, 1) + regs_op_advance(100)),
        "rx-then-repost": (b"\x02" + regs_op_frame(60, 0) + regs_op_frame(1514, 2) + regs_op_frame(9000, 4) +
                           regs_op_doorbell(MBOX_RET_CON0, 2) + regs_op_doorbell(MBOX_STD_PROD, 70) +
                           regs_op_advance(50)),
        "std-ring-garbage": (b"\x00" + regs_op_bytes(AREA_STD_RING, 0, bytes(range(255))) +
                             regs_op_addr(AREA_STD_RING, 32, AREA_SBLK, 0xF0) + regs_op_frame(200, 9)),
    }
    devargs = {
        "empty": b"",
        "chip-wire": b"chip=5720,wire=loop",
        "pair-mac": b"wire=pair:a,mac=02:00:00:00:00:01",
        "pcap-split": b"wire=pcap:in.pcap,out.pcap,pace=1",
        "pcap-brackets": b"wire=[pcap:in.pcap,out.pcap,pace]",
        "pcap-loop": b"wire=[pcap:in.pcap,,loop],pace=1",
        "pcap-split-fields": b"wire=pcap:in.pcap,out.pcap,pace,loop,intr=0",
        "partner": b"partner=1000f+100f+pause,intr=0",
        "trace": b"trace=/nonexistent/t.txt,chip=57762",
        "bad-key": b"colour=blue",
        "bad-mac": b"mac=01:00:5e:00:00:01",
        "no-value": b"chip=,wire",
        "iface": b"wire=iface:veth0,pace=0",
    }
    # pmd_rx: u16 length (taken modulo the range from 14 up), then the bytes.
    pmd_rx = {
        "ipv4-tcp": pmd_input([frame, ipv4_tcp(b"q" * 600)]),
        "runts-and-vlan": pmd_input([frame[:14], frame[:42], ipv4_tcp(tags=[(0x88A8, 7), (0x8100, 9)])]),
        "jumbo-chain": pmd_input([ipv4_tcp(b"J" * 7900), ipv6_udp(b"K" * 4000)]),
        "bad-checksums": pmd_input([ipv4_tcp(bad_ip=True), ipv4_tcp(bad_l4=True)]),
    }
    return {"model_rx": rx, "model_regs": regs, "devargs": devargs, "pmd_rx": pmd_rx}


def main():
    for target, inputs in seeds().items():
        d = os.path.join(HERE, "corpus", target)
        os.makedirs(d, exist_ok=True)
        for name, data in inputs.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
