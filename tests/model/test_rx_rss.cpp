/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSS in the receive path (§10.6, §8.4, §9.1): the Toeplitz hash against
 * Microsoft's published verification vectors (IPv4 and IPv6, with and without
 * TCP ports), the hash-type enables of MAC_RX_MODE, the key's byte order in
 * MAC_RSS_HASH_KEY_n, and the indirection table's nibble order checked with
 * literal register values (not through the register map's helpers, which the
 * model shares with the driver).
 */
#include "engine_util.h"

#include <array>

#include "tg57xx_hash.h"

namespace tg57xx::sim::test::engines {
namespace {

/* Microsoft "Verifying the RSS Hash Calculation": the key (base) and the vectors. */
constexpr const uint8_t *kMsKey = hw::RSS_MS_VERIFY_KEY;

struct V4Vector {
	uint8_t src[4], dst[4];
	uint16_t sport, dport;
	uint32_t ip_hash, tcp_hash;
};
constexpr V4Vector kV4[] = {
	{{66, 9, 149, 187}, {161, 142, 100, 80}, 2794, 1766, 0x323e8fc2, 0x51ccc178},
	{{199, 92, 111, 2}, {65, 69, 140, 83}, 14230, 4739, 0xd718262a, 0xc626b0ea},
	{{24, 19, 198, 95}, {12, 22, 207, 184}, 12898, 38024, 0xd2d0a5de, 0x5c2b394a},
	{{38, 27, 205, 30}, {209, 142, 163, 6}, 48228, 2217, 0x82989176, 0xafc7327f},
	{{153, 39, 163, 191}, {202, 188, 127, 2}, 44251, 1303, 0x5d1809c5, 0x10e828a2},
};

struct V6Vector {
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t ip_hash, tcp_hash;
};
constexpr V6Vector kV6[] = {
	{{0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x07},
	 {0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x01},
	 2794, 1766, 0x2cc18cd5, 0x40207d3d},
	{{0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0x00, 0x00, 0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab},
	 {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01},
	 14230, 4739, 0x0f0c461c, 0xdde51bbf},
	{{0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf},
	 {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf},
	 44251, 38024, 0x4b61e985, 0x02d1feef},
};

constexpr uint32_t kHashed = hw::TG_RBD_FLAG_RSS_HASH_VALID;
/* Indirection entry a 32-bit hash selects with RX_MODE_RSS_ITBL_HASH_BITS_7 (128 entries). */
constexpr uint32_t entry_of(uint32_t hash) { return hash & 0x7F; }

class RssTest : public EngineTest {
protected:
	void SetUp() override
	{
		EngineTest::SetUp();
		start(hw::TG3_RX_MODE_RSS_BITS);
	}
	/* tg3's bring-up with `rss_bits` in MAC_RX_MODE, the Microsoft key, an all-zero table, four return rings. */
	void start(uint32_t rss_bits)
	{
		BringUp o;
		o.rx_mode_extra = rss_bits;
		redo(o);
		write_key(kMsKey);
		for (unsigned r = 0; r < hw::TG3_NUM_RSS_INDIR_REGS; r++)
			q->reg_write(hw::MAC_RSS_INDIR_TBL(r), 0);
		rings[0] = ret_ring;
		for (unsigned r = 1; r < 4; r++) {
			rings[r] = arena->alloc(512 * hw::TG3_RX_BD_SIZE, 4096);
			set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(r), rings[r], hw::bdinfo_maxlen_flags(512, 0));
		}
		seen = {};
	}
	/* §10.6 (Thundergate): key byte 4r in bits 31:24 of MAC_RSS_HASH_KEY_r. */
	void write_key(const uint8_t key[40])
	{
		for (unsigned i = 0; i < hw::TG3_NUM_RSS_HASH_KEY_REGS; i++)
			q->reg_write(hw::MAC_RSS_HASH_KEY(i), be32(key + 4 * i));
	}
	/* The vector's addresses and ports in a TCP or UDP frame (IPv4 or IPv6 by the address size). */
	template <class V>
	static Frame frame(const V &v, uint8_t proto)
	{
		constexpr bool v6 = sizeof(v.src) == 16;
		Pkt p = make_pkt(v6, proto, 20);
		std::memcpy(p.ip() + (v6 ? 8 : 12), v.src, sizeof(v.src));
		std::memcpy(p.ip() + (v6 ? 24 : 16), v.dst, sizeof(v.dst));
		put16(p.l4p(), v.sport);
		put16(p.l4p() + 2, v.dport);
		p.fix();
		return p.f;
	}
	/* Inject one frame; the return BD it produced and the ring it landed on. */
	hw::RxBd receive(const Frame &f, unsigned *ring_out = nullptr)
	{
		const uint64_t before = ctr(&Counters::rx_frames);
		inject(f);
		EXPECT_EQ(ctr(&Counters::rx_frames), before + 1);
		for (unsigned r = 0; r < 4; r++) {
			const uint32_t prod = q->reg_read(hw::RCVDBDI_BD_PROD_IDX(r));
			if (prod != seen[r]) {
				const hw::RxBd bd = arena->at<hw::RxBd>(rings[r])[seen[r]];
				seen[r] = prod;
				if (ring_out != nullptr)
					*ring_out = r;
				return bd;
			}
		}
		ADD_FAILURE() << "no return BD written";
		return hw::RxBd{};
	}

