"""`feedback-desk import` and `feedback-desk amazon ...` through Flask's CLI runner."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from api.extensions import db
from tests.helpers import Row, order_id, report_bytes
from workflow.clock import utcnow
from workflow.intake.models import AmazonConnection, AmazonReportRequest


def test_import_command_imports_a_file_and_prints_its_summary(app, client, seller, tmp_path):
    day = utcnow().date()
    rows = [
        Row(day - timedelta(days=4), 1, "Arrived broken.", order_id(1)),
        Row(day - timedelta(days=2), 3, "ok", order_id(2)),
    ]
    path = tmp_path / "Feedback.txt"
    path.write_bytes(report_bytes(rows, "US") + b"13/45/26\t1\tbad date\t\t" + order_id(3).encode() + b"\t\n")
    period = ["--covers-from", (day - timedelta(days=30)).isoformat(), "--covers-to", day.isoformat()]
    result = app.test_cli_runner().invoke(
        args=["import", str(path), "--seller", seller.id, "--marketplace", "US", *period]
    )
    assert result.exit_code == 0, result.output
    assert "3 rows read, 1 negative, 1 neutral; cases: 1 opened" in result.output
    assert "line 4: date '13/45/26' is not a calendar date when read M/D/YY (the US format)" in result.output
    (case,) = client.get("/v1/cases", headers=seller.headers).get_json()["items"]
    assert (case["order_id"], case["source"]) == (order_id(1), "amazon_report")


def test_import_command_refuses_in_one_line(app, seller, tmp_path):
    path = tmp_path / "feedback.csv"
    path.write_text("Date,Rating,Comments\n1/2/26,1,late\n")
    result = app.test_cli_runner().invoke(args=["import", str(path), "--seller", seller.id, "--marketplace", "US"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: line 1 has 1 tab-separated columns")
    assert "Traceback" not in result.output
    unknown = app.test_cli_runner().invoke(args=["import", str(path), "--seller", "sel_nobody", "--marketplace", "US"])
    assert unknown.exit_code == 1 and "Traceback" not in unknown.output


def test_import_command_for_an_unknown_seller_says_so(app, tmp_path):
    path = tmp_path / "Feedback.txt"
    path.write_bytes(report_bytes([Row(utcnow().date(), 1, "late", order_id(1))], "US"))
    result = app.test_cli_runner().invoke(args=["import", str(path), "--seller", "sel_nobody", "--marketplace", "US"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "Error: no seller 'sel_nobody'"


def test_amazon_connect_takes_secrets_from_the_environment(app, seller):
    result = app.test_cli_runner().invoke(
        args=[
            "amazon",
            "connect",
            "--seller",
            seller.id,
            "--region",
            "eu",
            "--marketplaces",
            "de,fr,it",
            "--client-id",
            "amzn1.app",
        ],
        env={"AMAZON_CLIENT_SECRET": "s3cret", "AMAZON_REFRESH_TOKEN": "Atzr|tok"},
    )
    assert result.exit_code == 0, result.output
    assert "of DE, FR, IT once a day" in result.output
    assert "s3cret" not in result.output
    with app.app_context():
        stored = db.session.scalar(select(AmazonConnection))
        assert stored.marketplaces == ["DE", "FR", "IT"] and "s3cret" not in stored.encrypted_client_secret


def test_amazon_connect_prompts_for_secrets_and_checks_the_region(app, seller):
    result = app.test_cli_runner().invoke(
        args=["amazon", "connect", "--seller", seller.id, "--region", "na", "--marketplaces", "DE", "--client-id", "x"],
        input="s3cret\nAtzr|tok\n",
    )
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[-1]
        == "Error: marketplaces: DE not served by region na (it serves US, CA, MX, BR)"
    )


def test_amazon_new_key_prints_a_usable_key(app):
    from cryptography.fernet import Fernet

    result = app.test_cli_runner().invoke(args=["amazon", "new-key"])
    Fernet(result.output.strip().encode())


def amazon_connect(app, seller_id: str, marketplaces: str, amazon) -> str:
    """Connect through the command; the connection's id."""
    result = app.test_cli_runner().invoke(
        args=["amazon", "connect", "--seller", seller_id, "--region", "eu", "--marketplaces", marketplaces],
        env={
            "AMAZON_CLIENT_ID": amazon.client_id,
            "AMAZON_CLIENT_SECRET": amazon.client_secret,
            "AMAZON_REFRESH_TOKEN": amazon.refresh_token,
        },
    )
    assert result.exit_code == 0, result.output
    return result.output.split()[2]


def test_amazon_list_shows_each_marketplaces_latest_pull_and_no_secret(
    app, seller, other_seller, app_calls_amazon, worker
):
    amazon = app_calls_amazon
    amazon.script("DONE", document=report_bytes([], "DE"))  # DE's report; FR's stays queued
    pulled = amazon_connect(app, seller.id, "DE,FR", amazon)
    now = utcnow()
    worker.run_once(now)
    worker.run_once(now + timedelta(minutes=2))
    unpulled = amazon_connect(app, seller.id, "IT", amazon)
    amazon_connect(app, other_seller.id, "ES", amazon)

    result = app.test_cli_runner().invoke(args=["amazon", "list", "--seller", seller.id])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("\t")[:3] for line in lines if not line.startswith(" ")] == [
        [pulled, "region eu", "DE, FR"],
        [unpulled, "region eu", "IT"],
    ]
    de, fr, it = (line for line in lines if line.startswith(" "))
    with app.app_context():
        (import_id,) = db.session.scalars(
            select(AmazonReportRequest.import_id).where(AmazonReportRequest.import_id.is_not(None))
        )
        db.session.rollback()
    assert de.startswith("  DE: imported, requested ") and de.endswith(f", import {import_id}")
    assert fr.startswith("  FR: pending, requested ") and "finished" not in fr
    assert it == "  IT: not pulled yet"
    for secret in (amazon.client_secret, amazon.refresh_token):
        assert secret not in result.output


def test_amazon_list_for_a_seller_without_connections_or_unknown(app, seller):
    runner = app.test_cli_runner()
    none = runner.invoke(args=["amazon", "list", "--seller", seller.id])
    assert (none.exit_code, none.output) == (0, f"seller {seller.id} has no Amazon connection\n")
    unknown = runner.invoke(args=["amazon", "list", "--seller", "sel_nobody"])
    assert (unknown.exit_code, unknown.output) == (1, "Error: no seller 'sel_nobody'\n")


def test_amazon_disconnect_removes_the_sellers_connection_only(app, seller, other_seller, amazon):
    mine = amazon_connect(app, seller.id, "DE", amazon)
    theirs = amazon_connect(app, other_seller.id, "DE", amazon)
    runner = app.test_cli_runner()

    refused = runner.invoke(args=["amazon", "disconnect", "--seller", seller.id, theirs])
    assert (refused.exit_code, refused.output) == (1, f"Error: no Amazon connection {theirs!r}\n")
    done = runner.invoke(args=["amazon", "disconnect", "--seller", seller.id, mine])
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"Amazon connection {mine} of seller {seller.id} disconnected")
    again = runner.invoke(args=["amazon", "disconnect", "--seller", seller.id, mine])
    assert (again.exit_code, again.output) == (1, f"Error: no Amazon connection {mine!r}\n")

    assert runner.invoke(args=["amazon", "list", "--seller", seller.id]).output == (
        f"seller {seller.id} has no Amazon connection\n"
    )
    assert runner.invoke(args=["amazon", "list", "--seller", other_seller.id]).output.startswith(f"{theirs}\t")
