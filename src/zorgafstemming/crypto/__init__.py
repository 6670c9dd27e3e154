"""Keys, field encryption, blind indexes, passwords and signing."""
