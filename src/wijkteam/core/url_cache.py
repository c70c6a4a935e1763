"""``reverse`` without walking the resolver again for each id: the URLs of a page, cached.

A case page asks for about 45 URLs (menu, layout, tabs, links, forms), a list page one or more
per row. Django's ``reverse`` resolves the pattern, checks every argument against its converter
and quotes the result each time. ``cached_reverse`` does that once per *shape* of a call, the
URL name, the literal string arguments and the positions of the integer ids, together with
everything else ``reverse`` depends on (URL conf, script prefix, language and ``current_app``),
with stand-in ids. It keeps the text around the ids and afterwards only puts the ids in between.

It only does so when the result is provably what ``reverse`` gives: the stand-ins must each
appear exactly once, in order, and a second set of stand-ins must give the same text around
them. Anything else (keyword arguments, a negative or non-integer id, a ``bool``, a long string,
a full cache) goes to ``reverse`` itself, which also raises ``NoReverseMatch`` as before. Tests:
``core/tests/test_url_cache.py``.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Two sets of stand-in ids (18 digits: fit every id pattern, ``core.converters``), one per slot.
_FIRST = 918273645546372810
_SECOND = 192837465564738290
_MAX_SLOTS = 8
_MAX_ENTRIES = 4096  # shapes; a string argument that varies per row must not grow it forever
_MAX_STRING = 64

_Key = tuple[object, ...]
# shape -> the texts between the ids (one more than ids), or None: always ``reverse``.
_PARTS: dict[_Key, tuple[str, ...] | None] = {}


def clear(**_kwargs: object) -> None:
    """Forget every shape (a test that swaps the URL conf; ``setting_changed`` calls it)."""
    _PARTS.clear()


def _on_setting_changed(*, setting: str, **_kwargs: object) -> None:
    if setting == "ROOT_URLCONF":
        clear()


setting_changed.connect(_on_setting_changed, dispatch_uid="wijkteam.core.url_cache")


def _is_id(value: object) -> bool:
    return type(value) is int and value >= 0


def _split(name: str, shape: tuple[object, ...], current_app: str | None) -> tuple[str, ...] | None:
    """The texts around the id slots of ``shape`` (``None`` marks a slot), or None."""
    slots = [i for i, part in enumerate(shape) if part is None]
    if len(slots) > _MAX_SLOTS:
        return None

    def probe(base: int) -> tuple[str, list[str]]:
        args: list[object] = list(shape)
        markers = []
        for n, i in enumerate(slots):
            args[i] = base + n
            markers.append(str(base + n))
        return reverse(name, args=args, current_app=current_app), markers

    try:
        first, markers = probe(_FIRST)
        second, second_markers = probe(_SECOND)
    except Exception:
        # The stand-ins do not fit (or there is no such name): ``reverse`` is then asked with
        # the real arguments and raises what it raises.
        return None
    parts: list[str] = []
    rest = first
    for marker in markers:
        if rest.count(marker) != 1:
            return None
        before, rest = rest.split(marker)
        parts.append(before)
    parts.append(rest)
    rebuilt = parts[0] + "".join(m + p for m, p in zip(second_markers, parts[1:], strict=True))
    return tuple(parts) if rebuilt == second else None


def cached_reverse(name: str, args: Sequence[object] = (), current_app: str | None = None) -> str:
    """``reverse(name, args=args, current_app=current_app)``, cached per shape of the call."""
    shape: list[object] = []
    ids: list[int] = []
    for value in args:
        if _is_id(value):
            shape.append(None)
            ids.append(value)  # type: ignore[arg-type]
        elif type(value) is str and len(value) <= _MAX_STRING:
            shape.append(value)
        else:
            return reverse(name, args=list(args), current_app=current_app)
    key: _Key = (
        name,
        str(get_urlconf() or settings.ROOT_URLCONF),
        get_script_prefix(),
        get_language(),
        current_app,
        *shape,
    )
    try:
        parts = _PARTS[key]
    except KeyError:
        if len(_PARTS) >= _MAX_ENTRIES:
            return reverse(name, args=list(args), current_app=current_app)
        parts = _PARTS[key] = _split(name, tuple(shape), current_app)
    if parts is None:
        return reverse(name, args=list(args), current_app=current_app)
    if not ids:
        return parts[0]
    return parts[0] + "".join(f"{i}{p}" for i, p in zip(ids, parts[1:], strict=True))
