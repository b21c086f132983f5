"""The HTTP API and command line of feedback-desk, around an application factory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask_openapi3 import Info, OpenAPI

from api.extensions import db, migrate
from api.problems import register_problem_handlers, validation_problem
from workflow.db import configure_engine
from workflow.services import Windows

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def _settings_from_environment(instance_path: str) -> dict[str, Any]:
    default_db = "sqlite:///" + os.path.join(instance_path, "feedback-desk.db")
    return {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL", default_db),
        "CUSTOMER_REMOVAL_DAYS": int(os.environ.get("CUSTOMER_REMOVAL_DAYS", "60")),
        "AMAZON_REMOVAL_DAYS": int(os.environ.get("AMAZON_REMOVAL_DAYS", "90")),
    }


def create_app(test_config: dict[str, Any] | None = None) -> OpenAPI:
    app = OpenAPI(
        __name__,
        info=Info(
            title="feedback-desk",
            version="1",
            description="Cases for negative Amazon seller feedback: deadlines, removal grounds, history.",
        ),
        security_schemes={"bearer": {"type": "http", "scheme": "bearer"}},
        doc_prefix="/docs",
        validation_error_status=422,
        validation_error_callback=validation_problem,
        instance_relative_config=True,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(_settings_from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    app.config["WINDOWS"] = Windows(app.config["CUSTOMER_REMOVAL_DAYS"], app.config["AMAZON_REMOVAL_DAYS"])

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    with app.app_context():
        configure_engine(db.engine)

    from api import cases, meta

    app.register_api(cases.blueprint)
    app.register_api(meta.blueprint)
    app.add_url_rule("/openapi.json", "openapi_json", lambda: app.api_doc)
    register_problem_handlers(app)
    return app
