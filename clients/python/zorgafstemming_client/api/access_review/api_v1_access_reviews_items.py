from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_v1_access_reviews_items_status_type_1 import ApiV1AccessReviewsItemsStatusType1
from ...models.api_v1_access_reviews_items_status_type_2_type_1 import ApiV1AccessReviewsItemsStatusType2Type1
from ...models.api_v1_access_reviews_items_status_type_3_type_1 import ApiV1AccessReviewsItemsStatusType3Type1
from ...models.problem import Problem
from ...models.review_item_page import ReviewItemPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    status: ApiV1AccessReviewsItemsStatusType1
    | ApiV1AccessReviewsItemsStatusType2Type1
    | ApiV1AccessReviewsItemsStatusType3Type1
    | None
    | Unset = UNSET,
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

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ApiV1AccessReviewsItemsStatusType1):
        json_status = status.value
    elif isinstance(status, ApiV1AccessReviewsItemsStatusType2Type1):
        json_status = status.value
    elif isinstance(status, ApiV1AccessReviewsItemsStatusType3Type1):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_month: None | str | Unset
    if isinstance(month, Unset):
        json_month = UNSET
    else:
        json_month = month
    params["month"] = json_month

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/access-reviews",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewItemPage | None:
    if response.status_code == 200:
        response_200 = ReviewItemPage.from_dict(response.json())

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
) -> Response[Problem | ReviewItemPage]:
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
    status: ApiV1AccessReviewsItemsStatusType1
    | ApiV1AccessReviewsItemsStatusType2Type1
    | ApiV1AccessReviewsItemsStatusType3Type1
    | None
    | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> Response[Problem | ReviewItemPage]:
    """Sampled accesses, newest first, with the coordinators' answers and notes; filter by ``status``
    (answered, open, overdue) and ``month``

     Sampled accesses, newest first, with the coordinators' answers and notes; filter by
    ``status`` (answered, open, overdue) and ``month``.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        status (ApiV1AccessReviewsItemsStatusType1 | ApiV1AccessReviewsItemsStatusType2Type1 |
            ApiV1AccessReviewsItemsStatusType3Type1 | None | Unset): Only `answered`, `open` (deadline
            not passed) or `overdue` items.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewItemPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        status=status,
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
    status: ApiV1AccessReviewsItemsStatusType1
    | ApiV1AccessReviewsItemsStatusType2Type1
    | ApiV1AccessReviewsItemsStatusType3Type1
    | None
    | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> Problem | ReviewItemPage | None:
    """Sampled accesses, newest first, with the coordinators' answers and notes; filter by ``status``
    (answered, open, overdue) and ``month``

     Sampled accesses, newest first, with the coordinators' answers and notes; filter by
    ``status`` (answered, open, overdue) and ``month``.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        status (ApiV1AccessReviewsItemsStatusType1 | ApiV1AccessReviewsItemsStatusType2Type1 |
            ApiV1AccessReviewsItemsStatusType3Type1 | None | Unset): Only `answered`, `open` (deadline
            not passed) or `overdue` items.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewItemPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        status=status,
        month=month,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    status: ApiV1AccessReviewsItemsStatusType1
    | ApiV1AccessReviewsItemsStatusType2Type1
    | ApiV1AccessReviewsItemsStatusType3Type1
    | None
    | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> Response[Problem | ReviewItemPage]:
    """Sampled accesses, newest first, with the coordinators' answers and notes; filter by ``status``
    (answered, open, overdue) and ``month``

     Sampled accesses, newest first, with the coordinators' answers and notes; filter by
    ``status`` (answered, open, overdue) and ``month``.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        status (ApiV1AccessReviewsItemsStatusType1 | ApiV1AccessReviewsItemsStatusType2Type1 |
            ApiV1AccessReviewsItemsStatusType3Type1 | None | Unset): Only `answered`, `open` (deadline
            not passed) or `overdue` items.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewItemPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        status=status,
        month=month,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    status: ApiV1AccessReviewsItemsStatusType1
    | ApiV1AccessReviewsItemsStatusType2Type1
    | ApiV1AccessReviewsItemsStatusType3Type1
    | None
    | Unset = UNSET,
    month: None | str | Unset = UNSET,
) -> Problem | ReviewItemPage | None:
    """Sampled accesses, newest first, with the coordinators' answers and notes; filter by ``status``
    (answered, open, overdue) and ``month``

     Sampled accesses, newest first, with the coordinators' answers and notes; filter by
    ``status`` (answered, open, overdue) and ``month``.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        status (ApiV1AccessReviewsItemsStatusType1 | ApiV1AccessReviewsItemsStatusType2Type1 |
            ApiV1AccessReviewsItemsStatusType3Type1 | None | Unset): Only `answered`, `open` (deadline
            not passed) or `overdue` items.
        month (None | str | Unset): The month, `YYYY-MM` (Brussels time).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewItemPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            status=status,
            month=month,
        )
    ).parsed
