/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_tg57xx: the ethdev control path — configure/start/stop/close, link,
 * device info — the ops table, and the PCI driver registration.
 * The burst functions live in tg57xx_rxtx.cpp, queue setup in
 * tg57xx_queue.cpp, statistics in tg57xx_stats.cpp, receive filters in
 * tg57xx_filter.cpp, RSS in tg57xx_rss.cpp, vectors and interrupts in
 * tg57xx_intr.cpp, chip control in tg57xx_hw*.cpp.
 */
#include "tg57xx_ape.h"
#include "tg57xx_ethdev.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <new>
#include <string>

#include <bus_pci_driver.h>
#include <ethdev_pci.h>
#include <rte_alarm.h>
#include <rte_bus_pci.h>
#include <rte_malloc.h>

#include "tg57xx_chip.h"
#include "tg57xx_diag.h"
#include "tg57xx_filter.h"
#include "tg57xx_intr.h"
#include "tg57xx_logs.h"
#include "tg57xx_offload.h"
#include "tg57xx_pmdinfo.h"
#include "tg57xx_queue.h"
#include "tg57xx_recover.h"
#include "tg57xx_rss.h"
#include "tg57xx_regs.h"
#include "tg57xx_rxtx.h"
#include "tg57xx_stats.h"

namespace hw = tg57xx::hw;

RTE_LOG_REGISTER_SUFFIX(tg57xx_logtype_init, init, NOTICE);
RTE_LOG_REGISTER_SUFFIX(tg57xx_logtype_driver, driver, NOTICE);
RTE_LOG_REGISTER_SUFFIX(tg57xx_logtype_rx, rx, NOTICE);
RTE_LOG_REGISTER_SUFFIX(tg57xx_logtype_tx, tx, NOTICE);

namespace tg57xx::pmd {

namespace {

/* Link/stat poll period (alarm), and how many periods between statistics
 * fetches (tg3 fetches once a second: 32-bit counters must not wrap). */
constexpr uint64_t kAlarmUs = 100 * 1000;
/* The first alarm when dev_start has news to announce (lsc_owed): as soon as EAL can. */
constexpr uint64_t kAlarmSoonUs = 1;
constexpr unsigned kStatsEveryTicks = 10;
/* link_update(wait_to_complete): up to 9 s in 100 ms steps (autoneg takes up to ~3 s on copper). */
constexpr unsigned kLinkWaitSteps = 90;
constexpr unsigned kLinkWaitUs = 100 * 1000;
/* Host coalescing for a polling PMD: publish every returned RX BD at once;
 * batch TX completions (ref §5.6 ranges: ticks <= 0x3FF, frames <= 0xFF). */
constexpr Coalesce kPollCoalesce = {1, 1, 16, 32};
/* Smallest MTU (IPv4 minimum datagram, RFC 791). */
constexpr uint32_t kMinMtu = 68;

rte_eth_link to_eth_link(const LinkState &ls)
{
	rte_eth_link l{};
	l.link_status = ls.up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	l.link_speed = ls.up ? ls.speed : RTE_ETH_SPEED_NUM_NONE;
	l.link_duplex = ls.full_duplex ? RTE_ETH_LINK_FULL_DUPLEX : RTE_ETH_LINK_HALF_DUPLEX;
	l.link_autoneg = ls.autoneg ? RTE_ETH_LINK_AUTONEG : RTE_ETH_LINK_FIXED;
	return l;
}

/* Resolve the link now and publish it; true if it changed. */
bool refresh_link(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	LinkState ls;
	rte_spinlock_lock(&a->link_lock);
	if (a->link_forced_down || phy_poll(a->hw, a->link_cfg, &ls) != 0)
		ls = LinkState{};
	bool changed = !(ls == a->link);
	a->link = ls;
	rte_eth_link l = to_eth_link(ls);
	rte_eth_linkstatus_set(dev, &l);
	rte_spinlock_unlock(&a->link_lock);
	return changed;
}

/* Say the link changed: one log line, and the LSC event if the application asked for them. */
void announce_link(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	a->lsc_owed = false; /* this event tells the newest state */
	PMD_DRV_LOG(INFO, "%s: link %s %u Mbps %s", a->name, a->link.up ? "up" : "down", a->link.speed,
		    a->link.full_duplex ? "full-duplex" : "half-duplex");
	if (dev->data->dev_conf.intr_conf.lsc)
		rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC, nullptr);
}

} // namespace

