"""Options a user repeats (a cron job's state, output, gazetteer …) kept in a TOML file.

`clipper.toml` in the working folder, or the file given with `--config`, holds one table per
command whose keys are that command's long options:

    [ingest]
    state = "~/.clipper.db"
    output = "~/clippings.jsonl"
    gazetteer = ["~/my-vendors.toml"]
    workers = 2

Paths are taken relative to the config file's folder, and `~` is expanded. Options given on the
command line win over the file.
"""
from __future__ import annotations

import os
import re
import tomllib
from typing import Any

import click

DEFAULT_CONFIG = "clipper.toml"
# Options whose values are paths: relative ones are read from the config file's folder.
_PATH_OPTIONS = frozenset({"state", "output", "gazetteer", "taxonomy", "files_from"})
# Options whose parameter name differs from the option's (the repeatable ones are plural).
_PARAMETER_NAMES = {"gazetteer": "gazetteers"}


class ConfigError(Exception):
    pass


def load_defaults(path: str | None) -> dict[str, dict[str, Any]] | None:
    """click's default_map from the config file: {command: {parameter: value}}; None when there is none."""
    if path is None:
        if not os.path.isfile(DEFAULT_CONFIG):
            return None
        path = DEFAULT_CONFIG
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"config file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ConfigError(f"config file {path}: not valid TOML: {exc}") from None
    folder = os.path.dirname(os.path.abspath(path))
    defaults: dict[str, dict[str, Any]] = {}
    for command, options in data.items():
        if not isinstance(options, dict):
            raise ConfigError(f"config file {path}: '{command}' should be a table of options ([{command}])")
        defaults[command] = {
            _PARAMETER_NAMES.get(key, key): _resolved(key, value, folder)
            for key, value in ((k.replace("-", "_"), v) for k, v in options.items())
        }
    return defaults


def _resolved(key: str, value: Any, folder: str) -> Any:
    if key not in _PATH_OPTIONS:
        return value
    if isinstance(value, list):
        return [_resolved(key, item, folder) for item in value]
    if isinstance(value, str) and value != "-":
        return os.path.join(folder, os.path.expanduser(value))
    return value


class ByteSize(click.ParamType):
    """A byte count: 20971520, 500k, 5M, 1.5G (binary units; KiB/MiB/GiB and kB/MB/GB accepted too)."""

    name = "size"
    _PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)
    _UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            size = value
        else:
            match = self._PATTERN.match(str(value))
            if not match:
                self.fail(f"{value!r} is not a size (examples: 20000000, 500k, 5M, 1G)", param, ctx)
            size = int(float(match[1]) * self._UNITS[match[2].lower()])
        if size < 1:
            self.fail(f"{value!r} is not a positive size", param, ctx)
        return size


BYTE_SIZE = ByteSize()
