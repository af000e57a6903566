"""data/text.toml, the one table of punctuation and numeral classes (issue 13): each class the
stages and checks compose from it is the very class they wrote out before; a bad data table
fails with RuleError naming the file and entry; the checks' view of the report body does not
depend on the order they run in."""
from __future__ import annotations

import pytest

from tonglaio_parse import rules
from tonglaio_parse.checks import Context, registry, run_checks
from tonglaio_parse.errors import RuleError
from tonglaio_parse.stages import indicators, normalize, numbers, periods, quantities, sections, subjects

# every character a class of the package could be about: ASCII, CJK and full-width punctuation,
# the numerals of both scripts, line separators
UNIVERSE = "".join(map(chr, range(0x20, 0x7F))) + "\n\r\t\x0b\x0c\x85\u2028\u2029" + \
    "".join(map(chr, range(0x3000, 0x3020))) + "".join(map(chr, range(0xFF01, 0xFF5F))) + \
    "“”‘’○〇零一二两兩三四五六七八九十百千万萬亿億点點第首末前后上下"


def chars(pattern) -> set[str]:
    return {c for c in UNIVERSE if pattern.fullmatch(c)}


def literal(cls: str) -> set[str]:
    import regex
    return chars(regex.compile(cls))


def test_marks_compose_the_classes_written_before():
    m = rules.marks()
    cc = rules.char_class
    assert literal(cc(m.line_break + m.sentence_end_or_semicolon + m.comma + m.enumeration_comma)) == \
        literal(r"[\n。!?;,、]")
    assert literal(cc(m.sentence_end_or_semicolon + m.line_break)) == literal(r"[。!?;\n]")
    assert literal(cc(m.clause_mark + m.line_break)) == literal(r"[,:;。!?\n]")
    assert literal(cc(m.sentence_end + m.line_break)) == literal(r"[。!?\n]")
    assert literal(cc(m.sentence_end_or_semicolon)) == literal(r"[。!?;]")
    assert literal(cc(rules.full_width(m.sentence_end_or_semicolon))) == literal(r"[。!?;！？；]")
    assert literal(cc(rules.full_width(m.clause_mark))) == literal(r"[，。；：,;:！？!?]")
    stops = rules.full_width(m.clause_mark + m.brackets) + m.title_marks + m.quotes + m.line_break
    assert set(stops) == set(",，。;；:：!！?？()（）《》“”\n")
    assert set(m.enumeration_comma + m.comma + m.colon + m.semicolon) | set(" \t和及与") == set(" \t、,,和及与:;")


def test_stage_patterns_keep_their_classes():
    b = indicators._bounds()
    assert chars(b.sentence) == literal(r"[。!?;\n]")
    assert chars(b.clause) == literal(r"[,:;。!?\n]")
    assert chars(b.full_stop) == literal(r"[。!?\n]")
    assert b.to_after.fullmatch("增加到") and not b.to_after.fullmatch("增,到") and not b.to_after.fullmatch("1到")
    assert chars(normalize._cut_point()) == literal(r"[\n。!?;,、]")
    assert chars(quantities._clause_mark()) == literal(r"[,;。:!?\n]")
    assert periods._year_in_words().pattern.startswith("[") and periods._arabic_years("二○二五年") == "2025年"
    assert subjects.lexicon().edge.strip(" \t、,和及与:;") == rules.marks().list_dash  # a —— item


def test_numeral_classes_are_those_written_before():
    nc = rules.numeral_chars()
    assert set(nc.year_digit) == set("〇○零一二三四五六七八九")
    assert set(nc.numeral) == set("〇零一二三四五六七八九十百千万亿两")
    assert set(nc.digit + nc.small_magnitude + nc.two + nc.point) == set("〇零一二三四五六七八九十百千两点")
    assert nc.one_to_nine + nc.ten == "一二三四五六七八九十"


