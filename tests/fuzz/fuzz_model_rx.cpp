/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target (c), model side: frames from the wire - any length (runts,
 * giants past the MTU and past a jumbo buffer), bad checksums, VLAN stacks,
 * truncated headers - into a brought-up chip, its receive engine, checksum
 * and VLAN offloads and RSS, with a driver taking every return BD. Every
 * return BD is checked before a driver would trust it (FuzzModel::consume_rx:
 * a posted buffer, a length within it) and no DMA may leave the mapped
 * buffers (FuzzArena's guards).
 *
 * Input: byte 0 = setup
 *   bit 0: 5720   bit 1: jumbo ring   bit 2: KEEP_VLAN_TAG   bit 3: PROMISC
 *   bit 4: ACCEPT_OVERSIZED   bit 5: ACCEPT_RUNTS   bit 6: RSS   bit 7: jumbo MTU
 * then frames: u16 length, then that many bytes (a short input is padded
 * with a pattern, so long frames need not be spelt out).
 */
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_input.h"
#include "fuzz_model.h"
#include "tg57xx_regs.h"

using tg57xx::fuzz::FuzzModel;
using tg57xx::fuzz::Input;
namespace hw = tg57xx::hw;

namespace {
constexpr uint32_t kStdMtu = 1500 + 22;   /* MAC_RX_MTU_SIZE = MTU + 22 (§5.1) */
constexpr uint32_t kJumboMtu = 9000 + 22;
constexpr uint32_t kMaxFrame = 16384;     /* past every buffer and MTU */
constexpr unsigned kConsumeEvery = 8;     /* frames between driver passes (the ring fills otherwise) */
constexpr uint64_t kSettleNs = 1'000'000;
constexpr size_t kMaxFrames = 512;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input in(data, size);
	const uint8_t setup = in.u8();
	tg57xx::fuzz::ModelSetup s = tg57xx::fuzz::model_setup(setup);
	s.rx_mtu = (setup & 0x80) ? kJumboMtu : kStdMtu;
	s.rx_mode_extra = ((setup & 4) ? hw::RX_MODE_KEEP_VLAN_TAG : 0) | ((setup & 8) ? hw::RX_MODE_PROMISC : 0) |
			  ((setup & 0x10) ? hw::RX_MODE_ACCEPT_OVERSIZED : 0) |
			  ((setup & 0x20) ? hw::RX_MODE_ACCEPT_RUNTS : 0) | ((setup & 0x40) ? hw::TG3_RX_MODE_RSS_BITS : 0);
	FuzzModel m(s);
	if (!m.bring_up())
		return 0;
	std::vector<uint8_t> frame;
	for (size_t k = 0; !in.empty() && k < kMaxFrames; k++) {
		const uint32_t len = in.u16() % kMaxFrame;
		frame.resize(len);
		const size_t got = in.bytes(frame.data(), len);
		for (size_t i = got; i < len; i++)
			frame[i] = static_cast<uint8_t>(i);
		m.wire().rx.push_back(frame);
		m.dev().step();
		if (k % kConsumeEvery == kConsumeEvery - 1)
			m.consume_rx();
	}
	m.dev().advance(kSettleNs);
	m.consume_rx();
	m.report("model_rx");
	return 0;
}
