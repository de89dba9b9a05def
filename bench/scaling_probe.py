#!/usr/bin/env python3
"""Drives running Arbiter nodes (simulated clock) and prints what docs/scaling.md reports.

usage: scaling_probe.py PLATFORM_KEY URL [URL ...] [--clients N] [--seconds S] [--timer-orders K]

1. Commands: N clients create and ship orders round-robin over the nodes for S seconds
   -> commands/s and p50/p99 latency.
2. Timers: K more shipped orders, then one clock advance of 60 days fires 2 deadlines per
   order (reminder, protection end) -> deadlines fired per second.
"""
import json, sys, threading, time, urllib.request

def call(url, method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"{}")

def order(oid):
    return {"id": oid, "buyerId": "pb", "sellerId": "ps", "currency": "USD", "shippingMethod": "standard",
            "lines": [{"id": "l1", "title": "t", "quantity": 1, "unitPrice": 1999, "shipping": 300}],
            "payment": {"method": "card", "reference": "p_" + oid}}

def main():
    args = sys.argv[1:]
    opts = {"--clients": 16, "--seconds": 10, "--timer-orders": 3000}
    for k in list(opts):
        if k in args:
            i = args.index(k); opts[k] = int(args[i + 1]); del args[i:i + 2]
    key, urls = args[0], args[1:]
    prefix = "p%d" % int(time.time())
    for acc, role in (("pb", "buyer"), ("ps", "seller")):
        try:
            call(urls[0], "POST", "/api/v1/accounts", key, {"id": acc, "role": role, "displayName": acc})
        except urllib.error.HTTPError as e:
            if e.code != 409: raise
    # Sellers act through the platform key's sibling: ship as platform (allowed), so one token serves.
    latencies, lock, stop = [], threading.Lock(), time.time() + opts["--seconds"]
    counter = [0]
    def worker(w):
        n = 0
        while time.time() < stop:
            oid = "%s_%d_%d" % (prefix, w, n); n += 1
            url = urls[(w + n) % len(urls)]
            for method, path, body in (("POST", "/api/v1/orders", order(oid)),
                                       ("POST", "/api/v1/orders/%s/shipment" % oid, {"carrier": "DHL", "trackingNumber": oid})):
                t0 = time.perf_counter(); call(url, method, path, key, body); dt = time.perf_counter() - t0
                with lock: latencies.append(dt)
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(opts["--clients"])]
    t0 = time.time(); [t.start() for t in threads]; [t.join() for t in threads]; elapsed = time.time() - t0
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    print(json.dumps({"nodes": len(urls), "clients": opts["--clients"], "commands": len(latencies),
                      "commands_per_s": round(len(latencies) / elapsed, 1), "p50_ms": round(pct(0.50), 1), "p99_ms": round(pct(0.99), 1)}))
    # Timers: orders already made above carry deadlines too; add more, then let 60 days pass at once.
    k = opts["--timer-orders"]
    def filler(w):
        for n in range(w, k, opts["--clients"]):
            oid = "%s_t_%d" % (prefix, n); url = urls[n % len(urls)]
            call(url, "POST", "/api/v1/orders", key, order(oid))
            call(url, "POST", "/api/v1/orders/%s/shipment" % oid, key, {"carrier": "DHL", "trackingNumber": oid})
    threads = [threading.Thread(target=filler, args=(w,)) for w in range(opts["--clients"])]
    [t.start() for t in threads]; [t.join() for t in threads]
    due_orders = k + len(latencies) // 2
    t0 = time.time(); call(urls[0], "POST", "/api/v1/clock/advance", key, {"days": 60}); elapsed = time.time() - t0
    print(json.dumps({"nodes": len(urls), "orders_due": due_orders, "deadlines_fired": 2 * due_orders,
                      "seconds": round(elapsed, 2), "deadlines_per_s": round(2 * due_orders / elapsed, 1)}))

main()
