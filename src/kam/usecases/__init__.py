"""The use cases: one function for each thing a user asks of kam (analyse an export, fit the customer-base
models, coach calls, make the demo data), whoever asks: the command line today, the API and the pages next.

Each takes typed options and returns a typed result: it reads, calls the cores, writes its outputs all or
nothing, and prints nothing; no word of it belongs to one interface (no command-line option, no HTTP).
Import from the modules (kam.usecases.analyze, ...); this package re-exports nothing.
"""
