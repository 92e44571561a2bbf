"""Datelines come off a headline; sentences that only look like one keep every word."""

from __future__ import annotations

import pytest

from dateline.extract.datelines import without_dateline


@pytest.mark.parametrize(
    "text",
    [
        "GENEVA (AP) — Envoys met for two hours on Friday.",
        "MOSCOW — Envoys met for two hours on Friday.",
        "KYIV, Ukraine — Envoys met for two hours on Friday.",
        "WARSAW, March 3 (Reuters) - Envoys met for two hours on Friday.",
        "Mar. 3 (UPI) -- Envoys met for two hours on Friday.",
        "NEW YORK, Sept. 12, 2022 (AFP) – Envoys met for two hours on Friday.",
        "— Envoys met for two hours on Friday.",
        "BRUSSELS: Envoys met for two hours on Friday.",
    ],
)
def test_a_dateline_comes_off(text: str) -> None:
    assert without_dateline(text) == "Envoys met for two hours on Friday."


@pytest.mark.parametrize(
    "text",
    [
        "Envoys met for two hours on Friday - and agreed on nothing.",
        "The EU - still divided - met on Friday.",
        "NATO - 30 members strong - met on Friday.",  # a dash after a name that is not a dateline
        "OSCE monitors counted 500 blasts: more than on any day this year.",
        "UN",
    ],
)
def test_a_sentence_without_a_dateline_is_kept_whole(text: str) -> None:
    assert without_dateline(text) == text
