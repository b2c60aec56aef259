/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Chip control for net_tg57xx: register helpers, probe-time setup, core
 * reset and firmware handshake, NVRAM, MAC address, full initialisation in
 * tg3's order and quiesce. Everything goes through the RegIo seam, so the
 * same code drives silicon and the chip model.
 *
 * Reference: bcm57xx-programming.md (ref §n); tg3.c function names are given
 * where the order follows tg3.
 */
#ifndef TG57XX_HW_H
#define TG57XX_HW_H

#include <cstdint>

#include <rte_common.h>
#include <rte_spinlock.h>

#include "tg57xx_chip.h"
#include "tg57xx_io.h"

namespace tg57xx::pmd {

inline constexpr unsigned kMacLen = 6;
inline constexpr unsigned kFwVersionLen = 32;

/* Chip state decided once at probe (STYLE: quirks as typed flags). */
struct Hw {
	uint16_t port = 0;            /* ethdev port: this process's seam is proc_io(port) */
	const char *name = "";        /* device name for log lines */
	hw::ChipId chip{};
	uint32_t fam = 0;             /* hw::Family bits */
	/* Values tg3 keeps in tp-> and rewrites after resets (ref §12.1). */
	uint32_t misc_host_ctrl = 0;
	uint32_t grc_mode = 0;
	uint32_t grc_local_ctrl = 0;
	uint32_t mi_mode = 0;
	uint32_t pci_fn = 0;
	uint8_t phy_addr = 1;
	/* An add-in card, not a LOM: NVRAM config without EEPROM_WP (tg3 IS_NIC,
	 * tg3_get_eeprom_hw_cfg; without the config tg3 assumes a LOM). A LOM's
	 * GPIOs belong to its boot code; a NIC's hold the power-source switch. */
	bool is_nic = false;
	bool asf_enabled = false;     /* NVRAM config ASF_ENABLE (tg3 ENABLE_ASF) */
	bool ape_enabled = false;     /* chip with an APE (tg3 ENABLE_APE; tg57xx_ape.h) */
	bool no_fw_reported = false;  /* no boot code answered once (tg3 NO_FWARE_REPORTED) */
	/* 5719/5720 TX-length workaround on since the last init (tg3 5719_5720_RDMA_BUG),
	 * and the frames the MAC counted sent since (tg57xx_stats.cpp clears it). */
	bool rdma_wa_on = false;
	uint64_t rdma_wa_tx = 0;
	uint32_t ape_hb = 0;          /* APE heartbeat count (tg3 tp->ape_hb) */
	uint64_t ape_hb_tsc = 0;      /* when it was last sent */
	uint64_t asf_hb_tsc = 0;      /* when the last ASF heartbeat (ALIVE3) went */
	uint32_t phy_id = 0;          /* tg3 packed id (ref §11.4) */
	uint8_t perm_addr[kMacLen] = {};
	char fw_version[kFwVersionLen] = {};
	uint32_t nvram_bytes = 0;     /* NVRAM size, 0 until first asked (tg57xx_diag.cpp nvram_size) */
	/* Serialises MDIO and NVRAM sequences between the app and the alarm thread. */
	rte_spinlock_t lock = RTE_SPINLOCK_INITIALIZER;
	/* Serialises read-modify-writes of MAC_MODE / MAC_RX_MODE / MAC_TX_MODE
	 * between the app (receive filters, RSS) and the alarm thread (link:
	 * port mode, flow control). Unserialised, a link poll that read
	 * MAC_RX_MODE before a promiscuous-mode write put the old value back
	 * (tg3 holds tp->lock for both). */
	rte_spinlock_t mode_lock = RTE_SPINLOCK_INITIALIZER;

