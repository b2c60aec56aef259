/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tg57xx telemetry commands, the way usertools/tg57xx-diag reaches a running
 * primary (DPDK telemetry socket, dpdk_telemetry.v2):
 *
 *   /tg57xx/regs,PORT[,OFFSET]   the register dump (get_reg): chip id, size,
 *                                and the non-zero words from OFFSET as
 *                                (offset << 32 | value), at most
 *                                kRegsPerReply of them; "next" says where to
 *                                continue when more remain
 *   /tg57xx/phy,PORT             the MII registers of hw::kMiiDumpRegs, PHY
 *                                address and id, the resolved link and pause
 *   /tg57xx/eeprom,PORT,OFFSET   NVRAM size and kEepromPerReply bytes from
 *                                OFFSET (get_eeprom), as hex strings
 *
 * Names and fields are not sent: the tool decodes against the register map
 * exported at build time (buildtools/gen-regmap-json.py).
 */
#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <rte_telemetry.h>

#include "tg57xx_diag.h"
#include "tg57xx_ethdev.h"
#include "tg57xx_mii.h"

namespace tg57xx::pmd {

namespace {

/* Telemetry output is at most 16 KiB: u64s print up to 20 digits. */
constexpr unsigned kRegsPerReply = 400;
constexpr unsigned kEepromBytesPerString = 32;  /* 64 hex digits < RTE_TEL_MAX_STRING_LEN */
constexpr unsigned kEepromStringsPerReply = 64; /* 2 KiB a reply */
constexpr unsigned kEepromPerReply = kEepromBytesPerString * kEepromStringsPerReply;
constexpr unsigned kOffsetShift = 32;
constexpr unsigned kHexDigitsPerByte = 2;
constexpr size_t kMiiKeyLen = 8; /* "0".."31" */
constexpr int kBase = 0; /* strtoul: decimal or 0x hex */

/* "PORT[,A[,B]]" -> numbers; false on junk. */
bool parse(const char *params, unsigned long *out, unsigned min, unsigned max)
{
	if (params == nullptr)
		return min == 0;
	const char *p = params;
	unsigned n = 0;
	while (*p != '\0') {
		if (n == max)
			return false;
		char *end = nullptr;
		errno = 0;
		out[n++] = std::strtoul(p, &end, kBase);
		if (end == p || errno != 0 || (*end != ',' && *end != '\0'))
			return false;
		p = *end == ',' ? end + 1 : end;
	}
	return n >= min;
}

/* Our port? (Another driver's dump means nothing to the tool.) */
bool is_tg57xx_port(unsigned long port)
{
	rte_eth_dev_info info{};
	return port < RTE_MAX_ETHPORTS && rte_eth_dev_is_valid_port(static_cast<uint16_t>(port)) &&
	       rte_eth_dev_info_get(static_cast<uint16_t>(port), &info) == 0 && info.driver_name != nullptr &&
	       std::strncmp(info.driver_name, "net_tg57xx", std::strlen("net_tg57xx")) == 0;
}

int tel_regs(const char *, const char *params, rte_tel_data *d) noexcept
{
	unsigned long a[2] = {0, 0};
	if (!parse(params, a, 1, 2) || !is_tg57xx_port(a[0]))
		return -EINVAL;
	const auto port = static_cast<uint16_t>(a[0]);
	rte_dev_reg_info info{};
	std::vector<uint32_t> words;
	try {
		words.resize(kRegDumpWords);
	} catch (...) {
		return -ENOMEM;
	}
	info.data = words.data();
	int ret = rte_eth_dev_get_reg_info(port, &info);
	if (ret != 0)
		return ret;
	rte_tel_data *regs = rte_tel_data_alloc();
	if (regs == nullptr)
		return -ENOMEM;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "port", port);
	rte_tel_data_add_dict_u64(d, "chip_id", info.version);
	rte_tel_data_add_dict_u64(d, "width", info.width);
	rte_tel_data_add_dict_u64(d, "length", info.length);
	rte_tel_data_start_array(regs, RTE_TEL_U64_VAL);
	unsigned n = 0;
	uint32_t w = static_cast<uint32_t>(a[1] / kRegDumpWidth);
	for (; w < info.length; w++) {
		if (words[w] == 0)
			continue;
		if (n == kRegsPerReply) {
			rte_tel_data_add_dict_u64(d, "next", uint64_t{w} * kRegDumpWidth);
			break;
		}
		rte_tel_data_add_array_u64(regs, (uint64_t{w} * kRegDumpWidth) << kOffsetShift | words[w]);
		n++;
	}
	rte_tel_data_add_dict_container(d, "regs", regs, 0);
	return 0;
}

int tel_phy(const char *, const char *params, rte_tel_data *d) noexcept
{
	unsigned long a[1] = {0};
	if (!parse(params, a, 1, 1) || !is_tg57xx_port(a[0]))
		return -EINVAL;
	const auto port = static_cast<uint16_t>(a[0]);
	Adapter *ad = adapter_of(&rte_eth_devices[port]);
	rte_tel_data *regs = rte_tel_data_alloc();
	if (regs == nullptr)
		return -ENOMEM;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "port", port);
	rte_tel_data_add_dict_u64(d, "phy_addr", ad->hw.phy_addr);
	rte_tel_data_add_dict_u64(d, "phy_id", ad->hw.phy_id);
	rte_tel_data_start_dict(regs);
	for (uint16_t r : hw::kMiiDumpRegs) {
		uint16_t v = 0;
		char key[kMiiKeyLen];
		std::snprintf(key, sizeof(key), "%u", r);
		if (phy_read(ad->hw, r, &v) == 0)
			rte_tel_data_add_dict_u64(regs, key, v);
	}
	rte_tel_data_add_dict_container(d, "mii", regs, 0);
	rte_eth_link l{};
	if (rte_eth_link_get_nowait(port, &l) == 0) {
		rte_tel_data_add_dict_string(d, "link", l.link_status ? "up" : "down");
		rte_tel_data_add_dict_u64(d, "speed", l.link_status ? l.link_speed : 0);
		rte_tel_data_add_dict_string(d, "duplex", l.link_duplex ? "full" : "half");
		rte_tel_data_add_dict_string(d, "autoneg", l.link_autoneg ? "on" : "off");
	}
	rte_eth_fc_conf fc{};
	if (rte_eth_dev_flow_ctrl_get(port, &fc) == 0) {
		const bool rx = fc.mode == RTE_ETH_FC_FULL || fc.mode == RTE_ETH_FC_RX_PAUSE;
		const bool tx = fc.mode == RTE_ETH_FC_FULL || fc.mode == RTE_ETH_FC_TX_PAUSE;
		rte_tel_data_add_dict_string(d, "rx_pause", rx ? "on" : "off");
		rte_tel_data_add_dict_string(d, "tx_pause", tx ? "on" : "off");
	}
	return 0;
}

