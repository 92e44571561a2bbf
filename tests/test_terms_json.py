"""An account's words are written as the JSON encoder writes them, from cached pieces."""

import json

from dateline.extract.happenings import term_weights
from dateline.store.happenings import terms_json


def test_terms_json_is_the_encoders_sorted_json():
    texts = [
        "Envoys met in Geneva on Tuesday to discuss the pipeline's sanctions and the grain corridor.",
        "Naïve résumés: the Zürich café reopened after shelling near Kharkiv's outskirts.",
        "Взрыв в Харькове: officials reported the blast in Kharkiv.",
        "",
    ]
    cases = [term_weights(text) for text in texts]
    cases += [
        {},
        {"b": 1.5, "a": 2.0, "B": 0.1, "é": 1e-7, "\u2019s": 3.25, 'quo"te': 12345.678901234567},
        {"whole": 3, "float": 3.0, "tiny": 5e-324, "big": 1.7976931348623157e308},
    ]
    cases.append({"whole": 3.0, "float": 3})  # the same (stem, weight) keys, the other type: not a cached "3"
    assert any(len(case) > 3 for case in cases[:3])
    for terms in cases:
        assert terms_json(terms) == json.dumps(terms, sort_keys=True)
