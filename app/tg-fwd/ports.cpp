/* SPDX-License-Identifier: BSD-3-Clause */
/* Port set-up and teardown for tg-fwd (see ports.h). */
#include "ports.h"

#include <net/if.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include <rte_bus_vdev.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_mbuf.h>

namespace tg57xx::fwd {

namespace {

/* Driver names of the tg57xx PMD: the PCI driver and the chip-model vdev. */
constexpr const char *kNicDrivers[] = {"net_tg57xx", "net_tg57xx_sim"};

/* Descriptor counts: NIC as its PMD advises (512 when silent); the exception
 * port 1024, what DPDK's virtio-user exception-path guide recommends. */
constexpr uint16_t kNicDescFallback = 512;
constexpr uint16_t kKifDesc = 1024;
/* Per-lcore mbuf cache (RTE_MEMPOOL_CACHE_MAX_SIZE is 512; 256 is DPDK's examples'). */
constexpr unsigned kPoolCache = 256;
/* Slack for mbufs in flight inside PMDs beyond their rings (tap/virtio rx refill, bursts). */
constexpr unsigned kPoolSlack = 1024;
constexpr const char *kPoolName = "tg_fwd_mbufs";
constexpr const char *kVhostNet = "/dev/vhost-net";
constexpr const char *kTapLogType = "pmd.net.tap"; /* net_tap's log type (RTE_LOG_REGISTER_DEFAULT) */

std::string fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *f, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, f);
	std::vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	return buf;
}

/* The largest MTU a port accepts, as rte_eth_dev_set_mtu will judge it:
 * max_mtu, and max_rx_pktlen less the L2 overhead (net_tap: 1522 - 18 = 1504). */
uint16_t effective_max_mtu(const rte_eth_dev_info &info)
{
	uint32_t overhead = RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN;
	if (info.max_mtu != UINT16_MAX && info.max_rx_pktlen > info.max_mtu)
		overhead = info.max_rx_pktlen - info.max_mtu;
	uint32_t by_len = info.max_rx_pktlen > overhead ? info.max_rx_pktlen - overhead : 0;
	return static_cast<uint16_t>(std::min<uint32_t>(info.max_mtu, by_len));
}

std::string mac_str(const rte_ether_addr &a)
{
	char s[RTE_ETHER_ADDR_FMT_SIZE];
	rte_ether_format_addr(s, sizeof(s), &a);
	return s;
}

bool is_tun(const std::string &ifname)
{
	struct stat st;
	return stat(("/sys/class/net/" + ifname + "/tun_flags").c_str(), &st) == 0;
}

/* A real-time signal handler that does nothing (quiet_tap_rx_signal). */
void ignore_rt_signal(int) {}

/*
 * net_tap asks the kernel for a real-time signal on every frame queued on its
 * tap (F_SETSIG + O_ASYNC on the tap fd; the handler bumps the counter its rx
 * burst checks before reading). Real-time signals queue, one per frame: at the
 * 40 kpps of ACKs of a 1 Gbit/s TCP stream that is a fifth of a CPU of signal
 * deliveries (issue 12), on a machine whose CPUs forward. tg-fwd polls the tap
 * anyway (busy, or level-triggered epoll with --idle-sleep, fwd_loop.cpp), so
 * it takes the signals net_tap would pick (SIGRTMIN+1 .. SIGRTMAX-1 still at
 * SIG_DFL) with a handler that does nothing: net_tap finds none free, sets no
 * signal on the fd, and reads the tap on every rx burst. Its warning about it
 * is expected, so net_tap logs only errors while the tap is set up (its other
 * warnings there are about rte_flow, which tg-fwd does not use).
 */
void quiet_tap_rx_signal()
{
	static bool done = false;
	if (done)
		return;
	done = true;
	for (int signo = SIGRTMIN + 1; signo < SIGRTMAX; signo++) {
		struct sigaction sa {};
		if (sigaction(signo, nullptr, &sa) != 0 || sa.sa_handler != SIG_DFL)
			continue;
		sa = {};
		sa.sa_handler = ignore_rt_signal;
		sa.sa_flags = SA_RESTART;
		(void)sigaction(signo, &sa, nullptr);
	}
}

