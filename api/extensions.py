from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from workflow.db import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
