/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frame-level helpers of the MAC (mac.cpp): the §5.1 multicast hash, the
 * queue that holds frames turned around inside the chip (internal MAC or PHY
 * loopback), the line-rate timeline of a paced transmitter or receiver, and
 * the PAUSE frames of flow control (also read by the kernel-interface wire,
 * which plays the link partner's MAC).
 * Header-only.
 */
#ifndef TG57XX_SIM_BLOCKS_MAC_FRAMES_H
#define TG57XX_SIM_BLOCKS_MAC_FRAMES_H

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace tg57xx::sim::mac_frames {

constexpr uint32_t kEthAddrLen = 6; /* ETH_ALEN */

/* Ethernet CRC-32, reflected polynomial CRC32_POLY_LE (§5.1 multicast hash). */
constexpr uint32_t kCrc32PolyLe = 0xEDB88320;
constexpr uint32_t kCrc32Init = 0xFFFFFFFF;
constexpr uint32_t kHashIndexMask = 0x7F;
constexpr std::array<uint32_t, 256> make_crc_table()
{
	std::array<uint32_t, 256> t{};
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ kCrc32PolyLe : c >> 1;
		t[i] = c;
	}
	return t;
}
constexpr std::array<uint32_t, 256> kCrcTable = make_crc_table();

/* §5.1: index = low 7 bits of the CRC register before the final complement. */
inline uint32_t mcast_hash_index(const uint8_t *addr)
{
	uint32_t crc = kCrc32Init;
	for (uint32_t i = 0; i < kEthAddrLen; i++)
		crc = kCrcTable[(crc ^ addr[i]) & 0xFF] ^ (crc >> 8);
	return crc & kHashIndexMask;
}

inline bool is_broadcast(const uint8_t *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xFF;
}
inline bool is_multicast(const uint8_t *a) { return (a[0] & 1) != 0; }
inline uint16_t be16(const uint8_t *p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }

/* ---- MAC control and PAUSE frames (IEEE 802.3 clause 31, Annex 31B) ---- */
constexpr uint32_t kEtherTypeOffset = 2 * kEthAddrLen;
constexpr uint16_t kEtherTypeMacControl = 0x8808; /* 802.3 cl. 31 */
constexpr uint16_t kMacCtrlOpcodePause = 0x0001;  /* 802.3 Annex 31B */
constexpr uint32_t kMacCtrlOpcodeOffset = kEtherTypeOffset + 2;
constexpr uint32_t kPauseTimeOffset = kMacCtrlOpcodeOffset + 2;
/* 802.3 Annex 31B.1: the reserved multicast address PAUSE frames are sent to. */
constexpr std::array<uint8_t, kEthAddrLen> kPauseDst = {0x01, 0x80, 0xC2, 0x00, 0x00, 0x01};
/* A PAUSE frame is a minimum-size frame: 60 bytes before the FCS (ETH_ZLEN). */
constexpr uint32_t kPauseFrameLen = 60;

/* If f[0..len) is a PAUSE frame (MAC control, opcode PAUSE), its pause_time in quanta. */
inline bool pause_quanta(const uint8_t *f, uint32_t len, uint16_t &quanta)
{
	if (len < kPauseTimeOffset + 2 || be16(f + kEtherTypeOffset) != kEtherTypeMacControl ||
	    be16(f + kMacCtrlOpcodeOffset) != kMacCtrlOpcodePause)
		return false;
	quanta = be16(f + kPauseTimeOffset);
	return true;
}

/* Write the kPauseFrameLen bytes (no FCS) of a PAUSE frame from src asking for quanta. */
inline void make_pause_frame(uint8_t *out, const uint8_t *src, uint16_t quanta)
{
	std::memset(out, 0, kPauseFrameLen);
	std::memcpy(out, kPauseDst.data(), kEthAddrLen);
	std::memcpy(out + kEthAddrLen, src, kEthAddrLen);
	const auto put16 = [out](uint32_t at, uint16_t v) {
		out[at] = static_cast<uint8_t>(v >> 8);
		out[at + 1] = static_cast<uint8_t>(v);
	};
	put16(kEtherTypeOffset, kEtherTypeMacControl);
	put16(kMacCtrlOpcodeOffset, kMacCtrlOpcodePause);
	put16(kPauseTimeOffset, quanta);
}

/*
 * When the MAC sends PAUSE frames (§5.8 buffer-manager watermarks, 802.3
 * Annex 31B): with transmit flow control on, an XOFF once the receive mbuf
 * pool's free mbufs fall below BUFMGR_MB_MACRX_LOW_WATER, the same again
 * every half pause time while they stay at or below BUFMGR_MB_HIGH_WATER
 * (the partner must not resume while the pool is still full), and an XON
 * (pause_time 0) once they rise above it. The watermarks' meaning and the
 * pause_time (kXoffQuanta, the longest) are the model's reading of the
 * register names (UNCONFIRMED: tg3 writes the watermarks, never a pause time).
 */
class PauseSender {
public:
	static constexpr uint16_t kXoffQuanta = 0xFFFF;

	/* After the pool level changed, or at refresh_at(): true and the
	 * pause_time to send in quanta if a PAUSE frame is due now. xoff_ns is
	 * how long kXoffQuanta last at the link speed. */
	bool due(uint64_t now, uint32_t free_mbufs, uint32_t low, uint32_t high, uint64_t xoff_ns, uint16_t &quanta)
	{
		if (!xoff_) {
			if (free_mbufs >= low)
				return false;
		} else if (free_mbufs > high) {
			xoff_ = false;
			quanta = 0;
			return true;
		} else if (now < refresh_at_) {
			return false;
		}
		xoff_ = true;
		refresh_at_ = now + xoff_ns / 2;
		quanta = kXoffQuanta;
		return true;
	}
	/* An XOFF is in force (the partner holds its frames). */
	bool xoff() const { return xoff_; }
	/* When the XOFF in force is to be sent again. */
	uint64_t refresh_at() const { return refresh_at_; }
	void reset() { xoff_ = false; }

private:
	bool xoff_ = false;
	uint64_t refresh_at_ = 0;
};

/*
 * Frames turned around inside the chip (MAC internal or PHY loopback): a
 * preallocated byte ring of {u32 length, data padded to 8} records; a record
 * that would straddle the end is preceded by a skip marker.
 */
class LoopQueue {
public:
	explicit LoopQueue(size_t bytes) : buf_(bytes) {}
	bool empty() const { return head_ == tail_; }
	void clear() { head_ = tail_ = 0; }

	bool push(const uint8_t *data, uint32_t len)
	{
		const size_t cap = buf_.size();
		const size_t need = kHdr + round8(len);
		const size_t pos = tail_ % cap;
		const size_t skip = need > cap - pos ? cap - pos : 0;
		if (tail_ - head_ + skip + need > cap)
			return false;
		if (skip) {
			put_hdr(pos, kSkip);
			tail_ += skip;
		}
		const size_t at = tail_ % cap;
		put_hdr(at, len);
		std::memcpy(&buf_[at + kHdr], data, len);
		tail_ += need;
		return true;
	}

	/* Next frame into dst[0..cap); false when empty. */
	bool pop(uint8_t *dst, uint32_t cap, uint32_t &len, bool &truncated)
	{
		const size_t size = buf_.size();
		while (!empty()) {
			const size_t pos = head_ % size;
			uint32_t l;
			std::memcpy(&l, &buf_[pos], sizeof(l));
			if (l == kSkip) {
				head_ += size - pos;
				continue;
			}
			truncated = l > cap;
			len = truncated ? cap : l;
			std::memcpy(dst, &buf_[pos + kHdr], len);
			head_ += kHdr + round8(l);
			return true;
		}
		return false;
	}

private:
	static constexpr size_t kHdr = 8;
	static constexpr uint32_t kSkip = 0xFFFFFFFF;
	static size_t round8(size_t n) { return (n + 7) & ~size_t{7}; }
	void put_hdr(size_t pos, uint32_t v) { std::memcpy(&buf_[pos], &v, sizeof(v)); }

	std::vector<uint8_t> buf_;
	uint64_t head_ = 0;
	uint64_t tail_ = 0;
};

/* ---- line-rate pacing (Config::pace_line_rate) ---- */
constexpr uint32_t kPreambleSfd = 8; /* 7 preamble + 1 SFD octets (802.3 cl. 4.2.5) */
constexpr uint32_t kIfgBytes = 12;   /* interFrameGap 96 bit times (802.3 cl. 4.4.2) */
/*
 * Pacing runs on a host thread that the host can hold off the CPU, and wakes
 * up late from every timed wait; silicon loses no wire time to either.
 * Transmit knows when the host posted a frame (within the engine's look;
 * LinePacer::occupy_posted) and needs no guess. Without that, a
 * frame that starts less than this long after the previous one finished
 * therefore continues the line's timeline (back to back with it, as if the
 * engine had been on time) instead of starting at "now": the long-run rate
 * stays the line rate, and the side may run ahead of real time by at most
 * this much line time (a token bucket this deep). Later than that, the line
 * was idle and the frame starts now.
 * Receive, with the frame's arrival on the medium known (an iface wire's
 * kernel timestamp): the frame starts when it arrived or when the line was
 * free, whichever is later (an idle line earns no credit), but no earlier
 * than this long before now: a late engine hands over at most this much line
 * time at once, and what lay on the medium longer waited there (as frames
 * wait in a link partner's switch).
 * 1 ms (81 full-size frames at 1 Gbit/s; a 512-entry receive ring holds six
 * times that) covers a scheduler time slice of a thread sharing its CPU,
 * which 100 us did not: with 100 us the paced bench chain lost a sixth of
 * its line time to late wake-ups (issue 12).
 */
constexpr uint64_t kPaceCatchUpNs = 1'000'000;

/* One direction of the line: when the frames put on it so far have finished. */
class LinePacer {
public:
	/* Virtual time at which the line is free (0: never used since reset). */
	uint64_t busy_until() const { return busy_until_; }
	bool busy(uint64_t now) const { return busy_until_ > now; }
	void reset() { busy_until_ = 0; }

	/* A frame of wire_len bytes (with FCS) starts at `now` (or, within the
	 * catch-up, when the previous one ended) at speed_mbps: preamble, SFD
	 * and inter-frame gap included. When the frame's arrival on the medium
	 * is known (arrived, receive side; 0: unknown) no catch-up is guessed:
	 * it starts then or when the line is free, whichever is later. */
	/* Returns the line time the lag bound cost this frame: how much later
	 * than silicon would have (when it arrived or when the line was free) it
	 * starts because the engine came more than kPaceCatchUpNs late; 0
	 * otherwise. A model artefact, counted so that a benchmark can tell it
	 * from the host's own gaps. */
	uint64_t occupy(uint64_t now, uint32_t wire_len, uint32_t speed_mbps, uint64_t arrived = 0)
	{
		uint64_t start, lost = 0;
		if (arrived != 0) {
			const uint64_t lag_floor = now > kPaceCatchUpNs ? now - kPaceCatchUpNs : 0;
			const uint64_t due = std::max(arrived, busy_until_);
			start = std::max(due, lag_floor);
			lost = start - due;
		} else {
			start = now > busy_until_ + kPaceCatchUpNs ? now : busy_until_;
		}
		occupy_from(start, wire_len, speed_mbps);
		return lost;
	}

	/* Transmit: the host posted the frame no earlier than posted_after (the
	 * send engine's look at its producer index before the one that found
	 * it; 0: unknown, then occupy()'s bounded catch-up). It starts then or
	 * when the line is free, whichever is later. So a frame that waited in
	 * the send ring while the line was busy follows the previous one back
	 * to back however late the engine's thread ran (silicon's DMA engine is
	 * never held off a CPU), and an idle line the engine was watching earns
	 * no burst. The ring bounds how far behind real time this can put the
	 * line: 512 frames, 6 ms at 1 Gbit/s. */
	void occupy_posted(uint64_t now, uint32_t wire_len, uint32_t speed_mbps, uint64_t posted_after)
	{
		if (posted_after == 0) {
			occupy(now, wire_len, speed_mbps);
			return;
		}
		occupy_from(std::max(busy_until_, posted_after), wire_len, speed_mbps);
	}

	/* The medium could take nothing until now (a cable whose receiver is behind): the line was in use. */
	void hold(uint64_t now) { busy_until_ = std::max(busy_until_, now); }

private:
	void occupy_from(uint64_t start, uint32_t wire_len, uint32_t speed_mbps)
	{
		constexpr uint64_t kBitsPerByte = 8, kNsPerBitAt1Mbps = 1000; /* 1 bit = 1 ns at 1000 Mbit/s */
		const uint64_t bits = uint64_t{kPreambleSfd + wire_len + kIfgBytes} * kBitsPerByte;
		busy_until_ = start + bits * kNsPerBitAt1Mbps / speed_mbps;
	}

	uint64_t busy_until_ = 0;
};

} // namespace tg57xx::sim::mac_frames

#endif
