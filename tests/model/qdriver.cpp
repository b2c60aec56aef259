/* SPDX-License-Identifier: BSD-3-Clause */
#include "qdriver.h"

#include <cstring>

#include "pci_cfg.h"
#include "personality.h"
#include "tg57xx_desc.h"
#include "tg57xx_mii.h"
#include "tg57xx_regs.h"

namespace tg57xx::sim::test {

namespace hw = tg57xx::hw;

namespace {
/* §12.2 step 7: 120 µs before and after the config-read flush. */
constexpr uint64_t kResetSettleNs = 120'000;
/* §5.12: SWARB_GNT1 polled every 20 µs. */
constexpr uint64_t kNvramLockPollNs = 20'000;
/* §13: tg3_stop_block polls every 100 µs. */
constexpr uint64_t kStopBlockPollNs = 100'000;
/* §6.2: the firmware mailbox is polled every 10 µs. */
constexpr uint64_t kFwPollNs = 10'000;
constexpr uint32_t kPciCommandMask = 0xFFFF;
/* tg3 TG3_GRC_LCLCTL_PWRSW_DELAY after a power-source GPIO write. */
constexpr uint64_t kPwrSwitchNs = hw::TG3_GRC_LCLCTL_PWRSW_DELAY_US * 1000;
/* tg3_ape_lock: 100 polls, 10 µs apart. */
constexpr unsigned kApeLockPolls = 100;
constexpr uint32_t kApeWriteEnables =
	hw::PCISTATE_ALLOW_APE_CTLSPC_WR | hw::PCISTATE_ALLOW_APE_SHMEM_WR | hw::PCISTATE_ALLOW_APE_PSPACE_WR;
} // namespace

DmaArena::DmaArena(size_t bytes) : mem_(new uint8_t[bytes]()), size_(bytes) {}

uint64_t DmaArena::alloc(size_t bytes, size_t align)
{
	const uint64_t start = (base() + used_ + align - 1) & ~static_cast<uint64_t>(align - 1);
	const size_t end = static_cast<size_t>(start - base()) + bytes;
	if (end > size_)
		return 0;
	used_ = end;
	std::memset(host(start), 0, bytes);
	return start;
}

bool DmaArena::contains(uint64_t iova, size_t len) const
{
	return iova >= base() && len <= size_ && iova - base() <= size_ - len;
}

void *DmaArena::translate(void *ctx, uint64_t iova, size_t len)
{
	auto *a = static_cast<DmaArena *>(ctx);
	return a->contains(iova, len) ? a->host(iova) : nullptr;
}

bool QDriver::wait_for_bits(uint32_t off, uint32_t mask, uint32_t value, uint64_t timeout_ns, uint64_t poll_ns)
{
	for (uint64_t waited = 0;; waited += poll_ns) {
		if ((reg_read(off) & mask) == value)
			return true;
		if (waited >= timeout_ns)
			return false;
		delay(poll_ns);
	}
}

uint32_t QDriver::sram_read(uint32_t addr)
{
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, hw::nic_sram_win_base(addr));
	const uint32_t v = reg_read(hw::nic_sram_win_offset(addr));
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
	return v;
}

void QDriver::sram_write(uint32_t addr, uint32_t val)
{
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, hw::nic_sram_win_base(addr));
	reg_write(hw::nic_sram_win_offset(addr), val);
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
}

uint32_t QDriver::sram_read_data_reg(uint32_t addr)
{
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, addr);
	const uint32_t v = reg_read(hw::TG3PCI_MEM_WIN_DATA);
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0); /* "Always leave this as zero" */
	return v;
}

void QDriver::sram_write_data_reg(uint32_t addr, uint32_t val)
{
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, addr);
	reg_write(hw::TG3PCI_MEM_WIN_DATA, val);
	reg_write(hw::TG3PCI_MEM_WIN_BASE_ADDR, 0);
}

void QDriver::probe_init()
{
	const uint32_t chiprev = cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	misc_host_ctrl_ = hw::TG3_MISC_HOST_CTRL_INIT;
	cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | misc_host_ctrl_);
	reg_write(hw::MEMARB_MODE, reg_read(hw::MEMARB_MODE) | hw::MEMARB_MODE_ENABLE);
	switch_to_vmain();
}

