/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel-interface wire (make_iface_wire): errors, and frames across a
 * veth pair the test creates and deletes (root and iproute2 only; skipped
 * with the reason otherwise).
 */
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <poll.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wire_test_util.h"

namespace tg57xx::sim::test {

namespace {

using namespace std::chrono_literals;

/* ---------------------------------------------------------------- iface */

TEST(WireIfaceErrors, MissingInterfaceIsASystemErrorNamingIt)
{
	const std::string name = "tgwnone" + std::to_string(getpid() % 100000);
	try {
		make_iface_wire(name);
		FAIL() << "opened a missing interface";
	} catch (const std::system_error &e) {
		EXPECT_EQ(e.code().value(), ENODEV);
		EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
	}
	EXPECT_THROW(make_iface_wire("a/b"), std::invalid_argument);
}

/* Without CAP_NET_RAW (a child that gave up root), the error names the interface and the capability. */
TEST(WireIfaceErrors, NoPermissionIsASystemErrorNamingIt)
{
	constexpr uid_t kNobody = 65534;
	enum : int { kOk = 0, kWrongError = 1, kOpened = 2, kCannotDrop = 3 };
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(kNobody) != 0 || setuid(kNobody) != 0))
			_exit(kCannotDrop);
		try {
			make_iface_wire("lo");
			_exit(kOpened);
		} catch (const std::system_error &e) {
			std::string what = e.what();
			bool ok = (e.code().value() == EPERM || e.code().value() == EACCES) &&
				  what.find("'lo'") != std::string::npos && what.find("CAP_NET_RAW") != std::string::npos;
			_exit(ok ? kOk : kWrongError);
		} catch (...) {
			_exit(kWrongError);
		}
	}
	int status = 0;
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), kOk) << "1: wrong error, 2: opened without permission, 3: could not drop root";
}

bool run(const std::string &cmd)
{
	return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

/* A veth pair that exists for the test's lifetime (deleted on every exit path). */
struct VethPair {
	VethPair()
	{
		const std::string id = std::to_string(getpid());
		a = "tgw0" + id;
		b = "tgw1" + id;
		ok = run("ip link add " + a + " type veth peer name " + b);
		if (!ok)
			return;
		/* Keep IPv6 autoconfiguration chatter off the link (best effort). */
		run("sysctl -w net.ipv6.conf." + a + ".disable_ipv6=1");
		run("sysctl -w net.ipv6.conf." + b + ".disable_ipv6=1");
		ok = run("ip link set " + a + " up") && run("ip link set " + b + " up");
	}
	~VethPair()
	{
		run("ip link del " + a);
	}
	std::string a, b;
	bool ok = false;
};

template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds limit = 3000ms)
{
	auto end = std::chrono::steady_clock::now() + limit;
	while (!pred()) {
		if (std::chrono::steady_clock::now() > end)
			return false;
		std::this_thread::sleep_for(10ms);
	}
	return true;
}

/* Receive until `want` frames with the test ethertype (at 12 or behind a VLAN tag) arrived or time runs out. */
std::vector<std::vector<uint8_t>> recv_test_frames(Wire &w, size_t want, uint32_t cap = kBigSlot,
						   std::chrono::milliseconds limit = 2000ms,
						   std::vector<bool> *truncated = nullptr, std::vector<uint64_t> *arrived = nullptr)
{
	std::vector<std::vector<uint8_t>> out;
	Slots s(16, cap);
	auto end = std::chrono::steady_clock::now() + limit;
	while (out.size() < want && std::chrono::steady_clock::now() < end) {
		size_t k = w.recv(s.slots.data(), s.slots.size());
		for (size_t i = 0; i < k; i++) {
			const uint8_t *d = s.slots[i].data;
			auto et = [d](size_t off) { return static_cast<uint16_t>(d[off] << 8 | d[off + 1]); };
			constexpr size_t kTypeOff = 12, kInnerTypeOff = 16;
			if (s.slots[i].len < kInnerTypeOff + 2)
				continue;
			if (et(kTypeOff) == kTestEthertype ||
			    (et(kTypeOff) == kVlanTpid && et(kInnerTypeOff) == kTestEthertype)) {
				out.push_back(s.bytes(i));
				if (truncated)
					truncated->push_back(s.slots[i].truncated);
				if (arrived)
					arrived->push_back(s.slots[i].arrived_mono_ns);
			}
		}
		if (k == 0) {
			pollfd p{w.wait_fd(), POLLIN, 0};
			poll(&p, 1, 20);
		}
	}
	return out;
}

