"""`portal ml ...` commands: train, evaluate, classify, calibrate, and the learning loop (retrain,
rollback, export-corrections).

ml imports no other package of the project. What the commands need from the application that hosts them
(where models live, the progress indicator, the officers' corrections and the model history, which the
complaints domain keeps in its tables) arrives as a :class:`Host` in click's context object: the complaints
manifest registers ``connected(ml_group, host)`` as ``portal ml``. Also runnable stand-alone
(``python -m ml.cli train``), with :data:`STANDALONE`: models in ``$PORTAL_MODEL_DIR`` or ``var/models``,
no progress indicator, and no learning loop (it needs the portal's database).
"""

import json
import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ml.i18n import get_language
from ml.i18n import gettext as _
from ml.routing import load_topic_routing
from ml.taxonomy import ASPECTS, TOPIC_CODES, TOPICS

# The modules that load scikit-learn and skops (3 s) are imported by the commands that use them (`# lazy:`),
# so that `portal --help` and every other `portal` command start without them.


def _default_model_dir() -> Path:
    # lazy: scikit-learn (ml.artifacts loads skops)
    from ml.artifacts import default_model_dir

    return default_model_dir()


def _needs_the_portal(*_args: Any) -> Any:
    raise click.UsageError(_("Perintah ini memerlukan database portal: jalankan sebagai `portal ml ...`."))


@dataclass(frozen=True)
class Host:
    """What the application running the commands lends them (ml imports none of it)."""

    model_dir: Callable[[], Path] = _default_model_dir
    working: Callable[[str], AbstractContextManager[Any]] = lambda _label: nullcontext()
    corrections: Callable[[], list[tuple[str, str]]] = _needs_the_portal  # (text, topic), latest per complaint
    record_cycle: Callable[[dict[str, Any]], None] = _needs_the_portal  # a learning-loop report, in the history
    record_rollback: Callable[[str, str | None], None] = _needs_the_portal  # (restored, replaced)
    export_corrections: Callable[[], tuple[int, str]] = _needs_the_portal  # (count, masked text,topic CSV)


STANDALONE = Host()


def _host() -> Host:
    host = click.get_current_context().find_object(Host)
    return host if host is not None else STANDALONE


def connected(group: click.Group, host: Host) -> click.Group:
    """``group`` (the same commands) run with ``host`` as their context object."""
    return click.Group(
        name=group.name,
        commands=group.commands,
        help=group.help,
        context_settings={**group.context_settings, "obj": host},
    )


def _threshold() -> float | None:
    """``PORTAL_TRIAGE_THRESHOLD`` when set, else None (the model's calibrated default)."""
    raw = os.environ.get("PORTAL_TRIAGE_THRESHOLD")
    return float(raw) if raw else None


def _read_added_data(path: Path | None) -> list[tuple[str, str]]:
    """``text,topic`` rows of a labelled CSV (e.g. another deployment's exported corrections)."""
    # lazy: scikit-learn
    from ml.evaluate import read_columns

    if path is None:
        return []
    try:
        texts, topics = read_columns(path, ("text", "topic"))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    unknown = sorted(set(topics) - set(TOPIC_CODES))
    if unknown:
        raise click.UsageError(f"{path}: topics not in the taxonomy: {', '.join(unknown)}")
    if not texts:
        raise click.UsageError(f"{path}: no rows with both text and topic")
    return list(zip(texts, topics, strict=True))


def _model_dir(model_dir: Path | None) -> Path:
    return model_dir if model_dir is not None else _host().model_dir()


def _working(label: str) -> AbstractContextManager[Any]:
    """The host's progress indicator on stderr (none stand-alone)."""
    return _host().working(label)


_ADD_DATA = click.option(
    "--add-data",
    "add_data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=_(
        "CSV dengan kolom text,topic: pengaduan nyata berlabel yang ditambahkan ke korpus (mis. koreksi yang diekspor)."
    ),
)


@click.group(
    "ml",
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_(
        "Klasifikasi topik pengaduan: latih, evaluasi, klasifikasi; siklus pembelajaran: latih ulang, "
        "kembalikan, ekspor."
    ),
)
def ml_group() -> None:
    """Complaint topic classifier: train, evaluate, classify; learning loop: retrain, rollback, export."""


