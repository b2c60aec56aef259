/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The MAC block (mac.cpp: registers, transmit, flow control; mac_rx.cpp: the
 * receive path), shared by its two source files only.
 */
#ifndef TG57XX_SIM_BLOCKS_MAC_BLOCK_H
#define TG57XX_SIM_BLOCKS_MAC_BLOCK_H

#include <array>
#include <cstdint>

#include "chip.h"
#include "hostcc.h"
#include "hw.h"
#include "mac.h"
#include "mac_frames.h"
#include "mii_phy.h"
#include "tg57xx_sim/wire.h"

namespace tg57xx::sim::mac_block {

using namespace mac_frames;

/* ---- Ethernet framing (IEEE 802.3) ---- */
static_assert(kEthAddrLen == hw::ETH_ADDR_LEN);
constexpr uint32_t kFcsLen = 4;        /* ETH_FCS_LEN (§5.1) */
constexpr uint32_t kEthMinFrame = 60;  /* ETH_ZLEN: the MAC pads runts to this (mac.h, §8.1) */
constexpr uint32_t kMinWireFrame = 64; /* with FCS; shorter is a runt (mac.h RxFrame::runt) */
/* Largest frame the MAC moves: above any MTU tg3 allows (9000, §1.3) plus headers. */
constexpr uint32_t kMaxFrameBytes = 16384;
/* Internal/PHY loopback queue: ~14k minimum-size or ~110 jumbo frames. */
constexpr size_t kLoopbackBytes = size_t{1} << 20;
/* Wire receive batch the MAC stages at a time. */
constexpr size_t kRxBatch = 64;
/* Refill rounds per receive() when the filter rejected frames of a full batch. */
constexpr unsigned kRxRefillRounds = 4;

/* ---- MDIO (§5.1) ---- */
/* One Clause-22 frame: 32-bit preamble + 32-bit frame (802.3 22.2.4.5) at the
 * fastest MDC, 2.5 MHz (802.3 22.2.2.13: 400 ns period) = 25.6 µs. */
constexpr uint64_t kMdioFrameBits = 64;
constexpr uint64_t kMdcPeriodNs = 400;
constexpr uint64_t kMdioFrameNs = kMdioFrameBits * kMdcPeriodNs;
/* What a read from an address nobody answers returns (MDIO pull-up). */
constexpr uint32_t kMdioNoPhyData = 0xFFFF;

/* ---- registers ---- */
/* MAC_STATUS change bits, write-1-to-clear (tg3_clear_mac_status, §5.1). */
constexpr uint32_t kStatusW1c = hw::TG3_MAC_STATUS_CHANGE_BITS;
/* MAC attention sources that become SD_STATUS_LINK_CHG (§11.7, tg3_setup_copper_phy). */
constexpr uint32_t kLinkAttn = hw::MAC_STATUS_LNKSTATE_CHANGED | hw::MAC_STATUS_MI_INTERRUPT;
/* MAC_RX_MTU_SIZE at reset: a maximal untagged frame with FCS (model choice). */
constexpr uint32_t kRxMtuReset = 1518;
/* MI_MODE at reset: the non-CPMU value tg3 writes, clock-count field 0xC (§5.1). */
constexpr uint32_t kMiModeReset = hw::MAC_MI_MODE_BASE;
constexpr uint32_t kMiComWritable = ~hw::MI_COM_READ_FAILED;
/* MAC_RX_STATUS: the PAUSE-received events are sticky until written 1 (model choice). */
constexpr uint32_t kRxStatusW1c = hw::RX_STATUS_XOFF_RCVD | hw::RX_STATUS_XON_RCVD;
constexpr uint32_t kAddrHighMask = 0x0000FFFF; /* MAC_ADDR_n_HIGH / EXTADDR: bytes 0-1 */
/* 5720 boot-code fields (§5.1, §15; values invented, see top). */
constexpr uint32_t kBootTxLengthsJmbFrmLen = 0x8C;
constexpr uint32_t kBootTxLengthsCntDwnVal = 0x10;
constexpr uint32_t kBootTxLengths5720 = hw::MAC_TX_LENGTHS_TG3_DEFAULT |
					hw::field_set(hw::TX_LENGTHS_JMB_FRM_LEN_MSK, kBootTxLengthsJmbFrmLen) |
					hw::field_set(hw::TX_LENGTHS_CNT_DWN_VAL_MSK, kBootTxLengthsCntDwnVal);
constexpr uint32_t kBootTxMode5720 = hw::TX_MODE_JMB_FRM_LEN | hw::TX_MODE_CNT_DN_MODE;
constexpr uint32_t kNumUcastSlots = hw::TG3_NUM_MAC_ADDR + hw::TG3_NUM_MAC_EXTADDR;
constexpr uint32_t kHashBitsPerReg = 32;
constexpr uint32_t kGmiiSpeed = 1000; /* internal loopback runs the GMII clock */
/* PAUSE quantum (IEEE 802.3 Annex 31B): 512 bit times; a bit lasts 1000/speed ns (speed in Mbit/s). */
constexpr uint64_t kBitsPerQuantum = 512;
constexpr uint64_t kNsPerBitAtMbps = 1000;

class MacBlock final : public Mac, private MiiPhy::Listener {
public:
	explicit MacBlock(Chip &chip);

