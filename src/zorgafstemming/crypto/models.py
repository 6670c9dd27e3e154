"""Tables of the crypto package (added by its migration)."""
