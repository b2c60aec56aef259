/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pcap wire: replays a capture file to the port and records what the port
 * transmits (libpcap). Frames in both files are Ethernet (DLT_EN10MB) without
 * FCS, as libpcap captures them on Linux.
 *
 * Replay is pull-driven: recv() reads the next frames from the file, and
 * the MAC pulls only while it can receive (waits_for_receiver): the replay
 * starts once the port is up, so no frame is lost to bring-up. With
 * pacing, a frame is held until its recorded offset from the first frame has
 * passed in wall time (counted from the first recv()); frames whose
 * timestamps go backwards are due at once.
 * Recording stamps each batch with the wall-clock time of the send() call
 * (microsecond pcap, the most widely read variant).
 */
#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>

#include <pcap/pcap.h>

#include "wire_stats.h"
#include "wires_internal.h"

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim {

namespace {

/* libpcap's own upper bound for a snapshot length (MAXIMUM_SNAPLEN). */
constexpr int kSnaplen = 262144;
constexpr uint64_t kNsPerSec = 1'000'000'000;
constexpr uint64_t kNsPerUs = 1'000;

struct PcapClose {
	void operator()(pcap_t *p) const { pcap_close(p); }
};
struct DumperClose {
	void operator()(pcap_dumper_t *d) const
	{
		pcap_dump_flush(d);
		pcap_dump_close(d);
	}
};

uint64_t mono_now_ns()
{
	timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * kNsPerSec + static_cast<uint64_t>(ts.tv_nsec);
}

class PcapWire final : public Wire {
public:
	PcapWire(const std::string &in_path, const std::string &out_path, bool pace);

	size_t send(const FrameView *frames, size_t n) override;
	size_t recv(FrameSlot *slots, size_t n) override;
	const char *name() const override { return name_.c_str(); }
	WireStats stats() const override { return c_.snapshot(); }
	bool waits_for_receiver() const override { return true; }

private:
	bool due(const pcap_pkthdr &h);

	const std::string name_;
	const bool pace_;
	std::unique_ptr<pcap_t, PcapClose> in_;
	std::unique_ptr<pcap_t, PcapClose> dead_;
	/* Declared after dead_: destroyed (flushed, closed) before it. */
	std::unique_ptr<pcap_dumper_t, DumperClose> out_;

	/* The next replay frame, read but not yet delivered (valid until the next pcap_next_ex). */
	pcap_pkthdr *pend_hdr_ = nullptr;
	const u_char *pend_data_ = nullptr;
	bool replay_done_ = false;
	/* Pacing origin: first frame's timestamp (ns, file time) and the wall time it was due. */
	bool have_origin_ = false;
	uint64_t file0_ns_ = 0;
	uint64_t wall0_ns_ = 0;

	WireCounters c_;
};

PcapWire::PcapWire(const std::string &in_path, const std::string &out_path, bool pace)
	: name_("pcap:" + in_path + "," + out_path), pace_(pace)
{
	if (in_path.empty() && out_path.empty())
		throw std::invalid_argument("pcap wire: needs an input or an output file");
	char err[PCAP_ERRBUF_SIZE] = "";
	if (!in_path.empty()) {
		/* Nanosecond timestamps whatever the file holds (libpcap scales microsecond files). */
		in_.reset(pcap_open_offline_with_tstamp_precision(in_path.c_str(), PCAP_TSTAMP_PRECISION_NANO, err));
		if (!in_)
			throw std::runtime_error("pcap wire: cannot read '" + in_path + "': " + err);
		int dlt = pcap_datalink(in_.get());
		if (dlt != DLT_EN10MB) {
			const char *dn = pcap_datalink_val_to_name(dlt);
			throw std::runtime_error("pcap wire: '" + in_path + "' has link type " +
						 (dn ? dn : std::to_string(dlt)) + ", not EN10MB (Ethernet)");
		}
	}
	if (!out_path.empty()) {
		dead_.reset(pcap_open_dead(DLT_EN10MB, kSnaplen));
		if (!dead_)
			throw std::runtime_error("pcap wire: cannot create a pcap handle for '" + out_path + "'");
		out_.reset(pcap_dump_open(dead_.get(), out_path.c_str()));
		if (!out_)
			throw std::runtime_error("pcap wire: cannot write '" + out_path + "': " +
						 pcap_geterr(dead_.get()));
	}
}

bool PcapWire::due(const pcap_pkthdr &h)
{
	uint64_t file_ns = static_cast<uint64_t>(h.ts.tv_sec) * kNsPerSec + static_cast<uint64_t>(h.ts.tv_usec);
	uint64_t now = mono_now_ns();
	if (!have_origin_) {
		have_origin_ = true;
		file0_ns_ = file_ns;
		wall0_ns_ = now;
		return true;
	}
	uint64_t offset = file_ns > file0_ns_ ? file_ns - file0_ns_ : 0;
	return now - wall0_ns_ >= offset;
}

size_t PcapWire::recv(FrameSlot *slots, size_t n)
{
	size_t got = 0;
	uint64_t bytes = 0, truncated = 0;
	while (got < n && in_ && !replay_done_) {
		if (!pend_hdr_) {
			int r = pcap_next_ex(in_.get(), &pend_hdr_, &pend_data_);
			if (r != 1) {
				/* PCAP_ERROR_BREAK: end of file; PCAP_ERROR: a damaged file ends the replay too. */
				if (r == PCAP_ERROR)
					c_.rx_dropped.add(1);
				pend_hdr_ = nullptr;
				replay_done_ = true;
				break;
			}
		}
		if (pace_ && !due(*pend_hdr_))
			break;
		FrameSlot &s = slots[got++];
		const pcap_pkthdr &h = *pend_hdr_;
		uint32_t copy = std::min(h.caplen, s.cap);
		std::copy_n(pend_data_, copy, s.data);
		/* Cut by the slot, or captured shorter than it was on the wire (snaplen). */
		s.truncated = copy < h.caplen || h.caplen < h.len;
		s.len = copy = pad_runt(s.data, copy, s.cap);
		truncated += s.truncated;
		bytes += copy;
		pend_hdr_ = nullptr;
	}
	c_.rx_frames.add(got);
	c_.rx_bytes.add(bytes);
	c_.rx_truncated.add(truncated);
	return got;
}

size_t PcapWire::send(const FrameView *frames, size_t n)
{
	uint64_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += frames[i].len;
	c_.tx_frames.add(n);
	c_.tx_bytes.add(bytes);
	if (!out_) {
		c_.tx_dropped.add(n); /* no recorder: nobody on the other end */
		return n;
	}
	timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	pcap_pkthdr h{};
	h.ts.tv_sec = now.tv_sec;
	h.ts.tv_usec = static_cast<suseconds_t>(static_cast<uint64_t>(now.tv_nsec) / kNsPerUs);
	for (size_t i = 0; i < n; i++) {
		h.len = frames[i].len;
		h.caplen = std::min<uint32_t>(frames[i].len, kSnaplen);
		pcap_dump(reinterpret_cast<u_char *>(out_.get()), &h, frames[i].data);
	}
	return n;
}

} // namespace

std::unique_ptr<Wire> make_pcap_wire(const std::string &in_path, const std::string &out_path, bool pace)
{
	return std::make_unique<PcapWire>(in_path, out_path, pace);
}

} // namespace tg57xx::sim
