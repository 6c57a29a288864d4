"""The command line and the terminal conversation, as a newcomer without a token uses them."""
from __future__ import annotations

import builtins

import pytest
from sqlalchemy import create_engine, select

from bot.__main__ import main
from bot.config import SettingsError, load_settings
from store.models import Answer, Project

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture
def newcomer(tmp_path, monkeypatch):
    """A fresh directory, no token, no .env: as after a clone."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "WEBHOOK_URL", "TIMEZONE", "ADMIN_USER_IDS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def feed(monkeypatch, lines):
    remaining = list(lines)

    def fake_input(prompt=""):
        if not remaining:
            raise EOFError
        return remaining.pop(0)
    monkeypatch.setattr(builtins, "input", fake_input)


def test_run_without_a_token_opens_the_conversation_in_the_terminal(newcomer, monkeypatch, capsys):
    feed(monkeypatch, ["MSAP de Brioude", "Haute-Loire", "2", "Paul Martin", "#2", "1"])  # 2: the 2016 fiche
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("Pas de jeton Telegram (TELEGRAM_BOT_TOKEN) : la conversation s'ouvre ici, "
                                   "dans le terminal.")
    assert "Je suis le Guide MSAP" in out and "<b>" not in out
    assert "[#1] ↩️ Retour" in out and "[1] Temps plein" in out
    assert "Récapitulatif : Le chef de projet" in out and "➡️ question passée" in out and "➡️ Temps plein" in out
    assert "À bientôt" in out
    database = newcomer / "data" / "guide-msap.db"
    assert database.exists()
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        assert connection.scalar(select(Project.name)) == "MSAP de Brioude"
        assert connection.scalars(select(Answer.question_id)).all() == [
            "chef_projet_nom", "chef_projet_fonction", "chef_projet_temps"]
    engine.dispose()


def test_a_stage_s_number_typed_under_the_menu_opens_that_stage_as_in_telegram(newcomer, monkeypatch, capsys):
    feed(monkeypatch, ["MSAP de Brioude", "Haute-Loire", "2", "/menu", "5"])
    assert main(["run"]) == 0
    out = capsys.readouterr().out.split("Menu")[-1]
    assert "[#5] 2. Monter le partenariat" in out  # its fifth button, "#5"
    assert "Étape 5 : Calibrer l'équipe" in out


def test_the_terminal_resumes_where_the_user_stopped(newcomer, monkeypatch, capsys):
    feed(monkeypatch, ["MSAP de Brioude", "Haute-Loire", "2", "Paul Martin"])
    main(["chat"])
    feed(monkeypatch, ["1"])
    main(["chat"])
    out = capsys.readouterr().out.split("À bientôt")[1]
    assert "Bon retour" in out and "MSAP de Brioude" in out
    assert "Quelle est sa fonction" in out


def test_the_terminals_files_go_beside_the_database_it_was_given(newcomer, monkeypatch, capsys):
    elsewhere = newcomer / "elsewhere"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{elsewhere / 'projets.db'}")
    feed(monkeypatch, ["/mes_donnees"])
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    saved = sorted(path.name for path in elsewhere.iterdir() if path.suffix in (".json", ".pdf"))
    assert len(saved) == 2 and all(f"📎 {elsewhere / name}" in out for name in saved)
    assert not (newcomer / "data").exists()

def test_a_malformed_setting_stops_with_one_clear_line(newcomer, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://x@y/z")
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Configuration invalide : DATABASE_URL :")


@pytest.mark.parametrize("name, value", [("TELEGRAM_BOT_TOKEN", "not a token"), ("WEBHOOK_PORT", "http"),
                                         ("TIMEZONE", "Mars/Olympus"), ("ADMIN_USER_IDS", "12,abc"),
                                         ("WEBHOOK_URL", "http://insecure.example")])
def test_each_malformed_value_is_named(newcomer, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert raised.value.field == name


def test_settings_defaults_and_url_drivers(newcomer, monkeypatch):
    settings = load_settings()
    assert settings.database_url == "sqlite:///data/guide-msap.db"
    assert settings.timezone == "Europe/Paris" and settings.telegram_bot_token is None
    monkeypatch.setenv("DATABASE_URL", "postgresql://guide:secret@db.local:5432/msap")
    monkeypatch.setenv("ADMIN_USER_IDS", "11, 22")
    settings = load_settings()
    assert settings.database_url == "postgresql+psycopg://guide:secret@db.local:5432/msap"
    assert settings.admin_user_ids == [11, 22]


def test_settings_read_a_dot_env_file(newcomer):
    (newcomer / ".env").write_text("TELEGRAM_BOT_TOKEN=42:from-dot-env\nTIMEZONE=Europe/Brussels\n")
    settings = load_settings()
    assert settings.telegram_bot_token == "42:from-dot-env" and settings.timezone == "Europe/Brussels"
    assert "from-dot-env" not in repr(settings)


def test_check_guide_lists_stages_steps_and_questions(capsys):
    assert main(["check-guide"]) == 0
    out = capsys.readouterr().out
    assert "1. Établir un diagnostic pour définir le projet  [01-diagnostic.yaml]" in out
    assert "8 stage(s)" in out and "8. La Maison, outil de développement local  [08-developpement-local.yaml]" in out
    assert "chef_de_projet: " in out and "* " in out and "chef_projet_nom [short_text]" in out


def test_diagram_prints_mermaid(capsys):
    assert main(["diagram"]) == 0
    assert "stateDiagram-v2" in capsys.readouterr().out


def test_migrate_creates_the_schema(newcomer):
    assert main(["migrate"]) == 0
    assert (newcomer / "data" / "guide-msap.db").exists()