/* While it lives, net_tap logs errors only (quiet_tap_rx_signal: its warning is expected). */
class TapLogErrorsOnly {
public:
	explicit TapLogErrorsOnly(bool on)
	{
		if (!on)
			return;
		type_ = rte_log_register(kTapLogType); /* the existing type's id */
		if (type_ < 0)
			return;
		level_ = rte_log_get_level(type_);
		rte_log_set_level(static_cast<uint32_t>(type_), RTE_LOG_ERR);
	}
	~TapLogErrorsOnly()
	{
		if (type_ >= 0 && level_ >= 0)
			rte_log_set_level(static_cast<uint32_t>(type_), static_cast<uint32_t>(level_));
	}
	TapLogErrorsOnly(const TapLogErrorsOnly &) = delete;
	TapLogErrorsOnly &operator=(const TapLogErrorsOnly &) = delete;

private:
	int type_ = -1;
	int level_ = -1;
};

/* The vdev name and devargs of pair p's exception port. */
void kif_devargs(const Options &opt, const PortPair &p, std::string &name, std::string &args)
{
	const std::string mac = mac_str(p.mac);
	switch (p.kind) {
	case KifKind::Tap:
		name = "net_tap_" + p.ifname;
		args = "iface=" + p.ifname + ",mac=" + mac + (opt.persist ? ",persist" : "");
		break;
	case KifKind::VhostNet:
		name = "net_virtio_user_" + p.ifname;
		args = fmt("path=%s,queues=1,queue_size=%u,iface=%s,mac=%s", kVhostNet, kKifDesc, p.ifname.c_str(),
			   mac.c_str());
		break;
	case KifKind::VhostUser:
		name = fmt("net_virtio_user_tgfwd%u", p.index);
		args = fmt("path=%s,queues=1,queue_size=%u,mac=%s", opt.virtio_paths[p.index].c_str(), kKifDesc,
			   mac.c_str());
		break;
	case KifKind::AfPacket:
		/* qdisc_bypass: frames go straight to the veth (there is no queue to wait in
		 * between two ends of one pair); rings as deep as the other exception ports'. */
		name = "net_af_packet_" + p.ifname;
		args = fmt("iface=%s,qdisc_bypass=1,framecnt=%u", p.dp_ifname.c_str(), kKifDesc);
		break;
	}
}

std::string kif_hint(const Options &opt, const PortPair &p)
{
	switch (p.kind) {
	case KifKind::Tap:
		return "is /dev/net/tun there (modprobe tun)?";
	case KifKind::VhostNet:
		return "is vhost_net loaded and /dev/vhost-net usable (or use --tap)?";
	case KifKind::VhostUser:
		return "is a vhost-user server listening on " + opt.virtio_paths[p.index] + "?";
	case KifKind::AfPacket:
		return "may this process open AF_PACKET sockets (CAP_NET_RAW)?";
	}
	return "";
}

/* The one line for a step of make_veth that failed. */
std::string veth_error(const PortPair &p, const std::string &what, int rc, const char *hint = nullptr)
{
	return fmt("tg-fwd: %s: cannot %s: %s%s%s", p.ifname.c_str(), what.c_str(), std::strerror(-rc),
		   hint != nullptr ? "; " : "", hint != nullptr ? hint : "");
}

/*
 * --af-packet: the veth pair, before net_af_packet opens tg-fwd's end. The
 * kernel end gets the NIC's MAC and MTU and sends without checksum offload:
 * a frame with CHECKSUM_PARTIAL would reach net_af_packet with its checksum
 * unfilled, and nothing downstream fills it (the kernel drops TSO with it, so
 * every frame fits the MTU). tg-fwd's end has no IPv6, so the kernel sends
 * nothing of its own from it (router solicitations, MLD): net_af_packet would
 * forward that to the wire. It goes up now; the control loop moves it with the
 * NIC link from here on (Control::link_sync).
 */
