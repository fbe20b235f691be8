import collections
import csv

from ml.corpus.build_corpus import build_rows
from ml.taxonomy import ASPECT_CODES, TOPIC_CODES
from ml.train import DEFAULT_CORPUS, load_corpus


def test_shipped_corpus_size_and_balance() -> None:
    rows = load_corpus()
    assert len(rows) >= 3000
    counts = collections.Counter(row["topic"] for row in rows)
    assert set(counts) == set(TOPIC_CODES)
    assert min(counts.values()) >= 100
    labelled = [row for row in rows if row["aspects_labelled"] == "1"]
    assert len(labelled) >= 1000
    assert sum(1 for row in labelled if row["aspects"]) >= 1000
    for row in rows:
        assert set(filter(None, row["aspects"].split(";"))) <= set(ASPECT_CODES)
    assert len({row["text"].lower() for row in rows}) == len(rows)


def test_shipped_csv_is_what_the_generator_produces() -> None:
    with DEFAULT_CORPUS.open(encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    assert build_rows() == shipped
