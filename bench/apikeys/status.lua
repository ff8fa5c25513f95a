-- Counts answers by status (to show wrong keys are refused with 401/429).
local counts = {}
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write("non-2xx/3xx: " .. summary.errors.status .. "\n")
end
