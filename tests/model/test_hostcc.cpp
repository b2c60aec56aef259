/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host coalescing (§5.6): status block DMA (§9.1), coalescing on the virtual
 * clock, the interrupt-mailbox protocol (§4.2) and interrupt gating (§10.8).
 * Index changes are injected through the HostCc interface the engines use
 * (blocks/hostcc.h); everything else goes through registers and mailboxes.
 */
#include "model_fixture.h"

#include <cstring>
#include <vector>

#include "hostcc.h"
#include "personality.h"
#include "tg57xx_desc.h"

namespace tg57xx::sim::test {
namespace {

constexpr uint8_t kSentinel = 0xEE;
constexpr size_t kSblkAlloc = 0x100; /* status block + room for a sentinel tail */
constexpr uint64_t kUs = 1000;

struct IrqLog {
	std::vector<std::pair<unsigned, bool>> events;
	static void cb(void *ctx, unsigned vector, bool level)
	{
		static_cast<IrqLog *>(ctx)->events.push_back({vector, level});
	}
	size_t asserts(unsigned vector) const
	{
		size_t n = 0;
		for (auto &e : events)
			n += e.first == vector && e.second;
		return n;
	}
	size_t deasserts() const
	{
		size_t n = 0;
		for (auto &e : events)
			n += !e.second;
		return n;
	}
};

class HostCcTest : public ModelTest {
protected:
	void SetUp() override
	{
		ModelTest::SetUp();
		hc = chip().find_block<HostCc>();
		ASSERT_NE(hc, nullptr);
		dev->set_irq_callback(&IrqLog::cb, &irqs);
		/* tg3's MISC_HOST_CTRL without MASK_PCI_INT: INTx may reach the host. */
		set_misc_host_ctrl(hw::MISC_HOST_CTRL_WORD_SWAP | hw::MISC_HOST_CTRL_INDIR_ACCESS |
				   hw::MISC_HOST_CTRL_PCISTATE_RW);
		for (unsigned v = 0; v < kMaxVectors; v++)
			sblk[v] = new_block();
	}

	uint64_t new_block()
	{
		const uint64_t a = arena->alloc(kSblkAlloc, 64);
		std::memset(arena->host(a), kSentinel, kSblkAlloc);
		return a;
	}
	void set_misc_host_ctrl(uint32_t bits)
	{
		const uint32_t chiprev = q->cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
		q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | bits);
	}
	/* §12.3 step 13: HOSTCC_STATUS_BLK_HOST_ADDR (hi, lo) / HOSTCC_STATBLCK_RING1 + 8(v-1). */
	void set_block_addr(unsigned v, uint64_t addr)
	{
		const uint32_t reg = v == 0 ? hw::HOSTCC_STATUS_BLK_HOST_ADDR : hw::HOSTCC_STATBLCK_RING(v);
		q->reg_write(reg + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(addr >> 32));
		q->reg_write(reg + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(addr));
	}
	/* Status block address set, coalescing parameters as given, HOSTCC enabled (§12.3 step 20). */
	void enable(uint32_t mode_bits = 0, uint32_t rx_ticks = 0, uint32_t rx_frames = 0, uint32_t tx_ticks = 0,
		    uint32_t tx_frames = 0)
	{
		set_block_addr(0, sblk[0]);
		q->reg_write(hw::HOSTCC_RXCOL_TICKS, rx_ticks);
		q->reg_write(hw::HOSTCC_RXMAX_FRAMES, rx_frames);
		q->reg_write(hw::HOSTCC_TXCOL_TICKS, tx_ticks);
		q->reg_write(hw::HOSTCC_TXMAX_FRAMES, tx_frames);
		mode = hw::HOSTCC_MODE_ENABLE | mode_bits;
		q->reg_write(hw::HOSTCC_MODE, mode);
	}
	void now() { q->reg_write(hw::HOSTCC_MODE, mode | hw::HOSTCC_MODE_NOW); }
	void int_mbox(unsigned v, uint32_t val) { q->reg_write(kIntMailbox[v], val); }

