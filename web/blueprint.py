from flask import Blueprint

blueprint = Blueprint(
    "web", __name__, url_prefix="/app", template_folder="templates", static_folder="static", static_url_path="/static"
)