bool tg57xx_link_check(rte_eth_dev *dev)
{
	if (!refresh_link(dev))
		return false;
	announce_link(dev);
	return true;
}

namespace {

/* tg3_rx's software length check (MTU + ETH_HLEN), per queue for the burst path. */
void rx_set_max_untagged(rte_eth_dev *dev)
{
	const uint32_t max = adapter_of(dev)->mtu + RTE_ETHER_HDR_LEN;
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		static_cast<RxQueue *>(dev->data->rx_queues[q])->max_untagged = max;
}

void alarm_cb(void *arg)
{
	auto *dev = static_cast<rte_eth_dev *>(arg);
	Adapter *a = adapter_of(dev);

	if (!a->started)
		return;
	if (a->lsc_owed) /* up by the end of dev_start: told here, on the interrupt thread */
		announce_link(dev);
	/* Link: the MAC latches changes in MAC_STATUS (ref §11.7, §14.3); polled
	 * unless vector 0's interrupt reports them (tg57xx_intr.cpp). */
	if (!a->layout.lsc_intr &&
	    ((rd32(a->hw, hw::MAC_STATUS) & hw::MAC_STATUS_LNKSTATE_CHANGED) || !a->link.up) &&
	    tg57xx_link_check(dev))
		a->intr.lsc_by_poll++;
	ape_heartbeat(a->hw); /* tg3_timer: tg3_send_ape_heartbeat */
	asf_heartbeat(a->hw); /* ... and the ASF heartbeat (tg3_send_asf_heartbeat) */
	if (++a->alarm_ticks % kStatsEveryTicks == 0)
		accumulate_mac_stats(a);
	recover_poll(dev, kAlarmUs / 1000);
	if (rte_eal_alarm_set(kAlarmUs, alarm_cb, dev) != 0) {
		PMD_DRV_LOG(ERR, "%s: cannot re-arm the link alarm: link changes will go unseen", a->name);
		a->alarm_armed = false;
	}
}

LinkConfig link_config_from(uint32_t link_speeds)
{
	LinkConfig c;
	if (link_speeds == RTE_ETH_LINK_SPEED_AUTONEG) {
		c.modes = kModesAll;
		return c;
	}
	bool fixed = link_speeds & RTE_ETH_LINK_SPEED_FIXED;
	uint32_t m = 0;
	if (link_speeds & RTE_ETH_LINK_SPEED_10M_HD)
		m |= kMode10Half;
	if (link_speeds & RTE_ETH_LINK_SPEED_10M)
		m |= kMode10Full;
	if (link_speeds & RTE_ETH_LINK_SPEED_100M_HD)
		m |= kMode100Half;
	if (link_speeds & RTE_ETH_LINK_SPEED_100M)
		m |= kMode100Full;
	if (link_speeds & RTE_ETH_LINK_SPEED_1G)
		m |= kMode1000Full;
	c.autoneg = !fixed;
	c.modes = m;
	return c;
}

int tg57xx_dev_configure(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	const rte_eth_conf &conf = dev->data->dev_conf;
	uint32_t speeds = conf.link_speeds;
	const uint32_t known = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_10M_HD | RTE_ETH_LINK_SPEED_10M |
			       RTE_ETH_LINK_SPEED_100M_HD | RTE_ETH_LINK_SPEED_100M | RTE_ETH_LINK_SPEED_1G;

	if (speeds & ~known) {
		PMD_DRV_LOG(ERR, "%s: link_speeds 0x%x asks for a speed this gigabit copper port lacks", a->name,
			    speeds);
		return -EINVAL;
	}
	LinkConfig c = link_config_from(speeds);
	if (!c.autoneg && __builtin_popcount(c.modes) != 1) {
		PMD_DRV_LOG(ERR, "%s: a fixed link speed needs exactly one speed/duplex (link_speeds 0x%x)", a->name,
			    speeds);
		return -EINVAL;
	}
	if (!c.autoneg && (c.modes & kMode1000Full)) {
		PMD_DRV_LOG(ERR, "%s: 1000BASE-T cannot be forced; use autonegotiation (link_speeds 0x%x)", a->name,
			    speeds);
		return -EINVAL;
	}
	/* Flow control is flow_ctrl_set's (tg57xx_fc.cpp): a reconfigure keeps it. */
	c.pause_rx = a->link_cfg.pause_rx;
	c.pause_tx = a->link_cfg.pause_tx;
	c.pause_autoneg = a->link_cfg.pause_autoneg;
	int ret = layout_check(dev);
	if (ret == 0)
		ret = rss_configure(dev);
	if (ret != 0)
		return ret;
	a->link_cfg = c;
	if (conf.rxmode.mtu != 0)
		a->mtu = conf.rxmode.mtu;
	return 0;
}

int tg57xx_dev_infos_get(rte_eth_dev *dev, rte_eth_dev_info *info)
{
	Adapter *a = adapter_of(dev);
	const hw::ChipCaps &caps = *a->hw.chip.caps;

	info->max_rx_queues = max_rx_queues(*a);
	info->max_tx_queues = max_tx_queues(*a);
	info->min_mtu = kMinMtu;
	info->max_mtu = caps.max_mtu;
	info->min_rx_bufsize = RTE_ETHER_MAX_LEN + RTE_VLAN_HLEN;
	info->max_rx_pktlen = info->max_mtu + hw::TG3_RX_MTU_OVERHEAD;
	info->max_mac_addrs = 1;
	info->rx_desc_lim.nb_max = caps.std_ring_entries;
	info->rx_desc_lim.nb_min = 64;
	info->rx_desc_lim.nb_align = 64;
	/* Any count up to the send ring (kSendRingEntries): it bounds the BDs in flight, as tg3's tx_pending. */
	info->tx_desc_lim.nb_max = kSendRingEntries;
	info->tx_desc_lim.nb_min = 64;
	info->tx_desc_lim.nb_align = 1;
	info->tx_desc_lim.nb_seg_max = kSendRingEntries / 4;
	info->tx_desc_lim.nb_mtu_seg_max = kSendRingEntries / 4;
	/* 512 BDs: what tg3 posts at most on the 57765 class, deep enough for bursts from a kernel peer. */
	info->default_rxportconf.ring_size = RTE_MIN(caps.std_ring_entries, uint16_t{512});
	info->default_txportconf.ring_size = kSendRingEntries;
	info->default_rxportconf.burst_size = 32;
	info->default_txportconf.burst_size = 32;
	info->default_rxportconf.nb_queues = 1;
	info->default_txportconf.nb_queues = 1;
	info->speed_capa = RTE_ETH_LINK_SPEED_10M_HD | RTE_ETH_LINK_SPEED_10M | RTE_ETH_LINK_SPEED_100M_HD |
			   RTE_ETH_LINK_SPEED_100M | RTE_ETH_LINK_SPEED_1G;
	/* Frames above one mbuf arrive chained from the jumbo ring (ref §10.5). */
	info->rx_offload_capa = caps.jumbo_ring_entries != 0 ? RTE_ETH_RX_OFFLOAD_SCATTER : 0;
	info->rx_offload_capa |= kRxOffloadCapa; /* ref §10.1, §10.3 (tg57xx_offload.cpp) */
	/* RSS (ref §10.6): 128-entry table, 40-byte key; the hash from the return BD (tg57xx_rss.cpp). */
	info->flow_type_rss_offloads = rss_offloads(*a);
	if (info->flow_type_rss_offloads != 0) {
		info->reta_size = hw::TG3_RSS_INDIR_TBL_SIZE;
		info->hash_key_size = kRssKeyLen;
		info->rx_offload_capa |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
	}
	/* ref §10.2-§10.4; MBUF_FAST_FREE: completed mbufs go back raw (tg57xx_rxtx.cpp tx_reclaim). */
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE | tx_offload_capa(*a);
	info->dev_capa = 0;
	return 0;
}

int tg57xx_dev_stop(rte_eth_dev *dev);

int tg57xx_dev_start(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	int ret = queues_check(dev);
	if (ret == 0)
		ret = bufs_start(dev);
	if (ret != 0)
		return ret;
	const RxBufRing &b = *a->bufs;

	InitParams p{};
	p.std_iova = b.std_mz->iova;
	p.std_entries = b.std_entries;
	p.std_posted = b.pub_std.prod;
	p.std_buf_len = b.buf_len;
	if (b.jmb_segs != 0) {
		p.jmb_iova = b.jmb_mz->iova;
		p.jmb_entries = b.jmb_entries;
		p.jmb_posted = b.pub_jmb.prod;
	}
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		auto *rxq = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		std::memset(rxq->ret_ring, 0, sizeof(hw::RxBd) * rxq->ret_entries);
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[q]);
		std::memset(txq->ring, 0, sizeof(hw::TxBd) * kSendRingEntries);
		txq_release_mbufs(txq);
	}
	layout_start(dev, p);
	uint32_t indir[hw::TG3_NUM_RSS_INDIR_REGS], key[hw::TG3_NUM_RSS_HASH_KEY_REGS];
	if (rss_rx_mode(*a) != 0) {
		rss_indir_words(*a, indir);
		rss_key_words(*a, key);
		p.rss_indir = indir;
		p.rss_key = key;
	}
	p.mtu = a->mtu;
	offload_start(dev);
	p.rx_mode = vlan_rx_mode(*a) | (a->promisc ? hw::RX_MODE_PROMISC : 0) | rss_rx_mode(*a);
	p.coal = kPollCoalesce;
	p.mac = a->addr.addr_bytes;
	/* tg3_reset_hw(reset_phy = true): tg3_phy_reset before tg3_chip_reset, so
	 * the PHY passes jumbo frames (EXTPKTLEN) before the MAC receives any. */
	ret = phy_reset(a->hw);
	if (ret == 0)
		ret = hw_init(a->hw, p);
	if (ret == 0) {
		uint32_t all[4] = {~0u, ~0u, ~0u, ~0u};
		hw_write_mc_hash(a->hw, a->allmulti || a->promisc ? all : a->mc_hash);
	}
	if (ret == 0)
		ret = a->link_forced_down ? phy_power(a->hw, false) : phy_setup(a->hw, a->link_cfg);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "%s: chip initialisation failed (%d)", a->name, ret);
		(void)hw_halt(a->hw, hw::DRV_STATE_UNLOAD);
		queues_release_mbufs(dev);
		return ret;
	}
	rx_set_max_untagged(dev);
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		static_cast<RxQueue *>(dev->data->rx_queues[q])->started = true;
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		static_cast<TxQueue *>(dev->data->tx_queues[q])->started = true;
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	dev->rx_pkt_burst = rx_burst_fn(dev);
	dev->tx_pkt_burst = tg57xx_xmit_pkts;
	dev->tx_pkt_prepare = tg57xx_prep_pkts;
	a->link = LinkState{};
	recover_start(dev);
	a->started = true;
	/* A link already up (a partner that negotiated within the start) is news
	 * the link interrupt will not bring: refresh_link has published it. The
	 * first alarm, at once, announces it from the EAL interrupt thread, where
	 * every other LSC event comes from (not from inside dev_start). */
	a->lsc_owed = refresh_link(dev);
	ret = intr_start(dev);
	if (ret != 0) {
		tg57xx_dev_stop(dev);
		return ret;
	}
	a->alarm_armed = rte_eal_alarm_set(a->lsc_owed ? kAlarmSoonUs : kAlarmUs, alarm_cb, dev) == 0;
	if (!a->alarm_armed)
		PMD_DRV_LOG(WARNING, "%s: no link alarm: link changes will only show on link_update", a->name);
	return 0;
}

