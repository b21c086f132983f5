"""`make screenshots`: PNGs of the main pages, on a laptop and a phone, into docs/screenshots/.

Run by pytest only when named (the file does not match test_*.py). It fills the database with
a believable seller: twelve weeks of negative feedback, cases in every state, a shipper that
answered, a webhook and a suppression."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from selenium.webdriver.common.by import By

from api.extensions import db
from tests.browser.conftest import new_driver
from tests.browser.test_journeys import SELLER_EMAIL, sign_in, sign_out
from tests.web.conftest import add_person
from worker.runner import Worker
from workflow.accounts import create_seller, create_shipper, link_shipper
from workflow.cases.use_cases import Buyer, CaseDraft, fire_event, open_case
from workflow.clock import utcnow
from workflow.outreach.use_cases import suppress
from workflow.people import sessions
from workflow.people.models import SELLER, SHIPPER
from workflow.shipping.use_cases import EvidenceGiven, request_documentation, respond
from workflow.webhooks.endpoints import create_endpoint

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
COMMENTS = {
    "late_delivery": "Took nine days to arrive, the tracking said it was stuck at the depot.",
    "damaged_item": "The lid of the cooler was cracked when I opened the box.",
    "product_review": "The jacket runs small and the zip feels flimsy.",
    "wrong_item": "Ordered the blue tent, got a green one in a smaller size.",
    "poor_customer_service": "Asked twice about my return and nobody answered.",
    "missing_contents": "The tent came without its poles.",
    "mistake": "Great seller, fast shipping, would buy again!",
    "poor_packaging": "Sent in a thin bag, the box inside was crushed.",
    "inaccurate_description": "The listing says waterproof, it is only water resistant.",
}
TRIAGED = ("damaged_item", "product_review")
PRODUCT_OR_MISTAKE = ("product_review", "mistake", "inaccurate_description")
REPLACEMENT = "We sent a replacement by express delivery."
NAMES = ["Jo Miller", "Sam Weber", "Alex Martin", "Kim Rossi", "Lee Garcia", "Pat Dubois", "Chris Novak"]


def _seed(app, seller_id: str, shipper_id: str) -> tuple[str, str]:
    """Returns the ids of two cases worth showing on their own: one with a documentation
    request, one the triage found to be a product review."""
    rng = random.Random(7)
    settings = app.config["SETTINGS"]
    now = utcnow()
    session = db.session()
    types = list(COMMENTS)
    showcase = review = None
    for i in range(64):
        kind = types[i % len(types)]
        published = now - timedelta(days=rng.uniform(0.5, 84), hours=rng.uniform(0, 23))
        opened_at = published + timedelta(hours=rng.uniform(2, 30))
        if opened_at > now:
            opened_at = now
        marketplace = rng.choice(["US", "US", "UK", "DE", "FR"])
        draft = CaseDraft(
            order_id=f"{rng.randint(111, 114)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}",
            rating=rng.choice([1, 1, 2]),
            comment=COMMENTS[kind],
            published_at=published,
            # The triage types these comments itself; the others are typed by the seller.
            feedback_types=None if kind in TRIAGED else [kind],
            buyer=Buyer(
                email=f"{rng.getrandbits(40):x}@marketplace.amazon.com",
                name=rng.choice(NAMES),
                language={"DE": "de", "FR": "fr"}.get(marketplace, "en"),
            ),
            marketplace=marketplace,
        )
        session.commit()
        case = open_case(session, seller_id, draft, settings, opened_at)
        age = (now - published).days
        later = min(opened_at + timedelta(days=rng.uniform(1, 12)), now)

        def sent(at):
            """The worker sends the removal request, and the case moves on (customer_contacted)."""
            session.commit()
            Worker(app).run_once(at)
            session.expire_all()  # the worker changed the case in a session of its own

        def fire(event, at, case_id=case.id, **fields):
            session.commit()  # reading the case began a transaction; each use case opens its own
            fire_event(session, seller_id, case_id, event, actor="seller", settings=settings, now=at, fields=fields)

        if kind == "product_review" and review is None and age < 40:
            review = case.id
            continue
        if kind == "damaged_item" and showcase is None and age < 40:
            showcase = case.id
            session.commit()
            request_documentation(
                session, seller_id, case.id, shipper_id=shipper_id, note="Photos of the packing, please.",
                share_comment=True, settings=settings, now=opened_at,
            )  # fmt: skip
            continue
        if i % 5 == 0 and age > 14:
            fire("contact_customer", opened_at, action_taken=None if kind in PRODUCT_OR_MISTAKE else REPLACEMENT)
            sent(opened_at + timedelta(minutes=1))
            fire("customer_removed_feedback", later)
        elif i % 5 == 1 and age > 20 and kind in ("product_review", "inaccurate_description"):
            fire("contact_customer", opened_at)
            sent(opened_at + timedelta(minutes=1))
            fire("request_amazon_removal", later)
            fire(rng.choice(["amazon_removed_feedback", "amazon_declined"]), min(later + timedelta(days=3), now))
        elif i % 7 == 2 and age > 10:
            fire("close", later, resolution=rng.choice(["resolved", "withdrawn"]))
        elif i % 4 == 3:
            fire("contact_customer", opened_at, action_taken=None if kind in PRODUCT_OR_MISTAKE else REPLACEMENT)
            sent(opened_at + timedelta(minutes=1))
    for i, (kind, fault) in enumerate([("wrong_item", "fulfillment_center"), ("late_delivery", "carrier")]):
        draft = CaseDraft(
            order_id=f"114-55500{i}0-88812{i}4", rating=1, comment=COMMENTS[kind],
            published_at=now - timedelta(days=6 + i), feedback_types=[kind], marketplace="US",
        )  # fmt: skip
        case = open_case(session, seller_id, draft, settings, now - timedelta(days=5 + i))
        session.commit()
        request = request_documentation(
            session, seller_id, case.id, shipper_id=shipper_id, note=None, share_comment=False,
            settings=settings, now=now - timedelta(days=5 + i),
        )  # fmt: skip
        evidence = EvidenceGiven(
            shipped_on=(now - timedelta(days=12)).date(), ship_by=(now - timedelta(days=11)).date(),
            carrier="UPS", tracking_number="1Z999AA10123456784", contents_verified=kind != "wrong_item",
        )  # fmt: skip
        session.commit()
        respond(session, shipper_id, request.id, evidence=evidence, fault=fault, decline_reason=None,
                now=now - timedelta(days=4 + i))  # fmt: skip
    # The real worker sends what is queued and closes the cases nobody can act on any more.
    session.commit()
    Worker(app).run_once(now)
    create_endpoint(session, seller_id, "http://127.0.0.1:9443/feedback", ["*"], True, settings)
    suppress(session, seller_id, "complaints@example.com", "seller", now)
    return showcase, review


def _shoot(driver, name: str, url: str | None = None, full_height: bool = True) -> None:
    if url:
        driver.get(url)
    if full_height:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        driver.set_window_size(width + (driver.get_window_size()["width"] - width), min(height + 140, 2400))
    driver.save_screenshot(str(OUT / f"{name}.png"))


def test_screenshots(app, live_server):
    OUT.mkdir(parents=True, exist_ok=True)
    with app.app_context():
        seller, _ = create_seller(db.session(), "Acme Outdoor")
        shipper, _ = create_shipper(db.session(), "Cahoot East")
        link_shipper(db.session(), shipper.id, seller.id)
        seller_id, shipper_id = seller.id, shipper.id
        showcase, review = _seed(app, seller_id, shipper_id)
    add_person(app, SELLER, seller_id, SELLER_EMAIL)
    add_person(app, SHIPPER, shipper_id, "sam@cahoot.example")
    with app.app_context():
        [person] = sessions.people_of(db.session(), SELLER, seller_id)
        db.session().commit()
        sessions.set_time_zone(db.session(), person.id, "America/New_York")

    driver = new_driver(1280, 900)
    try:
        driver.get(f"{live_server}/app/sign-in")
        _shoot(driver, "sign-in", full_height=False)
        sign_in(driver, live_server, SELLER_EMAIL)
        _shoot(driver, "inbox", f"{live_server}/app/")
        driver.set_window_size(1280, 900)
        _shoot(driver, "case", f"{live_server}/app/cases/{review}")
        driver.set_window_size(1280, 900)
        _shoot(driver, "case-documentation", f"{live_server}/app/cases/{showcase}")
        driver.set_window_size(1280, 900)
        driver.get(f"{live_server}/app/?state=new&type=late_delivery")
        late = driver.find_element(By.CSS_SELECTOR, "tbody a.order").get_attribute("href")
        _shoot(driver, "contact", f"{late}/contact?action_taken=We+sent+a+replacement+by+express+delivery.")
        driver.set_window_size(1280, 900)
        _shoot(driver, "insights", f"{live_server}/app/insights")
        driver.set_window_size(1280, 900)
        _shoot(driver, "template", f"{live_server}/app/templates/service/en")
        driver.set_window_size(1280, 900)
        _shoot(driver, "settings", f"{live_server}/app/settings")
        driver.set_window_size(390, 844)
        _shoot(driver, "phone-inbox", f"{live_server}/app/", full_height=False)
        _shoot(driver, "phone-case", f"{live_server}/app/cases/{showcase}", full_height=False)
        driver.set_window_size(1280, 900)
        sign_out(driver)
        sign_in(driver, live_server, "sam@cahoot.example")
        _shoot(driver, "shipper-requests", f"{live_server}/app/shipper/")
        driver.set_window_size(1280, 900)
        driver.find_element(By.CSS_SELECTOR, "tbody a.order").click()
        _shoot(driver, "shipper-answer")
    finally:
        driver.quit()
