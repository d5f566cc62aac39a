#!/usr/bin/env python3
"""Runs `attend bench` and the peer scripts of ../shared/bench in one sitting and prints the ratios as the
markdown table the README keeps (CONTRACT.md: compare ratios from one run, never absolute times across runs).

Usage (from the project root, after building):
  app/bench/compare_peers.py [--threads N] [--attend build/attend] [--only NAME,NAME] [--json OUT]
The peers need Debian's python3-torch, python3-sklearn, python3-gensim and libopenblas0 (see
../shared/bench/README.md). A peer that is missing is reported, not fatal.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def run_json_lines(cmd, timeout):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return [], str(e)
    rows = []
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    err = "" if out.returncode == 0 else (out.stderr.strip().splitlines() or ["exit %d" % out.returncode])[-1]
    return rows, err


PEER_NAMES = {"torch_transformer.py": "torch_transformer", "torch_mlp_playground.py": "torch_mlp_playground",
              "sklearn_tsne.py": "sklearn_tsne", "gensim_w2v.py": "gensim_w2v", "sklearn_classic.py": "sklearn_classic"}


def peer(script, threads, timeout=1800):
    """With --threads N a peer prints one run without the "workload" wrapper; wrap it the way the full run
    (and results-*.jsonl) does, so one lookup serves both."""
    rows, err = run_json_lines([PY, os.path.join(SHARED, script), "--threads", str(threads)], timeout)
    if not rows:
        return None, err
    row = rows[-1]
    if "workload" not in row:
        extra = {k: row.pop(k) for k in list(row) if k in ("neighbours_workers1", "corpus_words")}
        row = dict({"workload": PEER_NAMES[script], "runs": row.get("runs", [row])}, **extra)
    return row, err


def pick(runs, **want):
    for r in runs or []:
        if all(r.get(k) == v for k, v in want.items()):
            return r
    return None


# workload, Attend field, how to get the peer's figure, direction ("time": lower is better, "rate"), goal
def comparisons(threads, peers):
    torch_t = pick((peers.get("torch_transformer") or {}).get("runs"), torch_threads=threads, openblas_threads=1)
    torch_m = pick((peers.get("torch_mlp_playground") or {}).get("runs"), torch_threads=threads, openblas_threads=1)
    tsne = {s["n"]: s for s in ((peers.get("sklearn_tsne") or {}).get("runs") or [{}])[0].get("sizes", [])}
    w2v = pick((peers.get("gensim_w2v") or {}).get("runs"), mode="LineSentence iterator", workers=threads) or \
        pick((peers.get("gensim_w2v") or {}).get("runs"), workers=threads)
    classic = pick((peers.get("sklearn_classic") or {}).get("runs"), threads=threads) or {}
    classic = classic.get("models", {})
    g = lambda d, k: d.get(k) if d else None
    # k-NN's work is in predict; every other model's in fit.
    fit = lambda ours, model: (ours, "predict_s" if model == "knn5" else "fit_s",
                               g(classic.get(model), "predict_s" if model == "knn5" else "fit_s"), "scikit-learn", "time", None)
    classic_rows = [fit(ours, model) for ours, model in [
        ("classic_logistic", "logistic_lbfgs_C1"), ("classic_ridge", "ridge_alpha1"), ("classic_lasso", "lasso_alpha0.1"),
        ("classic_elasticnet", "elasticnet_alpha0.1_l1ratio0.5"), ("classic_knn", "knn5"),
        ("classic_naive_bayes", "gaussian_nb"), ("classic_tree", "decision_tree_depth8"),
        ("classic_forest", "random_forest_100"), ("classic_svc", "svc_rbf_2000")]]
    return [
        ("transformer_step", "median_ms", g(torch_t, "ms_per_step_median"), "PyTorch", "time", 0.4),
        ("mlp_step_batch10", "median_us", g(torch_m, "batch10_us_per_step_median"), "PyTorch", "time", 0.01),
        ("mlp_step_full", "median_us", g(torch_m, "fullbatch_us_per_step_median"), "PyTorch", "time", None),
        ("mlp_grid", "median_us", g(torch_m, "grid100x100_us_median"), "PyTorch", "time", 0.2),
        ("tsne_2000", "seconds", g(tsne.get(2000), "seconds"), "scikit-learn", "time", None),
        ("tsne_5000", "seconds", g(tsne.get(5000), "seconds"), "scikit-learn", "time", 0.2),
        ("w2v_corpus", "raw_words_per_s", g(w2v, "raw_words_per_s"), "gensim", "rate", 2.0),
    ] + classic_rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--attend", default=os.path.join(ROOT, "build", "attend"))
    ap.add_argument("--only", default="")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    only = [n for n in args.only.split(",") if n]

    ours_rows, err = run_json_lines([args.attend, "bench", "--json", "--threads", str(args.threads)] + only, 3600)
    if err:
        print("attend bench: " + err, file=sys.stderr)
    ours = {r["workload"]: r for r in ours_rows}

    need = set()
    for name in ours or only:
        if name.startswith("transformer"): need.add("torch_transformer.py")
        if name.startswith("mlp"): need.add("torch_mlp_playground.py")
        if name.startswith("tsne"): need.add("sklearn_tsne.py")
        if name.startswith("w2v"): need.add("gensim_w2v.py")
        if name.startswith("classic"): need.add("sklearn_classic.py")
    peers = {}
    for script in sorted(need):
        result, perr = peer(script, args.threads)
        if result:
            peers[result.get("workload", PEER_NAMES[script])] = result
        else:
            print("peer %s: %s" % (script, perr or "no output"), file=sys.stderr)

    rows = []
    print("| workload | Attend | peer | Attend ÷ peer | goal | met |")
    print("|---|---|---|---|---|---|")
    for name, field, peer_value, peer_name, kind, goal in comparisons(args.threads, peers):
        o = ours.get(name, {}).get(field)
        if o is None:
            continue
        if peer_value:
            ratio = o / peer_value
            if kind == "rate":
                shown, met = "%.2f× the rate" % ratio, (goal is None or ratio >= goal)
                goal_s = "≥ %g×" % goal if goal else ""
            else:
                shown, met = "%.3f× the time" % ratio, (goal is None or ratio <= goal)
                goal_s = "≤ %g×" % goal if goal else ""
        else:
            ratio, shown, met, goal_s = None, "peer missing", False, ""
        print("| %s (%s) | %.4g | %s %.4g | %s | %s | %s |" % (name, field, o, peer_name,
              peer_value or float("nan"), shown, goal_s, "yes" if met and goal_s else ("" if not goal_s else "no")))
        rows.append({"workload": name, "field": field, "attend": o, "peer": peer_value, "ratio": ratio,
                     "goal": goal, "met": met})
    for name, r in ours.items():
        if name not in [c[0] for c in comparisons(args.threads, {})]:
            fields = ", ".join("%s=%s" % (k, v) for k, v in r.items() if k not in ("workload", "threads", "neighbours"))
            print("| %s | %s | | | | |" % (name, fields))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"threads": args.threads, "attend": ours, "peers": peers, "ratios": rows}, f, indent=1)


if __name__ == "__main__":
    main()
