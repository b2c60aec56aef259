/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PHY behind MAC_MI_COM (§5.1, §11): MDIO timing and addressing, PHY ids
 * (§11.4), BMCR/BMSR semantics, autonegotiation results (§11.5), forced
 * mode, loopback, link-change reporting (§11.7) and the link-flap fault.
 */
#include "mac_phy_util.h"

#include <stdexcept>

#include "mac.h"
#include "tg57xx_status.h"

namespace tg57xx::sim::test::macphy {
namespace {

class PhyTest : public MacPhyTest {
protected:
	uint16_t aux_speed() { return mdio->read(hw::MII_TG3_AUX_STAT) & hw::MII_TG3_AUX_STAT_SPDMASK; }
	/* tg3_phy_copper_begin (§11.5): advertise, CTRL1000, ANENABLE | ANRESTART. */
	void autoneg(uint16_t adv, uint16_t ctrl1000)
	{
		mdio->write(hw::MII_ADVERTISE, adv);
		mdio->write(hw::MII_CTRL1000, ctrl1000);
		mdio->write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
	}
};

constexpr uint16_t kAdvAll = hw::ADVERTISE_CSMA | hw::ADVERTISE_ALL | hw::ADVERTISE_PAUSE_CAP | hw::ADVERTISE_PAUSE_ASYM;
constexpr uint16_t kCtrl1000All = hw::ADVERTISE_1000FULL | hw::ADVERTISE_1000HALF;

/* ---- MDIO (§5.1) ---- */

TEST_P(PhyTest, MiComBusyClearsAfterOneMdioFrameWithTheData)
{
	q->reg_write(hw::MAC_STATUS, hw::MAC_STATUS_MI_COMPLETION);
	q->reg_write(hw::MAC_MI_COM, hw::mi_com_read(mdio->addr(), hw::MII_PHYSID1));
	EXPECT_TRUE(q->reg_read(hw::MAC_MI_COM) & hw::MI_COM_BUSY);
	q->delay(kMdioFrameNs - 1);
	EXPECT_TRUE(q->reg_read(hw::MAC_MI_COM) & hw::MI_COM_BUSY) << "one frame is 64 bits at 2.5 MHz";
	EXPECT_FALSE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_MI_COMPLETION);
	q->delay(1);
	const uint32_t v = q->reg_read(hw::MAC_MI_COM);
	EXPECT_FALSE(v & hw::MI_COM_BUSY);
	EXPECT_FALSE(v & hw::MI_COM_READ_FAILED);
	EXPECT_EQ(v & hw::MI_COM_DATA_MASK, 0x0362u) << "PHYSID1 (§11.4)";
	EXPECT_TRUE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_MI_COMPLETION);
	q->reg_write(hw::MAC_STATUS, hw::MAC_STATUS_MI_COMPLETION); /* W1C (tg3_clear_mac_status) */
	EXPECT_FALSE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_MI_COMPLETION);
	EXPECT_EQ(counter(&Counters::mdio_frames), 1u);
}

TEST_P(PhyTest, PhyIdsAreThePersonalitysTable11_4)
{
	const uint16_t id1 = mdio->read(hw::MII_PHYSID1);
	const uint16_t id2 = mdio->read(hw::MII_PHYSID2);
	EXPECT_EQ(id1, 0x0362);
	if (chip_kind() == Personality::BCM57762) {
		EXPECT_EQ(id2, 0x5E40);
		EXPECT_EQ(hw::tg3_phy_id_pack(id1, id2) & hw::TG3_PHY_ID_MASK, hw::TG3_PHY_ID_BCM57765);
	} else {
		EXPECT_EQ(id2, 0x5F60);
		EXPECT_EQ(hw::tg3_phy_id_pack(id1, id2) & hw::TG3_PHY_ID_MASK, hw::TG3_PHY_ID_BCM5720C);
	}
}

