from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.erasure_in import ErasureIn
from ...models.erasure_out import ErasureOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    *,
    body: ErasureIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files/{file_id}/erasures".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErasureOut | Problem | None:
    if response.status_code == 201:
        response_201 = ErasureOut.from_dict(response.json())

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
) -> Response[ErasureOut | Problem]:
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
    body: ErasureIn,
) -> Response[ErasureOut | Problem]:
    """Decide the family's request to erase the file, or one member of it (GDPR art

     Decide the family's request to erase the file, or one member of it (GDPR art. 17):
    ``request_id`` names the open erasure request about this file (and member) the decision
    answers, filed by the family or a partner on its behalf — without one, 422 on
    ``request_id`` and nothing is written. A refusal is recorded with its reason and
    refuses the request; a grant is carried out at once (a whole file by the retention
    purge: crypto-shredding, proof of deletion, tombstone) and answers it. 409
    ``under-legal-hold`` while a legal hold is in place.

    Args:
        file_id (UUID):
        body (ErasureIn): The DPO's decision on the family's request to erase a file, or one
            member of it
            (``member_id``).

            ``request_id`` is required: the open erasure request (GDPR art. 17) the decision answers,
            filed by the family or by a partner's worker on its behalf — about this file and, for a
            member's erasure, about that member. A DPO cannot erase without one (422 on
            ``request_id``). A grant answers the request, a refusal refuses it with the reason.
            ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text:
            the
            decision outlives the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureOut | Problem]
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
    body: ErasureIn,
) -> ErasureOut | Problem | None:
    """Decide the family's request to erase the file, or one member of it (GDPR art

     Decide the family's request to erase the file, or one member of it (GDPR art. 17):
    ``request_id`` names the open erasure request about this file (and member) the decision
    answers, filed by the family or a partner on its behalf — without one, 422 on
    ``request_id`` and nothing is written. A refusal is recorded with its reason and
    refuses the request; a grant is carried out at once (a whole file by the retention
    purge: crypto-shredding, proof of deletion, tombstone) and answers it. 409
    ``under-legal-hold`` while a legal hold is in place.

    Args:
        file_id (UUID):
        body (ErasureIn): The DPO's decision on the family's request to erase a file, or one
            member of it
            (``member_id``).

            ``request_id`` is required: the open erasure request (GDPR art. 17) the decision answers,
            filed by the family or by a partner's worker on its behalf — about this file and, for a
            member's erasure, about that member. A DPO cannot erase without one (422 on
            ``request_id``). A grant answers the request, a refusal refuses it with the reason.
            ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text:
            the
            decision outlives the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureOut | Problem
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
    body: ErasureIn,
) -> Response[ErasureOut | Problem]:
    """Decide the family's request to erase the file, or one member of it (GDPR art

     Decide the family's request to erase the file, or one member of it (GDPR art. 17):
    ``request_id`` names the open erasure request about this file (and member) the decision
    answers, filed by the family or a partner on its behalf — without one, 422 on
    ``request_id`` and nothing is written. A refusal is recorded with its reason and
    refuses the request; a grant is carried out at once (a whole file by the retention
    purge: crypto-shredding, proof of deletion, tombstone) and answers it. 409
    ``under-legal-hold`` while a legal hold is in place.

    Args:
        file_id (UUID):
        body (ErasureIn): The DPO's decision on the family's request to erase a file, or one
            member of it
            (``member_id``).

            ``request_id`` is required: the open erasure request (GDPR art. 17) the decision answers,
            filed by the family or by a partner's worker on its behalf — about this file and, for a
            member's erasure, about that member. A DPO cannot erase without one (422 on
            ``request_id``). A grant answers the request, a refusal refuses it with the reason.
            ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text:
            the
            decision outlives the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureOut | Problem]
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
    body: ErasureIn,
) -> ErasureOut | Problem | None:
    """Decide the family's request to erase the file, or one member of it (GDPR art

     Decide the family's request to erase the file, or one member of it (GDPR art. 17):
    ``request_id`` names the open erasure request about this file (and member) the decision
    answers, filed by the family or a partner on its behalf — without one, 422 on
    ``request_id`` and nothing is written. A refusal is recorded with its reason and
    refuses the request; a grant is carried out at once (a whole file by the retention
    purge: crypto-shredding, proof of deletion, tombstone) and answers it. 409
    ``under-legal-hold`` while a legal hold is in place.

    Args:
        file_id (UUID):
        body (ErasureIn): The DPO's decision on the family's request to erase a file, or one
            member of it
            (``member_id``).

            ``request_id`` is required: the open erasure request (GDPR art. 17) the decision answers,
            filed by the family or by a partner's worker on its behalf — about this file and, for a
            member's erasure, about that member. A DPO cannot erase without one (422 on
            ``request_id``). A grant answers the request, a refusal refuses it with the reason.
            ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text:
            the
            decision outlives the file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureOut | Problem
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            client=client,
            body=body,
        )
    ).parsed
