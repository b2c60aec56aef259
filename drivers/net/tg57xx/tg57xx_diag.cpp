/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Diagnostics ops: the register dump (ethtool -d, tg3_get_regs), NVRAM reads
 * (ethtool -e, tg3_get_eeprom through tg3_nvram_read, ref §5.12) and the
 * identification LEDs (ethtool -p, tg3_set_phys_id, ref §5.1 MAC_LED_CTRL).
 */
#include "tg57xx_diag.h"

#include <algorithm>
#include <bitset>
#include <cerrno>
#include <cstring>

#include "tg57xx_ethdev.h"
#include "tg57xx_logs.h"
#include "tg57xx_regs.h"

namespace tg57xx::pmd {

namespace {

constexpr uint32_t kDwordBytes = sizeof(uint32_t);
constexpr uint32_t kDwordMask = kDwordBytes - 1;
constexpr unsigned kBitsPerByte = 8;
constexpr uint32_t kByteMask = 0xFF;

/*
 * Which words of the 32 KiB the dump reads: those a register of the map
 * covers (single or array instance), except counters a read clears (they
 * belong to the statistics; the dump shows 0 there). Holes read as 0, as in
 * tg3_dump_legacy_regs, which reads known ranges only.
 */
const std::bitset<kRegDumpWords> &dump_map()
{
	static const std::bitset<kRegDumpWords> map = [] {
		std::bitset<kRegDumpWords> m;
		for (uint32_t w = 0; w < kRegDumpWords; w++) {
			const uint32_t off = w * kRegDumpWidth;
			m[w] = hw::lookup_reg(off).name != nullptr && !hw::reg_read_clears(off);
		}
		return m;
	}();
	return map;
}

/* tg3_set_phys_id: ETHTOOL_ID_ON forces every LED on with the traffic LED blinking,
 * ETHTOOL_ID_OFF forces them all off; dev_start writes LED_CTRL_MODE_PHY_1 back. */
constexpr uint32_t kLedsOn = hw::LED_CTRL_LNKLED_OVERRIDE | hw::LED_CTRL_1000MBPS_ON | hw::LED_CTRL_100MBPS_ON |
			     hw::LED_CTRL_10MBPS_ON | hw::LED_CTRL_TRAFFIC_OVERRIDE | hw::LED_CTRL_TRAFFIC_BLINK |
			     hw::LED_CTRL_TRAFFIC_LED;
constexpr uint32_t kLedsOff = hw::LED_CTRL_LNKLED_OVERRIDE | hw::LED_CTRL_TRAFFIC_OVERRIDE;

} // namespace

bool reg_dump_reads(uint32_t off)
{
	return off % kRegDumpWidth == 0 && off / kRegDumpWidth < kRegDumpWords && dump_map()[off / kRegDumpWidth];
}

/*
 * rte_dev_reg_info: data == NULL asks for the size (length in words, width
 * 4) and the version; otherwise length == 0 dumps all of it, or a window of
 * `length` words from byte `offset`. version is the chip id
 * (TG3PCI_MISC_HOST_CTRL / PRODID_ASICREV, ref §1.2, e.g. 0x05720000), so a
 * tool decodes a saved dump against the right chip.
 */
int tg57xx_get_reg(rte_eth_dev *dev, rte_dev_reg_info *regs) noexcept
{
	Adapter *a = adapter_of(dev);
	regs->width = kRegDumpWidth;
	regs->version = a->hw.chip.chip_rev_id;
	if (regs->data == nullptr) {
		regs->offset = 0;
		regs->length = kRegDumpWords;
		return 0;
	}
	if (regs->length == 0) {
		regs->offset = 0;
		regs->length = kRegDumpWords;
	}
	if ((regs->offset & kDwordMask) != 0 || regs->offset / kRegDumpWidth >= kRegDumpWords ||
	    regs->length > kRegDumpWords - regs->offset / kRegDumpWidth) {
		PMD_DRV_LOG(ERR, "%s: register window of %u words at 0x%x is outside the %u-byte dump", a->name,
			    regs->length, regs->offset, hw::TG3_REG_BLK_SIZE);
		return -EINVAL;
	}
	auto *out = static_cast<uint32_t *>(regs->data);
	for (uint32_t i = 0; i < regs->length; i++) {
		const uint32_t off = regs->offset + i * kRegDumpWidth;
		out[i] = reg_dump_reads(off) ? rd32(a->hw, off) : 0;
	}
	return 0;
}

/* tg3_get_nvram_size: a tg3-format image says its size at 0xF0 (KiB, low half
 * byte-swapped); without one tg3 assumes 512 KiB. */
uint32_t nvram_size(Hw &h)
{
	if (h.nvram_bytes != 0)
		return h.nvram_bytes;
	uint32_t magic = 0, val = 0;
	uint32_t bytes = hw::TG3_NVRAM_SIZE_512KB;
	if (nvram_read_be(h, 0, &magic) == 0 && magic == hw::TG3_EEPROM_MAGIC &&
	    nvram_read_be(h, hw::TG3_NVRAM_SIZE_OFF, &val) == 0 && val != 0) {
		const uint32_t kib = ((val & kByteMask) << kBitsPerByte) | ((val >> kBitsPerByte) & kByteMask);
		bytes = std::min<uint64_t>(static_cast<uint64_t>(kib) * hw::TG3_NVRAM_SIZE_UNIT,
					   uint64_t{hw::NVRAM_ADDR_MSK} + 1);
	}
	if (bytes == 0)
		bytes = hw::TG3_NVRAM_SIZE_512KB;
	h.nvram_bytes = bytes;
	return bytes;
}

int tg57xx_get_eeprom_length(rte_eth_dev *dev) noexcept
{
	return static_cast<int>(nvram_size(adapter_of(dev)->hw));
}

/* tg3_get_eeprom: dword reads (each under the NVRAM software arbitration,
 * ref §5.12), bytes in image order; magic TG3_EEPROM_MAGIC. */
int tg57xx_get_eeprom(rte_eth_dev *dev, rte_dev_eeprom_info *info) noexcept
{
	Adapter *a = adapter_of(dev);
	const uint32_t size = nvram_size(a->hw);
	if (info->data == nullptr || info->length == 0 || info->offset >= size || info->length > size - info->offset) {
		PMD_DRV_LOG(ERR, "%s: NVRAM read of %u bytes at 0x%x is outside the %u-byte NVRAM", a->name,
			    info->length, info->offset, size);
		return -EINVAL;
	}
	info->magic = hw::TG3_EEPROM_MAGIC;
	auto *out = static_cast<uint8_t *>(info->data);
	const uint32_t end = info->offset + info->length;
	for (uint32_t addr = info->offset & ~kDwordMask; addr < end; addr += kDwordBytes) {
		uint32_t be = 0;
		int ret = nvram_read_be(a->hw, addr, &be);
		if (ret != 0) {
			PMD_DRV_LOG(ERR, "%s: NVRAM read at 0x%x failed (%d)", a->name, addr, ret);
			return ret;
		}
		for (uint32_t b = 0; b < kDwordBytes; b++) {
			const uint32_t at = addr + b;
			if (at >= info->offset && at < end)
				out[at - info->offset] =
					static_cast<uint8_t>(be >> (kBitsPerByte * (kDwordBytes - 1 - b)));
		}
	}
	return 0;
}

int tg57xx_dev_led_on(rte_eth_dev *dev) noexcept
{
	wr32(adapter_of(dev)->hw, hw::MAC_LED_CTRL, kLedsOn);
	return 0;
}

int tg57xx_dev_led_off(rte_eth_dev *dev) noexcept
{
	wr32(adapter_of(dev)->hw, hw::MAC_LED_CTRL, kLedsOff);
	return 0;
}

} // namespace tg57xx::pmd
