from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.meeting_in import MeetingIn
from ...models.meeting_view import MeetingView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    *,
    body: MeetingIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/meetings".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MeetingView | Problem | None:
    if response.status_code == 201:
        response_201 = MeetingView.from_dict(response.json())

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
) -> Response[MeetingView | Problem]:
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
    body: MeetingIn,
) -> Response[MeetingView | Problem]:
    """Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are Brussels time

     Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are
    Brussels time. Invitations with an ``.ics`` go to every invited address the service
    knows. Inviting an organisation without consent for ``case_meeting`` on the file
    answers 422 ``invitee-without-consent``.

    Args:
        file_id (UUID):
        body (MeetingIn): Plan a case meeting (lead only): the day and times in Brussels time, the
            place or video
            link, the agenda, and whom to invite. The lead organisation is always invited; every other
            organisation must take part in the file under a consent in force for ``case_meeting``
            (otherwise 422 ``invitee-without-consent``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetingView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: MeetingIn,
) -> MeetingView | Problem | None:
    """Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are Brussels time

     Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are
    Brussels time. Invitations with an ``.ics`` go to every invited address the service
    knows. Inviting an organisation without consent for ``case_meeting`` on the file
    answers 422 ``invitee-without-consent``.

    Args:
        file_id (UUID):
        body (MeetingIn): Plan a case meeting (lead only): the day and times in Brussels time, the
            place or video
            link, the agenda, and whom to invite. The lead organisation is always invited; every other
            organisation must take part in the file under a consent in force for ``case_meeting``
            (otherwise 422 ``invitee-without-consent``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetingView | Problem
    """

    return sync_detailed(
        file_id=file_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: MeetingIn,
) -> Response[MeetingView | Problem]:
    """Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are Brussels time

     Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are
    Brussels time. Invitations with an ``.ics`` go to every invited address the service
    knows. Inviting an organisation without consent for ``case_meeting`` on the file
    answers 422 ``invitee-without-consent``.

    Args:
        file_id (UUID):
        body (MeetingIn): Plan a case meeting (lead only): the day and times in Brussels time, the
            place or video
            link, the agenda, and whom to invite. The lead organisation is always invited; every other
            organisation must take part in the file under a consent in force for ``case_meeting``
            (otherwise 422 ``invitee-without-consent``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetingView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: MeetingIn,
) -> MeetingView | Problem | None:
    """Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are Brussels time

     Plan a case meeting (lead only, 403 ``lead-only`` otherwise); day and times are
    Brussels time. Invitations with an ``.ics`` go to every invited address the service
    knows. Inviting an organisation without consent for ``case_meeting`` on the file
    answers 422 ``invitee-without-consent``.

    Args:
        file_id (UUID):
        body (MeetingIn): Plan a case meeting (lead only): the day and times in Brussels time, the
            place or video
            link, the agenda, and whom to invite. The lead organisation is always invited; every other
            organisation must take part in the file under a consent in force for ``case_meeting``
            (otherwise 422 ``invitee-without-consent``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetingView | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
            body=body,
        )
    ).parsed
