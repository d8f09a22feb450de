/* replay.c - runs fuzz-shell.c's target on files, without libFuzzer: how
 * 'make check' replays the crash inputs kept in fuzz/regressions (and how
 * to debug one under gdb or valgrind). Exits non-zero on a bad file; a
 * crash shows as one. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

int
main(int argc, char **argv)
{
	unsigned char *buf, *grown;
	size_t len, cap, n;
	FILE *fp;
	int i, rc = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		fp = fopen(argv[i], "rbe");
		if (fp == NULL) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		buf = NULL;
		len = cap = 0;
		for (;;) {
			if (len == cap) {
				cap = cap ? cap * 2 : 4096;
				grown = realloc(buf, cap);
				if (grown == NULL)
					abort();
				buf = grown;
			}
			n = fread(buf + len, 1, cap - len, fp);

			if (n == 0)
				break;
			len += n;
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		printf("ok - %s\n", argv[i]);
	}
	return rc;
}
