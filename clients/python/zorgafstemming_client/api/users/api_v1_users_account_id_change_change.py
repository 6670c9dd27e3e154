from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invitation import Invitation
from ...models.problem import Problem
from ...models.user_change_in import UserChangeIn
from ...types import Response


def _get_kwargs(
    account_id: UUID,
    *,
    body: UserChangeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/users/{account_id}/change".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Invitation | Problem | None:
    if response.status_code == 202:
        response_202 = Invitation.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Invitation | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UserChangeIn,
) -> Response[Invitation | Problem]:
    """Ask for a new role and/or organisation; it applies when a second administrator or the DPO approves
    it (``/account-changes/{id}/approve``)

     Ask for a new role and/or organisation; it applies when a second administrator or
    the DPO approves it (``/account-changes/{id}/approve``).

    Args:
        account_id (UUID):
        body (UserChangeIn): A new role and/or organisation; omitted fields keep what fits the
            role.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Invitation | Problem]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UserChangeIn,
) -> Invitation | Problem | None:
    """Ask for a new role and/or organisation; it applies when a second administrator or the DPO approves
    it (``/account-changes/{id}/approve``)

     Ask for a new role and/or organisation; it applies when a second administrator or
    the DPO approves it (``/account-changes/{id}/approve``).

    Args:
        account_id (UUID):
        body (UserChangeIn): A new role and/or organisation; omitted fields keep what fits the
            role.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Invitation | Problem
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UserChangeIn,
) -> Response[Invitation | Problem]:
    """Ask for a new role and/or organisation; it applies when a second administrator or the DPO approves
    it (``/account-changes/{id}/approve``)

     Ask for a new role and/or organisation; it applies when a second administrator or
    the DPO approves it (``/account-changes/{id}/approve``).

    Args:
        account_id (UUID):
        body (UserChangeIn): A new role and/or organisation; omitted fields keep what fits the
            role.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Invitation | Problem]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: UserChangeIn,
) -> Invitation | Problem | None:
    """Ask for a new role and/or organisation; it applies when a second administrator or the DPO approves
    it (``/account-changes/{id}/approve``)

     Ask for a new role and/or organisation; it applies when a second administrator or
    the DPO approves it (``/account-changes/{id}/approve``).

    Args:
        account_id (UUID):
        body (UserChangeIn): A new role and/or organisation; omitted fields keep what fits the
            role.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Invitation | Problem
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
        )
    ).parsed
