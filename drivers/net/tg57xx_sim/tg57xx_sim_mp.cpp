/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The chip model across DPDK processes (see tg57xx_sim_mp.h): the mailbox
 * page in a memzone, and register accesses of secondaries answered by the
 * primary over rte_mp.
 */
#include "tg57xx_sim_mp.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <new>
#include <string>

#include <rte_eal.h>
#include <rte_errno.h>

#include "tg57xx_sim_log.h"

namespace tg57xx::simvdev {

namespace {

/* The page: 0x200 bytes of mailboxes (ref §4.1), then the vdev's name. */
constexpr size_t kPageBytes = 0x200;
constexpr size_t kNameBytes = RTE_DEV_NAME_MAX_LEN;
constexpr unsigned kPageAlign = RTE_CACHE_LINE_SIZE;
constexpr const char *kZonePrefix = "tg57xx_mbox_";
/* The rte_mp action that serves register accesses. */
constexpr const char *kAction = "tg57xx_sim_io";
/* A primary that does not answer within this is gone or wedged. */
constexpr long kRequestTimeoutSec = 5;

enum class Op : uint32_t { READ32, WRITE32, CFG_READ32, CFG_WRITE32 };

struct IoRequest {
	char name[kNameBytes];
	Op op;
	uint32_t off;
	uint32_t val;
};
struct IoReply {
	int32_t status; /* 0 or a negative errno */
	uint32_t val;
};
static_assert(sizeof(IoRequest) <= RTE_MP_MAX_PARAM_LEN && sizeof(IoReply) <= RTE_MP_MAX_PARAM_LEN);

/* memzone names are short (RTE_MEMZONE_NAMESIZE): a hash of the vdev name (FNV-1a). */
std::string zone_name(const char *name)
{
	constexpr uint32_t kFnvOffset = 2166136261u, kFnvPrime = 16777619u;
	uint32_t h = kFnvOffset;
	for (const char *c = name; *c != '\0'; c++)
		h = (h ^ static_cast<uint8_t>(*c)) * kFnvPrime;
	char buf[RTE_MEMZONE_NAMESIZE];
	std::snprintf(buf, sizeof(buf), "%s%08x", kZonePrefix, h);
	return buf;
}

char *zone_label(const rte_memzone *mz) { return static_cast<char *>(mz->addr) + kPageBytes; }

/* ---- primary: the server ---- */

std::mutex g_lock; /* the targets, and every request's use of one */
std::map<std::string, IoTarget> g_targets;
bool g_action_registered = false;

int serve(const rte_mp_msg *msg, const void *peer) noexcept
{
	rte_mp_msg out{};
	std::snprintf(out.name, sizeof(out.name), "%s", kAction);
	out.len_param = sizeof(IoReply);
	IoReply rep{-EINVAL, 0};
	if (msg->len_param == static_cast<int>(sizeof(IoRequest))) {
		IoRequest req;
		std::memcpy(&req, msg->param, sizeof(req));
		req.name[kNameBytes - 1] = '\0';
		std::lock_guard lk(g_lock);
		auto it = g_targets.find(req.name);
		if (it == g_targets.end()) {
			rep.status = -ENODEV;
		} else {
			const IoTarget &t = it->second;
			rep.status = 0;
			switch (req.op) {
			case Op::READ32: rep.val = t.read32(t.ctx, req.off); break;
			case Op::WRITE32: t.write32(t.ctx, req.off, req.val); break;
			case Op::CFG_READ32: rep.val = t.cfg_read32(t.ctx, req.off); break;
			case Op::CFG_WRITE32: t.cfg_write32(t.ctx, req.off, req.val); break;
			default: rep.status = -EINVAL; break;
			}
		}
	}
	std::memcpy(out.param, &rep, sizeof(rep));
	return rte_mp_reply(&out, static_cast<const char *>(peer));
}

/* ---- secondary: the proxy ---- */

struct Proxy {
	char name[kNameBytes];
	bool warned = false; /* one log line when the primary stops answering */
};

bool request(Proxy *p, Op op, uint32_t off, uint32_t val, uint32_t *out)
{
	rte_mp_msg msg{};
	std::snprintf(msg.name, sizeof(msg.name), "%s", kAction);
	IoRequest req{};
	std::snprintf(req.name, sizeof(req.name), "%s", p->name);
	req.op = op;
	req.off = off;
	req.val = val;
	msg.len_param = sizeof(req);
	std::memcpy(msg.param, &req, sizeof(req));
	struct rte_mp_reply reply{};
	timespec ts{kRequestTimeoutSec, 0};
	bool ok = rte_mp_request_sync(&msg, &reply, &ts) == 0 && reply.nb_received == 1 &&
		  reply.msgs[0].len_param == static_cast<int>(sizeof(IoReply));
	IoReply rep{-EIO, 0};
	if (ok)
		std::memcpy(&rep, reply.msgs[0].param, sizeof(rep));
	std::free(reply.msgs);
	if (!ok || rep.status != 0) {
		if (!p->warned)
			SIM_LOG(ERR, "%s: the primary process did not answer a register access (%s)", p->name,
				ok ? std::strerror(-rep.status) : rte_strerror(rte_errno));
		p->warned = true;
		return false;
	}
	*out = rep.val;
	return true;
}

uint32_t proxy_read32(void *ctx, uint32_t off)
{
	uint32_t v = ~0u; /* what a vanished PCI device reads as */
	(void)request(static_cast<Proxy *>(ctx), Op::READ32, off, 0, &v);
	return v;
}
void proxy_write32(void *ctx, uint32_t off, uint32_t val)
{
	uint32_t ignored;
	(void)request(static_cast<Proxy *>(ctx), Op::WRITE32, off, val, &ignored);
}
uint32_t proxy_cfg_read32(void *ctx, uint32_t off)
{
	uint32_t v = ~0u;
	(void)request(static_cast<Proxy *>(ctx), Op::CFG_READ32, off, 0, &v);
	return v;
}
void proxy_cfg_write32(void *ctx, uint32_t off, uint32_t val)
{
	uint32_t ignored;
	(void)request(static_cast<Proxy *>(ctx), Op::CFG_WRITE32, off, val, &ignored);
}
void proxy_close(void *ctx) { delete static_cast<Proxy *>(ctx); }

} // namespace

const rte_memzone *mbox_zone_reserve(const char *name)
{
	const std::string zn = zone_name(name);
	const rte_memzone *mz = rte_memzone_reserve_aligned(zn.c_str(), kPageBytes + kNameBytes, SOCKET_ID_ANY, 0,
							     kPageAlign);
	if (mz == nullptr) {
		SIM_LOG(ERR, "%s: cannot reserve memzone %s for the mailbox page: %s", name, zn.c_str(),
			rte_strerror(rte_errno));
		return nullptr;
	}
	std::memset(mz->addr, 0, kPageBytes + kNameBytes);
	std::snprintf(zone_label(mz), kNameBytes, "%s", name);
	return mz;
}

uint32_t *mbox_zone_page(const rte_memzone *mz) { return static_cast<uint32_t *>(mz->addr); }

uint32_t *mbox_zone_lookup(const char *name)
{
	const rte_memzone *mz = rte_memzone_lookup(zone_name(name).c_str());
	if (mz == nullptr || std::strncmp(zone_label(mz), name, kNameBytes) != 0)
		return nullptr;
	return mbox_zone_page(mz);
}

int io_server_add(const char *name, const IoTarget &target)
{
	std::lock_guard lk(g_lock);
	if (!g_action_registered) {
		if (rte_mp_action_register(kAction, serve) != 0 && rte_errno != EEXIST) {
			/* --in-memory / --no-shconf: there can be no secondaries. */
			SIM_LOG(DEBUG, "%s: no multi-process channel (%s): secondaries cannot reach this port", name,
				rte_strerror(rte_errno));
			return -rte_errno;
		}
		g_action_registered = true;
	}
	g_targets[name] = target;
	return 0;
}

void io_server_remove(const char *name)
{
	std::lock_guard lk(g_lock); /* waits for a request being served */
	g_targets.erase(name);
	if (g_targets.empty() && g_action_registered) {
		rte_mp_action_unregister(kAction);
		g_action_registered = false;
	}
}

int io_proxy_make(const char *name, pmd::RegIo &io, pmd::Backend &be)
{
	uint32_t *page = mbox_zone_lookup(name);
	if (page == nullptr) {
		SIM_LOG(ERR, "%s: the primary process has no such chip-model port", name);
		return -ENODEV;
	}
	auto *p = new (std::nothrow) Proxy{};
	if (p == nullptr)
		return -ENOMEM;
	std::snprintf(p->name, sizeof(p->name), "%s", name);
	/* One access now, so that a primary that cannot answer is found at probe. */
	uint32_t probe;
	if (!request(p, Op::CFG_READ32, 0, 0, &probe)) {
		delete p;
		return -ENODEV;
	}
	io = pmd::RegIo{};
	io.read32 = proxy_read32;
	io.write32 = proxy_write32;
	io.cfg_read32 = proxy_cfg_read32;
	io.cfg_write32 = proxy_cfg_write32;
	io.ctx = p;
	io.mbox = reinterpret_cast<volatile uint32_t *>(page);
	be = pmd::Backend{};
	be.ctx = p;
	be.close = proxy_close;
	return 0;
}

} // namespace tg57xx::simvdev
