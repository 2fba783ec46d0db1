"""Report data: self-consistent numbers for the three tables, and the truth JSON.

The numbers follow the rules of TEMPLATES.md §7 (T3-1, T3-2, T3-3, T4-1) unless a variant
plants an error on purpose. Everything is drawn from a PRNG seeded by the variant's name, so a
re-run writes the same files.
"""

import random

T3_COLS = [
    "natural_person",
    "commercial",
    "research",
    "social_org",
    "legal_service",
    "other_org",
]
T3_ALL_COLS = T3_COLS + ["total"]

DENY = [
    "deny_state_secret",
    "deny_law_forbidden",
    "deny_three_security",
    "deny_third_party",
    "deny_internal_affairs",
    "deny_process_info",
    "deny_enforcement_file",
    "deny_admin_query",
]
UNABLE = ["unable_not_held", "unable_need_creation", "unable_unclear"]
NOHANDLE = [
    "nohandle_petition",
    "nohandle_repeat",
    "nohandle_publication",
    "nohandle_mass_repeat",
    "nohandle_confirm",
]
OTHER_V2021 = ["other_no_correction", "other_no_fee_paid", "other_other"]

# Relative weight of each result row (how often an application ends there).
ROW_WEIGHT = {
    "granted": 40,
    "partial": 12,
    "deny_state_secret": 0.3,
    "deny_law_forbidden": 1.0,
    "deny_three_security": 0.3,
    "deny_third_party": 0.5,
    "deny_internal_affairs": 0.6,
    "deny_process_info": 1.0,
    "deny_enforcement_file": 0.6,
    "deny_admin_query": 3.0,
    "unable_not_held": 24,
    "unable_need_creation": 1.0,
    "unable_unclear": 0.8,
    "nohandle_petition": 2.5,
    "nohandle_repeat": 1.5,
    "nohandle_publication": 0.3,
    "nohandle_mass_repeat": 0.3,
    "nohandle_confirm": 0.3,
    "other": 2.0,
    "other_no_correction": 1.2,
    "other_no_fee_paid": 0.3,
    "other_other": 0.8,
}

# Share of applications by applicant column.
COL_SHARE = {
    "natural_person": 0.90,
    "commercial": 0.05,
    "research": 0.004,
    "social_org": 0.004,
    "legal_service": 0.03,
    "other_org": 0.012,
}

T4_GROUPS = ["review", "lit_direct", "lit_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def result_rows(template, single_other):
    rows = ["granted", "partial"] + DENY + UNABLE + NOHANDLE
    if template == "v2019" or single_other:
        rows.append("other")
    else:
        rows += OTHER_V2021
    return rows


def t3_rows(template, single_other):
    return (
        ["new_received", "carried_in"]
        + result_rows(template, single_other)
        + ["processed_total", "carried_out"]
    )


def gen_t3(rng, scale, template, single_other, carried_in=None):
    """Numbers of table 三 as ints: {row: {col: int}}.

    `carried_in`, when given, fixes row 二 (the previous year's 结转下年度), per applicant column.
    """
    rows = result_rows(template, single_other)
    t = {r: {} for r in t3_rows(template, single_other)}
    for c in T3_COLS:
        n = scale * COL_SHARE[c] * rng.uniform(0.6, 1.4)
        total_w = sum(ROW_WEIGHT[r] for r in rows)
        processed = 0
        for r in rows:
            mean = n * ROW_WEIGHT[r] / total_w
            v = int(round(mean * rng.uniform(0.4, 1.6))) if mean >= 0.5 else (
                1 if rng.random() < mean else 0
            )
            t[r][c] = v
            processed += v
        t["processed_total"][c] = processed
        if carried_in is not None:
            cin = carried_in[c]
        else:
            cin = int(round(processed * rng.uniform(0.0, 0.05))) if processed else 0
        cout = int(round(processed * rng.uniform(0.0, 0.05))) if processed else 0
        # new + carried_in = processed + carried_out (T3-1)
        new = processed + cout - cin
        if new < 0:
            cout += -new
            new = 0
        t["carried_in"][c] = cin
        t["carried_out"][c] = cout
        t["new_received"][c] = new
    for r in t:
        t[r]["total"] = sum(t[r][c] for c in T3_COLS)
    return t


def gen_t4(rng, scale):
    t = {}
    for g, f in zip(T4_GROUPS, (0.02, 0.006, 0.004)):
        m = scale * f
        vals = [int(round(m * rng.uniform(0.2, 1.0) * w)) for w in (0.5, 0.15, 0.25, 0.1)]
        t[g] = dict(zip(T4_COLS[:4], vals))
        t[g]["total"] = sum(vals)
    return t


def gen_t2(rng, template, scale):
    t = {}
    if template == "v2021":
        for row, k in (("regulation", 1), ("normative", 8)):
            made = rng.randint(0, 3 * k)
            repealed = rng.randint(0, 2 * k)
            in_force = rng.randint(made + 3 * k, made + 12 * k)
            t[row] = {"made": made, "repealed": repealed, "in_force": in_force}
        t["license"] = {"decisions": int(scale * rng.uniform(20, 150))}
        t["penalty"] = {"decisions": int(scale * rng.uniform(5, 80))}
        t["coercion"] = {"decisions": int(scale * rng.uniform(0.5, 8))}
        t["fee"] = {"amount": "%.2f" % (scale * rng.uniform(0.5, 30))}
    else:
        for row, k in (("regulation", 1), ("normative", 6)):
            made = rng.randint(0, 3 * k)
            pub = rng.randint(0, made)
            total = rng.randint(pub + 2 * k, pub + 20 * k)
            t[row] = {"new_made": made, "new_published": pub, "total_published": total}
        for row, k in (("license", 60), ("other_service", 20), ("penalty", 200), ("coercion", 12)):
            prev = rng.randint(k // 2, k * 2)
            change = rng.randint(-5, 8)
            decisions = int(scale * rng.uniform(2, 40)) if row != "other_service" else rng.randint(0, 50)
            t[row] = {"prev_items": prev, "change": change, "decisions": decisions}
        t["fee"] = {"prev_items": rng.randint(0, 6), "change": rng.randint(-2, 1)}
        t["procurement"] = {"projects": rng.randint(0, 30), "amount": rng.randint(0, 900) * 1000}
    return t


def flatten(t2, t3, t4):
    """{key id: int or str} in keys.tsv order."""
    cells = {}
    for row, cols in t2.items():
        for col, v in cols.items():
            cells["t2.%s.%s" % (row, col)] = v
    for row, cols in t3.items():
        for col in T3_ALL_COLS:
            cells["t3.%s.%s" % (row, col)] = cols[col]
    for g in T4_GROUPS:
        for col in T4_COLS:
            cells["t4.%s.%s" % (g, col)] = t4[g][col]
    return cells


def seeded(name):
    return random.Random("xxgk-corpus:" + name)
