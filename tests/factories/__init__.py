"""Shared test builders, by subject; accounts and sign-in are re-exported here.

``from tests.factories import create_account`` builds an active account. The other subjects live
in their own modules: ``coordination`` (a network, a family, file bodies), ``retention`` (files
seeded with Core inserts for the purge), ``crypto`` (probe tables for key rotation),
``raw_database`` (what a database holds outside the service), ``audit`` (a broken audit store),
``http`` (the security headers every response carries) and ``access_objects`` (the objects of the
access matrix).
"""

from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    TestAccount,
    activation_code_from_mail,
    auth_headers,
    bearer_token,
    create_account,
    create_organisation,
    current_code,
    demo_account,
    email_code_from_mail,
    login,
    web_session,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "TestAccount",
    "activation_code_from_mail",
    "auth_headers",
    "bearer_token",
    "create_account",
    "create_organisation",
    "current_code",
    "demo_account",
    "email_code_from_mail",
    "login",
    "web_session",
]
