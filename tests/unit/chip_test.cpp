/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI ids (ref §1.1), chip identification (ref §1.2) and the capability
 * table (ref §1.3).
 */
#include <iterator>
#include <set>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include "tg57xx_chip.h"
#include "tg57xx_mii.h"

using namespace tg57xx::hw;

namespace {

struct ExpectedId {
	uint16_t device;
	const char *name;
	uint32_t prodid_reg;
};

/* ref §1.1 table; product-id register per ref §1.2 step 3. */
const ExpectedId kExpectedIds[] = {
	{0x1682, "BCM57762", 0xFC}, {0x16B4, "BCM57765", 0xFC}, {0x1686, "BCM57766", 0xFC},
	{0x16B0, "BCM57761", 0xFC}, {0x16B1, "BCM57781", 0xFC}, {0x16B5, "BCM57785", 0xFC},
	{0x16B2, "BCM57791", 0xFC}, {0x16B6, "BCM57795", 0xFC}, {0x16B7, "BCM57782", 0xFC},
	{0x16B3, "BCM57786", 0xFC}, {0x1642, "BCM57764", 0xF4}, {0x1683, "BCM57767", 0xF4},
	{0x1641, "BCM57787", 0xF4}, {0x1681, "BCM5761", 0xBC}, {0x1680, "BCM5761E", 0xBC},
	{0x1688, "BCM5761S", 0xBC}, {0x1689, "BCM5761SE", 0xBC}, {0x1655, "BCM5717", 0xF4},
	{0x1665, "BCM5717_C", 0xF4}, {0x1656, "BCM5718", 0xF4}, {0x1657, "BCM5719", 0xF4},
	{0x165F, "BCM5720", 0xF4}, {0x1687, "BCM5762", 0xF4}, {0x1643, "BCM5725", 0xF4},
	{0x16F3, "BCM5727", 0xF4},
};

/* MISC_HOST_CTRL with ASIC nibble 0xF ("use the product-id register") and
 * the driver's own low bits set. */
constexpr uint32_t kMiscUseProdId = 0xF0000000u | 0x0000029Au;

} // namespace

TEST(PciIds, TableMatchesReference)
{
	EXPECT_EQ(std::size(kPciIds), 25u);
	EXPECT_EQ(TG3PCI_VENDOR_BROADCOM, 0x14E4);
	for (const auto &e : kExpectedIds) {
		const PciId *id = find_pci_id(e.device);
		ASSERT_NE(id, nullptr) << std::hex << e.device;
		EXPECT_STREQ(id->name, e.name);
		EXPECT_EQ(prodid_reg_offset(id->prodid), e.prodid_reg) << e.name;
	}
	std::set<uint16_t> devices;
	for (const PciId &id : kPciIds)
		EXPECT_TRUE(devices.insert(id.device).second) << std::hex << id.device;
}

TEST(PciIds, UnknownIdsNotFound)
{
	EXPECT_EQ(find_pci_id(0x1658), nullptr); /* BCM5720_PP, "not released to public" */
	EXPECT_EQ(find_pci_id(0x1684), nullptr);
	EXPECT_EQ(find_pci_id(0x0000), nullptr);
	EXPECT_EQ(find_pci_id(0xFFFF), nullptr);
}

TEST(PciIds, Tg3Names)
{
	EXPECT_EQ(TG3PCI_DEVICE_TIGON3_57762, 0x1682);
	EXPECT_EQ(TG3PCI_DEVICE_TIGON3_5720, 0x165F);
	EXPECT_EQ(PCI_DEVICE_ID_TIGON3_5761, 0x1681);
	EXPECT_STREQ(find_pci_id(TG3PCI_DEVICE_TIGON3_5717_C)->name, "BCM5717_C");
	EXPECT_EQ(prodid_reg_offset(ProdIdReg::PRODID_GEN15), TG3PCI_GEN15_PRODID_ASICREV);
	EXPECT_EQ(prodid_reg_offset(ProdIdReg::PRODID_GEN2), TG3PCI_GEN2_PRODID_ASICREV);
	EXPECT_EQ(prodid_reg_offset(ProdIdReg::PRODID_LEGACY), TG3PCI_PRODID_ASICREV);
}

/* ref §1.2: a 57762 A0 reports nibble 0xF in config 0x68 and 0x57785000 in 0xFC. */
TEST(Identify, Bcm57762ViaGen15)
{
	const auto id = identify_chip(kMiscUseProdId, 0x57785000);
	ASSERT_TRUE(id.has_value());
	EXPECT_EQ(id->chip_rev_id, 0x57785000u); /* full 32 bits, not masked to 0x07785000 */
	EXPECT_EQ(id->asic, 0x57785u);
	ASSERT_NE(id->caps, nullptr);
	EXPECT_STREQ(id->caps->family_name, "57765");
	EXPECT_TRUE(id->caps->has(FAM_57765_CLASS));
	EXPECT_TRUE(chip_is_57765_ax(id->chip_rev_id));
	EXPECT_FALSE(chip_is_57765_ax(0x57785100)); /* B0 */
}

