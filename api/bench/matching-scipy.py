"""scipy's side of the matching benchmark (see matching-worker.ts for the protocol and file).

scipy.optimize.linear_sum_assignment needs a full matrix and rejects one whose only complete
assignments use -inf entries, so a forbidden pair gets a finite penalty instead: argv[2], which
the caller sets to n * (largest weight) + 1. One more allowed pair is then worth more than any
weight difference, so scipy's optimum is ours too (most pairs, then largest total), and every
sum stays an integer a double holds exactly. Pairs and objective count allowed pairs only.
"""
import json
import resource
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

path = sys.argv[1]
penalty = float(sys.argv[2])
n, nnz = (int(v) for v in np.fromfile(path, dtype="<i4", count=2))
if nnz < 0:
    weights = np.fromfile(path, dtype="<f8", count=n * n, offset=8).reshape(n, n)
    allowed = None
else:
    offset = 8
    row_start = np.fromfile(path, dtype="<i4", count=n + 1, offset=offset)
    offset += 4 * (n + 1)
    cols = np.fromfile(path, dtype="<i4", count=nnz, offset=offset)
    offset += 4 * nnz
    values = np.fromfile(path, dtype="<f8", count=nnz, offset=offset)
    rows = np.repeat(np.arange(n), np.diff(row_start))
    weights = np.full((n, n), -penalty)
    weights[rows, cols] = values
    allowed = np.zeros((n, n), dtype=bool)
    allowed[rows, cols] = True
    del rows, cols, values

print("ready", flush=True)
for line in sys.stdin:
    if line.strip() != "solve":
        break
    cpu = time.process_time()
    started = time.perf_counter()
    r, c = linear_sum_assignment(weights, maximize=True)
    ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    if allowed is not None:
        keep = allowed[r, c]
        r, c = r[keep], c[keep]
    result = {
        "ms": ms,
        "cpuMs": cpu_ms,
        "objective": int(round(float(weights[r, c].sum()))),
        "matched": int(len(r)),
        "rssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result), flush=True)
