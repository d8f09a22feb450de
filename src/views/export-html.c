/* export-html.c - the session as one web page, step by step as the
 * lecture's slides: each step's command, what it printed, the lesson's
 * narration before it and the picture after it (inline SVG). Arrow keys
 * move between the steps (a small inline script; without it every step
 * shows, one after the other). Nothing is fetched: it works offline. The
 * page is well-formed XML too (XHTML's syntax), so that a test parses it
 * as such; its script holds no '<' nor '&'. */
#include <config.h>

#include <string.h>

#include "base/i18n.h"
#include "base/markup.h"
#include "base/steps.h"
#include "core/shell.h"
#include "views/export.h"

static const char html_style[] =
    "body{font-family:system-ui,sans-serif;background:#fafafa;"
    "color:#111827;margin:0;padding:1em 2em}\n"
    "h1{font-size:1.4em;margin:.2em 0}\n"
    "nav{position:sticky;top:0;background:#fafafa;padding:.4em 0;"
    "border-bottom:1px solid #d1d5db}\n"
    "nav button{font-size:1em;margin-right:.5em}\n"
    ".step{background:#ffffff;border:1px solid #d1d5db;border-radius:8px;"
    "padding:1em 1.4em;margin:1em 0}\n"
    ".step h2{font-size:1.1em;margin:0 0 .5em 0;color:#374151}\n"
    ".narration{white-space:pre-line;max-width:60em;line-height:1.4}\n"
    ".fresh{color:#c2410c;font-weight:bold}\n"
    "pre{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;"
    "white-space:pre-wrap;margin:.5em 0}\n"
    "pre.command{background:#1f2937;color:#f9fafb;padding:.4em .8em;"
    "border-radius:4px}\n"
    "pre.output{background:#f3f4f6;padding:.4em .8em;border-radius:4px}\n"
    ".picture svg{max-width:100%;height:auto}\n"
    "@media print{nav{display:none}.step{display:block!important;"
    "break-inside:avoid}}\n";

/* One step at a time: the arrow keys, Page Up and Down, Home, End, the
 * buttons; the address's #step-N says which. */
static const char html_script[] =
    "(function () {\n"
    "  var steps = document.querySelectorAll('section.step');\n"
    "  var where = document.getElementById('where');\n"
    "  var at = 0;\n"
    "  function show(i) {\n"
    "    var k;\n"
    "    if (steps.length === 0) { return; }\n"
    "    at = Math.max(0, Math.min(steps.length - 1, i));\n"
    "    for (k = 0; k !== steps.length; k++) {\n"
    "      steps[k].style.display = k === at ? 'block' : 'none';\n"
    "    }\n"
    "    where.textContent = steps[at].getAttribute('data-title');\n"
    "    history.replaceState(null, '', '#' + steps[at].id);\n"
    "  }\n"
    "  document.addEventListener('keydown', function (e) {\n"
    "    var next = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1,\n"
    "      ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[e.key];\n"
    "    if (e.key === 'Home') { show(0); }\n"
    "    else if (e.key === 'End') { show(steps.length - 1); }\n"
    "    else if (next) { show(at + next); }\n"
    "    else { return; }\n"
    "    e.preventDefault();\n"
    "  });\n"
    "  document.getElementById('prev').onclick = function () {"
    " show(at - 1); };\n"
    "  document.getElementById('next').onclick = function () {"
    " show(at + 1); };\n"
    "  var first = document.getElementById(location.hash.slice(1));\n"
    "  show(first ? Array.prototype.indexOf.call(steps, first) : 0);\n"
    "})();\n";

static void
pre(FILE *f, const char *cls, const char *prefix, const char *text)
{
	size_t len = strlen(text);

	while (len > 0 && text[len - 1] == '\n')
		len--;
	if (len == 0)
		return;
	fprintf(f, "<pre class=\"%s\">%s", cls, prefix);
	markup_xml(f, text, len);
	fputs("</pre>\n", f);
}

static void
step(FILE *f, const struct steps *st, size_t i)
{
	const struct steps_entry *s = &st->v[i];
	char title[256];

	snprintf(title, sizeof title, _("Step %zu of %zu"), i + 1, st->n);
	fprintf(f, "<section class=\"step\" id=\"step-%zu\" data-picture=\"%d\" "
	    "data-title=\"", i + 1, s->picture + 1);
	markup_xml_str(f, title);
	fputs("\">\n<h2>", f);
	markup_xml_str(f, title);
	fputs("</h2>\n", f);
	if (i > 0 && s->picture != st->v[i - 1].picture) {
		fputs("<p class=\"fresh\">", f);
		markup_xml_str(f, _("A new picture: 'reset' closed every socket "
		    "and started afresh."));
		fputs("</p>\n", f);
	}
	if (s->narration[0] != '\0') {
		fputs("<div class=\"narration\">", f);
		markup_xml_str(f, s->narration);
		fputs("</div>\n", f);
	}
	pre(f, "command", "$ ", s->line);
	pre(f, "output", "", s->output);
	fprintf(f, "<div class=\"picture\">\n%s</div>\n</section>\n", s->svg);
}

int
export_html(FILE *f, struct shell *sh)
{
	const char *t = _("How sockets work: the calls, step by step");
	size_t i;

	/* TRANSLATORS: the language of the exported page, as in
	   <html lang="en">. */
	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\" lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
	    "<title>", _("en"));
	markup_xml_str(f, t);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	    html_style);
	markup_xml_str(f, t);
	fputs("</h1>\n<nav><button id=\"prev\" type=\"button\">\u2190</button>"
	    "<button id=\"next\" type=\"button\">\u2192</button><span id="
	    "\"where\"></span> <small>", f);
	markup_xml_str(f, _("(the arrow keys move between the steps)"));
	fputs("</small></nav>\n<main>\n", f);
	if (sh->steps.n == 0) {
		fputs("<p>", f);
		markup_xml_str(f, _("No step yet: the page grows with each "
		    "call, starting with 'socket NAME'."));
		fputs("</p>\n", f);
	}
	for (i = 0; i < sh->steps.n; i++)
		step(f, &sh->steps, i);
	if (sh->steps.dropped > 0) {
		fputs("<p>", f);
		fprintf(f, P_("(%zu later step is left out)", "(%zu later steps "
		    "are left out)", (unsigned long)sh->steps.dropped),
		    sh->steps.dropped);
		fputs("</p>\n", f);
	}
	fprintf(f, "</main>\n<script>\n%s</script>\n</body>\n</html>\n",
	    html_script);
	return ferror(f) ? -1 : 0;
}
