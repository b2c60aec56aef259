/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register map: field helpers, multi-instance helpers, derived values and the
 * register-name table. Expected values are the reference's (ref §n, TSV).
 */
#include <cstring>
#include <set>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include "tg57xx_regs.h"

using namespace tg57xx::hw;

namespace {

/* Out-of-range arguments must fail constant evaluation (not compile). */
template <uint32_t Mask, uint32_t Value>
concept FieldFits = requires { typename std::integral_constant<uint32_t, field_set(Mask, Value)>; };
static_assert(FieldFits<TX_LENGTHS_IPG_MASK, 15>);
static_assert(!FieldFits<TX_LENGTHS_IPG_MASK, 16>);
static_assert(FieldFits<MI_COM_PHY_ADDR_MASK, 31>);
static_assert(!FieldFits<MI_COM_PHY_ADDR_MASK, 32>);

template <uint32_t Mask>
concept UsableMask = requires { typename std::integral_constant<unsigned, field_shift(Mask)>; };
static_assert(UsableMask<0x00000F00>);
static_assert(!UsableMask<0>);
static_assert(!UsableMask<0x00000F0F>);

template <unsigned N>
concept MacSlot = requires { typename std::integral_constant<uint32_t, MAC_ADDR_HIGH(N)>; };
static_assert(MacSlot<3>);
static_assert(!MacSlot<4>); /* ref §5.1: 4 slots */

template <unsigned V>
concept ExtraVector = requires { typename std::integral_constant<uint32_t, HOSTCC_STATBLCK_RING(V)>; };
static_assert(ExtraVector<1> && ExtraVector<4>);
static_assert(!ExtraVector<0> && !ExtraVector<5>);

} // namespace

TEST(Field, GetSetReplace)
{
	EXPECT_EQ(field_set(TX_LENGTHS_IPG_MASK, 6), 0x00000600u);
	EXPECT_EQ(field_set(GRC_MISC_CFG_PRESCALAR_MASK, 65), 0x00000082u); /* ref §5.11 */
	EXPECT_EQ(field_get(MI_COM_PHY_ADDR_MASK, 0x28210000u), 1u);
	EXPECT_EQ(field_get(MI_COM_REG_ADDR_MASK, 0x28210000u), 1u);
	EXPECT_EQ(field_replace(0xFFFFFFFFu, TX_LENGTHS_IPG_MASK, 0), 0xFFFFF0FFu);
	EXPECT_EQ(field_max(MI_COM_REG_ADDR_MASK), 31u);
	EXPECT_TRUE(field_fits(TX_LENGTHS_IPG_MASK, 15));
	EXPECT_FALSE(field_fits(TX_LENGTHS_IPG_MASK, 16));
	/* At run time an oversized value is truncated to the field, like tg3's macros. */
	volatile uint32_t oversized = 0x1F;
	EXPECT_EQ(field_set(TX_LENGTHS_IPG_MASK, oversized), 0x00000F00u);
}

