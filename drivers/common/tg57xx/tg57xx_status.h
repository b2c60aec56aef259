/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Status block (ref §9.1) and statistics block (ref §9.2). Part of
 * tg57xx_desc.h: include that.
 */
#ifndef TG57XX_BASE_STATUS_H
#define TG57XX_BASE_STATUS_H

#include <cstddef>
#include <cstdint>

#include "tg57xx_desc.h"

namespace tg57xx::hw {

/* ---------------------------------------------------------------------------
 * Status block, 0x50 bytes (ref §9.1; tg3.h struct tg3_hw_status). The chip
 * DMAs it to HOSTCC_STATUS_BLK_HOST_ADDR (vector 0) or
 * HOSTCC_STATBLCK_RING(v) (MSI-X vector v). With HOSTCC_MODE_32BYTE only the
 * first 32 bytes (through idx[3]) are written.
 * ------------------------------------------------------------------------- */
inline constexpr uint32_t SD_STATUS_UPDATED = 0x00000001;
inline constexpr uint32_t SD_STATUS_LINK_CHG = 0x00000002;
inline constexpr uint32_t SD_STATUS_ERROR = 0x00000004;
inline constexpr uint32_t TG3_HW_STATUS_SIZE = 0x50;
inline constexpr uint32_t TG3_HW_STATUS_SIZE_32BYTE = 0x20; /* HOSTCC_MODE_32BYTE */
inline constexpr unsigned TG3_HW_STATUS_NUM_IDX = 16;

/* Byte offsets of the 16-bit fields (TSV SBLK_OFF_*). */
inline constexpr size_t SBLK_OFF_STATUS = 0x00;
inline constexpr size_t SBLK_OFF_STATUS_TAG = 0x04;
inline constexpr size_t SBLK_OFF_RX_JUMBO_CONSUMER = 0x08; /* RSS: return ring 1 producer */
inline constexpr size_t SBLK_OFF_RX_STD_CONSUMER = 0x0A;
inline constexpr size_t SBLK_OFF_RX_MINI_CONSUMER = 0x0C;  /* RSS: return ring 3 producer */
inline constexpr size_t SBLK_OFF_RESERVED16 = 0x0E;        /* RSS: return ring 2 producer */
inline constexpr size_t SBLK_OFF_IDX0_RX_PRODUCER = 0x10;  /* return ring 0 producer */
inline constexpr size_t SBLK_OFF_IDX0_TX_CONSUMER = 0x12;  /* send ring 0 consumer */
inline constexpr size_t SBLK_OFF_IDX1_RX_PRODUCER = 0x14;

struct StatusBlock {
	uint32_t status;      /* SD_STATUS_* */
	uint32_t status_tag;  /* bumped per update in tagged mode */
	uint32_t rx_consumers; /* [15:0] rx_jumbo_consumer, [31:16] rx_consumer (std ring) */
	uint32_t rx_mini_reserved; /* [15:0] rx_mini_consumer, [31:16] reserved */
	uint32_t idx[TG3_HW_STATUS_NUM_IDX]; /* [15:0] rx_producer, [31:16] tx_consumer */

	constexpr uint16_t rx_jumbo_consumer() const { return detail::low_half(rx_consumers); }
	constexpr uint16_t rx_consumer() const { return detail::high_half(rx_consumers); }
	constexpr uint16_t rx_mini_consumer() const { return detail::low_half(rx_mini_reserved); }
	constexpr uint16_t reserved16() const { return detail::high_half(rx_mini_reserved); }
	constexpr uint16_t rx_producer(unsigned n) const { return detail::low_half(idx[n]); }
	constexpr uint16_t tx_consumer(unsigned n) const { return detail::high_half(idx[n]); }

	constexpr void set_rx_jumbo_consumer(uint16_t v) { rx_consumers = detail::halves(rx_consumer(), v); }
	constexpr void set_rx_consumer(uint16_t v) { rx_consumers = detail::halves(v, rx_jumbo_consumer()); }
	constexpr void set_rx_mini_consumer(uint16_t v) { rx_mini_reserved = detail::halves(reserved16(), v); }
	constexpr void set_reserved16(uint16_t v) { rx_mini_reserved = detail::halves(v, rx_mini_consumer()); }
	constexpr void set_rx_producer(unsigned n, uint16_t v) { idx[n] = detail::halves(tx_consumer(n), v); }
	constexpr void set_tx_consumer(unsigned n, uint16_t v) { idx[n] = detail::halves(v, rx_producer(n)); }

