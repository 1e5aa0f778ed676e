"""HTML to text: generated HTML (hypothesis) keeps every word in order and its structure, nothing more.

The generator builds a tree of the elements boards send (paragraphs, nested and ordered lists whose
items hold paragraphs, headings that may be empty, tables, line breaks, definition lists, links,
emphasis), renders it with or without the end tags HTML lets writers omit, and knows from the tree
what the text must show: the words, one marker per list item that has words, one heading line per
heading that has words.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobber_tui.core.discovery.sources.json_ld import job_postings
from jobber_tui.core.discovery.sources.page_text import page_text
from jobber_tui.core.infra.html_text import html_to_text, inline_text

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&<>'\"?!,:;()$%@"
    "éüßøçñ"
    "абвгдежз"
    "αβγδ"
    "שלוםעב"
    "مرحباكت"
    "日本語中文한국어"
    "ภาษาไทย"
    "हिन्दी"
)
"""Latin, Cyrillic, Greek, Hebrew and Arabic (right to left), CJK, Thai, Devanagari, and the characters
HTML must escape. No Markdown marks (- * # | \\ . _), so the text's own marks can be told apart."""
WORDS = st.text(alphabet=ALPHABET, min_size=1, max_size=7)
MARKER = re.compile(r"^ *(?:- |\d+\. )")


@dataclass
class Node:
    tag: str
    children: list[Node | str] = field(default_factory=list)
    attrs: str = ""

    def words(self, *, into_lists: bool = True) -> list[str]:
        found: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                found.append(child)
            elif into_lists or child.tag not in ("ul", "ol"):
                found.extend(child.words(into_lists=into_lists))
        return found

    def walk(self) -> list[Node]:
        return [self, *(n for c in self.children if isinstance(c, Node) for n in c.walk())]


OPTIONAL_END = {
    "p": {"address", "blockquote", "div", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "table", "ul"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "tr": {"tr"},
}
"""End tags HTML lets a writer leave out, and the next siblings that end the element instead."""


def render(node: Node | str, omit_ends: bool, following: Node | str | None = None) -> str:
    if isinstance(node, str):
        return html.escape(node, quote=False)
    kids = node.children
    inner = " ".join(render(kid, omit_ends, kids[i + 1] if i + 1 < len(kids) else None) for i, kid in enumerate(kids))
    if node.tag == "root":
        return inner
    if node.tag == "br":
        return "<br>"
    ends_it = following is None or isinstance(following, Node) and following.tag in OPTIONAL_END.get(node.tag, ())
    end = "" if omit_ends and node.tag in OPTIONAL_END and ends_it else f"</{node.tag}>"
    return f"<{node.tag}{node.attrs}>{inner}{end}"


def inline_nodes() -> st.SearchStrategy[Node | str]:
    leaf: st.SearchStrategy[Node | str] = WORDS
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, kids: Node(tag, kids, ' href="https://x.example/?a=1&amp;b=2"' if tag == "a" else ""),
            st.sampled_from(["b", "strong", "i", "em", "a", "span"]),
            st.lists(inner, min_size=0, max_size=3),
        ),
        max_leaves=6,
    )


def paragraph() -> st.SearchStrategy[Node]:
    return st.builds(lambda kids: Node("p", kids), st.lists(inline_nodes(), min_size=0, max_size=4))


def list_node(depth: int) -> st.SearchStrategy[Node]:
    child: st.SearchStrategy[Node | str] = st.one_of(inline_nodes(), paragraph())
    if depth < 3:
        child = st.one_of(child, st.deferred(lambda: list_node(depth + 1)))
    item = st.builds(lambda kids: Node("li", kids), st.lists(child, min_size=0, max_size=3))
    return st.builds(
        lambda tag, items, start: Node(tag, items, f' start="{start}"' if tag == "ol" and start else ""),
        st.sampled_from(["ul", "ol"]),
        st.lists(item, min_size=1, max_size=4),
        st.one_of(st.none(), st.integers(1, 20)),
    )


def block() -> st.SearchStrategy[Node]:
    heading = st.builds(
        lambda level, kids: Node(f"h{level}", kids), st.integers(1, 6), st.lists(inline_nodes(), min_size=0, max_size=2)
    )
    cell = st.builds(
        lambda tag, kids: Node(tag, kids),
        st.sampled_from(["td", "th"]),
        st.lists(st.one_of(inline_nodes(), paragraph()), max_size=2),
    )
    table = st.builds(
        lambda rows: Node("table", rows),
        st.lists(
            st.builds(lambda cells: Node("tr", cells), st.lists(cell, min_size=1, max_size=3)), min_size=1, max_size=3
        ),
    )
    terms = st.builds(
        lambda pairs: Node("dl", [n for pair in pairs for n in pair]),
        st.lists(
            st.tuples(
                st.builds(lambda k: Node("dt", k), st.lists(WORDS, min_size=1, max_size=2)),
                st.builds(lambda k: Node("dd", k), st.lists(WORDS, min_size=1, max_size=3)),
            ),
            min_size=1,
            max_size=2,
        ),
    )
    lines = st.builds(
        lambda first, rest: Node("div", [first, *(x for word in rest for x in (Node("br"), word))]),
        WORDS,
        st.lists(WORDS, max_size=3),
    )
    return st.one_of(
        paragraph(),
        list_node(1),
        heading,
        table,
        terms,
        lines,
        st.builds(lambda kids: Node("blockquote", kids), st.lists(paragraph(), max_size=2)),
    )


documents = st.builds(lambda blocks: Node("root", blocks), st.lists(block(), min_size=1, max_size=6))


