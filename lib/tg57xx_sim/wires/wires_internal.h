/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by the wire implementations and the spec parser.
 */
#ifndef TG57XX_SIM_WIRES_INTERNAL_H
#define TG57XX_SIM_WIRES_INTERNAL_H

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace tg57xx::sim {

/*
 * A name the kernel accepts for a network interface (net/core/dev.c
 * dev_valid_name): 1..IFNAMSIZ-1 characters, not "." or "..", no '/', ':' or
 * whitespace.
 */
bool valid_ifname(std::string_view name);

/*
 * A frame taken from a host-side medium (AF_PACKET, a capture) may be shorter
 * than any frame a physical Ethernet can carry: the kernel hands over a 42-byte
 * ARP request unpadded. On a real cable the sending NIC pads it to the
 * 64-byte minimum (60 bytes + FCS, IEEE 802.3 4.2.3.3), so the wire pads it
 * with zeros before the MAC sees it (which would otherwise count a runt).
 */
inline constexpr uint32_t kMinFrameNoFcs = 60;
inline uint32_t pad_runt(uint8_t *data, uint32_t len, uint32_t cap)
{
	uint32_t want = std::min(kMinFrameNoFcs, cap);
	if (len < want) {
		std::fill(data + len, data + want, uint8_t{0});
		return want;
	}
	return len;
}

} // namespace tg57xx::sim

#endif
