"""What a document is about, from its title, and how a stem names it: 「人民调解：村居调委会的依法调解」 → 人民调解,
framed 「人民调解中，」 or, for a paper that lays down rules, 「根据《…办法》，」."""

from __future__ import annotations

import re

from .statements import _pos

ASKS = re.compile(r"谁|什么|怎么|怎样|如何|哪|为什么|为何|几|多少|何时|是否|吗")
_ORDINAL_TITLE = re.compile(r"^(?:路径|第)[一二三四五六七八九十\d]+|^[一二三四五六七八九十]+[、.]")

# what kind of paper a title's head names (讲稿：防范电动自行车楼道充电火灾): the topic follows it
_GENRE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:讲稿|讲义|问答|指引|指南|手册|要点|须知|提纲|培训材料|学习材料|材料|解读)")


# a zone that ends in 区 but is no district: 禁牧区, 景区, 示范区 (a county's 南湖区 is cut from a topic, these are not)
_ZONE = (r"[\u4e00-\u9fff]{0,2}(?:禁牧|休牧|禁养|限养|禁渔|禁捕|禁采|禁燃|禁放|风景|景|示范|保护|开发|园|片|辖|灾|牧|林|山|库|城|"
         r"试验|商业|住宅|居住|功能|责任|管控|隔离|封控|缓冲|核心|风险|限行|控制)区")
# what any matter has (责任、时限和验收, 流程和材料): a headline that names only these names no matter
_FACETS = (r"(?:(?:责任|时限|期限|验收|流程|程序|材料|条件|标准|要点|办法|步骤|费用|补贴|注意事项|政策)[、和及与]?){1,5}")
# an article that says what it explains (这篇讲透“委托表决”)
_TELLS = r"(?:这篇|本文|一文|今天)就?(?:给你|给大家)?(?:讲透|讲清楚?|说清楚?|讲明白|说明白|读懂|看懂|聊聊)(.{2,14})"
_PAPER = r"指引|指南|讲话|办法|规程|手册|问答|制度|方案|规则|细则|规定|要点|讲稿|须知|发言"
# a headline telling how a thing is done (社区旧衣回收箱这样用, 医保电子凭证这样激活): the thing is its matter
_HOW_DONE = re.compile(r"(?<=.{4})(?:这样|这么|咋|怎么)(?:用|办|做|弄|干|激活|申领|办理|领取|缴费|报销|申请|登记|操作)$")


