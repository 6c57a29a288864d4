"""Migration 0005 carries the answers of the old guide over to the new one, append-only and idempotent."""
from __future__ import annotations

import importlib.util
from datetime import datetime, timezone

import pytest
from sqlalchemy import JSON, BigInteger, Boolean, DateTime, bindparam, text

from store import migrate
from tests.store.test_migrations import HEAD

FIRST_USER, SECOND_USER = 7_000_000_001, 7_000_000_002
LONG_AGO = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)

_ADD_USER = text('INSERT INTO "user" (id, name, created_at, creating_project) VALUES (:id, :name, :at, :no)'
                 ).bindparams(bindparam("id", type_=BigInteger), bindparam("at", type_=DateTime(timezone=True)),
                              bindparam("no", type_=Boolean))
_ADD_PROJECT = text("INSERT INTO project (name, referential, referential_version, state, revision, created_at, "
                    "updated_at) VALUES (:name, 'msap', '2024.1', 'welcome', 0, :at, :at) RETURNING id"
                    ).bindparams(bindparam("at", type_=DateTime(timezone=True)))
_ADD_ANSWER = text("INSERT INTO answer (project_id, question_id, kind, status, value, user_id, created_at, "
                   "is_current) VALUES (:project, :question, :kind, :status, :value, :user, :at, :current)"
                   ).bindparams(bindparam("value", type_=JSON), bindparam("user", type_=BigInteger),
                                bindparam("at", type_=DateTime(timezone=True)), bindparam("current", type_=Boolean))
_ADD_LINE = text("INSERT INTO budget_line (project_id, user_id, created_at, is_current, line_key, section, "
                 "category, label, cents, use, removed) VALUES (:project, :user, :at, :current, :key, :section, "
                 "'autre', 'Ligne', :cents, :use, :removed)"
                 ).bindparams(bindparam("user", type_=BigInteger), bindparam("at", type_=DateTime(timezone=True)),
                              bindparam("current", type_=Boolean), bindparam("removed", type_=Boolean))
_ROWS = text("SELECT id, project_id, question_id, kind, status, value, user_id, is_current FROM answer ORDER BY id"
             ).columns(value=JSON)
_CURRENT = text("SELECT question_id, kind, status, value, user_id FROM answer "
                "WHERE project_id = :project AND is_current ORDER BY question_id").columns(value=JSON)
# Rows the upgrade added: after every old row, by id and by date (no wall clock read).
_ADDED = text("SELECT count(*) FROM answer WHERE id > :last AND step_id IS NULL AND created_at >= "
              "(SELECT max(created_at) FROM answer WHERE id <= :last)")
_CURRENT_PER_QUESTION = text("SELECT max(n) FROM (SELECT count(*) AS n FROM answer WHERE is_current "
                             "GROUP BY project_id, question_id) AS counted")


