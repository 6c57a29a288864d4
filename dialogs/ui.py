"""The short French labels of the interface (buttons, commands, toasts), loaded from ui.yaml."""
from __future__ import annotations

from pathlib import Path


from dialogs.model import Strict
from dialogs.yaml_files import read_yaml

UI_FILE = Path(__file__).parent / "ui.yaml"


class Buttons(Strict):
    answer_yes: str
    answer_no: str
    back: str
    skip: str
    defer: str
    defer_partner: str  # a partner's questions not answered yet, all left for later
    confirm: str
    next_step: str
    edit: str
    resume: str
    progress: str
    help: str
    menu: str
    stage: str
    ticked: str
    unticked: str
    tick_all: str  # a stage's checklist, every item not shown by the answers: "tout est fait"
    untick_all: str
    fix: str
    answer: str
    checklist: str
    keep: str
    keep_answer: str
    keep_territory: str
    clear_answer: str
    restore_theirs: str  # {name}: a teammate's answer that one typed under the same question replaced
    date_keep: str
    date_fix: str
    projects: str
    project_open: str
    project_new: str
    project_cancel: str
    project_rename: str
    erase: str
    erase_cancel: str
    team: str
    team_invite: str
    team_invite_as: str
    team_member: str
    team_revoke: str
    team_set_role: str
    team_remove: str
    invite_accept: str
    invite_decline: str
    confirm_part: str
    project_delete: str
    project_delete_yes: str
    project_leave: str
    project_leave_yes: str
    referential: str
    referential_confirm: str


class ForfaitCaveats(Strict):
    """What a forfait's amount is not sure of, worded for one reader: the project team, or the Préfecture."""
    not_published: str
    no_year: str
    bonus: str
    bonus_amount: str


class BudgetTexts(Strict):
    add_investment: str
    add_operating: str
    add_resource: str
    forfait_caveats: ForfaitCaveats
    edit_lines: str
    chart: str
    open: str
    investment: str
    operating: str
    change_amount: str
    change_label: str
    change_category: str
    remove: str
    cancel: str
    line: str
    subsidy_label: str  # the subsidy as a resource, with its {funds}
    funds_separator: str
    chart_title: str
    chart_title_no_year: str
    set_year: str
    replace_line: str  # a line typed like one already there: its amount replaces that line's
    add_beside: str  # the same: added as one more line


class CheckKindTexts(Strict):
    """How the documents name one kind of rule and its three states."""

    heading: str        # the group's heading: "Exigences du cahier des charges"
    intro: str          # one sentence under the heading: what this kind of rule is
    name: str           # one rule of this kind, before its title in the list of what is not met
    satisfied: str      # "Respectée"
    not_met: str        # "Non respectée"
    pending: str        # "À renseigner"


class CheckKinds(Strict):
    """One entry per kind of rule of dialogs.model (REQUIREMENT, RECOMMENDATION, PLAUSIBILITY)."""

    exigence: CheckKindTexts
    recommandation: CheckKindTexts
    coherence: CheckKindTexts


class DocumentTexts(Strict):
    closed: str
    per_week: str
    missing_item: str
    missing_step: str
    missing_step_plural: str
    convention_signed_on: str
    evidence_item: str
    evidence_separator: str
    missing_budget: str
    requirements_all_met: str
    requirements_none: str
    requirements_count: str
    requirements_met: str
    requirements_met_plural: str
    requirements_not_met: str
    requirements_not_met_plural: str
    requirements_pending: str
    requirements_separator: str
    check_kinds: CheckKinds
    referential: str
    formula_none: str
    formula_rate: str
    formula_ceiling: str
    formula_floor: str
    formula_budget: str
    # A forfait (dialogs/budget.py, forfait_subsidy): the amount, each fund's share, what is not a fact yet.
    formula_forfait: str
    formula_forfait_budget: str
    formula_forfait_before_first: str
    formula_forfait_share: str
    formula_forfait_shares_separator: str
    forfait_caveats: ForfaitCaveats
    formula_forfait_rule: str
    formula_forfait_fund: str
    note_partial_year_forfait: str
    note_partial_year: str
    note_whole_year: str
    note_detr: str
    note_implausible: str
    caption_dossier: str
    caption_convention: str
    caption_checklist: str
    format_pdf: str
    format_docx: str
    draft_suffix: str
    final: str
    draft: str


class ReminderTexts(Strict):
    open: str
    set_date: str
    change_date: str
    calendar: str
    pause: str
    resume: str
    held_yes: str
    held_no: str
    cancel: str
    stop_nudge: str
    calendar_summary: str
    calendar_description: str
    calendar_alarm: str
    calendar_caption: str
    list_separator: str


