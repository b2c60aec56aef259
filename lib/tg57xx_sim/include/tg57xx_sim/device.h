/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tg57xx_sim: a software model of a Broadcom Tigon3 / BCM57xx NIC
 * (BCM57762 or BCM5720 personality), written from
 * doc bcm57xx-programming.md ("the reference", cited as §n).
 *
 * This is the bus shell: what a host sees of the card.
 *   - BAR0, 64 KiB, 32-bit accesses only (§0.2, §2):
 *       0x0000-0x00FF  mirror of PCI configuration space (§3)
 *       0x0200-0x03FF  high-priority mailboxes (§4.1) - also mailbox_page()
 *       0x0100-0x7FFF  registers (§5); 0x5800-0x59FF aliases the mailboxes
 *       0x8000-0xFFFF  32 KiB window onto NIC SRAM (§2.1)
 *   - PCI configuration space, 4 KiB (256 B standard + extended)
 *   - a DMA port: the model reads/writes host memory through an injected
 *     IOVA -> host-pointer translator
 *   - an interrupt line (INTx level changes, MSI/MSI-X messages) as a callback
 *
 * Time is virtual (Clock in the core). Tests drive it with step()/advance();
 * live users start the runner thread, under which virtual time follows
 * CLOCK_MONOTONIC.
 *
 * Threading: every member function except mailbox_page() stores may be called
 * from any thread; control-path calls serialise on one mutex shared with the
 * runner. The mailbox page is lock-free shared memory: the driver stores
 * producer/consumer indexes into it and the engines poll it.
 */
#ifndef TG57XX_SIM_DEVICE_H
#define TG57XX_SIM_DEVICE_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "tg57xx_sim/counters.h"
#include "tg57xx_sim/wire.h"

