/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Engine mode/status registers and the other registers the core's own
 * behaviour needs, with the generic semantics drivers poll on (§17 item 2):
 *
 *  - "Mode" registers (§5.0): bit 0 = reset (self-clearing), bit 1 = enable,
 *    bit 2 = attention enable. ENABLE reads back exactly as written: a block
 *    starts at once when set (tg3 polls BUFMGR_MODE_ENABLE set, §12.3 step 9)
 *    and has stopped by the next read when cleared (tg3_stop_block polls
 *    for 0, §13; HOSTCC_MODE and MAC_TX_MODE likewise).
 *  - Status registers report attentions; the engines set them (read-only to
 *    the host here: no driver of the reference writes them).
 *  - MAC_MODE *STAT_CLEAR / *STAT_FLUSH are strobes that clear themselves
 *    (Thundergate spins until STAT_CLEAR reads 0, §5.1).
 *  - HOSTCC_MODE_NOW and COAL_VECn_NOW are strobes; the host-coalescing block
 *    observes the write (RegFile::on_write) and does the forced update.
 *  - FTQ_RESET: plain read/write; drivers write all-ones then 0 and FreeBSD
 *    polls until it reads 0 (§5.10, §12.4, §13).
 *  - MEMARB_MODE_ENABLE gates host SRAM access (§2.1, sram.cpp).
 *
 * Engine authors: do not redeclare these offsets; attach behaviour with
 * chip().regs().on_write(hw::X_MODE, ...) and read the enable bit with
 * chip().regs().get(). The blocks pre-5705 chips have (RCVLSC, MBFREE, DMAC)
 * are absent on these chips and deliberately not declared (§5.7, §13).
 */
#include "block_list.h"
#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

/* Mode-register convention, §5.0: bit 0 resets the block (strobe). */
constexpr uint32_t kModeResetBit = 0x00000001;

/* MAC_MODE strobes (§5.1) clear this long after being written (model choice:
 * well inside the 40 µs tg3 waits after writing them, §12.3 step 22). */
constexpr uint32_t kMacStatStrobeNs = 1000;
constexpr uint32_t kMacModeStrobes = hw::MAC_MODE_RXSTAT_CLEAR | hw::MAC_MODE_RXSTAT_FLUSH |
				     hw::MAC_MODE_TXSTAT_CLEAR | hw::MAC_MODE_TXSTAT_FLUSH;
/* Block resets (mode bit 0) complete at once. */
constexpr uint32_t kImmediate = 0;

/* MAC_ADDR_n_HIGH carries two bytes (§5.1). */
constexpr uint32_t kMacAddrHighMask = 0x0000FFFF;

constexpr RegDesc mode(uint32_t off, const char *name, uint32_t extra_strobes = 0)
{
	return reg_sc(off, name, kModeResetBit | extra_strobes, kImmediate);
}

