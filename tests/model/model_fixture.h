/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared fixture: a strict model of either personality plus qdriver and a DMA arena. */
#ifndef TG57XX_TESTS_MODEL_FIXTURE_H
#define TG57XX_TESTS_MODEL_FIXTURE_H

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "chip.h"
#include "pci_cfg.h"
#include "qdriver.h"
#include "hw.h"
#include "tg57xx_sim/device.h"

namespace tg57xx::sim::test {

inline constexpr size_t kArenaBytes = 1 << 20;
inline const MacAddress kTestMac = {0x00, 0x10, 0x18, 0xAB, 0xCD, 0x02};

inline Config strict_config(Personality p)
{
	Config c;
	c.chip = p;
	c.mac = kTestMac;
	c.strict = true;
	return c;
}

class ModelTest : public ::testing::TestWithParam<Personality> {
protected:
	void SetUp() override { make(strict_config(GetParam())); }
	void make(const Config &cfg)
	{
		dev = Device::create(cfg);
		q = std::make_unique<QDriver>(*dev);
		arena = std::make_unique<DmaArena>(kArenaBytes);
		arena->attach(*dev);
	}
	Chip &chip() { return dev->chip_for_tests(); }
	Personality chip_kind() const { return GetParam(); }

	std::unique_ptr<Device> dev;
	std::unique_ptr<QDriver> q;
	std::unique_ptr<DmaArena> arena;
};

/* A firmware test's model (test_ape.cpp, test_asf.cpp): one chip with its
 * firmware flag (Config::mgmt, Config::asf) set to `on`, and a qdriver past probe_init. */
class ProbedModelTest : public ::testing::Test {
protected:
	void make_probed(Personality p, bool Config::*firmware, bool on, bool strict)
	{
		Config cfg = strict_config(p);
		cfg.*firmware = on;
		cfg.strict = strict;
		dev = Device::create(cfg);
		q = std::make_unique<QDriver>(*dev);
		q->probe_init();
	}

	std::unique_ptr<Device> dev;
	std::unique_ptr<QDriver> q;
};

inline std::string personality_name(const ::testing::TestParamInfo<Personality> &info)
{
	return personality_info(info.param).name;
}

#define TG57XX_BOTH_CHIPS(suite)                                                                             \
	INSTANTIATE_TEST_SUITE_P(Chips, suite,                                                               \
				 ::testing::Values(Personality::BCM57762, Personality::BCM5720), personality_name)

} // namespace tg57xx::sim::test

#endif
