#!/usr/bin/env bash
# Start-up against a bare endpoint, in one run: process start to the port accepting connections for a bare Javalin 7
# endpoint (bench/BareEndpoint.java, compiled first, default JVM flags, the project's class path), and process start
# to GET /healthz answering 200 (database open and upgraded, scheduler running) for pipfix on the embedded H2, in a
# fresh DATA_DIR each time (so every start applies the migrations): with the class-data archive mvn package writes
# (the README's run command) and without it. The three alternate, RUNS rounds; then pipfix's resident memory 10 s
# after start, idle. Usage: bench/startup.sh [RUNS]. Prints a Markdown section for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
[ -f target/pipfix.jar ] && [ -f target/pipfix.jsa ] || ./mvnw -B -q package -DskipTests
[ -f target/classpath.txt ] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath=$(cat target/classpath.txt)
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill $pid 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
cp src/test/resources/keys/app-pkcs1.pem "$dir/app.pem"
mkdir "$dir/bare"
javac -d "$dir/bare" -cp "$classpath" bench/BareEndpoint.java
# the README's run command, and the same without the archive
archive=(-XX:SharedArchiveFile=target/pipfix.jsa -Xlog:cds=off -Xlog:cds+dynamic=off)

now() { date +%s%N; }
await_port() {
  until (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the server exited before it listened" >&2; exit 1; }
    sleep 0.005
  done
}
bare=()
archived_port=()
archived_healthy=()
plain_port=()
plain_healthy=()
rss=()
# pipfix OUT_PORT OUT_HEALTHY [JVM options]: one start, appended to the two arrays
pipfix() {
  local -n port_out=$1 healthy_out=$2
  shift 2
  local port=$((20000 + RANDOM % 20000)) begin end
  rm -rf "$dir/data"
  begin=$(now)
  APP_ID=1 PRIVATE_KEY_PATH="$dir/app.pem" WEBHOOK_SECRET=bench PORT=$port HOST=127.0.0.1 DATA_DIR="$dir/data" \
    GITHUB_API_URL=http://127.0.0.1:9 java "$@" -jar target/pipfix.jar > "$dir/pipfix.log" 2>&1 &
  pid=$!
  await_port $port
  end=$(now)
  port_out+=("$(( (end - begin) / 1000000 ))")
  until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.005; done
  end=$(now)
  healthy_out+=("$(( (end - begin) / 1000000 ))")
}
stop() { kill $pid; wait $pid 2>/dev/null || true; pid=; }
for i in $(seq "$runs"); do
  port=$((20000 + RANDOM % 20000))
  begin=$(now)
  java -Dlogback.configurationFile=src/main/resources/logback.xml -cp "$dir/bare:$classpath" BareEndpoint $port \
    > "$dir/bare.log" 2>&1 &
  pid=$!
  await_port $port
  end=$(now)
  bare+=("$(( (end - begin) / 1000000 ))")
  stop
  pipfix archived_port archived_healthy "${archive[@]}"
  if [ "$i" -eq "$runs" ]; then
    sleep 10
    rss+=("$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$pid/status)")
  fi
  stop
  pipfix plain_port plain_healthy
  stop
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
b=$(median "${bare[@]}")
cat <<REPORT
### Start-up against a bare endpoint, $(date -u +%Y-%m-%d)

Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(java -version 2>&1 | head -1). pipfix on
the embedded H2 in a fresh \`DATA_DIR\` each start (the migrations applied every time). $runs rounds, the three
alternating; medians.

| measure | median, ms | runs, ms | / bare endpoint's start-to-port |
|---|---|---|---|
| bare Javalin 7 endpoint, start to port (default flags) | $b | ${bare[*]} | 1.00× |
| pipfix with the class-data archive, start to port | $(median "${archived_port[@]}") | ${archived_port[*]} | $(ratio "$(median "${archived_port[@]}")" "$b") |
| pipfix with the class-data archive, start to \`/healthz\` 200 (target ≤ 1.0×) | $(median "${archived_healthy[@]}") | ${archived_healthy[*]} | **$(ratio "$(median "${archived_healthy[@]}")" "$b")** |
| pipfix without it, start to port | $(median "${plain_port[@]}") | ${plain_port[*]} | $(ratio "$(median "${plain_port[@]}")" "$b") |
| pipfix without it, start to \`/healthz\` 200 | $(median "${plain_healthy[@]}") | ${plain_healthy[*]} | $(ratio "$(median "${plain_healthy[@]}")" "$b") |

pipfix's resident memory 10 s after a start with the archive, idle: ${rss[*]} MiB (target ≤ 160 MiB).
REPORT
