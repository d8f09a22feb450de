/* cmd-wire.c - wire [on|off|all|save FILE [--force]]: the segments each
 * call puts on the wire, captured on the loopback interface. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/report.h"
#include "core/shell.h"
#include "state/wire.h"
#include "views/wire-view.h"

/* 'wire on': captures, or says why not and counts. */
static enum cmd_retval
wire_on(struct shell *sh)
{
	char why[MESSAGE_LEN];

	if (wire_mode(sh) != WIRE_OFF) {
		fprintf(sh->out, "%s\n", _("the wire is on already"));
		return CMD_OK;
	}
	if (wire_start(sh, why, sizeof why) == WIRE_CAPTURE)
		return CMD_OK;
	if (wire_mode(sh) == WIRE_OFF) {
		report_error(sh, "%s", why);
		return CMD_ERROR;
	}
	if (!wire_available())
		fprintf(sh->out, _("the wire is not available: %s.\n"), why);
	else if (sh->wire->forced_counters)
		fprintf(sh->out, _("the wire counts: %s.\n"), why);
	else
		fprintf(sh->out, _("the wire cannot be captured here (%s): "
		    "start again with 'sockshell --wire', which needs no root "
		    "(a private network of its own).\n"), why);
	fprintf(sh->out, "%s\n", _("Meanwhile each step shows the kernel's "
	    "segment counters (TCP_INFO): counts, not packets."));
	return CMD_OK;
}

/* 'wire save FILE [--force]'. */
static enum cmd_retval
wire_save_cmd(struct shell *sh, struct cmd_args *a)
{
	char why[MESSAGE_LEN], *full;
	int force = a->argc == 3 && strcmp(a->argv[2], "--force") == 0, rc;

	if (a->argc < 2 || (a->argc == 3 && !force)) {
		report_error(sh, "%s", _("usage: wire save FILE [--force]"));
		return CMD_ERROR;
	}
	/* A lesson writes only in its work folder (core/fence.c). */
	if (fence_path(sh, a->argv[1], "wire save", &full) < 0)
		return CMD_ERROR;
	rc = wire_save(sh, full, force, why, sizeof why);
	free(full);
	if (rc < 0) {
		report_error(sh, "%s", why);
		return CMD_ERROR;
	}
	fprintf(sh->out, P_("wrote %zu packet to %s (tcpdump -r %s reads "
	    "it)\n", "wrote %zu packets to %s (tcpdump -r %s reads it)\n",
	    sh->wire != NULL ? (unsigned long)sh->wire->n : 0),
	    sh->wire != NULL ? sh->wire->n : 0, a->argv[1], a->argv[1]);
	return CMD_OK;
}

static enum cmd_retval
cmd_wire_exec(struct shell *sh, struct cmd_args *a)
{
	const char *w = a->argc > 0 ? a->argv[0] : "";

	if (a->argc == 0 || strcmp(w, "all") == 0) {
		if (wire_mode(sh) == WIRE_OFF && (sh->wire == NULL ||
		    sh->wire->n == 0))
			fprintf(sh->out, "%s\n", _("the wire is off: 'wire on' "
			    "shows the segments each step puts on it"));
		else
			wire_view_list(sh, sh->out, a->argc > 0);
		return CMD_OK;
	}
	if (strcmp(w, "save") == 0)
		return wire_save_cmd(sh, a);
	if (a->argc > 1) {
		report_error(sh, _("wire %s takes nothing more"), w);
		return CMD_ERROR;
	}
	if (strcmp(w, "on") == 0)
		return wire_on(sh);
	if (strcmp(w, "off") == 0) {
		wire_stop(sh);
		return CMD_OK;
	}
	report_error(sh, _("'%.40s': write wire on, wire off, wire all or "
	    "wire save FILE"), w);
	return CMD_ERROR;
}

const struct cmd_entry cmd_wire_entry = {
	.name = "wire",
	.min_args = 0, .max_args = 3,
	.args = ARGS({ .kind = ARG_SUBCOMMAND, .words = WORDS(
	    { .word = "on" }, { .word = "off" }, { .word = "all" },
	    { "save", ARGS({ .kind = ARG_FILE }, { .kind = ARG_OPTIONS,
		.flags = ARG_REPEAT, .words = WORDS({ .word = "--force" }) })
	    }) }),
	.usage = N_("[on|off|all|save FILE [--force]]"),
	.summary = N_("show the segments each call puts on the wire"),
	.help = N_("With 'wire on', each step is followed by the TCP "
	    "segments and UDP datagrams its calls put on the loopback "
	    "interface, captured there (libpcap): who sent each to whom, its "
	    "flags in words (SYN, ACK, FIN, RST, PSH), its sequence numbers "
	    "relative to the first (as tcpdump shows them) and its payload's "
	    "length. Only the shell's own traffic is shown. Segments that "
	    "come later (a delayed ACK, a FIN from a peer in another "
	    "terminal) are shown before the next prompt, with when they "
	    "came. 'wire' lists the last step's segments, 'wire all' the "
	    "session's, 'wire off' stops. 'wire save FILE' writes the "
	    "session's packets as a pcap file that tcpdump -r reads (never "
	    "over a file without --force). Capturing needs root, or "
	    "'sockshell --wire' (a private network of its own); where "
	    "neither can be, the kernel's segment counters stand in."),
	.example = "wire on",
	.flags = CMD_LATE,
	.exec = cmd_wire_exec,
};
