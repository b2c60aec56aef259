/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NVRAM interface (§5.12): software arbitration, access enable, command/done
 * handshake with a modelled delay, read/write data registers; the image
 * layout is in nvram.h.
 *
 * A command is refused (never completes, counted, fatal in strict mode)
 * unless some requester holds the SWARB grant and NVRAM_ACCESS_ENABLE is set:
 * tg3 and FreeBSD always take the lock and enable access first (§5.12), so a
 * driver that does not is buggy. Writes additionally need
 * GRC_MODE_NVRAM_WR_ENABLE and ACCESS_WR_ENABLE.
 */
#include "nvram.h"

#include <cinttypes>
#include <cstring>
#include <string>

#include "block_list.h"
#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

constexpr unsigned kArbRequesters = 4; /* SWARB_REQ_SET0..3 */
constexpr uint32_t kSwarbSetShift = 0;  /* SWARB_REQ_SET0 = bit 0 */
constexpr uint32_t kSwarbClrShift = 4;  /* SWARB_REQ_CLR0 = bit 4 */
constexpr uint32_t kSwarbGntShift = 8;  /* SWARB_GNT0 = bit 8 */
constexpr uint32_t kSwarbReqShift = 12; /* SWARB_REQ0 = bit 12 */
static_assert((hw::SWARB_REQ_SET0 >> kSwarbSetShift) == 1 && (hw::SWARB_REQ_CLR0 >> kSwarbClrShift) == 1 &&
		      (hw::SWARB_GNT0 >> kSwarbGntShift) == 1 && (hw::SWARB_REQ0 >> kSwarbReqShift) == 1,
	      "SWARB layout, §5.12");

constexpr uint32_t kAccessWritable = hw::ACCESS_ENABLE | hw::ACCESS_WR_ENABLE;
constexpr uint32_t kDwordAlign = ~3u;
constexpr uint32_t kErasedWord = 0xFFFFFFFF;

/* NVRAM_CFG1 at reset: flash interface enabled, unbuffered, vendor field 0 (not in the ref). */
constexpr uint32_t kCfg1Reset = hw::NVRAM_CFG1_FLASHIF_ENAB;

/* VPD resource tags (PCI Local Bus 3.0, 6.28). */
constexpr uint8_t kVpdIdString = 0x82;
constexpr uint8_t kVpdReadOnly = 0x90;
constexpr uint8_t kVpdEnd = 0x78;
constexpr size_t kVpdRvDataBytes = 1; /* checksum byte */

void put_be32(std::vector<uint8_t> &img, uint32_t addr, uint32_t v)
{
	constexpr unsigned kBitsPerByte = 8;
	for (unsigned i = 0; i < sizeof(uint32_t); i++)
		img[addr + i] = static_cast<uint8_t>(v >> (kBitsPerByte * (sizeof(uint32_t) - 1 - i)));
}

void put_vpd(std::vector<uint8_t> &img, uint32_t at, const std::string &id, const std::string &pn)
{
	constexpr unsigned kBitsPerByte = 8;
	std::vector<uint8_t> v;
	auto le16 = [&v](size_t n) { /* large-resource length, little-endian */
		v.push_back(static_cast<uint8_t>(n));
		v.push_back(static_cast<uint8_t>(n >> kBitsPerByte));
	};
	v.push_back(kVpdIdString);
	le16(id.size());
	v.insert(v.end(), id.begin(), id.end());
	/* VPD-R: "PN" len pn, "RV" 1 checksum. */
	const size_t kw_hdr = 3; /* two-letter keyword + length byte */
	v.push_back(kVpdReadOnly);
	le16(kw_hdr + pn.size() + kw_hdr + kVpdRvDataBytes);
	v.insert(v.end(), {'P', 'N', static_cast<uint8_t>(pn.size())});
	v.insert(v.end(), pn.begin(), pn.end());
	v.insert(v.end(), {'R', 'V', static_cast<uint8_t>(kVpdRvDataBytes)});
	uint8_t sum = 0;
	for (uint8_t b : v)
		sum = static_cast<uint8_t>(sum + b);
	v.push_back(static_cast<uint8_t>(-sum)); /* bytes up to and including RV sum to 0 (mod 256) */
	v.push_back(kVpdEnd);
	std::memcpy(&img[at], v.data(), v.size());
}

} // namespace

