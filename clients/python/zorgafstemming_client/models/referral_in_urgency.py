from enum import StrEnum


class ReferralInUrgency(StrEnum):
    ROUTINE = "routine"
    SOON = "soon"
    URGENT = "urgent"

    def __str__(self) -> str:
        return str(self.value)
