from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.activate_request import ActivateRequest
from ...models.activate_response import ActivateResponse
from ...models.problem import Problem
from ...models.verification_sent import VerificationSent
from ...types import Response


def _get_kwargs(
    *,
    body: ActivateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/activate",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActivateResponse | VerificationSent | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ActivateResponse | VerificationSent:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = ActivateResponse.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = VerificationSent.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ActivateResponse | VerificationSent | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ActivateRequest,
) -> Response[ActivateResponse | VerificationSent | Problem]:
    """One step of an activation; the fields given say which

     One step of an activation; the fields given say which.

    Staff — ``{token, password}`` with the token of the link mailed to their own address:
    sets the password and returns the TOTP enrolment.

    Family member, with the letter a social worker handed over:

    1. ``{code, email}`` — the letter's in-person code and the person's own e-mail address:
       an eight-digit code is mailed to that address (202, valid 30 minutes).
    2. ``{code, email_code, password}`` — the letter's code, the mailed code and a new
       password: the address becomes the account's sign-in address; returns the TOTP
       enrolment.

    Then ``/activate/confirm`` with a first code from the app. Every refusal (a wrong,
    spent or expired code, an address of another account) is the same 401.

    Args:
        body (ActivateRequest): One step of an activation; which fields are given says which step
            (see the route).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivateResponse | VerificationSent | Problem]
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
    body: ActivateRequest,
) -> ActivateResponse | VerificationSent | Problem | None:
    """One step of an activation; the fields given say which

     One step of an activation; the fields given say which.

    Staff — ``{token, password}`` with the token of the link mailed to their own address:
    sets the password and returns the TOTP enrolment.

    Family member, with the letter a social worker handed over:

    1. ``{code, email}`` — the letter's in-person code and the person's own e-mail address:
       an eight-digit code is mailed to that address (202, valid 30 minutes).
    2. ``{code, email_code, password}`` — the letter's code, the mailed code and a new
       password: the address becomes the account's sign-in address; returns the TOTP
       enrolment.

    Then ``/activate/confirm`` with a first code from the app. Every refusal (a wrong,
    spent or expired code, an address of another account) is the same 401.

    Args:
        body (ActivateRequest): One step of an activation; which fields are given says which step
            (see the route).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivateResponse | VerificationSent | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ActivateRequest,
) -> Response[ActivateResponse | VerificationSent | Problem]:
    """One step of an activation; the fields given say which

     One step of an activation; the fields given say which.

    Staff — ``{token, password}`` with the token of the link mailed to their own address:
    sets the password and returns the TOTP enrolment.

    Family member, with the letter a social worker handed over:

    1. ``{code, email}`` — the letter's in-person code and the person's own e-mail address:
       an eight-digit code is mailed to that address (202, valid 30 minutes).
    2. ``{code, email_code, password}`` — the letter's code, the mailed code and a new
       password: the address becomes the account's sign-in address; returns the TOTP
       enrolment.

    Then ``/activate/confirm`` with a first code from the app. Every refusal (a wrong,
    spent or expired code, an address of another account) is the same 401.

    Args:
        body (ActivateRequest): One step of an activation; which fields are given says which step
            (see the route).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivateResponse | VerificationSent | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ActivateRequest,
) -> ActivateResponse | VerificationSent | Problem | None:
    """One step of an activation; the fields given say which

     One step of an activation; the fields given say which.

    Staff — ``{token, password}`` with the token of the link mailed to their own address:
    sets the password and returns the TOTP enrolment.

    Family member, with the letter a social worker handed over:

    1. ``{code, email}`` — the letter's in-person code and the person's own e-mail address:
       an eight-digit code is mailed to that address (202, valid 30 minutes).
    2. ``{code, email_code, password}`` — the letter's code, the mailed code and a new
       password: the address becomes the account's sign-in address; returns the TOTP
       enrolment.

    Then ``/activate/confirm`` with a first code from the app. Every refusal (a wrong,
    spent or expired code, an address of another account) is the same 401.

    Args:
        body (ActivateRequest): One step of an activation; which fields are given says which step
            (see the route).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivateResponse | VerificationSent | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
