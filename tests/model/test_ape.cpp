/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The APE (BAR2) and the management firmware (blocks/ape.cpp): locks,
 * events, and the firmware losing its link whenever a driver breaks tg3's
 * protocol; a driver that follows tg3's order keeps it.
 */
#include <stdexcept>

#include "mac_phy_util.h"
#include "model_fixture.h"

namespace tg57xx::sim::test {
namespace {

constexpr uint64_t kUs = 1'000;
constexpr uint64_t kMs = 1'000'000;
constexpr unsigned kLockPolls = 100; /* tg3_ape_lock: 100 x 10 µs */
constexpr unsigned kEventPolls = 2000; /* tg3_ape_event_lock: 20 ms in 10 µs steps */
constexpr uint32_t kDriverBit = hw::APE_LOCK_PER_REQ_DRIVER;
constexpr uint32_t kPhyAddr = 1; /* function 0: PHY address 1 (§11.1) */
constexpr uint32_t kApeMacBits = hw::MAC_MODE_APE_TX_EN | hw::MAC_MODE_APE_RX_EN;
constexpr uint32_t kApeWriteEnables =
	hw::PCISTATE_ALLOW_APE_CTLSPC_WR | hw::PCISTATE_ALLOW_APE_SHMEM_WR | hw::PCISTATE_ALLOW_APE_PSPACE_WR;

/* A tg3-shaped driver for the APE side of the protocol (function 0). */
class ApeDriver {
public:
	ApeDriver(Device &dev, QDriver &q) : dev_(dev), q_(q) {}

	bool lock(unsigned n) /* tg3_ape_lock */
	{
		dev_.bar2_write32(hw::TG3_APE_LOCK_REQ_REG(n), kDriverBit);
		for (unsigned i = 0; i < kLockPolls; i++) {
			if (dev_.bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(n)) == kDriverBit)
				return true;
			dev_.advance(10 * kUs);
		}
		dev_.bar2_write32(hw::TG3_APE_LOCK_GRANT_REG(n), kDriverBit); /* revoke */
		return false;
	}
	void unlock(unsigned n) { dev_.bar2_write32(hw::TG3_APE_LOCK_GRANT_REG(n), kDriverBit); }

