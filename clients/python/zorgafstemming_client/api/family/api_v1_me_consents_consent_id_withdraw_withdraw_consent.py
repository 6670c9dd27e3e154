from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.family_withdrawal_view import FamilyWithdrawalView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    consent_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/consents/{consent_id}/withdraw".format(
            consent_id=quote(str(consent_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FamilyWithdrawalView | Problem | None:
    if response.status_code == 200:
        response_200 = FamilyWithdrawalView.from_dict(response.json())

        return response_200

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[FamilyWithdrawalView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    consent_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[FamilyWithdrawalView | Problem]:
    """Withdraw a consent you gave, or your own part (or a young child's) of another's; the access it gave
    ends when this returns

     Withdraw a consent you gave, or your own part (or a young child's) of another's; the
    access it gave ends when this returns. Says which organisations still reach your data
    through other consents. A consent on a statutory basis (``dijh_art74``) is not
    withdrawn but objected to: 409 ``objection-required`` (``POST /me/objections``).

    Args:
        consent_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FamilyWithdrawalView | Problem]
    """

    kwargs = _get_kwargs(
        consent_id=consent_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    consent_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> FamilyWithdrawalView | Problem | None:
    """Withdraw a consent you gave, or your own part (or a young child's) of another's; the access it gave
    ends when this returns

     Withdraw a consent you gave, or your own part (or a young child's) of another's; the
    access it gave ends when this returns. Says which organisations still reach your data
    through other consents. A consent on a statutory basis (``dijh_art74``) is not
    withdrawn but objected to: 409 ``objection-required`` (``POST /me/objections``).

    Args:
        consent_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FamilyWithdrawalView | Problem
    """

    return sync_detailed(
        consent_id=consent_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    consent_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[FamilyWithdrawalView | Problem]:
    """Withdraw a consent you gave, or your own part (or a young child's) of another's; the access it gave
    ends when this returns

     Withdraw a consent you gave, or your own part (or a young child's) of another's; the
    access it gave ends when this returns. Says which organisations still reach your data
    through other consents. A consent on a statutory basis (``dijh_art74``) is not
    withdrawn but objected to: 409 ``objection-required`` (``POST /me/objections``).

    Args:
        consent_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FamilyWithdrawalView | Problem]
    """

    kwargs = _get_kwargs(
        consent_id=consent_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    consent_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> FamilyWithdrawalView | Problem | None:
    """Withdraw a consent you gave, or your own part (or a young child's) of another's; the access it gave
    ends when this returns

     Withdraw a consent you gave, or your own part (or a young child's) of another's; the
    access it gave ends when this returns. Says which organisations still reach your data
    through other consents. A consent on a statutory basis (``dijh_art74``) is not
    withdrawn but objected to: 409 ``objection-required`` (``POST /me/objections``).

    Args:
        consent_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FamilyWithdrawalView | Problem
    """

    return (
        await asyncio_detailed(
            consent_id=consent_id,
            client=client,
        )
    ).parsed
