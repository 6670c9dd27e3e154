from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_page import FilePage
from ...models.file_search import FileSearch
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FileSearch,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

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
        "method": "post",
        "url": "/api/v1/files/search",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FilePage | Problem | None:
    if response.status_code == 200:
        response_200 = FilePage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FilePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FileSearch,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[FilePage | Problem]:
    """Files you may read with a member of exactly this national number, or this family name and birth year
    (case, accents, spaces and hyphens forgiven), ordered by id; a file you may not see is never found

     Files you may read with a member of exactly this national number, or this family
    name and birth year (case, accents, spaces and hyphens forgiven), ordered by id; a
    file you may not see is never found. Audited with the number of hits, not the terms.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        body (FileSearch): What to look for: a national register number, or a family name with a
            birth year
            (exact after forgiving case, accents, spaces and hyphens) — one of the two.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FilePage | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FileSearch,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> FilePage | Problem | None:
    """Files you may read with a member of exactly this national number, or this family name and birth year
    (case, accents, spaces and hyphens forgiven), ordered by id; a file you may not see is never found

     Files you may read with a member of exactly this national number, or this family
    name and birth year (case, accents, spaces and hyphens forgiven), ordered by id; a
    file you may not see is never found. Audited with the number of hits, not the terms.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        body (FileSearch): What to look for: a national register number, or a family name with a
            birth year
            (exact after forgiving case, accents, spaces and hyphens) — one of the two.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FilePage | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FileSearch,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[FilePage | Problem]:
    """Files you may read with a member of exactly this national number, or this family name and birth year
    (case, accents, spaces and hyphens forgiven), ordered by id; a file you may not see is never found

     Files you may read with a member of exactly this national number, or this family
    name and birth year (case, accents, spaces and hyphens forgiven), ordered by id; a
    file you may not see is never found. Audited with the number of hits, not the terms.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        body (FileSearch): What to look for: a national register number, or a family name with a
            birth year
            (exact after forgiving case, accents, spaces and hyphens) — one of the two.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FilePage | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FileSearch,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> FilePage | Problem | None:
    """Files you may read with a member of exactly this national number, or this family name and birth year
    (case, accents, spaces and hyphens forgiven), ordered by id; a file you may not see is never found

     Files you may read with a member of exactly this national number, or this family
    name and birth year (case, accents, spaces and hyphens forgiven), ordered by id; a
    file you may not see is never found. Audited with the number of hits, not the terms.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        body (FileSearch): What to look for: a national register number, or a family name with a
            birth year
            (exact after forgiving case, accents, spaces and hyphens) — one of the two.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FilePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            limit=limit,
            after=after,
        )
    ).parsed
