/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fault recovery (issue 11 item 3), through rte_eth_* on the chip model with
 * its faults injected (tg57xx_sim_fault.h): a DMA error or a TX timeout
 * raises one RTE_ETH_EVENT_INTR_RESET; rte_eth_dev_reset + start bring the
 * port back with its configuration; faults a reset does not cure (link flap,
 * corrupt BD) raise none; in every case the pool's mbufs all come back after
 * stop/close.
 */
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "pmd_env.h"
#include "tg57xx_regs.h"

using namespace tg57xx::test;
namespace hw = tg57xx::hw;

namespace {

constexpr unsigned kPoolMbufs = 2048;
constexpr unsigned kFrames = 16;
constexpr uint32_t kFrameLen = 256;
/* The PMD's TX watchdog (tg57xx_recover.cpp kTxTimeoutMs, 5 s) plus the alarm's period and slack. */
constexpr unsigned kTxTimeoutWaitMs = 5000 + kWaitMs;
/* Long enough for the 100 ms link alarm to look many times, even on a loaded machine. */
constexpr unsigned kEventWaitMs = kWaitMs;
/* How long the flapped link stays down. The test sees it down only if the PMD's link alarm
 * (and the test's own poll) run inside that window: a 300 ms flap went unseen on 2 cores
 * under a load of 25 (pmd suite next to e2e and other checkouts' runs), where both can wait
 * that long for a CPU. Well inside kEventWaitMs, which also bounds the way back up. */
constexpr unsigned kFlapDownMs = 1500;
constexpr unsigned kQuietMs = 500;
/* A drain of what is still on its way. */
constexpr unsigned kSettleMs = 50;
const char *const kMac = "02:00:00:00:0e:01";
const char *const kOtherMac = "02:00:00:00:0e:77";

rte_ether_addr mac(const char *s)
{
	rte_ether_addr a{};
	EXPECT_EQ(rte_ether_unformat_addr(s, &a), 0);
	return a;
}

int count_event(uint16_t, rte_eth_event_type, void *arg, void *) noexcept
{
	static_cast<std::atomic<unsigned> *>(arg)->fetch_add(1);
	return 0;
}

class Recover : public ::testing::Test {
protected:
	void SetUp() override
	{
		mp = make_pool(kPoolMbufs);
		ASSERT_NE(mp, nullptr);
		in_use0 = rte_mempool_in_use_count(mp);
	}
	void TearDown() override { rte_mempool_free(mp); }

	void watch(uint16_t port)
	{
		ASSERT_EQ(rte_eth_dev_callback_register(port, RTE_ETH_EVENT_INTR_RESET, count_event, &resets), 0);
		watched = port;
	}
	void unwatch()
	{
		rte_eth_dev_callback_unregister(watched, RTE_ETH_EVENT_INTR_RESET, count_event, &resets);
	}
	/* kFrames to `dst` and back through the loop, byte for byte. */
	void loops(uint16_t port, const rte_ether_addr &dst, const char *when)
	{
		std::vector<std::vector<uint8_t>> frames;
		for (unsigned i = 0; i < kFrames; i++)
			frames.push_back(make_frame(dst, dst, kFrameLen, i));
		ASSERT_EQ(send_all(port, mp, frames), frames.size()) << when;
		const auto got = recv_n(port, frames.size());
		ASSERT_EQ(got.size(), frames.size()) << when;
		for (size_t i = 0; i < got.size(); i++)
			EXPECT_EQ(got[i], frames[i]) << when << ": frame " << i;
	}
	/* A looped port up, its reset events counted, frames going round. */
	void up(SimPort &p)
	{
		ASSERT_TRUE(p.ok());
		watch(p.port());
		ASSERT_EQ(p.start(mp), 0);
		loops(p.port(), mac(kMac), "before the fault");
	}
	/* rte_eth_dev_reset + start, as an application answers the event. */
	void reset_and_start(uint16_t port)
	{
		ASSERT_EQ(rte_eth_dev_reset(port), 0);
		EXPECT_EQ(xstat(port, "resets"), 1u);
		ASSERT_EQ(rte_eth_dev_start(port), 0);
		ASSERT_TRUE(wait_for([port] {
			rte_eth_link l{};
			rte_eth_link_get_nowait(port, &l);
			return l.link_status == RTE_ETH_LINK_UP;
		}));
	}