class WireIface : public ::testing::Test {
protected:
	void SetUp() override
	{
		if (geteuid() != 0)
			GTEST_SKIP() << "needs root to create a veth pair and open AF_PACKET sockets";
		if (!run("ip -V"))
			GTEST_SKIP() << "iproute2 'ip' not installed";
		veth = std::make_unique<VethPair>();
		ASSERT_TRUE(veth->ok) << "could not create veth pair " << veth->a << "/" << veth->b;
		w0 = make_iface_wire(veth->a);
		w1 = make_iface_wire(veth->b);
		ASSERT_TRUE(wait_until([&] { return w0->carrier() && w1->carrier(); })) << "veth carrier never came up";
	}
	/* Wires first: their sockets must close before the link goes. */
	void TearDown() override
	{
		w0.reset();
		w1.reset();
		veth.reset();
	}
	std::unique_ptr<VethPair> veth;
	std::unique_ptr<Wire> w0, w1;
};

TEST_F(WireIface, FramesCrossInOrderAndOwnFramesDoNotComeBack)
{
	EXPECT_EQ(std::string(w0->name()), "iface:" + veth->a);
	EXPECT_GE(w1->wait_fd(), 0);
	constexpr uint32_t kFrames = 100;
	std::vector<std::vector<uint8_t>> f;
	for (uint32_t i = 0; i < kFrames; i++)
		f.push_back(make_frame(i, len_for(i)));
	size_t sent = 0;
	ASSERT_TRUE(wait_until([&] {
		std::vector<FrameView> v;
		for (size_t i = sent; i < f.size(); i++)
			v.push_back(view(f[i]));
		sent += w0->send(v.data(), v.size());
		return sent == f.size();
	}));
	/* The receiving socket's fd must wake a poller. */
	pollfd p{w1->wait_fd(), POLLIN, 0};
	EXPECT_EQ(poll(&p, 1, 2000), 1);

	auto got = recv_test_frames(*w1, kFrames);
	ASSERT_EQ(got.size(), kFrames);
	for (uint32_t i = 0; i < kFrames; i++)
		EXPECT_EQ(got[i], f[i]) << "frame " << i;
	/* The kernel never loops a packet socket's frames back to itself. */
	EXPECT_EQ(recv_test_frames(*w0, 1, kBigSlot, 200ms).size(), 0u);
	EXPECT_GE(w1->stats().rx_frames, kFrames);
	EXPECT_EQ(w0->stats().tx_frames, kFrames);
}

uint64_t monotonic_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

/*
 * SO_TIMESTAMPNS: a frame reports when the interface received it (the kernel
 * stamps it inside the sender's send call, veth delivering at once), in
 * CLOCK_MONOTONIC, not when the wire's owner came to take it.
 */
/*
 * The kernel's receive timestamping is a static key that the first socket asking for it
 * switches on from a work queue: until then frames are stamped when read. True once a
 * frame from `from` reaches `to` with the time it came. The kernel stamps in
 * CLOCK_REALTIME; NTP may slew it against CLOCK_MONOTONIC by up to 500 ppm between the
 * stamp and the conversion (tens of us here): kStampSlackNs of slack.
 */
constexpr uint64_t kStampSlackNs = 1'000'000;
bool receive_stamps_work(Wire &from, Wire &to)
{
	const std::vector<uint8_t> probe = make_frame(0, 60);
	const FrameView pv = view(probe);
	return wait_until([&] {
		if (from.send(&pv, 1) != 1)
			return false;
		const uint64_t sent = monotonic_ns();
		std::this_thread::sleep_for(10ms);
		std::vector<uint64_t> at;
		return recv_test_frames(to, 1, kBigSlot, 1000ms, nullptr, &at).size() == 1 && at[0] != 0 &&
		       at[0] <= sent + kStampSlackNs;
	});
}