	uint8_t u8(unsigned v, size_t off) const { return arena->at<uint8_t>(sblk[v])[off]; }
	uint16_t u16(unsigned v, size_t off) const
	{
		return static_cast<uint16_t>(u8(v, off) | u8(v, off + 1) << 8);
	}
	uint32_t u32(unsigned v, size_t off) const { return u16(v, off) | static_cast<uint32_t>(u16(v, off + 2)) << 16; }
	uint32_t status(unsigned v = 0) const { return u32(v, hw::SBLK_OFF_STATUS); }
	uint32_t tag(unsigned v = 0) const { return u32(v, hw::SBLK_OFF_STATUS_TAG); }
	void host_write_status(unsigned v, uint32_t val) { std::memcpy(arena->at<uint8_t>(sblk[v]), &val, 4); }
	uint64_t updates() const { return dev->counters().hostcc_updates; }

	HostCc *hc = nullptr;
	IrqLog irqs;
	uint64_t sblk[kMaxVectors] = {};
	uint32_t mode = 0;
};

/* ---- registers (§5.6) ---- */

TEST_P(HostCcTest, RegistersResetToZeroAndKeepTheirFieldWidths)
{
	const uint32_t regs[] = {hw::HOSTCC_RXCOL_TICKS, hw::HOSTCC_TXCOL_TICKS, hw::HOSTCC_RXMAX_FRAMES,
				 hw::HOSTCC_TXMAX_FRAMES, hw::HOSTCC_RXCOAL_MAXF_INT, hw::HOSTCC_TXCOAL_MAXF_INT,
				 hw::HOSTCC_STATUS_BLK_HOST_ADDR, hw::HOSTCC_STATUS_BLK_HOST_ADDR + 4,
				 hw::HOSTCC_STATBLCK_RING(4) + 4, hw::HOSTCC_TXMAX_FRAMES_VEC(3),
				 hw::HOSTCC_FLOW_ATTN, hw::HOSTCC_STD_CON_IDX, hw::HOSTCC_RET_PROD_IDX(15)};
	for (uint32_t r : regs)
		EXPECT_EQ(q->reg_read(r), 0u) << std::hex << r;

	q->reg_write(hw::HOSTCC_RXCOL_TICKS, 0xFFFFFFFF);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_RXCOL_TICKS), 0x3FFu);
	q->reg_write(hw::HOSTCC_TXMAX_FRAMES, 0xFFFFFFFF);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_TXMAX_FRAMES), 0xFFu);
	q->reg_write(hw::HOSTCC_RXCOL_TICKS_VEC(2), 0x12345);
	EXPECT_EQ(q->reg_read(0x3D80 + 0x18), 0x345u) << "vector 2 RX ticks at 0x3D80 + 0x18 (§5.6)";
	q->reg_write(0x3D08 + 4, 0xDEADBEEC);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_STATBLCK_RING(2) + hw::TG3_64BIT_REG_LOW), 0xDEADBEECu);

	/* HOSTCC_FLOW_ATTN: MBUF_LWM is write-1-to-clear (§5.6). */
	chip().regs().set(hw::HOSTCC_FLOW_ATTN, hw::HOSTCC_FLOW_ATTN_MBUF_LWM);
	q->reg_write(hw::HOSTCC_FLOW_ATTN, hw::HOSTCC_FLOW_ATTN_MBUF_LWM);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_FLOW_ATTN), 0u);
}

TEST_P(HostCcTest, DiagnosticIndexRegistersMirrorTheIndices)
{
	hc->std_consumed(0x0111);
	hc->jumbo_consumed(0x0022);
	hc->rx_returned(3, 0x0033, 1);
	hc->tx_completed(1, 0x0044, 1, false);
	EXPECT_EQ(q->reg_read(0x3C54), 0x0111u); /* HOSTCC_STD_CON_IDX */
	EXPECT_EQ(q->reg_read(0x3C50), 0x0022u); /* HOSTCC_JUMBO_CON_IDX */
	EXPECT_EQ(q->reg_read(0x3C80 + 4 * 3), 0x0033u);
	EXPECT_EQ(q->reg_read(0x3CC0 + 4 * 1), 0x0044u);
	dev->set_strict(false);
	const uint64_t ro = dev->counters().ro_writes;
	q->reg_write(hw::HOSTCC_STD_CON_IDX, 0x5);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_STD_CON_IDX), 0x0111u);
	EXPECT_EQ(dev->counters().ro_writes, ro + 1);
}

/* ---- the status block (§9.1) ---- */

