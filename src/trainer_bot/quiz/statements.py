"""The statements of a passage a quiz item may be made from: its units without bullets, numbers, labels and
asides, each with the lead-in or frame a stem needs to say what it is about (a list's lead-in, a tier's label, a table
row's first cell, a Q&A's question). Nothing from an invented 案例; in a 常见误区 section only the correction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..models import Chunk
from ..roles import ASKING_LINE, FIX, MISTAKE, strip_bullet
from ..split import chunk_units
from ..tokenizer import pos_words

# 第五条、a standard's clause number (3.1 首次服务前…): no part of a stem
_ARTICLE_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+条[\s　]*|\d+(?:[.．]\d+)+[\s　]+)")
_LABEL = re.compile(r"^(?:提示|注意|答)[：:]\s*")
# （四）在单元门口公示3个工作日; 三、同一村连续两个月被列为重点排查村的… (a note under a form, round 61)
_ITEM_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*")


def section_of(chunk: Chunk) -> str:
    """The innermost heading of a chunk's section other than the document title ("" for none)."""
    return next((h for h in reversed(chunk.heading_path) if h != chunk.title), "")


# who wrote a guide and for whom (本县民政部门编写，供……参考): no fact a cadre must know
_BYLINE = re.compile(r"(?:编写|拟定|编制|编印|整理|制发)(?:[，,。；（(]|$)|供[^。]{0,30}参考|仅供|^原创")
# a heading's or an item's numbering: 一、 第三章 2.1 （二）
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+(?:章|节|条|部分)\s*|\d+(?:\.\d+)*[、.．\s]|"
                        r"[（(][一二三四五六七八九十\d]+[)）])\s*")
# a sentence about 「the time」 or 「each round」 of something its section names: 每次公开时间不少于15天
_BARE_SUBJECT = re.compile(r"^(?:每次|时间|期限|时限|标准|金额|费用|次数|人数|数量|频次|周期|范围|对象)")
# what a talk or a sample says about itself, not about the topic
_ISSUER_NAME = r"[\u4e00-\u9fff（）]{2,24}(?:局|委员会|办公室|人民政府|中心|所|站|大队|办)"
_NOT_CONTENT = re.compile(r"同志们|大家好|各位(?:村干部|同志|领导)|讲到这|就讲这么多|就讲这些|就说这些|谢谢大家|下面我|"
                          r"大家(?:也)?都听到了|刚才[^。，]{0,10}(?:通报|介绍|讲|说)了|"  # (a meeting's progress report, round 66)
                          r"今天(?:咱们|我们)?(?:讲|说|聊)|"
                          # the occasion of a talk (今天把大家召集起来就为一件事), a note on where figures come from
                          r"今天(?:把|请|叫|召集)大家|召开这次会|^[（(](?:本文)?(?:数据|资料|信息)?来源|"
                          # a notice's own preamble and close (现将有关事项通知如下，请转告…; 特此通知), a talk's send-off
                          r"现将[^。]{0,24}(?:通知|说明|告知|提示|公告|明确|安排)如下|特此(?:通知|公告|说明)|"
                          r"^希望大家|回去(?:以后)?(?:马上|抓紧|立即)|感谢(?:大家|各位|您)的|"
                          # a WeChat article's own voice (小编提醒…哦！, 记得转发), not a rule
                          r"小编|转发给|点个赞|点赞|哦[！!]|"
                          # (round 61) a writer's or speaker's feeling (200块钱换一个黑名单，太不值了), a nod to what all know
                          r"太不?[\u4e00-\u9fff]{1,4}了[。！!]?$|大家(?:心里)?都(?:有数|知道|清楚|明白)|"
                          r"\d{3,4}-\d{7,8}|"  # (a phone number: nothing to learn, and its digits get cut, round 63)
                          # (a paper saying what it is for: 本指南把这几件事…逐一说明，供…对照使用, round 63)
                          r"^本(?:指南|指引|手册|须知|问答|清单|材料)(?:把|将|就)[^。]{0,40}(?:说明|介绍|整理|梳理)|供[^。]{0,30}对照使用|"
                          r"(?:培训|教学)?示例|仅供(?:学习|参考|教学)|均为虚构|为虚构|以当地正式文件为准|"
                          r"^本(?:指引|办法|细则|规定|制度|手册|规程|方案|讲稿|问答|须知)适用于|"  # whom a guide is for
                          # a form to fill in (________（商户名称）：), whom to call, and a notice's list of attachments
                          r"_{3,}|＿{2,}|(?:联系人|联系电话|咨询电话|服务电话|监督电话|服务热线|联系方式)[：:]|^附件[：:]|"
                          # a paper's own closing article (本指南自印发之日起施行，由镇应急办负责解释)
                          r"^本[\u4e00-\u9fff]{1,4}自(?:印发|发布|公布)之日起施行|负责解释|"
                          # a notice's line of issuers (江坪县农业农村局　江坪县司法局): names, no statement
                          rf"^(?:{_ISSUER_NAME}[\s　]+)+{_ISSUER_NAME}$")
