from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.duplicate_check_in import DuplicateCheckIn
from ...models.duplicate_check_view import DuplicateCheckView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: DuplicateCheckIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/duplicate-check",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DuplicateCheckView | Problem | None:
    if response.status_code == 200:
        response_200 = DuplicateCheckView.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[DuplicateCheckView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateCheckIn,
) -> Response[DuplicateCheckView | Problem]:
    """Before opening a file: whether an open file for this person may exist anywhere in the network,
    naming only its lead organisation to ask

     Before opening a file: whether an open file for this person may exist anywhere in
    the network, naming only its lead organisation to ask. Your reason is stored
    encrypted and shown to the data protection officer.

    Args:
        body (DuplicateCheckIn): A person's national register number, and why you check (stored
            encrypted, shown to the
            data protection officer, never in the audit trail).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DuplicateCheckView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateCheckIn,
) -> DuplicateCheckView | Problem | None:
    """Before opening a file: whether an open file for this person may exist anywhere in the network,
    naming only its lead organisation to ask

     Before opening a file: whether an open file for this person may exist anywhere in
    the network, naming only its lead organisation to ask. Your reason is stored
    encrypted and shown to the data protection officer.

    Args:
        body (DuplicateCheckIn): A person's national register number, and why you check (stored
            encrypted, shown to the
            data protection officer, never in the audit trail).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DuplicateCheckView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateCheckIn,
) -> Response[DuplicateCheckView | Problem]:
    """Before opening a file: whether an open file for this person may exist anywhere in the network,
    naming only its lead organisation to ask

     Before opening a file: whether an open file for this person may exist anywhere in
    the network, naming only its lead organisation to ask. Your reason is stored
    encrypted and shown to the data protection officer.

    Args:
        body (DuplicateCheckIn): A person's national register number, and why you check (stored
            encrypted, shown to the
            data protection officer, never in the audit trail).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DuplicateCheckView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateCheckIn,
) -> DuplicateCheckView | Problem | None:
    """Before opening a file: whether an open file for this person may exist anywhere in the network,
    naming only its lead organisation to ask

     Before opening a file: whether an open file for this person may exist anywhere in
    the network, naming only its lead organisation to ask. Your reason is stored
    encrypted and shown to the data protection officer.

    Args:
        body (DuplicateCheckIn): A person's national register number, and why you check (stored
            encrypted, shown to the
            data protection officer, never in the audit trail).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DuplicateCheckView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
