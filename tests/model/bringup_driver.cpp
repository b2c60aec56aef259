/* SPDX-License-Identifier: BSD-3-Clause */
/* The in-test bring-up driver of test_bringup.cpp (see bringup_driver.h). */
#include "bringup_driver.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace tg57xx::sim::test::bringup {
namespace {

bool is_write_to(const TraceEntry &e, const Milestone &m)
{
	return e.op == 'W' && (e.space == TraceEntry::Space::BAR0 || e.space == TraceEntry::Space::INDIRECT) &&
	       e.offset >= m.lo && e.offset <= m.hi && (e.value & m.need) == m.need;
}

/* mii_resolve_flowctrl_fdx (§11.5 step 4): {tx pause, rx pause}. */
std::pair<bool, bool> resolve_pause(uint16_t lcl, uint16_t rmt)
{
	if (lcl & rmt & hw::ADVERTISE_PAUSE_CAP)
		return {true, true};
	if (lcl & rmt & hw::ADVERTISE_PAUSE_ASYM)
		return {(rmt & hw::ADVERTISE_PAUSE_CAP) != 0, (lcl & hw::ADVERTISE_PAUSE_CAP) != 0};
	return {false, false};
}

} // namespace

/*
 * Compare a driver's register trace with tg3's bring-up order. Anchor: the
 * LAST core-reset write (what came before is probe-time, §12.1, where tg3
 * already touches MEMARB and GRC_MODE). From there the first write of each
 * milestone must exist and the indexes must be strictly increasing.
 * Returns one message per problem (empty: tg3's order).
 */
std::vector<std::string> tg3_order_violations(const std::vector<TraceEntry> &t)
{
	std::vector<std::string> out;
	size_t anchor = t.size();
	for (size_t i = 0; i < t.size(); i++)
		if (is_write_to(t[i], kTg3Milestones[0]))
			anchor = i;
	if (anchor == t.size())
		return {std::string("missing: ") + kTg3Milestones[0].what};
	size_t prev = anchor;
	const char *prev_what = kTg3Milestones[0].what;
	for (size_t m = 1; m < std::size(kTg3Milestones); m++) {
		size_t at = t.size();
		for (size_t i = anchor + 1; i < t.size() && at == t.size(); i++)
			if (is_write_to(t[i], kTg3Milestones[m]))
				at = i;
		if (at == t.size()) {
			out.push_back(std::string("missing after the reset: ") + kTg3Milestones[m].what);
			continue;
		}
		if (at <= prev)
			out.push_back(std::string(kTg3Milestones[m].what) + " (entry " + std::to_string(at) +
				      ") not after " + prev_what + " (entry " + std::to_string(prev) + ")");
		prev = at;
		prev_what = kTg3Milestones[m].what;
	}
	return out;
}

void expect_tg3_order(const std::vector<TraceEntry> &t)
{
	for (const std::string &p : tg3_order_violations(t))
		ADD_FAILURE() << "bring-up order differs from tg3's (§12.2, §12.3): " << p;
}

/* ======================= the in-test driver ======================= */

/* Frame helpers: dst, our source, EtherType, payload (seed + i). */
Frame plain(const MacAddress &dst, uint32_t len, uint8_t seed, uint16_t type)
{
	Frame f = macphy::make_frame(dst, len, type);
	for (uint32_t i = engines::kEthHdr; i < len; i++)
		f[i] = static_cast<uint8_t>(seed + i);
	return f;
}
/* What the wire carries for a frame we sent: padded to 60 bytes (§8.1). */
Frame padded(Frame f)
{
	if (f.size() < kEthZlen)
		f.resize(kEthZlen, 0);
	return f;
}

/* A mixed burst: broadcast runt, minimum, checksum-offloaded TCP, multi-BD, maximal frames. */
std::vector<TxFrame> mixed_frames(const MacAddress &station)
{
	std::vector<TxFrame> v;
	auto add = [&v](Frame f, std::vector<uint32_t> split) {
		TxFrame t;
		t.back = padded(f);
		t.tx = std::move(f);
		t.split = std::move(split);
		v.push_back(std::move(t));
	};
	add(plain(kBroadcast, 42, 0x10, kEtherTypeArp), {});
	add(plain(station, 64, 0x20), {});
	add(plain(station, 333, 0x30), {14, 119, 200});
	add(plain(station, 1000, 0x40), {600, 400});
	add(plain(station, kMaxFrame, 0x50), {500, 500, kMaxFrame - 1000});
	add(plain(station, kMaxFrame, 0x60), {});
	/* TCP/IPv4 with TXD_FLAG_TCPUDP_CSUM: the host loads the pseudo-header sum (GRC_MODE_NO_TX_PHDR_CSUM, §10.2). */
	Pkt p = engines::make_pkt(false, engines::kTcp, 100);
	TxFrame t;
	t.back = p.f;
	p.load_pseudo();
	t.tx = p.f;
	constexpr uint32_t kHeaders = engines::kEthHdr + engines::kIp4Hdr + engines::kTcpHdr;
	t.split = {kHeaders, static_cast<uint32_t>(p.f.size()) - kHeaders};
	t.flags = hw::TXD_FLAG_TCPUDP_CSUM;
	t.rx_flags = hw::RXD_FLAG_END | hw::RXD_FLAG_IP_CSUM | hw::RXD_FLAG_TCPUDP_CSUM | hw::RXD_FLAG_IS_TCP;
	v.push_back(std::move(t));
	return v;
}

void Tg3::write_misc_host_ctrl()
{
	const uint32_t chiprev = q.cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
}

void Tg3::poll_fw() /* §6.2 step 3 */
{
	for (unsigned i = 0; i < hw::TG3_FW_HANDSHAKE_POLLS; i++) {
		if (q.sram_read(hw::NIC_SRAM_FIRMWARE_MBOX) == hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT)
			return;
		q.delay(kPollNs);
	}
	ADD_FAILURE() << "no boot code answer (§6.2)";
}

