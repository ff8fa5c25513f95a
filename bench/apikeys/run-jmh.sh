#!/usr/bin/env bash
# JMH for cached key verification, compiled against the project's own classes (target/classes).
# Usage: bench/apikeys/run-jmh.sh [extra JMH options]   (from anywhere)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/target/bench-apikeys"
mkdir -p "$OUT/classes"
cd "$ROOT"
# The project targets Java 21: use a JDK >= 21 (JAVA_HOME, else the newest under /usr/lib/jvm).
JDK="${BENCH_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}"
JAVAC="$JDK/bin/javac"; JAVA="$JDK/bin/java"
./mvnw -q -DskipTests compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile="$OUT/app-cp.txt"
./mvnw -q -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$OUT/jmh-cp.txt"
JMH_CP="$(cat "$OUT/jmh-cp.txt")"
CP="$ROOT/target/classes:$(cat "$OUT/app-cp.txt"):$JMH_CP"
"$JAVAC" -proc:full -cp "$CP" -processorpath "$JMH_CP" -d "$OUT/classes" \
  $(find "$HERE/src" -name '*.java')
"$JAVA" -cp "$OUT/classes:$CP" org.openjdk.jmh.Main CachedVerificationBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 "$@"
