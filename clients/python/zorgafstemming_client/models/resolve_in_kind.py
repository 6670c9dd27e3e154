from enum import StrEnum


class ResolveInKind(StrEnum):
    FILE = "file"
    PERSON = "person"

    def __str__(self) -> str:
        return str(self.value)
