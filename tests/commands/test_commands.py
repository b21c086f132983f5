"""The feedback-desk commands, through Flask's CLI runner."""

from __future__ import annotations


def test_cli_creates_and_links_shippers(app, seller):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["shippers", "create", "Cahoot"])
    assert created.exit_code == 0, created.output
    token = created.output.strip().splitlines()[-1]
    shipper_id = created.output.split()[1]
    assert token.startswith("fds_")
    linked = runner.invoke(args=["shippers", "link", shipper_id, seller.id])
    assert linked.exit_code == 0, linked.output
    with app.test_client() as client:
        assert client.get("/v1/shipper/scorecard", headers={"Authorization": f"Bearer {token}"}).status_code == 200
