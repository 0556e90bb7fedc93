#!/usr/bin/env bash
# Webhook intake against its peers, in one run: wrk POSTs the same signed ~17 KB workflow_run deliveries (each with its
# own delivery id and run id) to
#   bare      a Javalin 7 endpoint that reads the body and answers 202 (bench/BareEndpoint.java),
#   floor     a Javalin 7 endpoint that verifies the HMAC over the raw body and parses it with Jackson, storing nothing
#             (bench/VerifyParseEndpoint.java): the floor for any honest webhook server in Java,
#   probot    Probot 14 (bench/probot: a minimal app with a workflow_run.completed handler that counts what it saw),
#             NODE_ENV=production, LOG_LEVEL=warn, the same secret,
#   pipfix-h2, pipfix-postgresql   pipfix on its embedded H2, and on the machine's PostgreSQL (a fresh schema in the
#             database test, 127.0.0.1:5432, user postgres).
# Each gets a warm-up at full speed (30 s, or WARM seconds: pipfix's JIT compiler was still busy after 5 s, and its
# CPU counted as the deliveries'), then as fast as possible (throughput; the server's CPU time per delivery is measured over
# this phase from /proc, PostgreSQL's own processes separately), then held near 500 requests a second (latency).
# Afterwards every delivery answered 2xx is looked for: Probot's handler count, pipfix's database. pipfix's GitHub is
# bench/SlowGitHub.java (502 after 300 ms), so its worker waits on GitHub as in production.
# Usage: bench/load.sh [SECONDS] [SERVER...]; by default 15 s and all five. Prints a Markdown section for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
shift || true
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(bare floor probot pipfix-h2 pipfix-postgresql)

