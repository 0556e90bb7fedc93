#!/usr/bin/env bash
# Memory under a burst: RUNS failed runs delivered at once, each job's log LOG_MIB MiB (bench/GenerateLog.java: a long
# build's output with pip's [Errno 13] near the end), to pipfix on the embedded H2 with -XmxHEAP; GitHub simulated by
# bench/EventToComment.java, every call answered after 50 ms. Waits until every run is commented; reports the time to
# the last comment, the server's peak resident memory (VmHWM) and whether an OutOfMemoryError was logged.
# Usage: bench/burst.sh [RUNS] [LOG_MIB] [HEAP]; by default 200 runs, 50 MiB, 256m. Prints a Markdown section.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"
mib="${2:-50}"
heap="${3:-256m}"
[ -f target/pipfix.jar ] && [ -f target/pipfix.jsa ] || ./mvnw -B -q package -DskipTests
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
java bench/GenerateLog.java "$dir/job.log" "$mib" > /dev/null
row=$(java bench/EventToComment.java target/pipfix.jar "$runs" 50 burst "$dir/job.log" "$heap")
cat <<REPORT
### Burst, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB;
$(java -version 2>&1 | head -1); pipfix on the embedded H2 with -Xmx$heap and its class-data archive. Each job's log:
$(($(stat -c %s "$dir/job.log") / 1024 / 1024)) MiB, streamed by the simulated GitHub for every run.

| runs delivered at once | heap | commented | delivery of the first to the last comment | peak RSS | OutOfMemoryError |
|---|---|---|---|---|---|
$row
REPORT