class Commands(Strict):
    start: str
    menu: str
    avancement: str
    budget: str
    dossier: str
    conformite: str
    checklist: str
    a_traiter: str
    rappels: str
    projets: str
    equipe: str
    passage: str
    mes_donnees: str
    supprimer: str
    confidentialite: str
    aide: str


class Notices(Strict):
    stale: str
    required: str
    first: str
    pick_one: str
    budget_empty: str
    budget_ok_empty: str  # "ok" typed at a budget section without a line: no "none" said, nothing validated
    already_done: str
    not_allowed: str
    recall_changed: str  # "non" to a recalled answer's "Est-ce toujours exact ?"
    out_of_sight: str  # a bare yes or no typed under another screen than the yes/no question it would answer
    answered_by_teammate: str  # {name}: a question's button tapped after that teammate answered it
    moved_meanwhile: str  # a text typed under a question that a teammate's change has made pointless since
    replied_not_asked: str  # a text sent as a reply to a question the project's answers have made pointless
    replied_which: str  # a text sent as a reply to a message of several questions, fitting more than one
    replied_which_number: str  # the same under a numbered list ({number}: the first; {words}: the text's first)
    sent_twice: str  # the same text sent again at once, taken once for the question {prompt}
    replied_other_project: str  # a text sent as a reply to a message about another project ({project})
    elsewhere_not_taken: str  # {prompt}: an answer to a question of a step the project left, to give at its step
    recap_out_of_sight: str  # a text typed under another screen than the step's recap it would act on
    dossier_which: str  # "oui" under /dossier when both the final dossier and a draft are offered
    later_left: str  # a question opened from /a_traiter handled, others still left for later
    handover: str  # the project to hand over, said under /equipe: how, before the invitation's roles
    later_partner: str  # a partner's question opened from /a_traiter answered: its next one left for later, asked
    later_done: str  # the last question left for later handled: back where the user was
    name_corrected: str  # "pardon, je voulais dire…" at the territory: the project's name given just before
    project_created: str  # a project named with its territory in one message ("Territoire : …")
    project_renamed: str  # a new name typed after « ✏️ Renommer ce projet » under /projets
    name_correction: str  # how to correct that name, when the correction did not say it
    territory_corrected: str  # "pardon, je voulais dire…" at the choice of rules: the territory
    thanks: str  # "merci" typed at a question, which it does not answer
    contacts_unkept: str  # the phone and e-mail lines of a signature pasted at a question naming a person
    same_unkept: str  # the "idem" an answer starts with, not kept with the words after it ({lines})
    letter_unkept: str  # a letter's greeting, closing and signature, not kept with the answer ({lines})
    address_lines_unkept: str  # a letterhead's addressee, phone and e-mail lines pasted as an address
    abbreviated: str  # "bcp", "ds" in a text the dossier prints: said once per project
    first_person: str  # "moi", "je" in a text the dossier prints: the Préfecture reading it cannot tell who
    ticked_next: str  # a list's items that are another list's options, further in the step: ticked there ({items})
    hours_words_kept: str  # the places typed around a day's hours, kept in the step's tour, one line a day
    hours_words_unkept: str  # the same, when the step keeps no tour or its question holds the user's own text
    identity_changed: str  # a name answered again for another one: the answers given for the former, to check


class Terminal(Strict):
    no_token: str
    hint: str
    bye: str


class Startup(Strict):
    config_error: str
    guide_error: str
    database_unreachable: str
    database_login: str
    database_refused: str
    database_unusable: str
    database_read_only: str
    data_folder: str
    bot_api_unreachable: str
    bot_token_rejected: str


class PersonalTexts(Strict):
    """/mes_donnees: the two files sent."""

    json_filename: str
    pdf_filename: str
    json_caption: str
    pdf_caption: str


class AnimationTexts(Strict):
    idle_days: int  # a project without activity for longer is listed as quiet
    top_unmet: int  # how many requirements the list of the most often unmet shows
    starting: str
    stage: str
    finished: str
    csv_columns: list[str]
    csv_filename: str
    csv_caption: str


class UiTexts(Strict):
    buttons: Buttons
    budget: BudgetTexts
    documents: DocumentTexts
    reminders: ReminderTexts
    commands: Commands
    notices: Notices
    terminal: Terminal
    startup: Startup
    roles: dict[str, str]  # a membership's role as the user reads it
    animation: AnimationTexts
    personal: PersonalTexts


def load_ui(path: Path = UI_FILE) -> UiTexts:
    return UiTexts.model_validate(read_yaml(path))