_ASIDE = re.compile(r"说|讲|聊|给大家|咱们|我们|大家|同志们|注意了|记住|我再|强调|提醒|各位|是这样的|很简单|简单说|一句话")
# a lead-in that announces what follows (财政补贴按以下标准执行：, 矛盾纠纷按照下列规定分级办理：): the matter it names
# frames the items (「关于财政补贴，60至79周岁的…」), the announcement itself is no part of a stem
_ANNOUNCE = re.compile(r"(?:按照|按|依照|依据)?(?:下列|以下|如下)(?:规定|标准|要求|办法|方式|比例|顺序|原则)?(分级|分类)?"
                       r"(?:执行|办理|确定|计算|处理|处置|管理|掌握|进行|落实|分配)?[：:]$")
# the speaker of a talk (not 我国、我县、我镇… nor 我们)
_SPEAKER = re.compile(r"我(?![国省市县区镇乡村街们])")
# a Q&A's answer marker (答：, 答3：) is no part of what the answer states
_QA_ANSWER = re.compile(r"^(?:答|A)[\d一二三四五六七八九十]*[：:]\s*")
# a lead-in that names no matter (主要有以下几种：): its items are framed by the topic instead
_NO_MATTER = re.compile(r"^(?:主要|具体|一般)?(?:有|包括|分为|是)?(?:以下|下列|如下|这么|这样)(?:几种|几类|几项|几个|几条|情形|情况)?[：:]$|"
                        # whom a notice is addressed to (各街道办事处，区直有关部门，辖区各供热企业：; 广大村民朋友们：)
                        r"^各[^：:。]{1,40}[：:]$|^(?:广大|亲爱的)?[^：:。]{0,12}(?:朋友们|同志们|居民们|村民们|家长们)[：:]$")
# steps announced anywhere in a lead-in (按以下步骤办理，乡镇在受理后20个工作日内作出审批决定：)
_STEPS_FOLLOW = re.compile(r"按(?:照)?(?:以下|下列|如下)(?:[一二三四五六七八九十两\d]+个?)?(?:步骤|步|程序|流程|环节)|"
                           r"分(?:[一二三四五六七八九十两\d]+个?)(?:步|环节|阶段)(?:走|进行|实施|开展)?[：:]$")
_NO_LEAD = {"要点", "解读", "概述", "正文", "说明", "引言", "前言", "背景", "总则", "附则", "简介", "其他", "附件"}
_LABELLED = re.compile(r"^[^，。；：:]{2,14}(?:：|:(?!\d))")  # 村委会：设立回收暂存点…: the item names its own subject
# a label that only announces steps (二、办理流程 / 合同签订按以下步骤办理：): no subject a stem can open with; the
# document's topic frames such an item instead (「农村闲置农房盘活利用中，协议签订后10个工作日内报…备案」)
_PROCEDURE = re.compile(r"(?:流程|程序|步骤|几步|环节)[^，。；：:]{0,4}[：:]?$")
# a speaker's or a step list's preamble inside a unit (要提醒大家：不得…、发现了按这几步办：2．…)
# a worked example: 举个例子：…, 某居民按每月4000元缴费… (no one real, and its figures follow from the rule)
_WORKED = re.compile(r"举个[^，。：:]{0,6}例子|举例|打个比方|比方说|算一?笔账|"
                     r"某(?:居民|村民|村|户|人|社区|企业|单位|镇|街道|家庭|老人|学生|农户|员工|小区|楼)")
# someone the example is about, by a surname (老李、小王): a story, not a rule (round 55: 老李's contribution years)
_PERSON = re.compile(r"(?:(?<![\u4e00-\u9fff大])|(?<=[员医长记任师计]))(?:老|小)[王李张刘陈杨赵黄周吴徐孙朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜苏"
                     r"魏吕丁沈姚卢姜崔谭陆汪范廖贾夏韦邹孟熊秦邱尹薛闫雷侯陶黎贺郝龚邵钱严覃戴莫汤]"
                     r"(?![村庄镇乡屯沟湾河山家区园期末])")
_PREAMBLE = re.compile(r"^([^，。；：:]{2,20})(?:：|:(?!\d))\s*")  # (not a time's 18:00, round 81)


