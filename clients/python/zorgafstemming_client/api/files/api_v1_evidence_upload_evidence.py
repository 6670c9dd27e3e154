from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.evidence_view import EvidenceView
from ...models.problem import Problem
from ...types import UNSET, File, Response


def _get_kwargs(
    *,
    body: File | File | File | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/evidence",
    }

    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/pdf"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "image/jpeg"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "image/png"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EvidenceView | Problem | None:
    if response.status_code == 201:
        response_201 = EvidenceView.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[EvidenceView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | Unset = UNSET,
) -> Response[EvidenceView | Problem]:
    """Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG, recognised by
    its content; at most 10 MB); name its id in the consent's ``evidence_id``

     Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG,
    recognised by its content; at most 10 MB); name its id in the consent's
    ``evidence_id``. A scan no consent uses within a day is deleted.

    Args:
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvidenceView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | Unset = UNSET,
) -> EvidenceView | Problem | None:
    """Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG, recognised by
    its content; at most 10 MB); name its id in the consent's ``evidence_id``

     Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG,
    recognised by its content; at most 10 MB); name its id in the consent's
    ``evidence_id``. A scan no consent uses within a day is deleted.

    Args:
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvidenceView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | Unset = UNSET,
) -> Response[EvidenceView | Problem]:
    """Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG, recognised by
    its content; at most 10 MB); name its id in the consent's ``evidence_id``

     Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG,
    recognised by its content; at most 10 MB); name its id in the consent's
    ``evidence_id``. A scan no consent uses within a day is deleted.

    Args:
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvidenceView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: File | File | File | Unset = UNSET,
) -> EvidenceView | Problem | None:
    """Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG, recognised by
    its content; at most 10 MB); name its id in the consent's ``evidence_id``

     Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG,
    recognised by its content; at most 10 MB); name its id in the consent's
    ``evidence_id``. A scan no consent uses within a day is deleted.

    Args:
        body (File):
        body (File):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvidenceView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
