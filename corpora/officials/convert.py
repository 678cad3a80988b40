"""Turn the annotators' files (/work/annot/officials/offNN.jsonl) into the compact gold of this folder.

Usage: python corpora/officials/convert.py ANNOTATION_DIR ARCHIVE — writes offNN.jsonl beside this script. Each span
is checked against the archive text (``text[start:end]`` must be what the annotator wrote; a span off by a few
characters is moved to the nearest exact occurrence within 40 characters, anything else is dropped and reported).
No article text is written: offsets, fields and cluster ids only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

FIELDS = ("kind", "role", "modifiers", "body_type", "body_level", "body_name", "locality", "sublocality", "former")


def _fix(text: str, start: int, end: int, want: str) -> tuple[int, int] | None:
    if text[start:end] == want:
        return start, end
    hits = [i for i in range(max(0, start - 40), min(len(text), start + 40)) if text.startswith(want, i)]
    if not hits:
        return None
    best = min(hits, key=lambda i: abs(i - start))
    return best, best + len(want)


def main(annotations: Path, archive: Path) -> None:
    selection = [line.rstrip("\n").split("\t") for line in (annotations / "selection.tsv").open(encoding="utf-8")][1:]
    split = {row[2]: row[1] for row in selection}
    texts = {}
    with gzip.open(archive, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in split:
                texts[row["id"]] = row["text"]
    here = Path(__file__).resolve().parent
    for path in sorted(annotations.glob("off[0-9][0-9].jsonl")):
        out, dropped = [], 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            text = texts[row["id"]]
            titles, persons = [], []
            for t in row.get("titles", []):
                span = _fix(text, t["start"], t["end"], t["text"])
                if span is None:
                    dropped += 1
                    continue
                titles.append([*span, {k: t.get(k) for k in FIELDS}])
            for p in row.get("persons", []):
                span = _fix(text, p["start"], p["end"], p["text"])
                if span is None:
                    dropped += 1
                    continue
                persons.append([*span, p["cluster"]])
            out.append({"id": row["id"], "text_sha1": hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(),
                        "split": split[row["id"]], "file": path.stem, "titles": titles, "persons": persons})
        (here / path.name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        print(f"{path.name}: {len(out)} articles, {sum(len(r['titles']) for r in out)} titles, "
              f"{sum(len(r['persons']) for r in out)} person mentions, {dropped} spans dropped")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