TEST_P(PhyTest, OtherAddressesReadAllOnesWithReadFailed)
{
	for (uint32_t a : {0u, mdio->addr() + 1, 31u}) {
		const auto v = mdio->xfer(hw::mi_com_read(a, hw::MII_PHYSID1));
		ASSERT_TRUE(v.has_value());
		EXPECT_EQ(*v & hw::MI_COM_DATA_MASK, 0xFFFFu) << "address " << a;
		EXPECT_TRUE(*v & hw::MI_COM_READ_FAILED) << "address " << a;
	}
	/* A write to nobody goes nowhere; the next good read clears READ_FAILED. */
	mdio->xfer(hw::mi_com_write(mdio->addr() + 1, hw::MII_ADVERTISE, 0x0001));
	EXPECT_EQ(mdio->read(hw::MII_ADVERTISE), 0x01E1) << "reset default, not the stray write";
	EXPECT_EQ(counter(&Counters::mdio_no_phy), 4u);
}

TEST(PhyAddress, Bcm5720FunctionOneAnswersAtAddressTwo)
{
	Config cfg = strict_config(Personality::BCM5720);
	cfg.pci_function = 1;
	auto dev = Device::create(cfg);
	QDriver q(*dev);
	Mdio at1(q, 1), at2(q, 2);
	EXPECT_EQ(at2.read(hw::MII_PHYSID2), 0x5F60) << "§11.1: function + 1";
	const auto v = at1.xfer(hw::mi_com_read(1, hw::MII_PHYSID2));
	ASSERT_TRUE(v.has_value());
	EXPECT_TRUE(*v & hw::MI_COM_READ_FAILED);
}

TEST_P(PhyTest, NewCommandWhileBusyIsAViolationAndIgnored)
{
	q->reg_write(hw::MAC_MI_COM, hw::mi_com_read(mdio->addr(), hw::MII_PHYSID2));
	q->delay(kMiPollNs);
	EXPECT_THROW(q->reg_write(hw::MAC_MI_COM, hw::mi_com_read(mdio->addr(), hw::MII_BMCR)), std::logic_error);
	dev->set_strict(false);
	q->reg_write(hw::MAC_MI_COM, hw::mi_com_write(mdio->addr(), hw::MII_ADVERTISE, 0));
	EXPECT_EQ(counter(&Counters::mdio_busy_writes), 2u);
	q->delay(kMdioFrameNs);
	const uint32_t v = q->reg_read(hw::MAC_MI_COM);
	EXPECT_FALSE(v & hw::MI_COM_BUSY);
	EXPECT_EQ(v & hw::MI_COM_DATA_MASK, chip_kind() == Personality::BCM57762 ? 0x5E40u : 0x5F60u)
		<< "the frame in flight completed";
	EXPECT_EQ(mdio->read(hw::MII_ADVERTISE), 0x01E1) << "the ignored write never reached the PHY";
}

/* ---- BMCR / BMSR (§11.2) ---- */

TEST_P(PhyTest, AdvertiseAndCtrl1000KeptExactlyAsWritten)
{
	mdio->write(hw::MII_ADVERTISE, 0x0C61);
	mdio->write(hw::MII_CTRL1000, hw::ADVERTISE_1000FULL | hw::CTL1000_AS_MASTER);
	EXPECT_EQ(mdio->read(hw::MII_ADVERTISE), 0x0C61);
	EXPECT_EQ(mdio->read(hw::MII_CTRL1000), hw::ADVERTISE_1000FULL | hw::CTL1000_AS_MASTER);
}

TEST_P(PhyTest, BmcrResetSelfClearsAfterADelayAndRestoresDefaults)
{
	mdio->write(hw::MII_ADVERTISE, hw::ADVERTISE_CSMA | hw::ADVERTISE_10HALF);
	mdio->write(hw::MII_CTRL1000, 0);
	mdio->write(hw::MII_BMCR, hw::BMCR_RESET);
	EXPECT_TRUE(mdio->read(hw::MII_BMCR) & hw::BMCR_RESET) << "not done one MDIO frame later";
	int polls = 0;
	while ((mdio->read(hw::MII_BMCR) & hw::BMCR_RESET) && polls < 5000) /* tg3_bmcr_reset */
		polls++;
	EXPECT_LT(polls, 5000);
	EXPECT_GT(polls, 0);
	EXPECT_EQ(mdio->read(hw::MII_BMCR), hw::BMCR_ANENABLE | hw::BMCR_FULLDPLX | hw::BMCR_SPEED1000);
	EXPECT_EQ(mdio->read(hw::MII_ADVERTISE), hw::ADVERTISE_CSMA | hw::ADVERTISE_ALL);
	EXPECT_EQ(mdio->read(hw::MII_CTRL1000), kCtrl1000All);
	EXPECT_EQ(mdio->read(hw::MII_TG3_IMASK), 0xFFFF);
}

