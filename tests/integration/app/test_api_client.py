"""The Python client generated from the OpenAPI document works against the service as it is.

If the document and the service disagree (a field missing, a status undocumented), the
generated client fails here the way it would fail an integrator's system.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from httpx import AsyncClient
from zorgafstemming_client import AuthenticatedClient, Client
from zorgafstemming_client.api.auth import api_v1_auth_token_token
from zorgafstemming_client.api.files import api_v1_files_file_id_read_file
from zorgafstemming_client.models import FileView, TokenRequest, TokenResponse

from tests.factories.accounts import (
    auth_headers,
    create_account,
    create_organisation,
    current_code,
)
from tests.factories.coordination import file_body, open_file
from tests.factories.http import asgi_transport, started_app
from zorgafstemming.apidocs.document import document_json, openapi_document
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

CLIENT_DIR = Path(__file__).resolve().parents[3] / "clients" / "python"
GENERATOR_CONFIG = CLIENT_DIR / "openapi-python-client.yaml"
BASE_URL = "https://testserver.local"
# Written by tools that run in the client folder, never generated.
NOT_GENERATED = {GENERATOR_CONFIG.name, "__pycache__", ".ruff_cache", ".mypy_cache"}


async def test_generated_client_signs_in_and_reads_a_file(runtime: Runtime) -> None:
    org = await create_organisation(runtime)
    worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
    assert worker.email is not None
    async with started_app(runtime) as app:
        transport = asgi_transport(app, client=("127.0.0.1", 40000))
        async with AsyncClient(transport=transport, base_url=BASE_URL) as http:
            body = file_body(runtime.clock(), [org])
            opened = await open_file(http, await auth_headers(runtime, worker), body)

        # From here on only the generated client talks to the service, as an integrator's would.
        # An undocumented status raises instead of answering None.
        anonymous = Client(
            base_url=BASE_URL, httpx_args={"transport": transport}, raise_on_unexpected_status=True
        )
        async with anonymous:
            token = await api_v1_auth_token_token.asyncio(
                client=anonymous,
                body=TokenRequest(
                    email=worker.email,
                    password=worker.password,
                    otp=current_code(runtime, worker),
                ),
            )
        assert isinstance(token, TokenResponse)
        signed_in = AuthenticatedClient(
            base_url=BASE_URL,
            token=token.access_token,
            httpx_args={"transport": transport},
            raise_on_unexpected_status=True,
        )
        async with signed_in:
            read = await api_v1_files_file_id_read_file.asyncio(
                uuid.UUID(opened["id"]), client=signed_in
            )

    assert isinstance(read, FileView)
    assert str(read.id) == opened["id"]
    assert read.lead_organisation_id == org
    names = {member.role: member.given_name for member in read.members}
    assert names == {"parent": "Els", "child": "Mila", "youth": "Noah"}


def _generated_files(root: Path) -> dict[str, bytes]:
    """Every generated file under ``root``, by its path relative to ``root``."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not NOT_GENERATED.intersection(path.relative_to(root).parts)
    }


def test_committed_client_is_generated_from_the_current_document(tmp_path: Path) -> None:
    """Fails when the API changed and ``make client`` was not run (and committed)."""
    document = tmp_path / "openapi.json"
    document.write_text(document_json(openapi_document()), encoding="utf-8")
    fresh = tmp_path / "client"
    # The generator's post-hooks run ruff: the one of this environment, as `make client` does.
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    generated = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(document),
            "--config",
            str(GENERATOR_CONFIG),
            "--meta",
            "uv",
            "--output-path",
            str(fresh),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout[-2000:] + generated.stderr[-2000:]
    # A post-hook that failed makes the generator exit 1; one it could not find, only warn.
    assert "Skipping Integration" not in generated.stdout, generated.stdout[-2000:]

    expected, committed = _generated_files(fresh), _generated_files(CLIENT_DIR)
    stale = sorted(
        name
        for name in expected.keys() | committed.keys()
        if expected.get(name) != committed.get(name)
    )
    assert not stale, f"clients/python/ is out of date; run `make client`: {stale[:20]}"