void Tg3::probe() /* §12.1 */
{
	const PersonalityInfo &pi = dev.info();
	/* 1: memory decode and bus mastering on, memory-write-invalidate off. */
	const uint16_t cmd = dev.cfg_read16(pci::kCommandStatus);
	dev.cfg_write16(pci::kCommandStatus,
			static_cast<uint16_t>((cmd | pci::kCommandMemory | pci::kCommandMaster) & ~pci::kCommandInvalidate));
	/* 2 and 4: MISC_HOST_CTRL (chip id kept) and the memory arbiter. */
	q.probe_init();
	/* 3: chip id (§1.2) - ASIC nibble 0xF sends us to the product-id register. */
	const uint32_t mhc = q.cfg_read(hw::TG3PCI_MISC_HOST_CTRL);
	EXPECT_EQ(hw::asic_rev(mhc >> hw::MISC_HOST_CTRL_CHIPREV_SHIFT), hw::ASIC_REV_USE_PROD_ID_REG);
	chip_rev_id = q.cfg_read(pi.prodid_reg);
	EXPECT_EQ(chip_rev_id, pi.chip_rev_id);
	misc_host_ctrl = q.misc_host_ctrl() | hw::MISC_HOST_CTRL_TAGGED_STATUS; /* §10.8 */
	write_misc_host_ctrl();
	grc_mode = hw::TG3_GRC_MODE_SWAP_LE | (flow_attn_quirk() ? hw::GRC_MODE_IRQ_ON_FLOW_ATTN : 0);
	/* 5: boot-code configuration in SRAM (§6.1), MDIO clock. */
	EXPECT_EQ(q.sram_read(hw::NIC_SRAM_DATA_SIG), hw::NIC_SRAM_DATA_SIG_MAGIC);
	const uint32_t cfg = q.sram_read(hw::NIC_SRAM_DATA_CFG);
	EXPECT_EQ(cfg & hw::NIC_SRAM_DATA_CFG_PHY_TYPE_MASK, hw::NIC_SRAM_DATA_CFG_PHY_TYPE_COPPER);
	EXPECT_FALSE(cfg & hw::NIC_SRAM_DATA_CFG_ASF_ENABLE);
	ape_enabled = pi.has_ape && (cfg & hw::NIC_SRAM_DATA_CFG_APE_ENABLE);
	if (is5720()) {
		const uint32_t s = q.sram_read(hw::NIC_SRAM_CPMU_STATUS);
		EXPECT_EQ(s & hw::NIC_SRAM_CPMUSTAT_SIG_MSK, hw::NIC_SRAM_CPMUSTAT_SIG);
		EXPECT_EQ(hw::field_get(hw::TG3_CPMU_STATUS_FMSK_5719, s), dev.config().pci_function);
	}
	mi_mode = hw::MAC_MI_MODE_500KHZ_CONST;
	/* 6: GRC_MODE, windows closed, station address, PHY id. */
	const uint32_t keep = hw::GRC_MODE_HOST_STACKUP |
			      (is5720() ? hw::GRC_MODE_BYTE_SWAP_B2HRX_DATA | hw::GRC_MODE_WORD_SWAP_B2HRX_DATA |
						  hw::GRC_MODE_B2HRX_ENABLE | hw::GRC_MODE_HTX2B_ENABLE
					: 0);
	q.reg_write(hw::GRC_MODE, (q.reg_read(hw::GRC_MODE) & keep) | grc_mode);
	q.cfg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	q.cfg_write(hw::TG3PCI_REG_BASE_ADDR, 0);
	const uint32_t hi = q.sram_read(hw::NIC_SRAM_MAC_ADDR_HIGH_MBOX);
	const uint32_t lo = q.sram_read(hw::NIC_SRAM_MAC_ADDR_LOW_MBOX);
	EXPECT_TRUE(hw::tg3_sram_mac_addr_valid(hi)) << std::hex << hi;
	hw::mac_addr_unpack(hi, lo, mac);
	EXPECT_EQ(mac, dev.config().mac);
	q.reg_write(hw::MAC_MI_MODE, mi_mode); /* tg3_mdio_start */
	q.delay(kMiModeNs);
	const uint32_t mdio_id = hw::tg3_phy_id_pack(mdio.read(hw::MII_PHYSID1), mdio.read(hw::MII_PHYSID2));
	const uint32_t want = is5720() ? hw::TG3_PHY_ID_BCM5720C : hw::TG3_PHY_ID_BCM57765;
	EXPECT_EQ(mdio_id & hw::TG3_PHY_ID_MASK, want);
	if (pi.has_ape) { /* §11.4: APE parts take it from the boot code; both must agree */
		EXPECT_EQ(hw::tg3_phy_id_from_sram(q.sram_read(hw::NIC_SRAM_DATA_PHY_ID)), mdio_id);
	}
	/* 7: nothing left running by a boot-time driver. */
	EXPECT_FALSE(q.reg_read(hw::HOSTCC_MODE) & hw::HOSTCC_MODE_ENABLE);
	EXPECT_FALSE(q.reg_read(hw::WDMAC_MODE) & hw::WDMAC_MODE_ENABLE);
	/* 8: DMA_RW_CTRL on 57765_PLUS (x86): only DIS_CACHE_ALIGNMENT. */
	dma_rwctrl = hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT;
}

void Tg3::open()
{
	const PersonalityInfo &pi = dev.info();
	alloc({pi.send_ring_entries, pi.std_ring_entries, pi.ret_ring_entries, 1, hw::TG3_RX_STD_DMA_SZ, true});
	/* tg3_init_hw */
	write_misc_host_ctrl();
	poll_fw();
	q.cfg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	init_hw();
	/* tg3_start */
	enable_ints();
}

void Tg3::chip_reset() /* §12.2 */
{
	sb_store32(hw::SBLK_OFF_STATUS, 0); /* step 3 */
	sb_store32(hw::SBLK_OFF_STATUS_TAG, 0);
	ASSERT_TRUE(q.chip_reset()) << "steps 1-11, 16 and the §6.2 handshake";
	q.reg_write(hw::GRC_MODE, grc_mode); /* step 12 */
	mac_mode = 0;                        /* step 13, copper */
	q.reg_write(hw::MAC_MODE, mac_mode);
	q.delay(kFlushNs);
	q.reg_write(hw::MAC_MI_MODE, mi_mode); /* step 14 */
	q.delay(kMiModeNs);
	EXPECT_EQ(q.sram_read(hw::NIC_SRAM_DATA_SIG), hw::NIC_SRAM_DATA_SIG_MAGIC); /* step 17 */
}

