/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Ethernet MAC (§5.1), its statistics (§5.2) and MDIO (MAC_MI_COM) to
 * the PHY of mii_phy.cpp. Block `mac`, the implementation of blocks/mac.h.
 * The mode registers (MAC_MODE, MAC_TX_MODE, MAC_RX_MODE) and MAC_ADDR_0..3
 * belong to mode_regs.cpp; this block observes them.
 *
 * MDIO: a MAC_MI_COM write with MI_COM_START runs one Clause-22 frame of
 * kMdioFrameNs (64 bits at 2.5 MHz); BUSY (= START) reads 1 until then. At
 * the end a read returns the PHY data in bits 15:0, MAC_STATUS_MI_COMPLETION
 * is set. An address other than the personality's PHY (§11.1) reads 0xFFFF
 * with MI_COM_READ_FAILED (nobody drives MDIO: the pull-up). A MI_COM write
 * while a frame is in flight is a violation and is ignored. MAC_MI_MODE
 * (clock, auto-poll) is storage: the frame time does not depend on it.
 *
 * Link: every PHY link transition sets MAC_STATUS_LNKSTATE_CHANGED (W1C) and
 * TX_STATUS_LINK_UP follows the link. The MAC attention is the level
 * MAC_STATUS & MAC_EVENT over LNKSTATE_CHANGED and MI_INTERRUPT (tg3 arms one
 * of the two, §11.7); on each rising edge the host-coalescing block is told
 * (HostCc::link_changed -> SD_STATUS_LINK_CHG). MAC_MI_STAT_LNKSTAT_ATTN_ENAB
 * is storage (§11.7: the trigger is UNCONFIRMED).
 *
 * Transmit needs TX_MODE_ENABLE, MAC_MODE_TDE_ENABLE and a path: internal
 * loopback (MAC_MODE_PORT_INT_LPBACK: straight back to RX), or the PHY with
 * link up, not isolated, and MAC_MODE's port mode matching the link speed
 * (GMII at 1000, MII at 10/100, §11.6) - a driver that leaves GMII at
 * 100 Mbit/s gets nothing through, as on silicon; then PHY loopback
 * (BMCR_LOOPBACK) or the wire. Runts are padded to 60 bytes, the FCS is
 * appended conceptually (the Wire carries no FCS; octet counters add 4). With
 * no_crc the host supplied the FCS: the last 4 bytes are dropped from what
 * goes on the medium, no padding, the FCS value is not checked.
 *
 * Over the wire (not a loopback) frames longer than 1522 bytes cross the
 * PHY only as its jumbo bits allow (MiiPhy::passes: AUXCTL EXTPKTLEN, to
 * send also EXT_CTRL FIFO_ELASTIC; tg3_phy_reset); others are lost there,
 * before any MAC counter (phy_long_frames_dropped).
 *
 * Receive needs RX_MODE_ENABLE, MAC_MODE_RDE_ENABLE and the same path
 * (frames arriving otherwise are drained and dropped). Classification, by
 * the RMON rules (RFC 2819) for the counters:
 *   - Faults::corrupt_frames marks the next frames bad-FCS unless
 *     RX_MODE_NO_CRC_CHECK;
 *   - shorter than 64 bytes with FCS: runt, discarded unless
 *     RX_MODE_ACCEPT_RUNTS (then delivered flagged); UNDERSIZE (FRAGMENTS
 *     if the FCS is bad);
 *   - longer than MAC_RX_MTU_SIZE with FCS: FRAME_TOO_LONG (JABBERS if the
 *     FCS is bad, RMON etherStatsOversizePkts / etherStatsJabbers), discarded
 *     unless RX_MODE_ACCEPT_OVERSIZED (Thundergate: keep_oversized), then
 *     delivered flagged too_long (RXD_ERR_HUGE_FRAME, "giant_packet" - the BD
 *     error bit exists for the frames a driver chose to keep, as
 *     RXD_ERR_TOO_SMALL does for ACCEPT_RUNTS). No extra allowance for a
 *     VLAN tag: tg3 writes MTU + 14 + 4 + 4, the tag is already in the limit
 *     (§5.1, §10.3);
 *   - other bad-FCS frames: FCS_ERRORS, delivered flagged;
 *   - MAC control frames (EtherType 0x8808): PAUSE counts XON/XOFF and sets
 *     RX_STATUS_XON/XOFF_RCVD, others MAC_CTRL_RECVD; consumed unless
 *     RX_MODE_KEEP_PAUSE / RX_MODE_KEEP_MAC_CTRL. With
 *     RX_MODE_FLOW_CTRL_ENABLE (honour received PAUSE, §11.5 step 4) an XOFF
 *     holds the transmitter for pause_time quanta of 512 bit times at the
 *     link speed (IEEE 802.3 Annex 31B), TX_STATUS_XOFFED set meanwhile; an
 *     XON (pause_time 0) releases it at once. The TX engine sees the hold as
 *     tx_ready_at_ns(). With TX_MODE_FLOW_CTRL_ENABLE the MAC sends PAUSE
 *     frames of its own as the receive mbuf pool fills and drains
 *     (rx_mbufs_free, PauseSender in mac_frames.h): counted in
 *     XON/XOFF_SENT (and octets, not as packets), TX_STATUS_SENT_XON/XOFF;
 *   - address filter (§5.1): RX_MODE_PROMISC; broadcast; multicast iff its
 *     CRC-32 hash bit is set in MAC_HASH_REG_0..3; unicast iff equal to one
 *     of MAC_ADDR_0..3 or MAC_EXTADDR_0..11 (HIGH = bytes 0-1, LOW = 2-5).
 *     Rejected frames count mac_rx_filtered only.
 * RX octets (ifHCInOctets, the twin of TX octets' [ifHCOutOctets], §5.2)
 * count, with FCS, every frame the station received: error frames (runts,
 * oversized, bad FCS: ifInErrors frames are received frames) and MAC control
 * frames included, frames the address filter rejected not - a station does
 * not receive what is not addressed to it, the packet counters
 * (UCAST/MCAST/BCAST, RFC 2863 ifHCIn*Pkts, frames delivered without error)
 * exclude them too, and octets must stay the octets of those frames plus
 * errors; filtered frames have their own count (COS_rx_filter_dropped in the
 * statistics block, §9.2; model counter mac_rx_filtered). With
 * RX_MODE_PROMISC nothing is filtered and every frame counts.
 * A frame arriving while the receiver cannot receive (RX_MODE_ENABLE or
 * MAC_MODE_RDE_ENABLE clear, no link path) is lost before the MAC looks at
 * it: no MAC statistic counts it (model counter mac_rx_dropped). A wire that
 * is a replay source rather than a cable (Wire::waits_for_receiver, the pcap
 * wire) keeps its frames until the receiver is up instead.
 *
 * Line-rate pacing (Config::pace_line_rate; LinePacer, mac_frames.h): the
 * transmitter is ready for the next frame (tx_ready_at_ns) once the last
 * one's preamble+SFD, frame, FCS and inter-frame gap have passed at the link
 * speed; the receiver takes a frame off the wire no sooner than the previous
 * one's wire time allows (a link partner cannot send faster than the link),
 * and what the medium holds meanwhile waits there. Frames turned around
 * inside the chip were paced going out and are not paced again.
 *
 * Statistics (§5.2): 32-bit, wrapping, counted only while
 * MAC_MODE_TXSTAT_ENABLE / RXSTAT_ENABLE are set, clear-on-read (UNCONFIRMED,
 * §17 item 9), zeroed by the MAC_MODE_TXSTAT_CLEAR / RXSTAT_CLEAR strobes.
 *
 * Boot-code values: on the 5720, MAC_TX_LENGTHS JMB_FRM_LEN / CNT_DWN_VAL and
 * MAC_TX_MODE JMB_FRM_LEN / CNT_DN_MODE hold values the driver must preserve
 * (§5.1, §15). The reference does not give them; kBoot* below are invented,
 * non-zero, so a driver that clobbers them is visible.
 *
 * The multicast hash and the loopback queue live in mac_frames.h, the
 * receive path in mac_rx.cpp.
 */
#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstring>
#include <string_view>
#include <vector>

#include "block_list.h"
#include "mac_block.h"

namespace tg57xx::sim {

namespace mac_block {

namespace {

constexpr RegDesc kRegs[] = {
	reg_w1c(hw::MAC_STATUS, kMapName, kStatusW1c),
	reg_rw(hw::MAC_EVENT, kMapName),
	reg_rw(hw::MAC_LED_CTRL, kMapName),
	reg_rw(hw::MAC_TX_BACKOFF_SEED, kMapName, 0, hw::TX_BACKOFF_SEED_MASK),
	reg_rw(hw::MAC_RX_MTU_SIZE, kMapName, kRxMtuReset, hw::RX_MTU_SIZE_MASK),
	reg_rw(hw::MAC_MI_STAT, kMapName),
	reg_rw(hw::MAC_MI_MODE, kMapName, kMiModeReset),
	reg_ro(hw::MAC_AUTO_POLL_STATUS, kMapName),
	reg_ro(hw::MAC_TX_STATUS, kMapName),
	reg_w1c(hw::MAC_RX_STATUS, kMapName, kRxStatusW1c),
	reg_rw(hw::MAC_HASH_REG_0, kMapName),
	reg_rw(hw::MAC_HASH_REG_1, kMapName),
	reg_rw(hw::MAC_HASH_REG_2, kMapName),
	reg_rw(hw::MAC_HASH_REG_3, kMapName),
	reg_rw(hw::MAC_RCV_RULE_CFG, kMapName),
	reg_rw(hw::MAC_LOW_WMARK_MAX_RX_FRAME, kMapName),
	/* Copper ports: not SerDes (§11.1). */
	reg_ro(hw::SG_DIG_STATUS, kMapName),
};
static_assert(regs_well_formed(kRegs, hw::NIC_SRAM_WIN_BASE), "duplicate or malformed register rows");

/* Statistics registers (§5.2): the register map's "STATS" block; the TX
 * group is below MAC_RX_STATS_OCTETS. */
constexpr std::string_view kStatsBlock = "STATS";
constexpr bool is_tx_stat(uint32_t off) { return off < hw::MAC_RX_STATS_OCTETS; }

} // namespace


MacBlock::MacBlock(Chip &chip)
	: Mac(chip, "mac"), mdio_timer_(chip.clock()), xoff_timer_(chip.clock()),
	  pause_refresh_timer_(chip.clock()), pace_(chip.config().pace_line_rate),
	  rx_line_timer_(chip.clock()), loop_(kLoopbackBytes)
{
	declare_registers();
	RegFile &r = chip.regs();
	mac_mode_ = r.raw(hw::MAC_MODE);
	tx_mode_ = r.raw(hw::MAC_TX_MODE);
	rx_mode_ = r.raw(hw::MAC_RX_MODE);
	mtu_ = r.raw(hw::MAC_RX_MTU_SIZE);
	rx_status_ = r.raw(hw::MAC_RX_STATUS);
	for (unsigned i = 0; i < hw::TG3_NUM_MAC_HASH_REGS; i++)
		hash_[i] = r.raw(hw::MAC_HASH_REG(i));
	for (unsigned i = 0; i < kNumUcastSlots; i++) {
		const bool ext = i >= hw::TG3_NUM_MAC_ADDR;
		const unsigned n = ext ? i - hw::TG3_NUM_MAC_ADDR : i;
		addr_hi_[i] = r.raw(ext ? hw::MAC_EXTADDR_HIGH(n) : hw::MAC_ADDR_HIGH(n));
		addr_lo_[i] = r.raw(ext ? hw::MAC_EXTADDR_LOW(n) : hw::MAC_ADDR_LOW(n));
	}
	tx_octets_ = r.raw(hw::MAC_TX_STATS_OCTETS);
	tx_ucast_ = r.raw(hw::MAC_TX_STATS_UCAST);
	tx_mcast_ = r.raw(hw::MAC_TX_STATS_MCAST);
	tx_bcast_ = r.raw(hw::MAC_TX_STATS_BCAST);
	tx_xon_ = r.raw(hw::MAC_TX_STATS_XON_SENT);
	tx_xoff_ = r.raw(hw::MAC_TX_STATS_XOFF_SENT);
	rx_octets_ = r.raw(hw::MAC_RX_STATS_OCTETS);
	rx_ucast_ = r.raw(hw::MAC_RX_STATS_UCAST);
	rx_mcast_ = r.raw(hw::MAC_RX_STATS_MCAST);
	rx_bcast_ = r.raw(hw::MAC_RX_STATS_BCAST);
	rx_fcs_ = r.raw(hw::MAC_RX_STATS_FCS_ERRORS);
	rx_too_long_ = r.raw(hw::MAC_RX_STATS_FRAME_TOO_LONG);
	rx_jabbers_ = r.raw(hw::MAC_RX_STATS_JABBERS);
	rx_undersize_ = r.raw(hw::MAC_RX_STATS_UNDERSIZE);
	rx_fragments_ = r.raw(hw::MAC_RX_STATS_FRAGMENTS);
	rx_xon_ = r.raw(hw::MAC_RX_STATS_XON_PAUSE_RECVD);
	rx_xoff_ = r.raw(hw::MAC_RX_STATS_XOFF_PAUSE_RECVD);
	rx_mac_ctrl_ = r.raw(hw::MAC_RX_STATS_MAC_CTRL_RECVD);

	wire_ = chip.wire();
	phy_ = chip.find_block<MiiPhy>();
	if (phy_)
		phy_->set_listener(this);
}

void MacBlock::declare_registers()
{
	RegFile &r = chip().regs();
	r.add_table(kRegs);
	const bool is_5720 = chip().info().chip == Personality::BCM5720;
	r.add(reg_rw(hw::MAC_TX_LENGTHS, kMapName,
		     is_5720 ? kBootTxLengths5720 : hw::MAC_TX_LENGTHS_TG3_DEFAULT));
	r.add(reg_rw(hw::MAC_MI_COM, kMapName, 0, kMiComWritable), {},
	      [this](uint32_t old, uint32_t w) { mi_com_written(old, w); });
	for (unsigned i = 0; i < hw::TG3_NUM_RCV_RULES; i++) {
		r.add(reg_rw(hw::MAC_RCV_RULE(i), kMapName));
		r.add(reg_rw(hw::MAC_RCV_VALUE(i), kMapName));
	}
	for (unsigned i = 0; i < hw::TG3_NUM_MAC_EXTADDR; i++) {
		r.add(reg_rw(hw::MAC_EXTADDR_HIGH(i), kMapName, 0, kAddrHighMask));
		r.add(reg_rw(hw::MAC_EXTADDR_LOW(i), kMapName));
	}
	for (unsigned i = 0; i < hw::TG3_NUM_RSS_INDIR_REGS; i++)
		r.add(reg_rw(hw::MAC_RSS_INDIR_TBL(i), kMapName));
	for (unsigned i = 0; i < hw::TG3_NUM_RSS_HASH_KEY_REGS; i++)
		r.add(reg_rw(hw::MAC_RSS_HASH_KEY(i), kMapName));
	/* Clear-on-read counters (§5.2, §17 item 9). */
	r.add_read_clear_counters(kStatsBlock);

	r.on_write(hw::MAC_STATUS, [this](uint32_t, uint32_t) { attention_check(); });
	r.on_write(hw::MAC_EVENT, [this](uint32_t, uint32_t) { attention_check(); });
	r.on_write(hw::MAC_MODE, [this](uint32_t, uint32_t w) {
		if (w & hw::MAC_MODE_TXSTAT_CLEAR)
			clear_stats(true);
		if (w & hw::MAC_MODE_RXSTAT_CLEAR)
			clear_stats(false);
	});
}

void MacBlock::boot_values()
{
	if (chip().info().chip == Personality::BCM5720)
		chip().regs().set_bits(hw::MAC_TX_MODE, kBootTxMode5720);
}

void MacBlock::power_on()
{
	if (phy_ == nullptr) {
		phy_ = chip().find_block<MiiPhy>();
		if (phy_)
			phy_->set_listener(this);
	}
	hostcc_ = chip().find_block<HostCc>();
	wire_ = chip().wire();
	core_reset();
}

void MacBlock::core_reset()
{
	/* Register values are back to reset; drop what was in flight. */
	mdio_timer_.cancel();
	xoff_timer_.cancel();
	xoff_until_ = 0;
	pause_tx_.reset();
	pause_refresh_timer_.cancel();
	rx_free_mbufs_ = UINT32_MAX;
	loop_.clear();
	attn_ = 0;
	tx_line_.reset();
	rx_line_.reset();
	rx_line_timer_.cancel();
	boot_values();
	sync_link_status();
}

void MacBlock::sync_link_status()
{
	if (link_up())
		chip().regs().set_bits(hw::MAC_TX_STATUS, hw::TX_STATUS_LINK_UP);
	else
		chip().regs().clear_bits(hw::MAC_TX_STATUS, hw::TX_STATUS_LINK_UP);
}

/* ---- MDIO ---- */

void MacBlock::mi_com_written(uint32_t old, uint32_t written)
{
	RegFile &r = chip().regs();
	if (mdio_timer_.armed()) {
		r.set(hw::MAC_MI_COM, old); /* the frame in flight goes on */
		chip().violation(&Counters::mdio_busy_writes,
				 "MAC_MI_COM written (0x%08" PRIx32 ") while MI_COM_BUSY (§5.1)", written);
		return;
	}
	if (!(written & hw::MI_COM_START))
		return;
	r.clear_bits(hw::MAC_MI_COM, hw::MI_COM_READ_FAILED);
	mdio_timer_.arm_in(kMdioFrameNs, [this] { mi_com_done(); });
}

void MacBlock::mi_com_done()
{
	Chip &c = chip();
	RegFile &r = c.regs();
	uint32_t v = r.get(hw::MAC_MI_COM);
	const uint32_t addr = hw::field_get(hw::MI_COM_PHY_ADDR_MASK, v);
	const uint8_t reg = static_cast<uint8_t>(hw::field_get(hw::MI_COM_REG_ADDR_MASK, v));
	const uint32_t cmd = v & hw::MI_COM_CMD_MASK;
	const bool present = phy_ != nullptr && addr == c.personality().phy_address(c.config().pci_function);
	c.counters().mdio_frames++;
	if (cmd == hw::MI_COM_CMD_READ) {
		v &= ~hw::MI_COM_DATA_MASK;
		if (present) {
			v |= phy_->mdio_read(reg);
		} else {
			v |= kMdioNoPhyData | hw::MI_COM_READ_FAILED;
			c.counters().mdio_no_phy++;
		}
	} else if (cmd == hw::MI_COM_CMD_WRITE) {
		if (present)
			phy_->mdio_write(reg, static_cast<uint16_t>(v & hw::MI_COM_DATA_MASK));
		else
			c.counters().mdio_no_phy++;
	}
	r.set(hw::MAC_MI_COM, v & ~hw::MI_COM_BUSY);
	r.set_bits(hw::MAC_STATUS, hw::MAC_STATUS_MI_COMPLETION);
	attention_check();
}

/* ---- link and attention ---- */

void MacBlock::phy_link_changed()
{
	chip().regs().set_bits(hw::MAC_STATUS, hw::MAC_STATUS_LNKSTATE_CHANGED);
	sync_link_status();
	attention_check();
}

void MacBlock::phy_irq(bool level)
{
	if (level)
		chip().regs().set_bits(hw::MAC_STATUS, hw::MAC_STATUS_MI_INTERRUPT);
	else
		chip().regs().clear_bits(hw::MAC_STATUS, hw::MAC_STATUS_MI_INTERRUPT);
	attention_check();
}

void MacBlock::attention_check()
{
	const RegFile &r = chip().regs();
	const uint32_t level = r.get(hw::MAC_STATUS) & r.get(hw::MAC_EVENT) & kLinkAttn;
	const uint32_t rising = level & ~attn_;
	attn_ = level;
	if (rising != 0 && hostcc_ != nullptr)
		hostcc_->link_changed();
}

void MacBlock::clear_stats(bool tx)
{
	for (const hw::RegName &n : hw::kRegisterNames)
		if (kStatsBlock == n.block && is_tx_stat(n.off) == tx)
			chip().regs().set(n.off, 0);
}

/* ---- data path ---- */

MacBlock::Path MacBlock::phy_path(uint32_t mode) const
{
	if (phy_ == nullptr || !phy_->link_up() || phy_->isolated())
		return Path::DOWN;
	/* §11.6: GMII for 1000, MII for 10/100; anything else garbles the frames. */
	const uint32_t want = phy_->speed() == kGmiiSpeed ? hw::MAC_MODE_PORT_MODE_GMII : hw::MAC_MODE_PORT_MODE_MII;
	return (mode & hw::MAC_MODE_PORT_MODE_MASK) == want ? Path::OK : Path::PORT_MODE;
}

void MacBlock::count_drop(Path p, uint64_t Counters::*what)
{
	Counters &ctr = chip().counters();
	ctr.*what += 1;
	if (p == Path::PORT_MODE)
		ctr.mac_port_mode_mismatch++;
}

bool MacBlock::transmit(const uint8_t *frame, uint32_t len, bool no_crc, uint64_t posted_after_ns)
{
	return send_out(frame, len, no_crc, posted_after_ns, false);
}

bool MacBlock::send_out(const uint8_t *frame, uint32_t len, bool no_crc, uint64_t posted_after_ns, bool mac_ctrl)
{
	Counters &ctr = chip().counters();
	const uint32_t mode = *mac_mode_;
	const uint32_t data_len = no_crc ? (len >= kFcsLen ? len - kFcsLen : 0) : len;
	if (!(*tx_mode_ & hw::TX_MODE_ENABLE) || !(mode & hw::MAC_MODE_TDE_ENABLE) || data_len == 0 ||
	    data_len > kMaxFrameBytes) {
		ctr.mac_tx_dropped++;
		return false;
	}
	const uint8_t *out = frame;
	uint32_t out_len = data_len;
	if (!no_crc && data_len < kEthMinFrame) {
		std::memcpy(pad_.data(), frame, data_len);
		std::memset(pad_.data() + data_len, 0, kEthMinFrame - data_len);
		out = pad_.data();
		out_len = kEthMinFrame;
	}

	uint32_t speed = kGmiiSpeed;
	bool turn_around = (mode & hw::MAC_MODE_PORT_INT_LPBACK) != 0;
	if (!turn_around) {
		const Path p = phy_path(mode);
		if (p != Path::OK) {
			count_drop(p, &Counters::mac_tx_dropped);
			return false;
		}
		speed = phy_->speed();
		turn_around = phy_->loopback();
		if (!turn_around && !phy_->passes(out_len + kFcsLen, true)) {
			ctr.phy_long_frames_dropped++; /* mii_phy.cpp: EXTPKTLEN / FIFO_ELASTIC */
			return false;
		}
	}
	if (turn_around) {
		if (!loop_.push(out, out_len))
			ctr.mac_loopback_overflow++;
	} else {
		const FrameView fv{out, out_len};
		if (wire_ == nullptr || wire_->send(&fv, 1) != 1)
			ctr.mac_tx_medium_full++;
	}

	const uint32_t wire_len = out_len + kFcsLen;
	if (mode & hw::MAC_MODE_TXSTAT_ENABLE) {
		bump(tx_octets_, wire_len);
		if (mac_ctrl) /* 802.3 30.3.4: PAUSE frames count apart from data frames */
			bump(out[kPauseTimeOffset] | out[kPauseTimeOffset + 1] ? tx_xoff_ : tx_xon_);
		else
			bump(is_broadcast(out) ? tx_bcast_ : is_multicast(out) ? tx_mcast_ : tx_ucast_);
	}
	if (pace_)
		tx_line_.occupy_posted(chip().now_ns(), wire_len, speed, posted_after_ns);
	ctr.mac_tx_frames++;
	return true;
}

void MacBlock::pause_received(uint16_t quanta)
{
	RegFile &r = chip().regs();
	xoff_timer_.cancel();
	if (quanta == 0) {
		xoff_until_ = 0;
		r.clear_bits(hw::MAC_TX_STATUS, hw::TX_STATUS_XOFFED);
		return;
	}
	const uint32_t speed = link_speed() != 0 ? link_speed() : kGmiiSpeed;
	xoff_until_ = chip().now_ns() + uint64_t{quanta} * kBitsPerQuantum * kNsPerBitAtMbps / speed;
	r.set_bits(hw::MAC_TX_STATUS, hw::TX_STATUS_XOFFED);
	xoff_timer_.arm_at(xoff_until_, [this] {
		xoff_until_ = 0;
		chip().regs().clear_bits(hw::MAC_TX_STATUS, hw::TX_STATUS_XOFFED);
	});
}

void MacBlock::rx_mbufs_free(uint32_t free_mbufs)
{
	rx_free_mbufs_ = free_mbufs;
	flow_check();
}

/* Send the PAUSE frame flow control calls for now, if any (PauseSender, §5.8). */
void MacBlock::flow_check()
{
	if (!(*tx_mode_ & hw::TX_MODE_FLOW_CTRL_ENABLE)) {
		pause_tx_.reset();
		pause_refresh_timer_.cancel();
		return;
	}
	const RegFile &r = chip().regs();
	const uint32_t speed = link_speed() != 0 ? link_speed() : kGmiiSpeed;
	const uint64_t xoff_ns = uint64_t{PauseSender::kXoffQuanta} * kBitsPerQuantum * kNsPerBitAtMbps / speed;
	uint16_t quanta = 0;
	if (pause_tx_.due(chip().now_ns(), rx_free_mbufs_, r.get(hw::BUFMGR_MB_MACRX_LOW_WATER),
			  r.get(hw::BUFMGR_MB_HIGH_WATER), xoff_ns, quanta)) {
		/* From the station address, MAC_ADDR_0 (HIGH = bytes 0-1, LOW = bytes 2-5). */
		const uint32_t hi = *addr_hi_[0], lo = *addr_lo_[0];
		const uint8_t src[kEthAddrLen] = {static_cast<uint8_t>(hi >> 8), static_cast<uint8_t>(hi),
						  static_cast<uint8_t>(lo >> 24), static_cast<uint8_t>(lo >> 16),
						  static_cast<uint8_t>(lo >> 8), static_cast<uint8_t>(lo)};
		std::array<uint8_t, kPauseFrameLen> f;
		make_pause_frame(f.data(), src, quanta);
		if (send_out(f.data(), kPauseFrameLen, false, 0, true))
			chip().regs().set_bits(hw::MAC_TX_STATUS, quanta != 0 ? hw::TX_STATUS_SENT_XOFF : hw::TX_STATUS_SENT_XON);
	}
	if (pause_tx_.xoff())
		pause_refresh_timer_.arm_at(pause_tx_.refresh_at(), [this] { flow_check(); });
	else
		pause_refresh_timer_.cancel();
}

} // namespace mac_block

std::unique_ptr<Block> make_block_mac(Chip &chip)
{
	return std::make_unique<mac_block::MacBlock>(chip);
}

} // namespace tg57xx::sim
