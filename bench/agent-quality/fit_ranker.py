#!/usr/bin/env python3
"""Fits the weights of retrieval's per-article score (Retriever.WEIGHTS) on the development questions.

Input: the features of every candidate article of every development answerable question, written by
    ./mvnw -B -ntp -q test -Dtest=AgentQualityTests -Dsurefire.failIfNoSpecifiedTests=false \
        -Dagent-quality.features=target/ranker-features.tsv
(held-out questions and the probe are never written). Output: leave-one-store-out cross-validation over the four
development stores (demo, home, apparel, pets) of the share of questions whose expected article ranks first, for the
hand-written weights and for weights fitted on the other three stores, per feature set, model and regularisation;
then the weights of the chosen configuration fitted on all four stores.

Models: "softmax" = a linear score trained as a conditional logit over each question's candidates (listwise; the
pairwise logistic loss summed over one question is bounded by it), L2 towards zero; "hand+delta" = the hand weights
scaled by a free factor plus a delta with an L2 penalty (shrinks towards the hand-written score); "search" =
coordinate search from the hand weights maximising the number of questions ranked right (ties broken towards the
smaller change).

Usage: python3 bench/agent-quality/fit_ranker.py [target/ranker-features.tsv]
"""
import collections
import csv
import itertools
import sys

import numpy as np
from scipy.optimize import minimize

MIN_RELEVANCE = 0.1  # the agent's default min_relevance: candidates below it are never cited
STORES = ["demo", "home", "apparel", "pets"]

# Retriever.WEIGHTS as written by hand (Feature order); the dump's columns after "article".
HAND = {
    "fused": 1.0,
    "coverage": 0.5,
    "title": 0.25,
    "cosine": 0.5,
    "abroad_at_home": -0.2,
    "abroad_abroad": 0.2,
    "arrival": 0.2,
    "fit": 0.2,
}


