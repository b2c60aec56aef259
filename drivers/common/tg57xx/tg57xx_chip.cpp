/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Chip identification and the per-family capability table (ref §1.2, §1.3).
 */
#include "tg57xx_chip.h"

#include <iterator>

#include "tg57xx_desc.h"
#include "tg57xx_mii.h"

namespace tg57xx::hw {

namespace {

/* tg3 family flags implied by each ASIC revision (tg3_detect_asic_rev). */
constexpr uint32_t kFam5755Plus = FAM_5705_PLUS | FAM_5750_PLUS | FAM_5755_PLUS;
constexpr uint32_t kFam57765Plus = kFam5755Plus | FAM_57765_PLUS;
constexpr uint32_t kFam57765Class = kFam57765Plus | FAM_57765_CLASS;
constexpr uint32_t kFam5717Plus = kFam57765Plus | FAM_5717_PLUS;

constexpr uint8_t kIrqMsiOnly = 1; /* 5761: MSI (one-shot), no MSI-X */

/*
 * ref §1.3, one row per column of the table. Ring sizes per tg3:
 * TG3_RX_STD_RING_SIZE (5717_PLUS and 5762 use the large std ring),
 * tg3_rx_ret_ring_size (5717_PLUS 4096, jumbo-capable 1024, else 512).
 */
constexpr ChipCaps kCaps5761 = {
	.family_name = "5761", .families = kFam5755Plus,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5700, .jumbo_ring_entries = 0,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5705, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 1, .ret_rcbs = 1, .rss_rings = 0, .tx_rings = 1,
	.tso = TsoKind::HW_TSO_2, .max_mtu = TG3_MAX_MTU_STD, .has_ape = true,
	.phy_id = TG3_PHY_ID_BCM5761, .irq_max = kIrqMsiOnly,
	.tx_bd_dma_limit = 0, .tx_bd_dma_limit_std_mtu_only = false,
};

constexpr ChipCaps kCaps57765 = {
	.family_name = "57765", .families = kFam57765Class,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5700, .jumbo_ring_entries = TG3_RX_JMB_MAX_SIZE_5700,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5700, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 2, .ret_rcbs = 4, .rss_rings = TG3_RSS_MAX_NUM_QS, .tx_rings = 1,
	.tso = TsoKind::HW_TSO_3, .max_mtu = TG3_MAX_MTU_JUMBO, .has_ape = false,
	.phy_id = TG3_PHY_ID_BCM57765, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = 0, .tx_bd_dma_limit_std_mtu_only = false,
};

/* PHY id: the reference lists BCM57765 for the 57766 as UNCONFIRMED. */
constexpr ChipCaps kCaps57766 = {
	.family_name = "57766", .families = kFam57765Class,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5700, .jumbo_ring_entries = TG3_RX_JMB_MAX_SIZE_5700,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5700, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 2, .ret_rcbs = 4, .rss_rings = TG3_RSS_MAX_NUM_QS, .tx_rings = 1,
	.tso = TsoKind::HW_TSO_3, .max_mtu = TG3_MAX_MTU_JUMBO, .has_ape = false,
	.phy_id = TG3_PHY_ID_BCM57765, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = TG3_TX_BD_DMA_MAX_2K, .tx_bd_dma_limit_std_mtu_only = true,
};

/* 5717 and 5718 (same ASIC rev). Copper PHY id; SerDes ports report
 * TG3_PHY_ID_BCM5718S. */
constexpr ChipCaps kCaps5717 = {
	.family_name = "5717", .families = kFam5717Plus,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5717, .jumbo_ring_entries = TG3_RX_JMB_MAX_SIZE_5717,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5717, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 4, .ret_rcbs = 17, .rss_rings = TG3_RSS_MAX_NUM_QS, .tx_rings = 1,
	.tso = TsoKind::HW_TSO_3, .max_mtu = TG3_MAX_MTU_JUMBO, .has_ape = true,
	.phy_id = TG3_PHY_ID_BCM5718C, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = 0, .tx_bd_dma_limit_std_mtu_only = false,
};

constexpr ChipCaps kCaps5719 = {
	.family_name = "5719", .families = kFam5717Plus,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5717, .jumbo_ring_entries = TG3_RX_JMB_MAX_SIZE_5717,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5717, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 4, .ret_rcbs = 17, .rss_rings = TG3_RSS_MAX_NUM_QS,
	.tx_rings = TG3_RSS_MAX_NUM_QS,
	.tso = TsoKind::HW_TSO_3, .max_mtu = TG3_MAX_MTU_JUMBO, .has_ape = true,
	.phy_id = TG3_PHY_ID_BCM5719C, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = TG3_TX_BD_DMA_MAX_4K, .tx_bd_dma_limit_std_mtu_only = false,
};

/* 5719 A0: no TSO and no jumbo (ref §1.3, §15). */
constexpr ChipCaps kCaps5719A0 = {
	.family_name = "5719 A0", .families = kFam5717Plus,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5717, .jumbo_ring_entries = 0,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5717, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 4, .ret_rcbs = 17, .rss_rings = TG3_RSS_MAX_NUM_QS,
	.tx_rings = TG3_RSS_MAX_NUM_QS,
	.tso = TsoKind::NONE, .max_mtu = TG3_MAX_MTU_STD, .has_ape = true,
	.phy_id = TG3_PHY_ID_BCM5719C, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = TG3_TX_BD_DMA_MAX_4K, .tx_bd_dma_limit_std_mtu_only = false,
};

/* 5720, and 5717 C0 (rewritten to 5720 A0 by identify_chip). */
constexpr ChipCaps kCaps5720 = {
	.family_name = "5720", .families = kFam5717Plus,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5717, .jumbo_ring_entries = TG3_RX_JMB_MAX_SIZE_5717,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5717, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 4, .ret_rcbs = 17, .rss_rings = TG3_RSS_MAX_NUM_QS,
	.tx_rings = TG3_RSS_MAX_NUM_QS,
	.tso = TsoKind::HW_TSO_3, .max_mtu = TG3_MAX_MTU_JUMBO, .has_ape = true,
	.phy_id = TG3_PHY_ID_BCM5720C, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = 0, .tx_bd_dma_limit_std_mtu_only = false,
};

/* 5762, 5725, 5727: 57765_PLUS but neither 57765_CLASS nor 5717_PLUS. */
constexpr ChipCaps kCaps5762 = {
	.family_name = "5762", .families = kFam57765Plus,
	.std_ring_entries = TG3_RX_STD_MAX_SIZE_5717, .jumbo_ring_entries = TG3_RX_JMB_MAX_SIZE_5717,
	.ret_ring_entries = TG3_RX_RET_MAX_SIZE_5717, .send_ring_entries = TG3_TX_RING_SIZE,
	.send_rcbs = 2, .ret_rcbs = 4, .rss_rings = TG3_RSS_MAX_NUM_QS, .tx_rings = 1,
	.tso = TsoKind::HW_TSO_3, .max_mtu = TG3_MAX_MTU_JUMBO, .has_ape = true,
	.phy_id = TG3_PHY_ID_BCM5762, .irq_max = TG3_IRQ_MAX_VECS,
	.tx_bd_dma_limit = 0, .tx_bd_dma_limit_std_mtu_only = false,
};

/* Every row, in one place: CapsRef holds an index into this. */
constexpr const ChipCaps *kCapsRows[] = {
	&kCaps5761, &kCaps57765, &kCaps57766, &kCaps5717, &kCaps5719, &kCaps5719A0, &kCaps5720, &kCaps5762,
};

} // namespace

CapsRef::CapsRef(const ChipCaps *row) noexcept
{
	for (size_t i = 0; row != nullptr && i < std::size(kCapsRows); i++)
		if (kCapsRows[i] == row)
			index_ = static_cast<uint8_t>(i);
}

const ChipCaps *CapsRef::get() const noexcept
{
	return index_ < std::size(kCapsRows) ? kCapsRows[index_] : nullptr;
}

const ChipCaps *caps_for_asic(uint32_t asic) noexcept
{
	switch (asic) {
	case ASIC_REV_5761: return &kCaps5761;
	case ASIC_REV_57765: return &kCaps57765;
	case ASIC_REV_57766: return &kCaps57766;
	case ASIC_REV_5717: return &kCaps5717;
	case ASIC_REV_5719: return &kCaps5719;
	case ASIC_REV_5720: return &kCaps5720;
	case ASIC_REV_5762: return &kCaps5762;
	default: return nullptr;
	}
}

std::optional<ChipId> identify_chip(uint32_t misc_host_ctrl, uint32_t prodid_value) noexcept
{
	uint32_t id = misc_host_ctrl >> MISC_HOST_CTRL_CHIPREV_SHIFT;
	if (asic_rev(id) == ASIC_REV_USE_PROD_ID_REG)
		id = prodid_value; /* full 32-bit id, not masked: see tg57xx_chip.h */
	if (id == CHIPREV_ID_5717_C0)
		id = CHIPREV_ID_5720_A0;

	const uint32_t asic = asic_rev(id);
	const ChipCaps *caps = id == CHIPREV_ID_5719_A0 ? &kCaps5719A0 : caps_for_asic(asic);
	if (caps == nullptr)
		return std::nullopt;
	return ChipId{id, asic, caps};
}

} // namespace tg57xx::hw
