"""Deals: what each account may buy, how far it has come, and when a price was first quoted."""