# a step's or a tier's label (派单：、值守：、红色：、黄灯：、人员：): no subject, and clutter at the head of a stem; the
# document's topic frames the item instead. A term's name (四议：…) or who acts (村委会：…) stays
_STEP_LABEL = re.compile(r"^([A-Z\u4e00-\u9fff][^，。；：:“”]{1,15})(?:：|:(?!\d))\s*")
COLOUR = r"[红橙黄绿蓝白黑](?:色|灯|码|牌)"  # a tier's colour (红色、黄灯): red for the worst, by convention
_FACET = re.compile(r"^(?:人员|时间|时限|期限|地点|要求|工作要求|标准|对象|范围|经费|职责|任务|频次|方式|内容|程序|流程|条件|材料|"
                    r"场地|设施|装备|制度|纪律|分工|主要职责|主要任务|工作职责)$")
# a facet that says nothing a stem needs (时限：联席会议后3日内成立起草小组): the topic frames the item instead
_EMPTY_FACET = re.compile(r"^(?:时间|时限|期限|要求|工作要求|标准|频次|方式)$")
# (and a tier's name with what it grades: 三级响应、红色预警、一类事项)
# a line that opens by naming a tier in a sentence of its own (橙色预警，启动二级响应。): its next sentences are the tier's
_TIER_SENTENCE = re.compile(rf"^((?:{COLOUR}|[一二三四五六七八九十\d]级)[\u4e00-\u9fff]{{0,4}}(?:预警|响应|风险|隐患|险情))"
                            r"(?:[，,][^。，,]{2,12})?。$")
_TIER = re.compile(rf"{COLOUR}$|^(?:{COLOUR}|[A-Z一二三四五六七八九十\d]{{1,2}}(?:级|类|档|星))[\u4e00-\u9fff]{{0,4}}$"
                   # a tier named by its severity (一般问题、较重问题、重大隐患、高风险)
                   r"|^(?:一般|较重|严重|重大|较大|特别重大|轻微|轻度|中度|重度|高|中|低)(?:问题|隐患|风险|事件|违规|情形|事故|险情)$")
# a table column that describes the case a row is about (典型情形、预计参加人数、适用对象), not a rule for it: no statement
_CASE_COLUMN = re.compile(r"情形|情况|表现|典型|特征|现象|人数|规模|范围|对象|条件|类型|名称|项目|内容|序号|划分|认定|事项")
# a column of remarks (备注：含水电燃气，使用时间不超过2天): a note on the row, which reads as no rule of it (round 71)
_REMARK_COLUMN = re.compile(r"^(?:备注|说明|附注|注)$")
_COUNTED_NAME = re.compile(r"^[一二三四五六七八九十两]")  # 四议：、两公开：、三会一课：— a term's own name


def _numbering(unit: str) -> str:
    """How a unit is numbered: （一）, 1., ①, a bullet mark, or "" when it is not."""
    text = unit.strip()
    for style, pattern in (("paren", r"[（(][一二三四五六七八九十\d]+[)）]"), ("digit", r"\d+(?:\.(?!\d)|[．、)）])"),
                           ("circled", r"[①②③④⑤⑥⑦⑧⑨⑩]"), ("mark", r"[-*•·]")):
        if re.match(pattern, text):
            return style
    return ""


