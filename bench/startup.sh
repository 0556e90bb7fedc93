#!/usr/bin/env bash
# Start-up time (process start to GET /healthz answering 200: database and scheduler up) and idle resident memory
# of the server, on the embedded H2 database. Usage: bench/startup.sh [RUNS]. Prints a Markdown section for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
[ -f target/pipfix.jar ] || ./mvnw -B -q package -DskipTests
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp src/test/resources/keys/app-pkcs1.pem "$dir/app.pem"
starts=()
healthy=()
rss=()
for i in $(seq "$runs"); do
  port=$((20000 + RANDOM % 20000))
  begin=$(date +%s%N)
  APP_ID=1 PRIVATE_KEY_PATH="$dir/app.pem" WEBHOOK_SECRET=bench PORT=$port HOST=127.0.0.1 \
    DATA_DIR="$dir/data-$i" GITHUB_API_URL=http://127.0.0.1:9 java -jar target/pipfix.jar > "$dir/run-$i.log" 2>&1 &
  pid=$!
  until (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do sleep 0.01; done
  end=$(date +%s%N)
  starts+=("$(( (end - begin) / 1000000 ))")
  until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.01; done
  end=$(date +%s%N)
  healthy+=("$(( (end - begin) / 1000000 ))")
  sleep 10
  rss+=("$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$pid/status)")
  kill $pid; wait $pid 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
cat <<REPORT
### Start-up and idle memory, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(java -version 2>&1 | head -1); default JVM
options, embedded H2 in a fresh \`DATA_DIR\` (migrations applied at each start). $runs runs.

| measure | median | runs | target (issue 5) |
|---|---|---|---|
| process start to the port accepting connections | $(median "${starts[@]}") ms | ${starts[*]} | |
| process start to \`GET /healthz\` answering 200 | $(median "${healthy[@]}") ms | ${healthy[*]} | ≤ 1,500 ms |
| resident memory 10 s after start, idle | $(median "${rss[@]}") MiB | ${rss[*]} | ≤ 200 MiB |
REPORT
