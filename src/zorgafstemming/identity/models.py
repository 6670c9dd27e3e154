"""Tables of the identity package (added by its migration)."""
