/* picture.c - the lecture's step-by-step picture, drawn from the event log
 * and the sockets' state after every command: its model
 * (picture-model.c) drawn by the text renderer (picture-text.c). */
#include <config.h>

#include "base/i18n.h"
#include "base/width.h"
#include "views/picture-mermaid.h"
#include "views/picture-model.h"
#include "views/picture-svg.h"
#include "views/picture-text.h"
#include "views/picture.h"

int
picture_text_width(const char *s, int utf8)
{
	return width_text(s, utf8);
}

void
picture_render(FILE *f, struct shell *sh, const struct picture_opts *opts)
{
	picture_render_with(f, sh, opts, NULL);
}

void
picture_render_with(FILE *f, struct shell *sh,
    const struct picture_opts *opts, const struct sock_state *states)
{
	struct pic_model *m = picture_model_build(sh, states);

	if (m == NULL || picture_text_render(f, m, opts) < 0)
		fprintf(f, "  %s\n", _("(no picture: out of memory)"));
	picture_model_free(m);
}

int
picture_render_svg(FILE *f, struct shell *sh, const char *title,
    const char *ids)
{
	struct pic_model *m = picture_model_build(sh, NULL);
	int rc;

	if (m == NULL)
		return -1;
	rc = picture_svg_render(f, m, title, ids);
	picture_model_free(m);
	return rc;
}

int
picture_render_mermaid(FILE *f, struct shell *sh, const char *title)
{
	struct pic_model *m = picture_model_build(sh, NULL);
	int rc;

	if (m == NULL)
		return -1;
	rc = picture_mermaid_render(f, m, title);
	picture_model_free(m);
	return rc;
}