std::string make_veth(const PortSetup &ps, PortPair &p)
{
	if (ps.rtnl == nullptr)
		return "tg-fwd: --af-packet needs rtnetlink";
	std::array<uint8_t, RTE_ETHER_ADDR_LEN> mac{};
	std::memcpy(mac.data(), p.mac.addr_bytes, mac.size());
	int rc = ps.rtnl->create_veth(p.ifname, p.dp_ifname, mac, p.mtu);
	if (rc < 0)
		return veth_error(p, "create a veth pair with " + p.dp_ifname, rc,
				  "can this kernel make veth pairs (modprobe veth)?");
	p.veth_made = true;
	p.ifindex = if_nametoindex(p.ifname.c_str());
	p.dp_ifindex = if_nametoindex(p.dp_ifname.c_str());
	if (p.ifindex == 0 || p.dp_ifindex == 0)
		return veth_error(p, "find the veth pair it made", -ENODEV);
	if ((rc = tx_csum_off(p.ifname)) < 0)
		return veth_error(p, "turn its transmit checksum offload off", rc);
	if ((rc = disable_ipv6(p.dp_ifname)) < 0 && rc != -ENOENT)
		return veth_error(p, "turn IPv6 off on " + p.dp_ifname, rc);
	if ((rc = ps.rtnl->set_admin(p.dp_ifindex, true)) < 0)
		return veth_error(p, "bring " + p.dp_ifname + " up", rc);
	return "";
}

/*
 * Configure one port with one rx and one tx queue, MTU, the offloads
 * rx_ol/tx_ol (within its capabilities: plan_offloads checked), and start it.
 * rxq_intr in: ask for rx queue interrupts (--idle-sleep); out: got them. A
 * port that refuses them is configured without and busy-polled (one line).
 */
int bring_up(uint16_t port, uint16_t mtu, bool lsc, uint64_t rx_ol, uint64_t tx_ol, uint16_t rxd, uint16_t txd,
	     rte_mempool *pool, bool &configured, bool &started, bool &rxq_intr, const char *name, std::string &what)
{
	rte_eth_dev_info info{};
	int ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0) {
		what = "device info";
		return ret;
	}
	rte_eth_conf conf{};
	conf.rxmode.mtu = mtu;
	conf.intr_conf.lsc = lsc ? 1 : 0;
	conf.rxmode.offloads = rx_ol; /* the offload plan's (offload.h) */
	conf.txmode.offloads = tx_ol;
	/* Frames bigger than one mbuf (jumbo MTU) arrive chained, if the port can;
	 * as testpmd does, ask for that only when the MTU needs it. */
	const uint32_t frame = mtu + RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN + RTE_VLAN_HLEN;
	const uint32_t room = rte_pktmbuf_data_room_size(pool) - static_cast<uint32_t>(RTE_PKTMBUF_HEADROOM);
	if (frame > room &&
	    (info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCATTER))
		conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCATTER;
	/* The other port may hand us chained mbufs (its own scatter). */
	if (info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	/* Every mbuf comes from the one pool and is never shared (refcnt 1): the
	 * port may free completions straight to the pool (as testpmd asks by default). */
	conf.txmode.offloads |= info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	conf.intr_conf.rxq = rxq_intr ? 1 : 0;
	ret = rte_eth_dev_configure(port, 1, 1, &conf);
	if (ret != 0 && rxq_intr) {
		std::fprintf(stderr, "tg-fwd: %s: no rx queue interrupts (%s): --idle-sleep busy-polls it\n", name,
			     rte_strerror(-ret));
		rxq_intr = false;
		conf.intr_conf.rxq = 0;
		ret = rte_eth_dev_configure(port, 1, 1, &conf);
	}
	if (ret != 0) {
		what = "configure";
		return ret;
	}
	configured = true;
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(port, &rxd, &txd);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, rxd, rte_eth_dev_socket_id(port), nullptr, pool);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, txd, rte_eth_dev_socket_id(port), nullptr);
	if (ret != 0) {
		what = "queue setup";
		return ret;
	}
	ret = rte_eth_dev_set_mtu(port, mtu);
	if (ret != 0 && ret != -ENOTSUP) {
		what = fmt("MTU %u", mtu);
		return ret;
	}
	ret = rte_eth_dev_start(port);
	if (ret != 0) {
		what = "start";
		return ret;
	}
	started = true;
	return 0;
}

