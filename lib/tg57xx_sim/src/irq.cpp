/* SPDX-License-Identifier: BSD-3-Clause */
#include "irq.h"

#include "chip.h"
#include "hw.h"
#include "pci_cfg.h"

namespace tg57xx::sim {

void IrqLine::set_callback(IrqCallback fn, void *ctx)
{
	cb_ = fn;
	cb_ctx_ = ctx;
}

IrqLine::Mode IrqLine::mode() const
{
	const RegFile &cfg = chip_.cfg();
	if (cfg.get(pci::kMsixCap) & pci::kMsixEnable)
		return Mode::MSIX;
	if (cfg.get(pci::kMsiCap) & pci::kMsiEnable)
		return Mode::MSI;
	return Mode::INTX;
}

bool IrqLine::intx_masked() const
{
	/* §3 MISC_HOST_CTRL_MASK_PCI_INT; PCI command Interrupt Disable; no INTx in MSI modes. */
	return (chip_.cfg().get(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_MASK_PCI_INT) ||
	       (chip_.cfg().get(pci::kCommandStatus) & pci::kCommandIntxDisable) || mode() != Mode::INTX;
}

void IrqLine::notify(unsigned vector, bool level)
{
	chip_.counters().irq_signals++;
	chip_.trace_event(level ? "irq-assert" : "irq-deassert", vector);
	if (cb_)
		cb_(cb_ctx_, vector, level);
}

void IrqLine::reevaluate()
{
	const bool level = intx_pending_ && !intx_masked();
	if (level != intx_level_) {
		intx_level_ = level;
		notify(0, level);
	}
}

void IrqLine::set_intx(bool pending)
{
	intx_pending_ = pending;
	reevaluate();
}

bool IrqLine::signal_message(unsigned vector)
{
	const Mode m = mode();
	if (m == Mode::INTX)
		return false;
	if (m == Mode::MSI && vector != 0)
		return false;
	if (m == Mode::MSIX) {
		if (vector >= chip_.info().msix_vectors || (chip_.cfg().get(pci::kMsixCap) & pci::kMsixFuncMask))
			return false;
	}
	if (!(chip_.cfg().get(pci::kCommandStatus) & pci::kCommandMaster))
		return false; /* a message is a DMA write */
	notify(vector, true);
	return true;
}

void IrqLine::raise(unsigned vector)
{
	if (mode() == Mode::INTX)
		set_intx(true);
	else
		signal_message(vector);
}

void IrqLine::core_reset()
{
	set_intx(false);
}

} // namespace tg57xx::sim
