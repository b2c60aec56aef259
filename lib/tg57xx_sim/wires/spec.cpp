/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * make_wire(): the `wire=` spec syntax (tg57xx_sim/wires.h).
 */
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <vector>

#include "wires_internal.h"

#include "tg57xx_sim/wires.h"

namespace tg57xx::sim {

namespace {

constexpr const char *kSyntax = " (expected loop, pair:NAME, iface:IFNAME or pcap:IN,OUT[,pace][,loop])";
/* Pair names travel in devargs and logs: keep them short and plain. */
constexpr size_t kPairNameMax = 64;
constexpr size_t kPcapFieldsMin = 2; /* IN,OUT */
constexpr size_t kPcapFieldsMax = 4; /* IN,OUT,pace,loop */

bool valid_pair_name(const std::string &s)
{
	return !s.empty() && s.size() <= kPairNameMax && std::all_of(s.begin(), s.end(), [](unsigned char ch) {
		       return std::isalnum(ch) || ch == '_' || ch == '-' || ch == '.';
	       });
}

std::vector<std::string> split(const std::string &s, char sep)
{
	std::vector<std::string> out;
	size_t start = 0;
	for (;;) {
		size_t at = s.find(sep, start);
		out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
		if (at == std::string::npos)
			return out;
		start = at + 1;
	}
}

} // namespace

std::unique_ptr<Wire> make_wire(const std::string &spec)
{
	auto bad = [&spec](const std::string &why) {
		return std::invalid_argument("wire spec '" + spec + "': " + why + kSyntax);
	};
	if (spec.empty())
		throw std::invalid_argument(std::string("wire spec is empty") + kSyntax);
	size_t colon = spec.find(':');
	const bool has_arg = colon != std::string::npos;
	const std::string kind = spec.substr(0, colon);
	const std::string arg = has_arg ? spec.substr(colon + 1) : std::string();

	if (kind == "loop") {
		if (has_arg)
			throw bad("'loop' takes no argument (got ':" + arg + "')");
		return make_loop_wire();
	}
	if (kind == "pair") {
		if (arg.empty())
			throw bad("'pair' needs a name (pair:NAME)");
		if (!valid_pair_name(arg))
			throw bad("pair name '" + arg + "' must be 1-64 letters, digits, '_', '-' or '.'");
		return make_pair_wire(arg);
	}
	if (kind == "iface") {
		if (arg.empty())
			throw bad("'iface' needs an interface name (iface:IFNAME)");
		if (!valid_ifname(arg))
			throw bad("'" + arg + "' is not a valid interface name (1-15 characters, no '/', ':' or whitespace)");
		return make_iface_wire(arg);
	}
	if (kind == "pcap") {
		std::vector<std::string> f = split(arg, ',');
		if (!has_arg || f.size() < kPcapFieldsMin)
			throw bad("'pcap' needs IN,OUT with the comma (pcap:IN, replays only, pcap:,OUT records only)");
		if (f.size() > kPcapFieldsMax)
			throw bad("too many fields in '" + arg + "' (pcap:IN,OUT[,pace][,loop])");
		PcapReplay replay;
		for (size_t i = kPcapFieldsMin; i < f.size(); i++) {
			bool *opt = f[i] == "pace" ? &replay.pace : f[i] == "loop" ? &replay.loop : nullptr;
			if (opt == nullptr)
				throw bad("unknown pcap option '" + f[i] + "' (pace or loop)");
			if (*opt)
				throw bad("pcap option '" + f[i] + "' given twice");
			*opt = true;
		}
		if (f[0].empty() && f[1].empty())
			throw bad("'pcap' needs an input or an output file");
		if (f[0].empty() && replay.loop)
			throw bad("'loop' needs an input file to replay (pcap:IN,OUT,loop)");
		return make_pcap_wire(f[0], f[1], replay);
	}
	throw bad("unknown medium '" + kind + "'");
}

} // namespace tg57xx::sim
