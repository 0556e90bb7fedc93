#!/usr/bin/env bash
# Webhook load: wrk POSTs signed ~17 KB workflow_run deliveries, each with its own delivery id and run id, first to a
# bare Javalin 7 endpoint that answers 202 without work (bench/BareEndpoint.java), then to pipfix on its embedded H2
# queue, in one run. Two phases each, after a warm-up: as fast as possible (throughput), and held near 500 requests a
# second (latency). Then pipfix is stopped and its database counted: every delivery answered 202 must be stored and
# its run queued. pipfix's GitHub is bench/SlowGitHub.java, which answers 502 after 300 ms, so the worker waits on
# GitHub as in production, and each run waits for its retry, still in the queue. Usage: bench/load.sh [SECONDS] [h2|postgresql]; postgresql uses a fresh schema in the
# local database test (127.0.0.1:5432, user postgres). Prints a Markdown section for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
database="${2:-h2}"
command -v wrk > /dev/null || apt-get install -y wrk > /dev/null
[ -f target/pipfix.jar ] || ./mvnw -B -q package -DskipTests
[ -f target/classpath.txt ] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath=$(cat target/classpath.txt)
dir=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "keeping $dir" >&2
pid=
schema=pipfix_load_$$
psql_test() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -Atq -c "$1"; }
cleanup() {
  [ -n "$pid" ] && kill $pid 2>/dev/null
  [ -n "${github_pid:-}" ] && kill $github_pid 2>/dev/null
  [ "$database" = postgresql ] && psql_test "drop schema if exists $schema cascade"
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT
secret="bench secret"
java bench/GenerateDeliveries.java src/test/resources/payloads/workflow_run-completed-failure-same-repo.json \
  "$dir" "$secret" warm:20000 throughput:150000 rate:20000 > "$dir/generate.txt"

await_port() { until (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; do sleep 0.05; done; }
# load PORT NAME: warm-up, then the two measured phases; the RESULT lines go to $dir/NAME-*.txt
load() {
  wrk -t2 -c16 -d5s -s bench/webhook.lua "http://127.0.0.1:$1" -- "$dir" warm 2 > "$dir/$2-warm.txt"
  wrk -t2 -c16 -d"${seconds}s" -s bench/webhook.lua "http://127.0.0.1:$1" -- "$dir" throughput 2 \
    > "$dir/$2-throughput.txt"
  # 12 connections, each pausing 20 ms between requests: about 500 requests a second at 4 ms a request
  wrk -t2 -c12 -d"${seconds}s" -s bench/webhook.lua "http://127.0.0.1:$1" -- "$dir" rate 2 20 > "$dir/$2-rate.txt"
}
field() { sed -n "s/.*RESULT.* $2=\([0-9.]*\).*/\1/p" "$dir/$1.txt"; }

port=$((20000 + RANDOM % 20000))
java -Dlogback.configurationFile=src/main/resources/logback.xml -cp "$classpath" bench/BareEndpoint.java $port > "$dir/bare.log" 2>&1 &
pid=$!
await_port $port
load $port bare
kill $pid; wait $pid 2>/dev/null || true

github_port=$((20000 + RANDOM % 20000))
java bench/SlowGitHub.java $github_port > "$dir/github.log" 2>&1 &
github_pid=$!
await_port $github_port

port=$((20000 + RANDOM % 20000))
cp src/test/resources/keys/app-pkcs1.pem "$dir/app.pem"
database_url=
if [ "$database" = postgresql ]; then
  psql_test "create schema $schema"
  database_url="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema"
fi
DATABASE_URL="$database_url" APP_ID=1 PRIVATE_KEY_PATH="$dir/app.pem" WEBHOOK_SECRET="$secret" PORT=$port HOST=127.0.0.1 DATA_DIR="$dir/data" \
  GITHUB_API_URL=http://127.0.0.1:$github_port java -jar target/pipfix.jar > "$dir/pipfix.log" 2>&1 &
pid=$!
await_port $port
load $port pipfix
kill $pid; wait $pid 2>/dev/null || true
pid=

h2=$(tr ':' '\n' < target/classpath.txt | grep '/h2-')
count() {
  if [ "$database" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -d test -Atq -c "set search_path to $schema; $1" | tail -1
  else
    java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$dir/data/pipfix" -user sa -sql "$1" \
      | grep -E '^ *[0-9]+ *$' | tr -d ' '
  fi
}
accepted=0
reused=0
for phase in warm throughput rate; do
  accepted=$((accepted + $(field pipfix-$phase ok)))
  reused=$((reused + $(field pipfix-$phase reused)))
done
stored=$(count "select count(*) from deliveries where result = 'queued'")
runs=$(count "select count(*) from queued_runs")
waiting=$(count "select (select count(*) from scheduled_tasks where task_name = 'process-run')
  + (select count(*) from failed_tasks) as n")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
cat <<REPORT
### Webhook load, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores shared by wrk and the server;
$(java -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(sed -n 's/^body \([0-9]*\) bytes/\1/p' "$dir/generate.txt")-byte
signed deliveries, each with its own delivery id and run id. pipfix on $([ "$database" = postgresql ] \
  && echo "the machine's PostgreSQL $(psql_test 'show server_version') (synchronous_commit $(psql_test 'show synchronous_commit'))" \
  || echo "its embedded H2 (each commit written at once)"), default JVM options.
Throughput: 2 threads, 16 connections, ${seconds} s after a 5 s warm-up. Latency: 12 connections each pausing 20 ms
between requests, ${seconds} s.

| measure | bare Javalin 7 endpoint | pipfix (verify, store, enqueue) | pipfix / bare | target (issue 5) |
|---|---|---|---|---|
| throughput | $(field bare-throughput rps) req/s | $(field pipfix-throughput rps) req/s | $(ratio "$(field pipfix-throughput rps)" "$(field bare-throughput rps)") | ≥ 50 % |
| rate held in the latency phase | $(field bare-rate rps) req/s | $(field pipfix-rate rps) req/s | | ≈ 500 req/s |
| p50 latency at that rate | $(field bare-rate p50_ms) ms | $(field pipfix-rate p50_ms) ms | | |
| p99 latency at that rate | $(field bare-rate p99_ms) ms | $(field pipfix-rate p99_ms) ms | | ≤ 25 ms |
| p99.9 latency at that rate | $(field bare-rate p999_ms) ms | $(field pipfix-rate p999_ms) ms | | |
| non-2xx answers / socket errors | $(( $(field bare-throughput non2xx) + $(field bare-rate non2xx) )) / $(( $(field bare-throughput socket_errors) + $(field bare-rate socket_errors) )) | $(( $(field pipfix-throughput non2xx) + $(field pipfix-rate non2xx) )) / $(( $(field pipfix-throughput socket_errors) + $(field pipfix-rate socket_errors) )) | | 0 |

After pipfix stopped: $accepted deliveries answered 2xx (warm-up included; $reused sent twice once the generated
deliveries ran out), $stored recorded as queued in \`deliveries\`, $runs runs in \`queued_runs\`, $waiting of them still
in the queue or kept as failed. Every accepted delivery present: $([ "$stored" -ge "$((accepted - reused))" ] && [ "$runs" -eq "$stored" ] && [ "$waiting" -eq "$runs" ] && echo yes || echo NO).
REPORT
