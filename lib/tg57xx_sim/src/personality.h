/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Personalities: the per-chip facts the model needs, written from the
 * reference (§1.1-§1.3, §4.4, §6.1, §11.1, §11.4, §15) - deliberately not
 * derived from the driver's capability table in drivers/common/tg57xx/.
 */
#ifndef TG57XX_SIM_PERSONALITY_H
#define TG57XX_SIM_PERSONALITY_H

#include <cstdint>

#include "tg57xx_sim/device.h"

#include "hw.h"

namespace tg57xx::sim {

struct ChipPersonality {
	PersonalityInfo info;
	/* Default PCI subsystem ids (Config may override). */
	uint16_t subsys_vendor;
	uint16_t subsys_id;
	/* MISC_HOST_CTRL[31:16] (§1.2): ASIC nibble 0xF sends drivers to prodid_reg. */
	uint16_t misc_host_ctrl_chiprev;
	/* §11.1: PHY address 1, or function + 1 on 5717_PLUS. */
	bool phy_addr_per_function;
	/* PCI functions the part has (5720 is dual-port; 57762 single). */
	uint8_t functions;
	/* TG3_CPMU_STATUS function-number field (§5.5); 0 = none. */
	uint32_t cpmu_status_fmask;
	uint32_t cpmu_status_fshift;
	/* Mbuf pool the boot code sets up (§6.1, §5.8 "boot code configures the pool"). */
	uint32_t mbuf_pool_base;
	uint32_t mbuf_pool_size;
	/* §15 errata that change what the chip must accept (non-AX 57765 class). */
	bool is_57765_class;
	bool is_5717_plus;
	/* §15 5719/5720 read-DMA TX-length erratum: the chip's workaround bit in
	 * TG3_LSO_RD_DMA_CRPTEN_CTRL; 0 = a chip without the erratum. */
	uint32_t rdma_tx_length_wa_bit;

	uint8_t phy_address(uint8_t function) const
	{
		return static_cast<uint8_t>(kPhyAddrBase + (phy_addr_per_function ? function : 0));
	}
	static constexpr uint8_t kPhyAddrBase = 1; /* §11.1, §17 item 5 */
};

const ChipPersonality &chip_personality(Personality chip);

/*
 * Multi-vector mailbox map (§4.4, TSV TG3_VECn_*): BAR0 offsets of the words
 * the driver writes (the register map's per-vector helpers).
 */
inline constexpr uint32_t kMaxVectors = hw::TG3_IRQ_MAX_VECS;
inline constexpr uint32_t kIntMailbox[kMaxVectors] = {
	hw::TG3_VEC_INT_MBOX(0), hw::TG3_VEC_INT_MBOX(1), hw::TG3_VEC_INT_MBOX(2),
	hw::TG3_VEC_INT_MBOX(3), hw::TG3_VEC_INT_MBOX(4),
};
/* Send ring r producer with TSS (5719/5720): vector r+1's word; rings 1 and 3 use high words. */
inline constexpr uint32_t kTssSendProdMailbox[4] = {
	hw::TG3_VEC_TX_PROD_MBOX(1), hw::TG3_VEC_TX_PROD_MBOX(2),
	hw::TG3_VEC_TX_PROD_MBOX(3), hw::TG3_VEC_TX_PROD_MBOX(4),
};
static_assert(kIntMailbox[4] == 0x224 && kTssSendProdMailbox[1] == 0x300 && kTssSendProdMailbox[3] == 0x308,
	      "§4.4 table");
/* Return ring n consumer: MAILBOX_RCVRET_CON_IDX_n low word. */
constexpr uint32_t ret_con_mailbox(uint32_t n) { return hw::MAILBOX_RCVRET_CON_IDX(n) + hw::TG3_64BIT_REG_LOW; }
/* Non-TSS send ring n producer: MAILBOX_SNDHOST_PROD_IDX_n low word. */
constexpr uint32_t send_prod_mailbox(uint32_t n)
{
	return hw::MAILBOX_SNDHOST_PROD_IDX(n) + hw::TG3_64BIT_REG_LOW;
}

} // namespace tg57xx::sim

#endif
