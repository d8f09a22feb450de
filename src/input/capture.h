/* capture.h - what each command prints, kept for the exported page's
 * steps (base/steps.h) while it goes to the output as ever. */
#ifndef SOCKSHELL_CAPTURE_H
#define SOCKSHELL_CAPTURE_H

struct shell;

/* Makes sh->out and sh->err also copy what they write into
 * sh->steps.out; the outermost input loop's, once. */
void	capture_attach(struct shell *);
/* Gives sh->out and sh->err back as they were, when the outermost
 * loop that attached ends. */
void	capture_detach(struct shell *);

#endif