TEST(Regs, ValuesTg3LeavesUnnamed)
{
	EXPECT_EQ(MAC_TX_LENGTHS_TG3_DEFAULT, 0x2620u); /* ref §5.1 */
	EXPECT_EQ(field_get(TX_LENGTHS_IPG_CRS_MASK, MAC_TX_LENGTHS_TG3_DEFAULT), 2u);
	EXPECT_EQ(field_get(TX_LENGTHS_IPG_MASK, MAC_TX_LENGTHS_TG3_DEFAULT), 6u);
	EXPECT_EQ(field_get(TX_LENGTHS_SLOT_TIME_MASK, MAC_TX_LENGTHS_TG3_DEFAULT), 32u);

	EXPECT_EQ(RCVLPC_CONFIG_TG3_VALUE, 0x181u); /* ref §5.4, Thundergate decode */
	EXPECT_EQ(field_get(RCVLPC_CONFIG_DEF_INT_DIST_QUEUE_MASK, 0x181), 0u);
	EXPECT_EQ(field_get(RCVLPC_CONFIG_BAD_FRAMES_CLASS_MASK, 0x181), 1u);
	EXPECT_EQ(field_get(RCVLPC_CONFIG_ACTIVE_LISTS_MASK, 0x181), 16u);
	EXPECT_EQ(field_get(RCVLPC_CONFIG_LISTS_PER_GROUP_MASK, 0x181), 1u);

	EXPECT_EQ(GRC_MISC_CFG_NO_PCIE_LINK_RESET, 1u << 29); /* ref §5.11 bit 29 */
	EXPECT_EQ(TG3_TIMER_PRESCALER_66MHZ_FIELD, 0x82u);
	EXPECT_EQ(TG3_DMA_RWCTRL_5761, (7u << 28) | (6u << 24) | 0x00180000u); /* ref §3 */
	EXPECT_EQ(TG3_GRC_MODE_SWAP_LE, 0x00000020u | 0x00000010u | 0x00000004u); /* ref §2.3 */
	EXPECT_EQ(TG3_MISC_HOST_CTRL_INIT, 0x2u | 0x8u | 0x80u | 0x10u); /* ref §12.1 */
	EXPECT_EQ(TG3_HOSTCC_COALESCE_MODE, 0x100u | 0x200u | 0x400u); /* ref §5.6 */
	EXPECT_EQ(TG3_NVRAM_CMD_READ_DWORD, 0x10u | 0x80u | 0x100u | 0x08u); /* ref §5.12 */
	EXPECT_EQ(TG3_RX_MTU_OVERHEAD + 1500, 1522u); /* ref §5.1 */
	EXPECT_EQ(SNDDATAI_MODE_HW_PRE_DMA, 0x8u);
	EXPECT_EQ(TG3_PCIE_TLDLPL_PORT_DATA_FIFO_PROT, 1u << 25);
	EXPECT_EQ(NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT, 0xB49A89ABu); /* ref §6.2 */
}

TEST(Regs, MultiInstanceHelpers)
{
	const uint32_t addr_high[] = {0x410, 0x418, 0x420, 0x428};
	const uint32_t addr_low[] = {0x414, 0x41C, 0x424, 0x42C};
	for (unsigned n = 0; n < 4; n++) {
		EXPECT_EQ(MAC_ADDR_HIGH(n), addr_high[n]) << n;
		EXPECT_EQ(MAC_ADDR_LOW(n), addr_low[n]) << n;
	}
	EXPECT_EQ(MAC_HASH_REG(3), 0x47Cu);
	EXPECT_EQ(MAC_RCV_RULE(15), 0x4F8u);
	EXPECT_EQ(MAC_RCV_VALUE(15), 0x4FCu);
	EXPECT_EQ(MAC_EXTADDR_HIGH(11), 0x530u + 8 * 11); /* ref §5.1: 0x0530 + 8n */
	EXPECT_EQ(MAC_RSS_INDIR_TBL(15), 0x66Cu);
	EXPECT_EQ(MAC_RSS_HASH_KEY(9), 0x694u);
	EXPECT_EQ(MAILBOX_INTERRUPT(3), 0x218u);
	EXPECT_EQ(MAILBOX_RCVRET_CON_IDX(15), 0x2F8u);
	EXPECT_EQ(MAILBOX_SNDHOST_PROD_IDX(15), 0x378u);
	EXPECT_EQ(MAILBOX_SNDNIC_PROD_IDX(0), 0x380u);
	EXPECT_EQ(TG3_RX_STD_PROD_IDX_REG, 0x26Cu);
	EXPECT_EQ(TG3_RX_JMB_PROD_IDX_REG, 0x274u);
	EXPECT_EQ(grcmbox_alias(MAILBOX_RCV_STD_PROD_IDX), 0x5868u); /* ref §4.1 */
	EXPECT_EQ(SNDBDS_SEL_CON_IDX(1), 0x1444u);
	EXPECT_EQ(SNDBDI_IN_PROD_IDX(1), 0x180Cu);
	EXPECT_EQ(RCVDBDI_BD_PROD_IDX(1), 0x2484u);
	EXPECT_EQ(HOSTCC_RET_PROD_IDX(1), 0x3C84u);
	EXPECT_EQ(HOSTCC_SND_CON_IDX(1), 0x3CC4u);
	EXPECT_EQ(HOSTCC_RXCOL_TICKS_VEC(2), 0x3D80u + 0x18); /* ref §5.6: stride 0x18 */
	EXPECT_EQ(HOSTCC_TXCOAL_MAXF_INT_VEC(1), 0x3D94u);
	EXPECT_EQ(TG3_RDMA_LENGTH_N(3), 0x4BE0u + 12);
	EXPECT_EQ(NIC_SRAM_SEND_RCB_N(1), 0x110u);
	EXPECT_EQ(NIC_SRAM_RCV_RET_RCB_N(3), 0x230u);
	EXPECT_EQ(NIC_SRAM_RCV_RET_RCB_N(16), 0x300u); /* tg3's 17th return RCB */
}

