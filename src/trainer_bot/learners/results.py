"""Results of a class task: who took it and their scores, and per question the facility (correct rate),
the discrimination (upper minus lower 27 % of scorers) and the most chosen wrong answer; the 成绩单 as xlsx."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..quiz.model import LETTERS
from ..quiz.model import TYPE_LABELS, ChoiceQuestion, Question
from .classes import Assignment, Classroom, Sitting
from ..clock import chinese_time

@dataclass(frozen=True)
class LearnerResult:
    account: str
    full_name: str
    unit: str
    status: str  # 已交卷 / 作答中 / 未参加
    score: int | None
    total: int
    finished: str
    attempts: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.score / self.total) if self.score is not None and self.total else None


@dataclass(frozen=True)
class ItemStat:
    question: Question
    answered: int
    correct: int
    discrimination: float | None
    common_wrong: str

    @property
    def facility(self) -> float | None:
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class ClassResults:
    assignment: Assignment
    learners: list[LearnerResult]
    items: list[ItemStat]

    @property
    def taken(self) -> list[LearnerResult]:
        return [r for r in self.learners if r.status == "已交卷"]

    @property
    def average(self) -> float | None:
        scores = [r.percent for r in self.taken if r.percent is not None]
        return sum(scores) / len(scores) if scores else None

    def summary(self) -> str:
        missing = [r.full_name for r in self.learners if r.status != "已交卷"]
        average = f"，平均 {self.average:.0f} 分" if self.average is not None else ""
        text = f"{self.assignment.line()}：班级“{self.assignment.class_name}”共 {len(self.learners)} 人，" \
               f"已交卷 {len(self.taken)} 人{average}。"
        return text + (f"未交卷：{'、'.join(missing[:30])}{'等' if len(missing) > 30 else ''}。" if missing else "")


def _answer_label(q: Question, response) -> str:
    if isinstance(q, ChoiceQuestion):
        picked = response if isinstance(response, list) else [response]
        return "、".join(f"{LETTERS[i]}. {q.options[i]}" for i in picked if isinstance(i, int) and i < len(q.options))
    if q.type == "true_false":
        return "正确" if response is True else "错误"
    return str(response or "（未填）")


def results(classroom: Classroom, assignment_id: str) -> ClassResults:
    assignment = classroom.get(assignment_id)
    found = classroom.sittings(assignment_id)
    by_user: dict[str, list[Sitting]] = {}
    for s in found:
        by_user.setdefault(s.user, []).append(s)
    counted: dict[str, Sitting] = {}  # each learner's best finished sitting (a 测验 has only one)
    rows = []
    for learner in classroom.people.list(assignment.class_name):
        mine = by_user.get(learner.account, [])
        done = [s for s in mine if s.finished is not None]
        best = max(done, key=lambda s: (s.score or 0, -s.id), default=None)
        if best is not None:
            counted[learner.account] = best
        status = "已交卷" if best else "作答中" if mine else "未参加"
        rows.append(LearnerResult(learner.account, learner.full_name, learner.unit, status,
                                  int(best.score or 0) if best else None, best.total if best else 0,
                                  chinese_time(best.finished) if best else "", len(mine)))
    quiz = classroom.bank.get(assignment.set_id)
    return ClassResults(assignment, rows, _items([q for q in quiz.questions if q.type != "short_answer"],
                                                 list(counted.values())))


def _items(questions: list[Question], counted: list[Sitting]) -> list[ItemStat]:
    ranked = sorted(counted, key=lambda s: s.score or 0, reverse=True)
    n = max(1, round(0.27 * len(ranked)))
    upper, lower = ranked[:n], ranked[-n:]

    def rate(group: list[Sitting], qid: str) -> float:
        return sum(bool(s.responses.get(qid, {}).get("ok")) for s in group) / len(group)

    stats = []
    for q in questions:
        answers = [s.responses[q.id] for s in counted if q.id in s.responses]
        wrong = Counter(_answer_label(q, a["response"]) for a in answers if not a["ok"])
        common = f"{wrong.most_common(1)[0][0]}（{wrong.most_common(1)[0][1]} 人）" if wrong else ""
        discrimination = rate(upper, q.id) - rate(lower, q.id) if len(ranked) >= 2 else None
        stats.append(ItemStat(q, len(answers), sum(bool(a["ok"]) for a in answers), discrimination, common))
    return stats


def write_gradesheet(found: ClassResults, path: Path) -> Path:
    """成绩单 (one row per learner) and 试题分析 (one row per question) in one workbook."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "成绩单"
    sheet.append([found.assignment.line()])
    sheet.append(["账号", "姓名", "单位", "状态", "得分", "满分", "百分制", "交卷时间", "作答次数"])
    for r in found.learners:
        sheet.append([r.account, r.full_name, r.unit, r.status, r.score, r.total or None, r.percent, r.finished, r.attempts])
    sheet.append([])
    sheet.append(["平均分（百分制）", round(found.average, 1) if found.average is not None else "",
                  "交卷人数", len(found.taken), "班级人数", len(found.learners)])
    items = book.create_sheet("试题分析")
    items.append(["序号", "题型", "题干", "作答人数", "答对人数", "正确率", "区分度", "最常见的错误答案"])
    for n, item in enumerate(found.items, start=1):
        items.append([n, TYPE_LABELS[item.question.type], item.question.stem, item.answered, item.correct,
                      round(item.facility, 2) if item.facility is not None else None,
                      round(item.discrimination, 2) if item.discrimination is not None else None, item.common_wrong])
    for ws, widths in ((sheet, (14, 10, 24, 8, 6, 6, 8, 20, 8)), (items, (6, 8, 60, 8, 8, 8, 8, 40))):
        for column, width in zip("ABCDEFGHI", widths):
            ws.column_dimensions[column].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