TEST_P(HostCcTest, NowWritesTheFullBlockInTheReferenceLayout)
{
	/* Indices arrive while HOSTCC is still disabled: shadowed, nothing written. */
	hc->std_consumed(0x0123);
	hc->jumbo_consumed(0x0456);
	hc->rx_returned(0, 0x0789, 3);
	hc->rx_returned(1, 0x0A0B, 1);
	hc->tx_completed(0, 0x0ABC, 2, false);
	hc->tx_completed(15, 0x0F0F, 1, false);
	dev->step();
	EXPECT_EQ(dev->counters().dma_writes, 0u);

	enable(0, 0x3FF, 0xFF, 0x3FF, 0xFF);
	now();
	EXPECT_EQ(u32(0, 0x00), hw::SD_STATUS_UPDATED);
	EXPECT_EQ(u32(0, 0x04), 1u) << "first update carries tag 1";
	EXPECT_EQ(u16(0, 0x08), 0x0456u);
	EXPECT_EQ(u16(0, 0x0A), 0x0123u);
	EXPECT_EQ(u16(0, 0x0C), 0u);
	EXPECT_EQ(u16(0, 0x10), 0x0789u);
	EXPECT_EQ(u16(0, 0x12), 0x0ABCu);
	EXPECT_EQ(u16(0, 0x14), 0x0A0Bu) << "return ring 1 at idx[1].rx_producer without RSS";
	EXPECT_EQ(u16(0, 0x4E), 0x0F0Fu) << "send ring 15 at idx[15].tx_consumer";
	EXPECT_EQ(u8(0, 0x50), kSentinel) << "the block is exactly 0x50 bytes";
	EXPECT_EQ(updates(), 1u);
}

TEST_P(HostCcTest, TagCountsUpdatesAndUpdatedComesBackAfterTheHostClearsIt)
{
	enable();
	now();
	EXPECT_EQ(tag(), 1u);
	host_write_status(0, 0); /* non-tagged driver clears SD_STATUS_UPDATED (§9.1 step 3) */
	now();
	EXPECT_EQ(status() & hw::SD_STATUS_UPDATED, hw::SD_STATUS_UPDATED);
	EXPECT_EQ(tag(), 2u);
	for (int i = 0; i < 254; i++)
		now();
	EXPECT_EQ(tag(), 0u) << "8-bit tag wraps after 256 updates";
}

TEST_P(HostCcTest, ThirtyTwoAndSixtyFourByteModesWriteOnlyTheirPrefix)
{
	hc->tx_completed(3, 0x3333, 1, false); /* idx[3] ends at byte 0x20 */
	hc->tx_completed(4, 0x4444, 1, false); /* idx[4] starts at byte 0x20 */
	enable(hw::HOSTCC_MODE_32BYTE);
	now();
	EXPECT_EQ(u16(0, 0x1E), 0x3333u);
	for (size_t off = 0x20; off < kSblkAlloc; off++)
		ASSERT_EQ(u8(0, off), kSentinel) << "byte " << off;

	mode = hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_64BYTE;
	now();
	EXPECT_EQ(u16(0, 0x22), 0x4444u);
	EXPECT_EQ(u8(0, 0x3F), 0u);
	EXPECT_EQ(u8(0, 0x40), kSentinel);
}

/* ---- coalescing (§5.6) ---- */

TEST_P(HostCcTest, RxFrameThresholdUpdatesExactlyAtTheThreshold)
{
	enable(0, 0, 5);
	hc->rx_returned(0, 4, 4);
	dev->step();
	EXPECT_EQ(updates(), 0u);
	EXPECT_EQ(u8(0, 0), kSentinel);
	hc->rx_returned(0, 5, 1);
	dev->step();
	EXPECT_EQ(updates(), 1u);
	EXPECT_EQ(u16(0, 0x10), 5u);
	/* The count restarts after an update. */
	hc->rx_returned(0, 9, 4);
	dev->step();
	EXPECT_EQ(updates(), 1u);
}

TEST_P(HostCcTest, TxFrameThresholdAndCoalNowDescriptor)
{
	enable(0, 0, 0, 0, 3);
	hc->tx_completed(0, 2, 2, false);
	dev->step();
	EXPECT_EQ(updates(), 0u);
	hc->tx_completed(0, 3, 1, false);
	dev->step();
	EXPECT_EQ(updates(), 1u);
	EXPECT_EQ(u16(0, 0x12), 3u);
	/* TXD_FLAG_COAL_NOW forces the update below the threshold. */
	hc->tx_completed(0, 4, 1, true);
	dev->step();
	EXPECT_EQ(updates(), 2u);
	EXPECT_EQ(u16(0, 0x12), 4u);
}

