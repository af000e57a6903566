"""Targets stated without a number: clauses of the annual target paragraph (real sentences)."""
from __future__ import annotations

import pytest

from tonglaio_parse import Options, parse_text

LEAD = "二、2026年工作安排\n今年经济社会发展的主要预期目标是:地区生产总值增长5%左右;城镇新增就业60万人以上;"


@pytest.mark.parametrize("clause, canonical", [
    ("固定资产投资实现正增长", "fixed_asset_investment_growth"),         # Hunan 2026
    ("居民消费价格保持合理水平", "cpi"),                                  # Shandong 2026
    ("居民收入增长与经济增长同步", "income_growth"),                      # the subject comes first
    ("进出口总额争取实现正增长", "trade_growth"),                         # Shanxi 2026
    ("居民消费价格合理回升", "cpi"),                                      # Tibet 2026
])
def test_a_clause_naming_an_indicator_without_a_number_is_a_qualitative_target(clause, canonical):
    r = parse_text(LEAD + clause + "。\n", options=Options(year=2026))
    assert [(q.canonical, q.text) for q in r.qualitative_targets] == [(canonical, clause)]
    q = r.qualitative_targets[0]
    assert r.text[q.span[0]:q.span[1]] == clause and q.line == 2


@pytest.mark.parametrize("clause", [
    "多渠道增加城乡居民收入",              # a task: a verb before the indicator
    "提高居民收入在国民收入分配中的比重",
    "加快发展服务贸易、数字贸易",
    "城镇调查失业率5.5%左右",              # a number: a figure, not a qualitative target
])
def test_tasks_and_figures_are_not_qualitative_targets(clause):
    r = parse_text(LEAD + clause + "。\n", options=Options(year=2026))
    assert r.qualitative_targets == []


def test_an_indicator_with_a_number_in_the_paragraph_is_not_also_qualitative():
    r = parse_text(LEAD + "居民消费价格涨幅2%左右,居民消费价格保持合理水平。\n", options=Options(year=2026))
    assert r.qualitative_targets == []


def test_only_the_annual_target_paragraph_counts():
    review = "一、2025年工作回顾\n去年,地区生产总值增长5.2%,城镇新增就业62万人,固定资产投资实现正增长。\n"
    r = parse_text(review + LEAD + "居民消费价格保持合理水平。\n", options=Options(year=2026))
    assert [q.canonical for q in r.qualitative_targets] == ["cpi"]


def test_a_target_declined_in_so_many_words_is_no_number_set():
    """2020: 我们没有提出全年经济增速具体目标 — GDP has a target with no number, not a missing one."""
    text = ("二、2020年工作总体部署\n今年发展主要目标是:城镇新增就业900万人以上,城镇调查失业率6%左右。\n"
            "需要说明的是,我们没有提出全年经济增速具体目标,主要因为全球疫情和经贸形势不确定性很大。\n")
    r = parse_text(text, options=Options(year=2020))
    assert [q.canonical for q in r.qualitative_targets] == ["gdp_growth"]
    assert "没有提出全年经济增速具体目标" in r.qualitative_targets[0].text


def test_the_users_wordings_name_qualitative_targets_too(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[canonical]]\nwordings = ["技术合同交易额"]\ngrowth = "tech_contract_growth"\n', encoding="utf-8")
    r = parse_text(LEAD + "技术合同交易额稳步增长。\n", options=Options(year=2026, indicators_file=str(f)))
    assert [q.canonical for q in r.qualitative_targets] == ["tech_contract_growth"]
