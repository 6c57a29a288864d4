"""When a name answered anew names someone or something else, and when it only puts the former one right."""
from __future__ import annotations

import pytest

from states.renamed import another_name, names_member


@pytest.mark.parametrize(("before", "after", "another"), [
    ("Élodie Vergne", "Élodie Vergne-Chabrier", False), ("Élodie Vergne-Chabrier", "Élodie Vergne", False),
    ("Commune de Remalard", "Commune de Rémalard", False), ("Communauté de communes", "Communauté de communes "
                                                           "Hautes Terres", False),
    ("Élodie Vergne", "Gilles Chabrier", True), ("Commune de Murat", "Communauté de communes du Pays de Murat", True),
    ("Commune de Rémalard-en-Perche", "Communauté de communes Cœur du Perche", True)])
def test_a_name_completed_or_put_right_is_the_same_one(before, after, another):
    assert another_name(before, after) is another


@pytest.mark.parametrize(("answer", "member", "named"), [
    ("Marie-Paule Santoni", "Marie-Paule Santoni", True), ("marie-paule santoni", "Marie-Paule Santoni", True),
    ("Marie-Paule Santoni-Leca", "Marie-Paule Santoni", True), ("Marie Dupont", "Marie", False),
    ("Jean Martin", "Marie-Paule Santoni", False), (None, "Marie-Paule Santoni", False)])
def test_an_answer_names_a_member_by_their_full_name_only(answer, member, named):
    assert names_member(answer, member) is named
