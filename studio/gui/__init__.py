"""The desktop app (PySide6). A thin layer: every action goes through the same job, plugin and
training APIs as the CLIs; model code runs on the device worker thread or the preview thread,
never on the UI thread. The only package of the project that imports Qt."""
