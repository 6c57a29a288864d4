"""The accents a phone left out, restored in the documents for the Préfecture, never where a word is French bare."""
from __future__ import annotations

import dataclasses
import pytest

from dialogs.accents import ACCENTS_FILE, with_accents
from dialogs.folding import fold
from dialogs.yaml_files import read_yaml
from dossier.markup import environment, render_html
from tests.dossier.sample import sample_dossier


@pytest.mark.parametrize(("typed", "printed"), [
    ("Communaute de communes du Sud de Mayotte (CCSud)", "Communauté de communes du Sud de Mayotte (CCSud)"),
    ("president de la CCSud", "président de la CCSud"),
    ("charge de mission a la CC du Sud", "chargé de mission a la CC du Sud"),  # "a" may be the verb: as typed
    ("la PREFECTURE et les sous-prefectures", "la PRÉFECTURE et les sous-préfectures"),
    ("Etat civil, elus", "État civil, élus"),
    ("les demarches en ligne sont un gros probleme", "les démarches en ligne sont un gros problème"),
    # Les Rousses: the signatory for La Poste, printed in the convention
    ("La Poste - Direction regionale Bourgogne Franche-Comte (Besancon)",
     "La Poste - Direction régionale Bourgogne Franche-Comté (Besançon)"),
    ("M. le Sous-Prefet", "M. le Sous-Préfet"),
    # Rémalard-en-Perche: where the permanences are held, printed in the dossier
    ("a Bretoncelles le mercredi matin", "à Bretoncelles le mercredi matin"),
    ("la mairie, a Condeau, et (a Moutiers)", "la mairie, à Condeau, et (à Moutiers)"),
    ("A Mortagne", "À Mortagne"),
    ("meme equipe, les personnes agees, fibre prevue, residences secondaires l'ete",
     "même équipe, les personnes âgées, fibre prévue, résidences secondaires l'été"),
    ("rue de l'eglise, rdc, a coté de la mairie", "rue de l'église, rdc, à côté de la mairie"),
    ("panneau sur la facade", "panneau sur la façade"),
    ("2 agents a recruter, présentoir a acheter, adjoint au maire charge de la vie locale",
     "2 agents à recruter, présentoir à acheter, adjoint au maire chargé de la vie locale"),
    ("1 journee/an par operateur, patience, discretion, la guichetiere, un presentoir",
     "1 journée/an par opérateur, patience, discrétion, la guichetière, un présentoir"),
])
def test_words_typed_without_their_accents_get_them(typed, printed):
    assert with_accents(typed) == printed


@pytest.mark.parametrize("typed", [
    "en charge de la mission", "pres du marche, sur la cote", "où ou à", "Présidente", "une marche a suivre",
    "on a France Travail le mardi", "a la CC"])
def test_words_french_without_accents_or_typed_with_them_stay_as_typed(typed):
    assert with_accents(typed) == typed


def test_every_word_listed_has_an_accent_to_restore():
    data = read_yaml(ACCENTS_FILE)
    assert all(fold(word) != word.lower() for word in [*data["words"], *data["phrases"].values()])


def test_the_dossier_prints_the_accents_and_what_is_kept_about_a_user_stays_as_typed():
    dossier = sample_dossier()
    dossier = dataclasses.replace(dossier, carrier=dataclasses.replace(
        dossier.carrier, name="Communaute de communes du Sud", function="president"))
    letter = render_html("dossier.html.j2", dossier)
    assert "Communauté de communes du Sud" in letter and "Communaute" not in letter
    assert "Président" in letter
    # /mes_donnees's PDF shows what is stored: its environment restores nothing.
    assert environment().from_string("{{ name }}").render(name="Communaute") == "Communaute"


def test_a_partner_s_short_name_keeps_its_article():
    """Rémalard-en-Perche: the partners' table printed « Là Poste », « Là CAF »: its first letter was raised apart,
    and « a Poste » read as « à » before a place."""
    letter = render_html("dossier.html.j2", sample_dossier())
    assert "La Poste" in letter and "Là" not in letter
