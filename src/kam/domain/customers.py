"""What kind of business a customer is (DOMAIN.md §1, §3): its type in the channel and its ownership."""

from __future__ import annotations

from enum import StrEnum


class CustomerType(StrEnum):
    """Where the customer sits in the channel: end users, and distributors, dealers, wholesalers, agents."""

    END_USER = "end_user"
    DISTRIBUTOR = "distributor"
    DEALER = "dealer"
    WHOLESALER = "wholesaler"
    AGENT = "agent"


class Ownership(StrEnum):
    """Who owns the customer: state-owned (國企), collective (集體), private or foreign."""

    STATE = "state"
    COLLECTIVE = "collective"
    PRIVATE = "private"
    FOREIGN = "foreign"
