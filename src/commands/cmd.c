/* cmd.c - the command table and looking a command up in it. */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* The commands, each its own cmd-NAME.c: only this table refers to them. */
extern const struct cmd_entry cmd_accept_entry;
extern const struct cmd_entry cmd_again_entry;
extern const struct cmd_entry cmd_bind_entry;
extern const struct cmd_entry cmd_clear_entry;
extern const struct cmd_entry cmd_close_entry;
extern const struct cmd_entry cmd_connect_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_getpeername_entry;
extern const struct cmd_entry cmd_getsockname_entry;
extern const struct cmd_entry cmd_getsockopt_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_hint_entry;
extern const struct cmd_entry cmd_jobs_entry;
extern const struct cmd_entry cmd_lesson_entry;
extern const struct cmd_entry cmd_listen_entry;
extern const struct cmd_entry cmd_nonblock_entry;
extern const struct cmd_entry cmd_pause_entry;
extern const struct cmd_entry cmd_picture_entry;
extern const struct cmd_entry cmd_poll_entry;
extern const struct cmd_entry cmd_practice_entry;
extern const struct cmd_entry cmd_quit_entry;
extern const struct cmd_entry cmd_record_entry;
extern const struct cmd_entry cmd_recv_entry;
extern const struct cmd_entry cmd_recvfrom_entry;
extern const struct cmd_entry cmd_reset_entry;
extern const struct cmd_entry cmd_resolve_entry;
extern const struct cmd_entry cmd_send_entry;
extern const struct cmd_entry cmd_sendto_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_setsockopt_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_shutdown_entry;
extern const struct cmd_entry cmd_skip_entry;
extern const struct cmd_entry cmd_sockatmark_entry;
extern const struct cmd_entry cmd_socket_entry;
extern const struct cmd_entry cmd_socketpair_entry;
extern const struct cmd_entry cmd_source_entry;
extern const struct cmd_entry cmd_view_entry;
extern const struct cmd_entry cmd_wait_entry;
extern const struct cmd_entry cmd_wire_entry;

/* Alphabetical; help, completion and the man page test all read it. */
const struct cmd_entry *const cmd_table[] = {
	&cmd_accept_entry,
	&cmd_again_entry,
	&cmd_bind_entry,
	&cmd_clear_entry,
	&cmd_close_entry,
	&cmd_connect_entry,
	&cmd_export_entry,
	&cmd_getpeername_entry,
	&cmd_getsockname_entry,
	&cmd_getsockopt_entry,
	&cmd_help_entry,
	&cmd_hint_entry,
	&cmd_jobs_entry,
	&cmd_lesson_entry,
	&cmd_listen_entry,
	&cmd_nonblock_entry,
	&cmd_pause_entry,
	&cmd_picture_entry,
	&cmd_poll_entry,
	&cmd_practice_entry,
	&cmd_quit_entry,
	&cmd_record_entry,
	&cmd_recv_entry,
	&cmd_recvfrom_entry,
	&cmd_reset_entry,
	&cmd_resolve_entry,
	&cmd_send_entry,
	&cmd_sendto_entry,
	&cmd_set_entry,
	&cmd_setsockopt_entry,
	&cmd_show_entry,
	&cmd_shutdown_entry,
	&cmd_skip_entry,
	&cmd_sockatmark_entry,
	&cmd_socket_entry,
	&cmd_socketpair_entry,
	&cmd_source_entry,
	&cmd_view_entry,
	&cmd_wait_entry,
	&cmd_wire_entry,
	NULL
};

size_t
cmd_count(void)
{
	size_t n = 0;

	while (cmd_table[n] != NULL)
		n++;
	return n;
}

/*
 * The words each kind offers, in the order completion lists them. A word
 * with arguments is an option whose next word is of their kind (--file
 * PATH); the same word means the same after every command.
 */
static const struct cmd_word *const kind_words[] = {
	[ARG_FAMILY] = WORDS({ .word = "AF_INET" }, { .word = "AF_INET6" },
	    { .word = "AF_UNIX" }),
	[ARG_TYPE] = WORDS({ .word = "SOCK_STREAM" }, { .word = "SOCK_DGRAM" }),
	[ARG_SEND] = WORDS({ .word = "MSG_OOB" }, { .word = "MSG_DONTWAIT" },
	    { "--size", ARGS({ .kind = ARG_NUMBER }) },
	    { "--file", ARGS({ .kind = ARG_FILE }) }),
	[ARG_RECV] = WORDS({ .word = "MSG_PEEK" }, { .word = "MSG_DONTWAIT" },
	    { .word = "MSG_WAITALL" }, { .word = "MSG_OOB" },
	    { .word = "--all" }, { "--to", ARGS({ .kind = ARG_FILE }) }),
	[ARG_VIEW] = WORDS({ .word = "picture" }, { .word = "table" },
	    { .word = "both" }, { .word = "none" }),
	[ARG_ONOFF] = WORDS({ .word = "on" }, { .word = "off" }),
	[ARG_OPTIONS] = NULL
};