@ml_group.command("ensure", help=_("Latih klasifikasi dari korpus bawaan bila belum ada model yang dapat dipakai."))
def ensure_cmd() -> None:
    """Train from the shipped corpus when no usable model exists (`make run`, the Docker build)."""
    # lazy: scikit-learn
    from ml.classifier import load_or_train

    target = _model_dir(None)
    with _working(_("Menyiapkan model klasifikasi")):
        classifier = load_or_train(target, triage_threshold=_threshold())
    click.echo(_("Model {version} siap di {path}.").format(version=classifier.model_version, path=target))


@ml_group.command("train", help=_("Latih model bawaan secara deterministik dari korpus yang disertakan."))
@click.option("--include-feedback", is_flag=True, help=_("Tambahkan koreksi topik oleh petugas dari database."))
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=_("Tempat model ditulis (bawaan $PORTAL_MODEL_DIR atau var/models)."),
)
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=_("CSV korpus berlabel (bawaan: ml/corpus/complaints_id.csv yang disertakan)."),
)
@click.option(
    "--cv-folds",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help=_("Jumlah lipatan validasi silang untuk metrik yang dilaporkan (0 = lewati)."),
)
@_ADD_DATA
def train_cmd(
    include_feedback: bool, model_dir: Path | None, corpus_path: Path | None, cv_folds: int, add_data: Path | None
) -> None:
    """Train the default model deterministically from the shipped corpus."""
    # lazy: scikit-learn
    from ml.train import train

    added = _read_added_data(add_data)
    feedback = _host().corrections() if include_feedback else []
    if include_feedback:
        click.echo(_("umpan balik: {n} koreksi petugas").format(n=len(feedback)))
    if added:
        click.echo(_("data tambahan: {n} aduan berlabel dari {path}").format(n=len(added), path=add_data))
    feedback = [*added, *feedback]
    with _working(_("Melatih model")):
        meta = train(model_dir, corpus_path=corpus_path, feedback=feedback, cv_folds=cv_folds)
    click.echo(
        _("model {version} ({rows} baris korpus, {corrections} koreksi) dilatih dalam {seconds} detik").format(
            version=meta["model_version"],
            rows=meta["corpus_rows"],
            corrections=meta["feedback_count"],
            seconds=meta["training_seconds"],
        )
    )
    cv = meta.get("cv_topic") or {}
    if cv:
        click.echo(
            _("validasi silang ({folds} lipatan): akurasi {accuracy:.4f}, macro-F1 {macro_f1:.4f}").format(
                folds=cv["folds"], accuracy=cv["accuracy"], macro_f1=cv["macro_f1"]
            )
        )


@ml_group.command(
    "evaluate", help=_("Akurasi, macro-F1, skor per kelas dan matriks kebingungan pada CSV berlabel apa pun.")
)
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("Berkas CSV berlabel."),
)
@click.option("--text-col", default="text", show_default=True)
@click.option("--label-col", default="label", show_default=True)
@click.option(
    "--label-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=_("JSON topik -> label dataset (mis. ml/label_maps/purbalingga.json)."),
)
@click.option(
    "--annotation-col",
    default=None,
    help=_(
        "Kolom anotasi manusia dalam topik portal: menambah akurasi topik dan, dengan peta label, batas atas yang "
        "dicapai klasifikasi sempurna atas taksonomi pada label dataset."
    ),
)
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help=_("Cetak laporan sebagai JSON."))
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
    # lazy: scikit-learn
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
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_report(report, _))


@ml_group.command(
    "classify", help=_("Cetak topik, keyakinan, aspek dan unit yang disarankan untuk TEXT ('-' membaca stdin).")
)
@click.argument("text")
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help=_("Cetak prediksi sebagai JSON."))
def classify_cmd(text: str, model_dir: Path | None, as_json: bool) -> None:
    """Print topic, confidence, aspects and the suggested unit for TEXT ('-' reads stdin)."""
    # lazy: scikit-learn
    from ml.classifier import load_or_train

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
    lang = "en" if get_language() == "en" else "id"
    aspects = ", ".join(f"{a} ({ASPECTS[a][lang]})" for a in pred.aspects) or "-"
    rows = [
        (_("topik"), f"{pred.topic} ({TOPICS[pred.topic][lang]})"),
        (_("keyakinan"), f"{pred.confidence:.2f}"),
        (_("aspek"), aspects),
        (_("unit yang disarankan"), unit or _("triase manual")),
        (_("perlu triase"), _("ya") if pred.needs_triage else _("tidak")),
        (_("versi model"), pred.model_version),
    ]
    width = max(len(label) for label, _value in rows) + 2
    for label, value in rows:
        click.echo(f"{label + ':':<{width}}{value}")


