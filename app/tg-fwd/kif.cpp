/* SPDX-License-Identifier: BSD-3-Clause */
/* rtnetlink control of the kernel interfaces (see kif.h). */
#include "kif.h"

#include <libmnl/libmnl.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <linux/veth.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <vector>

namespace tg57xx::fwd {

namespace {

/* A request waits at most this long for the kernel's ack (it answers at once; this only bounds a bug). */
constexpr time_t kAckTimeoutSec = 2;
/* Monitor receive buffer: MNL_SOCKET_BUFFER_SIZE is libmnl's advice (page size, at most 8 KiB). */
const size_t kBufSize = MNL_SOCKET_BUFFER_SIZE;

struct ParseCtx {
	LinkEvent *ev;
};

int link_attr_cb(const nlattr *attr, void *data)
{
	auto *ctx = static_cast<ParseCtx *>(data);
	if (mnl_attr_type_valid(attr, IFLA_MAX) < 0)
		return MNL_CB_OK;
	switch (mnl_attr_get_type(attr)) {
	case IFLA_MTU:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
			ctx->ev->mtu = mnl_attr_get_u32(attr);
		break;
	case IFLA_ADDRESS:
		if (mnl_attr_get_payload_len(attr) == ctx->ev->mac.size()) {
			std::memcpy(ctx->ev->mac.data(), mnl_attr_get_payload(attr), ctx->ev->mac.size());
			ctx->ev->has_mac = true;
		}
		break;
	case IFLA_IFNAME:
		if (mnl_attr_validate(attr, MNL_TYPE_STRING) >= 0)
			ctx->ev->name = mnl_attr_get_str(attr);
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

int link_msg_cb(const nlmsghdr *nlh, void *data)
{
	auto *fn = static_cast<const std::function<void(const LinkEvent &)> *>(data);
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return MNL_CB_OK;
	const auto *ifm = static_cast<const ifinfomsg *>(mnl_nlmsg_get_payload(nlh));
	LinkEvent ev;
	ev.deleted = nlh->nlmsg_type == RTM_DELLINK;
	ev.ifindex = static_cast<unsigned>(ifm->ifi_index);
	ev.flags = ifm->ifi_flags;
	ParseCtx ctx{&ev};
	mnl_attr_parse(nlh, sizeof(*ifm), link_attr_cb, &ctx);
	(*fn)(ev);
	return MNL_CB_OK;
}

} // namespace

Rtnl::~Rtnl()
{
	if (req_ != nullptr)
		mnl_socket_close(req_);
	if (mon_ != nullptr)
		mnl_socket_close(mon_);
}

bool Rtnl::open(std::string &err)
{
	req_ = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (req_ == nullptr || mnl_socket_bind(req_, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = std::string("rtnetlink socket: ") + std::strerror(errno);
		return false;
	}
	timeval tv{kAckTimeoutSec, 0};
	setsockopt(mnl_socket_get_fd(req_), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	portid_ = mnl_socket_get_portid(req_);
	seq_ = static_cast<uint32_t>(time(nullptr));

	mon_ = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (mon_ == nullptr || mnl_socket_bind(mon_, RTMGRP_LINK, MNL_SOCKET_AUTOPID) < 0) {
		err = std::string("rtnetlink monitor: ") + std::strerror(errno);
		return false;
	}
	return true;
}

nlmsghdr *Rtnl::begin(std::vector<char> &buf, uint16_t type, uint16_t flags, unsigned ifindex)
{
	nlmsghdr *nlh = mnl_nlmsg_put_header(buf.data());
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++seq_;
	auto *ifm = static_cast<ifinfomsg *>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifinfomsg)));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = static_cast<int>(ifindex);
	return nlh;
}

int Rtnl::request(unsigned ifindex, unsigned flags, unsigned change, int attr, uint32_t value, bool u8)
{
	std::vector<char> buf(kBufSize);
	nlmsghdr *nlh = begin(buf, RTM_NEWLINK, 0, ifindex);
	auto *ifm = static_cast<ifinfomsg *>(mnl_nlmsg_get_payload(nlh));
	ifm->ifi_flags = flags;
	ifm->ifi_change = change;
	if (attr >= 0) {
		if (u8)
			mnl_attr_put_u8(nlh, static_cast<uint16_t>(attr), static_cast<uint8_t>(value));
		else
			mnl_attr_put_u32(nlh, static_cast<uint16_t>(attr), value);
	}
	return transact(buf);
}

int Rtnl::transact(std::vector<char> &buf)
{
	const auto *nlh = reinterpret_cast<const nlmsghdr *>(buf.data());
	const uint32_t seq = nlh->nlmsg_seq;
	if (mnl_socket_sendto(req_, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(req_, buf.data(), buf.size());
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		int rc = mnl_cb_run(buf.data(), static_cast<size_t>(n), seq, portid_, nullptr, nullptr);
		if (rc == MNL_CB_ERROR)
			return -errno;
		if (rc == MNL_CB_STOP)
			return 0;
	}
}

int Rtnl::set_carrier(unsigned ifindex, bool on) { return request(ifindex, 0, 0, IFLA_CARRIER, on ? 1 : 0, true); }

int Rtnl::set_mtu(unsigned ifindex, unsigned mtu) { return request(ifindex, 0, 0, IFLA_MTU, mtu, false); }

int Rtnl::set_txqueuelen(unsigned ifindex, unsigned qlen)
{
	return request(ifindex, 0, 0, IFLA_TXQLEN, qlen, false);
}

int Rtnl::set_admin(unsigned ifindex, bool up) { return request(ifindex, up ? IFF_UP : 0, IFF_UP, -1, 0, false); }

int Rtnl::create_veth(const std::string &name, const std::string &peer, const std::array<uint8_t, 6> &mac,
		      unsigned mtu)
{
	std::vector<char> buf(kBufSize);
	nlmsghdr *nlh = begin(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name.c_str());
	mnl_attr_put(nlh, IFLA_ADDRESS, mac.size(), mac.data());
	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	nlattr *linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	nlattr *data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	/* VETH_INFO_PEER: the peer's own ifinfomsg, then its attributes (iproute2's layout). */
	nlattr *peer_attr = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	auto *pifm = static_cast<ifinfomsg *>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifinfomsg)));
	pifm->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, peer.c_str());
	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	mnl_attr_nest_end(nlh, peer_attr);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, linkinfo);
	return transact(buf);
}

