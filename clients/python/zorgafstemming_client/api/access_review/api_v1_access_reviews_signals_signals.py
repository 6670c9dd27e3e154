from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signal_page import SignalPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_month: None | str | Unset
    if isinstance(month, Unset):
        json_month = UNSET
    else:
        json_month = month
    params["month"] = json_month

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/access-reviews/signals",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SignalPage | None:
    if response.status_code == 200:
        response_200 = SignalPage.from_dict(response.json())

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
) -> Response[Problem | SignalPage]:
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
    month: None | str | Unset = UNSET,
) -> Response[Problem | SignalPage]:
    """The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default: the month
    before this one)

     The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default:
    the month before this one).

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        month=month,
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
    month: None | str | Unset = UNSET,
) -> Problem | SignalPage | None:
    """The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default: the month
    before this one)

     The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default:
    the month before this one).

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        month=month,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> Response[Problem | SignalPage]:
    """The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default: the month
    before this one)

     The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default:
    the month before this one).

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        month=month,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> Problem | SignalPage | None:
    """The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default: the month
    before this one)

     The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default:
    the month before this one).

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            month=month,
        )
    ).parsed
