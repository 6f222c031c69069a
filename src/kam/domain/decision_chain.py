"""The decision chain of a key account (決策鏈): who takes part in a purchase, in what function and role,
how they stand towards us, and what each of them weighs when buying (DOMAIN.md §4)."""

from __future__ import annotations

from enum import StrEnum


class Function(StrEnum):
    """The stakeholder's function at the account; the first four are the article's (財務, 技術, 使用部門,
    運維), each with its own key purchase factors."""

    FINANCE = "finance"
    TECHNICAL = "technical"
    USER_DEPARTMENT = "user_department"
    OPERATIONS_MAINTENANCE = "operations_maintenance"
    PROCUREMENT = "procurement"
    EXECUTIVE = "executive"
    OTHER = "other"


class DecisionRole(StrEnum):
    """The stakeholder's part in the purchase decision."""

    DECISION_MAKER = "decision_maker"  # says yes or no (拍板)
    ECONOMIC_BUYER = "economic_buyer"  # owns the budget
    TECHNICAL_BUYER = "technical_buyer"  # judges whether it fits, can veto
    USER_BUYER = "user_buyer"  # will use it every day
    INFLUENCER = "influencer"
    GATEKEEPER = "gatekeeper"  # controls access to the others


class Stance(StrEnum):
    """How the stakeholder stands towards us; `unknown` until someone has found out."""

    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    OPPONENT = "opponent"
    UNKNOWN = "unknown"


class PurchaseFactor(StrEnum):
    """A key purchase factor (關鍵採購因素): what a person weighs when buying. The article's: price for
    finance, how advanced and how compatible for technical, ease of use for the user department, stability,
    failure rate and after-sales service for operations and maintenance; and the laptop example's
    personal ones (light, big screen, looks)."""

    PRICE = "price"
    TOTAL_COST = "total_cost"
    ADVANCEMENT = "advancement"
    COMPATIBILITY = "compatibility"
    EASE_OF_USE = "ease_of_use"
    STABILITY = "stability"
    FAILURE_RATE = "failure_rate"
    AFTER_SALES_SERVICE = "after_sales_service"
    DELIVERY = "delivery"
    QUALITY = "quality"
    CONTRACT_TERMS = "contract_terms"
    RETURN_ON_INVESTMENT = "return_on_investment"
    RISK = "risk"
    PORTABILITY = "portability"
    SCREEN_SIZE = "screen_size"
    APPEARANCE = "appearance"
