/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The model's Ethernet port: where the MAC puts transmitted frames and takes
 * received ones. A Wire is the medium on the far side of the PHY; loopback,
 * an in-process pair, AF_PACKET and pcap all implement this interface.
 *
 * Both directions are batched and allocation free: the caller owns every
 * buffer. Frames are complete Ethernet frames without preamble/SFD and
 * without FCS (the MAC appends/strips the FCS and accounts for it).
 *
 * Threading: a Wire is driven by exactly one model instance, from whichever
 * thread runs the model (runner thread or the test calling step()/advance()).
 * It needs no locking of its own unless it shares state with another model
 * (the pair wire does).
 */
#ifndef TG57XX_SIM_WIRE_H
#define TG57XX_SIM_WIRE_H

#include <cstddef>
#include <cstdint>

namespace tg57xx::sim {

/* One frame handed to the medium (read-only view, valid for the call only). */
struct FrameView {
	const uint8_t *data;
	uint32_t len;
};

/* One receive slot the model offers to the medium. */
struct FrameSlot {
	uint8_t *data;  /* caller-owned buffer */
	uint32_t cap;   /* its capacity in bytes */
	uint32_t len;   /* out: frame length written (<= cap; longer frames are truncated and flagged) */
	bool truncated; /* out: the frame did not fit */
	/* out: when the frame reached the medium, CLOCK_MONOTONIC ns, for a medium
	 * that knows (a kernel interface timestamps what it receives); 0: it does
	 * not, the frame is there when it is taken. */
	uint64_t arrived_mono_ns = 0;
};

/*
 * What a medium did with the frames (for dumps, xstats and tests). Updated by
 * the thread driving the wire; stats() may be called from any thread.
 */
struct WireStats {
	uint64_t tx_frames;    /* frames the medium took (including tx_dropped ones) */
	uint64_t tx_bytes;
	uint64_t tx_full;      /* frames refused because the medium was full (send() returned short) */
	uint64_t tx_dropped;   /* frames taken but lost: no peer, larger than the medium carries, send error */
	uint64_t rx_frames;    /* frames recv() delivered */
	uint64_t rx_bytes;     /* bytes delivered (after truncation) */
	uint64_t rx_truncated; /* delivered frames that did not fit their slot */
	uint64_t rx_dropped;   /* frames the medium lost before recv() (e.g. kernel socket overflow,
				* a frame the link partner could not have sent) */
};

class Wire {
public:
	virtual ~Wire() = default;

	/*
	 * Transmit up to n frames. Returns how many the medium took, in order;
	 * the rest are the caller's to retry or drop (the MAC counts drops).
	 */
	virtual size_t send(const FrameView *frames, size_t n) = 0;

	/*
	 * Receive up to n frames into slots[0..n). Returns how many slots were
	 * filled. Must not block.
	 */
	virtual size_t recv(FrameSlot *slots, size_t n) = 0;

	/*
	 * A replay source rather than a cable: its frames wait until the MAC can
	 * receive (RX enabled, link path up) instead of arriving - and being lost
	 * - during bring-up. A cable (loop, pair, iface) delivers regardless:
	 * what arrives while the receiver is off is lost, as on silicon.
	 */
	virtual bool waits_for_receiver() const { return false; }

	/* Is there a link partner (carrier)? The PHY model reports link from it. */
	virtual bool carrier() const { return true; }

	/*
	 * A medium that buffers frames for a receiver running on its own thread
	 * (loop, pair) is "busy" while the receiver has not caught up with half
	 * of the buffer: the transmitter then waits, as a MAC waits for a wire
	 * whose speed is the receiver's, instead of handing over frames that
	 * would be lost where no counter a driver reads could see them. Called
	 * by the thread driving the wire's send side only.
	 */
	virtual bool tx_busy() const { return false; }

	/*
	 * Batching, for a medium that costs a system call per send (iface). While
	 * deferred, send() may keep the frames it takes (copied, in order) and
	 * put them on the medium together at the next flush(): one sendmmsg for
	 * everything the chip finished in one engine sweep instead of one per
	 * frame. The chip defers its wire when the wire is attached and flushes
	 * it after every sweep (Chip::run_engines_once), so a frame waits at most
	 * one sweep. A medium that cannot take everything at flush() (a full
	 * socket buffer) keeps the rest, in order, and is tx_busy() until it has
	 * sent it: the transmitter waits instead of losing frames. Media without
	 * a per-send cost ignore both (the default).
	 */
	virtual void set_deferred(bool on) { (void)on; }
	virtual void flush() {}

	/*
	 * A file descriptor that becomes readable when recv() would return
	 * frames, so an idle runner can sleep on it; -1 when the medium has none
	 * (the runner then polls with back-off).
	 */
	virtual int wait_fd() const { return -1; }

	/* Short human-readable name for logs and dumps ("loop", "pcap:in.pcap"). */
	virtual const char *name() const = 0;

	/* Counters of this medium; all zero for a wire that keeps none. */
	virtual WireStats stats() const { return {}; }
};

} // namespace tg57xx::sim

#endif