void Tg3::init_hw() /* tg3_reset_hw, §12.3 */
{
	const PersonalityInfo &pi = dev.info();
	/* 1 */
	write_misc_host_ctrl(); /* MASK_PCI_INT is in it */
	q.reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 1);
	/* 2 */
	chip_reset();
	/* 3: 57765-class non-AX fixes (§15), MAC clock at 10 Mbit/s. */
	if (is57765_class()) {
		if (!hw::chip_is_57765_ax(chip_rev_id)) {
			const uint32_t saved = q.reg_read(hw::GRC_MODE);
			rmw(hw::TG3_CPMU_PADRNG_CTL, 0, hw::TG3_CPMU_PADRNG_CTL_RDIV2);
			q.reg_write(hw::GRC_MODE, (saved & ~hw::GRC_MODE_PCIE_PORT_MASK) | hw::GRC_MODE_PCIE_DL_SEL);
			rmw(hw::TG3_PCIE_TLDLPL_PORT + hw::TG3_PCIE_DL_LO_FTSMAX, hw::TG3_PCIE_DL_LO_FTSMAX_MSK,
			    hw::TG3_PCIE_DL_LO_FTSMAX_VAL);
			q.reg_write(hw::GRC_MODE, saved);
		}
		rmw(hw::TG3_CPMU_LSPD_10MB_CLK, hw::CPMU_LSPD_10MB_MACCLK_MASK, hw::CPMU_LSPD_10MB_MACCLK_6_25);
	}
	/* 4 */
	if (pi.has_ape)
		q.cfg_write(hw::TG3PCI_PCISTATE, q.cfg_read(hw::TG3PCI_PCISTATE) | kApePcistate);
	/* 5: rings in host memory (tg3_init_rings). */
	std::memset(arena.host(tx), 0, size_t{lay.tx_entries} * hw::TXD_SIZE);
	fill_std(kRxPending);
	clear_status_block();
	/* 6: DMA_RW_CTRL keeps the boot code's watermarks and commands (§3). */
	boot_dma_rwctrl = q.reg_read(hw::TG3PCI_DMA_RW_CTRL);
	uint32_t v = boot_dma_rwctrl & ~hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT;
	if (chip_rev_id == hw::CHIPREV_ID_57765_A0)
		v &= ~hw::DMA_RWCTRL_CRDRDR_RDMA_MRRS_MSK;
	if (is5720())
		v |= hw::DMA_RWCTRL_TAGGED_STAT_WA;
	q.reg_write(hw::TG3PCI_DMA_RW_CTRL, v | dma_rwctrl);
	/* 7 */
	grc_mode = (grc_mode & ~(hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_4X_NIC_SEND_RINGS | hw::GRC_MODE_NO_TX_PHDR_CSUM |
				 hw::GRC_MODE_NO_RX_PHDR_CSUM)) |
		   hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_NO_TX_PHDR_CSUM;
	q.reg_write(hw::GRC_MODE, grc_mode | hw::GRC_MODE_IRQ_ON_MAC_ATTN | hw::GRC_MODE_HOST_STACKUP);
	/* 8: timer prescaler 65 (tg3 rewrites the low byte, reset bit included). */
	rmw(hw::GRC_MISC_CFG, kMiscCfgLowByte, hw::TG3_TIMER_PRESCALER_66MHZ_FIELD);
	/* 9: buffer manager (pool not written on 5750_PLUS, §5.8). */
	q.reg_write(hw::BUFMGR_MB_RDMA_LOW_WATER, hw::DEFAULT_MB_RDMA_LOW_WATER_5705);
	q.reg_write(hw::BUFMGR_MB_MACRX_LOW_WATER, hw::DEFAULT_MB_MACRX_LOW_WATER_57765);
	q.reg_write(hw::BUFMGR_MB_HIGH_WATER, hw::DEFAULT_MB_HIGH_WATER_57765);
	q.reg_write(hw::BUFMGR_DMA_LOW_WATER, hw::DEFAULT_DMA_LOW_WATER);
	q.reg_write(hw::BUFMGR_DMA_HIGH_WATER, hw::DEFAULT_DMA_HIGH_WATER);
	if (deviation != Deviation::NO_BUFMGR_ENABLE) {
		q.reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE |
						     (flow_attn_quirk() ? hw::BUFMGR_MODE_MBLOW_ATTN_ENAB : 0));
		EXPECT_TRUE(q.wait_for_bits(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE, hw::BUFMGR_MODE_ENABLE,
					    hw::TG3_BUFMGR_ENABLE_POLLS * kPollNs));
	}
	/* 10: tg3_setup_rxbd_thresholds (§5.4). */
	const uint32_t cache = hw::TG3_SRAM_RX_STD_BDCACHE_SIZE_5700;
	const uint32_t std_thresh = std::min({cache / 2, lay.std_entries, std::max(kRxPending / 8, 1u)});
	EXPECT_EQ(std_thresh, 25u) << "§5.4: 25 for the default 200 pending";
	q.reg_write(hw::RCVBDI_STD_THRESH, std_thresh);
	q.reg_write(hw::STD_REPLENISH_LWM, cache);
	const uint32_t jcache = hw::TG3_SRAM_RX_JMB_BDCACHE_SIZE_5700;
	q.reg_write(hw::RCVBDI_JUMBO_THRESH, std::min(jcache / 2, std::max(kJumboPending / 8, 1u)));
	q.reg_write(hw::JMB_REPLENISH_LWM, jcache);
	/* 11: std RCB (NIC address not on 5717_PLUS, §7.3), jumbo disabled at MTU 1500, then MAXLEN_FLAGS. */
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH,
		    static_cast<uint32_t>(stdr >> 32));
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(stdr));
	if (!is5720())
		q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR, hw::NIC_SRAM_RX_BUFFER_DESC);
	q.reg_write(hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_MAXLEN_FLAGS,
		    hw::bdinfo_std_maxlen_flags_57765(lay.std_entries, hw::TG3_RX_STD_DMA_SZ));
	/* 12 */
	if (deviation != Deviation::NO_STD_PRODUCER)
		q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, kRxPending);
	q.reg_write(hw::TG3_RX_JMB_PROD_IDX_REG, 0);
	/* 13 */
	rings_reset();
	/* 14-17 */
	set_mac_addr();
	q.reg_write(hw::MAC_RX_MTU_SIZE, kMtu + hw::TG3_RX_MTU_OVERHEAD);
	const uint32_t keep_len = is5720() ? hw::TX_LENGTHS_JMB_FRM_LEN_MSK | hw::TX_LENGTHS_CNT_DWN_VAL_MSK : 0;
	q.reg_write(hw::MAC_TX_LENGTHS, hw::MAC_TX_LENGTHS_TG3_DEFAULT | (q.reg_read(hw::MAC_TX_LENGTHS) & keep_len));
	q.reg_write(hw::MAC_RCV_RULE_CFG, hw::RCV_RULE_CFG_DEFAULT_CLASS);
	q.reg_write(hw::RCVLPC_CONFIG, hw::RCVLPC_CONFIG_TG3_VALUE);
	/* 18: RDMAC_MODE computed (§5.9), reserve and LSO controls. */
	rdmac_mode = hw::RDMAC_MODE_ENABLE | hw::TG3_RDMAC_MODE_ATTN_ENABLES | hw::RDMAC_MODE_FIFO_LONG_BURST |
		     hw::RDMAC_MODE_IPV4_LSO_EN | hw::RDMAC_MODE_IPV6_LSO_EN;
	if (is5720())
		rdmac_mode |= q.reg_read(hw::RDMAC_MODE) & hw::RDMAC_MODE_H2BNC_VLAN_DET;
	rmw(hw::TG3_RDMA_RSRVCTRL_REG, 0, hw::TG3_RDMA_RSRVCTRL_FIFO_OFLW_FIX);
	if (is5720())
		rmw(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL, 0,
		    hw::TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_BD_4K | hw::TG3_LSO_RD_DMA_CRPTEN_CTRL_BLEN_LSO_4K);
	/* 19 */
	rmw(hw::RCVLPC_STATS_ENABLE, hw::RCVLPC_STATSENAB_DACK_FIX, 0);
	q.reg_write(hw::RCVLPC_STATSCTRL, hw::RCVLPC_STATSCTRL_ENABLE);
	q.reg_write(hw::SNDDATAI_STATSENAB, hw::TG3_SNDDATAI_STATSENAB_ALL);
	q.reg_write(hw::SNDDATAI_STATSCTRL, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_FASTUPD);
	/* 20 */
	q.reg_write(hw::HOSTCC_MODE, 0);
	EXPECT_TRUE(q.wait_for_bits(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0, hw::TG3_HOSTCC_DISABLE_POLLS * kPollNs));
	coalesce_params();
	coalesce_mode = hw::TG3_HOSTCC_COALESCE_MODE | (flow_attn_quirk() ? hw::HOSTCC_MODE_ATTN : 0);
	q.reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE | coalesce_mode);
	/* 21 */
	q.reg_write(hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE | hw::RCVCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	/* 22: DMA and statistics enables, statistics cleared; no port mode before the PHY (§11.6). */
	mac_mode = hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE | hw::MAC_MODE_TDE_ENABLE |
		   hw::MAC_MODE_RDE_ENABLE | hw::MAC_MODE_FHDE_ENABLE |
		   (ape_enabled ? hw::MAC_MODE_APE_TX_EN | hw::MAC_MODE_APE_RX_EN : 0);
	q.reg_write(hw::MAC_MODE, mac_mode | hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR);
	q.delay(kFlushNs);
	/* 23 (24: MSI-X not used, one vector) */
	q.reg_write(hw::GRC_LOCAL_CTRL, q.local_ctrl());
	q.delay(kLocalCtrlNs);
	/* 25 */
	q.reg_write(hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE | hw::TG3_WDMAC_MODE_ATTN_ENABLES | hw::WDMAC_MODE_STATUS_TAG_FIX);
	q.delay(kFlushNs);
	/* 26 */
	q.reg_write(hw::RDMAC_MODE, rdmac_mode);
	q.delay(kFlushNs);
	rdma_length_wa(q, pi);
	/* 27-29 */
	q.reg_write(hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE | hw::RCVDCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE);
	q.reg_write(hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE | hw::SNDBDC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE | hw::RCVBDI_MODE_RCB_ATTN_ENAB);
	const bool lrg = is5720() && deviation != Deviation::NO_LRG_RING_SZ;
	q.reg_write(hw::RCVDBDI_MODE,
		    hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ | (lrg ? hw::RCVDBDI_MODE_LRG_RING_SZ : 0));
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE);
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE | hw::SNDDATAI_MODE_HW_PRE_DMA); /* HW_TSO_3 */
	q.reg_write(hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE | hw::SNDBDI_MODE_ATTN_ENABLE);
	q.reg_write(hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE | hw::SNDBDS_MODE_ATTN_ENABLE);
	/* 31 (30: no firmware download needed) */
	const uint32_t keep_tx = is5720() ? hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE : 0;
	tx_mode = hw::TX_MODE_ENABLE | hw::TX_MODE_MBUF_LOCKUP_FIX | (q.reg_read(hw::MAC_TX_MODE) & keep_tx);
	q.reg_write(hw::MAC_TX_MODE, tx_mode);
	q.delay(kTxModeNs);
	/* 33 (32: no RSS) */
	rx_mode = hw::RX_MODE_ENABLE | hw::RX_MODE_IPV6_CSUM_ENABLE;
	q.reg_write(hw::MAC_RX_MODE, rx_mode);
	q.delay(kRxModeNs);
	/* 34, 35 */
	q.reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	q.reg_write(hw::MAC_MI_STAT, hw::MAC_MI_STAT_LNKSTAT_ATTN_ENAB);
	q.reg_write(hw::MAC_RX_MODE, rx_mode);
	q.delay(kRxModeNs);
	q.reg_write(hw::MAC_LOW_WMARK_MAX_RX_FRAME, is57765_class() ? hw::TG3_LOW_WMARK_MAX_RX_FRAME_57765
								    : hw::TG3_LOW_WMARK_MAX_RX_FRAME_DEFAULT);
	/* 36 */
	setup_phy();
	/* 37: no multicast, no extra unicast addresses */
	for (unsigned i = 0; i < hw::TG3_NUM_MAC_HASH_REGS; i++)
		q.reg_write(hw::MAC_HASH_REG(i), 0);
	/* 38: rules 0/1 written disabled, rules 7..4 zeroed (8 rules, no ASF) */
	q.reg_write(hw::MAC_RCV_RULE(0), hw::TG3_RCV_RULE_0_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	q.reg_write(hw::MAC_RCV_VALUE(0), hw::TG3_RCV_VALUE_0_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	q.reg_write(hw::MAC_RCV_RULE(1), hw::TG3_RCV_RULE_1_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	q.reg_write(hw::MAC_RCV_VALUE(1), hw::TG3_RCV_VALUE_1_LITERAL & hw::RCV_RULE_DISABLE_MASK);
	for (unsigned r = 7; r >= 4; r--) {
		q.reg_write(hw::MAC_RCV_RULE(r), 0);
		q.reg_write(hw::MAC_RCV_VALUE(r), 0);
	}
}

void Tg3::rings_reset() /* §12.3 step 13, §7.4 */
{
	const PersonalityInfo &pi = dev.info();
	for (unsigned n = 1; n < pi.send_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_SEND_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	for (unsigned n = 1; n < pi.ret_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_RCV_RET_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, 1);
	q.reg_write(send_prod_mailbox(0), 0);
	q.reg_write(ret_con_mailbox(0), 0);
	clear_status_block();
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(sblk >> 32));
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(sblk));
	constexpr uint32_t kNotPowerOfTwo = 500;
	const uint32_t tx_size = deviation == Deviation::SEND_RCB_500 ? kNotPowerOfTwo : lay.tx_entries;
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx, hw::bdinfo_maxlen_flags(tx_size, 0));
	set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(0), ret[0], hw::bdinfo_maxlen_flags(lay.ret_entries, 0));
}