const struct cmd_word *
cmd_arg_words(const struct cmd_arg *arg)
{
	return arg->words != NULL ? arg->words : kind_words[arg->kind];
}

/* The word of LIST that is WORD, or NULL. */
static const struct cmd_word *
word_in(const struct cmd_word *list, const char *word)
{
	for (; list != NULL && list->word != NULL; list++)
		if (strcmp(list->word, word) == 0)
			return list;
	return NULL;
}

enum cmd_kind
cmd_word_takes(const char *word)
{
	const struct cmd_word *w;
	int k;

	for (k = ARG_END; k <= ARG_OPTIONS; k++)
		if ((w = word_in(kind_words[k], word)) != NULL &&
		    w->args != NULL)
			return w->args[0].kind;
	return ARG_END;
}

/*
 * Walks CE's arguments along the words typed: an argument that repeats
 * stays, a subcommand's or an option's word leads to its own arguments,
 * and past one spread over several words the places are unknown.
 */
const struct cmd_arg *
cmd_arg_at(const struct cmd_entry *ce, int n, char *const *words)
{
	const struct cmd_arg *a = ce->args;
	const struct cmd_word *w;
	int i;

	for (i = 1; a != NULL && a->kind != ARG_END && i < n; i++) {
		if (a->flags & ARG_SPREAD)
			return NULL;
		if ((a->kind == ARG_SUBCOMMAND || a->kind == ARG_OPTIONS) &&
		    (w = word_in(a->words, words[i - 1])) != NULL &&
		    w->args != NULL)
			a = w->args;
		else if (!(a->flags & ARG_REPEAT))
			a++;
	}
	return a == NULL || a->kind == ARG_END ? NULL : a;
}

/*
 * Edit distance, for "did you mean": insertions, deletions, changes, and
 * two neighbours swapped counting one (exti: exit), the commonest slip.
 */
static size_t
distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i, j, d[32][32];

	if (la >= 32 || lb >= 32)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	}
	return d[la][lb];
}

/*
 * The command word closest to NAME, for "did you mean", or NULL. A word
 * may be mistyped in full (acept) or as the start of one (sok: socket),
 * so the distance is to the whole word or to its start, whichever is
 * less; ties go to the whole word. How far it may be grows with NAME's
 * length: one slip in a short word, two in a long one, none in one or two
 * letters (any command is that close to "x"). An alias is a word of its
 * own, suggested by its name (exti: exit, not quit).
 */
static const char *
closest_word(const char *name)
{
	const struct cmd_entry *const *c;
	const char *best = NULL, *w;
	size_t n = strlen(name), max, d, full, bestd = 99, bestfull = 99;
	int k;

	max = n <= 2 ? 0 : n <= 5 ? 1 : 2;
	for (c = cmd_table; *c != NULL; c++) {
		for (k = 0; k < 2; k++) {
			w = k == 0 ? (*c)->name : (*c)->alias;
			if (w == NULL)
				continue;
			full = d = distance(name, n, w, strlen(w));
			if (n < strlen(w) && distance(name, n, w, n) < d)
				d = distance(name, n, w, n);
			if (d <= max && (d < bestd || (d == bestd &&
			    full < bestfull))) {
				best = w;
				bestd = d;
				bestfull = full;
			}
		}
	}
	return best;
}

/*
 * The command that NAME begins, among the entries that are LATE or not:
 * the only one, or the shortest where every other goes on from it ("rec"
 * is recv, not recvfrom; send, sendto; socket, socketpair). Else NULL,
 * with *N the number that NAME begins and LIST (SIZE bytes) their names.
 */
static const struct cmd_entry *
prefix_of(const char *name, int late, size_t *n, char *list, size_t size)
{
	const struct cmd_entry *const *c, *shortest = NULL;
	size_t o = 0, len = strlen(name);

	*n = 0;
	list[0] = '\0';
	for (c = cmd_table; *c != NULL; c++) {
		if (!((*c)->flags & CMD_LATE) != !late ||
		    strncmp((*c)->name, name, len) != 0)
			continue;
		(*n)++;
		if (o < size)
			o += (size_t)snprintf(list + o, size - o, "%s%s",
			    o ? ", " : "", (*c)->name);
		if (shortest == NULL ||
		    strlen((*c)->name) < strlen(shortest->name))
			shortest = *c;
	}
	for (c = cmd_table; *n > 0 && *c != NULL; c++)
		if (!((*c)->flags & CMD_LATE) == !late &&
		    strncmp((*c)->name, name, len) == 0 &&
		    strncmp((*c)->name, shortest->name,
		    strlen(shortest->name)) != 0)
			return NULL;
	return shortest;
}

