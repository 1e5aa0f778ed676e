"""The resume and its PDF: import, data, templates, Typst render, fonts, tailoring, processing, preview."""
