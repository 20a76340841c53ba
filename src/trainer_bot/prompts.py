"""Prompts are YAML files under ``prompts/``, rendered with jinja2 StrictUndefined."""

from __future__ import annotations

from functools import lru_cache

import yaml
from jinja2 import Environment, StrictUndefined, TemplateError

from .errors import ConfigError
from .resources import bundled_dir

_ENV = Environment(undefined=StrictUndefined, keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, str]:
    path = bundled_dir("prompts") / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"找不到提示词文件 {path}。请重新安装 trainer-bot。")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {k: str(v) for k, v in data.items()}


def render(name: str, **variables) -> dict[str, str]:
    """``{"system": ..., "user": ...}`` of prompt ``name`` with ``variables`` filled in (all required)."""
    try:
        return {part: _ENV.from_string(text).render(**variables).strip() for part, text in _load(name).items()}
    except TemplateError as exc:
        raise ConfigError(f"提示词 {name} 渲染失败：{exc}") from None