TEST_P(PhyTest, BmsrLinkStatusIsLatchedLow)
{
	ASSERT_TRUE(wait_link());
	EXPECT_TRUE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
	dev->set_cable(false);
	dev->set_cable(true);
	q->delay(kAutonegNs + kMs);
	const uint16_t first = mdio->read(hw::MII_BMSR);
	const uint16_t second = mdio->read(hw::MII_BMSR);
	EXPECT_FALSE(first & hw::BMSR_LSTATUS) << "the drop is latched until read (§11.5 step 1)";
	EXPECT_TRUE(second & hw::BMSR_LSTATUS);
	EXPECT_EQ(second & 0xFF08u, 0x7908u) << "10/100 abilities, ESTATEN, ANEGCAPABLE";
	EXPECT_TRUE(second & hw::BMSR_ANEGCOMPLETE);
}

TEST_P(PhyTest, NoWireNoLinkAndUnknownRegistersReadZero)
{
	dev->attach_wire(nullptr);
	q->delay(kAutonegNs * 2);
	mdio->read(hw::MII_BMSR);
	EXPECT_FALSE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
	EXPECT_EQ(mdio->read(hw::MII_TG3_AUX_STAT), 0) << "tg3 waits for a non-zero code only with link";
	EXPECT_EQ(mdio->read(0x1F), 0);
	mdio->write(0x12, 0xBEEF);
	EXPECT_EQ(mdio->read(0x12), 0);
	EXPECT_EQ(counter(&Counters::phy_unknown_regs), 3u);
}

/* ---- autonegotiation (§11.5) ---- */

TEST_P(PhyTest, DefaultPartnerResolves1000FullWithPause)
{
	autoneg(kAdvAll, kCtrl1000All);
	ASSERT_TRUE(wait_link());
	const uint16_t aux = mdio->read(hw::MII_TG3_AUX_STAT);
	EXPECT_EQ(aux & hw::MII_TG3_AUX_STAT_SPDMASK, hw::MII_TG3_AUX_STAT_1000FULL);
	EXPECT_EQ(aux & 0x0003u, 0x0003u) << "TX and RX pause resolved (both sides PAUSE_CAP)";
	EXPECT_EQ(mdio->read(hw::MII_LPA), 0x0DE1 | hw::LPA_LPACK);
	EXPECT_EQ(mdio->read(hw::MII_STAT1000), hw::LPA_1000FULL | hw::LPA_1000LOCALRXOK | hw::LPA_1000REMRXOK);
	EXPECT_TRUE(mdio->read(hw::MII_BMSR) & hw::BMSR_ANEGCOMPLETE);
	EXPECT_EQ(mdio->read(hw::MII_ADVERTISE), kAdvAll) << "§11.5 step 3";
	EXPECT_EQ(mdio->read(hw::MII_CTRL1000), kCtrl1000All);
	auto *mac = chip().find_block<Mac>();
	ASSERT_NE(mac, nullptr);
	EXPECT_TRUE(mac->link_up());
	EXPECT_EQ(mac->link_speed(), 1000u);
}

TEST_P(PhyTest, Partner100FullOnly)
{
	dev->set_link_partner(LinkPartner{hw::ADVERTISE_CSMA | hw::ADVERTISE_100FULL, 0, false});
	autoneg(kAdvAll, kCtrl1000All);
	ASSERT_TRUE(wait_link());
	EXPECT_EQ(mdio->read(hw::MII_TG3_AUX_STAT) & 0x0703u, hw::MII_TG3_AUX_STAT_100FULL) << "no pause";
	EXPECT_EQ(mdio->read(hw::MII_STAT1000), 0);
	EXPECT_EQ(mdio->read(hw::MII_LPA), hw::LPA_100FULL | hw::ADVERTISE_CSMA | hw::LPA_LPACK);
}

struct Resolution {
	uint16_t ours, ours1000, theirs, theirs1000;
	uint16_t code; /* AUX_STAT speed code; 0 = no link */
};