def load(path):
    with open(path, newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        names = header[header.index("article") + 1:]
        questions = collections.OrderedDict()
        for row in reader:
            if not row:
                continue
            qid, store, lang, _rank, expected, relevance, _article = row[:7]
            if float(relevance) < MIN_RELEVANCE:
                continue
            q = questions.setdefault(qid, {"id": qid, "store": store, "lang": lang, "x": [], "y": -1})
            if expected == "1":
                q["y"] = len(q["x"])
            q["x"].append([float(v) for v in row[7:]])
    out = []
    for q in questions.values():
        q["x"] = np.array(q["x"])
        out.append(q)
    return names, out


def top1(questions, w):
    """Questions whose expected article scores highest (ties: the one the hand order puts first, as Java's sort)."""
    right = 0
    for q in questions:
        if q["y"] < 0:
            continue
        s = q["x"] @ w
        right += int(np.argmax(s) == q["y"])
    return right


def softmax_loss(w, questions, lam, w0=None, fixed_scale=None):
    loss = 0.0
    grad = np.zeros_like(w)
    for q in questions:
        if q["y"] < 0 or len(q["x"]) < 2:
            continue
        s = q["x"] @ w
        m = s.max()
        e = np.exp(s - m)
        z = e.sum()
        p = e / z
        loss += -(s[q["y"]] - m) + np.log(z)
        grad += q["x"].T @ p - q["x"][q["y"]]
    loss += lam * np.sum(w ** 2)
    grad += 2 * lam * w
    return loss, grad


def fit_softmax(questions, lam):
    d = questions[0]["x"].shape[1]
    r = minimize(softmax_loss, np.zeros(d), args=(questions, lam), jac=True, method="L-BFGS-B")
    return r.x


def fit_hand_delta(questions, lam, hand):
    """Score = c·hand + delta: c free, delta penalised (towards the hand-written direction)."""
    d = len(hand)

    def f(params):
        c, delta = params[0], params[1:]
        w = c * hand + delta
        loss, g = softmax_loss(w, questions, 0.0)
        loss += lam * np.sum(delta ** 2)
        return loss, np.concatenate([[g @ hand], g + 2 * lam * delta])

    r = minimize(f, np.concatenate([[1.0], np.zeros(d)]), jac=True, method="L-BFGS-B")
    return r.x[0] * hand + r.x[1:]


def fit_search(questions, hand, active, rounds=3):
    """Coordinate search from the hand weights (fused fixed at 1: the scale), maximising top-1 on the questions."""
    w = hand.copy()
    best = top1(questions, w)
    for _ in range(rounds):
        changed = False
        for i in active:
            if i == 0:
                continue
            for v in sorted(np.round(np.arange(-1.0, 1.0001, 0.05), 2), key=lambda v: abs(v - w[i])):
                trial = w.copy()
                trial[i] = v
                t = top1(questions, trial)
                if t > best:
                    best, w, changed = t, trial, True
        if not changed:
            break
    return w


def cv(questions, fit, select):
    """Leave-one-store-out: per held store, weights fitted on the other three, top-1 on the held one."""
    per = {}
    for held in STORES:
        train = [q for q in questions if q["store"] != held]
        test = [q for q in questions if q["store"] == held]
        w = fit([select(q) for q in train])
        per[held] = top1([select(q) for q in test], w)
    return per


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "target/ranker-features.tsv"
    names, questions = load(path)
    counts = collections.Counter(q["store"] for q in questions)
    hand_full = np.array([HAND.get(n, 0.0) for n in names])
    print(f"{len(questions)} development answerable questions: "
          + ", ".join(f"{s} {counts[s]}" for s in STORES)
          + f"; expected article among the candidates (relevance >= {MIN_RELEVANCE}): "
          + f"{sum(q['y'] >= 0 for q in questions)}")
    hand_per = {s: top1([q for q in questions if q["store"] == s], hand_full) for s in STORES}
    total = sum(counts.values())

    def row(label, per):
        cells = " ".join(f"{per[s]:>3}/{counts[s]:<3}" for s in STORES)
        t = sum(per.values())
        print(f"  {label:<58} {cells}  {t:>3}/{total} {100 * t / total:5.1f}%  ({t - sum(hand_per.values()):+d})")

    print(f"\nleave-one-store-out top-1 (expected article first)       "
          + " ".join(f"{s:<7}" for s in STORES) + "  all")
    row("hand weights (Retriever.WEIGHTS)", hand_per)

    base = list(HAND)
    extra = [n for n in names if n not in HAND]
    feature_sets = {"hand's 8": base, "all " + str(len(names)): names}
    for n in extra:
        feature_sets["hand's 8 + " + n] = base + [n]
    feature_sets["hand's 8 + lexical_rank + dense_rank"] = base + ["lexical_rank", "dense_rank"]
    feature_sets["hand's 8 + cosine_two + sentence_cosine"] = base + ["cosine_two", "sentence_cosine"]
    feature_sets["hand's 8 + first_passage + sentence_coverage"] = base + ["first_passage", "sentence_coverage"]

    results = []
    for label, chosen in feature_sets.items():
        idx = [names.index(n) for n in chosen]
        hand = np.array([HAND.get(n, 0.0) for n in chosen])

        def select(q, idx=idx):
            return {**q, "x": q["x"][:, idx]}

        for lam in [0.01, 0.1, 1.0, 10.0]:
            per = cv(questions, lambda tr, lam=lam: fit_softmax(tr, lam), select)
            results.append((sum(per.values()), f"{label}, softmax λ={lam}", per))
            per = cv(questions, lambda tr, lam=lam, hand=hand: fit_hand_delta(tr, lam, hand), select)
            results.append((sum(per.values()), f"{label}, hand+delta λ={lam}", per))
        per = cv(questions, lambda tr, hand=hand, n=len(chosen): fit_search(tr, hand, range(n)), select)
        results.append((sum(per.values()), f"{label}, search", per))
    for _, label, per in results:
        row(label, per)

    results.sort(key=lambda r: -r[0])
    print("\nbest five by cross-validated top-1:")
    for _, label, per in results[:5]:
        row(label, per)

    # Nested: per held store, the configuration is chosen by leave-one-store-out over the other three, then fitted
    # on those three and scored on the held one; the honest estimate of what choosing by cross-validation buys.
    configs = []
    for label, chosen in [("hand's 8", base), ("hand's 8 + cosine_two + sentence_cosine",
                                                base + ["cosine_two", "sentence_cosine"]), ("all " + str(len(names)), names)]:
        idx = [names.index(n) for n in chosen]
        hand = np.array([HAND.get(n, 0.0) for n in chosen])
        for lam in [0.01, 0.1, 1.0]:
            configs.append((f"{label}, softmax λ={lam}", idx, lambda tr, lam=lam: fit_softmax(tr, lam)))
            configs.append((f"{label}, hand+delta λ={lam}", idx,
                            lambda tr, lam=lam, hand=hand: fit_hand_delta(tr, lam, hand)))
        configs.append((f"{label}, search", idx, lambda tr, hand=hand, n=len(chosen): fit_search(tr, hand, range(n))))
    nested = {}
    print("\nnested cross-validation (configuration chosen on the other three stores by leave-one-store-out):")
    for held in STORES:
        train = [q for q in questions if q["store"] != held]
        best = None
        for label, idx, fit in configs:
            inner = 0
            for inner_held in [s for s in STORES if s != held]:
                tr = [{**q, "x": q["x"][:, idx]} for q in train if q["store"] != inner_held]
                te = [{**q, "x": q["x"][:, idx]} for q in train if q["store"] == inner_held]
                inner += top1(te, fit(tr))
            if best is None or inner > best[0]:
                best = (inner, label, idx, fit)
        w = best[3]([{**q, "x": q["x"][:, best[2]]} for q in train])
        nested[held] = top1([{**q, "x": q["x"][:, best[2]]} for q in questions if q["store"] == held], w)
        print(f"  held {held}: chose {best[1]} (inner {best[0]}), held-store top-1 {nested[held]}/{counts[held]}")
    row("nested choice", nested)

    # The weights of a configuration fitted on all four stores, scaled so that fused weighs 1 (as by hand).
    print("\nweights fitted on all four development stores (scaled: fused = 1):")
    for label, chosen in [("hand's 8", base), ("all " + str(len(names)), names)]:
        idx = [names.index(n) for n in chosen]
        sel = [{**q, "x": q["x"][:, idx]} for q in questions]
        hand = np.array([HAND.get(n, 0.0) for n in chosen])
        for name, w in [("softmax λ=0.1", fit_softmax(sel, 0.1)), ("hand+delta λ=1", fit_hand_delta(sel, 1.0, hand)),
                        ("search", fit_search(sel, hand, range(len(chosen))))]:
            scaled = w / w[0] if w[0] > 0 else w
            print(f"  {label}, {name}: top-1 on all {top1(sel, w)}/{total}; "
                  + ", ".join(f"{n} {v:.3f}" for n, v in zip(chosen, scaled)))


if __name__ == "__main__":
    main()
