/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_tg57xx_sim: a vdev that builds a chip-model instance (lib/tg57xx_sim),
 * starts its engine thread and binds the PMD to it through the same seam the
 * PCI path uses (DESIGN §2). Nothing above the seam knows which it is.
 *
 *   --vdev net_tg57xx_sim0,chip=57762,wire=loop
 *   --vdev net_tg57xx_sim0,wire=pair:a --vdev net_tg57xx_sim1,wire=pair:a
 *   --vdev net_tg57xx_sim0,wire=iface:veth0
 *   --vdev net_tg57xx_sim0,wire=pcap:in.pcap,out.pcap   (or wire=[pcap:in.pcap,out.pcap])
 *   --vdev net_tg57xx_sim0,wire=[pcap:gen.pcap,,loop],pace=1 (a line-rate generator)
 *   --vdev net_tg57xx_sim0,trace=/tmp/bringup.txt       (register accesses, dumped on close)
 *   --vdev net_tg57xx_sim0,intr=0                        (no interrupt handle: the PMD polls)
 *   --vdev net_tg57xx_sim0,fault=bootcode                (model faults, tg57xx_sim_fault.h)
 *   --vdev net_tg57xx_sim0,fault=dma:1,fault_after=3000  (... armed 3 s after the probe)
 *
 * Interrupts: the vdev plays the host's part of vfio-pci MSI-X. It creates one
 * eventfd per MSI-X vector of the personality, enables MSI-X in the model's
 * configuration space (what the kernel does for vfio), and turns every model
 * message on vector v (Device::set_irq_callback) into a write to eventfd v.
 * The ethdev's rte_intr_handle (type VDEV, per process, owned here) has
 * vector 0's eventfd as its fd, where the PMD's link handler listens, and
 * hands vectors 1.. out as the RX queue efds when the PMD asks
 * (Backend::intr_prepare). So the PMD's interrupt code is the PCI one.
 *
 * Built as its own plugin (librte_net_tg57xx_sim.so) so that the PCI plugin
 * carries no model; it links against librte_net_tg57xx.so for the device
 * core (tg57xx_dev_init / tg57xx_dev_close).
 */
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>

#include <linux/pci_regs.h>
#include <pthread.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>
#include <ethdev_vdev.h>
#include <rte_eal.h>
#include <rte_interrupts.h>
#include <rte_kvargs.h>
#include <rte_memory.h>

#include "tg57xx_ethdev.h"
#include "tg57xx_mii.h"
#include "tg57xx_sim_args.h"
#include "tg57xx_sim_fault.h"
#include "tg57xx_sim_log.h"
#include "tg57xx_sim_mp.h"
#include "tg57xx_sim_pmdinfo.h"
#include "tg57xx_sim/device.h"
#include "tg57xx_sim/wires.h"

namespace hw = tg57xx::hw;
namespace sim = tg57xx::sim;
using tg57xx::pmd::Adapter;
using tg57xx::pmd::Backend;
using tg57xx::pmd::RegIo;
using tg57xx::simvdev::SimArgs;
using tg57xx::simvdev::parse_args;

RTE_LOG_REGISTER_DEFAULT(tg57xx_sim_logtype, NOTICE);