TEST_P(PhyTest, HighestCommonModeWinsIn802_3Order)
{
	constexpr uint16_t C = hw::ADVERTISE_CSMA;
	const Resolution cases[] = {
		{kAdvAll, kCtrl1000All, C | hw::ADVERTISE_ALL, hw::ADVERTISE_1000HALF, hw::MII_TG3_AUX_STAT_1000HALF},
		{kAdvAll, 0, C | hw::ADVERTISE_ALL, kCtrl1000All, hw::MII_TG3_AUX_STAT_100FULL},
		{C | hw::ADVERTISE_100HALF | hw::ADVERTISE_10FULL, 0, C | hw::ADVERTISE_ALL, 0,
		 hw::MII_TG3_AUX_STAT_100HALF},
		{C | hw::ADVERTISE_10FULL | hw::ADVERTISE_10HALF, kCtrl1000All, C | hw::ADVERTISE_ALL, 0,
		 hw::MII_TG3_AUX_STAT_10FULL},
		{C | hw::ADVERTISE_10HALF, 0, C | hw::ADVERTISE_10HALF | hw::ADVERTISE_100FULL, 0,
		 hw::MII_TG3_AUX_STAT_10HALF},
		{C | hw::ADVERTISE_100FULL, 0, C | hw::ADVERTISE_10HALF, hw::ADVERTISE_1000FULL, 0},
	};
	for (const Resolution &r : cases) {
		dev->set_link_partner(LinkPartner{r.theirs, r.theirs1000, false});
		autoneg(r.ours, r.ours1000);
		q->delay(kAutonegNs + kMs);
		mdio->read(hw::MII_BMSR);
		const uint16_t bmsr = mdio->read(hw::MII_BMSR);
		EXPECT_EQ((bmsr & hw::BMSR_LSTATUS) != 0, r.code != 0) << std::hex << r.ours << "/" << r.theirs;
		EXPECT_TRUE(bmsr & hw::BMSR_ANEGCOMPLETE) << "negotiation completes even without a common mode";
		EXPECT_EQ(aux_speed(), r.code) << std::hex << r.ours << "/" << r.theirs;
	}
}

TEST_P(PhyTest, AutonegTakesTheConfiguredTime)
{
	Config cfg = strict_config(chip_kind());
	cfg.autoneg_ns = 5 * kMs;
	remake(cfg);
	mdio->write(hw::MII_ADVERTISE, kAdvAll);
	auto *mac = chip().find_block<Mac>();
	const uint64_t start = dev->now_ns();
	mdio->write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
	while (!mac->link_up() && dev->now_ns() - start < 20 * kMs)
		q->delay(kUs);
	const uint64_t took = dev->now_ns() - start;
	/* Negotiation starts when the BMCR frame has been clocked out (one MDIO frame). */
	EXPECT_GE(took, 5 * kMs + kMdioFrameNs);
	EXPECT_LE(took, 5 * kMs + kMdioFrameNs + kMiPollNs + kMiSettleNs + kUs);
}

TEST_P(PhyTest, ForcedModeLinksIfThePartnerCan)
{
	mdio->write(hw::MII_BMCR, hw::BMCR_SPEED100 | hw::BMCR_FULLDPLX);
	ASSERT_TRUE(wait_link());
	EXPECT_EQ(aux_speed(), hw::MII_TG3_AUX_STAT_100FULL);
	EXPECT_EQ(mdio->read(hw::MII_LPA), 0) << "no pages exchanged in forced mode";
	EXPECT_FALSE(mdio->read(hw::MII_BMSR) & hw::BMSR_ANEGCOMPLETE);

	dev->set_link_partner(LinkPartner{hw::ADVERTISE_CSMA | hw::ADVERTISE_100FULL, 0, false});
	mdio->write(hw::MII_BMCR, hw::BMCR_FULLDPLX); /* 10 full: the partner cannot */
	q->delay(2 * kAutonegNs);
	mdio->read(hw::MII_BMSR);
	EXPECT_FALSE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
	mdio->write(hw::MII_BMCR, hw::BMCR_SPEED100 | hw::BMCR_FULLDPLX);
	ASSERT_TRUE(wait_link());
	EXPECT_EQ(aux_speed(), hw::MII_TG3_AUX_STAT_100FULL);
}

TEST_P(PhyTest, PowerDownTakesTheLinkDown)
{
	ASSERT_TRUE(wait_link());
	mdio->write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_PDOWN);
	q->delay(2 * kAutonegNs);
	mdio->read(hw::MII_BMSR);
	EXPECT_FALSE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
	mdio->write(hw::MII_BMCR, hw::BMCR_ANENABLE);
	EXPECT_TRUE(wait_link());
}

