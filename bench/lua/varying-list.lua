-- A public list whose URL changes on every request: city x category x page over a few hundred
-- combinations. Run it with bench/run.sh --no-cache to measure the path no response cache helps. `prefix` (set by
-- varying-home.lua) puts the same query on another path.
local cities = { "Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata", "Hyderabad", "Pune", "Jaipur", "Ahmedabad", "Kochi",
  "Lucknow", "Chandigarh", "Goa", "Mysuru", "Varanasi", "Udaipur", "Amritsar", "Bhopal", "Indore", "Shillong" }
local categories = { "", "music", "dance", "theatre", "comedy", "film", "festivals", "workshops" }
local counter = 0
request = function()
  counter = counter + 1
  local city = cities[(counter % #cities) + 1]
  local category = categories[(math.floor(counter / #cities) % #categories) + 1]
  -- page 2 only where a city alone has more than a page of events
  local page = 1
  if category == "" then page = (math.floor(counter / #cities) % 2) + 1 end
  local path = (prefix or "/api/events/?") .. "city=" .. city .. "&page=" .. page
  if category ~= "" then path = path .. "&category=" .. category end
  return wrk.format("GET", path)
end
