-- The uncached list with varying URLs (run with --no-cache): city x date_from x page over 20 cities,
-- 10 days and 3 pages (600 URLs). bench/run.sh sends the same stream to the app and to the database
-- ceiling (bench/DbCeiling), alternating them in one run.
local cities = { "Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata", "Hyderabad", "Pune", "Jaipur", "Ahmedabad", "Kochi",
  "Lucknow", "Chandigarh", "Goa", "Mysuru", "Varanasi", "Udaipur", "Amritsar", "Bhopal", "Indore", "Shillong" }
local today = os.time()
local counter = 0
request = function()
  counter = counter + 1
  local city = cities[(counter % #cities) + 1]
  local day = os.date("!%Y-%m-%d", today + 86400 * (math.floor(counter / #cities) % 10))
  local page = (math.floor(counter / (#cities * 10)) % 3) + 1
  return wrk.format("GET", "/api/events/?city=" .. city .. "&date_from=" .. day .. "&page=" .. page)
end