int tg57xx_dev_stop(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);

	if (!a->started)
		return 0;
	a->started = false;
	rte_eal_alarm_cancel(alarm_cb, dev);
	a->alarm_armed = false;
	/* What tx_burst accepted goes out before the send engines stop (tg3
	 * waits in tg3_stop_block, ref §13); not when a stall is why we stop. */
	if (!a->recover.reset_pending)
		txqs_drain(dev);
	intr_stop(dev);
	accumulate_mac_stats(a);
	/* ref §13: stop every engine and reset the core, so no DMA is
	 * outstanding when the rings and their mbufs are released. */
	int ret = hw_halt(a->hw, hw::DRV_STATE_UNLOAD);
	if (ret != 0)
		PMD_DRV_LOG(ERR, "%s: quiesce reported %d; the rings are released anyway", a->name, ret);
	queues_release_mbufs(dev);
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		auto *rxq = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		if (rxq != nullptr)
			rxq->started = false;
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[q]);
		if (txq != nullptr)
			txq->started = false;
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	}
	a->link = LinkState{};
	rte_eth_link down = to_eth_link(a->link);
	rte_eth_linkstatus_set(dev, &down);
	dev->rx_pkt_burst = rte_eth_pkt_burst_dummy;
	dev->tx_pkt_burst = rte_eth_pkt_burst_dummy;
	return 0;
}