	bool has(uint32_t f) const { return (fam & f) != 0; }
	bool is_asic(uint32_t a) const { return chip.asic == a; }
	bool is_5719_or_5720() const { return is_asic(hw::ASIC_REV_5719) || is_asic(hw::ASIC_REV_5720); }
	/* tg3_lso_rd_dma_workaround_bit (ref §15). */
	uint32_t lso_rd_dma_wa_bit() const
	{
		return is_asic(hw::ASIC_REV_5719) ? hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5719 : hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720;
	}
	/* FreeBSD's consistent A-step value: tg3's CHIPREV_57765_AX never matches a 57765 id. */
	bool is_57765_ax() const { return has(hw::FAM_57765_CLASS) && hw::chip_is_57765_ax(chip.chip_rev_id); }
};

/* ---- register access (the only place that touches the seam) ---- */
static inline const RegIo &hw_io(const Hw &h) { return proc_io(h.port); }
static inline uint32_t rd32(const Hw &h, uint32_t off)
{
	const RegIo &io = hw_io(h);
	return io.read32(io.ctx, off);
}
static inline void wr32(const Hw &h, uint32_t off, uint32_t v)
{
	const RegIo &io = hw_io(h);
	io.write32(io.ctx, off, v);
}
/* tg3 tw32_f: write, then read back to flush the posted write (ref §15). */
static inline void wr32_f(const Hw &h, uint32_t off, uint32_t v)
{
	wr32(h, off, v);
	(void)rd32(h, off);
}
static inline uint32_t cfg_rd32(const Hw &h, uint32_t off)
{
	const RegIo &io = hw_io(h);
	return io.cfg_read32(io.ctx, off);
}
static inline void cfg_wr32(const Hw &h, uint32_t off, uint32_t v)
{
	const RegIo &io = hw_io(h);
	io.cfg_write32(io.ctx, off, v);
}
/* Mailbox low word through the fast-path pointer (ref §4.1). */
static inline void mbox_wr(const Hw &h, uint32_t mbox_off, uint32_t v) { mbox_write(mbox_word(hw_io(h), mbox_off), v); }

/*
 * Alignment for memory the chip walks (rings, status blocks): the size
 * rounded up to a power of two, at least `min_align`. A block aligned to its
 * own power-of-two size never straddles a larger power-of-two line, so never
 * a 4 GB one, which locks up the DMA engine (ref §15; FreeBSD bge_dma_alloc,
 * BGE_DMA_BNDRY "4GB boundary DMA bug"; tg3's coherent ring allocations).
 */
static inline unsigned dma_align_within_4g(size_t bytes, unsigned min_align)
{
	return RTE_MAX(min_align, rte_align32pow2(static_cast<uint32_t>(bytes)));
}

/* BAR2, the APE (ref §2); only with proc_io(port).ape_read32 set (tg57xx_ape.cpp). */
uint32_t ape_rd32(const Hw &h, uint32_t off);
void ape_wr32(const Hw &h, uint32_t off, uint32_t v);

/* Busy-wait for microseconds (control path only). */
void udelay(unsigned us);
/* Poll `off` until (value & mask) == want, `loops` times `delay_us` apart. 0 or -ETIMEDOUT. */
int wait_reg(const Hw &h, uint32_t off, uint32_t mask, uint32_t want, unsigned loops, unsigned delay_us);

/* NIC SRAM through the memory window (ref §2.1; tg3_read_mem/tg3_write_mem). */
uint32_t sram_read(const Hw &h, uint32_t addr);
void sram_write(const Hw &h, uint32_t addr, uint32_t val);

/* NVRAM (ref §5.12): one dword, big-endian byte order as tg3's parsers use. */
int nvram_read_be(Hw &h, uint32_t addr, uint32_t *val);

/* ---- bring-up ---- */
/* Identify the chip through config space (ref §1.2); fills h.chip/h.fam. */
int hw_identify(Hw &h);
/* Probe-time setup (ref §12.1, tg3_init_one/tg3_get_invariants). */
int hw_probe(Hw &h);
/* tg3_reset_hw step 23 on a LOM: take the GPIO drive the boot code set into
 * grc_local_ctrl (and GPIO1 high, the write protect); no-op on a NIC. */
void hw_keep_lom_gpios(Hw &h);
/* Core reset + firmware handshake (ref §12.2, tg3_chip_reset). */
int hw_chip_reset(Hw &h);
/* Stop every engine (ref §13, tg3_abort_hw). Returns -ETIMEDOUT if a block would not stop (still continues). */
int hw_abort(Hw &h);
/* Quiesce for good: abort + core reset (ref §13, tg3_halt). */
int hw_halt(Hw &h, uint32_t drv_state);

/* Host coalescing parameters (ref §5.6). */
struct Coalesce {
	uint32_t rx_ticks;  /* µs, HOSTCC_RXCOL_TICKS */
	uint32_t rx_frames; /* HOSTCC_RXMAX_FRAMES */
	uint32_t tx_ticks;
	uint32_t tx_frames;
};

/* Rings of one kind the PMD uses at most: RSS return rings / TSS send rings (ref §10.6, §10.7). */
inline constexpr unsigned kMaxRings = hw::TG3_RSS_MAX_NUM_QS;

/* What hw_init programs: rings live in host memory owned by the ethdev layer. */
struct InitParams {
	uint64_t std_iova;      /* standard producer ring (RxBd[std_entries]) */
	uint32_t std_entries;
	uint32_t std_posted;    /* producer mailbox value: buffers posted */
	uint32_t std_buf_len;   /* bytes per std buffer (MAXLEN_FLAGS[15:2], ref §7.2) */
	uint64_t jmb_iova;      /* jumbo ring (ExtRxBd[jmb_entries]); 0 = disabled */
	uint32_t jmb_entries;
	uint32_t jmb_posted;
	unsigned nret;          /* return rings 0..nret-1 (RxBd[ret_entries] each) */
	uint64_t ret_iova[kMaxRings];
	uint32_t ret_entries;
	unsigned nsend;         /* send rings 0..nsend-1 (more than one only with TSS) */
	uint64_t send_iova[kMaxRings];
	uint32_t send_entries[kMaxRings];
	unsigned nvec;          /* status blocks of vectors 0..nvec-1 */
	uint64_t status_iova[hw::TG3_IRQ_MAX_VECS];
	bool multivec;          /* MSI-X multi-vector layout (ref §4.4, §9.1) */
	bool tss;               /* SNDBDI_MODE_MULTI_TXQ_EN (ref §10.7) */
	uint32_t mtu;
	uint32_t rx_mode;       /* extra MAC_RX_MODE bits (promiscuous, keep VLAN tag, RSS, ...) */
	Coalesce coal;
	const uint8_t *mac;
	/* RSS (ref §10.6, step 32): MAC_RSS_INDIR_TBL_0..15 and MAC_RSS_HASH_KEY_0..9 words; null = not written. */
	const uint32_t *rss_indir;
	const uint32_t *rss_key;
};

/* Full initialisation in tg3 order (ref §12.3, tg3_reset_hw), ending with the MACs enabled. */
int hw_init(Hw &h, const InitParams &p);
/* MAC_RX_MODE = enable bits | extra (ref §12.3 step 33). */
void hw_write_rx_mode(const Hw &h, uint32_t extra);
/* RSS indirection table (16 words) / hash key (10 words) registers (ref §10.6). */
void hw_write_rss_indir(const Hw &h, const uint32_t *words);
void hw_write_rss_key(const Hw &h, const uint32_t *words);
/* Multicast hash registers (ref §5.1). */
void hw_write_mc_hash(const Hw &h, const uint32_t hash[4]);

/* MAC address registers: four slots + backoff seed (ref §5.1, __tg3_set_mac_addr). */
void hw_set_mac_addr(const Hw &h, const uint8_t addr[kMacLen]);

} // namespace tg57xx::pmd

#endif