def _step_label(text: str) -> tuple[str, str]:
    """A labelled item (派单：…, 灭火器：…, 红色（高风险）：…) as (its text, the lead a stem opens with instead):
    a step's label gives way to the topic; a tier or facet without which the item has no subject stays; who acts
    (村委会：) and a term's name (四议：) stay; any other label frames the item as 「关于灭火器，…」."""
    m = _STEP_LABEL.match(text)
    if not m or len(text) - m.end() < 8 or MISTAKE.match(text) or FIX.match(text) or _LABEL.match(text) \
            or re.match(r"^(?:问|答|注|备注|说明|例如|比如|案例|示例)[\d一二三四五六七八九十]*[：:]", text):
        return text, ""  # 误区：/纠正：/答：… are roles and answers, not labels of an item
    label = m.group(1).strip()
    rest = text[m.end():]
    if re.search(r"[？?]$", label):
        return rest, ""  # 要收费吗？：超出免费次数的，按每件…收取: a reader's question as a label frames nothing
    if re.match(r"一是|其一", rest) and re.search(r"二是|其二", rest):
        return text, ""  # 常见的漏点有三类：一是…；二是…: the items are the sentence, the label says what they are
    if re.fullmatch(r"第[一二三四五六七八九十\d]+(?:步|阶段|环节|项|条)", label):
        return rest, ""  # 第四步：… — 关于第四步， says only where the step stands in a list the learner cannot see
    if _ANNOUNCE.search(label + "："):  # 年度分配按以下比例掌握：村集体留存70%… → 关于年度分配，…
        about = _about(label + "：")
        return (rest, about) if about else (text, "")
    bare = _unbracketed(label)
    words = _pos(bare)
    verb = bool(words) and (words[0][1] in ("v", "vn") or words[-1][1] in ("v", "vn")) \
        and _actor_tail(bare) is None  # 派单、值守、发现报告 (not 村委会、管理员)
    tier = _TIER.search(bare)
    facet = _FACET.search(bare)
    if verb and len(bare) <= 4 and not tier and not facet:
        return rest, ""  # 派单、值守 (a longer one names a matter: 基础信息采集（20分）)
    if tier:  # 红色（高风险）：、一级（50—199人）：… — the tier is what the rule is about, and says when it applies
        return rest, f"关于{label}，"
    if facet:  # 人员：队员不少于6人 reads whole without it; 主要职责：… — whose, the label does not say either
        return (rest, "") if has_subject(rest) or _EMPTY_FACET.match(bare) else (text, "")
    if _actor_tail(bare) or _COUNTED_NAME.match(bare) or not re.fullmatch(r"[\u4e00-\u9fff]{2,10}", bare):
        return text, ""
    if re.search(r"(?:[一二三四五六七八九十两\d]|这么几|这几|以下几|下列几|如下几)(?:件|项|个|条|类|样|点|方面|种)|[对把被让给在]", bare) \
            or _spoken(bare):
        return rest, ""  # 主要做三件事：、托育点对房子：、所以县里定个规矩： announce or speak; 关于主要做三件事， reads as nothing
    if re.search(r"以下|下列|如下", bare):
        return text, ""  # 以下情形不再粘贴：… says what its items are: kept whole, not 「关于以下情形不再粘贴，」 (round 96)
    return rest, f"关于{label}，"


def _unbracketed(label: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]$", "", label)  # 红色（高风险） → 红色


def _tier_frame(text: str) -> str:
    """「关于绿色（日常关注），」 for an item that opens with a tier's label, however short the rest; else ""."""
    m = _STEP_LABEL.match(text)
    label = m.group(1).strip() if m else ""
    return f"关于{label}，" if label and _TIER.search(_unbracketed(label)) else ""


def tier_frame(lead: str) -> bool:
    """The lead is a tier's frame that says what it grades (关于红色（重大隐患），、关于一级（50—199人），、保护等级为一级的，);
    a bare 关于红色， does not (red what?), and the topic frames it too."""
    m = re.fullmatch(r"关于(.+[）)])，|[^，]{2,6}为(.+)的，", lead)
    return m is not None and bool(_TIER.search(_unbracketed(m.group(1) or m.group(2))))


def _about(lead: str) -> str:
    """A lead-in that announces its list as the frame of the list's items: 财政补贴按以下标准执行： → 关于财政补贴，;
    矛盾纠纷按照下列规定分级办理： → 关于矛盾纠纷分级，; "" when it names no matter of its own."""
    announced = _ANNOUNCE.search(lead)
    matter = lead[:announced.start()] if announced else ""
    if not announced or not re.fullmatch(r"[\u4e00-\u9fff“”]{2,16}", matter) or _GENERIC.fullmatch(matter):
        return ""  # (具体标准如下： names nothing: 关于具体标准， would leave the learner asking of what)
    if _spoken(matter) or re.search(r"(?:具备|符合|满足|提供|提交|准备|包括|做到|遵守)$", matter):
        return ""  # (收养人还应当同时具备： is a clause cut before its object, not 「关于收养人还应当同时具备，」; round 95)
    return f"关于{matter}{announced.group(1) or ''}，"


def _spoken(label: str) -> bool:
    """A speaker's clause before a colon, not a matter: 所以县里定个规矩：… (「关于所以县里定个规矩，」; round 92)."""
    return bool(re.match(r"所以|因此|因而|于是|那么|但是|但|不过|而且|同时|另外|首先|其次|最后|总之|这样|我们|咱们|大家", label)
                or re.search(r"[定立说讲搞弄]个", label))


def _says_nothing(lead: str) -> bool:
    """A lead-in that announces a list without naming its matter (具体标准如下：、主要要求如下：)."""
    announced = _ANNOUNCE.search(lead)
    return announced is not None and bool(_GENERIC.fullmatch(lead[:announced.start()]))


_GENERIC = re.compile(r"(?:具体|主要|有关|相关|基本|一般|总体|其他|其它|这些|上述|工作)?"
                      r"(?:标准|要求|规定|办法|内容|事项|情况|做法|措施|流程|程序|条件|材料|安排)?")


