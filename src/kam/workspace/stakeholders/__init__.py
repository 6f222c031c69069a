"""Stakeholders: the people of an account's decision chain (決策鏈)."""
