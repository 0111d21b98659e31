"""Adversarial training engine (Goodfellow et al. 2014, Algorithm 1) for feed-forward styles.

No Qt here: the CLI (``studio-train``) and, later, the GUI's fine-tuning panel drive the same
loop. Modules: ``losses`` and ``metrics`` (formulas), ``models`` (G and D), ``data`` (seeded
crops), ``loop`` (Algorithm 1), ``checkpoints`` (safetensors, exact resume), ``export``.
"""
