/* complete.c - Tab completion by the argument's place: the command
 * table says what each argument is. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "base/message.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/shell.h"
#include "input/complete.h"
#include "state/sockopt.h"

/*
 * Completion by the argument's place: the first word is a command, and
 * each command's entry says what its arguments are (cmd.h's kinds): a
 * handle, a family, a type, an option, a flag... so "socket x <TAB>"
 * offers the families only, and "bind s<TAB>" with no socket yet offers
 * nothing (it turned "s" into "S", the start of every SO_ and SOCK_
 * constant).
 */

static struct shell *completing;
static enum cmd_kind completing_kind;		/* ARG_END: nothing */
static const struct cmd_word *completing_words;	/* the kind's words */
static int completing_flags;			/* ARG_SETTABLE ... */

/* What word N of COMMAND is, after the words WORDS before it. */
static void
arg_kind(const char *command, int n, char *const *words)
{
	const struct cmd_entry *ce;
	const struct cmd_arg *arg = NULL;
	char err[MESSAGE_LEN];

	if ((ce = cmd_find(command, err)) != NULL)
		arg = cmd_arg_at(ce, n, words);
	completing_kind = arg != NULL ? arg->kind : ARG_END;
	completing_flags = arg != NULL ? arg->flags : 0;
	completing_words = arg != NULL ? cmd_arg_words(arg) : NULL;
}

/* The I-th word of the kind being completed ("" for none there), or NULL
 * after the last. */
static const char *
kind_word(size_t i)
{
	struct shell *sh = completing;
	size_t k, n = 0;

	switch (completing_kind) {
	case ARG_HANDLE:
	case ARG_PEER:
		for (k = 0; k < sh->nhandles; k++) {
			struct handle *h = sh->handles[k];

			if (!h->retired && h->fd >= 0 && n++ == i)
				return h->name;
		}
		return NULL;
	case ARG_SOCKOPT:
		/* setsockopt: not the read-only ones (SO_ERROR, SO_TYPE). */
		if (i >= sockopt_count())
			return NULL;
		return (completing_flags & ARG_SETTABLE) &&
		    (sockopt_table[i].flags & OPT_RO) ? "" :
		    sockopt_table[i].name;
	case ARG_COMMAND:
		/* The aliases too, by their names (exit, receive); not
		 * source's '.'. */
		if (cmd_table[i / 2] == NULL)
			return NULL;
		if (i % 2 == 0)
			return cmd_table[i / 2]->name;
		return cmd_table[i / 2]->alias != NULL &&
		    isalpha((unsigned char)cmd_table[i / 2]->alias[0]) ?
		    cmd_table[i / 2]->alias : "";
	default:
		break;
	}
	for (k = 0; k < i; k++)
		if (completing_words == NULL || completing_words[k].word == NULL)
			return NULL;
	return completing_words != NULL ? completing_words[i].word : NULL;
}

static char *
complete_word(const char *text, int state)
{
	static size_t i;
	static int fold;
	size_t n = strlen(text), k;
	const char *w;

	if (state == 0) {
		/* As typed first; a constant in any case ("so_re" finds
		 * SO_REUSEADDR) when nothing matches as typed. A handle or
		 * a command only as typed. */
		i = 0;
		fold = completing_kind != ARG_HANDLE &&
		    completing_kind != ARG_PEER &&
		    completing_kind != ARG_COMMAND;
		for (k = 0; fold && (w = kind_word(k)) != NULL; k++)
			if (*w != '\0' && strncmp(w, text, n) == 0)
				fold = 0;
	}
	while ((w = kind_word(i++)) != NULL)
		if (*w != '\0' && (fold ? strncasecmp(w, text, n) :
		    strncmp(w, text, n)) == 0)
			return strdup(w);
	return NULL;
}

static char **
complete(const char *text, int start, int end)
{
	char *line, **words;
	int i = 0, arg = 0;

	(void)end;
	rl_attempted_completion_over = 1;
	/* The words before the one completed: the first is the command,
	 * the others lead to the argument's kind; the last may be an
	 * option that takes a file (send --file). */
	line = strndup(rl_line_buffer, (size_t)start);
	words = calloc((size_t)start / 2 + 2, sizeof *words);
	if (line == NULL || words == NULL) {
		free(line);
		free(words);
		return NULL;
	}
	for (;;) {
		while (line[i] == ' ' || line[i] == '\t')
			i++;
		if (line[i] == '\0')
			break;
		words[arg++] = line + i;
		while (line[i] != '\0' && line[i] != ' ' && line[i] != '\t')
			i++;
		if (line[i] != '\0')
			line[i++] = '\0';
	}
	if (arg == 0) {
		completing_kind = ARG_COMMAND;
		completing_words = NULL;
	} else
		arg_kind(words[0], arg, words + 1);
	if (arg > 1 && cmd_word_takes(words[arg - 1]) == ARG_FILE)
		completing_kind = ARG_FILE;
	free(words);
	free(line);
	if (completing_kind == ARG_FILE) {
		rl_attempted_completion_over = 0;	/* readline's: files */
		return NULL;
	}
	return rl_completion_matches(text, complete_word);
}

void
complete_attach(struct shell *sh)
{
	completing = sh;
	rl_attempted_completion_function = complete;
}
