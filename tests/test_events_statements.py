"""What counts as an event: tallies, negated claims, recalled clauses, crowds, funerals, arson.

Sentences written for these tests (French and English); each test names the rule it checks.
"""

from __future__ import annotations

from wirewatch.documents import to_document
from wirewatch.extraction import extract
from wirewatch.model import Article

PUBLISHED = "2023-05-10"  # a Wednesday: "mardi"/"Tuesday" is 2023-05-09, "dimanche"/"Sunday" 2023-05-07


def events(text: str, lang: str):
    doc = to_document(Article(id="t", source="test", text=text, published=PUBLISHED, lang=lang))
    assert not hasattr(doc, "reason"), f"document discarded: {doc}"
    return extract(doc).events


# --- rule_tally: counts of happenings --------------------------------------------------------

def test_tally_of_times_is_no_event_fr():
    assert events("Depuis janvier, la garnison a été attaquée au moins 40 fois dans la région.", "fr") == ()


def test_tally_of_times_is_no_event_en():
    assert events("The garrison has been attacked at least 40 times in the region since January.", "en") == ()


def test_ordinal_rank_over_a_period_is_no_new_event_fr():
    evs = events("Un convoi a été attaqué dimanche près de Nassiriya. "
                 "C'est le cinquième convoi logistique à être attaqué ce mois.", "fr")
    assert len(evs) == 1 and "dimanche" in evs[0].evidence


def test_ordinal_rank_over_a_period_is_no_new_event_en():
    evs = events("A convoy was hit by a roadside bomb near Nasiriyah on Sunday. "
                 "It was the fifth supply convoy attacked this month.", "en")
    assert len(evs) == 1 and "Sunday" in evs[0].evidence


def test_first_of_several_attacks_is_still_an_event_fr():
    evs = events("La première attaque a eu lieu dimanche dans la province de Diwaniyah.", "fr")
    assert len(evs) == 1


# --- rule_claim_negated: nobody claimed an attack told elsewhere -----------------------------

def test_negated_claim_adds_no_event_fr():
    evs = events("Une bombe a explosé dimanche à Kirkouk. Aucun groupe n'a revendiqué la responsabilité de l'attaque.", "fr")
    assert len(evs) == 1 and "bombe" in evs[0].evidence


def test_negated_claim_adds_no_event_en():
    evs = events("A bomb exploded in Kirkuk on Sunday. No group has claimed responsibility for the attack.", "en")
    assert len(evs) == 1 and "bomb exploded" in evs[0].evidence


def test_attack_as_subject_of_a_negation_is_still_told_fr():
    # 'le tir n'a pas fait de victimes': the attack is the subject, it happened
    evs = events("Le tir de roquettes n'a pas fait de victimes dimanche à Kirkouk.", "fr")
    assert len(evs) == 1


# --- recalled clause: two happenings in one sentence -----------------------------------------

def test_recalled_clause_is_not_the_sentence_news_fr():
    evs = events("Après des frappes aériennes qui ont tué dimanche 12 combattants, des centaines de "
                 "manifestants ont attaqué mardi le consulat à Bassorah.", "fr")
    news = [e for e in evs if not e.background]
    assert [e.subtype for e in news] == ["Violent demonstration"]
    assert news[0].fatalities is None
    assert str(news[0].date) == "2023-05-09"


def test_recalled_clause_with_its_own_date_is_its_own_background_event_fr():
    evs = events("Après des frappes aériennes dimanche contre un camp, des centaines de "
                 "manifestants ont attaqué mardi le consulat à Bassorah.", "fr")
    earlier = [e for e in evs if e.background]
    assert [e.subtype for e in earlier] == ["Air/drone strike"]
    assert str(earlier[0].date) == "2023-05-07"


