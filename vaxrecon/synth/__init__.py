"""Synthetic registration lists and population extracts with known right answers."""
