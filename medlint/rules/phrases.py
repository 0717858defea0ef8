"""Generic link texts by language: the data ML101 (generic-anchor-text) matches against.

``LIGHTHOUSE`` is the list of Lighthouse's SEO audit "Links have descriptive text"
(``core/audits/seo/link-text.js`` in GoogleChrome/lighthouse, Apache License 2.0), for the nine
languages it judges. ``MARKDOWNLINT`` is markdownlint's MD059 (descriptive-link-text) default list
(DavidAnson/markdownlint, MIT). ``MEDLINT`` adds English phrases of the same habit seen in real
posts. Phrases are matched after normalisation (case, punctuation and spacing ignored).
"""

from __future__ import annotations

LIGHTHOUSE: dict[str, tuple[str, ...]] = {
    "en": (
        "click here", "click this", "go", "here", "information", "learn more", "more", "more info",
        "more information", "right here", "read more", "see more", "start", "this",
    ),
    "ja": ("ここをクリック", "こちらをクリック", "リンク", "続きを読む", "続く", "全文表示"),
    "es": (
        "click aquí", "click aqui", "clicka aquí", "clicka aqui", "pincha aquí", "pincha aqui", "aquí", "aqui",
        "más", "mas", "más información", "más informacion", "mas información", "mas informacion", "este",
        "enlace", "este enlace", "empezar",
    ),
    "pt": ("clique aqui", "ir", "mais informação", "mais informações", "mais", "veja mais"),
    "ko": ("여기", "여기를 클릭", "클릭", "링크", "자세히", "자세히 보기", "계속", "이동", "전체 보기"),
    "sv": ("här", "klicka här", "läs mer", "mer", "mer info", "mer information"),
    "de": ("klicke hier", "hier klicken", "hier", "mehr", "siehe", "dies", "das", "weiterlesen"),
    "ta": (
        "அடுத்த பக்கம்", "மறுபக்கம்", "முந்தைய பக்கம்", "முன்பக்கம்", "மேலும் அறிக", "மேலும் தகவலுக்கு",
        "மேலும் தரவுகளுக்கு", "தயவுசெய்து இங்கே அழுத்தவும்", "இங்கே கிளிக் செய்யவும்",
    ),
    "fa": (
        "اطلاعات بیشتر", "اطلاعات", "این", "اینجا بزنید", "اینجا کلیک کنید", "اینجا", "برو", "بیشتر بخوانید",
        "بیشتر بدانید", "بیشتر", "شروع",
    ),
}  # fmt: skip

MARKDOWNLINT: tuple[str, ...] = ("click here", "here", "link", "more")

MEDLINT: tuple[str, ...] = (
    # not "click" alone: it is also a library's name
    "check it out", "click this link", "click the link", "continue", "continue reading", "details", "find out more",
    "full article", "go here", "here's how", "link here", "more details", "more here", "read", "read this",
    "see here", "see this", "the link", "this article", "this link", "this page", "this post", "this site",
    "website",
)  # fmt: skip


def phrases_by_language() -> dict[str, tuple[str, ...]]:
    """Every list, by language (markdownlint's and medlint's own are English)."""
    lists = dict(LIGHTHOUSE)
    lists["en"] = tuple(dict.fromkeys(LIGHTHOUSE["en"] + MARKDOWNLINT + MEDLINT))
    return lists
