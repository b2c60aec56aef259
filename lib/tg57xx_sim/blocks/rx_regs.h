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
	reg_rw(hw::RCVLPC_CONFIG, kMapName),
	reg_rw(hw::RCVLPC_STATSCTRL, kMapName),
	reg_rw(hw::RCVLPC_STATS_ENABLE, kMapName, kStatsEnableReset, kStatsEnableMask),
	reg_rw(hw::RCVLPC_STATS_INCMASK, kMapName),
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
	reg_ro(hw::RCVDBDI_JUMBO_CON_IDX, kMapName),
	reg_ro(hw::RCVDBDI_STD_CON_IDX, kMapName),
	reg_ro(hw::RCVDBDI_MINI_CON_IDX, kMapName),
	/* RBDI, §5.4: NIC copies of the producer mailboxes, replenish thresholds. */
	reg_ro(hw::RCVBDI_JUMBO_PROD_IDX, kMapName),
	reg_ro(hw::RCVBDI_STD_PROD_IDX, kMapName),
	reg_ro(hw::RCVBDI_MINI_PROD_IDX, kMapName),
	reg_rw(hw::RCVBDI_MINI_THRESH, kMapName),
	reg_rw(hw::RCVBDI_STD_THRESH, kMapName),
	reg_rw(hw::RCVBDI_JUMBO_THRESH, kMapName),
	reg_rw(hw::STD_REPLENISH_LWM, kMapName),
	reg_rw(hw::JMB_REPLENISH_LWM, kMapName),
	/* RBDC, §5.4 (Thundergate rbdc.*_rbd_pi): how far BDs were completed (model: = consumer). */
	reg_ro(hw::RCVCC_JUMP_PROD_IDX, kMapName),
	reg_ro(hw::RCVCC_STD_PROD_IDX, kMapName),
	reg_ro(hw::RCVCC_MINI_PROD_IDX, kMapName),
};
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

} // namespace tg57xx::sim::rxregs

#endif