	bool send_event(uint32_t event) /* tg3_ape_send_event */
	{
		if (dev_.bar2_read32(hw::TG3_APE_SEG_SIG) != hw::APE_SEG_SIG_MAGIC ||
		    !(dev_.bar2_read32(hw::TG3_APE_FW_STATUS) & hw::APE_FW_STATUS_READY))
			return false;
		for (unsigned i = 0; i < kEventPolls; i++) {
			if (!lock(hw::TG3_APE_LOCK_MEM))
				return false;
			if (!(dev_.bar2_read32(hw::TG3_APE_EVENT_STATUS) & hw::APE_EVENT_STATUS_EVENT_PENDING)) {
				dev_.bar2_write32(hw::TG3_APE_EVENT_STATUS, event | hw::APE_EVENT_STATUS_EVENT_PENDING);
				unlock(hw::TG3_APE_LOCK_MEM);
				dev_.bar2_write32(hw::TG3_APE_EVENT, hw::APE_EVENT_1);
				return true;
			}
			unlock(hw::TG3_APE_LOCK_MEM);
			dev_.advance(10 * kUs);
		}
		return false;
	}
	bool state_start() /* tg3_ape_driver_state_change(RESET_KIND_INIT) */
	{
		dev_.bar2_write32(hw::TG3_APE_HOST_SEG_SIG, hw::APE_HOST_SEG_SIG_MAGIC);
		dev_.bar2_write32(hw::TG3_APE_HOST_SEG_LEN, hw::APE_HOST_SEG_LEN_MAGIC);
		dev_.bar2_write32(hw::TG3_APE_HOST_INIT_COUNT, dev_.bar2_read32(hw::TG3_APE_HOST_INIT_COUNT) + 1);
		dev_.bar2_write32(hw::TG3_APE_HOST_BEHAVIOR, hw::APE_HOST_BEHAV_NO_PHYLOCK);
		dev_.bar2_write32(hw::TG3_APE_HOST_DRVR_STATE, hw::TG3_APE_HOST_DRVR_STATE_START);
		return send_event(hw::APE_EVENT_STATUS_STATE_START | hw::APE_EVENT_STATUS_DRIVER_EVNT |
				  hw::APE_EVENT_STATUS_STATE_CHNGE);
	}
	bool state_unload() /* tg3_ape_driver_state_change(RESET_KIND_SHUTDOWN) */
	{
		dev_.bar2_write32(hw::TG3_APE_HOST_SEG_SIG, 0);
		dev_.bar2_write32(hw::TG3_APE_HOST_DRVR_STATE, hw::TG3_APE_HOST_DRVR_STATE_UNLOAD);
		return send_event(hw::APE_EVENT_STATUS_STATE_UNLOAD | hw::APE_EVENT_STATUS_DRIVER_EVNT |
				  hw::APE_EVENT_STATUS_STATE_CHNGE);
	}
	bool chip_reset(bool with_grc_lock) /* tg3_chip_reset: the reset and MAC_MODE = 0 under GRC */
	{
		if (with_grc_lock && !lock(hw::TG3_APE_LOCK_GRC))
			return false;
		const bool ok = q_.chip_reset();
		allow_writes(); /* tg3_restore_pci_state, before the unlock */
		q_.reg_write(hw::MAC_MODE, 0);
		if (with_grc_lock)
			unlock(hw::TG3_APE_LOCK_GRC);
		return ok;
	}
	void mdio_read(bool with_phy_lock) /* __tg3_readphy */
	{
		if (with_phy_lock) {
			ASSERT_TRUE(lock(hw::TG3_APE_LOCK_PHY0));
		}
		macphy::Mdio(q_, kPhyAddr).read(hw::MII_BMSR);
		if (with_phy_lock)
			unlock(hw::TG3_APE_LOCK_PHY0);
	}
	void allow_writes() /* tg3_get_invariants: PCISTATE_ALLOW_APE_* */
	{
		q_.cfg_write(hw::TG3PCI_PCISTATE, q_.cfg_read(hw::TG3PCI_PCISTATE) | kApeWriteEnables);
	}
	void heartbeat() { dev_.bar2_write32(hw::TG3_APE_HOST_HEARTBEAT_COUNT, ++beat_); }

private:
	Device &dev_;
	QDriver &q_;
	uint32_t beat_ = 0;
};

class ApeTest : public ProbedModelTest {
protected:
	void make(bool mgmt, bool strict)
	{
		make_probed(Personality::BCM5720, &Config::mgmt, mgmt, strict);
		ape = std::make_unique<ApeDriver>(*dev, *q);
		ape->allow_writes();
	}
	/* tg3_reset_hw's part the firmware cares about, after tg3_chip_reset. */
	void start_like_tg3()
	{
		ASSERT_TRUE(ape->state_start());
		ASSERT_TRUE(ape->chip_reset(true));
		q->reg_write(hw::MAC_MODE, kApeMacBits | hw::MAC_MODE_TDE_ENABLE | hw::MAC_MODE_RDE_ENABLE);
		dev->bar2_write32(hw::TG3_APE_HOST_HEARTBEAT_INT_MS, hw::APE_HOST_HEARTBEAT_INT_5SEC);
		q->sram_write(hw::NIC_SRAM_FW_DRV_STATE_MBOX, hw::DRV_STATE_START_DONE);
		ape->heartbeat();
	}
	uint64_t losses() const { return dev->counters().mgmt_link_losses; }

	std::unique_ptr<ApeDriver> ape;
};

TEST(ApeAbsent, The57762HasNoBar2)
{
	Config c = strict_config(Personality::BCM57762);
	auto dev = Device::create(c);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_SEG_SIG), 0xFFFFFFFFu) << "no BAR2: master abort reads all-ones";
	dev->bar2_write32(hw::TG3_APE_LOCK_REQ_REG(hw::TG3_APE_LOCK_GRC), kDriverBit);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_GRC)), 0xFFFFFFFFu);
	EXPECT_EQ(dev->counters().bar2_absent, 3u);
	c.mgmt = true;
	EXPECT_THROW(Device::create(c), std::invalid_argument) << "management firmware needs an APE";
}

