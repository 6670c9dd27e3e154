from enum import StrEnum


class RequestViewScope(StrEnum):
    FILE = "file"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
