"""Bulk exports in open formats."""