/* ref §4.4 table / TSV TG3_VECn_* (derived by running tg3's loop). */
TEST(Regs, PerVectorMap)
{
	struct Row {
		uint32_t int_mbox, rxret, txprod, statblk, coal_now;
	};
	const Row rows[] = {
		{0x204, 0x284, 0x304, 0x3C38, 0x00000008},
		{0x20C, 0x284, 0x304, 0x3D00, 0x00002000},
		{0x214, 0x28C, 0x300, 0x3D08, 0x00004000},
		{0x21C, 0x294, 0x30C, 0x3D10, 0x00008000},
		{0x224, 0x29C, 0x308, 0x3D18, 0x00010000},
	};
	for (unsigned v = 0; v < 5; v++) {
		EXPECT_EQ(TG3_VEC_INT_MBOX(v), rows[v].int_mbox) << v;
		EXPECT_EQ(TG3_VEC_RXRET_CONS_MBOX(v), rows[v].rxret) << v;
		EXPECT_EQ(TG3_VEC_TX_PROD_MBOX(v), rows[v].txprod) << v;
		if (v == 0) {
			EXPECT_EQ(HOSTCC_STATUS_BLK_HOST_ADDR, rows[0].statblk);
			EXPECT_EQ(HOSTCC_MODE_NOW, rows[0].coal_now);
		} else {
			EXPECT_EQ(HOSTCC_STATBLCK_RING(v), rows[v].statblk) << v;
			EXPECT_EQ(HOSTCC_MODE_COAL_VEC_NOW(v), rows[v].coal_now) << v;
		}
	}
	EXPECT_EQ(TG3_VEC_INT_MBOX(4), MAILBOX_GENERAL_0 + TG3_64BIT_REG_LOW);
	EXPECT_EQ(tg3_int_mbox_tag_ack(0x5A), 0x5A000000u); /* ref §4.2: tag << 24 */
}

/* ref §10.6: entry 8r+k in register r, bits (31-4k):(28-4k). */
TEST(Regs, RssIndirectionLayout)
{
	EXPECT_EQ(rss_indir_reg(0), 0x630u);
	EXPECT_EQ(rss_indir_mask(0), 0xF0000000u);
	EXPECT_EQ(rss_indir_reg(7), 0x630u);
	EXPECT_EQ(rss_indir_mask(7), 0x0000000Fu);
	EXPECT_EQ(rss_indir_reg(8), 0x634u);
	EXPECT_EQ(rss_indir_mask(9), 0x0F000000u);
	EXPECT_EQ(rss_indir_reg(127), 0x66Cu);
	EXPECT_EQ(TG3_NUM_RSS_INDIR_REGS, 16u);
}

TEST(Regs, MiComFrames)
{
	/* PHY 1, register 1 (BMSR), read: addr<<21 | reg<<16 | READ | START. */
	EXPECT_EQ(mi_com_read(1, 1), 0x28210000u);
	EXPECT_EQ(mi_com_write(1, 4, 0x0DE1), 0x24240DE1u);
	EXPECT_EQ(mi_com_read(1, 1) & MI_COM_BUSY, MI_COM_BUSY);
}

TEST(Regs, MacAddressPacking)
{
	const uint8_t addr[6] = {0x00, 0x10, 0x18, 0xAA, 0xBB, 0xCC};
	/* ref §5.1: HIGH = addr[0] << 8 | addr[1]; LOW = addr[2..5] big-end first. */
	EXPECT_EQ(mac_addr_high(addr), 0x00000010u);
	EXPECT_EQ(mac_addr_low(addr), 0x18AABBCCu);
	uint8_t back[6] = {};
	mac_addr_unpack(0x0010, 0x18AABBCC, back);
	EXPECT_EQ(0, std::memcmp(addr, back, sizeof(addr)));
	EXPECT_EQ(mac_backoff_seed(addr), (0x00u + 0x10 + 0x18 + 0xAA + 0xBB + 0xCC) & 0x3FF);
	/* ref §6.1: SRAM mailbox valid iff high >> 16 == 0x484b. */
	EXPECT_TRUE(tg3_sram_mac_addr_valid(0x484B0010));
	EXPECT_FALSE(tg3_sram_mac_addr_valid(0x00000010));
}

