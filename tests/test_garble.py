"""Garbled and slipped wording (issue 5): TX004 garbled-phrase, TX005 fixed-term-slip,
TX006 generic-title, TX007 stray-full-stop, TX008 split-bound-word, TX009 broken-fixed-word,
TX010 name-variant, TX011 off-topic-clause, TX012 stranded-double, each on real sentences from the seed and the
national reports."""
from __future__ import annotations

import pytest

from tonglaio_parse.stages import sections
from tonglaio_parse.checks import Context, run_checks
from tonglaio_parse.stages.normalize import normalize

# the seed's education paragraph (line 99), whose last clause is about health care, and the
# health paragraph after it (line 101)
EDUCATION = "加快建设教育强市。坚持教育优先发展“四个机制”,以实施教育数字化应用提升工程为牵引,努力办好人民满意的教育。着力提升学校管理水平,健全校长园长队伍选用管用机制,打造高素质专业化校园长队伍,强化师德师风和校园安全建设,构建高质量教育生态;建设智慧校园示范校24个,推动校园管理向精细化、科学化转型。着力提升教育质量,持续加强教师队伍建设,引进高层次人才180人以上,实现中小学教师市级培训全覆盖;启动教研能力提升行动,配齐配强专职教研员;坚持“五育并举”,促进学生全面发展;升级通辽教育公共服务平台,以数字技术深度融合课堂教学,促进教育教学质量整体跃升。着力提升教育综合竞争力,加快创建“学前教育普及普惠县”“义务教育优质均衡发展县”,全面实施县域普通高中振兴行动,推动职业院校“双高双优”创建,全面提升医疗卫生健康影响力。"
HEALTH = "增进全民健康福祉。坚持以实施中央财政支持公立医院改革与高质量发展示范项目为总抓手,聚力解决群众看病就医难愁盼问题,全面提升医疗卫生健康服务水平。着力提升“三医”协同发展和治理能力,深化公立医院编制、服务价格、薪酬制度、综合监管改革,深推做实紧密型城市医疗集团和县域医共体,完善全民健康数字化体系,实现全市二级以上公立医院检查检验结果互认共享全覆盖。着力提升诊疗救治能力,扎实推进自治区区域医疗中心、区域专科医疗中心、临床重点专科建设,实施医疗卫生强基工程,全面建成县域诊疗服务“五大中心”,更好满足群众就近享有优质医疗服务的需求。着力提升公共卫生服务能力,启动建设市疾控中心实验室项目,加强传染病监测预警,抓实免疫规划、地方病防治,促进医防协同融合,降低重点传染病发病率;设立市旗两级诊疗服务中心、慢病管理中心,开展心理健康服务、家庭医生“签约有感”行动,守护好群众身心健康。"


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
    ("TX010", "实训基地投入使用。中央财政支持公立中心医院与高质量发展示范项目成功获批。\n\n"
              "增进全民健康福祉。坚持以实施中央财政支持公立医院改革与高质量发展示范项目为总抓手。",
     1, 10, "中央财政支持公立中心医院与高质量发展示范项目"),
    ("TX010", "坚持以实施中央财政支持公立医院改革与高质量发展示范项目为总抓手。\n"
              "中央财政支持公立医院改革与高质量发展示范项目成功获批。\n"
              "中央财政支持公立中心医院与高质量发展示范项目成功获批。",  # the rarer form
     3, 1, "中央财政支持公立中心医院与高质量发展示范项目"),
    ("TX011", EDUCATION + "\n\n" + HEALTH, 1, 348, "全面提升医疗卫生健康影响力"),
    ("TX012", "向各民主党派、工商联、无党派人士和广大团体、向驻市市区直单位、解放军、武警部队,表示衷心的感谢!",
     1, 24, "驻市市区直"),
    ("TX012", "感谢驻市市区直单位的支持。", 1, 3, "驻市市区直"),
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
    # two names that share their ends, a name repeated as it is, a series (the seed, national 2011, 1955)
    ("TX010", "中央财政支持普惠托育服务发展示范项目获批实施。\n"
              "坚持以实施中央财政支持公立医院改革与高质量发展示范项目为总抓手。"),
    ("TX010", "实施国家中长期科学和技术发展规划纲要。实施国家中长期教育改革和发展规划纲要。"),
    ("TX010", "中央财政支持公立医院改革与高质量发展示范项目成功获批。\n"
              "坚持以实施中央财政支持公立医院改革与高质量发展示范项目为总抓手。"),
    ("TX010", "为完成发展国民经济的第一个五年计划而奋斗。为完成发展国民经济的第二个五年计划而奋斗。"),
    # the seed's paragraphs in their places; a clause of a related topic (national 2005, 2010, 2012)
    ("TX011", EDUCATION.replace("全面提升医疗卫生健康影响力", "全面提升教育综合竞争力") + "\n\n" + HEALTH),
    ("TX011", HEALTH),
    # a doubled character that is a name, a dictionary word's, or a compound's (the seed, national 2006-2008)
    ("TX012", "加快他拉水水库引调水项目建设。"),
    ("TX012", "免除学杂费,并为家庭经济困难学生免费提供教科书和补助寄宿生生活费。"),
    ("TX012", "今年拟从去年超收收入中安排一部分。"),
    ("TX012", "坚持以人民为中心,让人人享有基本医疗卫生服务,家家户户用上清洁能源,常常看看一一落实,年年增收。"),
    ("TX012", "加快城市市政建设,实现直辖市市长会议制度化。"),
    ("TX011", "大力发展社会主义先进文化。加强思想道德建设，弘扬以爱国主义为核心的民族精神和以改革创新为核心的"
              "时代精神，弘扬集体主义、社会主义思想。加强和改进未成年人思想道德建设和大学生思想政治教育。"
              "推动文化体制改革和机制创新，加快文化事业和文化产业发展。发展文学艺术、新闻出版和广播影视业。"
              "加快农村基层文化建设，提高广播电视“村村通”水平。"),
    ("TX011", "稳步推进医药卫生事业改革发展。组织实施医药卫生体制改革。中央财政医疗卫生支出1277亿元，"
              "比上年增长49.5%。城镇职工和城镇居民基本医疗保险参保4.01亿人，新型农村合作医疗制度覆盖8.3亿人。"),
    ("TX011", "加强农业农村基础设施建设。要搞好灌区配套改造和小型农田水利建设，大力发展节水农业，"
              "大规模建设旱涝保收高标准基本农田。加强农村水电路气以及文化体育等基础设施建设，推进农村环境治理。"),
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


def test_name_variant_message_names_the_other_line():
    text = "中央财政支持公立中心医院与高质量发展示范项目成功获批。\n\n坚持以实施中央财政支持公立医院改革与高质量发展示范项目为总抓手。"
    norm = normalize(text)
    ctx = Context(norm, sections.build_sections(norm))
    (w,) = [w for w in run_checks(ctx) if w.code == "TX010"]
    assert "line 3" in w.message and "公立医院改革" in w.message and w.severity == "info"
