"""The indoNLP word lists are vendored (ml/data/): the runtime must not import indoNLP, and the copies
must keep giving the normaliser the same lexicon (identical normalised text, hence identical topics)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ml import normalize

DATA = Path(normalize.__file__).parent / "data"


def test_vendored_lists_ship_with_their_licence():
    assert "MIT License" in (DATA / "LICENSE-indoNLP.txt").read_text()
    assert len(normalize.SLANG_DATA) > 4000
    assert len(normalize._INDONLP_STOPWORDS) > 700


def test_normaliser_uses_the_vendored_slang_lexicon():
    # Kamus Alay entries (not in the project lexicon) still normalise; protected abbreviations stay.
    assert "kk" not in normalize.PROJECT_LEXICON and normalize.SLANG_DATA.get("kk") == "kakak"
    assert normalize.normalize("kk saya blm dpt") == normalize.normalize("kk saya belum dapat")
    assert "kk" in normalize.normalize("kk saya").split()


def test_runtime_does_not_import_indonlp():
    code = "import sys; import ml.normalize, ml.classifier; sys.exit(1 if 'indoNLP' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_vendored_copies_equal_indonlp_when_it_is_installed():
    slang = pytest.importorskip("indoNLP.preprocessing.slang_data")
    stopwords = pytest.importorskip("indoNLP.preprocessing.stopwords_data")
    assert list(normalize.SLANG_DATA.items()) == list(slang.SLANG_DATA.items())
    assert frozenset(stopwords.STOPWORDS) == normalize._INDONLP_STOPWORDS


def test_editing_a_vendored_list_invalidates_the_model():
    from ml.artifacts import FEATURE_CODE

    vendored = {p.relative_to(DATA.parent).as_posix() for p in DATA.iterdir() if p.suffix in (".json", ".txt")}
    vendored.discard("data/LICENSE-indoNLP.txt")
    assert vendored and vendored <= set(FEATURE_CODE)
