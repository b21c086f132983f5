"""How gunicorn serves the API: the settings it reads from the repository's gunicorn.conf.py."""

import sys
from pathlib import Path

from gunicorn.app.wsgiapp import WSGIApplication

from workflow.triage import classifier, language

REPOSITORY = Path(__file__).resolve().parents[2]


def test_gunicorn_loads_the_triage_models_before_its_workers_start(monkeypatch):
    monkeypatch.chdir(REPOSITORY)
    monkeypatch.setattr(sys, "argv", ["gunicorn", "--workers", "2", "api:create_app()"])
    server_settings = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg
    language._identifier.cache_clear()
    classifier.type_model.cache_clear()

    server_settings.on_starting(None)

    assert language._identifier.cache_info().currsize == 1
    assert classifier.type_model.cache_info().currsize == 1
    assert language.detect_language("Die Lieferung kam zwei Wochen zu spät und war beschädigt.") == "de"
