"""The CSRF token of a page, masked as Django masks it, with one call to the random source.

Every page that shows a form (the layout's log-out and language forms: every page) asks for
the CSRF token once per render. Django's ``get_token`` masks the secret with a fresh random
mask of 32 characters (protection against BREACH: a token in a compressed response never
repeats) and draws that mask one character at a time through ``secrets.choice``: 32 calls to
the operating system's random source and some 600,000 CPU instructions per page, more than the
whole header costs otherwise (issue 17, ``docs/performance.md``).

:func:`masked_token` gives the same token: a mask of 32 characters, each drawn uniformly and
independently from ``CSRF_ALLOWED_CHARS`` by the operating system's cryptographic random
source, followed by the secret enciphered with it (character by character, the sum of the two
positions modulo the alphabet's length), exactly what ``django.middleware.csrf`` unmasks and
checks. The mask's characters come from one ``os.urandom`` read: a byte below 248 (4 × 62)
gives the character at its value modulo 62, a byte of 248 or more is thrown away (so every
character is equally likely, never biased towards the start of the alphabet).

Only the ordinary case takes this way: a request whose CSRF cookie the middleware has read
(``request.META["CSRF_COOKIE"]``, a secret of 32 characters of the alphabet). Anything else
(no cookie yet: Django makes and sets a new secret; a secret of another form) goes through
Django's ``get_token`` unchanged. Both flag the cookie for renewal
(``CSRF_COOKIE_NEEDS_UPDATE``), as ``get_token`` does.

:func:`csrf` is the context processor (``TEMPLATES``, after Django's built-in one, whose
``csrf_token`` it replaces): the same lazy value, ``NOTPROVIDED`` when there is no token.
"""

import os
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.functional import SimpleLazyObject

_SIZE = len(CSRF_ALLOWED_CHARS)  # 62
_LIMIT = 256 - 256 % _SIZE  # 248: the bytes that map onto the alphabet evenly
# byte -> character for the bytes below the limit; the others are deleted
_MASK_TABLE = bytes(ord(CSRF_ALLOWED_CHARS[b % _SIZE]) for b in range(256))
_REJECTED = bytes(range(_LIMIT, 256))
# (secret character + mask character) -> the enciphered character
_ADD = {
    s + m: CSRF_ALLOWED_CHARS[(i + j) % _SIZE]
    for i, s in enumerate(CSRF_ALLOWED_CHARS)
    for j, m in enumerate(CSRF_ALLOWED_CHARS)
}


def _mask() -> str:
    """``CSRF_SECRET_LENGTH`` characters of the alphabet, uniform and independent."""
    found = b""
    while len(found) < CSRF_SECRET_LENGTH:
        found += os.urandom(CSRF_SECRET_LENGTH + 8).translate(_MASK_TABLE, _REJECTED)
    return found[:CSRF_SECRET_LENGTH].decode("ascii")


def mask_secret(secret: str) -> str:
    """The token for ``secret``: a new mask and the secret enciphered with it."""
    mask = _mask()
    return mask + "".join(map(_ADD.__getitem__, map(str.__add__, secret, mask)))


def masked_token(request: HttpRequest) -> str:
    """What ``django.middleware.csrf.get_token(request)`` returns, drawn more cheaply."""
    secret = request.META.get("CSRF_COOKIE")
    if type(secret) is str and len(secret) == CSRF_SECRET_LENGTH:
        try:
            token = mask_secret(secret)
        except KeyError:  # a character outside the alphabet: Django decides
            return str(get_token(request))
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return token
    return str(get_token(request))


def csrf(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``csrf_token``, as ``django.template.context_processors.csrf``."""
    return {"csrf_token": SimpleLazyObject(lambda: masked_token(request))}
