/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Full chip initialisation in tg3's order (ref §12.3, tg3.c tg3_reset_hw),
 * one helper per block. Step numbers are those of §12.3.
 */
#include <algorithm>
#include <cerrno>

#include "tg57xx_ape.h"
#include "tg57xx_desc.h"
#include "tg57xx_hw.h"
#include "tg57xx_logs.h"
#include "tg57xx_regs.h"

namespace tg57xx::pmd {

namespace {

/* Step 8: timer prescaler 65 -> "clock is always 66 MHz" (ref §5.11). */
constexpr uint32_t kTimerPrescaler = 65;
/* tg3_reset_hw clears the whole low byte (val &= ~0xff): the prescaler field
 * and GRC_MISC_CFG_CORECLK_RESET, so the write can never re-trigger a reset. */
constexpr uint32_t kMiscCfgLowByte = hw::GRC_MISC_CFG_PRESCALAR_MASK | hw::GRC_MISC_CFG_CORECLK_RESET;
/* Step 9: BUFMGR enable poll, 2000 x 10 us; step 20: HOSTCC disable poll, same. */
constexpr unsigned kEnablePollLoops = 2000;
constexpr unsigned kEnablePollUs = 10;
/* Settle delays after mode writes (ref §12.3 steps 22, 23, 25, 26, 31, 33). */
constexpr unsigned kMacModeUs = 40;
constexpr unsigned kLocalCtrlUs = 100;
constexpr unsigned kDmaModeUs = 40;
constexpr unsigned kTxModeUs = 100;
constexpr unsigned kRxModeUs = 10;
/* Step 38: on 5705_PLUS tg3 manages 8 receive rules and zeroes 4..7. */
constexpr unsigned kRcvRulesUsed = 8;
constexpr unsigned kRcvRulesFirstZeroed = 4;
/* Step 35 (ref §5.1): 1 frame on 57765_CLASS, 2 elsewhere. */
constexpr uint32_t kLowWmark57765 = 1;
constexpr uint32_t kLowWmarkOther = 2;

bool flow_attn_quirk(const Hw &h)
{
	/* 5717, 5762, 5719 A0, 5720 A0: RX discards via the mbuf low-watermark attention (ref §15). */
	return h.is_asic(hw::ASIC_REV_5717) || h.is_asic(hw::ASIC_REV_5762) ||
	       h.chip.chip_rev_id == hw::CHIPREV_ID_5719_A0 || h.chip.chip_rev_id == hw::CHIPREV_ID_5720_A0;
}

bool bmc_bits(const Hw &h)
{
	return h.is_asic(hw::ASIC_REV_5720) || h.is_asic(hw::ASIC_REV_5762);
}

void write_bdinfo(const Hw &h, uint32_t base, uint64_t iova, uint32_t maxlen_flags)
{
	wr32(h, base + hw::TG3_BDINFO_HOST_ADDR, hw::detail::addr_hi(iova));
	wr32(h, base + hw::TG3_BDINFO_HOST_ADDR + sizeof(uint32_t), hw::detail::addr_lo(iova));
	wr32(h, base + hw::TG3_BDINFO_MAXLEN_FLAGS, maxlen_flags);
}

void write_sram_bdinfo(const Hw &h, uint32_t base, uint64_t iova, uint32_t maxlen_flags)
{
	sram_write(h, base + hw::TG3_BDINFO_HOST_ADDR, hw::detail::addr_hi(iova));
	sram_write(h, base + hw::TG3_BDINFO_HOST_ADDR + sizeof(uint32_t), hw::detail::addr_lo(iova));
	sram_write(h, base + hw::TG3_BDINFO_MAXLEN_FLAGS, maxlen_flags);
}

/* Step 3: per-chip PCIe/CPMU fixes for the 57765 class (ref §5.5, §5.13, §15). */
void chip_fixes(const Hw &h)
{
	if (!h.has(hw::FAM_57765_CLASS))
		return;
	if (h.chip.chip_rev_id == hw::CHIPREV_ID_57765_A0) {
		uint32_t grc = rd32(h, hw::GRC_MODE);
		wr32(h, hw::GRC_MODE, (grc & ~hw::GRC_MODE_PCIE_PORT_MASK) | hw::GRC_MODE_PCIE_PL_SEL);
		uint32_t off = hw::TG3_PCIE_TLDLPL_PORT + hw::TG3_PCIE_PL_LO_PHYCTL5;
		wr32(h, off, rd32(h, off) | hw::TG3_PCIE_PL_LO_PHYCTL5_DIS_L2CLKREQ);
		wr32(h, hw::GRC_MODE, grc);
	}
	/* Non-AX only. tg3 differs here: its CHIPREV_57765_AX (0x577650) matches
	 * no 57765 chip id, so tg3 applies these two fixes to A-step parts too;
	 * we follow FreeBSD's consistent BGE_CHIPREV_57765_AX (tg57xx_chip.h,
	 * NIC guide "Limitations"). */
	if (!h.is_57765_ax()) {
		wr32(h, hw::TG3_CPMU_PADRNG_CTL, rd32(h, hw::TG3_CPMU_PADRNG_CTL) | hw::TG3_CPMU_PADRNG_CTL_RDIV2);
		uint32_t grc = rd32(h, hw::GRC_MODE);
		wr32(h, hw::GRC_MODE, (grc & ~hw::GRC_MODE_PCIE_PORT_MASK) | hw::GRC_MODE_PCIE_DL_SEL);
		uint32_t off = hw::TG3_PCIE_TLDLPL_PORT + hw::TG3_PCIE_DL_LO_FTSMAX;
		wr32(h, off, (rd32(h, off) & ~hw::TG3_PCIE_DL_LO_FTSMAX_MSK) | hw::TG3_PCIE_DL_LO_FTSMAX_VAL);
		wr32(h, hw::GRC_MODE, grc);
	}
	uint32_t clk = rd32(h, hw::TG3_CPMU_LSPD_10MB_CLK);
	wr32(h, hw::TG3_CPMU_LSPD_10MB_CLK,
	     (clk & ~hw::CPMU_LSPD_10MB_MACCLK_MASK) | hw::CPMU_LSPD_10MB_MACCLK_6_25);
}

/* Step 6: DMA_RW_CTRL keeps the boot-code watermarks on 57765_PLUS (ref §3). */
void dma_rw_ctrl(const Hw &h)
{
	if (!h.has(hw::FAM_57765_PLUS))
		return; /* 5761: written at probe, not rewritten here (tg3) */
	uint32_t v = cfg_rd32(h, hw::TG3PCI_DMA_RW_CTRL) & ~hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT;
	if (h.chip.chip_rev_id == hw::CHIPREV_ID_57765_A0)
		v &= ~hw::DMA_RWCTRL_CRDRDR_RDMA_MRRS_MSK;
	if (h.is_5719_or_5720())
		v |= hw::DMA_RWCTRL_TAGGED_STAT_WA;
	/* x86 (tg3_calc_dma_bndry on 57765_PLUS): disable cache alignment. */
	cfg_wr32(h, hw::TG3PCI_DMA_RW_CTRL, v | hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT);
}

/* Step 9: buffer manager watermarks and enable (ref §5.8). */
int bufmgr_init(const Hw &h, bool jumbo)
{
	bool plus = h.has(hw::FAM_57765_PLUS);
	uint32_t macrx = plus ? (jumbo ? hw::DEFAULT_MB_MACRX_LOW_WATER_JUMBO_57765 : hw::DEFAULT_MB_MACRX_LOW_WATER_57765)
			      : hw::DEFAULT_MB_MACRX_LOW_WATER_5705;
	uint32_t high = plus ? (jumbo ? hw::DEFAULT_MB_HIGH_WATER_JUMBO_57765 : hw::DEFAULT_MB_HIGH_WATER_57765)
			     : hw::DEFAULT_MB_HIGH_WATER_5705;

	wr32(h, hw::BUFMGR_MB_RDMA_LOW_WATER, hw::DEFAULT_MB_RDMA_LOW_WATER_5705);
	wr32(h, hw::BUFMGR_MB_MACRX_LOW_WATER, macrx);
	wr32(h, hw::BUFMGR_MB_HIGH_WATER, high);
	wr32(h, hw::BUFMGR_DMA_LOW_WATER, hw::DEFAULT_DMA_LOW_WATER);
	wr32(h, hw::BUFMGR_DMA_HIGH_WATER, hw::DEFAULT_DMA_HIGH_WATER);

	uint32_t mode = hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE;
	if (h.is_asic(hw::ASIC_REV_5719))
		mode |= hw::BUFMGR_MODE_NO_TX_UNDERRUN;
	if (flow_attn_quirk(h))
		mode |= hw::BUFMGR_MODE_MBLOW_ATTN_ENAB;
	wr32(h, hw::BUFMGR_MODE, mode);
	if (wait_reg(h, hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE, hw::BUFMGR_MODE_ENABLE, kEnablePollLoops,
		     kEnablePollUs) != 0) {
		PMD_INIT_LOG(ERR, "%s: buffer manager did not enable (BUFMGR_MODE 0x%08x)", h.name,
			     rd32(h, hw::BUFMGR_MODE));
		return -ENODEV;
	}
	return 0;
}

/* Step 10: BD replenish thresholds (ref §5.4, tg3_setup_rxbd_thresholds). */
void rxbd_thresholds(const Hw &h, const InitParams &p)
{
	uint32_t cache = h.has(hw::FAM_57765_PLUS) ? hw::TG3_SRAM_RX_STD_BDCACHE_SIZE_5700
						   : hw::TG3_SRAM_RX_STD_BDCACHE_SIZE_5906;
	uint32_t thresh = std::min(cache / 2, std::max(p.std_posted / 8, 1u));
	wr32(h, hw::RCVBDI_STD_THRESH, thresh);
	if (h.has(hw::FAM_57765_PLUS))
		wr32(h, hw::STD_REPLENISH_LWM, cache);
	if (p.jmb_iova == 0 || h.chip.caps->jumbo_ring_entries == 0)
		return;
	uint32_t jcache = hw::TG3_SRAM_RX_JMB_BDCACHE_SIZE_5700;
	wr32(h, hw::RCVBDI_JUMBO_THRESH, std::min(jcache / 2, std::max(p.jmb_posted / 8, 1u)));
	if (h.has(hw::FAM_57765_PLUS))
		wr32(h, hw::JMB_REPLENISH_LWM, jcache);
}

/* Steps 11-12: producer rings (ref §7.2, §7.3). */
void producer_rings(const Hw &h, const InitParams &p)
{
	uint32_t std_flags = h.has(hw::FAM_57765_PLUS) ? hw::bdinfo_std_maxlen_flags_57765(p.std_entries, p.std_buf_len)
						      : hw::bdinfo_maxlen_flags(p.std_entries, 0);
	write_bdinfo(h, hw::RCVDBDI_STD_BD, p.std_iova, std_flags);
	if (!h.has(hw::FAM_5717_PLUS))
		wr32(h, hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR, hw::NIC_SRAM_RX_BUFFER_DESC);

	if (h.chip.caps->jumbo_ring_entries != 0) {
		if (p.jmb_iova != 0) {
			write_bdinfo(h, hw::RCVDBDI_JUMBO_BD, p.jmb_iova,
				     hw::bdinfo_maxlen_flags(p.jmb_entries, hw::BDINFO_FLAGS_USE_EXT_RECV));
			if (h.has(hw::FAM_57765_CLASS) || h.is_asic(hw::ASIC_REV_5762))
				wr32(h, hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_NIC_ADDR,
				     hw::NIC_SRAM_RX_JUMBO_BUFFER_DESC);
		} else {
			wr32(h, hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
		}
	}
	mbox_wr(h, hw::MAILBOX_RCV_STD_PROD_IDX + hw::TG3_64BIT_REG_LOW, p.std_posted);
	if (h.chip.caps->jumbo_ring_entries != 0)
		mbox_wr(h, hw::MAILBOX_RCV_JUMBO_PROD_IDX + hw::TG3_64BIT_REG_LOW, p.jmb_iova ? p.jmb_posted : 0);
}

/* Step 13: tg3_rings_reset — send/return RCBs in SRAM, mailboxes, status block addresses (ref §4.4, §7.4). */
void rings_reset(const Hw &h, const InitParams &p)
{
	for (unsigned n = 1; n < h.chip.caps->send_rcbs; n++)
		sram_write(h, hw::NIC_SRAM_SEND_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	for (unsigned n = 1; n < h.chip.caps->ret_rcbs; n++)
		sram_write(h, hw::NIC_SRAM_RCV_RET_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS,
			   hw::BDINFO_FLAGS_DISABLED);
	/* Every vector masked; producer/consumer mailboxes of the rings in use zeroed. */
	for (unsigned v = 0; v < h.chip.caps->irq_max; v++)
		mbox_wr(h, hw::TG3_VEC_INT_MBOX(v), hw::TG3_INT_MBOX_MASK);
	for (unsigned n = 0; n < p.nsend; n++)
		mbox_wr(h, p.tss ? hw::TG3_VEC_TX_PROD_MBOX(n + 1) : hw::MAILBOX_SNDHOST_PROD_IDX(n) + hw::TG3_64BIT_REG_LOW,
			0);
	for (unsigned n = 0; n < p.nret; n++)
		mbox_wr(h, hw::MAILBOX_RCVRET_CON_IDX(n) + hw::TG3_64BIT_REG_LOW, 0);
	wr32(h, hw::HOSTCC_STATUS_BLK_HOST_ADDR, hw::detail::addr_hi(p.status_iova[0]));
	wr32(h, hw::HOSTCC_STATUS_BLK_HOST_ADDR + sizeof(uint32_t), hw::detail::addr_lo(p.status_iova[0]));
	for (unsigned v = 1; v < p.nvec; v++) {
		wr32(h, hw::HOSTCC_STATBLCK_RING(v), hw::detail::addr_hi(p.status_iova[v]));
		wr32(h, hw::HOSTCC_STATBLCK_RING(v) + sizeof(uint32_t), hw::detail::addr_lo(p.status_iova[v]));
	}
	for (unsigned n = 0; n < p.nsend; n++)
		write_sram_bdinfo(h, hw::NIC_SRAM_SEND_RCB_N(n), p.send_iova[n],
				  hw::bdinfo_maxlen_flags(p.send_entries[n], 0));
	for (unsigned n = 0; n < p.nret; n++)
		write_sram_bdinfo(h, hw::NIC_SRAM_RCV_RET_RCB_N(n), p.ret_iova[n],
				  hw::bdinfo_maxlen_flags(p.ret_entries, 0));
}

/* Steps 15-17: MAC framing. */
void mac_framing(const Hw &h, uint32_t mtu)
{
	wr32(h, hw::MAC_RX_MTU_SIZE, mtu + hw::TG3_RX_MTU_OVERHEAD);
	uint32_t keep = bmc_bits(h) ? rd32(h, hw::MAC_TX_LENGTHS) &
					       (hw::TX_LENGTHS_JMB_FRM_LEN_MSK | hw::TX_LENGTHS_CNT_DWN_VAL_MSK)
				    : 0;
	wr32(h, hw::MAC_TX_LENGTHS, keep | hw::MAC_TX_LENGTHS_TG3_DEFAULT);
	wr32(h, hw::MAC_RCV_RULE_CFG, hw::RCV_RULE_CFG_DEFAULT_CLASS);
	wr32(h, hw::RCVLPC_CONFIG, hw::RCVLPC_CONFIG_TG3_VALUE);
}

/* Step 18: read-DMA mode and its companion registers (ref §5.9). */
uint32_t rdma_mode(const Hw &h, uint32_t mtu)
{
	uint32_t m = hw::RDMAC_MODE_ENABLE | hw::TG3_RDMAC_MODE_ATTN_ENABLES | hw::RDMAC_MODE_FIFO_LONG_BURST;

	if (h.is_asic(hw::ASIC_REV_5717))
		m |= hw::RDMAC_MODE_MULT_DMA_RD_DIS;
	if (h.is_asic(hw::ASIC_REV_57766) && mtu <= hw::TG3_MAX_MTU_STD)
		m |= hw::RDMAC_MODE_JMB_2K_MMRR;
	if (h.chip.caps->tso != hw::TsoKind::NONE)
		m |= hw::RDMAC_MODE_IPV4_LSO_EN;
	if (h.has(hw::FAM_57765_PLUS))
		m |= hw::RDMAC_MODE_IPV6_LSO_EN;
	if (bmc_bits(h))
		m |= rd32(h, hw::RDMAC_MODE) & hw::RDMAC_MODE_H2BNC_VLAN_DET;

	bool is5762 = h.is_asic(hw::ASIC_REV_5762);
	uint32_t rsrv = is5762 ? hw::TG3_RDMA_RSRVCTRL_REG2 : hw::TG3_RDMA_RSRVCTRL_REG;
	uint32_t v = rd32(h, rsrv) | hw::TG3_RDMA_RSRVCTRL_FIFO_OFLW_FIX;
	if (h.chip.chip_rev_id == hw::CHIPREV_ID_5719_A0 || is5762) {
		v &= ~(hw::TG3_RDMA_RSRVCTRL_FIFO_LWM_MASK | hw::TG3_RDMA_RSRVCTRL_FIFO_HWM_MASK |
		       hw::TG3_RDMA_RSRVCTRL_TXMRGN_MASK);
		v |= hw::TG3_RDMA_RSRVCTRL_FIFO_LWM_1_5K | hw::TG3_RDMA_RSRVCTRL_FIFO_HWM_1_5K |
		     hw::TG3_RDMA_RSRVCTRL_TXMRGN_320B;
	}
	wr32(h, rsrv, v);
	if (h.is_5719_or_5720() || is5762) {
		uint32_t c = is5762 ? hw::TG3_LSO_RD_DMA_CRPTEN_CTRL2 : hw::TG3_LSO_RD_DMA_CRPTEN_CTRL;
		wr32(h, c, rd32(h, c) | hw::TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_BD_4K |
				   hw::TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_LSO_4K);
	}
	return m;
}

/* Step 26 (5719/5720 only, ref §15; tg3_reset_hw): a read-DMA channel still
 * holding a length over the largest MTU would make the chip miscalculate TX
 * mbuf space: turn the workaround on until accumulate_mac_stats() sees more
 * frames sent than there are channels (tg3_periodic_fetch_stats). */
void rdma_length_wa(Hw &h)
{
	h.rdma_wa_on = false;
	h.rdma_wa_tx = 0;
	if (!h.is_5719_or_5720())
		return;
	for (unsigned ch = 0; ch < hw::TG3_NUM_RDMA_CHANNELS; ch++) {
		if (rd32(h, hw::TG3_RDMA_LENGTH_N(ch)) > h.chip.caps->max_mtu) {
			wr32(h, hw::TG3_LSO_RD_DMA_CRPTEN_CTRL,
			     rd32(h, hw::TG3_LSO_RD_DMA_CRPTEN_CTRL) | h.lso_rd_dma_wa_bit());
			h.rdma_wa_on = true;
			return;
		}
	}
}

/* Per-vector coalescing registers of vector v >= 1 (ref §5.6, tg3_coal_rx_init/tg3_coal_tx_init). */
void write_vec_coal(const Hw &h, unsigned v, uint32_t rx_ticks, uint32_t rx_frames, uint32_t tx_ticks,
		    uint32_t tx_frames)
{
	wr32(h, hw::HOSTCC_RXCOL_TICKS_VEC(v), rx_ticks);
	wr32(h, hw::HOSTCC_RXMAX_FRAMES_VEC(v), rx_frames);
	wr32(h, hw::HOSTCC_RXCOAL_MAXF_INT_VEC(v), rx_frames);
	wr32(h, hw::HOSTCC_TXCOL_TICKS_VEC(v), tx_ticks);
	wr32(h, hw::HOSTCC_TXMAX_FRAMES_VEC(v), tx_frames);
	wr32(h, hw::HOSTCC_TXCOAL_MAXF_INT_VEC(v), tx_frames);
}

/* Step 20: host coalescing (ref §5.6). */
int hostcc_init(const Hw &h, const InitParams &p)
{
	const Coalesce &c = p.coal;
	wr32(h, hw::HOSTCC_MODE, 0);
	if (wait_reg(h, hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0, kEnablePollLoops, kEnablePollUs) != 0) {
		PMD_INIT_LOG(ERR, "%s: host coalescing did not stop", h.name);
		return -ENODEV;
	}
	/* Multi-vector: RX on the ring vectors, TX on vector 0 unless TSS moves it
	 * (the global registers then carry 0, as tg3 writes them). */
	const bool rx_global = !p.multivec, tx_global = !p.tss;
	wr32(h, hw::HOSTCC_RXCOL_TICKS, rx_global ? c.rx_ticks : 0);
	wr32(h, hw::HOSTCC_TXCOL_TICKS, tx_global ? c.tx_ticks : 0);
	wr32(h, hw::HOSTCC_RXMAX_FRAMES, rx_global ? c.rx_frames : 0);
	wr32(h, hw::HOSTCC_TXMAX_FRAMES, tx_global ? c.tx_frames : 0);
	/* The PMD polls with the vectors masked, so the "in ISR" frame counts apply (ref §5.6). */
	wr32(h, hw::HOSTCC_RXCOAL_MAXF_INT, rx_global ? c.rx_frames : 0);
	wr32(h, hw::HOSTCC_TXCOAL_MAXF_INT, tx_global ? c.tx_frames : 0);
	for (unsigned v = 1; v < h.chip.caps->irq_max; v++) {
		const bool used = v < p.nvec;
		write_vec_coal(h, v, used ? c.rx_ticks : 0, used ? c.rx_frames : 0, used && p.tss ? c.tx_ticks : 0,
			       used && p.tss ? c.tx_frames : 0);
	}
	uint32_t mode = hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_32BYTE | hw::HOSTCC_MODE_CLRTICK_RXBD |
			hw::HOSTCC_MODE_CLRTICK_TXBD;
	if (flow_attn_quirk(h))
		mode |= hw::HOSTCC_MODE_ATTN;
	wr32(h, hw::HOSTCC_MODE, mode);
	return 0;
}

} // namespace

void hw_write_rx_mode(const Hw &h, uint32_t extra)
{
	uint32_t m = hw::RX_MODE_ENABLE | extra;
	if (h.has(hw::FAM_5755_PLUS))
		m |= hw::RX_MODE_IPV6_CSUM_ENABLE;
	if (h.is_asic(hw::ASIC_REV_5762))
		m |= hw::RX_MODE_IPV4_FRAG_FIX;
	wr32_f(h, hw::MAC_RX_MODE, m);
	udelay(kRxModeUs);
}

void hw_write_rss_indir(const Hw &h, const uint32_t *words)
{
	for (unsigned r = 0; r < hw::TG3_NUM_RSS_INDIR_REGS; r++)
		wr32(h, hw::MAC_RSS_INDIR_TBL(r), words[r]);
}

void hw_write_rss_key(const Hw &h, const uint32_t *words)
{
	for (unsigned r = 0; r < hw::TG3_NUM_RSS_HASH_KEY_REGS; r++)
		wr32(h, hw::MAC_RSS_HASH_KEY(r), words[r]);
}

void hw_write_mc_hash(const Hw &h, const uint32_t hash[4])
{
	for (unsigned r = 0; r < 4; r++)
		wr32(h, hw::MAC_HASH_REG(r), hash[r]);
}

int hw_init(Hw &h, const InitParams &p)
{
	int ret;

	/* 1. Firmware paused, signature and driver state (tg3_stop_fw,
	 * tg3_write_sig_pre_reset); interrupts off; 2. abort if running, core reset. */
	fw_stop(h);
	fw_sig_pre_reset(h, ResetKind::INIT);
	(void)hw_abort(h);
	ret = hw_chip_reset(h);
	if (ret != 0)
		return ret;
	/* 3. Per-chip fixes. */
	chip_fixes(h);
	/* 6. DMA read/write control. */
	dma_rw_ctrl(h);
	/* 7. GRC mode: host send rings, no TX pseudo-header, interrupt on MAC attention. */
	uint32_t grc = h.grc_mode | hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_NO_TX_PHDR_CSUM |
		       hw::GRC_MODE_IRQ_ON_MAC_ATTN | hw::GRC_MODE_HOST_STACKUP;
	if (flow_attn_quirk(h))
		grc |= hw::GRC_MODE_IRQ_ON_FLOW_ATTN;
	if (bmc_bits(h))
		grc |= rd32(h, hw::GRC_MODE) & (hw::GRC_MODE_B2HRX_ENABLE | hw::GRC_MODE_HTX2B_ENABLE);
	wr32(h, hw::GRC_MODE, grc);
	/* 8. Timer prescaler. */
	uint32_t misc = rd32(h, hw::GRC_MISC_CFG) & ~kMiscCfgLowByte;
	wr32(h, hw::GRC_MISC_CFG, misc | hw::field_set(hw::GRC_MISC_CFG_PRESCALAR_MASK, kTimerPrescaler));
	/* 9. Buffer manager. */
	ret = bufmgr_init(h, p.jmb_iova != 0);
	if (ret != 0)
		return ret;
	/* 10. Replenish thresholds; 11-12. producer rings; 13. rings reset. */
	rxbd_thresholds(h, p);
	producer_rings(h, p);
	rings_reset(h, p);
	/* 14. MAC address; 15-17. framing, rules default class, RLP config. */
	hw_set_mac_addr(h, p.mac);
	mac_framing(h, p.mtu);
	/* 18. Read DMA mode (written in step 26). */
	uint32_t rdmac = rdma_mode(h, p.mtu);
	/* 19. Statistics enables. */
	wr32(h, hw::RCVLPC_STATS_ENABLE, rd32(h, hw::RCVLPC_STATS_ENABLE) & ~hw::RCVLPC_STATSENAB_DACK_FIX);
	wr32(h, hw::RCVLPC_STATSCTRL, hw::RCVLPC_STATSCTRL_ENABLE);
	wr32(h, hw::SNDDATAI_STATSENAB, hw::TG3_SNDDATAI_STATSENAB_ALL);
	wr32(h, hw::SNDDATAI_STATSCTRL, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_FASTUPD);
	/* 20. Host coalescing. */
	ret = hostcc_init(h, p);
	if (ret != 0)
		return ret;
	/* 21. Receive BD completion, receive list placement. */
	wr32(h, hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE | hw::RCVCC_MODE_ATTN_ENABLE);
	wr32(h, hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	/* 22. MAC DMA engines and statistics (clearing them), GMII until the link resolves (ref §11.6). */
	uint32_t mac_mode = hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE | hw::MAC_MODE_TDE_ENABLE |
			    hw::MAC_MODE_RDE_ENABLE | hw::MAC_MODE_FHDE_ENABLE | hw::MAC_MODE_PORT_MODE_GMII;
	if (h.ape_enabled) /* the APE sends and receives through the MAC too (tg3_reset_hw) */
		mac_mode |= hw::MAC_MODE_APE_RX_EN | hw::MAC_MODE_APE_TX_EN;
	wr32_f(h, hw::MAC_MODE, mac_mode | hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR);
	udelay(kMacModeUs);
	/* 23. Local control (tg3_get_invariants' value); a LOM keeps its boot-code GPIOs. */
	hw_keep_lom_gpios(h);
	wr32_f(h, hw::GRC_LOCAL_CTRL, h.grc_local_ctrl);
	udelay(kLocalCtrlUs);
	/* 24. MSI-X multi-vector layout (ref §5.10, §10.8); one-shot stays on (5755_PLUS). Single
	 * vector: no message mode, the PMD polls (ref §14.3). */
	if (p.multivec)
		wr32(h, hw::MSGINT_MODE,
		     rd32(h, hw::MSGINT_MODE) | hw::MSGINT_MODE_ENABLE | hw::MSGINT_MODE_MULTIVEC_EN);
	/* 25. Write DMA. */
	uint32_t wdmac = hw::WDMAC_MODE_ENABLE | hw::TG3_WDMAC_MODE_ATTN_ENABLES;
	if (h.has(hw::FAM_5755_PLUS))
		wdmac |= hw::WDMAC_MODE_STATUS_TAG_FIX;
	wr32_f(h, hw::WDMAC_MODE, wdmac);
	udelay(kDmaModeUs);
	/* 26. Read DMA. */
	wr32_f(h, hw::RDMAC_MODE, rdmac);
	udelay(kDmaModeUs);
	rdma_length_wa(h);
	/* 27. Receive data completion; 28. send data completion. */
	wr32(h, hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE | hw::RCVDCC_MODE_ATTN_ENABLE);
	wr32(h, hw::SNDDATAC_MODE,
	     hw::SNDDATAC_MODE_ENABLE | (h.is_asic(hw::ASIC_REV_5761) ? hw::SNDDATAC_MODE_CDELAY : 0));
	/* 29. The BD engines. */
	wr32(h, hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE | hw::SNDBDC_MODE_ATTN_ENABLE);
	wr32(h, hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE | hw::RCVBDI_MODE_RCB_ATTN_ENAB);
	uint32_t rdbdi = hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ;
	if (h.has(hw::FAM_5717_PLUS) || h.is_asic(hw::ASIC_REV_5762))
		rdbdi |= hw::RCVDBDI_MODE_LRG_RING_SZ;
	wr32(h, hw::RCVDBDI_MODE, rdbdi);
	wr32(h, hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE |
					   (h.chip.caps->tso != hw::TsoKind::NONE ? hw::SNDDATAI_MODE_HW_PRE_DMA : 0));
	wr32(h, hw::SNDBDI_MODE,
	     hw::SNDBDI_MODE_ENABLE | hw::SNDBDI_MODE_ATTN_ENABLE | (p.tss ? hw::SNDBDI_MODE_MULTI_TXQ_EN : 0));
	wr32(h, hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE | hw::SNDBDS_MODE_ATTN_ENABLE);
	/* 31. Transmit MAC. */
	uint32_t tx = hw::TX_MODE_ENABLE;
	if (h.has(hw::FAM_5755_PLUS))
		tx |= hw::TX_MODE_MBUF_LOCKUP_FIX;
	if (bmc_bits(h))
		tx |= rd32(h, hw::MAC_TX_MODE) & (hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE);
	wr32_f(h, hw::MAC_TX_MODE, tx);
	udelay(kTxModeUs);
	/* 32. RSS indirection table and key (ref §10.6). */
	if (p.rss_indir != nullptr)
		hw_write_rss_indir(h, p.rss_indir);
	if (p.rss_key != nullptr)
		hw_write_rss_key(h, p.rss_key);
	/* 33. Receive MAC. */
	hw_write_rx_mode(h, p.rx_mode);
	/* 34. LED, link attention, RX mode again. */
	wr32(h, hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	wr32(h, hw::MAC_MI_STAT, hw::MAC_MI_STAT_LNKSTAT_ATTN_ENAB);
	hw_write_rx_mode(h, p.rx_mode);
	/* 35. Flow-control low watermark. */
	wr32(h, hw::MAC_LOW_WMARK_MAX_RX_FRAME, h.has(hw::FAM_57765_CLASS) ? kLowWmark57765 : kLowWmarkOther);
	/* 36. (PHY: tg57xx_phy.cpp); MAC attention on link change. */
	wr32(h, hw::MAC_EVENT, hw::MAC_EVENT_LNKSTATE_CHANGED);
	/* 38. Receive rules 0/1 written disabled, 4..7 zeroed (ref §5.1) unless
	 * ASF is on: then they are the firmware's ("4 fewer if ASF", tg3_reset_hw). */
	wr32(h, hw::MAC_RCV_RULE(0), hw::TG3_RCV_RULE_0_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	wr32(h, hw::MAC_RCV_VALUE(0), hw::TG3_RCV_VALUE_0_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	wr32(h, hw::MAC_RCV_RULE(1), hw::TG3_RCV_RULE_1_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	wr32(h, hw::MAC_RCV_VALUE(1), hw::TG3_RCV_VALUE_1_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	for (unsigned r = kRcvRulesFirstZeroed; r < kRcvRulesUsed && !h.asf_enabled; r++) {
		wr32(h, hw::MAC_RCV_RULE(r), 0);
		wr32(h, hw::MAC_RCV_VALUE(r), 0);
	}
	/* 39. APE heartbeat interval; DRV_STATE_START_DONE (tg3_write_sig_post_reset). */
	ape_heartbeat_start(h);
	fw_sig_post_reset(h, ResetKind::INIT);
	return 0;
}

} // namespace tg57xx::pmd
