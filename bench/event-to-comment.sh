#!/usr/bin/env bash
# Webhook answered 202 -> pipfix's comment reaching GitHub, with every simulated GitHub call taking LATENCY_MS, and the
# API calls per run (first failure and repeat). Usage: bench/event-to-comment.sh [ROUNDS] [LATENCY_MS].
# Prints a Markdown section for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-30}"
latency="${2:-50}"
[ -f target/pipfix.jar ] || ./mvnw -B -q package -DskipTests
rows=$(java bench/EventToComment.java target/pipfix.jar "$rounds" "$latency")
cat <<REPORT
### Event to comment, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(java -version 2>&1 | head -1); default JVM
options, embedded H2. Every simulated GitHub call answered after ${latency} ms. $rounds rounds after 10 warm-up rounds.
Calls are API calls of the run: the installation token (cached by then) and the log's storage hop are left out.

| run | median, 202 to comment | p90 | API calls | answered 304 |
|---|---|---|---|---|
$rows
REPORT
