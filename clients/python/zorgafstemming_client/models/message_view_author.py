from enum import StrEnum


class MessageViewAuthor(StrEnum):
    FAMILY = "family"
    PARTNER = "partner"

    def __str__(self) -> str:
        return str(self.value)