std::string setup_pair(const PortSetup &ps, PortPair &p, rte_mempool *pool)
{
	const Options &opt = *ps.opt;
	rte_eth_dev_info ni{};
	int ret = rte_eth_dev_info_get(p.nic, &ni);
	if (ret != 0)
		return fmt("tg-fwd: %s: cannot read device info: %s", p.nic_name.c_str(), rte_strerror(-ret));
	rte_eth_macaddr_get(p.nic, &p.mac);
	p.nic_max_mtu = effective_max_mtu(ni);
	uint16_t cur = RTE_ETHER_MTU;
	rte_eth_dev_get_mtu(p.nic, &cur);
	p.mtu = opt.mtu != 0 ? static_cast<uint16_t>(opt.mtu) : cur;
	if (p.mtu > p.nic_max_mtu)
		return fmt("tg-fwd: --mtu %u: %s supports at most %u; give a smaller --mtu", opt.mtu, p.nic_name.c_str(),
			   p.nic_max_mtu);
	p.lsc = (*ni.dev_flags & RTE_ETH_DEV_INTR_LSC) != 0;

	/* The kernel interface must be new, unless --persist asks to reuse ours. */
	if (p.kind == KifKind::AfPacket) {
		for (const std::string *n : {&p.ifname, &p.dp_ifname})
			if (if_nametoindex(n->c_str()) != 0)
				return fmt("tg-fwd: interface %s already exists (left by a tg-fwd --af-packet that was "
					   "killed?): remove it with 'ip link del %s' or pick another name with --iface",
					   n->c_str(), n->c_str());
	} else if (p.kind != KifKind::VhostUser && if_nametoindex(p.ifname.c_str()) != 0) {
		if (!opt.persist)
			return fmt("tg-fwd: interface %s already exists (left by tg-fwd --persist?): remove it with "
				   "'ip link del %s', pick another with --iface, or reuse it with --persist",
				   p.ifname.c_str(), p.ifname.c_str());
		if (!is_tun(p.ifname))
			return fmt("tg-fwd: interface %s already exists and is not a tap: pick another name with --iface",
				   p.ifname.c_str());
	}

	if (p.kind == KifKind::AfPacket) {
		std::string err = make_veth(ps, p);
		if (!err.empty())
			return err;
	}
	std::string args;
	kif_devargs(opt, p, p.kif_vdev, args);
	if (p.kind == KifKind::Tap)
		quiet_tap_rx_signal();
	/* net_tap looks for a signal for each tap fd it opens, at creation and for its queues. */
	const TapLogErrorsOnly quiet(p.kind == KifKind::Tap);
	ret = rte_eal_hotplug_add("vdev", p.kif_vdev.c_str(), args.c_str());
	if (ret != 0)
		/* -1 is the driver's probe refusing (its own log says why), not an errno. */
		return fmt("tg-fwd: cannot create %s (%s %s): %s; %s", p.kif_vdev.c_str(), kif_kind_name(p.kind),
			   args.c_str(), ret < -1 ? rte_strerror(-ret) : "the driver refused it (see above)",
			   kif_hint(opt, p).c_str());
	p.kif_added = true;
	ret = rte_eth_dev_get_port_by_name(p.kif_vdev.c_str(), &p.kif);
	if (ret != 0)
		return fmt("tg-fwd: %s was created but has no ethdev port: %s", p.kif_vdev.c_str(), rte_strerror(-ret));

	rte_eth_dev_info ki{};
	ret = rte_eth_dev_info_get(p.kif, &ki);
	if (ret != 0)
		return fmt("tg-fwd: %s: cannot read device info: %s", p.kif_vdev.c_str(), rte_strerror(-ret));
	const uint16_t kif_max = effective_max_mtu(ki);
	p.kif_max_mtu = kif_max;
	if (p.mtu > kif_max)
		return fmt("tg-fwd: MTU %u is more than %s allows for %s (at most %u); give --mtu %u or less", p.mtu,
			   kif_kind_name(p.kind), p.ifname.empty() ? p.kif_vdev.c_str() : p.ifname.c_str(), kif_max,
			   kif_max);

	/* Only virtio-user carries offloads to the kernel (its virtio-net header). */
	p.ol = plan_offloads(opt.offload, p.kind == KifKind::VhostNet || p.kind == KifKind::VhostUser, ni, ki);

	std::string what;
	p.kif_rxq_intr = p.nic_rxq_intr = opt.idle_sleep_ms != 0;
	if (p.kind == KifKind::AfPacket && p.kif_rxq_intr) {
		/* net_af_packet has no queue event fd to sleep on (22.11: no interrupt handle). */
		std::fprintf(stderr, "tg-fwd: %s: no rx queue interrupts (net_af_packet has none): --idle-sleep "
			     "busy-polls it\n", p.kif_vdev.c_str());
		p.kif_rxq_intr = false;
	}
	ret = bring_up(p.kif, p.mtu, false, p.ol.kif_rx, p.ol.kif_tx, kKifDesc, kKifDesc, pool, p.kif_configured,
		       p.kif_started, p.kif_rxq_intr, p.kif_vdev.c_str(), what);
	if (ret != 0)
		return fmt("tg-fwd: %s (%s): %s failed: %s", p.kif_vdev.c_str(), kif_kind_name(p.kind), what.c_str(),
			   rte_strerror(-ret));
	const uint16_t nic_desc = ni.default_rxportconf.ring_size ? ni.default_rxportconf.ring_size : kNicDescFallback;
	const uint16_t nic_tdesc = ni.default_txportconf.ring_size ? ni.default_txportconf.ring_size : kNicDescFallback;
	ret = bring_up(p.nic, p.mtu, p.lsc, p.ol.nic_rx, p.ol.nic_tx, nic_desc, nic_tdesc, pool, p.nic_configured,
		       p.nic_started, p.nic_rxq_intr, p.nic_name.c_str(), what);
	if (ret != 0)
		return fmt("tg-fwd: %s: %s failed: %s (the driver's message above says why)", p.nic_name.c_str(),
			   what.c_str(), rte_strerror(-ret));
	/* The kernel's multicast (IPv6 neighbour discovery, mDNS, ...) must reach it. */
	ret = rte_eth_allmulticast_enable(p.nic);
	if (ret != 0)
		std::fprintf(stderr, "tg-fwd: %s: no all-multicast (%s): IPv6 neighbour discovery may fail\n",
			     p.nic_name.c_str(), rte_strerror(-ret));

	if (p.kind != KifKind::VhostUser) {
		p.ifindex = if_nametoindex(p.ifname.c_str());
		if (p.ifindex == 0)
			return fmt("tg-fwd: %s made no kernel interface %s", p.kif_vdev.c_str(), p.ifname.c_str());
	}
	return "";
}

} // namespace

