/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Model counters and fault hooks.
 *
 * Counters are plain named u64s. To add one, append a line to
 * TG57XX_SIM_COUNTERS (additive change; keep related counters together and
 * say in the comment which block bumps it).
 */
#ifndef TG57XX_SIM_COUNTERS_H
#define TG57XX_SIM_COUNTERS_H

#include <cstdint>

namespace tg57xx::sim {

// clang-format off
#define TG57XX_SIM_COUNTERS(X)                                                 \
	/* bus shell */                                                        \
	X(bar0_reads)             /* BAR0 read32 calls */                      \
	X(bar0_writes)            /* BAR0 write32 calls */                     \
	X(cfg_reads)              /* config-space reads (any width) */         \
	X(cfg_writes)             /* config-space writes (any width) */        \
	X(mmio_decode_off)        /* BAR0 access with PCI_COMMAND memory off */\
	X(mmio_during_reset)      /* BAR0 access inside the core-reset window */\
	X(misaligned_accesses)    /* BAR0/config dword access not 4-aligned */ \
	/* register table */                                                   \
	X(unknown_reads)          /* read of an offset no block declared */    \
	X(unknown_writes)         /* write to an offset no block declared */   \
	X(ro_writes)              /* write to a read-only register */          \
	X(indirect_accesses)      /* TG3PCI_REG_DATA accesses (§2.2) */         \
	X(indirect_refused)       /* ... without MISC_HOST_CTRL_INDIR_ACCESS */\
	X(indirect_unmapped)      /* ... to an offset the GRC path can't reach */\
	/* NIC SRAM (§2.1) */                                                  \
	X(sram_reads)                                                          \
	X(sram_writes)                                                         \
	X(sram_memarb_off)        /* access while MEMARB_MODE_ENABLE clear */  \
	X(sram_out_of_range)      /* address beyond this chip's SRAM */        \
	/* mailboxes (§4) */                                                   \
	X(mailbox_writes)         /* mailbox writes via bar0/indirect/shortcut */\
	X(doorbells_lost)         /* updates dropped by Faults::lost_doorbells */\
	/* DMA port */                                                         \
	X(dma_reads)                                                           \
	X(dma_writes)                                                          \
	X(dma_read_bytes)                                                      \
	X(dma_write_bytes)                                                     \
	X(dma_faults)             /* translator refused or injected failure */ \
	X(dma_master_off)         /* DMA attempted with bus mastering off */   \
	X(dma_4g_crossings)       /* one transfer across a 4 GB boundary (§15) */\
	/* interrupts */                                                       \
	X(irq_signals)            /* callback invocations (INTx edges + MSI) */\
	/* host coalescing (§5.6, §9.1; blocks/hostcc.cpp) */                    \
	X(hostcc_updates)         /* status blocks written */                  \
	X(hostcc_dma_faults)      /* status block DMA refused (ERROR_ATTN) */  \
	X(hostcc_no_address)      /* update due with status block address 0 */\
	X(hostcc_irqs)            /* interrupts raised by host coalescing */   \
	X(hostcc_irqs_masked)     /* ... held back by the mailbox mask */      \
	X(hostcc_bad_ring)        /* engine reported a ring the chip lacks */  \
	/* reset and boot code (§6.2, §12.2) */                                \
	X(core_resets)                                                         \
	X(core_resets_no_bit29)   /* PCIe reset written without bit 29 */      \
	X(bootcode_completions)   /* ~MAGIC1 published */                      \
	/* board GPIOs (§5.11 GRC_LOCAL_CTRL; blocks/grc.cpp) */                \
	X(gpio_unlocked_writes)   /* NIC GPIOs changed without the APE GPIO lock */\
	X(gpio_lom_clobbers)      /* LOM boot-code GPIO drive undone */        \
	X(gpio_uart_pin_writes)   /* GPIOs changed while the debug UART has the pins */\
	/* NVRAM (§5.12) */                                                    \
	X(nvram_cmds)             /* commands completed */                     \
	X(nvram_cmds_refused)     /* GO without the SWARB grant / ACCESS_ENABLE */\
	X(nvram_out_of_range)     /* address beyond the image */               \
	X(swarb_grants)                                                        \
	/* APE, ASF and management firmware (§2; blocks/ape.cpp, asf.cpp) */              \
	X(bar2_absent)            /* BAR2 access on a chip without an APE */   \
	X(bar0_reads_failed)      /* BAR0 reads that got no answer (Faults::bus_errors) */\
	X(ape_lock_grants)        /* APE locks granted to the driver */        \
	X(ape_writes_refused)     /* BAR2 write without its PCISTATE enable */ \
	X(mgmt_link_losses)       /* firmware lost its link: protocol broken */\
	X(mgmt_events_start)      /* driver events served: STATE_START */      \
	X(mgmt_events_unload)     /* ... STATE_UNLOAD */                       \
	X(mgmt_heartbeats)        /* heartbeat count changes seen */           \
	X(asf_events)             /* ASF firmware: driver events acknowledged */\
	X(asf_pauses)             /* ... of which FWCMD_NICDRV_PAUSE_FW */     \
	X(asf_heartbeats)         /* ... of which FWCMD_NICDRV_ALIVE3 */       \
	X(asf_heartbeat_misses)   /* ALIVE3 timeout went by without the next */\
	/* MAC and PHY (§5.1, §5.2, §11); blocks/mac.cpp, blocks/mii_phy.cpp */ \
	X(mdio_frames)            /* MI_COM transactions completed */          \
	X(mdio_busy_writes)       /* MI_COM written while a frame was in flight */\
	X(mdio_no_phy)            /* MI_COM to an address no PHY answers */    \
	X(phy_unknown_regs)       /* PHY register the model does not implement */\
	X(phy_writes_in_reset)    /* PHY write while BMCR_RESET was in progress */\
	X(link_changes)           /* PHY link transitions (up or down) */      \
	X(phy_long_frames_dropped)/* > 1522 bytes without AUXCTL EXTPKTLEN (TX: + FIFO_ELASTIC) */\
	X(mac_tx_frames)          /* frames the MAC sent (medium or loopback) */\
	X(mac_tx_dropped)         /* refused: TX off, no link, isolate, bad len */\
	X(mac_tx_medium_full)     /* sent, but the wire did not take the frame */\
	X(tx_medium_waits)        /* TX sweeps that left frames queued: medium busy */\
	X(mac_port_mode_mismatch) /* MAC_MODE port mode does not fit the link speed */\
	X(mac_rx_frames)          /* frames delivered to the RX engine */      \
	X(mac_rx_pace_late_ns)    /* paced receive line time lost to an engine over 1 ms late (mac_frames.h) */\
	X(mac_rx_filtered)        /* rejected by the address filter */         \
	X(mac_rx_dropped)         /* RX off, no link, runt discarded */        \
	X(mac_rx_oversize_dropped)/* longer than MAC_RX_MTU_SIZE, not ACCEPT_OVERSIZED */\
	X(mac_rx_held_by_wire)    /* receive bursts a replay wire held back: RX off */\
	X(mac_loopback_overflow)  /* internal/PHY loopback queue full */       \
	/* send path (blocks/tx.cpp, §5.3, §14.1) */                           \
	X(tx_frames)              /* frames (TSO: segments) handed to the MAC */\
	X(tx_mac_refused)         /* ... which the MAC did not send */         \
	X(tx_dropped)             /* send frames dropped by the engine */      \
	X(tx_zero_len_bds)        /* frame had a 0-length BD */                \
	X(tx_short_dma_bds)       /* ... a BD of <= 8 bytes (§15 SHORT_DMA_BUG) */\
	X(tx_4g_crossings)        /* ... a buffer crossing 4 GB (§15) */       \
	X(tx_corrupt_bds)         /* ... a BD hit by Faults::corrupt_bds */    \
	X(tx_runaway_frames)      /* full ring without TXD_FLAG_END */         \
	X(tx_oversize_frames)     /* longer than the engine can send */        \
	X(tx_jumbo_no_flag)       /* > 1518 bytes without TXD_FLAG_JMB_PKT */  \
	X(tx_rdma_length_bug)     /* lost: stale RDMA_LENGTH, no workaround (§15) */\
	X(tx_rdma_wa_frames)      /* sent with the TX-length workaround on (§15) */\
	X(tx_tso_frames)          /* frames cut by HW TSO */                   \
	X(tx_tso_segments)        /* segments those produced */                \
	X(tx_tso_errors)          /* TSO frames the engine could not cut */    \
	X(tx_csum_not_applied)    /* csum flag on a frame the engine can't parse */\
	X(tx_runt_csum_corrupted) /* L4 csum offload on a < 60 B frame (§15) */\
	X(tx_dma_faults)          /* frame data DMA refused */                 \
	X(tx_bd_dma_faults)       /* BD fetch DMA refused (ring stalls) */     \
	X(tx_bad_ring)            /* send RCB size invalid */                  \
	X(tx_bad_prod_idx)        /* producer index >= ring size */            \
	X(tx_doorbell_disabled_ring) /* producer written for a disabled RCB */ \
	/* receive path (blocks/rx.cpp, §5.4, §14.2) */                        \
	X(rx_frames)              /* return BDs written */                     \
	X(rx_no_bd_drops)         /* lost waiting for a buffer: mbuf pool full */\
	X(rx_ret_ring_full_drops) /* lost waiting for a return slot: pool full */\
	X(rx_jumbo_needed_drops)  /* too big for std, jumbo ring disabled */   \
	X(rx_too_big_drops)       /* too big for the buffer (FRM_TOO_BIG) */   \
	X(rx_ret_ring_bad_drops)  /* RSS chose a disabled/invalid return ring */\
	X(rx_bad_ring)            /* std/jumbo/return RCB size invalid */      \
	X(rx_bad_prod_idx)        /* std/jumbo producer index >= ring size */  \
	X(rx_bad_ret_cons_idx)    /* return consumer index >= ring size */     \
	X(rx_dma_faults)          /* BD fetch / data / return BD DMA refused */\
	X(rx_corrupt_bds)         /* producer BD hit by Faults::corrupt_bds */ \
	X(rx_vlan_stripped)       /* 802.1Q tags removed (§10.3) */            \
	X(rx_rss_hashed)          /* frames steered by the RSS hash (§10.6) */ \
	/* time and runner */                                                  \
	X(timers_fired)                                                        \
	X(engine_rounds)          /* block run() sweeps that made progress */  \
	X(runner_sleeps)
// clang-format on

struct Counters {
#define TG57XX_SIM_COUNTER_FIELD(name) uint64_t name = 0;
	TG57XX_SIM_COUNTERS(TG57XX_SIM_COUNTER_FIELD)
#undef TG57XX_SIM_COUNTER_FIELD
};

/* Call fn(const char *name, uint64_t value) for every counter, in declaration order. */
template <class Fn>
void for_each_counter(const Counters &c, Fn &&fn)
{
#define TG57XX_SIM_COUNTER_VISIT(name) fn(#name, c.name);
	TG57XX_SIM_COUNTERS(TG57XX_SIM_COUNTER_VISIT)
#undef TG57XX_SIM_COUNTER_VISIT
}

/*
 * Fault injection. Counts are "the next N events"; each event consumes one.
 * Set with Device::set_faults(); blocks read and consume them under the
 * model lock.
 */
struct Faults {
	/* The boot code never completes: 0xB50 never reads ~MAGIC1 (§6.2). */
	bool stuck_bootcode = false;
	/* The buffer manager never comes up: BUFMGR_MODE_ENABLE never reads back set (§5.8). */
	bool stuck_bufmgr = false;
	/* The next N DMA transfers fail as if the translator refused them. */
	uint32_t dma_errors = 0;
	/* The next N mailbox updates seen by engines are lost (posted write dropped). */
	uint32_t lost_doorbells = 0;
	/* MAC/PHY: drop the link for link_flap_ns, N times (owner: MAC/PHY block). */
	uint32_t link_flaps = 0;
	uint64_t link_flap_ns = 0;
	/* RX/TX: corrupt the next N frames on the wire (bad FCS). */
	uint32_t corrupt_frames = 0;
	/* Engines: treat the next N fetched descriptors as corrupt. */
	uint32_t corrupt_bds = 0;
	/*
	 * Bus: the next N BAR0 register reads get no answer from the chip and
	 * complete with all-ones, as a read does from a device whose PCIe link is
	 * down or that was removed (PCIe: a completion timeout or an unsupported
	 * request returns all-ones to the CPU). The read never reaches the chip,
	 * so nothing a read would change there changes: a clear-on-read counter
	 * keeps its count. Stores through the mailbox page are not reads.
	 */
	uint32_t bus_errors = 0;
};

} // namespace tg57xx::sim

#endif
