"""Jobs and their store: models, states, the SQLite store and its fast reader, fields, queue rows, undo."""
