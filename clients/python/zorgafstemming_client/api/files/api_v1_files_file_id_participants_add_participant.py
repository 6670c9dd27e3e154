from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.participant_in import ParticipantIn
from ...models.participant_view import ParticipantView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    *,
    body: ParticipantIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/participants".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ParticipantView | Problem | None:
    if response.status_code == 201:
        response_201 = ParticipantView.from_dict(response.json())

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
) -> Response[ParticipantView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ParticipantIn,
) -> Response[ParticipantView | Problem]:
    """Add a partner organisation that a consent in force covers (lead only)

     Add a partner organisation that a consent in force covers (lead only). While the
    file's processing is restricted it takes no new partner: 409 ``restricted``.

    Args:
        file_id (UUID):
        body (ParticipantIn): A partner organisation to add to the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ParticipantIn,
) -> ParticipantView | Problem | None:
    """Add a partner organisation that a consent in force covers (lead only)

     Add a partner organisation that a consent in force covers (lead only). While the
    file's processing is restricted it takes no new partner: 409 ``restricted``.

    Args:
        file_id (UUID):
        body (ParticipantIn): A partner organisation to add to the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantView | Problem
    """

    return sync_detailed(
        file_id=file_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ParticipantIn,
) -> Response[ParticipantView | Problem]:
    """Add a partner organisation that a consent in force covers (lead only)

     Add a partner organisation that a consent in force covers (lead only). While the
    file's processing is restricted it takes no new partner: 409 ``restricted``.

    Args:
        file_id (UUID):
        body (ParticipantIn): A partner organisation to add to the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ParticipantIn,
) -> ParticipantView | Problem | None:
    """Add a partner organisation that a consent in force covers (lead only)

     Add a partner organisation that a consent in force covers (lead only). While the
    file's processing is restricted it takes no new partner: 409 ``restricted``.

    Args:
        file_id (UUID):
        body (ParticipantIn): A partner organisation to add to the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantView | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
            body=body,
        )
    ).parsed
