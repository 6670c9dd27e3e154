from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account_change_page import AccountChangePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    pending: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["pending"] = pending

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/account-changes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccountChangePage | Problem | None:
    if response.status_code == 200:
        response_200 = AccountChangePage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[AccountChangePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    pending: bool | Unset = False,
) -> Response[AccountChangePage | Problem]:
    """Account change requests, newest first by (requested_at, id) (``pending=true``: only the open ones);
    pass ``next`` as ``after`` for the next page

     Account change requests, newest first by (requested_at, id) (``pending=true``: only
    the open ones); pass ``next`` as ``after`` for the next page. The read is audited,
    since it shows email addresses.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        pending (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountChangePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        pending=pending,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    pending: bool | Unset = False,
) -> AccountChangePage | Problem | None:
    """Account change requests, newest first by (requested_at, id) (``pending=true``: only the open ones);
    pass ``next`` as ``after`` for the next page

     Account change requests, newest first by (requested_at, id) (``pending=true``: only
    the open ones); pass ``next`` as ``after`` for the next page. The read is audited,
    since it shows email addresses.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        pending (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountChangePage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        pending=pending,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    pending: bool | Unset = False,
) -> Response[AccountChangePage | Problem]:
    """Account change requests, newest first by (requested_at, id) (``pending=true``: only the open ones);
    pass ``next`` as ``after`` for the next page

     Account change requests, newest first by (requested_at, id) (``pending=true``: only
    the open ones); pass ``next`` as ``after`` for the next page. The read is audited,
    since it shows email addresses.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        pending (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountChangePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        pending=pending,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    pending: bool | Unset = False,
) -> AccountChangePage | Problem | None:
    """Account change requests, newest first by (requested_at, id) (``pending=true``: only the open ones);
    pass ``next`` as ``after`` for the next page

     Account change requests, newest first by (requested_at, id) (``pending=true``: only
    the open ones); pass ``next`` as ``after`` for the next page. The read is audited,
    since it shows email addresses.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        pending (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountChangePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            pending=pending,
        )
    ).parsed
