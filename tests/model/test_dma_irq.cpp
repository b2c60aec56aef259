/* SPDX-License-Identifier: BSD-3-Clause */
/* DMA port and interrupt line. */
#include "model_fixture.h"

#include <cstring>
#include <stdexcept>
#include <vector>

namespace tg57xx::sim::test {
namespace {

struct IrqLog {
	std::vector<std::pair<unsigned, bool>> events;
	static void cb(void *ctx, unsigned vector, bool level)
	{
		static_cast<IrqLog *>(ctx)->events.push_back({vector, level});
	}
};

class DmaIrqTest : public ModelTest {};

TEST_P(DmaIrqTest, TransfersThroughTheTranslator)
{
	const uint64_t buf = arena->alloc(256);
	const char msg[] = "tigon3";
	ASSERT_TRUE(chip().dma_write(buf, msg, sizeof(msg)));
	EXPECT_STREQ(arena->at<char>(buf), "tigon3");
	char back[sizeof(msg)] = {};
	ASSERT_TRUE(chip().dma_read(buf, back, sizeof(back)));
	EXPECT_STREQ(back, "tigon3");
	EXPECT_EQ(chip().dma_map(buf, 16, false), arena->host(buf));
	const Counters c = dev->counters();
	EXPECT_EQ(c.dma_writes, 1u);
	EXPECT_EQ(c.dma_reads, 1u);
	EXPECT_EQ(c.dma_write_bytes, sizeof(msg));
	EXPECT_EQ(c.dma_faults, 0u);
}

TEST_P(DmaIrqTest, RefusedTranslationIsAFaultNeverAStrayWrite)
{
	const uint64_t buf = arena->alloc(64);
	std::memset(arena->host(buf), 0xAA, 64);
	const uint64_t outside = arena->base() + arena->size() - 8; /* straddles the end */
	const uint8_t data[64] = {};
	EXPECT_FALSE(chip().dma_write(outside, data, sizeof(data)));
	EXPECT_EQ(chip().last_dma_fault_iova(), outside);
	EXPECT_TRUE(q->reg_read(hw::WDMAC_STATUS) & hw::WDMAC_STATUS_MSTABORT);
	uint8_t back[8];
	EXPECT_FALSE(chip().dma_read(0x1000, back, sizeof(back)));
	EXPECT_TRUE(q->reg_read(hw::RDMAC_STATUS) & hw::RDMAC_STATUS_MSTABORT);
	EXPECT_EQ(dev->counters().dma_faults, 2u);
	EXPECT_EQ(arena->at<uint8_t>(buf)[0], 0xAA);
	dev->set_dma_translator(nullptr, nullptr);
	EXPECT_FALSE(chip().dma_read(buf, back, sizeof(back)));
	EXPECT_EQ(dev->counters().dma_faults, 3u);
}

/* §15 / bge 4G_BNDRY_BUG: a transfer may touch 0xX_FFFFFFFF or 0x(X+1)_00000000, never both. */
TEST_P(DmaIrqTest, TransferAcrossFourGigabytesIsRefused)
{
	/* An IOVA window of 2 pages around the 4 GB line, backed by the arena. */
	constexpr uint64_t kLine = uint64_t{1} << 32, kPage = 4096;
	struct Window {
		uint8_t *host;
		static void *translate(void *ctx, uint64_t iova, size_t len)
		{
			auto *w = static_cast<Window *>(ctx);
			if (iova < kLine - kPage || len > 2 * kPage || iova - (kLine - kPage) > 2 * kPage - len)
				return nullptr;
			return w->host + (iova - (kLine - kPage));
		}
	} win{arena->at<uint8_t>(arena->alloc(2 * kPage))};
	dev->set_dma_translator(&Window::translate, &win);
	uint8_t data[64] = {};
	EXPECT_TRUE(chip().dma_write(kLine - sizeof(data), data, sizeof(data))) << "ends on the line";
	EXPECT_TRUE(chip().dma_read(kLine, data, sizeof(data))) << "starts on the line";
	dev->set_strict(false);
	EXPECT_FALSE(chip().dma_write(kLine - 8, data, sizeof(data)));
	EXPECT_FALSE(chip().dma_map(kLine - kPage, 2 * kPage, false)) << "a run of ring entries over the line";
	EXPECT_EQ(dev->counters().dma_4g_crossings, 2u);
	EXPECT_EQ(dev->counters().dma_faults, 2u);
	EXPECT_TRUE(q->reg_read(hw::WDMAC_STATUS) & hw::WDMAC_STATUS_MSTABORT);
	dev->set_strict(true);
	EXPECT_THROW(chip().dma_read(kLine - 1, data, 2), std::logic_error) << "a protocol violation in strict mode";
}

TEST_P(DmaIrqTest, InjectedDmaErrorsAndBusMasterOff)
{
	const uint64_t buf = arena->alloc(64);
	uint8_t b[4] = {};
	Faults f;
	f.dma_errors = 2;
	dev->set_faults(f);
	EXPECT_FALSE(chip().dma_read(buf, b, 4));
	EXPECT_FALSE(chip().dma_write(buf, b, 4));
	EXPECT_TRUE(chip().dma_read(buf, b, 4));
	const uint32_t cmd = q->cfg_read(pci::kCommandStatus) & 0xFFFF;
	q->cfg_write(pci::kCommandStatus, cmd & ~pci::kCommandMaster);
	EXPECT_FALSE(chip().dma_read(buf, b, 4));
	EXPECT_EQ(dev->counters().dma_master_off, 1u);
	EXPECT_EQ(dev->counters().dma_faults, 3u);
}

TEST_P(DmaIrqTest, IntxForcedByGrcLocalCtrlAndMasked)
{
	IrqLog log;
	dev->set_irq_callback(&IrqLog::cb, &log);
	q->probe_init(); /* MASK_PCI_INT set */
	q->reg_write(hw::GRC_LOCAL_CTRL, hw::GRC_LCLCTRL_SETINT);
	EXPECT_TRUE(log.events.empty()) << "masked by MISC_HOST_CTRL_MASK_PCI_INT";
	EXPECT_TRUE(q->reg_read(hw::GRC_LOCAL_CTRL) & hw::GRC_LCLCTRL_INT_ACTIVE);
	EXPECT_TRUE(q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_INT_NOT_ACTIVE);
	q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL, q->misc_host_ctrl() & ~hw::MISC_HOST_CTRL_MASK_PCI_INT);
	ASSERT_EQ(log.events.size(), 1u);
	EXPECT_EQ(log.events[0], (std::pair<unsigned, bool>{0, true}));
	EXPECT_FALSE(q->cfg_read(hw::TG3PCI_PCISTATE) & hw::PCISTATE_INT_NOT_ACTIVE);
	EXPECT_TRUE(q->cfg_read(pci::kCommandStatus) & pci::kStatusIntx);
	q->reg_write(hw::GRC_LOCAL_CTRL, hw::GRC_LCLCTRL_CLEARINT);
	ASSERT_EQ(log.events.size(), 2u);
	EXPECT_EQ(log.events[1], (std::pair<unsigned, bool>{0, false}));
	chip().irq().set_intx(true);
	q->cfg_write(hw::TG3PCI_MISC_HOST_CTRL,
		     (q->misc_host_ctrl() & ~hw::MISC_HOST_CTRL_MASK_PCI_INT) | hw::MISC_HOST_CTRL_CLEAR_INT);
	EXPECT_FALSE(chip().irq().intx_pending()) << "MISC_HOST_CTRL_CLEAR_INT";
	EXPECT_EQ(dev->counters().irq_signals, 4u);
}

TEST_P(DmaIrqTest, MsiAndMsixMessages)
{
	IrqLog log;
	dev->set_irq_callback(&IrqLog::cb, &log);
	q->cfg_write(pci::kMsiCap, q->cfg_read(pci::kMsiCap) | pci::kMsiEnable);
	EXPECT_EQ(chip().irq().mode(), IrqLine::Mode::MSI);
	chip().irq().raise(0);
	EXPECT_FALSE(chip().irq().signal_message(1)) << "MSI has one vector";
	q->cfg_write(pci::kMsixCap, q->cfg_read(pci::kMsixCap) | pci::kMsixEnable);
	EXPECT_EQ(chip().irq().mode(), IrqLine::Mode::MSIX);
	chip().irq().raise(4);
	EXPECT_FALSE(chip().irq().signal_message(dev->info().msix_vectors));
	ASSERT_EQ(log.events.size(), 2u);
	EXPECT_EQ(log.events[0], (std::pair<unsigned, bool>{0, true}));
	EXPECT_EQ(log.events[1], (std::pair<unsigned, bool>{4, true}));
	q->cfg_write(pci::kCommandStatus, pci::kCommandMemory); /* bus master off: no messages */
	EXPECT_FALSE(chip().irq().signal_message(1));
	EXPECT_FALSE(chip().irq().intx_asserted());
}

TG57XX_BOTH_CHIPS(DmaIrqTest);

} // namespace
} // namespace tg57xx::sim::test