TEST_P(HostCcTest, BothThresholdsZeroUpdatesOnEveryEvent)
{
	enable();
	hc->rx_returned(0, 1, 1);
	dev->step();
	hc->rx_returned(0, 2, 1);
	dev->step();
	EXPECT_EQ(updates(), 2u);
	EXPECT_EQ(u16(0, 0x10), 2u);
}

TEST_P(HostCcTest, RxTickTimerFiresExactlyTicksAfterTheFirstBd)
{
	enable(0, 20, 0);
	hc->rx_returned(0, 1, 1);
	q->delay(10 * kUs);
	hc->rx_returned(0, 2, 1); /* no CLRTICK: the timer keeps its first deadline */
	q->delay(10 * kUs - 1);
	EXPECT_EQ(updates(), 0u);
	EXPECT_EQ(u8(0, 0), kSentinel);
	q->delay(1);
	EXPECT_EQ(updates(), 1u);
	EXPECT_EQ(u16(0, 0x10), 2u);
	q->delay(100 * kUs);
	EXPECT_EQ(updates(), 1u) << "no event since the update: the timer stays idle";
}

TEST_P(HostCcTest, ClrtickRestartsTheTimerOnEveryBd)
{
	enable(hw::HOSTCC_MODE_CLRTICK_RXBD, 20, 0);
	hc->rx_returned(0, 1, 1);
	q->delay(10 * kUs);
	hc->rx_returned(0, 2, 1);
	q->delay(20 * kUs - 1);
	EXPECT_EQ(updates(), 0u) << "20 µs after the first BD, but not after the last";
	q->delay(1);
	EXPECT_EQ(updates(), 1u);
}

TEST_P(HostCcTest, TxTickTimerUsesTheTxTicks)
{
	enable(0, 0x3FF, 0xFF, 72, 0);
	hc->tx_completed(0, 7, 1, false);
	q->delay(72 * kUs - 1);
	EXPECT_EQ(updates(), 0u);
	q->delay(1);
	EXPECT_EQ(updates(), 1u);
	EXPECT_EQ(u16(0, 0x12), 7u);
}

TEST_P(HostCcTest, InIsrFrameThresholdAppliesWhileMasked)
{
	enable(0, 0, 5);
	q->reg_write(hw::HOSTCC_RXCOAL_MAXF_INT, 1);
	int_mbox(0, hw::TG3_INT_MBOX_MASK); /* in the ISR */
	hc->rx_returned(0, 1, 1);
	dev->step();
	EXPECT_EQ(updates(), 1u) << "RXCOAL_MAXF_INT = 1 while masked";
	int_mbox(0, 0);
	hc->rx_returned(0, 2, 1);
	dev->step();
	EXPECT_EQ(updates(), 1u) << "RXMAX_FRAMES = 5 once unmasked";
}

TEST_P(HostCcTest, DisabledHostccWritesNothing)
{
	set_block_addr(0, sblk[0]);
	q->reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_NOW); /* NOW without ENABLE */
	hc->rx_returned(0, 1, 1);
	hc->link_changed();
	q->delay(1000 * kUs);
	EXPECT_EQ(dev->counters().dma_writes, 0u);
	EXPECT_EQ(u8(0, 0), kSentinel);

	/* Clearing ENABLE stops a running tick timer. */
	enable(0, 20, 0);
	hc->rx_returned(0, 2, 1);
	q->reg_write(hw::HOSTCC_MODE, 0);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_MODE) & hw::HOSTCC_MODE_ENABLE, 0u);
	q->delay(100 * kUs);
	EXPECT_EQ(updates(), 0u);
	EXPECT_TRUE(irqs.events.empty());
}

TEST_P(HostCcTest, ZeroAddressSkipsTheUpdate)
{
	q->reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_NOW);
	EXPECT_EQ(dev->counters().dma_writes, 0u);
	EXPECT_EQ(dev->counters().hostcc_no_address, 1u);
	EXPECT_TRUE(irqs.events.empty());
}