	/*
	 * RSS remap (tg3.c tg3_alloc_consistent, ref §9.1): with RSS, MSI-X
	 * vector v = ring + 1 reads return ring `ring`'s producer in its OWN
	 * status block from idx[0].rx_producer (ring 0), rx_jumbo_consumer (1),
	 * reserved (2) or rx_mini_consumer (3). Without RSS use rx_producer(0).
	 */
	static constexpr size_t ret_ring_producer_offset(unsigned ring)
	{
		detail::check_index(ring, TG3_RSS_MAX_NUM_QS);
		switch (ring) {
		case 1: return SBLK_OFF_RX_JUMBO_CONSUMER;
		case 2: return SBLK_OFF_RESERVED16;
		case 3: return SBLK_OFF_RX_MINI_CONSUMER;
		default: return SBLK_OFF_IDX0_RX_PRODUCER;
		}
	}
	constexpr uint16_t ret_ring_producer(unsigned ring) const
	{
		switch (ring) {
		case 1: return rx_jumbo_consumer();
		case 2: return reserved16();
		case 3: return rx_mini_consumer();
		default: return rx_producer(0);
		}
	}
	constexpr void set_ret_ring_producer(unsigned ring, uint16_t v)
	{
		switch (ring) {
		case 1: set_rx_jumbo_consumer(v); break;
		case 2: set_reserved16(v); break;
		case 3: set_rx_mini_consumer(v); break;
		default: set_rx_producer(0, v); break;
		}
	}
};
static_assert(sizeof(StatusBlock) == TG3_HW_STATUS_SIZE);
static_assert(offsetof(StatusBlock, status) == SBLK_OFF_STATUS);
static_assert(offsetof(StatusBlock, status_tag) == SBLK_OFF_STATUS_TAG);
static_assert(offsetof(StatusBlock, rx_consumers) + LE_WORD_LOW_HALF == SBLK_OFF_RX_JUMBO_CONSUMER);
static_assert(offsetof(StatusBlock, rx_consumers) + LE_WORD_HIGH_HALF == SBLK_OFF_RX_STD_CONSUMER);
static_assert(offsetof(StatusBlock, rx_mini_reserved) + LE_WORD_LOW_HALF == SBLK_OFF_RX_MINI_CONSUMER);
static_assert(offsetof(StatusBlock, rx_mini_reserved) + LE_WORD_HIGH_HALF == SBLK_OFF_RESERVED16);
static_assert(offsetof(StatusBlock, idx) + LE_WORD_LOW_HALF == SBLK_OFF_IDX0_RX_PRODUCER);
static_assert(offsetof(StatusBlock, idx) + LE_WORD_HIGH_HALF == SBLK_OFF_IDX0_TX_CONSUMER);
static_assert(offsetof(StatusBlock, idx) + sizeof(uint32_t) == SBLK_OFF_IDX1_RX_PRODUCER);
static_assert(offsetof(StatusBlock, idx) + 4 * sizeof(uint32_t) == TG3_HW_STATUS_SIZE_32BYTE);

/* ---------------------------------------------------------------------------
 * Statistics block, 0x800 bytes (ref §9.2; tg3.h struct tg3_hw_stats): SRAM
 * NIC_SRAM_STATS_BLK..0x0AFF on pre-5705 chips; on 5705_PLUS (all chips
 * here) the chip does not DMA it and tg3 keeps the same struct in host
 * memory, filled from the §5.2 registers. Counters are {high, low} words.
 * ------------------------------------------------------------------------- */
struct Stat64 {
	uint32_t high;
	uint32_t low;

