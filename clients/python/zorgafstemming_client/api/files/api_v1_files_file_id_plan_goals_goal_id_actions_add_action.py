from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plan_action_in import PlanActionIn
from ...models.plan_action_view import PlanActionView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    goal_id: UUID,
    *,
    body: PlanActionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/plan/goals/{goal_id}/actions".format(
            file_id=quote(str(file_id), safe=""),
            goal_id=quote(str(goal_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlanActionView | Problem | None:
    if response.status_code == 201:
        response_201 = PlanActionView.from_dict(response.json())

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
) -> Response[PlanActionView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanActionIn,
) -> Response[PlanActionView | Problem]:
    """Add an action towards a goal, owned by a partner on the file (optionally with one of its assigned
    workers) or by the family

     Add an action towards a goal, owned by a partner on the file (optionally with one of
    its assigned workers) or by the family. Your consent and, for a partner's action, the
    owner's consent must cover its category for every member it is about (otherwise 422
    ``consent-required``).

    Args:
        file_id (UUID):
        goal_id (UUID):
        body (PlanActionIn): An action towards a goal. ``owner`` ``organisation``: a partner on
            the file owns it
            (``owner_organisation_id``, your own organisation when left out), optionally with one of
            its workers assigned to the file; ``family``: the family owns it (no worker).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanActionView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        goal_id=goal_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanActionIn,
) -> PlanActionView | Problem | None:
    """Add an action towards a goal, owned by a partner on the file (optionally with one of its assigned
    workers) or by the family

     Add an action towards a goal, owned by a partner on the file (optionally with one of
    its assigned workers) or by the family. Your consent and, for a partner's action, the
    owner's consent must cover its category for every member it is about (otherwise 422
    ``consent-required``).

    Args:
        file_id (UUID):
        goal_id (UUID):
        body (PlanActionIn): An action towards a goal. ``owner`` ``organisation``: a partner on
            the file owns it
            (``owner_organisation_id``, your own organisation when left out), optionally with one of
            its workers assigned to the file; ``family``: the family owns it (no worker).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanActionView | Problem
    """

    return sync_detailed(
        file_id=file_id,
        goal_id=goal_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanActionIn,
) -> Response[PlanActionView | Problem]:
    """Add an action towards a goal, owned by a partner on the file (optionally with one of its assigned
    workers) or by the family

     Add an action towards a goal, owned by a partner on the file (optionally with one of
    its assigned workers) or by the family. Your consent and, for a partner's action, the
    owner's consent must cover its category for every member it is about (otherwise 422
    ``consent-required``).

    Args:
        file_id (UUID):
        goal_id (UUID):
        body (PlanActionIn): An action towards a goal. ``owner`` ``organisation``: a partner on
            the file owns it
            (``owner_organisation_id``, your own organisation when left out), optionally with one of
            its workers assigned to the file; ``family``: the family owns it (no worker).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanActionView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        goal_id=goal_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    goal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: PlanActionIn,
) -> PlanActionView | Problem | None:
    """Add an action towards a goal, owned by a partner on the file (optionally with one of its assigned
    workers) or by the family

     Add an action towards a goal, owned by a partner on the file (optionally with one of
    its assigned workers) or by the family. Your consent and, for a partner's action, the
    owner's consent must cover its category for every member it is about (otherwise 422
    ``consent-required``).

    Args:
        file_id (UUID):
        goal_id (UUID):
        body (PlanActionIn): An action towards a goal. ``owner`` ``organisation``: a partner on
            the file owns it
            (``owner_organisation_id``, your own organisation when left out), optionally with one of
            its workers assigned to the file; ``family``: the family owns it (no worker).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanActionView | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            goal_id=goal_id,
            client=client,
            body=body,
        )
    ).parsed
