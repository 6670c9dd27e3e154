from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_bundle import AuditBundle
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    file: None | str | Unset = UNSET,
    account: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    else:
        json_until = until
    params["until"] = json_until

    json_file: None | str | Unset
    if isinstance(file, Unset):
        json_file = UNSET
    else:
        json_file = file
    params["file"] = json_file

    json_account: None | str | Unset
    if isinstance(account, Unset):
        json_account = UNSET
    else:
        json_account = account
    params["account"] = json_account

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit/export",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditBundle | Problem | None:
    if response.status_code == 200:
        response_200 = AuditBundle.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditBundle | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    file: None | str | Unset = UNSET,
    account: None | str | Unset = UNSET,
) -> Response[AuditBundle | Problem]:
    """The sealed log for `audit verify`: without filters the whole log with every checkpoint and
    consistency proof; with ``since``/``until``/``file``/``account`` only the sealed events that match,
    each with its inclusion proof against the latest checkpoint and a signed note of the selection, so
    it verifies offline without the other events

     The sealed log for `audit verify`: without filters the whole log with every
    checkpoint and consistency proof; with ``since``/``until``/``file``/``account`` only the
    sealed events that match, each with its inclusion proof against the latest checkpoint
    and a signed note of the selection, so it verifies offline without the other events.

    Args:
        since (None | str | Unset):
        until (None | str | Unset):
        file (None | str | Unset): A file's short reference (eight characters, as people see it)
            or its whole audit ref (64 hexadecimal characters).
        account (None | str | Unset): An account's audit ref (from `/audit/resolve` or an event).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditBundle | Problem]
    """

    kwargs = _get_kwargs(
        since=since,
        until=until,
        file=file,
        account=account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    file: None | str | Unset = UNSET,
    account: None | str | Unset = UNSET,
) -> AuditBundle | Problem | None:
    """The sealed log for `audit verify`: without filters the whole log with every checkpoint and
    consistency proof; with ``since``/``until``/``file``/``account`` only the sealed events that match,
    each with its inclusion proof against the latest checkpoint and a signed note of the selection, so
    it verifies offline without the other events

     The sealed log for `audit verify`: without filters the whole log with every
    checkpoint and consistency proof; with ``since``/``until``/``file``/``account`` only the
    sealed events that match, each with its inclusion proof against the latest checkpoint
    and a signed note of the selection, so it verifies offline without the other events.

    Args:
        since (None | str | Unset):
        until (None | str | Unset):
        file (None | str | Unset): A file's short reference (eight characters, as people see it)
            or its whole audit ref (64 hexadecimal characters).
        account (None | str | Unset): An account's audit ref (from `/audit/resolve` or an event).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditBundle | Problem
    """

    return sync_detailed(
        client=client,
        since=since,
        until=until,
        file=file,
        account=account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    file: None | str | Unset = UNSET,
    account: None | str | Unset = UNSET,
) -> Response[AuditBundle | Problem]:
    """The sealed log for `audit verify`: without filters the whole log with every checkpoint and
    consistency proof; with ``since``/``until``/``file``/``account`` only the sealed events that match,
    each with its inclusion proof against the latest checkpoint and a signed note of the selection, so
    it verifies offline without the other events

     The sealed log for `audit verify`: without filters the whole log with every
    checkpoint and consistency proof; with ``since``/``until``/``file``/``account`` only the
    sealed events that match, each with its inclusion proof against the latest checkpoint
    and a signed note of the selection, so it verifies offline without the other events.

    Args:
        since (None | str | Unset):
        until (None | str | Unset):
        file (None | str | Unset): A file's short reference (eight characters, as people see it)
            or its whole audit ref (64 hexadecimal characters).
        account (None | str | Unset): An account's audit ref (from `/audit/resolve` or an event).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditBundle | Problem]
    """

    kwargs = _get_kwargs(
        since=since,
        until=until,
        file=file,
        account=account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    file: None | str | Unset = UNSET,
    account: None | str | Unset = UNSET,
) -> AuditBundle | Problem | None:
    """The sealed log for `audit verify`: without filters the whole log with every checkpoint and
    consistency proof; with ``since``/``until``/``file``/``account`` only the sealed events that match,
    each with its inclusion proof against the latest checkpoint and a signed note of the selection, so
    it verifies offline without the other events

     The sealed log for `audit verify`: without filters the whole log with every
    checkpoint and consistency proof; with ``since``/``until``/``file``/``account`` only the
    sealed events that match, each with its inclusion proof against the latest checkpoint
    and a signed note of the selection, so it verifies offline without the other events.

    Args:
        since (None | str | Unset):
        until (None | str | Unset):
        file (None | str | Unset): A file's short reference (eight characters, as people see it)
            or its whole audit ref (64 hexadecimal characters).
        account (None | str | Unset): An account's audit ref (from `/audit/resolve` or an event).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditBundle | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            since=since,
            until=until,
            file=file,
            account=account,
        )
    ).parsed
