from enum import StrEnum


class TaskViewKind(StrEnum):
    CONSENT_EXPIRING = "consent_expiring"
    LEAD_HANDOVER = "lead_handover"
    MEETING = "meeting"
    PLAN_ACTION = "plan_action"
    REFERRAL = "referral"

    def __str__(self) -> str:
        return str(self.value)
