"""Engines: where a job's batches run. ``local`` is :meth:`studio.runner.Runner._run_local`;
:mod:`studio.engines.ray` runs the same :class:`studio.pipeline.JobPipeline` in Ray actors."""