TEST_F(WireIface, FramesCarryWhenTheInterfaceReceivedThem)
{
	constexpr uint64_t kSlackNs = kStampSlackNs;
	ASSERT_TRUE(receive_stamps_work(*w0, *w1)) << "frames never came with the time they arrived";

	const std::vector<uint8_t> f1 = make_frame(1, 60), f2 = make_frame(2, 1514);
	const FrameView v1 = view(f1), v2 = view(f2);
	const uint64_t before = monotonic_ns();
	ASSERT_EQ(w0->send(&v1, 1), 1u);
	const uint64_t after_first = monotonic_ns();
	std::this_thread::sleep_for(20ms);
	ASSERT_EQ(w0->send(&v2, 1), 1u);
	const uint64_t after_second = monotonic_ns();
	std::this_thread::sleep_for(30ms); /* taken well after both arrived */
	std::vector<uint64_t> arrived;
	ASSERT_EQ(recv_test_frames(*w1, 2, kBigSlot, 2000ms, nullptr, &arrived).size(), 2u);
	ASSERT_EQ(arrived.size(), 2u);
	/* 1 ms of slack: far less than the 30 ms a stamp taken at recv() would be off. */
	EXPECT_GE(arrived[0] + kSlackNs, before);
	EXPECT_LE(arrived[0], after_first + kSlackNs) << "the first frame is stamped when it came, not when taken";
	EXPECT_GE(arrived[1] + kSlackNs, after_first + 20'000'000u) << "the second came after the sleep";
	EXPECT_LE(arrived[1], after_second + kSlackNs);
}

/*
 * Deferred (the chip's wire): frames sent one at a time, as the MAC sends
 * them, are taken at once, stay off the interface until flush(), then cross
 * in order, from copies (the caller's buffers may be reused at once).
 */
TEST_F(WireIface, DeferredFramesGoAtFlushInOrder)
{
	constexpr uint32_t kFrames = 150; /* more than one sendmmsg batch */
	w0->set_deferred(true);
	std::vector<std::vector<uint8_t>> f;
	for (uint32_t i = 0; i < kFrames; i++) {
		f.push_back(make_frame(i, len_for(i)));
		std::vector<uint8_t> scratch = f.back();
		FrameView v = view(scratch);
		ASSERT_EQ(w0->send(&v, 1), 1u) << "frame " << i;
		std::fill(scratch.begin(), scratch.end(), uint8_t{0xEE}); /* the wire kept its own copy */
	}
	EXPECT_FALSE(w0->tx_busy());
	/* A full staging batch may already have gone; the last frames wait for flush(). */
	const auto early = recv_test_frames(*w1, kFrames, kBigSlot, 200ms);
	EXPECT_LT(early.size(), kFrames) << "deferred frames went before flush()";
	w0->flush();
	auto late = recv_test_frames(*w1, kFrames - early.size());
	std::vector<std::vector<uint8_t>> got = early;
	got.insert(got.end(), late.begin(), late.end());
	ASSERT_EQ(got.size(), kFrames);
	for (uint32_t i = 0; i < kFrames; i++)
		EXPECT_EQ(got[i], f[i]) << "frame " << i;
	EXPECT_EQ(w0->stats().tx_frames, kFrames);
	EXPECT_EQ(w0->stats().tx_full, 0u);

	/* Deferral off: what is staged goes, later frames go at once. */
	auto g = make_frame(kFrames, kMinFrame);
	FrameView v = view(g);
	ASSERT_EQ(w0->send(&v, 1), 1u);
	w0->set_deferred(false);
	auto h = make_frame(kFrames + 1, kMinFrame);
	v = view(h);
	ASSERT_EQ(w0->send(&v, 1), 1u);
	got = recv_test_frames(*w1, 2);
	ASSERT_EQ(got.size(), 2u);
	EXPECT_EQ(got[0], g);
	EXPECT_EQ(got[1], h);
}

