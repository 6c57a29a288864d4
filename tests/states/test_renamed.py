"""When a name answered anew names someone or something else, and when it only puts the former one right."""
from __future__ import annotations

import pytest

from states.renamed import another_name


@pytest.mark.parametrize(("before", "after", "another"), [
    ("Élodie Vergne", "Élodie Vergne-Chabrier", False), ("Élodie Vergne-Chabrier", "Élodie Vergne", False),
    ("Commune de Remalard", "Commune de Rémalard", False), ("Communauté de communes", "Communauté de communes "
                                                           "Hautes Terres", False),
    ("Élodie Vergne", "Gilles Chabrier", True), ("Commune de Murat", "Communauté de communes du Pays de Murat", True),
    ("Commune de Rémalard-en-Perche", "Communauté de communes Cœur du Perche", True)])
def test_a_name_completed_or_put_right_is_the_same_one(before, after, another):
    assert another_name(before, after) is another