void Tg3::set_mac_addr() /* §12.3 step 14, §5.1 */
{
	for (unsigned i = 0; i < hw::TG3_NUM_MAC_ADDR; i++) {
		q.reg_write(hw::MAC_ADDR_HIGH(i), hw::mac_addr_high(mac));
		q.reg_write(hw::MAC_ADDR_LOW(i), hw::mac_addr_low(mac));
	}
	q.reg_write(hw::MAC_TX_BACKOFF_SEED, hw::mac_backoff_seed(mac));
}

void Tg3::coalesce_params() /* §5.6 defaults with CLRTICK; unused vectors zeroed (tg3_coal_tx/rx_init) */
{
	q.reg_write(hw::HOSTCC_TXCOL_TICKS, hw::LOW_TXCOL_TICKS_CLRTCKS);
	q.reg_write(hw::HOSTCC_TXMAX_FRAMES, hw::LOW_TXMAX_FRAMES);
	q.reg_write(hw::HOSTCC_TXCOAL_MAXF_INT, hw::DEFAULT_TXCOAL_MAXF_INT);
	for (unsigned v = 1; v < dev.info().msix_vectors; v++) {
		q.reg_write(hw::HOSTCC_TXCOL_TICKS_VEC(v), 0);
		q.reg_write(hw::HOSTCC_TXMAX_FRAMES_VEC(v), 0);
		q.reg_write(hw::HOSTCC_TXCOAL_MAXF_INT_VEC(v), 0);
	}
	q.reg_write(hw::HOSTCC_RXCOL_TICKS, hw::LOW_RXCOL_TICKS_CLRTCKS);
	q.reg_write(hw::HOSTCC_RXMAX_FRAMES, hw::LOW_RXMAX_FRAMES);
	q.reg_write(hw::HOSTCC_RXCOAL_MAXF_INT, hw::DEFAULT_RXCOAL_MAXF_INT);
	for (unsigned v = 1; v < dev.info().msix_vectors; v++) {
		q.reg_write(hw::HOSTCC_RXCOL_TICKS_VEC(v), 0);
		q.reg_write(hw::HOSTCC_RXMAX_FRAMES_VEC(v), 0);
		q.reg_write(hw::HOSTCC_RXCOAL_MAXF_INT_VEC(v), 0);
	}
}

