/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The port's LEDs as MAC_LED_CTRL and the PHY's link drive them (§5.1;
 * tg3_set_phys_id writes the override bits). Declared in tg57xx_sim/device.h.
 */
#include <mutex>

#include "chip.h"
#include "hw.h"
#include "mii_phy.h"

namespace tg57xx::sim {

Device::Leds Device::leds() const
{
	constexpr uint32_t kGigabit = 1000, kFast = 100, kTen = 10; /* Mbit/s */
	std::lock_guard lk(chip_->lock());
	const uint32_t ctrl = *chip_->regs().raw(hw::MAC_LED_CTRL);
	const MiiPhy *phy = chip_->find_block<MiiPhy>();
	const bool up = phy != nullptr && phy->link_up();
	const uint32_t speed = up ? phy->speed() : 0;
	Leds l;
	if (ctrl & hw::LED_CTRL_LNKLED_OVERRIDE) {
		l.link_1000 = (ctrl & hw::LED_CTRL_1000MBPS_ON) != 0;
		l.link_100 = (ctrl & hw::LED_CTRL_100MBPS_ON) != 0;
		l.link_10 = (ctrl & hw::LED_CTRL_10MBPS_ON) != 0;
	} else {
		l.link_1000 = speed == kGigabit;
		l.link_100 = speed == kFast;
		l.link_10 = speed == kTen;
	}
	if (ctrl & hw::LED_CTRL_TRAFFIC_OVERRIDE) {
		l.traffic = (ctrl & hw::LED_CTRL_TRAFFIC_LED) != 0;
		l.traffic_blink = l.traffic && (ctrl & hw::LED_CTRL_TRAFFIC_BLINK) != 0;
	} else {
		l.traffic = up;
	}
	return l;
}

} // namespace tg57xx::sim