uint32_t QDriver::local_ctrl() const
{
	return hw::TG3_GRC_LOCAL_CTRL_INIT |
	       (dev_.info().chip == Personality::BCM57762 ? hw::GRC_LCLCTRL_GPIO_UART_SEL : 0);
}

bool QDriver::switch_to_vmain()
{
	if (sram_read(hw::NIC_SRAM_DATA_SIG) == hw::NIC_SRAM_DATA_SIG_MAGIC &&
	    (sram_read(hw::NIC_SRAM_DATA_CFG) & hw::NIC_SRAM_DATA_CFG_EEPROM_WP))
		return true; /* a LOM: the boot code owns the GPIOs */
	const bool ape = dev_.info().has_ape;
	const uint32_t grant = hw::TG3_APE_LOCK_GRANT_REG(hw::TG3_APE_LOCK_GPIO);
	if (ape) {
		cfg_write(hw::TG3PCI_PCISTATE, cfg_read(hw::TG3PCI_PCISTATE) | kApeWriteEnables);
		dev_.bar2_write32(hw::TG3_APE_LOCK_REQ_REG(hw::TG3_APE_LOCK_GPIO), hw::APE_LOCK_PER_REQ_DRIVER);
		bool got = false;
		for (unsigned i = 0; i < kApeLockPolls && !got; i++) {
			got = dev_.bar2_read32(grant) == hw::APE_LOCK_PER_REQ_DRIVER;
			if (!got)
				delay(kPollNs);
		}
		if (!got) {
			dev_.bar2_write32(grant, hw::APE_LOCK_PER_REQ_DRIVER);
			return false;
		}
	}
	reg_write(hw::GRC_LOCAL_CTRL, local_ctrl());
	delay(kPwrSwitchNs);
	if (ape)
		dev_.bar2_write32(grant, hw::APE_LOCK_PER_REQ_DRIVER);
	return true;
}

bool QDriver::chip_reset()
{
	if (misc_host_ctrl_ == 0)
		probe_init();
	const bool clock_override = dev_.info().chip == Personality::BCM5720; /* §12.2 step 5 */

	sram_write(hw::NIC_SRAM_FIRMWARE_MBOX, hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1); /* §6.2 step 1 */
	nvram_lock();                                                              /* step 1 */
	const uint32_t command = cfg_read(pci::kCommandStatus) & kPciCommandMask;  /* step 2 */
	const uint32_t devctl = cfg_read(hw::TG3PCI_DEV_STATUS_CTRL) & hw::TG3PCI_DEVCTL_MASK;
	reg_write(hw::GRC_FASTBOOT_PC, 0);
	reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET); /* step 4 */
	if (clock_override)
		reg_write(hw::TG3_CPMU_CLCK_ORIDE, hw::CPMU_CLCK_ORIDE_MAC_ORIDE_EN);
	reg_write(hw::GRC_MISC_CFG, hw::GRC_MISC_CFG_CORECLK_RESET | hw::GRC_MISC_CFG_NO_PCIE_LINK_RESET); /* step 6 */
	delay(kResetSettleNs); /* step 7 */
	(void)cfg_read(pci::kVendorDevice);
	delay(kResetSettleNs);
	/* step 8: Device Control as before (MRRS kept, bge_reset) minus relaxed ordering / no-snoop
	 * (tg3_chip_reset); clear the Device Status errors. */
	cfg_write(hw::TG3PCI_DEV_STATUS_CTRL,
		  (devctl & ~(pci::kExpDevCtlRelaxEn | pci::kExpDevCtlNoSnoopEn)) | pci::kExpDevStaW1c);
	/* step 9 */
	const uint32_t chiprev = cfg_read(hw::TG3PCI_MISC_HOST_CTRL) & hw::MISC_HOST_CTRL_CHIPREV;
	cfg_write(hw::TG3PCI_MISC_HOST_CTRL, chiprev | misc_host_ctrl_);
	cfg_write(hw::TG3PCI_PCISTATE, hw::PCISTATE_ROM_ENABLE | hw::PCISTATE_ROM_RETRY_ENABLE);
	cfg_write(pci::kCommandStatus, command);
	reg_write(hw::MEMARB_MODE, hw::MEMARB_MODE_ENABLE); /* step 10 */
	/* step 11: poll for the boot code's ~MAGIC1. */
	bool ok = false;
	for (unsigned i = 0; i < hw::TG3_FW_HANDSHAKE_POLLS; i++) {
		if (sram_read(hw::NIC_SRAM_FIRMWARE_MBOX) == hw::NIC_SRAM_FIRMWARE_MBOX_MAGIC1_COMPLEMENT) {
			ok = true;
			break;
		}
		delay(kFwPollNs);
	}
	if (clock_override) /* step 16 */
		reg_write(hw::TG3_CPMU_CLCK_ORIDE, 0);
	return ok;
}

