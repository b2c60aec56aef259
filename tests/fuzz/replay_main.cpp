/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The regression side of the fuzz targets: a main() that feeds every file
 * named on the command line (directories: every file below them, in name
 * order) to LLVMFuzzerTestOneInput once. Built without -fsanitize=fuzzer, so
 * the normal suites replay the seed corpus and every crash input kept in
 * tests/fuzz/crashes/ (under ASan+UBSan in the sanitizer pass).
 *
 *   replay_<target> DIR_OR_FILE...
 * Exit 0 after all inputs ran; a crash aborts as it would in the fuzzer.
 * No input at all is an error (a missing corpus must not pass silently).
 */
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace fs = std::filesystem;

int main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize != nullptr)
		LLVMFuzzerInitialize(&argc, &argv);
	std::vector<fs::path> files;
	for (int i = 1; i < argc; i++) {
		std::error_code ec;
		const fs::path p(argv[i]);
		if (fs::is_directory(p, ec)) {
			for (const auto &e : fs::recursive_directory_iterator(p, ec))
				if (e.is_regular_file())
					files.push_back(e.path());
		} else if (fs::is_regular_file(p, ec)) {
			files.push_back(p);
		} else if (!fs::exists(p, ec)) {
			continue; /* an optional crashes/ directory that has none yet */
		}
	}
	std::sort(files.begin(), files.end());
	if (files.empty()) {
		std::fprintf(stderr, "replay: no inputs found in the given paths\n");
		return 1;
	}
	for (const fs::path &f : files) {
		std::ifstream s(f, std::ios::binary);
		const std::vector<uint8_t> data((std::istreambuf_iterator<char>(s)), std::istreambuf_iterator<char>());
		if (!s.good() && !s.eof()) {
			std::fprintf(stderr, "replay: cannot read %s\n", f.c_str());
			return 1;
		}
		std::printf("replay: %s (%zu bytes)\n", f.c_str(), data.size());
		std::fflush(stdout);
		LLVMFuzzerTestOneInput(data.data(), data.size());
	}
	std::printf("replay: %zu inputs, no crash\n", files.size());
	return 0;
}
