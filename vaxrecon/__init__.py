"""vaxrecon: verify vaccination registration lists against a population extract."""

__version__ = "0.1.0"
