#!/usr/bin/env python3
"""Reference values for libs/statistics tests. Run: python3 libs/statistics/reference/compute.py

SciPy directly: fisher_exact, chi2_contingency (correction=False), ttest_rel,
ttest_ind(equal_var=False), binom (McNemar's exact p as statsmodels defines it).
Written out here from their definitions with NumPy/SciPy: Cohen's and weighted kappa
(scikit-learn's cohen_kappa_score definition, and the observed and expected agreement of
Cohen 1968 with agreement weights 1 - |i - j|/(k - 1) or 1 - (i - j)^2/(k - 1)^2),
Cronbach's alpha, Newcombe's hybrid score interval (Newcombe 1998, method 10), Wilson's
interval. What SciPy does where a statistic is not a finite number (constant paired
differences, a table with an empty column) is recorded too.
"""
import json
import numpy as np
import scipy
from scipy import stats

out = {"scipy": scipy.__version__, "numpy": np.__version__}

fisher_tables = [[[8, 2], [1, 5]], [[3, 1], [1, 3]], [[10, 0], [0, 10]], [[0, 5], [0, 7]], [[1, 0], [0, 0]],
                 [[6, 0], [7, 1]], [[1, 9], [11, 3]], [[100, 50], [60, 120]], [[20, 15], [18, 17]], [[5, 5], [5, 5]], [[0, 0], [0, 0]]]
out["fisher"] = []
for t in fisher_tables:
    r = stats.fisher_exact(t, alternative="two-sided")
    out["fisher"].append({"table": t, "statistic": None if np.isnan(r.statistic) else (None if np.isinf(r.statistic) else float(r.statistic)), "p": float(r.pvalue)})

chi_tables = [[[6, 0], [7, 1], [6, 0], [7, 3]], [[5, 1], [4, 4], [3, 3], [1, 9]], [[10, 10], [10, 10]], [[30, 70], [45, 55], [60, 40]]]
out["chi2"] = []
for t in chi_tables:
    r = stats.chi2_contingency(np.array(t), correction=False)
    out["chi2"].append({"table": t, "statistic": float(r.statistic), "df": int(r.dof), "p": float(r.pvalue), "expected": r.expected_freq.tolist()})
try:
    stats.chi2_contingency(np.array([[5, 0], [3, 0], [2, 0]]), correction=False)
    out["chi2_empty_column"] = {"table": [[5, 0], [3, 0], [2, 0]], "error": None}
except ValueError as e:
    out["chi2_empty_column"] = {"table": [[5, 0], [3, 0], [2, 0]], "error": str(e)}

x = [6.4, 7.2, 5.1, 4.0, 6.6, 7.5, 3.9, 5.5]
y = [7.6, 7.0, 6.2, 5.9, 6.8, 8.1, 4.4, 5.2]
r = stats.ttest_rel(x, y)
out["paired"] = {"x": x, "y": y, "t": float(r.statistic), "df": len(x) - 1, "p": float(r.pvalue)}
a = [6.1, 7.4, 5.0, 8.2, 6.6, 7.9, 5.5]
b = [4.1, 5.0, 6.2, 3.9, 5.4, 4.8, 5.1, 4.4, 3.2, 6.0]
r = stats.ttest_ind(a, b, equal_var=False)
va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
out["welch"] = {"x": a, "y": b, "t": float(r.statistic), "df": float((va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))), "p": float(r.pvalue)}
c = [5.0, 5.0, 5.0, 5.0]
d = [1.0, 2.0, 3.0, 4.0]
r = stats.ttest_ind(c, d, equal_var=False)
out["welch_one_constant"] = {"x": c, "y": d, "t": float(r.statistic), "p": float(r.pvalue)}
# constant non-zero paired differences: SciPy gives t = inf and p = 0 (JSON has no inf: its sign is kept)
cx, cy = [3.0, 4.5, 6.0, 2.5], [1.0, 2.5, 4.0, 0.5]
r = stats.ttest_rel(cx, cy)
out["paired_constant"] = {"x": cx, "y": cy, "t_sign": int(np.sign(r.statistic)), "t_is_inf": bool(np.isinf(r.statistic)), "p": float(r.pvalue), "df": int(r.df)}
r = stats.ttest_rel(cx, cx)
out["paired_zero"] = {"x": cx, "t_is_nan": bool(np.isnan(r.statistic)), "p_is_nan": bool(np.isnan(r.pvalue))}
r = stats.ttest_ind([2.0, 2.0, 2.0], [5.0, 5.0], equal_var=False)
out["welch_both_constant"] = {"x": [2.0, 2.0, 2.0], "y": [5.0, 5.0], "t_sign": int(np.sign(r.statistic)), "t_is_inf": bool(np.isinf(r.statistic)), "p": float(r.pvalue)}

