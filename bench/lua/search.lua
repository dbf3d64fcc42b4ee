-- Uncached search (run with --no-cache): a cycle of 30 searches people make on the demo data (single
-- words, prefixes, a theme with a city, names in Hindi), so every search matches something. The app
-- caches each filter's count until the next change, as it does in production; the first pass pays them.
local searches = { "kathak", "kath", "holi", "holi festival", "carnatic music", "sufi night", "diwali mela", "mumbai",
  "bombay", "मुंबई", "madras", "bangalore kathak", "pune holi", "jaipur sufi", "street food", "poetry", "madhubani workshop",
  "indie film", "qawwali", "tughlaq", "theatre", "stand-up comedy", "bollywood retro", "film screening", "crafts sweets",
  "chennai carnatic", "delhi sufi", "kolkata", "banaras mushaira", "fest" }
local counter = 0
request = function()
  counter = (counter % #searches) + 1
  local q = searches[counter]:gsub(" ", "+"):gsub("[\128-\255]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/api/events/?search=" .. q)
end
