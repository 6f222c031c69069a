"""Needs: the needs iceberg (需求冰山) of each account, with its five-whys chains."""
