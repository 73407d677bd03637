"""Writes the corpus runner's TSV for the contracts under files/: every
YAML or JSON file whose top level declares openapi or swagger (the test
folders also hold generator configurations and code)."""
import os, re, sys

here = sys.argv[1]
print("file\tsource\topenapi\tbytes\toperations")
top = re.compile(rb'^(?:openapi|swagger):\s*["\']?([0-9.]+)|^\s*"(?:openapi|swagger)"\s*:\s*"([0-9.]+)"', re.M)
op = re.compile(rb'^\s+["\']?(get|put|post|delete|patch|head|options|trace|query)["\']?\s*:', re.M)
for root, _, files in sorted(os.walk(os.path.join(here, "files"))):
    for f in sorted(files):
        if not f.endswith((".yaml", ".yml", ".json")):
            continue
        p = os.path.join(root, f)
        data = open(p, "rb").read()
        m = top.search(data[:4000])
        if not m:
            continue
        v = (m.group(1) or m.group(2)).decode()
        rel = os.path.relpath(p, here)
        src = rel.replace("files/ogen/", "ogen-go/ogen:").replace("files/oapi-codegen/", "oapi-codegen/oapi-codegen:")
        print(f"{rel}\t{src}\t{v[:3]}\t{len(data)}\t{len(op.findall(data))}")