out["mcnemar"] = [{"b": b_, "c": c_, "p": float(min(1.0, 2 * stats.binom.cdf(min(b_, c_), b_ + c_, 0.5)))} for b_, c_ in [(1, 6), (0, 5), (3, 3), (10, 2), (25, 12)]]

def kappa(pairs, cats, weights=None):
    k = len(cats); idx = {c: i for i, c in enumerate(cats)}
    m = np.zeros((k, k))
    for u, v in pairs:
        m[idx[u], idx[v]] += 1
    n = m.sum()
    expected = np.outer(m.sum(axis=1), m.sum(axis=0)) / n
    if weights is None:
        w = 1 - np.eye(k)
    elif weights == "linear":
        w = np.abs(np.subtract.outer(np.arange(k), np.arange(k)))
    else:
        w = np.subtract.outer(np.arange(k), np.arange(k)) ** 2
    return float(1 - (w * m).sum() / (w * expected).sum())

def agreement(pairs, cats, weights=None):
    """Observed and expected agreement, each weighted: p_o = sum v_ij p_ij, p_e = sum v_ij p_i. p_.j."""
    k = len(cats); idx = {c: i for i, c in enumerate(cats)}
    m = np.zeros((k, k))
    for u, v in pairs:
        m[idx[u], idx[v]] += 1
    p = m / m.sum()
    d = np.abs(np.subtract.outer(np.arange(k), np.arange(k))).astype(float)
    if weights is None:
        v = np.eye(k)
    elif weights == "linear":
        v = 1 - d / (k - 1)
    else:
        v = 1 - d ** 2 / (k - 1) ** 2
    po = float((v * p).sum())
    pe = float((v * np.outer(p.sum(axis=1), p.sum(axis=0))).sum())
    return {"observed": po, "expected": pe, "kappa": (po - pe) / (1 - pe)}

pairs = [("t", "t")] * 20 + [("t", "f")] * 5 + [("f", "t")] * 10 + [("f", "f")] * 15 + [("n", "n")] * 4 + [("t", "n")]
a_ = agreement(pairs, ["t", "f", "n"])
out["kappa"] = {"pairs": pairs, "kappa": kappa(pairs, ["t", "f", "n"]), "observed": sum(u == v for u, v in pairs) / len(pairs), "expected": a_["expected"]}
grades = ["outstanding", "good", "requires_improvement", "inadequate"]
gp = [("good", "good")] * 6 + [("good", "outstanding")] * 2 + [("requires_improvement", "good")] * 3 + [("inadequate", "requires_improvement")] + [("outstanding", "outstanding")] * 2 + [("requires_improvement", "requires_improvement")] * 4 + [("inadequate", "inadequate")]
out["weighted_kappa"] = {"pairs": gp, "linear": kappa(gp, grades, "linear"), "quadratic": kappa(gp, grades, "quadratic"), "unweighted": kappa(gp, grades),
                         "linear_agreement": agreement(gp, grades, "linear"), "quadratic_agreement": agreement(gp, grades, "quadratic")}

items = np.array([[4, 5, 3, 4], [2, 3, 2, 2], [5, 5, 4, 5], [3, 2, 3, 3], [4, 4, 5, 4], [1, 2, 1, 2], [3, 4, 3, 3]])
k = items.shape[1]
out["cronbach"] = {"items": items.tolist(), "alpha": float(k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / items.sum(axis=1).var(ddof=1)))}

vals = [6.8, 7.9, 5.2, 7.1, 8.4, 6.0, 6.6, 5.7, 4.9]
m, s = np.mean(vals), np.std(vals, ddof=1)
out["tscores"] = {"values": vals, "t": [float(50 + 10 * (v - m) / s) for v in vals]}

z = stats.norm.ppf(0.975)
def wilson(x, n):
    p = x / n; d = 1 + z * z / n; c = (p + z * z / (2 * n)) / d; h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h
def newcombe(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2; l1, u1 = wilson(x1, n1); l2, u2 = wilson(x2, n2); dd = p1 - p2
    return [float(dd - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)), float(dd + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))]
out["z95"] = float(z)
out["newcombe"] = [{"args": a_, "diff": a_[0] / a_[1] - a_[2] / a_[3], "ci": newcombe(*a_)} for a_ in [(56, 70, 48, 80), (9, 10, 3, 10), (6, 6, 1, 10), (0, 5, 0, 7)]]
print(json.dumps(out, indent=1))
