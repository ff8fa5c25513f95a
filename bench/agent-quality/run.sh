#!/usr/bin/env bash
# The agent's own evaluation (src/test/resources/agent-quality/): runs it through the real runtime with the offline
# provider and prints the scores per kind, for the development part and the held-out part (see README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q test -Dtest=AgentQualityTests -Dsurefire.failIfNoSpecifiedTests=false || status=$?
cat target/agent-quality.txt
exit "${status:-0}"