TEST_P(PhyTest, LoopbackLinksAtOnceWithoutAWire)
{
	dev->attach_wire(nullptr);
	mdio->write(hw::MII_BMCR, hw::BMCR_LOOPBACK | hw::BMCR_FULLDPLX | hw::BMCR_SPEED1000);
	mdio->read(hw::MII_BMSR);
	EXPECT_TRUE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
	EXPECT_EQ(aux_speed(), hw::MII_TG3_AUX_STAT_1000FULL);
}

/* ---- link reporting (§11.7) ---- */

TEST_P(PhyTest, LinkTransitionsSetLnkstateChangedW1CAndTxStatusFollows)
{
	ASSERT_TRUE(wait_link());
	EXPECT_TRUE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_LNKSTATE_CHANGED);
	EXPECT_TRUE(q->reg_read(hw::MAC_TX_STATUS) & hw::TX_STATUS_LINK_UP);
	q->reg_write(hw::MAC_STATUS, hw::TG3_MAC_STATUS_CHANGE_BITS);
	EXPECT_EQ(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_LNKSTATE_CHANGED, 0u);

	wire->carrier_on = false; /* the partner went away */
	dev->step();
	EXPECT_TRUE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_LNKSTATE_CHANGED);
	EXPECT_FALSE(q->reg_read(hw::MAC_TX_STATUS) & hw::TX_STATUS_LINK_UP);
	EXPECT_EQ(counter(&Counters::link_changes), 2u);
}

TEST_P(PhyTest, LinkFlapFaultDropsAndRenegotiatesNTimes)
{
	ASSERT_TRUE(wait_link());
	const uint64_t base = counter(&Counters::link_changes);
	Faults f;
	f.link_flaps = 2;
	f.link_flap_ns = 1 * kMs;
	dev->set_faults(f);
	dev->step();
	auto *mac = chip().find_block<Mac>();
	EXPECT_FALSE(mac->link_up());
	q->delay(f.link_flap_ns + kAutonegNs);
	EXPECT_TRUE(mac->link_up()) << "renegotiated after the hold-down";
	q->delay(f.link_flap_ns - 1);
	EXPECT_TRUE(mac->link_up()) << "up for link_flap_ns before the next flap";
	q->delay(1);
	EXPECT_FALSE(mac->link_up()) << "second flap";
	q->delay(f.link_flap_ns + kAutonegNs);
	EXPECT_TRUE(mac->link_up());
	q->delay(10 * kMs);
	EXPECT_EQ(counter(&Counters::link_changes) - base, 4u);
	EXPECT_EQ(dev->faults().link_flaps, 0u);
	q->reg_write(hw::MAC_STATUS, hw::MAC_STATUS_LNKSTATE_CHANGED);
	EXPECT_EQ(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_LNKSTATE_CHANGED, 0u);
}

TEST_P(PhyTest, LinkChangeWithTheEventEnabledReachesTheStatusBlock)
{
	ASSERT_TRUE(wait_link());
	q->reg_write(hw::MAC_STATUS, hw::TG3_MAC_STATUS_CHANGE_BITS);
	const uint64_t sblk = arena->alloc(0x80, 64);
	q->reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(sblk >> 32));
	q->reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(sblk));
	q->reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE);
	q->reg_write(hw::GRC_MODE, q->reg_read(hw::GRC_MODE) | hw::GRC_MODE_IRQ_ON_MAC_ATTN);
	q->reg_write(hw::MAC_MI_STAT, hw::MAC_MI_STAT_LNKSTAT_ATTN_ENAB);
	q->reg_write(hw::MAC_EVENT, hw::MAC_EVENT_LNKSTATE_CHANGED);
	q->delay(kMs);
	EXPECT_FALSE(*arena->at<uint32_t>(sblk) & hw::SD_STATUS_LINK_CHG);

	dev->set_cable(false);
	dev->step();
	EXPECT_TRUE(*arena->at<uint32_t>(sblk) & hw::SD_STATUS_LINK_CHG) << "§11.7 / §17 item 8";
}

