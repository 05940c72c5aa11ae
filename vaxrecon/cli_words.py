"""The command-line framework's own words in the user's language.

Typer (and the Click it vendors) writes its usage line, help option, panel titles and usage errors
in English, without a translation catalogue. Here they come from the message table instead: the
panel titles through ``typer.rich_utils``' settings, the usage line and help option through the
command classes below (every command of the app uses them), and usage errors are said again from
their parts (which option, which argument) before Typer shows them.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from vaxrecon.text import LANGS, env_lang, t

# Help is built before options are parsed: in $VAXRECON_LANG when that is a language, else Vietnamese.
HELP_LANG = next((lang for lang in LANGS if lang == env_lang()), "vi")


_SPOKEN = [HELP_LANG]  # the language the framework's words are in now


def localise(lang: str) -> None:
    """Typer's panel titles, help markers and usage line in ``lang`` (imported only to show help or
    an error, as Typer itself does)."""
    from typer import rich_utils

    _SPOKEN[0] = lang
    rich_utils.ARGUMENTS_PANEL_TITLE = t("cli.panel_arguments", lang)
    rich_utils.OPTIONS_PANEL_TITLE = t("cli.panel_options", lang)
    rich_utils.COMMANDS_PANEL_TITLE = t("cli.panel_commands", lang)
    rich_utils.ERRORS_PANEL_TITLE = t("cli.panel_error", lang)
    rich_utils.RICH_HELP = t("cli.try_help", lang)
    rich_utils.DEFAULT_STRING = t("cli.default", lang)
    rich_utils.REQUIRED_LONG_STRING = t("cli.required", lang)
    rich_utils.ABORTED_TEXT = t("cli.aborted", lang)


class Said(typer.BadParameter):
    """A usage error already said in the user's language (exit 2, shown under the usage line)."""

    def format_message(self) -> str:
        return self.message


def _hint(error: Any) -> str:
    if getattr(error, "param", None) is not None:
        return str(error.param.get_error_hint())
    hint = getattr(error, "param_hint", None)
    return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, list | tuple) else str(hint or "")


_NO_COMMAND = re.compile(r"No such command '(?P<name>.+)'\.")
_EXTRA = re.compile(r"Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)")


def said(error: Any, lang: str) -> str:
    """A Typer/Click usage error in ``lang``, from its parts (its own English text as a last resort)."""
    message = str(getattr(error, "message", "") or "")
    if hasattr(error, "param_type"):  # a missing argument or option
        kind = error.param_type or getattr(error.param, "param_type_name", "option")
        return t(
            "cli.missing_argument" if kind == "argument" else "cli.missing_option", lang, hint=_hint(error)
        )
    if isinstance(error, typer.BadParameter):
        need = "cli.need_int" if "integer" in message else "cli.need_number" if "number" in message else ""
        return t("cli.bad_value", lang, hint=_hint(error), need=t(need, lang) if need else "")
    if hasattr(error, "possibilities"):  # no such option
        near = ", ".join(sorted(error.possibilities or ()))
        name = error.option_name
        return t("cli.no_option", lang, name=name, near=t("cli.near", lang, options=near) if near else "")
    if hasattr(error, "option_name") and "requires" in message:
        return t("cli.needs_value", lang, name=error.option_name)
    if hasattr(error, "option_name") and "does not take a value" in message:
        return t("cli.takes_no_value", lang, name=error.option_name)
    if m := _NO_COMMAND.fullmatch(message):
        return t("cli.no_command", lang, name=m["name"])
    if m := _EXTRA.fullmatch(message):
        return t("cli.extra_args", lang, args=m["args"])
    if message == "Missing command.":
        return t("cli.missing_command", lang)
    return message


def _asked_lang(args: list[str]) -> str:
    """The language a command line asks for with --lang, else $VAXRECON_LANG, else Vietnamese."""
    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in LANGS:
            return value
    return next((lang for lang in LANGS if lang == env_lang()), "vi")


def _reword(error: typer.TyperException, lang: str) -> NoReturn:
    """Raise ``error`` again in ``lang`` when it is a usage error (exit 2)."""
    if error.exit_code != 2 or isinstance(error, Said) or type(error).__name__ == "NoArgsIsHelpError":
        raise error
    localise(lang)
    raise Said(said(error, lang), ctx=getattr(error, "ctx", None)) from None


class _Speaking:
    """The usage line and help option of a command in the current language; usage errors reworded."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = t("cli.help_option", _SPOKEN[0])
            option.metavar = ""  # a flag: no '<bool>' beside it
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        localise(HELP_LANG)  # help texts are in the help language
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("cli.usage", _SPOKEN[0]))

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        lang = _asked_lang(args)  # before parsing, which consumes ``args``
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]
        except typer.TyperException as e:
            _reword(e, lang)


class Command(_Speaking, TyperCommand):
    """A vaxrecon command (use it for every command: ``@app.command(cls=Command)``)."""


class Group(_Speaking, TyperGroup):
    """The vaxrecon command group (``typer.Typer(cls=Group)``)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        lang = _asked_lang(args)
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as e:
            _reword(e, lang)
