/* SPDX-License-Identifier: BSD-3-Clause */
#include "fuzz_model.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "chip.h"
#include "personality.h"
#include "tg57xx_desc.h"
#include "tg57xx_regs.h"
#include "tg57xx_status.h"

namespace tg57xx::fuzz {

namespace {
/* Autonegotiation against the default partner takes Config::autoneg_ns (2 ms); wait past it. */
constexpr uint64_t kLinkWaitNs = 3'000'000;
constexpr size_t kSblkBytes = 0x100;
constexpr size_t kBufAlign = 64;

[[noreturn]] void fail(const char *what, uint32_t a, uint32_t b)
{
	std::fprintf(stderr, "fuzz: %s (0x%x, 0x%x)\n", what, a, b);
	std::abort();
}
} // namespace

size_t FuzzWire::send(const sim::FrameView *, size_t n)
{
	tx_frames += n;
	return n;
}

size_t FuzzWire::recv(sim::FrameSlot *slots, size_t n)
{
	size_t i = 0;
	for (; i < n && !rx.empty(); i++) {
		const std::vector<uint8_t> &f = rx.front();
		slots[i].truncated = f.size() > slots[i].cap;
		slots[i].len = static_cast<uint32_t>(slots[i].truncated ? slots[i].cap : f.size());
		if (slots[i].len != 0) /* an empty frame has no data pointer */
			std::memcpy(slots[i].data, f.data(), slots[i].len);
		rx.pop_front();
	}
	return i;
}

FuzzArena &FuzzModel::shared_arena()
{
	static FuzzArena arena(kArenaBytes);
	return arena;
}

FuzzModel::FuzzModel(const ModelSetup &s) : s_(s), arena_(shared_arena())
{
	arena_.reset();
	sim::Config cfg;
	cfg.chip = s.chip;
	cfg.mac = kMac;
	cfg.strict = false; /* random writes hit read-only registers: counted, not thrown */
	dev_ = sim::Device::create(cfg);
	q_ = std::make_unique<sim::test::QDriver>(*dev_);
	auto w = std::make_unique<FuzzWire>();
	wire_ = w.get();
	dev_->attach_wire(std::move(w));
	arena_.attach(*dev_);
	jumbo_ = s.jumbo && dev_->info().jumbo_ring_entries != 0;

	lay_.tx_ring = arena_.map(size_t{kTxSize} * hw::TXD_SIZE);
	lay_.std_ring = arena_.map(size_t{kStdSize} * hw::TG3_RX_BD_SIZE);
	lay_.ret_ring = arena_.map(size_t{kRetSize} * hw::TG3_RX_BD_SIZE);
	lay_.sblk = arena_.map(kSblkBytes, kBufAlign);
	lay_.tx_bufs = arena_.map(kTxBufBytes);
	for (uint32_t i = 0; i < kStdSize; i++)
		lay_.std_bufs.push_back(arena_.map(hw::TG3_RX_STD_DMA_SZ, kBufAlign));
	if (jumbo_) {
		lay_.jmb_ring = arena_.map(size_t{kJmbSize} * hw::TG3_EXT_RX_BD_SIZE);
		for (uint32_t i = 0; i < kJmbSize; i++)
			lay_.jmb_bufs.push_back(arena_.map(hw::TG3_RX_JMB_DMA_SZ, kBufAlign));
	}
	areas_ = {{lay_.tx_ring, size_t{kTxSize} * hw::TXD_SIZE},
		  {lay_.std_ring, size_t{kStdSize} * hw::TG3_RX_BD_SIZE},
		  {lay_.ret_ring, size_t{kRetSize} * hw::TG3_RX_BD_SIZE},
		  {lay_.sblk, kSblkBytes},
		  {lay_.tx_bufs, kTxBufBytes}};
	if (jumbo_)
		areas_.push_back({lay_.jmb_ring, size_t{kJmbSize} * hw::TG3_EXT_RX_BD_SIZE});
	for (const Area &a : areas_)
		if (a.iova == 0)
			fail("fuzz arena too small", static_cast<uint32_t>(kArenaBytes), 0);
}

void FuzzModel::post_std(uint32_t i)
{
	hw::RxBd &bd = *arena_.touch<hw::RxBd>(lay_.std_ring + uint64_t{i} * hw::TG3_RX_BD_SIZE);
	bd.init_producer(lay_.std_bufs[i], static_cast<uint16_t>(hw::TG3_RX_STD_DMA_SZ), static_cast<uint16_t>(i),
			 hw::RXD_FLAG_END, hw::rxd_opaque(hw::RXD_OPAQUE_RING_STD, i));
}

void FuzzModel::post_jmb(uint32_t i)
{
	hw::ExtRxBd &bd = *arena_.touch<hw::ExtRxBd>(lay_.jmb_ring + uint64_t{i} * hw::TG3_EXT_RX_BD_SIZE);
	std::memset(&bd, 0, sizeof(bd));
	bd.std.init_producer(lay_.jmb_bufs[i], static_cast<uint16_t>(hw::TG3_RX_JMB_DMA_SZ), static_cast<uint16_t>(i),
			     hw::RXD_FLAG_END | hw::RXD_FLAG_JUMBO, hw::rxd_opaque(hw::RXD_OPAQUE_RING_JUMBO, i));
}

bool FuzzModel::bring_up()
{
	if (!sim::test::engine_bring_up_begin(*q_, true))
		return false;
	for (uint32_t i = 0; i < kStdSize; i++)
		post_std(i);
	for (uint32_t i = 0; jumbo_ && i < kJmbSize; i++)
		post_jmb(i);
	std_prod_ = kStdPosted;
	jmb_prod_ = jumbo_ ? kJmbPosted : 0;
	sim::test::EngineLayout l;
	l.tx_ring = lay_.tx_ring;
	l.std_ring = lay_.std_ring;
	l.ret_ring = lay_.ret_ring;
	l.jmb_ring = lay_.jmb_ring;
	l.sblk = lay_.sblk;
	l.tx_size = kTxSize;
	l.std_size = kStdSize;
	l.ret_size = kRetSize;
	l.jmb_size = jumbo_ ? kJmbSize : 0;
	l.std_buf = hw::TG3_RX_STD_DMA_SZ;
	l.std_prod = std_prod_;
	l.jmb_prod = jmb_prod_;
	l.rx_mtu = s_.rx_mtu;
	l.lrg_ring = dev_->chip_for_tests().personality().is_5717_plus;
	l.rx_mode_extra = s_.rx_mode_extra;
	sim::test::engine_bring_up_end(*q_, dev_->info(), l);
	q_->delay(kLinkWaitNs);
	return true;
}

unsigned FuzzModel::consume_rx()
{
	const auto *sb = arena_.touch<hw::StatusBlock>(lay_.sblk);
	const uint32_t prod = sb->rx_producer(0);
	if (prod >= kRetSize)
		fail("status block return producer beyond the ring", prod, kRetSize);
	unsigned n = 0;
	while (ret_cons_ != prod) {
		const hw::RxBd &bd = *arena_.touch<hw::RxBd>(lay_.ret_ring + uint64_t{ret_cons_} * hw::TG3_RX_BD_SIZE);
		const uint32_t ring = bd.opaque_ring(), idx = bd.opaque_index();
		if (ring == hw::RXD_OPAQUE_RING_STD) {
			if (idx >= kStdSize)
				fail("return BD names a std slot beyond the ring", idx, kStdSize);
			if (bd.addr() != lay_.std_bufs[idx])
				fail("return BD address is not the posted buffer", idx, static_cast<uint32_t>(bd.addr()));
			if (bd.len() > hw::TG3_RX_STD_DMA_SZ)
				fail("return BD longer than its std buffer", bd.len(), hw::TG3_RX_STD_DMA_SZ);
			post_std(std_prod_);
			std_prod_ = (std_prod_ + 1) % kStdSize;
		} else if (ring == hw::RXD_OPAQUE_RING_JUMBO && jumbo_) {
			if (idx >= kJmbSize)
				fail("return BD names a jumbo slot beyond the ring", idx, kJmbSize);
			if (bd.len() > hw::TG3_RX_JMB_DMA_SZ)
				fail("return BD longer than its jumbo buffer", bd.len(), hw::TG3_RX_JMB_DMA_SZ);
			post_jmb(jmb_prod_);
			jmb_prod_ = (jmb_prod_ + 1) % kJmbSize;
		} else {
			fail("return BD from a ring that was never posted", ring, idx);
		}
		ret_cons_ = (ret_cons_ + 1) % kRetSize;
		n++;
		rx_taken_++;
	}
	if (n != 0) {
		q_->reg_write(sim::ret_con_mailbox(0), ret_cons_);
		q_->reg_write(hw::TG3_RX_STD_PROD_IDX_REG, std_prod_);
		if (jumbo_)
			q_->reg_write(hw::TG3_RX_JMB_PROD_IDX_REG, jmb_prod_);
	}
	return n;
}

void FuzzModel::report(const char *target)
{
	if (std::getenv("TG57XX_FUZZ_VERBOSE") == nullptr)
		return;
	const sim::Counters c = dev_->counters();
	std::fprintf(stderr,
		     "%s: mac_rx_frames %llu rx_frames %llu taken %llu wire_tx %llu dma_faults %llu refused %llu "
		     "unknown_writes %llu ro_writes %llu\n",
		     target, static_cast<unsigned long long>(c.mac_rx_frames),
		     static_cast<unsigned long long>(c.rx_frames), static_cast<unsigned long long>(rx_taken_),
		     static_cast<unsigned long long>(wire_->tx_frames), static_cast<unsigned long long>(c.dma_faults),
		     static_cast<unsigned long long>(arena_.refused()), static_cast<unsigned long long>(c.unknown_writes),
		     static_cast<unsigned long long>(c.ro_writes));
}

} // namespace tg57xx::fuzz
