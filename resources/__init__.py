"""Bundled demo product photos and default style images (installed as package ``studio_resources``)."""
