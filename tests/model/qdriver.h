/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * qdriver: a tiny in-test driver for the model (like QEMU's libqos), written
 * from the reference, not from the PMD. Every wait advances the model's
 * virtual clock, so tests are deterministic and fast.
 */
#ifndef TG57XX_TESTS_MODEL_QDRIVER_H
#define TG57XX_TESTS_MODEL_QDRIVER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "tg57xx_sim/device.h"

namespace tg57xx::sim::test {

/* Identity DMA translator (IOVA == host VA) over a test-owned arena. */
class DmaArena {
public:
	explicit DmaArena(size_t bytes);
	/* Carve `bytes` (aligned) out of the arena, zeroed; returns its IOVA. */
	uint64_t alloc(size_t bytes, size_t align = 64);
	void *host(uint64_t iova) const { return reinterpret_cast<void *>(iova); }
	template <class T>
	T *at(uint64_t iova) const { return static_cast<T *>(host(iova)); }
	bool contains(uint64_t iova, size_t len) const;
	void attach(Device &dev) { dev.set_dma_translator(&DmaArena::translate, this); }
	static void *translate(void *ctx, uint64_t iova, size_t len);
	uint64_t base() const { return reinterpret_cast<uint64_t>(mem_.get()); }
	size_t size() const { return size_; }

private:
	std::unique_ptr<uint8_t[]> mem_;
	size_t size_;
	size_t used_ = 0;
};

class QDriver {
public:
	/* Poll period for wait_for_bits (tg3 polls MMIO every 10 µs in most loops). */
	static constexpr uint64_t kPollNs = 10'000;

	explicit QDriver(Device &dev) : dev_(dev) {}
	Device &dev() { return dev_; }

	uint32_t reg_read(uint32_t off) { return dev_.bar0_read32(off); }
	void reg_write(uint32_t off, uint32_t val) { dev_.bar0_write32(off, val); }
	uint32_t cfg_read(uint32_t off) { return dev_.cfg_read32(off); }
	void cfg_write(uint32_t off, uint32_t val) { dev_.cfg_write32(off, val); }
	void delay(uint64_t ns) { dev_.advance(ns); }

	/* Poll until (reg & mask) == value, advancing time by poll_ns between reads. */
	bool wait_for_bits(uint32_t off, uint32_t mask, uint32_t value, uint64_t timeout_ns,
			   uint64_t poll_ns = kPollNs);

	/* One MDIO write through MAC_MI_COM, polling BUSY as __tg3_writephy does (§5.1). */
	bool mdio_write(uint32_t phy_addr, uint32_t reg, uint16_t val);

	/* NIC SRAM through the BAR0 window (§2.1 method 1); leaves the window base at 0. */
	uint32_t sram_read(uint32_t addr);
	void sram_write(uint32_t addr, uint32_t val);
	/* An RCB (§7.1): host address high word, low word, MAXLEN_FLAGS; in
	 * registers (std/jumbo rings) or in SRAM (send/return rings). */
	void rcb_regs_write(uint32_t rcb, uint64_t host, uint32_t maxlen_flags);
	void rcb_sram_write(uint32_t addr, uint64_t host, uint32_t maxlen_flags);
	/* ... through TG3PCI_MEM_WIN_BASE_ADDR / MEM_WIN_DATA (§2.1 method 2, tg3's). */
	uint32_t sram_read_data_reg(uint32_t addr);
	void sram_write_data_reg(uint32_t addr, uint32_t val);

	/* §12.1 steps 2 and 4: MISC_HOST_CTRL = tg3's init value, memory arbiter on;
	 * then the switch to Vmain (tg3_get_invariants). */
	void probe_init();
	/* tg3 grc_local_ctrl on the model's boards: INT_ON_ATTN | AUTO_SEEPROM, and
	 * GPIO_UART_SEL on the 57765 class (tg3_get_invariants). */
	uint32_t local_ctrl() const;
	/* tg3_pwrsrc_switch_to_vmain: on an add-in NIC (no EEPROM_WP in the NVRAM
	 * config) write local_ctrl(), on an APE chip under the APE GPIO lock.
	 * false if the APE never granted the lock. */
	bool switch_to_vmain();
	uint32_t misc_host_ctrl() const { return misc_host_ctrl_; }
	/* The value chip_reset() restores (§12.2 step 9): tg3 adds TAGGED_STATUS after probe (§12.1 step 2). */
	void set_misc_host_ctrl(uint32_t v) { misc_host_ctrl_ = v; }

	/*
	 * §12.2 tg3_chip_reset with the §6.2 handshake: MAGIC1 to 0xB50, NVRAM
	 * lock, save command, fastboot PC 0, bit 29, (5720 clock override),
	 * reset write, 120 µs + config-read flush + 120 µs, restore
	 * MISC_HOST_CTRL/PCISTATE/command, MEMARB enable, poll for ~MAGIC1
	 * (100000 x 10 µs). Returns true when the boot code answered.
	 */
	bool chip_reset();

	/* §5.12 */
	bool nvram_lock();
	void nvram_unlock();
	std::optional<uint32_t> nvram_read(uint32_t addr);

	/* §13 tg3_stop_block: clear the enable bit, poll 100 µs x MAX_WAIT_CNT. */
	bool stop_block(uint32_t off, uint32_t enable_bit);

private:
	Device &dev_;
	uint32_t misc_host_ctrl_ = 0;
};

/*
 * The engine part of tg3_reset_hw (§12.3) as the engine tests and the model
 * bench use it: chip reset, GRC mode and buffer manager first
 * (engine_bring_up_begin), then — once the caller has placed its rings and
 * posted buffers — every RCB, mailbox, coalescing and mode register in tg3's
 * order (engine_bring_up_end). gtest-free so benchmarks can share it.
 */
struct EngineLayout {
	uint64_t tx_ring = 0, std_ring = 0, ret_ring = 0, jmb_ring = 0, sblk = 0;
	uint32_t tx_size = 512, std_size = 512, ret_size = 512, jmb_size = 0; /* jmb_size 0: jumbo RCB disabled */
	uint32_t std_buf = 0;    /* std RCB max frame (§7.2) */
	uint32_t std_prod = 0;   /* std producer mailbox value */
	uint32_t jmb_prod = 0;
	uint32_t rx_mtu = 1500 + 22;
	bool loopback = false;   /* MAC_MODE_PORT_INT_LPBACK */
	bool tso = true;         /* SNDDATAI HW pre-DMA + RDMAC LSO enables */
	bool lrg_ring = false;   /* RCVDBDI_MODE_LRG_RING_SZ (5717_PLUS) */
	uint32_t rx_mode_extra = 0;
};
/* tg3_reset_hw after RDMAC_MODE on 5719/5720 (§15): the TX-length workaround bit
 * if a read-DMA channel holds more than the largest MTU. */
void rdma_length_wa(QDriver &q, const PersonalityInfo &pi);
bool engine_bring_up_begin(QDriver &q, bool no_tx_phdr_csum);
void engine_bring_up_end(QDriver &q, const PersonalityInfo &pi, const EngineLayout &l);

} // namespace tg57xx::sim::test

#endif
