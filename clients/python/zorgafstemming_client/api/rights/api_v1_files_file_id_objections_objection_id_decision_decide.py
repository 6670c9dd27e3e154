from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.objection_decision_in import ObjectionDecisionIn
from ...models.objection_out import ObjectionOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    objection_id: UUID,
    *,
    body: ObjectionDecisionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/objections/{objection_id}/decision".format(
            file_id=quote(str(file_id), safe=""),
            objection_id=quote(str(objection_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ObjectionOut | Problem | None:
    if response.status_code == 200:
        response_200 = ObjectionOut.from_dict(response.json())

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
) -> Response[ObjectionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    objection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionDecisionIn,
) -> Response[ObjectionOut | Problem]:
    """The lead's decision, with its reason: ``continue`` (compelling legitimate grounds; processing goes
    on) or ``stop`` (the member's part of the consent ends at commit, as a withdrawal ends it)

     The lead's decision, with its reason: ``continue`` (compelling legitimate grounds;
    processing goes on) or ``stop`` (the member's part of the consent ends at commit, as a
    withdrawal ends it). 403 ``lead-only`` for another partner; 409 ``not-in-force`` once
    decided.

    Args:
        file_id (UUID):
        objection_id (UUID):
        body (ObjectionDecisionIn): The lead organisation's decision on an objection, with the
            recorded reason: ``continue``
            (compelling legitimate grounds override the member's interests) or ``stop`` (the
            statute-based processing of the member's data ends, as a withdrawal ends a consent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectionOut | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        objection_id=objection_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    objection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionDecisionIn,
) -> ObjectionOut | Problem | None:
    """The lead's decision, with its reason: ``continue`` (compelling legitimate grounds; processing goes
    on) or ``stop`` (the member's part of the consent ends at commit, as a withdrawal ends it)

     The lead's decision, with its reason: ``continue`` (compelling legitimate grounds;
    processing goes on) or ``stop`` (the member's part of the consent ends at commit, as a
    withdrawal ends it). 403 ``lead-only`` for another partner; 409 ``not-in-force`` once
    decided.

    Args:
        file_id (UUID):
        objection_id (UUID):
        body (ObjectionDecisionIn): The lead organisation's decision on an objection, with the
            recorded reason: ``continue``
            (compelling legitimate grounds override the member's interests) or ``stop`` (the
            statute-based processing of the member's data ends, as a withdrawal ends a consent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectionOut | Problem
    """

    return sync_detailed(
        file_id=file_id,
        objection_id=objection_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    objection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionDecisionIn,
) -> Response[ObjectionOut | Problem]:
    """The lead's decision, with its reason: ``continue`` (compelling legitimate grounds; processing goes
    on) or ``stop`` (the member's part of the consent ends at commit, as a withdrawal ends it)

     The lead's decision, with its reason: ``continue`` (compelling legitimate grounds;
    processing goes on) or ``stop`` (the member's part of the consent ends at commit, as a
    withdrawal ends it). 403 ``lead-only`` for another partner; 409 ``not-in-force`` once
    decided.

    Args:
        file_id (UUID):
        objection_id (UUID):
        body (ObjectionDecisionIn): The lead organisation's decision on an objection, with the
            recorded reason: ``continue``
            (compelling legitimate grounds override the member's interests) or ``stop`` (the
            statute-based processing of the member's data ends, as a withdrawal ends a consent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectionOut | Problem]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        objection_id=objection_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    objection_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionDecisionIn,
) -> ObjectionOut | Problem | None:
    """The lead's decision, with its reason: ``continue`` (compelling legitimate grounds; processing goes
    on) or ``stop`` (the member's part of the consent ends at commit, as a withdrawal ends it)

     The lead's decision, with its reason: ``continue`` (compelling legitimate grounds;
    processing goes on) or ``stop`` (the member's part of the consent ends at commit, as a
    withdrawal ends it). 403 ``lead-only`` for another partner; 409 ``not-in-force`` once
    decided.

    Args:
        file_id (UUID):
        objection_id (UUID):
        body (ObjectionDecisionIn): The lead organisation's decision on an objection, with the
            recorded reason: ``continue``
            (compelling legitimate grounds override the member's interests) or ``stop`` (the
            statute-based processing of the member's data ends, as a withdrawal ends a consent).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectionOut | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            objection_id=objection_id,
            client=client,
            body=body,
        )
    ).parsed
