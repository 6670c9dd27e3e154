"""Two server processes with the KEK on one PKCS#11 token (SoftHSM2) and no KEK file: a file
opened through one instance reads back through the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.accounts import current_code
from tests.factories.coordination import file_body, make_network, open_file
from tests.factories.fleet import http_client, two_instances, until_live
from tests.factories.hsm import SoftToken
from zorgafstemming.config import Settings
from zorgafstemming.crypto.hsm import provider_from_settings
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.runtime import Runtime

pytestmark = pytest.mark.slow


@pytest.fixture
def app_settings(database_url: str, tmp_path: Path, soft_token: SoftToken) -> Settings:
    """Settings with the KEK on the token; the key folder holds no KEK file."""
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


@pytest.mark.parametrize("test_database", ["postgresql"], indirect=True)
async def test_instances_share_the_kek_on_the_token_without_a_key_file(
    runtime: Runtime, soft_token: SoftToken, tmp_path: Path
) -> None:
    settings = runtime.settings
    assert not (settings.keys_path / "kek.json").exists()
    token_env = {
        **soft_token.env(),
        "ZORG_KEK_PKCS11_MODULE": str(settings.kek_pkcs11_module),
        "ZORG_KEK_PKCS11_TOKEN": settings.kek_pkcs11_token,
        "ZORG_KEK_PKCS11_KEY_LABEL": settings.kek_pkcs11_key_label,
        "ZORG_KEK_PKCS11_PIN_FILE": str(settings.kek_pkcs11_pin_file),
        "ZORG_SCHEDULER_ENABLED": "false",
    }
    net = await make_network(runtime, 1)
    worker = net.workers[0]
    async with http_client() as http:
        with two_instances(runtime, tmp_path / "fleet", token_env) as (a, b):
            await until_live(http, a)
            await until_live(http, b)
            issued = await http.post(
                f"{a.url}/api/v1/auth/token",
                json={
                    "email": worker.email,
                    "password": worker.password,
                    "otp": current_code(runtime, worker),
                },
            )
            assert issued.status_code == 200, issued.text
            headers = {"Authorization": f"Bearer {issued.json()['access_token']}"}
            http.base_url = a.url
            view = await open_file(http, headers, file_body(runtime.clock(), [net.orgs[0]]))
            read = await http.get(f"{b.url}/api/v1/files/{view['id']}", headers=headers)
    assert read.status_code == 200, read.text
    parent = next(m for m in read.json()["members"] if m["role"] == "parent")
    assert parent["given_name"] == "Els" and parent["insz"] == "85073003328"