int tg57xx_link_update(rte_eth_dev *dev, int wait_to_complete)
{
	Adapter *a = adapter_of(dev);
	rte_eth_link old{};
	rte_eth_linkstatus_get(dev, &old);
	if (!a->started)
		return old.link_status == RTE_ETH_LINK_DOWN ? -1 : 0;
	for (unsigned i = 0;; i++) {
		refresh_link(dev);
		if (!wait_to_complete || a->link.up || a->link_forced_down || i >= kLinkWaitSteps)
			break;
		udelay(kLinkWaitUs);
	}
	rte_eth_link now{};
	rte_eth_linkstatus_get(dev, &now);
	return old.link_status == now.link_status && old.link_speed == now.link_speed ? -1 : 0;
}

int tg57xx_set_link(rte_eth_dev *dev, bool up)
{
	Adapter *a = adapter_of(dev);
	a->link_forced_down = !up;
	if (!a->started)
		return 0;
	int ret = up ? phy_power(a->hw, true) : phy_power(a->hw, false);
	if (ret == 0 && up)
		ret = phy_setup(a->hw, a->link_cfg);
	refresh_link(dev);
	return ret;
}

int tg57xx_set_link_up(rte_eth_dev *dev) { return tg57xx_set_link(dev, true); }
int tg57xx_set_link_down(rte_eth_dev *dev) { return tg57xx_set_link(dev, false); }

