/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The terminal: when stdin and stdout are both TTYs, single keys (no Enter,
 * no echo) and a block of per-port lines redrawn in place; otherwise plain
 * lines. The terminal mode is restored on every way out: normal return,
 * exit() (atexit), and fatal signals (SIGSEGV, SIGABRT, ...), which then
 * re-raise. Ctrl-C still raises SIGINT (ISIG stays on).
 */
#ifndef TG_FWD_CONSOLE_H
#define TG_FWD_CONSOLE_H

#include <string>
#include <vector>

namespace tg57xx::fwd {

class Console {
public:
	Console();
	~Console();
	Console(const Console &) = delete;
	Console &operator=(const Console &) = delete;

	bool interactive() const { return interactive_; }
	/* Raw mode (interactive only). */
	void start();
	/* Back to the saved mode; idempotent. */
	void restore();
	/* A pending key, or -1. Never blocks. */
	int key();
	/* Redraw the live block in place (interactive), or nothing. */
	void draw(const std::vector<std::string> &lines);
	/* A line that stays: printed above the live block (interactive) or as is. */
	void message(const std::string &line);
	/* Text that stays (help, full stats): the live block is cleared first. */
	void clear_block();

private:
	bool interactive_ = false;
	unsigned drawn_ = 0; /* lines of the live block on screen, cursor just below them */
};

} // namespace tg57xx::fwd

#endif