	uint64_t rings[4] = {};
	std::array<uint32_t, 4> seen{};
};

TEST_P(RssTest, ToeplitzMatchesTheMicrosoftVerificationVectors)
{
	auto check = [this](const auto &vectors, const char *family) {
		for (const auto &v : vectors) {
			const hw::RxBd t = receive(frame(v, kTcp));
			EXPECT_EQ(t.reserved, v.tcp_hash) << family << " with TCP ports";
			EXPECT_EQ(t.type_flags & kHashed, kHashed);
			const hw::RxBd u = receive(frame(v, kUdp));
			EXPECT_EQ(u.reserved, v.ip_hash) << family << ": UDP ports are not hashed (2-tuple)";
			EXPECT_EQ(u.type_flags & kHashed, kHashed);
		}
	};
	check(kV4, "IPv4");
	check(kV6, "IPv6");
	EXPECT_EQ(ctr(&Counters::rx_rss_hashed), 2 * (std::size(kV4) + std::size(kV6)));
	/* A frame no hash type covers: ring 0, no hash, no valid flag. */
	const hw::RxBd n = receive(macphy::make_frame(kDst, 64, 0x88B5));
	EXPECT_EQ(n.reserved, 0u);
	EXPECT_EQ(n.type_flags & kHashed, 0u);
}

TEST_P(RssTest, HashTypesFollowTheRxModeEnables)
{
	const V4Vector &v4 = kV4[0];
	const V6Vector &v6 = kV6[0];
	/* TCP/IPv4 only: TCP gets the 4-tuple; UDP/IPv4 and all IPv6 are not hashed. */
	start(hw::RX_MODE_RSS_ENABLE | hw::RX_MODE_RSS_ITBL_HASH_BITS_7 | hw::RX_MODE_RSS_TCP_IPV4_HASH_EN);
	EXPECT_EQ(receive(frame(v4, kTcp)).reserved, v4.tcp_hash);
	hw::RxBd bd = receive(frame(v4, kUdp));
	EXPECT_EQ(bd.reserved, 0u);
	EXPECT_EQ(bd.type_flags & kHashed, 0u);
	EXPECT_EQ(receive(frame(v6, kTcp)).type_flags & kHashed, 0u);
	/* IPv4 only: TCP is hashed on the addresses alone. */
	start(hw::RX_MODE_RSS_ENABLE | hw::RX_MODE_RSS_ITBL_HASH_BITS_7 | hw::RX_MODE_RSS_IPV4_HASH_EN);
	EXPECT_EQ(receive(frame(v4, kTcp)).reserved, v4.ip_hash);
	EXPECT_EQ(receive(frame(v6, kUdp)).type_flags & kHashed, 0u);
	/* IPv6 + TCP/IPv6. */
	start(hw::RX_MODE_RSS_ENABLE | hw::RX_MODE_RSS_ITBL_HASH_BITS_7 | hw::RX_MODE_RSS_IPV6_HASH_EN |
	      hw::RX_MODE_RSS_TCP_IPV6_HASH_EN);
	EXPECT_EQ(receive(frame(v6, kTcp)).reserved, v6.tcp_hash);
	EXPECT_EQ(receive(frame(v6, kUdp)).reserved, v6.ip_hash);
	EXPECT_EQ(receive(frame(v4, kTcp)).type_flags & kHashed, 0u);
	/* Hash types without RX_MODE_RSS_ENABLE: nothing is hashed. */
	start(hw::TG3_RX_MODE_RSS_BITS & ~hw::RX_MODE_RSS_ENABLE);
	bd = receive(frame(v4, kTcp));
	EXPECT_EQ(bd.reserved, 0u);
	EXPECT_EQ(bd.type_flags & kHashed, 0u);
	EXPECT_EQ(ctr(&Counters::rx_rss_hashed), 0u);
}

TEST_P(RssTest, KeyByteFourRIsInBitsThirtyOneToTwentyFour)
{
	/* The same key with each register's bytes reversed hashes differently. */
	uint8_t swapped[40];
	for (unsigned i = 0; i < 40; i++)
		swapped[i] = kMsKey[(i & ~3u) + 3 - (i & 3u)];
	write_key(swapped);
	EXPECT_NE(receive(frame(kV4[0], kTcp)).reserved, kV4[0].tcp_hash);
	write_key(kMsKey);
	EXPECT_EQ(receive(frame(kV4[0], kTcp)).reserved, kV4[0].tcp_hash) << "a key write takes effect at once";
}

TEST_P(RssTest, IndirectionTableFirstEntryIsTheMostSignificantNibble)
{
	/* §10.6: entry 8r+k is register r bits (31-4k):(28-4k). Literal values. */
	static_assert(entry_of(0x51ccc178) == 120 && entry_of(0x323e8fc2) == 66);
	unsigned ring = 99;
	q->reg_write(hw::MAC_RSS_INDIR_TBL_0 + 4 * 15, 0x20000000); /* entry 120 = 8*15+0 -> ring 2 */
	q->reg_write(hw::MAC_RSS_INDIR_TBL_0 + 4 * 8, 0x00300000);  /* entry 66 = 8*8+2 -> ring 3 */
	receive(frame(kV4[0], kTcp), &ring);
	EXPECT_EQ(ring, 2u);
	receive(frame(kV4[0], kUdp), &ring);
	EXPECT_EQ(ring, 3u);
	/* The least significant nibble of register 15 is entry 127, not 120. */
	q->reg_write(hw::MAC_RSS_INDIR_TBL_0 + 4 * 15, 0x00000002);
	receive(frame(kV4[0], kTcp), &ring);
	EXPECT_EQ(ring, 0u);
	/* Only the low two bits of an entry pick the ring (Thundergate rss.h). */
	q->reg_write(hw::MAC_RSS_INDIR_TBL_0 + 4 * 15, 0x50000000);
	receive(frame(kV4[0], kTcp), &ring);
	EXPECT_EQ(ring, 1u);
	/* Single status block (no MSGINT_MODE_MULTIVEC_EN, Thundergate's RSS setup, §9.1):
	 * ring 1's producer at 0x08, ring 3's at 0x0C, ring 2's at 0x0E. */
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_JUMBO_CONSUMER), 1u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RX_MINI_CONSUMER), 1u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_RESERVED16), 1u);
	EXPECT_EQ(sblk16(hw::SBLK_OFF_IDX0_RX_PRODUCER), 1u);
}

TEST_P(RssTest, EntryPointingAtADisabledReturnRingDropsTheFrame)
{
	set_sram_rcb(hw::NIC_SRAM_RCV_RET_RCB_N(3), rings[3], hw::BDINFO_FLAGS_DISABLED);
	q->reg_write(hw::MAC_RSS_INDIR_TBL_0 + 4 * 15, 0x30000000);
	inject(frame(kV4[0], kTcp));
	EXPECT_EQ(ctr(&Counters::rx_ret_ring_bad_drops), 1u);
	EXPECT_EQ(ctr(&Counters::rx_frames), 0u);
}

TG57XX_BOTH_CHIPS(RssTest);

} // namespace
} // namespace tg57xx::sim::test::engines