int tg57xx_mtu_set(rte_eth_dev *dev, uint16_t mtu)
{
	Adapter *a = adapter_of(dev);
	uint32_t max = a->hw.chip.caps->max_mtu;
	if (mtu < kMinMtu || mtu > max) {
		PMD_DRV_LOG(ERR, "%s: MTU %u outside [%u, %u] for this chip", a->name, mtu, kMinMtu, max);
		return -EINVAL;
	}
	uint16_t buf_len = a->started ? a->bufs->buf_len : rx_min_buf_len(dev);
	if (buf_len != 0) {
		int ret = rx_frame_fits(dev, buf_len, mtu);
		if (ret != 0)
			return ret;
		if (a->started && jumbo_segs_for(buf_len, mtu) != a->bufs->jmb_segs) {
			PMD_DRV_LOG(ERR, "%s: MTU %u changes the receive ring layout: stop the port first", a->name,
				    mtu);
			return -EBUSY;
		}
	}
	a->mtu = mtu;
	txqs_set_tso_max_seg(dev);
	if (a->started) {
		wr32(a->hw, hw::MAC_RX_MTU_SIZE, mtu + hw::TG3_RX_MTU_OVERHEAD);
		rx_set_max_untagged(dev);
	}
	return 0;
}

int tg57xx_fw_version_get(rte_eth_dev *dev, char *fw, size_t len)
{
	Adapter *a = adapter_of(dev);
	int need = std::snprintf(fw, len, "%s", a->hw.fw_version) + 1;
	return static_cast<size_t>(need) > len ? need : 0;
}