int tel_eeprom(const char *, const char *params, rte_tel_data *d) noexcept
{
	unsigned long a[2] = {0, 0};
	if (!parse(params, a, 2, 2) || !is_tg57xx_port(a[0]))
		return -EINVAL;
	const auto port = static_cast<uint16_t>(a[0]);
	const int size = rte_eth_dev_get_eeprom_length(port);
	if (size <= 0)
		return size < 0 ? size : -ENOTSUP;
	if (a[1] >= static_cast<unsigned long>(size))
		return -EINVAL;
	uint8_t buf[kEepromPerReply];
	rte_dev_eeprom_info info{};
	info.data = buf;
	info.offset = static_cast<uint32_t>(a[1]);
	info.length = static_cast<uint32_t>(std::min<unsigned long>(kEepromPerReply, size - a[1]));
	int ret = rte_eth_dev_get_eeprom(port, &info);
	if (ret != 0)
		return ret;
	rte_tel_data *data = rte_tel_data_alloc();
	if (data == nullptr)
		return -ENOMEM;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "port", port);
	rte_tel_data_add_dict_u64(d, "size", static_cast<uint64_t>(size));
	rte_tel_data_add_dict_u64(d, "offset", info.offset);
	rte_tel_data_start_array(data, RTE_TEL_STRING_VAL);
	for (uint32_t at = 0; at < info.length; at += kEepromBytesPerString) {
		char hex[kHexDigitsPerByte * kEepromBytesPerString + 1] = {};
		for (uint32_t i = 0; i < kEepromBytesPerString && at + i < info.length; i++)
			std::snprintf(hex + kHexDigitsPerByte * i, kHexDigitsPerByte + 1, "%02x", buf[at + i]);
		rte_tel_data_add_array_string(data, hex);
	}
	rte_tel_data_add_dict_container(d, "data", data, 0);
	return 0;
}

} // namespace

} // namespace tg57xx::pmd

RTE_INIT(tg57xx_telemetry_init)
{
	using namespace tg57xx::pmd;
	rte_telemetry_register_cmd("/tg57xx/regs", tel_regs,
				   "Register dump of a tg57xx port. Parameters: int port_id[,int byte_offset]");
	rte_telemetry_register_cmd("/tg57xx/phy", tel_phy,
				   "MII registers and link of a tg57xx port. Parameters: int port_id");
	rte_telemetry_register_cmd("/tg57xx/eeprom", tel_eeprom,
				   "NVRAM bytes of a tg57xx port. Parameters: int port_id,int byte_offset");
}