# (哪些/什么 only after 有/是/需要…: 上门干什么 asks what to do, not about a matter)
_ASKED_AT = re.compile(r"(?:需要|需|要|应当|应该|该|得|有|是|包括)(?:哪些|哪几|哪个|什么)|(?:需要|需|要|应当|应该|该|得|有|是|都)?"
                       r"(?:哪里|怎么|怎样|如何|咋|多少|多久|多长|几|找谁|谁)")
# a facet of the topic (申报流程、补贴标准): the topic frames it better than 关于申报流程，
_FACET_ASKED = re.compile(r"(?:流程|标准|范围|程序|要求|条件|材料|时间|期限|办法|方式|步骤|规定)$")
YES_NO = re.compile(r"吗[？?]?$|是否|能不能|可不可以|能否|可否|要不要|有没有|对不对|行不行")  # a yes/no question


def asked_frame(question: str) -> str:
    """What a Q&A's question asks about, as the frame of the answer's statements: 继承登记需要哪些材料？ → 关于继承登记，;
    家里没人住、房主在外地怎么办？ → 家里没人住、房主在外地的，; 接到预警后村里该做什么？ → "" (no matter of its own), as for
    a yes/no question, whose answer states the rule itself."""
    text = re.sub(r"^(?:问|Q)[\d一二三四五六七八九十]*\s*[：:]\s*", "", question.strip()).rstrip("？?”」 ")
    defined = re.fullmatch(r"(?:什么是|啥是|什么叫|啥叫)“?([^，,“”]{2,14}?)”?|“?([^，,“”]{2,14}?)”?(?:是什么|是啥|指什么)(?:意思)?", text)
    if defined:  # 什么是承诺达标合格证？ → 关于承诺达标合格证， (for the rules the answer gives after defining it)
        matter = defined.group(1) or defined.group(2)
        return "" if _topic_facet(matter) else f"关于{matter}，"
    at = _ASKED_AT.search(text)
    if YES_NO.search(text) or not at:
        return ""
    matter = re.sub(r"^(?:发现|遇到|碰到|出现|(?:我|本)(?:县|市|区|镇|乡|村|街道|社区))(?=.{2})", "", text[:at.start()]).strip("，, ")
    if not re.fullmatch(r"[\u4e00-\u9fff、“”]{2,14}", matter) or re.search(r"[会要能想该应把被让都也还就第对给向从]|[后时里]$", matter):
        return ""  # 施工会影响生活多久、村民想把老房子拆了重建，要走…: a clause, not a matter
    if _topic_facet(matter):
        return ""
    if text[at.start():].startswith("怎么办") or "、" in matter:
        return f"{matter}的，" if len(matter) >= 5 else ""  # a situation: what to do when it arises
    words = _pos(matter)
    if "在" in matter or (words and len(words[-1][0]) == 1 and words[-1][1].startswith("v")):
        return ""  # 村干部在发放工作中有哪些纪律、改革分几步: where or how, not what
    return f"关于{matter}，"


def _topic_facet(matter: str) -> bool:
    """Too short, or a facet of the topic (人手、申报流程、补贴标准), which the topic frames better (农村危房改造…中，)."""
    facet = _FACET_ASKED.search(matter)
    return len(matter) < 3 or bool(facet and facet.start() <= 2)


def asked_matter(frame: str) -> str:
    """The matter of an :func:`asked_frame` (关于继承登记， → 继承登记)."""
    return re.sub(r"^关于|的?，$", "", frame)


def _one_of(lead: str) -> str:
    """A lead-in that announces conditions or materials, as the lead of one of them: 设立老年学堂应当具备以下条件： →
    设立老年学堂应当具备的条件之一：, so that one item after it does not read as the whole list; "" otherwise."""
    m = re.fullmatch(r"(.{2,30}?)(应当|须|必须|应)?(?:同时)?(具备|符合|满足|提交|提供|准备)(?:以下|下列|如下)(条件|材料|要求|资料)[：:]", lead)
    return f"{m.group(1)}{m.group(2) or ''}{m.group(3)}的{m.group(4)}之一：" if m else ""


def _actor_tail(label: str) -> str | None:
    return next((t for t in ("会", "办", "所", "站", "局", "中心", "组", "员", "长", "人", "户", "书记", "主任") if label.endswith(t)), None)


def _preamble(text: str) -> str:
    """The text without an opening that only announces it (要提醒大家：, 在村民大会上要讲清楚以下几项：, a speaker's
    我要求：/我要求 before the rule)."""
    spoken = re.match(r"^(?:我|咱们|我们)(?:再)?(?:要求|强调|提醒|建议)[：:，,]?", text)
    if spoken and len(text) - spoken.end() >= 8:
        text = text[spoken.end():]
    m = _PREAMBLE.match(text)
    if m and (_ASIDE.search(m.group(1)) or _PROCEDURE.search(m.group(1))) and len(text) - m.end() >= 8:
        return NUMBERING.sub("", text[m.end():])
    return text


