-- The home page with the URLs of varying-list.lua (city x category x page), for the page-against-JSON comparison.
-- Run it as varying-list.lua is run, with and without --no-cache.
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
  local path = "/?city=" .. city .. "&page=" .. page
  if category ~= "" then path = path .. "&category=" .. category end
  return wrk.format("GET", path)
end
