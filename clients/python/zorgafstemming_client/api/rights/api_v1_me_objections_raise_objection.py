from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.objection_in import ObjectionIn
from ...models.objection_out import ObjectionOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: ObjectionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/objections",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ObjectionOut | Problem | None:
    if response.status_code == 201:
        response_201 = ObjectionOut.from_dict(response.json())

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
) -> Response[ObjectionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionIn,
) -> Response[ObjectionOut | Problem]:
    """Object, with your grounds, to the processing of your data (or a child's you represent,
    ``member_id``) under a consent on a statutory basis (``dijh_art74``)

     Object, with your grounds, to the processing of your data (or a child's you
    represent, ``member_id``) under a consent on a statutory basis (``dijh_art74``). The
    lead organisation decides; the DPO follows it. 422 ``not-open-to-objection`` for a
    consent you withdraw instead; 409 ``objection-open`` while one about the same waits.

    Args:
        body (ObjectionIn): A family member's objection (GDPR art. 21) to the statute-based
            processing of data under
            ``consent_id``: their own data, or (``member_id``) that of a child they represent.
            ``request_id``: the data-subject request this answers, if any.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectionOut | Problem]
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
    body: ObjectionIn,
) -> ObjectionOut | Problem | None:
    """Object, with your grounds, to the processing of your data (or a child's you represent,
    ``member_id``) under a consent on a statutory basis (``dijh_art74``)

     Object, with your grounds, to the processing of your data (or a child's you
    represent, ``member_id``) under a consent on a statutory basis (``dijh_art74``). The
    lead organisation decides; the DPO follows it. 422 ``not-open-to-objection`` for a
    consent you withdraw instead; 409 ``objection-open`` while one about the same waits.

    Args:
        body (ObjectionIn): A family member's objection (GDPR art. 21) to the statute-based
            processing of data under
            ``consent_id``: their own data, or (``member_id``) that of a child they represent.
            ``request_id``: the data-subject request this answers, if any.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectionOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionIn,
) -> Response[ObjectionOut | Problem]:
    """Object, with your grounds, to the processing of your data (or a child's you represent,
    ``member_id``) under a consent on a statutory basis (``dijh_art74``)

     Object, with your grounds, to the processing of your data (or a child's you
    represent, ``member_id``) under a consent on a statutory basis (``dijh_art74``). The
    lead organisation decides; the DPO follows it. 422 ``not-open-to-objection`` for a
    consent you withdraw instead; 409 ``objection-open`` while one about the same waits.

    Args:
        body (ObjectionIn): A family member's objection (GDPR art. 21) to the statute-based
            processing of data under
            ``consent_id``: their own data, or (``member_id``) that of a child they represent.
            ``request_id``: the data-subject request this answers, if any.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectionOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ObjectionIn,
) -> ObjectionOut | Problem | None:
    """Object, with your grounds, to the processing of your data (or a child's you represent,
    ``member_id``) under a consent on a statutory basis (``dijh_art74``)

     Object, with your grounds, to the processing of your data (or a child's you
    represent, ``member_id``) under a consent on a statutory basis (``dijh_art74``). The
    lead organisation decides; the DPO follows it. 422 ``not-open-to-objection`` for a
    consent you withdraw instead; 409 ``objection-open`` while one about the same waits.

    Args:
        body (ObjectionIn): A family member's objection (GDPR art. 21) to the statute-based
            processing of data under
            ``consent_id``: their own data, or (``member_id``) that of a child they represent.
            ``request_id``: the data-subject request this answers, if any.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectionOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
