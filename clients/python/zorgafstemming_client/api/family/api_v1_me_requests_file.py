from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.request_in import RequestIn
from ...models.request_view import RequestView
from ...types import Response


def _get_kwargs(
    *,
    body: RequestIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/requests",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RequestView | None:
    if response.status_code == 201:
        response_201 = RequestView.from_dict(response.json())

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
) -> Response[Problem | RequestView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RequestIn,
) -> Response[Problem | RequestView]:
    """File a request about yourself (12 or older) or a child under 12 you represent: the member names the
    file

     File a request about yourself (12 or older) or a child under 12 you represent: the
    member names the file. It must be answered within one month (Brussels calendar), which
    the DPO may extend once by two months. Anyone else answers 422 on ``member_id``.

    Args:
        body (RequestIn): A data-subject request about one member of a file: its kind (access,
            rectification,
            erasure, restriction, objection, portability), the member it is about (yourself when 12 or
            older, or a child under 12 you represent) and what you ask, in your own words.

            ``scope`` is what an erasure or restriction asks for: that member's data (``member``, the
            default) or the whole file, everyone in it (``file``); any other kind is about the member
            alone (``file`` answers 422 on ``scope``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RequestView]
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
    body: RequestIn,
) -> Problem | RequestView | None:
    """File a request about yourself (12 or older) or a child under 12 you represent: the member names the
    file

     File a request about yourself (12 or older) or a child under 12 you represent: the
    member names the file. It must be answered within one month (Brussels calendar), which
    the DPO may extend once by two months. Anyone else answers 422 on ``member_id``.

    Args:
        body (RequestIn): A data-subject request about one member of a file: its kind (access,
            rectification,
            erasure, restriction, objection, portability), the member it is about (yourself when 12 or
            older, or a child under 12 you represent) and what you ask, in your own words.

            ``scope`` is what an erasure or restriction asks for: that member's data (``member``, the
            default) or the whole file, everyone in it (``file``); any other kind is about the member
            alone (``file`` answers 422 on ``scope``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RequestView
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RequestIn,
) -> Response[Problem | RequestView]:
    """File a request about yourself (12 or older) or a child under 12 you represent: the member names the
    file

     File a request about yourself (12 or older) or a child under 12 you represent: the
    member names the file. It must be answered within one month (Brussels calendar), which
    the DPO may extend once by two months. Anyone else answers 422 on ``member_id``.

    Args:
        body (RequestIn): A data-subject request about one member of a file: its kind (access,
            rectification,
            erasure, restriction, objection, portability), the member it is about (yourself when 12 or
            older, or a child under 12 you represent) and what you ask, in your own words.

            ``scope`` is what an erasure or restriction asks for: that member's data (``member``, the
            default) or the whole file, everyone in it (``file``); any other kind is about the member
            alone (``file`` answers 422 on ``scope``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RequestView]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RequestIn,
) -> Problem | RequestView | None:
    """File a request about yourself (12 or older) or a child under 12 you represent: the member names the
    file

     File a request about yourself (12 or older) or a child under 12 you represent: the
    member names the file. It must be answered within one month (Brussels calendar), which
    the DPO may extend once by two months. Anyone else answers 422 on ``member_id``.

    Args:
        body (RequestIn): A data-subject request about one member of a file: its kind (access,
            rectification,
            erasure, restriction, objection, portability), the member it is about (yourself when 12 or
            older, or a child under 12 you represent) and what you ask, in your own words.

            ``scope`` is what an erasure or restriction asks for: that member's data (``member``, the
            default) or the whole file, everyone in it (``file``); any other kind is about the member
            alone (``file`` answers 422 on ``scope``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RequestView
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
