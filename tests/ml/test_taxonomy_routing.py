import json
import subprocess
import sys
from pathlib import Path

import pytest

from ml.routing import load_topic_routing
from ml.taxonomy import ASPECTS, TOPICS

DEMO_ROUTING = {
    "adminduk": "disdukcapil",
    "kesehatan": "dinkes",
    "pendidikan": "disdik",
    "jalan_jembatan": "dpupr",
    "penerangan_jalan": "dishub",
    "drainase_banjir": "dpupr",
    "lingkungan_sampah": "dlh",
    "air_bersih": "perumda-air-minum",
    "bantuan_sosial": "dinsos",
    "perizinan": "dpmptsp",
    "ketertiban_umum": "satpolpp",
    "transportasi": "dishub",
    "ketenagakerjaan": "disnaker",
    "pungli": "inspektorat",
    "kinerja_petugas": "inspektorat",
    "lainnya": None,
}


def test_taxonomy_codes_order_and_labels() -> None:
    assert list(TOPICS) == list(DEMO_ROUTING)
    assert list(ASPECTS) == [
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "kompetensi",
        "perilaku",
        "pengaduan",
        "sarana",
    ]
    for entry in (*TOPICS.values(), *ASPECTS.values()):
        assert set(entry) == {"id", "en"} and all(entry.values())


def test_default_routing_matches_demo_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_TOPIC_ROUTING", raising=False)
    assert load_topic_routing() == DEMO_ROUTING


def test_routing_path_from_env_and_missing_topics_are_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "routing.json"
    path.write_text(json.dumps({"adminduk": "capil-kota"}), encoding="utf-8")
    monkeypatch.setenv("PORTAL_TOPIC_ROUTING", str(path))
    routing = load_topic_routing()
    assert routing["adminduk"] == "capil-kota"
    assert routing["kesehatan"] is None and len(routing) == len(TOPICS)


@pytest.mark.parametrize("content", [{"bogus_topic": "x"}, {"adminduk": 3}, ["adminduk"]])
def test_invalid_routing_file(tmp_path: Path, content: object) -> None:
    path = tmp_path / "routing.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ValueError):
        load_topic_routing(path)


def test_ml_package_is_framework_free() -> None:
    code = (
        "import sys, ml, ml.taxonomy, ml.normalize, ml.pipeline, ml.artifacts, ml.classifier, ml.train, "
        "ml.evaluate, ml.routing, ml.cli, ml.calibration, ml.calibrate, ml.loop, ml.registry\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'litestar', 'piccolo', 'piccolo_api'}]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
