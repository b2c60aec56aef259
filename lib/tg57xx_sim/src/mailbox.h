/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The high-priority mailbox page (§4.1): BAR0 0x200-0x3FF, 64 mailboxes of
 * two 32-bit words (high at +0, low at +4; drivers write the low word),
 * aliased at BAR0 0x5800-0x59FF (GRCMBOX_*) and, for indirect access, reached
 * at offset + 0x5600 (§2.2).
 *
 * The page is plain shared memory: the driver's fast path stores into it
 * without any lock (Device::mailbox_page()), writes through the bus shell land
 * in the same words, and engines poll it. Engine-side reads use acquire
 * loads so that descriptors the driver wrote before its (release) doorbell
 * store are visible.
 */
#ifndef TG57XX_SIM_MAILBOX_H
#define TG57XX_SIM_MAILBOX_H

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace tg57xx::sim {

class Chip;

class Mailboxes {
public:
	static constexpr uint32_t kBase = 0x200;      /* MAILBOX_INTERRUPT_0, §4.1 */
	static constexpr uint32_t kBytes = 0x200;     /* 0x200-0x3FF */
	static constexpr uint32_t kWords = kBytes / 4;
	static constexpr uint32_t kGrcAlias = 0x5800; /* GRCMBOX_INTERRUPT_0, §4.1 */

	static constexpr bool in_page(uint32_t off) { return off >= kBase && off < kBase + kBytes; }
	static constexpr bool in_alias(uint32_t off) { return off >= kGrcAlias && off < kGrcAlias + kBytes; }

	volatile uint32_t *page() { return words_; }
	/*
	 * Keep the page in caller memory (kWords words, 64-byte aligned, must
	 * outlive the chip), e.g. memory other processes map too (Config::
	 * mailbox_memory). The contents are cleared: what power-on does.
	 */
	void use_memory(uint32_t *words)
	{
		words_ = words;
		clear();
	}

	/* off: BAR0 offset in 0x200..0x3FF (4-aligned). */
	uint32_t load(uint32_t off) const
	{
		return std::atomic_ref<uint32_t>(const_cast<uint32_t &>(words_[(off - kBase) >> 2]))
			.load(std::memory_order_acquire);
	}
	void store(uint32_t off, uint32_t v)
	{
		std::atomic_ref<uint32_t>(words_[(off - kBase) >> 2]).store(v, std::memory_order_release);
	}
	/* Replace v_expected by v_new if the word still holds v_expected. */
	bool compare_exchange(uint32_t off, uint32_t v_expected, uint32_t v_new)
	{
		return std::atomic_ref<uint32_t>(words_[(off - kBase) >> 2])
			.compare_exchange_strong(v_expected, v_new, std::memory_order_acq_rel);
	}

	/*
	 * Observers of bus-path mailbox writes (bar0_write32, the 0x5800 alias,
	 * indirect and config shortcut writes): called with the BAR0 offset in
	 * 0x200..0x3FF and the value, after the store. Direct fast-path stores
	 * into the page are not seen here; engines detect those with Doorbell.
	 */
	using WriteObserver = std::function<void(uint32_t off, uint32_t val)>;
	void add_write_observer(WriteObserver fn) { observers_.push_back(std::move(fn)); }
	void bus_write(uint32_t off, uint32_t val);

	/* Core reset clears every mailbox. */
	void clear();

private:
	alignas(64) uint32_t own_[kWords] = {};
	uint32_t *words_ = own_;
	std::vector<WriteObserver> observers_;
};

/*
 * An engine's view of one mailbox word: detects new producer/consumer values
 * ("doorbell seen"). Writing the same value again is not a new doorbell.
 * Honours Faults::lost_doorbells by dropping the update (the word reverts to
 * the previous value, as if the posted write never arrived).
 */
class Doorbell {
public:
	Doorbell(Chip &chip, uint32_t mailbox_off);
	/* True when the word changed since the last poll(); value gets the new word. */
	bool poll(uint32_t &value);
	/* Accept the current contents as seen (after reset or ring re-init). */
	void resync();
	uint32_t last() const { return last_; }
	uint32_t offset() const { return off_; }
	/*
	 * When the host wrote the value the last successful poll() returned: no
	 * earlier than the poll before it, which still saw the old value (a
	 * store the engine did not look for cannot be dated closer). 0: unknown
	 * (no earlier poll since the last resync).
	 */
	uint64_t posted_after_ns() const { return posted_after_ns_; }

private:
	Chip &chip_;
	uint32_t off_;
	uint32_t last_ = 0;
	uint64_t looked_ns_ = 0;       /* the latest poll: the word held last_ then */
	uint64_t posted_after_ns_ = 0; /* see posted_after_ns() */
};

} // namespace tg57xx::sim

#endif