TEST(Identify, Bcm5720ViaGen2)
{
	const auto id = identify_chip(kMiscUseProdId, 0x05720000);
	ASSERT_TRUE(id.has_value());
	EXPECT_EQ(id->asic, 0x5720u);
	EXPECT_STREQ(id->caps->family_name, "5720");
	EXPECT_EQ(id->caps->tx_rings, 4);
}

/* ref §1.2 step 4: 5717_C0 (0x05717200) is treated as 5720_A0 (0x05720000). */
TEST(Identify, Bcm5717C0BecomesBcm5720A0)
{
	const auto id = identify_chip(kMiscUseProdId, 0x05717200);
	ASSERT_TRUE(id.has_value());
	EXPECT_EQ(id->chip_rev_id, 0x05720000u);
	EXPECT_EQ(id->asic, 0x5720u);
	EXPECT_STREQ(id->caps->family_name, "5720");

	const auto a0 = identify_chip(kMiscUseProdId, 0x05717000);
	ASSERT_TRUE(a0.has_value());
	EXPECT_EQ(a0->chip_rev_id, 0x05717000u);
	EXPECT_STREQ(a0->caps->family_name, "5717");
}

/* 5761: legacy product-id register 0xBC (ref §1.2), FreeBSD BCM5761_A1. */
TEST(Identify, Bcm5761Legacy)
{
	const auto id = identify_chip(kMiscUseProdId, 0x05761100);
	ASSERT_TRUE(id.has_value());
	EXPECT_EQ(id->asic, 0x5761u);
	EXPECT_STREQ(id->caps->family_name, "5761");
	EXPECT_EQ(id->caps->tso, TsoKind::HW_TSO_2);
}

TEST(Identify, ProductIdOnlyConsultedForNibbleF)
{
	/* A 16-bit chip id with asic nibble 2 (5704): prodid ignored, unsupported. */
	EXPECT_FALSE(identify_chip(0x20030000u, 0x05720000).has_value());
}

TEST(Identify, UnknownAsicIsNullopt)
{
	EXPECT_FALSE(identify_chip(kMiscUseProdId, 0x05784000).has_value()); /* 5784 */
	EXPECT_FALSE(identify_chip(kMiscUseProdId, 0xFFFFFFFF).has_value()); /* failed read */
	EXPECT_FALSE(identify_chip(kMiscUseProdId, 0x0000000F).has_value());
	EXPECT_EQ(caps_for_asic(0x5784), nullptr);
	EXPECT_EQ(caps_for_asic(0xF), nullptr);
}

/* ref §1.3 / §15: 5719 A0 has no TSO and no jumbo. */
TEST(Identify, Bcm5719A0Quirks)
{
	const auto a0 = identify_chip(kMiscUseProdId, 0x05719000);
	ASSERT_TRUE(a0.has_value());
	EXPECT_EQ(a0->asic, 0x5719u);
	EXPECT_EQ(a0->caps->jumbo_ring_entries, 0);
	EXPECT_EQ(a0->caps->tso, TsoKind::NONE);
	EXPECT_EQ(a0->caps->max_mtu, 1500);
	const auto b0 = identify_chip(kMiscUseProdId, 0x05719100);
	ASSERT_TRUE(b0.has_value());
	EXPECT_EQ(b0->caps->jumbo_ring_entries, 1024);
	EXPECT_EQ(b0->caps->tso, TsoKind::HW_TSO_3);
	EXPECT_EQ(b0->caps, caps_for_asic(0x5719));
}

/* Every column of ref §1.3 (tg3 numbers; FreeBSD's 16 return RCBs noted there). */
TEST(Caps, TableMatchesReference)
{
	struct Row {
		uint32_t asic;
		uint16_t std, jumbo, ret, send;
		uint8_t send_rcbs, ret_rcbs, rss, tss;
		TsoKind tso;
		uint16_t mtu;
		bool ape;
		uint32_t phy_id;
		uint8_t irq_max;
		uint16_t dma_limit;
	};
	const Row rows[] = {
		{0x5761, 512, 0, 512, 512, 1, 1, 0, 1, TsoKind::HW_TSO_2, 1500, true, 0xBC050FD0, 1, 0},
		{0x57785, 512, 256, 1024, 512, 2, 4, 4, 1, TsoKind::HW_TSO_3, 9000, false, 0x5C0D8A40, 5, 0},
		{0x57766, 512, 256, 1024, 512, 2, 4, 4, 1, TsoKind::HW_TSO_3, 9000, false, 0x5C0D8A40, 5, 2048},
		{0x5717, 2048, 1024, 4096, 512, 4, 17, 4, 1, TsoKind::HW_TSO_3, 9000, true, 0x5C0D8A00, 5, 0},
		{0x5719, 2048, 1024, 4096, 512, 4, 17, 4, 4, TsoKind::HW_TSO_3, 9000, true, 0x5C0D8A20, 5, 4096},
		{0x5720, 2048, 1024, 4096, 512, 4, 17, 4, 4, TsoKind::HW_TSO_3, 9000, true, 0x5C0D8B60, 5, 0},
		{0x5762, 2048, 1024, 4096, 512, 2, 4, 4, 1, TsoKind::HW_TSO_3, 9000, true, 0x85803780, 5, 0},
	};
	for (const Row &r : rows) {
		const ChipCaps *c = caps_for_asic(r.asic);
		ASSERT_NE(c, nullptr) << std::hex << r.asic;
		SCOPED_TRACE(c->family_name);
		EXPECT_EQ(c->std_ring_entries, r.std);
		EXPECT_EQ(c->jumbo_ring_entries, r.jumbo);
		EXPECT_EQ(c->ret_ring_entries, r.ret);
		EXPECT_EQ(c->send_ring_entries, r.send);
		EXPECT_EQ(c->send_rcbs, r.send_rcbs);
		EXPECT_EQ(c->ret_rcbs, r.ret_rcbs);
		EXPECT_EQ(c->rss_rings, r.rss);
		EXPECT_EQ(c->tx_rings, r.tss);
		EXPECT_EQ(c->tso, r.tso);
		EXPECT_EQ(c->max_mtu, r.mtu);
		EXPECT_EQ(c->has_ape, r.ape);
		EXPECT_EQ(c->phy_id, r.phy_id);
		EXPECT_EQ(c->irq_max, r.irq_max);
		EXPECT_EQ(c->tx_bd_dma_limit, r.dma_limit);
	}
	EXPECT_TRUE(caps_for_asic(0x57766)->tx_bd_dma_limit_std_mtu_only); /* 2K only if MTU <= 1500 */
	EXPECT_FALSE(caps_for_asic(0x5719)->tx_bd_dma_limit_std_mtu_only);
}

