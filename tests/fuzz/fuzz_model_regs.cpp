/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target (a): the model's register write path and its BD/descriptor
 * parsing. A brought-up chip (or a raw powered-on one) takes a program of
 * random register and config writes, mailbox doorbells, and random bytes or
 * addresses stored into its rings and status block, with virtual time
 * advancing in between. It must never crash, hang, or DMA outside the host
 * memory it was given (FuzzArena's guards).
 *
 * A register operand with bit 15 clear is an index into the register map
 * (hw::kRegisterNames, so most writes reach real registers); with bit 15
 * set, bits 13:0 are a dword index anywhere in BAR0.
 *
 * Input: byte 0 = setup (bit 0: 5720, bit 1: jumbo ring, bit 2: skip the
 * bring-up); then operations, each an opcode byte and its operands:
 *   0 reg write   u16 register, u32 value    (BAR0, §2)
 *   1 reg read    u16 register               (clear-on-read side effects)
 *   2 doorbell    u8 mailbox word, u32 value (mailbox page, §4.1)
 *   3 host bytes  u8 area, u16 offset, u8 n, n bytes
 *   4 host addr   u8 area, u16 offset, u8 target area, u32 target offset:
 *                 stores an IOVA inside (or just past) a mapped area, so BDs
 *                 point at real memory more often than chance would
 *   5 advance     u16 microseconds
 *   6 cfg write   u16 offset, u32 value      (PCI config space, §3)
 *   7 frame       u16 length, u8 seed        (arrives from the wire; to the
 *                 station address when the seed is even, pattern bytes after)
 */
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

#include "fuzz_input.h"
#include "fuzz_model.h"
#include "tg57xx_regs.h"

using tg57xx::fuzz::FuzzModel;
using tg57xx::fuzz::Input;

namespace {
constexpr unsigned kOps = 8;
constexpr uint8_t kSetupRaw = 0x04;
constexpr uint32_t kBar0Mask = 0xFFFC;   /* 64 KiB BAR0, dword accesses */
constexpr uint32_t kCfgMask = 0xFFC;     /* 4 KiB config space */
constexpr uint64_t kUs = 1000;
constexpr uint32_t kMaxFrame = 9022 + 64; /* a jumbo frame and then some */
constexpr uint64_t kSettleNs = 1'000'000; /* let every timer fire once more at the end */
constexpr size_t kMaxOps = 4096;          /* bounds the time of one input */
const tg57xx::sim::MacAddress kStation = tg57xx::fuzz::FuzzModel::kMac;
constexpr uint16_t kRawOffset = 0x8000;

uint32_t reg_offset(uint16_t v)
{
	namespace hw = tg57xx::hw;
	if (v & kRawOffset)
		return (uint32_t{v} << 2) & kBar0Mask;
	return hw::kRegisterNames[v % std::size(hw::kRegisterNames)].off & kBar0Mask;
}

void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = static_cast<uint8_t>(v >> (8 * i));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	const uint8_t setup = in.u8();
	FuzzModel m(tg57xx::fuzz::model_setup(setup));
	if (!(setup & kSetupRaw) && !m.bring_up())
		return 0; /* covered by the model tests; nothing to fuzz on a chip that did not boot */
	auto &dev = m.dev();
	const auto &areas = m.areas();
	std::vector<uint8_t> frame;
	for (size_t ops = 0; !in.empty() && ops < kMaxOps; ops++) {
		switch (in.u8() % kOps) {
		case 0: {
			const uint32_t off = reg_offset(in.u16());
			dev.bar0_write32(off, in.u32());
			break;
		}
		case 1:
			(void)dev.bar0_read32(reg_offset(in.u16()));
			break;
		case 2: {
			const uint32_t w = in.u8() % tg57xx::sim::Device::kMailboxPageWords;
			dev.mailbox_page()[w] = in.u32();
			dev.step();
			break;
		}
		case 3: {
			const auto &a = areas[in.u8() % areas.size()];
			const size_t off = in.u16() % a.len;
			uint8_t buf[255];
			const size_t n = in.bytes(buf, in.u8());
			const size_t k = n < a.len - off ? n : a.len - off;
			std::copy(buf, buf + k, m.arena().touch<uint8_t>(a.iova + off, k));
			break;
		}
		case 4: {
			const auto &a = areas[in.u8() % areas.size()];
			const size_t off = (in.u16() % a.len) & ~size_t{3};
			const auto &t = areas[in.u8() % areas.size()];
			const uint64_t iova = t.iova + in.u32() % (t.len + 64);
			if (a.len - off >= 8) {
				/* tg3 layout: high word first (§8.1, §8.2). */
				uint8_t *p = m.arena().touch<uint8_t>(a.iova + off, 8);
				put_le32(p, static_cast<uint32_t>(iova >> 32));
				put_le32(p + 4, static_cast<uint32_t>(iova));
			}
			break;
		}
		case 5:
			dev.advance(uint64_t{in.u16()} * kUs);
			break;
		case 6: {
			const uint32_t off = in.u16() & kCfgMask;
			dev.cfg_write32(off, in.u32());
			break;
		}
		case 7: {
			const uint32_t len = in.u16() % kMaxFrame;
			const uint8_t seed = in.u8();
			frame.resize(len);
			for (uint32_t i = 0; i < len; i++)
				frame[i] = static_cast<uint8_t>(seed + i * 7);
			if (!(seed & 1))
				std::copy(kStation.begin(), kStation.begin() + std::min<size_t>(len, kStation.size()),
					  frame.begin());
			m.wire().rx.push_back(frame);
			dev.step();
			break;
		}
		}
	}
	dev.advance(kSettleNs);
	m.report("model_regs");
	return 0;
}
