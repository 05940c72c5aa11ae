"""The one exception family. The CLI turns these into one sentence on stderr."""


class VaxreconError(Exception):
    """Base of every error vaxrecon raises on purpose; exit code 1.

    Raised with a message-table ``key`` and its ``params`` (``InputError(key="err.no_file",
    path=...)``), the error speaks the user's language at the CLI edge (:meth:`text`); its ``str``
    is the English text (logs). A plain message is used as it is in every language.
    """

    exit_code = 1

    def __init__(self, message: str = "", *, key: str = "", **params: object):
        self.key, self.params = key, params
        if key and not message:
            from vaxrecon.text import t

            message = t(key, "en", **params)
        super().__init__(message)

    def text(self, lang: str) -> str:
        """The sentence to show, in ``lang`` when the error has a message key."""
        if not self.key:
            return str(self)
        from vaxrecon.text import t

        return t(self.key, lang, **self.params)


class InputError(VaxreconError):
    """A file or argument the user gave cannot be used; exit code 2."""

    exit_code = 2


class ConfigError(InputError):
    """The configuration file or a configuration override is wrong."""


class NoHeaderError(InputError):
    """No sheet of a list has a recognisable header row."""