const eth_dev_ops tg57xx_ops = [] {
	eth_dev_ops o{};
	o.dev_configure = tg57xx_dev_configure;
	o.dev_start = tg57xx_dev_start;
	o.dev_stop = tg57xx_dev_stop;
	o.dev_set_link_up = tg57xx_set_link_up;
	o.dev_set_link_down = tg57xx_set_link_down;
	o.dev_close = tg57xx_dev_close;
	o.dev_reset = tg57xx_dev_reset;
	o.link_update = tg57xx_link_update;
	o.promiscuous_enable = tg57xx_promisc_enable;
	o.promiscuous_disable = tg57xx_promisc_disable;
	o.allmulticast_enable = tg57xx_allmulti_enable;
	o.allmulticast_disable = tg57xx_allmulti_disable;
	o.mac_addr_set = tg57xx_mac_addr_set;
	o.set_mc_addr_list = tg57xx_set_mc_addr_list;
	o.mtu_set = tg57xx_mtu_set;
	o.stats_get = tg57xx_stats_get;
	o.stats_reset = tg57xx_stats_reset;
	o.xstats_get = tg57xx_xstats_get;
	o.xstats_get_names = tg57xx_xstats_get_names;
	o.xstats_reset = tg57xx_xstats_reset;
	o.dev_infos_get = tg57xx_dev_infos_get;
	o.rxq_info_get = tg57xx_rxq_info_get;
	o.txq_info_get = tg57xx_txq_info_get;
	o.rx_burst_mode_get = tg57xx_rx_burst_mode_get;
	o.tx_burst_mode_get = tg57xx_tx_burst_mode_get;
	o.fw_version_get = tg57xx_fw_version_get;
	o.rx_queue_setup = tg57xx_rx_queue_setup;
	o.rx_queue_release = tg57xx_rx_queue_release;
	o.tx_queue_setup = tg57xx_tx_queue_setup;
	o.tx_queue_release = tg57xx_tx_queue_release;
	o.tx_done_cleanup = tg57xx_tx_done_cleanup;
	o.reta_update = tg57xx_reta_update;
	o.reta_query = tg57xx_reta_query;
	o.rss_hash_update = tg57xx_rss_hash_update;
	o.rss_hash_conf_get = tg57xx_rss_hash_conf_get;
	o.rx_queue_intr_enable = tg57xx_rx_queue_intr_enable;
	o.rx_queue_intr_disable = tg57xx_rx_queue_intr_disable;
	/* Diagnostics and flow control (tg57xx_diag.cpp, tg57xx_fc.cpp). */
	o.get_reg = tg57xx_get_reg;
	o.get_eeprom_length = tg57xx_get_eeprom_length;
	o.get_eeprom = tg57xx_get_eeprom;
	o.dev_led_on = tg57xx_dev_led_on;
	o.dev_led_off = tg57xx_dev_led_off;
	o.flow_ctrl_get = tg57xx_flow_ctrl_get;
	o.flow_ctrl_set = tg57xx_flow_ctrl_set;
	o.vlan_offload_set = tg57xx_vlan_offload_set;
	return o;
}();

/*
 * A secondary process's table: the primary owns the port's life cycle (the
 * link alarm, the interrupt handle, the backend and the queues' memory are
 * its own), so configure/start/stop/close/reset, queue setup and release,
 * MTU and interrupt control are refused there (ethdev answers -ENOTSUP for
 * a null op); statistics, information, filters and diagnostics work.
 */
const eth_dev_ops tg57xx_secondary_ops = [] {
	eth_dev_ops o = tg57xx_ops;
	o.dev_configure = nullptr;
	o.dev_start = nullptr;
	o.dev_stop = nullptr;
	o.dev_close = nullptr;
	o.dev_reset = nullptr;
	o.dev_set_link_up = nullptr;
	o.dev_set_link_down = nullptr;
	o.mtu_set = nullptr;
	o.rx_queue_setup = nullptr;
	o.rx_queue_release = nullptr;
	o.tx_queue_setup = nullptr;
	o.tx_queue_release = nullptr;
	o.rx_queue_intr_enable = nullptr;
	o.rx_queue_intr_disable = nullptr;
	o.dev_led_on = nullptr;
	o.dev_led_off = nullptr;
	o.flow_ctrl_set = nullptr;
	return o;
}();

/* This process's seam and backend of each port (tg57xx_io.h, tg57xx_ethdev.h). */
Backend g_proc_backend[RTE_MAX_ETHPORTS];

void set_fast_path(rte_eth_dev *dev)
{
	dev->rx_queue_count = tg57xx_rx_queue_count;
	dev->rx_descriptor_status = tg57xx_rx_descriptor_status;
	dev->tx_descriptor_status = tg57xx_tx_descriptor_status;
}

} // namespace

RegIo g_proc_io[RTE_MAX_ETHPORTS];

Backend &proc_backend(uint16_t port)
{
	return g_proc_backend[port];
}