@ml_group.command(
    "retrain",
    help=_(
        "Siklus pembelajaran (jalankan harian): latih ulang dari korpus ditambah koreksi petugas, nilai "
        "kandidat pada koreksi yang disisihkan, promosikan hanya bila tidak lebih buruk, catat versinya."
    ),
)
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=_("CSV korpus berlabel (bawaan: ml/corpus/complaints_id.csv yang disertakan)."),
)
@_ADD_DATA
@click.option("--force", is_flag=True, help=_("Promosikan walaupun kandidat lebih buruk atau tidak dapat diperiksa."))
@click.option("--json", "as_json", is_flag=True, help=_("Cetak laporan siklus sebagai JSON."))
@click.option("--dry-run", is_flag=True, help=_("Latih dan nilai kandidat saja; model tidak diganti, tidak dicatat."))
def retrain_cmd(
    model_dir: Path | None, corpus_path: Path | None, add_data: Path | None, force: bool, as_json: bool, dry_run: bool
) -> None:
    """The learning loop (run daily): retrain from the corpus plus officers' corrections, score the
    candidate on held-out corrections, promote it only when it is not worse, record the version."""
    # lazy: scikit-learn
    from ml.loop import retrain_cycle

    target = _model_dir(model_dir)
    added = _read_added_data(add_data)
    with _working(_("Melatih ulang model")):
        report = retrain_cycle(
            target, _host().corrections(), added=added, corpus_path=corpus_path, force=force, dry_run=dry_run
        )
    if not dry_run:
        _host().record_cycle(report)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(
            _("{decision}: kandidat {candidate} (koreksi: {train} untuk pelatihan, {holdout} disisihkan)").format(
                decision=_decision_label(report["decision"]),
                candidate=report["candidate_version"],
                train=report["corrections_train"],
                holdout=report["corrections_holdout"],
            )
        )
        for key, label in (("current", _("model sekarang")), ("candidate", _("kandidat"))):
            figures = report.get(key) or {}
            if figures.get("n"):
                line = _("{label}: akurasi {accuracy:.3f}, macro-F1 {macro_f1:.3f} pada {n} koreksi yang disisihkan")
                click.echo("  " + line.format(label=label, accuracy=figures["accuracy"],
                                              macro_f1=figures["macro_f1"], n=figures["n"]))  # fmt: skip
        for reason in report.get("reasons") or []:  # the loop's own words, also kept in the model history
            click.echo(f"  - {reason}")
    if report["decision"] == "promoted" and not as_json:
        click.echo(_("portal yang berjalan memakai model baru mulai prediksi berikutnya (tanpa mulai ulang)"))


def _decision_label(decision: str) -> str:
    """The learning loop's decision (``promoted``, ...) in the CLI's language."""
    labels = {
        "promoted": _("dipromosikan"),
        "would_promote": _("akan dipromosikan"),
        "rejected": _("ditolak"),
        "unchanged": _("tidak berubah"),
        "too_few": _("koreksi terlalu sedikit"),
    }
    return labels.get(decision, decision)


@ml_group.command("rollback", help=_("Kembalikan model sebelumnya (model yang diganti tetap disimpan di riwayat)."))
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def rollback_cmd(model_dir: Path | None) -> None:
    """Put the previous model back (the one replaced is kept in the history)."""
    # lazy: scikit-learn
    from ml.artifacts import ArtefactError
    from ml.registry import rollback

    try:
        result = rollback(_model_dir(model_dir))
    except ArtefactError as exc:
        raise click.ClickException(str(exc)) from exc
    _host().record_rollback(result["restored"], result["replaced"])
    click.echo(
        _(
            "{restored} dipulihkan (menggantikan {replaced}); portal yang berjalan memakainya mulai prediksi berikutnya"
        ).format(restored=result["restored"], replaced=result["replaced"])
    )


@ml_group.command(
    "export-corrections",
    help=_("Koreksi petugas sebagai CSV text,topic, identitas disamarkan (NIK, telepon, e-mail, nama pelapor)."),
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=_("Berkas CSV yang ditulis (bawaan: stdout)."))  # fmt: skip
def export_corrections_cmd(output: Path | None) -> None:
    """Officers' corrections as text,topic CSV, identity masked (NIK, phone, e-mail, reporter's name)."""

    count, data = _host().export_corrections()
    if output is None:
        click.echo(data, nl=False)
    else:
        output.write_text(data, encoding="utf-8")
        click.echo(_("{n} koreksi ditulis ke {path}").format(n=count, path=output))


if __name__ == "__main__":
    ml_group()
