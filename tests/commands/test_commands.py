"""The feedback-desk commands, through Flask's CLI runner."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api import create_app
from api.extensions import db
from workflow.models import Seller, Shipper


def test_cli_creates_and_links_shippers(app, seller):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["shippers", "create", "Cahoot"])
    assert created.exit_code == 0, created.output
    token = created.output.strip().splitlines()[-1]
    shipper_id = created.output.split()[1]
    assert token.startswith("fds_")
    linked = runner.invoke(args=["shippers", "link", shipper_id, seller.id])
    assert linked.exit_code == 0, linked.output
    with app.test_client() as client:
        assert client.get("/v1/shipper/scorecard", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def one_line_error(result) -> str:
    """The refusal: exit code 1, one line on stderr, nothing on stdout, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "Traceback" not in result.output
    return line


def test_linking_an_unknown_shipper_or_seller_is_one_line(app, seller):
    runner = app.test_cli_runner()
    assert "no shipper 'shp_missing'" in one_line_error(
        runner.invoke(args=["shippers", "link", "shp_missing", seller.id])
    )
    created = runner.invoke(args=["shippers", "create", "Cahoot"])
    shipper_id = created.output.split()[1]
    assert "no seller 'sel_missing'" in one_line_error(
        runner.invoke(args=["shippers", "link", shipper_id, "sel_missing"])
    )


def test_a_seller_name_in_use_is_refused_unless_a_duplicate_is_asked_for(app, seller):
    runner = app.test_cli_runner()
    refusal = one_line_error(runner.invoke(args=["sellers", "create", "Acme Outdoor"]))
    assert seller.id in refusal and "--allow-duplicate-name" in refusal
    second = runner.invoke(args=["sellers", "create", "Acme Outdoor", "--allow-duplicate-name"])
    assert second.exit_code == 0, second.output
    assert second.output.split()[1] not in (seller.id, "")


def test_a_shipper_name_in_use_is_refused_unless_a_duplicate_is_asked_for(app, shipper):
    runner = app.test_cli_runner()
    refusal = one_line_error(runner.invoke(args=["shippers", "create", " Cahoot "]))
    assert refusal == (
        f"Error: a shipper named 'Cahoot' exists already ({shipper.id}); "
        "allow a duplicate name (--allow-duplicate-name) to create another"
    )
    assert runner.invoke(args=["shippers", "list"]).output == f"{shipper.id}\tCahoot\n"
    second = runner.invoke(args=["shippers", "create", "Cahoot", "--allow-duplicate-name"])
    assert second.exit_code == 0, second.output
    assert second.output.split()[1] not in (shipper.id, "")
    assert len(runner.invoke(args=["shippers", "list"]).output.splitlines()) == 2


@pytest.mark.parametrize("group", ["sellers", "shippers"])
@pytest.mark.parametrize(
    "name, says", [("", "cannot be empty"), ("  \t ", "cannot be empty"), ("x" * 201, "limit is 200")]
)
def test_an_empty_or_overlong_account_name_is_one_line_and_creates_nothing(app, group, name, says):
    runner = app.test_cli_runner()
    assert says in one_line_error(runner.invoke(args=[group, "create", name]))
    with app.app_context():
        model = Seller if group == "sellers" else Shipper
        assert db.session.scalar(select(func.count()).select_from(model)) == 0


def test_a_name_is_kept_with_its_spaces_tidied_so_a_spaced_copy_is_still_a_duplicate(app, seller):
    runner = app.test_cli_runner()
    refusal = one_line_error(runner.invoke(args=["sellers", "create", "  Acme   Outdoor "]))
    assert seller.id in refusal
    created = runner.invoke(args=["shippers", "create", " Cahoot\n Logistics "])
    assert "created for 'Cahoot Logistics'" in created.output


def test_a_database_that_is_not_migrated_is_one_line(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/empty.db"})
    refusal = one_line_error(app.test_cli_runner().invoke(args=["sellers", "create", "Acme Outdoor"]))
    assert "feedback-desk db upgrade" in refusal


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://postgres@127.0.0.1:1/nothing", "sqlite:///{tmp_path}/no-such-directory/x.db"]
)
def test_a_database_that_cannot_be_reached_is_one_line_that_does_not_blame_migrations(tmp_path, url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url.format(tmp_path=tmp_path)})
    refusal = one_line_error(app.test_cli_runner().invoke(args=["sellers", "create", "Acme Outdoor"]))
    assert "DATABASE_URL" in refusal and "db upgrade" not in refusal
