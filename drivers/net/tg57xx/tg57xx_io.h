/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The seam between the PMD and a chip (DESIGN §2): silicon behind BAR0 MMIO
 * or a chip-model instance. Everything above it — bring-up, rings, link,
 * stats — is one code path.
 *
 *  - Control path: read32/write32 of a BAR0 offset and config-space
 *    read/write, through function pointers (PCI: volatile MMIO and
 *    rte_pci_read_config; model: the model's bus shell).
 *  - Fast path: `mbox` points at the 0x200-byte high-priority mailbox block
 *    (BAR0 0x200, ref §4.1): one plain 32-bit store per doorbell, no call.
 */
#ifndef TG57XX_IO_H
#define TG57XX_IO_H

#include <cstdint>

#include <rte_config.h>
#include <rte_io.h>

namespace tg57xx::pmd {

struct RegIo {
	uint32_t (*read32)(void *ctx, uint32_t off);
	void (*write32)(void *ctx, uint32_t off, uint32_t val);
	uint32_t (*cfg_read32)(void *ctx, uint32_t off);
	void (*cfg_write32)(void *ctx, uint32_t off, uint32_t val);
	/* BAR2, the APE (ref §2): nullptr where this process has none (no APE,
	 * or a secondary process, which never resets the chip). */
	uint32_t (*ape_read32)(void *ctx, uint32_t off);
	void (*ape_write32)(void *ctx, uint32_t off, uint32_t val);
	void *ctx;
	/* BAR0 + MAILBOX base (0x200): mailbox word at BAR0 offset `off` is
	 * mbox[(off - 0x200) / 4]. */
	volatile uint32_t *mbox;
};

/*
 * Each process's own seam, per port. The function pointers, their contexts
 * (an rte_pci_device, a model or its IPC proxy) and even this plugin's code
 * may sit at other addresses in a secondary process, so they never live in
 * dev_private (shared memory): the Adapter records its port id and every
 * access looks up this process's RegIo (tg57xx_ethdev.cpp owns the table).
 * `mbox` is the exception that is the same in every process: BAR0 is mapped
 * at the primary's address in secondaries, and the model's page is a memzone.
 */
extern RegIo g_proc_io[RTE_MAX_ETHPORTS];
inline RegIo &proc_io(uint16_t port) { return g_proc_io[port]; }

/* Mailbox block base in BAR0 (ref §4.1, MAILBOX_INTERRUPT_0 high word). */
inline constexpr uint32_t kMailboxBase = 0x0200;

/* Pointer to a mailbox word given its BAR0 offset (low word: +4, ref §4.1). */
inline volatile uint32_t *mbox_word(const RegIo &io, uint32_t bar0_off)
{
	return io.mbox + (bar0_off - kMailboxBase) / sizeof(uint32_t);
}

/*
 * Doorbell: make the descriptor writes visible before the index (write
 * barrier), then one store. The same code drives MMIO and the model's
 * mailbox page.
 */
static inline void mbox_write(volatile uint32_t *word, uint32_t val)
{
	rte_io_wmb();
	rte_write32_relaxed(val, word);
}

} // namespace tg57xx::pmd

#endif