void Tg3::enable_ints() /* tg3_enable_ints: unmask, ack the last tag, force a first update */
{
	misc_host_ctrl &= ~hw::MISC_HOST_CTRL_MASK_PCI_INT;
	q.reg_write(hw::TG3PCI_MISC_HOST_CTRL, misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
	const uint32_t last_tag = sb32(hw::SBLK_OFF_STATUS_TAG) & kTagMask;
	q.reg_write(hw::MAILBOX_INTERRUPT_0 + hw::TG3_64BIT_REG_LOW, last_tag << hw::SD_STATUS_TAG_MBOX_SHIFT);
	q.reg_write(hw::HOSTCC_MODE, coalesce_mode | hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_NOW);
}

void Tg3::copper_begin() /* §11.5 setup */
{
	mdio.write(hw::MII_ADVERTISE, kTg3Advertise);
	mdio.write(hw::MII_CTRL1000, kTg3Ctrl1000);
	mdio.write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
}

bool Tg3::setup_phy() /* tg3_setup_phy -> tg3_setup_copper_phy, §11.5 and §11.6 */
{
	q.reg_write(hw::MAC_STATUS, hw::TG3_MAC_STATUS_CHANGE_BITS); /* tg3_clear_mac_status */
	q.delay(kFlushNs);
	uint16_t bmsr = 0;
	for (unsigned i = 0; i < kBmsrPolls; i++) { /* step 1: latched-low, read twice */
		mdio.read(hw::MII_BMSR);
		bmsr = mdio.read(hw::MII_BMSR);
		if (bmsr & hw::BMSR_LSTATUS)
			break;
		q.delay(kBmsrPollNs);
	}
	bool up = false;
	uint16_t lpa = 0;
	if (bmsr & hw::BMSR_LSTATUS) {
		uint16_t aux = 0; /* step 2 */
		for (unsigned i = 0; i < kAuxStatPolls; i++) {
			if ((aux = mdio.read(hw::MII_TG3_AUX_STAT)) != 0)
				break;
			q.delay(kPollNs);
		}
		link = hw::tg3_aux_stat_speed_duplex(aux);
		uint16_t bmcr = 0;
		for (unsigned i = 0; i < kBmcrPolls; i++) {
			bmcr = mdio.read(hw::MII_BMCR);
			if (bmcr != 0 && bmcr != hw::TG3_BMCR_INVALID_READ)
				break;
			q.delay(kPollNs);
		}
		/* step 3: our advertisement still in place, partner pages readable */
		const bool adv_ok = (mdio.read(hw::MII_ADVERTISE) & kTg3AdvertiseMask) == (kTg3Advertise & kTg3AdvertiseMask) &&
				    mdio.read(hw::MII_CTRL1000) == kTg3Ctrl1000;
		lpa = mdio.read(hw::MII_LPA);
		(void)mdio.read(hw::MII_STAT1000);
		up = (bmcr & hw::BMCR_ANENABLE) && adv_ok && link.speed != 0;
	}
	if (!up) {
		copper_begin();
		mdio.read(hw::MII_BMSR);
		up = (mdio.read(hw::MII_BMSR) & hw::BMSR_LSTATUS) && link.speed != 0;
	}
	if (up && link.full_duplex) { /* step 4 */
		const auto [txp, rxp] = resolve_pause(kTg3Advertise, lpa);
		const uint32_t rx = rxp ? rx_mode | hw::RX_MODE_FLOW_CTRL_ENABLE : rx_mode & ~hw::RX_MODE_FLOW_CTRL_ENABLE;
		const uint32_t txm = txp ? tx_mode | hw::TX_MODE_FLOW_CTRL_ENABLE : tx_mode & ~hw::TX_MODE_FLOW_CTRL_ENABLE;
		if (rx != rx_mode)
			q.reg_write(hw::MAC_RX_MODE, rx_mode = rx);
		if (txm != tx_mode)
			q.reg_write(hw::MAC_TX_MODE, tx_mode = txm);
	}
	/* §11.6: GMII at 1000 and while down, MII at 10/100. */
	uint32_t port = up && link.speed != 1000 ? hw::MAC_MODE_PORT_MODE_MII : hw::MAC_MODE_PORT_MODE_GMII;
	if (up && deviation == Deviation::PORT_MODE_MII)
		port = hw::MAC_MODE_PORT_MODE_MII;
	mac_mode = (mac_mode & ~(hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX)) | port |
		   (up && !link.full_duplex ? hw::MAC_MODE_HALF_DUPLEX : 0);
	q.reg_write(hw::MAC_MODE, mac_mode);
	q.delay(kFlushNs);
	q.reg_write(hw::MAC_EVENT, hw::MAC_EVENT_LNKSTATE_CHANGED);
	q.delay(kFlushNs);
	const uint32_t keep_len = is5720() ? hw::TX_LENGTHS_JMB_FRM_LEN_MSK | hw::TX_LENGTHS_CNT_DWN_VAL_MSK : 0;
	const uint32_t slot = up && link.speed == 1000 && !link.full_duplex ? hw::TX_LENGTHS_SLOT_TIME_1000_HALF
									     : hw::TX_LENGTHS_SLOT_TIME_DEFAULT;
	q.reg_write(hw::MAC_TX_LENGTHS,
		    hw::field_replace(hw::MAC_TX_LENGTHS_TG3_DEFAULT, hw::TX_LENGTHS_SLOT_TIME_MASK, slot) |
			    (q.reg_read(hw::MAC_TX_LENGTHS) & keep_len));
	link_up = up;
	return up;
}

/* tg3_poll_link: on SD_STATUS_LINK_CHG clear it in memory and re-run the PHY setup (§9.1, §11.7). */
bool Tg3::wait_link(uint64_t timeout_ns)
{
	for (uint64_t t = 0; t < timeout_ns && !link_up; t += kLinkPollNs) {
		q.delay(kLinkPollNs);
		const uint32_t st = sb32(hw::SBLK_OFF_STATUS);
		if (!(st & hw::SD_STATUS_LINK_CHG))
			continue;
		sb_store32(hw::SBLK_OFF_STATUS, hw::SD_STATUS_UPDATED | (st & ~hw::SD_STATUS_LINK_CHG));
		setup_phy();
	}
	return link_up;
}

void Thundergate::init() /* Device.init(), §12.2 last paragraph */
{
	const uint16_t cmd = dev.cfg_read16(pci::kCommandStatus);
	dev.cfg_write16(pci::kCommandStatus, static_cast<uint16_t>(cmd | pci::kCommandMemory | pci::kCommandMaster));
	/* init_eratta (§5.5, §15) */
	rmw(hw::TG3_CPMU_PADRNG_CTL, 0, hw::TG3_CPMU_PADRNG_CTL_RDIV2);
	rmw(hw::TG3_CPMU_LSPD_10MB_CLK, hw::CPMU_LSPD_10MB_MACCLK_MASK, hw::CPMU_LSPD_10MB_MACCLK_6_25);
	/* mask interrupts, misc host ctrl (§2.3), memory arbiter, GRC swap bits */
	misc_host_ctrl |= hw::MISC_HOST_CTRL_MASK_PCI_INT | hw::MISC_HOST_CTRL_PCISTATE_RW |
			  hw::MISC_HOST_CTRL_INDIR_ACCESS | hw::MISC_HOST_CTRL_WORD_SWAP;
	const uint32_t chiprev = q.cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
	rmw(hw::MEMARB_MODE, 0, hw::MEMARB_MODE_ENABLE);
	rmw(hw::GRC_MODE, 0, hw::TG3_GRC_MODE_SWAP_LE);
}

void Thundergate::bring_up()
{
	alloc({kTgSendEntries, kTgStdEntries, kTgRetEntries, kTgRetRings, kTgRxBufLen, false});
	clear_status_block();
	init();
	ASSERT_TRUE(q.chip_reset()) << "§12.2 with the §6.2 handshake";
	init();
	q.delay(kTgSettleNs);
	misc_host_ctrl |= hw::MISC_HOST_CTRL_TAGGED_STATUS;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
	const bool mps = hw::field_get(pci::kExpDevCtlPayloadMask, q.cfg_read(pci::kExpDevCtl)) != 0;
	rmw(hw::TG3PCI_DMA_RW_CTRL, hw::DMA_RWCTRL_WRITE_WATER,
	    hw::field_set(hw::DMA_RWCTRL_WRITE_WATER, kTgDmaWriteWater + (mps ? 1 : 0)) |
		    hw::DMA_RWCTRL_DIS_CACHE_ALIGNMENT);
	rmw(hw::MSGINT_MODE, hw::MSGINT_MODE_MULTIVEC_EN, 0);
	rmw(hw::GRC_LOCAL_CTRL, 0, hw::GRC_LCLCTRL_INT_ON_ATTN | hw::GRC_LCLCTRL_AUTO_SEEPROM);
	rmw(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_PRESCALAR_MASK, hw::field_set(hw::GRC_MISC_CFG_PRESCALAR_MASK, kTgPrescaler));
	rmw(hw::GRC_MODE, 0, hw::GRC_MODE_NO_TX_PHDR_CSUM | hw::GRC_MODE_HOST_SENDBDS | hw::GRC_MODE_HOST_STACKUP);
	q.reg_write(hw::BUFMGR_MB_MACRX_LOW_WATER, kTgMbufMacRxLow);
	q.reg_write(hw::BUFMGR_MB_HIGH_WATER, kTgMbufHigh);
	q.reg_write(hw::MAC_LOW_WMARK_MAX_RX_FRAME, kTgLowWmark);
	rmw(hw::BUFMGR_MODE, 0, hw::BUFMGR_MODE_ATTN_ENABLE | hw::BUFMGR_MODE_ENABLE);
	q.reg_write(hw::RCVBDI_STD_THRESH, kTgStdThresh);
	set_rcb_regs(hw::RCVDBDI_STD_BD, stdr, hw::bdinfo_std_maxlen_flags_57765(kTgStdEntries, kTgMaxFrameLen));
	q.reg_write(hw::RCVDBDI_STD_BD + hw::TG3_BDINFO_NIC_ADDR, kTgNicAddr);
	q.reg_write(hw::RCVDBDI_MINI_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, 0);
	q.reg_write(hw::STD_REPLENISH_LWM, kTgStdLwm);
	set_sram_rcb(hw::NIC_SRAM_SEND_RCB_N(0), tx, hw::bdinfo_maxlen_flags(kTgSendEntries, 0));
	for (unsigned n = 1; n < dev.info().send_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_SEND_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(send_prod_mailbox(0), 0);
	for (unsigned n = 0; n < kTgRetRings; n++)
		set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(n), ret[n], hw::bdinfo_maxlen_flags(kTgRetEntries, 0), true,
			     kTgNicAddr);
	/* TX MAC: backoff seed from the boot code's address, IPG 6, IPG_CRS 2, slot 0x20 (field writes) */
	MacAddress mac{};
	hw::mac_addr_unpack(q.reg_read(hw::MAC_ADDR_0_HIGH), q.reg_read(hw::MAC_ADDR_0_LOW), mac);
	q.reg_write(hw::MAC_TX_BACKOFF_SEED, hw::mac_backoff_seed(mac));
	uint32_t len = q.reg_read(hw::MAC_TX_LENGTHS);
	len = hw::field_replace(len, hw::TX_LENGTHS_IPG_MASK, hw::TX_LENGTHS_IPG_DEFAULT);
	len = hw::field_replace(len, hw::TX_LENGTHS_IPG_CRS_MASK, hw::TX_LENGTHS_IPG_CRS_DEFAULT);
	len = hw::field_replace(len, hw::TX_LENGTHS_SLOT_TIME_MASK, hw::TX_LENGTHS_SLOT_TIME_DEFAULT);
	q.reg_write(hw::MAC_TX_LENGTHS, len);
	q.reg_write(hw::MAC_RX_MTU_SIZE, kTgRxMtu);
	rmw(hw::MAC_RCV_RULE_CFG, kRuleCfgDefaultClassMask, hw::field_set(kRuleCfgDefaultClassMask, 2));
	uint32_t rlp = q.reg_read(hw::RCVLPC_CONFIG);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_DEF_INT_DIST_QUEUE_MASK, 0);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_BAD_FRAMES_CLASS_MASK, 1);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_ACTIVE_LISTS_MASK, 16);
	rlp = hw::field_replace(rlp, hw::RCVLPC_CONFIG_LISTS_PER_GROUP_MASK, 1);
	q.reg_write(hw::RCVLPC_CONFIG, rlp);
	EXPECT_EQ(q.reg_read(hw::RCVLPC_STATS_ENABLE), kTgStatsMask) << "Thundergate asserts it (§5.4)";
	rmw(hw::RCVLPC_STATSCTRL, 0, hw::RCVLPC_STATSCTRL_ENABLE);
	q.reg_write(hw::SNDDATAI_STATSENAB, hw::TG3_SNDDATAI_STATSENAB_ALL);
	rmw(hw::SNDDATAI_STATSCTRL, 0, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_FASTUPD);
	/* host coalescing: disable, 32-byte block, clear ticks on RX BDs, coalescing, address, enable */
	rmw(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0);
	EXPECT_TRUE(q.wait_for_bits(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE, 0, hw::TG3_HOSTCC_DISABLE_POLLS * kPollNs));
	rmw(hw::HOSTCC_MODE, hw::HOSTCC_MODE_STATBLK_SIZE_MASK, hw::HOSTCC_MODE_32BYTE | hw::HOSTCC_MODE_CLRTICK_RXBD);
	q.reg_write(hw::HOSTCC_RXCOL_TICKS, kTgRxTicks);
	q.reg_write(hw::HOSTCC_TXCOL_TICKS, kTgTxTicks);
	q.reg_write(hw::HOSTCC_RXMAX_FRAMES, kTgRxFrames);
	q.reg_write(hw::HOSTCC_TXMAX_FRAMES, kTgTxFrames);
	q.reg_write(hw::HOSTCC_RXCOAL_MAXF_INT, kTgRxFramesInt);
	q.reg_write(hw::HOSTCC_TXCOAL_MAXF_INT, kTgTxFramesInt);
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(sblk >> 32));
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(sblk));
	rmw(hw::HOSTCC_MODE, 0, hw::HOSTCC_MODE_ENABLE);
	q.reg_write(hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE | hw::RCVCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	rmw(hw::MAC_MODE, 0, hw::MAC_MODE_FHDE_ENABLE | hw::MAC_MODE_RDE_ENABLE | hw::MAC_MODE_TDE_ENABLE);
	rmw(hw::MAC_MODE, 0, hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR);
	EXPECT_TRUE(q.wait_for_bits(hw::MAC_MODE, hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_CLEAR, 0, kMs))
		<< "the statistics-clear strobes self-clear (§5.1)";
	rmw(hw::MAC_MODE, 0, hw::MAC_MODE_RXSTAT_ENABLE | hw::MAC_MODE_TXSTAT_ENABLE);
	rmw(hw::MAC_EVENT, 0, hw::MAC_EVENT_LNKSTATE_CHANGED);
	rmw(hw::GRC_MODE, 0, hw::GRC_MODE_IRQ_ON_MAC_ATTN);
	q.reg_write(hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE | hw::TG3_WDMAC_MODE_ATTN_ENABLES | hw::WDMAC_MODE_STATUS_TAG_FIX);
	q.reg_write(hw::RDMAC_MODE, hw::RDMAC_MODE_ENABLE | hw::TG3_RDMAC_MODE_ATTN_ENABLES |
					    hw::field_set(hw::RDMAC_MODE_FIFO_LONG_BURST, kTgRdmaBurst) |
					    hw::RDMAC_MODE_JMB_2K_MMRR);
	q.reg_write(hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE);
	q.reg_write(hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE);
	q.reg_write(hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE);
	q.reg_write(hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE);
	q.reg_write(hw::RCVDBDI_MODE, hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ);
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE); /* no multi-segment, no HW pre-DMA */
	q.reg_write(hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE);
	q.reg_write(hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE);
	fill_std(kTgStdEntries);
	q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, kTgStdEntries - 1); /* producer = N - 1 */
	rmw(hw::MAC_TX_MODE, 0, hw::TX_MODE_ENABLE | hw::TX_MODE_MBUF_LOCKUP_FIX);
	q.delay(kTgMacModeNs);
	rmw(hw::MAC_RX_MODE, 0, hw::RX_MODE_PROMISC | hw::RX_MODE_ACCEPT_RUNTS | hw::RX_MODE_RSS_ENABLE | hw::RX_MODE_ENABLE);
	q.delay(kTgMacModeNs);
	q.reg_write(hw::MAC_LED_CTRL, hw::LED_CTRL_MODE_PHY_1);
	misc_host_ctrl &= ~hw::MISC_HOST_CTRL_MASK_PCI_INT;
	q.cfg_write(hw::TG3PCI_MISC_HOST_CTRL, misc_host_ctrl);
	q.set_misc_host_ctrl(misc_host_ctrl);
}

