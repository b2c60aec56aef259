/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fault recovery, as tg3 does it, told the DPDK way.
 *
 * Detection runs on the control path only: the link alarm (EAL interrupt
 * thread, every 100 ms) calls recover_poll. The burst functions know nothing
 * of it and pay nothing for it.
 *  - Error attention (tg3_process_error, called for SD_STATUS_ERROR): a
 *    "real" error is HOSTCC_FLOW_ATTN other than the mbuf low-watermark event,
 *    MSGINT_STATUS other than MSI_REQ, or a non-zero RDMAC_STATUS /
 *    WDMAC_STATUS (ref §5.6, §5.9, §5.10; a refused DMA sets MSTABORT there).
 *    tg3 reads those registers when the status block carries SD_STATUS_ERROR
 *    (§9.1); we also read the two DMA status registers on every tick, because
 *    a refused status-block DMA (§9.1) never delivers the attention to host
 *    memory. Other attentions (a send BD the selector refuses, a corrupt BD)
 *    cost frames, which the chip counts; tg3 does not reset for them, nor we.
 *  - TX timeout (tg3_tx_timeout, the netdev watchdog): a started TX queue
 *    with BDs handed to the chip (producer != the status block's consumer,
 *    §14.1) whose consumer has not moved for kTxTimeoutMs while the link is
 *    up — a lost doorbell (§4.3) or a stalled send engine.
 *
 * Recovery: tg3's reset task halts and re-initialises the chip under its own
 * lock after stopping the queues (tg3_reset_task: tg3_netif_stop, tg3_halt,
 * tg3_init_hw, tg3_netif_start). A DPDK PMD cannot stop the application's
 * lcores, and a quiesce flag tested by every burst would cost the fast path a
 * load and a branch per burst for an event that may never happen. So, as
 * iavf, ixgbevf and ena do, the PMD logs the cause once and raises
 * RTE_ETH_EVENT_INTR_RESET; the application, which owns its lcores, stops
 * polling the port and calls rte_eth_dev_reset (ethdev stops the port: the
 * engines are halted, the core reset and every mbuf returned, ref §13), then
 * rte_eth_dev_start. The port keeps its configuration across the reset
 * (queues, MTU, MAC address, receive filters, RSS, link settings): dev_start
 * programs the chip from it as on any start (ref §12.3). One event per fault:
 * nothing more is raised until the port is started again.
 */
#include "tg57xx_recover.h"

#include <cinttypes>
#include <cstdio>
#include <iterator>

#include "tg57xx_logs.h"
#include "tg57xx_regs.h"
#include "tg57xx_xstats.h"