def subject_of(title: str) -> str:
    """What a document is about, for a stem: 「人民调解：村居调委会的依法调解」 → 人民调解."""
    title = re.sub(r"^[^\w“”\"「」《（(【\[]+", "", title)  # 🛗电梯要来啦！…: a headline's emoji opens no stem (round 98)
    title = title.replace("村（居）民", "村民")  # 村（居）民委员会换届选举 → 村民委员会换届选举
    title = re.sub(r'"([^"]{1,20})"', r"“\1”", title)  # (a headline's straight quotes read as the curly ones)
    title = re.sub(r"^(?:村（社区）|社区（村）|村（居）|村\(社区\))(?=.{4})", "", title)  # 村（社区）防范非法集资… → 防范非法集资…
    title = re.sub(r"(?<=村)（(?:社区|居)）", "", title)  # 鹤山镇村（社区）应急物资储备点…: not cut at its bracket
    # 《云岭县离任村干部生活补助发放实施办法》政策解读: the document it is about (not 「…实施办法》政策」)
    title = re.sub(r"^(?:一图读懂|图解|读懂)?《([^《》]{4,})》(?:政策)?(?:解读|全文|问答|一问一答|图解|要点)?$", r"\1", title)
    title = re.sub(r"^(?:一图读懂|图解|一图看懂|速览|权威发布|政策解读)\s*[｜|丨:：]\s*", "", title)  # 一图读懂｜南湖区…补贴政策
    title = re.sub(r"^(?:一文读懂|一文看懂|一图读懂|一图看懂|一文讲清|一文说清)(?:我[县市区镇乡])?(?=.{4})", "", title)  # (round 62)
    # an official document's title: 青峰镇人民政府关于做好2024年度生态公益林补偿资金兑付工作的通知（青政发〔2024〕17号）
    title = re.sub(r"（[^（）]*〔\d{4}〕[^（）]*）$", "", title)
    # a saved web page's title: …办理须知_政策解读_宁川县农业农村局 (the site's column and name after the article's)
    title = re.sub(r"(?<=.{4})_[^_]{2,20}(?:_[^_]{2,30})*$", "", title)
    title = re.sub(r"^.{0,24}?(?:人民政府|办事处|委员会|办公室|党委|党工委|政府)(?=关于)", "", title)
    if re.fullmatch(r"[\u4e00-\u9fff]{2,24}(?:局|大队|支队|中队|办公室|人民政府|办事处)", title):
        return ""  # 岚江县公安局交通警察大队: an issuer's name above its 通告 is no matter (round 60)
    title = re.sub(r"(?<=.{6})的(?:通知|意见|实施意见|实施方案|方案|决定|通告|公告|报告|批复|函|告知书|倡议书|公开信|工作提示|提示|公示)$", "", title)
    # a headline announcing a paper, and its news after (…举报奖励办法公布群众举报查实最高可奖5000元; round 77: the frame gave
    # the key away): the paper
    title = re.sub(r"^(.{4,}?(?:办法|细则|规定|条例|方案|意见|公约|章程|指南|清单))(?:正式)?(?:公布|出台|印发|发布|施行|实施|来了)"
                   r"(?:[，,！!\s].*|[\u4e00-\u9fff].*)?$", r"\1", title)
    # a how-question answered in a Q&A (空置住房物业费怎么交？——一问一答): the thing it asks about (round 83)
    # (not when the answers name their own matter: ——安平县志愿者团体意外险理赔一问一答; round 88)
    title = re.sub(r"^(.{4,}?(?:怎么|咋|如何|怎样)[\u4e00-\u9fff]{0,3})[？?]——+(?:[^—]{0,14}?(?:局|中心|站|所|办|委员会|律师|民警))?"
                   r"(?:一问一答|问答|答问|答疑|解读)$", r"\1", title)
    # 业主怎样查询自家住宅专项维修资金分户账: who asks, how, then the matter (round 83)
    title = re.sub(r"^[\u4e00-\u9fff]{1,6}?(?:怎样|如何|怎么|咋)(查询|办理|申请|领取|缴纳|认定|申领|报销|核定|划分)(?:自家|自己|本人)?的?"
                   r"([\u4e00-\u9fff“”]{4,})$", r"\2\1", title)
    # a headline (地要吃饱，也别吃撑！南岗镇测土配方施肥，今年这么弄): the clause that names the matter, by 关于 or by
    # the place that does it
    raw = title
    clauses = [c.strip("—") for c in re.split(r"[，,！!？?]", title) if c.strip("— ")]  # (？——…一问一答: no dash kept)
    if len(clauses) >= 2 and re.search(r"[！!？?]", title):
        guide = next((c for c in clauses if re.search(r"指南|指引|须知|攻略|手册|问答|一问一答|明白纸|要点", c)), None)
        clauses = [re.sub(r"(?<=.{4})(?:\d{1,2}月(?:\d{1,2}日)?)?(?:开约|开始预约|开放预约|开始报名|启动报名|报名中|开始了|开抢|"
                          r"开张[啦了]|开业[啦了]|上线[啦了]|启用[啦了]|开放[啦了]|(?:就)?要?来[啦了])$", "",
                          c) for c in clauses]  # 永宁街道儿童近视筛查5月开约: the matter, not when it opens
        # (这篇讲透“委托表决”: the article names its own matter; round 87, where 人在外地打工 was taken)
        # (not 一文讲清责任、时限和验收: facets of no named matter; round 90)
        told = next((m.group(1) for c in clauses for m in [re.fullmatch(_TELLS, c)]
                     if m and not ASKS.search(m.group(1)) and not re.fullmatch(_FACETS, m.group(1))), "")
        # (…报废处置怎么办理？一文说清审批权限和残值处理: the question names the matter, the article its facets; round 91)
        asked_how = next((m.group(1) for c in clauses if re.search(re.escape(c) + r"[？?]", raw)
                          for m in [re.fullmatch(r"(.{4,}?)(?:该|要)?(?:怎么|如何|怎样|咋)(?:办理|办|申请|处置|处理|操作)", c)] if m), "")
        if told and asked_how:
            told = asked_how
        title = told or next((c for c in clauses if c.startswith("关于")), None) or next(
            # (not a call to the reader: 榕湾街道喊你一起“翻盆倒罐” names no matter)
            (c for c in clauses if re.match(r"^(?!" + _ZONE + r")[\u4e00-\u9fff]{2,3}(?:县|市|区|镇|乡|街道|社区)(?=.{4})", c)
             and not re.search(r"喊你|请你|邀你|带你|约你|一起|快来|速来", c)), None) or (
            # 这份门牌申领指南请收好, 咱县村级寄递物流服务站建设运营要点都在这儿了: the guide it announces
            re.sub(r"^(?:这份|这个|这篇|一份|一篇|咱们?(?:县|市|区|镇|乡|村|街道|社区)|我(?:县|市|区|镇|乡|村))|"
                   r"^(?:今年|\d{4}年|本年度|最新)的?|"  # (今年的申报攻略来了: when names no matter, round 58)
                   # (and whom it calls on: 这份“垂钓须知”钓友们快收好 → “垂钓须知”, round 72)
                   r"(?:[\u4e00-\u9fff]{1,3}们)?(?:请(?:[\u4e00-\u9fff]{1,3})?收好|快收好|收藏好|请收藏|来了|速看|快看|都在这儿了|"
                   r"都在这里了?|全在这儿了?|看这里)$", "", guide).strip("“”")
            if guide else "") or next(  # 社区旧衣回收箱这样用: how to use it, and what
            # (医保电子凭证这样激活 too, round 62)
            (_HOW_DONE.sub("", c) for c in clauses
             if _HOW_DONE.search(c) and not re.search(re.escape(c) + r"[？?]", raw)), "") or _plain_matter(clauses, raw)
        # (被蛇咬了咋办？ asks)
        # (借卡给朋友“走个流水”？这个忙千万别帮！ names no matter at all: no topic)
        if re.match(r"(?:防护|安全|实用|办事|健康|出行|防范|避险|办理|申请|申领|使用|操作|服务|[\u4e00-\u9fff]{0,2})(?:攻略|指南|指引|"
                    r"须知|手册|问答|明白纸|要点)", title):  # (报修攻略: two characters name no matter either)
            # the guide names no matter (这份攻略从报名到散场…, 这份防护攻略): the quoted word does (“村晚”), or the
            # clause that is no question and no guide (手足口病高发季 → 手足口病)
            quoted = re.search(r"“([^“”]{2,10})”", clauses[0])
            plain = [re.sub(r"(?:高发季|高发期|流行季|季节|来了|到了)$", "", c) for c in clauses
                     if c != guide and not title.startswith(c) and not re.search(re.escape(c) + r"[？?]", raw)
                     and not re.search(r"别|不要|莫|千万|赶紧|快来|了", c)]  # (先别急着骂 tells the reader, names nothing;
            # 网上卖的水果路上坏了几个 tells what happened, round 83)
            # (or the clause that asks how to get a thing: 无犯罪记录证明怎么开？ → 无犯罪记录证明; not 被蛇咬了咋办？)
            plain += [m.group(1) for c in clauses if c != guide and re.search(re.escape(c) + r"[？?]", raw)
                      for m in [re.fullmatch(r"(.{3,}?[^了])(?:该|要|得)?(?:怎么|咋|如何|去哪儿?|在哪儿?|找谁)"
                                             r"(?:开|办|办理|申请|领|申领|补办|开具|用)", c)] if m]
            title = quoted.group(0) if quoted else next((c for c in plain if len(c) >= 3), "")
        # (出狱后没地方去、没活干？咱县这个“过渡基地”能管吃住还给发工资: nothing else names it, the one quoted term does; round 92)
        quoted_terms = re.findall(r"“([^“”]{2,10})”", raw)
        if not title and len(quoted_terms) == 1 and not ASKS.search(quoted_terms[0]) \
                and not re.search(r"须知|指南|指引|攻略|手册|问答|明白纸|要点", quoted_terms[0]) \
                and not re.match(r"[\u4e00-\u9fff]个", quoted_terms[0]):  # (not a thing done: 借卡给朋友“走个流水”？)
            title = f"“{quoted_terms[0]}”"
        if re.fullmatch(r"[\u4e00-\u9fff]{0,10}?(?:局|中心|站|所|办|委员会|政府|法院|律师|民警)(?:一问一答|问答|答问|答疑|解读)?", title):
            return ""  # ——溪口县市场监管局一问一答: who answers names no matter (round 88)
        if not title:
            return ""
    # 把“小积分”用成“大治理”——丰源县乡风文明积分管理推进会讲稿: a slogan, then what the paper is about
    slogan = re.fullmatch(r"([^—]{2,30})——+(.{4,})", title)
    opening = re.split(r"[，,]", slogan.group(1))[0] if slogan else ""
    # (小区门禁“刷脸”那些事儿——社区工作人员一问一答: after the dash only who answers and how, the matter before it)
    told = slogan is not None and re.fullmatch(r"(?:(?:社区|村|街道|镇|县)?(?:工作人员|干部|民警|律师|医生|专家|网格员|小编))?"
                                   r"(?:一问一答|问答|答问|答疑|解读|告诉你|来解答|为你解答|说给你听)", slogan.group(2))
    if slogan is not None and told:
        title = re.sub(r"(?<=.{3})(?:的)?(?:那些事儿?|那点事儿?|二三事)$", "", slogan.group(1))
    elif slogan and (re.search(r"[“”\"「」]", opening) or re.match(r"把|让|用|以|做|为", opening) or (
            "，" not in slogan.group(1) and re.search(_PAPER, slogan.group(2)))):  # 改好更要管好——…管护工作指引
        title = slogan.group(2)
    # 在云溪街道独居老人“一键呼”工作推进会上的讲话 → 云溪街道独居老人“一键呼”工作推进会
    title = re.sub(r"^在(.{4,}?)(?:上|中)的(?:讲话|发言|报告|辅导)$", r"\1", title)
    parts = re.split(r"[：:]", title, maxsplit=1)
    head = parts[0].strip(" 《》")
    # (and a slogan before the colon, 失业了别慌：失业登记和失业保险金申领在社区就能办: the matter is after it)
    if len(parts) == 2 and (_ORDINAL_TITLE.match(head) or len(head) < 2 or _GENRE.fullmatch(head)
                            or re.search(r"了|别|吗|啥|咋|怎么|莫|千万", head)
                            # 一图读懂之外，这些细节要说清：…政策解读: a sentence before the paper it introduces
                            or ("，" in head and re.search(rf"(?:{_PAPER}|解读|公告|通知)$", parts[1]))):
        head = parts[1].strip(" 《》")
    head = re.sub(r"(?<=.{4})(?:在[\u4e00-\u9fff]{1,6})?(?:就能办|就能申请|就能领)了?$", "", head)
    # 饮用水安全管理要点 - 某县水利局 (not the dash of a span of years: 2025—2026年供暖季)
    # (a short aside inside the name is no end of it: 医疗费用零星（手工）报销办理指南, 住宅小区车位（库）出租管理; round 62)
    head = re.sub(r"(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff]{1,3}[)）](?=[\u4e00-\u9fff]{2})", "", head)
    head = re.split(r"(?<!\d)—+(?!\d)|——|[（(，,]|\s+[-–|｜_]\s*", head, maxsplit=1)[0].strip()
    # a talk's title (咱们村农村公路“路长制”日常养护怎么抓): its topic without the speaker's 咱们村 and the question
    head = re.sub(r"^(?:咱们|咱|我们|我)(?:村|社区|镇|乡|街道|县|区)?的?(?=.{4})", "", head)
    # (and a chain of them: 征地补偿款中村集体留存部分怎么管、怎么用; round 91)
    head = re.sub(r"(?<=.{4})(?:(?:该|要|应当|应该)?(?:怎么|咋|如何)[\u4e00-\u9fff]{0,3}[、和]?)+[？?]?$", "", head)
    # 常住我县的外地老年人如何享受同等优待？ → 外地老年人享受同等优待: who, then what they do (round 89)
    asked = re.fullmatch(r"(?:(?:常住|户籍在|户口在)?[我本](?:县|市|区|镇|乡|村|街道)的)?(.{2,12}?)(?:该|要)?(?:如何|怎样|怎么)"
                         r"([\u4e00-\u9fff“”]{4,14})[？?]", head)
    if asked:
        head = asked.group(1) + asked.group(2)
    head = re.sub(r"(?<=.{2})(?:总论|概论|概述|导论|入门)$", "", head)  # 市域社会治理现代化总论 → 市域社会治理现代化
    # what kind of paper it is says nothing about the topic: 农村公益性公墓建设管理工作要点 → 农村公益性公墓建设管理
    topic = re.sub(r"(?:工作)?(?:办事指南|服务指南|办理指南|要点|指引|指南|手册|说明|规范|细则|讲稿|讲义|培训材料|培训讲义|操作指引|实施细则|实施办法|"
                   r"办法|工作规范|宣传提纲|提纲|操作规程|规程|须知|一问一答|问答|规则|规定|操作流程|工作流程|流程|清单|讲话稿|发言稿|操作指南|"
                   r"服务告知书|告知书|明白纸|"
                   r"实施公告|公告|通告|工作方案|实施方案|方案)"
                   r"(?:（[^（）]*）)?$", "", head)
    if re.search(r"[才就都也还]$", topic):
        topic = head  # …怎么“用”才规范: 规范 is no genre there (not 「…才中，」; round 79)
    topic = re.sub(r"(?<=.{4})(?:办理|办事|操作)$", "", topic)  # …抵押贷款办理（须知）、…设计变更管理操作（要点）
    # a headline's news (…“刷脸就餐”3月1日起全面上线, …服务项目开始申报): what it is, not that it starts (round 57)
    topic = re.sub(r"(?<=.{4})(?:\d{1,2}月(?:\d{1,2}日)?)?起?(?:全面|正式|将|即将)?(?:上线|启用|实施|施行|开通|运行|推行|开跑|开行|开班|开课|"
                   r"开考|开售)[啦了]?$", "", topic)  # (寄宿生周末专线3月6日开跑, round 65; not 开放: 错时开放 is a matter)
    topic = re.sub(r"(?<=.{4})(?:开始|启动|开放|正式|集中)(?:申报|报名|受理|申请|登记|预约)$", "", topic)
    topic = re.sub(r"(?<=.{4})(?:工作|项目)?(?:推进会|培训会|动员会|座谈会|部署会|工作会|现场会|调度会|启动会|会议)$", "", topic)  # 乡风文明积分管理推进会
    # the county or township that wrote it (柳林县、梧桐街道): the topic is the same anywhere
    # (松岭县县域医共体: the county is 松岭县, its 县域 stays)
    # (桂园社区的堆肥小花园: a community names its place too, and 社区 is no district)
    # (not 关于县道…, 禁牧区管理, 景区…: a preposition, a road's class or a zone that is no district; round 82)
    topic = re.sub(r"^(?:(?![\u4e00-\u9fff]?[社城农村乡])(?![非本全外我该各]|关于)(?!" + _ZONE + r")"
                   r"[\u4e00-\u9fff]{1,2}[^县市区社\W][县市区](?!域|级|城区|委|直属|道))?"
                   r"(?:(?![\u4e00-\u9fff]?[社城农村乡镇])[\u4e00-\u9fff]{2,3}(?:镇|乡|街道|社区)的?)?(?=.{4})", "", topic)
    topic = re.sub(r"^全(?:县|市|区|镇|乡|村|街道)(?=.{4})", "", topic)  # 全镇交通安全劝导: a speaker's 全镇
    # (关于公布…储备点的公告, 关于印发…清单的通知: what is published, not that it is; round 91)
    topic = re.sub(r"^关于(?:规范|开展|做好|进一步|加强|全面|深入|切实|启动|组织|实施|公布|印发|发布|转发)*(?=.{4})", "", topic)  # 关于规范开展“僵尸车”清理整治…
    topic = re.sub(r"^为(?=[\u4e00-\u9fff]{6})", "", topic)  # 关于为全县九小场所免费配发灭火器…的通知: for whom, not 「为…中，」 (round 77)
    if len(topic) > 5 and topic[-1] in "与和及暨、" and _pos(topic)[-1][0] == topic[-1]:
        topic = topic[:-1]  # …清掏作业审批与（操作指南）: not 「…审批与中，」 (round 77); but …村级参与 stays
    topic = re.sub(r"^\d{4}(?:[—–-]\d{4})?(?:年度?)?(?=\D)", "", topic)  # （关于做好）2024年度生态公益林补偿资金兑付（工作）
    topic = re.sub(r"^第[\d一二三四五六七八九十]+(?:个|届|次)(?=.{4})", "", topic)  # 第38个爱国卫生月 (round 60: read as 第N个 of a list)
    topic = re.sub(r"(?<=.{4})(?:办法)?解读$|(?<=.{4})(?:启动|开启|开始|来了)$", "", topic)  # …补贴办法解读、…寻访启动
    topic = re.sub(r"(?<=.{4})的$", "", topic)  # …清理整治的（工作指引）
    # AED配置管理与急救常见误区, 社区矫正对象外出请假和报告的八个常见误区
    topic = re.sub(r"(?<=.{4})(?:中)?(?:的)?(?:[0-9一二三四五六七八九十]+个)?(?:常见)?(?:误区|错误认识|问答|答疑)(?:辨析|及纠正|及正解)?"
                   r"(?:[0-9一二三四五六七八九十]+(?:则|条|问|例))?$", "", topic)  # (…常见误区十则, round 89)
    # who the paper is for, before or after its matter: 村（社区）干部民族宗教工作常识、安置帮教工作村级（手册）
    topic = re.sub(r"^(?:村（社区）|村|社区)?干部(?=.{4})", "", topic)
    topic = re.sub(r"(?<=.{4})(?:常识|知识|基础知识)$", "", topic)
    topic = re.sub(r"(?<=.{4})(?<![进下入驻到回])(?:工作)?(?:村级|村（社区）|村\(社区\)|社区|乡镇|村)(?:工作)?$", "", topic)
    topic = re.sub(r"(?<=管理)制度$", "", topic)  # 老年食堂食品安全管理制度 → 老年食堂食品安全管理
    topic = re.sub(r"^(?:村里|社区里|镇里)(?=.{4})", "", topic)  # 村里申请增设…: the speaker's place, not the matter
    topic = re.sub(r"^的(?=.{2})", "", topic)  # 村里的“陪诊员”怎么约 → “陪诊员” (not 「的“陪诊员”中，」; round 93)
    # (社区基金, 社区社会组织 are names of their own; round 88)
    topic = re.sub(r"^(?:村级|社区(?!矫正|基金|社会组织|卫生|养老|食堂)|村(?![民委务级规庄镇卫里内]))(?=.{4})(?!组织)", "", topic)  # 村级小微权力清单 → 小微权力清单
    head = topic if len(topic) >= 4 else head
    if head.count("《") != head.count("》"):
        head = head.replace("《", "").replace("》", "")  # 《民法典》中的相邻关系, cut at its start: no half a title mark
    if re.fullmatch(r"(?:一文|一图|一表)(?:讲清|读懂|看懂|说清|讲透)(?:[\u4e00-\u9fff]{0,4})", head):
        return ""  # 一文讲清怎么领: how it is read, no topic (round 80)
    if re.fullmatch(r"(?:测试|学习|培训|参考|宣传|工作|辅导)*(?:材料|资料|文件|课件|汇编|读本)", head):
        return ""  # 学习材料 names no topic
    if re.search(r"(?:以后|之后|以前|之前|时|后|前夕|之际|期间|前后|当天|来临|到来)$", head):
        return ""  # 高标准农田建成以后, “八一”前夕: a time, not a topic (「…以后中，钱从哪来？」; round 85)
    # a topic cut short (…审批与, …才, …各位乡亲): one that ends on a conjunction, preposition, adverb or particle gives no
    # frame rather than a broken one (rounds 77–79 each met a new title that the rules above cut)
    words = _pos(head)
    if words and words[-1][1][:1] in ("c", "p", "d", "u", "y", "e") and len(words[-1][0]) == 1 and not (
            words[-1][0] == "地" and len(words) > 1 and words[-2][1][:1] in ("v", "n")):  # (…变更执行地 is a place; round 92)
        return ""
    return head if len(head) >= 3 else ""  # 村（社区）灭鼠…: 村 alone names nothing