int tg57xx_dev_init(rte_eth_dev *dev, const RegIo &io, const Backend &backend)
{
	Adapter *a = adapter_of(dev);
	int ret;

	new (a) Adapter();
	std::snprintf(a->name, sizeof(a->name), "%s", dev->data->name);
	a->hw.name = a->name;
	a->hw.port = dev->data->port_id;
	proc_io(a->hw.port) = io;
	proc_backend(a->hw.port) = backend;
	ret = hw_probe(a->hw);
	if (ret == 0)
		ret = phy_probe(a->hw);
	if (ret != 0)
		return ret;

	ret = vectors_alloc(dev);
	if (ret == 0)
		ret = bufs_alloc(dev);
	if (ret != 0) {
		vectors_free(dev);
		return ret;
	}

	std::memcpy(a->addr.addr_bytes, a->hw.perm_addr, RTE_ETHER_ADDR_LEN);
	dev->data->mac_addrs = static_cast<rte_ether_addr *>(rte_zmalloc("tg57xx_mac", RTE_ETHER_ADDR_LEN, 0));
	if (dev->data->mac_addrs == nullptr) {
		bufs_free(dev);
		vectors_free(dev);
		return -ENOMEM;
	}
	rss_configure(dev); /* defaults: key, round-robin table */
	intr_init(dev);
	dev->data->mac_addrs[0] = a->addr;
	a->link_cfg = link_config_from(RTE_ETH_LINK_SPEED_AUTONEG);
	dev->dev_ops = &tg57xx_ops;
	set_fast_path(dev);
	dev->data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS | RTE_ETH_DEV_INTR_LSC;
	PMD_INIT_LOG(INFO, "%s: %s chip id 0x%08x, PHY 0x%08x at %u, MAC " RTE_ETHER_ADDR_PRT_FMT ", boot code %s",
		     a->name, a->hw.chip.caps->family_name, a->hw.chip.chip_rev_id, a->hw.phy_id, a->hw.phy_addr,
		     RTE_ETHER_ADDR_BYTES(&a->addr), a->hw.fw_version);
	return 0;
}

int tg57xx_dev_attach_secondary(rte_eth_dev *dev, const RegIo &io, const Backend &backend)
{
	Adapter *a = adapter_of(dev);
	if (a->hw.port != dev->data->port_id || a->name[0] == '\0') {
		PMD_INIT_LOG(ERR, "%s: the primary has not initialised this port", dev->data->name);
		return -ENODEV;
	}
	proc_io(a->hw.port) = io;
	proc_backend(a->hw.port) = backend;
	dev->dev_ops = &tg57xx_secondary_ops;
	set_fast_path(dev);
	/* Whatever the primary's state: the queues and rings are shared memory,
	 * and the application decides when to poll them (as ixgbe/igc do). */
	dev->rx_pkt_burst = tg57xx_recv_pkts;
	dev->tx_pkt_burst = tg57xx_xmit_pkts;
	dev->tx_pkt_prepare = tg57xx_prep_pkts;
	PMD_INIT_LOG(INFO, "%s: attached (secondary process)", a->name);
	return 0;
}

void tg57xx_dev_detach_secondary(rte_eth_dev *dev)
{
	Backend &be = proc_backend(dev->data->port_id);
	if (be.close != nullptr)
		be.close(be.ctx);
	be = Backend{};
	proc_io(dev->data->port_id) = RegIo{};
}

int tg57xx_dev_close(rte_eth_dev *dev)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	Adapter *a = adapter_of(dev);
	tg57xx_dev_stop(dev);
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++)
		tg57xx_rx_queue_release(dev, q);
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++)
		tg57xx_tx_queue_release(dev, q);
	intr_uninit(dev);
	bufs_free(dev);
	vectors_free(dev);
	Backend &be = proc_backend(a->hw.port);
	if (be.close != nullptr) {
		be.close(be.ctx);
		be = Backend{};
		dev->intr_handle = nullptr; /* a backend's handle went with it */
	}
	return 0;
}

} // namespace tg57xx::pmd

/* ---- PCI: BAR0 MMIO behind the seam ---- */