uint16_t Thundergate::phy_poll(uint16_t reg, uint16_t mask, uint16_t want, unsigned polls, uint64_t every)
{
	uint16_t v = 0;
	for (unsigned i = 0; i < polls; i++) {
		if (((v = mdio.read(reg)) & mask) == want)
			return v;
		q.delay(every);
	}
	ADD_FAILURE() << "PHY register " << reg << " never reached " << want;
	return v;
}

bool Thundergate::link_detect() /* GPhy.autonegotiate, then the MAC port mode (§11.5, §11.6) */
{
	mdio.write(hw::MII_BMCR, hw::BMCR_RESET);
	phy_poll(hw::MII_BMCR, hw::BMCR_RESET, 0, kTgPhyPolls, kTgPhyPollNs);
	mdio.write(hw::MII_TG3_AUX_CTRL, kTgAuxCtlReadMisc);
	const uint16_t misc = mdio.read(hw::MII_TG3_AUX_CTRL);
	mdio.write(hw::MII_TG3_AUX_CTRL, misc | kAuxCtlForceAmdix | hw::MII_TG3_AUXCTL_MISC_WREN);
	const uint16_t bmcr = mdio.read(hw::MII_BMCR);
	mdio.write(hw::MII_BMCR, bmcr | hw::BMCR_LOOPBACK);
	mdio.write(hw::MII_BMCR, bmcr & ~hw::BMCR_LOOPBACK);
	mdio.write(hw::MII_ADVERTISE, kTgAnar);
	mdio.write(hw::MII_CTRL1000, kTgCtrl1000);
	mdio.write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
	phy_poll(hw::MII_BMSR, hw::BMSR_ANEGCOMPLETE, hw::BMSR_ANEGCOMPLETE, kTgPhyPolls, kTgAnPollNs);
	const hw::MiiSpeedDuplex sd = hw::tg3_aux_stat_speed_duplex(mdio.read(hw::MII_TG3_AUX_STAT));
	if (sd.speed == 0)
		return false;
	/* port mode per §11.6; full duplex per tg3 (Thundergate's half_duplex = 1 at 1000 is its bug, §16.5) */
	rmw(hw::MAC_MODE, hw::MAC_MODE_PORT_MODE_MASK | hw::MAC_MODE_HALF_DUPLEX,
	    (sd.speed == 1000 ? hw::MAC_MODE_PORT_MODE_GMII : hw::MAC_MODE_PORT_MODE_MII) |
		    (sd.full_duplex ? 0 : hw::MAC_MODE_HALF_DUPLEX));
	return sd.speed == 1000 && sd.full_duplex;
}

} // namespace tg57xx::sim::test::bringup
