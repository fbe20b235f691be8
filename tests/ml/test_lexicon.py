"""The curated topic lexicon feature block."""

import numpy as np

from ml.lexicon import TOPIC_LEXICON
from ml.normalize import normalize
from ml.pipeline import TopicLexicon
from ml.taxonomy import TOPIC_CODES


def test_lexicon_covers_every_topic_and_keywords_are_normalised() -> None:
    assert set(TOPIC_LEXICON) == set(TOPIC_CODES)
    for words in TOPIC_LEXICON.values():
        for word in words.split():
            assert word == word.lower() and word.isalpha()


def test_lexicon_counts_prefix_and_whole_word_hits() -> None:
    topics = sorted(TOPIC_LEXICON)
    x = TopicLexicon(weight=1.0).fit_transform([normalize("sekolahnya minta pungutan, guru diam"), "", "kk"])
    dense = x.toarray()
    assert dense.shape == (3, len(topics))
    assert dense[0].argmax() == topics.index("pendidikan")
    assert np.isclose(np.linalg.norm(dense[0]), 1.0)
    assert not dense[1].any()
    assert dense[2, topics.index("adminduk")] > 0
    # short keywords match whole words only: "kk" does not fire inside "kkn"
    assert not TopicLexicon().transform(["kkn"]).toarray().any()
