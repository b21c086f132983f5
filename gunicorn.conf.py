"""gunicorn's settings for the API: gunicorn reads this file from the directory it starts in
(`gunicorn --workers N 'api:create_app()'`, see the README)."""


def on_starting(server) -> None:
    """Load the triage's language model once, before the workers are forked: they share it, and
    no request waits for it (it took about 1.6 s on the first case each worker opened). Tests and
    commands that never triage do not load it."""
    from workflow.triage.language import load_model

    load_model()
