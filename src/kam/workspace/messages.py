"""What the workspace commands say, in English, Traditional and Simplified Chinese, in one place."""

from __future__ import annotations

from typing import Any

from kam.i18n import Lang, lang_index

MESSAGES: dict[str, tuple[str, str, str]] = {
    "init_created": (
        "Created the workspace at {where} (schema {revision}).",
        "已在 {where} 建立工作區（結構版本 {revision}）。",
        "已在 {where} 创建工作区（结构版本 {revision}）。",
    ),
    "init_upgraded": (
        "Upgraded the workspace at {where} from schema {before} to {revision}.",
        "已將 {where} 的工作區從結構版本 {before} 升級到 {revision}。",
        "已将 {where} 的工作区从结构版本 {before} 升级到 {revision}。",
    ),
    "init_current": (
        "The workspace at {where} is up to date (schema {revision}).",
        "{where} 的工作區已是最新（結構版本 {revision}）。",
        "{where} 的工作区已是最新（结构版本 {revision}）。",
    ),
    "account_added": (
        "Added account {code} ({name}) to {where}.",
        "已新增客戶 {code}（{name}）到 {where}。",
        "已新增客户 {code}（{name}）到 {where}。",
    ),
    "accounts_imported": (
        "Imported {file} into {where}: {created} new, {updated} updated, {unchanged} unchanged account(s).",
        "已將 {file} 匯入 {where}：新增 {created} 個、更新 {updated} 個、未變 {unchanged} 個客戶。",
        "已将 {file} 导入 {where}：新增 {created} 个、更新 {updated} 个、未变 {unchanged} 个客户。",
    ),
    "no_accounts": (
        "No accounts yet: add one with `kam accounts add` or import a customers file.",
        "還沒有客戶：用 `kam accounts add` 新增，或匯入客戶檔。",
        "还没有客户：用 `kam accounts add` 新增，或导入客户文件。",
    ),
    "no_interactions": (
        "No interactions yet: store call analyses with `kam calls analyze --store`.",
        "還沒有互動紀錄：用 `kam calls analyze --store` 儲存通話分析。",
        "还没有互动记录：用 `kam calls analyze --store` 保存通话分析。",
    ),
    "interactions": ("Interactions ({count}):", "互動紀錄（{count}）：", "互动记录（{count}）："),
    "accounts_title": ("Accounts in {where}", "{where} 的客戶", "{where} 的客户"),
    "interactions_title": ("Interactions in {where}", "{where} 的互動紀錄", "{where} 的互动记录"),
}

LABELS: dict[str, tuple[str, str, str]] = {
    "code": ("code", "代碼", "代码"),
    "name": ("name", "名稱", "名称"),
    "type": ("type", "類型", "类型"),
    "ownership": ("ownership", "所有制", "所有制"),
    "industry": ("industry", "產業", "行业"),
    "since": ("since", "合作起始", "合作起始"),
    "referred_by": ("referred by", "介紹人", "介绍人"),
    "owner": ("owner", "負責業務", "负责业务"),
    "account": ("account", "客戶", "客户"),
    "when": ("when", "時間", "时间"),
    "kind": ("kind", "類別", "类别"),
    "title": ("title", "標題", "标题"),
    "stage": ("stage", "階段", "阶段"),
    "ratio": ("c:s", "客:業", "客:业"),
    "questions": ("questions", "提問", "提问"),
    "flags": ("flags", "提醒", "提醒"),
}


WORDS: dict[str, tuple[str, str, str]] = {
    "not_listening": ("not listening", "沒有傾聽", "没有倾听"),
    "early_pitch": ("pitched too early", "太早推銷產品", "太早推销产品"),
    "price_too_early": ("price too early", "太早談價格", "太早谈价格"),
    "no_discovery": ("no discovery", "沒有探詢需求", "没有探询需求"),
    "meeting": ("meeting", "會議", "会议"),
    "call": ("call", "電話", "电话"),
    "visit": ("visit", "拜訪", "拜访"),
    "email": ("email", "電郵", "邮件"),
    "other": ("other", "其他", "其他"),
    "discovery": ("discovery", "探詢需求", "探询需求"),
    "qualification": ("qualification", "確認資格", "确认资格"),
    "proposal": ("proposal", "提案", "提案"),
    "negotiation": ("negotiation", "議價", "议价"),
    "closing": ("closing", "成交", "成交"),
    "end_user": ("end user", "終端用戶", "终端用户"),
    "distributor": ("distributor", "分銷商", "分销商"),
    "dealer": ("dealer", "經銷商", "经销商"),
    "wholesaler": ("wholesaler", "批發商", "批发商"),
    "agent": ("agent", "代理商", "代理商"),
    "state": ("state", "國有", "国有"),
    "collective": ("collective", "集體", "集体"),
    "private": ("private", "民營", "民营"),
    "foreign": ("foreign", "外資", "外资"),
}


def word(value: str, lang: Lang | str = Lang.EN) -> str:
    """A coaching flag's short name, an interaction kind, a deal stage, an account type or an ownership in
    `lang`; anything else (free text such as an industry) as it is."""
    return WORDS[value][lang_index(lang)] if value in WORDS else value


def message(key: str, lang: Lang | str = Lang.EN, **values: Any) -> str:
    return MESSAGES[key][lang_index(lang)].format(**values)


def label(key: str, lang: Lang | str = Lang.EN) -> str:
    return LABELS[key][lang_index(lang)]
