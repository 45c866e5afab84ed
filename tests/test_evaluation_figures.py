"""Figure scoring: same quantity and value match one-to-one; as_of and attribution over pairs."""

from __future__ import annotations

from wirewatch.evaluation.figures import attribution_agrees, match_figures, score_figures
from wirewatch.evaluation.scoring import score


def _fig(quantity, value, as_of=None, by=None):
    return {"quantity": quantity, "value": value, "about": "x", "as_of": as_of, "attributed_to": by,
            "evidence": "..."}


def test_pairs_need_the_same_quantity_and_value_and_match_once() -> None:
    preds = [_fig("troops", 900), _fig("rockets", 900), _fig("troops", 900)]
    golds = [_fig("troops", 900)]
    assert match_figures(preds, golds) == [(0, 0)]
    assert match_figures([_fig("troops", 901)], golds) == []
    assert match_figures([{"quantity": "troops", "value": "many"}], golds) == []


def test_precision_recall_and_field_accuracies() -> None:
    predicted = [{"id": "a", "figures": [_fig("troops", 2000, "2023-05", "the Pentagon spokesman Tom Smith"),
                                        _fig("rockets", 6, "2023-05-02"), _fig("drones", 3)]}]
    gold = [{"id": "a", "figures": [_fig("troops", 2000, "2023-05", "Tom Smith"), _fig("rockets", 6, "2023-05"),
                                    _fig("attacks", 40)]},
            {"id": "b", "figures": [_fig("troops", 10)]}]
    report = score_figures(predicted, gold)
    assert (report.figures.tp_gold, report.figures.n_pred, report.figures.n_gold) == (2, 3, 4)
    assert report.figures.precision == 2 / 3 and report.figures.recall == 2 / 4
    assert (report.as_of.correct, report.as_of.total) == (1, 2)  # 2023-05-02 is not 2023-05
    assert (report.attributed_to.correct, report.attributed_to.total) == (2, 2)  # both unset agrees too


def test_attribution_shares_a_name_word_not_a_title() -> None:
    assert attribution_agrees("porte-parole John Kirby", "John Kirby")
    assert not attribution_agrees("porte-parole du Pentagone", "porte-parole de la coalition")
    assert not attribution_agrees("CENTCOM", None)
    assert attribution_agrees(None, None)


def test_gold_without_figures_reports_none_and_with_figures_adds_metrics() -> None:
    event = {"type": "Protests", "subtype": "Peaceful protest", "date": "2023-05-01", "country": "FR"}
    no_figs = score([{"id": "a", "events": [event]}], [{"id": "a", "events": [event]}])
    assert no_figs.figures is None and "figures.f1" not in no_figs.metrics()
    with_figs = score([{"id": "a", "events": [event], "figures": [_fig("troops", 5)]}],
                      [{"id": "a", "events": [event], "figures": [_fig("troops", 5), _fig("troops", 7)]}])
    assert with_figs.metrics()["figures.recall"] == 0.5
    assert with_figs.to_dict()["figures"]["figures"]["matched"] == 1
