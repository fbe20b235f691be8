"""Benchmark of the complaint classifier (run: `.venv/bin/python benchmarks/ml_benchmark.py`).

Prints: training time from the shipped corpus, cross-validated macro-F1, single-complaint latency
(p50/p99), batch throughput, RSS of a process with the model loaded, and the folded evaluation on
../shared/data/purbalingga-complaints.csv when that file exists. No assertions: the figures are
recorded in docs/ml.md.
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

from ml.classifier import ComplaintClassifier  # noqa: E402
from ml.evaluate import LABEL_MAPS_DIR, evaluate_classifier, format_report, load_label_map, read_labelled_csv  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--single", type=int, default=1000, help="single predictions to time")
    parser.add_argument("--batch", type=int, default=5000, help="complaints in the batch run")
    parser.add_argument("--skip-cv", action="store_true", help="skip the 5-fold cross-validation run")
    args = parser.parse_args()
    results: dict[str, object] = {}

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        results["machine"] = f"{os.cpu_count()} cores visible, load average {os.getloadavg()[0]:.1f} at start"
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
            report = evaluate_classifier(
                classifier, data_texts, labels, load_label_map(LABEL_MAPS_DIR / "purbalingga.json")
            )
            results["purbalingga_accuracy"] = round(report["accuracy"], 4)
            results["purbalingga_macro_f1"] = round(report["macro_f1"], 4)
            print(format_report(report))
            print()
        else:
            results["purbalingga"] = "skipped: ../shared/data/purbalingga-complaints.csv not present"

    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
