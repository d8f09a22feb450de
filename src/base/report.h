/* report.h - the one way errors are reported. */
#ifndef SOCKSHELL_REPORT_H
#define SOCKSHELL_REPORT_H

/* Room for a one-line message, translated: Cyrillic takes two bytes a
 * letter. */
#define REPORT_LEN	512

#endif
