"""Pure, vectorised normalisers for the fields of a registration list or population extract."""
