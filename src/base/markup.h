/* markup.h - text written into a markup language (XML, Mermaid) so that
 * it stays text: what the network sent ("<script>", "&", "]]>", a NUL,
 * an ESC) never becomes markup, nor makes the file invalid. */
#ifndef SOCKSHELL_MARKUP_H
#define SOCKSHELL_MARKUP_H

#include <stdio.h>

/* S's bytes for XML's text and attributes: & < > " ' as entities, what a
 * terminal may not be given as it is (controls, invalid UTF-8) as \xNN. */
void	markup_xml(FILE *, const char *s, size_t len);
/* markup_xml of the string S. */
void	markup_xml_str(FILE *, const char *s);
/* S for a Mermaid message or alias: its punctuation as Mermaid's entity
 * codes (#59;), controls as \xNN, on one line. */
void	markup_mermaid(FILE *, const char *s);

#endif
