/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The personality data table, from the reference (not from the driver's
 * capability table in drivers/common/tg57xx/tg57xx_chip.cpp).
 */
#include "personality.h"

#include <stdexcept>

#include "hw.h"

namespace tg57xx::sim {

namespace {

/* §1.1 device ids (TSV TG3PCI_DEVICE_TIGON3_57762 / _5720). */
constexpr uint16_t kDevice57762 = 0x1682;
constexpr uint16_t kDevice5720 = 0x165F;

/*
 * Subsystem ids are not in the reference; no driver here reads them. The
 * 57762 personality is the Apple Thunderbolt Gigabit Ethernet adapter (§1.1),
 * so it carries Apple's PCI-SIG vendor id; the 5720 a plain Broadcom board.
 * Subsystem device = the device id in both.
 */
constexpr uint16_t kSubsysVendorApple = 0x106B;

/* MISC_HOST_CTRL[31:16] (§1.2): ASIC nibble ASIC_REV_USE_PROD_ID_REG sends
 * drivers to the product-id register; the low 12 bits are not specified and
 * read 0 here. */
constexpr uint16_t kMiscHostCtrlChiprevUseProdId =
	static_cast<uint16_t>(hw::ASIC_REV_USE_PROD_ID_REG << 12);

/* §11.4 raw PHY ids as NIC_SRAM_DATA_PHY_ID carries them: PHYSID1 << 16 | PHYSID2. */
constexpr uint32_t raw_phy_id(uint16_t physid1, uint16_t physid2)
{
	return static_cast<uint32_t>(physid1) << 16 | physid2;
}
constexpr uint32_t kPhyIdBcm57765 = raw_phy_id(hw::PHYSID1_BCM57765, hw::PHYSID2_BCM57765);
constexpr uint32_t kPhyIdBcm5720C = raw_phy_id(hw::PHYSID1_BCM5720C, hw::PHYSID2_BCM5720C);

/*
 * SRAM sizes (§6.1). The reference gives addresses, not sizes:
 * 57762: the rx mbuf pool Thundergate uses ends at 0x10000 + 40 KiB = 0x1A000,
 *        so 128 KiB covers every documented location.
 * 5720:  FreeBSD programs BD caches at 0x40000 / 0x44400, so 320 KiB.
 */
constexpr uint32_t kSramSize57762 = 0x20000;
constexpr uint32_t kSramSize5720 = 0x50000;

/*
 * Mbuf pool the boot code configures (§5.8 "not written on 5750_PLUS (boot
 * code configures the pool)"; §6.1 NIC_SRAM_MBUF_POOL_BASE).
 * 57762: Thundergate's tx+rx mbuf areas, 0x8000 .. 0x10000 + 40 KiB.
 * 5720: from the pool base up to the 5717-family BD caches at 0x40000.
 */
constexpr uint32_t kRxMbufEnd57762 = 0x10000 + 40 * 1024;
constexpr uint32_t kBdCacheBase5717 = 0x40000; /* FreeBSD BGE_STD_RX_RINGS_5717 */

constexpr uint16_t kMaxMtuJumbo = 9000; /* §1.3 */

/* Ring and RCB counts: §1.3 table. */
const ChipPersonality kBcm57762 = {
	.info = {
		.chip = Personality::BCM57762,
		.name = "BCM57762",
		.device_id = kDevice57762,
		/* B0: non-AX, so the §15 57765-class errata apply (PADRNG, FTS max). */
		.chip_rev_id = hw::CHIPREV_ID_57765_B0,
		.prodid_reg = hw::TG3PCI_GEN15_PRODID_ASICREV,
		.sram_size = kSramSize57762,
		.std_ring_entries = 512,
		.jumbo_ring_entries = 256,
		.ret_ring_entries = 1024,
		.send_ring_entries = 512,
		.send_rcbs = 2,
		.ret_rcbs = 4,
		.rss_rings = 4,
		.tx_rings = 1,
		.msix_vectors = hw::TG3_IRQ_MAX_VECS,
		.max_mtu = kMaxMtuJumbo,
		.has_ape = false,
		.phy_id = kPhyIdBcm57765,
	},
	.subsys_vendor = kSubsysVendorApple,
	.subsys_id = kDevice57762,
	.misc_host_ctrl_chiprev = kMiscHostCtrlChiprevUseProdId,
	.phy_addr_per_function = false,
	.functions = 1,
	.cpmu_status_fmask = 0,
	.cpmu_status_fshift = 0,
	.mbuf_pool_base = hw::NIC_SRAM_MBUF_POOL_BASE,
	.mbuf_pool_size = kRxMbufEnd57762 - hw::NIC_SRAM_MBUF_POOL_BASE,
	.is_57765_class = true,
	.is_5717_plus = false,
	.rdma_tx_length_wa_bit = 0,
};

const ChipPersonality kBcm5720 = {
	.info = {
		.chip = Personality::BCM5720,
		.name = "BCM5720",
		.device_id = kDevice5720,
		.chip_rev_id = hw::CHIPREV_ID_5720_A0,
		.prodid_reg = hw::TG3PCI_GEN2_PRODID_ASICREV,
		.sram_size = kSramSize5720,
		.std_ring_entries = 2048,
		.jumbo_ring_entries = 1024,
		.ret_ring_entries = 4096,
		.send_ring_entries = 512,
		.send_rcbs = 4,
		.ret_rcbs = 17,
		.rss_rings = 4,
		.tx_rings = 4, /* TSS: 5719/5720 only (§1.3, §10.7) */
		.msix_vectors = hw::TG3_IRQ_MAX_VECS,
		.max_mtu = kMaxMtuJumbo,
		.has_ape = true,
		.phy_id = kPhyIdBcm5720C,
	},
	.subsys_vendor = hw::TG3PCI_VENDOR_BROADCOM,
	.subsys_id = kDevice5720,
	.misc_host_ctrl_chiprev = kMiscHostCtrlChiprevUseProdId,
	.phy_addr_per_function = true, /* §11.1: 5717_PLUS PHY address = function + 1 */
	.functions = 2,                /* dual-port part */
	.cpmu_status_fmask = hw::TG3_CPMU_STATUS_FMSK_5719,
	.cpmu_status_fshift = hw::TG3_CPMU_STATUS_FSHFT_5719,
	.mbuf_pool_base = hw::NIC_SRAM_MBUF_POOL_BASE,
	.mbuf_pool_size = kBdCacheBase5717 - hw::NIC_SRAM_MBUF_POOL_BASE,
	.is_57765_class = false,
	.is_5717_plus = true,
	.rdma_tx_length_wa_bit = hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720,
};

} // namespace

const ChipPersonality &chip_personality(Personality chip)
{
	switch (chip) {
	case Personality::BCM57762: return kBcm57762;
	case Personality::BCM5720: return kBcm5720;
	}
	throw std::invalid_argument("tg57xx_sim: unknown personality");
}

const PersonalityInfo &personality_info(Personality chip)
{
	return chip_personality(chip).info;
}

} // namespace tg57xx::sim
