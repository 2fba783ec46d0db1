#!/usr/bin/env python3
"""Reports whose sums do not add up: one table-三 or table-四 value of each derived text changed
(its last digit), the truth changed with it. Every reader that pins places by the sums must
then read the changed table as uncertain/absent, never place a value elsewhere."""
import json, re, random, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]; REP = ROOT/'corpus/reports'; TRU = ROOT/'corpus/truth'
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else '/tmp/sums-off')
(OUT/'reports').mkdir(parents=True, exist_ok=True); (OUT/'truth').mkdir(parents=True, exist_ok=True)
srcs = []
for t in sorted((TRU/'derived').glob('*.json')):
    j = json.loads(t.read_text()); p = REP/'derived'/j['source']
    if p.suffix in ('.txt', '.md'): srcs.append((p, j))
for name in ('pingtan-2022', 'liaocheng-waiban-2019'):
    j = json.loads((TRU/f'{name}.json').read_text()); srcs.append((REP/j['source'], j))
rng = random.Random(20261202)
made = 0
for p, j in srcs:
    s = p.read_text(encoding='utf-8')
    cells = j['cells']
    for table in ('t3', 't4', 't3'):
        cands = []
        for k, v in cells.items():
            if not k.startswith(table + '.') or not re.fullmatch(r'\d{2,}', v):
                continue
            h3 = s.rfind('收到和处理政府信息公开申请')
            h4 = s.rfind('行政复议')
            lo, hi = (h3, h4) if table == 't3' else (h4, len(s))
            # Table 四's last header word before table 三's heading is the prose's (`行政复议
            # 351 件`): the table's header is wrapped or missing, its region unknown.
            if h3 < 0 or h4 < 0 or hi <= lo or h4 < h3:
                continue
            five = s.find('五、', lo)
            if table == 't4' and five > 0:
                hi = five
            occ = [m.start() for m in re.finditer(r'(?<![\d.])' + v + r'(?![\d.])', s)]
            if any(not (lo <= o < hi) for o in occ):
                continue
            if len(occ) == 1:
                cands.append((k, v, occ[0]))
        if not cands:
            continue
        k, v, at = rng.choice(cands)
        d = (int(v[-1]) + rng.choice([1, 2, 3, 5, 7])) % 10
        nv = v[:-1] + str(d)
        t = s[:at] + nv + s[at + len(v):]
        made += 1
        name = f'{p.stem}-e{made}{p.suffix}'
        (OUT/'reports'/name).write_text(t, encoding='utf-8')
        tj = json.loads(json.dumps(j)); tj['source'] = name; tj['cells'][k] = nv
        (OUT/'truth'/(name.rsplit('.', 1)[0] + '.json')).write_text(json.dumps(tj, ensure_ascii=False))
print(made, 'texts from', len(srcs), 'sources')
