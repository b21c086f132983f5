"""gunicorn's settings for the API: gunicorn reads this file from the directory it starts in
(`gunicorn --workers N 'api:create_app()'`, see the README)."""


def on_starting(server) -> None:
    """Load the triage's language model and type weights once, before the workers are forked:
    they share them, and no request waits for them (the language model took about 1.6 s and the
    weights 0.36 s on the first case each worker opened, inside its write transaction). Tests and
    commands that never triage do not load them."""
    from workflow.triage import load_models

    load_models()