namespace tg57xx::sim {

class Chip;

/* Which chip the model is (§1, §1.3). */
enum class Personality : uint8_t {
	BCM57762, /* 57765 class, device 0x1682 (Apple Thunderbolt GbE) */
	BCM5720,  /* 5717 class, device 0x165F */
};

/* Facts of a personality that users of the model may want (read-only). */
struct PersonalityInfo {
	Personality chip;
	const char *name;           /* "BCM57762" */
	uint16_t device_id;         /* §1.1 */
	uint32_t chip_rev_id;       /* full chip id in the product-id register (§1.2) */
	uint32_t prodid_reg;        /* config offset holding it: 0xFC (GEN15) or 0xF4 (GEN2) */
	uint32_t sram_size;         /* bytes of NIC SRAM modelled (§6.1) */
	uint16_t std_ring_entries;  /* §1.3 */
	uint16_t jumbo_ring_entries;/* 0 = no jumbo */
	uint16_t ret_ring_entries;
	uint16_t send_ring_entries;
	uint8_t send_rcbs;          /* send RCBs present */
	uint8_t ret_rcbs;           /* return RCBs present */
	uint8_t rss_rings;          /* return rings usable with RSS */
	uint8_t tx_rings;           /* send rings usable (TSS) */
	uint8_t msix_vectors;       /* TG3_IRQ_MAX_VECS */
	uint16_t max_mtu;
	bool has_ape;               /* BAR2 APE present (§2) */
	uint32_t phy_id;            /* PHYSID1 << 16 | PHYSID2 (§11.4) */
};

using MacAddress = std::array<uint8_t, 6>;

/*
 * The station at the far end of the cable, as the PHY model negotiates with
 * it (§11.5; owner: blocks/mii_phy.cpp). Abilities use the MII register
 * layouts of §11.2. Default: a gigabit switch port advertising 10/100
 * half/full, 1000 full and symmetric + asymmetric PAUSE, so a driver that
 * advertises everything resolves 1000/full with TX+RX pause.
 */
struct LinkPartner {
	/* Base page, MII_ADVERTISE layout: CSMA | 10/100 half+full | PAUSE_CAP | PAUSE_ASYM. */
	uint16_t advertise = 0x0DE1;
	/* 1000BASE-T abilities, MII_CTRL1000 layout: ADVERTISE_1000FULL. */
	uint16_t ctrl1000 = 0x0200;
	/* Crossed cable: auto-MDIX settles on MDI-X (MII_TG3_EXT_STAT_MDIX). */
	bool mdix = false;
};

struct Config {
	Personality chip = Personality::BCM57762;
	/* Station address the boot code publishes (NVRAM image, SRAM mailbox, MAC_ADDR_0). */
	MacAddress mac = {0x00, 0x10, 0x18, 0x57, 0x76, 0x01};
	/* PCI function (0..3, 5720 only): selects PHY address function+1 (§11.1) and the NVRAM MAC slot (§5.12). */
	uint8_t pci_function = 0;
	/* 0 = personality default. */
	uint16_t subsystem_vendor = 0;
	uint16_t subsystem_id = 0;
	/* Writes to read-only or unknown registers (and other protocol violations
	 * the model can see) throw std::logic_error instead of only counting. */
	bool strict = false;
	/* Start with the register-access trace on. */
	bool trace = false;
	size_t trace_capacity = 4096;
	/* The host enumerated the device before the driver runs: PCI command has
	 * memory decode and bus mastering on (what DPDK's EAL does before probe).
	 * false = raw power-on state (command 0). A core reset clears them
	 * either way (§12.2: tg3 saves and restores the command register). */
	bool enumerated = true;
	/* Seed for any randomness in the model (backoff, jitter). */
	uint64_t seed = 1;
	/* PHY model (§11.5): the link partner, and how long autonegotiation (or
	 * bringing up a forced link) takes in virtual time. Real PHYs need ~2-3 s;
	 * 2 ms keeps tests and live use fast while a driver must still wait. */
	LinkPartner link_partner;
	uint64_t autoneg_ns = 2'000'000;
	/*
	 * Where the mailbox page lives (Device::mailbox_page()): nullptr = inside
	 * the model; else caller memory of Device::kMailboxPageWords words,
	 * 64-byte aligned, that outlives the Device — e.g. shared memory, so that
	 * other processes can ring the doorbells (the sim vdev puts it in a DPDK
	 * memzone for secondary processes).
	 */
	uint32_t *mailbox_memory = nullptr;
	/*
	 * Management firmware (blocks/ape.cpp; BCM5720 only, its APE): the NVRAM
	 * configuration enables ASF and the APE (§6.1 NIC_SRAM_DATA_CFG), and a
	 * firmware behind the APE shares the port with the driver. It loses its
	 * link (Counters::mgmt_link_losses) when the driver breaks tg3's protocol.
	 */
	bool mgmt = false;
	/*
	 * ASF firmware on the RX CPU (blocks/asf.cpp; chips without an APE: the
	 * BCM57762): the NVRAM configuration enables ASF but not the APE, so a
	 * driver pauses it (tg3_stop_fw) before every core reset; a reset while
	 * it runs costs it its state (Counters::mgmt_link_losses).
	 */
	bool asf = false;
	/*
	 * The board's NVRAM holds boot code (§6.2). false = a board fitted
	 * without it (tg3_poll_fw: "Some Sun onboard parts are configured like
	 * that"): nothing runs after power-on or a core reset, so 0xB50 never
	 * reads ~MAGIC1, NIC_SRAM_DATA_SIG and the MAC mailbox are never
	 * published, MAC_ADDR_0 keeps its reset value and the memory arbiter
	 * stays off until the driver enables it; the MAC is in NVRAM only.
	 */
	bool bootcode = true;
	/*
	 * A LAN-on-motherboard (blocks/grc.cpp): the boot code publishes
	 * NIC_SRAM_DATA_CFG_EEPROM_WP (§6.1; tg3_get_eeprom_hw_cfg: IS_NIC clear)
	 * and drives the board's GPIOs after power-on and every core reset
	 * (GPIO1 high: NVRAM write protect; GPIO0 high: a board function); a
	 * driver must keep them (tg3_reset_hw), or Counters::gpio_lom_clobbers
	 * (and with mgmt, the firmware's link). false = an add-in NIC (IS_NIC):
	 * it powers up on Vaux, its GPIOs holding the power-source switch
	 * (tg3_pwrsrc_switch_to_vaux's drive) until the driver switches to Vmain
	 * (tg3_pwrsrc_switch_to_vmain; on the 5720, under the APE GPIO lock).
	 */
	bool lom = false;
	/* MAC: pace transmission and reception at the resolved line rate
	 * (preamble+SFD, FCS and inter-frame gap included) on the virtual clock;
	 * live mode = real time. Received frames wait in the wire meanwhile. */
	bool pace_line_rate = false;
};

/* One register access, for comparing a driver's bring-up order with tg3's. */
struct TraceEntry {
	enum class Space : uint8_t { BAR0, CONFIG, INDIRECT, SRAM, EVENT };
	uint64_t time_ns;
	Space space;
	char op;            /* 'R' read, 'W' write, 'E' model event (reset, boot done...) */
	uint32_t offset;    /* register offset, or SRAM address */
	uint32_t value;
	const char *name;   /* register name ("MAC_MODE"), "?" if unknown; static storage */
};

/* Host-memory translator: return a host pointer for [iova, iova+len) or nullptr. */
using DmaTranslator = void *(*)(void *ctx, uint64_t iova, size_t len);
/*
 * Interrupt callback. vector: 0 for INTx, MSI/MSI-X vector otherwise.
 * asserted: INTx line level after the change (always true for messages).
 * Called from the thread running the model, with the model lock held: do not
 * call back into the Device from it; signal an eventfd or set a flag.
 */
using IrqCallback = void (*)(void *ctx, unsigned vector, bool asserted);

class Device {
public:
	static std::unique_ptr<Device> create(const Config &cfg);
	~Device();
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/* BAR0 (64 KiB). Offsets must be 4-aligned; off >= 64 KiB reads ~0. */
	uint32_t bar0_read32(uint32_t off);
	void bar0_write32(uint32_t off, uint32_t val);