namespace {

/* MSI-X vectors the vdev can deliver (ref §4.4: TG3_IRQ_MAX_VECS). */
constexpr unsigned kMaxVectors = hw::TG3_IRQ_MAX_VECS;

/* One model instance, its DMA translator cache and its interrupt plumbing (all per process). */
struct SimBackend {
	std::string name;       /* the vdev's */
	const rte_memzone *mbox_mz = nullptr; /* the mailbox page, shared with secondaries */
	bool served = false;    /* secondaries' register accesses answered (tg57xx_sim_mp.h) */
	std::unique_ptr<sim::Device> dev;
	std::string trace_path; /* dump the register-access trace here on close */
	/* Last memseg that translated: [lo, hi) in IOVA space, va = iova + delta. */
	uint64_t lo = 1, hi = 0;
	intptr_t delta = 0;
	/* MSI-X vector v -> efd[v] (nvec of them; 0 with intr=0). */
	rte_intr_handle *intr = nullptr;
	int efd[kMaxVectors] = {-1, -1, -1, -1, -1};
	unsigned nvec = 0;
};

/*
 * IOVA -> VA for the model's DMA engine (DESIGN §2): DPDK memory only; an
 * IOVA that no memseg backs is refused (the model then raises a DMA fault).
 * Runs on the model's thread; the cache holds the last memseg hit.
 */
void *translate(void *ctx, uint64_t iova, size_t len)
{
	auto *b = static_cast<SimBackend *>(ctx);
	if (iova >= b->lo && iova + len <= b->hi && iova + len >= iova)
		return reinterpret_cast<void *>(static_cast<intptr_t>(iova) + b->delta);
	void *va = rte_mem_iova2virt(iova);
	if (va == nullptr)
		return nullptr;
	const rte_memseg *ms = rte_mem_virt2memseg(va, nullptr);
	if (ms == nullptr)
		return nullptr;
	uint64_t seg_lo = ms->iova, seg_hi = ms->iova + ms->len;
	if (iova + len > seg_hi) {
		/* Spans memsegs: accept only if the range is contiguous in both spaces. */
		void *last = rte_mem_iova2virt(iova + len - 1);
		if (last != static_cast<uint8_t *>(va) + len - 1)
			return nullptr;
		return va;
	}
	b->lo = seg_lo;
	b->hi = seg_hi;
	b->delta = reinterpret_cast<intptr_t>(va) - static_cast<intptr_t>(iova);
	return va;
}

uint32_t sim_read32(void *ctx, uint32_t off) { return static_cast<SimBackend *>(ctx)->dev->bar0_read32(off); }
void sim_write32(void *ctx, uint32_t off, uint32_t v) { static_cast<SimBackend *>(ctx)->dev->bar0_write32(off, v); }
uint32_t sim_cfg_read32(void *ctx, uint32_t off) { return static_cast<SimBackend *>(ctx)->dev->cfg_read32(off); }
void sim_cfg_write32(void *ctx, uint32_t off, uint32_t v) { static_cast<SimBackend *>(ctx)->dev->cfg_write32(off, v); }
uint32_t sim_ape_read32(void *ctx, uint32_t off) { return static_cast<SimBackend *>(ctx)->dev->bar2_read32(off); }
void sim_ape_write32(void *ctx, uint32_t off, uint32_t v) { static_cast<SimBackend *>(ctx)->dev->bar2_write32(off, v); }

/* Model thread, model lock held: one eventfd write per message (Device::IrqCallback contract). */
void sim_irq(void *ctx, unsigned vector, bool asserted)
{
	auto *b = static_cast<SimBackend *>(ctx);
	if (!asserted || vector >= b->nvec)
		return; /* INTx de-assertions carry nothing an eventfd could say */
	const uint64_t one = 1;
	ssize_t r = write(b->efd[vector], &one, sizeof(one));
	(void)r; /* EAGAIN only if 2^64 - 2 messages went unread */
}

/* Enable MSI-X in the model's configuration space, as the host kernel does for vfio-pci. */
bool enable_msix(sim::Device &dev)
{
	constexpr unsigned kMaxCaps = 48; /* 256-byte space, 4-byte minimum per capability */
	uint8_t at = dev.cfg_read8(PCI_CAPABILITY_LIST) & ~3u;
	for (unsigned i = 0; at != 0 && i < kMaxCaps; i++) {
		if (dev.cfg_read8(at + PCI_CAP_LIST_ID) == PCI_CAP_ID_MSIX) {
			uint16_t ctrl = dev.cfg_read16(at + PCI_MSIX_FLAGS);
			dev.cfg_write16(at + PCI_MSIX_FLAGS, ctrl | PCI_MSIX_FLAGS_ENABLE);
			return true;
		}
		at = dev.cfg_read8(at + PCI_CAP_LIST_NEXT) & ~3u;
	}
	return false;
}

void intr_free(SimBackend *b)
{
	if (b->dev)
		b->dev->set_irq_callback(nullptr, nullptr);
	for (int &fd : b->efd) {
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	b->nvec = 0;
	rte_intr_instance_free(b->intr);
	b->intr = nullptr;
}

/* The vdev's interrupt handle: type VDEV, vector 0's eventfd as its fd. */
int intr_create(const char *name, SimBackend *b)
{
	b->nvec = RTE_MIN(unsigned{b->dev->info().msix_vectors}, kMaxVectors);
	for (unsigned v = 0; v < b->nvec; v++) {
		b->efd[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (b->efd[v] < 0) {
			SIM_LOG(ERR, "%s: cannot create the eventfd of vector %u: %s", name, v, std::strerror(errno));
			intr_free(b);
			return -errno;
		}
	}
	b->intr = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (b->intr == nullptr || rte_intr_type_set(b->intr, RTE_INTR_HANDLE_VDEV) != 0 ||
	    rte_intr_fd_set(b->intr, b->efd[0]) != 0 || !enable_msix(*b->dev)) {
		SIM_LOG(ERR, "%s: cannot set up the interrupt handle", name);
		intr_free(b);
		return -ENOMEM;
	}
	b->dev->set_irq_callback(sim_irq, b);
	return 0;
}

/* Backend::intr_prepare: vectors 1..nb_rx become the handle's efds 0..nb_rx-1. */
int sim_intr_prepare(void *ctx, rte_intr_handle *h, unsigned nb_rx)
{
	auto *b = static_cast<SimBackend *>(ctx);
	if (h != b->intr || nb_rx + 1 > b->nvec)
		return -EINVAL;
	for (unsigned q = 0; q < nb_rx; q++)
		if (rte_intr_efds_index_set(h, q, b->efd[q + 1]) != 0)
			return -rte_errno;
	/* max_intr == nb_efd: rte_intr_efd_disable then leaves the eventfds open (they are ours). */
	if (rte_intr_nb_efd_set(h, nb_rx) != 0 || rte_intr_max_intr_set(h, nb_rx) != 0 ||
	    rte_intr_efd_counter_size_set(h, sizeof(uint64_t)) != 0)
		return -rte_errno;
	return 0;
}

void sim_close(void *ctx)
{
	auto *b = static_cast<SimBackend *>(ctx);
	if (b->served)
		tg57xx::simvdev::io_server_remove(b->name.c_str());
	tg57xx::simvdev::fault_target_remove(b->name);
	b->dev->stop_runner();
	intr_free(b);
	if (!b->trace_path.empty()) {
		std::FILE *f = std::fopen(b->trace_path.c_str(), "w");
		if (f != nullptr) {
			b->dev->dump_trace(f);
			std::fclose(f);
		} else {
			SIM_LOG(ERR, "cannot write the register trace to %s: %s", b->trace_path.c_str(),
				    std::strerror(errno));
		}
	}
	const rte_memzone *mz = b->mbox_mz;
	delete b; /* the model first: it uses the page until it is gone */
	rte_memzone_free(mz);
}

/*
 * Default station address: the model's Broadcom OUI with the last two bytes
 * taken from the vdev name (FNV-1a), so two ports in one process differ.
 */
void default_mac(const char *name, sim::MacAddress &mac)
{
	constexpr uint32_t kFnvOffset = 2166136261u, kFnvPrime = 16777619u;
	uint32_t h = kFnvOffset;
	for (const char *c = name; *c != '\0'; c++)
		h = (h ^ static_cast<uint8_t>(*c)) * kFnvPrime;
	mac[4] = static_cast<uint8_t>(h >> 8);
	mac[5] = static_cast<uint8_t>(h);
}

/*
 * The model's engine thread is the "hardware": it must not share the lcore
 * of whoever probes (usually the main lcore, pinned to one CPU), so it starts
 * with every online CPU allowed and the scheduler places it.
 */
void start_runner_unpinned(sim::Device &dev)
{
	cpu_set_t saved, all;
	bool swapped = pthread_getaffinity_np(pthread_self(), sizeof(saved), &saved) == 0;
	if (swapped) {
		CPU_ZERO(&all);
		for (long c = 0, n = sysconf(_SC_NPROCESSORS_ONLN); c < n && c < CPU_SETSIZE; c++)
			CPU_SET(static_cast<int>(c), &all);
		swapped = pthread_setaffinity_np(pthread_self(), sizeof(all), &all) == 0;
	}
	dev.start_runner();
	if (swapped)
		pthread_setaffinity_np(pthread_self(), sizeof(saved), &saved);
}

/* Build the model; exceptions stop here (none crosses into DPDK). */
int make_backend(const char *name, const SimArgs &args, SimBackend **out) noexcept
{
	try {
		auto b = std::make_unique<SimBackend>();
		std::unique_ptr<sim::Wire> wire = sim::make_wire(args.wire);
		b->name = name;
		b->trace_path = args.trace;
		b->mbox_mz = tg57xx::simvdev::mbox_zone_reserve(name);
		if (b->mbox_mz == nullptr)
			return -ENOMEM;
		sim::Config cfg = args.cfg;
		cfg.mailbox_memory = tg57xx::simvdev::mbox_zone_page(b->mbox_mz);
		b->dev = sim::Device::create(cfg);
		b->dev->attach_wire(std::move(wire));
		b->dev->set_dma_translator(translate, b.get());
		if (args.fault_after_ms == 0)
			b->dev->set_faults(args.faults);
		if (args.intr) {
			int ret = intr_create(name, b.get());
			if (ret != 0)
				return ret;
		}
		start_runner_unpinned(*b->dev);
		tg57xx::simvdev::IoTarget t{b.get(), sim_read32, sim_write32, sim_cfg_read32, sim_cfg_write32};
		b->served = tg57xx::simvdev::io_server_add(name, t) == 0;
		tg57xx::simvdev::fault_target_add(name, b->dev.get());
		if (args.fault_after_ms != 0 &&
		    tg57xx::simvdev::fault_arm_later(name, args.faults, args.fault_after_ms) != 0)
			SIM_LOG(ERR, "%s: cannot arm the faults later (no EAL alarm): they stay unarmed", name);
		*out = b.release();
		return 0;
	} catch (const std::invalid_argument &e) {
		SIM_LOG(ERR, "%s: wire=%s: %s", name, args.wire.c_str(), e.what());
		return -EINVAL;
	} catch (const std::exception &e) {
		SIM_LOG(ERR, "%s: cannot build the chip model: %s", name, e.what());
		return -ENODEV;
	}
}

/*
 * A secondary process: the model runs in the primary; reach it through the
 * shared mailbox page and register accesses forwarded over rte_mp.
 */
int probe_secondary(rte_vdev_device *vdev, const char *name)
{
	rte_eth_dev *dev = rte_eth_dev_attach_secondary(name);
	if (dev == nullptr) {
		SIM_LOG(ERR, "%s: no such port in the primary process", name);
		return -ENODEV;
	}
	RegIo io{};
	Backend be{};
	int ret = tg57xx::simvdev::io_proxy_make(name, io, be);
	if (ret == 0) {
		ret = tg57xx::pmd::tg57xx_dev_attach_secondary(dev, io, be);
		if (ret != 0)
			be.close(be.ctx);
	}
	if (ret != 0) {
		rte_eth_dev_release_port(dev);
		return ret;
	}
	dev->device = &vdev->device;
	rte_eth_dev_probing_finish(dev);
	return 0;
}

int tg57xx_sim_probe(rte_vdev_device *vdev) noexcept
{
	const char *name = rte_vdev_device_name(vdev);
	SimArgs args;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return probe_secondary(vdev, name);
	default_mac(name, args.cfg.mac);
	ret = parse_args(name, rte_vdev_device_args(vdev), args);
	if (ret != 0)
		return ret;
	SimBackend *b = nullptr;
	ret = make_backend(name, args, &b);
	if (ret != 0)
		return ret;

	rte_eth_dev *dev = rte_eth_vdev_allocate(vdev, sizeof(Adapter));
	if (dev == nullptr) {
		sim_close(b);
		return -ENOMEM;
	}
	RegIo io{};
	io.read32 = sim_read32;
	io.write32 = sim_write32;
	io.cfg_read32 = sim_cfg_read32;
	io.cfg_write32 = sim_cfg_write32;
	io.ape_read32 = sim_ape_read32; /* BAR2: the model's APE (all-ones on a chip without one) */
	io.ape_write32 = sim_ape_write32;
	io.ctx = b;
	io.mbox = b->dev->mailbox_page();
	Backend be{b, sim_close, sim_intr_prepare};
	dev->intr_handle = b->intr; /* nullptr with intr=0 */
	ret = tg57xx::pmd::tg57xx_dev_init(dev, io, be);
	if (ret != 0) {
		dev->intr_handle = nullptr;
		sim_close(b);
		rte_eth_dev_release_port(dev);
		return ret;
	}
	rte_eth_dev_probing_finish(dev);
	return 0;
}

int tg57xx_sim_remove(rte_vdev_device *vdev) noexcept
{
	rte_eth_dev *dev = rte_eth_dev_allocated(rte_vdev_device_name(vdev));
	if (dev == nullptr)
		return 0;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		tg57xx::pmd::tg57xx_dev_detach_secondary(dev); /* frees this process's proxy */
		return rte_eth_dev_release_port(dev);
	}
	tg57xx::pmd::tg57xx_dev_close(dev); /* frees the backend and with it the handle */
	dev->intr_handle = nullptr;
	return rte_eth_dev_release_port(dev);
}

rte_vdev_driver tg57xx_sim_driver = [] {
	rte_vdev_driver d{};
	d.probe = tg57xx_sim_probe;
	d.remove = tg57xx_sim_remove;
	return d;
}();

} // namespace

RTE_PMD_REGISTER_VDEV(net_tg57xx_sim, tg57xx_sim_driver);
RTE_PMD_REGISTER_PARAM_STRING(net_tg57xx_sim, TG57XX_SIM_PARAM_STRING);
