"""Audit: append-only triggers, sealing and checkpoints.

The audit table accepts INSERTs of unsealed events only. Every UPDATE and DELETE is refused by a
trigger except two gated paths:

- seal: ``seq`` and ``leaf_hash`` go from NULL to a value, once, with the body unchanged;
- purge: on a sealed event, ``body_purged_at`` goes from NULL to a value while every body column
  becomes NULL in the same statement; ``seq``, ``leaf_hash``, ``id`` and ``occurred_at`` stay.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BODY = (
    "actor_ref",
    "actor_org_ref",
    "actor_role",
    "action",
    "object_type",
    "object_ref",
    "file_ref",
    "data_category",
    "outcome",
    "policy_id",
    "request_id",
    "client_ref",
)
MESSAGE = "audit_events is append-only"


def _sqlite_triggers() -> list[str]:
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in ("id", "occurred_at", *BODY))
    nulled = " AND ".join(f"NEW.{c} IS NULL" for c in BODY)
    seal = (
        "OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.seq >= 0"
        " AND OLD.leaf_hash IS NULL AND length(NEW.leaf_hash) = 32"
        f" AND OLD.body_purged_at IS NULL AND NEW.body_purged_at IS NULL AND {same}"
    )
    purge = (
        "OLD.seq IS NOT NULL AND NEW.seq IS OLD.seq AND NEW.leaf_hash IS OLD.leaf_hash"
        " AND OLD.body_purged_at IS NULL AND NEW.body_purged_at IS NOT NULL"
        f" AND NEW.id IS OLD.id AND NEW.occurred_at IS OLD.occurred_at AND {nulled}"
    )
    return [
        "CREATE TRIGGER audit_events_insert_unsealed BEFORE INSERT ON audit_events "
        "WHEN NEW.seq IS NOT NULL OR NEW.leaf_hash IS NOT NULL OR NEW.body_purged_at IS NOT NULL "
        "OR NEW.action IS NULL OR NEW.outcome IS NULL "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: insert unsealed events only'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        "CREATE TRIGGER audit_events_gated_update BEFORE UPDATE ON audit_events "
        f"WHEN NOT (({seal}) OR ({purge})) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    ]


def _postgresql_statements() -> list[str]:
    body_new = ", ".join(f"NEW.{c}" for c in ("id", "occurred_at", *BODY))
    body_old = ", ".join(f"OLD.{c}" for c in ("id", "occurred_at", *BODY))
    nulled = " AND ".join(f"NEW.{c} IS NULL" for c in BODY)
    return [
        f"""
        CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            IF NEW.seq IS NOT NULL OR NEW.leaf_hash IS NOT NULL OR NEW.body_purged_at IS NOT NULL
               OR NEW.action IS NULL OR NEW.outcome IS NULL THEN
              RAISE EXCEPTION '{MESSAGE}: insert unsealed events only'
                USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
          END IF;
          IF TG_OP = 'UPDATE' THEN
            -- seal: seq and leaf hash set once, body unchanged
            IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.seq >= 0
               AND OLD.leaf_hash IS NULL AND octet_length(NEW.leaf_hash) = 32
               AND OLD.body_purged_at IS NULL AND NEW.body_purged_at IS NULL
               AND ROW({body_new}) IS NOT DISTINCT FROM ROW({body_old}) THEN
              RETURN NEW;
            END IF;
            -- purge: a sealed event loses its body, keeps id, seq, time and leaf hash
            IF OLD.seq IS NOT NULL AND NEW.seq IS NOT DISTINCT FROM OLD.seq
               AND NEW.leaf_hash IS NOT DISTINCT FROM OLD.leaf_hash
               AND OLD.body_purged_at IS NULL AND NEW.body_purged_at IS NOT NULL
               AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND {nulled} THEN
              RETURN NEW;
            END IF;
          END IF;
          RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END
        $$
        """,
        "CREATE TRIGGER audit_events_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_guard()",
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()",
    ]


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column(
            "action",
            existing_type=sa.String(length=64),
            nullable=True,
            comment="null once the body is purged",
        )
        batch.alter_column(
            "outcome",
            existing_type=sa.String(length=16),
            nullable=True,
            comment="null once the body is purged",
        )
        batch.add_column(
            sa.Column(
                "leaf_hash",
                sa.LargeBinary(length=32),
                nullable=True,
                comment="RFC 6962 leaf hash of the canonical event, set with seq",
            )
        )
        batch.add_column(
            sa.Column(
                "body_purged_at",
                UTCDateTime(),
                nullable=True,
                comment="when retention removed the body; the leaf hash stays",
            )
        )

    op.create_index(
        "ix_audit_events_unsealed",
        "audit_events",
        ["occurred_at", "id"],
        sqlite_where=sa.text("seq IS NULL"),
        postgresql_where=sa.text("seq IS NULL"),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("tree_size", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, comment="signed checkpoint note"),
        sa.Column(
            "frontier",
            sa.LargeBinary(),
            nullable=False,
            comment="roots of the perfect subtrees, to extend the tree",
        ),
        sa.Column("sealed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tree_size", name=op.f("pk_audit_checkpoints")),
    )
    op.create_table(
        "audit_sealer_lease",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column(
            "holder", sa.String(length=128), nullable=True, comment="instance id, no hostnames"
        ),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_audit_sealer_lease")),
    )
    op.execute("INSERT INTO audit_sealer_lease (name) VALUES ('sealer')")
    op.create_table(
        "audit_resolutions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("actor_ref", sa.String(length=64), nullable=False, comment="HMAC ref"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "reason", sa.LargeBinary(), nullable=False, comment="encrypted: the DPO's stated reason"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_resolutions")),
    )

    dialect = op.get_bind().dialect.name
    statements = _sqlite_triggers() if dialect == "sqlite" else _postgresql_statements()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("audit_events_gated_update", "audit_events_no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TRIGGER IF EXISTS audit_events_insert_unsealed")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_guard ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_guard()")
    op.drop_index("ix_audit_events_unsealed", table_name="audit_events")
    op.drop_table("audit_resolutions")
    op.drop_table("audit_sealer_lease")
    op.drop_table("audit_checkpoints")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("body_purged_at")
        batch.drop_column("leaf_hash")