TEST_P(PhyTest, IstatLatchesLinkChangesAndImaskGatesMiInterrupt)
{
	ASSERT_TRUE(wait_link());
	mdio->read(hw::MII_TG3_ISTAT);
	EXPECT_EQ(mdio->read(hw::MII_TG3_ISTAT), 0) << "clear on read";
	mdio->write(hw::MII_TG3_IMASK, static_cast<uint16_t>(~hw::MII_TG3_INT_LINKCHG));
	EXPECT_FALSE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_MI_INTERRUPT);
	dev->set_link_partner(LinkPartner{hw::ADVERTISE_CSMA | hw::ADVERTISE_100FULL, 0, false});
	q->delay(kAutonegNs + kMs);
	EXPECT_TRUE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_MI_INTERRUPT);
	EXPECT_EQ(mdio->read(hw::MII_TG3_ISTAT),
		  hw::MII_TG3_INT_LINKCHG | hw::MII_TG3_INT_SPEEDCHG);
	EXPECT_FALSE(q->reg_read(hw::MAC_STATUS) & hw::MAC_STATUS_MI_INTERRUPT) << "the read cleared the source";
}

TEST_P(PhyTest, CoreResetLeavesThePhyAndLinkAlone)
{
	ASSERT_TRUE(wait_link());
	mdio->write(hw::MII_ADVERTISE, 0x0C61);
	ASSERT_TRUE(q->chip_reset());
	EXPECT_TRUE(q->reg_read(hw::MAC_TX_STATUS) & hw::TX_STATUS_LINK_UP);
	EXPECT_EQ(mdio->read(hw::MII_ADVERTISE), 0x0C61);
	mdio->read(hw::MII_BMSR);
	EXPECT_TRUE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
}

TEST_P(PhyTest, ShadowAndIndirectRegistersStoreWhatIsWritten)
{
	/* AUX_CTRL MISC shadow: write with WREN, select with RDSEL (tg3_phy_auxctl_write/_read). */
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_MISC_WREN | 0x0200 | hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL | hw::MII_TG3_AUXCTL_ACTL_SMDSP_ENA);
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_MISC << 12 | hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	EXPECT_EQ(mdio->read(hw::MII_TG3_AUX_CTRL), 0x0200 | hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL << 12 | hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	EXPECT_EQ(mdio->read(hw::MII_TG3_AUX_CTRL), hw::MII_TG3_AUXCTL_ACTL_SMDSP_ENA);
	/* DSP through address + port (Thundergate read_exp, §11.3). */
	mdio->write(hw::MII_TG3_DSP_ADDRESS, 0x0F42);
	mdio->write(hw::MII_TG3_DSP_RW_PORT, 0x1234);
	mdio->write(hw::MII_TG3_DSP_ADDRESS, 0x0F43);
	EXPECT_EQ(mdio->read(hw::MII_TG3_DSP_RW_PORT), 0);
	mdio->write(hw::MII_TG3_DSP_ADDRESS, 0x0F42);
	EXPECT_EQ(mdio->read(hw::MII_TG3_DSP_RW_PORT), 0x1234);
	/* Clause 45 through MMD_CTRL/MMD_ADDRESS (§11.1). */
	constexpr uint16_t kDevad = 7, kReg = 0x3C;
	mdio->write(hw::MII_TG3_MMD_CTRL, kDevad);
	mdio->write(hw::MII_TG3_MMD_ADDRESS, kReg);
	mdio->write(hw::MII_TG3_MMD_CTRL, hw::MII_TG3_MMD_CTRL_DATA_NOINC | kDevad);
	mdio->write(hw::MII_TG3_MMD_ADDRESS, 0x0006);
	mdio->write(hw::MII_TG3_MMD_CTRL, kDevad);
	mdio->write(hw::MII_TG3_MMD_ADDRESS, kReg);
	mdio->write(hw::MII_TG3_MMD_CTRL, hw::MII_TG3_MMD_CTRL_DATA_NOINC | kDevad);
	EXPECT_EQ(mdio->read(hw::MII_TG3_MMD_ADDRESS), 0x0006);
	/* EXT_STAT: MDIX from a crossed cable, link pass. */
	dev->set_link_partner(LinkPartner{0x0DE1, hw::ADVERTISE_1000FULL, true});
	ASSERT_TRUE(wait_link());
	EXPECT_EQ(mdio->read(hw::MII_TG3_EXT_STAT), hw::MII_TG3_EXT_STAT_MDIX | hw::MII_TG3_EXT_STAT_LPASS);
}

