/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NVRAM interface (§5.12) and the NVRAM image the model boots from.
 *
 * Image layout (the model's own; the reference documents only the MAC
 * offsets, so everything else here is a documented convention a driver can
 * rely on). Multi-byte values are big-endian in the byte image, which is how
 * NVRAM_RDDATA presents them: RDDATA = b[a]<<24 | b[a+1]<<16 | b[a+2]<<8 | b[a+3]
 * (tg3 byte-swaps the register to big-endian for its parsers, §5.12).
 *
 *   0x0000  u32   kNvramMagic 0x669955AA (tg3.h TG3_EEPROM_MAGIC; not in the ref)
 *   0x0004  u32   boot code load address in NIC memory (kNvramBcLoadAddr)
 *   0x0008  u32   boot code length in dwords (the image header only: the
 *                 model's boot code is built in)
 *   0x000C  u32   boot code image offset in NVRAM (kNvramBcImage)
 *   Boot code image header at kNvramBcImage, in the layout tg3's
 *   tg3_read_bc_ver ("new" format) and FreeBSD read (not in the ref):
 *     +0x0  u32   0x0C000000 (kNvramBcHeader: top six bits 000011)
 *     +0x4  u32   0
 *     +0x8  u32   NIC address of the version string = load address +
 *                 (string offset - image offset)
 *     +0x10 char  boot code version, ASCII, NUL padded, kNvramBcVerBytes long
 *                 ("sim-bc v1.02"); its major/minor also go to NIC_SRAM_DATA_VER
 *   0x007C  MAC, function 0 (§5.12, BGE_EE_MAC_OFFSET): 00 00 m0 m1 | m2 m3 m4 m5,
 *                 i.e. the same packing as the SRAM MAC mailbox (§6.1) minus the signature
 *   0x00CC  MAC, odd functions on 5717_PLUS (TG3_NVRAM_MAC_OFFSET_ODD_FN);
 *                 functions > 1 add TG3_NVRAM_MAC_OFFSET_FN_GT1_ADD
 *   0x00F0  u32   NVRAM size: the bytes at 0xF2/0xF3 hold the size in KiB,
 *                 little-endian (tg3_get_nvram_size reads the dword at 0xF0
 *                 and byte-swaps its low half; not in the ref)
 *   0x0100  VPD in PCI VPD format (tg3.h TG3_NVM_VPD_OFF; not in the ref):
 *                 0x82 identifier string, 0x90 VPD-R with "PN" (part number,
 *                 e.g. "BCM57762-SIM") and "RV" (checksum), 0x78 end tag
 *   rest    0xFF (erased flash)
 */
#ifndef TG57XX_SIM_NVRAM_H
#define TG57XX_SIM_NVRAM_H

#include <cstdint>
#include <vector>

#include "block.h"
#include "clock.h"
#include "tg57xx_sim/device.h"

namespace tg57xx::sim {

inline constexpr uint32_t kNvramBytes = 64 * 1024; /* model choice */
inline constexpr uint32_t kNvramMagic = 0x669955AA;
inline constexpr uint32_t kNvramMagicOffset = 0x0000;
inline constexpr uint32_t kNvramBcLoadAddrOffset = 0x0004;
inline constexpr uint32_t kNvramBcLengthOffset = 0x0008;
inline constexpr uint32_t kNvramBcImageOffset = 0x000C;
inline constexpr uint32_t kNvramBcLoadAddr = 0x08003800; /* model choice, a NIC-memory address */
inline constexpr uint32_t kNvramBcImage = 0x0200;        /* after the VPD area */
inline constexpr uint32_t kNvramBcHeader = 0x0C000000;
inline constexpr uint32_t kNvramBcHeaderWords = 4;      /* header + version string */
inline constexpr uint32_t kNvramBcVerOffset = kNvramBcImage + 0x10;
inline constexpr uint32_t kNvramBcVerBytes = 16;
inline constexpr uint32_t kNvramVpdOffset = 0x0100;
inline constexpr uint32_t kNvramSizeOffset = 0x00F0;     /* tg3_get_nvram_size */
inline constexpr uint32_t kNvramSizeKibOffset = 0x00F2;  /* little-endian u16, KiB */
inline constexpr uint32_t kNvramKib = 1024;
inline constexpr uint8_t kNvramErased = 0xFF;
/* Boot code version the image carries (and the boot code reports in SRAM). */
inline constexpr uint32_t kBootcodeVersionMajor = 1;
inline constexpr uint32_t kBootcodeVersionMinor = 2;

/* Time an NVRAM command takes from GO to DONE (model choice; tg3 polls every 10-40 µs). */
inline constexpr uint64_t kNvramCmdNs = 10'000;

class Nvram final : public Block {
public:
	explicit Nvram(Chip &chip);
	void core_reset() override;

	/* NVRAM offset of a function's MAC address (§5.12). */
	static uint32_t mac_offset(uint8_t function);
	MacAddress mac_for_function(uint8_t function) const;

	/* The image as NVRAM_RDDATA shows a dword; out of range reads erased. */
	uint32_t read_be32(uint32_t addr) const;
	void write_be32(uint32_t addr, uint32_t val);
	std::vector<uint8_t> &image() { return image_; }

	/*
	 * Software arbitration (§5.12, NVRAM_SWARB): four requesters, one grant.
	 * On-chip agents use these too: the boot code holds request 0 while it
	 * reads the image. A core reset drops every request and the grant.
	 */
	void arb_request(unsigned n);
	void arb_release(unsigned n);
	int arb_owner() const { return grant_; } /* -1: none */

private:
	void build_image();
	void swarb_written(uint32_t written);
	uint32_t swarb_value() const;
	void cmd_written(uint32_t old, uint32_t written);
	void cmd_complete();

	std::vector<uint8_t> image_;
	Timer cmd_timer_;
	uint32_t requests_ = 0; /* bit n = request n pending */
	int grant_ = -1;
};

} // namespace tg57xx::sim

#endif
