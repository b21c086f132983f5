"""Server time of every web page for a seller with 1,000 open cases (target: each < 100 ms).

Builds a fresh database (SQLite in a temporary folder, or DATABASE_URL, whose schema it
drops and recreates), opens 1,000 cases through the use cases with transitions, emails
and documentation requests among them, signs a seller and a shipper in, and requests each
page 30 times in-process (Flask's test client: the server's own time, no network). Prints
the median and the 95th percentile of each page next to /healthz measured in the same run.
Not a test: `make bench`.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = 1_000
REPEAT = 30
TARGET_MS = 100.0
PASSWORD = "benchmark password"
TYPES = ["late_delivery", "damaged_item", "product_review", "wrong_item", "poor_customer_service", "mistake"]


def build(app) -> dict:
    from flask_migrate import upgrade
    from sqlalchemy import text

    from api.extensions import db
    from workflow.accounts import create_seller, create_shipper, link_shipper
    from workflow.cases.use_cases import Buyer, CaseDraft, fire_event, open_case
    from workflow.clock import utcnow
    from workflow.people import invites
    from workflow.people.models import SELLER, SHIPPER
    from workflow.shipping.use_cases import request_documentation

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        session = db.session()
        settings = app.config["SETTINGS"]
        seller, _ = create_seller(session, "Benchmark Seller")
        shipper, _ = create_shipper(session, "Benchmark Shipper")
        link_shipper(session, shipper.id, seller.id)
        now = utcnow()
        case_ids = []
        for n in range(CASES):
            kind = TYPES[n % len(TYPES)]
            published = now - timedelta(days=(n % 85) + 0.5)
            draft = CaseDraft(
                order_id=f"900-{n:07d}-{n * 7 % 10_000_000:07d}", rating=1 + n % 2,
                comment="Arrived late and the box was dented.", published_at=published, feedback_types=[kind],
                buyer=Buyer(email=f"b{n}@marketplace.amazon.com", name="Jo Buyer", language="en"),
                marketplace=["US", "UK", "DE"][n % 3],
            )  # fmt: skip
            case = open_case(session, seller.id, draft, settings, now - timedelta(days=(n % 85) * 0.5))
            case_ids.append(case.id)
            session.commit()
            if n % 4 == 1 and now < case.customer_removal_by:
                action = None if kind in ("product_review", "mistake") else "We sent a replacement."
                fire_event(session, seller.id, case.id, "contact_customer", actor="seller", settings=settings,
                           now=now, fields={"action_taken": action})  # fmt: skip
            if kind == "damaged_item" and n % 12 == 1:
                request_documentation(session, seller.id, case.id, shipper_id=shipper.id, note=None,
                                      share_comment=False, settings=settings, now=now)  # fmt: skip
        for kind, account in ((SELLER, seller.id), (SHIPPER, shipper.id)):
            _, token = invites.invite(session, f"{kind}@bench.example", kind, account, now)
            invites.accept(session, token, PASSWORD, PASSWORD, now)
        doc_id = session.execute(text("SELECT id FROM documentation_requests LIMIT 1")).scalar()
        session.commit()
        # The busiest case: a contacted one, with history and an email.
        busy = session.execute(
            text("SELECT case_id FROM outbox_messages ORDER BY created_at LIMIT 1")
        ).scalar()  # fmt: skip
        session.commit()
        return {"case": busy or case_ids[0], "doc": doc_id}


def signed_in(app, email: str):
    client = app.test_client()
    page = client.get("/app/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/app/sign-in", data={"csrf_token": token, "email": email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def timed(client, url: str) -> tuple[float, float]:
    client.get(url)  # warm: templates compiled, caches filled
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        from api import create_app

        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "RATELIMIT_ENABLED": False})
        started = time.perf_counter()
        ids = build(app)
        print(f"built {CASES} open cases in {time.perf_counter() - started:.0f} s on {url.split(':')[0]}")
        seller = signed_in(app, "seller@bench.example")
        shipper = signed_in(app, "shipper@bench.example")
        pages = [
            ("GET /healthz (baseline)", seller, "/healthz"),
            ("inbox, page 1", seller, "/app/"),
            ("inbox, page 20", seller, "/app/?page=20"),
            ("inbox, due this week + type", seller, "/app/?due=week&type=late_delivery"),
            ("inbox, order id search", seller, "/app/?q=0000999"),
            ("case", seller, f"/app/cases/{ids['case']}"),
            ("contact the buyer (preview)", seller, f"/app/cases/{ids['case']}/contact?action_taken=We+sent+one."),
            ("insights", seller, "/app/insights"),
            ("templates", seller, "/app/templates"),
            ("template editor (preview + check)", seller, "/app/templates/service/en"),
            ("settings", seller, "/app/settings"),
            ("webhooks", seller, "/app/settings/webhooks"),
            ("suppressions", seller, "/app/settings/suppressions"),
            ("shipper: requests", shipper, "/app/shipper/"),
            ("shipper: answer form", shipper, f"/app/shipper/requests/{ids['doc']}"),
            ("shipper: scorecard", shipper, "/app/shipper/scorecard"),
        ]
        results = [(name, *timed(client, path)) for name, client, path in pages]
    base = results[0][1]
    print(f"\n| page | median | p95 | ratio to /healthz | under {TARGET_MS:.0f} ms |")
    print("|---|---:|---:|---:|:---:|")
    worst = 0.0
    for name, median, p95 in results:
        worst = max(worst, p95) if "baseline" not in name else worst
        print(
            f"| {name} | {median:.1f} ms | {p95:.1f} ms | {median / base:.0f} | {'yes' if p95 < TARGET_MS else 'NO'} |"
        )
    print(f"\nslowest page p95: {worst:.1f} ms (target {TARGET_MS:.0f} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
