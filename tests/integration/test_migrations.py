"""The schema comes from Alembic migrations only, and they match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from api import create_app
from api.extensions import db
from workflow.metadata import metadata


def _schema_diff(app) -> list:
    with app.app_context(), db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)


def test_migrated_schema_equals_the_models(app):
    assert _schema_diff(app) == []


def test_migrations_go_down_and_up_again(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/roundtrip.db"})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(db.inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade()
    assert _schema_diff(app) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/pragmas.db"})
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _database_at(tmp_path, revision: str, rows: list[str]):
    """An app on a new SQLite database migrated to `revision`, holding the rows that the given
    INSERT statements write: what an older deployment has when it upgrades."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/upgrade.db"})
    with app.app_context():
        upgrade(revision=revision)
        with db.engine.begin() as connection:
            for statement in rows:
                connection.exec_driver_sql(statement)
    return app


def test_renaming_columns_keeps_every_row_and_value(tmp_path):
    """0005 renames two columns in place: the rows, and the rows that cascade from them, stay."""
    app = _database_at(
        tmp_path,
        "0004",
        [
            "INSERT INTO sellers (id, name, created_at) VALUES ('sel_1', 'Acme', '2026-11-01 00:00:00')",
            "INSERT INTO shippers (id, name, created_at) VALUES ('shp_1', 'Cahoot', '2026-11-01 00:00:00')",
            "INSERT INTO cases (id, seller_id, order_id, rating, comment, published_at, feedback_types,"
            " asserted_grounds, state, customer_removal_by, amazon_removal_by, version, created_at, updated_at,"
            " buyer_opted_out, shipped_on_time_with_buy_shipping, notices_sent, cancellation_before_assignment)"
            " VALUES ('case_1', 'sel_1', '111-1111111-1111111', 1, 'Late', '2026-11-01 00:00:00',"
            " 'cancelled_order_received,wrong_item', '', 'new', '2026-12-31 00:00:00', '2027-01-30 00:00:00', 1,"
            " '2026-11-01 00:00:00', '2026-11-01 00:00:00', 0, 0, 0, 0)",
            "INSERT INTO case_transitions (case_id, event, from_state, to_state, actor, at)"
            " VALUES ('case_1', 'close', 'new', 'closed', 'seller', '2026-11-02 00:00:00')",
            "INSERT INTO documentation_requests (id, case_id, seller_id, shipper_id, feedback_types, evidence,"
            " share_comment, status, respond_by, created_at) VALUES ('doc_1', 'case_1', 'sel_1', 'shp_1',"
            " 'wrong_item', 'correct_contents', 0, 'requested', '2026-11-03 00:00:00', '2026-11-01 00:00:00')",
        ],
    )
    with app.app_context():
        upgrade(revision="0005")
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql(
                "SELECT cancellation_approved_before_assignment FROM cases WHERE id = 'case_1'"
            ).scalar() in (0, False)
            assert connection.exec_driver_sql("SELECT evidence_requested FROM documentation_requests").scalar() == (
                "correct_contents"
            )
            assert connection.exec_driver_sql("SELECT count(*) FROM case_transitions").scalar() == 1


def test_existing_cases_are_found_by_their_feedback_types_after_0010(tmp_path):
    """0010 moves the type filter to one row per type: every existing case's types are copied."""
    seller = "INSERT INTO sellers (id, name, created_at) VALUES ('sel_1', 'Acme', '2026-11-01 00:00:00')"
    cases = [
        "INSERT INTO cases (id, seller_id, order_id, rating, comment, published_at, feedback_types,"
        " asserted_grounds, state, customer_removal_by, amazon_removal_by, version, created_at,"
        " updated_at, buyer_opted_out, shipped_on_time_with_buy_shipping, notices_sent)"
        f" VALUES ('{case_id}', 'sel_1', '111-1111111-111111{case_id[-1]}', 1, 'Late',"
        f" '2026-11-01 00:00:00', '{types}', '', 'new', '2026-12-31 00:00:00', '2027-01-30 00:00:00', 1,"
        " '2026-11-01 00:00:00', '2026-11-01 00:00:00', 0, 0, 0)"
        for case_id, types in (("case_1", "late_delivery,damaged_item"), ("case_2", "product_review"))
    ]
    app = _database_at(tmp_path, "0005", [seller, *cases])
    with app.app_context():
        upgrade(revision="0010")
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT case_id, feedback_type, seller_id FROM case_feedback_types ORDER BY case_id, feedback_type"
            ).all()
        assert [tuple(row) for row in rows] == [
            ("case_1", "damaged_item", "sel_1"),
            ("case_1", "late_delivery", "sel_1"),
            ("case_2", "product_review", "sel_1"),
        ]


def test_sellers_with_an_enabled_endpoint_are_known_to_have_one_after_0011(tmp_path):
    """0011 keeps whether a seller has an enabled webhook endpoint on the seller's row: it is
    set from the endpoints that exist, or their events would be lost."""
    sellers = [
        f"INSERT INTO sellers (id, name, created_at) VALUES ('{seller_id}', '{seller_id}', '2026-11-01 00:00:00')"
        for seller_id in ("sel_1", "sel_2", "sel_3")
    ]
    endpoints = [
        "INSERT INTO webhook_endpoints (id, seller_id, url, event_types, enabled, secret, created_at,"
        f" updated_at) VALUES ('whep_{seller_id}', '{seller_id}', 'https://hooks.example.com/x', '*',"
        f" {int(enabled)}, 'whsec_x', '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
        for seller_id, enabled in (("sel_1", True), ("sel_2", False))
    ]
    app = _database_at(tmp_path, "0009", [*sellers, *endpoints])
    with app.app_context():
        upgrade(revision="0011")
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT id, has_webhook_endpoints FROM sellers ORDER BY id").all()
            endpoints = connection.exec_driver_sql("SELECT count(*) FROM webhook_endpoints").scalar()
        assert endpoints == 2  # adding the column copied no table: nothing cascaded away
        assert [(seller_id, bool(flag)) for seller_id, flag in rows] == [
            ("sel_1", True),
            ("sel_2", False),
            ("sel_3", False),
        ]


def test_migrations_that_rebuild_the_cases_table_keep_the_rows_that_cascade_from_it(tmp_path):
    """SQLite changes some columns by copying a table and dropping the old one; with foreign keys
    on, dropping `cases` would delete its history. 0006 rebuilds `cases` (a new foreign key)."""
    app = _database_at(
        tmp_path,
        "0005",
        [
            "INSERT INTO sellers (id, name, created_at) VALUES ('sel_1', 'Acme', '2026-11-01 00:00:00')",
            "INSERT INTO cases (id, seller_id, order_id, rating, comment, published_at, feedback_types,"
            " asserted_grounds, state, customer_removal_by, amazon_removal_by, version, created_at, updated_at,"
            " buyer_opted_out, shipped_on_time_with_buy_shipping, notices_sent)"
            " VALUES ('case_1', 'sel_1', '111-1111111-1111111', 1, 'Late', '2026-11-01 00:00:00',"
            " 'late_delivery', '', 'closed', '2026-12-31 00:00:00', '2027-01-30 00:00:00', 2,"
            " '2026-11-01 00:00:00', '2026-11-02 00:00:00', 0, 0, 0)",
            "INSERT INTO case_transitions (case_id, event, from_state, to_state, actor, at)"
            " VALUES ('case_1', 'close', 'new', 'closed', 'seller', '2026-11-02 00:00:00')",
        ],
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM case_transitions").scalar() == 1
            assert connection.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 1
            # The connection goes back to the pool as the app expects it.
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
