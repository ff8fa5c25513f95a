-- wrk script: POST /v1/conversations, rotating over the seeded organizations (keys.csv: "key,agent_instance_id").
local entries = {}
for line in io.lines(os.getenv("BENCH_KEYS") or "keys.csv") do
  local key, instance = line:match("([^,]+),([^,]+)")
  if key then
    entries[#entries + 1] = { key, instance }
  end
end

local counter = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 17)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local e = entries[(counter % #entries) + 1]
  return wrk.format("POST", "/v1/conversations", {
    ["Authorization"] = "Bearer " .. e[1],
    ["Content-Type"] = "application/json",
  }, '{"agent_instance_id":"' .. e[2] .. '","customer_name":"Bench shopper"}')
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
