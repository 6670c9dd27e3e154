from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.organisation_out import OrganisationOut
from ...types import Response


def _get_kwargs(
    organisation_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/organisations/{organisation_id}".format(
            organisation_id=quote(str(organisation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrganisationOut | None:
    if response.status_code == 200:
        response_200 = OrganisationOut.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OrganisationOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OrganisationOut]:
    """GetOrganisation

    Args:
        organisation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationOut]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> OrganisationOut | None:
    """GetOrganisation

    Args:
        organisation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationOut
    """

    return sync_detailed(
        organisation_id=organisation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    organisation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OrganisationOut]:
    """GetOrganisation

    Args:
        organisation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationOut]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> OrganisationOut | None:
    """GetOrganisation

    Args:
        organisation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationOut
    """

    return (
        await asyncio_detailed(
            organisation_id=organisation_id,
            client=client,
        )
    ).parsed
