from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.meeting_view import MeetingView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    meeting_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/meetings/{meeting_id}/cancel".format(
            file_id=quote(str(file_id), safe=""),
            meeting_id=quote(str(meeting_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MeetingView | Problem | None:
    if response.status_code == 200:
        response_200 = MeetingView.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[MeetingView | Problem]:
    """Cancel a planned meeting (lead only); every invitee gets the cancellation (an ``.ics`` with
    METHOD:CANCEL)

     Cancel a planned meeting (lead only); every invitee gets the cancellation (an
    ``.ics`` with METHOD:CANCEL). A meeting no longer planned answers 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetingView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        meeting_id=meeting_id,
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
) -> MeetingView | Problem | None:
    """Cancel a planned meeting (lead only); every invitee gets the cancellation (an ``.ics`` with
    METHOD:CANCEL)

     Cancel a planned meeting (lead only); every invitee gets the cancellation (an
    ``.ics`` with METHOD:CANCEL). A meeting no longer planned answers 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetingView | Problem
    """

    return sync_detailed(
        file_id=file_id,
        meeting_id=meeting_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[MeetingView | Problem]:
    """Cancel a planned meeting (lead only); every invitee gets the cancellation (an ``.ics`` with
    METHOD:CANCEL)

     Cancel a planned meeting (lead only); every invitee gets the cancellation (an
    ``.ics`` with METHOD:CANCEL). A meeting no longer planned answers 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeetingView | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        meeting_id=meeting_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    meeting_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> MeetingView | Problem | None:
    """Cancel a planned meeting (lead only); every invitee gets the cancellation (an ``.ics`` with
    METHOD:CANCEL)

     Cancel a planned meeting (lead only); every invitee gets the cancellation (an
    ``.ics`` with METHOD:CANCEL). A meeting no longer planned answers 409.

    Args:
        file_id (UUID):
        meeting_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeetingView | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            meeting_id=meeting_id,
            client=client,
        )
    ).parsed
