-- Uncached search (run with --no-cache) for several words at once: whole event titles people type or
-- paste ("indie film screening"), whose words always come together, and pairs that rarely meet (a city
-- and a kind of event). PostgreSQL estimates several words as if they were independent, so the first kind
-- is where a plan goes wrong; the second is what a first look in list order costs when it finds too few.
local searches = { "indie film screening", "bollywood retro night", "madhubani painting workshop", "stand-up comedy",
  "carnatic music evening", "street food walk", "kathak recital", "poetry mushaira", "sufi night", "holi festival",
  "pune holi", "jaipur sufi", "bangalore kathak", "chennai carnatic", "delhi sufi", "banaras mushaira" }
local counter = 0
request = function()
  counter = (counter % #searches) + 1
  return wrk.format("GET", "/api/events/?search=" .. searches[counter]:gsub(" ", "+"))
end
