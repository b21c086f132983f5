"""The floor the API is compared with: a bare Flask app answering a small JSON body, served by
the same gunicorn settings in the same benchmark run (`gunicorn bare_flask:app`)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"status": "ok"}
