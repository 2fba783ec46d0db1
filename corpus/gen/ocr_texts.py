#!/usr/bin/env python3
"""Held-out OCR texts (docs/design-linear-text.md §27-§28): the text other OCR tools write of corpus
PDFs, what a user who OCRs a report himself gives xxgk. Each text gets its source's truth.

    ocr_texts.py [SET]   SET = ot (default) | ots | ro

- `ot`: the scans rasterised at 300 dpi, text-layer PDFs at 200 dpi (`pdftoppm`), each page read
  by `tesseract -l chi_sim` with --psm 3, 4 and 6.
- `ots`: every PDF at 300 dpi, `tesseract -l chi_sim -c preserve_interword_spaces=1` (what
  Chinese users set so that Han text is not spaced out) with --psm 4 and 6.
- `ro`: RapidOCR (`rapidocr_onnxruntime`, PP-OCR models) of the `ot` images, its boxes written
  a line each in its order (`lines`), and grouped into lines by vertical overlap, sorted by x,
  two spaces between boxes (`rows`), as scripts around it do.

Written to /tmp/hold/SET (scratch, not committed); then `xxgk extract /tmp/hold/SET/reports
--out OUT` and `xxgk eval OUT /tmp/hold/SET/truth`."""
import json, subprocess, sys, glob, os, re
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
ROOT=Path(__file__).resolve().parents[2]; REP=ROOT/'corpus/reports'; TR=ROOT/'corpus/truth'
SET=sys.argv[1] if len(sys.argv)>1 else 'ot'
assert SET in ('ot','ots','ro'), 'SET is ot, ots or ro'
OUT=Path('/tmp/hold')/SET
IMG=Path('/tmp/hold/img300' if SET=='ots' else '/tmp/hold/ot/img')
for d in ('reports','truth'): (OUT/d).mkdir(parents=True, exist_ok=True)
IMG.mkdir(parents=True, exist_ok=True)
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
    d=IMG/stem; d.mkdir(exist_ok=True)
    dpi = 300 if src.startswith('scans') or SET=='ots' else 200
    if not list(d.glob('*.png')):
        subprocess.run(['pdftoppm','-r',str(dpi),'-png',str(REP/src),str(d/'p')],check=True)
    pages=sorted(d.glob('*.png'))
    modes={'ot':('3','6','4'),'ots':('6','4'),'ro':('lines','rows')}[SET]
    for psm in modes:
        jobs.append((src,t,stem,pages,psm))
_rapid=None
def rapid_page(p, mode):
    global _rapid
    if _rapid is None:
        from rapidocr_onnxruntime import RapidOCR
        _rapid=RapidOCR()
    res,_=_rapid(str(p))
    boxes=[(min(q[1] for q in b),max(q[1] for q in b),min(q[0] for q in b),t) for b,t,_s in (res or [])]
    if mode=='lines':
        return '\n'.join(t for *_,t in boxes)+'\n'
    rows=[]
    for top,bot,x,t in sorted(boxes):
        for r in rows:
            if min(bot,r['bot'])-max(top,r['top']) > 0.5*min(bot-top,r['bot']-r['top']):
                r['items'].append((x,t)); r['top']=min(r['top'],top); r['bot']=max(r['bot'],bot); break
        else: rows.append({'top':top,'bot':bot,'items':[(x,t)]})
    return '\n'.join('  '.join(t for _,t in sorted(r['items'])) for r in rows)+'\n'
def page_text(p, psm):
    if SET=='ro': return rapid_page(p, psm)
    args=['tesseract',str(p),'-','-l','chi_sim','--psm',psm]
    if SET=='ots': args+=['-c','preserve_interword_spaces=1']
    return subprocess.run(args,capture_output=True,timeout=600).stdout.decode('utf-8','replace')
def work(j):
    src,t,stem,pages,psm=j
    name=f'{stem}-rapid-{psm}.txt' if SET=='ro' else f'{stem}-tess{psm}.txt'
    if (OUT/'reports'/name).exists(): return
    txt=''
    for p in pages:
        txt+=page_text(p, psm)+'\n\f'
    (OUT/'reports'/name).write_text(txt)
    tt=dict(t); tt['source']=name
    (OUT/'truth'/(name[:-4]+'.json')).write_text(json.dumps(tt,ensure_ascii=False,indent=1))
    print('done',name,flush=True)
with ThreadPoolExecutor(1 if SET=='ro' else 2) as ex: list(ex.map(work,jobs))
