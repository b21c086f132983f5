"""Settings from the environment: booleans read as people write them, and a value that
cannot be used stops the program at start with one line naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from api import create_app
from workflow.settings import SettingError


def app_with_environment(monkeypatch, **environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.mark.parametrize(
    "word, allowed",
    [(w, False) for w in ("false", "False", "FALSE", "no", "No", "off", "OFF", "0")]
    + [(w, True) for w in ("true", "True", "yes", "YES", "on", "On", "1")],
)
def test_boolean_settings_read_every_usual_spelling(monkeypatch, word, allowed):
    app = app_with_environment(monkeypatch, WEBHOOK_ALLOW_PRIVATE_NETWORKS=word, MAIL_USE_TLS=word)
    assert app.config["SETTINGS"].webhook_allow_private_networks is allowed
    assert app.config["MAIL_USE_TLS"] is allowed


@pytest.mark.parametrize(
    "name, value",
    [
        ("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "maybe"),
        ("WEBHOOK_ALLOW_PRIVATE_NETWORKS", ""),
        ("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "2"),
        ("MAIL_USE_SSL", "nope"),
        ("WEBHOOK_DELIVERY_THREADS", "lots"),
        ("OUTBOX_CLAIM_SECONDS", "true"),
    ],
)
def test_an_unusable_setting_is_refused_naming_the_variable(monkeypatch, name, value):
    with pytest.raises(SettingError, match=name):
        app_with_environment(monkeypatch, **{name: value})


def test_the_command_line_stops_with_one_line_and_no_traceback(tmp_path):
    environment = {**os.environ, "WEBHOOK_ALLOW_PRIVATE_NETWORKS": "nein", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    done = subprocess.run(
        [sys.executable, "-c", "from commands import cli; cli()", "db", "current"],
        env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: WEBHOOK_ALLOW_PRIVATE_NETWORKS must be one of 1/0, true/false, yes/no, on/off (any case), not 'nein'"
    ]


@pytest.mark.parametrize(
    "arguments, says",
    [
        (["worker", "--poll-interval", "5"], "No such option '--poll-interval' (see 'feedback-desk worker --help')"),
        (["sellers", "remove", "sel_1"], "No such command 'remove' (see 'feedback-desk sellers --help')"),
        (["import"], "Missing argument 'FILE' (see 'feedback-desk import --help')"),
        (["--verbose", "worker"], "No such option '--verbose' (see 'feedback-desk --help')"),
    ],
)
def test_a_command_line_that_cannot_be_parsed_is_one_line_saying_where_help_is(tmp_path, arguments, says):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    done = subprocess.run(
        [sys.executable, "-c", "from commands import cli; cli(prog_name='feedback-desk')", *arguments],
        env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"Error: {says}"]