TEST_P(HostCcTest, BadStatusBlockAddressIsADmaFaultNeverAStrayWrite)
{
	/* The block would straddle the arena's end: the head fits, the body does not. */
	const uint64_t tail = arena->base() + arena->size() - 8;
	std::memset(arena->host(tail), kSentinel, 8);
	set_block_addr(0, tail);
	mode = hw::HOSTCC_MODE_ENABLE;
	q->reg_write(hw::HOSTCC_MODE, mode | hw::HOSTCC_MODE_NOW);
	for (unsigned i = 0; i < 8; i++)
		EXPECT_EQ(arena->at<uint8_t>(tail)[i], kSentinel);
	EXPECT_EQ(dev->counters().hostcc_dma_faults, 1u);
	EXPECT_EQ(dev->counters().hostcc_updates, 0u);
	EXPECT_TRUE(q->reg_read(hw::HOSTCC_STATUS) & hw::HOSTCC_STATUS_ERROR_ATTN);
	EXPECT_TRUE(q->reg_read(hw::WDMAC_STATUS) & hw::WDMAC_STATUS_MSTABORT);
	EXPECT_TRUE(irqs.events.empty()) << "nothing written, nothing to interrupt for";

	/* A good address again: the error shows in the status word; the failed update used no tag. */
	set_block_addr(0, sblk[0]);
	now();
	EXPECT_EQ(status(), hw::SD_STATUS_UPDATED | hw::SD_STATUS_ERROR);
	EXPECT_EQ(tag(), 1u);
	/* HOSTCC_MODE_RESET clears the attention. */
	q->reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_RESET);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_STATUS) & hw::HOSTCC_STATUS_ERROR_ATTN, 0u);
}

/* ---- status word bits (§9.1, §11.7) ---- */

TEST_P(HostCcTest, LinkChangeSetsLinkChgAndInterrupts)
{
	enable(0, 0x3FF, 0xFF, 0x3FF, 0xFF);
	/* Without GRC_MODE_IRQ_ON_MAC_ATTN the bit waits for the next update. */
	hc->link_changed();
	dev->step();
	EXPECT_EQ(updates(), 0u);
	now();
	EXPECT_EQ(status(), hw::SD_STATUS_UPDATED | hw::SD_STATUS_LINK_CHG);

	/* Level: the host clearing it in memory does not acknowledge the MAC attention. */
	host_write_status(0, hw::SD_STATUS_UPDATED);
	now();
	EXPECT_EQ(status() & hw::SD_STATUS_LINK_CHG, hw::SD_STATUS_LINK_CHG);
	if (chip().regs().declared(hw::MAC_STATUS)) {
		q->reg_write(hw::MAC_STATUS, hw::MAC_STATUS_LNKSTATE_CHANGED); /* tg3_clear_mac_status */
		now();
		EXPECT_EQ(status(), hw::SD_STATUS_UPDATED);
	}

	/* With IRQ_ON_MAC_ATTN (§11.7, §12.3 step 7) the change is reported at once. */
	q->reg_write(hw::GRC_MODE, hw::GRC_MODE_IRQ_ON_MAC_ATTN);
	const uint64_t before = updates();
	const size_t asserts = irqs.asserts(0);
	int_mbox(0, 0); /* de-assert, unmasked */
	hc->link_changed();
	dev->step();
	EXPECT_EQ(updates(), before + 1);
	EXPECT_TRUE(status() & hw::SD_STATUS_LINK_CHG);
	EXPECT_EQ(irqs.asserts(0), asserts + 1);
}

TEST_P(HostCcTest, ErrorAttentionSetsSdStatusError)
{
	enable(0, 0x3FF, 0xFF, 0x3FF, 0xFF);
	const uint32_t pins = q->reg_read(hw::GRC_LOCAL_CTRL) & hw::TG3_GRC_LCLCTRL_GPIO_MASK; /* left alone */
	q->reg_write(hw::GRC_LOCAL_CTRL, pins | hw::GRC_LCLCTRL_INT_ON_ATTN);
	hc->error_attention();
	dev->step();
	EXPECT_EQ(status(), hw::SD_STATUS_UPDATED | hw::SD_STATUS_ERROR);
}

/* ---- interrupts (§4.2, §10.8) ---- */