/* A deferred frame the interface cannot take at flush() is lost and counted, not kept forever. */
TEST_F(WireIface, DeferredFrameOnADownInterfaceIsDroppedAndCounted)
{
	w0->set_deferred(true);
	auto f = make_frame(9, kMinFrame);
	FrameView v = view(f);
	ASSERT_EQ(w0->send(&v, 1), 1u);
	ASSERT_TRUE(run("ip link set " + veth->a + " down"));
	w0->flush();
	EXPECT_EQ(w0->stats().tx_dropped, 1u);
	EXPECT_FALSE(w0->tx_busy()) << "a lost frame is no backlog";
	ASSERT_TRUE(run("ip link set " + veth->a + " up"));
	EXPECT_EQ(recv_test_frames(*w1, 1, kBigSlot, 200ms).size(), 0u);
}

/* Frames anybody else sends out of the interface are not the medium's to receive. */
TEST_F(WireIface, OutgoingFramesOfOthersAreIgnored)
{
	auto other = make_iface_wire(veth->a); /* another sender on the same interface */
	auto f = make_frame(42, kMinFrame);
	FrameView v = view(f);
	ASSERT_EQ(other->send(&v, 1), 1u);
	auto got = recv_test_frames(*w1, 1);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(got[0], f);
	EXPECT_EQ(recv_test_frames(*w0, 1, kBigSlot, 200ms).size(), 0u) << "saw a PACKET_OUTGOING frame";
}

TEST_F(WireIface, VlanTagIsPutBackWhereItWas)
{
	constexpr uint16_t kTci = 0x2123; /* PCP 1, VID 0x123 */
	std::vector<uint8_t> f = make_frame(5, 100);
	const uint8_t tag[] = {kVlanTpid >> 8, kVlanTpid & 0xFF, kTci >> 8, kTci & 0xFF};
	f.insert(f.begin() + 12, std::begin(tag), std::end(tag));
	FrameView v = view(f);
	ASSERT_EQ(w0->send(&v, 1), 1u);
	auto got = recv_test_frames(*w1, 1);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(got[0], f);
}

/* A PAUSE frame from the 802.3 Annex 31B layout: to 01:80:C2:00:00:01, MAC control, opcode 1. */
std::vector<uint8_t> pause_frame(uint16_t quanta)
{
	std::vector<uint8_t> f(kMinFrame, 0);
	const uint8_t hdr[] = {0x01, 0x80, 0xC2, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x07,
			       0x88, 0x08, 0x00, 0x01, static_cast<uint8_t>(quanta >> 8), static_cast<uint8_t>(quanta)};
	std::memcpy(f.data(), hdr, sizeof(hdr));
	return f;
}

/*
 * The link partner's MAC honours PAUSE: the model's XOFF is not passed to the
 * kernel (no station sees MAC control frames) and holds what the partner
 * sends for pause_time x 512 ns (0xFFFF: 33.5 ms); an XON lets it go at once.
 */
TEST_F(WireIface, PauseHoldsThePartnerAndNeverReachesTheKernel)
{
	using Clock = std::chrono::steady_clock;
	const uint64_t w1_frames = w1->stats().rx_frames;
	const auto xoff = pause_frame(0xFFFF), xon = pause_frame(0);
	FrameView v = view(xoff);
	ASSERT_EQ(w0->send(&v, 1), 1u) << "taken by the partner's MAC";
	const auto paused_at = Clock::now();
	const auto f = make_frame(1, 100);
	FrameView fv = view(f);
	ASSERT_EQ(w1->send(&fv, 1), 1u);
	const auto early = recv_test_frames(*w0, 1, kBigSlot, 10ms);
	if (Clock::now() - paused_at < 30ms) { /* a check that ran later than the pause proves nothing */
		EXPECT_EQ(early.size(), 0u) << "the partner sent while paused";
	}
	v = view(xon);
	ASSERT_EQ(w0->send(&v, 1), 1u);
	const auto got = recv_test_frames(*w0, 1, kBigSlot, 20ms);
	if (early.empty()) {
		ASSERT_EQ(got.size(), 1u) << "XON released the partner";
		EXPECT_EQ(got[0], f);
	}
	EXPECT_EQ(recv_test_frames(*w1, 1, kBigSlot, 100ms).size(), 0u);
	EXPECT_EQ(w1->stats().rx_frames, w1_frames) << "a PAUSE frame reached the kernel's side";
	EXPECT_EQ(w0->stats().tx_frames, 0u) << "PAUSE frames are not sent to the kernel";
}

