"""Which columns hold encrypted values, and whose data key each row uses.

Every package that stores encrypted values registers each such column once, at import of its
``models.py``, with the same table and column names its services pass to
:meth:`~zorgafstemming.crypto.fields.FieldCipher.encrypt`::

    register_encrypted_column("members", "given_name", owner_kind="file", owner_id_column="file_id")
    # The ACCOUNTS_OWNER key; stored in column email_enc, encrypted with column="email".
    register_encrypted_column("accounts", "email_enc", owner_kind="accounts", aad_column="email")

``zorgafstemming keys rotate-data-keys`` walks these columns to re-encrypt values under the new
keys. As a safety net it also scans every other ``LargeBinary`` column whose comment starts with
``encrypted:``: a retiring key still used there is kept (and reported), never deleted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import LargeBinary, MetaData


@dataclass(frozen=True)
class EncryptedColumn:
    """One column of encrypted values and how to find each row's owner (its data key)."""

    table: str
    column: str
    owner_kind: str
    owner_id_column: str | None = None
    """Column of the same table holding the owner id; None when the kind has one shared key
    with owner id ``UUID(int=0)`` (as :data:`~zorgafstemming.crypto.fields.ACCOUNTS_OWNER`)."""
    id_column: str = "id"
    """The row id passed to encrypt/decrypt (a UUID primary key)."""
    aad_column: str | None = None
    """The ``column`` passed to encrypt/decrypt, when it is not the database column's name."""
    self_owner_kind: str | None = None
    """The owner kind of a row whose ``owner_id_column`` is NULL: such a row is under a key of
    its own, owner id = the row id (a staged upload before it belongs to an owner)."""

    def owner_of(
        self, row_id: uuid.UUID, owner_id: uuid.UUID | None
    ) -> tuple[str, uuid.UUID] | None:
        """The (owner kind, owner id) of one row's key; None when the row has no owner."""
        if self.owner_id_column is None:
            return None
        if owner_id is None:
            return (self.self_owner_kind, row_id) if self.self_owner_kind is not None else None
        return self.owner_kind, owner_id

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"

    @property
    def encrypted_as(self) -> str:
        """The column name bound into each value's associated data."""
        return self.aad_column or self.column


_REGISTRY: dict[tuple[str, str], EncryptedColumn] = {}


def register_encrypted_column(
    table: str,
    column: str,
    *,
    owner_kind: str,
    owner_id_column: str | None = None,
    id_column: str = "id",
    aad_column: str | None = None,
    self_owner_kind: str | None = None,
) -> EncryptedColumn:
    """Declare that ``table.column`` holds values encrypted under the row owner's data key.

    ``aad_column`` is the column name the services pass to encrypt, if it differs;
    ``self_owner_kind`` the owner kind of rows without an owner id (under a key of their own).
    """
    entry = EncryptedColumn(
        table, column, owner_kind, owner_id_column, id_column, aad_column, self_owner_kind
    )
    existing = _REGISTRY.get((table, column))
    if existing is not None and existing != entry:
        raise ValueError(f"{entry.name} is already registered differently")
    _REGISTRY[(table, column)] = entry
    return entry


def unregister_encrypted_column(table: str, column: str) -> None:
    """Forget a registration (for tables that exist only in tests)."""
    _REGISTRY.pop((table, column), None)


def encrypted_columns() -> tuple[EncryptedColumn, ...]:
    """Every registered column, in a stable order."""
    return tuple(_REGISTRY[k] for k in sorted(_REGISTRY))


def unregistered_encrypted_columns(metadata: MetaData) -> list[tuple[str, str]]:
    """(table, column) of binary columns commented ``encrypted:`` that nobody registered."""
    found: list[tuple[str, str]] = []
    for table in metadata.sorted_tables:
        if table.name == "data_keys":  # wrapped keys, handled by KEK rotation
            continue
        for col in table.columns:
            comment = (col.comment or "").lower()
            if (
                isinstance(col.type, LargeBinary)
                and comment.startswith("encrypted")
                and (table.name, col.name) not in _REGISTRY
            ):
                found.append((table.name, col.name))
    return found
