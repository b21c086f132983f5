"""The web app for the people who work cases: sellers under /app/, their shippers under
/app/shipper/. Views parse the form, call one use case and render; every rule they show
comes from the domain."""

from __future__ import annotations

from flask import Flask, Request, redirect, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from api.extensions import login_manager
from web import auth, display, editor, errors, imports, insights, seller, settings, shipper
from web.blueprint import blueprint


class WebSessionInterface(SecureCookieSessionInterface):
    """Sessions for the web app's pages only. The API authenticates every call with a bearer
    token and never reads a session: its requests get the empty, read-only null session and
    skip checking the cookie's signature and deciding whether to send one back."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not request.path.startswith(f"{blueprint.url_prefix}/"):
            return None  # Flask puts the null session in its place
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    app.session_interface = WebSessionInterface()
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
