"""Apache Spark for `features --engine spark` and `score --engine spark` (pyspark optional).

pyspark is a development and batch dependency (requirements-spark.txt), never the server's:
import this package only when a command asks for the Spark engine.
"""
