#!/usr/bin/env bash
# The Action's cold start: `pipfix action` started as the Action's step starts it (JVM options of action.yml), for a
# failed run against a GitHub simulated here with every call answered after LATENCY_MS, against the JVM's own start
# (`--version`). Usage: bench/action-start.sh [ROUNDS] [LATENCY_MS]. Prints a Markdown section for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
latency="${2:-50}"
[ -f target/pipfix.jar ] || ./mvnw -B -q package -DskipTests
rows=$(java bench/EventToComment.java target/pipfix.jar "$rounds" "$latency" action)
cat <<REPORT
### The Action's cold start, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(java -version 2>&1 | head -1); the JVM
options of \`action.yml\` (\`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\`). Every simulated GitHub call answered after
${latency} ms. Median of $rounds cold starts, after 2 not counted.

| | median | p90 | API calls |
|---|---|---|---|
$rows
REPORT
