"""The scanner and its range tail (stages/numerals.py): the rest of a range (-6.5%, 至5年) is
matched by a pattern of its own where the scanner's match ends. What they find together is
what the one pattern that held both found: the cases below are its matches, group by group."""
from __future__ import annotations

import pytest

from tonglaio_parse.stages import numerals
from tonglaio_parse.stages.quantities import find_quantities

# (text, [(matched text, {group: text})]) as the one pattern found them
ONE_PATTERN = [
    ('经济增长6%–6.5%,', [('6%–6.5%', {'n1': '6', 'u1': '%', 'n2': '6.5', 'u2': '%'})]),
    ('投资5000-6000万元。', [('5000-6000万元', {'n1': '5000', 'n2': '6000万', 'u2': '元'})]),
    ('用3至5年时间', [('3至5年', {'n1': '3', 'n2': '5', 'u2': '年'})]),
    ('增长6%-6.5%左右', [('6%-6.5%左右', {'post': '左右', 'n1': '6', 'u1': '%', 'n2': '6.5', 'u2': '%'})]),
    ('2025-2027年行动', [('2025', {'n1': '2025'}), ('2027年', {'n1': '2027', 'u1': '年'})]),
    ('百分之五至百分之十', [('百分之五至百分之十', {'fw': '百分之', 'n1': '五', 'n2': '十'})]),
    ('5000余-6000余人', [('5000余-6000余人', {'n1': '5000', 'm1': '余', 'n2': '6000', 'm2': '余', 'u2': '人'})]),
    ('增长 6 % - 6.5 %', [('6 % - 6.5 %', {'n1': '6', 'u1': '%', 'n2': '6.5', 'u2': '%'})]),
    ('3—5个', [('3—5个', {'n1': '3', 'n2': '5', 'u2': '个'})]),
    ('4.2和0.7个百分点', [('4.2', {'n1': '4.2'}), ('0.7个百分点', {'n1': '0.7', 'u1': '个百分点'})]),
    ('两三千万元', [('两三千万元', {'n1': '两三千万', 'u1': '元'})]),
    ('七千多万吨', [('七千多万吨', {'n1': '七千多万', 'u1': '吨'})]),
    ('3年多来', [('3年多', {'post': '多', 'n1': '3', 'u1': '年'})]),
    ('24%强。', [('24%强', {'post': '强', 'n1': '24', 'u1': '%'})]),
    ('5个多功能', [('5个', {'n1': '5', 'u1': '个'})]),
    ('三分之一至三分之二', [('三分之一', {'n1': '三', 'rn': '一'}), ('三分之二', {'n1': '三', 'rn': '二'})]),
    ('1/3到1/2', [('1/3', {}), ('1/2', {})]),
    ('增加到1.2万-1.5万人以上', [('1.2万-1.5万人以上', {'post': '以上', 'n1': '1.2万', 'n2': '1.5万', 'u2': '人'})]),
    ('6%至7%以内', [('6%至7%以内', {'post': '以内', 'n1': '6', 'u1': '%', 'n2': '7', 'u2': '%'})]),
    ('1万多人', [('1万多人', {'n1': '1万', 'm1': '多', 'u1': '人'})]),
    ('5万 多元', [('5万 多元', {'n1': '5万', 'm1': ' 多', 'u1': '元'})]),
    ('约5000多', [('约5000多', {'pre': '约', 'n1': '5000', 'm1': '多'})]),
    ('5000多的', [('5000多', {'n1': '5000', 'm1': '多'})]),
    ('50个强网工程', [('50个', {'n1': '50', 'u1': '个'})]),
    ('10亿 多-20亿多元', [('10亿 多-20亿多元', {'n1': '10亿', 'm1': ' 多', 'n2': '20亿', 'm2': '多', 'u2': '元'})]),
]
GROUPS = ("pre", "post", "fw", "n1", "rn", "m1", "u1", "n2", "m2", "u2")


def scanned(text: str) -> list[tuple[str, dict[str, str]]]:
    found, pos = [], 0
    while (m := numerals.scan(text, pos)) is not None:
        groups = {k: m.head.group(k) for k in GROUPS if k in m.head.re.groupindex}
        if m.tail is not None:
            groups |= {k: m.tail.group(k) for k in GROUPS if k in m.tail.re.groupindex}
        found.append((text[m.start:m.end], {k: v for k, v in groups.items() if v is not None}))
        pos = m.end
    return found


@pytest.mark.parametrize("text, expected", ONE_PATTERN, ids=[t for t, _ in ONE_PATTERN])
def test_scanner_and_tail_find_what_the_one_pattern_found(text, expected):
    assert scanned(text) == expected


@pytest.mark.parametrize("text, span, unit", [
    ("经济增长6%–6.5%,", "6%–6.5%", "%"), ("投资5000-6000万元。", "5000-6000万元", "元"), ("用3至5年时间", "3至5年", "年")])
def test_ranges_are_read_whole(text, span, unit):
    (q,) = find_quantities(text)
    assert (text[q.start:q.end], q.unit, q.qualifier) == (span, unit, "range")


def test_the_tail_is_compiled_only_when_a_range_may_follow():
    numerals.range_tail.cache_clear()
    text = "新增就业1.2万人,增长6%。"
    assert [text[q.start:q.end] for q in find_quantities(text)] == ["1.2万人", "6%"]
    assert numerals.range_tail.cache_info().currsize == 0
    scanned("增长6%-6.5%")
    assert numerals.range_tail.cache_info().currsize == 1


def test_the_scanner_holds_the_unit_words_once():
    unit = numerals._pieces(True).unit
    assert numerals.scanner(True).pattern.count(unit) == 1
    assert numerals.range_tail(True, False).pattern.count(unit) == 1