def test_recalled_clause_counts_do_not_leak_en():
    evs = events("After air strikes killed 12 fighters on Sunday, hundreds of protesters attacked "
                 "the consulate in Basra on Tuesday.", "en")
    riots = [e for e in evs if e.subtype == "Violent demonstration"]
    assert len(riots) == 1 and riots[0].fatalities is None
    assert str(riots[0].date) == "2023-05-09"


# --- crowds, funerals, arson ------------------------------------------------------------------

def test_crowd_attacking_after_a_clause_is_a_riot_fr():
    evs = events("Après des semaines de tension, des milliers de manifestants ont violemment attaqué mardi le consulat.", "fr")
    assert [e.subtype for e in evs] == ["Violent demonstration"]


def test_crowd_attacking_is_a_riot_en():
    evs = events("Hundreds of protesters attacked the consulate in Basra on Tuesday.", "en")
    assert [e.subtype for e in evs] == ["Violent demonstration"]


def test_riot_does_not_merge_into_an_earlier_rocket_attack_fr():
    evs = events("Trois roquettes ont visé mardi une base à Bagdad. "
                 "Des milliers de manifestants ont attaqué mardi le consulat à Bagdad.", "fr")
    assert sorted(e.subtype for e in evs) == ["Shelling/artillery/missile attack", "Violent demonstration"]


def test_funeral_procession_is_not_a_protest_fr():
    evs = events("Le cortège funéraire des deux journalistes a traversé mardi la ville de Mossoul.", "fr")
    assert evs == ()


def test_arson_without_a_crowd_is_not_a_riot_fr():
    evs = events("Des hommes armés ont attaqué mardi le camp de Tillia, et des véhicules ont été incendiés.", "fr")
    assert "Violent demonstration" not in [e.subtype for e in evs]


def test_arson_by_a_crowd_is_a_riot_fr():
    evs = events("Mardi, des manifestants en colère ont incendié la mairie de Tillia.", "fr")
    assert [e.subtype for e in evs] == ["Violent demonstration"]


def test_crowd_protesting_an_air_strike_is_no_riot_en():
    # the crowd is the object of the dispersal; the strikes are what it protests
    evs = events("Police fired teargas on Tuesday to disperse the crowd which had gathered to protest "
                 "air strikes in Basra.", "en")
    assert "Violent demonstration" not in [e.subtype for e in evs]


# --- modality, comparison, one agreement -------------------------------------------------------

def test_obligation_under_a_modal_is_no_event_fr():
    evs = events("Le ministre a annoncé mardi que les soldats devaient achever leur retrait de la base d'Erbil.", "fr")
    assert evs == ()


def test_what_was_managed_under_a_modal_participle_is_an_event_fr():
    evs = events("Mardi, des centaines de manifestants ont pu se rassembler devant le ministère à Bagdad.", "fr")
    assert [e.type for e in evs] == ["Protests"]


def test_comparison_clause_is_no_event_fr():
    evs = events("Les rebelles se disent prêts à combattre, de même qu'ils ont attaqué des convois à "
                 "Mossoul lors de la guerre.", "fr")
    assert evs == ()


def test_agreement_signed_in_two_places_is_one_event_fr():
    evs = events("Les délégations ont signé mardi un accord de cessez-le-feu à Bagdad et à Erbil.", "fr")
    assert [e.subtype for e in evs] == ["Agreement"]


def test_withdrawal_inside_a_wish_is_no_event_fr():
    evs = events("Nous espérons que la délégation obtiendra la souveraineté et mettra fin à l'occupation en "
                 "fixant un calendrier précis pour le retrait des troupes étrangères, a-t-il déclaré.", "fr")
    assert evs == ()


def test_announced_withdrawal_is_still_an_event_fr():
    evs = events("Le ministre a annoncé mardi que les troupes étrangères achèveront leur retrait de la base d'Erbil.", "fr")
    assert [e.subtype for e in evs] == ["Change to group/activity"]


