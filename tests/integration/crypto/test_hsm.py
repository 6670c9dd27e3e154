"""The KEK on a PKCS#11 token (SoftHSM2): wrapping inside the token, a KEK that cannot be read
out, the app on it without a key file, and a cache of data keys that a shred empties at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pkcs11
import pytest
from httpx import AsyncClient
from pkcs11 import Attribute, ObjectClass

from tests.factories.coordination import file_body, make_network, open_file
from tests.factories.hsm import USER_PIN, SoftToken
from zorgafstemming.config import Settings
from zorgafstemming.crypto.field_format import wrap_aad
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.hsm import Pkcs11KekProvider, TokenUnavailable, provider_from_settings
from zorgafstemming.crypto.keyfiles import KeyFileError, init_keys
from zorgafstemming.crypto.keyring import KekUnavailable, UnwrapError
from zorgafstemming.crypto.rotation import rotate_kek
from zorgafstemming.runtime import Runtime

OWNER = "file"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def token_settings(soft_token: SoftToken, tmp_path: Path) -> Settings:
    """Settings with a fresh KEK of their own on the token (as `zorgafstemming init` makes)."""
    settings = soft_token.settings(Settings(data_dir=tmp_path))
    provider_from_settings(settings, create=True).close()
    return settings


@pytest.fixture
def provider(token_settings: Settings) -> Iterator[Pkcs11KekProvider]:
    kek = provider_from_settings(token_settings)
    yield kek
    kek.close()


@pytest.fixture
def app_settings(database_url: str, tmp_path: Path, soft_token: SoftToken) -> Settings:
    """The app's settings with the KEK on the token and no KEK file in the key folder."""
    key_dir = tmp_path / "keys"
    init_keys(key_dir, with_kek_file=False)
    settings = soft_token.settings(
        Settings(
            env="development",
            data_dir=tmp_path,
            database_url=database_url,
            key_dir=key_dir,
            demo=True,
            scheduler_enabled=False,
        )
    )
    provider_from_settings(settings, create=True).close()
    return settings


def test_a_data_key_is_wrapped_and_unwrapped_inside_the_token(
    provider: Pkcs11KekProvider, token_settings: Settings
) -> None:
    key, owner = os.urandom(32), uuid.uuid4()
    version = provider.active_version
    aad = wrap_aad(version, OWNER, owner, 1)
    wrapped = provider.wrap(version, key, aad)
    assert key not in wrapped and len(wrapped) == 12 + 32 + 16
    assert provider.unwrap(version, wrapped, aad) == key

    # Another instance reaches the same token: no key file to copy, the same KEK.
    other = provider_from_settings(token_settings)
    try:
        assert other.unwrap(version, wrapped, aad) == key
    finally:
        other.close()

    with pytest.raises(UnwrapError):  # bound to its owner
        provider.unwrap(version, wrapped, wrap_aad(version, OWNER, uuid.uuid4(), 1))
    tampered = bytearray(wrapped)
    tampered[-1] ^= 1
    with pytest.raises(UnwrapError):
        provider.unwrap(version, bytes(tampered), aad)


def test_the_kek_cannot_be_read_or_wrapped_out_of_the_token(
    provider: Pkcs11KekProvider, token_settings: Settings, soft_token: SoftToken
) -> None:
    lib = pkcs11.lib(str(soft_token.module))
    # The provider has logged this process in to the token (PKCS#11 does that once per process).
    with lib.get_token(token_label=soft_token.label).open(rw=True) as session:
        kek: Any = session.get_key(
            object_class=ObjectClass.SECRET_KEY, label=token_settings.kek_pkcs11_key_label
        )
        assert kek[Attribute.SENSITIVE] is True
        assert kek[Attribute.EXTRACTABLE] is False
        assert kek[Attribute.NEVER_EXTRACTABLE] is True
        with pytest.raises(pkcs11.AttributeSensitive):
            kek[Attribute.VALUE]
        wrapper: Any = session.generate_key(
            pkcs11.KeyType.AES,
            256,
            capabilities=pkcs11.MechanismFlag.WRAP | pkcs11.MechanismFlag.UNWRAP,
        )
        with pytest.raises(pkcs11.KeyUnextractable):
            wrapper.wrap_key(kek, mechanism=pkcs11.Mechanism.AES_KEY_WRAP_PAD)
        with pytest.raises(pkcs11.PKCS11Error):  # read-only, or the object is unmodifiable
            kek[Attribute.EXTRACTABLE] = True
        assert kek[Attribute.EXTRACTABLE] is False


def test_a_new_version_wraps_and_a_retired_one_is_gone(provider: Pkcs11KekProvider) -> None:
    key, owner = os.urandom(32), uuid.uuid4()
    old = wrap_aad(1, OWNER, owner, 1)
    wrapped_old = provider.wrap(1, key, old)
    assert provider.add_version() == 2 and provider.active_version == 2
    assert provider.versions() == {1, 2}
    assert provider.unwrap(1, wrapped_old, old) == key
    new = wrap_aad(2, OWNER, owner, 1)
    assert provider.unwrap(2, provider.wrap(2, key, new), new) == key
    with pytest.raises(KekUnavailable):
        provider.retire(2)
    assert provider.retire(1)
    with pytest.raises(KekUnavailable):
        provider.unwrap(1, wrapped_old, old)


def test_a_token_without_a_kek_or_an_exposed_pin_file_is_refused(
    token_settings: Settings, tmp_path: Path
) -> None:
    without = replace(token_settings, kek_pkcs11_key_label="nothing-here")
    with pytest.raises(TokenUnavailable, match="run `zorgafstemming init`"):
        provider_from_settings(without)
    exposed = tmp_path / "exposed-pin"
    exposed.write_text(USER_PIN)
    exposed.chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        provider_from_settings(replace(token_settings, kek_pkcs11_pin_file=exposed))


