/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A chip block (§5.0): owns a set of registers and, optionally, engine work.
 *
 * A block, in its constructor:
 *   - declares its registers: chip().regs().add_table(kRegs) (BAR0) or
 *     chip().cfg().add(...) (config space), with handlers for behaviour;
 *   - may attach observers to registers other blocks declared
 *     (chip().regs().on_write(OFF, fn)), e.g. an engine watching its
 *     *_MODE register that the core declares (blocks/mode_regs.cpp);
 *   - may create Timers on chip().clock() and Doorbells on mailboxes.
 *
 * Everything a block does runs under the chip lock, on the thread that runs
 * the model (test thread in step()/advance(), the runner thread live). A
 * block must never block or sleep: waits are timers.
 *
 * To add a block: write blocks/<name>.cpp defining
 *   std::unique_ptr<Block> make_block_<name>(Chip &chip)
 * and add X(<name>) to TG57XX_SIM_BLOCKS in blocks/block_list.h (construction order
 * = list order), and the file to lib/tg57xx_sim/meson.build.
 */
#ifndef TG57XX_SIM_BLOCK_H
#define TG57XX_SIM_BLOCK_H

namespace tg57xx::sim {

class Chip;
class Wire;

class Block {
public:
	Block(Chip &chip, const char *name) : chip_(chip), name_(name) {}
	virtual ~Block() = default;
	Block(const Block &) = delete;
	Block &operator=(const Block &) = delete;

	const char *name() const { return name_; }

	/*
	 * Engine work: do a bounded amount (e.g. one burst) and return true if
	 * anything changed (progress). step() calls every block's run() in list
	 * order until a whole sweep makes no progress; the runner calls it in a
	 * loop. Keep it cheap when idle (one mailbox compare).
	 */
	virtual bool run() { return false; }

	/*
	 * GRC core reset (§12.2), called after the register files went back to
	 * their reset values and before the boot code runs. Drop engine state,
	 * cancel timers, resync doorbells.
	 */
	virtual void core_reset() {}

	/*
	 * Called once all blocks exist, at Device creation (power-on), in list
	 * order; the boot code runs after the last one.
	 */
	virtual void power_on() {}

	/* A wire was attached (or replaced; nullptr = detached). */
	virtual void wire_changed(Wire *) {}

protected:
	Chip &chip() { return chip_; }
	const Chip &chip() const { return chip_; }

private:
	Chip &chip_;
	const char *name_;
};

} // namespace tg57xx::sim

#endif