	bool transmit(const uint8_t *frame, uint32_t len, bool no_crc, uint64_t posted_after_ns) override;
	size_t receive(RxFrame *frames, size_t n) override;
	bool link_up() const override { return phy_ != nullptr && phy_->link_up(); }
	uint32_t link_speed() const override { return phy_ != nullptr ? phy_->speed() : 0; }
	uint64_t tx_ready_at_ns() const override { return std::max(pace_ ? tx_line_.busy_until() : 0, xoff_until_); }
	bool tx_medium_busy() override
	{
		if (wire_ == nullptr || !wire_->tx_busy())
			return false;
		if (pace_)
			tx_line_.hold(chip().now_ns());
		return true;
	}

	void rx_mbufs_free(uint32_t free_mbufs) override;
	void power_on() override;
	void core_reset() override;
	void wire_changed(Wire *w) override { wire_ = w; }

private:
	/* MiiPhy::Listener */
	void phy_link_changed() override;
	void phy_irq(bool level) override;

	void declare_registers();
	void boot_values();
	void mi_com_written(uint32_t old, uint32_t written);
	void mi_com_done();
	void attention_check();
	void clear_stats(bool tx);
	void sync_link_status();
	void pause_received(uint16_t quanta);
	void flow_check();
	/* Put a frame on the line (pads, FCS, pacing, counters); mac_ctrl: a PAUSE frame of ours. */
	bool send_out(const uint8_t *frame, uint32_t len, bool no_crc, uint64_t posted_after_ns, bool mac_ctrl);

	/* Can data reach the PHY (not internal loopback)? */
	enum class Path : uint8_t { OK, DOWN, PORT_MODE };
	Path phy_path(uint32_t mode) const;
	void count_drop(Path p, uint64_t Counters::*what);
	bool address_match(const uint8_t *dst) const;
	/* Classify one received frame; false = consumed (dropped/filtered). */
	bool classify(RxFrame &f, uint32_t rx_mode);
	size_t pull(RxFrame *frames, size_t n, bool loopback);
	size_t pull_paced(RxFrame *frames, size_t n);
	static void bump(uint32_t *stat, uint32_t by = 1) { *stat += by; }

	MiiPhy *phy_ = nullptr;
	HostCc *hostcc_ = nullptr;
	Wire *wire_ = nullptr;
	Timer mdio_timer_;
	Timer xoff_timer_;        /* end of a received XOFF's hold */
	uint64_t xoff_until_ = 0; /* transmitter held until then (0: not held) */
	PauseSender pause_tx_;     /* the PAUSE frames we send (flow_check) */
	Timer pause_refresh_timer_; /* the next XOFF while the pool stays full */
	uint32_t rx_free_mbufs_ = UINT32_MAX; /* as the RX engine last reported */
	uint32_t attn_ = 0;
	const bool pace_;
	LinePacer tx_line_;  /* what the transmitter has put on the line (pacing) */
	LinePacer rx_line_;  /* what the link partner has put on the line (pacing) */
	Timer rx_line_timer_; /* the next frame may come off the wire then (pacing) */
	LoopQueue loop_;
	std::array<uint8_t, kEthMinFrame> pad_{};
	std::array<FrameSlot, kRxBatch> slots_{};

	/* Hot registers (RegFile::raw). */
	uint32_t *mac_mode_, *tx_mode_, *rx_mode_, *mtu_, *rx_status_;
	std::array<uint32_t *, hw::TG3_NUM_MAC_HASH_REGS> hash_{};
	std::array<uint32_t *, kNumUcastSlots> addr_hi_{}, addr_lo_{};
	uint32_t *tx_octets_, *tx_ucast_, *tx_mcast_, *tx_bcast_, *tx_xon_, *tx_xoff_;
	uint32_t *rx_octets_, *rx_ucast_, *rx_mcast_, *rx_bcast_, *rx_fcs_, *rx_too_long_, *rx_jabbers_,
		*rx_undersize_, *rx_fragments_, *rx_xon_, *rx_xoff_, *rx_mac_ctrl_;
};

} // namespace tg57xx::sim::mac_block

#endif
