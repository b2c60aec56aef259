/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The model's media (tg57xx_sim/wires.h): loopback, pair, pcap record/replay
 * and the spec parser. AF_PACKET is in test_wires_iface.cpp.
 */
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <pcap/pcap.h>
#include <unistd.h>

#include "tg57xx_sim/device.h"
#include "wire_test_util.h"

namespace tg57xx::sim::test {

namespace {

using namespace std::chrono_literals;

/* ---------------------------------------------------------------- the chip's side */

/* A medium that records how the chip drives its batching (Wire::set_deferred, flush) in the test's variables. */
class BatchProbeWire final : public Wire {
public:
	BatchProbeWire(bool &deferred, unsigned &flushes) : deferred_(deferred), flushes_(flushes) {}
	size_t send(const FrameView *, size_t n) override { return n; }
	size_t recv(FrameSlot *, size_t) override { return 0; }
	void set_deferred(bool on) override { deferred_ = on; }
	void flush() override { flushes_++; }
	const char *name() const override { return "probe"; }

private:
	bool &deferred_;
	unsigned &flushes_;
};

/* The chip defers its wire and flushes it after every engine sweep (so a frame waits one sweep at most). */
TEST(WireBatching, ChipDefersItsWireAndFlushesEverySweep)
{
	bool deferred = false;
	unsigned flushes = 0;
	auto dev = Device::create(Config{});
	dev->attach_wire(std::make_unique<BatchProbeWire>(deferred, flushes));
	EXPECT_TRUE(deferred);
	const unsigned before = flushes;
	dev->step();
	EXPECT_GT(flushes, before) << "a sweep ended without flushing the wire";
	const unsigned after_step = flushes;
	dev->attach_wire(make_loop_wire()); /* the old wire gets out what was sent before it goes */
	EXPECT_GT(flushes, after_step);
}

/* ---------------------------------------------------------------- loop */

TEST(WireLoop, ReturnsFramesInOrderWithExactBytes)
{
	auto w = make_loop_wire();
	EXPECT_STREQ(w->name(), "loop");
	EXPECT_TRUE(w->carrier());
	EXPECT_FALSE(w->waits_for_receiver()) << "a cable: frames arriving while RX is off are lost";
	EXPECT_EQ(w->wait_fd(), -1);

	std::vector<std::vector<uint8_t>> f = {make_frame(1, kMinFrame), make_frame(2, kFullFrame),
					       make_frame(3, kJumboFrame)};
	FrameView v[] = {view(f[0]), view(f[1]), view(f[2])};
	ASSERT_EQ(w->send(v, 3), 3u);

	Slots s(4, kBigSlot);
	ASSERT_EQ(w->recv(s.slots.data(), 4), 3u);
	for (size_t i = 0; i < 3; i++) {
		EXPECT_EQ(s.bytes(i), f[i]) << "frame " << i;
		EXPECT_FALSE(s.slots[i].truncated);
	}
	EXPECT_EQ(w->recv(s.slots.data(), 4), 0u);

	WireStats st = w->stats();
	EXPECT_EQ(st.tx_frames, 3u);
	EXPECT_EQ(st.tx_bytes, kMinFrame + kFullFrame + kJumboFrame);
	EXPECT_EQ(st.rx_frames, 3u);
	EXPECT_EQ(st.rx_bytes, kMinFrame + kFullFrame + kJumboFrame);
	EXPECT_EQ(st.tx_full, 0u);
	EXPECT_EQ(st.tx_dropped, 0u);
	EXPECT_EQ(st.rx_truncated, 0u);
}

TEST(WireLoop, RecvTakesAtMostN)
{
	auto w = make_loop_wire();
	std::vector<std::vector<uint8_t>> f;
	std::vector<FrameView> v;
	for (uint32_t i = 0; i < 10; i++)
		f.push_back(make_frame(i, kMinFrame));
	for (auto &x : f)
		v.push_back(view(x));
	ASSERT_EQ(w->send(v.data(), v.size()), 10u);
	Slots s(10, kBigSlot);
	ASSERT_EQ(w->recv(s.slots.data(), 4), 4u);
	EXPECT_EQ(s.bytes(3), f[3]);
	ASSERT_EQ(w->recv(s.slots.data(), 10), 6u);
	EXPECT_EQ(s.bytes(0), f[4]);
	EXPECT_EQ(s.bytes(5), f[9]);
}

/* 64 KiB ring, 60-byte frames: 64 bytes a record, exactly 1024 fit. */
TEST(WireLoop, FullRingRefusesAndCounts)
{
	constexpr uint32_t kFit = kWireRingMinBytes / wire_ring_record_bytes(kMinFrame);
	static_assert(kFit == 1024);
	constexpr uint32_t kOffered = 1100;
	auto w = make_loop_wire(1000); /* raised to the 64 KiB minimum */
	std::vector<std::vector<uint8_t>> f;
	std::vector<FrameView> v;
	for (uint32_t i = 0; i < kOffered; i++)
		f.push_back(make_frame(i, kMinFrame));
	for (auto &x : f)
		v.push_back(view(x));

	ASSERT_EQ(w->send(v.data(), kOffered), kFit);
	EXPECT_EQ(w->stats().tx_full, kOffered - kFit);
	EXPECT_EQ(w->send(&v[kFit], 1), 0u); /* still full */
	EXPECT_EQ(w->stats().tx_full, kOffered - kFit + 1);

	Slots one(1, kBigSlot);
	ASSERT_EQ(w->recv(one.slots.data(), 1), 1u);
	EXPECT_EQ(one.bytes(0), f[0]);
	EXPECT_EQ(w->send(&v[kFit], 2), 1u); /* room for exactly one record */

	Slots s(kOffered, kMinFrame);
	ASSERT_EQ(w->recv(s.slots.data(), kOffered), kFit);
	for (uint32_t i = 0; i < kFit; i++)
		ASSERT_EQ(s.bytes(i), f[i + 1]) << "position " << i;
	EXPECT_EQ(w->stats().tx_frames, kFit + 1);
	EXPECT_EQ(w->stats().tx_dropped, 0u);
}

TEST(WireLoop, RingSizeRoundsUpToPowerOfTwo)
{
	/* 100000 -> 131072 bytes: 2048 minimum frames. */
	constexpr uint32_t kFit = 131072 / wire_ring_record_bytes(kMinFrame);
	auto w = make_loop_wire(100000);
	auto f = make_frame(0, kMinFrame);
	std::vector<FrameView> v(kFit + 1, view(f));
	EXPECT_EQ(w->send(v.data(), v.size()), kFit);
}

/* Records wrap around the end of the byte ring at every offset; bytes must survive the split copies. */
TEST(WireLoop, WrapAroundKeepsBytes)
{
	constexpr uint32_t kFrames = 5000;
	constexpr size_t kBatch = 7;
	auto w = make_loop_wire(kWireRingMinBytes);
	std::vector<std::vector<uint8_t>> f;
	for (uint32_t i = 0; i < kFrames; i++)
		f.push_back(make_frame(i, len_for(i) + i % 8));
	Slots s(kBatch, kBigSlot);
	uint32_t sent = 0, got = 0;
	while (got < kFrames) {
		FrameView v[kBatch];
		size_t n = std::min<size_t>(kBatch, kFrames - sent);
		for (size_t i = 0; i < n; i++)
			v[i] = view(f[sent + i]);
		sent += static_cast<uint32_t>(w->send(v, n));
		/* Keep the ring partly full so the wrap point moves. */
		size_t k = w->recv(s.slots.data(), sent - got > 20 ? kBatch : 2);
		for (size_t i = 0; i < k; i++, got++)
			ASSERT_EQ(s.bytes(i), f[got]) << "frame " << got;
		ASSERT_LE(got, sent);
	}
	EXPECT_EQ(w->stats().rx_frames, kFrames);
}

TEST(WireLoop, TruncatesToSlotAndFlags)
{
	auto w = make_loop_wire();
	auto a = make_frame(1, 100), b = make_frame(2, kMinFrame);
	FrameView v[] = {view(a), view(b)};
	ASSERT_EQ(w->send(v, 2), 2u);
	std::vector<uint8_t> small(10), big(kBigSlot);
	FrameSlot s[] = {{small.data(), 10, 0, false}, {big.data(), kBigSlot, 0, false}};
	ASSERT_EQ(w->recv(s, 2), 2u);
	EXPECT_EQ(s[0].len, 10u);
	EXPECT_TRUE(s[0].truncated);
	EXPECT_TRUE(std::equal(small.begin(), small.end(), a.begin()));
	EXPECT_EQ(s[1].len, kMinFrame); /* the next record is intact */
	EXPECT_FALSE(s[1].truncated);
	EXPECT_TRUE(std::equal(b.begin(), b.end(), big.begin()));
	EXPECT_EQ(w->stats().rx_truncated, 1u);
	EXPECT_EQ(w->stats().rx_bytes, 10u + kMinFrame);
}

TEST(WireLoop, FrameLargerThanRingIsTakenAndDropped)
{
	auto w = make_loop_wire(kWireRingMinBytes);
	auto huge = make_frame(1, kWireRingMinBytes); /* record = ring + 8 */
	auto ok = make_frame(2, kMinFrame);
	FrameView v[] = {view(huge), view(ok)};
	ASSERT_EQ(w->send(v, 2), 2u);
	EXPECT_EQ(w->stats().tx_dropped, 1u);
	EXPECT_EQ(w->stats().tx_full, 0u);
	Slots s(2, kBigSlot);
	ASSERT_EQ(w->recv(s.slots.data(), 2), 1u);
	EXPECT_EQ(s.bytes(0), ok);
}

/* ---------------------------------------------------------------- pair */

TEST(WirePair, BothDirectionsAcrossThreadsInOrderWithoutLoss)
{
	static constexpr uint32_t kFrames = 100000;
	static constexpr size_t kBatch = 32;
	auto a = make_pair_wire("wires-bulk");
	auto b = make_pair_wire("wires-bulk");
	ASSERT_TRUE(a->carrier());
	ASSERT_TRUE(b->carrier());

	std::atomic<bool> failed{false};
	auto run = [&failed](Wire &w, std::string &error) {
		/* Both ends send the same sequence; each checks what it receives. */
		std::vector<std::vector<uint8_t>> frames;
		frames.reserve(kBatch);
		Slots s(kBatch, kBigSlot);
		uint32_t sent = 0, got = 0;
		auto deadline = std::chrono::steady_clock::now() + 60s;
		while ((sent < kFrames || got < kFrames) && !failed.load()) {
			if (std::chrono::steady_clock::now() > deadline) {
				error = "timeout: sent " + std::to_string(sent) + " got " + std::to_string(got);
				failed = true;
				return;
			}
			if (sent < kFrames) {
				size_t n = std::min<size_t>(kBatch, kFrames - sent);
				frames.clear();
				FrameView v[kBatch];
				for (size_t i = 0; i < n; i++) {
					frames.push_back(make_frame(sent + static_cast<uint32_t>(i),
								    len_for(sent + static_cast<uint32_t>(i))));
					v[i] = view(frames.back());
				}
				sent += static_cast<uint32_t>(w.send(v, n)); /* refused frames are offered again */
			}
			size_t k = w.recv(s.slots.data(), kBatch);
			for (size_t i = 0; i < k; i++, got++) {
				if (s.bytes(i) != make_frame(got, len_for(got))) {
					error = "frame " + std::to_string(got) + " differs";
					failed = true;
					return;
				}
			}
		}
	};
	std::string ea, eb;
	std::thread ta([&] { run(*a, ea); });
	std::thread tb([&] { run(*b, eb); });
	ta.join();
	tb.join();
	ASSERT_FALSE(failed.load()) << ea << " / " << eb;
	for (Wire *w : {a.get(), b.get()}) {
		WireStats st = w->stats();
		EXPECT_EQ(st.tx_frames, kFrames);
		EXPECT_EQ(st.rx_frames, kFrames);
		EXPECT_EQ(st.tx_dropped, 0u);
		EXPECT_EQ(st.rx_truncated, 0u);
	}
	EXPECT_EQ(a->stats().tx_bytes, b->stats().rx_bytes);
}

TEST(WirePair, DirectionsAreSeparate)
{
	auto a = make_pair_wire("wires-dir");
	auto b = make_pair_wire("wires-dir");
	EXPECT_STREQ(a->name(), "pair:wires-dir");
	auto fa = make_frame(1, kMinFrame), fb = make_frame(2, 100);
	FrameView va = view(fa), vb = view(fb);
	ASSERT_EQ(a->send(&va, 1), 1u);
	ASSERT_EQ(b->send(&vb, 1), 1u);
	Slots s(2, kBigSlot);
	ASSERT_EQ(a->recv(s.slots.data(), 2), 1u);
	EXPECT_EQ(s.bytes(0), fb);
	ASSERT_EQ(b->recv(s.slots.data(), 2), 1u);
	EXPECT_EQ(s.bytes(0), fa);
	EXPECT_EQ(a->recv(s.slots.data(), 2), 0u);
}

TEST(WirePair, CarrierFollowsThePeer)
{
	auto a = make_pair_wire("wires-carrier");
	EXPECT_FALSE(a->carrier());
	auto b = make_pair_wire("wires-carrier");
	EXPECT_TRUE(a->carrier());
	EXPECT_TRUE(b->carrier());
	b.reset();
	EXPECT_FALSE(a->carrier());
	b = make_pair_wire("wires-carrier");
	EXPECT_TRUE(a->carrier());
}

TEST(WirePair, ThirdOpenIsAnErrorAndNamesAreReusable)
{
	auto a = make_pair_wire("wires-third");
	auto b = make_pair_wire("wires-third");
	try {
		make_pair_wire("wires-third");
		FAIL() << "third end opened";
	} catch (const std::runtime_error &e) {
		EXPECT_NE(std::string(e.what()).find("wires-third"), std::string::npos) << e.what();
	}
	/* Other names are independent. */
	auto other = make_pair_wire("wires-third-other");
	EXPECT_FALSE(other->carrier());

	a.reset();
	auto c = make_pair_wire("wires-third"); /* replaces a */
	EXPECT_TRUE(c->carrier());
	EXPECT_TRUE(b->carrier());
	b.reset();
	c.reset();
	auto fresh = make_pair_wire("wires-third"); /* name free again: a new, unpaired link */
	EXPECT_FALSE(fresh->carrier());
	EXPECT_THROW(make_pair_wire(""), std::invalid_argument);
}

TEST(WirePair, FramesWithoutPeerAreDropped)
{
	auto a = make_pair_wire("wires-nopeer");
	auto f = make_frame(1, kMinFrame);
	std::vector<FrameView> v(5, view(f));
	EXPECT_EQ(a->send(v.data(), 5), 5u);
	EXPECT_EQ(a->stats().tx_dropped, 5u);
	EXPECT_EQ(a->stats().tx_frames, 5u);
	auto b = make_pair_wire("wires-nopeer");
	Slots s(8, kBigSlot);
	EXPECT_EQ(b->recv(s.slots.data(), 8), 0u);
}

TEST(WirePair, ReplugDiscardsFramesQueuedForTheOldEnd)
{
	auto a = make_pair_wire("wires-replug");
	auto b = make_pair_wire("wires-replug");
	auto old = make_frame(1, kMinFrame), fresh = make_frame(2, 80);
	std::vector<FrameView> v(3, view(old));
	ASSERT_EQ(a->send(v.data(), 3), 3u);
	b.reset(); /* never read them */
	b = make_pair_wire("wires-replug");
	Slots s(8, kBigSlot);
	EXPECT_EQ(b->recv(s.slots.data(), 8), 0u);
	FrameView vf = view(fresh);
	ASSERT_EQ(a->send(&vf, 1), 1u);
	ASSERT_EQ(b->recv(s.slots.data(), 8), 1u);
	EXPECT_EQ(s.bytes(0), fresh);
}

TEST(WirePair, FullRingPushesBack)
{
	constexpr uint32_t kFit = kWireRingMinBytes / wire_ring_record_bytes(kMinFrame);
	auto a = make_pair_wire("wires-full", kWireRingMinBytes);
	auto b = make_pair_wire("wires-full", kWireRingBytes); /* ignored: the first open sized the link */
	auto f = make_frame(1, kMinFrame);
	std::vector<FrameView> v(kFit + 10, view(f));
	EXPECT_EQ(a->send(v.data(), v.size()), kFit);
	EXPECT_EQ(a->stats().tx_full, 10u);
	EXPECT_EQ(a->stats().tx_dropped, 0u);
}

TEST(WirePair, BusyWhileTheReceiverIsBehindByHalfTheRing)
{
	constexpr uint32_t kHalf = kWireRingMinBytes / 2 / wire_ring_record_bytes(kMinFrame);
	auto a = make_pair_wire("wires-busy", kWireRingMinBytes);
	EXPECT_FALSE(a->tx_busy()) << "no peer: frames go nowhere at once";
	auto b = make_pair_wire("wires-busy");
	auto f = make_frame(1, kMinFrame);
	std::vector<FrameView> v(kHalf, view(f));
	ASSERT_EQ(a->send(v.data(), v.size()), kHalf);
	EXPECT_FALSE(a->tx_busy()) << "exactly half: still free";
	ASSERT_EQ(a->send(v.data(), 1), 1u);
	EXPECT_TRUE(a->tx_busy());
	EXPECT_FALSE(b->tx_busy()) << "the other direction is empty";
	std::vector<uint8_t> buf(kMinFrame);
	FrameSlot s{buf.data(), kMinFrame, 0, false};
	ASSERT_EQ(b->recv(&s, 1), 1u);
	EXPECT_FALSE(a->tx_busy()) << "the receiver caught up";
}

/* ---------------------------------------------------------------- pcap */

constexpr uint32_t kPcapMagicUs = 0xA1B2C3D4; /* pcap file header, microsecond timestamps */
constexpr uint32_t kDltEn10mb = 1;
constexpr size_t kPcapLinktypeOffset = 20;
constexpr size_t kPcapFileHeader = 24;
constexpr size_t kPcapRecordHeader = 16;

TEST(WirePcap, RecordThenReplayRoundTrip)
{
	TempDir dir;
	const std::string out = dir.file("out.pcap");
	std::vector<std::vector<uint8_t>> f = {make_frame(1, kMinFrame), make_frame(2, kFullFrame),
					       make_frame(3, kJumboFrame), make_frame(4, 61)};
	{
		auto w = make_pcap_wire("", out);
		EXPECT_TRUE(w->carrier());
		std::vector<FrameView> v;
		for (auto &x : f)
			v.push_back(view(x));
		ASSERT_EQ(w->send(v.data(), v.size()), f.size());
		Slots s(1, kBigSlot);
		EXPECT_EQ(w->recv(s.slots.data(), 1), 0u); /* nothing to replay */
	}
	std::vector<uint8_t> file = read_file(out);
	size_t expect = kPcapFileHeader;
	for (auto &x : f)
		expect += kPcapRecordHeader + x.size();
	ASSERT_EQ(file.size(), expect);
	uint32_t magic, linktype;
	std::memcpy(&magic, &file[0], sizeof(magic));
	std::memcpy(&linktype, &file[kPcapLinktypeOffset], sizeof(linktype));
	EXPECT_EQ(magic, kPcapMagicUs);
	EXPECT_EQ(linktype, kDltEn10mb);

	/* Replay and echo into a second recording. */
	const std::string echo = dir.file("echo.pcap");
	{
		auto w = make_pcap_wire(out, echo);
		EXPECT_EQ(std::string(w->name()), "pcap:" + out + "," + echo);
		Slots s(8, kBigSlot);
		ASSERT_EQ(w->recv(s.slots.data(), 8), f.size());
		for (size_t i = 0; i < f.size(); i++) {
			EXPECT_EQ(s.bytes(i), f[i]) << "frame " << i;
			EXPECT_FALSE(s.slots[i].truncated);
			FrameView v{s.slots[i].data, s.slots[i].len};
			ASSERT_EQ(w->send(&v, 1), 1u);
		}
		EXPECT_EQ(w->recv(s.slots.data(), 8), 0u);
		EXPECT_EQ(w->stats().rx_frames, f.size());
	}
	auto w = make_pcap_wire(echo, "");
	EXPECT_TRUE(w->waits_for_receiver()) << "a replay waits for the MAC to receive (issue 11)";
	Slots s(8, kBigSlot);
	ASSERT_EQ(w->recv(s.slots.data(), 8), f.size());
	for (size_t i = 0; i < f.size(); i++)
		EXPECT_EQ(s.bytes(i), f[i]) << "echoed frame " << i;
}

/* Write a capture by hand: (caplen, len, seconds, microseconds) per frame. */
struct Rec {
	uint32_t caplen, len;
	long sec, usec;
};
void write_capture(const std::string &path, const std::vector<Rec> &recs, int dlt = DLT_EN10MB)
{
	pcap_t *dead = pcap_open_dead(dlt, 65535);
	ASSERT_NE(dead, nullptr);
	pcap_dumper_t *d = pcap_dump_open(dead, path.c_str());
	ASSERT_NE(d, nullptr) << pcap_geterr(dead);
	for (size_t i = 0; i < recs.size(); i++) {
		auto f = make_frame(static_cast<uint32_t>(i), recs[i].caplen);
		pcap_pkthdr h{};
		h.ts.tv_sec = recs[i].sec;
		h.ts.tv_usec = recs[i].usec;
		h.caplen = recs[i].caplen;
		h.len = recs[i].len;
		pcap_dump(reinterpret_cast<u_char *>(d), &h, f.data());
	}
	pcap_dump_close(d);
	pcap_close(dead);
}

TEST(WirePcap, ShortCapturesAndSmallSlotsAreFlaggedTruncated)
{
	TempDir dir;
	const std::string in = dir.file("in.pcap");
	write_capture(in, {{kMinFrame, 100, 1, 0}, {200, 200, 1, 1}, {kMinFrame, kMinFrame, 1, 2}});
	auto w = make_pcap_wire(in, "");
	std::vector<uint8_t> b0(kBigSlot), b1(50), b2(kBigSlot);
	FrameSlot s[] = {{b0.data(), kBigSlot, 0, false}, {b1.data(), 50, 0, false}, {b2.data(), kBigSlot, 0, false}};
	ASSERT_EQ(w->recv(s, 3), 3u);
	EXPECT_EQ(s[0].len, kMinFrame); /* snaplen cut it on capture */
	EXPECT_TRUE(s[0].truncated);
	EXPECT_EQ(s[1].len, 50u); /* our slot cut it */
	EXPECT_TRUE(s[1].truncated);
	auto f1 = make_frame(1, 200);
	EXPECT_TRUE(std::equal(b1.begin(), b1.end(), f1.begin()));
	EXPECT_EQ(s[2].len, kMinFrame);
	EXPECT_FALSE(s[2].truncated);
	EXPECT_EQ(w->stats().rx_truncated, 2u);
}

TEST(WirePcap, RuntsArePaddedToTheEthernetMinimum)
{
	/* A 42-byte ARP request as the kernel hands it over: on a cable the
	 * sender pads it to 60 bytes + FCS (IEEE 802.3 4.2.3.3). */
	constexpr uint32_t kArpLen = 42, kMinNoFcs = 60;
	TempDir dir;
	const std::string in = dir.file("in.pcap");
	write_capture(in, {{kArpLen, kArpLen, 1, 0}});
	auto w = make_pcap_wire(in, "");
	std::vector<uint8_t> b(kBigSlot, 0xAA);
	FrameSlot s[] = {{b.data(), kBigSlot, 0, false}};
	ASSERT_EQ(w->recv(s, 1), 1u);
	EXPECT_EQ(s[0].len, kMinNoFcs);
	EXPECT_FALSE(s[0].truncated);
	auto f = make_frame(0, kArpLen);
	EXPECT_TRUE(std::equal(f.begin(), f.end(), b.begin()));
	EXPECT_TRUE(std::all_of(b.begin() + kArpLen, b.begin() + kMinNoFcs, [](uint8_t v) { return v == 0; }));
}

TEST(WirePcap, PacingHoldsFramesUntilTheirOffset)
{
	TempDir dir;
	const std::string in = dir.file("paced.pcap");
	constexpr long kGapUs = 200000; /* 200 ms between the two frames */
	write_capture(in, {{kMinFrame, kMinFrame, 100, 0}, {kMinFrame, kMinFrame, 100, kGapUs}});
	{
		auto fast = make_pcap_wire(in, "");
		Slots s(2, kBigSlot);
		EXPECT_EQ(fast->recv(s.slots.data(), 2), 2u); /* default: as fast as polled */
	}
	auto w = make_pcap_wire(in, "", {.pace = true});
	Slots s(2, kBigSlot);
	auto t0 = std::chrono::steady_clock::now();
	ASSERT_EQ(w->recv(s.slots.data(), 2), 1u);
	if (std::chrono::steady_clock::now() - t0 < 100ms) {
		EXPECT_EQ(w->recv(s.slots.data(), 2), 0u); /* second frame not due yet */
	}
	std::this_thread::sleep_for(std::chrono::microseconds(kGapUs) + 20ms);
	ASSERT_EQ(w->recv(s.slots.data(), 2), 1u);
	EXPECT_EQ(s.bytes(0), make_frame(1, kMinFrame));
	EXPECT_EQ(w->recv(s.slots.data(), 2), 0u);
}

TEST(WirePcap, LoopReplaysTheFileOverAndOverInOrder)
{
	TempDir dir;
	const std::string in = dir.file("gen.pcap");
	constexpr size_t kFrames = 3;
	constexpr size_t kPasses = 5;
	write_capture(in, {{kMinFrame, kMinFrame, 1, 0}, {kMinFrame + 4, kMinFrame + 4, 1, 1}, {kFullFrame, kFullFrame, 1, 2}});
	auto once = make_pcap_wire(in, "");
	auto w = make_pcap_wire(in, "", {.loop = true});
	Slots s(2, kBigSlot); /* an odd batch against the file: passes join mid-batch */
	std::vector<std::vector<uint8_t>> got;
	while (got.size() < kFrames * kPasses) {
		size_t n = w->recv(s.slots.data(), 2);
		ASSERT_EQ(n, 2u) << "a looped replay never runs dry";
		for (size_t i = 0; i < n; i++)
			got.push_back(s.bytes(i));
	}
	Slots first(kFrames + 1, kBigSlot);
	ASSERT_EQ(once->recv(first.slots.data(), kFrames + 1), kFrames); /* without loop: one pass */
	for (size_t i = 0; i < got.size(); i++)
		EXPECT_EQ(got[i], first.bytes(i % kFrames)) << "frame " << i;
	EXPECT_EQ(w->stats().rx_frames, got.size());
}

TEST(WirePcap, PacedLoopRestartsItsClockEachPass)
{
	TempDir dir;
	const std::string in = dir.file("paced-loop.pcap");
	constexpr long kGapUs = 150000; /* between the file's two frames; none after the last */
	write_capture(in, {{kMinFrame, kMinFrame, 100, 0}, {kMinFrame, kMinFrame, 100, kGapUs}});
	auto w = make_pcap_wire(in, "", {.pace = true, .loop = true});
	Slots s(4, kBigSlot);
	auto t0 = std::chrono::steady_clock::now();
	ASSERT_EQ(w->recv(s.slots.data(), 4), 1u); /* frame 0 of pass 1, then frame 1 is not due */
	std::this_thread::sleep_for(std::chrono::microseconds(kGapUs) + 20ms);
	/* Frame 1 is due; pass 2's first frame is due at once (its own clock), its second is not. */
	size_t n = w->recv(s.slots.data(), 4);
	if (std::chrono::steady_clock::now() - t0 < std::chrono::microseconds(2 * kGapUs))
		EXPECT_EQ(n, 2u);
	else
		EXPECT_GE(n, 2u); /* a slow machine: pass 2's second frame may be due too */
	EXPECT_EQ(s.bytes(0), make_frame(1, kMinFrame));
	EXPECT_EQ(s.bytes(1), make_frame(0, kMinFrame));
}

TEST(WirePcap, LoopRefusesWhatItCannotReplay)
{
	TempDir dir;
	const std::string empty = dir.file("empty.pcap");
	write_capture(empty, {});
	try {
		make_pcap_wire(empty, "", {.loop = true});
		FAIL() << "looped an empty capture";
	} catch (const std::runtime_error &e) {
		EXPECT_NE(std::string(e.what()).find("no frame to loop"), std::string::npos) << e.what();
		EXPECT_NE(std::string(e.what()).find(empty), std::string::npos) << e.what();
	}
	EXPECT_EQ(make_pcap_wire(empty, "")->recv(nullptr, 0), 0u); /* a plain replay of it is just empty */
	EXPECT_THROW(make_pcap_wire("", dir.file("o.pcap"), {.loop = true}), std::invalid_argument);
}

TEST(WirePcap, RecordOnlyAndReplayOnlyAndOpenErrors)
{
	TempDir dir;
	const std::string missing = dir.file("missing.pcap");
	try {
		make_pcap_wire(missing, "");
		FAIL() << "opened a missing file";
	} catch (const std::runtime_error &e) {
		EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
	}
	const std::string sll = dir.file("sll.pcap");
	write_capture(sll, {{kMinFrame, kMinFrame, 1, 0}}, DLT_LINUX_SLL);
	try {
		make_pcap_wire(sll, "");
		FAIL() << "accepted a non-Ethernet capture";
	} catch (const std::runtime_error &e) {
		EXPECT_NE(std::string(e.what()).find("link type"), std::string::npos) << e.what();
	}
	const std::string unwritable = dir.file("no/such/dir/out.pcap");
	try {
		make_pcap_wire("", unwritable);
		FAIL() << "opened an unwritable output";
	} catch (const std::runtime_error &e) {
		EXPECT_NE(std::string(e.what()).find(unwritable), std::string::npos) << e.what();
	}
	EXPECT_THROW(make_pcap_wire("", ""), std::invalid_argument);

	/* Replay only: transmitted frames go nowhere and are counted as dropped. */
	const std::string in = dir.file("in.pcap");
	write_capture(in, {{kMinFrame, kMinFrame, 1, 0}});
	auto w = make_pcap_wire(in, "");
	auto f = make_frame(9, kMinFrame);
	FrameView v = view(f);
	EXPECT_EQ(w->send(&v, 1), 1u);
	EXPECT_EQ(w->stats().tx_dropped, 1u);
}

/* ---------------------------------------------------------------- spec */

TEST(WireSpec, BuildsEveryMedium)
{
	EXPECT_STREQ(make_wire("loop")->name(), "loop");
	auto a = make_wire("pair:wires-spec");
	auto b = make_wire("pair:wires-spec");
	EXPECT_STREQ(a->name(), "pair:wires-spec");
	EXPECT_TRUE(a->carrier());

	TempDir dir;
	const std::string out = dir.file("o.pcap");
	{
		auto w = make_wire("pcap:," + out);
		EXPECT_EQ(std::string(w->name()), "pcap:," + out);
		auto f = make_frame(1, kMinFrame);
		FrameView v = view(f);
		ASSERT_EQ(w->send(&v, 1), 1u);
	}
	auto r = make_wire("pcap:" + out + ",");
	Slots s(2, kBigSlot);
	EXPECT_EQ(r->recv(s.slots.data(), 2), 1u);
	EXPECT_NO_THROW(make_wire("pcap:" + out + ",," + "pace"));
	EXPECT_STREQ(make_wire("pcap:" + out + ",,loop,pace")->name(), ("pcap:" + out + ",,pace,loop").c_str());

	/* A well-formed iface spec reaches the kernel: a missing interface is a system error, not a syntax one. */
	EXPECT_THROW(make_wire("iface:tgwnone" + std::to_string(getpid() % 100000)), std::system_error);
}

TEST(WireSpec, MalformedSpecsNameTheBadPart)
{
	struct Case {
		const char *spec;
		const char *names; /* what the message must contain */
	};
	const Case cases[] = {
		{"", "empty"},
		{"lo", "unknown medium 'lo'"},
		{"LOOP", "unknown medium 'LOOP'"},
		{":loop", "unknown medium ''"},
		{"loop:", "'loop' takes no argument"},
		{"loop:x", "(got ':x')"},
		{"pair", "'pair' needs a name"},
		{"pair:", "'pair' needs a name"},
		{"pair:a b", "pair name 'a b'"},
		{"pair:a,b", "pair name 'a,b'"},
		{"iface", "'iface' needs an interface name"},
		{"iface:", "'iface' needs an interface name"},
		{"iface:averyveryverylongname", "'averyveryverylongname' is not a valid interface name"},
		{"iface:a/b", "'a/b' is not a valid interface name"},
		{"iface:eth0:1", "'eth0:1' is not a valid interface name"},
		{"iface:..", "'..' is not a valid interface name"},
		{"pcap", "needs IN,OUT"},
		{"pcap:", "needs IN,OUT"},
		{"pcap:a.pcap", "needs IN,OUT"},
		{"pcap:,", "needs an input or an output file"},
		{"pcap:a,b,pace,loop,x", "too many fields in 'a,b,pace,loop,x'"},
		{"pcap:a,b,fast", "unknown pcap option 'fast'"},
		{"pcap:a,b,loop,fast", "unknown pcap option 'fast'"},
		{"pcap:a,b,pace,pace", "pcap option 'pace' given twice"},
		{"pcap:,b,loop", "'loop' needs an input file"},
	};
	for (const Case &c : cases) {
		try {
			make_wire(c.spec);
			ADD_FAILURE() << "'" << c.spec << "' accepted";
		} catch (const std::invalid_argument &e) {
			std::string what = e.what();
			EXPECT_NE(what.find(c.names), std::string::npos) << "'" << c.spec << "': " << what;
			if (*c.spec) {
				EXPECT_NE(what.find(std::string("'") + c.spec + "'"), std::string::npos) << what;
			}
		}
	}
}

} // namespace

} // namespace tg57xx::sim::test
