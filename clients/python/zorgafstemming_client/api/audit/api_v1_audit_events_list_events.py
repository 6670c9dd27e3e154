from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_v1_audit_events_list_events_group_type_1 import ApiV1AuditEventsListEventsGroupType1
from ...models.api_v1_audit_events_list_events_group_type_2_type_1 import ApiV1AuditEventsListEventsGroupType2Type1
from ...models.api_v1_audit_events_list_events_group_type_3_type_1 import ApiV1AuditEventsListEventsGroupType3Type1
from ...models.api_v1_audit_events_list_events_outcome_type_1 import ApiV1AuditEventsListEventsOutcomeType1
from ...models.api_v1_audit_events_list_events_outcome_type_2_type_1 import ApiV1AuditEventsListEventsOutcomeType2Type1
from ...models.api_v1_audit_events_list_events_outcome_type_3_type_1 import ApiV1AuditEventsListEventsOutcomeType3Type1
from ...models.event_page import EventPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: ApiV1AuditEventsListEventsOutcomeType1
    | ApiV1AuditEventsListEventsOutcomeType2Type1
    | ApiV1AuditEventsListEventsOutcomeType3Type1
    | None
    | Unset = UNSET,
    file_reference: None | str | Unset = UNSET,
    group: ApiV1AuditEventsListEventsGroupType1
    | ApiV1AuditEventsListEventsGroupType2Type1
    | ApiV1AuditEventsListEventsGroupType3Type1
    | None
    | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
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
    elif isinstance(outcome, ApiV1AuditEventsListEventsOutcomeType1):
        json_outcome = outcome.value
    elif isinstance(outcome, ApiV1AuditEventsListEventsOutcomeType2Type1):
        json_outcome = outcome.value
    elif isinstance(outcome, ApiV1AuditEventsListEventsOutcomeType3Type1):
        json_outcome = outcome.value
    else:
        json_outcome = outcome
    params["outcome"] = json_outcome

    json_file_reference: None | str | Unset
    if isinstance(file_reference, Unset):
        json_file_reference = UNSET
    else:
        json_file_reference = file_reference
    params["file_reference"] = json_file_reference

    json_group: None | str | Unset
    if isinstance(group, Unset):
        json_group = UNSET
    elif isinstance(group, ApiV1AuditEventsListEventsGroupType1):
        json_group = group.value
    elif isinstance(group, ApiV1AuditEventsListEventsGroupType2Type1):
        json_group = group.value
    elif isinstance(group, ApiV1AuditEventsListEventsGroupType3Type1):
        json_group = group.value
    else:
        json_group = group
    params["group"] = json_group

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventPage | Problem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventPage | Problem]:
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
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: ApiV1AuditEventsListEventsOutcomeType1
    | ApiV1AuditEventsListEventsOutcomeType2Type1
    | ApiV1AuditEventsListEventsOutcomeType3Type1
    | None
    | Unset = UNSET,
    file_reference: None | str | Unset = UNSET,
    group: ApiV1AuditEventsListEventsGroupType1
    | ApiV1AuditEventsListEventsGroupType2Type1
    | ApiV1AuditEventsListEventsGroupType3Type1
    | None
    | Unset = UNSET,
) -> Response[EventPage | Problem]:
    """Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a file's short
    reference, action, kind of action and outcome; pass ``next`` as ``after`` for the next page

     Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a
    file's short reference, action, kind of action and outcome; pass ``next`` as ``after``
    for the next page. Reading the trail adds to it, so page with an ``until`` to see a
    fixed stretch of it.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        since (None | str | Unset):
        until (None | str | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (ApiV1AuditEventsListEventsOutcomeType1 |
            ApiV1AuditEventsListEventsOutcomeType2Type1 | ApiV1AuditEventsListEventsOutcomeType3Type1
            | None | Unset):
        file_reference (None | str | Unset): A file's short reference, as the pages show it (8
            characters).
        group (ApiV1AuditEventsListEventsGroupType1 | ApiV1AuditEventsListEventsGroupType2Type1 |
            ApiV1AuditEventsListEventsGroupType3Type1 | None | Unset): A kind of action: reads,
            changes, consent, refused requests, administration, or emergency access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        since=since,
        until=until,
        actor_ref=actor_ref,
        actor_org_ref=actor_org_ref,
        file_ref=file_ref,
        object_ref=object_ref,
        action=action,
        outcome=outcome,
        file_reference=file_reference,
        group=group,
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
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: ApiV1AuditEventsListEventsOutcomeType1
    | ApiV1AuditEventsListEventsOutcomeType2Type1
    | ApiV1AuditEventsListEventsOutcomeType3Type1
    | None
    | Unset = UNSET,
    file_reference: None | str | Unset = UNSET,
    group: ApiV1AuditEventsListEventsGroupType1
    | ApiV1AuditEventsListEventsGroupType2Type1
    | ApiV1AuditEventsListEventsGroupType3Type1
    | None
    | Unset = UNSET,
) -> EventPage | Problem | None:
    """Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a file's short
    reference, action, kind of action and outcome; pass ``next`` as ``after`` for the next page

     Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a
    file's short reference, action, kind of action and outcome; pass ``next`` as ``after``
    for the next page. Reading the trail adds to it, so page with an ``until`` to see a
    fixed stretch of it.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        since (None | str | Unset):
        until (None | str | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (ApiV1AuditEventsListEventsOutcomeType1 |
            ApiV1AuditEventsListEventsOutcomeType2Type1 | ApiV1AuditEventsListEventsOutcomeType3Type1
            | None | Unset):
        file_reference (None | str | Unset): A file's short reference, as the pages show it (8
            characters).
        group (ApiV1AuditEventsListEventsGroupType1 | ApiV1AuditEventsListEventsGroupType2Type1 |
            ApiV1AuditEventsListEventsGroupType3Type1 | None | Unset): A kind of action: reads,
            changes, consent, refused requests, administration, or emergency access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        since=since,
        until=until,
        actor_ref=actor_ref,
        actor_org_ref=actor_org_ref,
        file_ref=file_ref,
        object_ref=object_ref,
        action=action,
        outcome=outcome,
        file_reference=file_reference,
        group=group,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: ApiV1AuditEventsListEventsOutcomeType1
    | ApiV1AuditEventsListEventsOutcomeType2Type1
    | ApiV1AuditEventsListEventsOutcomeType3Type1
    | None
    | Unset = UNSET,
    file_reference: None | str | Unset = UNSET,
    group: ApiV1AuditEventsListEventsGroupType1
    | ApiV1AuditEventsListEventsGroupType2Type1
    | ApiV1AuditEventsListEventsGroupType3Type1
    | None
    | Unset = UNSET,
) -> Response[EventPage | Problem]:
    """Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a file's short
    reference, action, kind of action and outcome; pass ``next`` as ``after`` for the next page

     Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a
    file's short reference, action, kind of action and outcome; pass ``next`` as ``after``
    for the next page. Reading the trail adds to it, so page with an ``until`` to see a
    fixed stretch of it.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        since (None | str | Unset):
        until (None | str | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (ApiV1AuditEventsListEventsOutcomeType1 |
            ApiV1AuditEventsListEventsOutcomeType2Type1 | ApiV1AuditEventsListEventsOutcomeType3Type1
            | None | Unset):
        file_reference (None | str | Unset): A file's short reference, as the pages show it (8
            characters).
        group (ApiV1AuditEventsListEventsGroupType1 | ApiV1AuditEventsListEventsGroupType2Type1 |
            ApiV1AuditEventsListEventsGroupType3Type1 | None | Unset): A kind of action: reads,
            changes, consent, refused requests, administration, or emergency access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        since=since,
        until=until,
        actor_ref=actor_ref,
        actor_org_ref=actor_org_ref,
        file_ref=file_ref,
        object_ref=object_ref,
        action=action,
        outcome=outcome,
        file_reference=file_reference,
        group=group,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    actor_ref: None | str | Unset = UNSET,
    actor_org_ref: None | str | Unset = UNSET,
    file_ref: None | str | Unset = UNSET,
    object_ref: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    outcome: ApiV1AuditEventsListEventsOutcomeType1
    | ApiV1AuditEventsListEventsOutcomeType2Type1
    | ApiV1AuditEventsListEventsOutcomeType3Type1
    | None
    | Unset = UNSET,
    file_reference: None | str | Unset = UNSET,
    group: ApiV1AuditEventsListEventsGroupType1
    | ApiV1AuditEventsListEventsGroupType2Type1
    | ApiV1AuditEventsListEventsGroupType3Type1
    | None
    | Unset = UNSET,
) -> EventPage | Problem | None:
    """Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a file's short
    reference, action, kind of action and outcome; pass ``next`` as ``after`` for the next page

     Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a
    file's short reference, action, kind of action and outcome; pass ``next`` as ``after``
    for the next page. Reading the trail adds to it, so page with an ``until`` to see a
    fixed stretch of it.

    Args:
        limit (int | Unset): How many items one page holds (1 to 100). Default: 50.
        after (None | str | Unset): The `next` of the previous page; leave it out for the first
            page.
        since (None | str | Unset):
        until (None | str | Unset):
        actor_ref (None | str | Unset):
        actor_org_ref (None | str | Unset):
        file_ref (None | str | Unset):
        object_ref (None | str | Unset):
        action (None | str | Unset):
        outcome (ApiV1AuditEventsListEventsOutcomeType1 |
            ApiV1AuditEventsListEventsOutcomeType2Type1 | ApiV1AuditEventsListEventsOutcomeType3Type1
            | None | Unset):
        file_reference (None | str | Unset): A file's short reference, as the pages show it (8
            characters).
        group (ApiV1AuditEventsListEventsGroupType1 | ApiV1AuditEventsListEventsGroupType2Type1 |
            ApiV1AuditEventsListEventsGroupType3Type1 | None | Unset): A kind of action: reads,
            changes, consent, refused requests, administration, or emergency access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            since=since,
            until=until,
            actor_ref=actor_ref,
            actor_org_ref=actor_org_ref,
            file_ref=file_ref,
            object_ref=object_ref,
            action=action,
            outcome=outcome,
            file_reference=file_reference,
            group=group,
        )
    ).parsed
