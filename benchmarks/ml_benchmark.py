"""Benchmark of the complaint classifier (run: `.venv/bin/python benchmarks/ml_benchmark.py`).

Prints: training time from the shipped corpus, cross-validated macro-F1, single-complaint latency
(p50/p99), batch throughput, RSS of a process with the model loaded, and, when
../shared/data/purbalingga-complaints.csv exists, the folded evaluation with the triage figures
(coverage, routed accuracy, ECE at the default threshold) on the half not used for calibration and the
learning-loop simulation (``--loop``: add k of its complaints as officers' corrections, test on the
rest). No assertions: the figures are recorded in docs/ml.md.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ml.calibration import calibration_split  # noqa: E402
from ml.classifier import ComplaintClassifier  # noqa: E402
from ml.evaluate import LABEL_MAPS_DIR, evaluate_classifier, format_report, load_label_map, read_labelled_csv  # noqa: E402
from ml.normalize import normalize  # noqa: E402
from ml.train import load_corpus, train  # noqa: E402

SHARED = REPO / ".." / "shared" / "data" / "purbalingga-complaints.csv"

# VmHWM (peak RSS of this process image) rather than ru_maxrss, which Linux carries over from the
# parent across fork/exec.
RSS_PROBE = """
import sys
sys.path.insert(0, {repo!r})
from ml.classifier import ComplaintClassifier
c = ComplaintClassifier.load({model_dir!r})
c.predict_many(["jalan desa rusak parah"] * 64)
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024)
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))
    return ordered[index]


