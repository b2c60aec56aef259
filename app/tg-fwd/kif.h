/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel interface control over rtnetlink (libmnl): admin up once, MTU,
 * carrier (IFLA_CARRIER, so the kernel interface follows the NIC link without
 * admin up/down, which would flush the user's routes and IPv6 addresses), and
 * a monitor of RTM_NEWLINK/RTM_DELLINK so tg-fwd can follow what the user
 * changes on the kernel side (MTU, MAC address, promiscuous mode). For
 * --af-packet it also makes and deletes the veth pairs, and turns their
 * checksum offload and IPv6 off (ethtool ioctl, /proc/sys).
 *
 * Control path only: nothing here is called from the forwarding loop.
 */
#ifndef TG_FWD_KIF_H
#define TG_FWD_KIF_H

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

struct mnl_socket;
struct nlmsghdr;

namespace tg57xx::fwd {

/* What the kernel told us about one interface. */
struct LinkEvent {
	bool deleted = false;  /* RTM_DELLINK */
	unsigned ifindex = 0;
	unsigned flags = 0;    /* ifi_flags: IFF_UP, IFF_PROMISC, ... */
	unsigned mtu = 0;      /* 0: not in the message */
	bool has_mac = false;
	std::array<uint8_t, 6> mac{};
	std::string name;
};

class Rtnl {
public:
	Rtnl() = default;
	~Rtnl();
	Rtnl(const Rtnl &) = delete;
	Rtnl &operator=(const Rtnl &) = delete;

	/* Open the request socket and the RTNLGRP_LINK monitor; false + err on failure. */
	bool open(std::string &err);

	/* Each returns 0 or -errno (the kernel's answer to an acked RTM_NEWLINK). */
	int set_carrier(unsigned ifindex, bool on);
	int set_mtu(unsigned ifindex, unsigned mtu);
	int set_txqueuelen(unsigned ifindex, unsigned qlen);
	/* Admin state up or down (the kernel interface: up once; --af-packet: tg-fwd's
	 * end of the veth pair, whose state is the kernel end's carrier). */
	int set_admin(unsigned ifindex, bool up);
	/* A veth pair, both ends down: `name` (MAC `mac`) for the kernel, `peer` for
	 * tg-fwd, both at MTU `mtu`. -EEXIST when either name is taken. */
	int create_veth(const std::string &name, const std::string &peer, const std::array<uint8_t, 6> &mac,
			unsigned mtu);
	/* Delete a link (a veth pair goes with either end). */
	int del_link(unsigned ifindex);

	/* The monitor's fd (non-blocking), for poll(). */
	int monitor_fd() const;
	/* Read every pending monitor message; fn is called once per link message. */
	void drain(const std::function<void(const LinkEvent &)> &fn);

private:
	int request(unsigned ifindex, unsigned flags, unsigned change, int attr, uint32_t value, bool u8);
	/* Start an acked link message (ifinfomsg for ifindex, family unspec) in buf. */
	nlmsghdr *begin(std::vector<char> &buf, uint16_t type, uint16_t flags, unsigned ifindex);
	/* Send the message built in buf, wait for its ack: 0 or -errno. */
	int transact(std::vector<char> &buf);

	mnl_socket *req_ = nullptr;
	mnl_socket *mon_ = nullptr;
	uint32_t portid_ = 0;
	uint32_t seq_ = 0;
};

/* True when the process may create and configure interfaces (CAP_NET_ADMIN effective). */
bool has_cap_net_admin();

/* Turn the interface's transmit checksum offload off (ethtool -K IF tx off; the
 * kernel drops TSO with it): 0 or -errno. */
int tx_csum_off(const std::string &ifname);

/* No IPv6 on the interface (net.ipv6.conf.IF.disable_ipv6 = 1), so the kernel
 * sends nothing from it by itself: 0, or -errno (ENOENT: no IPv6 here, fine). */
int disable_ipv6(const std::string &ifname);

} // namespace tg57xx::fwd

#endif
