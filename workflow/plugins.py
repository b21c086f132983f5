"""In-process integrations: listener objects attached to every case machine.

A listener is a plain object whose methods use python-statemachine's callback names
(`before_<event>`, `on_enter_<state>`, `after_transition`, ...). It runs inside the
transition's transaction; raising `Veto` in a `before_` hook refuses the transition (409),
any other exception rolls it back (500). See docs/listeners.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from types import TracebackType

from workflow.errors import DomainError

ENTRY_POINT_GROUP = "feedback_desk.listeners"
log = logging.getLogger(__name__)


class Veto(DomainError):
    """Raise from a listener's `before_<event>` (or `before_transition`) hook to refuse the
    transition. The API answers 409 with `reason` as the detail; nothing is written."""

    status = 409
    slug = "vetoed"
    title = "An integration refused the transition"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)


class ListenerFailed(DomainError):
    status = 500
    slug = "integration-failed"
    title = "An integration failed"


@dataclass(frozen=True)
class InstalledListener:
    name: str
    listener: object


def _import_object(path: str) -> object:
    module_name, _, attribute = path.partition(":")
    target = import_module(module_name)
    for part in filter(None, attribute.split(".")):
        target = getattr(target, part)
    return target


def _instance(target: object) -> object:
    return target() if isinstance(target, type) else target


def load_listeners(import_paths: Iterable[str]) -> tuple[InstalledListener, ...]:
    """Listeners from installed packages (entry-point group `feedback_desk.listeners`) and
    from the LISTENERS setting (`module:attribute` paths). A class is instantiated once."""
    found = [InstalledListener(ep.name, _instance(ep.load())) for ep in entry_points(group=ENTRY_POINT_GROUP)]
    found += [InstalledListener(path, _instance(_import_object(path))) for path in import_paths]
    for installed in found:
        log.info("listener %s attached to every case machine", installed.name)
    return tuple(found)


def failing_listener(error: BaseException, installed: Iterable[InstalledListener]) -> str | None:
    """The name of the installed listener whose code raised `error`, if one did."""
    by_identity = {id(i.listener): i.name for i in installed}
    traceback: TracebackType | None = error.__traceback__
    while traceback is not None:
        owner = traceback.tb_frame.f_locals.get("self")
        if id(owner) in by_identity:
            return by_identity[id(owner)]
        traceback = traceback.tb_next
    return None