TEST(Regs, SramWindow)
{
	/* ref §2.1: window = addr & 0xffff8000, BAR0 + 0x8000 + (addr & 0x7fff). */
	EXPECT_EQ(nic_sram_win_base(0x0B50), 0x0u);
	EXPECT_EQ(nic_sram_win_offset(0x0B50), 0x8B50u);
	EXPECT_EQ(nic_sram_win_base(0x3FCCC), 0x38000u);
	EXPECT_EQ(nic_sram_win_offset(0x3FCCC), 0x8000u + 0x7CCC);
}

TEST(RegNames, SortedUniqueNamed)
{
	std::set<std::string> names;
	uint32_t prev_end = 0;
	bool first = true;
	for (const RegName &r : kRegisterNames) {
		ASSERT_NE(r.name, nullptr);
		ASSERT_NE(r.block, nullptr);
		EXPECT_TRUE(names.insert(r.name).second) << "duplicate name " << r.name;
		if (!first) {
			EXPECT_GE(r.off, prev_end) << r.name << " out of order or overlapping";
		}
		first = false;
		prev_end = r.off + r.width;
		EXPECT_LT(r.off, TG3_REG_BLK_SIZE) << r.name;
	}
	for (const RegArray &a : kRegisterArrays) {
		for (uint32_t i = 0; i < a.count; i++) {
			EXPECT_EQ(a.helper(a.first_index + i), a.base + a.stride * i) << a.name << "(" << i << ")";
		}
	}
}

