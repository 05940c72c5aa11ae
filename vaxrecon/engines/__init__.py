"""Engines run the same pure block matcher: in this process, or over a pool of worker processes."""
