from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.request_view import RequestView
from ...models.step_in import StepIn
from ...types import Response


def _get_kwargs(
    request_id: UUID,
    *,
    body: StepIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/rights/requests/{request_id}/steps".format(
            request_id=quote(str(request_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RequestView | None:
    if response.status_code == 200:
        response_200 = RequestView.from_dict(response.json())

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
) -> Response[Problem | RequestView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    request_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StepIn,
) -> Response[Problem | RequestView]:
    """Take a step: ``start``, ``extend`` (once, two more months; reason required), ``answer`` (outcome
    note required; none for an access or portability request, whose answer is a fixed note pointing the
    family to its export) or ``refuse`` (reason required)

     Take a step: ``start``, ``extend`` (once, two more months; reason required),
    ``answer`` (outcome note required; none for an access or portability request, whose
    answer is a fixed note pointing the family to its export) or ``refuse`` (reason
    required). A step the status does not allow answers 409.

    Args:
        request_id (UUID):
        body (StepIn): A step on a request: ``start`` (in progress), ``extend`` (once, by two
            months; a reason
            is required), ``answer`` (with an outcome note; an access or portability request is
            answered without one: its note is fixed and says where the family finds its export) or
            ``refuse`` (a reason is required).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RequestView]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    request_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StepIn,
) -> Problem | RequestView | None:
    """Take a step: ``start``, ``extend`` (once, two more months; reason required), ``answer`` (outcome
    note required; none for an access or portability request, whose answer is a fixed note pointing the
    family to its export) or ``refuse`` (reason required)

     Take a step: ``start``, ``extend`` (once, two more months; reason required),
    ``answer`` (outcome note required; none for an access or portability request, whose
    answer is a fixed note pointing the family to its export) or ``refuse`` (reason
    required). A step the status does not allow answers 409.

    Args:
        request_id (UUID):
        body (StepIn): A step on a request: ``start`` (in progress), ``extend`` (once, by two
            months; a reason
            is required), ``answer`` (with an outcome note; an access or portability request is
            answered without one: its note is fixed and says where the family finds its export) or
            ``refuse`` (a reason is required).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RequestView
    """

    return sync_detailed(
        request_id=request_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    request_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StepIn,
) -> Response[Problem | RequestView]:
    """Take a step: ``start``, ``extend`` (once, two more months; reason required), ``answer`` (outcome
    note required; none for an access or portability request, whose answer is a fixed note pointing the
    family to its export) or ``refuse`` (reason required)

     Take a step: ``start``, ``extend`` (once, two more months; reason required),
    ``answer`` (outcome note required; none for an access or portability request, whose
    answer is a fixed note pointing the family to its export) or ``refuse`` (reason
    required). A step the status does not allow answers 409.

    Args:
        request_id (UUID):
        body (StepIn): A step on a request: ``start`` (in progress), ``extend`` (once, by two
            months; a reason
            is required), ``answer`` (with an outcome note; an access or portability request is
            answered without one: its note is fixed and says where the family finds its export) or
            ``refuse`` (a reason is required).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RequestView]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    request_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StepIn,
) -> Problem | RequestView | None:
    """Take a step: ``start``, ``extend`` (once, two more months; reason required), ``answer`` (outcome
    note required; none for an access or portability request, whose answer is a fixed note pointing the
    family to its export) or ``refuse`` (reason required)

     Take a step: ``start``, ``extend`` (once, two more months; reason required),
    ``answer`` (outcome note required; none for an access or portability request, whose
    answer is a fixed note pointing the family to its export) or ``refuse`` (reason
    required). A step the status does not allow answers 409.

    Args:
        request_id (UUID):
        body (StepIn): A step on a request: ``start`` (in progress), ``extend`` (once, by two
            months; a reason
            is required), ``answer`` (with an outcome note; an access or portability request is
            answered without one: its note is fixed and says where the family finds its export) or
            ``refuse`` (a reason is required).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RequestView
    """

    return (
        await asyncio_detailed(
            request_id=request_id,
            client=client,
            body=body,
        )
    ).parsed
