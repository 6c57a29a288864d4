"""Free text set inside a printed sentence: the capital a phone put on its first word."""
from __future__ import annotations

import pytest

from dialogs.formatting import lower_first


@pytest.mark.parametrize(("typed", "printed"), [
    ("Sur les places des mairies", "sur les places des mairies"), ("À Lormes le lundi", "à Lormes le lundi"),
    ("Chaque semaine", "chaque semaine"), ("Dans les mairies de Vabres", "dans les mairies de Vabres"),
    ("La Poste de Lormes", "La Poste de Lormes"), ("Lormes et Brassy", "Lormes et Brassy"),  # names
    ("SUR RDV", "SUR RDV"), ("", ""),
    # Plouaret: a function after "ayant pour signataire"; a name after its article keeps it
    ("Le directeur régional", "le directeur régional"), ("L'élu référent", "l'élu référent"),
    ("Le Bourg", "Le Bourg"), ("La Poste", "La Poste"), ("Les Lianes", "Les Lianes"), ("M. Vidal", "M. Vidal")])
def test_a_phones_capital_on_a_linking_word_is_lowered_and_a_name_keeps_its_own(typed, printed):
    assert lower_first(typed) == printed
