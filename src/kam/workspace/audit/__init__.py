"""The audit trail: every create, update, delete and restore of a record, field by field."""
