"""kam on a Spark cluster: the session, Spark's own readers for canonical transaction lines, and the
`spark-submit` entry (`python -m kam.spark`). pyspark is optional (`pip install 'kam[spark]'`)."""
