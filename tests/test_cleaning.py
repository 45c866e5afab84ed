"""cleaning: boilerplate filter (verbatim lines), normalise + OffsetMap, html_to_text."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.cleaning import (
    PATTERN_MAX_CHARS,
    boilerplate_kind,
    explain_boilerplate,
    html_to_text,
    normalise,
    strip_boilerplate,
)

ARTICLE_FR = (
    "Trois obus de mortier sont tombés lundi soir sur un camp militaire près de Kidal, "
    "a indiqué un responsable local, sans faire de victime."
)
ARTICLE_EN = "Gunmen on motorbikes attacked a market in the north of the country on Friday, killing four traders."


def test_share_slide_newsletter_donation_lines_go_article_stays():
    text = "\n".join(
        [
            "Previous slide",
            "Next slide",
            ARTICLE_FR,
            "Partager cet article",
            "Abonnez-vous à notre newsletter gratuite pour recevoir l’essentiel de l’actualité",
            "Soutenez-nous : faites un don pour que notre site reste gratuit.",
            "Recommandé pour vous",
            "#Mali #Sahel",
            "* * * * *",
        ]
    )
    assert strip_boilerplate(text, "fr") == ARTICLE_FR


def test_english_boilerplate_goes():
    text = "\n".join(
        [
            "Sign up for our newsletter",
            ARTICLE_EN,
            "We use cookies to improve your browsing experience. Accept all",
            "Read more: Another story about the region",
            "Support independent journalism: donate today",
        ]
    )
    assert strip_boilerplate(text, "en") == ARTICLE_EN


def test_caption_with_credit_and_repeated_lines_go():
    caption = "Des soldats patrouillent dans une rue de Gao. (Photo par Jean Dupont / AFP)"
    pull_quote = "« Nous ne céderons pas », a-t-il dit."
    text = "\n".join([caption, caption, ARTICLE_FR, pull_quote, "", pull_quote])
    out = strip_boilerplate(text, "fr")
    assert caption not in out
    assert out.count(pull_quote) == 1  # the second copy of a repeated line goes, the first stays
    assert ARTICLE_FR in out


def test_article_sentence_mentioning_a_keyword_is_kept():
    # long paragraphs are never matched by the keyword patterns
    long_line = ("Le ministre a annoncé une newsletter officielle et appelé à partager l'information. " * 5).strip()
    assert len(long_line) >= PATTERN_MAX_CHARS
    assert strip_boilerplate(long_line, "fr") == long_line
    # a short sentence about sharing a border is not a share button
    border = "Les deux pays partagent une frontière de 800 kilomètres."
    assert strip_boilerplate(border, "fr") == border


def test_short_navigation_lines_go_but_not_quotes_or_numbers():
    text = "\n".join(["Accueil", "International", ARTICLE_EN, "« Plus jamais »", "3 morts"])
    out = strip_boilerplate(text, None).split("\n")
    assert out == [ARTICLE_EN, "« Plus jamais »", "3 morts"]


def test_blank_runs_collapse_and_ends_trimmed():
    text = "\n\nPrevious slide\n" + ARTICLE_FR + "\n\n\n\n" + ARTICLE_EN + "\n\n"
    assert strip_boilerplate(text) == ARTICLE_FR + "\n\n" + ARTICLE_EN


def test_typographic_apostrophe_matches_pattern():
    assert boilerplate_kind("Vous pouvez lire l’article original ici", "fr") is not None


def test_explain_reports_kinds():
    kinds = dict(explain_boilerplate("Next slide\n" + ARTICLE_EN + "\nNext slide", "en"))
    assert kinds["Next slide"] == "slide"
    assert kinds[ARTICLE_EN] is None


lines = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=80),
        st.sampled_from(["Previous slide", "Partager cet article", "", "   ", ARTICLE_FR, ARTICLE_EN, "#tag"]),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(lines)
def test_strip_boilerplate_keeps_only_verbatim_lines_in_order(input_lines):
    text = "\n".join(input_lines)
    out = strip_boilerplate(text)
    if not out:
        return
    # every output line is an input line, and they come in input order
    pos = 0
    for line in out.split("\n"):
        assert line in input_lines[pos:]
        pos = input_lines.index(line, pos) + 1


@settings(max_examples=100, deadline=None)
@given(lines)
def test_strip_boilerplate_is_idempotent(input_lines):
    once = strip_boilerplate("\n".join(input_lines), "fr")
    assert strip_boilerplate(once, "fr") == once


# --- normalise -------------------------------------------------------------------------------------


def test_normalise_replaces_typography_length_preserving():
    text = "L’armée a dit « non »\u00a0: “fin”\u202f!"
    norm, omap = normalise(text)
    assert norm == "L'armée a dit « non » : \"fin\" !"
    assert len(norm) == len(text)
    assert all(omap.to_original(i) == i for i in range(len(norm) + 1))


def test_normalise_ellipsis_and_zero_width_map_back():
    text = "Attente\u2026 puis l\u200bassaut"
    norm, omap = normalise(text)
    assert norm == "Attente... puis lassaut"
    start = norm.index("puis")
    assert text[omap.to_original(start) : omap.to_original(start + 4)] == "puis"
    s, e = omap.span_to_original(norm.index("lassaut"), len(norm))
    assert text[s:e] == "l\u200bassaut"
    # a span ending inside the expanded ellipsis covers the whole original character
    s, e = omap.span_to_original(7, 8)
    assert text[s:e] == "\u2026"


def test_normalise_composes_accents():
    text = "Ce\u0301sar a\u0300 Gao"
    norm, omap = normalise(text)
    assert norm == "César à Gao"
    i = norm.index("Gao")
    assert text[omap.to_original(i) :] == "Gao"


def test_normalise_separates_sentences_glued_by_a_lost_space():
    text = "Les frappes visaient le groupe (KH).Dimanche, trois convois ont brûlé.Lundi rien."
    norm, omap = normalise(text)
    assert norm == "Les frappes visaient le groupe (KH). Dimanche, trois convois ont brûlé. Lundi rien."
    i = norm.index("Dimanche")
    assert text[omap.to_original(i) : omap.to_original(i + 8)] == "Dimanche"
    assert text[slice(*omap.span_to_original(i - 1, i + 8))] == "Dimanche"  # the added space maps onto the word


@pytest.mark.parametrize("text", ["The U.S.Army base", "a 2.5 km road", "see www.example.org now"])
def test_normalise_leaves_abbreviations_numbers_and_addresses_glued(text):
    assert normalise(text)[0] == text


def test_identity_when_nothing_to_do():
    norm, omap = normalise("plain ascii text")
    assert norm == "plain ascii text" and omap.identity


odd_text = st.text(
    alphabet=st.sampled_from(list("abc XYZ.é'") + ["\u2019", "\u00a0", "\u2026", "\u200b", "\u0301", "\u201c", "\u00ad", "\t"]),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(odd_text)
def test_offset_map_properties(text):
    norm, omap = normalise(text)
    n = len(norm)
    mapped = [omap.to_original(i) for i in range(n + 1)]
    assert mapped[-1] == len(text)
    assert all(a <= b for a, b in pairwise(mapped))  # monotone
    for i, ch in enumerate(norm):
        o = mapped[i]
        if ch.isascii() and ch.isalpha():  # unchanged letters map onto themselves
            assert text[o] == ch
    kept = {o for o, ch in enumerate(text) if ch not in "\u200b\u00ad\u0301"}
    assert kept <= set(mapped)  # every visible original character has a normalised counterpart
    for i in range(n):  # every span maps to a non-empty original span inside the text
        s, e = omap.span_to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
    for o in range(len(text) + 1):  # the inverse lands on a normalised offset that maps at or after o
        j = omap.to_normalised(o)
        assert 0 <= j <= n
        assert omap.to_original(j) >= o or j == n


def test_html_to_text_keeps_paragraphs_drops_comments():
    body = " ".join([ARTICLE_FR] * 3)
    html = f"""<html><head><title>Attaque à Kidal</title></head><body>
    <nav><a href="/">Accueil</a></nav>
    <article><h1>Attaque à Kidal</h1><p>{body}</p><p>{ARTICLE_EN} {ARTICLE_EN}</p></article>
    <div class="comments"><p>Commentaire d'un lecteur : bravo pour cet article magnifique et complet.</p></div>
    </body></html>"""
    text = html_to_text(html)
    assert body in text and ARTICLE_EN in text
    assert text.index(body) < text.index(ARTICLE_EN)
    assert "\n" in text  # paragraphs are separate lines
    assert "bravo pour cet article" not in text


def test_html_to_text_empty_page():
    assert html_to_text("<html><head><title>x</title></head><body></body></html>") == ""


def test_page_furniture_goes():
    text = "\n".join(
        [
            "× HomeAbout usContact us",
            "folder_openNiger access_time 3 hours ago",
            "2 min read",
            "1,204 views",
            ARTICLE_EN,
            "Comments are closed.",
            "Leave a Reply",
            "Les commentaires sont fermés.",
        ]
    )
    assert strip_boilerplate(text) == ARTICLE_EN


def test_social_legal_and_tag_lines_go():
    text = "\n".join(
        [ARTICLE_FR, "Suivez-nous sur Telegram", "Mots-clés : Mali, Kidal", "Tous droits réservés", ARTICLE_EN,
         "Follow us on X", "Tags: Niger, attack", "All rights reserved."]
    )
    assert strip_boilerplate(text) == ARTICLE_FR + "\n" + ARTICLE_EN


def test_following_events_is_not_social():
    sentence = "Les rebelles ont suivi la route vers Kidal avant de rejoindre leurs bases."
    assert strip_boilerplate(sentence, "fr") == sentence


def test_headlines_after_a_related_header_go_but_prose_stays():
    text = "\n".join(
        [
            ARTICLE_FR,
            "À lire aussi",
            "",
            "Irak : trois roquettes tombent près de l'ambassade américaine",
            "Mali : une embuscade fait dix morts près de Gao",
            ARTICLE_EN,
            "Une autre ligne sans point final qui suit la prose",
        ]
    )
    assert strip_boilerplate(text, "fr") == "\n".join([ARTICLE_FR, "", ARTICLE_EN, "Une autre ligne sans point final qui suit la prose"])


def test_fragment_without_page_is_converted():
    html = f"<p>{ARTICLE_EN}</p><p>Second <b>paragraph</b> &amp; more<br>third line</p><script>var x = 1;</script>"
    assert html_to_text(html) == f"{ARTICLE_EN}\nSecond paragraph & more\nthird line"
