"""A training class's roster (花名册) from xlsx or csv: cadre accounts with generated initial passwords.

A roster has a header row with 姓名 and 账号 or 手机号 (the account is the 账号, else the phone number),
and optionally 单位 and 班级. Every row is checked before anything is written; one problem anywhere
means nothing is imported, and the message names the row. Accounts that already exist as cadres keep
their password (their name, unit and class are updated); a trainer's account is never turned into a cadre.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from ..db import Database, class_members, profiles, users
from ..errors import TrainerBotError
from ..models import now
from ..users import account_row, checked_name, normal_name

COLUMNS = {  # the column a header names, with the spellings rosters use
    "姓名": ("姓名", "名字", "学员姓名"),
    "单位": ("单位", "工作单位", "所在单位", "村（社区）", "村(社区)"),
    "账号": ("账号", "帐号", "用户名", "登录账号"),
    "手机号": ("手机号", "手机", "手机号码", "电话", "联系电话"),
    "班级": ("班级", "培训班", "班次"),
}
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I: read aloud or from paper
MAX_ROWS = 5000


@dataclass(frozen=True)
class RosterRow:
    line: int  # the row number in the file, as the trainer sees it
    full_name: str
    account: str
    unit: str = ""
    phone: str = ""
    class_name: str = ""


@dataclass(frozen=True)
class Imported:
    account: str
    full_name: str
    unit: str
    class_name: str
    password: str | None  # the initial password; None for an existing account, whose password is unchanged


@dataclass(frozen=True)
class RosterReport:
    imported: list[Imported]

    @property
    def created(self) -> list[Imported]:
        return [i for i in self.imported if i.password]

    def summary(self) -> str:
        kept = len(self.imported) - len(self.created)
        classes = sorted({i.class_name for i in self.imported if i.class_name})
        text = f"导入 {len(self.imported)} 名学员：新建账号 {len(self.created)} 个"
        text += f"，已有账号 {kept} 个（信息已更新，密码不变）" if kept else ""
        return text + (f"；班级：{'、'.join(classes)}" if classes else "") + "。"


def new_password(length: int = 10) -> str:
    """A random initial password with letters and digits (passes ``password_problem``)."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if re.search(r"\d", password) and re.search(r"[A-Za-z]", password) and len(set(password)) >= 4:
            return password


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # a phone number typed as a number: 13800000000.0
        value = int(value)
    return normal_name(str(value))


def _table(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # zip, key and value errors for anything that is not a workbook
            raise TrainerBotError(f"{path.name} 不是有效的 xlsx 文件（{type(exc).__name__}），请用 Excel 或 WPS 另存为 xlsx 后再导入。") from None
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)][:MAX_ROWS + 50]
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        return [[_cell(v) for v in row] for row in csv.reader(text.splitlines())][:MAX_ROWS + 50]
    raise TrainerBotError(f"名单 {path.name} 的格式不支持：请上传 xlsx（或 csv）文件，表头包含 姓名、单位、账号或手机号、班级。")


def read_roster(path: Path) -> list[RosterRow]:
    """The rows of a roster file; a missing column raises an error that names it."""
    table = _table(Path(path))
    header_at = next((i for i, row in enumerate(table[:10]) if any(c in COLUMNS["姓名"] for c in row)), None)
    if header_at is None:
        raise TrainerBotError("名单缺少“姓名”列：请在第一行写表头，包含 姓名、单位、账号或手机号、班级。")
    header = table[header_at]
    where = {key: next((i for i, c in enumerate(header) if c in names), None) for key, names in COLUMNS.items()}
    if where["账号"] is None and where["手机号"] is None:
        raise TrainerBotError("名单缺少“账号”或“手机号”列：学员用它登录，两列至少要有一列。")

    def get(row: list[str], key: str) -> str:
        i = where[key]
        return row[i] if i is not None and i < len(row) else ""

    rows = []
    for n, row in enumerate(table[header_at + 1:], start=header_at + 2):
        if not any(row):
            continue
        phone = get(row, "手机号")
        rows.append(RosterRow(n, get(row, "姓名"), get(row, "账号") or phone, get(row, "单位"), phone, get(row, "班级")))
    if not rows:
        raise TrainerBotError("名单里没有学员：表头下面至少要有一行。")
    if len(rows) > MAX_ROWS:
        raise TrainerBotError(f"名单超过 {MAX_ROWS} 行，请分成几个文件导入。")
    return rows


