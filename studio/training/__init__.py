"""Adversarial training engine (Goodfellow et al. 2014, Algorithm 1) for feed-forward styles.

No Qt here: the CLI (``studio-train``) and, later, the GUI's fine-tuning panel drive the same
loop. Work in progress: losses and metrics are in place; the loop, checkpoints and export
follow (issue 4).
"""
