"""The KEK on a PKCS#11 token (a hardware or network HSM; SoftHSM2 in the tests).

Each KEK version is an AES-256 secret key object on the token, labelled
``settings.kek_pkcs11_key_label`` with ``CKA_ID`` = the version as 4 bytes (big-endian), created
on the token as sensitive and non-extractable: its value never leaves the token, not even
wrapped. A data key is wrapped by ``C_Encrypt`` with ``CKM_AES_GCM`` inside the token, under the
same associated data as the key-file provider (KEK version and owner), and stored as
``nonce ‖ ciphertext ‖ tag``; unwrapping is ``C_Decrypt`` inside the token. The highest version
on the token is the active one. Every instance of the service points at the same token (or
HSM cluster) and no key file is copied between hosts.

Unwrapped data keys are cached by :class:`~zorgafstemming.crypto.fields.FieldCipher` (bounded,
``settings.data_key_cache_seconds``, and checked against the stored key row in every reading
transaction), so a request rarely reaches the token.

The user PIN comes from ``settings.kek_pkcs11_pin_file`` (mode 0600) or the environment variable
:data:`PIN_ENV_VAR`; it is never a setting itself, so it never appears in a config file or log.
"""

from __future__ import annotations

import os
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zorgafstemming.crypto.keyfiles import KeyFileError, read_private_file
from zorgafstemming.crypto.keyring import NONCE_BYTES, KekUnavailable, UnwrapError

if TYPE_CHECKING:
    from zorgafstemming.config import Settings

PIN_ENV_VAR = "ZORG_KEK_PKCS11_PIN"
KEY_BITS = 256
TAG_BITS = 128
T = TypeVar("T")


class TokenUnavailable(KeyFileError, KekUnavailable):
    """The token cannot be used (module, token, PIN, KEK object); the message says which."""


def _pkcs11() -> Any:
    """The python-pkcs11 package (an optional dependency: ``pip install zorgafstemming[hsm]``)."""
    try:
        import pkcs11
    except ImportError:
        raise TokenUnavailable(
            "the PKCS#11 KEK needs python-pkcs11: pip install 'zorgafstemming[hsm]'"
        ) from None
    return pkcs11


def _version_id(version: int) -> bytes:
    return struct.pack(">I", version)


def read_pin(settings: Settings, environ: dict[str, str] | None = None) -> str:
    """The token's user PIN: from the PIN file if one is set, else from ``ZORG_KEK_PKCS11_PIN``."""
    if settings.kek_pkcs11_pin_file is not None:
        pin = read_private_file(settings.kek_pkcs11_pin_file).decode("utf-8", "replace").strip()
    else:
        pin = (os.environ if environ is None else environ).get(PIN_ENV_VAR, "")
    if not pin:
        raise KeyFileError(
            f"the PKCS#11 PIN is not set (set {PIN_ENV_VAR} or ZORG_KEK_PKCS11_PIN_FILE)"
        )
    return pin


