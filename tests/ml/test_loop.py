"""The learning loop: candidate checked on held-out corrections, promotion guard, history and rollback."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ml import loop
from ml.artifacts import ArtefactError, read_metadata
from ml.classifier import ComplaintClassifier
from ml.cli import Host, ml_group
from ml.registry import history, promote, rollback

# Complaints a corpus-only model files under jalan_jembatan; a deployment's officers file them under
# transportasi (a suspension bridge the transport office runs, say).
BRIDGES = [f"jembatan gantung penyeberangan dusun {name} putus talinya" for name in (
    "kali", "bukit", "sawah", "tengah", "ujung", "barat", "timur", "utara", "selatan", "hilir", "hulu",
    "lor", "kidul", "wetan", "kulon", "pojok", "gunung", "lembah", "pantai", "muara", "rawa", "hutan",
    "kebun", "ladang", "tegal", "pasir", "batu", "kayu", "bambu", "jati", "mangga", "kelapa", "pisang",
    "salak", "durian", "rambutan", "duku", "manggis", "nangka", "sukun",
)]  # fmt: skip


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _holdout(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [p for p in pairs if loop.is_holdout(p[0])]


def test_split_is_deterministic_and_about_a_third() -> None:
    pairs = [(text, "transportasi") for text in BRIDGES]
    first, second = loop.split_corrections(pairs), loop.split_corrections(list(reversed(pairs)))
    assert {t for t, _ in first[1]} == {t for t, _ in second[1]}
    assert 5 <= len(first[1]) <= 25 and len(first[0]) + len(first[1]) == len(pairs)


def test_compare_guards_overall_and_per_topic() -> None:
    current = {"accuracy": 0.8, "macro_f1": 0.7, "per_topic": {"adminduk": {"n": 10, "recall": 0.9},
                                                             "pungli": {"n": 2, "recall": 1.0}}}  # fmt: skip
    better = {"accuracy": 0.85, "macro_f1": 0.75, "per_topic": {"adminduk": {"n": 10, "recall": 0.85},
                                                              "pungli": {"n": 2, "recall": 0.0}}}  # fmt: skip
    assert loop.compare(current, better) == []  # small drop, and pungli has too few corrections to judge
    worse_topic = {**better, "per_topic": {**better["per_topic"], "adminduk": {"n": 10, "recall": 0.7}}}
    assert any("adminduk" in r for r in loop.compare(current, worse_topic))
    worse = {**better, "accuracy": 0.79}
    assert any("accuracy" in r for r in loop.compare(current, worse))


def test_cycle_promotes_a_better_model_then_rejects_a_worse_one_and_rollback_restores(
    small_model_dir: Path, small_corpus: Path, tmp_path: Path
) -> None:
    models = _copy(small_model_dir, tmp_path / "models")
    first_version = read_metadata(models)["model_version"]
    corrections = [(text, "transportasi") for text in BRIDGES]
    held_out = _holdout(corrections)
    assert len(held_out) >= loop.MIN_HOLDOUT
    before = [p.topic for p in ComplaintClassifier.load(models).predict_many([t for t, _ in held_out])]
    assert before.count("transportasi") < len(before) / 2  # the corpus model does not know this yet

    report = loop.retrain_cycle(models, corrections, corpus_path=small_corpus)
    assert report["decision"] == "promoted", report
    assert report["candidate"]["accuracy"] > report["current"]["accuracy"]
    assert read_metadata(models)["model_version"] == report["candidate_version"] != first_version
    assert history(models) == [first_version]
    served = ComplaintClassifier.load(models)
    assert [p.topic for p in served.predict_many([t for t, _ in held_out])].count("transportasi") > len(held_out) / 2

    # officers now file the training side under jalan_jembatan again, but the held-out side stays
    # transportasi: the candidate is worse on what it did not train on and is not promoted
    flipped = [(t, "transportasi" if loop.is_holdout(t) else "jalan_jembatan") for t in BRIDGES]
    rejected = loop.retrain_cycle(models, flipped, corpus_path=small_corpus)
    assert rejected["decision"] == "rejected" and rejected["reasons"]
    assert read_metadata(models)["model_version"] == report["candidate_version"]

    restored = rollback(models)
    assert restored == {"restored": first_version, "replaced": report["candidate_version"]}
    assert ComplaintClassifier.load(models).model_version == first_version
    assert history(models) == [report["candidate_version"]]


def test_cycle_with_too_few_held_out_corrections_changes_nothing(
    small_model_dir: Path, small_corpus: Path, tmp_path: Path
) -> None:
    models = _copy(small_model_dir, tmp_path / "models")
    version = read_metadata(models)["model_version"]
    few = [(text, "transportasi") for text in BRIDGES[:6]]
    report = loop.retrain_cycle(models, few, corpus_path=small_corpus)
    assert report["decision"] == "too_few" and read_metadata(models)["model_version"] == version
    assert history(models) == []


def test_enough_held_out_corrections_give_the_candidate_its_own_calibration(
    small_model_dir: Path, small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loop, "MIN_CALIBRATION", 10)
    models = _copy(small_model_dir, tmp_path / "models")
    report = loop.retrain_cycle(models, [(text, "transportasi") for text in BRIDGES], corpus_path=small_corpus)
    assert report["decision"] == "promoted"
    stored = read_metadata(models)["calibration"]
    assert "held-out" in stored["source"] and stored["temperature"] > 0
    served = ComplaintClassifier.load(models)
    assert served.calibration.temperature == stored["temperature"]
    assert served.triage_threshold == stored["threshold"]


def test_rollback_without_an_earlier_model_fails_clearly(small_model_dir: Path, tmp_path: Path) -> None:
    models = _copy(small_model_dir, tmp_path / "models")
    with pytest.raises(ArtefactError, match="no earlier model"):
        rollback(models)


def test_history_keeps_at_most_the_configured_number(small_model_dir: Path, tmp_path: Path) -> None:
    models = _copy(small_model_dir, tmp_path / "models")
    version = read_metadata(models)["model_version"]
    for i in range(3):  # same files under a new version each time (promote only reads metadata)
        candidate = _copy(small_model_dir, tmp_path / f"c{i}")
        meta = read_metadata(candidate)
        meta["model_version"] = f"{version}-{i}"
        (candidate / "metadata.json").write_text(json.dumps(meta))
        promote(candidate, models, keep=2)
    assert history(models) == [f"{version}-0", f"{version}-1"]
    assert not (models / "history" / version).exists()


def _fake_portal_host(corrections: list[tuple[str, str]]) -> tuple[Host, list[dict]]:
    """The learning loop's storage as the complaints manifest connects it, in memory."""
    recorded: list[dict] = []

    def record_rollback(restored: str, replaced: str | None) -> None:
        recorded.append({"restored": restored, "replaced": replaced})

    host = Host(corrections=lambda: corrections, record_cycle=recorded.append, record_rollback=record_rollback)
    return host, recorded


