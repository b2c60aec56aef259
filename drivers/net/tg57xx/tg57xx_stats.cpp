/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_tg57xx statistics (ref §5.2): the MAC and receive-list-placement
 * counters accumulated into 64-bit totals (tg3_periodic_fetch_stats), the
 * ethdev basic statistics built from them and the queues' software counts,
 * and the extended statistics (MAC counters, then the interrupt and
 * recovery groups).
 */
#include "tg57xx_stats.h"

#include <cstdio>
#include <iterator>

#include "tg57xx_intr.h"
#include "tg57xx_logs.h"
#include "tg57xx_recover.h"
#include "tg57xx_regs.h"
#include "tg57xx_rxtx.h"
#include "tg57xx_xstats.h"

namespace tg57xx::pmd {

namespace {

/* 5717/5762/5719 A0/5720 A0: RCVLPC_IN_DISCARDS_CNT is unreliable (ref §5.2, §15). */
bool in_discards_reliable(const Hw &h)
{
	return !(h.is_asic(hw::ASIC_REV_5717) || h.is_asic(hw::ASIC_REV_5762) ||
		 h.chip.chip_rev_id == hw::CHIPREV_ID_5719_A0 || h.chip.chip_rev_id == hw::CHIPREV_ID_5720_A0);
}

/* ---- extended statistics: the MAC counters (ref §5.2) ----
 * DPDK's scheme, direction_detail_unit (prog_guide "Extended Statistics"),
 * the detail being the reference's counter: octets (MAC bytes, FCS included,
 * apart from ethdev's rx_good_bytes), PAUSE frames as rx/tx_xon/xoff_packets
 * (e1000/igc's names), frames the MAC dropped as *_errors. */

/* One row per counter: its xstat name, where it accumulates and the register
 * a fetch adds (0: derived in accumulate_mac_stats: rx_in_discards). */
constexpr XstatField<MacStats> kXstats[] = {
	{"tx_octets", &MacStats::tx_octets, hw::MAC_TX_STATS_OCTETS},
	{"tx_ucast_packets", &MacStats::tx_ucast, hw::MAC_TX_STATS_UCAST},
	{"tx_mcast_packets", &MacStats::tx_mcast, hw::MAC_TX_STATS_MCAST},
	{"tx_bcast_packets", &MacStats::tx_bcast, hw::MAC_TX_STATS_BCAST},
	{"tx_collisions", &MacStats::tx_collisions, hw::MAC_TX_STATS_COLLISIONS},
	{"tx_mac_errors", &MacStats::tx_mac_errors, hw::MAC_TX_STATS_MAC_ERRORS},
	{"tx_xon_packets", &MacStats::tx_xon, hw::MAC_TX_STATS_XON_SENT},
	{"tx_xoff_packets", &MacStats::tx_xoff, hw::MAC_TX_STATS_XOFF_SENT},
	{"rx_octets", &MacStats::rx_octets, hw::MAC_RX_STATS_OCTETS},
	{"rx_ucast_packets", &MacStats::rx_ucast, hw::MAC_RX_STATS_UCAST},
	{"rx_mcast_packets", &MacStats::rx_mcast, hw::MAC_RX_STATS_MCAST},
	{"rx_bcast_packets", &MacStats::rx_bcast, hw::MAC_RX_STATS_BCAST},
	{"rx_fcs_errors", &MacStats::rx_fcs_errors, hw::MAC_RX_STATS_FCS_ERRORS},
	{"rx_align_errors", &MacStats::rx_align_errors, hw::MAC_RX_STATS_ALIGN_ERRORS},
	{"rx_frame_too_long_errors", &MacStats::rx_frame_too_long, hw::MAC_RX_STATS_FRAME_TOO_LONG},
	{"rx_undersize_errors", &MacStats::rx_undersize, hw::MAC_RX_STATS_UNDERSIZE},
	{"rx_fragment_errors", &MacStats::rx_fragments, hw::MAC_RX_STATS_FRAGMENTS},
	{"rx_jabber_errors", &MacStats::rx_jabbers, hw::MAC_RX_STATS_JABBERS},
	{"rx_xon_packets", &MacStats::rx_xon, hw::MAC_RX_STATS_XON_PAUSE_RECVD},
	{"rx_xoff_packets", &MacStats::rx_xoff, hw::MAC_RX_STATS_XOFF_PAUSE_RECVD},
	{"rx_bds_empty", &MacStats::rxbds_empty, hw::RCVLPC_NO_RCV_BD_CNT},
	/* Receive list placement counters (ref §5.2); named apart from ethdev's rx_errors. */
	{"rx_in_discards", &MacStats::rx_discards},
	{"rx_in_errors", &MacStats::rx_errors, hw::RCVLPC_IN_ERRORS_CNT},
};
constexpr unsigned kNumXstats = std::size(kXstats);

/* tg3_periodic_fetch_stats (ref §15): once more frames have gone than the
 * read DMA has channels, each channel holds a real length and the 5719/5720
 * TX-length workaround (set at init, rdma_length_wa) is cleared. */
void rdma_wa_done(Hw &h, uint64_t sent)
{
	if (!h.rdma_wa_on)
		return;
	h.rdma_wa_tx += sent;
	if (h.rdma_wa_tx <= hw::TG3_NUM_RDMA_CHANNELS)
		return;
	wr32(h, hw::TG3_LSO_RD_DMA_CRPTEN_CTRL, rd32(h, hw::TG3_LSO_RD_DMA_CRPTEN_CTRL) & ~h.lso_rd_dma_wa_bit());
	h.rdma_wa_on = false;
}

/* A 32-bit clear-on-read counter fetched about once a second never reaches
 * all-ones; a read that does got no answer (a device gone from the bus, its
 * PCIe link down, or a secondary process's proxied read the primary did not
 * answer). It did not reach the chip, so the count is still there for the
 * next fetch: add nothing now rather than 2^32 - 1. */
constexpr uint32_t kUnanswered = 0xFFFFFFFFu;

/* Add the counter at reg to `to` unless the read went unanswered; false then. */
bool add_counter(const Hw &h, uint32_t reg, uint64_t &to)
{
	const uint32_t v = rd32(h, reg);
	if (v == kUnanswered)
		return false;
	to += v;
	return true;
}

} // namespace

void accumulate_mac_stats(Adapter *a)
{
	const Hw &h = a->hw;
	MacStats &s = a->mac;
	rte_spinlock_lock(&a->stats_lock);
	const uint64_t sent_before = s.tx_ucast + s.tx_mcast + s.tx_bcast;
	const uint64_t no_bd_before = s.rxbds_empty;
	unsigned unanswered = 0;
	for (const XstatField<MacStats> &x : kXstats)
		if (x.reg != 0 && !add_counter(h, x.reg, s.*x.field))
			unanswered++;
	rdma_wa_done(a->hw, s.tx_ucast + s.tx_mcast + s.tx_bcast - sent_before);
	const uint64_t no_bd = s.rxbds_empty - no_bd_before;
	uint32_t attn = 0;
	if (in_discards_reliable(h)) {
		if (!add_counter(h, hw::RCVLPC_IN_DISCARDS_CNT, s.rx_discards))
			unanswered++;
	} else if ((attn = rd32(h, hw::HOSTCC_FLOW_ATTN)) == kUnanswered) {
		unanswered++;
	} else if (attn & hw::HOSTCC_FLOW_ATTN_MBUF_LWM) {
		/* tg3_periodic_fetch_stats: the mbuf low-watermark attention counts
		 * one discard per fetch that sees it, then is cleared (W1C). */
		wr32(h, hw::HOSTCC_FLOW_ATTN, hw::HOSTCC_FLOW_ATTN_MBUF_LWM);
		s.rx_discards++;
		if (no_bd == 0)
			s.lwm_unexplained++;
	}
	rte_spinlock_unlock(&a->stats_lock);
	if (unanswered != 0 && !a->stats_unanswered_logged) {
		a->stats_unanswered_logged = true;
		PMD_DRV_LOG(WARNING, "%s: %u statistics register reads got no answer (all-ones): skipped, "
			    "the counts stay on the chip for the next fetch (device gone or not answering?)",
			    a->name, unanswered);
	}
}
int tg57xx_stats_get(rte_eth_dev *dev, rte_eth_stats *st)
{
	Adapter *a = adapter_of(dev);
	if (a->started)
		accumulate_mac_stats(a);
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		auto *rxq = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		if (rxq == nullptr)
			continue;
		st->ipackets += rxq->packets;
		st->ibytes += rxq->bytes;
		st->ierrors += rxq->errors;
		if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			st->q_ipackets[q] = rxq->packets;
			st->q_ibytes[q] = rxq->bytes;
			st->q_errors[q] = rxq->errors;
		}
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[q]);
		if (txq == nullptr)
			continue;
		st->opackets += txq->packets;
		st->obytes += txq->bytes;
		st->oerrors += txq->errors;
		if (q < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			st->q_opackets[q] = txq->packets;
			st->q_obytes[q] = txq->bytes;
		}
	}
	rte_spinlock_lock(&a->stats_lock);
	/* Frames the chip dropped for want of resources (ref §5.2): IN_DISCARDS
	 * (ifInDiscards, tg3's rx_missed_errors) already holds the rxbds_empty
	 * ones (lost for want of a posted buffer); where IN_DISCARDS is
	 * unreliable, rxbds_empty plus the mbuf low-watermark events (tg3's
	 * discard count there) of fetches rxbds_empty did not move in: a lower
	 * bound that counts no frame twice. Then MAC-level receive errors
	 * (oversized frames the MAC discarded are FRAME_TOO_LONG / JABBERS). */
	st->imissed = in_discards_reliable(a->hw) ? a->mac.rx_discards
						  : a->mac.rxbds_empty + a->mac.lwm_unexplained;
	st->ierrors += a->mac.rx_fcs_errors + a->mac.rx_align_errors + a->mac.rx_frame_too_long +
		       a->mac.rx_undersize + a->mac.rx_jabbers;
	st->oerrors += a->mac.tx_mac_errors;
	rte_spinlock_unlock(&a->stats_lock);
	st->rx_nombuf = dev->data->rx_mbuf_alloc_failed;
	return 0;
}