const char *kif_kind_name(KifKind k)
{
	switch (k) {
	case KifKind::Tap:
		return "net_tap";
	case KifKind::VhostNet:
		return "virtio-user/vhost-net";
	case KifKind::VhostUser:
		return "virtio-user/vhost-user";
	case KifKind::AfPacket:
		return "net_af_packet";
	}
	return "?";
}

std::vector<uint16_t> find_nic_ports()
{
	std::vector<uint16_t> out;
	uint16_t port;
	RTE_ETH_FOREACH_DEV(port) {
		rte_eth_dev_info info{};
		if (rte_eth_dev_info_get(port, &info) != 0 || info.driver_name == nullptr)
			continue;
		for (const char *d : kNicDrivers)
			if (std::strcmp(info.driver_name, d) == 0)
				out.push_back(port);
	}
	return out;
}

std::string setup_ports(const PortSetup &ps, const std::vector<uint16_t> &nics, std::vector<PortPair> &pairs,
			rte_mempool **pool)
{
	const Options &opt = *ps.opt;
	/* Every ring full, plus every lcore's cache, plus a burst per path, plus slack. */
	unsigned per_port = 2 * kNicDescFallback + 2 * kKifDesc + 2 * opt.burst;
	unsigned n = static_cast<unsigned>(nics.size()) * per_port + ps.nb_lcores * kPoolCache + kPoolSlack;
	unsigned nb_mbufs = 1;
	while (nb_mbufs < n + 1)
		nb_mbufs <<= 1;
	nb_mbufs -= 1; /* 2^k - 1 is the mempool's sweet spot */
	*pool = rte_pktmbuf_pool_create(kPoolName, nb_mbufs, kPoolCache, 0, RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (*pool == nullptr)
		return fmt("tg-fwd: cannot allocate %u mbufs (%s): give EAL more memory (-m 512 with --no-huge, or "
			   "reserve hugepages)",
			   nb_mbufs, rte_strerror(rte_errno));

	for (size_t i = 0; i < nics.size(); i++) {
		PortPair &p = pairs[i];
		p.index = static_cast<unsigned>(i);
		p.nic = nics[i];
		p.nic_owned = true;
		char name[RTE_ETH_NAME_MAX_LEN];
		if (rte_eth_dev_get_name_by_port(p.nic, name) == 0)
			p.nic_name = name;
		p.kind = opt.vhost_user_test() ? KifKind::VhostUser : ps.kind;
		if (p.kind != KifKind::VhostUser)
			p.ifname = i < opt.ifaces.size() ? opt.ifaces[i] : fmt("tg%zu", i);
		if (p.kind == KifKind::AfPacket)
			p.dp_ifname = p.ifname + kAfPacketPeerSuffix;
	}
	for (PortPair &p : pairs) {
		std::string err = setup_pair(ps, p, *pool);
		if (!err.empty())
			return err;
	}
	return "";
}

void teardown(std::vector<PortPair> &pairs, Rtnl *rtnl)
{
	for (PortPair &p : pairs) {
		if (p.nic_started)
			rte_eth_dev_stop(p.nic);
		p.nic_started = false;
		if (p.kif_started)
			rte_eth_dev_stop(p.kif);
		p.kif_started = false;
	}
	for (PortPair &p : pairs) {
		if (p.kif_configured)
			rte_eth_dev_close(p.kif);
		p.kif_configured = false;
		if (p.kif_added)
			rte_eal_hotplug_remove("vdev", p.kif_vdev.c_str());
		p.kif_added = false;
		/* After net_af_packet let go of its end; the pair goes as one. */
		if (p.veth_made && rtnl != nullptr && p.ifindex != 0) {
			const int rc = rtnl->del_link(p.ifindex);
			if (rc < 0 && rc != -ENODEV)
				std::fprintf(stderr, "tg-fwd: %s: cannot delete the veth pair: %s; 'ip link del %s' does\n",
					     p.ifname.c_str(), std::strerror(-rc), p.ifname.c_str());
		}
		p.veth_made = false;
		if (p.nic_owned)
			rte_eth_dev_close(p.nic); /* ours even if set-up stopped before configure */
		p.nic_owned = p.nic_configured = false;
	}
}

} // namespace tg57xx::fwd