bool QDriver::nvram_lock()
{
	reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_SET1);
	if (wait_for_bits(hw::NVRAM_SWARB, hw::SWARB_GNT1, hw::SWARB_GNT1,
			  hw::TG3_NVRAM_LOCK_POLLS * kNvramLockPollNs, kNvramLockPollNs))
		return true;
	reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_CLR1);
	return false;
}

void QDriver::nvram_unlock()
{
	reg_write(hw::NVRAM_SWARB, hw::SWARB_REQ_CLR1);
}

std::optional<uint32_t> QDriver::nvram_read(uint32_t addr)
{
	if (!nvram_lock())
		return std::nullopt;
	reg_write(hw::NVRAM_ACCESS, reg_read(hw::NVRAM_ACCESS) | hw::ACCESS_ENABLE);
	reg_write(hw::NVRAM_ADDR, addr & hw::NVRAM_ADDR_MSK);
	reg_write(hw::NVRAM_CMD, hw::TG3_NVRAM_CMD_READ_DWORD);
	const bool done = wait_for_bits(hw::NVRAM_CMD, hw::NVRAM_CMD_DONE, hw::NVRAM_CMD_DONE,
					hw::NVRAM_CMD_TIMEOUT * kPollNs);
	std::optional<uint32_t> v;
	if (done)
		v = reg_read(hw::NVRAM_RDDATA);
	reg_write(hw::NVRAM_ACCESS, reg_read(hw::NVRAM_ACCESS) & ~hw::ACCESS_ENABLE);
	nvram_unlock();
	return v;
}

bool QDriver::stop_block(uint32_t off, uint32_t enable_bit)
{
	reg_write(off, reg_read(off) & ~enable_bit);
	return wait_for_bits(off, enable_bit, 0, hw::MAX_WAIT_CNT * kStopBlockPollNs, kStopBlockPollNs);
}

} // namespace tg57xx::sim::test

namespace tg57xx::sim::test {

void QDriver::rcb_regs_write(uint32_t rcb, uint64_t host, uint32_t maxlen_flags)
{
	reg_write(rcb + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(host >> 32));
	reg_write(rcb + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(host));
	reg_write(rcb + hw::TG3_BDINFO_MAXLEN_FLAGS, maxlen_flags);
}

void QDriver::rcb_sram_write(uint32_t addr, uint64_t host, uint32_t maxlen_flags)
{
	sram_write(addr + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(host >> 32));
	sram_write(addr + hw::TG3_BDINFO_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(host));
	sram_write(addr + hw::TG3_BDINFO_MAXLEN_FLAGS, maxlen_flags);
}

} // namespace tg57xx::sim::test