def _plain_matter(clauses: list[str], headline: str) -> str:
    """The clause of a headline that names its matter when no other rule found one (round 60, where a tenth of the
    documents had a headline naming none and gave three times the bad items): 优待证咋申领、多久到手 → 优待证申领;
    小区想换个物业？业委会选聘新物业，这几步一步都不能少 → 业委会选聘新物业. Not a question, an exclamation (锣鼓敲起来！,
    round 62), a call to the reader, a figure, a clause pointing at the article (这几步, 一文读懂), a list (窗台上的花盆、
    阳台上的杂物), a season or a moment (过年走亲戚, 停水后一拧龙头), nor a negated one (村里快递点真不能收): then no matter."""
    for c in clauses:
        asked = re.match(r"([\u4e00-\u9fff]{2,10}?)(?:该|要|得)?(?<![了])(?:咋|怎么|如何)(申领|申请|办理|领取|领|开具|开|用)(?:、|$)", c)
        if asked:
            return asked.group(1) + (asked.group(2) if len(asked.group(2)) == 2 else "")  # (…证明怎么开 → …证明)
        if len(c) >= 4 and not re.search(re.escape(c) + r"[？?！!]", headline) and not re.search(
                r"\d|[这那此请快、]|别|不|没|莫|千万|一定|赶紧|看过来|注意|收好|收藏|转给|转发|分享|记牢|记住|[了啦吧呢吗哦呀]$|"
                r"喊你|带你|一起|一文|一篇|读懂|讲清|说清|开启|启动|开始|过年|春节|今年|最近|夏天|冬天|后|时候", c):
            if re.search(r"([\u4e00-\u9fff])一\1", c):
                continue  # 拿起手机拍一拍: a thing to do, not a matter (round 82)
            return c
    return ""


