#!/bin/sh
# The inbox benchmark on one node: the application in a test context (real PostgreSQL, as the tests use), the load
# driver in its own JVM. Sizes: -Dinboxes=100 -Dwidgets=500 -Dhandoffs=50 -Dreplies=100.
cd "$(dirname "$0")/../.." && ./mvnw -B -ntp -q test -Dtest=InboxBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Djacoco.skip=true "$@"
status=$?
cat target/inbox-bench.out 2>/dev/null
exit $status
