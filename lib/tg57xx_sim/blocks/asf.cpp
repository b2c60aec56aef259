/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ASF firmware on the RX CPU (Config::asf): a board whose NVRAM
 * configuration enables ASF but not the APE (§6.1 NIC_SRAM_DATA_CFG), on a
 * chip without an APE (the 57762 here; tg3 enables the APE by device id on
 * the 5717 family, whose firmware is the APE's: blocks/ape.cpp).
 *
 * The driver side is tg3's (tg3_stop_fw, tg3_wait_for_event_ack,
 * tg3_generate_fw_event; ref §6.1 NIC_SRAM_FW_CMD_*, §5.11
 * GRC_RX_CPU_EVENT): wait until GRC_RX_CPU_DRIVER_EVENT is clear, write a
 * command (FWCMD_NICDRV_*) to NIC_SRAM_FW_CMD_MBOX, set
 * GRC_RX_CPU_DRIVER_EVENT; the firmware reads the command a little later
 * (kAckNs, well inside tg3's TG3_FW_EVENT_TIMEOUT_USEC of 2.5 ms) and clears
 * the bit: that is the acknowledgement. FWCMD_NICDRV_PAUSE_FW pauses it:
 * it serves nothing more until the core is reset, which restarts it (the
 * boot code reloads it, §6.2). Other commands are acknowledged and counted.
 *
 * Heartbeat (tg3_send_asf_heartbeat from tg3_timer): FWCMD_NICDRV_ALIVE3
 * with NIC_SRAM_FW_CMD_DATA_MBOX = the seconds the driver promises until the
 * next one (TG3_FW_UPDATE_TIMEOUT_SEC; it sends every TG3_FW_UPDATE_FREQ_SEC).
 * The first one arms the firmware's watch; each one re-arms it; a gap longer
 * than the promise counts Counters::asf_heartbeat_misses once (the firmware
 * takes the driver for dead) and the watch waits for the next heartbeat. A
 * pause (the driver stopping) or a core reset ends the watch.
 *
 * The firmware keeps management state (its link to the management console)
 * across driver resets only when paused first: a core reset while it runs
 * costs it (Counters::mgmt_link_losses, one violation message). That is
 * why tg3_halt and tg3_reset_hw call tg3_stop_fw before tg3_chip_reset.
 */
#include "block_list.h"
#include "chip.h"
#include "hw.h"

namespace tg57xx::sim {

namespace {

/* How long the RX CPU takes to notice a driver event; tg3 polls up to 2.5 ms. */
constexpr uint64_t kAckNs = 20'000;
constexpr uint64_t kNsPerSec = 1'000'000'000;

class Asf final : public Block {
public:
	explicit Asf(Chip &chip);
	void core_reset() override;

private:
	void driver_event(uint32_t written);
	void serve();
	void heartbeat();

	bool fitted_;
	bool paused_ = false;
	Timer ack_;
	Timer watch_; /* armed by the last ALIVE3: the driver's promised deadline */
};

Asf::Asf(Chip &chip)
	: Block(chip, "asf"), fitted_(chip.config().asf), ack_(chip.clock()), watch_(chip.clock())
{
	if (!fitted_)
		return;
	chip.regs().on_write(hw::GRC_RX_CPU_EVENT, [this](uint32_t, uint32_t w) { driver_event(w); });
}

void Asf::driver_event(uint32_t written)
{
	if (!(written & hw::GRC_RX_CPU_DRIVER_EVENT) || paused_ || ack_.armed())
		return;
	ack_.arm_in(kAckNs, [this] { serve(); });
}

void Asf::serve()
{
	Chip &c = chip();
	const uint32_t cmd = c.sram().peek32(hw::NIC_SRAM_FW_CMD_MBOX);
	c.counters().asf_events++;
	if (cmd == hw::FWCMD_NICDRV_PAUSE_FW) {
		paused_ = true;
		watch_.cancel();
		c.counters().asf_pauses++;
	} else if (cmd == hw::FWCMD_NICDRV_ALIVE3) {
		heartbeat();
	}
	c.trace_event("asf-event", cmd);
	c.regs().clear_bits(hw::GRC_RX_CPU_EVENT, hw::GRC_RX_CPU_DRIVER_EVENT);
}

void Asf::heartbeat()
{
	Chip &c = chip();
	c.counters().asf_heartbeats++;
	const uint64_t timeout_s = c.sram().peek32(hw::NIC_SRAM_FW_CMD_DATA_MBOX);
	watch_.cancel();
	if (timeout_s == 0)
		return; /* no promise: nothing to watch */
	watch_.arm_in(timeout_s * kNsPerSec, [this] {
		chip().counters().asf_heartbeat_misses++;
		chip().trace_event("asf-heartbeat-miss", 0);
	});
}

void Asf::core_reset()
{
	if (!fitted_)
		return;
	ack_.cancel();
	watch_.cancel();
	if (!paused_)
		chip().violation(&Counters::mgmt_link_losses,
				 "ASF firmware lost its state: core reset while it ran (no FWCMD_NICDRV_PAUSE_FW first)");
	paused_ = false; /* restarted with the boot code */
}

} // namespace

std::unique_ptr<Block> make_block_asf(Chip &chip)
{
	return std::make_unique<Asf>(chip);
}

} // namespace tg57xx::sim
