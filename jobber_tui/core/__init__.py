"""The headless core: everything Jobber does without a screen. Never imports textual.

The folders are layers; a module imports only from its own layer and the layers listed before it
(tests/test_architecture.py checks this on every import, lazy ones included):

1. `infra/`     config, paths, logs, errors, file locks, HTTP, HTML text: imports nothing else in core.
2. `jobs/`      models, states, the store and its fast reader, fields, queue rows, undo, migrations.
3. `webhooks/`  events, the outbox, the background sender.
4. `workspace.py`  the session every command and screen opens: home, config, store, clock, outbox.
5. `llm/`       the OpenAI-compatible client, model settings, the profile sent to a model.
6. `resume/`    the base resume, import, templates, Typst render, fonts, tailoring, processing, preview.
7. `discovery/` job boards (`sources/`), searches (`searches/`), dedup, scoring, the pipeline;
   `tracking/` replies read over IMAP. These two never import each other.
8. `bulk.py`, `demo.py`, `doctor.py`: work that spans the domains.
"""