TEST_P(HostCcTest, NonTaggedMailboxMasksDeassertsAndUnmasksWithoutReplay)
{
	enable();
	now();
	EXPECT_EQ(irqs.asserts(0), 1u);
	EXPECT_EQ(q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_INT_NOT_ACTIVE, 0u) << "INTA# asserted";

	int_mbox(0, hw::TG3_INT_MBOX_MASK); /* ISR entry: mask + de-assert */
	EXPECT_EQ(irqs.deasserts(), 1u);
	EXPECT_TRUE(q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_INT_NOT_ACTIVE);

	now();
	EXPECT_EQ(updates(), 2u) << "masking holds the interrupt, not the status block";
	EXPECT_EQ(irqs.asserts(0), 1u);
	EXPECT_EQ(dev->counters().hostcc_irqs_masked, 1u);

	int_mbox(0, hw::TG3_INT_MBOX_UNMASK);
	EXPECT_EQ(irqs.asserts(0), 1u) << "non-tagged re-enable raises nothing by itself (§4.2)";
	now();
	EXPECT_EQ(irqs.asserts(0), 2u);
}

TEST_P(HostCcTest, TaggedMailboxRaisesAtOnceOnAStaleTag)
{
	set_misc_host_ctrl(hw::MISC_HOST_CTRL_TAGGED_STATUS | hw::MISC_HOST_CTRL_INDIR_ACCESS |
			   hw::MISC_HOST_CTRL_PCISTATE_RW);
	enable();
	now(); /* tag 1, interrupt */
	EXPECT_EQ(irqs.asserts(0), 1u);
	int_mbox(0, hw::TG3_INT_MBOX_MASK);
	now(); /* tag 2 while masked */
	EXPECT_EQ(tag(), 2u);
	EXPECT_EQ(irqs.asserts(0), 1u);
	int_mbox(0, hw::tg3_int_mbox_tag_ack(1)); /* the ISR only saw tag 1 */
	EXPECT_EQ(irqs.asserts(0), 2u) << "tag 1 acknowledged, chip is at 2: new interrupt";
	int_mbox(0, hw::TG3_INT_MBOX_MASK);
	int_mbox(0, hw::tg3_int_mbox_tag_ack(2));
	EXPECT_EQ(irqs.asserts(0), 2u) << "current tag acknowledged: quiet";
	now();
	EXPECT_EQ(irqs.asserts(0), 3u);
}

TEST_P(HostCcTest, MaskPciIntGatesIntx)
{
	set_misc_host_ctrl(hw::TG3_MISC_HOST_CTRL_INIT); /* MASK_PCI_INT set */
	enable();
	now();
	EXPECT_TRUE(irqs.events.empty());
	EXPECT_TRUE(q->reg_read(hw::GRC_LOCAL_CTRL) & hw::GRC_LCLCTRL_INT_ACTIVE) << "pending inside the chip";
	set_misc_host_ctrl(hw::TG3_MISC_HOST_CTRL_INIT & ~hw::MISC_HOST_CTRL_MASK_PCI_INT);
	EXPECT_EQ(irqs.asserts(0), 1u);
	/* PCI command Interrupt Disable gates it the same way. */
	int_mbox(0, 0);
	const uint32_t cmd = q->cfg_read(pci::kCommandStatus) & 0xFFFF;
	q->cfg_write(pci::kCommandStatus, cmd | pci::kCommandIntxDisable);
	now();
	EXPECT_EQ(irqs.asserts(0), 1u);
}

TEST_P(HostCcTest, NoIntOnForceSuppressesTheNowInterrupt)
{
	enable(hw::HOSTCC_MODE_NOINT_ON_FORCE);
	now();
	EXPECT_EQ(updates(), 1u);
	EXPECT_TRUE(irqs.events.empty());
	/* NOINT_ON_NOW ("no_int_on_dmad_force") covers a TXD_FLAG_COAL_NOW update. */
	mode = hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_NOINT_ON_NOW;
	q->reg_write(hw::HOSTCC_TXMAX_FRAMES, 0xFF);
	q->reg_write(hw::HOSTCC_TXCOL_TICKS, 0x3FF);
	q->reg_write(hw::HOSTCC_MODE, mode);
	hc->tx_completed(0, 1, 1, true);
	dev->step();
	EXPECT_EQ(updates(), 2u);
	EXPECT_TRUE(irqs.events.empty());
	now();
	EXPECT_EQ(irqs.asserts(0), 1u);
}

