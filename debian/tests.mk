# The tests 'make check' runs when the package is built: Automake's
# TESTS (from the configured Makefile) but for the terminal test (see
# override_dh_auto_test in debian/rules).
include Makefile
print-package-tests:
	@echo $(filter-out tests/screen.sh,$(TESTS))
.DEFAULT_GOAL := print-package-tests
