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
	return true;
}

void Doorbell::resync()
{
	last_ = chip_.mbox().load(off_);
}

} // namespace tg57xx::sim