def strip_marks(text: str) -> list[str]:
    """The output's words without its own Markdown: markers, heading hashes, emphasis, cell bars."""
    words: list[str] = []
    for line in text.split("\n"):
        line = MARKER.sub("", line)
        line = re.sub(r"^#{1,6} ", "", line).replace("*", "").replace(" | ", " ")
        words.extend(line.split())
    return words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.booleans())
def test_generated_html_keeps_every_word_in_order_and_its_structure(doc: Node, omit_ends: bool) -> None:
    markup = render(doc, omit_ends)
    text = html_to_text(markup)
    assert strip_marks(text) == doc.words()
    lines = text.split("\n")
    assert "\n\n\n" not in text and text == text.strip()
    assert not any(line != line.rstrip() for line in lines)
    assert not any(re.fullmatch(r" *(?:[-*+]|\d+\.)", line) for line in lines), "orphan bullet"
    assert not any(re.fullmatch(r"#+ *", line) for line in lines), "empty heading"
    items = [n for n in doc.walk() if n.tag == "li" and n.words(into_lists=False)]
    assert sum(1 for line in lines if MARKER.match(line)) == len(items)
    headings = [n for n in doc.walk() if re.fullmatch(r"h\d", n.tag) and n.words()]
    assert sum(1 for line in lines if re.match(r"#{1,6} ", line)) == len(headings)


@settings(max_examples=100, deadline=None)
@given(documents)
def test_closing_tags_are_optional_where_html_says_so(doc: Node) -> None:
    assert html_to_text(render(doc, True)) == html_to_text(render(doc, False))


def test_lists_as_boards_write_them() -> None:
    ashby = (
        "<h3></h3><p><strong>What you'll do</strong></p><ul><li><p>Design the ledger</p></li>"
        "<li><p>Run it in production</p><p>and on call</p></li><li><p></p></li></ul>"
        '<ol start="3"><li>Third<ol><li>nested one</li></ol></li><li>Fourth</li></ol>'
    )
    assert html_to_text(ashby) == (
        "**What you'll do**\n\n- Design the ledger\n- Run it in production\n"
        "  and on call\n\n3. Third\n   1. nested one\n4. Fourth"
    )
    assert html_to_text("<ul><li><ul><li>only nested</li></ul></li></ul>") == "- only nested"
    assert html_to_text("<ul><li>a<li>b</ul>after") == "- a\n- b\n\nafter"


def test_tables_breaks_terms_and_headings() -> None:
    table = "<table><tr><th>Level</th><th>Pay</th></tr><tr><td><p>Senior</p></td><td>$1</td></tr></table>x"
    assert html_to_text(table) == "Level | Pay\nSenior | $1\n\nx"
    assert html_to_text("one<br>two<br><br>three") == "one\ntwo\n\nthree"
    assert html_to_text("<dl><dt>Visa</dt><dd>sponsored</dd></dl>") == "**Visa**\nsponsored"
    assert html_to_text("<h2><strong>About</strong></h2><h3> &nbsp; </h3><p># of hires</p><p>-</p>") == (
        "## About\n\n\\# of hires"
    )
    assert html_to_text("<p>a</p><hr><p>b</p>") == "a\n\n---\n\nb"


def test_entities_are_decoded_exactly_once() -> None:
    assert html_to_text("<p>R&amp;D &amp;amp; &lt;b&gt; caf&eacute; &#x1F600;</p>") == "R&D &amp; <b> café 😀"
    # Greenhouse escapes its HTML once more: one level is undone, then the HTML is read as HTML.
    assert html_to_text("&lt;p&gt;Salary &amp;amp; equity&lt;/p&gt;") == "Salary & equity"
    assert inline_text("<b>Senior</b> Engineer &amp;amp; Lead") == "Senior Engineer &amp; Lead"
    assert html_to_text("<pre>a &amp;amp; b\nc &lt;d&gt;</pre>") == "a &amp; b\nc <d>"
    assert inline_text("&lt;b&gt;Staff&lt;/b&gt; Engineer") == "Staff Engineer"


def test_hidden_and_hostile_content_is_dropped() -> None:
    markup = (
        "<script>alert('x')</script><style>p{}</style><p>kept\x1b[31m</p><svg><text>icon</text></svg>"
        "<p>after an unclosed svg<svg>hidden<p>visible again</p><template>not shown</template>"
    )
    assert html_to_text(markup) == "kept[31m\n\nafter an unclosed svg\n\nvisible again"
    assert html_to_text("<p>x</p><div class='unclosed") == "x"  # a tag that never ends takes the rest


def test_cost_grows_linearly_with_unclosed_tags() -> None:
    """The old converter and JSON-LD reader rescanned the rest of the page at every unclosed tag (18 s for
    an 88 KB posting, 49 s for a 288 KB page): ten times the input must cost about ten times, not a hundred."""

    def seconds(read: Callable[[str], object], markup: str) -> float:
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            read(markup)
            best = min(best, time.perf_counter() - start)
        return best

    readers: list[Callable[[str], object]] = [lambda m: html_to_text(m, max_chars=10**9), job_postings, page_text]
    for unit in (
        "<p><b>Go <div class='x' ",
        "<ul><li>item <!-- ",
        "<script type='application/ld+json'>{ ",
        "<main><article><h1>x ",
    ):
        for read in readers:
            small, large = seconds(read, unit * 1_000), seconds(read, unit * 10_000)
            # Linear: about 10x. The old code: 100x, and seconds. (A 1 ms floor keeps timer noise out.)
            assert large < 50 * max(small, 1e-3), (unit, read, small, large)