namespace {

using namespace tg57xx::pmd;

/* Offset of TG3PCI_MISC_HOST_CTRL etc. are config offsets; the seam reads config via EAL. */
uint32_t pci_read32(void *ctx, uint32_t off)
{
	auto *bar = static_cast<uint8_t *>(static_cast<rte_pci_device *>(ctx)->mem_resource[0].addr);
	return rte_read32(bar + off);
}
void pci_write32(void *ctx, uint32_t off, uint32_t v)
{
	auto *bar = static_cast<uint8_t *>(static_cast<rte_pci_device *>(ctx)->mem_resource[0].addr);
	rte_write32(v, bar + off);
}
uint32_t pci_cfg_read32(void *ctx, uint32_t off)
{
	uint32_t v = ~0u;
	if (rte_pci_read_config(static_cast<rte_pci_device *>(ctx), &v, sizeof(v), off) != sizeof(v))
		return ~0u;
	return v;
}
void pci_cfg_write32(void *ctx, uint32_t off, uint32_t v)
{
	(void)rte_pci_write_config(static_cast<rte_pci_device *>(ctx), &v, sizeof(v), off);
}
/* BAR2, the APE (ref §2; tg3_ape_read32/tg3_ape_write32). */
constexpr unsigned kApeBar = 2;
uint32_t pci_ape_read32(void *ctx, uint32_t off)
{
	auto *bar = static_cast<uint8_t *>(static_cast<rte_pci_device *>(ctx)->mem_resource[kApeBar].addr);
	return rte_read32(bar + off);
}
void pci_ape_write32(void *ctx, uint32_t off, uint32_t v)
{
	auto *bar = static_cast<uint8_t *>(static_cast<rte_pci_device *>(ctx)->mem_resource[kApeBar].addr);
	rte_write32(v, bar + off);
}

/* rte_pci_id table built from drivers/common/tg57xx/tg57xx_pci_ids.def, zero-terminated. */
constexpr auto make_pci_id_map()
{
	std::array<rte_pci_id, std::size(hw::kPciIds) + 1> map{};
	for (size_t i = 0; i < std::size(hw::kPciIds); i++) {
		map[i].class_id = RTE_CLASS_ANY_ID;
		map[i].vendor_id = hw::TG3PCI_VENDOR_BROADCOM;
		map[i].device_id = hw::kPciIds[i].device;
		map[i].subsystem_vendor_id = RTE_PCI_ANY_ID;
		map[i].subsystem_device_id = RTE_PCI_ANY_ID;
	}
	return map;
}
constexpr auto tg57xx_pci_id_map = make_pci_id_map();
static_assert(std::size(hw::kPciIds) == TG57XX_PCI_ID_COUNT);

int pci_dev_init(rte_eth_dev *dev, void *) noexcept
{
	auto *pci = RTE_ETH_DEV_TO_PCI(dev);
	if (pci->mem_resource[0].addr == nullptr || pci->mem_resource[0].len < hw::TG3_BAR0_SIZE) {
		PMD_INIT_LOG(ERR, "%s: BAR0 is not mapped (bind the device to vfio-pci or uio_pci_generic)",
			     pci->device.name);
		return -ENODEV;
	}
	RegIo io{};
	io.read32 = pci_read32;
	io.write32 = pci_write32;
	io.cfg_read32 = pci_cfg_read32;
	io.cfg_write32 = pci_cfg_write32;
	if (pci->mem_resource[kApeBar].addr != nullptr && pci->mem_resource[kApeBar].len >= hw::TG3_APE_BAR_SIZE) {
		io.ape_read32 = pci_ape_read32; /* hw_probe refuses an APE chip without it */
		io.ape_write32 = pci_ape_write32;
	}
	io.ctx = pci;
	io.mbox = reinterpret_cast<volatile uint32_t *>(static_cast<uint8_t *>(pci->mem_resource[0].addr) +
							 kMailboxBase);
	rte_eth_copy_pci_info(dev, pci);
	/* A secondary maps BAR0 at the primary's address (EAL), so mbox is valid there too. */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return tg57xx_dev_attach_secondary(dev, io, Backend{});
	return tg57xx_dev_init(dev, io, Backend{});
}

int tg57xx_pci_probe(rte_pci_driver *, rte_pci_device *pci_dev) noexcept
{
	return rte_eth_dev_pci_generic_probe(pci_dev, sizeof(Adapter), [](rte_eth_dev *dev) {
		return pci_dev_init(dev, nullptr);
	});
}

int tg57xx_pci_remove(rte_pci_device *pci_dev) noexcept
{
	return rte_eth_dev_pci_generic_remove(pci_dev, tg57xx_dev_close);
}

rte_pci_driver tg57xx_pci_driver = [] {
	rte_pci_driver d{};
	d.id_table = tg57xx_pci_id_map.data();
	d.drv_flags = RTE_PCI_DRV_NEED_MAPPING | RTE_PCI_DRV_INTR_LSC;
	d.probe = tg57xx_pci_probe;
	d.remove = tg57xx_pci_remove;
	return d;
}();

} // namespace

RTE_PMD_REGISTER_PCI(net_tg57xx, tg57xx_pci_driver);
RTE_PMD_REGISTER_PCI_TABLE(net_tg57xx, tg57xx_pci_id_map);
RTE_PMD_REGISTER_KMOD_DEP(net_tg57xx, TG57XX_PCI_KMOD_DEP);
