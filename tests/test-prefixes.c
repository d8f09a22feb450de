/* test-prefixes.c - the short forms of the commands: every one, two or
 * three letters that name a command keep naming it, and those that name
 * none (ambiguous, or unknown) still name none. The table was generated
 * from cmd_find on every such string over a-z. A new command takes no
 * short form away (CMD_LATE in cmd.h); one that makes a string name it
 * where none did ("e": export) adds that string here, knowingly. */
#include <config.h>

#include <criterion/criterion.h>
#include <string.h>

#include "base/message.h"
#include "commands/cmd.h"

static const struct {
	const char	*typed;
	const char	*command;
} prefixes[] = {
	{ "a", "accept" }, { "b", "bind" }, { "e", "export" },
	{ "h", "help" }, { "j", "jobs" }, { "ex", "export" },
	{ "exp", "export" },
	{ "n", "nonblock" }, { "q", "quit" }, { "v", "view" },
	{ "w", "wait" }, { "ac", "accept" }, { "bi", "bind" },
	{ "cl", "close" }, { "co", "connect" }, { "he", "help" },
	{ "jo", "jobs" }, { "le", "lesson" }, { "li", "listen" },
	{ "no", "nonblock" }, { "pa", "pause" }, { "pi", "picture" },
	{ "po", "poll" }, { "qu", "quit" }, { "vi", "view" },
	{ "wa", "wait" }, { "wi", "wire" }, { "acc", "accept" }, { "bin", "bind" },
	{ "cle", "clear" }, { "clo", "close" }, { "con", "connect" }, { "hel", "help" },
	{ "job", "jobs" }, { "les", "lesson" }, { "lis", "listen" },
	{ "non", "nonblock" }, { "pau", "pause" }, { "pic", "picture" },
	{ "pol", "poll" }, { "qui", "quit" }, { "rec", "recv" },
	{ "res", "resolve" }, { "sen", "send" }, { "set", "set" },
	{ "sho", "show" }, { "shu", "shutdown" }, { "soc", "socket" },
	{ "sou", "source" }, { "vie", "view" }, { "wai", "wait" }, { "wir", "wire" },
	/* Practice's commands, late: only where they name none other. */
	{ "ag", "again" }, { "aga", "again" }, { "hi", "hint" },
	{ "hin", "hint" }, { "pr", "practice" }, { "pra", "practice" },
	{ "sk", "skip" }, { "ski", "skip" },
};

#define NPREFIXES	(sizeof prefixes / sizeof *prefixes)

/* The command PREFIX named when the table was made, or NULL. */
static const char *
pinned(const char *prefix)
{
	size_t i;

	for (i = 0; i < NPREFIXES; i++)
		if (strcmp(prefixes[i].typed, prefix) == 0)
			return prefixes[i].command;
	return NULL;
}

Test(prefixes, each_names_its_command)
{
	const struct cmd_entry *ce;
	char err[MESSAGE_LEN];
	size_t i;

	for (i = 0; i < NPREFIXES; i++) {
		ce = cmd_find(prefixes[i].typed, err);
		cr_assert_not_null(ce, "'%s' no longer names %s: %s",
		    prefixes[i].typed, prefixes[i].command, err);
		cr_assert_str_eq(ce->name, prefixes[i].command, "'%s'",
		    prefixes[i].typed);
	}
}

/* Every string of one to three letters a-z: those not in the table name
 * no command (an unknown word, or an ambiguous prefix). */
Test(prefixes, the_others_name_none)
{
	const struct cmd_entry *ce;
	char s[4], err[MESSAGE_LEN];
	int len, k, x, i, total;

	for (len = 1; len <= 3; len++) {
		for (total = 1, i = 0; i < len; i++)
			total *= 26;
		for (k = 0; k < total; k++) {
			for (x = k, i = len - 1; i >= 0; i--, x /= 26)
				s[i] = (char)('a' + x % 26);
			s[len] = '\0';
			if (pinned(s) != NULL)
				continue;
			ce = cmd_find(s, err);
			cr_assert_null(ce, "'%s' names %s, and named none", s,
			    ce != NULL ? ce->name : "");
		}
	}
}

/* As typed in capitals too ("CL"), the same. */
Test(prefixes, in_any_case)
{
	const struct cmd_entry *ce;
	char up[4], err[MESSAGE_LEN];
	size_t i, j;

	for (i = 0; i < NPREFIXES; i++) {
		for (j = 0; prefixes[i].typed[j] != '\0'; j++)
			up[j] = (char)(prefixes[i].typed[j] - 'a' + 'A');
		up[j] = '\0';
		ce = cmd_find(up, err);
		cr_assert(ce != NULL && strcmp(ce->name,
		    prefixes[i].command) == 0, "'%s'", up);
	}
}
