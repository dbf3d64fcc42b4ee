wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = '{"title": "Bench Night", "description": "A load test event.", "city": "Pune", "event_date": "2030-01-01T18:00:00Z", "category": "music", "image_url": "https://cdn.example.com/bench.jpg"}'
