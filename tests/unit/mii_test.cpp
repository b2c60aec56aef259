/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MII / PHY (ref §11): tg3's PHY-id packing against the reference table,
 * AUX_STAT speed codes, standard register values.
 */
#include <gtest/gtest.h>

#include "tg57xx_mii.h"

using namespace tg57xx::hw;

/* ref §11.4 table: packed tg3 id and raw PHYSID1/PHYSID2 (revision 0). */
TEST(Mii, PhyIdPacking)
{
	const struct {
		uint32_t id;
		uint16_t physid1, physid2;
	} rows[] = {
		{0xBC050FD0, 0x0143, 0xBFD0}, /* 5761 */
		{0x5C0D8A40, 0x0362, 0x5E40}, /* 57762/57765 */
		{0x5C0D8A00, 0x0362, 0x5E00}, /* 5717/5718 copper */
		{0x5C0D8A20, 0x0362, 0x5E20}, /* 5719 */
		{0x5C0D8B60, 0x0362, 0x5F60}, /* 5720 */
		{0x85803780, 0x600D, 0x8780}, /* 5762 */
	};
	for (const auto &r : rows) {
		EXPECT_EQ(tg3_phy_id_pack(r.physid1, r.physid2), r.id) << std::hex << r.id;
		EXPECT_EQ(tg3_phy_id_physid1(r.id), r.physid1) << std::hex << r.id;
		EXPECT_EQ(tg3_phy_id_physid2(r.id), r.physid2) << std::hex << r.id;
		EXPECT_TRUE(tg3_phy_id_known(r.id));
		/* NIC_SRAM_DATA_PHY_ID carries PHYSID1 << 16 | PHYSID2 (ref §6.1). */
		EXPECT_EQ(tg3_phy_id_from_sram((uint32_t{r.physid1} << 16) | r.physid2), r.id);
	}
	EXPECT_EQ(TG3_PHY_ID_BCM57765, 0x5C0D8A40u);
	EXPECT_EQ(PHYSID2_BCM5762, 0x8780);
	/* The revision nibble is ignored under TG3_PHY_ID_MASK. */
	EXPECT_TRUE(tg3_phy_id_known(tg3_phy_id_pack(0x0362, 0x5E43)));
	EXPECT_EQ(tg3_phy_id_pack(0x0362, 0x5E43) & TG3_PHY_ID_MASK, TG3_PHY_ID_BCM57765);
	/* Not PHYSID1 << 16 | PHYSID2. */
	EXPECT_NE(tg3_phy_id_pack(0x0362, 0x5E40), 0x03625E40u);
	EXPECT_FALSE(tg3_phy_id_known(0x03625E40));
	EXPECT_FALSE(tg3_phy_id_known(TG3_PHY_ID_INVALID));
}

/* ref §11.3: AUX_STAT speed codes. */
TEST(Mii, AuxStatSpeedCodes)
{
	const struct {
		uint16_t aux;
		uint16_t speed;
		bool full;
	} rows[] = {
		{0x0100, 10, false}, {0x0200, 10, true}, {0x0300, 100, false}, {0x0400, 100, false},
		{0x0500, 100, true}, {0x0600, 1000, false}, {0x0700, 1000, true},
	};
	for (const auto &r : rows) {
		const MiiSpeedDuplex sd = tg3_aux_stat_speed_duplex(static_cast<uint16_t>(r.aux | 0x8004));
		EXPECT_EQ(sd.speed, r.speed) << std::hex << r.aux;
		EXPECT_EQ(sd.full_duplex, r.full) << std::hex << r.aux;
	}
	EXPECT_EQ(tg3_aux_stat_speed_duplex(0).speed, 0);
	EXPECT_EQ(tg3_aux_stat_speed_code(1000, true), 0x0700);
	EXPECT_EQ(tg3_aux_stat_speed_code(100, false), 0x0300);
	EXPECT_EQ(tg3_aux_stat_speed_code(10, true), 0x0200);
	EXPECT_EQ(tg3_aux_stat_speed_code(2500, true), 0);
}

TEST(Mii, StandardRegisters)
{
	EXPECT_EQ(MII_BMSR, 0x01);
	EXPECT_EQ(MII_CTRL1000, 0x09);
	EXPECT_EQ(MII_TG3_AUX_STAT, 0x19);
	EXPECT_EQ(BMCR_ANENABLE | BMCR_ANRESTART, 0x1200); /* ref §11.5 */
	/* Thundergate's ANAR 0xDE1: 10/100 H/F, pause, asym, CSMA (ref §11.5). */
	EXPECT_EQ(ADVERTISE_ALL | ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM | ADVERTISE_CSMA, 0x0DE1);
	EXPECT_EQ(ADVERTISE_1000FULL, 0x200); /* Thundergate CTRL1000 */
	EXPECT_EQ(TG3_BMCR_INVALID_READ, 0x7FFF);
}
