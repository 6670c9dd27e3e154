from enum import StrEnum


class AttestInAnswer(StrEnum):
    NEEDED = "needed"
    NOT_JUSTIFIED = "not_justified"

    def __str__(self) -> str:
        return str(self.value)
