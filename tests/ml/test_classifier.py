import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import ml.artifacts
import ml.train
from ml.artifacts import MODEL_FILE, ArtefactError, read_metadata
from ml.classifier import ComplaintClassifier, Prediction, load_or_train
from ml.normalize import normalize
from ml.taxonomy import ASPECT_CODES, TOPIC_CODES
from ml.train import train

EXAMPLES = {
    "pak bupati tolong jalan di desa kami rusak parah udh bertahun2 gak diperbaiki": "jalan_jembatan",
    "Yth. Kepala Dinas, saya mau tanya kenapa KTP saya blm jadi padahal udh 3 bulan": "adminduk",
    "sampah numpuk di pinggir jalan bau bgt": "lingkungan_sampah",
    "lampu pju di depan masjid mati sudah sebulan, jalan gelap": "penerangan_jalan",
    "air pdam gak ngalir 4 hari tp tagihan tetep jalan": "air_bersih",
    "gaji di pabrik di bawah umk dan lembur tidak dibayar": "ketenagakerjaan",
}


def test_prediction_contract(classifier: ComplaintClassifier) -> None:
    pred = classifier.predict("jalan desa berlubang")
    assert isinstance(pred, Prediction)
    assert pred.topic in TOPIC_CODES
    assert set(pred.probabilities) == set(TOPIC_CODES)
    assert sum(pred.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert pred.confidence == pytest.approx(max(pred.probabilities.values()), abs=1e-3)
    assert set(pred.aspects) <= set(ASPECT_CODES)
    assert pred.model_version == classifier.model_version
    with pytest.raises(AttributeError):
        pred.topic = "x"  # type: ignore[misc]


def test_examples_are_routed(classifier: ComplaintClassifier) -> None:
    preds = classifier.predict_many(list(EXAMPLES))
    assert [p.topic for p in preds] == list(EXAMPLES.values())
    assert all(not p.needs_triage for p in preds)
    assert classifier.predict_many([]) == []


def test_aspects(classifier: ComplaintClassifier) -> None:
    assert "perilaku" in classifier.predict("petugas loket tidak ramah dan membentak warga").aspects
    assert "biaya" in classifier.predict("dimintai uang 100 ribu tanpa kuitansi saat urus surat").aspects


def test_names_and_places_do_not_drive_the_topic(classifier: ComplaintClassifier) -> None:
    base = "jembatan di dusun kami ambrol terbawa banjir"
    for prefix in ("Saya Budi Santoso warga Karangsari,", "Sri Wahyuni dari desa Sumberrejo:", "Bu Endang RT 03"):
        assert classifier.predict(f"{prefix} {base}").topic == classifier.predict(base).topic


def test_confidence_threshold_routes_to_triage(model_dir: Path) -> None:
    text = "mohon dicek ya pak"
    strict = ComplaintClassifier.load(model_dir, triage_threshold=0.99).predict(text)
    lenient_classifier = ComplaintClassifier.load(model_dir, triage_threshold=0.0)
    lenient = lenient_classifier.predict(text)
    assert strict.needs_triage
    assert strict.topic == lenient.topic and strict.confidence == lenient.confidence
    # with a zero threshold only "lainnya" (no unit handles it) still goes to triage
    assert lenient.needs_triage == (lenient.topic == "lainnya")
    confident = lenient_classifier.predict("jalan desa rusak parah dan berlubang mohon diperbaiki")
    assert not confident.needs_triage
    blank = lenient_classifier.predict("   ")
    assert blank.topic == "lainnya" and blank.needs_triage and blank.aspects == () and blank.confidence == 0.0
    with pytest.raises(ValueError):
        ComplaintClassifier.load(model_dir, triage_threshold=1.5)


def test_metadata(model_dir: Path, classifier: ComplaintClassifier) -> None:
    meta = read_metadata(model_dir)
    for key in (
        "model_version",
        "corpus_sha256",
        "feedback_count",
        "sklearn_version",
        "trained_at",
        "artefact_sha256",
        "cv_topic",
        "topics",
    ):
        assert key in meta
    assert meta["model_version"] == classifier.model_version
    assert meta["model_version"].startswith("topic-")
    assert meta["feedback_count"] == 0 and sorted(meta["topics"]) == sorted(TOPIC_CODES)


def test_determinism(small_corpus: Path, small_model_dir: Path, tmp_path: Path) -> None:
    texts = [*EXAMPLES, "pelayanan lambat", "ada pungli di kantor desa", "mohon info"]
    again = train(tmp_path / "again", corpus_path=small_corpus, cv_folds=0)
    assert again["model_version"] == read_metadata(small_model_dir)["model_version"]
    first = ComplaintClassifier.load(small_model_dir).predict_many(texts)
    second = ComplaintClassifier.load(tmp_path / "again").predict_many(texts)
    assert first == second


def test_feedback_retraining_changes_corrected_predictions(
    small_corpus: Path, small_model_dir: Path, tmp_path: Path
) -> None:
    text = "pohon besar tumbang menutup jalan desa dan belum disingkirkan"
    old = ComplaintClassifier.load(small_model_dir).predict(text)
    corrected = "lingkungan_sampah" if old.topic != "lingkungan_sampah" else "jalan_jembatan"
    after = train(tmp_path / "after", corpus_path=small_corpus, cv_folds=0, feedback=[(text, corrected)])
    new = ComplaintClassifier.load(tmp_path / "after").predict(text)
    assert new.topic == corrected
    assert after["feedback_count"] == 1
    assert after["model_version"] != read_metadata(small_model_dir)["model_version"]
    with pytest.raises(ValueError):
        train(tmp_path / "bad", corpus_path=small_corpus, cv_folds=0, feedback=[(text, "not_a_topic")])


@pytest.fixture
def model_copy(small_model_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "m"
    shutil.copytree(small_model_dir, target)
    return target


def test_tampered_artefact_is_refused_and_load_or_train_recovers(
    model_copy: Path, small_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (model_copy / MODEL_FILE).open("ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(ArtefactError, match="SHA-256"):
        ComplaintClassifier.load(model_copy)
    monkeypatch.setattr(ml.train, "DEFAULT_CORPUS", small_corpus)  # keep the retraining quick
    recovered = load_or_train(model_copy, triage_threshold=0.3)
    assert recovered.triage_threshold == 0.3
    assert recovered.predict("jalan rusak").topic in TOPIC_CODES


def test_untrusted_types_are_refused(model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ml.artifacts, "TRUSTED_TYPES", ("builtins.dict",))
    with pytest.raises(ArtefactError, match="untrusted"):
        ComplaintClassifier.load(model_copy)


def test_other_sklearn_version_is_refused(model_copy: Path) -> None:
    meta_path = model_copy / "metadata.json"
    meta = json.loads(meta_path.read_text())
    meta["sklearn_version"] = "0.0.1"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ArtefactError, match="scikit-learn"):
        ComplaintClassifier.load(model_copy)


def test_model_from_other_feature_code_is_refused_and_retrained(model_copy: Path) -> None:
    # a model trained before a normalisation / lexicon change would see differently normalised text
    meta_path = model_copy / "metadata.json"
    meta = json.loads(meta_path.read_text())
    current = meta["feature_code_sha256"]
    assert (
        current
        == hashlib.sha256(
            b"".join((Path(ml.artifacts.__file__).parent / n).read_bytes() for n in ml.artifacts.FEATURE_CODE)
        ).hexdigest()
    )
    meta["feature_code_sha256"] = "0" * 64
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ArtefactError, match="normalisation"):
        ComplaintClassifier.load(model_copy)
    assert load_or_train(model_copy).predict("jalan berlubang parah").topic == "jalan_jembatan"
    assert read_metadata(model_copy)["feature_code_sha256"] == current


def test_missing_model_dir(tmp_path: Path) -> None:
    with pytest.raises(ArtefactError):
        ComplaintClassifier.load(tmp_path / "nothing")


def test_fast_probability_path_matches_scikit_learn(classifier: ComplaintClassifier) -> None:
    assert classifier._fast is not None  # the shipped model's structure is supported
    texts = [*EXAMPLES, "petugas minta uang", "", "ada balap liar tiap malam"]
    x = classifier.features.transform([normalize(t) for t in texts])
    np.testing.assert_allclose(classifier._fast.topic_proba(x), classifier.topic_model.predict_proba(x), atol=1e-12)
    np.testing.assert_allclose(classifier._fast.aspect_proba(x), classifier.aspect_model.predict_proba(x), atol=1e-12)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # each of these went to another topic before 2026-12-05 (address, courtesy, tax or theft wording)
        ("Alamat: Jln Raya Cempaka RT 01 RW 04. Permasalahan: balita kami belum dapat MBG", "bantuan_sosial"),
        ("HP saya dicuri di depan masjid waktu salat jumat", "ketertiban_umum"),
        ("Mohon izin, saya mau tanya TPG triwulan ini kapan cair", "pendidikan"),
        ("jalan rusak sekali padahal kami rajin bayar pajak, ini kewenangan desa atau kabupaten?", "jalan_jembatan"),
    ],
)
def test_landmarks_addresses_and_courtesy_do_not_drive_the_topic(
    classifier: ComplaintClassifier, text: str, topic: str
) -> None:
    assert classifier.predict(text).topic == topic


def test_aspect_cues_add_the_unsur_real_complaints_word_differently(classifier: ComplaintClassifier) -> None:
    from ml.aspect_cues import aspect_cues_in

    assert aspect_cues_in(normalize("sudah lapor ke desa tapi gak ditanggapi")) == {"pengaduan"}
    assert aspect_cues_in(normalize("petugasnya judes dan membentak")) == {"perilaku"}
    assert aspect_cues_in(normalize("jalan berlubang di dusun kami")) == set()
    pred = classifier.predict("pembangunan talud di dusun kami, sudah lapor ke desa tapi gak ditanggapi, iuran 50rb")
    assert {"pengaduan", "biaya"} <= set(pred.aspects)
    assert list(pred.aspects) == [a for a in ASPECT_CODES if a in pred.aspects]
    assert classifier.predict("!!!").aspects == ()