# what the benchmark needs, installed the way .ci/run installs Chromium
missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v node > /dev/null && command -v npm > /dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo apt-get update -qq > /dev/null || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi
[ -d bench/probot/node_modules/probot ] || (cd bench/probot && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
[ -f target/pipfix.jar ] || ./mvnw -B -q package -DskipTests
[ -f target/classpath.txt ] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath=$(cat target/classpath.txt)
dir=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "keeping $dir" >&2
pid=
github_pid=
schema=pipfix_load_$$
psql_test() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -Atq -c "$1"; }
cleanup() {
  [ -n "$pid" ] && kill $pid 2>/dev/null
  [ -n "$github_pid" ] && kill $github_pid 2>/dev/null
  psql_test "drop schema if exists $schema cascade" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT
secret="bench secret"
java bench/GenerateDeliveries.java src/test/resources/payloads/workflow_run-completed-failure-same-repo.json \
  "$dir" "$secret" warm:150000 throughput:150000 rate:20000 > "$dir/generate.txt"
cp src/test/resources/keys/app-pkcs1.pem "$dir/app.pem"

# await_port PORT NAME: until the server just started ($pid) listens; if it exits first, its log says why
await_port() {
  until (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$2 exited before it listened:" >&2
      tail -5 "$dir/$2.log" >&2
      exit 1
    fi
    sleep 0.05
  done
}
ticks=$(getconf CLK_TCK)
# CPU time (user + system) of a process and its descendants, in milliseconds
cpu_ms() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do
    [ -r /proc/$p/stat ] && total=$((total + $(awk '{ print $14 + $15 }' /proc/$p/stat)))
  done
  echo $((total * 1000 / ticks))
}
postgres_cpu_ms() {
  local total=0 p
  for p in $(pgrep -x postgres 2>/dev/null); do
    [ -r /proc/$p/stat ] && total=$((total + $(awk '{ print $14 + $15 }' /proc/$p/stat)))
  done
  echo $((total * 1000 / ticks))
}
# load PORT NAME: warm-up, then the two measured phases; the RESULT lines go to $dir/NAME-*.txt, CPU to NAME-cpu.txt
load() {
  wrk -t2 -c16 -d"${WARM:-30}s" -s bench/webhook.lua "http://127.0.0.1:$1" -- "$dir" warm 2 > "$dir/$2-warm.txt"
  local before pg_before
  before=$(cpu_ms $pid)
  pg_before=$(postgres_cpu_ms)
  wrk -t2 -c16 -d"${seconds}s" -s bench/webhook.lua "http://127.0.0.1:$1" -- "$dir" throughput 2 \
    > "$dir/$2-throughput.txt"
  echo "server=$(($(cpu_ms $pid) - before)) postgres=$(($(postgres_cpu_ms) - pg_before))" > "$dir/$2-cpu.txt"
  # 12 connections, each pausing 20 ms between requests: about 500 requests a second at 4 ms a request
  wrk -t2 -c12 -d"${seconds}s" -s bench/webhook.lua "http://127.0.0.1:$1" -- "$dir" rate 2 20 > "$dir/$2-rate.txt"
}
field() { sed -n "s/.*RESULT.* $2=\([0-9.]*\).*/\1/p" "$dir/$1.txt"; }
accepted() { echo $(( $(field "$1-warm" ok) + $(field "$1-throughput" ok) + $(field "$1-rate" ok) )); }
reused() { echo $(( $(field "$1-warm" reused) + $(field "$1-throughput" reused) + $(field "$1-rate" reused) )); }
stop() { kill $pid; wait $pid 2>/dev/null || true; pid=; }

run_java() { # NAME MAIN: the two Javalin endpoints
  local port=$((20000 + RANDOM % 20000))
  java -Dlogback.configurationFile=src/main/resources/logback.xml -cp "$classpath" "bench/$2" $port "$secret" \
    > "$dir/$1.log" 2>&1 &
  pid=$!
  await_port $port "$1"
  load $port "$1"
  stop
  echo "n/a" > "$dir/$1-found.txt"
}

run_probot() {
  local port=$((20000 + RANDOM % 20000))
  (cd bench/probot && exec env NODE_ENV=production LOG_LEVEL=warn APP_ID=1 PRIVATE_KEY_PATH="$dir/app.pem" \
    WEBHOOK_SECRET="$secret" PORT=$port HOST=127.0.0.1 WEBHOOK_PATH=/webhook \
    node node_modules/probot/bin/probot.js run ./app.js) > "$dir/probot.log" 2>&1 &
  pid=$!
  await_port $port probot
  load $port probot
  sleep 1
  local seen
  seen=$(curl -sf "http://127.0.0.1:$port/count")
  stop
  local ok
  ok=$(accepted probot)
  echo "$seen events seen by the handler for $ok answered 2xx: $([ "$seen" -ge "$ok" ] && echo all || echo NOT all)" \
    > "$dir/probot-found.txt"
}

h2=$(tr ':' '\n' < target/classpath.txt | grep '/h2-')
count() { # DATABASE DATA_DIR SQL
  if [ "$1" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -d test -Atq -c "set search_path to $schema; $3" | tail -1
  else
    java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$2/pipfix" -user sa -sql "$3" | grep -E '^ *[0-9]+ *$' | tr -d ' '
  fi
}
run_pipfix() { # h2 | postgresql
  local database=$1 name=pipfix-$1 port=$((20000 + RANDOM % 20000)) database_url=
  if [ -z "$github_pid" ]; then
    local github_port=$((20000 + RANDOM % 20000))
    java bench/SlowGitHub.java $github_port > "$dir/github.log" 2>&1 &
    github_pid=$!
    pid=$github_pid await_port $github_port github
    github_url=http://127.0.0.1:$github_port
  fi
  if [ "$database" = postgresql ]; then
    psql_test "drop schema if exists $schema cascade; create schema $schema"
    database_url="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema"
  fi
  DATABASE_URL="$database_url" APP_ID=1 PRIVATE_KEY_PATH="$dir/app.pem" WEBHOOK_SECRET="$secret" PORT=$port \
    HOST=127.0.0.1 DATA_DIR="$dir/$name" GITHUB_API_URL="$github_url" java ${PIPFIX_JAVA_OPTIONS:-} -jar target/pipfix.jar \
    > "$dir/$name.log" 2>&1 &
  pid=$!
  await_port $port "$name"
  load $port "$name"
  stop
  local ok reused stored runs waiting
  ok=$(accepted "$name")
  reused=$(reused "$name")
  stored=$(count "$database" "$dir/$name" "select count(*) from deliveries where result = 'queued'")
  runs=$(count "$database" "$dir/$name" "select count(*) from queued_runs")
  waiting=$(count "$database" "$dir/$name" "select (select count(*) from scheduled_tasks where task_name = 'process-run')
    + (select count(*) from failed_tasks) as n")
  echo "$stored of $((ok - reused)) stored, $runs runs queued, $waiting waiting: $([ "$stored" -ge "$((ok - reused))" ] \
    && [ "$runs" -eq "$stored" ] && [ "$waiting" -eq "$runs" ] && echo all || echo NOT all)" > "$dir/$name-found.txt"
}

for server in "${servers[@]}"; do
  case "$server" in
    bare) run_java bare BareEndpoint.java ;;
    floor) run_java floor VerifyParseEndpoint.java ;;
    probot) run_probot ;;
    pipfix-h2) run_pipfix h2 ;;
    pipfix-postgresql) run_pipfix postgresql ;;
    *) echo "unknown server $server" >&2; exit 2 ;;
  esac
