"""`python -m kam.spark …`: kam's commands with Spark as the engine (see kam.spark.submit)."""

import sys

from kam.spark.submit import main

sys.exit(main())
