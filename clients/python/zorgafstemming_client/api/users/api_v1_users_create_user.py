from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invitation import Invitation
from ...models.problem import Problem
from ...models.user_in import UserIn
from ...types import Response


def _get_kwargs(
    *,
    body: UserIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/users",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Invitation | Problem | None:
    if response.status_code == 201:
        response_201 = Invitation.from_dict(response.json())

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
    *,
    client: AuthenticatedClient | Client,
    body: UserIn,
) -> Response[Invitation | Problem]:
    """Invite a staff member: the activation link goes by mail to their own address

     Invite a staff member: the activation link goes by mail to their own address.

    A social worker's account is created at once (201). An administrator's or DPO's
    account waits for a second administrator or the DPO to approve it (202, with the
    request's id); until then it cannot activate. No token or link is ever returned.

    Args:
        body (UserIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Invitation | Problem]
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
    body: UserIn,
) -> Invitation | Problem | None:
    """Invite a staff member: the activation link goes by mail to their own address

     Invite a staff member: the activation link goes by mail to their own address.

    A social worker's account is created at once (201). An administrator's or DPO's
    account waits for a second administrator or the DPO to approve it (202, with the
    request's id); until then it cannot activate. No token or link is ever returned.

    Args:
        body (UserIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Invitation | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserIn,
) -> Response[Invitation | Problem]:
    """Invite a staff member: the activation link goes by mail to their own address

     Invite a staff member: the activation link goes by mail to their own address.

    A social worker's account is created at once (201). An administrator's or DPO's
    account waits for a second administrator or the DPO to approve it (202, with the
    request's id); until then it cannot activate. No token or link is ever returned.

    Args:
        body (UserIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Invitation | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UserIn,
) -> Invitation | Problem | None:
    """Invite a staff member: the activation link goes by mail to their own address

     Invite a staff member: the activation link goes by mail to their own address.

    A social worker's account is created at once (201). An administrator's or DPO's
    account waits for a second administrator or the DPO to approve it (202, with the
    request's id); until then it cannot activate. No token or link is ever returned.

    Args:
        body (UserIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Invitation | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
