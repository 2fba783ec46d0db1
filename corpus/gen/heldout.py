#!/usr/bin/env python3
"""Held-out texts for hunting wrong numbers (docs/design-linear-text.md §15), written to /tmp/hold.

Part 1 (this file's first half): the corpus's text-layer PDFs plus LibreOffice's and Chromium's PDFs of its
office files and pages, through pdfminer.six with four LAParams (sets pm, pmlm, pmcm, pmbf).
Part 2: the same PDFs through pdftotext -layout/-raw/plain, pdfplumber, PyMuPDF, markitdown,
pymupdf4llm (sets ptl, ptr, ptp, plb, mu, mus, mk, m4l). Each text gets the source's truth with
`source` renamed. Run: python3 corpus/gen/heldout.py [SET...]; then xxgk extract /tmp/hold/SET/reports
and xxgk eval against /tmp/hold/SET/truth. Not committed output: scratch only."""
import json, re, subprocess, sys, hashlib
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]; REPORTS = ROOT/'corpus/reports'; TRUTH = ROOT/'corpus/truth'
OUT = Path('/tmp/hold'); PDFS = OUT/'pdfs'; PDFS.mkdir(parents=True, exist_ok=True)
idx = {}
for p in TRUTH.rglob('*.json'):
    t = json.loads(p.read_text()); rel = p.parent.relative_to(TRUTH)/t['source']
    if str(rel).startswith('derived'): continue
    idx[str(rel)] = t
pdfs = []
for src, t in sorted(idx.items()):
    if src.endswith('.pdf') and not re.search(r'scanned|legacy|not-a-report|encrypted-password|pictures', src):
        pdfs.append((REPORTS/src, src, 'orig'))
    if re.search(r'\.(docx?|odt|rtf|wps|xlsx?|ods|et|html?)$', src) and 'encrypted' not in src:
        out = PDFS/('lo-'+src.replace('/','_')+'.pdf')
        if not out.exists():
            tmp = PDFS/'lo'; tmp.mkdir(exist_ok=True)
            subprocess.run(['soffice','-env:UserInstallation=file:///tmp/hold-lo-profile','--headless','--norestore','--convert-to','pdf','--outdir',str(tmp),str(REPORTS/src)],capture_output=True,timeout=300)
            got = tmp/(Path(src).stem+'.pdf')
            if got.exists(): got.rename(out)
        if out.exists(): pdfs.append((out, src, 'lo'))
    if re.search(r'\.(html?|mht)$', src):
        for paper, css in (('letter',''),('a4l','<style>@page{size:A4 landscape}</style>')):
            out = PDFS/(f'cr-{paper}-'+src.replace('/','_')+'.pdf')
            if not out.exists():
                page = REPORTS/src
                if css:
                    raw = page.read_bytes(); page = PDFS/('page-'+src.replace('/','_'))
                    page.write_bytes(css.encode()+raw if src.endswith('html') else raw)
                subprocess.run(['chromium','--headless','--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--no-pdf-header-footer',f'--print-to-pdf={out}',f'file://{page}'],capture_output=True,timeout=300)
            if out.exists(): pdfs.append((out, src, 'cr'+paper))
print(len(pdfs), 'pdfs', file=sys.stderr)
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
import logging; logging.getLogger('pdfminer').setLevel(logging.ERROR)
modes = {'pm': LAParams(), 'pmlm': LAParams(line_margin=0.3), 'pmcm': LAParams(char_margin=1.0), 'pmbf': LAParams(boxes_flow=0.0)}
only = [m for m in (sys.argv[1:] or list(modes)) if m in modes]
for m in only:
    rep = OUT/m/'reports'; tru = OUT/m/'truth'; rep.mkdir(parents=True, exist_ok=True); tru.mkdir(parents=True, exist_ok=True)
    for pdf, src, how in pdfs:
        name = re.sub(r'[^A-Za-z0-9_.-]','_', f'{how}-{src}')+f'-{m}.txt'
        if (rep/name).exists(): continue
        try: text = extract_text(str(pdf), laparams=modes[m])
        except Exception as e: print('fail', pdf, e, file=sys.stderr); continue
        (rep/name).write_text(text)
        t = dict(idx[src]); t['source'] = name
        (tru/(name[:-4]+'.json')).write_text(json.dumps(t, ensure_ascii=False, indent=1))
    print(m, 'done', file=sys.stderr)

# ---- part 2: the same PDFs (`pdfs` above) through other tools
def run(a): return subprocess.run(a, capture_output=True, timeout=300).stdout.decode('utf-8','replace')
def plumber(p):
    import pdfplumber
    with pdfplumber.open(str(p)) as d: return '\f'.join((pg.extract_text() or '') for pg in d.pages)
def mu(p, **kw):
    import pymupdf
    return '\f'.join(pg.get_text(**kw) for pg in pymupdf.open(str(p)))
def mk(p):
    from markitdown import MarkItDown
    return MarkItDown().convert(str(p)).text_content
def m4l(p):
    import pymupdf4llm
    return pymupdf4llm.to_markdown(str(p), show_progress=False)
tools = {'ptl': lambda p: run(['pdftotext','-layout','-enc','UTF-8',str(p),'-']),
         'ptr': lambda p: run(['pdftotext','-raw','-enc','UTF-8',str(p),'-']),
         'ptp': lambda p: run(['pdftotext','-enc','UTF-8',str(p),'-']),
         'plb': plumber, 'mu': mu, 'mus': lambda p: mu(p, sort=True), 'mk': mk, 'm4l': m4l}
for m in [m for m in (sys.argv[1:] or tools) if m in tools]:
    rep = OUT/m/'reports'; tru = OUT/m/'truth'; rep.mkdir(parents=True, exist_ok=True); tru.mkdir(parents=True, exist_ok=True)
    for pdf, src, how in pdfs:
        ext = '.md' if m in ('mk','m4l') else '.txt'
        name = re.sub(r'[^A-Za-z0-9_.-]','_', f'{how}-{src}')+f'-{m}{ext}'
        if (rep/name).exists(): continue
        try: text = tools[m](pdf)
        except Exception as e: print('fail', pdf, m, e, file=sys.stderr); continue
        (rep/name).write_text(text)
        t = dict(idx[src]); t['source'] = name
        (tru/(name.rsplit('.',1)[0]+'.json')).write_text(json.dumps(t, ensure_ascii=False, indent=1))
    print(m, 'done', file=sys.stderr)