	/*
	 * BAR2 (64 KiB): the APE registers and shared memory on chips with an
	 * APE (§2, PersonalityInfo::has_ape). Without one there is no BAR2: reads
	 * return all-ones and writes are dropped (Counters::bar2_absent). Writes
	 * need PCISTATE's APE write enables (Counters::ape_writes_refused).
	 */
	uint32_t bar2_read32(uint32_t off);
	void bar2_write32(uint32_t off, uint32_t val);

	/* PCI configuration space (4 KiB). */
	uint32_t cfg_read32(uint32_t off);
	uint16_t cfg_read16(uint32_t off);
	uint8_t cfg_read8(uint32_t off);
	void cfg_write32(uint32_t off, uint32_t val);
	void cfg_write16(uint32_t off, uint16_t val);
	void cfg_write8(uint32_t off, uint8_t val);

	/*
	 * The high-priority mailbox page = BAR0 0x200..0x3FF, 128 words
	 * (word i = BAR0 0x200 + 4*i). Fast-path doorbells: the driver stores
	 * the index into the low word of a mailbox (§4.1) with a release
	 * barrier before it. Stores here and bar0_write32 to the same offset
	 * land in the same memory.
	 */
	volatile uint32_t *mailbox_page();
	static constexpr uint32_t kMailboxPageOffset = 0x200; /* §4.1 */
	static constexpr uint32_t kMailboxPageWords = 128;    /* 0x200 bytes */

	void set_dma_translator(DmaTranslator fn, void *ctx);
	void set_irq_callback(IrqCallback fn, void *ctx);

	/* Deterministic driving (tests): run all engines until idle at the current time. */
	void step();
	/* Move virtual time forward by ns, firing timers in order and stepping after each. */
	void advance(uint64_t ns);
	uint64_t now_ns() const;

	/*
	 * Live driving: a thread that busy-polls the mailbox page and runs the
	 * engines, backing off (spin -> yield -> short sleeps) when idle. While it
	 * runs, virtual time follows CLOCK_MONOTONIC.
	 */
	void start_runner();
	void stop_runner();
	bool runner_running() const;

	Counters counters() const;
	Faults faults() const;
	void set_faults(const Faults &f);
	/* Change strictness at run time (tests that poke on purpose). */
	void set_strict(bool strict);

	/* Register-access trace (ring buffer; oldest entries are overwritten). */
	void set_trace(bool on);
	std::vector<TraceEntry> trace() const;
	void clear_trace();
	void dump_trace(std::FILE *out) const;

	/* The medium behind the PHY. Replaces any previous wire. */
	void attach_wire(std::unique_ptr<Wire> wire);

	/*
	 * The cable (blocks/mii_phy.cpp): a new link partner renegotiates as a
	 * real partner restarting autonegotiation does; set_cable(false) pulls
	 * the cable (carrier lost, link down) and set_cable(true) plugs it back.
	 * Link needs the cable plugged and a wire reporting carrier.
	 */
	void set_link_partner(const LinkPartner &partner);
	void set_cable(bool plugged);

	/*
	 * The port's LEDs (§5.1 MAC_LED_CTRL): with LED_CTRL_LNKLED_OVERRIDE the
	 * speed LEDs show the 1000/100/10MBPS_ON bits, otherwise the resolved
	 * link speed (the PHY drives them, LED_CTRL_MODE_PHY_1); with
	 * LED_CTRL_TRAFFIC_OVERRIDE the traffic LED shows TRAFFIC_LED (blinking
	 * with TRAFFIC_BLINK), otherwise it is lit while the link is up.
	 */
	struct Leds {
		bool link_1000 = false, link_100 = false, link_10 = false;
		bool traffic = false, traffic_blink = false;
	};
	Leds leds() const;

	const Config &config() const;
	const PersonalityInfo &info() const;

	/* For tests and tools: a dump of every declared register and its value. */
	void dump_registers(std::FILE *out) const;
	/* For tests and tools: a word of NIC SRAM as the chip holds it (§6.1; the
	 * chip's own path: no memory window, no arbiter check, not traced). */
	uint32_t sram_peek32(uint32_t addr) const;

	/* The core, for in-tree blocks' white-box tests (not a stable API). */
	Chip &chip_for_tests();

private:
	struct Runner;
	explicit Device(const Config &cfg);
	uint32_t bar0_read_locked(uint32_t off);
	void bar0_write_locked(uint32_t off, uint32_t val);
	std::unique_ptr<Chip> chip_;
	std::unique_ptr<Runner> runner_;
};

/* The personality table entry for a chip (§1.3). */
const PersonalityInfo &personality_info(Personality chip);

} // namespace tg57xx::sim

#endif