TEST_F(ApeTest, WritesNeedThePcistateEnables)
{
	make(true, true);
	q->cfg_write(hw::TG3PCI_PCISTATE, hw::PCISTATE_ROM_ENABLE | hw::PCISTATE_ROM_RETRY_ENABLE);
	EXPECT_FALSE(ape->lock(hw::TG3_APE_LOCK_GRC)) << "the request never reached the APE";
	dev->bar2_write32(hw::TG3_APE_HOST_SEG_SIG, hw::APE_HOST_SEG_SIG_MAGIC);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_HOST_SEG_SIG), 0u);
	EXPECT_GE(dev->counters().ape_writes_refused, 2u);
	ape->allow_writes();
	EXPECT_TRUE(ape->lock(hw::TG3_APE_LOCK_GRC));
	ape->unlock(hw::TG3_APE_LOCK_GRC);
}

TEST_F(ApeTest, WithoutFirmwareLocksWorkAndEventsAreRefused)
{
	make(false, true);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_CFG) & (hw::NIC_SRAM_DATA_CFG_ASF_ENABLE | hw::NIC_SRAM_DATA_CFG_APE_ENABLE), 0u);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_SEG_SIG), 0u);
	const uint64_t grants = dev->counters().ape_lock_grants; /* probe_init's GPIO lock */
	EXPECT_TRUE(ape->lock(hw::TG3_APE_LOCK_GRC));
	EXPECT_EQ(dev->counters().ape_lock_grants, grants + 1);
	ape->unlock(hw::TG3_APE_LOCK_GRC);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_GRC)), 0u);
	EXPECT_FALSE(ape->state_start()) << "no firmware signature: tg3_ape_send_event gives up";
	/* Without firmware nothing is policed: a lock-less reset is fine. */
	EXPECT_TRUE(ape->chip_reset(false));
	EXPECT_EQ(losses(), 0u);
}

TEST_F(ApeTest, FirmwareAnnouncesItselfInNvramConfigAndApe)
{
	make(true, true);
	EXPECT_EQ(q->sram_read(hw::NIC_SRAM_DATA_CFG) & (hw::NIC_SRAM_DATA_CFG_ASF_ENABLE | hw::NIC_SRAM_DATA_CFG_APE_ENABLE),
		  hw::NIC_SRAM_DATA_CFG_ASF_ENABLE | hw::NIC_SRAM_DATA_CFG_APE_ENABLE);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_SEG_SIG), hw::APE_SEG_SIG_MAGIC);
	EXPECT_TRUE(dev->bar2_read32(hw::TG3_APE_FW_STATUS) & hw::APE_FW_STATUS_READY);
}

TEST_F(ApeTest, HeldLockMakesTheOtherSideWait)
{
	make(true, true);
	/* A second requester (function 1's bit) waits while the driver holds GRC. */
	ASSERT_TRUE(ape->lock(hw::TG3_APE_LOCK_GRC));
	dev->bar2_write32(hw::TG3_APE_LOCK_REQ_REG(hw::TG3_APE_LOCK_GRC), 1u << 1);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_GRC)), kDriverBit);
	ape->unlock(hw::TG3_APE_LOCK_GRC);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_GRC)), 1u << 1) << "handed over";
	/* The firmware takes the PHY lock for its own MDIO polls (held 50 µs: look every 20 µs). */
	constexpr uint64_t kLook = 20 * kUs;
	bool saw_fw = false;
	for (uint64_t t = 0; t < 300 * kMs && !saw_fw; t += kLook) {
		dev->advance(kLook);
		const uint32_t g = dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_PHY0));
		saw_fw = g != 0 && g != kDriverBit;
		if (saw_fw) {
			dev->bar2_write32(hw::TG3_APE_LOCK_REQ_REG(hw::TG3_APE_LOCK_PHY0), kDriverBit);
			EXPECT_NE(dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_PHY0)), kDriverBit);
			dev->advance(kMs);
			EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_PHY0)), kDriverBit)
				<< "granted once the firmware let go (well within tg3's 1 ms)";
		}
	}
	EXPECT_TRUE(saw_fw) << "the firmware never polled the PHY";
}

