"""Interactions with an account (meetings, calls, visits) and the call analyses stored on them."""
