"""Every table of the service, imported so that ``metadata`` is complete (Alembic, drift test)."""

from zorgafstemming import db
from zorgafstemming.accessreview import models as access_review_models
from zorgafstemming.audit import models as audit_models
from zorgafstemming.coordination import (
    access_models,
    annotation_models,
    duplicate_models,
    meeting_models,
    member_models,
    message_models,
    notice_models,
    plan_models,
    referral_models,
)
from zorgafstemming.coordination import models as coordination_models
from zorgafstemming.coordination.emergency import models as emergency_models
from zorgafstemming.coordination.restriction import models as restriction_models
from zorgafstemming.crypto import models as crypto_models
from zorgafstemming.identity import models as identity_models
from zorgafstemming.identity import staff_contact_models
from zorgafstemming.mail import models as mail_models
from zorgafstemming.retention import models as retention_models
from zorgafstemming.rights import models as rights_models

metadata = db.Base.metadata

__all__ = [
    "access_models",
    "access_review_models",
    "annotation_models",
    "audit_models",
    "coordination_models",
    "crypto_models",
    "duplicate_models",
    "emergency_models",
    "identity_models",
    "mail_models",
    "meeting_models",
    "member_models",
    "message_models",
    "metadata",
    "notice_models",
    "plan_models",
    "referral_models",
    "restriction_models",
    "retention_models",
    "rights_models",
    "staff_contact_models",
]
