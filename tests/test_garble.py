"""Garbled and slipped wording (issue 5): TX004 garbled-phrase, TX005 fixed-term-slip,
TX006 generic-title, each on real sentences from the seed and the national reports."""
from __future__ import annotations

import pytest

from tonglaio_parse import sections
from tonglaio_parse.checks import Context, run_checks
from tonglaio_parse.normalize import normalize


def found(text: str, code: str) -> list[tuple[int, int, str]]:
    norm = normalize(text)
    ctx = Context(norm, sections.build_sections(norm))
    return [(w.line, w.column, w.text) for w in run_checks(ctx) if w.code == code]


POSITIVE = [  # (code, sentence, line, column, flagged text) — sentences from the seed
    ("TX004", "引进建设牛肉牛屠宰加工项目15个。", 1, 5, "牛肉牛屠宰"),
    ("TX005", "积极推动《通辽市极端天气应对条例》等13部地方性法规颁布实施,人大代表大会、政协委员提案全部办结。",
     1, 32, "人大代表大会"),
    ("TX005", "稳步提升社会保障体制水平,\n持续健全社会保障休系。", 2, 5, "社会保障休系"),
    ("TX006", "打造大型原创交响音乐《西辽河回响》、舞蹈《安代》、轻舞《文艺精品力作》。(下转第三版)",
     1, 28, "《文艺精品力作》"),
]

NEGATIVE = [  # (code, sentence) — real text that must stay quiet
    ("TX005", "十四届全国人民代表大会第三次会议。"),  # the term itself (national 2025)
    ("TX005", "在此,我代表市人民政府,向全市各族人民、向人大代表、政协委员致以崇高的敬意!"),  # local form
    ("TX005", "向全国各族人民,向各民主党派、各人民团体和各界人士,表示诚挚感谢!"),
    ("TX005", "全国人大代表和政协委员提出的建议和提案全部办结。"),
    ("TX006", "认真贯彻执行《国家通用语言文字法》,全面推广普及国家通用语言文字。"),
    ("TX006", "《马走日》等5个文化艺术作品荣获自治区“五个一工程”优秀奖。"),
    ("TX006", "打造大型原创交响音乐《西辽河回响》、舞蹈《安代》。"),
    ("TX006", "推动《霍林河矿区总体规划(修编)》获批。"),
    ("TX006", "实施《中国制造2025》,推动《巴黎协定》生效,落实《廉政准则》。"),  # national reports
    ("TX004", "坚持以人民为中心,让人人享有基本医疗卫生服务,家家户户用上清洁能源,常常看看一一落实。"),
]


@pytest.mark.parametrize("code,text,line,column,flagged", POSITIVE)
def test_flags_the_slip_where_it_is(code, text, line, column, flagged):
    assert (line, column, flagged) in found(text, code), found(text, code)


@pytest.mark.parametrize("code,text", NEGATIVE)
def test_real_text_stays_quiet(code, text):
    assert found(text, code) == []


def test_fixed_term_slip_message_names_the_term():
    norm = normalize("人大代表大会、政协委员提案全部办结。")
    ctx = Context(norm, sections.build_sections(norm))
    (w,) = [w for w in run_checks(ctx) if w.code == "TX005"]
    assert "人民代表大会" in w.message and w.severity == "info"
