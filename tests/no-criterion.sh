#! /bin/sh
# Stands in for the Criterion tests when configure did not find Criterion.
echo "The unit tests need Criterion: apt-get install libcriterion-dev," >&2
echo "then run ./configure again." >&2
exit 77
