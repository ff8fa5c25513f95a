-- Each request presents a different, well-formed secret key (random lookup id and secret, valid CRC32 checksum):
-- the most expensive kind of wrong key, which would cost a bcrypt each without throttling.
local bit = require("bit")
local alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
local crc_table = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if bit.band(c, 1) == 1 then c = bit.bxor(bit.rshift(c, 1), 0xEDB88320) else c = bit.rshift(c, 1) end
  end
  crc_table[i] = c
end
local function crc32(s)
  local c = 0xFFFFFFFF
  for i = 1, #s do
    c = bit.bxor(crc_table[bit.band(bit.bxor(c, s:byte(i)), 0xFF)], bit.rshift(c, 8))
  end
  c = bit.bxor(c, 0xFFFFFFFF)
  if c < 0 then c = c + 4294967296 end
  return c
end
local function base62(n, width)
  local out = {}
  for i = width, 1, -1 do
    local d = n % 62
    out[i] = alphabet:sub(d + 1, d + 1)
    n = math.floor(n / 62)
  end
  return table.concat(out)
end
local function random(len)
  local out = {}
  for i = 1, len do
    local d = math.random(1, 62)
    out[i] = alphabet:sub(d, d)
  end
  return table.concat(out)
end
function init(args)
  math.randomseed(os.time() + math.random(1, 100000))
end
request = function()
  local body = "sk_live_" .. random(12) .. random(32)
  local key = body .. base62(crc32(body), 6)
  return wrk.format("GET", "/v1/organization", { ["Authorization"] = "Bearer " .. key })
end
