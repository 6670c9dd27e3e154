from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.referral_view import ReferralView
from ...types import Response


def _get_kwargs(
    referral_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/referrals/{referral_id}/accept".format(
            referral_id=quote(str(referral_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReferralView | None:
    if response.status_code == 200:
        response_200 = ReferralView.from_dict(response.json())

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
) -> Response[Problem | ReferralView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    referral_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ReferralView]:
    """Accept: your organisation joins the file when a consent in force names it for the purpose (you are
    assigned); otherwise the referral waits for the family's consent (``waiting_for_consent``)

     Accept: your organisation joins the file when a consent in force names it for the
    purpose (you are assigned); otherwise the referral waits for the family's consent
    (``waiting_for_consent``). Accept a waiting referral again to join once that consent
    is in force; until then it answers 422 ``consent-required`` and nothing changes. While
    the file's processing is restricted it answers 409 ``restricted`` and nothing changes:
    accept again once the restriction is lifted (declining stays possible).

    Args:
        referral_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReferralView]
    """

    kwargs = _get_kwargs(
        referral_id=referral_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    referral_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ReferralView | None:
    """Accept: your organisation joins the file when a consent in force names it for the purpose (you are
    assigned); otherwise the referral waits for the family's consent (``waiting_for_consent``)

     Accept: your organisation joins the file when a consent in force names it for the
    purpose (you are assigned); otherwise the referral waits for the family's consent
    (``waiting_for_consent``). Accept a waiting referral again to join once that consent
    is in force; until then it answers 422 ``consent-required`` and nothing changes. While
    the file's processing is restricted it answers 409 ``restricted`` and nothing changes:
    accept again once the restriction is lifted (declining stays possible).

    Args:
        referral_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReferralView
    """

    return sync_detailed(
        referral_id=referral_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    referral_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ReferralView]:
    """Accept: your organisation joins the file when a consent in force names it for the purpose (you are
    assigned); otherwise the referral waits for the family's consent (``waiting_for_consent``)

     Accept: your organisation joins the file when a consent in force names it for the
    purpose (you are assigned); otherwise the referral waits for the family's consent
    (``waiting_for_consent``). Accept a waiting referral again to join once that consent
    is in force; until then it answers 422 ``consent-required`` and nothing changes. While
    the file's processing is restricted it answers 409 ``restricted`` and nothing changes:
    accept again once the restriction is lifted (declining stays possible).

    Args:
        referral_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReferralView]
    """

    kwargs = _get_kwargs(
        referral_id=referral_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    referral_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ReferralView | None:
    """Accept: your organisation joins the file when a consent in force names it for the purpose (you are
    assigned); otherwise the referral waits for the family's consent (``waiting_for_consent``)

     Accept: your organisation joins the file when a consent in force names it for the
    purpose (you are assigned); otherwise the referral waits for the family's consent
    (``waiting_for_consent``). Accept a waiting referral again to join once that consent
    is in force; until then it answers 422 ``consent-required`` and nothing changes. While
    the file's processing is restricted it answers 409 ``restricted`` and nothing changes:
    accept again once the restriction is lifted (declining stays possible).

    Args:
        referral_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReferralView
    """

    return (
        await asyncio_detailed(
            referral_id=referral_id,
            client=client,
        )
    ).parsed
