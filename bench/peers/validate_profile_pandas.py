"""Peer of the validate+profile workload: pandas reads the flights CSV and computes the same checks
and statistics. Prints one JSON line: {"seconds": wall time of the work, "cpu_seconds": ..., "peak_rss_mb": ...}."""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

path, allowed_path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
cpu_start = time.process_time()
allowed = set(json.load(open(allowed_path)))
df = pd.read_csv(path, dtype={"origin": str, "destination": str})
result = {"rows": len(df)}
date = pd.to_datetime(df["date"], format="%Y-%m-%dT%H:%M:%S", errors="coerce")
result["date_invalid"] = int(date.isna().sum() - df["date"].isna().sum())
for column in ["delay", "distance"]:
    values = pd.to_numeric(df[column], errors="coerce")
    finite = values.dropna().to_numpy()
    counts, edges = np.histogram(finite, bins=20)
    result[column] = {
        "nulls": int(values.isna().sum()),
        "non_integer": int((finite != np.floor(finite)).sum()),
        "below": int((finite < (-1440 if column == "delay" else 0)).sum()),
        "above": int((finite > (2880 if column == "delay" else 6000)).sum()),
        "mean": float(finite.mean()),
        "std": float(finite.std(ddof=1)),
        "min": float(finite.min()),
        "max": float(finite.max()),
        "quantiles": [float(q) for q in np.quantile(finite, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])],
        "histogram": counts.tolist(),
    }
for column in ["origin", "destination"]:
    values = df[column]
    counts = values.value_counts()
    result[column] = {
        "nulls": int(values.isna().sum()),
        "not_allowed": int((~values.dropna().isin(allowed)).sum()),
        "distinct": int(len(counts)),
        "top": [[k, int(v)] for k, v in counts.head(20).items()],
    }
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_mb": peak, "result": result}))
