-- "Near me" (run with --no-cache): positions around the demo cities' centres (up to ~20 km off),
-- radius 5, 10 or 25 km, every fourth request ordered by distance.
local centres = { {19.0760, 72.8777}, {28.6139, 77.2090}, {12.9716, 77.5946}, {13.0827, 80.2707}, {22.5726, 88.3639},
  {17.3850, 78.4867}, {18.5204, 73.8567}, {26.9124, 75.7873}, {23.0225, 72.5714}, {9.9312, 76.2673} }
local radii = { 5, 10, 25 }
local counter = 0
request = function()
  counter = counter + 1
  local c = centres[(counter % #centres) + 1]
  local dlat = ((counter * 37) % 41 - 20) / 100
  local dlon = ((counter * 53) % 41 - 20) / 100
  local path = string.format("/api/events/?near=%.4f,%.4f&radius_km=%d", c[1] + dlat, c[2] + dlon, radii[(counter % 3) + 1])
  if counter % 4 == 0 then path = path .. "&ordering=distance" end
  return wrk.format("GET", path)
end
