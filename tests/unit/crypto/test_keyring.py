"""KEK sources and start-up refusal on bad key files."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from zorgafstemming.app import create_app
from zorgafstemming.config import ConfigError, Settings
from zorgafstemming.crypto.keyfiles import KeyFileError, init_keys, load_kek_versions
from zorgafstemming.crypto.keyring import (
    EnvKekProvider,
    FileKekProvider,
    KekUnavailable,
    UnwrapError,
)


def settings_for(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'z.db'}")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.unlink(), "missing"),
        (lambda p: os.chmod(p, 0o000), "not readable"),
        (lambda p: os.chmod(p, 0o640), "readable by group or others"),
        (lambda p: os.chmod(p, 0o604), "readable by group or others"),
        (lambda p: p.write_text("{not json"), "malformed"),
    ],
)
def test_service_refuses_to_start_with_a_bad_key_file(
    tmp_path: Path, damage: object, message: str
) -> None:
    init_keys(tmp_path / "keys")
    kek = tmp_path / "keys" / "kek.json"
    damage(kek)  # type: ignore[operator]
    with pytest.raises(ConfigError, match=message) as caught:
        create_app(settings_for(tmp_path))
    assert "kek.json" in str(caught.value)


def test_file_provider_wraps_and_adds_versions_durably(tmp_path: Path) -> None:
    init_keys(tmp_path)
    kek = FileKekProvider(tmp_path)
    wrapped = kek.wrap(1, b"k" * 32, b"owner")
    assert kek.unwrap(1, wrapped, b"owner") == b"k" * 32
    with pytest.raises(UnwrapError):
        kek.unwrap(1, wrapped, b"another owner")
    assert kek.add_version() == 2
    active, versions = load_kek_versions(tmp_path)
    assert (active, sorted(versions)) == (2, [1, 2])
    assert oct((tmp_path / "kek.json").stat().st_mode & 0o777) == "0o600"
    # A fresh process reading the file can still unwrap what version 1 wrapped.
    assert FileKekProvider(tmp_path).unwrap(1, wrapped, b"owner") == b"k" * 32
    with pytest.raises(KekUnavailable):
        kek.retire(2)
    assert kek.retire(1)
    assert sorted(load_kek_versions(tmp_path)[1]) == [2]
    with pytest.raises(KekUnavailable):
        kek.unwrap(1, wrapped, b"owner")


def test_env_provider_reads_one_key_or_a_versioned_document() -> None:
    key1, key2 = b"1" * 32, b"2" * 32
    single = EnvKekProvider("ZK", {"ZK": base64.b64encode(key1).decode()})
    assert single.active_version == 1
    doc = {
        "active": 2,
        "versions": {"1": base64.b64encode(key1).decode(), "2": base64.b64encode(key2).decode()},
    }
    both = EnvKekProvider("ZK", {"ZK": json.dumps(doc)})
    assert both.active_version == 2 and both.versions() == {1, 2}
    # The same key material wraps compatibly across sources.
    assert both.unwrap(1, single.wrap(1, b"d" * 32, b"a"), b"a") == b"d" * 32
    with pytest.raises(KekUnavailable, match="ZK"):
        both.add_version()
    for bad in ["", "not base64!", base64.b64encode(b"short").decode(), '{"active": 3}']:
        with pytest.raises(KeyFileError, match="ZK"):
            EnvKekProvider("ZK", {"ZK": bad})