def loop_simulation(
    base: ComplaintClassifier,
    texts: list[str],
    labels: list[str],
    label_map: dict[str, str | None],
    ks: list[int],
    seeds: list[int],
    workdir: Path,
) -> list[dict[str, object]]:
    """Officers correct k complaints of a region; the model retrained with them is scored on the rest.

    The dataset has coarse labels, not the portal's topics, so a simulated officer's correction is the
    topic the base model finds most probable *among the topics folded to the complaint's true label*
    (the officer picks the right kind of unit; which of its topics is the model's best guess).
    """
    topics = list(base.topics)
    proba = base.predict_proba_normalized([normalize(t) for t in texts])
    corrected = []
    for row, label in zip(proba, labels, strict=True):
        allowed = [j for j, topic in enumerate(topics) if label_map.get(topic) == label]
        corrected.append(topics[max(allowed, key=lambda j: row[j])])
    results = []
    for seed in seeds:
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        for k in ks:
            added, rest = order[:k], order[k:]
            rest_texts, rest_labels = [texts[i] for i in rest], [labels[i] for i in rest]
            before = evaluate_classifier(base, rest_texts, rest_labels, label_map)
            model_dir = workdir / f"loop-{seed}-{k}"
            started = time.process_time()
            train(model_dir, feedback=[(texts[i], corrected[i]) for i in added], cv_folds=0)
            train_cpu = time.process_time() - started
            after = evaluate_classifier(ComplaintClassifier.load(model_dir), rest_texts, rest_labels, label_map)
            results.append(
                {
                    "seed": seed,
                    "k": k,
                    "rest": len(rest),
                    "train_cpu_seconds": round(train_cpu, 1),
                    **{
                        f"before_{m}": round(before[m], 4)
                        for m in ("accuracy", "macro_f1", "coverage", "routed_accuracy", "ece")
                    },
                    **{
                        f"after_{m}": round(after[m], 4)
                        for m in ("accuracy", "macro_f1", "coverage", "routed_accuracy", "ece")
                    },
                }
            )
            print(json.dumps(results[-1]), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--single", type=int, default=1000, help="single predictions to time")
    parser.add_argument("--batch", type=int, default=5000, help="complaints in the batch run")
    parser.add_argument("--skip-cv", action="store_true", help="skip the 5-fold cross-validation run")
    parser.add_argument("--loop", action="store_true", help="also simulate the learning loop (k = 50/200/500)")
    parser.add_argument("--only-loop", action="store_true", help="only the learning-loop simulation")
    parser.add_argument("--seeds", type=int, default=2, help="random draws of the k complaints per k")
    args = parser.parse_args()
    results: dict[str, object] = {}

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        results["machine"] = f"{os.cpu_count()} cores visible, load average {os.getloadavg()[0]:.1f} at start"
        if args.only_loop:
            run_loop(Path(tmp), args.seeds)
            return
        started, cpu_started = time.perf_counter(), time.process_time()
        meta = train(model_dir, cv_folds=0)
        results["train_seconds"] = round(time.perf_counter() - started, 2)
        # CPU time of this process: a fairer figure when other work shares the machine
        results["train_cpu_seconds"] = round(time.process_time() - cpu_started, 2)
        results["model_version"] = meta["model_version"]
        results["artefact_mb"] = round((model_dir / "model.skops").stat().st_size / 1e6, 2)
        if not args.skip_cv:
            cv_dir = Path(tmp) / "cv"
            started = time.perf_counter()
            cv_meta = train(cv_dir, cv_folds=5)
            results["train_with_cv_seconds"] = round(time.perf_counter() - started, 2)
            results["cv_topic"] = cv_meta["cv_topic"]

        started = time.perf_counter()
        classifier = ComplaintClassifier.load(model_dir)
        results["load_seconds"] = round(time.perf_counter() - started, 2)

        rng = random.Random(7)
        texts = [row["text"] for row in load_corpus()]
        rng.shuffle(texts)
        for text in texts[:50]:  # warm-up
            classifier.predict(text)
        timings, cpu_timings = [], []
        for i in range(args.single):
            text = texts[i % len(texts)]
            t0, c0 = time.perf_counter(), time.thread_time()
            classifier.predict(text)
            cpu_timings.append((time.thread_time() - c0) * 1000)
            timings.append((time.perf_counter() - t0) * 1000)
        results["single_ms_p50"] = round(statistics.median(timings), 3)
        results["single_ms_p99"] = round(percentile(timings, 99), 3)
        results["single_cpu_ms_p50"] = round(statistics.median(cpu_timings), 3)
        results["single_cpu_ms_p99"] = round(percentile(cpu_timings, 99), 3)

        batch = [texts[i % len(texts)] for i in range(args.batch)]
        t0, c0 = time.perf_counter(), time.process_time()
        classifier.predict_many(batch)
        results["batch_per_second"] = round(args.batch / (time.perf_counter() - t0))
        results["batch_per_cpu_second"] = round(args.batch / (time.process_time() - c0))

        probe = RSS_PROBE.format(repo=str(REPO), model_dir=str(model_dir))
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
        results["rss_mb_model_loaded"] = round(float(out[0]), 1)
        results["peak_rss_mb"] = round(float(out[1]), 1)

        if SHARED.is_file():
            data_texts, labels = read_labelled_csv(SHARED, label_col="kategori")
            label_map = load_label_map(LABEL_MAPS_DIR / "purbalingga.json")
            report = evaluate_classifier(classifier, data_texts, labels, label_map)
            results["purbalingga_accuracy"] = round(report["accuracy"], 4)
            results["purbalingga_macro_f1"] = round(report["macro_f1"], 4)
            print(format_report(report))
            print()
            # the triage figures on the half the calibration did not see
            test = [i for i, t in enumerate(data_texts) if calibration_split(t) == "test"]
            held = evaluate_classifier(classifier, [data_texts[i] for i in test], [labels[i] for i in test], label_map)
            for key in ("accuracy", "macro_f1", "threshold", "coverage", "routed_accuracy", "ece", "mean_confidence"):
                results[f"purbalingga_test_half_{key}"] = round(held[key], 4)
            if args.loop:
                results["loop"] = loop_simulation(
                    classifier, data_texts, labels, label_map, [50, 200, 500], list(range(args.seeds)), Path(tmp)
                )
        else:
            results["purbalingga"] = "skipped: ../shared/data/purbalingga-complaints.csv not present"

    print(json.dumps(results, indent=2))


def run_loop(workdir: Path, seeds: int) -> None:
    if not SHARED.is_file():
        print("skipped: ../shared/data/purbalingga-complaints.csv not present")
        return
    base_dir = workdir / "base"
    train(base_dir, cv_folds=0)
    data_texts, labels = read_labelled_csv(SHARED, label_col="kategori")
    label_map = load_label_map(LABEL_MAPS_DIR / "purbalingga.json")
    rows = loop_simulation(ComplaintClassifier.load(base_dir), data_texts, labels, label_map, [50, 200, 500],
                           list(range(seeds)), workdir)  # fmt: skip
    for k in (50, 200, 500):
        mine = [r for r in rows if r["k"] == k]
        mean = {m: round(statistics.mean(float(r[m]) for r in mine), 4)
                for m in ("before_accuracy", "before_macro_f1", "after_accuracy", "after_macro_f1",
                          "after_coverage", "after_routed_accuracy", "after_ece")}  # fmt: skip
        print(json.dumps({"k": k, "seeds": len(mine), **mean}))


if __name__ == "__main__":
    main()