done

per_delivery() { # NAME [postgres]: CPU ms per delivery over the throughput phase
  local key=${2:-server}
  awk -v cpu="$(sed -n "s/.*$key=\([0-9]*\).*/\1/p" "$dir/$1-cpu.txt")" -v n="$(field "$1-throughput" requests)" \
    'BEGIN { printf "%.2f", cpu / n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "n/a" }'; }
title() {
  case "$1" in
    bare) echo "bare Javalin 7" ;; floor) echo "Javalin 7 + HMAC + Jackson, no storage" ;;
    probot) echo "Probot $(node -p 'require("./bench/probot/node_modules/probot/package.json").version')" ;;
    pipfix-h2) echo "pipfix, H2" ;; pipfix-postgresql) echo "pipfix, PostgreSQL" ;;
  esac
}
row() { # LABEL COMMAND: one cell per server
  local line="| $1 |" s
  for s in "${servers[@]}"; do line+=" $($2 "$s") |"; done
  echo "$line"
}
cell_rps() { field "$1-throughput" rps | cut -d. -f1; }
cell_rate() { field "$1-rate" rps | cut -d. -f1; }
cell_p50() { field "$1-rate" p50_ms; }
cell_p99() { field "$1-rate" p99_ms; }
cell_p999() { field "$1-rate" p999_ms; }
cell_cpu() {
  if [ "$1" = pipfix-postgresql ]; then echo "$(per_delivery "$1") (+ $(per_delivery "$1" postgres) in PostgreSQL)"
  else per_delivery "$1"; fi
}
cell_errors() {
  echo "$(( $(field "$1-throughput" non2xx) + $(field "$1-rate" non2xx) )) / $(( $(field "$1-throughput" socket_errors) + $(field "$1-rate" socket_errors) ))"
}
cell_found() { cat "$dir/$1-found.txt"; }
has() { printf '%s\n' "${servers[@]}" | grep -qx "$1"; }

header="| measure |"
rule="|---|"
for s in "${servers[@]}"; do header+=" $(title "$s") |"; rule+="---|"; done
cat <<REPORT
### Webhook intake against its peers, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores shared by wrk and the server;
$(java -version 2>&1 | head -1); node $(node -v); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2);
$(sed -n 's/^body \([0-9]*\) bytes/\1/p' "$dir/generate.txt")-byte signed deliveries, each with its own delivery id and
run id. pipfix with default JVM options${PIPFIX_JAVA_OPTIONS:+ and $PIPFIX_JAVA_OPTIONS}; on H2 each commit is written at once, on
PostgreSQL $(psql_test 'show server_version') with synchronous_commit $(psql_test 'show synchronous_commit').
Throughput: 2 threads, 16 connections, ${seconds} s after a ${WARM:-30} s warm-up at full speed; CPU per delivery is the server's user +
system time over that phase divided by its requests. Latency: 12 connections each pausing 20 ms between requests,
${seconds} s.

$header
$rule
$(row "throughput, req/s" cell_rps)
$(row "rate held in the latency phase, req/s" cell_rate)
$(row "p50 at that rate, ms" cell_p50)
$(row "p99 at that rate, ms (target ≤ 25)" cell_p99)
$(row "p99.9 at that rate, ms" cell_p999)
$(row "server CPU per delivery, ms" cell_cpu)
$(row "non-2xx / socket errors" cell_errors)
$(row "every 2xx found afterwards" cell_found)
REPORT
for p in pipfix-h2 pipfix-postgresql; do
  has "$p" || continue
  echo
  echo "$(title $p): throughput $(has probot && ratio "$(cell_rps $p)" "$(cell_rps probot)" || echo n/a) Probot's (target ≥ 1.5×),"\
    "CPU per delivery $(has floor && ratio "$(per_delivery $p)" "$(per_delivery floor)" || echo n/a) the floor's (target ≤ 2×)."
done