def test_the_full_width_fold_is_unicodes():
    assert rules.width_fold() == {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
    assert rules.full_width(";,") == ";,；，" and rules.wide_forms("。a") == "ａ"
    assert numbers.fold_digits("１２．５％") == "12.5%"


def test_char_class_escapes_what_a_class_would_read():
    import re
    import regex
    for cls in (rules.char_class("]^-\\[\n "), rules.char_class("a-", negated=True, escapes=r"\d")):
        assert regex.compile(cls, regex.VERBOSE).pattern == re.compile(cls, re.VERBOSE).pattern
    assert {c for c in "]^-\\[\n x" if re.fullmatch(rules.char_class("]^-\\[\n "), c, re.VERBOSE)} == set("]^-\\[\n ")


def test_alternation_is_longest_first_and_takes_an_item_maker():
    assert rules.alternation(["万", "万亿", "亿", "万"]) == "万亿|万|亿"
    assert rules.alternation(["a.b", "c"], escape=False) == "a.b|c"
    assert rules.alternation(["M2", "GDP增长"], item=lambda w: f"<{w}>") == "<GDP增长>|<M2>"


# ---- a bad table: RuleError naming the file and the entry -----------------------------------

def test_a_missing_entry_is_a_rule_error_naming_it():
    t = rules.entries("lint.toml")
    with pytest.raises(RuleError, match=r"data/lint.toml \[nope\]: missing"):
        t["nope"]
    with pytest.raises(RuleError, match=r"data/lint.toml \[layout\] nope: missing"):
        t["layout"]["nope"]
    with pytest.raises(RuleError, match=r"data/lint.toml \[layout\] chrome: must be a whole number"):
        t["layout"].integer("chrome")
    with pytest.raises(RuleError, match=r"data/lint.toml \[input\] mojibake_min_run: must be a string"):
        t["input"].text("mojibake_min_run")
    row = rules.entries("periods.toml").rows("document_year")[0]
    with pytest.raises(RuleError, match=r"data/periods.toml \[\[document_year\]\] #1 nope: missing"):
        row["nope"]
    assert t.get("nope", 7) == 7 and "layout" in t and isinstance(RuleError("x"), ValueError)


@pytest.fixture
def patched_table(monkeypatch):
    """Replace one data table for the duration of a test (the loaders' caches bypassed)."""
    real = rules.table

    def patch(name: str, change) -> None:
        data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in real(name).items()}
        change(data)
        monkeypatch.setattr(rules, "table", lambda n: data if n == name else real(n))
    return patch


def test_a_numeral_class_must_agree_with_the_numeral_values(patched_table):
    patched_table("text.toml", lambda d: d["numerals"].update(one_to_nine="一二三四五六七八十"))
    with pytest.raises(RuleError, match=r"data/text.toml \[numerals\]: '十' is not 9"):
        rules.numeral_chars.__wrapped__()


def test_a_mark_must_be_one_character(patched_table):
    patched_table("text.toml", lambda d: d["marks"].update(comma=",,"))
    with pytest.raises(RuleError, match=r"data/text.toml \[marks\] comma: must be one character"):
        rules.marks.__wrapped__()


def test_the_numeral_table_fails_with_a_rule_error(patched_table):
    patched_table("numerals.toml", lambda d: d["digits"].update({"十": 10}))
    with pytest.raises(RuleError, match=r"data/numerals.toml: '十' is in both \[digits\] and \[small_units\]"):
        numbers.numerals.__wrapped__()
    with pytest.raises(ValueError) as not_a_number:
        numbers.parse_number("十二点")
    assert not isinstance(not_a_number.value, RuleError)


def test_a_from_to_verb_must_be_a_direction_verb(patched_table):
    from tonglaio_parse.checks import numbers as nu
    patched_table("lint.toml", lambda d: d["numbers"].update(from_to_verbs=["增加", "变成"]))
    with pytest.raises(RuleError, match=r"data/lint.toml \[numbers\] from_to_verbs: '变成'"):
        nu._patterns.__wrapped__()


# ---- the body the checks judge does not depend on their order --------------------------------

FRAMED = ("首页 > 政务公开\n\n政府工作报告\n\n2024年全市地区生产总值增长5.2%,新建建农村公路100公里。\n\n"
          "加快建设教育强市。坚持教育优先发展。\n\n版权所有:某市人民政府\n主办单位:某市政府办公室\n")


def _context(text: str) -> Context:
    norm = normalize.normalize(text)
    return Context(norm, sections.build_sections(norm))


def test_the_body_is_derived_before_any_check_runs():
    ctx = _context(FRAMED)
    lo, hi = ctx.body
    assert ctx.norm.original[lo:hi].strip().startswith("政府工作报告")
    assert "版权所有" not in ctx.norm.original[lo:hi] and "版权所有" in ctx.norm.original[hi:]
    assert ctx.body_paragraphs()[0].text == "政府工作报告"


def test_checks_find_the_same_in_any_order(monkeypatch):
    ahead = {(w.code, w.span, w.message) for w in run_checks(_context(FRAMED))}
    order = registry.registered()
    monkeypatch.setattr(registry, "_CHECKS", order[::-1])
    backwards = {(w.code, w.span, w.message) for w in run_checks(_context(FRAMED))}
    assert ahead == backwards and {"LA007", "LA008", "TX001"} <= {c for c, _, _ in ahead}


def test_ignoring_the_furniture_findings_keeps_the_body():
    kept = [w for w in run_checks(_context(FRAMED)) if w.code not in ("LA007", "LA008")]
    assert run_checks(_context(FRAMED), ("LA007", "LA008")) == kept
