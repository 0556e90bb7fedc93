-- wrk script for bench/load.sh: POSTs the signed workflow_run deliveries that bench/GenerateDeliveries.java wrote,
-- each delivery once (distinct X-GitHub-Delivery and run id), spread over wrk's threads.
-- Arguments after --: DIR PHASE THREADS [DELAY_MS]. With a delay, each connection waits that long between requests,
-- which holds the rate near connections * 1000 / (delay + latency) requests a second.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local dir, phase, count = args[1], args[2], tonumber(args[3])
  pause = tonumber(args[4] or "0")
  local file = assert(io.open(dir .. "/template.json", "rb"))
  local template = file:read("*a")
  file:close()
  parts = {}
  local from = 1
  while true do
    local s, e = template:find("@RUN_ID@", from, true)
    if not s then break end
    table.insert(parts, template:sub(from, s - 1))
    from = e + 1
  end
  table.insert(parts, template:sub(from))
  deliveries = {}
  local i = 0
  for line in io.lines(dir .. "/deliveries-" .. phase .. ".txt") do
    if i % count == tid then
      table.insert(deliveries, line)
    end
    i = i + 1
  end
  sent = 0
  exhausted = 0
end

function request()
  sent = sent + 1
  local line = deliveries[sent]
  if not line then
    exhausted = exhausted + 1
    line = deliveries[(sent - 1) % #deliveries + 1]
  end
  local id, run, signature = line:match("(%S+) (%S+) (%S+)")
  return wrk.format("POST", "/webhook", {
    ["Content-Type"] = "application/json",
    ["User-Agent"] = "GitHub-Hookshot/bench",
    ["X-GitHub-Event"] = "workflow_run",
    ["X-GitHub-Delivery"] = id,
    ["X-Hub-Signature-256"] = signature,
  }, table.concat(parts, run))
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local reused = 0
  for _, thread in ipairs(threads) do
    reused = reused + thread:get("exhausted")
  end
  local errors = summary.errors
  local failed = errors.connect + errors.read + errors.write + errors.timeout + errors.status
  io.write(string.format("RESULT requests=%d ok=%d non2xx=%d socket_errors=%d reused=%d seconds=%.2f rps=%.1f "
      .. "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
      summary.requests, summary.requests - failed, errors.status, failed - errors.status, reused,
      summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000))
end
