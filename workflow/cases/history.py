"""The case's audit history: one row per transition, written in the transition's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from workflow.cases.machine import TransitionContext
from workflow.models import Case, CaseTransition

_INSERT_HISTORY = insert(CaseTransition.__table__)


class HistoryRecorder:
    """Writes each transition into the case's history, in its transaction, as the case enters
    its new state (workflow/effects.py attaches it): every transition of the case machine
    enters exactly one state, and python-statemachine resolves `on_enter_state` on each of its
    five states when a machine is built, `after_transition` on each of its sixteen transitions.
    Installed listeners run after it, so their `on_enter_state` and `after_transition` see the
    row already added."""

    def __init__(self, transition: TransitionContext) -> None:
        self.session = transition.session
        self.actor = transition.actor
        self.now = transition.now

    def on_enter_state(self, event, source, target, model: Case, note: str | None = None) -> None:
        model.updated_at = self.now
        self.session.connection().execute(
            _INSERT_HISTORY,
            {
                "case_id": model.id,
                "event": str(event),
                "from_state": source.id,
                "to_state": target.id,
                "actor": self.actor,
                "note": note,
                "at": self.now,
            },
        )


def record_change(session: Session, case: Case, what: str, *, actor: str, note: str, now: datetime) -> None:
    """A change of the case that is no transition (the buyer edited the feedback), kept in the
    same history: the state stays as it was."""
    case.updated_at = now
    session.add(
        CaseTransition(
            case_id=case.id, event=what, from_state=case.state, to_state=case.state, actor=actor, note=note, at=now
        )
    )
