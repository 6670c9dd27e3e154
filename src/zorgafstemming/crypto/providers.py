"""Which KEK provider the settings choose: a PKCS#11 token, an environment variable or a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zorgafstemming.crypto.hsm import provider_from_settings
from zorgafstemming.crypto.keyring import KekProvider, provider_for

if TYPE_CHECKING:
    from zorgafstemming.config import Settings


def kek_provider(settings: Settings, *, create: bool = False) -> KekProvider:
    """The KEK provider for ``settings``: the PKCS#11 token when a module is named (``create``:
    make its first KEK version if it has none), else the environment variable or the key file."""
    if settings.kek_pkcs11_module is not None:
        return provider_from_settings(settings, create=create)
    return provider_for(settings)
