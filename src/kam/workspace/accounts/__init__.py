"""Accounts: the customers a team looks after, with type, ownership, tenure and who referred them."""
