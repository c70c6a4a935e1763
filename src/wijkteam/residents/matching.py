"""Is this the same person? Duplicate detection that forgives spelling.

A resident is registered by hand, often from a phone call: "Janssen" becomes "Jansen",
"Meijer" "Meyer", "van der Berg" "Van den Berg", and the postcode is not always known. The
birth date is what people rarely get wrong, so candidates are the residents of the municipality
born on that day (an index, a handful of rows even at city scale); among them a name matches
when it sounds the same in Dutch (:func:`dutch_key`) or is close by Jaro-Winkler similarity
(jellyfish), which weighs the beginning of a name the most, as people misspell the middle and
the end.
"""

import re
import unicodedata

import jellyfish

# Spellings Dutch speakers hear as one sound, rewritten to one form (order matters: longest
# first). Not a full phonetic algorithm: enough to forgive the usual variants of Dutch names.
_SOUNDS: tuple[tuple[str, str], ...] = (
    ("sch", "s"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ch", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("ck", "k"),
    ("ou", "au"),
    ("ie", "i"),
    ("oe", "u"),
    ("c", "k"),
    ("z", "s"),
    ("v", "f"),
    ("w", "f"),
    ("x", "ks"),
    ("q", "k"),
)
LAST_NAME_SIMILAR = 0.92
FIRST_NAME_SIMILAR = 0.85


def normalise_name(value: str) -> str:
    """Lower case, without accents, spaces, hyphens or apostrophes ("Van 't Hof" → "vanthof")."""
    decomposed = unicodedata.normalize("NFKD", value)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", letters.lower())


def dutch_key(value: str) -> str:
    """The sound of a name: "Meijer" and "Meyer", "Jansen" and "Janssen" share a key."""
    key = normalise_name(value)
    for spelling, sound in _SOUNDS:
        key = key.replace(spelling, sound)
    key = re.sub(r"d$", "t", key)  # a final d sounds as t
    key = re.sub(r"(.)\1+", r"\1", key)  # double letters sound single
    return key


def similar(a: str, b: str, threshold: float) -> bool:
    left, right = normalise_name(a), normalise_name(b)
    if not left or not right:
        return False
    if left == right or dutch_key(a) == dutch_key(b):
        return True
    return jellyfish.jaro_winkler_similarity(left, right) >= threshold


def same_person(
    *,
    first_name: str,
    last_name: str,
    other_first_name: str,
    other_last_name: str,
) -> bool:
    """Two names (birth dates already equal) that probably belong to one person.

    The family name (with its prefix, "van der Berg") must sound the same or be very close; the
    first name close, or only an initial on one side ("J." for "Jan").
    """
    if not similar(last_name, other_last_name, LAST_NAME_SIMILAR):
        return False
    first, other = normalise_name(first_name), normalise_name(other_first_name)
    if not first or not other:
        return True
    if len(first) == 1 or len(other) == 1:
        return first[0] == other[0]
    return similar(first_name, other_first_name, FIRST_NAME_SIMILAR)
