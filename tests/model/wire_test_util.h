/* SPDX-License-Identifier: BSD-3-Clause */
/* Frames, receive slots and temp dirs for the wire tests (test_wires*.cpp). */
#ifndef TG57XX_TESTS_MODEL_WIRE_TEST_UTIL_H
#define TG57XX_TESTS_MODEL_WIRE_TEST_UTIL_H

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim::test {

inline constexpr uint16_t kTestEthertype = 0x88B5; /* IEEE 802 local experimental */
inline constexpr uint16_t kVlanTpid = 0x8100;      /* IEEE 802.1Q C-tag */
inline constexpr size_t kEthHdr = 14;
inline constexpr size_t kSeqOffset = kEthHdr;
inline constexpr uint32_t kMinFrame = 60;  /* minimum Ethernet frame without FCS */
inline constexpr uint32_t kFullFrame = 1514;
inline constexpr uint32_t kJumboFrame = 9018;
inline constexpr uint32_t kBigSlot = 16384;

static_assert(wire_ring_record_bytes(0) == 8);
static_assert(wire_ring_record_bytes(kMinFrame) == 64);
static_assert(wire_ring_record_bytes(kFullFrame) == 1520);
static_assert(wire_ring_record_bytes(kJumboFrame) == 9024);

/* A recognisable frame: broadcast dst, fixed src, test ethertype, 32-bit sequence, pattern. */
inline std::vector<uint8_t> make_frame(uint32_t seq, uint32_t len, uint16_t ethertype = kTestEthertype)
{
	std::vector<uint8_t> f(len);
	for (uint32_t i = 0; i < len; i++)
		f[i] = static_cast<uint8_t>(seq * 7 + i * 13 + 1);
	const uint8_t hdr[kEthHdr] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
				      static_cast<uint8_t>(ethertype >> 8), static_cast<uint8_t>(ethertype)};
	std::memcpy(f.data(), hdr, std::min<size_t>(len, kEthHdr));
	if (len >= kSeqOffset + sizeof(seq))
		std::memcpy(&f[kSeqOffset], &seq, sizeof(seq));
	return f;
}

inline FrameView view(const std::vector<uint8_t> &f)
{
	return FrameView{f.data(), static_cast<uint32_t>(f.size())};
}

/* Receive buffers with slots pointing into them. */
struct Slots {
	Slots(size_t n, uint32_t cap) : buf(n * cap), slots(n)
	{
		for (size_t i = 0; i < n; i++)
			slots[i] = FrameSlot{&buf[i * cap], cap, 0, false};
	}
	std::vector<uint8_t> bytes(size_t i) const
	{
		return std::vector<uint8_t>(slots[i].data, slots[i].data + slots[i].len);
	}
	std::vector<uint8_t> buf;
	std::vector<FrameSlot> slots;
};

/* Frame length for sequence number seq in the bulk tests: covers 60..1514 and odd sizes. */
inline uint32_t len_for(uint32_t seq)
{
	constexpr uint32_t kStride = 37;
	return kMinFrame + (seq * kStride) % (kFullFrame - kMinFrame + 1);
}

/* A unique temporary directory, removed with everything in it. */
struct TempDir {
	TempDir()
	{
		char tmpl[] = "/tmp/tg57xx-wires-XXXXXX";
		if (!mkdtemp(tmpl))
			throw std::system_error(errno, std::generic_category(), "mkdtemp");
		path = tmpl;
	}
	~TempDir()
	{
		std::error_code ec;
		std::filesystem::remove_all(path, ec);
	}
	std::string file(const char *name) const { return path + "/" + name; }
	std::string path;
};

inline std::vector<uint8_t> read_file(const std::string &p)
{
	std::ifstream in(p, std::ios::binary);
	return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

} // namespace tg57xx::sim::test

#endif
