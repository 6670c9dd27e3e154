from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.family_consent_in import FamilyConsentIn
from ...models.family_consent_view import FamilyConsentView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: FamilyConsentIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/consents",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FamilyConsentView | Problem | None:
    if response.status_code == 201:
        response_201 = FamilyConsentView.from_dict(response.json())

        return response_201

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
) -> Response[FamilyConsentView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FamilyConsentIn,
) -> Response[FamilyConsentView | Problem]:
    """Give consent for yourself (12 or older) or a child under 12 you represent; it is in force at once
    and the organisations it names take part in the file

     Give consent for yourself (12 or older) or a child under 12 you represent; it is in
    force at once and the organisations it names take part in the file.

    Args:
        body (FamilyConsentIn): A consent a family member gives in the portal, for themselves (12
            or older) or a child
            under 12 they represent.

            Only what the family chooses travels: the organisations, purposes and categories, the
            notice version they were shown and (optionally) the end. The server sets the rest — it is
            given in the portal, by the caller, in force from now, on the basis of consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FamilyConsentView | Problem]
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
    body: FamilyConsentIn,
) -> FamilyConsentView | Problem | None:
    """Give consent for yourself (12 or older) or a child under 12 you represent; it is in force at once
    and the organisations it names take part in the file

     Give consent for yourself (12 or older) or a child under 12 you represent; it is in
    force at once and the organisations it names take part in the file.

    Args:
        body (FamilyConsentIn): A consent a family member gives in the portal, for themselves (12
            or older) or a child
            under 12 they represent.

            Only what the family chooses travels: the organisations, purposes and categories, the
            notice version they were shown and (optionally) the end. The server sets the rest — it is
            given in the portal, by the caller, in force from now, on the basis of consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FamilyConsentView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FamilyConsentIn,
) -> Response[FamilyConsentView | Problem]:
    """Give consent for yourself (12 or older) or a child under 12 you represent; it is in force at once
    and the organisations it names take part in the file

     Give consent for yourself (12 or older) or a child under 12 you represent; it is in
    force at once and the organisations it names take part in the file.

    Args:
        body (FamilyConsentIn): A consent a family member gives in the portal, for themselves (12
            or older) or a child
            under 12 they represent.

            Only what the family chooses travels: the organisations, purposes and categories, the
            notice version they were shown and (optionally) the end. The server sets the rest — it is
            given in the portal, by the caller, in force from now, on the basis of consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FamilyConsentView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FamilyConsentIn,
) -> FamilyConsentView | Problem | None:
    """Give consent for yourself (12 or older) or a child under 12 you represent; it is in force at once
    and the organisations it names take part in the file

     Give consent for yourself (12 or older) or a child under 12 you represent; it is in
    force at once and the organisations it names take part in the file.

    Args:
        body (FamilyConsentIn): A consent a family member gives in the portal, for themselves (12
            or older) or a child
            under 12 they represent.

            Only what the family chooses travels: the organisations, purposes and categories, the
            notice version they were shown and (optionally) the end. The server sets the rest — it is
            given in the portal, by the caller, in force from now, on the basis of consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FamilyConsentView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