# a paper that lays down rules, by the kind its title names (…管理办法, …村规民约, …办理指南, …检查清单)
_RULE_PAPER = re.compile(r"(?:办法|细则|规定|规则|规程|公约|规约|章程|制度|方案|通知|通告|公告|条例|意见|决定|守则|指南|指引|须知|"
                         r"清单|标准)(?:（试行）|\(试行\))?$")


def paper_frame(title: str) -> str:
    """How an exam names where a rule comes from: 根据《溪林县农村供水工程村级管水员选聘和管理办法》，. Graders called a
    topic frame stiff when the topic is a thing (农村自来水水质中，) or a cut title (组“小田并大田”互换并地中，); a paper's
    own name reads as exam items are written. "" for a title that names no rule paper (a talk, a headline), or one too
    long to open a stem with."""
    title = re.sub(r"（[^（）]*〔\d{4}〕[^（）]*）$", "", title.strip()).strip("《》")  # (…的通知（青政发〔2024〕17号）)
    if not _RULE_PAPER.search(title) or len(title) > 24 or re.search(r"[？?！!，,：:《》]", title):
        return ""
    return f"根据《{title}》，"


def topic_frame(topic: str) -> str:
    """Where a rule applies, before a stem that does not say: 农村危房改造中，; a topic that is a role (动物防疫员)
    is framed by its work (动物防疫员工作中，), not as 'among the officers'."""
    role = re.search(r"(?:(?<!动)员|长|干部|书记|主任|代表|志愿者|专干)$", topic)  # (动员 is a campaign, not a role)
    if topic.endswith("中"):
        return f"{topic}，"  # 小区“毁绿种菜”整治中 (not 「…整治中中，」)
    return f"{topic}工作中，" if role else f"{topic}中，"