	constexpr uint64_t value() const { return detail::addr_join(high, low); }
	/* tg3 TG3_STAT_ADD32: accumulate a 32-bit clear-on-read register. */
	constexpr void add(uint32_t v)
	{
		const uint32_t old = low;
		low += v;
		if (low < old)
			high++;
	}
};
static_assert(sizeof(Stat64) == 8);

/* SRAM addresses of the counters (TSV STATS_SRAM_*, = NIC_SRAM_STATS_BLK +
 * struct offset). */
inline constexpr uint32_t STATS_SRAM_RX_OCTETS = 0x0400;
inline constexpr uint32_t STATS_SRAM_RX_FRAGMENTS = 0x0410;
inline constexpr uint32_t STATS_SRAM_RX_UCAST_PACKETS = 0x0418;
inline constexpr uint32_t STATS_SRAM_RX_MCAST_PACKETS = 0x0420;
inline constexpr uint32_t STATS_SRAM_RX_BCAST_PACKETS = 0x0428;
inline constexpr uint32_t STATS_SRAM_RX_FCS_ERRORS = 0x0430;
inline constexpr uint32_t STATS_SRAM_RX_ALIGN_ERRORS = 0x0438;
inline constexpr uint32_t STATS_SRAM_RX_XON_PAUSE_RCVD = 0x0440;
inline constexpr uint32_t STATS_SRAM_RX_XOFF_PAUSE_RCVD = 0x0448;
inline constexpr uint32_t STATS_SRAM_RX_MAC_CTRL_RCVD = 0x0450;
inline constexpr uint32_t STATS_SRAM_RX_XOFF_ENTERED = 0x0458;
inline constexpr uint32_t STATS_SRAM_RX_FRAME_TOO_LONG_ERRORS = 0x0460;
inline constexpr uint32_t STATS_SRAM_RX_JABBERS = 0x0468;
inline constexpr uint32_t STATS_SRAM_RX_UNDERSIZE_PACKETS = 0x0470;
inline constexpr uint32_t STATS_SRAM_RX_IN_LENGTH_ERRORS = 0x0478;
inline constexpr uint32_t STATS_SRAM_RX_OUT_LENGTH_ERRORS = 0x0480;
inline constexpr uint32_t STATS_SRAM_RX_64_OR_LESS_OCTET_PACKETS = 0x0488;
inline constexpr uint32_t STATS_SRAM_RX_1024_TO_1522_OCTET_PACKETS = 0x04B0;
inline constexpr uint32_t STATS_SRAM_TX_OCTETS = 0x0600;
inline constexpr uint32_t STATS_SRAM_TX_COLLISIONS = 0x0610;
inline constexpr uint32_t STATS_SRAM_TX_XON_SENT = 0x0618;
inline constexpr uint32_t STATS_SRAM_TX_XOFF_SENT = 0x0620;
inline constexpr uint32_t STATS_SRAM_TX_FLOW_CONTROL = 0x0628;
inline constexpr uint32_t STATS_SRAM_TX_MAC_ERRORS = 0x0630;
inline constexpr uint32_t STATS_SRAM_TX_SINGLE_COLLISIONS = 0x0638;
inline constexpr uint32_t STATS_SRAM_TX_MULT_COLLISIONS = 0x0640;
inline constexpr uint32_t STATS_SRAM_TX_DEFERRED = 0x0648;
inline constexpr uint32_t STATS_SRAM_TX_EXCESSIVE_COLLISIONS = 0x0658;
inline constexpr uint32_t STATS_SRAM_TX_LATE_COLLISIONS = 0x0660;
inline constexpr uint32_t STATS_SRAM_TX_COLLIDE_2TIMES = 0x0668;
inline constexpr uint32_t STATS_SRAM_TX_UCAST_PACKETS = 0x06D8;
inline constexpr uint32_t STATS_SRAM_TX_MCAST_PACKETS = 0x06E0;
inline constexpr uint32_t STATS_SRAM_TX_BCAST_PACKETS = 0x06E8;
inline constexpr uint32_t STATS_SRAM_TX_CARRIER_SENSE_ERRORS = 0x06F0;
inline constexpr uint32_t STATS_SRAM_TX_DISCARDS = 0x06F8;
inline constexpr uint32_t STATS_SRAM_TX_ERRORS = 0x0700;
inline constexpr uint32_t STATS_SRAM_COS_RX_PACKETS = 0x0800;
inline constexpr uint32_t STATS_SRAM_COS_RX_FILTER_DROPPED = 0x0880;
inline constexpr uint32_t STATS_SRAM_DMA_WRITEQ_FULL = 0x0888;
inline constexpr uint32_t STATS_SRAM_DMA_WRITE_PRIOQ_FULL = 0x0890;
inline constexpr uint32_t STATS_SRAM_RXBDS_EMPTY = 0x0898;
inline constexpr uint32_t STATS_SRAM_RX_DISCARDS = 0x08A0;
inline constexpr uint32_t STATS_SRAM_RX_ERRORS = 0x08A8;
inline constexpr uint32_t STATS_SRAM_RX_THRESHOLD_HIT = 0x08B0;
inline constexpr uint32_t STATS_SRAM_COS_OUT_PACKETS = 0x0900;
inline constexpr uint32_t STATS_SRAM_DMA_READQ_FULL = 0x0980;
inline constexpr uint32_t STATS_SRAM_DMA_READ_PRIOQ_FULL = 0x0988;
inline constexpr uint32_t STATS_SRAM_TX_COMP_QUEUE_FULL = 0x0990;
inline constexpr uint32_t STATS_SRAM_RING_SET_SEND_PROD_INDEX = 0x0998;
inline constexpr uint32_t STATS_SRAM_RING_STATUS_UPDATE = 0x09A0;
inline constexpr uint32_t STATS_SRAM_NIC_IRQS = 0x09A8;
inline constexpr uint32_t STATS_SRAM_NIC_AVOIDED_IRQS = 0x09B0;
inline constexpr uint32_t STATS_SRAM_NIC_TX_THRESHOLD_HIT = 0x09B8;
/* The ends of the runs the reference describes ("size buckets follow, 8 bytes
 * apart, to 8192-9022"; "...15times follow, 8 bytes apart"). */
inline constexpr uint32_t STATS_SRAM_RX_8192_TO_9022_OCTET_PACKETS =
	STATS_SRAM_RX_64_OR_LESS_OCTET_PACKETS + 9 * 8;
inline constexpr uint32_t STATS_SRAM_TX_COLLIDE_15TIMES = STATS_SRAM_TX_COLLIDE_2TIMES + 13 * 8;
inline constexpr uint32_t TG3_HW_STATS_SIZE = 0x800;
inline constexpr unsigned TG3_NUM_COS = 16;

/* Byte offset inside HwStats of the counter at SRAM address `sram`. */
constexpr size_t stats_off(uint32_t sram) { return sram - NIC_SRAM_STATS_BLK; }

struct HwStats {
	uint8_t reserved0[stats_off(STATS_SRAM_RX_OCTETS)];
	/* Receive MAC */
	Stat64 rx_octets;
	Stat64 reserved1;
	Stat64 rx_fragments;
	Stat64 rx_ucast_packets;
	Stat64 rx_mcast_packets;
	Stat64 rx_bcast_packets;
	Stat64 rx_fcs_errors;
	Stat64 rx_align_errors;
	Stat64 rx_xon_pause_rcvd;
	Stat64 rx_xoff_pause_rcvd;
	Stat64 rx_mac_ctrl_rcvd;
	Stat64 rx_xoff_entered;
	Stat64 rx_frame_too_long_errors;
	Stat64 rx_jabbers;
	Stat64 rx_undersize_packets;
	Stat64 rx_in_length_errors;
	Stat64 rx_out_length_errors;
	Stat64 rx_64_or_less_octet_packets;
	Stat64 rx_65_to_127_octet_packets;
	Stat64 rx_128_to_255_octet_packets;
	Stat64 rx_256_to_511_octet_packets;
	Stat64 rx_512_to_1023_octet_packets;
	Stat64 rx_1024_to_1522_octet_packets;
	Stat64 rx_1523_to_2047_octet_packets;
	Stat64 rx_2048_to_4095_octet_packets;
	Stat64 rx_4096_to_8191_octet_packets;
	Stat64 rx_8192_to_9022_octet_packets;
	uint8_t unused0[stats_off(STATS_SRAM_TX_OCTETS) - stats_off(STATS_SRAM_RX_8192_TO_9022_OCTET_PACKETS + 8)];
	/* Transmit MAC */
	Stat64 tx_octets;
	Stat64 reserved2;
	Stat64 tx_collisions;
	Stat64 tx_xon_sent;
	Stat64 tx_xoff_sent;
	Stat64 tx_flow_control;
	Stat64 tx_mac_errors;
	Stat64 tx_single_collisions;
	Stat64 tx_mult_collisions;
	Stat64 tx_deferred;
	Stat64 reserved3;
	Stat64 tx_excessive_collisions;
	Stat64 tx_late_collisions;
	Stat64 tx_collide_times[14]; /* tx_collide_2times .. tx_collide_15times */
	Stat64 tx_ucast_packets;
	Stat64 tx_mcast_packets;
	Stat64 tx_bcast_packets;
	Stat64 tx_carrier_sense_errors;
	Stat64 tx_discards;
	Stat64 tx_errors;
	uint8_t unused1[stats_off(STATS_SRAM_COS_RX_PACKETS) - stats_off(STATS_SRAM_TX_ERRORS + 8)];
	/* Receive list placement */
	Stat64 cos_rx_packets[TG3_NUM_COS];
	Stat64 cos_rx_filter_dropped;
	Stat64 dma_writeq_full;
	Stat64 dma_write_prioq_full;
	Stat64 rxbds_empty;
	Stat64 rx_discards;
	Stat64 rx_errors;
	Stat64 rx_threshold_hit;
	uint8_t unused2[stats_off(STATS_SRAM_COS_OUT_PACKETS) - stats_off(STATS_SRAM_RX_THRESHOLD_HIT + 8)];
	/* Send data initiator */
	Stat64 cos_out_packets[TG3_NUM_COS];
	Stat64 dma_readq_full;
	Stat64 dma_read_prioq_full;
	Stat64 tx_comp_queue_full;
	/* Host coalescing */
	Stat64 ring_set_send_prod_index;
	Stat64 ring_status_update;
	Stat64 nic_irqs;
	Stat64 nic_avoided_irqs;
	Stat64 nic_tx_threshold_hit;
	uint8_t reserved4[TG3_HW_STATS_SIZE - stats_off(STATS_SRAM_NIC_TX_THRESHOLD_HIT + 8)];
};

#define TG57XX_STAT_AT(field, sram) static_assert(offsetof(HwStats, field) == stats_off(sram), #field)
TG57XX_STAT_AT(rx_octets, STATS_SRAM_RX_OCTETS);
TG57XX_STAT_AT(rx_fragments, STATS_SRAM_RX_FRAGMENTS);
TG57XX_STAT_AT(rx_ucast_packets, STATS_SRAM_RX_UCAST_PACKETS);
TG57XX_STAT_AT(rx_mcast_packets, STATS_SRAM_RX_MCAST_PACKETS);
TG57XX_STAT_AT(rx_bcast_packets, STATS_SRAM_RX_BCAST_PACKETS);
TG57XX_STAT_AT(rx_fcs_errors, STATS_SRAM_RX_FCS_ERRORS);
TG57XX_STAT_AT(rx_align_errors, STATS_SRAM_RX_ALIGN_ERRORS);
TG57XX_STAT_AT(rx_xon_pause_rcvd, STATS_SRAM_RX_XON_PAUSE_RCVD);
TG57XX_STAT_AT(rx_xoff_pause_rcvd, STATS_SRAM_RX_XOFF_PAUSE_RCVD);
TG57XX_STAT_AT(rx_mac_ctrl_rcvd, STATS_SRAM_RX_MAC_CTRL_RCVD);
TG57XX_STAT_AT(rx_xoff_entered, STATS_SRAM_RX_XOFF_ENTERED);
TG57XX_STAT_AT(rx_frame_too_long_errors, STATS_SRAM_RX_FRAME_TOO_LONG_ERRORS);
TG57XX_STAT_AT(rx_jabbers, STATS_SRAM_RX_JABBERS);
TG57XX_STAT_AT(rx_undersize_packets, STATS_SRAM_RX_UNDERSIZE_PACKETS);
TG57XX_STAT_AT(rx_in_length_errors, STATS_SRAM_RX_IN_LENGTH_ERRORS);
TG57XX_STAT_AT(rx_out_length_errors, STATS_SRAM_RX_OUT_LENGTH_ERRORS);
TG57XX_STAT_AT(rx_64_or_less_octet_packets, STATS_SRAM_RX_64_OR_LESS_OCTET_PACKETS);
TG57XX_STAT_AT(rx_1024_to_1522_octet_packets, STATS_SRAM_RX_1024_TO_1522_OCTET_PACKETS);
TG57XX_STAT_AT(rx_8192_to_9022_octet_packets, STATS_SRAM_RX_8192_TO_9022_OCTET_PACKETS);
TG57XX_STAT_AT(tx_octets, STATS_SRAM_TX_OCTETS);
TG57XX_STAT_AT(tx_collisions, STATS_SRAM_TX_COLLISIONS);
TG57XX_STAT_AT(tx_xon_sent, STATS_SRAM_TX_XON_SENT);
TG57XX_STAT_AT(tx_xoff_sent, STATS_SRAM_TX_XOFF_SENT);
TG57XX_STAT_AT(tx_flow_control, STATS_SRAM_TX_FLOW_CONTROL);
TG57XX_STAT_AT(tx_mac_errors, STATS_SRAM_TX_MAC_ERRORS);
TG57XX_STAT_AT(tx_single_collisions, STATS_SRAM_TX_SINGLE_COLLISIONS);
TG57XX_STAT_AT(tx_mult_collisions, STATS_SRAM_TX_MULT_COLLISIONS);
TG57XX_STAT_AT(tx_deferred, STATS_SRAM_TX_DEFERRED);
TG57XX_STAT_AT(tx_excessive_collisions, STATS_SRAM_TX_EXCESSIVE_COLLISIONS);
TG57XX_STAT_AT(tx_late_collisions, STATS_SRAM_TX_LATE_COLLISIONS);
TG57XX_STAT_AT(tx_collide_times, STATS_SRAM_TX_COLLIDE_2TIMES);
TG57XX_STAT_AT(tx_collide_times[13], STATS_SRAM_TX_COLLIDE_15TIMES);
TG57XX_STAT_AT(tx_ucast_packets, STATS_SRAM_TX_UCAST_PACKETS);
TG57XX_STAT_AT(tx_mcast_packets, STATS_SRAM_TX_MCAST_PACKETS);
TG57XX_STAT_AT(tx_bcast_packets, STATS_SRAM_TX_BCAST_PACKETS);
TG57XX_STAT_AT(tx_carrier_sense_errors, STATS_SRAM_TX_CARRIER_SENSE_ERRORS);
TG57XX_STAT_AT(tx_discards, STATS_SRAM_TX_DISCARDS);
TG57XX_STAT_AT(tx_errors, STATS_SRAM_TX_ERRORS);
TG57XX_STAT_AT(cos_rx_packets, STATS_SRAM_COS_RX_PACKETS);
TG57XX_STAT_AT(cos_rx_filter_dropped, STATS_SRAM_COS_RX_FILTER_DROPPED);
TG57XX_STAT_AT(dma_writeq_full, STATS_SRAM_DMA_WRITEQ_FULL);
TG57XX_STAT_AT(dma_write_prioq_full, STATS_SRAM_DMA_WRITE_PRIOQ_FULL);
TG57XX_STAT_AT(rxbds_empty, STATS_SRAM_RXBDS_EMPTY);
TG57XX_STAT_AT(rx_discards, STATS_SRAM_RX_DISCARDS);
TG57XX_STAT_AT(rx_errors, STATS_SRAM_RX_ERRORS);
TG57XX_STAT_AT(rx_threshold_hit, STATS_SRAM_RX_THRESHOLD_HIT);
TG57XX_STAT_AT(cos_out_packets, STATS_SRAM_COS_OUT_PACKETS);
TG57XX_STAT_AT(dma_readq_full, STATS_SRAM_DMA_READQ_FULL);
TG57XX_STAT_AT(dma_read_prioq_full, STATS_SRAM_DMA_READ_PRIOQ_FULL);
TG57XX_STAT_AT(tx_comp_queue_full, STATS_SRAM_TX_COMP_QUEUE_FULL);
TG57XX_STAT_AT(ring_set_send_prod_index, STATS_SRAM_RING_SET_SEND_PROD_INDEX);
TG57XX_STAT_AT(ring_status_update, STATS_SRAM_RING_STATUS_UPDATE);
TG57XX_STAT_AT(nic_irqs, STATS_SRAM_NIC_IRQS);
TG57XX_STAT_AT(nic_avoided_irqs, STATS_SRAM_NIC_AVOIDED_IRQS);
TG57XX_STAT_AT(nic_tx_threshold_hit, STATS_SRAM_NIC_TX_THRESHOLD_HIT);
#undef TG57XX_STAT_AT
static_assert(sizeof(HwStats) == TG3_HW_STATS_SIZE);

} // namespace tg57xx::hw

#endif
