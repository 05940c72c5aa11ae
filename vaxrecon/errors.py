"""The one exception family. The CLI turns these into one sentence on stderr."""


class VaxreconError(Exception):
    """Base of every error vaxrecon raises on purpose; exit code 1."""

    exit_code = 1


class InputError(VaxreconError):
    """A file or argument the user gave cannot be used; exit code 2."""

    exit_code = 2


class ConfigError(InputError):
    """The configuration file or a configuration override is wrong."""


class NoHeaderError(InputError):
    """No sheet of a list has a recognisable header row."""
