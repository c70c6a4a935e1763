"""The shared layout (``base.html``: head, header, menu, footer) written in Python (issue 17).

Every full page extends ``base.html``. Rendered by the template engine, its header alone is
some sixty nodes per request: six ``{% static %}``, seven ``{% url %}``, a dozen
``{% translate %}``, the menu's loop, two ``{% csrf_token %}``. Nearly all of that text is the
same for every user of a language. ``base.html`` now keeps only its blocks (``title``,
``head_scripts``, ``breadcrumbs``, ``content``) and the messages, and asks
``{% layout "head" %}``, ``{% layout "links" %}``, ``{% layout "header" %}`` and
``{% layout "footer" %}`` (``core/templatetags/layout.py``) for the rest:

- the text that depends only on the language (translations, ``{% static %}`` and ``{% url %}``
  results, escaped as the template escapes them) is put together once per
  (language, script prefix, URL conf) in :func:`parts` and kept for the process;
- per request only what differs is filled in: the user's name, the unread count (still the one
  query of ``notifications.context.unread`` per request; nothing here needs invalidation), the
  CSRF token, the current path and the menu (``nav_items`` of ``core.navigation``), each
  escaped as ``render_value_in_context`` escapes it. A menu line is memoised per
  (label, URL, current).

**Guard.** :data:`SOURCE_SHA256` is the SHA-256 of the template text these functions reproduce
(``core/tests/layout_reference.html``, ``base.html`` before this step) and
:data:`SKELETON_SHA256` that of the new ``base.html``. ``core/tests/test_layout.py`` fails when
either file changes, and renders the reference template and the Python for several users and
roles, both languages, active menu items, unread counts and odd names, comparing the HTML byte
for byte. Editing the layout means editing the reference, this module and the two digests.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.template.base import render_value_in_context
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext

SOURCE_SHA256 = "ae46f0782613e87a87b7af17ec20a839692dfd8439706be057827b9dce60f3d0"
SKELETON_SHA256 = "61fffa86fa034985df4bb29071daacc9af2014b5c651f7539bf4e814ca4f5412"

_MAX_LINES = 2048  # memoised menu lines; labels and URLs are few, but never grow without bound


def _t(message: str) -> str:
    """``{% translate message %}``: translated, escaped, ``%%`` restored."""
    return str(conditional_escape(gettext(message))).replace("%%", "%")


def _url(name: str) -> str:
    """``{% url name %}`` (no arguments; the layout's URL names have a single instance)."""
    return conditional_escape(reverse(name))


def _static(path: str) -> str:
    return conditional_escape(static(path))


@dataclass(frozen=True)
class Parts:
    """The layout's text for one language, between the places that differ per request."""

    language: str
    head: str
    links: str
    header_top: str
    signed_in: str  # "Ingelogd als %(name)s", translated, inside its <span>
    notify_before: str
    notify_after: str
    logout_before: str
    logout_after: str
    language_before: str
    language_next: str
    to_english: str
    to_dutch: str
    nav_before: str
    nav_after: str
    header_end: str
    footer: str


_PARTS: dict[tuple[object, ...], Parts] = {}
_LINES: dict[tuple[str, str, bool], str] = {}


def clear(**_kwargs: object) -> None:
    """Forget every language's text (a test that changes a setting; ``setting_changed``)."""
    _PARTS.clear()
    _LINES.clear()


setting_changed.connect(clear, dispatch_uid="wijkteam.core.layout")


def _build(language: str) -> Parts:
    sw = _url("core:service_worker")
    icon = _static("wijkteam/icon.svg")
    brand = _t("Wijkteam")
    button = 'class="utrecht-button utrecht-button--subtle"'
    return Parts(
        language=language,
        head=(
            "<!DOCTYPE html>\n\n"
            f'<html lang="{conditional_escape(language)}" class="utrecht-root" data-wt-sw="{sw}">\n'
            "<head>\n"
            '  <meta charset="utf-8">\n'
            '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '  <meta name="htmx-config" content=\''
            '{"includeIndicatorStyles": false, "allowEval": false}\'>\n'
            '  <meta name="theme-color" content="#003e65">\n'
            f'  <link rel="icon" href="{icon}" type="image/svg+xml">\n'
            f'  <link rel="manifest" href="{_url("core:manifest")}">\n'
            "  <title>"
        ),
        links=(
            f" – {brand}</title>\n"
            '  <link rel="stylesheet" '
            f'href="{_static("vendor/utrecht/component-library.css")}">\n'
            f'  <link rel="stylesheet" href="{_static("vendor/voorbeeld/theme.css")}">\n'
            f'  <link rel="stylesheet" href="{_static("wijkteam/app.css")}">\n'
            f'  <script src="{_static("wijkteam/app.js")}"></script>\n'
            f'  <script src="{_static("vendor/htmx/htmx.min.js")}" defer></script>'
        ),
        header_top=(
            "\n</head>\n"
            '<body class="voorbeeld-theme utrecht-document utrecht-page-body">\n'
            '  <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">'
            f"{_t('Direct naar de inhoud')}</a>\n"
            '  <header class="utrecht-page-header wt-header">\n'
            '    <div class="utrecht-page-header__content wt-header__content">\n'
            f'      <a class="wt-brand utrecht-link" href="{_url("home:home")}">'
            f'<img class="wt-brand__mark" src="{icon}" alt="" width="28" height="28">'
            f"{brand}</a>\n"
            '      <div class="wt-header__tools">\n'
            "        "
        ),
        signed_in=(
            '\n          <span class="wt-user">'
            + gettext("Ingelogd als %(name)s")  # {% blocktranslate %}: not escaped, then "%"
            + "</span>\n          "
        ),
        notify_before=(
            '\n          <a class="utrecht-link wt-notify-link" '
            f'href="{_url("notifications:list")}">{_t("Notificaties")} '
            '<span class="wt-notify-count">'
        ),
        notify_after=(
            f'</span><span class="wt-visually-hidden"> {_t("ongelezen")}</span></a>\n          '
        ),
        logout_before=(
            '\n          <form method="post" '
            f'action="{_url("accounts:logout")}" class="wt-inline-form">\n'
            "            "
        ),
        logout_after=(
            f'\n            <button type="submit" {button}>{_t("Uitloggen")}</button>\n'
            "          </form>\n        "
        ),
        language_before=(
            f'\n        <form method="post" action="{_url("set_language")}" '
            'class="wt-inline-form">\n'
            "          "
        ),
        language_next='\n          <input type="hidden" name="next" value="',
        to_english=(
            '">\n          \n'
            f'            <button type="submit" name="language" value="en" {button} '
            'lang="en">English</button>\n'
            "          \n        </form>\n      </div>\n    </div>\n    "
        ),
        to_dutch=(
            '">\n          \n'
            f'            <button type="submit" name="language" value="nl" {button} '
            'lang="nl">Nederlands</button>\n'
            "          \n        </form>\n      </div>\n    </div>\n    "
        ),
        nav_before=(
            f'\n    <nav class="utrecht-nav-bar wt-nav" aria-label="{_t("Hoofdmenu")}">\n'
            '      <div class="wt-nav__inner">\n'
            '      <button type="button" class="utrecht-button utrecht-button--subtle '
            'wt-menu-button" aria-expanded="false" aria-controls="hoofdmenu" hidden>'
            f'<span aria-hidden="true">☰</span> {_t("Menu")}</button>\n'
            '      <ul class="utrecht-nav-list utrecht-nav-bar__content" id="hoofdmenu">\n'
            "        "
        ),
        nav_after="\n      </ul>\n      </div>\n    </nav>\n    ",
        header_end=(
            '\n  </header>\n  <main id="inhoud" class="utrecht-page-content wt-main" tabindex="-1">'
        ),
        footer=(
            "</main>\n"
            '  <footer class="utrecht-page-footer wt-footer">\n'
            '    <p class="utrecht-paragraph"><a class="utrecht-link" '
            f'href="{_url("core:accessibility")}">{_t("Toegankelijkheidsverklaring")}</a></p>\n'
            "  </footer>\n"
            "</body>\n"
            "</html>"
        ),
    )


def parts() -> Parts:
    """The layout's text for the active language (built once per language, prefix, URL conf)."""
    language = get_language()
    key = (language, get_script_prefix(), get_urlconf())
    found = _PARTS.get(key)
    if found is None:
        found = _PARTS[key] = _build(language)
    return found


_RENDER_KEY = "wijkteam.core.layout.parts"


def _parts(context: Any) -> Parts:
    """:func:`parts`, looked up once per render: the four parts of one page share it.

    Finding the key costs more than the rest of a part (the script prefix and URL conf are
    thread-locals of asgiref, some 25,000 instructions for the two); neither changes while a
    page renders (the handler sets them per request), the language can (a tag may activate
    another one), so it is compared on every part.
    """
    render = getattr(context, "render_context", None)
    if render is None:
        return parts()
    found = render.get(_RENDER_KEY)
    if found is None or found.language != get_language():
        found = render[_RENDER_KEY] = parts()
    return found


def _value(value: Any, context: Any) -> str:
    """``{{ value }}``: a plain ``str`` escaped directly, anything else as the engine does.

    An ``int`` (the unread count) is what ``localize`` makes of it without a thousand
    separator: its digits."""
    if type(value) is str:
        return conditional_escape(value)
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return render_value_in_context(value, context)


def _csrf(context: Any) -> str:
    """``{% csrf_token %}`` (Django's ``CsrfTokenNode``)."""
    token = context.get("csrf_token")
    if token:
        if token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a password
            return format_html("")
        return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
    if settings.DEBUG:
        import warnings

        warnings.warn(
            "A {% csrf_token %} was used in a template, but the context "
            "did not provide the value.  This is usually caused by not "
            "using RequestContext.",
            stacklevel=2,
        )
    return ""


def _line(item: Any, context: Any) -> str:
    """One menu entry, ``<li>…</li>`` with the whitespace of the loop around it."""
    label, url, current = item["label"], item["url"], bool(item["current"])
    memo = type(label) is str and type(url) is str
    if memo:
        found = _LINES.get((label, url, current))
        if found is not None:
            return found
    text = (
        '\n          <li class="utrecht-nav-list__item"><a class="utrecht-nav-list__link" '
        f'href="{_value(url, context)}"{' aria-current="page"' if current else ""}>'
        f"{_value(label, context)}</a></li>\n        "
    )
    if memo and len(_LINES) < _MAX_LINES:
        _LINES[(label, url, current)] = text
    return text


def head(context: Any) -> str:
    """Up to ``<title>``; sets ``LANGUAGE_CODE`` as ``{% get_current_language %}`` did."""
    p = _parts(context)
    context["LANGUAGE_CODE"] = p.language
    return p.head


def links(context: Any) -> str:
    """From the end of the title to the last script of ``<head>``."""
    return _parts(context).links


def header(context: Any) -> str:
    """From ``</head>`` to the opening ``<main>``: brand, user, unread count, menu."""
    p = _parts(context)
    out = [p.header_top]
    user = context.get("user")
    csrf = None
    if user is not None and getattr(user, "is_authenticated", False):
        out.append(p.signed_in % {"name": _value(user.display_name, context)})
        count = context.get("notification_count")
        if count is not None:
            out += (p.notify_before, _value(count, context), p.notify_after)
        csrf = _csrf(context)
        out += (p.logout_before, csrf, p.logout_after)
    out.append(p.language_before)
    out.append(_csrf(context) if csrf is None else csrf)
    out.append(p.language_next)
    request = context.get("request")
    out.append(_value(request.get_full_path(), context) if request is not None else "")
    out.append(p.to_english if context.get("LANGUAGE_CODE") == "nl" else p.to_dutch)
    nav_items = context.get("nav_items")
    if nav_items:
        out.append(p.nav_before)
        out += [_line(item, context) for item in nav_items]
        out.append(p.nav_after)
    out.append(p.header_end)
    return "".join(out)


def footer(context: Any) -> str:
    """From ``</main>`` to ``</html>``."""
    return _parts(context).footer


PARTS = {"head": head, "links": links, "header": header, "footer": footer}