/* ref §0.2 family flags. */
TEST(Caps, FamilyFlags)
{
	const ChipCaps *c5761 = caps_for_asic(ASIC_REV_5761);
	EXPECT_TRUE(c5761->has(FAM_5755_PLUS) && c5761->has(FAM_5750_PLUS) && c5761->has(FAM_5705_PLUS));
	EXPECT_FALSE(c5761->has(FAM_57765_PLUS));
	for (uint32_t asic : {ASIC_REV_57765, ASIC_REV_57766}) {
		const ChipCaps *c = caps_for_asic(asic);
		EXPECT_TRUE(c->has(FAM_57765_CLASS) && c->has(FAM_57765_PLUS) && c->has(FAM_5755_PLUS));
		EXPECT_FALSE(c->has(FAM_5717_PLUS));
	}
	for (uint32_t asic : {ASIC_REV_5717, ASIC_REV_5719, ASIC_REV_5720}) {
		const ChipCaps *c = caps_for_asic(asic);
		EXPECT_TRUE(c->has(FAM_5717_PLUS) && c->has(FAM_57765_PLUS));
		EXPECT_FALSE(c->has(FAM_57765_CLASS));
	}
	const ChipCaps *c5762 = caps_for_asic(ASIC_REV_5762);
	EXPECT_TRUE(c5762->has(FAM_57765_PLUS));
	EXPECT_FALSE(c5762->has(FAM_5717_PLUS) || c5762->has(FAM_57765_CLASS));
}

/* ref §11.1: address 1; 5717_PLUS: function + 1, +7 for SerDes. */
TEST(Caps, PhyAddress)
{
	EXPECT_EQ(tg3_phy_mii_addr(*caps_for_asic(ASIC_REV_57765), 1, false), 1u);
	EXPECT_EQ(tg3_phy_mii_addr(*caps_for_asic(ASIC_REV_5762), 0, false), 1u);
	EXPECT_EQ(tg3_phy_mii_addr(*caps_for_asic(ASIC_REV_5720), 0, false), 1u);
	EXPECT_EQ(tg3_phy_mii_addr(*caps_for_asic(ASIC_REV_5720), 1, false), 2u);
	EXPECT_EQ(tg3_phy_mii_addr(*caps_for_asic(ASIC_REV_5719), 3, true), 11u);
}

namespace tg57xx::hw {
namespace {

/* ChipId sits in memory shared with secondary processes: no addresses inside. */
static_assert(std::is_trivially_copyable_v<ChipId>);
static_assert(sizeof(CapsRef) == 1, "CapsRef holds an index, not a pointer");

TEST(CapsRef, EveryRowRoundTripsByIndex)
{
	for (uint32_t asic : {ASIC_REV_5761, ASIC_REV_57765, ASIC_REV_57766, ASIC_REV_5717, ASIC_REV_5719,
			      ASIC_REV_5720, ASIC_REV_5762}) {
		const ChipCaps *row = caps_for_asic(asic);
		ASSERT_NE(row, nullptr);
		CapsRef ref(row);
		EXPECT_EQ(ref.get(), row);
		EXPECT_EQ(ref->family_name, row->family_name);
	}
	auto a0 = identify_chip(kMiscUseProdId, CHIPREV_ID_5719_A0);
	ASSERT_TRUE(a0.has_value());
	EXPECT_NE(a0->caps.get(), caps_for_asic(ASIC_REV_5719)); /* its own row survives too */
	EXPECT_EQ(CapsRef().get(), nullptr);
	EXPECT_EQ(CapsRef(nullptr).get(), nullptr);
}

} // namespace
} // namespace tg57xx::hw
