#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Write tg57xx-regmap.json: the register map the C++ exporter prints
(buildtools/tg57xx-regmap-export.cpp: names, blocks, widths, arrays,
sections) plus each register's fields, read from the headers of
drivers/common/tg57xx by their documented convention (tg57xx_regs.h: a
register is `inline constexpr uintN_t NAME = 0x...;`, its bits and fields
are the indented names beneath it). MII registers and fields come from
tg57xx_mii.h the same way.

usage: gen-regmap-json.py EXPORTER OUT.json REGS_HEADER... --mii MII_HEADER
"""
import json
import re
import subprocess
import sys

REG = re.compile(r"^inline constexpr uint(?:32|16)_t ([A-Z][A-Z0-9_]*) = (0x[0-9A-Fa-f]+);")
FIELD = re.compile(r"^inline constexpr uint(?:32|16)_t {3}([A-Z][A-Z0-9_]*) = (0x[0-9A-Fa-f]+);")
MASK_SUFFIXES = ("MASK", "MSK")  # _MASK, _MSK, _SPDMASK


def fields_of(headers, known):
    """{register name: [field rows]} for registers in `known` (name -> offset or number)."""
    out = {}
    cur = None
    for path in headers:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = REG.match(line)
                if m:
                    cur = m.group(1) if m.group(1) in known else None
                    continue
                m = FIELD.match(line)
                if m and cur is not None:
                    out.setdefault(cur, []).append((m.group(1), int(m.group(2), 16)))
                elif line.startswith("inline constexpr") or line.startswith("constexpr"):
                    cur = None
    return {reg: classify(rows) for reg, rows in out.items()}


def classify(rows):
    """Flags (one bit), numeric fields (*_MASK/_MSK) and the enumerated values of
    a mask (a value inside an earlier mask); other multi-bit constants are values
    tg3 writes, not fields, and are left out."""
    masks = [(n, m) for n, m in rows if n.endswith(MASK_SUFFIXES) and bin(m).count("1") > 1]
    out = []
    seen = {}
    for name, mask in rows:
        owner = next((mn for mn, mm in masks if mn != name and (mask & ~mm) == 0), None)
        if name.endswith(MASK_SUFFIXES) and bin(mask).count("1") > 1:
            out.append({"name": name, "mask": mask, "kind": "field"})
        elif owner is not None:
            out.append({"name": name, "mask": mask, "kind": "value", "of": owner})
        elif mask != 0 and bin(mask).count("1") == 1:
            if mask in seen:  # an alias (MI_COM_START / MI_COM_BUSY)
                seen[mask]["name"] += "|" + name
                continue
            row = {"name": name, "mask": mask, "kind": "flag"}
            seen[mask] = row
            out.append(row)
    return out


def mii_registers(path):
    regs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = REG.match(line)
            if m and m.group(1).startswith("MII_"):
                regs[m.group(1)] = int(m.group(2), 16)
    return regs


def main(argv):
    if len(argv) < 5 or "--mii" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    exporter, out = argv[1], argv[2]
    i = argv.index("--mii")
    headers, mii_header = argv[3:i], argv[i + 1]
    m = json.loads(subprocess.run([exporter], check=True, capture_output=True, text=True).stdout)
    known = {r["name"] for r in m["registers"]}
    fields = fields_of(headers, known)
    for r in m["registers"]:
        if r["name"] in fields:
            r["fields"] = fields[r["name"]]
    mii = mii_registers(mii_header)
    mii_fields = fields_of([mii_header], set(mii))
    m["mii"] = [{"reg": num, "name": name, "fields": mii_fields.get(name, [])}
                for name, num in sorted(mii.items(), key=lambda kv: kv[1])]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(m, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