int tg57xx_stats_reset(rte_eth_dev *dev)
{
	Adapter *a = adapter_of(dev);
	if (a->started)
		accumulate_mac_stats(a);
	rte_spinlock_lock(&a->stats_lock);
	a->mac = MacStats{};
	rte_spinlock_unlock(&a->stats_lock);
	for (uint16_t q = 0; q < dev->data->nb_rx_queues; q++) {
		auto *rxq = static_cast<RxQueue *>(dev->data->rx_queues[q]);
		if (rxq != nullptr)
			rxq->packets = rxq->bytes = rxq->errors = 0;
	}
	for (uint16_t q = 0; q < dev->data->nb_tx_queues; q++) {
		auto *txq = static_cast<TxQueue *>(dev->data->tx_queues[q]);
		if (txq != nullptr)
			txq->packets = txq->bytes = txq->errors = 0;
	}
	dev->data->rx_mbuf_alloc_failed = 0;
	return 0;
}

int tg57xx_xstats_get(rte_eth_dev *dev, rte_eth_xstat *xs, unsigned n)
{
	Adapter *a = adapter_of(dev);
	const unsigned total = kNumXstats + intr_xstats_count() + recover_xstats_count();
	if (xs == nullptr || n < total)
		return total;
	if (a->started)
		accumulate_mac_stats(a);
	rte_spinlock_lock(&a->stats_lock);
	for (unsigned i = 0; i < kNumXstats; i++) {
		xs[i].id = i;
		xs[i].value = a->mac.*kXstats[i].field;
	}
	rte_spinlock_unlock(&a->stats_lock);
	uint64_t more[16];
	intr_xstats_values(*a, more);
	recover_xstats_values(*a, more + intr_xstats_count());
	for (unsigned i = kNumXstats; i < total; i++) {
		xs[i].id = i;
		xs[i].value = more[i - kNumXstats];
	}
	return total;
}

int tg57xx_xstats_get_names(rte_eth_dev *, rte_eth_xstat_name *names, unsigned n)
{
	const unsigned total = kNumXstats + intr_xstats_count() + recover_xstats_count();
	if (names == nullptr || n < total)
		return total;
	for (unsigned i = 0; i < kNumXstats; i++)
		std::snprintf(names[i].name, sizeof(names[i].name), "%s", kXstats[i].name);
	intr_xstats_names(names + kNumXstats);
	recover_xstats_names(names + kNumXstats + intr_xstats_count());
	return total;
}

int tg57xx_xstats_reset(rte_eth_dev *dev)
{
	return tg57xx_stats_reset(dev);
}

} // namespace tg57xx::pmd
