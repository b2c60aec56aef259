/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A group of extended statistics: a table of {name, member} over one
 * counters struct of the port (interrupts, recovery, ...), listed after the
 * MAC counters in the ops' xstats callbacks.
 */
#ifndef TG57XX_XSTATS_H
#define TG57XX_XSTATS_H

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <rte_ethdev.h>

namespace tg57xx::pmd {

template <class S>
struct XstatField {
	const char *name;
	uint64_t S::*field;
	uint32_t reg = 0; /* the chip counter accumulated into it, if any (MAC counters) */
};

template <class S, size_t N>
void xstat_group_names(const XstatField<S> (&table)[N], rte_eth_xstat_name *names)
{
	for (size_t i = 0; i < N; i++)
		std::snprintf(names[i].name, sizeof(names[i].name), "%s", table[i].name);
}

template <class S, size_t N>
void xstat_group_values(const XstatField<S> (&table)[N], const S &s, uint64_t *values)
{
	for (size_t i = 0; i < N; i++)
		values[i] = s.*table[i].field;
}

} // namespace tg57xx::pmd

#endif
