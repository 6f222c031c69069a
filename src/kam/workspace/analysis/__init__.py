"""The analysis on the accounts: what `kam analyze` found, stored per account with its date and history."""