def test_tally_names_the_weapons_far_from_the_count_fr():
    evs = events("Depuis janvier, la garnison a été visée au moins 40 fois dans la région et 12 fois ailleurs "
                 "par des milices, le plus souvent par des tirs de roquettes.", "fr")
    assert evs == ()


def test_times_comparing_amounts_is_no_tally_fr():
    evs = events("Mardi, des roquettes ont frappé la base de Kirkouk, qui abrite deux fois plus de soldats qu'en mai.", "fr")
    assert [e.subtype for e in evs] == ["Shelling/artillery/missile attack"]


def test_attack_named_as_a_motive_is_no_event_fr():
    evs = events("Les milices ont accru leurs activités en réponse à l'assassinat de leur chef.", "fr")
    assert evs == ()


def test_count_after_the_last_follow_up_belongs_to_the_merged_event_fr():
    text = ("Trois roquettes ont visé mardi la base de Kirkouk. Le gouverneur a réuni ses conseillers. "
            "Le ministre a convoqué l'ambassadeur. Selon la police, le tir a visé un hangar de la base. "
            "L'explosion n'a pas fait de victimes.")
    (e,) = events(text, "fr")
    assert e.fatalities == 0


def test_counts_of_a_generic_statement_do_not_attach_to_the_event_before_fr():
    text = ("Trois roquettes ont visé mardi la base de Kirkouk. "
            "Des attaques quasi quotidiennes ont tué 40 soldats dans la région depuis janvier.")
    evs = events(text, "fr")
    assert [e.fatalities for e in evs] == [None]


def test_count_between_the_first_and_last_report_belongs_to_the_merged_event_fr():
    text = ("Trois roquettes ont visé mardi la base de Kirkouk. L'explosion n'a pas fait de victimes. "
            "Le ministre a convoqué l'ambassadeur. Le gouverneur a réuni ses conseillers. "
            "Selon la police, le tir a visé un hangar de la base.")
    (e,) = events(text, "fr")
    assert e.fatalities == 0


# --- rule_generic: habitual, continuing and serial statements (cues `generic`) ---------------

def test_present_habitual_is_no_event_en():
    assert events("The movement was declared defeated in Syria in 2019, but its fighters still carry "
                  "out attacks in remote districts.", "en") == ()


def test_continued_attacks_are_no_event_en():
    assert events("The junta has promised to restore order but attacks have continued in the Mopti "
                  "and Segou regions.", "en") == ()


def test_continued_attacks_are_no_event_fr():
    assert events("Malgré les promesses de la junte, les attaques ont continué dans les régions de "
                  "Mopti et de Ségou.", "fr") == ()


def test_a_series_since_a_date_is_no_event_en():
    assert events("The rebels, who hold the port city, have launched dozens of rocket and drone attacks "
                  "on tankers since March 2022, forcing firms to change routes.", "en") == ()


def test_a_coalition_fighting_a_group_is_no_clash_en():
    assert events("France keeps about 1,500 soldiers in Chad as part of the coalition fighting "
                  "jihadist groups.", "en") == ()


# --- evidence: the sentence is never cut inside a word ----------------------------------------

def test_evidence_is_not_cut_inside_a_hyphenated_word_fr():
    evs = events("L'armée a repoussé une attaque samedi. Dans un communiqué, l'état-major général des "
                 "armées indique que des assaillants ont attaqué le poste vendredi soir.", "fr")
    assert evs and all(not e.evidence.startswith("-") for e in evs)
    assert any(e.evidence.startswith("Dans un communiqué, l'état-major") for e in evs)


# --- protests: gathering is no riot, dispersal is an intervention ------------------------------

def test_a_crowd_gathering_is_no_violent_demonstration_fr():
    evs = events("Des milliers de manifestants se sont rassemblés samedi sur la grande place de Niamey "
                 "pour réclamer des salaires.", "fr")
    assert [e.subtype for e in evs] == ["Peaceful protest"]


