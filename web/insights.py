"""Insights: the seller's figures as server-rendered SVG charts."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from api.extensions import db
from web.auth import seller_only
from web.blueprint import blueprint
from workflow.cases.machine import OUTCOMES
from workflow.clock import utcnow
from workflow.insights import insights as seller_insights
from workflow.policy import FEEDBACK_TYPES

TYPE_NAMES = {t.code: t.label for t in FEEDBACK_TYPES}
OUTCOME_NAMES = {outcome: outcome.replace("_", " ").capitalize().replace("amazon", "Amazon") for outcome in OUTCOMES}


@blueprint.get("/insights")
@seller_only
def insights():
    now = utcnow()
    figures = seller_insights(db.session(), current_user.account_id, now)
    return render_template(
        "insights.html", figures=figures, now=now, type_names=TYPE_NAMES, outcome_names=OUTCOME_NAMES
    )
