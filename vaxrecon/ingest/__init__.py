"""Reading registration lists and population extracts."""