def test_a_protest_dispersed_by_police_is_an_intervention_fr():
    evs = events("Des centaines de manifestants se sont rassemblés vendredi sur la grande place de Niamey "
                 "pour dénoncer la vie chère, avant d'être dispersés par les forces de l'ordre.", "fr")
    assert [e.subtype for e in evs] == ["Protest with intervention"]


# --- choose_subtype: a generic attack that only hits civilians --------------------------------

def test_generic_attack_killing_only_civilians_is_violence_against_civilians_fr():
    evs = events("Burkina : au moins quinze civils tués dimanche dans l'attaque d'un marché près de Dori", "fr")
    assert [(e.type, e.subtype) for e in evs] == [("Violence against civilians", "Attack")]


def test_generic_attack_killing_soldiers_stays_a_clash_fr():
    evs = events("Au moins quinze soldats tués dimanche dans l'attaque d'un poste près de Dori", "fr")
    assert [e.subtype for e in evs] == ["Armed clash"]


# --- merge: follow-ups with no place or actor of their own ------------------------------------

def test_fighting_that_lasted_hours_is_the_attack_told_before_fr():
    evs = events("L'armée nigérienne a affirmé mardi avoir repoussé une attaque jihadiste contre son poste "
                 "de Bankilaré, dans la région de Tillabéri. Les affrontements ont duré plusieurs heures.", "fr")
    assert len(evs) == 1 and evs[0].subtype == "Armed clash"


def test_evacuating_the_wounded_is_no_change_of_activity_fr():
    evs = events("Au moins douze civils ont été tués dimanche dans l'attaque d'un village près de Dori. "
                 "Une quinzaine de blessés ont été évacués vers l'hôpital régional.", "fr")
    assert [e.subtype for e in evs] == ["Attack"]
    assert evs[0].injured == 15


# --- placing: where a source sits is not where the event happened -----------------------------

def test_the_seat_of_a_source_is_no_event_place_fr():
    evs = events("Selon l'ONG, basée au Royaume-Uni, un drone a visé mardi deux véhicules de combattants.", "fr")
    assert len(evs) == 1 and evs[0].place != "United Kingdom"


def test_the_seat_of_a_source_is_no_event_place_en():
    evs = events("According to the monitor, which is based in Britain, a drone struck two vehicles of "
                 "fighters on Tuesday.", "en")
    assert len(evs) == 1 and evs[0].place != "United Kingdom"


def test_leaders_who_agreed_on_a_timetable_make_an_agreement_en():
    evs = events("The two presidents agreed on the timetable for the withdrawal on Monday, during a "
                 "meeting in Nairobi.", "en")
    assert [(e.subtype, str(e.date)) for e in evs] == [("Agreement", "2023-05-08")]


# --- linear roles: a speaker claiming its act; a cause is no target ----------------------------

def test_a_speaker_saying_they_fired_is_the_actor_en():
    evs = events("Yemen's Houthi rebels said on Tuesday they had fired two missiles at a cargo ship in "
                 "the Red Sea, west of Mokha.", "en")
    assert len(evs) == 1 and evs[0].actor1 == "Houthis"


def test_people_an_attack_claims_to_support_are_not_its_victims_en():
    evs = events("Somalia's al-Shabaab militants said on Tuesday they had fired three mortar rounds at a "
                 "cargo ship off the port of Kismayo. The group's spokesman said the attack was carried out "
                 "in support of the Palestinian people.", "en")
    assert len(evs) == 1 and evs[0].actor2 != "Civilians (Palestine)"


# --- rule_agreement_state: an existing agreement's state is no new agreement (issue 3) -------

def test_agreement_state_is_no_new_agreement_fr():
    evs = events("L'accord conclu avec Paris ne tient plus qu'à un fil, selon un diplomate.", "fr")
    assert not [e for e in evs if e.subtype == "Agreement"]


