"""The web app for the people who work cases: sellers under /app/, their shippers under
/app/shipper/. Views parse the form, call one use case and render; every rule they show
comes from the domain."""

from __future__ import annotations

from flask import Flask, redirect, url_for

from api.extensions import login_manager
from web import auth, display, editor, errors, imports, insights, seller, settings, shipper
from web.blueprint import blueprint


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "web.sign_in"
    login_manager.login_message = "Sign in to continue."
    login_manager.session_protection = "basic"
    login_manager.user_loader(auth.load_person)
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.register_blueprint(blueprint)
    app.add_url_rule("/", "home", lambda: redirect(url_for("web.home")))


__all__ = ["init_app", "auth", "display", "editor", "errors", "imports", "insights", "seller", "settings", "shipper"]
