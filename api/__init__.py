"""The HTTP API of feedback-desk, around an application factory."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import fields, replace
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from flask_openapi3 import Info, OpenAPI

from api import limits
from api.extensions import csrf, db, mail, migrate
from api.problems import register_problem_handlers, validation_problem
from workflow.db import configure_engine
from workflow.plugins import load_listeners, plugin_migration_locations
from workflow.settings import Settings, setting_value

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


@migrate.configure
def _with_plugin_migrations(config):
    """The product's revisions and, as branches of their own, every installed plug-in's."""
    config.set_main_option("path_separator", "os")
    config.set_main_option(
        "version_locations", os.pathsep.join([f"{MIGRATIONS_DIR}/versions", *plugin_migration_locations()])
    )
    return config


MAIL_KEYS = (
    "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USE_SSL",
    "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_DEFAULT_SENDER",
)  # fmt: skip
# Flask-Mail reads these as they are: "false" from the environment would switch TLS on.
MAIL_SETTING_KINDS = {"MAIL_PORT": int, "MAIL_USE_TLS": bool, "MAIL_USE_SSL": bool}
CONFIG_KINDS = {**MAIL_SETTING_KINDS, **limits.ENVIRONMENT_KINDS}
ENVIRONMENT_KEYS = (*(f.name.upper() for f in fields(Settings)), *MAIL_KEYS, *limits.ENVIRONMENT_KINDS)


def _environment_value(raw: str) -> Any:
    """JSON where it parses (numbers, true/false), the plain string otherwise, as Flask's
    from_prefixed_env reads values."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _settings_from_environment(instance_path: str) -> dict[str, Any]:
    config: dict[str, Any] = {
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", "sqlite:///" + os.path.join(instance_path, "feedback-desk.db")
        ),
        "MAIL_DEFAULT_SENDER": "feedback-desk@localhost",
        # Where people reach the web app: invitation links start with it.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000"),
        # Never drop mail silently, not even under TESTING: tests talk to a real SMTP server.
        "MAIL_SUPPRESS_SEND": False,
        **limits.DEFAULTS,
    }
    config.update({key: _environment_value(os.environ[key]) for key in ENVIRONMENT_KEYS if key in os.environ})
    return config


def _listener_paths(setting: str | list[str] | None) -> list[str]:
    """LISTENERS: a JSON list of `module:attribute` paths, or the same comma-separated."""
    if isinstance(setting, str):
        return [path.strip() for path in setting.split(",") if path.strip()]
    return list(setting or [])


def _instance_secret_key(instance_path: str) -> str:
    """The key that signs session cookies: SECRET_KEY, else one made once per instance and kept
    in its folder (readable by the owner only), so every process of the instance agrees."""
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        # Written aside, then linked into place: a process starting at the same time either
        # wins the link or reads the complete key of the one that did.
        candidate = f"{path}.{os.getpid()}"
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(candidate)
    with open(path, encoding="ascii") as file:
        return file.read().strip()


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
    for key, kind in CONFIG_KINDS.items():
        if key in app.config:
            app.config[key] = setting_value(key, app.config[key], kind)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or _instance_secret_key(app.instance_path)
    sender_domain = parseaddr(app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2]
    app.config.setdefault("MESSAGE_ID_DOMAIN", sender_domain or "localhost")
    app.config["SETTINGS"] = replace(
        Settings.from_config(app.config), listeners=load_listeners(_listener_paths(app.config.get("LISTENERS")))
    )

    limits.register_limits(app)
    db.init_app(app)
    mail.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    with app.app_context():
        configure_engine(db.engine)

    from api import cases, imports, insights, me, meta, outreach, shipping, triage, webhooks

    app.register_api(cases.blueprint)
    app.register_api(imports.blueprint)
    app.register_api(outreach.blueprint)
    app.register_api(webhooks.blueprint)
    app.register_api(shipping.seller_blueprint)
    app.register_api(shipping.shipper_blueprint)
    app.register_api(triage.blueprint)
    app.register_api(insights.blueprint)
    app.register_api(meta.blueprint)
    app.register_api(me.blueprint)
    app.add_url_rule("/openapi.json", "openapi_json", lambda: app.api_doc)
    # /docs/ is the interactive UI itself, not a landing page with one link to it.
    app.view_functions["openapi.openapi"] = app.view_functions["swagger.swagger"]
    register_problem_handlers(app)
    # The JSON API authenticates every call with a bearer token, which a browser never sends
    # on its own: only the web app's cookie-authenticated forms need CSRF tokens.
    for blueprint in list(app.blueprints.values()):
        csrf.exempt(blueprint)
    csrf.init_app(app)

    import web

    web.init_app(app)

    from commands import register_commands

    register_commands(app)
    return app