def _init(soft_token: SoftToken, data_dir: Path, pin_file: Path, label: str) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZORG_")}
    env.update(
        soft_token.env(),
        ZORG_DATA_DIR=str(data_dir),
        ZORG_KEK_PKCS11_MODULE=str(soft_token.module),
        ZORG_KEK_PKCS11_TOKEN=soft_token.label,
        ZORG_KEK_PKCS11_KEY_LABEL=label,
        ZORG_KEK_PKCS11_PIN_FILE=str(pin_file),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    return subprocess.run(
        [sys.executable, "-m", "zorgafstemming", "init", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def test_init_makes_the_kek_on_the_token_and_a_wrong_pin_is_one_clear_line(
    soft_token: SoftToken, tmp_path: Path
) -> None:
    label = f"kek-{uuid.uuid4().hex[:10]}"
    wrong = tmp_path / "wrong-pin"
    wrong.write_text("00000000\n")
    wrong.chmod(0o600)
    refused = _init(soft_token, tmp_path / "refused", wrong, label)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"zorgafstemming: error: the PKCS#11 PIN for token {soft_token.label!r} is wrong"
    )

    done = _init(soft_token, tmp_path / "var", soft_token.pin_file, label)
    assert done.returncode == 0, done.stderr
    assert "kek.json" not in json.loads(done.stdout)["keys_created"]
    assert not (tmp_path / "var" / "keys" / "kek.json").exists()
    settings = soft_token.settings(Settings(data_dir=tmp_path), key_label=label)
    kek = provider_from_settings(settings)
    try:
        assert kek.versions() == {1}
    finally:
        kek.close()


async def test_a_file_is_opened_and_read_through_the_app_with_the_kek_on_the_token(
    client: AsyncClient, runtime: Runtime
) -> None:
    assert isinstance(runtime.cipher.kek, Pkcs11KekProvider)
    assert not (runtime.settings.keys_path / "kek.json").exists()
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    again = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    assert again.status_code == 200
    parent = next(m for m in again.json()["members"] if m["role"] == "parent")
    assert parent["given_name"] == "Els" and parent["insz"] == "85073003328"


class CountingKek:
    """A KEK provider that counts the unwraps that reach it (the token)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.unwraps = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def unwrap(self, version: int, wrapped: bytes, aad: bytes) -> bytes:
        self.unwraps += 1
        unwrapped: bytes = self.inner.unwrap(version, wrapped, aad)
        return unwrapped


async def _seal_value(runtime: Runtime, owner: uuid.UUID, row: uuid.UUID) -> bytes:
    async with runtime.unit_of_work() as uow:
        key = await runtime.cipher.key_for(uow.session, OWNER, owner)
        return runtime.cipher.encrypt(key, table="t", column="c", row_id=row, value="geheim")


async def _read(runtime: Runtime, owner: uuid.UUID, row: uuid.UUID, blob: bytes) -> str | None:
    async with runtime.unit_of_work() as uow:
        key = await runtime.cipher.load_key(uow.session, OWNER, owner)
        if key is None:
            return None
        return runtime.cipher.decrypt(key, table="t", column="c", row_id=row, blob=blob)


async def test_reads_stay_off_the_token_until_a_shred_or_rotation_on_another_instance(
    runtime: Runtime, app_settings: Settings
) -> None:
    other = Runtime.build(app_settings)  # a second instance on the same database and token
    counting = CountingKek(other.cipher.kek)
    other.cipher.kek = counting
    try:
        owner, kept, row = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        blob = await _seal_value(runtime, owner, row)
        kept_blob = await _seal_value(runtime, kept, row)
        for _ in range(3):
            assert await _read(other, owner, row, blob) == "geheim"
        assert counting.unwraps == 1  # once at the token, then from memory
        assert other.cipher.holds_key_of(OWNER, owner)

        async with runtime.unit_of_work() as uow:  # the first instance shreds the owner
            await runtime.cipher.shred(uow.session, OWNER, owner)
        assert await _read(other, owner, row, blob) is None
        assert not other.cipher.holds_key_of(OWNER, owner)

        assert await _read(other, kept, row, kept_blob) == "geheim"
        before = counting.unwraps
        await rotate_kek(runtime.sessions, runtime.cipher)  # rewraps under version 2
        assert await _read(other, kept, row, kept_blob) == "geheim"
        assert counting.unwraps == before + 1  # the rewrapped key came from the token again
    finally:
        await other.close()


async def test_cached_data_keys_are_short_lived(runtime: Runtime) -> None:
    owner, row = uuid.uuid4(), uuid.uuid4()
    blob = await _seal_value(runtime, owner, row)
    counting = CountingKek(runtime.cipher.kek)
    runtime.cipher = FieldCipher(
        counting,
        runtime.secrets.index_key,
        cache_seconds=0,
    )
    assert await _read(runtime, owner, row, blob) == "geheim"
    assert await _read(runtime, owner, row, blob) == "geheim"
    assert counting.unwraps == 2
    assert not runtime.cipher.holds_key_of(OWNER, owner)


def test_start_up_checks_ask_for_no_kek_file_when_the_kek_is_on_the_token(
    token_settings: Settings, tmp_path: Path
) -> None:
    from zorgafstemming.preflight import key_file_problems

    key_dir = tmp_path / "keys"
    init_keys(key_dir, with_kek_file=False)
    assert key_file_problems(replace(token_settings, key_dir=key_dir)) == []
    # The same folder without the token: the missing kek.json is named.
    plain = replace(token_settings, key_dir=key_dir, kek_pkcs11_module=None)
    assert any("kek.json" in problem for problem in key_file_problems(plain))
