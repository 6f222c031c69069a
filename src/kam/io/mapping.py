"""Map the column names of real exports (English or Chinese headers) onto kam's canonical names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from kam.errors import ConfigError
from kam.files import read_json_or_toml
from kam.hints import Hint, HintedNotice, HintKey
from kam.i18n import Notice
from kam.io.units import split_unit

TRANSACTION_REQUIRED = ("customer_id", "date")
TRANSACTION_OPTIONAL = (
    "amount",
    "order_id",
    "quantity",
    "unit_price",
    "cost",
    "list_amount",
    "product_id",
    "currency",
    "line_type",
)
# added by the readers to each line: a hash of the whole line, from which the order aggregation counts
# exact duplicate lines in the same pass (kam.analytics.metrics)
LINE_HASH = "line_hash"
CUSTOMER_COLUMNS = (
    "customer_id",
    "name",
    "owner",
    "type",
    "ownership",
    "industry",
    "since",
    "referred_by",
    "payment_days",
    "service_cost",
    "wallet",
    "wallet_volume",
    "wallet_unit",
)
# What the workspace also reads from a customers file (`kam accounts import`); `kam analyze` does not.
ACCOUNT_COLUMNS = (*CUSTOMER_COLUMNS, "parent", "competitors", "referred_on")

# Names seen in real exports, normalised by `_norm`; each canonical name also matches itself.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "customerid",
        "customer",
        "custid",
        "customerno",
        "customercode",
        "clientid",
        "client",
        "accountid",
        "account",
        "客戶編號",
        "客户编号",
        "客戶代碼",
        "客户代码",
        "客戶代號",
        "客户代号",
        "客戶id",
        "客户id",
        "客戶",
        "客户",
        "客戶號",
        "客户号",
        "客戶編碼",
        "客户编码",
    ),
    "date": (
        "invoicedate",
        "orderdate",
        "transactiondate",
        "txdate",
        "saledate",
        "documentdate",
        "postingdate",
        "日期",
        "訂單日期",
        "订单日期",
        "交易日期",
        "銷售日期",
        "销售日期",
        "發票日期",
        "发票日期",
        "單據日期",
        "单据日期",
        "銷貨日期",
        "销货日期",
        "出貨日期",
        "出货日期",
    ),
    "amount": (
        "netamount",
        "revenue",
        "sales",
        "netsales",
        "value",
        "dollarvalue",
        "total",
        "linetotal",
        "金額",
        "金额",
        "銷售額",
        "销售额",
        "銷售金額",
        "销售金额",
        "淨額",
        "净额",
        # net of tax before tax-inclusive: revenue leaves VAT out, and exports often carry both
        "未稅金額",
        "未税金额",
        "無稅金額",
        "无税金额",
        "amountexcltax",
        "amountexvat",
        "含稅金額",
        "含税金额",
        "價稅合計",
        "价税合计",
    ),
    "order_id": (
        "invoiceno",
        "invoice",
        "invoicenumber",
        "order",
        "orderno",
        "ordernumber",
        "documentno",
        "訂單編號",
        "订单编号",
        "訂單號",
        "订单号",
        "單號",
        "单号",
        "發票號碼",
        "发票号码",
        "單據編號",
        "单据编号",
        "單據號",
        "单据号",
        "銷貨單號",
        "销货单号",
        "出貨單號",
        "出货单号",
    ),
    "quantity": (
        "qty",
        "volume",
        "tons",
        "tonnes",
        "numberofcds",
        "units",
        "數量",
        "数量",
        "噸數",
        "吨数",
        "銷量",
        "销量",
    ),
    "unit_price": (
        "unitprice",
        "price",
        "未稅單價",
        "未税单价",
        "無稅單價",
        "无税单价",
        "單價",
        "单价",
        "售價",
        "售价",
        "含稅單價",
        "含税单价",
    ),
    "cost": ("cogs", "costofgoods", "costamount", "成本", "成本金額", "成本金额", "銷貨成本", "销货成本"),
    "list_amount": (
        "listamount",
        "listvalue",
        "grossamount",
        "listprice_amount",
        "牌價金額",
        "牌价金额",
        "原價金額",
        "原价金额",
        "定價金額",
        "定价金额",
    ),
    "product_id": (
        "stockcode",
        "sku",
        "item",
        "itemno",
        "productcode",
        "material",
        "產品編號",
        "产品编号",
        "品號",
        "品号",
        "料號",
        "料号",
        "產品",
        "产品",
        "存貨編碼",
        "存货编码",
        "物料編碼",
        "物料编码",
        "商品編號",
        "商品编号",
    ),
    "currency": ("currencycode", "curr", "幣別", "币别", "貨幣", "货币", "幣種", "币种"),
    "line_type": (
        "documenttype",
        "doctype",
        "transactiontype",
        "linetype",
        "movementtype",
        "單據類別",
        "单据类别",
        "單據類型",
        "单据类型",
        "單據別",
        "单据别",
        "單別",
        "单别",
        "交易類別",
        "交易类别",
    ),
    "name": ("customername", "company", "客戶名稱", "客户名称", "名稱", "名称", "公司"),
    # the salesperson (account manager) who looks after the customer
    "owner": (
        "accountmanager",
        "accountowner",
        "salesperson",
        "salesrep",
        "keyaccountmanager",
        "kam",
        "負責業務",
        "负责业务",
        "業務員",
        "业务员",
        "業務",
        "业务",
        "客戶經理",
        "客户经理",
        "負責人",
        "负责人",
    ),
    "type": ("customertype", "channel", "客戶類型", "客户类型", "類型", "类型"),
    "ownership": ("ownershiptype", "所有制", "企業性質", "企业性质", "性質", "性质"),
    "industry": ("sector", "行業", "行业"),
    "since": ("customersince", "startdate", "relationshipstart", "合作起始", "合作開始日期", "合作开始日期"),
    "referred_by": ("referrer", "referredby", "介紹人", "介绍人", "轉介紹", "转介绍", "推薦客戶", "推荐客户"),
    "payment_days": ("dso", "daystopay", "paymentdays", "付款天數", "付款天数", "回款天數", "回款天数"),
    "service_cost": ("costtoserve", "servicecost", "服務成本", "服务成本"),
    "wallet": (
        "annualdemand",
        "walletsize",
        "年需求",
        "年需求額",
        "年需求额",
        "年採購額",
        "年采购额",
        "錢包",
        "钱包",
    ),
    "wallet_volume": ("annualdemandvolume", "年需求量", "年採購量", "年采购量"),
    "wallet_unit": ("walletunit", "demandunit", "需求單位", "需求单位"),
    "parent": ("parentaccount", "parentcode", "group", "集團", "集团", "母公司", "上級客戶", "上级客户"),
    "competitors": ("competitor", "競爭對手", "竞争对手", "競品", "竞品"),
    "referred_on": ("referraldate", "referredon", "介紹日期", "介绍日期", "轉介紹日期", "转介绍日期"),
}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-./()（）]+", "", name.strip().lower())


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """Turn `--map canonical=source` options into a dict, rejecting malformed ones clearly."""
    mapping: dict[str, str] = {}
    for option in options:
        canonical, sep, source = option.partition("=")
        if not sep or not canonical.strip() or not source.strip():
            raise ConfigError(
                Notice("map_option_shape", option=option), hint=Hint(HintKey.OPTION, option="map")
            )
        mapping[canonical.strip()] = source.strip()
    return mapping


def read_mapping_file(path: Path) -> dict[str, str]:
    """A mapping file is JSON or TOML: `{"customer_id": "客戶編號", ...}` (TOML may nest it under [columns])."""
    data = read_json_or_toml(path, Notice("mapping_file"))
    data = data.get("columns", data) if isinstance(data, dict) else data
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(Notice("mapping_file_shape", file=path))
    return {str(k): str(v) for k, v in data.items()}


def resolve_columns(
    found: list[str],
    explicit: Mapping[str, str],
    canonical: Iterable[str],
    *,
    synonyms: Mapping[str, tuple[str, ...]] = SYNONYMS,
) -> dict[str, str]:
    """Return {canonical: source column}; explicit mappings win, then exact names, then known synonyms
    (`synonyms`: the names of the transactions' and customers' columns unless a file of another kind
    names its own)."""
    canonical = list(canonical)
    unknown = [name for name in explicit if name not in canonical]
    if unknown:
        raise ConfigError(
            Notice("map_unknown_columns", unknown=", ".join(unknown), columns=", ".join(canonical)),
            hint=Hint(HintKey.OPTION, option="map"),
        )
    missing_sources = [src for src in explicit.values() if src not in found]
    if missing_sources:
        raise ConfigError(
            Notice(
                "map_missing_sources",
                missing=", ".join(repr(s) for s in missing_sources),
                found=", ".join(repr(c) for c in found),
            ),
            hint=Hint(HintKey.OPTION, option="map"),
        )
    resolved: dict[str, str] = dict(explicit)
    taken = set(resolved.values())
    by_norm = {_norm(col): col for col in reversed(found)}
    by_name = _without_units(found)
    for name in canonical:
        if name in resolved:
            continue
        candidates = [_norm(candidate) for candidate in (name, *synonyms.get(name, ()))]
        # a header as written first, then one with its unit left out ("金額(元)" is an amount)
        for headers in (by_norm, by_name):
            source = next((s for s in map(headers.get, candidates) if s is not None and s not in taken), None)
            if source is not None:
                resolved[name] = source
                taken.add(source)
                break
    return resolved


def _without_units(found: list[str]) -> dict[str, str]:
    """{normalised header without its unit: header} for the headers that name a unit (see kam.io.units)."""
    named = ((split_unit(col), col) for col in reversed(found))
    return {_norm(name): col for (name, unit), col in named if unit is not None}


def column_choices(
    found: list[str], explicit: Mapping[str, str], resolved: Mapping[str, str]
) -> list[HintedNotice]:
    """A notice for each of kam's columns that more than one of the table's columns fit (金額 and amount,
    未稅金額 and 含稅金額), unless the user's mapping chose: the column read, the others, and how to choose."""
    taken = set(resolved.values())
    notices = []
    for name, source in resolved.items():
        if name in explicit:
            continue
        fitting = {_norm(candidate) for candidate in (name, *SYNONYMS.get(name, ()))}
        others = [
            column
            for column in found
            if column not in taken and {_norm(column), _norm(split_unit(column)[0])} & fitting
        ]
        if others:
            notices.append(
                HintedNotice(
                    "column_choice",
                    Hint(HintKey.MAP_COLUMN, field=name, column=others[0]),
                    column=name,
                    taken=source,
                    others=", ".join(repr(column) for column in others),
                )
            )
    return notices