def test_truce_remaining_fragile_is_no_new_agreement_fr():
    evs = events("Le cessez-le-feu signé en mars reste fragile dans la région de Tripoli.", "fr")
    assert not [e for e in evs if e.subtype == "Agreement"]


def test_concluded_agreement_is_still_an_agreement_fr():
    evs = events("Un accord a été conclu mardi entre Kinshasa et Kigali.", "fr")
    assert [e for e in evs if e.subtype == "Agreement"]


def test_truce_entering_into_force_is_still_an_agreement_fr():
    evs = events("La trêve est entrée en vigueur mardi à Tripoli.", "fr")
    assert [e for e in evs if e.subtype == "Agreement"]


# --- embedded_clause: a clause describing a noun recalls another happening (issue 3) ----------

def test_a_participial_clause_recalling_strikes_is_its_own_background_event_fr():
    evs = events("Les participants aux funérailles des 12 combattants tués lors des frappes aériennes menées "
                 "dimanche près de Kobané sont arrivés mardi dans la ville de Raqqa.", "fr")
    (ev,) = [e for e in evs if e.subtype == "Air/drone strike"]
    assert ev.background and ev.date.iso() == "2023-05-07" and ev.fatalities == 12
    assert ev.place != "Raqqa"  # the main clause's place is the funeral's, not the strikes'


def test_strikes_described_under_an_attack_predicate_stay_one_event_fr():
    evs = events("La base a été touchée mardi par des roquettes tirées depuis le sud de Kirkouk.", "fr")
    assert len(evs) == 1 and not evs[0].background


def test_depuis_before_a_place_is_no_recollection_fr():
    evs = events("Trois roquettes tirées depuis le Liban ont touché mardi la ville de Kiryat Shmona.", "fr")
    assert evs and not evs[0].background


def test_depuis_before_a_time_still_recalls_fr():
    evs = events("Depuis janvier 2019, la base de Kirkouk avait été touchée par des roquettes.", "fr")
    assert all(e.background for e in evs)


def test_a_tensed_verb_hung_on_a_noun_is_no_describing_clause():
    """The parser may hang 'ont ciblé' on 'Lundi' as a clause (acl): a tensed verb is no participle."""
    from wirewatch.events.statements import _tensed_acl
    from wirewatch.model import Span
    from wirewatch.nlp.parsed import Token

    def tok(i, text, pos, dep, head):
        return Token(i, Span(i * 10, i * 10 + len(text)), text, text.lower(), pos, dep, head)

    misparsed = [tok(0, "Lundi", "NOUN", "ROOT", 0), tok(1, "engins", "NOUN", "nsubj", 3),
                 tok(2, "ont", "AUX", "aux:tense", 3), tok(3, "ciblé", "VERB", "acl", 0)]
    participle = [tok(0, "combattants", "NOUN", "ROOT", 0), tok(1, "tués", "VERB", "acl", 0)]
    relative = [tok(0, "raids", "NOUN", "ROOT", 0), tok(1, "qui", "PRON", "nsubj", 3),
                tok(2, "ont", "AUX", "aux:tense", 3), tok(3, "tué", "VERB", "acl:relcl", 0)]
    assert _tensed_acl(None, misparsed, misparsed[3])
    assert not _tensed_acl(None, participle, participle[1])
    assert not _tensed_acl(None, relative, relative[3])


def test_without_a_publication_date_the_latest_day_the_text_dates_bounds_it_fr():
    """An undated article: an event nine days before the latest day it dates is a recollection."""
    from wirewatch.model import Document

    text = ("Jeudi 14 mars, des engins explosifs ont visé un convoi de la coalition près de Diwaniyah, un an "
            "après les attaques de 2023. Le 5 mars, des roquettes ont frappé la base de Taji, au nord de Bagdad.")
    doc = Document(id="t", source="t", lang="fr", text=text, published=None)
    found = {e.date.iso(): e.background for e in extract(doc).events}
    assert found == {"2024-03-14": False, "2024-03-05": True}
