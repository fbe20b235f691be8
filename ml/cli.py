"""`portal ml ...` commands: train, evaluate, classify.

Registered by the foundation's console script (``from ml.cli import ml_group``). Also runnable
stand-alone: ``python -m ml.cli train``.
"""

import json
import os
import sys
from pathlib import Path

import click

from ml.classifier import DEFAULT_TRIAGE_THRESHOLD


def _threshold() -> float:
    raw = os.environ.get("PORTAL_TRIAGE_THRESHOLD")
    return float(raw) if raw else DEFAULT_TRIAGE_THRESHOLD


def _load_feedback() -> list[tuple[str, str]]:
    from complaints.feedback import load_topic_corrections_sync

    return list(load_topic_corrections_sync())


@click.group("ml")
def ml_group() -> None:
    """Complaint topic classifier: train, evaluate, classify."""


@ml_group.command("train")
@click.option("--include-feedback", is_flag=True, help="Add officers' topic corrections from the database.")
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (default $PORTAL_MODEL_DIR or var/models).",
)
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Labelled corpus CSV (default: the shipped ml/corpus/complaints_id.csv).",
)
@click.option(
    "--cv-folds",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Cross-validation folds for the reported metrics (0 = skip).",
)
def train_cmd(include_feedback: bool, model_dir: Path | None, corpus_path: Path | None, cv_folds: int) -> None:
    """Train the default model deterministically from the shipped corpus."""
    from ml.train import train

    feedback = _load_feedback() if include_feedback else []
    if include_feedback:
        click.echo(f"feedback: {len(feedback)} officer corrections")
    meta = train(model_dir, corpus_path=corpus_path, feedback=feedback, cv_folds=cv_folds)
    click.echo(
        f"model {meta['model_version']} ({meta['corpus_rows']} corpus rows, "
        f"{meta['feedback_count']} corrections) trained in {meta['training_seconds']} s"
    )
    cv = meta.get("cv_topic") or {}
    if cv:
        click.echo(
            f"cross-validated ({cv['folds']} folds) accuracy {cv['accuracy']:.4f}, macro-F1 {cv['macro_f1']:.4f}"
        )


@ml_group.command("evaluate")
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Labelled CSV file.",
)
@click.option("--text-col", default="text", show_default=True)
@click.option("--label-col", default="label", show_default=True)
@click.option(
    "--label-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="JSON topic -> dataset label (e.g. ml/label_maps/purbalingga.json).",
)
@click.option(
    "--annotation-col",
    default=None,
    help="Column with people's annotations in the portal's topics: adds topic accuracy and, with a label map, "
    "the ceiling a perfect classifier of the taxonomy would reach on the dataset's labels.",
)
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate_cmd(
    data_path: Path,
    text_col: str,
    label_col: str,
    label_map: Path | None,
    annotation_col: str | None,
    model_dir: Path | None,
    as_json: bool,
) -> None:
    """Accuracy, macro-F1, per-class scores and confusion matrix on any labelled CSV."""
    from ml.classifier import load_or_train
    from ml.evaluate import evaluate_classifier, format_report, load_label_map, read_columns

    columns = [text_col, label_col] + ([annotation_col] if annotation_col else [])
    try:
        texts, labels, *annotated = read_columns(data_path, columns)
        mapping = load_label_map(label_map) if label_map else None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if not texts:
        raise click.UsageError(f"{data_path}: no labelled rows")
    classifier = load_or_train(model_dir, triage_threshold=_threshold())
    try:
        report = evaluate_classifier(classifier, texts, labels, mapping, annotated[0] if annotated else None)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_report(report))


@ml_group.command("classify")
@click.argument("text")
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the prediction as JSON.")
def classify_cmd(text: str, model_dir: Path | None, as_json: bool) -> None:
    """Print topic, confidence, aspects and the suggested unit for TEXT ('-' reads stdin)."""
    from ml.classifier import load_or_train
    from ml.routing import load_topic_routing
    from ml.taxonomy import ASPECTS, TOPICS

    if text == "-":
        text = sys.stdin.read()
    classifier = load_or_train(model_dir, triage_threshold=_threshold())
    pred = classifier.predict(text)
    unit = None if pred.needs_triage else load_topic_routing().get(pred.topic)
    if as_json:
        payload = {
            "topic": pred.topic,
            "confidence": pred.confidence,
            "aspects": list(pred.aspects),
            "needs_triage": pred.needs_triage,
            "suggested_unit": unit,
            "model_version": pred.model_version,
            "probabilities": pred.probabilities,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"topic:          {pred.topic} ({TOPICS[pred.topic]['id']})")
    click.echo(f"confidence:     {pred.confidence:.2f}")
    aspects = ", ".join(f"{a} ({ASPECTS[a]['id']})" for a in pred.aspects) or "-"
    click.echo(f"aspects:        {aspects}")
    click.echo(f"suggested unit: {unit or 'manual triage'}")
    click.echo(f"needs triage:   {'yes' if pred.needs_triage else 'no'}")
    click.echo(f"model version:  {pred.model_version}")


if __name__ == "__main__":
    ml_group()
