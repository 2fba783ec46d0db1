"""Blocks → plain text, like a crawler's dump of an HTML page: one line per paragraph, table rows
as tab-separated cells (a spanned cell appears once, at its first row). With `Table.concat`,
the value cells of a row are written without any separator ("713000074"), as in TEMPLATES.md §13.
"""


def render(blocks, opts):
    out = []
    for b in blocks:
        if b.kind in ("title", "signature"):
            out.extend(b.lines)
        elif b.kind in ("heading", "para"):
            out.append(b.text)
        elif b.kind == "table":
            t = b.table
            for row in t.rows:
                parts = []
                values = []
                for c in row:
                    if c.kind == "value" and getattr(t, "concat", False):
                        values.append(c.text)
                        continue
                    if values:
                        parts.append("".join(values))
                        values = []
                    parts.append(c.text)
                if values:
                    parts.append("".join(values))
                out.append("\t".join(parts))
        out.append("")
    return "\r\n".join(out) + "\r\n"


def splits(digits, parts, rule, prefix_ok=lambda acc: True):
    """All ways to cut `digits` into `parts` numbers without leading zeros that satisfy `rule`
    (`prefix_ok` prunes partial cuts)."""
    found = []

    def go(i, acc):
        if not prefix_ok(acc):
            return
        if len(acc) == parts:
            if i == len(digits) and rule(acc):
                found.append(list(acc))
            return
        left = parts - len(acc)
        if len(digits) - i < left:
            return
        for j in range(i + 1, len(digits) - left + 2):
            piece = digits[i:j]
            if len(piece) > 1 and piece[0] == "0":
                break
            acc.append(int(piece))
            go(j, acc)
            acc.pop()

    go(0, [])
    return found


def unique_splits(cells):
    """True when every table-三 row (T3-3) and the table-四 row (T4-1) has exactly one split."""
    rows = {}
    for k, v in cells.items():
        t, r, c = k.split(".")
        if t == "t3":
            rows.setdefault(r, {})[c] = v
    order = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]
    for r, cols in rows.items():
        digits = "".join(cols[c] for c in order)
        if len(splits(digits, 7, lambda a: sum(a[:6]) == a[6])) != 1:
            return False
    g = ["review", "lit_direct", "lit_after_review"]
    c4 = ["upheld", "corrected", "other", "pending", "total"]
    digits = "".join(cells["t4.%s.%s" % (x, y)] for x in g for y in c4)
    def groups_ok(a):
        return all(sum(a[5 * k:5 * k + 4]) == a[5 * k + 4] for k in range(len(a) // 5))

    return len(splits(digits, 15, groups_ok, groups_ok)) == 1