TEST_P(HostCcTest, FastPathMailboxStoresAreSeen)
{
	enable();
	dev->mailbox_page()[(kIntMailbox[0] - Device::kMailboxPageOffset) / 4] = hw::TG3_INT_MBOX_MASK;
	dev->step();
	now();
	EXPECT_TRUE(irqs.events.empty());
	dev->mailbox_page()[(kIntMailbox[0] - Device::kMailboxPageOffset) / 4] = 0;
	dev->step();
	now();
	EXPECT_EQ(irqs.asserts(0), 1u);
}

TEST_P(HostCcTest, OneShotMsiMasksUntilTheNextMailboxWrite)
{
	const uint32_t msi = q->cfg_read(pci::kMsiCap);
	q->cfg_write(pci::kMsiCap, msi | pci::kMsiEnable);
	q->reg_write(hw::MSGINT_MODE, hw::MSGINT_MODE_ENABLE);
	enable();
	now();
	EXPECT_EQ(irqs.asserts(0), 1u);
	now();
	EXPECT_EQ(irqs.asserts(0), 1u) << "one-shot: the chip masked itself after the message";
	int_mbox(0, 0);
	now();
	EXPECT_EQ(irqs.asserts(0), 2u);
	q->reg_write(hw::MSGINT_MODE, hw::MSGINT_MODE_ENABLE | hw::MSGINT_MODE_ONE_SHOT_DISABLE);
	int_mbox(0, 0);
	now();
	now();
	EXPECT_EQ(irqs.asserts(0), 4u);
}

/* ---- multi-vector (§4.4, §9.1, §10.6, §10.7) ---- */

TEST_P(HostCcTest, MultiVectorRssRemapsReturnRingsIntoTheirVectorsBlocks)
{
	const uint32_t msix = q->cfg_read(pci::kMsixCap);
	q->cfg_write(pci::kMsixCap, msix | pci::kMsixEnable);
	q->reg_write(hw::MSGINT_MODE, hw::MSGINT_MODE_ENABLE | hw::MSGINT_MODE_MULTIVEC_EN);
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_RSS_ENABLE);
	for (unsigned v = 1; v < kMaxVectors; v++)
		set_block_addr(v, sblk[v]);
	enable();
	const uint16_t prod[4] = {0x1111, 0x2222, 0x3333, 0x4444};
	for (unsigned r = 0; r < 4; r++)
		hc->rx_returned(r, prod[r], 1);
	dev->step();
	/* §9.1: ring 0 → 0x10, ring 1 → 0x08, ring 2 → 0x0E, ring 3 → 0x0C, each in vector r+1's block. */
	const size_t off[4] = {0x10, 0x08, 0x0E, 0x0C};
	for (unsigned r = 0; r < 4; r++) {
		const unsigned v = r + 1;
		EXPECT_EQ(status(v), hw::SD_STATUS_UPDATED) << "vector " << v;
		EXPECT_EQ(tag(v), 1u) << "vector " << v;
		for (unsigned o = 0; o < 4; o++)
			EXPECT_EQ(u16(v, off[o]), o == r ? prod[r] : 0u) << "vector " << v << " offset " << off[o];
		EXPECT_EQ(irqs.asserts(v), 1u) << "vector " << v;
	}
	EXPECT_EQ(u8(0, 0), kSentinel) << "vector 0 carries link/error only";
	EXPECT_EQ(irqs.asserts(0), 0u);

	/* No TSS: send ring 0 belongs to vector 0 (idx[0].tx_consumer). */
	hc->tx_completed(0, 0x0055, 1, false);
	dev->step();
	EXPECT_EQ(u16(0, 0x12), 0x0055u);
	EXPECT_EQ(u16(0, 0x10), 0u);
	EXPECT_EQ(irqs.asserts(0), 1u);

	/* TSS: send ring r → vector r+1, idx[0].tx_consumer; 5719/5720 only (§1.3, §10.7). */
	q->reg_write(hw::SNDBDI_MODE, hw::SNDBDI_MODE_MULTI_TXQ_EN);
	hc->tx_completed(2, 0x0066, 1, false);
	dev->step();
	if (GetParam() == Personality::BCM5720) {
		EXPECT_EQ(u16(3, 0x12), 0x0066u);
		EXPECT_EQ(u16(3, 0x0E), prod[2]);
		EXPECT_EQ(u16(0, 0x12 + 4 * 2), 0u);
	} else {
		EXPECT_EQ(u16(0, 0x12 + 4 * 2), 0x0066u) << "no TSS on the 57765 class: the bit is ignored";
		EXPECT_EQ(u16(3, 0x12), 0u);
	}

	/* Per-vector coalesce-now: vector 2 only. */
	const uint64_t before = updates();
	q->reg_write(hw::HOSTCC_MODE, mode | hw::HOSTCC_MODE_COAL_VEC_NOW(2));
	EXPECT_EQ(updates(), before + 1);
	EXPECT_EQ(tag(2), 2u);
	EXPECT_EQ(tag(1), 1u);

	/* Link changes go to vector 0. */
	q->reg_write(hw::GRC_MODE, hw::GRC_MODE_IRQ_ON_MAC_ATTN);
	hc->link_changed();
	dev->step();
	EXPECT_EQ(status(0), hw::SD_STATUS_UPDATED | hw::SD_STATUS_LINK_CHG);
	EXPECT_EQ(status(1) & hw::SD_STATUS_LINK_CHG, 0u);
}

