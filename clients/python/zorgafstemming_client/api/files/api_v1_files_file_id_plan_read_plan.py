from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plan_view import PlanView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/files/{file_id}/plan".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlanView | Problem | None:
    if response.status_code == 200:
        response_200 = PlanView.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PlanView | Problem]:
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
) -> Response[PlanView | Problem]:
    """The plan's goals and actions your organisation's consent covers (category and every member they are
    about), oldest first; the categories of the others are listed as withheld

     The plan's goals and actions your organisation's consent covers (category and every
    member they are about), oldest first; the categories of the others are listed as
    withheld. Not paged: a plan holds at most 50 goals of at most 30 actions each (more
    answers 409 ``plan-full``), so it is read whole.

    Args:
        file_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> PlanView | Problem | None:
    """The plan's goals and actions your organisation's consent covers (category and every member they are
    about), oldest first; the categories of the others are listed as withheld

     The plan's goals and actions your organisation's consent covers (category and every
    member they are about), oldest first; the categories of the others are listed as
    withheld. Not paged: a plan holds at most 50 goals of at most 30 actions each (more
    answers 409 ``plan-full``), so it is read whole.

    Args:
        file_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanView | Problem
    """

    return sync_detailed(
        file_id=file_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[PlanView | Problem]:
    """The plan's goals and actions your organisation's consent covers (category and every member they are
    about), oldest first; the categories of the others are listed as withheld

     The plan's goals and actions your organisation's consent covers (category and every
    member they are about), oldest first; the categories of the others are listed as
    withheld. Not paged: a plan holds at most 50 goals of at most 30 actions each (more
    answers 409 ``plan-full``), so it is read whole.

    Args:
        file_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> PlanView | Problem | None:
    """The plan's goals and actions your organisation's consent covers (category and every member they are
    about), oldest first; the categories of the others are listed as withheld

     The plan's goals and actions your organisation's consent covers (category and every
    member they are about), oldest first; the categories of the others are listed as
    withheld. Not paged: a plan holds at most 50 goals of at most 30 actions each (more
    answers 409 ``plan-full``), so it is read whole.

    Args:
        file_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanView | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
        )
    ).parsed
