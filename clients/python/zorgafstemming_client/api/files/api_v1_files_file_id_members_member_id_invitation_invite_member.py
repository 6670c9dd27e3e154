from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invitation_in import InvitationIn
from ...models.invitation_view import InvitationView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    member_id: UUID,
    *,
    body: InvitationIn | None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/members/{member_id}/invitation".format(
            file_id=quote(str(file_id), safe=""),
            member_id=quote(str(member_id), safe=""),
        ),
    }

    if isinstance(body, InvitationIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvitationView | Problem | None:
    if response.status_code == 201:
        response_201 = InvitationView.from_dict(response.json())

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
) -> Response[InvitationView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    member_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn | None,
) -> Response[InvitationView | Problem]:
    """A family account for a member (12 or older, or a parent or guardian) that a consent in force covers
    with their identity data

     A family account for a member (12 or older, or a parent or guardian) that a consent
    in force covers with their identity data. A new account comes with a one-time in-person
    code, returned once, for the letter to hand over; the member activates with it plus a
    code mailed to their own address (see ``/auth/activate``), so the code alone gives
    nobody the account. With ``existing_account_id`` the person's own family account is
    asked to link (``link_pending``): they accept or decline in the portal.

    Args:
        file_id (UUID):
        member_id (UUID):
        body (InvitationIn | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitationView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        member_id=member_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    member_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn | None,
) -> InvitationView | Problem | None:
    """A family account for a member (12 or older, or a parent or guardian) that a consent in force covers
    with their identity data

     A family account for a member (12 or older, or a parent or guardian) that a consent
    in force covers with their identity data. A new account comes with a one-time in-person
    code, returned once, for the letter to hand over; the member activates with it plus a
    code mailed to their own address (see ``/auth/activate``), so the code alone gives
    nobody the account. With ``existing_account_id`` the person's own family account is
    asked to link (``link_pending``): they accept or decline in the portal.

    Args:
        file_id (UUID):
        member_id (UUID):
        body (InvitationIn | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitationView | Problem
    """

    return sync_detailed(
        file_id=file_id,
        member_id=member_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    member_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn | None,
) -> Response[InvitationView | Problem]:
    """A family account for a member (12 or older, or a parent or guardian) that a consent in force covers
    with their identity data

     A family account for a member (12 or older, or a parent or guardian) that a consent
    in force covers with their identity data. A new account comes with a one-time in-person
    code, returned once, for the letter to hand over; the member activates with it plus a
    code mailed to their own address (see ``/auth/activate``), so the code alone gives
    nobody the account. With ``existing_account_id`` the person's own family account is
    asked to link (``link_pending``): they accept or decline in the portal.

    Args:
        file_id (UUID):
        member_id (UUID):
        body (InvitationIn | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitationView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        member_id=member_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    member_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn | None,
) -> InvitationView | Problem | None:
    """A family account for a member (12 or older, or a parent or guardian) that a consent in force covers
    with their identity data

     A family account for a member (12 or older, or a parent or guardian) that a consent
    in force covers with their identity data. A new account comes with a one-time in-person
    code, returned once, for the letter to hand over; the member activates with it plus a
    code mailed to their own address (see ``/auth/activate``), so the code alone gives
    nobody the account. With ``existing_account_id`` the person's own family account is
    asked to link (``link_pending``): they accept or decline in the portal.

    Args:
        file_id (UUID):
        member_id (UUID):
        body (InvitationIn | None):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitationView | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            member_id=member_id,
            client=client,
            body=body,
        )
    ).parsed
