"""Garbled and slipped wording (issue 5): TX004 garbled-phrase, TX005 fixed-term-slip,
TX006 generic-title, TX007 stray-full-stop, TX008 split-bound-word, TX009 broken-fixed-word, each on real sentences from the seed and the
national reports."""
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
    ("TX004", "开工重点项目30个以上,新增育规模化育肥场、育肥大牛100个。", 1, 13, "新增育规模化育肥"),
    ("TX004", "做强红干椒等外贸转型升级基地。系统改善涉外外贸服务,推进外商投资项目建设。", 1, 20, "涉外外贸"),
    ("TX004", "巩固山水工程和欧陆仿造造林项目建设成果,完成生态修复治理391万亩。", 1, 10, "仿造造林"),
    ("TX007", "创新绿能与产业协同开发落地,新能源装机规模增长170%。达到1600万千瓦,撬动近千亿级的产业投资落地。",
     1, 28, "。达到1600万千瓦"),
    ("TX005", "积极推动《通辽市极端天气应对条例》等13部地方性法规颁布实施,人大代表大会、政协委员提案全部办结。",
     1, 32, "人大代表大会"),
    ("TX005", "稳步提升社会保障体制水平,\n持续健全社会保障休系。", 2, 5, "社会保障休系"),
    ("TX006", "打造大型原创交响音乐《西辽河回响》、舞蹈《安代》、轻舞《文艺精品力作》。(下转第三版)",
     1, 28, "《文艺精品力作》"),
    ("TX008", "“十五五”时期,是基本实现社会主义现代化夯坚实基础、全面发展的关键时期。", 1, 21, "夯坚实"),
    ("TX009", "提升招商精准度和成功率,力争招商引到投资资金增长8%以上。", 1, 15, "招商引到"),
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
    # a character repeated in a parallel phrase (national 2015, 2013, 2022, 2024)
    ("TX004", "坚持以开放促改革促发展。鼓励企业跨行业跨区域跨所有制兼并重组。"),
    ("TX004", "加大稳外贸稳外资力度,帮助外贸企业稳订单稳生产。"),
    ("TX004", "推动创新链产业链资金链人才链一体部署实施。"),
    # a shared syllable the reports use, or a common first word (national 2008-2025, the seed)
    ("TX004", "维护海外侨胞和归侨侨眷的合法权益。"),
    ("TX004", "推动产业、居住、商业等功能能级协同。"),
    ("TX004", "加快工业互联网创新发展,全面提高高等教育质量。"),
    ("TX007", "新能源装机规模增长170%,达到1600万千瓦。"),
    # bound characters beside their partners, or apart in a dictionary word (national 2013-2024)
    ("TX008", "为接续做好“十五五”工作奠定了坚实基础,夯实高质量发展基础。"),
    ("TX008", "是聚精会神搞建设、一心一意谋发展的关键。"),
    ("TX008", "用实干践行承诺,激发全社会干事创业的精气神。"),
    ("TX008", "推进经济结构战略性调整,加强古城夯土城墙保护。"),
    # contexts completed as usual, or by a character that makes a word (national 2015-2022, the seed)
    ("TX009", "实施精准招商攻坚行动,提升招商引资质效。"),
    ("TX009", "坚持依宪施政、依法行政,推进农村改厕和污水治理,实现共赢多赢。"),
    ("TX009", "社会主体活力进一步激发,要招商引进更多项目。"),
    ("TX007", "常住人口城镇化率达到60%。超过一半人口居住在城镇。"),  # national 2016
    ("TX007", "启动一批重大项目。完成铁路投资8000亿元。"),  # national 2016
    ("TX007", "单位国内生产总值能耗下降。扩大5G规模化应用。"),  # national 2025
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