/* Every register the bring-up (ref §12.3) and teardown (§13) touch has a name. */
TEST(RegNames, BringUpRegistersResolve)
{
	const struct {
		uint32_t off;
		const char *name;
	} expected[] = {
		{0x0068, "TG3PCI_MISC_HOST_CTRL"}, {0x006C, "TG3PCI_DMA_RW_CTRL"},
		{0x0070, "TG3PCI_PCISTATE"}, {0x007C, "TG3PCI_MEM_WIN_BASE_ADDR"},
		{0x0400, "MAC_MODE"}, {0x0404, "MAC_STATUS"}, {0x0408, "MAC_EVENT"},
		{0x040C, "MAC_LED_CTRL"}, {0x0438, "MAC_TX_BACKOFF_SEED"}, {0x043C, "MAC_RX_MTU_SIZE"},
		{0x044C, "MAC_MI_COM"}, {0x0450, "MAC_MI_STAT"}, {0x0454, "MAC_MI_MODE"},
		{0x045C, "MAC_TX_MODE"}, {0x0464, "MAC_TX_LENGTHS"}, {0x0468, "MAC_RX_MODE"},
		{0x0500, "MAC_RCV_RULE_CFG"}, {0x0504, "MAC_LOW_WMARK_MAX_RX_FRAME"},
		{0x0C00, "SNDDATAI_MODE"}, {0x0C08, "SNDDATAI_STATSCTRL"}, {0x0C0C, "SNDDATAI_STATSENAB"},
		{0x1000, "SNDDATAC_MODE"}, {0x1400, "SNDBDS_MODE"}, {0x1800, "SNDBDI_MODE"},
		{0x1C00, "SNDBDC_MODE"}, {0x2000, "RCVLPC_MODE"}, {0x2010, "RCVLPC_CONFIG"},
		{0x2014, "RCVLPC_STATSCTRL"}, {0x2018, "RCVLPC_STATS_ENABLE"}, {0x2400, "RCVDBDI_MODE"},
		{0x2440, "RCVDBDI_JUMBO_BD"}, {0x2450, "RCVDBDI_STD_BD"}, {0x2800, "RCVDCC_MODE"},
		{0x2C00, "RCVBDI_MODE"}, {0x2C18, "RCVBDI_STD_THRESH"}, {0x2C1C, "RCVBDI_JUMBO_THRESH"},
		{0x2D00, "STD_REPLENISH_LWM"}, {0x2D04, "JMB_REPLENISH_LWM"}, {0x3000, "RCVCC_MODE"},
		{0x3604, "TG3_CPMU_LSPD_10MB_CLK"}, {0x3624, "TG3_CPMU_CLCK_ORIDE"},
		{0x3628, "TG3_CPMU_CLCK_ORIDE_ENABLE"}, {0x3668, "TG3_CPMU_PADRNG_CTL"},
		{0x3C00, "HOSTCC_MODE"}, {0x3C08, "HOSTCC_RXCOL_TICKS"}, {0x3C38, "HOSTCC_STATUS_BLK_HOST_ADDR"},
		{0x4000, "MEMARB_MODE"}, {0x4400, "BUFMGR_MODE"}, {0x4414, "BUFMGR_MB_MACRX_LOW_WATER"},
		{0x4418, "BUFMGR_MB_HIGH_WATER"}, {0x4800, "RDMAC_MODE"}, {0x4900, "TG3_RDMA_RSRVCTRL_REG"},
		{0x4910, "TG3_LSO_RD_DMA_CRPTEN_CTRL"}, {0x4C00, "WDMAC_MODE"}, {0x5C00, "FTQ_RESET"},
		{0x6000, "MSGINT_MODE"}, {0x6800, "GRC_MODE"}, {0x6804, "GRC_MISC_CFG"},
		{0x6808, "GRC_LOCAL_CTRL"}, {0x6894, "GRC_FASTBOOT_PC"}, {0x7000, "NVRAM_CMD"},
		{0x7020, "NVRAM_SWARB"}, {0x7024, "NVRAM_ACCESS"}, {0x7C00, "TG3_PCIE_TLDLPL_PORT"},
	};
	for (const auto &e : expected) {
		const char *name = reg_name(e.off);
		ASSERT_NE(name, nullptr) << std::hex << e.off;
		EXPECT_STREQ(name, e.name);
	}
	EXPECT_EQ(reg_name(0x0401), nullptr);
	EXPECT_EQ(reg_name(0x0410), nullptr); /* array instance, see lookup_reg */
}

TEST(RegNames, LookupDecodesWordsAndInstances)
{
	RegLookup l = lookup_reg(0x026C); /* std producer low word, ref §4.1 */
	ASSERT_NE(l.name, nullptr);
	EXPECT_STREQ(l.name, "MAILBOX_RCV_STD_PROD_IDX");
	EXPECT_EQ(l.byte, 4u);
	EXPECT_FALSE(l.indexed);

	l = lookup_reg(0x0284);
	ASSERT_NE(l.name, nullptr);
	EXPECT_STREQ(l.name, "MAILBOX_RCVRET_CON_IDX");
	EXPECT_TRUE(l.indexed);
	EXPECT_EQ(l.index, 0u);
	EXPECT_EQ(l.byte, 4u);

	l = lookup_reg(0x3D08);
	ASSERT_NE(l.name, nullptr);
	EXPECT_STREQ(l.name, "HOSTCC_STATBLCK_RING");
	EXPECT_EQ(l.index, 2u); /* vector 2 */

	l = lookup_reg(0x2458); /* RCVDBDI_STD_BD + TG3_BDINFO_MAXLEN_FLAGS */
	ASSERT_NE(l.name, nullptr);
	EXPECT_STREQ(l.name, "RCVDBDI_STD_BD");
	EXPECT_EQ(l.byte, 8u);

	l = lookup_reg(0x041C);
	ASSERT_NE(l.name, nullptr);
	EXPECT_STREQ(l.name, "MAC_ADDR_LOW");
	EXPECT_EQ(l.index, 1u);

	l = lookup_reg(0x501C);
	ASSERT_NE(l.name, nullptr);
	EXPECT_STREQ(l.name, "RX_CPU_BASE+CPU_PC");
	EXPECT_STREQ(l.block, "CPU");

	EXPECT_EQ(lookup_reg(0x0100).name, nullptr);
	EXPECT_EQ(lookup_reg(0x8000).name, nullptr); /* SRAM window, not a register */
}
