"""A saved web page (already decoded by load.py) → the report's text, with lxml's HTML parser.

1. parse, and take out what is never text (scripts, styles, forms, menus <nav> …) and the
   elements that a class or id names as chrome (breadcrumb, share, print, related …), unless
   they hold most of the page's text (a wrapper named `main-right`);
2. lay the page out as lines: each block element (<p>, <div>, <li>, a heading …) and each
   <br> ends a line; a table of data is one line per row, its cells separated by tabs (a table
   used for layout is read as blocks); white space as a browser renders it;
3. the main text is the block element whose paragraphs hold the most characters outside links;
   the report runs from its title (the page's <title>, its ArticleTitle, an <h1>: the nearest
   one above the main text) to the end of the main text;
4. lines of chrome (当前位置, 打印本页, 相关报道, 责任编辑 …) and link lists inside that range go,
   and so do pieces of lines (【字号：大 中 小】, 分享到, 浏览次数). The rules are data/extract.toml [html].
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Optional

import regex

from ..errors import InputError
from .extract import Extracted, han_chars, library, patterns, section, squeeze, version

_XML_DECL = regex.compile(r"^\s*<\?xml[^>]*>")


@dataclass(slots=True)
class _Line:
    text: str
    owner: object          # the block element the line belongs to
    links: int = 0         # characters of it inside <a>
    row: bool = False      # a row of a data table


@dataclass(frozen=True)
class _Rules:
    drop_tags: frozenset
    block_tags: frozenset
    heading_tags: frozenset
    chrome: frozenset
    content: frozenset
    link_share: float
    lookback: int
    max_chrome_line: int


@cache
def _rules() -> _Rules:
    s = section("html")
    return _Rules(frozenset(s.words("drop_tags")), frozenset(s.words("block_tags")),
                  frozenset(s.words("heading_tags")), frozenset(w.lower() for w in s.words("chrome_names")),
                  frozenset(w.lower() for w in s.words("content_names")), s.number("link_block_share"), s.integer("title_lookback"), s.integer("max_chrome_line"))


# characters lxml refuses in a text node (C0 controls but tab and line ends, U+FFFE/U+FFFF): a
# damaged page's bytes, never a report's text
_NOT_XML = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def extract(text: str, where: str) -> Extracted:
    html = library("lxml.html", "html", "an HTML page", where)
    etree = library("lxml.etree", "html", "an HTML page", where)
    source = _XML_DECL.sub("", _NOT_XML.sub("", text), count=1)
    try:
        doc = html.document_fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{where}: an HTML page with no content ({exc})") from None
    titles = _titles(doc)
    body = doc.find("body")
    root = body if body is not None else doc
    _clean(root, etree)
    lines = _Layout(_rules()).lines(root)
    main = _main(lines)
    if main is None:
        raise InputError(f"{where}: no text in the HTML page")
    start, end = _extent(lines, main, titles)
    kept = [ln.text for ln in _without_chrome(lines[start:end], main)]
    out = "\n".join(t for t in kept if t)
    if not out.strip():
        raise InputError(f"{where}: no text in the HTML page")
    return Extracted(out + "\n", version("lxml"))


def _titles(doc) -> list[str]:
    """What the page says its title is: <meta name=ArticleTitle>, then <title> and its pieces
    (a site name after _ | - or —— is not the title)."""
    found = []
    for meta in doc.iter("meta"):
        if (meta.get("name") or "").lower() in ("articletitle", "title", "og:title") and meta.get("content"):
            found.append(squeeze(meta.get("content")))
    for t in doc.iter("title"):
        whole = squeeze(t.text_content())
        found.append(whole)
        pieces = [p for p in (squeeze(x) for x in regex.split(r"\s*(?:_|\||--|——|－|-\s)\s*", whole)) if p]
        found.extend(pieces[:1])  # the title; what follows the separator is the site's name
    return [t for t in found if len(t) >= 4]


def _classes(el) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    words = set(names.split())
    for name in list(words):
        words.update(p for p in regex.split(r"[-_]", name) if p)
    return words


def _clean(root, etree) -> None:
    """Take out comments, elements of drop_tags and chrome-named ones (unless they hold most of
    the page's text)."""
    rules = _rules()
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(node)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.lower() in rules.drop_tags and el is not root:
            _drop(el)
    total = han_chars(root.text_content()) or 1
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        names = _classes(el)
        if names & rules.chrome and not names & rules.content and han_chars(el.text_content()) < total / 2:
            _drop(el)


def _drop(el) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


class _Layout:
    """The page as lines, in document order, each with the block element it belongs to."""

    def __init__(self, rules: _Rules):
        self.rules = rules
        self.out: list[_Line] = []
        self.buf: list[str] = []
        self.links = 0

    def lines(self, root) -> list[_Line]:
        self._walk(root, root, False)
        self._flush(root)
        return self.out

    def _flush(self, owner) -> None:
        text = squeeze("".join(self.buf))
        if text:
            self.out.append(_Line(text, owner, min(self.links, len(text))))
        self.buf, self.links = [], 0

    def _add(self, text: Optional[str], in_link: bool) -> None:
        if text:
            self.buf.append(text)
            if in_link:
                self.links += len(squeeze(text))

    def _walk(self, el, owner, in_link: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        block = tag in self.rules.block_tags
        if tag == "table" and _data_table(el):
            self._flush(owner)
            self._table(el)
            return
        if block:
            self._flush(owner)
            owner = el
        in_link = in_link or tag == "a"
        self._add(el.text, in_link)
        for child in el:
            ctag = child.tag.lower() if isinstance(child.tag, str) else ""
            if ctag == "br":
                self._flush(owner)
            else:
                self._walk(child, owner, in_link)
            self._add(child.tail, in_link)
        if block:
            self._flush(owner)

    def _table(self, table) -> None:
        for tr in table.iter("tr"):
            cells = [squeeze(td.text_content()) for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
            links = sum(len(squeeze(a.text_content())) for a in tr.iter("a"))
            text = "\t".join(cells).strip("\t")
            if text:
                self.out.append(_Line(text, tr, links, row=True))


def _data_table(table) -> bool:
    """A table of data: rows of short cells, two at least in some row, no table or paragraphs
    inside (a table laid out to hold the page is read as blocks)."""
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    if not rows or max(len(r.findall("td") + r.findall("th")) for r in rows) < 2:
        return False
    for cell in table.iter("td", "th"):
        if cell.find(".//br") is not None or cell.find(".//p") is not None or len(cell.text_content()) > 200:
            return False
    return True


def _text_chars(line: _Line) -> int:
    return max(0, han_chars(line.text) - line.links)


def _main(lines: list[_Line]):
    """The block element whose lines hold the most running text: each line counts for its own
    element and its parent, half for the grandparent."""
    score: dict = {}
    for ln in lines:
        n = _text_chars(ln)
        if not n:
            continue
        el = ln.owner
        for share in (1.0, 1.0, 0.5):
            if el is None:
                break
            score[el] = score.get(el, 0.0) + share * n
            el = el.getparent()
    if not score:
        return None
    return max(score, key=lambda el: score[el])


def _inside(el, main) -> bool:
    while el is not None:
        if el is main:
            return True
        el = el.getparent()
    return False


def _extent(lines: list[_Line], main, titles: list[str]) -> tuple[int, int]:
    """[start, end) of the lines of the report: from the title above the main text to its end."""
    own = [i for i, ln in enumerate(lines) if _inside(ln.owner, main)]
    first, last = own[0], own[-1] + 1
    lookback = _rules().lookback
    for i in range(first - 1, max(-1, first - 1 - lookback), -1):
        ln = lines[i]
        if _is_title(ln, titles):
            return i, last
    return first, last


def _is_title(line: _Line, titles: list[str]) -> bool:
    text = line.text
    if len(text) < 4 or line.links >= len(text) / 2:
        return False
    if isinstance(line.owner.tag, str) and line.owner.tag.lower() in _rules().heading_tags:
        return True
    return any(text == t or (len(text) >= 6 and (text in t or t in text)) for t in titles)


def _without_chrome(lines: list[_Line], main) -> list[_Line]:
    """The lines less chrome: lines of drop_lines, pieces of drop_pieces, and outside the main
    text, lines that are mostly link text (a breadcrumb, a menu left between title and text)."""
    rules = _rules()
    drop_line = patterns("html", "drop_lines")
    drop_piece = patterns("html", "drop_pieces")
    kept = []
    for ln in lines:
        text = ln.text
        if len(text) <= rules.max_chrome_line:
            if drop_line.search(text):
                continue
            if drop_piece.search(text):
                text = squeeze(drop_piece.sub(" ", text))
                if not text or drop_line.search(text):
                    continue
        linked = not ln.row and ln.links >= rules.link_share * len(ln.text)
        if linked and (len(ln.text) <= rules.max_chrome_line or not _inside(ln.owner, main)):
            continue
        kept.append(_Line(text, ln.owner, ln.links, ln.row))
    return kept
