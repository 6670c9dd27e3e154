from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    file_id: UUID,
    attachment_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/files/{file_id}/attachments/{attachment_id}".format(
            file_id=quote(str(file_id), safe=""),
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.json())
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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | str]:
    """Download an attachment of a message your consent covers (audited as a read)

     Download an attachment of a message your consent covers (audited as a read).

    Args:
        file_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        attachment_id=attachment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    file_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | str | None:
    """Download an attachment of a message your consent covers (audited as a read)

     Download an attachment of a message your consent covers (audited as a read).

    Args:
        file_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        file_id=file_id,
        attachment_id=attachment_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    file_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | str]:
    """Download an attachment of a message your consent covers (audited as a read)

     Download an attachment of a message your consent covers (audited as a read).

    Args:
        file_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        attachment_id=attachment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: UUID,
    attachment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | str | None:
    """Download an attachment of a message your consent covers (audited as a read)

     Download an attachment of a message your consent covers (audited as a read).

    Args:
        file_id (UUID):
        attachment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            file_id=file_id,
            attachment_id=attachment_id,
            client=client,
        )
    ).parsed
