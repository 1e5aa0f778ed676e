"""The low layer: config, paths, logs, errors, files, HTTP and HTML text. Imports nothing else in core."""
