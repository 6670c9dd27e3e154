from enum import StrEnum


class AccessItemAnswerType0(StrEnum):
    NEEDED = "needed"
    NOT_JUSTIFIED = "not_justified"

    def __str__(self) -> str:
        return str(self.value)
