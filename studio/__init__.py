"""Style Studio: batch style transfer for product-photo catalogs.

Read the data path in this order: ``jobs`` (what to do) → ``runner`` (doing it on a worker
thread) → ``images`` (decode/encode) around a style model from ``registry`` (plugins through
``hookspecs``/``api``).
"""

__version__ = "0.1.0"