def load_migration():
    """The 0005 module, for its pure French-decimal parser (its file name is no importable module name)."""
    path = next((migrate.MIGRATIONS_DIR / "versions").glob("0005_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0005", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OldGuide:
    """A database at revision 0004, filled the way the old guide left it."""

    def __init__(self, connection) -> None:
        self.connection = connection

    def user(self, user_id: int, name: str) -> None:
        self.connection.execute(_ADD_USER, {"id": user_id, "name": name, "at": LONG_AGO, "no": False})

    def project(self, name: str) -> int:
        return self.connection.execute(_ADD_PROJECT, {"name": name, "at": LONG_AGO}).scalar_one()

    def answer(self, project: int, question: str, kind: str, status: str, value, user: int = FIRST_USER,
               current: bool = True) -> None:
        self.connection.execute(_ADD_ANSWER, {"project": project, "question": question, "kind": kind,
                                              "status": status, "value": value, "user": user, "at": LONG_AGO,
                                              "current": current})

    def line(self, project: int, key: int, section: str, use: str, cents: int, user: int = FIRST_USER,
             current: bool = True, removed: bool = False) -> None:
        self.connection.execute(_ADD_LINE, {"project": project, "user": user, "at": LONG_AGO, "current": current,
                                            "key": key, "section": section, "cents": cents, "use": use,
                                            "removed": removed})


def fill(connection) -> dict[str, int]:
    """Three projects covering every rule: one where each applies, one where it must not, one of other statuses."""
    old = OldGuide(connection)
    old.user(FIRST_USER, "Camille")
    old.user(SECOND_USER, "Dominique")
    full, kept, others = old.project("Maison de Lure"), old.project("Maison de Vesoul"), old.project("Maison de Gray")

    # a. merges into questions with no answer; an older, superseded answer does not travel.
    old.answer(full, "comite_pilotage_annuel", "yes_no", "answered", True)
    old.answer(full, "cooperation_cellule_nationale", "yes_no", "skipped", None, user=SECOND_USER)
    old.answer(full, "exigences_partenaires", "multi_choice", "answered", ["locaux"], current=False)
    old.answer(full, "exigences_partenaires", "multi_choice", "answered", ["locaux", "formation"])
    old.answer(full, "dev_signaletique", "yes_no", "answered", False, user=SECOND_USER)
    # b. every fact of exigences_structure; its "signaletique" loses to the explicit answer merged above.
    old.answer(full, "exigences_structure", "multi_choice", "answered",
               ["horaires_24h", "espace_confidentiel", "signaletique", "point_accueil", "internet_haut_debit",
                "deontologie", "evaluation_actions"])
    # c.
    old.answer(full, "tech_charte_graphique", "yes_no", "answered", True)
    # d.
    old.answer(full, "equipe_etp", "short_text", "answered", "1 ETP", current=False)
    old.answer(full, "equipe_etp", "short_text", "answered", "1,5 ETP", user=SECOND_USER)
    # e.
    old.answer(full, "dev_tableau_bord_outil", "choice", "answered", "portail_national")
    old.answer(full, "dev_outils_reseau", "multi_choice", "answered", ["messagerie", "portail_collaboratif"])
    # f. lines: an old version and a removal are left out; the latest line's author answers.
    old.line(full, 1, "charge", "fonctionnement", 500_000, current=False)
    old.line(full, 1, "charge", "fonctionnement", 600_000)
    old.line(full, 2, "charge", "fonctionnement", 4_000_000, user=SECOND_USER)
    old.line(full, 3, "charge", "fonctionnement", 90_000, current=False)
    old.line(full, 3, "charge", "fonctionnement", 90_000, removed=True)
    old.line(full, 4, "charge", "investissement", 1_000_000)
    old.line(full, 5, "resource", "fonctionnement", 2_000_000, user=SECOND_USER)
    old.line(full, 6, "resource", "investissement", 500_000)

    # Both the dropped and the kept question answered: the kept one wins, even deferred.
    old.answer(kept, "comite_pilotage_annuel", "yes_no", "answered", True)
    old.answer(kept, "dev_comite_annuel", "yes_no", "answered", False)
    old.answer(kept, "exigences_partenaires", "multi_choice", "answered", ["locaux"])
    old.answer(kept, "part_obligations", "multi_choice", "deferred", None)
    # Seeds never overwrite; only what is left seeds.
    old.answer(kept, "exigences_structure", "multi_choice", "answered", ["point_attente", "deontologie",
                                                                          "horaires_24h"])
    old.answer(kept, "tech_espaces", "multi_choice", "answered", ["point_accueil"])
    old.answer(kept, "tech_charte_graphique", "yes_no", "answered", False)
    old.answer(kept, "equipe_etp", "short_text", "answered", "à peu près deux personnes")
    old.answer(kept, "dev_tableau_bord_outil", "choice", "answered", "tableur")
    old.answer(kept, "dev_outils_reseau", "multi_choice", "answered", ["portail_collaboratif"])
    old.answer(kept, "budget_ressources", "budget_lines", "answered", 123)
    old.line(kept, 1, "resource", "fonctionnement", 2_000_000)
    old.line(kept, 2, "charge", "fonctionnement", 300_000, removed=True)

    # Other statuses.
    old.answer(others, "equipe_etp", "short_text", "skipped", None, user=SECOND_USER)
    old.answer(others, "exigences_structure", "multi_choice", "deferred", None)
    old.answer(others, "tech_charte_graphique", "yes_no", "deferred", None)
    old.answer(others, "dev_tableau_bord_outil", "choice", "skipped", None)
    return {"full": full, "kept": kept, "others": others}


def current(connection, project: int) -> dict[str, tuple]:
    return {question: (kind, status, value, user)
            for question, kind, status, value, user in connection.execute(_CURRENT, {"project": project})}


@pytest.fixture
def old_database(database_url, engine) -> dict[str, int]:
    migrate.upgrade(database_url, "0004")
    with engine.begin() as connection:
        return fill(connection)


def test_answers_are_carried_over_to_the_new_guide(database_url, engine, old_database):
    full, kept, others = old_database["full"], old_database["kept"], old_database["others"]
    with engine.connect() as connection:
        before = {row.id: row for row in connection.execute(_ROWS)}
        current_before = {project: current(connection, project) for project in old_database.values()}
    migrate.upgrade(database_url)

    with engine.connect() as connection:
        assert current(connection, full) == current_before[full] | {
            "dev_comite_annuel": ("yes_no", "answered", True, FIRST_USER),
            "dev_cooperation_cellule": ("yes_no", "skipped", None, SECOND_USER),
            "part_obligations": ("multi_choice", "answered", ["locaux", "formation"], FIRST_USER),
            "tech_signaletique": ("yes_no", "answered", False, SECOND_USER),
            "tech_espaces": ("multi_choice", "answered", ["point_accueil", "espace_confidentiel"], FIRST_USER),
            "tech_equipements": ("multi_choice", "answered", ["internet_haut_debit"], FIRST_USER),
            "dev_engagement_deontologie": ("yes_no", "answered", True, FIRST_USER),
            "dev_engagement_evaluation": ("yes_no", "answered", True, FIRST_USER),
            "tech_charte_connue": ("yes_no", "answered", True, FIRST_USER),
            "equipe_etp": ("decimal", "answered", "1.5", SECOND_USER),
            "dev_tableau_bord_outil": ("choice", "deferred", None, FIRST_USER),
            "dev_outils_reseau": ("multi_choice", "answered", ["messagerie"], FIRST_USER),
            "budget_charges_fonctionnement": ("budget_lines", "answered", 4_600_000, SECOND_USER),
            "budget_charges_investissement": ("budget_lines", "answered", 1_000_000, FIRST_USER),
            "budget_ressources": ("budget_lines", "answered", 2_500_000, FIRST_USER),
        }
        assert current(connection, kept) == current_before[kept] | {
            "dev_engagement_deontologie": ("yes_no", "answered", True, FIRST_USER),
            "equipe_etp": ("decimal", "deferred", None, FIRST_USER),
            "dev_outils_reseau": ("multi_choice", "deferred", None, FIRST_USER),
        }
        assert current(connection, others) == current_before[others] | {
            "equipe_etp": ("decimal", "skipped", None, SECOND_USER),
        }

        after = {row.id: row for row in connection.execute(_ROWS)}
        # Nothing lost: every old row is still there with its value; only is_current moved, on the rows replaced.
        replaced = {(full, "equipe_etp"), (full, "dev_tableau_bord_outil"), (full, "dev_outils_reseau"),
                    (kept, "equipe_etp"), (kept, "dev_outils_reseau"), (others, "equipe_etp")}
        for row_id, old in before.items():
            new = after[row_id]
            assert new[:7] == old[:7]
            assert new.is_current == (old.is_current and (old.project_id, old.question_id) not in replaced)
        added = [row for row_id, row in after.items() if row_id not in before]
        assert len(added) == 15 + 3 + 1
        assert all(row.is_current for row in added)
        # The added rows are dated now and belong to the question's own step.
        assert connection.execute(_ADDED, {"last": max(before)}).scalar_one() == len(added)
        assert connection.execute(_CURRENT_PER_QUESTION).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM budget_line")).scalar_one() == 10


def test_a_second_run_changes_nothing(database_url, engine, old_database):
    migrate.upgrade(database_url)
    with engine.connect() as connection:
        first = connection.execute(_ROWS).all()

    migrate.downgrade(database_url, "0004")
    assert migrate.current(database_url) == "0004"
    with engine.connect() as connection:
        assert connection.execute(_ROWS).all() == first  # the downgrade keeps the added rows, as history
    migrate.upgrade(database_url)

    assert migrate.current(database_url) == HEAD
    with engine.connect() as connection:
        assert connection.execute(_ROWS).all() == first
        assert connection.execute(_CURRENT_PER_QUESTION).scalar_one() == 1


def test_a_database_with_no_projects_upgrades(database_url, engine):
    migrate.upgrade(database_url, "0004")
    with engine.begin() as connection:
        OldGuide(connection).user(FIRST_USER, "Camille")
    migrate.upgrade(database_url)
    assert migrate.current(database_url) == HEAD
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM answer")).scalar_one() == 0


@pytest.mark.parametrize(("text_value", "number"), [
    ("1,5 ETP", "1.5"), ("1.5", "1.5"), ("2", "2"), ("0,8 etp", "0.8"), ("1 ETP", "1"), ("0", "0"),
    ("2,50", "2.5"), ("10", "10"), ("1000", "1000"), (" 1,25\u00a0ETP ", "1.25"), ("1,5 ETP.", "1.5"),
    ("1 équivalent temps plein", "1"), ("2 Équivalents temps plein", "2"), ("0,5etp", "0.5"),
])
def test_old_fte_texts_that_are_numbers(text_value, number):
    assert load_migration().parse_fte(text_value) == number


@pytest.mark.parametrize("text_value", [
    "", "deux", "1001", "1,555", "-1", "1,5 jours", "environ 2", "1 à 2", "1,5 ETP et demi", ",5", None, 3,
])
def test_old_fte_texts_that_are_not(text_value):
    assert load_migration().parse_fte(text_value) is None