TEST_F(ApeTest, Tg3OrderKeepsTheFirmwaresLink)
{
	make(true, true); /* strict: any loss throws */
	start_like_tg3();
	ape->mdio_read(true);
	for (unsigned s = 0; s < 12; s++) {
		dev->advance(1000 * kMs);
		ape->heartbeat();
	}
	ASSERT_TRUE(ape->chip_reset(true)) << "a later reset (tg3_halt) under the lock";
	q->sram_write(hw::NIC_SRAM_FW_DRV_STATE_MBOX, hw::DRV_STATE_UNLOAD_DONE);
	ASSERT_TRUE(ape->state_unload());
	dev->advance(20'000 * kMs);
	EXPECT_EQ(losses(), 0u);
	EXPECT_EQ(dev->counters().mgmt_events_start, 1u);
	EXPECT_EQ(dev->counters().mgmt_events_unload, 1u);
	EXPECT_GE(dev->counters().mgmt_heartbeats, 12u);
	EXPECT_EQ(dev->bar2_read32(hw::TG3_APE_EVENT_STATUS) & hw::APE_EVENT_STATUS_EVENT_PENDING, 0u) << "served";
}

TEST_F(ApeTest, ResetWithoutGrcLockLosesLink)
{
	make(true, false);
	ASSERT_TRUE(ape->chip_reset(false));
	EXPECT_EQ(losses(), 2u) << "the reset, then MAC_MODE = 0, both outside the lock";
	const auto &v = dev->chip_for_tests().violations();
	ASSERT_FALSE(v.empty());
	EXPECT_NE(v.front().find("core reset without the APE GRC lock"), std::string::npos) << v.front();
}

TEST_F(ApeTest, MdioWithoutPhyLockLosesLink)
{
	make(true, false);
	ape->mdio_read(false);
	EXPECT_EQ(losses(), 1u);
}

TEST_F(ApeTest, MacModeWithoutApeBitsLosesLink)
{
	make(true, false);
	start_like_tg3();
	ASSERT_EQ(losses(), 0u);
	q->reg_write(hw::MAC_MODE, hw::MAC_MODE_TDE_ENABLE | hw::MAC_MODE_RDE_ENABLE);
	EXPECT_EQ(losses(), 1u);
}

TEST_F(ApeTest, FirmwareRulesAreNotTheDrivers)
{
	make(true, false);
	q->reg_write(hw::MAC_RCV_RULE(3), 0); /* tg3 clears 2..3 with ASF: fine */
	EXPECT_EQ(losses(), 0u);
	q->reg_write(hw::MAC_RCV_RULE(4), 0);
	q->reg_write(hw::MAC_RCV_VALUE(7), 0);
	EXPECT_EQ(losses(), 2u);
}

TEST_F(ApeTest, RunningWithoutDriverStateStartLosesLink)
{
	make(true, false);
	ASSERT_TRUE(ape->chip_reset(true));
	q->sram_write(hw::NIC_SRAM_FW_DRV_STATE_MBOX, hw::DRV_STATE_START_DONE);
	dev->advance(200 * kMs);
	EXPECT_EQ(losses(), 1u);
	dev->advance(500 * kMs);
	EXPECT_EQ(losses(), 1u) << "counted once per lapse";
}

TEST_F(ApeTest, MissingHeartbeatLosesLink)
{
	make(true, false);
	start_like_tg3();
	dev->advance(4000 * kMs);
	EXPECT_EQ(losses(), 0u) << "within the 5 s interval";
	dev->advance(2000 * kMs);
	EXPECT_EQ(losses(), 1u);
	ape->heartbeat();
	dev->advance(200 * kMs);
	EXPECT_EQ(losses(), 1u) << "beating again";
}

} // namespace
} // namespace tg57xx::sim::test
