import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    json_actor_ref: None | str | Unset
    if isinstance(actor_ref, Unset):
        json_actor_ref = UNSET
    else:
        json_actor_ref = actor_ref
    params["actor_ref"] = json_actor_ref

    json_actor_org_ref: None | str | Unset
    if isinstance(actor_org_ref, Unset):
        json_actor_org_ref = UNSET
    else:
        json_actor_org_ref = actor_org_ref
    params["actor_org_ref"] = json_actor_org_ref

    json_file_ref: None | str | Unset
    if isinstance(file_ref, Unset):
        json_file_ref = UNSET
    else:
        json_file_ref = file_ref
    params["file_ref"] = json_file_ref

    json_object_ref: None | str | Unset
    if isinstance(object_ref, Unset):
        json_object_ref = UNSET
    else:
        json_object_ref = object_ref
    params["object_ref"] = json_object_ref

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    else:
        json_action = action
    params["action"] = json_action

    json_outcome: None | str | Unset
    if isinstance(outcome, Unset):
        json_outcome = UNSET
    else:
        json_outcome = outcome
    params["outcome"] = json_outcome

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventPage | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[EventPage]:
    """ListEvents

    Args:
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage]
    """

    kwargs = _get_kwargs(
        since=since,
        until=until,
        actor_ref=actor_ref,
        actor_org_ref=actor_org_ref,
        file_ref=file_ref,
        object_ref=object_ref,
        action=action,
        outcome=outcome,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> EventPage | None:
    """ListEvents

    Args:
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage
    """

    return sync_detailed(
        client=client,
        since=since,
        until=until,
        actor_ref=actor_ref,
        actor_org_ref=actor_org_ref,
        file_ref=file_ref,
        object_ref=object_ref,
        action=action,
        outcome=outcome,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> Response[EventPage]:
    """ListEvents

    Args:
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage]
    """

    kwargs = _get_kwargs(
        since=since,
        until=until,
        actor_ref=actor_ref,
        actor_org_ref=actor_org_ref,
        file_ref=file_ref,
        object_ref=object_ref,
        action=action,
        outcome=outcome,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
) -> EventPage | None:
    """ListEvents

    Args:
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (None | str | Unset):
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage
    """

    return (
        await asyncio_detailed(
            client=client,
            since=since,
            until=until,
            actor_ref=actor_ref,
            actor_org_ref=actor_org_ref,
            file_ref=file_ref,
            object_ref=object_ref,
            action=action,
            outcome=outcome,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