/*
 * What the partner held while paused goes on the line when the pause ends (XON,
 * or pause_time run out), not when the kernel queued it: a paced receiver must
 * not take the pause for line time it may catch up on.
 */
TEST_F(WireIface, FramesHeldByAPauseArriveWhenItEnds)
{
	ASSERT_TRUE(receive_stamps_work(*w1, *w0)) << "frames never came with the time they arrived";
	constexpr uint16_t kShortPause = 0x2000; /* 4.2 ms */
	constexpr uint64_t kShortPauseNs = uint64_t{kShortPause} * 512;
	for (const bool by_xon : {true, false}) {
		SCOPED_TRACE(by_xon ? "ended by XON" : "ended by its time");
		const auto xoff = pause_frame(by_xon ? 0xFFFF : kShortPause), xon = pause_frame(0);
		FrameView v = view(xoff);
		const uint64_t paused_at = monotonic_ns();
		ASSERT_EQ(w0->send(&v, 1), 1u);
		const auto f = make_frame(3, 100);
		FrameView fv = view(f);
		ASSERT_EQ(w1->send(&fv, 1), 1u); /* queued by the kernel at once */
		std::this_thread::sleep_for(10ms);
		uint64_t ended = paused_at + kShortPauseNs;
		if (by_xon) {
			ended = monotonic_ns();
			v = view(xon);
			ASSERT_EQ(w0->send(&v, 1), 1u);
		}
		std::vector<uint64_t> arrived;
		ASSERT_EQ(recv_test_frames(*w0, 1, kBigSlot, 2000ms, nullptr, &arrived).size(), 1u);
		EXPECT_GE(arrived[0] + kStampSlackNs, ended) << "stamped when the kernel queued it, inside the pause";
		EXPECT_LE(arrived[0], monotonic_ns());
	}
}

TEST_F(WireIface, LongFrameIsTruncatedToTheSlotAndFlagged)
{
	auto f = make_frame(7, 1000);
	FrameView v = view(f);
	ASSERT_EQ(w0->send(&v, 1), 1u);
	std::vector<bool> trunc;
	auto got = recv_test_frames(*w1, 1, 100, 2000ms, &trunc);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(got[0].size(), 100u);
	EXPECT_TRUE(trunc[0]);
	EXPECT_TRUE(std::equal(got[0].begin(), got[0].end(), f.begin()));
	EXPECT_GE(w1->stats().rx_truncated, 1u);
}

TEST_F(WireIface, FrameOverMtuIsDroppedAndCounted)
{
	auto f = make_frame(8, 2000); /* MTU 1500: at most 1514 (1518 tagged) */
	FrameView v = view(f);
	EXPECT_EQ(w0->send(&v, 1), 1u);
	EXPECT_EQ(w0->stats().tx_dropped, 1u);
	EXPECT_EQ(recv_test_frames(*w1, 1, kBigSlot, 200ms).size(), 0u);
}

TEST_F(WireIface, CarrierFollowsTheLink)
{
	ASSERT_TRUE(run("ip link set " + veth->b + " down"));
	EXPECT_TRUE(wait_until([&] { return !w0->carrier() && !w1->carrier(); }))
		<< "carrier stayed up with the peer down";
	ASSERT_TRUE(run("ip link set " + veth->b + " up"));
	EXPECT_TRUE(wait_until([&] { return w0->carrier() && w1->carrier(); })) << "carrier did not come back";
}

} // namespace

} // namespace tg57xx::sim::test