@dataclass(frozen=True)
class Statement:
    """A unit that states fact or rule, and the lead-in of the list it is an item of (「选址禁止安排在以下区域：」),
    which a stem needs to say what the item is about."""

    text: str
    lead: str = ""
    heading: bool = False  # the lead is the section's heading (村内公示：), not a lead-in of the text
    relabelled: bool = False  # its step's or tier's label was dropped (人员：队员不少于6人): the topic must frame it
    asked: str = ""  # in a Q&A, what its question asks about (关于继承登记，): the frame a subjectless answer needs
    cell: bool = False  # a table row's cell: its lead (村医（社区医生）：) is the row's own item, not a list's lead-in


def statements_in_context(chunk: Chunk) -> Iterator[Statement]:
    """The units of a chunk that state fact or rule, bullets and 纠正 prefixes removed; none from 案例, nor a
    byline or a remark in brackets. A list item without a subject of its own carries its list's lead-in."""
    if chunk.role == "example":
        return
    lead = announcing = ""  # the frame a list's lead-in gives its items, and the lead-in as written
    heading = NUMBERING.sub("", section_of(chunk)).strip()
    if (heading in _NO_LEAD or len(heading) > 16 or "：" in heading or "案例" in heading or "误区" in heading
            or re.search(r"咋|啥|搞|呢|吧|啊|嘛", heading)):  # 检查怎么搞: a talk's heading does not open a stem
        heading = ""
    if _PROCEDURE.search(heading):
        heading = ""  # 三、工作程序: a bare label before a step
    # a heading that asks (发现问题怎么处置、村协办员怎么做、是谁) or sets a scene (一年的工作节奏) is no label of the
    # item: when it names an event, the item is what follows it (发现问题后，); otherwise the topic frames the item
    event = re.fullmatch(r"((?:发现|遇到|出现|接到|碰到)[\u4e00-\u9fff]{2,8}?)(?:了|后)?(?:该|要)?(?:怎么|如何|怎样)(?:处置|处理|办|做|应对)", heading)
    heading_lead = f"{event.group(1)}后，" if event else ""
    if event or re.search(r"怎么|如何|怎样|是谁|谁来|哪些|什么|为什么|节奏|与|和", heading):
        heading = ""
    heading_lead = heading_lead or (heading + "：" if heading else "")
    asked = inline_ask = ""  # the frame of the Q&A question the units answer (and of a question asked mid-paragraph)
    columns: list[str] = []  # the header of the table being read
    item_about, previous = "", ""  # a labelled item's frame, for the sentences after its first (绿色：…。每周电话问候1次…)
    worked = False  # inside a worked example's line (举例说明：…), whose figures are no rule
    lines = chunk.text.replace("\n", "\0")  # (two units on one line: one item)
    item_style = ""  # how the items of the current lead-in's list are numbered
    for unit in chunk_units(chunk.text):
        bare = strip_bullet(unit)
        style = _numbering(unit)
        if lead and style and item_style and style != item_style:
            lead = ""  # （三）白沙税务分局在受理后… after 需要带：1. …；4. …。 is the next point, not an item (round 73)
        item_style = (item_style or style) if lead else ""
        prose = bare == unit.strip() and bool(previous)  # no bullet, and not the chunk's first unit
        same_item = prose and f"{previous}{unit}" in lines
        # a sentence of prose after a list's last item (集结采取…双通道 after 1. 2. 3.) is no item of it
        after_list = prose and not previous.rstrip().endswith(("；", ";", "：", ":"))
        in_list = previous.rstrip().endswith(("；", ";"))  # (an item after the items before it: 机井配套（井房、输水管道）。)
        previous = unit
        if not same_item:
            item_about, worked = "", False
        # 第五条议事按照…: the article number is no part of a stem; nor is the ； that closes a list item
        said = _preamble(_QA_ANSWER.sub("", _ITEM_NUMBER.sub("", _ARTICLE_NUMBER.sub("", bare))).rstrip("；;"))
        said = re.sub(r"^([^，。；：:]{2,10}[：:])\s*[—－-]+\s*", r"\1", said)  # 纪律红线：——不得… (a dash after a label)
        text, about = _step_label(said)
        frame = about or _tier_frame(said)  # (绿色（日常关注）：其他老人。 — too short to frame itself)
        graded = re.match(r"([\u4e00-\u9fff]{2,8}?)(?:分为|分成|划分为)", announcing)
        if graded and frame.startswith("关于") and _TIER.search(_unbracketed(frame[2:-1])) and not tier_frame(frame):
            # 测评结果分为绿、黄、红三个等级： then 黄色：… → 测评结果为黄色的， (关于黄色， says nothing of what is yellow; round 92)
            frame = f"{graded.group(1)}为{frame[2:-1]}的，"
            if about:
                about = frame
        opens_line = ("\0" + unit.strip()) in ("\0" + lines)
        if opens_line and inline_ask:
            asked = inline_ask = ""  # 群众满意度怎么测？ asked inside a paragraph frames that paragraph only (round 97)
        announced = _TIER_SENTENCE.match(said) if opens_line else None
        if frame:  # (a label that opens its line labels an item; one after a sentence labels that sentence only:
            item_about = frame if opens_line else ""  # …8个档次。政府缴费补贴标准：…)
        elif announced:  # 橙色预警，启动二级响应。镇里开始组织送水…: the tier the line opens with frames its rules
            item_about = f"{announced.group(1)}时，"
        elif item_about and not about:
            about = item_about  # the item's next sentence is about its label too (and 处置：… after 红色（重大隐患）：…)
        unlabelled = text != said and not about  # 蓝色响应：… without its tier's name: no list lead-in (依次为：) either
        listed = bare != unit.strip() or unit.rstrip().endswith(("；", ";")) or bool(_BARE_SUBJECT.match(text))
        # an item of a list the section heading introduces (五、发现问题怎么处置 / 1. 24小时内报镇自然资源所)
        # a heading opens an item only when the item has no subject of its own (24小时内报镇自然资源所, not
        # 镇综治中心每月组织2次排查): a label before a whole sentence reads as clutter
        labelled = listed and bool(heading_lead) and not has_subject(text)
        item_lead = about or ("" if _LABELLED.match(text) or unlabelled else
                              (lead if not (after_list and not same_item) else "") or (heading_lead if labelled else ""))
        from_heading = bool(item_lead) and not lead and not about
        if _WORKED.match(text) or _WORKED.match(bare):
            worked = True  # (and the rest of its line: 举例说明：某低保对象住院10天…。出院时，基本医保支付7800元… ; round 90)
        if text.endswith(("：", ":")) and not MISTAKE.match(text):
            # 发现问题后，按下列步骤处置： — but not a speaker's aside (说细一点：), which says nothing of the topic
            lead = text if len(text) <= 40 and not _ASIDE.search(text) and not _NO_MATTER.match(text) else ""
            announcing = lead
            if _PROCEDURE.search(lead) or _STEPS_FOLLOW.search(lead):  # 发现违法占地后，按下列步骤处置： → 发现违法占地后， (盘活利用按以下步骤办理： → none)
                when = re.match(r"^(.{2,30}?(?:后|时|的))[，,]", lead)
                lead = when.group(1) + "，" if when else ""
            else:
                lead = _about(lead) or _one_of(lead) or ("" if _says_nothing(lead) else lead)
            continue  # a lead-in states nothing itself
        if unit.rstrip().endswith(("。", "！", "？")) and bare == unit.strip():
            lead = ""  # a sentence of prose (not a bullet) ends the list
            announcing = announcing if about else ""  # (not its tiers: 绿色：…。 黄色：…。 are items of 分为三个等级：)
        if MISTAKE.match(text) or text.startswith(("误区", "例如", "比如")):
            continue  # a misconception is never a statement
        if re.fullmatch(r"[^，。；：（）()｜|]{2,12}[（(][^（）()]{2,12}[)）][。.]?", text) and not in_list:
            continue  # 摸底报名（3月20日前）。: the heading of the step the next sentences set out, no rule of its own
        if worked or _PERSON.search(text) or re.fullmatch(r"[“\"「『][^”\"」』]+[”\"」』][。！!]?", text):
            continue  # 举个例子：某居民…约2240元 is arithmetic, not a rule; 老李缴了15年…, a story; “每周一次翻盆倒罐…” a slogan
        if _SPEAKER.search(text):
            continue  # 书记来我这儿说明情况: a speaker's 我 is nobody a learner knows
        if ASKING_LINE.search(text):
            asked = asked_frame(text)
            inline_ask = "" if opens_line else asked
            continue  # 问3：出租房屋有哪些禁止性要求？ asks; its answer states
        if re.fullmatch(r"[（(][^（）()]*[)）]", text) or (not section_of(chunk) and _BYLINE.search(text)) \
                or _NOT_CONTENT.search(text) or _NOT_CONTENT.search(bare) or item_lead.startswith("附件"):
            continue  # （北山镇农业综合服务中心）、本县民政部门编写，供……参考、同志们好、今天就讲到这儿
        corrected = _LABEL.sub("", FIX.sub("", text)).lstrip("：:")  # (要收费吗？：超出… — the question is a unit of its own)
        if not re.search(r"[\u4e00-\u9fff\d]", corrected) or re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", corrected):
            continue  # a form's empty row (|  |  |  |) or a notice's date line says nothing
        cells = [c.strip() for c in re.split(r"[｜|]", corrected.strip("｜| "))]
        if len(cells) >= 2 and all(re.fullmatch(r"[-—:：\s]*", c) for c in cells):
            continue  # a Markdown table's |---|---| line: no header, no row
        if len(cells) >= 2 and all(len(c) <= 16 and not re.search(r"\d", c) for c in cells) \
                and (len(cells) >= 3 or re.match(r"\s*[｜|]", corrected)):  # (划分标准（存栏生猪当量）)
            columns = cells  # the header: what each column says (级别｜典型情形｜处置要求、| 岗位 | 主要职责 |)
            continue
        if re.match(r"\s*[｜|]", corrected) and not opens_line:
            continue  # ｜村务监督委员会主任｜发放结束后3个工作日内归档: a row's last cells after a cell's 。, its item left behind (round 95)
        if len(cells) == 2 and re.match(r"\s*[｜|]", corrected) and 2 <= len(cells[0]) <= 24:
            # | 村医（社区医生） | 首次入户、督导服药 |: a Markdown row of two columns, its item and what it says
            yield Statement(cells[1], cells[0] + "：", cell=True)
            continue
        if len(cells) >= 3:  # a row of a table with three or more columns reads as no sentence (红色｜每周2次｜24小时内)
            named = columns
            if len(cells) == len(columns) and re.fullmatch(r"序号|编号|No\.?", columns[0]) and re.fullmatch(r"\d{1,3}", cells[0]):
                named, cells = columns[1:], cells[1:]  # 1｜卡点设置｜…: a row's number says nothing; its item is next
            if len(cells) == len(named) and len(cells) >= 2 and 2 <= len(cells[0]) <= 16:
                # a rule a column states, framed by the row's first cell and what that column is (保护等级为一级的，每周巡查
                # 1次): 关于一级， alone would not say one level of what
                row = f"{named[0]}为{cells[0]}的，" if 2 <= len(named[0]) <= 6 and not _CASE_COLUMN.search(named[0]) \
                    else f"关于{cells[0]}，"
                # (not a condition, 释放满1年、表现良好的, nor a bare frequency, 每季度不少于1次: says not of what)
                # (a cell that is no clause, 秋播出苗后至当年6月10日前, says what its column is: 关于小麦，保险期间为…)
                yield from (Statement(cell, row if any(t.startswith("v") for _, t in _pos(cell)) else f"{row}{name}为")
                            for name, cell in zip(named[1:], cells[1:])
                            if not _CASE_COLUMN.search(name) and not _REMARK_COLUMN.search(name) and len(cell) >= 10 and not cell.rstrip("。；;").endswith("的")
                            and not re.match(r"每|不少于|不超过|不低于|至少", cell) and not re.fullmatch(r"[-—:：\s]+", cell))
            continue
        cell = re.fullmatch(r"([^｜|，。]{2,12})[｜|](.+)", corrected)
        if cell:  # 随礼金额｜亲友不超过200元: a table row is its item and what the item's column says
            yield Statement(cell.group(2).strip(), cell.group(1).strip() + "：", cell=True)
            continue
        if re.match(r"^(?:是)?指(?!出|导|挥|定|派|标)", corrected) and not item_lead:
            continue  # 答：指利用社区…的托育机构: a definition without the term it defines
        corrected = uncounted(corrected)
        yield Statement(corrected, item_lead, from_heading, unlabelled, asked)
        if asked.endswith("的，"):
            asked = ""  # 孩子出了意外的，… frames the first rule of the answer, not every rule after it


def uncounted(text: str) -> str:
    """A speaker's 一是不得借延包之机收取任何费用: the count belongs to the list, not to the rule."""
    return re.sub(r"^[一二三四五六七八九十]是(?=[^；;]{8,}$)", "", text)


def has_subject(text: str) -> bool:
    """The sentence opens with who or what it is about (a noun), not with a time, a number or a verb."""
    words = _pos(text[:12])
    return (bool(words) and words[0][1].startswith(("n", "r", "j", "s")) and not words[0][0].startswith("每")
            and not _BARE_SUBJECT.match(text))  # 每户每次清掏收费30元: a rate, whose subject is the heading's


def statements(chunk: Chunk) -> Iterator[str]:
    """The statements of a chunk as text (see :func:`statements_in_context`)."""
    return (s.text for s in statements_in_context(chunk))


@lru_cache(maxsize=4096)
def _pos(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(pos_words(text))
