"""Referrals: the accounts each account brought (轉介紹), and what they are worth."""