class Pkcs11KekProvider:
    """KEK versions as non-extractable AES keys on a PKCS#11 token; see the module doc."""

    def __init__(self, module: Path, token_label: str, key_label: str, pin: str) -> None:
        p11 = _pkcs11()
        self._p11 = p11
        self.module = module
        self.token_label = token_label
        self.key_label = key_label
        self._pin = pin
        # One session, used by one call at a time (the service calls from its event loop and,
        # for password hashing and the like, from worker threads that never touch the token).
        self._lock = threading.RLock()
        self._session: Any = None
        self._keys: dict[int, Any] = {}
        try:
            self._lib = p11.lib(str(module))
            self._open()
        except p11.PKCS11Error as exc:
            raise TokenUnavailable(self._describe(exc)) from None
        except OSError:
            raise TokenUnavailable(f"cannot load the PKCS#11 module {module}") from None

    # -- token access ------------------------------------------------------------------------

    def _describe(self, exc: Exception) -> str:
        name = type(exc).__name__
        if name == "NoSuchToken":
            return f"no PKCS#11 token labelled {self.token_label!r} in {self.module}"
        if name in {"PinIncorrect", "PinInvalid", "PinLenRange"}:
            return f"the PKCS#11 PIN for token {self.token_label!r} is wrong"
        if name == "PinLocked":
            return f"the PKCS#11 PIN of token {self.token_label!r} is locked"
        return f"the PKCS#11 token {self.token_label!r} failed ({name})"

    def _open(self) -> None:
        token = self._lib.get_token(token_label=self.token_label)
        try:
            self._session = token.open(rw=True, user_pin=self._pin)
        except self._p11.UserAlreadyLoggedIn:
            # PKCS#11 logs a process in once per token: another session of it already did.
            self._session = token.open(rw=True)
        self._keys = self._find_versions()

    def _find_versions(self) -> dict[int, Any]:
        p11 = self._p11
        found: dict[int, Any] = {}
        for obj in self._session.get_objects(
            {
                p11.Attribute.CLASS: p11.ObjectClass.SECRET_KEY,
                p11.Attribute.LABEL: self.key_label,
            }
        ):
            raw_id = bytes(obj[p11.Attribute.ID])
            if len(raw_id) != 4:
                continue  # not one of ours (same label, other id scheme)
            version = struct.unpack(">I", raw_id)[0]
            if version in found:
                raise TokenUnavailable(
                    f"the token holds two KEK objects labelled {self.key_label!r}"
                    f" for version {version}"
                )
            found[version] = obj
        return found

    def _call(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the session; reopen it once if the token dropped it."""
        p11 = self._p11
        with self._lock:
            try:
                return work()
            except (
                p11.SessionClosed,
                p11.SessionHandleInvalid,
                p11.DeviceRemoved,
                p11.TokenNotPresent,
                p11.UserNotLoggedIn,
                p11.ObjectHandleInvalid,
                p11.KeyHandleInvalid,
            ):
                try:
                    self._open()
                    return work()
                except p11.PKCS11Error as exc:
                    raise TokenUnavailable(self._describe(exc)) from None

    def _key(self, version: int) -> Any:
        key = self._keys.get(version)
        if key is None:
            self.refresh()
            key = self._keys.get(version)
        if key is None:
            raise KekUnavailable(f"KEK version {version} is not on the token")
        return key

    # -- the KekProvider interface -----------------------------------------------------------

    @property
    def active_version(self) -> int:
        if not self._keys:
            raise KekUnavailable(
                f"no KEK labelled {self.key_label!r} on token {self.token_label!r}:"
                " run `zorgafstemming init` once"
            )
        return max(self._keys)

    def versions(self) -> frozenset[int]:
        return frozenset(self._keys)

    def _gcm(self, nonce: bytes, aad: bytes) -> dict[str, Any]:
        from pkcs11.mechanisms import GCMParams

        return {
            "mechanism": self._p11.Mechanism.AES_GCM,
            "mechanism_param": GCMParams(nonce, aad, TAG_BITS),
        }

    def wrap(self, version: int, key: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)

        def encrypt() -> bytes:
            wrapped: bytes = self._key(version).encrypt(key, **self._gcm(nonce, aad))
            return wrapped

        try:
            return nonce + self._call(encrypt)
        except self._p11.PKCS11Error as exc:
            raise TokenUnavailable(self._describe(exc)) from None

    def unwrap(self, version: int, wrapped: bytes, aad: bytes) -> bytes:
        if len(wrapped) <= NONCE_BYTES + TAG_BITS // 8:
            raise UnwrapError("wrapped data key does not authenticate")
        nonce, body = wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:]

        def decrypt() -> bytes:
            raw: bytes = self._key(version).decrypt(body, **self._gcm(nonce, aad))
            return raw

        p11 = self._p11
        try:
            return self._call(decrypt)
        except (p11.GeneralError, p11.EncryptedDataInvalid, p11.EncryptedDataLenRange):
            # SoftHSM2 reports a failed GCM tag check as a general error; a token that is down
            # shows as a session or device error instead (handled in _call).
            raise UnwrapError("wrapped data key does not authenticate") from None
        except p11.PKCS11Error as exc:
            raise TokenUnavailable(self._describe(exc)) from None

    def add_version(self) -> int:
        p11 = self._p11

        def generate() -> int:
            self._keys = self._find_versions()
            new = max(self._keys, default=0) + 1
            self._keys[new] = self._session.generate_key(
                p11.KeyType.AES,
                KEY_BITS,
                id=_version_id(new),
                label=self.key_label,
                store=True,
                capabilities=p11.MechanismFlag.ENCRYPT | p11.MechanismFlag.DECRYPT,
                template={
                    p11.Attribute.SENSITIVE: True,
                    p11.Attribute.EXTRACTABLE: False,
                    p11.Attribute.PRIVATE: True,
                    p11.Attribute.MODIFIABLE: False,
                    p11.Attribute.WRAP: False,
                    p11.Attribute.UNWRAP: False,
                    p11.Attribute.SIGN: False,
                    p11.Attribute.VERIFY: False,
                },
            )
            return new

        try:
            return self._call(generate)
        except p11.PKCS11Error as exc:
            raise TokenUnavailable(self._describe(exc)) from None

    def refresh(self) -> None:
        def find() -> None:
            self._keys = self._find_versions()

        try:
            self._call(find)
        except self._p11.PKCS11Error as exc:
            raise TokenUnavailable(self._describe(exc)) from None

    def retire(self, version: int) -> bool:
        self.refresh()
        if version == self.active_version:
            raise KekUnavailable("the active KEK version cannot be retired")
        key = self._keys.get(version)
        if key is None:
            return True

        def destroy() -> None:
            key.destroy()
            self._keys.pop(version, None)

        try:
            self._call(destroy)
        except self._p11.PKCS11Error as exc:
            raise TokenUnavailable(self._describe(exc)) from None
        return True

    def close(self) -> None:
        """Close the token session (the module stays loaded for the process)."""
        with self._lock:
            if self._session is not None:
                self._session.close()
                self._session = None


def provider_from_settings(settings: Settings, *, create: bool = False) -> Pkcs11KekProvider:
    """The PKCS#11 provider the settings describe; ``create`` makes KEK version 1 on a token
    that has none yet (``zorgafstemming init``), otherwise a token without a KEK is refused."""
    if settings.kek_pkcs11_module is None or not settings.kek_pkcs11_token:
        raise TokenUnavailable("set both ZORG_KEK_PKCS11_MODULE and ZORG_KEK_PKCS11_TOKEN")
    provider = Pkcs11KekProvider(
        settings.kek_pkcs11_module,
        settings.kek_pkcs11_token,
        settings.kek_pkcs11_key_label,
        read_pin(settings),
    )
    if not provider.versions():
        if not create:
            provider.close()
            raise TokenUnavailable(
                f"no KEK labelled {settings.kek_pkcs11_key_label!r} on token"
                f" {settings.kek_pkcs11_token!r}: run `zorgafstemming init` once"
            )
        provider.add_version()
    return provider
