from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.thread_page import ThreadPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    file_id: UUID,
    *,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/files/{file_id}/threads".format(
            file_id=quote(str(file_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ThreadPage | None:
    if response.status_code == 200:
        response_200 = ThreadPage.from_dict(response.json())

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
) -> Response[Problem | ThreadPage]:
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
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[Problem | ThreadPage]:
    """The file's threads, oldest first (by id); a subject your organisation's consent does not cover is
    withheld (``withheld``: true, no ``subject``)

     The file's threads, oldest first (by id); a subject your organisation's consent does
    not cover is withheld (``withheld``: true, no ``subject``). Pass ``next`` as ``after``
    for the next page.

    Args:
        file_id (UUID):
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ThreadPage]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Problem | ThreadPage | None:
    """The file's threads, oldest first (by id); a subject your organisation's consent does not cover is
    withheld (``withheld``: true, no ``subject``)

     The file's threads, oldest first (by id); a subject your organisation's consent does
    not cover is withheld (``withheld``: true, no ``subject``). Pass ``next`` as ``after``
    for the next page.

    Args:
        file_id (UUID):
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ThreadPage
    """

    return sync_detailed(
        file_id=file_id,
        client=client,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[Problem | ThreadPage]:
    """The file's threads, oldest first (by id); a subject your organisation's consent does not cover is
    withheld (``withheld``: true, no ``subject``)

     The file's threads, oldest first (by id); a subject your organisation's consent does
    not cover is withheld (``withheld``: true, no ``subject``). Pass ``next`` as ``after``
    for the next page.

    Args:
        file_id (UUID):
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ThreadPage]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Problem | ThreadPage | None:
    """The file's threads, oldest first (by id); a subject your organisation's consent does not cover is
    withheld (``withheld``: true, no ``subject``)

     The file's threads, oldest first (by id); a subject your organisation's consent does
    not cover is withheld (``withheld``: true, no ``subject``). Pass ``next`` as ``after``
    for the next page.

    Args:
        file_id (UUID):
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ThreadPage
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
            limit=limit,
            after=after,
        )
    ).parsed
