/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The MAC's receive path (mac.cpp has the rules it follows): frames off the
 * wire or the loopback queue, paced or not, classified and filtered.
 */
#include <algorithm>
#include <cstring>

#include "mac_block.h"

namespace tg57xx::sim::mac_block {

bool MacBlock::address_match(const uint8_t *dst) const
{
	if (is_multicast(dst)) {
		if (is_broadcast(dst))
			return true;
		const uint32_t idx = mcast_hash_index(dst);
		return (*hash_[idx / kHashBitsPerReg] >> (idx % kHashBitsPerReg)) & 1;
	}
	const uint32_t hi = be16(dst);
	const uint32_t lo = uint32_t{dst[2]} << 24 | uint32_t{dst[3]} << 16 | uint32_t{dst[4]} << 8 | dst[5];
	for (uint32_t i = 0; i < kNumUcastSlots; i++)
		if (*addr_lo_[i] == lo && (*addr_hi_[i] & kAddrHighMask) == hi)
			return true;
	return false;
}

bool MacBlock::classify(RxFrame &f, uint32_t rx_mode)
{
	Counters &ctr = chip().counters();
	const bool stats = (*mac_mode_ & hw::MAC_MODE_RXSTAT_ENABLE) != 0;
	const uint32_t wire_len = f.len + kFcsLen;
	f.fcs_error = f.too_long = f.runt = false;
	Faults &faults = chip().faults();
	if (faults.corrupt_frames != 0) {
		faults.corrupt_frames--;
		f.fcs_error = !(rx_mode & hw::RX_MODE_NO_CRC_CHECK);
	}
	if (wire_len < kMinWireFrame) {
		if (stats) {
			bump(rx_octets_, wire_len);
			bump(f.fcs_error ? rx_fragments_ : rx_undersize_);
		}
		if (!(rx_mode & hw::RX_MODE_ACCEPT_RUNTS)) {
			ctr.mac_rx_dropped++;
			return false;
		}
		f.runt = true;
	} else if (wire_len > (*mtu_ & hw::RX_MTU_SIZE_MASK)) {
		if (stats) {
			bump(rx_octets_, wire_len);
			bump(f.fcs_error ? rx_jabbers_ : rx_too_long_);
		}
		if (!(rx_mode & hw::RX_MODE_ACCEPT_OVERSIZED)) {
			ctr.mac_rx_oversize_dropped++;
			return false;
		}
		f.too_long = true;
	} else if (f.fcs_error && stats) {
		bump(rx_octets_, wire_len);
		bump(rx_fcs_);
	}
	const bool bad = f.fcs_error || f.runt || f.too_long;

	/* Error frames counted their octets above; good ones once they are known received. */
	bool octets_counted = bad;
	uint16_t quanta = 0;
	if (!bad && f.len >= kPauseTimeOffset + 2 && be16(f.data + kEtherTypeOffset) == kEtherTypeMacControl) {
		if (stats)
			bump(rx_octets_, wire_len); /* for the MAC itself: received whatever the filter says */
		octets_counted = true;
		if (pause_quanta(f.data, f.len, quanta)) {
			const bool xoff = quanta != 0;
			*rx_status_ |= xoff ? hw::RX_STATUS_XOFF_RCVD : hw::RX_STATUS_XON_RCVD;
			if (stats)
				bump(xoff ? rx_xoff_ : rx_xon_);
			if (rx_mode & hw::RX_MODE_FLOW_CTRL_ENABLE)
				pause_received(quanta);
			if (!(rx_mode & hw::RX_MODE_KEEP_PAUSE))
				return false;
		} else {
			if (stats)
				bump(rx_mac_ctrl_);
			if (!(rx_mode & hw::RX_MODE_KEEP_MAC_CTRL))
				return false;
		}
	}

	const uint8_t *dst = f.data;
	if (!(rx_mode & hw::RX_MODE_PROMISC) && !address_match(dst)) {
		ctr.mac_rx_filtered++;
		return false;
	}
	if (stats && !octets_counted)
		bump(rx_octets_, wire_len);
	if (stats && !bad)
		bump(is_broadcast(dst) ? rx_bcast_ : is_multicast(dst) ? rx_mcast_ : rx_ucast_);
	ctr.mac_rx_frames++;
	return true;
}

/* Fill frames[0..n) from the loopback queue or the wire; returns how many. */
size_t MacBlock::pull(RxFrame *frames, size_t n, bool loopback)
{
	if (loopback) {
		size_t k = 0;
		while (k < n && loop_.pop(frames[k].data, frames[k].cap, frames[k].len, frames[k].truncated))
			k++;
		return k;
	}
	if (wire_ == nullptr)
		return 0;
	if (pace_)
		return pull_paced(frames, n);
	n = std::min(n, slots_.size());
	for (size_t i = 0; i < n; i++)
		slots_[i] = FrameSlot{frames[i].data, frames[i].cap, 0, false};
	const size_t k = wire_->recv(slots_.data(), n);
	for (size_t i = 0; i < k; i++) {
		frames[i].len = slots_[i].len;
		frames[i].truncated = slots_[i].truncated;
	}
	return k;
}

/*
 * Line-rate receive (Config::pace_line_rate): the link partner cannot put
 * frames on the line faster than the link speed, so a frame comes off the
 * wire no sooner than the previous one's wire time (preamble, frame, FCS,
 * gap) allows, with the transmitter's catch-up (LinePacer). What the medium
 * holds meanwhile stays there (an iface wire: its socket buffer, whose
 * overflow is the link partner's switch dropping); a timer wakes the engines
 * when the line is free.
 */
size_t MacBlock::pull_paced(RxFrame *frames, size_t n)
{
	const uint32_t speed = link_up() ? link_speed() : kGmiiSpeed;
	size_t k = 0;
	while (k < n) {
		const uint64_t now = chip().now_ns();
		if (rx_line_.busy(now)) {
			if (!rx_line_timer_.armed() || rx_line_timer_.deadline() != rx_line_.busy_until())
				rx_line_timer_.arm_at(rx_line_.busy_until(), [] {});
			break;
		}
		FrameSlot slot{frames[k].data, frames[k].cap, 0, false};
		if (wire_->recv(&slot, 1) != 1)
			break;
		frames[k].len = slot.len;
		frames[k].truncated = slot.truncated;
		const uint64_t arrived =
			slot.arrived_mono_ns != 0 ? chip().clock().from_monotonic(slot.arrived_mono_ns) : 0;
		chip().counters().mac_rx_pace_late_ns += rx_line_.occupy(now, slot.len + kFcsLen, speed, arrived);
		k++;
	}
	return k;
}

size_t MacBlock::receive(RxFrame *frames, size_t n)
{
	const uint32_t mode = *mac_mode_;
	const uint32_t rx_mode = *rx_mode_;
	const bool mac_lpbk = (mode & hw::MAC_MODE_PORT_INT_LPBACK) != 0;
	const Path path = mac_lpbk ? Path::OK : phy_path(mode);
	const bool phy_ok = !mac_lpbk && path == Path::OK;
	const bool loopback = mac_lpbk || (phy_ok && phy_->loopback());
	if (!loopback && !loop_.empty())
		loop_.clear(); /* loopback was switched off: what was turned around is gone */
	const bool enabled = (rx_mode & hw::RX_MODE_ENABLE) && (mode & hw::MAC_MODE_RDE_ENABLE) && (loopback || phy_ok);
	if (!enabled && !loopback && wire_ != nullptr && wire_->waits_for_receiver()) {
		chip().counters().mac_rx_held_by_wire++;
		return 0;
	}

	size_t out = 0;
	for (unsigned round = 0; round < kRxRefillRounds && out < n; round++) {
		const size_t want = n - out;
		const size_t got = pull(frames + out, want, loopback);
		size_t kept = out;
		for (size_t i = out; i < out + got; i++) {
			RxFrame &f = frames[i];
			if (!enabled) {
				count_drop(path, &Counters::mac_rx_dropped);
				continue;
			}
			if (!loopback && !phy_->passes(f.len + kFcsLen, false)) {
				chip().counters().phy_long_frames_dropped++; /* mii_phy.cpp: EXTPKTLEN */
				continue;
			}
			if (!classify(f, rx_mode))
				continue;
			if (kept != i) { /* close the gap a rejected frame left (rare) */
				RxFrame &d = frames[kept];
				d.truncated = f.truncated || f.len > d.cap;
				d.len = std::min(f.len, d.cap);
				std::memmove(d.data, f.data, d.len);
				d.fcs_error = f.fcs_error;
				d.too_long = f.too_long;
				d.runt = f.runt;
			}
			kept++;
		}
		out = kept;
		if (got < std::min(want, loopback ? want : slots_.size()))
			break;
	}
	return out;
}

} // namespace tg57xx::sim::mac_block