TEST_P(HostCcTest, MultiVectorCoalescingUsesThePerVectorRegisters)
{
	q->reg_write(hw::MSGINT_MODE, hw::MSGINT_MODE_ENABLE | hw::MSGINT_MODE_MULTIVEC_EN);
	set_block_addr(2, sblk[2]);
	q->reg_write(hw::HOSTCC_RXMAX_FRAMES_VEC(2), 2);
	q->reg_write(hw::HOSTCC_RXCOL_TICKS_VEC(2), 0);
	enable(0, 0, 1); /* vector 0 would update on every BD */
	hc->rx_returned(1, 1, 1);
	dev->step();
	EXPECT_EQ(updates(), 0u);
	hc->rx_returned(1, 2, 1);
	dev->step();
	EXPECT_EQ(updates(), 1u);
	EXPECT_EQ(u16(2, 0x08), 2u);
}

TEST_P(HostCcTest, SingleVectorRssPutsAllRingsInOneBlock)
{
	q->reg_write(hw::MAC_RX_MODE, hw::RX_MODE_RSS_ENABLE);
	enable(0, 0x3FF, 0xFF, 0x3FF, 0xFF);
	hc->rx_returned(0, 0x10, 1);
	hc->rx_returned(1, 0x11, 1);
	hc->rx_returned(2, 0x12, 1);
	hc->rx_returned(3, 0x13, 1);
	now();
	EXPECT_EQ(u16(0, 0x10), 0x10u);
	EXPECT_EQ(u16(0, 0x08), 0x11u);
	EXPECT_EQ(u16(0, 0x0E), 0x12u);
	EXPECT_EQ(u16(0, 0x0C), 0x13u);
	EXPECT_EQ(u16(0, 0x14), 0u) << "no legacy idx[1] copy with RSS";
}

TEST_P(HostCcTest, BadRingIndexIsCountedAndIgnored)
{
	enable();
	hc->rx_returned(16, 1, 1);
	hc->tx_completed(99, 1, 1, false);
	dev->step();
	EXPECT_EQ(dev->counters().hostcc_bad_ring, 2u);
	EXPECT_EQ(updates(), 0u);
}

/* ---- core reset ---- */

TEST_P(HostCcTest, CoreResetForgetsIndicesTagsAndTimers)
{
	enable(0, 20, 0);
	hc->rx_returned(0, 7, 1);
	now();
	hc->rx_returned(0, 8, 1); /* arms the tick timer */
	ASSERT_TRUE(q->chip_reset());
	EXPECT_EQ(q->reg_read(hw::HOSTCC_RET_PROD_IDX(0)), 0u);
	EXPECT_EQ(q->reg_read(hw::HOSTCC_STATUS_BLK_HOST_ADDR + 4), 0u);
	const uint64_t before = updates();
	q->delay(100 * kUs);
	EXPECT_EQ(updates(), before) << "timer cancelled";
	set_misc_host_ctrl(hw::MISC_HOST_CTRL_INDIR_ACCESS | hw::MISC_HOST_CTRL_PCISTATE_RW);
	std::memset(arena->host(sblk[0]), kSentinel, kSblkAlloc);
	enable();
	now();
	EXPECT_EQ(tag(), 1u);
	EXPECT_EQ(u16(0, 0x10), 0u);
}

TG57XX_BOTH_CHIPS(HostCcTest);

} // namespace
} // namespace tg57xx::sim::test
