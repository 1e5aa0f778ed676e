"""The floor for `jobber jobs generate-pdf ID`: a bare typst.Compiler.compile in a fresh process.

The same template folder, the same data.json Jobber would give it, the PDF written to a file.
    python bench/typst_floor.py TEMPLATE_DIR DATA_JSON OUT_PDF
"""

import sys

import typst

folder, data, out = sys.argv[1:4]
compiler = typst.Compiler(root=folder, font_paths=[f"{folder}/fonts"], ignore_system_fonts=True)
with open(f"{folder}/main.typ", "rb") as main, open(data, "rb") as payload:
    pdf = compiler.compile(input={"main": main.read(), "data.json": payload.read()}, format="pdf", pdf_tags=True)
with open(out, "wb") as handle:
    handle.write(pdf)
