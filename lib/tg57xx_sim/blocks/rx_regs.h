/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The receive-path registers rx.cpp declares (§5.4, §7.1): the ones
 * mode_regs.cpp does not (it owns every *_MODE and *_STATUS). Data rows only;
 * behaviour is in rx.cpp. Included by rx.cpp alone.
 */
#ifndef TG57XX_SIM_BLOCKS_RX_REGS_H
#define TG57XX_SIM_BLOCKS_RX_REGS_H

#include "hw.h"
#include "regfile.h"

namespace tg57xx::sim::rxregs {

/* RCVLPC_STATS_ENABLE: FreeBSD writes all 23 bits; Thundergate asserts
 * 0x7bffff (DACK_FIX clear) as the value it finds (§5.4). */
constexpr uint32_t kStatsEnableMask = hw::BGE_RXLP_STATS_ENABLE_MASK_LITERAL;
constexpr uint32_t kStatsEnableReset = kStatsEnableMask & ~hw::RCVLPC_STATSENAB_DACK_FIX;
/* NIC addresses of the producer-ring BD caches (§6.1, §7.3): tg3 leaves the
 * std one at its default on 5717_PLUS; the defaults here are what FreeBSD writes. */
constexpr uint32_t kStdNicAddr57765 = hw::NIC_SRAM_RX_BUFFER_DESC;
constexpr uint32_t kJmbNicAddr57765 = hw::NIC_SRAM_RX_JUMBO_BUFFER_DESC;
constexpr uint32_t kStdNicAddr5717 = 0x00040000; /* BGE_STD_RX_RINGS_5717 */
constexpr uint32_t kJmbNicAddr5717 = 0x00044400; /* BGE_JUMBO_RX_RINGS_5717 */

constexpr uint32_t kHi = hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH;
constexpr uint32_t kLo = hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW;
constexpr uint32_t kMaxlen = hw::TG3_BDINFO_MAXLEN_FLAGS;
constexpr uint32_t kNic = hw::TG3_BDINFO_NIC_ADDR;

constexpr RegDesc kRegs[] = {
	/* RLP, §5.4 */
	reg_rw(hw::RCVLPC_CONFIG, "RCVLPC_CONFIG"),
	reg_rw(hw::RCVLPC_STATSCTRL, "RCVLPC_STATSCTRL"),
	reg_rw(hw::RCVLPC_STATS_ENABLE, "RCVLPC_STATS_ENABLE", kStatsEnableReset, kStatsEnableMask),
	reg_rw(hw::RCVLPC_STATS_INCMASK, "RCVLPC_STATS_INCMASK"),
	/* RDBDI producer RCBs, §7.1 (the NIC address rows depend on the personality: rx.cpp adds them) */
	reg_rw(hw::RCVDBDI_JUMBO_BD + kHi, "RCVDBDI_JUMBO_BD_HOST_ADDR_HI"),
	reg_rw(hw::RCVDBDI_JUMBO_BD + kLo, "RCVDBDI_JUMBO_BD_HOST_ADDR_LO"),
	reg_rw(hw::RCVDBDI_JUMBO_BD + kMaxlen, "RCVDBDI_JUMBO_BD_MAXLEN_FLAGS"),
	reg_rw(hw::RCVDBDI_STD_BD + kHi, "RCVDBDI_STD_BD_HOST_ADDR_HI"),
	reg_rw(hw::RCVDBDI_STD_BD + kLo, "RCVDBDI_STD_BD_HOST_ADDR_LO"),
	reg_rw(hw::RCVDBDI_STD_BD + kMaxlen, "RCVDBDI_STD_BD_MAXLEN_FLAGS"),
	/* No mini ring on these chips: the RCB comes up disabled and is never used. */
	reg_rw(hw::RCVDBDI_MINI_BD + kHi, "RCVDBDI_MINI_BD_HOST_ADDR_HI"),
	reg_rw(hw::RCVDBDI_MINI_BD + kLo, "RCVDBDI_MINI_BD_HOST_ADDR_LO"),
	reg_rw(hw::RCVDBDI_MINI_BD + kMaxlen, "RCVDBDI_MINI_BD_MAXLEN_FLAGS", hw::BDINFO_FLAGS_DISABLED),
	reg_rw(hw::RCVDBDI_MINI_BD + kNic, "RCVDBDI_MINI_BD_NIC_ADDR"),
	reg_ro(hw::RCVDBDI_JUMBO_CON_IDX, "RCVDBDI_JUMBO_CON_IDX"),
	reg_ro(hw::RCVDBDI_STD_CON_IDX, "RCVDBDI_STD_CON_IDX"),
	reg_ro(hw::RCVDBDI_MINI_CON_IDX, "RCVDBDI_MINI_CON_IDX"),
	/* RBDI, §5.4: NIC copies of the producer mailboxes, replenish thresholds. */
	reg_ro(hw::RCVBDI_JUMBO_PROD_IDX, "RCVBDI_JUMBO_PROD_IDX"),
	reg_ro(hw::RCVBDI_STD_PROD_IDX, "RCVBDI_STD_PROD_IDX"),
	reg_ro(hw::RCVBDI_MINI_PROD_IDX, "RCVBDI_MINI_PROD_IDX"),
	reg_rw(hw::RCVBDI_MINI_THRESH, "RCVBDI_MINI_THRESH"),
	reg_rw(hw::RCVBDI_STD_THRESH, "RCVBDI_STD_THRESH"),
	reg_rw(hw::RCVBDI_JUMBO_THRESH, "RCVBDI_JUMBO_THRESH"),
	reg_rw(hw::STD_REPLENISH_LWM, "STD_REPLENISH_LWM"),
	reg_rw(hw::JMB_REPLENISH_LWM, "JMB_REPLENISH_LWM"),
	/* RBDC, §5.4 (Thundergate rbdc.*_rbd_pi): how far BDs were completed (model: = consumer). */
	reg_ro(hw::RCVCC_JUMP_PROD_IDX, "RCVCC_JUMP_PROD_IDX"),
	reg_ro(hw::RCVCC_STD_PROD_IDX, "RCVCC_STD_PROD_IDX"),
	reg_ro(hw::RCVCC_MINI_PROD_IDX, "RCVCC_MINI_PROD_IDX"),
};
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

constexpr const char *kRetProdNames[hw::TG3_NUM_RING_IDX_REGS] = {
	"RCVDBDI_BD_PROD_IDX_0",  "RCVDBDI_BD_PROD_IDX_1",  "RCVDBDI_BD_PROD_IDX_2",  "RCVDBDI_BD_PROD_IDX_3",
	"RCVDBDI_BD_PROD_IDX_4",  "RCVDBDI_BD_PROD_IDX_5",  "RCVDBDI_BD_PROD_IDX_6",  "RCVDBDI_BD_PROD_IDX_7",
	"RCVDBDI_BD_PROD_IDX_8",  "RCVDBDI_BD_PROD_IDX_9",  "RCVDBDI_BD_PROD_IDX_10", "RCVDBDI_BD_PROD_IDX_11",
	"RCVDBDI_BD_PROD_IDX_12", "RCVDBDI_BD_PROD_IDX_13", "RCVDBDI_BD_PROD_IDX_14", "RCVDBDI_BD_PROD_IDX_15",
};

/* RCVLPC statistics counters (§5.2), clear-on-read. */
struct StatReg {
	uint32_t off;
	const char *name;
};
constexpr StatReg kLpcStats[] = {
	{hw::RCVLPC_NO_RCV_BD_CNT, "RCVLPC_NO_RCV_BD_CNT"},
	{hw::RCVLPC_IN_DISCARDS_CNT, "RCVLPC_IN_DISCARDS_CNT"},
	{hw::RCVLPC_IN_ERRORS_CNT, "RCVLPC_IN_ERRORS_CNT"},
};

} // namespace tg57xx::sim::rxregs

#endif
