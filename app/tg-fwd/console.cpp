/* SPDX-License-Identifier: BSD-3-Clause */
/* tg-fwd terminal handling (see console.h). */
#include "console.h"

#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace tg57xx::fwd {

namespace {

/* Saved at start(); used by atexit and the fatal-signal handler, which may
 * only call async-signal-safe functions (tcsetattr is one). */
termios g_saved;
volatile sig_atomic_t g_raw = 0;

/* Signals that end the process without running atexit handlers. */
constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};

/* ANSI/VT100: cursor up N lines, erase to end of line, erase to end of screen. */
constexpr const char *kCursorUpFmt = "\033[%uA";
constexpr const char *kEraseLine = "\033[K";
constexpr const char *kEraseDown = "\033[J";

void restore_tty() noexcept
{
	if (g_raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
		g_raw = 0;
	}
}

void fatal_handler(int sig)
{
	restore_tty();
	/* SA_RESETHAND put the default action back: die the way we would have. */
	raise(sig);
}

} // namespace

Console::Console() : interactive_(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {}

Console::~Console() { restore(); }

void Console::start()
{
	if (!interactive_ || g_raw)
		return;
	if (tcgetattr(STDIN_FILENO, &g_saved) != 0) {
		interactive_ = false;
		return;
	}
	termios raw = g_saved;
	raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO); /* keys at once, unechoed; ISIG kept for Ctrl-C */
	raw.c_cc[VMIN] = 0;                                     /* read() never waits */
	raw.c_cc[VTIME] = 0;
	static bool hooked = false;
	if (!hooked) {
		hooked = true;
		std::atexit([] { restore_tty(); });
		struct sigaction sa {};
		sa.sa_handler = fatal_handler;
		sa.sa_flags = SA_RESETHAND;
		sigemptyset(&sa.sa_mask);
		for (int s : kFatalSignals)
			sigaction(s, &sa, nullptr);
	}
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
		interactive_ = false;
		return;
	}
	g_raw = 1;
}

void Console::restore()
{
	if (drawn_ > 0)
		std::fflush(stdout);
	restore_tty();
}

int Console::key()
{
	if (!interactive_ || !g_raw)
		return -1;
	unsigned char c;
	return read(STDIN_FILENO, &c, 1) == 1 ? c : -1;
}

void Console::clear_block()
{
	if (!interactive_ || drawn_ == 0)
		return;
	std::printf(kCursorUpFmt, drawn_);
	std::printf("\r%s", kEraseDown);
	drawn_ = 0;
}

void Console::draw(const std::vector<std::string> &lines)
{
	if (!interactive_)
		return;
	if (drawn_ > 0)
		std::printf(kCursorUpFmt, drawn_);
	for (const std::string &l : lines)
		std::printf("\r%s%s\n", l.c_str(), kEraseLine);
	drawn_ = static_cast<unsigned>(lines.size());
	std::fflush(stdout);
}

void Console::message(const std::string &line)
{
	clear_block();
	std::printf("%s\n", line.c_str());
	std::fflush(stdout);
}

} // namespace tg57xx::fwd
