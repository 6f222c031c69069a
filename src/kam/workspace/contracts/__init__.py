"""Contracts: each account's annual contract volumes and values, year by year."""
