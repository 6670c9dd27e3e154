"""Tables of the coordination package (added by its migration)."""
