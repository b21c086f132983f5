"""Every table of the product on one MetaData: the one place a models module is registered.

Alembic (migrations/env.py), the app (api/extensions.py) and the test that compares the
migrated schema with the models all take `metadata` from here. A package with tables of its
own (`workflow/intake/models.py`, ...) adds its module to MODELS_MODULES below, and writes
an Alembic revision for its tables; nothing else needs to know.
"""

from __future__ import annotations

import workflow.intake.models
import workflow.models
import workflow.people.models
from workflow.db import Base

MODELS_MODULES = (workflow.models, workflow.intake.models, workflow.people.models)

metadata = Base.metadata