int Rtnl::del_link(unsigned ifindex)
{
	std::vector<char> buf(kBufSize);
	begin(buf, RTM_DELLINK, 0, ifindex);
	return transact(buf);
}

int Rtnl::monitor_fd() const { return mon_ != nullptr ? mnl_socket_get_fd(mon_) : -1; }

void Rtnl::drain(const std::function<void(const LinkEvent &)> &fn)
{
	if (mon_ == nullptr)
		return;
	std::vector<char> buf(kBufSize);
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(mon_, buf.data(), buf.size());
		if (n <= 0)
			return; /* EAGAIN: drained; ENOBUFS: overrun, the next message brings us up to date */
		mnl_cb_run(buf.data(), static_cast<size_t>(n), 0, 0, link_msg_cb,
			   const_cast<std::function<void(const LinkEvent &)> *>(&fn));
	}
}

bool has_cap_net_admin()
{
	__user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
	__user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
	if (syscall(SYS_capget, &hdr, data) != 0)
		return geteuid() == 0;
	return (data[CAP_TO_INDEX(CAP_NET_ADMIN)].effective & CAP_TO_MASK(CAP_NET_ADMIN)) != 0;
}

int tx_csum_off(const std::string &ifname)
{
	const int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	ethtool_value ev{};
	ev.cmd = ETHTOOL_STXCSUM;
	ev.data = 0;
	ifreq ifr{};
	std::snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname.c_str());
	ifr.ifr_data = reinterpret_cast<char *>(&ev);
	const int rc = ioctl(s, SIOCETHTOOL, &ifr) == 0 ? 0 : -errno;
	close(s);
	return rc;
}

int disable_ipv6(const std::string &ifname)
{
	const std::string path = "/proc/sys/net/ipv6/conf/" + ifname + "/disable_ipv6";
	const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	const int rc = write(fd, "1", 1) == 1 ? 0 : -errno;
	close(fd);
	return rc;
}

} // namespace tg57xx::fwd