def test_cli_retrain_records_the_cycle_and_rollback_restores(
    small_model_dir: Path, small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = _copy(small_model_dir, tmp_path / "models")
    first = read_metadata(models)["model_version"]
    host, recorded = _fake_portal_host([(text, "transportasi") for text in BRIDGES])
    args = ["retrain", "--model-dir", str(models), "--corpus", str(small_corpus)]
    result = CliRunner().invoke(ml_group, args, obj=host)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("dipromosikan: kandidat ") and "prediksi berikutnya" in result.output
    assert recorded[0]["decision"] == "promoted" and recorded[0]["corrections_holdout"] >= loop.MIN_HOLDOUT
    result = CliRunner().invoke(ml_group, ["rollback", "--model-dir", str(models)], obj=host)
    assert result.exit_code == 0, result.output
    assert recorded[1] == {"restored": first, "replaced": recorded[0]["candidate_version"]}
    assert read_metadata(models)["model_version"] == first
    again = CliRunner().invoke(ml_group, ["rollback", "--model-dir", str(models)], obj=host)
    assert again.exit_code == 0  # the replaced model was kept: rolling back again brings it back
    empty = CliRunner().invoke(ml_group, ["rollback", "--model-dir", str(tmp_path / "nowhere")], obj=host)
    assert empty.exit_code != 0 and "no earlier model" in empty.output


def test_cli_retrain_dry_run_scores_the_candidate_but_changes_and_records_nothing(
    small_model_dir: Path, small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = _copy(small_model_dir, tmp_path / "models")
    before = sorted(p.name for p in models.rglob("*"))
    first = read_metadata(models)["model_version"]
    host, recorded = _fake_portal_host([(text, "transportasi") for text in BRIDGES])
    args = ["retrain", "--model-dir", str(models), "--corpus", str(small_corpus), "--dry-run"]
    result = CliRunner().invoke(ml_group, args, obj=host)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("akan dipromosikan: kandidat ") and "prediksi berikutnya" not in result.output
    assert recorded == []
    assert read_metadata(models)["model_version"] == first
    assert sorted(p.name for p in models.rglob("*")) == before


def test_train_add_data_adds_labelled_complaints(small_corpus: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text("text,topic\n" + "".join(f"{t},transportasi\n" for t in BRIDGES), encoding="utf-8")
    target = tmp_path / "model"
    args = ["train", "--model-dir", str(target), "--corpus", str(small_corpus), "--cv-folds", "0"]
    result = CliRunner().invoke(ml_group, [*args, "--add-data", str(extra)])
    assert result.exit_code == 0, result.output
    assert f"data tambahan: {len(BRIDGES)} aduan berlabel" in result.output
    assert read_metadata(target)["feedback_count"] == len(BRIDGES)
    assert ComplaintClassifier.load(target).predict(BRIDGES[0]).topic == "transportasi"
    bad = tmp_path / "bad.csv"
    bad.write_text("text,topic\njalan rusak,jalanan\n", encoding="utf-8")
    refused = CliRunner().invoke(ml_group, [*args, "--add-data", str(bad)])
    assert refused.exit_code != 0 and "jalanan" in refused.output
    missing = tmp_path / "missing.csv"
    missing.write_text("isi,label\njalan rusak,jalan_jembatan\n", encoding="utf-8")
    refused = CliRunner().invoke(ml_group, [*args, "--add-data", str(missing)])
    assert refused.exit_code != 0 and "'text'" in refused.output
