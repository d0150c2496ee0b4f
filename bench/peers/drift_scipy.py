"""Peer of the drift workload: numpy and scipy compare the first and the last 1.5 million flights.
Prints one JSON line: seconds to load (pandas read_csv and hour of day), seconds of the statistics,
and every value, for the bench to check against Conveyor's."""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

path = sys.argv[1]
start = time.perf_counter()
cpu_start = time.process_time()
df = pd.read_csv(path, dtype={"origin": str, "destination": str})
df["hour"] = pd.to_datetime(df["date"], format="%Y-%m-%dT%H:%M:%S").dt.hour
half = len(df) // 2
columns = {name: df[name].to_numpy() for name in ["delay", "distance", "hour", "origin", "destination"]}
loaded = time.perf_counter()

EPS = 1e-4


def psi(p, q):
    p, q = np.maximum(p, EPS), np.maximum(q, EPS)
    return float(np.sum((q - p) * np.log(q / p)))


values = {}
for name in ["delay", "distance", "hour"]:
    a, b = columns[name][:half].astype(float), columns[name][half:].astype(float)
    ks = stats.ks_2samp(a, b)
    en = len(a) * len(b) / (len(a) + len(b))
    edges = np.quantile(a, np.arange(1, 10) / 10)
    shares = lambda x: np.bincount(np.searchsorted(edges, x, side="right"), minlength=10) / len(x)
    values[name] = {
        "ks": float(ks.statistic),
        "ksPValue": float(stats.kstwobign.sf(np.sqrt(en) * ks.statistic)),
        "psi": psi(shares(a), shares(b)),
        "wasserstein": float(stats.wasserstein_distance(a, b) / np.std(a, ddof=1)),
    }
for name in ["origin", "destination"]:
    a, b = pd.Series(columns[name][:half]).value_counts(), pd.Series(columns[name][half:]).value_counts()
    categories = a.index.union(b.index)
    p = a.reindex(categories, fill_value=0).to_numpy(float)
    q = b.reindex(categories, fill_value=0).to_numpy(float)
    chi2, pvalue, dof, _ = stats.chi2_contingency(np.array([p, q]), correction=False)
    values[name] = {
        "jensenShannon": float(distance.jensenshannon(p, q, base=2)),
        "chiSquare": float(chi2),
        "chiSquarePValue": float(pvalue),
        "psi": psi(p / p.sum(), q / q.sum()),
    }
done = time.perf_counter()
cpu_seconds = time.process_time() - cpu_start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(
    json.dumps(
        {
            "load_seconds": loaded - start,
            "stats_seconds": done - loaded,
            "cpu_seconds": cpu_seconds,
            "peak_rss_mb": peak,
            "values": values,
        }
    )
)