/* ---- AUX_CTRL shadows that act (tg3_setup_copper_phy, tg3_phy_toggle_automdix) ---- */

TEST_P(PhyTest, SuperIsolateInThePowerControlShadowHoldsTheLinkDown)
{
	ASSERT_TRUE(wait_link());
	/* tg3_power_down_phy's low-power set. */
	constexpr uint16_t kLowPower = hw::MII_TG3_AUXCTL_PCTL_100TX_LPWR | hw::MII_TG3_AUXCTL_PCTL_SPR_ISOLATE |
				       hw::MII_TG3_AUXCTL_PCTL_VREG_11V;
	mdio->write(hw::MII_TG3_AUX_CTRL, kLowPower | hw::MII_TG3_AUXCTL_SHDWSEL_PWRCTL);
	q->delay(2 * kAutonegNs);
	mdio->read(hw::MII_BMSR);
	EXPECT_FALSE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS);
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_PWRCTL << hw::MII_TG3_AUXCTL_MISC_RDSEL_SHIFT |
						  hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	EXPECT_EQ(mdio->read(hw::MII_TG3_AUX_CTRL), kLowPower | hw::MII_TG3_AUXCTL_SHDWSEL_PWRCTL);
	EXPECT_FALSE(wait_link()) << "stays down: the PHY is off the wire";
	/* tg3_setup_copper_phy: tg3_phy_auxctl_write(PWRCTL, 0). */
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_PWRCTL);
	EXPECT_TRUE(wait_link());
}

TEST_P(PhyTest, CrossedCableLinksForcedOnlyWithForceAutoMdix)
{
	dev->set_link_partner(LinkPartner{0x0DE1, hw::ADVERTISE_1000FULL, true});
	mdio->write(hw::MII_BMCR, hw::BMCR_SPEED100 | hw::BMCR_FULLDPLX);
	q->delay(2 * kAutonegNs);
	mdio->read(hw::MII_BMSR);
	EXPECT_FALSE(mdio->read(hw::MII_BMSR) & hw::BMSR_LSTATUS) << "forced, no auto-MDIX: crossed pairs, no link";
	/* tg3_phy_toggle_automdix(true) and tg3_phy_set_wirespeed: MISC shadow read-modify-write. */
	constexpr uint16_t kReadMisc = hw::MII_TG3_AUXCTL_SHDWSEL_MISC << hw::MII_TG3_AUXCTL_MISC_RDSEL_SHIFT |
				       hw::MII_TG3_AUXCTL_SHDWSEL_MISC;
	mdio->write(hw::MII_TG3_AUX_CTRL, kReadMisc);
	const uint16_t misc = mdio->read(hw::MII_TG3_AUX_CTRL);
	mdio->write(hw::MII_TG3_AUX_CTRL, misc | hw::MII_TG3_AUXCTL_MISC_FORCE_AMDIX | hw::MII_TG3_AUXCTL_MISC_WIRESPD_EN |
						  hw::MII_TG3_AUXCTL_MISC_WREN);
	ASSERT_TRUE(wait_link());
	EXPECT_EQ(aux_speed(), hw::MII_TG3_AUX_STAT_100FULL);
	EXPECT_TRUE(mdio->read(hw::MII_TG3_EXT_STAT) & hw::MII_TG3_EXT_STAT_MDIX);
	mdio->write(hw::MII_TG3_AUX_CTRL, kReadMisc);
	EXPECT_EQ(mdio->read(hw::MII_TG3_AUX_CTRL), hw::MII_TG3_AUXCTL_MISC_FORCE_AMDIX |
							    hw::MII_TG3_AUXCTL_MISC_WIRESPD_EN |
							    hw::MII_TG3_AUXCTL_SHDWSEL_MISC)
		<< "read back without the write enable";
	/* Autonegotiation runs auto-MDIX whatever the bit says. */
	mdio->write(hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_MISC_WREN | hw::MII_TG3_AUXCTL_SHDWSEL_MISC);
	mdio->write(hw::MII_BMCR, hw::BMCR_ANENABLE | hw::BMCR_ANRESTART);
	EXPECT_TRUE(wait_link());
}

TG57XX_BOTH_CHIPS(PhyTest);

} // namespace
} // namespace tg57xx::sim::test::macphy
