/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by test_mac.cpp and test_phy.cpp: an in-test wire whose
 * carrier and traffic the test controls, and MDIO through MAC_MI_COM the way
 * tg3 __tg3_readphy / __tg3_writephy do it (§5.1).
 */
#ifndef TG57XX_TESTS_MODEL_MAC_PHY_UTIL_H
#define TG57XX_TESTS_MODEL_MAC_PHY_UTIL_H

#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "model_fixture.h"
#include "personality.h"
#include "tg57xx_mii.h"
#include "tg57xx_sim/wire.h"

namespace tg57xx::sim::test::macphy {

inline constexpr uint64_t kUs = 1000;
inline constexpr uint64_t kMs = 1000 * kUs;
/* The model's MDIO frame: 64 bits at 2.5 MHz (mac.cpp). */
inline constexpr uint64_t kMdioFrameNs = 25'600;
/* Config::autoneg_ns default. */
inline constexpr uint64_t kAutonegNs = 2 * kMs;
/* tg3 __tg3_readphy: poll every 10 µs, then 5 µs before the final read (§5.1). */
inline constexpr uint64_t kMiPollNs = 10 * kUs;
inline constexpr uint64_t kMiSettleNs = 5 * kUs;

using Frame = std::vector<uint8_t>;

/* A medium the test controls: frames queued in `rx` reach the model, what it sends lands in `tx`. */
class TestWire final : public Wire {
public:
	size_t send(const FrameView *frames, size_t n) override
	{
		size_t i = 0;
		for (; i < n && tx.size() < tx_capacity; i++)
			tx.emplace_back(frames[i].data, frames[i].data + frames[i].len);
		return i;
	}
	size_t recv(FrameSlot *slots, size_t n) override
	{
		size_t i = 0;
		for (; i < n && !rx.empty(); i++) {
			const Frame &f = rx.front();
			slots[i].truncated = f.size() > slots[i].cap;
			slots[i].len = static_cast<uint32_t>(slots[i].truncated ? slots[i].cap : f.size());
			std::memcpy(slots[i].data, f.data(), slots[i].len);
			rx.pop_front();
			if (clock)
				rx_times.push_back(clock());
		}
		return i;
	}
	bool carrier() const override { return carrier_on; }
	bool waits_for_receiver() const override { return replay; }
	const char *name() const override { return "test"; }

	std::deque<Frame> rx;
	std::vector<Frame> tx;
	bool tx_busy() const override { return busy; }

	size_t tx_capacity = SIZE_MAX;
	bool busy = false; /* Wire::tx_busy: the receiver is behind */
	bool carrier_on = true;
	bool replay = false; /* behave as a replay source (the pcap wire) */
	std::function<uint64_t()> clock; /* when set: the time each frame left `rx`, in rx_times */
	std::vector<uint64_t> rx_times;
};

/* An Ethernet frame: dst, src, EtherType, payload bytes 0, 1, 2... (no FCS). */
inline Frame make_frame(const MacAddress &dst, uint32_t len, uint16_t ethertype = 0x0800)
{
	static const MacAddress kSrc = {0x02, 0x00, 0x00, 0x00, 0x00, 0x99};
	Frame f(len);
	for (uint32_t i = 0; i < len; i++)
		f[i] = static_cast<uint8_t>(i);
	std::memcpy(f.data(), dst.data(), 6);
	if (len >= 12)
		std::memcpy(f.data() + 6, kSrc.data(), 6);
	if (len >= 14) {
		f[12] = static_cast<uint8_t>(ethertype >> 8);
		f[13] = static_cast<uint8_t>(ethertype);
	}
	return f;
}

/* MDIO as tg3 does it (§5.1): START, poll BUSY every 10 µs up to PHY_BUSY_LOOPS, settle, re-read. */
class Mdio {
public:
	Mdio(QDriver &q, uint32_t phy_addr) : q_(q), addr_(phy_addr) {}
	uint32_t addr() const { return addr_; }
	void set_addr(uint32_t a) { addr_ = a; }

	/* Raw MI_COM word at completion, or nullopt if BUSY never cleared. */
	std::optional<uint32_t> xfer(uint32_t frame)
	{
		q_.reg_write(hw::MAC_MI_COM, frame);
		for (unsigned i = 0; i < hw::PHY_BUSY_LOOPS; i++) {
			q_.delay(kMiPollNs);
			if (!(q_.reg_read(hw::MAC_MI_COM) & hw::MI_COM_BUSY)) {
				q_.delay(kMiSettleNs);
				return q_.reg_read(hw::MAC_MI_COM);
			}
		}
		return std::nullopt;
	}
	uint16_t read(uint32_t reg)
	{
		const auto v = xfer(hw::mi_com_read(addr_, reg));
		EXPECT_TRUE(v.has_value()) << "MI_COM_BUSY stuck reading PHY reg " << reg;
		EXPECT_FALSE(v.value_or(0) & hw::MI_COM_READ_FAILED) << "read of PHY reg " << reg << " failed";
		return static_cast<uint16_t>(v.value_or(0) & hw::MI_COM_DATA_MASK);
	}
	void write(uint32_t reg, uint16_t val)
	{
		EXPECT_TRUE(xfer(hw::mi_com_write(addr_, reg, val)).has_value()) << "MI_COM_BUSY stuck writing " << reg;
	}

private:
	QDriver &q_;
	uint32_t addr_;
};

/* §11.1: 1 on the 57762; PCI function + 1 on the 5720. */
inline uint32_t expected_phy_addr(Personality p, unsigned function)
{
	return p == Personality::BCM5720 ? function + 1 : 1;
}

/* Fixture: a strict model with a TestWire attached and MDIO at the personality's PHY address. */
class MacPhyTest : public ModelTest {
protected:
	void SetUp() override
	{
		ModelTest::SetUp();
		setup_after_make();
	}
	void remake(const Config &cfg)
	{
		make(cfg);
		setup_after_make();
	}
	void setup_after_make()
	{
		auto w = std::make_unique<TestWire>();
		wire = w.get();
		dev->attach_wire(std::move(w));
		mdio = std::make_unique<Mdio>(*q, expected_phy_addr(chip_kind(), dev->config().pci_function));
	}
	/* Wait (polling BMSR twice per round like tg3) for link up; false on timeout. */
	bool wait_link(uint64_t timeout_ns = 10 * kMs)
	{
		for (uint64_t t = 0; t <= timeout_ns; t += 100 * kUs) {
			mdio->read(hw::MII_BMSR);
			if (mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS)
				return true;
			q->delay(100 * kUs);
		}
		return false;
	}
	uint64_t counter(uint64_t Counters::*c) { return dev->counters().*c; }

	TestWire *wire = nullptr;
	std::unique_ptr<Mdio> mdio;
};

} // namespace tg57xx::sim::test::macphy

#endif
