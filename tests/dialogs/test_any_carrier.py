"""A centre social run by an association carries Maisons too: the guide does not take the carrier for a
collectivité where it asks about it."""
from __future__ import annotations

from dialogs.loader import load_guide


def test_no_question_takes_the_carrier_for_a_collectivite():
    """"La collectivité a-t-elle déjà du personnel pour la Maison ?" was asked of an association."""
    said = [question.id for question in load_guide().question_list if "collectivité" in question.prompt.lower()]
    assert said == []



def test_a_fixed_place_is_not_said_to_be_a_collectivite_s():
    """The dossier printed "point fixe dans une collectivité" for the centre social's own premises."""
    modes = load_guide().questions["port_modes"]
    assert not any("collectivité" in option.label for option in modes.options)