namespace tg57xx::sim::test {

bool engine_bring_up_begin(QDriver &q, bool no_tx_phdr_csum)
{
	constexpr uint64_t kBufmgrWaitNs = 20'000'000; /* tg3: 2000 x 10 us (§12.3 step 9) */
	if (!q.chip_reset())
		return false;
	q.reg_write(hw::GRC_MODE, hw::TG3_GRC_MODE_SWAP_LE | hw::GRC_MODE_HOST_SENDBDS |
					  (no_tx_phdr_csum ? hw::GRC_MODE_NO_TX_PHDR_CSUM : 0) |
					  hw::GRC_MODE_IRQ_ON_MAC_ATTN | hw::GRC_MODE_HOST_STACKUP);
	q.reg_write(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE | hw::BUFMGR_MODE_ATTN_ENABLE);
	return q.wait_for_bits(hw::BUFMGR_MODE, hw::BUFMGR_MODE_ENABLE, hw::BUFMGR_MODE_ENABLE, kBufmgrWaitNs);
}

bool QDriver::mdio_write(uint32_t phy_addr, uint32_t reg, uint16_t val)
{
	constexpr uint64_t kMdioTimeoutNs = 50'000'000; /* PHY_BUSY_LOOPS x 10 us */
	reg_write(hw::MAC_MI_COM, hw::mi_com_write(phy_addr, reg, val));
	return wait_for_bits(hw::MAC_MI_COM, hw::MI_COM_BUSY, 0, kMdioTimeoutNs);
}

void rdma_length_wa(QDriver &q, const PersonalityInfo &pi)
{
	if (pi.chip != Personality::BCM5720)
		return;
	bool over = false;
	for (unsigned ch = 0; ch < hw::TG3_NUM_RDMA_CHANNELS; ch++)
		over |= q.reg_read(hw::TG3_RDMA_LENGTH_N(ch)) > pi.max_mtu;
	if (over)
		q.reg_write(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL,
			    q.reg_read(hw::TG3_LSO_RD_DMA_CRPTEN_CTRL) | hw::TG3_LSO_RD_DMA_TX_LENGTH_WA_5720);
}

void engine_bring_up_end(QDriver &q, const PersonalityInfo &pi, const EngineLayout &l)
{
	/* tg3_phy_reset on a JUMBO_CAPABLE chip: AUXCTL EXTPKTLEN, EXT_CTRL FIFO_ELASTIC
	 * (the PHY passes long frames only with them, mii_phy.cpp). */
	const uint32_t phy = chip_personality(pi.chip).phy_address(q.dev().config().pci_function);
	q.mdio_write(phy, hw::MII_TG3_AUX_CTRL, hw::MII_TG3_AUXCTL_SHDWSEL_AUXCTL | hw::MII_TG3_AUXCTL_ACTL_EXTPKTLEN);
	q.mdio_write(phy, hw::MII_TG3_EXT_CTRL, hw::MII_TG3_EXT_CTRL_FIFO_ELASTIC);
	/* Std RCB (§12.3 step 11, §7.2 57765_PLUS encoding), jumbo RCB. */
	q.rcb_regs_write(hw::RCVDBDI_STD_BD, l.std_ring, hw::bdinfo_std_maxlen_flags_57765(l.std_size, l.std_buf));
	if (l.jmb_size != 0)
		q.rcb_regs_write(hw::RCVDBDI_JUMBO_BD, l.jmb_ring,
				 hw::bdinfo_maxlen_flags(l.jmb_size, hw::BDINFO_FLAGS_USE_EXT_RECV));
	else
		q.reg_write(hw::RCVDBDI_JUMBO_BD + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	/* §12.3 step 12: producer mailboxes. */
	q.reg_write(hw::TG3_RX_STD_PROD_IDX_REG, l.std_prod);
	q.reg_write(hw::TG3_RX_JMB_PROD_IDX_REG, l.jmb_prod);
	/* §12.3 step 13: tg3_rings_reset. */
	for (unsigned n = 1; n < pi.send_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_SEND_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	for (unsigned n = 1; n < pi.ret_rcbs; n++)
		q.sram_write(hw::NIC_SRAM_RCV_RET_RCB_N(n) + hw::TG3_BDINFO_MAXLEN_FLAGS, hw::BDINFO_FLAGS_DISABLED);
	q.reg_write(send_prod_mailbox(0), 0);
	q.reg_write(ret_con_mailbox(0), 0);
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_HIGH, static_cast<uint32_t>(l.sblk >> 32));
	q.reg_write(hw::HOSTCC_STATUS_BLK_HOST_ADDR + hw::TG3_64BIT_REG_LOW, static_cast<uint32_t>(l.sblk));
	q.rcb_sram_write(hw::NIC_SRAM_SEND_RCB_N(0), l.tx_ring, hw::bdinfo_maxlen_flags(l.tx_size, 0));
	q.rcb_sram_write(hw::NIC_SRAM_RCV_RET_RCB_N(0), l.ret_ring, hw::bdinfo_maxlen_flags(l.ret_size, 0));
	q.reg_write(hw::MAC_RX_MTU_SIZE, l.rx_mtu);
	q.reg_write(hw::RCVLPC_CONFIG, hw::RCVLPC_CONFIG_TG3_VALUE);
	q.reg_write(hw::RCVLPC_STATS_ENABLE, q.reg_read(hw::RCVLPC_STATS_ENABLE) & ~hw::RCVLPC_STATSENAB_DACK_FIX);
	q.reg_write(hw::RCVLPC_STATSCTRL, hw::RCVLPC_STATSCTRL_ENABLE);
	q.reg_write(hw::SNDDATAI_STATSENAB, hw::TG3_SNDDATAI_STATSENAB_ALL);
	q.reg_write(hw::SNDDATAI_STATSCTRL, hw::SNDDATAI_SCTRL_ENABLE | hw::SNDDATAI_SCTRL_FASTUPD);
	/* Host coalescing with all thresholds 0: every BD event writes the status block. */
	q.reg_write(hw::HOSTCC_MODE, 0);
	q.reg_write(hw::HOSTCC_MODE, hw::HOSTCC_MODE_ENABLE | hw::HOSTCC_MODE_ATTN);
	q.reg_write(hw::RCVCC_MODE, hw::RCVCC_MODE_ENABLE | hw::RCVCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVLPC_MODE, hw::RCVLPC_MODE_ENABLE);
	q.reg_write(hw::MAC_MODE, hw::MAC_MODE_PORT_MODE_GMII | hw::MAC_MODE_TDE_ENABLE | hw::MAC_MODE_RDE_ENABLE |
					  hw::MAC_MODE_FHDE_ENABLE | hw::MAC_MODE_TXSTAT_ENABLE | hw::MAC_MODE_RXSTAT_ENABLE |
					  (l.loopback ? hw::MAC_MODE_PORT_INT_LPBACK : 0));
	q.reg_write(hw::GRC_LOCAL_CTRL, q.local_ctrl());
	q.reg_write(hw::WDMAC_MODE, hw::WDMAC_MODE_ENABLE | hw::TG3_WDMAC_MODE_ATTN_ENABLES | hw::WDMAC_MODE_STATUS_TAG_FIX);
	q.reg_write(hw::RDMAC_MODE, hw::RDMAC_MODE_ENABLE | hw::TG3_RDMAC_MODE_ATTN_ENABLES | hw::RDMAC_MODE_FIFO_LONG_BURST |
					    (l.tso ? hw::RDMAC_MODE_IPV4_LSO_EN | hw::RDMAC_MODE_IPV6_LSO_EN : 0));
	rdma_length_wa(q, pi);
	q.reg_write(hw::RCVDCC_MODE, hw::RCVDCC_MODE_ENABLE | hw::RCVDCC_MODE_ATTN_ENABLE);
	q.reg_write(hw::SNDDATAC_MODE, hw::SNDDATAC_MODE_ENABLE);
	q.reg_write(hw::SNDBDC_MODE, hw::SNDBDC_MODE_ENABLE | hw::SNDBDC_MODE_ATTN_ENABLE);
	q.reg_write(hw::RCVBDI_MODE, hw::RCVBDI_MODE_ENABLE | hw::RCVBDI_MODE_RCB_ATTN_ENAB);
	q.reg_write(hw::RCVDBDI_MODE, hw::RCVDBDI_MODE_ENABLE | hw::RCVDBDI_MODE_INV_RING_SZ |
					      (l.lrg_ring ? hw::RCVDBDI_MODE_LRG_RING_SZ : 0));
	q.reg_write(hw::SNDDATAI_MODE, hw::SNDDATAI_MODE_ENABLE | (l.tso ? hw::SNDDATAI_MODE_HW_PRE_DMA : 0));
	q.reg_write(hw::SNDBDI_MODE, hw::SNDBDI_MODE_ENABLE | hw::SNDBDI_MODE_ATTN_ENABLE);
	q.reg_write(hw::SNDBDS_MODE, hw::SNDBDS_MODE_ENABLE | hw::SNDBDS_MODE_ATTN_ENABLE);
	q.reg_write(hw::MAC_TX_MODE, q.reg_read(hw::MAC_TX_MODE) | hw::TX_MODE_ENABLE);
	q.reg_write(hw::MAC_RX_MODE, hw::RX_MODE_ENABLE | hw::RX_MODE_IPV6_CSUM_ENABLE | l.rx_mode_extra);
}

} // namespace tg57xx::sim::test
