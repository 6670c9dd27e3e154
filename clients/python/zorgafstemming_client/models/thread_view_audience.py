from enum import StrEnum


class ThreadViewAudience(StrEnum):
    FAMILY = "family"
    PARTNERS = "partners"

    def __str__(self) -> str:
        return str(self.value)
