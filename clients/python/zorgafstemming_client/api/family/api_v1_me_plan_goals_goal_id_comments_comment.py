from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plan_comment_in import PlanCommentIn
from ...models.plan_comment_view import PlanCommentView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    goal_id: UUID,
    *,
    body: PlanCommentIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/plan/goals/{goal_id}/comments".format(
            goal_id=quote(str(goal_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlanCommentView | Problem | None:
    if response.status_code == 201:
        response_201 = PlanCommentView.from_dict(response.json())

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
) -> Response[PlanCommentView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanCommentIn,
) -> Response[PlanCommentView | Problem]:
    """Comment on a goal of your plan; the partners working on it read it with the goal

     Comment on a goal of your plan; the partners working on it read it with the goal.

    Args:
        goal_id (UUID):
        body (PlanCommentIn): The family's comment on a goal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanCommentView | Problem]
    """

    kwargs = _get_kwargs(
        goal_id=goal_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanCommentIn,
) -> PlanCommentView | Problem | None:
    """Comment on a goal of your plan; the partners working on it read it with the goal

     Comment on a goal of your plan; the partners working on it read it with the goal.

    Args:
        goal_id (UUID):
        body (PlanCommentIn): The family's comment on a goal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanCommentView | Problem
    """

    return sync_detailed(
        goal_id=goal_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanCommentIn,
) -> Response[PlanCommentView | Problem]:
    """Comment on a goal of your plan; the partners working on it read it with the goal

     Comment on a goal of your plan; the partners working on it read it with the goal.

    Args:
        goal_id (UUID):
        body (PlanCommentIn): The family's comment on a goal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanCommentView | Problem]
    """

    kwargs = _get_kwargs(
        goal_id=goal_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanCommentIn,
) -> PlanCommentView | Problem | None:
    """Comment on a goal of your plan; the partners working on it read it with the goal

     Comment on a goal of your plan; the partners working on it read it with the goal.

    Args:
        goal_id (UUID):
        body (PlanCommentIn): The family's comment on a goal.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanCommentView | Problem
    """

    return (
        await asyncio_detailed(
            goal_id=goal_id,
            client=client,
            body=body,
        )
    ).parsed
