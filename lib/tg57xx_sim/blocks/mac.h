/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Ethernet MAC and its PHY, as the data-path engines see them
 * (§5.1 MAC, §5.2 statistics, §11 PHY/link). Implemented in mac.cpp and
 * mii_phy.cpp; this header is the contract between the MAC and the TX/RX
 * engines (tx.cpp, rx.cpp). Additive changes only.
 *
 * Frames crossing this interface are complete Ethernet frames WITHOUT the
 * FCS: the MAC appends it on transmit (unless the BD asked for no CRC) and
 * checks/strips it on receive; the RX engine reports length + 4 in the
 * return BD as silicon does (§8.4).
 */
#ifndef TG57XX_SIM_BLOCKS_MAC_H
#define TG57XX_SIM_BLOCKS_MAC_H

#include <cstddef>
#include <cstdint>

#include "block.h"

namespace tg57xx::sim {

/* A frame the MAC accepted from the medium, in a buffer the RX engine owns. */
struct RxFrame {
	uint8_t *data;     /* in: buffer; out: frame bytes from data[0] */
	uint32_t cap;      /* in: buffer capacity */
	uint32_t len;      /* out: frame length without FCS */
	bool fcs_error;    /* out: bad CRC (corrupted on the wire); RX engine sets RXD_ERR_BAD_CRC */
	bool too_long;     /* out: longer than MAC_RX_MTU_SIZE allows; RXD_ERR_HUGE_FRAME */
	bool runt;         /* out: shorter than 64 bytes on the wire incl. FCS; RXD_ERR_TOO_SMALL */
	bool truncated;    /* out: did not fit cap */
};

class Mac : public Block {
public:
	using Block::Block;

	/*
	 * Transmit path (called by the TX engine). The MAC transmits only when
	 * MAC_TX_MODE has TX_MODE_ENABLE, MAC_MODE has MAC_MODE_TDE_ENABLE and
	 * the link is up (or an internal/PHY loopback is selected); otherwise
	 * the frame is dropped and counted. Pads runts to 60 bytes (ref §8.1,
	 * FreeBSD: hardware pads runts), appends the FCS unless no_crc, counts
	 * MAC_TX_STATS_* (octets, ucast/mcast/bcast). Returns true if the frame
	 * left the MAC (even if the medium dropped it later).
	 * posted_after_ns: the host posted the frame no earlier than this
	 * (Doorbell::posted_after_ns; 0: unknown), for line-rate pacing.
	 */
	virtual bool transmit(const uint8_t *frame, uint32_t len, bool no_crc, uint64_t posted_after_ns) = 0;

	/*
	 * Receive path (called by the RX engine). Pulls up to n frames from the
	 * medium (or the loopback path) into frames[i].data, applies MAC_RX_MODE
	 * enable, link state, the address filter (MAC_ADDR_0..3 perfect match,
	 * MAC_HASH_REG_0..3 multicast hash per §5.1, broadcast, RX_MODE_PROMISC)
	 * and counts MAC_RX_STATS_*. Frames the filter rejects are consumed and
	 * counted, not returned. Returns how many frames were delivered.
	 */
	virtual size_t receive(RxFrame *frames, size_t n) = 0;

	/* PHY-resolved link (§11.5) — what the MAC is transmitting on. */
	virtual bool link_up() const = 0;
	/* Resolved speed in Mbit/s (10/100/1000), 0 when down. */
	virtual uint32_t link_speed() const = 0;

	/*
	 * Line-rate pacing (Config::pace_line_rate; additive): virtual time at
	 * which the MAC has finished serialising what it was given (preamble,
	 * frame, FCS, inter-frame gap at the link speed). The TX engine should
	 * not hand over the next frame before it (arm a timer instead); frames
	 * handed over earlier are still sent. Without pacing: 0, or the end of
	 * a received PAUSE's hold (RX_MODE_FLOW_CTRL_ENABLE; mac.cpp).
	 */
	virtual uint64_t tx_ready_at_ns() const { return 0; }

	/*
	 * The medium cannot take more now (Wire::tx_busy: a cable whose receiver
	 * has not caught up). The TX engine leaves the next frame in the send
	 * ring until it can; a frame handed over anyway is still sent. Paced, the
	 * line counts as busy until now (a frame held back starts no earlier).
	 */
	virtual bool tx_medium_busy() { return false; }

	/*
	 * Flow control (§5.8): the RX engine's receive mbuf pool has this many
	 * free 128-byte mbufs now. With TX_MODE_FLOW_CTRL_ENABLE the MAC sends
	 * PAUSE frames as it crosses the buffer manager's watermarks
	 * (mac_frames.h PauseSender).
	 */
	virtual void rx_mbufs_free(uint32_t free_mbufs) { (void)free_mbufs; }
};

} // namespace tg57xx::sim

#endif
