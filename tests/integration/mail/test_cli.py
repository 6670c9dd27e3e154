"""``zorgafstemming mail send`` and ``mail status``: one round by hand or from cron, counts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.factories.cli import run_command as run
from zorgafstemming.config import load_settings
from zorgafstemming.mail import outbox
from zorgafstemming.runtime import Runtime

RECIPIENT = "canary-cli-4417@example.be"


async def _queue(data_dir: Path) -> None:
    runtime = Runtime.build(load_settings({"ZORG_DATA_DIR": str(data_dir)}))
    try:
        async with runtime.unit_of_work() as uow:
            message = outbox.Message(RECIPIENT, "Uw account", "Een link")
            await outbox.enqueue(uow, kind="activation", message=message)
    finally:
        await runtime.close()


async def test_mail_send_delivers_once_and_status_counts(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    env = {"ZORG_DATA_DIR": str(data_dir), "ZORG_SMTP_URL": "", "ZORG_DATABASE_URL": ""}
    assert run(["init"], env).returncode == 0
    await _queue(data_dir)
    before = run(["mail", "status", "--json"], env)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout) == {
        "queued": 1,
        "sending": 0,
        "sent": 0,
        "failed": 0,
        "unknown": 0,
    }
    sent = run(["mail", "send", "--json"], env)
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout) == {"sent": 1, "retrying": 0, "failed": 0, "unknown": 0}
    assert RECIPIENT not in sent.stdout + sent.stderr
    assert len(list((data_dir / "mail").glob("*.eml"))) == 1
    again = run(["mail", "send"], env)
    assert again.stdout.strip() == "sent 0, retrying later 0, failed 0, unknown 0"
    after = run(["mail", "status", "--json"], env)
    assert json.loads(after.stdout)["sent"] == 1


def test_a_broken_smtp_url_is_one_clear_line(tmp_path: Path) -> None:
    env = {"ZORG_DATA_DIR": str(tmp_path / "var"), "ZORG_SMTP_URL": "imap://u:geheim-77@host"}
    assert run(["init"], {**env, "ZORG_SMTP_URL": ""}).returncode == 0
    result = run(["mail", "send"], env)
    assert result.returncode == 1
    assert "ZORG_SMTP_URL" in result.stderr and "geheim" not in result.stderr
    assert "Traceback" not in result.stderr
