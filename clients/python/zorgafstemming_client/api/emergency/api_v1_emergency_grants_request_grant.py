from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.emergency_grant_out import EmergencyGrantOut
from ...models.emergency_request_in import EmergencyRequestIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: EmergencyRequestIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/emergency-grants",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmergencyGrantOut | Problem | None:
    if response.status_code == 201:
        response_201 = EmergencyGrantOut.from_dict(response.json())

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
) -> Response[EmergencyGrantOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyRequestIn,
) -> Response[EmergencyGrantOut | Problem]:
    """Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground

     Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground. The DPO is alerted
    at once and the family is told afterwards. A grant is never extended: while yours runs,
    asking again is refused (409 ``emergency-grant-running``). A reference that names no
    open file answers 422 ``unknown-file-reference``.

    Args:
        body (EmergencyRequestIn): A request for emergency access to one file.

            ``ground``: ``risk_to_child`` (a risk to a child's life or safety: the state of necessity,
            Sw. art. 458bis), ``court_order`` (an order of a court or the public prosecutor) or
            ``other`` (then ``explanation`` is required). ``member_roles``: the family roles of the
            members concerned; the grant shows only those members (all of them when left out).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmergencyGrantOut | Problem]
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
    body: EmergencyRequestIn,
) -> EmergencyGrantOut | Problem | None:
    """Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground

     Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground. The DPO is alerted
    at once and the family is told afterwards. A grant is never extended: while yours runs,
    asking again is refused (409 ``emergency-grant-running``). A reference that names no
    open file answers 422 ``unknown-file-reference``.

    Args:
        body (EmergencyRequestIn): A request for emergency access to one file.

            ``ground``: ``risk_to_child`` (a risk to a child's life or safety: the state of necessity,
            Sw. art. 458bis), ``court_order`` (an order of a court or the public prosecutor) or
            ``other`` (then ``explanation`` is required). ``member_roles``: the family roles of the
            members concerned; the grant shows only those members (all of them when left out).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmergencyGrantOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyRequestIn,
) -> Response[EmergencyGrantOut | Problem]:
    """Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground

     Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground. The DPO is alerted
    at once and the family is told afterwards. A grant is never extended: while yours runs,
    asking again is refused (409 ``emergency-grant-running``). A reference that names no
    open file answers 422 ``unknown-file-reference``.

    Args:
        body (EmergencyRequestIn): A request for emergency access to one file.

            ``ground``: ``risk_to_child`` (a risk to a child's life or safety: the state of necessity,
            Sw. art. 458bis), ``court_order`` (an order of a court or the public prosecutor) or
            ``other`` (then ``explanation`` is required). ``member_roles``: the family roles of the
            members concerned; the grant shows only those members (all of them when left out).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmergencyGrantOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyRequestIn,
) -> EmergencyGrantOut | Problem | None:
    """Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground

     Read-only access to the file with this short reference, for a fixed period
    (``ZORG_EMERGENCY_HOURS``, 24 by default), on a stated legal ground. The DPO is alerted
    at once and the family is told afterwards. A grant is never extended: while yours runs,
    asking again is refused (409 ``emergency-grant-running``). A reference that names no
    open file answers 422 ``unknown-file-reference``.

    Args:
        body (EmergencyRequestIn): A request for emergency access to one file.

            ``ground``: ``risk_to_child`` (a risk to a child's life or safety: the state of necessity,
            Sw. art. 458bis), ``court_order`` (an order of a court or the public prosecutor) or
            ``other`` (then ``explanation`` is required). ``member_roles``: the family roles of the
            members concerned; the grant shows only those members (all of them when left out).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmergencyGrantOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
