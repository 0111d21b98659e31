"""Command-line entry points (``studio-batch``; ``studio-train`` arrives with the GAN engine)."""
