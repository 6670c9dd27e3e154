from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_log_entry import AccessLogEntry
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    file_id: UUID,
    *,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/me/files/{file_id}/access-log".format(
            file_id=quote(str(file_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[AccessLogEntry] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AccessLogEntry.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[AccessLogEntry]]:
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
    limit: int | Unset = 100,
) -> Response[Problem | list[AccessLogEntry]]:
    """Which organisation (and role) looked at or changed which part of the file, and when

     Which organisation (and role) looked at or changed which part of the file, and when.

    Answers 404 for a file the caller is not a member of, exactly as for one that does not
    exist.

    Args:
        file_id (UUID):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AccessLogEntry]]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
) -> Problem | list[AccessLogEntry] | None:
    """Which organisation (and role) looked at or changed which part of the file, and when

     Which organisation (and role) looked at or changed which part of the file, and when.

    Answers 404 for a file the caller is not a member of, exactly as for one that does not
    exist.

    Args:
        file_id (UUID):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AccessLogEntry]
    """

    return sync_detailed(
        file_id=file_id,
        client=client,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
) -> Response[Problem | list[AccessLogEntry]]:
    """Which organisation (and role) looked at or changed which part of the file, and when

     Which organisation (and role) looked at or changed which part of the file, and when.

    Answers 404 for a file the caller is not a member of, exactly as for one that does not
    exist.

    Args:
        file_id (UUID):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AccessLogEntry]]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
) -> Problem | list[AccessLogEntry] | None:
    """Which organisation (and role) looked at or changed which part of the file, and when

     Which organisation (and role) looked at or changed which part of the file, and when.

    Answers 404 for a file the caller is not a member of, exactly as for one that does not
    exist.

    Args:
        file_id (UUID):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AccessLogEntry]
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
            limit=limit,
        )
    ).parsed
