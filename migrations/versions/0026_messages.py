"""Messages on a file: threads, the messages in them and their attachments.

A partner's worker opens a thread (``message_threads``: audience ``partners`` or ``family``, an
encrypted subject with its data category, the members it concerns); partners and, in a family
thread, the family accounts of those members write messages (``messages``: category, encrypted
body, the members it is about). A message may carry attachments (``message_attachments``,
encrypted under the file's key, uploaded first). Everything points to the file and goes with it.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from zorgafstemming.db import UTCDateTime

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str | None) -> sa.ForeignKeyConstraint:
    name = target.partition(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{name}"), ondelete=ondelete
    )


def _file_columns(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        _fk(table, "file_id", "coordination_files.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "message_threads",
        *_file_columns("message_threads"),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column(
            "category",
            sa.String(length=32),
            nullable=False,
            comment="vocabulary data category of the subject",
        ),
        sa.Column(
            "subject_enc",
            sa.LargeBinary(),
            nullable=False,
            comment="encrypted: the thread's subject",
        ),
        sa.Column("created_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_message_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "audience IN ('partners', 'family')", name=op.f("ck_message_threads_audience")
        ),
        _fk("message_threads", "created_by_account_id", "accounts.id", "SET NULL"),
        _fk("message_threads", "created_by_organisation_id", "organisations.id", None),
    )
    op.create_index("ix_message_threads_file_id", "message_threads", ["file_id"])
    op.create_index(
        "ix_purge_message_threads_created_by", "message_threads", ["created_by_account_id"]
    )

    op.create_table(
        "message_thread_members",
        sa.Column("thread_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        _fk("message_thread_members", "thread_id", "message_threads.id", "CASCADE"),
        _fk("message_thread_members", "member_id", "members.id", "CASCADE"),
        sa.PrimaryKeyConstraint("thread_id", "member_id", name=op.f("pk_message_thread_members")),
    )
    op.create_index(
        "ix_purge_message_thread_members_member_id", "message_thread_members", ["member_id"]
    )

    op.create_table(
        "messages",
        *_file_columns("messages"),
        sa.Column("thread_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category", sa.String(length=32), nullable=False, comment="vocabulary data category"
        ),
        sa.Column(
            "body_enc", sa.LargeBinary(), nullable=False, comment="encrypted: the message text"
        ),
        sa.Column("author_account_id", sa.Uuid(), nullable=True),
        sa.Column(
            "author_organisation_id",
            sa.Uuid(),
            nullable=True,
            comment="the partner that wrote it; none when the family did",
        ),
        sa.Column(
            "author_member_id",
            sa.Uuid(),
            nullable=True,
            comment="the member whose family account wrote it",
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _fk("messages", "thread_id", "message_threads.id", "CASCADE"),
        _fk("messages", "author_account_id", "accounts.id", "SET NULL"),
        _fk("messages", "author_organisation_id", "organisations.id", None),
        _fk("messages", "author_member_id", "members.id", "SET NULL"),
    )
    op.create_index("ix_messages_thread_id_id", "messages", ["thread_id", "id"])
    op.create_index("ix_purge_messages_file_id", "messages", ["file_id"])
    op.create_index("ix_purge_messages_author", "messages", ["author_account_id"])
    op.create_index("ix_purge_messages_author_member_id", "messages", ["author_member_id"])

    op.create_table(
        "message_members",
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        _fk("message_members", "message_id", "messages.id", "CASCADE"),
        _fk("message_members", "member_id", "members.id", "CASCADE"),
        sa.PrimaryKeyConstraint("message_id", "member_id", name=op.f("pk_message_members")),
    )
    op.create_index("ix_purge_message_members_member_id", "message_members", ["member_id"])

    op.create_table(
        "message_attachments",
        *_file_columns("message_attachments"),
        sa.Column(
            "message_id", sa.Uuid(), nullable=True, comment="none until a message carries it"
        ),
        sa.Column(
            "media_type",
            sa.String(length=32),
            nullable=False,
            comment="from the content, never the name",
        ),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False, comment="hex, of the content"),
        sa.Column(
            "content_enc",
            sa.LargeBinary(),
            nullable=False,
            comment="encrypted: the attached document",
        ),
        sa.Column("uploaded_by_account_id", sa.Uuid(), nullable=True),
        sa.Column("uploaded_by_organisation_id", sa.Uuid(), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        _fk("message_attachments", "message_id", "messages.id", "CASCADE"),
        _fk("message_attachments", "uploaded_by_account_id", "accounts.id", "SET NULL"),
        _fk("message_attachments", "uploaded_by_organisation_id", "organisations.id", None),
    )
    op.create_index("ix_message_attachments_file_id", "message_attachments", ["file_id"])
    op.create_index("ix_message_attachments_message_id", "message_attachments", ["message_id"])
    op.create_index(
        "ix_purge_message_attachments_uploaded_by",
        "message_attachments",
        ["uploaded_by_account_id"],
    )


def downgrade() -> None:
    op.drop_table("message_attachments")
    op.drop_table("message_members")
    op.drop_table("messages")
    op.drop_table("message_thread_members")
    op.drop_table("message_threads")
