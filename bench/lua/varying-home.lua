-- The home page with the URLs of varying-list.lua (city x category x page), for the page-against-JSON comparison.
-- Run it as varying-list.lua is run, with and without --no-cache.
prefix = "/?"
dofile(debug.getinfo(1, "S").source:sub(2):gsub("varying%-home%.lua$", "varying-list.lua"))
