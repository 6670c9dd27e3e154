"""Tables of the retention package (added by its migration)."""
