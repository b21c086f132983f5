"""Throughput of the write endpoints, measured against GET /healthz of the same app in the same run.

Starts gunicorn (2 sync workers by default) on a fresh SQLite database, drives it with wrk
(Debian package `wrk`) and prints requests/s, p99 latency and errors for

  GET  /healthz                      (the app's floor: routing, no database)
  POST /v1/cases                     (a new order id on every request)
  POST /v1/cases/{id}/events         (contact_customer, each on a different pre-created case)

and each write endpoint's rate as a ratio of the /healthz rate. Not a test: run it with
`make bench` (or `.venv/bin/python bench/api_throughput.py --help`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CREATE_LUA = """
local threads_set_up = 0
function setup(thread) thread:set("tid", threads_set_up); threads_set_up = threads_set_up + 1 end
local counter = 0
local published = os.getenv("PUBLISHED_AT")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function request()
  counter = counter + 1
  local order = string.format("%03d-%07d-%07d", tid, math.floor(counter / 10000000), counter % 10000000)
  local body = '{"order_id":"' .. order .. '","rating":1,"comment":"Arrived late.","published_at":"'
    .. published .. '","feedback_types":["late_delivery"],"buyer":{"email":"b@marketplace.amazon.com"}}'
  return wrk.format(nil, "/v1/cases", nil, body)
end
"""

EVENT_LUA = """
local threads = tonumber(os.getenv("WRK_THREADS"))
local threads_set_up = 0
function setup(thread) thread:set("tid", threads_set_up); threads_set_up = threads_set_up + 1 end
local ids = nil
local next_index = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function init(args)
  ids = {}
  local n = 0
  for line in io.lines(os.getenv("CASE_IDS")) do
    if n % threads == tid then table.insert(ids, line) end
    n = n + 1
  end
end
function request()
  next_index = next_index % #ids + 1
  local body = '{"event":"contact_customer","action_taken":"We sent a replacement."}'
  return wrk.format(nil, "/v1/cases/" .. ids[next_index] .. "/events", nil, body)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(database_url: str, cases: int) -> tuple[str, list[str]]:
    """Migrate a fresh database, create a seller, and insert `cases` cases ready for contact."""
    os.environ["DATABASE_URL"] = database_url
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from api import create_app
    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow
    from workflow.models import Case, new_id

    app = create_app()
    with app.app_context():
        upgrade()
        seller, token = create_seller(db.session(), "Benchmark Seller")
        now = utcnow()
        published = now - timedelta(days=2)
        ids = [new_id("case") for _ in range(cases)]
        rows = [
            {
                "id": case_id,
                "seller_id": seller.id,
                "order_id": f"900-{n // 10_000_000:07d}-{n % 10_000_000:07d}",
                "rating": 1,
                "comment": "Arrived late.",
                "published_at": published,
                "buyer_email": "b@marketplace.amazon.com",
                "feedback_types_csv": "late_delivery",
                "asserted_grounds_csv": "",
                "state": "new",
                "customer_removal_by": published + timedelta(days=60),
                "amazon_removal_by": published + timedelta(days=90),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for n, case_id in enumerate(ids)
        ]
        db.session.execute(insert(Case), rows)
        db.session.commit()
        db.engine.dispose()
    return token, ids


def run_wrk(url: str, args, script: str | None, env: dict[str, str]) -> dict[str, float]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    output = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    total = int(re.search(r"(\d+) requests in", output).group(1))
    return {"rate": rate, "p99_ms": p99_ms, "errors": int(non_2xx.group(1)) if non_2xx else 0, "requests": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--cases", type=int, default=60_000, help="cases pre-created for the events run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="feedback-desk-bench-"))
    database_url = f"sqlite:///{workdir}/bench.db"
    token, ids = prepare_database(database_url, args.cases)
    (workdir / "case_ids.txt").write_text("\n".join(ids) + "\n")
    (workdir / "create.lua").write_text(CREATE_LUA)
    (workdir / "event.lua").write_text(EVENT_LUA)

    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TOKEN": token,
        "CASE_IDS": str(workdir / "case_ids.txt"),
        "WRK_THREADS": str(args.threads),
        "PUBLISHED_AT": time.strftime("%Y-%m-%d", time.gmtime(time.time() - 3 * 86400)),
    }
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "api:create_app()",
        ],
        cwd=REPO,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        results = {
            "GET /healthz": run_wrk(base + "/healthz", args, None, env),
            "POST /v1/cases": run_wrk(base, args, str(workdir / "create.lua"), env),
            "POST /v1/cases/{id}/events": run_wrk(base, args, str(workdir / "event.lua"), env),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    floor = results["GET /healthz"]["rate"]
    print(
        f"gunicorn {args.workers} sync workers, SQLite, "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {os.cpu_count()} cores"
    )
    print(f"{'endpoint':30} {'req/s':>9} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>6}")
    for name, r in results.items():
        print(f"{name:30} {r['rate']:9.0f} {r['p99_ms']:8.1f} {r['errors']:8d} {r['rate'] / floor:6.2f}")
    if results["POST /v1/cases/{id}/events"]["requests"] > args.cases:
        print(f"warning: more event requests than pre-created cases ({args.cases}); raise --cases")


if __name__ == "__main__":
    main()
