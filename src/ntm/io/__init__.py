"""Readers and writers for the files offices exchange: validated, all-or-nothing."""