/*
 * Finds NAME, in any case: an exact name or alias, else a unique prefix
 * (a late command's only where no other command begins so: CMD_LATE).
 * Otherwise NULL, with ERR saying why ("ambiguous", or the closest
 * command).
 */
const struct cmd_entry *
cmd_find(const char *typed, char *err)
{
	const struct cmd_entry *const *c, *found;
	const char *best;
	size_t nfound, i;
	char list[200], name[32];

	/* SOCKET is socket: caps lock, or a habit from the man pages'
	 * headings, is no mistake to teach. A longer word is no command. */
	for (i = 0; typed[i] != '\0' && i < sizeof name - 1; i++)
		name[i] = (char)tolower((unsigned char)typed[i]);
	name[i] = '\0';
	if (typed[i] != '\0') {
		snprintf(err, MESSAGE_LEN, _("unknown command '%.40s': type "
		    "'help' for the list of commands"), typed);
		return NULL;
	}
	if (*name == '\0') {
		snprintf(err, MESSAGE_LEN, "%s", _("empty command name: type "
		    "'help' for the list of commands"));
		return NULL;
	}
	for (c = cmd_table; *c != NULL; c++) {
		if (strcmp((*c)->name, name) == 0 || ((*c)->alias != NULL &&
		    strcmp((*c)->alias, name) == 0))
			return *c;
	}
	found = prefix_of(name, 0, &nfound, list, sizeof list);
	if (found == NULL && nfound == 0)
		found = prefix_of(name, 1, &nfound, list, sizeof list);
	if (found != NULL)
		return found;
	if (nfound > 1) {
		snprintf(err, MESSAGE_LEN, _("ambiguous command '%s', could "
		    "be: %s"), typed, list);
		return NULL;
	}
	best = closest_word(name);
	if (best != NULL)
		snprintf(err, MESSAGE_LEN, _("unknown command '%.40s'; did you "
		    "mean '%s'? ('help' lists them all)"), typed, best);
	else
		snprintf(err, MESSAGE_LEN, _("unknown command '%.40s': type "
		    "'help' for the list of commands"), typed);
	return NULL;
}

/*
 * What the shell says of ERR from CALL, the call of the command of that
 * name, on no particular socket: its advice, then the general one.
 */
const char *
cmd_explain(const char *call, int err)
{
	const struct cmd_entry *const *c;

	for (c = cmd_table; *c != NULL; c++)
		if (strcmp((*c)->name, call) == 0)
			return errinfo_explain((*c)->advice, err, NULL);
	return errinfo_explain(NULL, err, NULL);
}

/* The socket that ARG, the target, names: open, or closed where the
 * command takes that (close says itself that it is closed already). NULL
 * after a message. */
static struct handle *
target(struct shell *sh, const struct cmd_arg *arg, const char *name)
{
	struct handle *h = handle_find(sh, name);

	if (h != NULL && (arg->flags & ARG_CLOSED))
		return h;
	return args_open_handle(sh, name);
}

/*
 * Before exec, what the arguments name is found, and what is not is said
 * here once: the socket the command acts on, a command's name. The places
 * after an argument that repeats or spreads are not known.
 */
enum cmd_retval
cmd_run(struct shell *sh, const struct cmd_entry *ce, struct cmd_args *a)
{
	const struct cmd_arg *arg = ce->args;
	char err[MESSAGE_LEN];
	int i;

	a->ce = ce;
	a->table = cmd_table;
	for (i = 0; arg != NULL && arg->kind != ARG_END && i < a->argc;
	    i++, arg++) {
		if ((arg->flags & ARG_TARGET) &&
		    (a->h = target(sh, arg, a->argv[i])) == NULL)
			return CMD_ERROR;
		if (arg->kind == ARG_COMMAND &&
		    (a->cmd = cmd_find(a->argv[i], err)) == NULL) {
			report_error(sh, "%s", err);
			return CMD_ERROR;
		}
		if (arg->flags & (ARG_REPEAT | ARG_SPREAD))
			break;
	}
	/* A fenced lesson's names come from /etc/hosts (core/fence.c). */
	addr_hosts_only = fence_hosts_only(sh);
	return ce->exec(sh, a);
}
