-- The same list every time, behind a URL that never repeats: the output cache cannot answer, the
-- database must (counts are still reused until the next change).
local path = os.getenv("BENCH_PATH") or "/api/events/"
local counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. "nonce=" .. counter)
end
