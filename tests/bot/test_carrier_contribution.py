"""What the carrier brings, typed as a Département running a France services bus would: a list read in part."""
from __future__ import annotations

from tests.bot.test_carrier_identity import current_values, reach_the_siret
from tests.support.walk import question_in

BROUGHT = "le bus lui-même (acheté 280 000 €), les deux conseillères, le chauffeur, le carburant et l'assurance"


async def reach_the_contribution(client, services):
    await reach_the_siret(client, services)
    await client.click("Je ne sais pas encore")
    await client.send("Hôtel du Département, 58039 Nevers Cedex")
    await client.send("M. Fabien Bazin, président du Conseil départemental")
    replies = await client.send("14/12/2026")
    assert question_in(services.guide, replies[-1]).id == "port_contribution"


async def test_a_list_read_in_part_names_every_part_not_read_and_keeps_the_text_as_its_details(client, services):
    """The bus and the driver were not read, the fuel was the only part named as not read, and the whole text, the
    details the convention asks for, was lost: after the options were ticked, "Précisez l'apport…" came empty."""
    guide = services.guide
    await reach_the_contribution(client, services)
    refused, asked = await client.send("le bus, le carburant, les deux conseillères, le chèque carburant")
    assert refused.text.startswith("⚠️ Je n'ai pas reconnu « le carburant » ni « le chèque carburant ».\n")

    refused, asked = await client.send(BROUGHT)
    assert refused.text == (
        "⚠️ Je n'ai pas reconnu « le carburant et l'assurance ».\n☑️ J'ai coché : Du personnel, Du matériel et des "
        "équipements. Touchez ce qui manque, puis « ✅ Valider ».\n📝 Votre texte est noté pour « Précisez l'apport "
        "de la structure porteuse. »")
    assert "☑️ Du personnel" in asked.labels and "☑️ Du matériel et des équipements" in asked.labels
    assert current_values(services, "port_contribution") == []  # nothing validated yet
    assert current_values(services, "port_contribution_detail")[-1] == BROUGHT  # kept at once, the last said

    await client.click("Une participation financière")
    recap = (await client.click("Valider"))[-1]
    assert current_values(services, "port_contribution") == [["personnel", "equipement", "financement"]]
    assert "📋 Récapitulatif : Le portage juridique" in recap.text  # not asked again
    assert f"Précisez l'apport de la structure porteuse.\n➡️ {BROUGHT}" in recap.text
    assert question_in(guide, recap) is None


async def test_a_mistyped_option_is_no_detail_to_keep(client, services):
    """"du personel": a typing error, suggested as the option it is, never kept as the convention's details."""
    await reach_the_contribution(client, services)
    refused, _ = await client.send("des locaux, du personel")
    assert "Vouliez-vous dire 1. Du personnel ?" in refused.text and "📝" not in refused.text
    assert current_values(services, "port_contribution_detail") == []
