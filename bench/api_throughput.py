"""API throughput as a ratio of a bare Flask app measured in the same run.

Starts gunicorn (2 sync workers by default) twice on the same settings: once with a bare Flask
app answering a small JSON body (the floor), once with the API on a fresh database (SQLite,
or the PostgreSQL database given with --database-url, whose schema is dropped and recreated
before and after). Drives each with wrk (Debian package `wrk`) and prints requests/s, p99
latency and non-2xx answers for

  bare Flask                          (the floor every ratio divides by)
  GET  /healthz                       (the API's own floor: routing, no database)
  GET  /v1/cases/{id}
  GET  /v1/cases?limit=50             (the first page of a seller with many cases)
  POST /v1/cases                      (a new order id on every request)
  POST /v1/cases/{id}/events close    (each request on a different pre-created case)
  POST /v1/cases/{id}/events contact_customer  (the same, renders and queues the email)

Every round measures every row; the table shows the median of the rounds for each row, and
the ratio of the medians. Not a test: `make bench` (or `.venv/bin/python bench/api_throughput.py --help`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.case_rows import case_row, insert_cases, scratch_database  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# Every wrk thread takes its own share of the lines of $IDS (a file of case ids), one per request.
EACH_CASE_ONCE_LUA = """
local threads = tonumber(os.getenv("WRK_THREADS"))
local threads_set_up = 0
function setup(thread) thread:set("tid", threads_set_up); threads_set_up = threads_set_up + 1 end
local ids = nil
local next_index = 0
wrk.method = os.getenv("METHOD")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local body = os.getenv("BODY")
local suffix = os.getenv("SUFFIX")
function init(args)
  ids = {}
  local n = 0
  for line in io.lines(os.getenv("IDS")) do
    if n % threads == tid then table.insert(ids, line) end
    n = n + 1
  end
end
function request()
  next_index = next_index % #ids + 1
  return wrk.format(nil, "/v1/cases/" .. ids[next_index] .. suffix, nil, body)
end
"""

CREATE_LUA = """
local threads_set_up = 0
function setup(thread) thread:set("tid", threads_set_up); threads_set_up = threads_set_up + 1 end
local counter = 0
local round = tonumber(os.getenv("ROUND"))
local published = os.getenv("PUBLISHED_AT")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function request()
  counter = counter + 1
  local order = string.format("%03d-%07d-%07d", round * 10 + tid, math.floor(counter / 10000000), counter % 10000000)
  local body = '{"order_id":"' .. order .. '","rating":1,"comment":"Arrived late.","published_at":"'
    .. published .. '","feedback_types":["late_delivery"],"buyer":{"email":"b@marketplace.amazon.com"}}'
  return wrk.format(nil, "/v1/cases", nil, body)
end
"""

AUTHORIZED_GET_LUA = """
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(database_url: str, pools: dict[str, int]) -> tuple[str, dict[str, list[str]]]:
    """Migrate the database, create a seller, and insert the given number of fresh cases
    (state new, buyer reachable) for each named pool."""
    os.environ["DATABASE_URL"] = database_url
    from flask_migrate import upgrade

    from api import create_app
    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow

    app = create_app()
    with app.app_context():
        upgrade()
        seller, token = create_seller(db.session(), "Benchmark Seller")
        now = utcnow()
        published = now - timedelta(days=2)
        ids: dict[str, list[str]] = {}
        rows = []
        for name, count in pools.items():
            pool = [case_row(seller.id, len(rows) + n, published, now) for n in range(count)]
            ids[name] = [row["id"] for row in pool]
            rows += pool
        with db.session.begin():
            insert_cases(db.session, rows)
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


class Gunicorn:
    def __init__(self, app: str, args, env: dict[str, str], cwd: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [str(BIN / "gunicorn"), "--workers", str(args.workers), "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen([*command, "--log-level", "warning", app], cwd=cwd, env=env)

    def __enter__(self) -> Gunicorn:
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                time.sleep(0.1)
        return self

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the table shows medians")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--cases", type=int, default=20_000, help="cases pre-created per event and round")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to use instead of a temporary SQLite file (its schema is dropped!)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")

    events = {"close": '{"event":"close","resolution":"resolved"}',
              "contact_customer": '{"event":"contact_customer","action_taken":"We sent a replacement."}'}  # fmt: skip
    pools = {f"{event}-{round_}": args.cases for round_ in range(args.rounds) for event in events}
    workdir = Path(tempfile.mkdtemp(prefix="feedback-desk-bench-"))
    results: dict[str, list[dict]] = {}
    try:
        with scratch_database(args.database_url) as database_url:
            token, ids = prepare_database(database_url, pools)
            for name, pool in ids.items():
                (workdir / f"{name}.txt").write_text("\n".join(pool) + "\n")
            (workdir / "get.txt").write_text("\n".join(ids["close-0"][:1000]) + "\n")
            (workdir / "each_case_once.lua").write_text(EACH_CASE_ONCE_LUA)
            (workdir / "create.lua").write_text(CREATE_LUA)
            (workdir / "authorized_get.lua").write_text(AUTHORIZED_GET_LUA)
            env = {
                **os.environ,
                "DATABASE_URL": database_url,
                "TOKEN": token,
                "WRK_THREADS": str(args.threads),
                "PUBLISHED_AT": time.strftime("%Y-%m-%d", time.gmtime(time.time() - 3 * 86400)),
            }

            def measure(name: str, url: str, script: str | None = None, **extra_env: str) -> None:
                results.setdefault(name, []).append(run_wrk(url, args, script, {**env, **extra_env}))

            for round_ in range(args.rounds):
                with Gunicorn("bare_flask:app", args, env, REPO / "bench") as bare:
                    measure("bare Flask", bare.base + "/")
                with Gunicorn("api:create_app()", args, env, REPO) as api:
                    measure("GET /healthz", api.base + "/healthz")
                    once = str(workdir / "each_case_once.lua")
                    measure(
                        "GET /v1/cases/{id}",
                        api.base,
                        once,
                        METHOD="GET",
                        BODY="",
                        SUFFIX="",
                        IDS=str(workdir / "get.txt"),
                    )
                    measure(
                        "GET /v1/cases?limit=50", api.base + "/v1/cases?limit=50", str(workdir / "authorized_get.lua")
                    )
                    measure("POST /v1/cases", api.base, str(workdir / "create.lua"), ROUND=str(round_))
                    for event, body in events.items():
                        measure(f"POST .../events {event}", api.base, once, METHOD="POST", BODY=body,
                                SUFFIX="/events", IDS=str(workdir / f"{event}-{round_}.txt"))  # fmt: skip
                print(f"round {round_ + 1} of {args.rounds} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"gunicorn {args.workers} sync workers, {database}, wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s, {os.cpu_count()} cores, median of {args.rounds} rounds"
    )
    floor = statistics.median(r["rate"] for r in results["bare Flask"])
    print(f"{'endpoint':40} {'req/s':>9} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>6}")
    for name, rounds in results.items():
        rate = statistics.median(r["rate"] for r in rounds)
        p99 = statistics.median(r["p99_ms"] for r in rounds)
        errors = sum(r["errors"] for r in rounds)
        print(f"{name:40} {rate:9.0f} {p99:8.1f} {errors:8d} {rate / floor:6.2f}")
    for event in events:
        if any(r["requests"] > args.cases for r in results[f"POST .../events {event}"]):
            print(f"warning: more {event} requests in a round than pre-created cases ({args.cases}); raise --cases")


if __name__ == "__main__":
    main()
