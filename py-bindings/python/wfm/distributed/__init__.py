"""Forecasts, capacity plans and schedules of many forecast groups on a cluster:
:mod:`wfm.distributed.spark` (Spark DataFrames) and :mod:`wfm.distributed.dask`
(Dask DataFrames). Each group is one task calling the same :mod:`wfm` function one
machine would on that group's rows, so the answers are one machine's, group by group;
a group that fails is an error row and the others complete.

Neither engine is imported until its module is: ``import wfm.distributed.spark``
needs ``pyspark`` (and Java 17), ``import wfm.distributed.dask`` needs
``dask[distributed]``. :func:`synthetic_history` makes seeded history to try them on.

>>> from wfm.distributed import synthetic_history
>>> h = synthetic_history(series=2, weeks=1, per_group=1)
>>> h.height, h["group"].unique().sort().to_list()
(672, ['G0', 'G1'])
"""

from wfm.distributed._synthetic import synthetic_history

__all__ = ["synthetic_history"]
