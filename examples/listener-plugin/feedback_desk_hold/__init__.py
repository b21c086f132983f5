"""Example feedback-desk plug-in.

- Vetoes `request_amazon_removal` while the note says `#hold` (the seller's team wants to
  double-check the comment first).
- Keeps its own log of transitions in its own table, written in the transition's transaction:
  when the transition is refused or fails, the log row disappears with it. The table is
  created by the plug-in's own migrations (the `migrations/` directory next to this file),
  which `feedback-desk db upgrade` runs.
"""

from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from workflow.plugins import Veto

# Named by the `feedback_desk.migrations` entry point.
MIGRATIONS = Path(__file__).parent / "migrations"

metadata = MetaData()
transition_log = Table(
    "hold_plugin_transition_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(40), nullable=False),
    Column("event", String(40), nullable=False),
    Column("to_state", String(40), nullable=False),
    Column("actor", String(40), nullable=False),
)


class HoldListener:
    def before_request_amazon_removal(self, model, note=None):
        if note and "#hold" in note:
            raise Veto(f"order {model.order_id} is on hold: send the request without #hold in the note")

    def after_transition(self, event, target, model, session, actor):
        session.execute(
            insert(transition_log).values(case_id=model.id, event=str(event), to_state=target.id, actor=actor)
        )
