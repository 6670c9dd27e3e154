from enum import StrEnum


class ReferralViewStatus(StrEnum):
    DECLINED = "declined"
    JOINED = "joined"
    OPEN = "open"
    WAITING_FOR_CONSENT = "waiting_for_consent"

    def __str__(self) -> str:
        return str(self.value)