Nvram::Nvram(Chip &chip) : Block(chip, "nvram"), image_(kNvramBytes, kNvramErased), cmd_timer_(chip.clock())
{
	RegFile &r = chip.regs();
	r.add(reg_rw(hw::NVRAM_CMD, kMapName, 0, 0), {},
	      [this](uint32_t old, uint32_t w) { cmd_written(old, w); });
	r.add(reg_ro(hw::NVRAM_STAT, kMapName));
	r.add(reg_rw(hw::NVRAM_WRDATA, kMapName));
	r.add(reg_rw(hw::NVRAM_ADDR, kMapName, 0, hw::NVRAM_ADDR_MSK));
	r.add(reg_ro(hw::NVRAM_RDDATA, kMapName));
	r.add(reg_rw(hw::NVRAM_CFG1, kMapName, kCfg1Reset));
	r.add(reg_rw(hw::NVRAM_CFG2, kMapName));
	r.add(reg_rw(hw::NVRAM_CFG3, kMapName));
	r.add(reg_rw(hw::NVRAM_SWARB, kMapName, 0, 0), [this](uint32_t) { return swarb_value(); },
	      [this](uint32_t, uint32_t w) { swarb_written(w); });
	r.add(reg_rw(hw::NVRAM_ACCESS, kMapName, 0, kAccessWritable));
	r.add(reg_rw(hw::NVRAM_WRITE1, kMapName));
	r.add(reg_rw(hw::NVRAM_ADDR_LOCKOUT, kMapName));
	build_image();
}

uint32_t Nvram::mac_offset(uint8_t function)
{
	uint32_t off = (function & 1) ? hw::TG3_NVRAM_MAC_OFFSET_ODD_FN : hw::BGE_EE_MAC_OFFSET;
	if (function > 1)
		off += hw::TG3_NVRAM_MAC_OFFSET_FN_GT1_ADD;
	return off;
}

void Nvram::build_image()
{
	Chip &c = chip();
	const PersonalityInfo &info = c.info();
	put_be32(image_, kNvramMagicOffset, kNvramMagic);
	put_be32(image_, kNvramBcLoadAddrOffset, kNvramBcLoadAddr);
	put_be32(image_, kNvramBcLengthOffset, kNvramBcHeaderWords + kNvramBcVerBytes / sizeof(uint32_t));
	put_be32(image_, kNvramBcImageOffset, kNvramBcImage);
	put_be32(image_, kNvramBcImage, kNvramBcHeader);
	put_be32(image_, kNvramBcImage + 4, 0);
	put_be32(image_, kNvramBcImage + 8, kNvramBcLoadAddr + (kNvramBcVerOffset - kNvramBcImage));
	char ver[kNvramBcVerBytes] = {};
	std::snprintf(ver, sizeof(ver), "sim-bc v%" PRIu32 ".%02" PRIu32, kBootcodeVersionMajor, kBootcodeVersionMinor);
	std::memcpy(&image_[kNvramBcVerOffset], ver, sizeof(ver));
	/* Every function of the part gets an address: the configured one for this
	 * function, the same OUI with the last byte bumped for the others. */
	const MacAddress &mac = c.config().mac;
	for (uint8_t fn = 0; fn < c.personality().functions; fn++) {
		MacAddress m = mac;
		m[5] = static_cast<uint8_t>(m[5] + fn - c.config().pci_function);
		const uint32_t off = mac_offset(fn);
		put_be32(image_, off, static_cast<uint32_t>(m[0]) << 8 | m[1]);
		put_be32(image_, off + 4,
			 static_cast<uint32_t>(m[2]) << 24 | static_cast<uint32_t>(m[3]) << 16 |
				 static_cast<uint32_t>(m[4]) << 8 | m[5]);
	}
	/* The image's size for drivers that ask (tg3_get_nvram_size): KiB, little-endian at 0xF2. */
	constexpr unsigned kBitsPerByte = 8;
	image_[kNvramSizeKibOffset] = static_cast<uint8_t>(kNvramBytes / kNvramKib);
	image_[kNvramSizeKibOffset + 1] = static_cast<uint8_t>((kNvramBytes / kNvramKib) >> kBitsPerByte);
	put_vpd(image_, kNvramVpdOffset, std::string("Broadcom NetXtreme ") + info.name + " (tg57xx_sim)",
		std::string(info.name) + "-SIM");
}

MacAddress Nvram::mac_for_function(uint8_t function) const
{
	const uint32_t off = mac_offset(function);
	const uint32_t hi = read_be32(off), lo = read_be32(off + 4);
	return {static_cast<uint8_t>(hi >> 8), static_cast<uint8_t>(hi), static_cast<uint8_t>(lo >> 24),
		static_cast<uint8_t>(lo >> 16), static_cast<uint8_t>(lo >> 8), static_cast<uint8_t>(lo)};
}

uint32_t Nvram::read_be32(uint32_t addr) const
{
	if (addr > kNvramBytes - sizeof(uint32_t))
		return kErasedWord;
	return static_cast<uint32_t>(image_[addr]) << 24 | static_cast<uint32_t>(image_[addr + 1]) << 16 |
	       static_cast<uint32_t>(image_[addr + 2]) << 8 | image_[addr + 3];
}

void Nvram::write_be32(uint32_t addr, uint32_t val)
{
	if (addr <= kNvramBytes - sizeof(uint32_t))
		put_be32(image_, addr, val);
}

