from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.decisions_to_plan_in import DecisionsToPlanIn
from ...models.plan_action_view import PlanActionView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    meeting_id: UUID,
    *,
    body: DecisionsToPlanIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/meetings/{meeting_id}/plan-actions".format(
            file_id=quote(str(file_id), safe=""),
            meeting_id=quote(str(meeting_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[PlanActionView] | None:
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for response_201_item_data in _response_201:
            response_201_item = PlanActionView.from_dict(response_201_item_data)

            response_201.append(response_201_item)

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
) -> Response[Problem | list[PlanActionView]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DecisionsToPlanIn,
) -> Response[Problem | list[PlanActionView]]:
    """Turn the decisions of the minutes that are not an action yet into actions towards a goal of the
    family plan (lead only), in one step: each decision's text, owner and due date become the action's

     Turn the decisions of the minutes that are not an action yet into actions towards a
    goal of the family plan (lead only), in one step: each decision's text, owner and due
    date become the action's. Every action passes the plan's checks (the owner's consent
    too), or none is made (422 ``consent-required``); none left: 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):
        body (DecisionsToPlanIn): Turn the decisions of a meeting's minutes into actions towards
            ``goal_id`` of the family
            plan, about the members named (``about``; the goal's when left out) and of a data category
            (the goal's when left out): each decision's text, owner organisation and due date become
            the action's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PlanActionView]]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        meeting_id=meeting_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DecisionsToPlanIn,
) -> Problem | list[PlanActionView] | None:
    """Turn the decisions of the minutes that are not an action yet into actions towards a goal of the
    family plan (lead only), in one step: each decision's text, owner and due date become the action's

     Turn the decisions of the minutes that are not an action yet into actions towards a
    goal of the family plan (lead only), in one step: each decision's text, owner and due
    date become the action's. Every action passes the plan's checks (the owner's consent
    too), or none is made (422 ``consent-required``); none left: 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):
        body (DecisionsToPlanIn): Turn the decisions of a meeting's minutes into actions towards
            ``goal_id`` of the family
            plan, about the members named (``about``; the goal's when left out) and of a data category
            (the goal's when left out): each decision's text, owner organisation and due date become
            the action's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PlanActionView]
    """

    return sync_detailed(
        file_id=file_id,
        meeting_id=meeting_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DecisionsToPlanIn,
) -> Response[Problem | list[PlanActionView]]:
    """Turn the decisions of the minutes that are not an action yet into actions towards a goal of the
    family plan (lead only), in one step: each decision's text, owner and due date become the action's

     Turn the decisions of the minutes that are not an action yet into actions towards a
    goal of the family plan (lead only), in one step: each decision's text, owner and due
    date become the action's. Every action passes the plan's checks (the owner's consent
    too), or none is made (422 ``consent-required``); none left: 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):
        body (DecisionsToPlanIn): Turn the decisions of a meeting's minutes into actions towards
            ``goal_id`` of the family
            plan, about the members named (``about``; the goal's when left out) and of a data category
            (the goal's when left out): each decision's text, owner organisation and due date become
            the action's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PlanActionView]]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        meeting_id=meeting_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: DecisionsToPlanIn,
) -> Problem | list[PlanActionView] | None:
    """Turn the decisions of the minutes that are not an action yet into actions towards a goal of the
    family plan (lead only), in one step: each decision's text, owner and due date become the action's

     Turn the decisions of the minutes that are not an action yet into actions towards a
    goal of the family plan (lead only), in one step: each decision's text, owner and due
    date become the action's. Every action passes the plan's checks (the owner's consent
    too), or none is made (422 ``consent-required``); none left: 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):
        body (DecisionsToPlanIn): Turn the decisions of a meeting's minutes into actions towards
            ``goal_id`` of the family
            plan, about the members named (``about``; the goal's when left out) and of a data category
            (the goal's when left out): each decision's text, owner organisation and due date become
            the action's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PlanActionView]
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            meeting_id=meeting_id,
            client=client,
            body=body,
        )
    ).parsed
