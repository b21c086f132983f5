"""In-process integrations: listener objects attached to every case machine, and the
migrations that create a plug-in's own tables.

A listener is a plain object whose methods use python-statemachine's callback names
(`before_<event>`, `on_enter_<state>`, `after_transition`, ...). It runs inside the
transition's transaction; raising `Veto` in a `before_` hook refuses the transition (409),
any other exception rolls it back (500). A plug-in that writes its own tables names its
Alembic versions directory in the entry-point group `feedback_desk.migrations`; `feedback-desk
db upgrade` runs it as a branch of its own. See docs/listeners.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from types import TracebackType

from workflow.errors import DomainError

ENTRY_POINT_GROUP = "feedback_desk.listeners"
MIGRATIONS_ENTRY_POINT_GROUP = "feedback_desk.migrations"
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
    from the LISTENERS setting (`module:attribute` paths). Each is attached once, under its
    entry point's name when it is both installed and named in LISTENERS, and a class is
    instantiated once."""
    targets: dict[int, tuple[str, object]] = {}
    for name, target in [
        *((ep.name, ep.load()) for ep in entry_points(group=ENTRY_POINT_GROUP)),
        *((path, _import_object(path)) for path in import_paths),
    ]:
        targets.setdefault(id(target), (name, target))
    found = tuple(InstalledListener(name, _instance(target)) for name, target in targets.values())
    for installed in found:
        log.info("listener %s attached to every case machine", installed.name)
    return found


def plugin_migration_locations() -> list[str]:
    """The Alembic versions directories of installed plug-ins (entry-point group
    `feedback_desk.migrations`, each naming a directory path)."""
    locations = []
    for ep in entry_points(group=MIGRATIONS_ENTRY_POINT_GROUP):
        location = Path(str(ep.load()))
        if not location.is_dir():
            raise RuntimeError(f"plug-in migrations {ep.name} ({ep.value}) name {location}, which is not a directory")
        locations.append(str(location))
    return locations


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