/* ---- software arbitration ---- */

void Nvram::arb_request(unsigned n)
{
	requests_ |= 1u << n;
	if (grant_ < 0) {
		for (unsigned i = 0; i < kArbRequesters; i++) {
			if (requests_ & (1u << i)) {
				grant_ = static_cast<int>(i);
				chip().counters().swarb_grants++;
				break;
			}
		}
	}
}

void Nvram::arb_release(unsigned n)
{
	requests_ &= ~(1u << n);
	if (grant_ == static_cast<int>(n)) {
		grant_ = -1;
		if (requests_ != 0) {
			/* Next requester in priority order (0 first). */
			for (unsigned i = 0; i < kArbRequesters; i++) {
				if (requests_ & (1u << i)) {
					requests_ &= ~(1u << i);
					arb_request(i);
					break;
				}
			}
		}
	}
}

void Nvram::swarb_written(uint32_t w)
{
	for (unsigned n = 0; n < kArbRequesters; n++) {
		if (w & (1u << (kSwarbClrShift + n)))
			arb_release(n);
		if (w & (1u << (kSwarbSetShift + n)))
			arb_request(n);
	}
}

uint32_t Nvram::swarb_value() const
{
	uint32_t v = requests_ << kSwarbReqShift;
	if (grant_ >= 0)
		v |= 1u << (kSwarbGntShift + static_cast<unsigned>(grant_));
	return v;
}

/* ---- commands ---- */

void Nvram::cmd_written(uint32_t old, uint32_t w)
{
	Chip &c = chip();
	RegFile &r = c.regs();
	const uint32_t in_flight = old & hw::NVRAM_CMD_GO;
	/* DONE is write-1-to-clear (tg3 writes it with every command, §5.12). */
	const uint32_t done = (w & hw::NVRAM_CMD_DONE) ? 0 : (old & hw::NVRAM_CMD_DONE);
	uint32_t v = (w & ~(hw::NVRAM_CMD_DONE | hw::NVRAM_CMD_GO)) | done | in_flight;
	if (!(w & hw::NVRAM_CMD_GO) || in_flight) {
		r.set(hw::NVRAM_CMD, v);
		return;
	}
	r.set(hw::NVRAM_CMD, v);
	if (grant_ < 0 || !(r.get(hw::NVRAM_ACCESS) & hw::ACCESS_ENABLE)) {
		c.violation(&Counters::nvram_cmds_refused,
			    "NVRAM command 0x%08" PRIx32 " without the SWARB grant or NVRAM_ACCESS_ENABLE", w);
		return;
	}
	if ((w & (hw::NVRAM_CMD_WR | hw::NVRAM_CMD_ERASE)) &&
	    (!(r.get(hw::GRC_MODE) & hw::GRC_MODE_NVRAM_WR_ENABLE) || !(r.get(hw::NVRAM_ACCESS) & hw::ACCESS_WR_ENABLE))) {
		c.violation(&Counters::nvram_cmds_refused,
			    "NVRAM write/erase 0x%08" PRIx32 " without GRC_MODE_NVRAM_WR_ENABLE and ACCESS_WR_ENABLE", w);
		return;
	}
	r.set(hw::NVRAM_CMD, v | hw::NVRAM_CMD_GO);
	cmd_timer_.arm_in(kNvramCmdNs, [this] { cmd_complete(); });
}

void Nvram::cmd_complete()
{
	Chip &c = chip();
	RegFile &r = c.regs();
	const uint32_t cmd = r.get(hw::NVRAM_CMD);
	const uint32_t addr = r.get(hw::NVRAM_ADDR) & hw::NVRAM_ADDR_MSK & kDwordAlign;
	const bool in_range = addr <= kNvramBytes - sizeof(uint32_t);
	if (!in_range)
		c.counters().nvram_out_of_range++;
	if (cmd & hw::NVRAM_CMD_WR) {
		if (in_range)
			write_be32(addr, r.get(hw::NVRAM_WRDATA));
	} else if (!(cmd & (hw::NVRAM_CMD_ERASE | hw::NVRAM_CMD_RESET | hw::NVRAM_CMD_WREN | hw::NVRAM_CMD_WRDI))) {
		r.set(hw::NVRAM_RDDATA, read_be32(addr));
	}
	r.set(hw::NVRAM_CMD, (cmd & ~hw::NVRAM_CMD_GO) | hw::NVRAM_CMD_DONE);
	c.counters().nvram_cmds++;
}

void Nvram::core_reset()
{
	/* §5.12 / §12.2 step 1: the reset releases the NVRAM lock. */
	cmd_timer_.cancel();
	requests_ = 0;
	grant_ = -1;
}

std::unique_ptr<Block> make_block_nvram(Chip &chip)
{
	return std::make_unique<Nvram>(chip);
}

} // namespace tg57xx::sim
