"""Apache Spark for `features --engine spark` and `score --engine spark` (pyspark optional).

pyspark is a development and batch dependency (requirements-spark.txt), never the server's:
import this package only when a command asks for the Spark engine.
"""

from importlib.util import find_spec

from model_training.errors import ModelTrainingError

if find_spec("pyspark") is None:
    raise ModelTrainingError(
        "the Spark engine needs pyspark and a JDK: pip install -r requirements-spark.txt, "
        "and make system (openjdk-17-jre-headless); docs/spark.md."
    )
