"""Slugs as each generator makes them from a title, a heading or a file name.

One module for all of them, so that a rule found to differ from a real build is fixed in one place:

- :func:`toc_id`: Python-Markdown's ``toc`` heading ids (MkDocs, ProperDocs, Zensical);
- :func:`pymdownx` and :func:`python_markdown`: the slugify functions a Material blog names;
- :func:`zola`: Zola's ``slugify.paths = "on"``;
- :func:`hugo_urlize`: Hugo's ``urlize`` of a title;
- :func:`jekyll_title`, :func:`jekyll_slug`, :func:`jekyll_category`: how Jekyll writes a post's
  title, slug and categories in its URL;
- :func:`github`: github-slugger's ``slug`` (Astro's content ids);
- :func:`kebab`: lodash's ``kebabCase`` (Docusaurus' tags and authors).
"""

from __future__ import annotations

import re
import unicodedata


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def toc_id(text: str) -> str:
    """Python-Markdown's ``toc`` heading id: :func:`python_markdown` with ``-``."""
    return python_markdown(text)


def zola(text: str) -> str:
    """Zola's default slug: ASCII, lower case, runs of other characters as ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


def hugo_urlize(text: str) -> str:
    """Hugo's ``urlize`` of a title: letters (accents kept), digits, marks and ``. / \\ _ # + ~ -
    @`` kept, a run of spaces between them one ``-``, anything else dropped; lower case."""
    return hugo_path(text).lower()


def hugo_title(text: str) -> str:
    """A title as Hugo's ``:title`` permalink writes it: ``urlize``d, then with each ``+`` read as
    a space (as a URL's query does) and sanitized again (``C++ & Rust`` is ``c-rust``)."""
    return hugo_urlize(hugo_urlize(text).replace("+", " "))


def hugo_path(text: str) -> str:
    """Hugo's path sanitizer (``UnicodeSanitize``), without lower-casing."""
    kept: list[str] = []
    hyphen = False
    for index, character in enumerate(text):
        allowed = character in "./\\_#+~-@" or character.isalpha() or character.isdigit()
        allowed = allowed or unicodedata.category(character).startswith("M")
        allowed = allowed or (
            character == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[index + 1 : index + 3]) is not None
        )
        if allowed:
            if hyphen and character != "-" and kept[-1] != "-":  # a space beside a hyphen adds none
                kept.append("-")
            hyphen = False
            kept.append(character)
        elif kept and character.isspace():
            hyphen = True
    return "".join(kept)


def jekyll_title(text: str) -> str:
    """Jekyll's ``:title``: ``slugify(mode: "pretty", cased: true)``, each run of characters other
    than letters, digits, marks and ``_ . ~ ! $ & ' ( ) + , ; = @`` one ``-``, case kept."""
    return _one_hyphen_off(re.sub(r"[^\w.~!$&'()+,;=@]+", "-", text))


def jekyll_slug(text: str) -> str:
    """Jekyll's ``:slug``: ``slugify`` in its default mode, lower case, letters and digits only."""
    return _one_hyphen_off(re.sub(r"[\W_]+", "-", text)).lower()


def _one_hyphen_off(slug: str) -> str:
    return slug.removeprefix("-").removesuffix("-")


def jekyll_category(text: str) -> str:
    """How Jekyll writes a category in a URL: lower case (a space stays a space)."""
    return text.strip().lower()


def pymdownx(text: str, separator: str = "-", case: str = "none", normalize: str = "NFC", percent: bool = False) -> str:
    """``pymdownx.slugs.slugify(case=..., normalize=..., percent_encode=...)``, which Material's blog
    slugifies titles and categories with (``case="lower"`` by default): HTML tags dropped, Unicode
    word characters kept, each space one separator."""
    from urllib.parse import quote

    slug = re.sub(r"</?[^>]*>", "", unicodedata.normalize(normalize, text)).strip()  # type: ignore[arg-type]
    if case == "lower":
        slug = slug.lower()
    elif case == "lower-ascii":
        slug = re.sub(r"[A-Z]", lambda match: match.group(0).lower(), slug)
    elif case == "fold":
        slug = slug.casefold()
    slug = re.sub(r"[^\w\- ]", "", slug).replace(" ", separator)
    return quote(slug.encode("utf-8")) if percent else slug


def python_markdown(text: str, separator: str = "-", unicode: bool = False) -> str:
    """``markdown.extensions.toc.slugify`` (and ``slugify_unicode``)."""
    value = text if unicode else _ascii(text)
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, value)


def github(text: str) -> str:
    """github-slugger's ``slug``: lower case, letters, digits, marks, ``_`` and ``-`` kept, each
    space one ``-``, anything else dropped."""
    kept = (
        character
        for character in text.lower()
        if character.isalnum() or character in " _-" or unicodedata.category(character).startswith("M")
    )
    return "".join(kept).replace(" ", "-")


#: lodash's ``words``: a character of another script (lodash's "misc": not ASCII, punctuation,
#: space, a math sign or a dingbat) joins a run of lower-case letters, so ``git教程`` is one word;
#: ordinals (``1st``) and emoji are words of their own
_MISC = "[^\x00-\xbf\xd7\xf7\u1680\u180e\u2000-\u206f\u2700-\u27bf\u3000\ufeff\U00010000-\U0010ffff]"
_WORD = re.compile(
    rf"\d*(?:1st|2nd|3rd|(?![123])\dth)(?=\b|[A-Z_])|\d*(?:1ST|2ND|3RD|(?![123])\dTH)(?=\b|[a-z_])"
    rf"|[A-Z]+(?=[A-Z][a-z])|[A-Z]?(?:[a-z]|{_MISC})+|[A-Z]+|\d+|[\u2700-\u27bf\U00010000-\U0010ffff]+"
)


def kebab(text: str) -> str:
    """lodash's ``kebabCase``: accents dropped, the words (a capital starts one, digits are one)
    in lower case joined by ``-``."""
    return "-".join(word.lower() for word in _WORD.findall(_deburred(text).replace("'", "").replace("\u2019", "")))


#: lodash's ``deburr`` of the Latin letters that do not decompose
_LATIN = str.maketrans(
    {"Æ": "Ae", "æ": "ae", "Ø": "O", "ø": "o", "Þ": "Th", "þ": "th", "ß": "ss", "Ð": "D", "ð": "d", "Đ": "D",
     "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ĳ": "IJ", "ĳ": "ij", "ĸ": "k", "Ŀ": "L", "ŀ": "l", "Ł": "L",
     "ł": "l", "ŉ": "'n", "Ŋ": "N", "ŋ": "n", "Œ": "Oe", "œ": "oe", "Ŧ": "T", "ŧ": "t", "ſ": "s"}
)  # fmt: skip
_COMBINING = re.compile("[\u0300-\u036f\ufe20-\ufe2f\u20d0-\u20ff]")


def _deburred(text: str) -> str:
    """lodash's ``deburr``: the letters of Latin-1 and Latin Extended-A without their accents, and
    combining marks dropped; every other character (``，``, ``ﬁ``) as it is."""
    latin = "".join(
        unicodedata.normalize("NFKD", character) if "\xc0" <= character <= "\u017f" else character
        for character in text.translate(_LATIN)
    )
    return _COMBINING.sub("", latin)
