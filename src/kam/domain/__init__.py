"""The shared vocabulary of kam: the fixed choices and value types every layer speaks.

Modules here import nothing from kam or from any library beyond the standard one. Import from the
submodules (kam.domain.customers, kam.domain.deals, ...); this package re-exports nothing.
"""
