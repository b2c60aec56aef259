/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The interrupt line: INTx level, MSI and MSI-X messages, delivered to the
 * host through the Device's IrqCallback.
 *
 * Which of the three is live follows PCI config space: MSI-X Enable, else
 * MSI Enable, else INTx (PCI_COMMAND Interrupt Disable gates INTx).
 * INTx additionally honours MISC_HOST_CTRL_MASK_PCI_INT (§3). *When* the chip
 * interrupts (status-block update, interrupt-mailbox masking and tags, §4.2,
 * §9.1) is the host-coalescing block's business; it calls raise()/set_intx().
 */
#ifndef TG57XX_SIM_IRQ_H
#define TG57XX_SIM_IRQ_H

#include <cstdint>

#include "tg57xx_sim/device.h"

namespace tg57xx::sim {

class Chip;

class IrqLine {
public:
	enum class Mode : uint8_t { INTX, MSI, MSIX };

	explicit IrqLine(Chip &chip) : chip_(chip) {}
	void set_callback(IrqCallback fn, void *ctx);

	Mode mode() const;

	/* INTx: the chip-internal "interrupt pending" state behind INTA#. */
	void set_intx(bool pending);
	bool intx_pending() const { return intx_pending_; }
	/* INTA# level as the host sees it. */
	bool intx_asserted() const { return intx_level_; }
	/* Re-evaluate the INTx level after a mask changed (MASK_PCI_INT, INTx disable). */
	void reevaluate();

	/* MSI (vector 0) / MSI-X vector: send a message if that mode is enabled. */
	bool signal_message(unsigned vector);

	/* "Interrupt on vector v" in whatever mode is live (INTx: set pending). */
	void raise(unsigned vector);

	/* Core reset: INTx pending cleared. */
	void core_reset();

private:
	bool intx_masked() const;
	void notify(unsigned vector, bool level);

	Chip &chip_;
	IrqCallback cb_ = nullptr;
	void *cb_ctx_ = nullptr;
	bool intx_pending_ = false;
	bool intx_level_ = false;
};

} // namespace tg57xx::sim

#endif