namespace tg57xx::pmd {

namespace {

/* No TX completion for this long with BDs pending: tg3's watchdog period
 * (tg3.c TG3_TX_TIMEOUT, 5 * HZ). */
constexpr unsigned kTxTimeoutMs = 5000;

void request_reset(rte_eth_dev *dev, const char *why)
{
	Adapter *a = adapter_of(dev);
	RecoverState &r = a->recover;
	r.reset_pending = true;
	r.reset_requests++;
	PMD_DRV_LOG(ERR, "%s: %s: the port needs a reset (RTE_ETH_EVENT_INTR_RESET: rte_eth_dev_reset, then start)",
		    a->name, why);
	rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_RESET, nullptr);
}

/* tg3_process_error: true (and `why` filled) for an error only a reset cures. */
bool chip_error(const Adapter &a, char *why, size_t len)
{
	const Hw &h = a.hw;
	const uint32_t rdma = rd32(h, hw::RDMAC_STATUS);
	const uint32_t wdma = rd32(h, hw::WDMAC_STATUS);
	uint32_t flow = 0, msi = 0;
	const uint32_t st = *reinterpret_cast<const volatile uint32_t *>(&a.status->status);
	if (st & hw::SD_STATUS_ERROR) {
		flow = rd32(h, hw::HOSTCC_FLOW_ATTN) & ~hw::HOSTCC_FLOW_ATTN_MBUF_LWM;
		msi = rd32(h, hw::MSGINT_STATUS) & ~hw::MSGINT_STATUS_MSI_REQ;
	}
	if (rdma == 0 && wdma == 0 && flow == 0 && msi == 0)
		return false;
	std::snprintf(why, len,
		      "chip error attention (RDMAC_STATUS 0x%08x WDMAC_STATUS 0x%08x HOSTCC_FLOW_ATTN 0x%08x "
		      "MSGINT_STATUS 0x%08x)",
		      rdma, wdma, flow, msi);
	return true;
}

/* tg3_tx_timeout: true (and `why` filled) if a TX queue stopped completing. */
bool tx_stalled(rte_eth_dev *dev, unsigned tick_ms, char *why, size_t len)
{
	Adapter *a = adapter_of(dev);
	RecoverState &r = a->recover;
	bool stalled = false;
	for (uint16_t t = 0; t < dev->data->nb_tx_queues && t < kMaxRings; t++) {
		auto *q = static_cast<TxQueue *>(dev->data->tx_queues[t]);
		if (q == nullptr || !q->started)
			continue;
		/* prod is the lcore's (a stale value only delays the verdict); the consumer the chip's. */
		const uint16_t prod = __atomic_load_n(&q->prod, __ATOMIC_RELAXED);
		const uint16_t cons = *q->hw_cons;
		if (!a->link.up || cons == prod || cons != r.tx_last_cons[t]) {
			r.tx_last_cons[t] = cons;
			r.tx_stall_ms[t] = 0;
			continue;
		}
		r.tx_stall_ms[t] += tick_ms;
		if (r.tx_stall_ms[t] < kTxTimeoutMs || stalled)
			continue;
		stalled = true;
		r.tx_timeouts++;
		std::snprintf(why, len, "tx queue %u: no completion for %u ms with %u BDs pending (consumer %u)", t,
			      r.tx_stall_ms[t], static_cast<unsigned>((prod - cons) & kSendRingMask), cons);
	}
	return stalled;
}

} // namespace

void recover_poll(rte_eth_dev *dev, unsigned tick_ms)
{
	Adapter *a = adapter_of(dev);
	RecoverState &r = a->recover;
	if (r.reset_pending || !a->started)
		return;
	char why[192];
	if (chip_error(*a, why, sizeof(why))) {
		r.error_attentions++;
		request_reset(dev, why);
	} else if (tx_stalled(dev, tick_ms, why, sizeof(why))) {
		request_reset(dev, why);
	}
}

void recover_start(rte_eth_dev *dev)
{
	RecoverState &r = adapter_of(dev)->recover;
	r.reset_pending = false;
	for (unsigned t = 0; t < kMaxRings; t++) {
		r.tx_last_cons[t] = 0;
		r.tx_stall_ms[t] = 0;
	}
}

int tg57xx_dev_reset(rte_eth_dev *dev) noexcept
{
	Adapter *a = adapter_of(dev);
	if (a->started) {
		PMD_DRV_LOG(ERR, "%s: reset of a running port: stop it first", a->name);
		return -EBUSY;
	}
	/* The chip was halted by dev_stop (ref §13: engines stopped, core reset).
	 * Redo the probe-time set-up (ref §12.1: bus mastering, MISC_HOST_CTRL,
	 * memory arbiter, GRC mode) that an error may have disturbed; dev_start
	 * then initialises the chip in full (ref §12.3). */
	const int ret = hw_probe(a->hw);
	if (ret != 0) {
		PMD_DRV_LOG(ERR, "%s: reset: the chip did not come back (%d)", a->name, ret);
		return ret;
	}
	a->recover.reset_pending = false;
	a->recover.resets++;
	PMD_DRV_LOG(NOTICE, "%s: reset done (%" PRIu64 " so far): the configuration is kept; start the port",
		    a->name, a->recover.resets);
	return 0;
}

/* ---- counters ---- */

namespace {
constexpr XstatField<RecoverState> kRecoverXstats[] = {
	{"chip_error_attentions", &RecoverState::error_attentions},
	{"tx_timeouts", &RecoverState::tx_timeouts},
	{"reset_requests", &RecoverState::reset_requests},
	{"resets", &RecoverState::resets},
};
} // namespace

unsigned recover_xstats_count() { return std::size(kRecoverXstats); }

void recover_xstats_names(rte_eth_xstat_name *names) { xstat_group_names(kRecoverXstats, names); }

void recover_xstats_values(const Adapter &a, uint64_t *values)
{
	xstat_group_values(kRecoverXstats, a.recover, values);
}

} // namespace tg57xx::pmd
