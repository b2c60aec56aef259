# SPDX-License-Identifier: BSD-3-Clause
"""Frames and pcap files with the struct module (no scapy).

Builders return bytes; parsers return small dicts. Only what the tests use:
Ethernet, ARP, IPv4, ICMP echo, UDP. pcap: the classic libpcap format
(DLT_EN10MB), read in either byte order and either timestamp precision.
"""
import ipaddress
import struct

ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
ETH_P_IPV6 = 0x86DD
IPPROTO_ICMP = 1
IPPROTO_TCP = 6
IPPROTO_UDP = 17
ARP_REQUEST, ARP_REPLY = 1, 2
ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST = 0, 8
BROADCAST = "ff:ff:ff:ff:ff:ff"

_PCAP_MAGIC_US = 0xA1B2C3D4
_PCAP_MAGIC_NS = 0xA1B23C4D
_LINKTYPE_ETHERNET = 1
_SNAPLEN = 65535


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(":"))


def mac_str(b):
    return ":".join(f"{x:02x}" for x in b)


def ip4(addr):
    return ipaddress.IPv4Address(addr).packed


def csum(data):
    """RFC 1071 Internet checksum."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(dst, src, ethertype, payload):
    return mac_bytes(dst) + mac_bytes(src) + struct.pack("!H", ethertype) + payload


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH6s4s6s4s", 1, ETH_P_IP, 6, 4, op, mac_bytes(sha), ip4(spa), mac_bytes(tha), ip4(tpa))


def ipv4(src, dst, proto, payload, ttl=64, ident=1):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, ttl, proto, 0, ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + payload


def icmp_echo(ident, seq, data, reply=False):
    t = ICMP_ECHO_REPLY if reply else ICMP_ECHO_REQUEST
    msg = struct.pack("!BBHHH", t, 0, 0, ident, seq) + data
    return msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]


def udp(src, dst, sport, dport, data):
    length = 8 + len(data)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, IPPROTO_UDP, length)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    c = csum(pseudo + hdr + data) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, c) + data


# ---------------------------------------------------------------- parsing

def parse_eth(frame):
    dst, src, et = struct.unpack("!6s6sH", frame[:14])
    return {"dst": mac_str(dst), "src": mac_str(src), "type": et, "payload": frame[14:]}


def parse_arp(b):
    htype, ptype, hlen, plen, op, sha, spa, tha, tpa = struct.unpack("!HHBBH6s4s6s4s", b[:28])
    return {"op": op, "sha": mac_str(sha), "spa": str(ipaddress.IPv4Address(spa)),
            "tha": mac_str(tha), "tpa": str(ipaddress.IPv4Address(tpa)), "ptype": ptype}


def parse_ipv4(b):
    vihl, _, total, ident, _, ttl, proto, _, src, dst = struct.unpack("!BBHHHBBH4s4s", b[:20])
    ihl = (vihl & 0xF) * 4
    return {"version": vihl >> 4, "ihl": ihl, "len": total, "id": ident, "ttl": ttl, "proto": proto,
            "src": str(ipaddress.IPv4Address(src)), "dst": str(ipaddress.IPv4Address(dst)),
            "csum_ok": csum(b[:ihl]) == 0, "payload": b[ihl:total]}


def parse_icmp(b):
    t, code, _, ident, seq = struct.unpack("!BBHHH", b[:8])
    return {"type": t, "code": code, "id": ident, "seq": seq, "data": b[8:], "csum_ok": csum(b) == 0}


def parse_udp(b, src=None, dst=None):
    sport, dport, length, c = struct.unpack("!HHHH", b[:8])
    r = {"sport": sport, "dport": dport, "len": length, "data": b[8:length]}
    if src is not None and c != 0:
        pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, IPPROTO_UDP, length)
        r["csum_ok"] = csum(pseudo + b[:length]) == 0
    return r


# ---------------------------------------------------------------- pcap

def write_pcap(path, frames, t0=1_700_000_000, gap_us=1000):
    """Classic little-endian microsecond pcap, one record per frame, gap_us apart."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", _PCAP_MAGIC_US, 2, 4, 0, 0, _SNAPLEN, _LINKTYPE_ETHERNET))
        for i, fr in enumerate(frames):
            us = i * gap_us
            f.write(struct.pack("<IIII", t0 + us // 1_000_000, us % 1_000_000, len(fr), len(fr)))
            f.write(fr)


def read_pcap(path, limit=None):
    """The frames of a pcap file (list of bytes), at most `limit`."""
    with open(path, "rb") as f:
        head = f.read(24)
        if len(head) < 24:
            return []
        for order in ("<", ">"):
            magic = struct.unpack(order + "I", head[:4])[0]
            if magic in (_PCAP_MAGIC_US, _PCAP_MAGIC_NS):
                break
        else:
            raise ValueError(f"{path}: not a pcap file (magic {head[:4].hex()})")
        linktype = struct.unpack(order + "I", head[20:24])[0] & 0xFFFF
        if linktype != _LINKTYPE_ETHERNET:
            raise ValueError(f"{path}: link type {linktype}, not Ethernet")
        frames = []
        while limit is None or len(frames) < limit:
            rec = f.read(16)
            if len(rec) < 16:
                break
            _, _, caplen, _ = struct.unpack(order + "IIII", rec)
            data = f.read(caplen)
            if len(data) < caplen:
                break  # a record cut short by a writer still flushing
            frames.append(data)
        return frames


def count_pcap(path):
    """Number of complete records, without keeping the frames."""
    n = 0
    with open(path, "rb") as f:
        head = f.read(24)
        if len(head) < 24:
            return 0
        order = "<" if struct.unpack("<I", head[:4])[0] in (_PCAP_MAGIC_US, _PCAP_MAGIC_NS) else ">"
        size = f.seek(0, 2)
        pos = 24
        while pos + 16 <= size:
            f.seek(pos)
            caplen = struct.unpack(order + "IIII", f.read(16))[2]
            if pos + 16 + caplen > size:
                break
            pos += 16 + caplen
            n += 1
    return n