	rte_mempool *mp = nullptr;
	unsigned in_use0 = 0;
	std::atomic<unsigned> resets{0};
	uint16_t watched = 0;
};

} // namespace

TEST_F(Recover, BadFaultDevargsAreRefused)
{
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf0", "fault=meteor"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf1", "fault=dma:0"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf2", "fault=dma+"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf3", "fault=bootcode:2"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf6", "fault=bufmgr:1"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf7", "bootcode=maybe"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf8", "lom=maybe"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf9", "lom="), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf4", "fault=dma,fault_after=0"), 0);
	EXPECT_NE(try_hotplug("net_tg57xx_sim_badf5", "fault=dma,fault_after=soon"), 0);
	EXPECT_EQ(inject_fault("net_tg57xx_sim_nosuch", "dma:1"), -ENODEV);
}

/* tg3_process_error: a refused DMA (RDMAC/WDMAC_STATUS, ref §5.9) asks for one reset; the port comes back. */
TEST_F(Recover, DmaErrorRaisesOneResetAndTheConfigurationSurvives)
{
	{
		SimPort p("net_tg57xx_sim_rdma", std::string("wire=loop,mac=") + kMac);
		ASSERT_NO_FATAL_FAILURE(up(p));
		/* Configuration the reset must keep: a new station address, a smaller MTU. */
		rte_ether_addr other = mac(kOtherMac);
		ASSERT_EQ(rte_eth_dev_default_mac_addr_set(p.port(), &other), 0);
		ASSERT_EQ(rte_eth_dev_set_mtu(p.port(), 1400), 0);
		loops(p.port(), other, "after the address change");

		ASSERT_EQ(inject_fault(p.name(), "dma:1"), 0);
		std::vector<std::vector<uint8_t>> one{make_frame(other, other, kFrameLen, 99)};
		EXPECT_EQ(send_all(p.port(), mp, one), 1u);
		ASSERT_TRUE(wait_for([this] { return resets.load() >= 1; }, kEventWaitMs)) << "no reset event";
		std::this_thread::sleep_for(std::chrono::milliseconds(kQuietMs));
		EXPECT_EQ(resets.load(), 1u) << "one event per fault";
		EXPECT_EQ(xstat(p.port(), "chip_error_attentions"), 1u);
		EXPECT_EQ(xstat(p.port(), "reset_requests"), 1u);
		recv_n(p.port(), 1, kSettleMs); /* whatever made it before the fault */

		reset_and_start(p.port());
		rte_ether_addr now{};
		ASSERT_EQ(rte_eth_macaddr_get(p.port(), &now), 0);
		EXPECT_TRUE(rte_is_same_ether_addr(&now, &other));
		uint16_t mtu = 0;
		EXPECT_EQ(rte_eth_dev_get_mtu(p.port(), &mtu), 0);
		EXPECT_EQ(mtu, 1400);
		/* The chip filters on the new address again: frames to it loop, byte for byte. */
		loops(p.port(), other, "after the reset");
		std::this_thread::sleep_for(std::chrono::milliseconds(kQuietMs));
		EXPECT_EQ(resets.load(), 1u) << "a healthy port asks for no more resets";
		unwatch();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* tg3_tx_timeout: a lost send doorbell (ref §4.3) leaves BDs pending; the alarm notices, once. */
TEST_F(Recover, LostDoorbellIsATxTimeout)
{
	{
		SimPort p("net_tg57xx_sim_txto", std::string("wire=loop,mac=") + kMac);
		ASSERT_NO_FATAL_FAILURE(up(p));
		ASSERT_TRUE(wait_for([&p] { return doorbells_taken(p.port()); }));

		ASSERT_EQ(inject_fault(p.name(), "doorbell:1"), 0);
		std::vector<std::vector<uint8_t>> one{make_frame(mac(kMac), mac(kMac), kFrameLen, 7)};
		EXPECT_EQ(send_all(p.port(), mp, one), 1u);
		ASSERT_TRUE(wait_for([this] { return resets.load() >= 1; }, kTxTimeoutWaitMs)) << "no TX timeout";
		EXPECT_EQ(xstat(p.port(), "tx_timeouts"), 1u);
		EXPECT_EQ(xstat(p.port(), "chip_error_attentions"), 0u);
		EXPECT_TRUE(recv_n(p.port(), 1, kSettleMs).empty()) << "the frame never left";

		reset_and_start(p.port());
		loops(p.port(), mac(kMac), "after the reset");
		EXPECT_EQ(resets.load(), 1u);
		unwatch();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* A packet the chip never takes (its doorbell lost) when the port stops: stop
 * waits for it a bounded time, then counts it in oerrors; no reset. */
TEST_F(Recover, StopCountsWhatTheChipCouldNotSend)
{
	{
		SimPort p("net_tg57xx_sim_unsent", std::string("wire=loop,mac=") + kMac);
		ASSERT_NO_FATAL_FAILURE(up(p));
		ASSERT_TRUE(wait_for([&p] { return doorbells_taken(p.port()); }));
		ASSERT_EQ(inject_fault(p.name(), "doorbell:1"), 0);
		std::vector<std::vector<uint8_t>> one{make_frame(mac(kMac), mac(kMac), kFrameLen, 7)};
		EXPECT_EQ(send_all(p.port(), mp, one), 1u);
		p.stop();
		rte_eth_stats st{};
		ASSERT_EQ(rte_eth_stats_get(p.port(), &st), 0);
		EXPECT_EQ(st.oerrors, 1u);
		EXPECT_EQ(st.opackets, kFrames + 1);
		EXPECT_EQ(resets.load(), 0u);
		unwatch();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* The link goes away and comes back: no reset, traffic resumes by itself. */
TEST_F(Recover, LinkFlapNeedsNoReset)
{
	{
		SimPort p("net_tg57xx_sim_flap", std::string("wire=loop,mac=") + kMac);
		ASSERT_NO_FATAL_FAILURE(up(p));
		ASSERT_EQ(inject_fault(p.name(), ("flap:1:" + std::to_string(kFlapDownMs)).c_str()), 0);
		auto link_up = [&p] {
			rte_eth_link l{};
			rte_eth_link_get_nowait(p.port(), &l);
			return l.link_status == RTE_ETH_LINK_UP;
		};
		ASSERT_TRUE(wait_for([&] { return !link_up(); }, kEventWaitMs)) << "the flap was not seen";
		ASSERT_TRUE(wait_for(link_up, kEventWaitMs)) << "the link did not come back";
		loops(p.port(), mac(kMac), "after the flap");
		EXPECT_EQ(resets.load(), 0u);
		unwatch();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* Statistics registers read while the chip does not answer (fault bus:N: a
 * device whose PCIe link is down, or a secondary's proxied read the primary
 * did not answer) read all-ones. The PMD adds nothing for them (2^32 - 1 per
 * read before) and, since an unanswered read clears nothing on the chip, the
 * next fetch still finds every frame. The link alarm's reads may meet the
 * fault too; this test asks nothing of the link or of reset events. */
TEST_F(Recover, UnansweredStatisticsReadsAddNothingAndLoseNothing)
{
	{
		SimPort p("net_tg57xx_sim_bus", std::string("wire=loop,mac=") + kMac);
		ASSERT_NO_FATAL_FAILURE(up(p));
		ASSERT_EQ(xstat(p.port(), "rx_ucast_packets"), kFrames);
		loops(p.port(), mac(kMac), "counted on the chip, not fetched yet");
		constexpr unsigned kUnanswered = 64; /* more than a whole fetch reads */
		ASSERT_EQ(inject_fault(p.name(), ("bus:" + std::to_string(kUnanswered)).c_str()), 0);
		const bool consumed = wait_for([&p] {
			rte_eth_stats st{};
			EXPECT_EQ(rte_eth_stats_get(p.port(), &st), 0);
			EXPECT_EQ(st.ierrors, 0u);
			EXPECT_EQ(st.imissed, 0u);
			EXPECT_EQ(st.oerrors, 0u);
			for (const char *n : {"rx_ucast_packets", "tx_ucast_packets", "rx_octets", "rx_fcs_errors"})
				EXPECT_LE(xstat(p.port(), n), 2 * kFrames * (kFrameLen + 4)) << n;
			return sim_counter(p.name(), "bar0_reads_failed") >= kUnanswered;
		});
		ASSERT_TRUE(consumed) << "the model answered every read again";
		EXPECT_EQ(xstat(p.port(), "rx_ucast_packets"), 2 * kFrames) << "no frame lost to an unanswered read";
		EXPECT_EQ(xstat(p.port(), "tx_ucast_packets"), 2 * kFrames);
		EXPECT_EQ(xstat(p.port(), "rx_fcs_errors"), 0u);
		unwatch();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* Corrupt descriptors cost frames (counted), not a reset (tg3 resets only for DMA/flow/MSI errors). */
TEST_F(Recover, CorruptBdCostsFramesNotAReset)
{
	{
		SimPort p("net_tg57xx_sim_cbd", std::string("wire=loop,mac=") + kMac);
		ASSERT_NO_FATAL_FAILURE(up(p));
		ASSERT_EQ(inject_fault(p.name(), "bd:2"), 0);
		std::vector<std::vector<uint8_t>> frames;
		for (unsigned i = 0; i < kFrames; i++)
			frames.push_back(make_frame(mac(kMac), mac(kMac), kFrameLen, 100 + i));
		EXPECT_EQ(send_all(p.port(), mp, frames), frames.size());
		const auto got = recv_some(p.port(), frames.size() - 2, frames.size(), kQuietMs);
		EXPECT_LT(got.size(), frames.size()) << "two BDs were corrupt";
		EXPECT_GE(got.size(), frames.size() - 2);
		std::this_thread::sleep_for(std::chrono::milliseconds(kQuietMs));
		loops(p.port(), mac(kMac), "after the fault");
		EXPECT_EQ(resets.load(), 0u);
		unwatch();
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* What the PMD logs while alive: DPDK's log stream redirected to memory. */
class LogCapture {
public:
	LogCapture() : f_(open_memstream(&buf_, &len_)) { rte_openlog_stream(f_); }
	~LogCapture()
	{
		rte_openlog_stream(nullptr);
		if (f_ != nullptr)
			std::fclose(f_);
		std::free(buf_);
	}
	LogCapture(const LogCapture &) = delete;
	LogCapture &operator=(const LogCapture &) = delete;
	bool ok() const { return f_ != nullptr; }
	/* How often `needle` was logged so far. */
	unsigned count(const std::string &needle)
	{
		flockfile(f_); /* the alarm thread may log meanwhile */
		std::fflush(f_);
		const std::string text(buf_, len_);
		funlockfile(f_);
		unsigned n = 0;
		for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
			n++;
		return n;
	}

private:
	char *buf_ = nullptr;
	size_t len_ = 0;
	FILE *f_;
};

const char *const kNoFirmware = "No firmware running";

/* A board fitted without boot code (ref §6.2; tg3_poll_fw): the handshake is
 * never answered, the PMD says so once and runs; the MAC comes from NVRAM. */
TEST_F(Recover, BoardWithoutBootcodeWarnsOnceAndRuns)
{
	LogCapture log;
	ASSERT_TRUE(log.ok());
	{
		SimPort p("net_tg57xx_sim_noboot", std::string("wire=loop,bootcode=0,mac=") + kMac);
		ASSERT_TRUE(p.ok());
		ASSERT_EQ(p.start(mp), 0) << "tg3 carries on without boot code";
		EXPECT_EQ(log.count(kNoFirmware), 1u);
		rte_ether_addr got{};
		const rte_ether_addr want = mac(kMac);
		ASSERT_EQ(rte_eth_macaddr_get(p.port(), &got), 0);
		EXPECT_TRUE(rte_is_same_ether_addr(&got, &want)) << "read from NVRAM";
		loops(p.port(), mac(kMac), "first start");
		p.stop();
		ASSERT_EQ(rte_eth_dev_start(p.port()), 0);
		ASSERT_TRUE(wait_for([&p] {
			rte_eth_link l{};
			rte_eth_link_get_nowait(p.port(), &l);
			return l.link_status == RTE_ETH_LINK_UP;
		}));
		loops(p.port(), mac(kMac), "second start");
		EXPECT_EQ(log.count(kNoFirmware), 1u) << "said once per port, as tg3's NO_FWARE_REPORTED";
		uint8_t word[4] = {};
		rte_dev_eeprom_info e{};
		e.data = word;
		e.length = sizeof(word);
		EXPECT_EQ(rte_eth_dev_get_eeprom(p.port(), &e), 0) << "nothing holds the NVRAM";
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* Boot code that is there but hangs (fault=bootcode): tg3_poll_fw cannot tell
 * it from none, warns and goes on, so the port runs; the hung boot code still
 * holds NVRAM arbitration, so an NVRAM read fails cleanly instead of hanging. */
TEST_F(Recover, HungBootcodeWarnsAndRunsWithoutNvram)
{
	LogCapture log;
	ASSERT_TRUE(log.ok());
	{
		SimPort p("net_tg57xx_sim_boot", std::string("wire=loop,fault=bootcode,mac=") + kMac);
		ASSERT_TRUE(p.ok()) << "probe needs no core reset, so it works";
		ASSERT_EQ(p.start(mp), 0);
		EXPECT_EQ(log.count(kNoFirmware), 1u);
		loops(p.port(), mac(kMac), "with the boot code hung");
		uint8_t word[4] = {};
		rte_dev_eeprom_info e{};
		e.data = word;
		e.length = sizeof(word);
		EXPECT_EQ(rte_eth_dev_get_eeprom(p.port(), &e), -EBUSY);
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* A buffer manager that never comes up (ref §5.8; tg3_reset_hw "cannot enable
 * BUFMGR", -ENODEV): start fails with one log line, the mbufs come back. */
TEST_F(Recover, StuckBufmgrFailsTheStartCleanly)
{
	{
		SimPort p("net_tg57xx_sim_bufmgr", std::string("wire=loop,fault=bufmgr,mac=") + kMac);
		ASSERT_TRUE(p.ok()) << "probe does not enable the buffer manager, so it works";
		EXPECT_NE(p.start(mp), 0);
		EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0) << "a failed start keeps no buffers";
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}

/* rte_eth_dev_reset of a healthy running port: a stop, a re-init, a start; nothing is lost. */
TEST_F(Recover, ResetOfAHealthyPort)
{
	{
		SimPort p("net_tg57xx_sim_hreset", std::string("wire=loop,mac=") + kMac);
		ASSERT_TRUE(p.ok());
		ASSERT_EQ(p.start(mp), 0);
		loops(p.port(), mac(kMac), "before the reset");
		reset_and_start(p.port());
		loops(p.port(), mac(kMac), "after the reset");
	}
	EXPECT_EQ(rte_mempool_in_use_count(mp), in_use0);
}
