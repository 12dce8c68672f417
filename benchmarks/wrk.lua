-- wrk script: send the requests of one scenario file in turn, round and round,
-- and print the run's figures as one line of JSON.
--   wrk -t1 -c4 -d10s -s benchmarks/wrk.lua http://127.0.0.1:PORT -- FILE
-- FILE has a line per request: METHOD<TAB>PATH<TAB>COOKIE<TAB>CSRF<TAB>BODY
-- (see benchmarks/scenarios.py). One thread keeps the order: a stateful
-- scenario (quiz answers with revisions) never sends a line twice as long as
-- a run sends fewer requests than the file holds.

local requests = {}
local position = 0

function init(args)
  local path = args[1]
  if path == nil then
    error("give the scenario's request file after --")
  end
  for line in io.lines(path) do
    local method, target, cookie, token, body =
      line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if method == nil then
      error("malformed request line in " .. path .. ": " .. line)
    end
    local headers = { ["Accept-Language"] = "en" }
    if cookie ~= "" then headers["Cookie"] = cookie end
    if token ~= "" then headers["X-CSRFToken"] = token end
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    end
    requests[#requests + 1] = wrk.format(method, target, headers, body)
  end
  if #requests == 0 then
    error("no requests in " .. path)
  end
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function done(summary, latency, requests_done)
  local errors = summary.errors
  local out = {
    string.format('"requests": %d', summary.requests),
    string.format('"duration_us": %d', summary.duration),
    string.format('"bytes": %d', summary.bytes),
    string.format('"errors_connect": %d', errors.connect),
    string.format('"errors_read": %d', errors.read),
    string.format('"errors_write": %d', errors.write),
    string.format('"errors_status": %d', errors.status),
    string.format('"errors_timeout": %d', errors.timeout),
    string.format('"mean_us": %.1f', latency.mean),
    string.format('"p50_us": %d', latency:percentile(50)),
    string.format('"p95_us": %d', latency:percentile(95)),
    string.format('"p99_us": %d', latency:percentile(99)),
    string.format('"max_us": %d', latency.max),
  }
  io.write("WRK_RESULT {" .. table.concat(out, ", ") .. "}\n")
end
