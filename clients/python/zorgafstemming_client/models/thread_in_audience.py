from enum import StrEnum


class ThreadInAudience(StrEnum):
    FAMILY = "family"
    PARTNERS = "partners"

    def __str__(self) -> str:
        return str(self.value)