constexpr RegDesc kRegs[] = {
	/* Send path, §5.3 */
	mode(hw::SNDDATAI_MODE, "SNDDATAI_MODE"),
	reg_ro(hw::SNDDATAI_STATUS, kMapName),
	mode(hw::SNDDATAC_MODE, "SNDDATAC_MODE"),
	mode(hw::SNDBDS_MODE, "SNDBDS_MODE"),
	reg_ro(hw::SNDBDS_STATUS, kMapName),
	mode(hw::SNDBDI_MODE, "SNDBDI_MODE"),
	reg_ro(hw::SNDBDI_STATUS, kMapName),
	mode(hw::SNDBDC_MODE, "SNDBDC_MODE"),
	/* Receive path, §5.4 */
	mode(hw::RCVLPC_MODE, "RCVLPC_MODE"),
	reg_ro(hw::RCVLPC_STATUS, kMapName),
	mode(hw::RCVDBDI_MODE, "RCVDBDI_MODE"),
	reg_ro(hw::RCVDBDI_STATUS, kMapName),
	mode(hw::RCVDCC_MODE, "RCVDCC_MODE"),
	mode(hw::RCVBDI_MODE, "RCVBDI_MODE"),
	reg_ro(hw::RCVBDI_STATUS, kMapName),
	mode(hw::RCVCC_MODE, "RCVCC_MODE"),
	reg_ro(hw::RCVCC_STATUS, kMapName),
	/* Host coalescing, §5.6: NOW strobes are consumed by the host-coalescing block. */
	mode(hw::HOSTCC_MODE, "HOSTCC_MODE", hw::HOSTCC_MODE_NOW | hw::HOSTCC_MODE_COAL_VEC_NOW_MASK),
	reg_ro(hw::HOSTCC_STATUS, kMapName),
	/* Memory arbiter, §5.7: reset value 0; the boot code enables it (§6.2). */
	mode(hw::MEMARB_MODE, "MEMARB_MODE"),
	reg_ro(hw::MEMARB_STATUS, kMapName),
	reg_ro(hw::MEMARB_TRAP_ADDR_LOW, kMapName),
	reg_ro(hw::MEMARB_TRAP_ADDR_HIGH, kMapName),
	/* Buffer manager, §5.8 (no engine of its own in the model: plain registers). */
	mode(hw::BUFMGR_MODE, "BUFMGR_MODE"),
	reg_ro(hw::BUFMGR_STATUS, kMapName),
	reg_rw(hw::BUFMGR_MB_POOL_ADDR, kMapName),
	reg_rw(hw::BUFMGR_MB_POOL_SIZE, kMapName),
	reg_rw(hw::BUFMGR_MB_RDMA_LOW_WATER, kMapName),
	reg_rw(hw::BUFMGR_MB_MACRX_LOW_WATER, kMapName),
	reg_rw(hw::BUFMGR_MB_HIGH_WATER, kMapName),
	reg_rw(hw::BUFMGR_DMA_LOW_WATER, kMapName),
	reg_rw(hw::BUFMGR_DMA_HIGH_WATER, kMapName),
	/* Read / write DMA, §5.9: the status registers carry the DMA-fault attention (chip.cpp). */
	mode(hw::RDMAC_MODE, "RDMAC_MODE"),
	reg_ro(hw::RDMAC_STATUS, kMapName),
	mode(hw::WDMAC_MODE, "WDMAC_MODE"),
	reg_ro(hw::WDMAC_STATUS, kMapName),
	/* FTQ, MSI, §5.10 */
	reg_rw(hw::FTQ_RESET, kMapName),
	mode(hw::MSGINT_MODE, "MSGINT_MODE"),
	reg_ro(hw::MSGINT_STATUS, kMapName),
	/* MAC mode registers, §5.1 */
	reg_sc(hw::MAC_MODE, kMapName, hw::MAC_MODE_RESET | kMacModeStrobes, kMacStatStrobeNs),
	mode(hw::MAC_TX_MODE, "MAC_TX_MODE"),
	mode(hw::MAC_RX_MODE, "MAC_RX_MODE"),
	/* MAC address slots, §5.1: the boot code writes slot 0 (§6.2). */
	reg_rw(hw::MAC_ADDR_0_HIGH, kMapName, 0, kMacAddrHighMask),
	reg_rw(hw::MAC_ADDR_0_LOW, kMapName),
	reg_rw(hw::MAC_ADDR_1_HIGH, kMapName, 0, kMacAddrHighMask),
	reg_rw(hw::MAC_ADDR_1_LOW, kMapName),
	reg_rw(hw::MAC_ADDR_2_HIGH, kMapName, 0, kMacAddrHighMask),
	reg_rw(hw::MAC_ADDR_2_LOW, kMapName),
	reg_rw(hw::MAC_ADDR_3_HIGH, kMapName, 0, kMacAddrHighMask),
	reg_rw(hw::MAC_ADDR_3_LOW, kMapName),
};
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

class ModeRegs final : public Block {
public:
	explicit ModeRegs(Chip &chip) : Block(chip, "mode_regs")
	{
		chip.regs().add_table(kRegs);
		/* Faults::stuck_bufmgr: the buffer manager never comes up, so
		 * BUFMGR_MODE_ENABLE never reads back set (§5.8; tg3_reset_hw
		 * gives up after 2000 x 10 us, "cannot enable BUFMGR"). */
		chip.regs().on_write(hw::BUFMGR_MODE, [this](uint32_t, uint32_t) {
			if (this->chip().faults().stuck_bufmgr)
				this->chip().regs().clear_bits(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE);
		});
	}
};

} // namespace

std::unique_ptr<Block> make_block_mode_regs(Chip &chip)
{
	return std::make_unique<ModeRegs>(chip);
}

} // namespace tg57xx::sim
