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
 * timestamps go backwards are due at once. A looped replay reads the whole
 * file into memory up front (one pass of the file, then no I/O) and serves
 * it pass after pass; each pass's pacing clock starts at its first frame.
 * Recording stamps each batch with the wall-clock time of the send() call
 * (microsecond pcap, the most widely read variant).
 */
#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

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

/* The replay frame recv() delivers next. */
struct Pending {
	const u_char *data = nullptr;
	uint32_t caplen = 0;
	uint32_t len = 0;
	uint64_t ts_ns = 0; /* file time */
};

uint64_t ts_ns(const pcap_pkthdr &h)
{
	/* Nanosecond precision (pcap_open_offline_with_tstamp_precision): tv_usec holds ns. */
	return static_cast<uint64_t>(h.ts.tv_sec) * kNsPerSec + static_cast<uint64_t>(h.ts.tv_usec);
}

class PcapWire final : public Wire {
public:
	PcapWire(const std::string &in_path, const std::string &out_path, PcapReplay replay);

	size_t send(const FrameView *frames, size_t n) override;
	size_t recv(FrameSlot *slots, size_t n) override;
	const char *name() const override { return name_.c_str(); }
	WireStats stats() const override { return c_.snapshot(); }
	bool waits_for_receiver() const override { return true; }

private:
	void load_loop(const std::string &in_path);
	bool next();
	bool due(uint64_t file_ns);

	const std::string name_;
	const PcapReplay replay_;
	std::unique_ptr<pcap_t, PcapClose> in_;
	std::unique_ptr<pcap_t, PcapClose> dead_;
	/* Declared after dead_: destroyed (flushed, closed) before it. */
	std::unique_ptr<pcap_dumper_t, DumperClose> out_;

	/* The next replay frame, read but not yet delivered (from the file: valid until the next pcap_next_ex). */
	Pending pend_;
	bool have_pend_ = false;
	bool replay_done_ = false;
	/* A looped replay: every frame of the file, back to back, and where each starts. */
	struct LoopFrame {
		size_t offset; /* into loop_bytes_ */
		uint32_t caplen;
		uint32_t len;
		uint64_t ts_ns;
	};
	std::vector<u_char> loop_bytes_;
	std::vector<LoopFrame> loop_frames_;
	size_t loop_next_ = 0;
	/* Pacing origin: the pass's first frame's timestamp (ns, file time) and the wall time it was due. */
	bool have_origin_ = false;
	uint64_t file0_ns_ = 0;
	uint64_t wall0_ns_ = 0;

	WireCounters c_;
};

PcapWire::PcapWire(const std::string &in_path, const std::string &out_path, PcapReplay replay)
	: name_("pcap:" + in_path + "," + out_path + (replay.pace ? ",pace" : "") + (replay.loop ? ",loop" : "")),
	  replay_(replay)
{
	if (in_path.empty() && out_path.empty())
		throw std::invalid_argument("pcap wire: needs an input or an output file");
	if (in_path.empty() && replay.loop)
		throw std::invalid_argument("pcap wire: loop needs an input file to replay");
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
		if (replay.loop)
			load_loop(in_path);
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

/* The whole input, into memory (the file is closed after). */
void PcapWire::load_loop(const std::string &in_path)
{
	pcap_pkthdr *h = nullptr;
	const u_char *d = nullptr;
	int r;
	while ((r = pcap_next_ex(in_.get(), &h, &d)) == 1) {
		if (loop_bytes_.size() + h->caplen > kPcapLoopMaxBytes)
			throw std::runtime_error("pcap wire: '" + in_path + "' holds more than " +
						 std::to_string(kPcapLoopMaxBytes >> 20) + " MiB of frames: too large to loop");
		loop_frames_.push_back({loop_bytes_.size(), h->caplen, h->len, ts_ns(*h)});
		loop_bytes_.insert(loop_bytes_.end(), d, d + h->caplen);
	}
	if (r == PCAP_ERROR)
		throw std::runtime_error("pcap wire: cannot read '" + in_path + "': " + pcap_geterr(in_.get()));
	if (loop_frames_.empty())
		throw std::runtime_error("pcap wire: '" + in_path + "' has no frame to loop");
	in_.reset();
}

/* Make pend_ the next frame; false when the replay has ended. */
bool PcapWire::next()
{
	if (have_pend_)
		return true;
	if (!loop_frames_.empty()) {
		if (loop_next_ == loop_frames_.size()) {
			loop_next_ = 0;
			have_origin_ = false; /* a new pass: its own pacing clock */
		}
		const LoopFrame &f = loop_frames_[loop_next_++];
		pend_ = {loop_bytes_.data() + f.offset, f.caplen, f.len, f.ts_ns};
		have_pend_ = true;
		return true;
	}
	if (!in_ || replay_done_)
		return false;
	pcap_pkthdr *h = nullptr;
	const u_char *d = nullptr;
	int r = pcap_next_ex(in_.get(), &h, &d);
	if (r != 1) {
		/* PCAP_ERROR_BREAK: end of file; PCAP_ERROR: a damaged file ends the replay too. */
		if (r == PCAP_ERROR)
			c_.rx_dropped.add(1);
		replay_done_ = true;
		return false;
	}
	pend_ = {d, h->caplen, h->len, ts_ns(*h)};
	have_pend_ = true;
	return true;
}

bool PcapWire::due(uint64_t file_ns)
{
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
	while (got < n && next()) {
		if (replay_.pace && !due(pend_.ts_ns))
			break;
		FrameSlot &s = slots[got++];
		uint32_t copy = std::min(pend_.caplen, s.cap);
		std::copy_n(pend_.data, copy, s.data);
		/* Cut by the slot, or captured shorter than it was on the wire (snaplen). */
		s.truncated = copy < pend_.caplen || pend_.caplen < pend_.len;
		s.len = copy = pad_runt(s.data, copy, s.cap);
		truncated += s.truncated;
		bytes += copy;
		have_pend_ = false;
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

std::unique_ptr<Wire> make_pcap_wire(const std::string &in_path, const std::string &out_path, PcapReplay replay)
{
	return std::make_unique<PcapWire>(in_path, out_path, replay);
}

} // namespace tg57xx::sim
