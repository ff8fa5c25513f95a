#!/usr/bin/env bash
# Knowledge retrieval benchmarks (see README.md): the embedding model's memory and speed in a JVM of its own, then a
# store of 2,000 articles: writing articles, and retrieval plus the offline answer per shopper message (the slowest
# questions with their time per phase); the dense scan alone in processor time per scan.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q test -Dtest=EmbeddingModelBench -Dsurefire.failIfNoSpecifiedTests=false
./mvnw -B -ntp -q test -Dtest=DenseScanBench -Dsurefire.failIfNoSpecifiedTests=false
./mvnw -B -ntp -q test -Dtest=KnowledgeBench -Dsurefire.failIfNoSpecifiedTests=false
echo "== embedding model"; cat target/embedding-model-bench.txt
echo "== the dense scan alone"; cat target/dense-scan-bench.txt
echo "== store of 2,000 articles"; cat target/knowledge-bench.txt
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
