#!/usr/bin/env python3
"""Held-out set `ot` (docs/design-linear-text.md §27): Tesseract's own text of corpus PDFs, what
a user who OCRs a report himself gives xxgk. The scans are rasterised at 300 dpi, text-layer
PDFs at 200 dpi (`pdftoppm`), each page read by `tesseract -l chi_sim` with --psm 3, 4 and 6.
Each text gets its source's truth. Written to /tmp/hold/ot (scratch, not committed); then
`xxgk extract /tmp/hold/ot/reports --out OUT` and `xxgk eval OUT /tmp/hold/ot/truth`."""
import json, subprocess, sys, glob, os, re
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
ROOT=Path(__file__).resolve().parents[2]; REP=ROOT/'corpus/reports'; TR=ROOT/'corpus/truth'
OUT=Path('/tmp/hold/ot')
for d in ('reports','truth','img'): (OUT/d).mkdir(parents=True, exist_ok=True)
srcs=['scans/huaian-2024-g4.pdf','scans/huaian-2024-grey.pdf','scans/huaian-2024-seal.pdf','scans/v2019-html-grey.pdf',
      'huaian-2024.pdf','variants/hongze-2023.pdf','variants/hongze-2024.pdf','variants/social-org.pdf','variants/v2021-docx.pdf',
      'variants/label-typos.pdf','variants/fee-decimals.pdf','variants/thousands.pdf','variants/dash-cells.pdf','variants/borderless.pdf',
      'variants/split-footer.pdf','variants/v2019-html.pdf','exported/huaian-2024-doc-writer.pdf','variants/blank-zeros.pdf']
def truth(src):
    p=TR/(src[:-4]+'.json')
    if p.exists(): return json.loads(p.read_text())
    for q in TR.rglob('*.json'):
        t=json.loads(q.read_text())
        if str(q.parent.relative_to(TR)/t['source'])==src: return t
jobs=[]
for src in srcs:
    t=truth(src)
    if not t: print('no truth',src); continue
    stem=src.replace('/','_')[:-4]
    d=OUT/'img'/stem; d.mkdir(exist_ok=True)
    dpi = 300 if src.startswith('scans') else 200
    if not list(d.glob('*.png')):
        subprocess.run(['pdftoppm','-r',str(dpi),'-png',str(REP/src),str(d/'p')],check=True)
    pages=sorted(d.glob('*.png'))
    for psm in ('3','6','4'):
        jobs.append((src,t,stem,pages,psm))
def work(j):
    src,t,stem,pages,psm=j
    name=f'{stem}-tess{psm}.txt'
    if (OUT/'reports'/name).exists(): return
    txt=''
    for p in pages:
        r=subprocess.run(['tesseract',str(p),'-','-l','chi_sim','--psm',psm],capture_output=True,timeout=600)
        txt+=r.stdout.decode('utf-8','replace')+'\n\f'
    (OUT/'reports'/name).write_text(txt)
    tt=dict(t); tt['source']=name
    (OUT/'truth'/(name[:-4]+'.json')).write_text(json.dumps(tt,ensure_ascii=False,indent=1))
    print('done',name,flush=True)
with ThreadPoolExecutor(2) as ex: list(ex.map(work,jobs))
