from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.emergency_queue_item import EmergencyQueueItem
from ...models.emergency_review_in import EmergencyReviewIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    grant_id: UUID,
    *,
    body: EmergencyReviewIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/emergency-grants/{grant_id}/review".format(
            grant_id=quote(str(grant_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmergencyQueueItem | Problem | None:
    if response.status_code == 200:
        response_200 = EmergencyQueueItem.from_dict(response.json())

        return response_200

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
) -> Response[EmergencyQueueItem | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    grant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyReviewIn,
) -> Response[EmergencyQueueItem | Problem]:
    """The DPO's review: justified or not, with a note; optionally a reason and a last day to delay telling
    the family

     The DPO's review: justified or not, with a note; optionally a reason and a last day
    to delay telling the family. A review is final (409 ``already-reviewed``).

    Args:
        grant_id (UUID):
        body (EmergencyReviewIn): The DPO's review of one grant: justified or not, with a note;
            optionally a reason to
            delay telling the family and the last day of the delay (both or neither).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmergencyQueueItem | Problem]
    """

    kwargs = _get_kwargs(
        grant_id=grant_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    grant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyReviewIn,
) -> EmergencyQueueItem | Problem | None:
    """The DPO's review: justified or not, with a note; optionally a reason and a last day to delay telling
    the family

     The DPO's review: justified or not, with a note; optionally a reason and a last day
    to delay telling the family. A review is final (409 ``already-reviewed``).

    Args:
        grant_id (UUID):
        body (EmergencyReviewIn): The DPO's review of one grant: justified or not, with a note;
            optionally a reason to
            delay telling the family and the last day of the delay (both or neither).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmergencyQueueItem | Problem
    """

    return sync_detailed(
        grant_id=grant_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    grant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyReviewIn,
) -> Response[EmergencyQueueItem | Problem]:
    """The DPO's review: justified or not, with a note; optionally a reason and a last day to delay telling
    the family

     The DPO's review: justified or not, with a note; optionally a reason and a last day
    to delay telling the family. A review is final (409 ``already-reviewed``).

    Args:
        grant_id (UUID):
        body (EmergencyReviewIn): The DPO's review of one grant: justified or not, with a note;
            optionally a reason to
            delay telling the family and the last day of the delay (both or neither).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmergencyQueueItem | Problem]
    """

    kwargs = _get_kwargs(
        grant_id=grant_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    grant_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: EmergencyReviewIn,
) -> EmergencyQueueItem | Problem | None:
    """The DPO's review: justified or not, with a note; optionally a reason and a last day to delay telling
    the family

     The DPO's review: justified or not, with a note; optionally a reason and a last day
    to delay telling the family. A review is final (409 ``already-reviewed``).

    Args:
        grant_id (UUID):
        body (EmergencyReviewIn): The DPO's review of one grant: justified or not, with a note;
            optionally a reason to
            delay telling the family and the last day of the delay (both or neither).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmergencyQueueItem | Problem
    """

    return (
        await asyncio_detailed(
            grant_id=grant_id,
            client=client,
            body=body,
        )
    ).parsed
