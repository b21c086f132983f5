"""Journeys of sellers and shippers, in a real browser."""

from __future__ import annotations

import re
from datetime import timedelta

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.helpers import Row, case_body, days_ago, order_id, report_bytes
from tests.web.conftest import PASSWORD, add_person
from worker.runner import Worker
from workflow.clock import utcnow
from workflow.people.models import SELLER, SHIPPER

SELLER_EMAIL = "ana@acme-outdoor.example"


def click_and_wait(driver, element):
    """Click what submits a form or follows a link, and wait for the next page to load."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 15).until(lambda _: _replaced(page))


def _replaced(element) -> bool:
    """The element left the document: chromedriver says so as a stale reference or, while the
    next page is being attached, as an inspector error about the node."""
    try:
        element.is_enabled()
    except WebDriverException:  # StaleElementReferenceException is one
        return True
    return False


def sign_in(driver, live_server, email, password=PASSWORD):
    driver.get(f"{live_server}/app/sign-in")
    driver.find_element(By.ID, "email").clear()
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    WebDriverWait(driver, 10).until(shown.presence_of_element_located((By.CSS_SELECTOR, ".who")))


def sign_out(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".who button"))
    WebDriverWait(driver, 10).until(shown.presence_of_element_located((By.ID, "password")))


def heading(driver) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text


def test_invite_then_set_a_password_then_sign_in(app, seller, live_server, driver):
    output = app.test_cli_runner().invoke(args=["users", "invite", SELLER_EMAIL, "--seller", seller.id]).output
    link = re.search(r"http://\S+/app/invite/[\w-]+", output).group(0)
    assert link.startswith(live_server)

    driver.get(link)
    assert SELLER_EMAIL in driver.page_source
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "password_again").send_keys(PASSWORD)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    assert "Your password is set" in driver.page_source
    assert driver.find_element(By.ID, "email").get_attribute("value") == SELLER_EMAIL
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert heading(driver) == "Inbox"

    driver.get(link)
    assert "used already" in driver.page_source


def test_inbox_to_case_to_contact_with_preview_then_the_worker_sends_and_the_case_moves(
    app, client, seller, live_server, driver, smtp
):
    case = client.post("/v1/cases", json=case_body(), headers=seller.headers).get_json()
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    sign_in(driver, live_server, SELLER_EMAIL)

    assert "days left to ask the buyer" in driver.find_element(By.CSS_SELECTOR, "tbody").text
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, case["order_id"]))
    assert case["order_id"] in heading(driver)
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Contact the buyer"))

    assert "Passes every rule" in driver.page_source
    subject = driver.find_element(By.ID, "mail-subject").text
    assert case["order_id"] in subject
    driver.find_element(By.ID, "action_taken").send_keys("We sent a replacement by express delivery.")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Update preview']"))
    frame = driver.find_element(By.CSS_SELECTOR, ".mail iframe")
    driver.switch_to.frame(frame)
    assert "We sent a replacement by express delivery." in driver.find_element(By.TAG_NAME, "body").text
    driver.switch_to.default_content()

    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send to the buyer']"))
    assert "The email to the buyer is queued" in driver.page_source
    assert "Contacting customer" in driver.find_element(By.CSS_SELECTOR, ".lead .badge").text

    Worker(app).run_once(utcnow())
    assert len(smtp.received) == 1 and smtp.received[0]["To"] == case["buyer"]["email"]
    driver.refresh()
    assert "Awaiting removal" in driver.find_element(By.CSS_SELECTOR, ".lead .badge").text
    assert "Email to the buyer: sent" in driver.find_element(By.CSS_SELECTOR, ".timeline").text


def test_a_refused_action_shows_its_reason(app, client, seller, live_server, driver):
    case = client.post("/v1/cases", json=case_body(), headers=seller.headers).get_json()
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    sign_in(driver, live_server, SELLER_EMAIL)
    driver.get(f"{live_server}/app/cases/{case['id']}")

    greyed = driver.find_element(By.XPATH, "//button[normalize-space()='Ask Amazon to remove it']")
    assert not greyed.is_enabled()
    assert "the case has no Amazon removal grounds" in driver.find_element(By.ID, "why-request_amazon_removal").text

    # Someone changes the case after the page was read: the close is refused with the reason.
    client.patch(f"/v1/cases/{case['id']}", json={"buyer": {"name": "J. Buyer"}}, headers=seller.headers)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Close the case']"))
    assert "has changed since you read it" in driver.find_element(By.ID, "problem").text
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()["outcome"] is None


def test_the_shipper_answers_a_documentation_request_and_the_seller_sees_the_penalty(
    app, client, seller, shipper, live_server, driver
):
    case = client.post("/v1/cases", json=case_body(feedback_types=["damaged_item"]), headers=seller.headers).get_json()
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    add_person(app, SHIPPER, shipper.id, "sam@cahoot.example")

    sign_in(driver, live_server, SELLER_EMAIL)
    driver.get(f"{live_server}/app/cases/{case['id']}")
    driver.find_element(By.ID, "doc-note").send_keys("Photos of the packing, please.")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Request documentation']"))
    assert "The shipper is asked" in driver.page_source
    sign_out(driver)

    sign_in(driver, live_server, "sam@cahoot.example")
    assert heading(driver) == "Documentation requests"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, case["order_id"]))
    assert driver.find_elements(By.ID, "tracking_number") == []
    driver.find_element(By.ID, "item_condition").send_keys("New, sealed in its box")
    driver.find_element(By.ID, "packaging_description").send_keys("A thin mailer without padding")
    driver.find_element(By.CSS_SELECTOR, "#fault option[value=fulfillment_center]").click()
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send the evidence']"))
    assert "Your answer is sent" in driver.page_source, driver.find_element(By.TAG_NAME, "main").text[:600]
    sign_out(driver)

    sign_in(driver, live_server, SELLER_EMAIL)
    driver.get(f"{live_server}/app/cases/{case['id']}")
    timeline = driver.find_element(By.CSS_SELECTOR, ".timeline").text
    assert "Penalty for Item damaged" in timeline and "fulfillment center" in timeline


def test_a_template_edit_that_breaks_a_rule_is_refused(app, seller, live_server, driver):
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    sign_in(driver, live_server, SELLER_EMAIL)
    driver.get(f"{live_server}/app/templates")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a[aria-label='Edit service in en']"))
    editor = driver.find_element(By.ID, "template-source")
    editor.clear()
    editor.send_keys(
        "{% macro body() %}Sorry about that. We offer a full refund if you change your rating.{% endmacro %}"
        "{% macro closing() %}Thank you.{% endmacro %}"
    )
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Check and save']"))
    problem = driver.find_element(By.ID, "problem").text
    assert "offers or promises something" in problem and "refund" in problem
    driver.get(f"{live_server}/app/templates")
    assert "edited" not in driver.find_element(By.TAG_NAME, "table").text


def test_an_old_case_reads_amazon_window_in_words(app, client, seller, live_server, driver):
    client.post(
        "/v1/cases",
        json=case_body(feedback_types=["product_review"], published_at=days_ago(85).isoformat()),
        headers=seller.headers,
    )
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    sign_in(driver, live_server, SELLER_EMAIL)
    assert "Amazon window closes in 4 days" in driver.find_element(By.CSS_SELECTOR, "tbody").text


# Records what the import page's status line says, across the page change to the summary.
WATCH_UPLOAD_STATUS = """
const status = document.getElementById("upload-status"), bar = document.getElementById("upload-bar");
sessionStorage.setItem("said", "[]");
new MutationObserver(() => {
  const said = JSON.parse(sessionStorage.getItem("said"));
  said.push([status.textContent, bar.value, bar.max]);
  sessionStorage.setItem("said", JSON.stringify(said));
}).observe(status, {childList: true, characterData: true, subtree: true});
"""


def test_a_report_uploaded_on_the_import_page_shows_progress_then_its_summary_and_opens_cases(
    app, seller, live_server, driver, tmp_path
):
    today = utcnow().date()
    report = tmp_path / "Feedback-DE.txt"
    report.write_bytes(
        report_bytes(
            [
                Row(today - timedelta(days=6), 1, "Kam zwei Wochen zu spät an.", order_id(11)),
                Row(today - timedelta(days=5), 2, "Karton war eingedrückt.", order_id(12)),
                Row(today - timedelta(days=4), 7, "Seltsame Bewertung.", order_id(13)),
                Row(today - timedelta(days=3), 1, "Bestellnummer fehlt.", "keine-nummer"),
                Row(today - timedelta(days=2), 5, "Alles bestens, danke!", order_id(14)),
            ],
            "DE",
        )
    )
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    sign_in(driver, live_server, SELLER_EMAIL)
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Import"))
    assert driver.find_element(By.CSS_SELECTOR, "label[for=upload-bar]").get_attribute("textContent").strip()
    assert driver.find_element(By.ID, "upload-status").get_attribute("aria-live") == "polite"

    Select(driver.find_element(By.ID, "marketplace")).select_by_visible_text("DE")
    driver.find_element(By.ID, "file").send_keys(str(report))
    driver.execute_script(WATCH_UPLOAD_STATUS)
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Import']"))
    WebDriverWait(driver, 15).until(lambda _: heading(driver).startswith("Import of"))

    said = driver.execute_script("return JSON.parse(sessionStorage.getItem('said'))")
    texts = [text for text, _, _ in said]
    assert texts[0] == "Uploading: 0% sent." and any(t.startswith("Importing…") for t in texts), texts
    assert all(value == limit for text, value, limit in said if text.startswith("Importing…")), said
    stats = {s.find_element(By.TAG_NAME, "span").text: s.find_element(By.TAG_NAME, "b").text
             for s in driver.find_elements(By.CSS_SELECTOR, ".stat")}  # fmt: skip
    assert stats["new cases"] == "2" and stats["rows refused"] == "2", stats
    assert "Feedback-DE.txt · DE" in driver.find_element(By.CSS_SELECTOR, ".lead").text
    refused = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    assert refused[0].startswith("4") and "rating '7'" in refused[0], refused
    assert refused[1].startswith("5") and "'keine-nummer' is not an Amazon order id" in refused[1], refused

    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Go to the inbox"))
    inbox = driver.find_element(By.CSS_SELECTOR, "tbody").text
    assert order_id(11) in inbox and order_id(12) in inbox and order_id(14) not in inbox


def test_a_report_the_import_refuses_shows_why_on_the_import_page(app, seller, live_server, driver, tmp_path):
    unreadable = tmp_path / "notes.txt"
    unreadable.write_text("Datum\tBewertung\nirgendwann\tgut\n", encoding="utf-8")
    add_person(app, SELLER, seller.id, SELLER_EMAIL)
    sign_in(driver, live_server, SELLER_EMAIL)
    driver.get(f"{live_server}/app/import")
    Select(driver.find_element(By.ID, "marketplace")).select_by_visible_text("DE")
    driver.find_element(By.ID, "file").send_keys(str(unreadable))
    driver.find_element(By.XPATH, "//button[normalize-space()='Import']").click()

    problem = WebDriverWait(driver, 15).until(shown.visibility_of_element_located((By.ID, "problem")))
    assert heading(driver) == "Import feedback"
    assert "not a readable seller feedback report" in problem.text and "line 1" in problem.text, problem.text
    assert "Nothing imported yet." in driver.find_element(By.ID, "recent-h").find_element(By.XPATH, "..").text
    # The page it shows is enhanced again: a second try uploads in the background too.
    assert driver.find_element(By.ID, "upload-progress").get_attribute("hidden") == "true"
