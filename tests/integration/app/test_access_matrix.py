"""The access matrix: every route, caller and object kind answers the status in
tests/access_matrix.toml, and every route of the app has an entry there (deny by default)."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient, Response
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler

import tests.factories.emergency_objects
import tests.factories.restriction_objects  # noqa: F401 - registers restrictions and objections
from tests.factories import bearer_token, web_session
from tests.factories.access_matrix import PARAM, expected, load_matrix
from tests.factories.access_objects import BUILDERS, CALLERS, OBJECT_KINDS, World, build_world
from tests.factories.evidence import pdf_scan, staged_scan
from zorgafstemming.app import create_app
from zorgafstemming.identity import sessions
from zorgafstemming.runtime import Runtime

ENTRY_KEYS = {"method", "path", "object", "url", "body", "form", "content", "others", *CALLERS}
# Raw request bodies by name (``content = "pdf"``): an upload such as a scanned form.
CONTENTS = {"pdf": pdf_scan}


def app_routes(app: Litestar) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if isinstance(handler, HTTPRouteHandler):
                for method in handler.http_methods:
                    if method not in ("HEAD", "OPTIONS"):
                        found.add((method, route.path))
    return found


def test_every_route_is_in_the_matrix(runtime: Runtime) -> None:
    app = create_app(runtime.settings, runtime=runtime)
    routes = app_routes(app)
    entries = load_matrix()
    listed = [(e["method"], e["path"]) for e in entries]
    assert sorted(routes - set(listed)) == [], "routes missing from tests/access_matrix.toml"
    assert sorted(set(listed) - routes) == [], "matrix entries for routes that do not exist"
    assert len(listed) == len(set(listed)), "a route is listed twice"
    for entry in entries:
        name = f"{entry['method']} {entry['path']}"
        assert set(entry) <= ENTRY_KEYS, (name, set(entry) - ENTRY_KEYS)
        has_id = bool(PARAM.search(entry["path"])) and "url" not in entry
        assert "object" in entry or not has_id, f"{name}: an id in the path needs `object`"
        if "object" in entry:
            assert entry["object"] in BUILDERS, f"{name}: no builder for {entry['object']!r}"
        for caller in CALLERS:
            assert caller in entry or "others" in entry, f"{name}: no status for {caller}"


async def _credential_headers(world: World, caller: str, path: str) -> dict[str, str]:
    account = world.accounts.get(caller)
    if account is None:
        return {}
    if path.startswith("/api/"):
        return {"authorization": f"Bearer {await bearer_token(world.runtime, account)}"}
    secret = await web_session(world.runtime, account.principal())
    return {"cookie": f"{sessions.SESSION_COOKIE}={secret}"}


async def _csrf_token(client: AsyncClient) -> str:
    client.cookies.clear()
    await client.get("/health/live")
    token = client.cookies.get("__Host-zorg_csrf") or ""
    client.cookies.clear()
    return token


def _fill(template: Any, unique: str, values: dict[str, Any]) -> Any:
    if isinstance(template, str):
        name = template[1:-1] if template.startswith("{") and template.endswith("}") else None
        if name in values:
            return str(values[name])
        return template.replace("{unique}", unique)
    if isinstance(template, dict):
        return {k: _fill(v, unique, values) for k, v in template.items()}
    if isinstance(template, list):
        return [_fill(v, unique, values) for v in template]
    return template


async def _request(
    client: AsyncClient,
    world: World,
    entry: dict[str, Any],
    caller: str,
    params: dict[str, Any] | None,
    values: dict[str, Any] | None = None,
) -> Response:
    path = entry.get("url") or PARAM.sub(
        lambda m: str((params or {}).get(m.group(1), "")), entry["path"]
    )
    headers = await _credential_headers(world, caller, path)
    unique = uuid.uuid4().hex[:10]
    account = world.accounts.get(caller)
    now = world.runtime.clock()
    values = {
        "org_a": world.org_a,
        "org_b": world.org_b,
        "caller_organisation_id": (account.organisation_id if account else None) or world.org_a,
        "now": now.isoformat(),
        "next_year": now.replace(year=now.year + 1).isoformat(),
        **(values or {}),
    }
    if "{caller_evidence_id}" in str(entry.get("body", "")):
        # A scan of the signed form the caller's organisation uploaded (staff only).
        org = account.organisation_id if account else None
        values["caller_evidence_id"] = (
            await staged_scan(world.runtime, account.principal())
            if account is not None and org is not None
            else uuid.uuid4()
        )
    kwargs: dict[str, Any] = {}
    if "body" in entry:
        kwargs["json"] = _fill(entry["body"], unique, {**values, **(params or {})})
    if "form" in entry:
        kwargs["data"] = _fill(entry["form"], unique, {**values, **(params or {})})
    if "content" in entry:
        kwargs["content"] = CONTENTS[entry["content"]]()
    if entry["method"] not in ("GET", "HEAD") and not path.startswith("/api/"):
        token = await _csrf_token(client)
        headers["x-csrftoken"] = token
        cookie = f"__Host-zorg_csrf={token}"
        headers["cookie"] = f"{headers['cookie']}; {cookie}" if "cookie" in headers else cookie
    client.cookies.clear()
    return await client.request(entry["method"], path, headers=headers, **kwargs)


def _comparable(response: Response) -> tuple[int, object]:
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        body = response.json()
        body.pop("request_id", None)
        return response.status_code, body
    return response.status_code, response.headers.get("location")


async def test_access_matrix(runtime: Runtime, client: AsyncClient) -> None:
    mismatches: list[str] = []
    # A read changes nothing a later read depends on: the reads share one world and one set of
    # objects per object kind and caller. Each write gets a world of its own.
    reading_world: World | None = None
    reading_objects: dict[tuple[str, str], Any] = {}
    for entry in load_matrix():
        reads = entry["method"] in ("GET", "HEAD")
        if not reads:
            world = await build_world(runtime, client)
        else:
            if reading_world is None:
                reading_world = await build_world(runtime, client)
            world = reading_world
        name = f"{entry['method']} {entry['path']}"
        for caller in CALLERS:
            if "object" not in entry:
                want = expected(entry, caller, "own")
                response = await _request(client, world, entry, caller, None)
                if response.status_code != want:
                    mismatches.append(f"{name} as {caller}: {response.status_code} != {want}")
                continue
            key = (entry["object"], caller)
            if reads and key in reading_objects:
                objects = reading_objects[key]
            else:
                objects = await BUILDERS[entry["object"]](world, caller)
                if reads:
                    reading_objects[key] = objects
            seen: dict[str, Any] = {}
            for kind in OBJECT_KINDS:
                params = getattr(objects, kind)
                want = expected(entry, caller, kind)
                if params is None:
                    continue
                if want is None:
                    mismatches.append(f"{name} as {caller} on {kind}: no status in the matrix")
                    continue
                response = await _request(
                    client, world, entry, caller, params, objects.values.get(kind)
                )
                seen[kind] = _comparable(response)
                if response.status_code != want:
                    mismatches.append(
                        f"{name} as {caller} on {kind}: {response.status_code} != {want}"
                    )
            # A foreign object the caller may not touch answers exactly like a missing one.
            refused = "foreign" in seen and seen["foreign"][0] >= 400
            if refused and seen["foreign"] != seen.get("nonexistent"):
                mismatches.append(f"{name} as {caller}: foreign differs from nonexistent")
    assert mismatches == [], "\n".join(mismatches)
