#!/usr/bin/env python3
"""Mixed-traffic soak against a running CulturaLite server (driven by bench/soak.sh).

Traffic: 70% public reads with varying filters, 10% dashboard and notification reads, 8% submissions
(40% multipart with a ~400 KB image), 5% edits and deletes, 4% decisions, 3% login/refresh/logout
cycles; paced to a total rate by a fixed number of client threads. Every SAMPLE seconds it records
the server's resident memory, threads, open files, database connections and full (gen 2) garbage
collections; at the end it prints the samples and p50/p99 per kind of request as Markdown tables.

Only loopback addresses are ever contacted; the run is bounded by --duration.
"""
import argparse
import http.client
import json
import os
import random
import struct
import subprocess
import threading
import time
import urllib.parse
import zlib

KINDS = [("public", 70), ("dashboard", 10), ("submit", 8), ("edit", 5), ("decision", 4), ("auth", 3)]
# --mix uploads: only multipart submissions with the image (how uploads alone load the collector).
UPLOADS = [("public", 0), ("dashboard", 0), ("submit", 100), ("edit", 0), ("decision", 0), ("auth", 0)]


def png(width, height, seed):
    """A photo-like PNG (gradients with noise), about 400 KB at 640x480."""
    rnd = random.Random(seed)
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            n = rnd.randrange(48)
            rows += bytes(((x * 255 // width + n) & 255, (y * 255 // height + n) & 255, (n * 5) & 255))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))


class Client:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                return response.status, data
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt:
                    return 599, b""
        return 599, b""


def as_json(data):
    try:
        return json.loads(data)
    except ValueError:
        return {}


class Soak:
    def __init__(self, args):
        self.args = args
        url = urllib.parse.urlparse(args.base)
        self.host, self.port = url.hostname, url.port
        self.lock = threading.Lock()
        self.latencies = {k: [] for k, _ in KINDS}
        self.statuses = {k: {} for k, _ in KINDS}
        self.stop = threading.Event()
        self.kinds = UPLOADS if args.mix == "uploads" else KINDS
        self.image = png(640, 480, 7)
        setup = Client(self.host, self.port)
        self.cities = as_json(setup.request("GET", "/api/events/cities/")[1]) or ["Pune"]
        self.categories = as_json(setup.request("GET", "/api/events/categories/")[1]) or ["Music"]
        self.vendors = []
        for email in args.vendors.split(","):
            token = self.login(setup, email)
            if token:
                self.vendors.append({"email": email, "token": token, "events": []})
        self.admin = self.login(setup, args.admin)
        if not self.vendors or not self.admin:
            raise SystemExit("could not log in the demo vendors or the admin")

    def login(self, client, email):
        status, data = client.request("POST", "/api/auth/login/", json.dumps({"email": email, "password": self.args.password}),
                                      {"Content-Type": "application/json"})
        return as_json(data).get("access") if status == 200 else None

    def record(self, kind, started, status):
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[kind].append(elapsed)
            self.statuses[kind][status] = self.statuses[kind].get(status, 0) + 1

    def one(self, client, rnd):
        kind = rnd.choices([k for k, _ in self.kinds], [w for _, w in self.kinds])[0]
        vendor = rnd.choice(self.vendors)
        auth = {"Authorization": "Bearer " + vendor["token"]}
        started = time.perf_counter()
        status = 0
        if kind == "public":
            query = {"page": rnd.randint(1, 3)}
            if rnd.random() < 0.6:
                query["city"] = rnd.choice(self.cities)
            if rnd.random() < 0.3:
                query["category"] = rnd.choice(self.categories)
            if rnd.random() < 0.3:
                query["date_from"] = time.strftime("%Y-%m-%d", time.gmtime(time.time() + rnd.randint(0, 60) * 86400))
            status, _ = client.request("GET", "/api/events/?" + urllib.parse.urlencode(query))
        elif kind == "dashboard":
            path = "/api/dashboard/events/" if rnd.random() < 0.5 else "/api/notifications/"
            status, _ = client.request("GET", path, headers=auth)
        elif kind == "submit":
            date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + rnd.randint(2, 90) * 86400))
            fields = {"title": f"Soak {rnd.randrange(10**6)}", "description": "Music and dance.", "city": rnd.choice(self.cities),
                      "event_date": date, "category": "music"}
            if self.kinds is UPLOADS or rnd.random() < 0.4:
                boundary = "soak%x" % rnd.getrandbits(48)
                body = b"".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode() for k, v in fields.items())
                body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"poster.png\"\r\n"
                         "Content-Type: image/png\r\n\r\n").encode() + self.image + f"\r\n--{boundary}--\r\n".encode()
                status, data = client.request("POST", "/api/dashboard/events/", body, {**auth, "Content-Type": f"multipart/form-data; boundary={boundary}"})
            else:
                fields["image_url"] = "https://cdn.example.com/soak.jpg"
                status, data = client.request("POST", "/api/dashboard/events/", json.dumps(fields), {**auth, "Content-Type": "application/json"})
            if status == 201:
                with self.lock:
                    vendor["events"].append(as_json(data).get("id"))
        elif kind == "edit":
            with self.lock:
                event = vendor["events"][-1] if vendor["events"] else None
                if event is not None and rnd.random() < 0.3:
                    vendor["events"].pop()
            if event is None:
                status, _ = client.request("GET", "/api/dashboard/events/", headers=auth)
            elif rnd.random() < 0.3:
                status, _ = client.request("DELETE", f"/api/dashboard/events/{event}/", headers=auth)
            else:
                status, _ = client.request("PATCH", f"/api/dashboard/events/{event}/", json.dumps({"title": f"Edited {rnd.randrange(10**6)}"}),
                                           {**auth, "Content-Type": "application/json"})
        elif kind == "decision":
            admin = {"Authorization": "Bearer " + self.admin}
            _, data = client.request("GET", "/api/admin/events/?status=pending&page_size=5", headers=admin)
            items = as_json(data).get("results") or []
            if items:
                item = rnd.choice(items)
                action = "approve" if rnd.random() < 0.7 else "reject"
                body = {"version": item["version"], "reason": "Please add the venue."}
                status, _ = client.request("POST", f"/api/admin/events/{item['id']}/{action}/", json.dumps(body),
                                           {**admin, "Content-Type": "application/json"})
            else:
                status = 204
        else:
            status, data = client.request("POST", "/api/auth/login/", json.dumps({"email": vendor["email"], "password": self.args.password}),
                                          {"Content-Type": "application/json"})
            refresh = as_json(data).get("refresh")
            if refresh:
                s2, data = client.request("POST", "/api/auth/refresh/", json.dumps({"refresh": refresh}), {"Content-Type": "application/json"})
                refresh = as_json(data).get("refresh", refresh)
                s3, _ = client.request("POST", "/api/auth/logout/", json.dumps({"refresh": refresh}), {"Content-Type": "application/json"})
                status = max(status, s2, s3)
        self.record(kind, started, status)

    def worker(self, index):
        rnd = random.Random(index)
        client = Client(self.host, self.port)
        interval = self.args.clients / self.args.rate
        next_at = time.monotonic() + rnd.random() * interval
        while not self.stop.is_set():
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            next_at += interval
            self.one(client, rnd)

    def sample(self, started, counters):
        pid = self.args.pid
        status = open(f"/proc/{pid}/status").read()
        rss = int(next(l for l in status.splitlines() if l.startswith("VmRSS:")).split()[1]) // 1024
        threads = int(next(l for l in status.splitlines() if l.startswith("Threads:")).split()[1])
        files = len(os.listdir(f"/proc/{pid}/fd"))
        connections = subprocess.run(["psql", "-h", "127.0.0.1", "-p", self.args.pgport, "-U", "postgres", "-d", "bench", "-Atc",
                                      "SELECT count(*) FROM pg_stat_activity WHERE datname = 'bench' AND pid <> pg_backend_pid()"],
                                     capture_output=True, text=True).stdout.strip() or "?"
        return {"t": int(time.monotonic() - started), "rss": rss, "threads": threads, "files": files, "db": connections, "gen2": counters()}

    def run(self, counters):
        threads = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(self.args.clients)]
        started = time.monotonic()
        samples = [self.sample(started, counters)]
        for t in threads:
            t.start()
        while time.monotonic() - started < self.args.duration:
            time.sleep(min(self.args.sample, max(0.1, self.args.duration - (time.monotonic() - started))))
            samples.append(self.sample(started, counters))
        self.stop.set()
        for t in threads:
            t.join(timeout=35)
        return samples


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--pgport", required=True)
    parser.add_argument("--vendors", required=True)
    parser.add_argument("--admin", required=True)
    parser.add_argument("--password", default="DemoPass2026")
    parser.add_argument("--duration", type=float, default=480)
    parser.add_argument("--rate", type=float, default=160)
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--sample", type=float, default=15)
    parser.add_argument("--mix", choices=["mixed", "uploads"], default="mixed")
    parser.add_argument("--gen2-file", default="", help="optional: a file whose last word is the server's gen 2 collection count")
    args = parser.parse_args()

    def gen2():
        try:
            return int(open(args.gen2_file).read().split()[-1])
        except (OSError, ValueError, IndexError):
            return -1

    soak = Soak(args)
    samples = soak.run(gen2)
    print("| t (s) | RSS MB | threads | open files | DB connections |")
    print("|---|---|---|---|---|")
    for s in samples:
        print(f"| {s['t']} | {s['rss']} | {s['threads']} | {s['files']} | {s['db']} |")
    print()
    print(f"peak RSS {max(s['rss'] for s in samples)} MB (samples every {args.sample:g} s)")
    print()
    print("| kind | requests | p50 ms | p99 ms | statuses |")
    print("|---|---|---|---|---|")
    for kind, weight in soak.kinds:
        if not weight:
            continue
        values = soak.latencies[kind]
        statuses = ", ".join(f"{k} x{v}" for k, v in sorted(soak.statuses[kind].items()))
        print(f"| {kind} | {len(values)} | {percentile(values, 50):.1f} | {percentile(values, 99):.1f} | {statuses} |")


if __name__ == "__main__":
    main()
