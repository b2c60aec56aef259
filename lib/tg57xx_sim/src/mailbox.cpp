/* SPDX-License-Identifier: BSD-3-Clause */
#include "mailbox.h"

#include "chip.h"

namespace tg57xx::sim {

void Mailboxes::bus_write(uint32_t off, uint32_t val)
{
	store(off, val);
	for (auto &obs : observers_)
		obs(off, val);
}

void Mailboxes::clear()
{
	for (uint32_t i = 0; i < kWords; i++)
		std::atomic_ref<uint32_t>(words_[i]).store(0, std::memory_order_release);
}

Doorbell::Doorbell(Chip &chip, uint32_t mailbox_off) : chip_(chip), off_(mailbox_off)
{
	resync();
}

bool Doorbell::poll(uint32_t &value)
{
	const uint32_t v = chip_.mbox().load(off_);
	const uint64_t now = chip_.now_ns();
	const uint64_t before = looked_ns_;
	looked_ns_ = now;
	if (v == last_)
		return false;
	Faults &f = chip_.faults();
	if (f.lost_doorbells != 0) {
		/* The posted write never arrived: the register keeps its old value. */
		f.lost_doorbells--;
		chip_.counters().doorbells_lost++;
		chip_.mbox().compare_exchange(off_, v, last_);
		return false;
	}
	last_ = v;
	value = v;
	posted_after_ns_ = before;
	return true;
}

void Doorbell::resync()
{
	last_ = chip_.mbox().load(off_);
	looked_ns_ = posted_after_ns_ = 0; /* nothing known of when the next value is written */
}

} // namespace tg57xx::sim