def problems(rows: list[RosterRow], roles: dict[str, str]) -> list[str]:
    """What is wrong with the rows, each naming its row; empty when all can be imported. ``roles``: the
    existing accounts (name → role)."""
    found: list[str] = []
    first: dict[str, int] = {}
    for row in rows:
        if not row.full_name:
            found.append(f"第 {row.line} 行：缺少姓名。")
        if not row.account:
            found.append(f"第 {row.line} 行：缺少账号或手机号。")
            continue
        try:
            checked_name(row.account)
        except TrainerBotError as exc:
            found.append(f"第 {row.line} 行：{exc}")
        if row.phone and not re.fullmatch(r"1\d{10}", row.phone):
            found.append(f"第 {row.line} 行：手机号“{row.phone}”不是 11 位手机号码。")
        if len(row.class_name) > 64:
            found.append(f"第 {row.line} 行：班级名称超过 64 个字。")
        if row.account in first:
            found.append(f"第 {row.line} 行：账号“{row.account}”与第 {first[row.account]} 行重复。")
        first.setdefault(row.account, row.line)
        if roles.get(row.account) == "trainer":
            found.append(f"第 {row.line} 行：账号“{row.account}”是培训师账号，不能作为学员导入，请换一个账号。")
    return found


def import_roster(db: Database, rows: list[RosterRow]) -> RosterReport:
    """Create or update every row's account, profile and class in one transaction; nothing if any row is wrong."""
    with db.begin() as conn:
        roles = dict(conn.execute(select(users.c.name, users.c.role)).all())
    found = problems(rows, roles)
    if found:
        more = f"……共 {len(found)} 处问题" if len(found) > 10 else ""
        raise TrainerBotError("名单有问题，没有导入任何学员，请改正后重新导入：\n" + "\n".join(found[:10]) + more)
    imported = [Imported(r.account, r.full_name, r.unit, r.class_name, None if r.account in roles else new_password())
                for r in rows]
    fresh = [i for i in imported if i.password]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # PBKDF2 releases the GIL: every core hashes
        hashed = list(pool.map(lambda i: account_row(i.password, "cadre"), fresh))  # before the transaction
    accounts = {i.account: row for i, row in zip(fresh, hashed)}
    with db.begin() as conn:
        for item, row in zip(imported, rows):
            profile = {"full_name": item.full_name, "unit": item.unit, "phone": row.phone}
            if item.password:
                conn.execute(insert(users).values(name=item.account, **accounts[item.account]))
            if conn.execute(update(profiles).where(profiles.c.name == item.account).values(profile)).rowcount == 0:
                conn.execute(insert(profiles).values(name=item.account, must_change=int(bool(item.password)),
                                                     created=now(), **profile))
            if item.class_name:
                conn.execute(delete(class_members).where(class_members.c.class_name == item.class_name,
                                                         class_members.c.name == item.account))
                conn.execute(insert(class_members).values(class_name=item.class_name, name=item.account))
    return RosterReport(imported)


def write_passwords(report: RosterReport, path: Path) -> Path:
    """The initial passwords for the trainer to hand out (xlsx: 姓名, 单位, 班级, 账号, 初始密码)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "初始密码"
    sheet.append(["姓名", "单位", "班级", "账号", "初始密码", "说明"])
    for item in report.imported:
        sheet.append([item.full_name, item.unit, item.class_name, item.account, item.password or "",
                      "首次登录后须修改密码" if item.password else "已有账号，密码未变"])
    for column, width in zip("ABCDEF", (10, 24, 16, 16, 14, 22)):
        sheet.column_dimensions[column].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
