"""Issue 11 over real HTTP: a protected detail written so that a person still reads it, but the
characters or the markup differ, is blocked on its way to the abuser; the same tricks on a
detail nobody registered change nothing. One family of tricks a test, in plain text and HTML."""

from __future__ import annotations

import pytest

from tests.builders import a_letter, a_recipient

MARK_ADDRESS = "45 Victoria Street, Bristol BS1 6AA"
WORD_RUN = "<span lang=EN-GB style='font-size:11.0pt;font-family:\"Calibri\",sans-serif'>"

# family -> (Jane's detail in disguise, a harmless detail in the same disguise)
IN_TEXT = {
    "zero width": ("Flat 3, 12 E\u200blm Ro\u200dad, Leeds LS\u200c6 2\u2060AB\ufeff",
                   "Flat 5, 9 Pa\u200brk La\u200dne, York YO\u200c1 7\u2060HH\ufeff"),
    "soft hyphens": ("Flat 3, 12 Elm Ro\u00adad, Le\u00adeds LS\u00ad6 2\u00adAB",
                     "Flat 5, 9 Park La\u00adne, Yo\u00adrk YO\u00ad1 7\u00adHH"),
    "odd spaces": ("Flat\u20033,\u200212\u2009Elm\u3000Road,\u00a0Leeds LS6\u202f2AB",
                   "Flat\u20035,\u20029\u2009Park\u3000Lane,\u00a0York YO1\u202f7HH"),
    "fullwidth": ("Flat \uff13, \uff11\uff12 Elm Road, Leeds \uff2c\uff33\uff16 \uff12\uff21\uff22",
                  "Flat \uff15, \uff19 Park Lane, York \uff39\uff2f\uff11 \uff17\uff28\uff28"),
    "combining accents": ("Flat 3, 12 E\u0301lm Ro\u0308ad, Le\u0300eds L\u0301S6 2A\u0308B",
                          "Flat 5, 9 Pa\u0301rk La\u0308ne, Yo\u0300rk Y\u0301O1 7H\u0308H"),
    "bidi marks": ("Flat 3, \u200f12\u200e Elm Road, Leeds \u202bLS\u200f6 2\u200eAB\u202c",
                   "Flat 5, \u200f9\u200e Park Lane, York \u202bYO\u200f1 7\u200eHH\u202c"),
    "look-alike letters": ("Flat 3, 12 \u0415lm R\u043e\u0430d, L\u0435\u0435ds LS6 2\u0410\u0412",
                           "Flat 5, 9 P\u0430rk L\u0430n\u0435, Y\u043erk Y\u041e1 7\u041d\u041d"),
    "obfuscated email": ("jane.doe [at] example [dot] org", "tom.smith [at] example [dot] com"),
    "email spelt out": ("jane\u200b.doe at example dot org", "tom\u200b.smith at example dot com"),
    "phone separators": ("07700\u00b7900\u00b7123", "07700\u00b7900\u00b7777"),
    "phone odd spaces": ("07700\u00a0900\u2003123", "07700\u00a0900\u2003777"),
    "phone fullwidth": ("\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13",
                        "\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff17\uff17\uff17"),
    "school invisible": ("Hil\u200bls\u200bide Pri\u00adma\u00adry Sch\u2060ool",
                         "Wes\u200btf\u200bield Pri\u00adma\u00adry Sch\u2060ool"),
    "school look-alikes": ("Hills\u0456de Primary S\u0441hool", "Westf\u0456eld Primary S\u0441hool"),
}
IN_HTML_ONLY = {
    "inline tags": ("Flat 3, 12 E<span>lm</span> Ro<b>a</b>d, Le<font color=\"#000\">eds</font> LS<wbr>6 2AB",
                    "Flat 5, 9 Pa<span>rk</span> La<b>n</b>e, Yo<font color=\"#000\">rk</font> YO<wbr>1 7HH"),
    "word runs": (f"{WORD_RUN}Flat 3, 12 El</span>{WORD_RUN}m Road, Leeds LS6 2</span><span lang=EN-GB>AB</span>",
                  f"{WORD_RUN}Flat 5, 9 Pa</span>{WORD_RUN}rk Lane, York YO1 7</span><span lang=EN-GB>HH</span>"),
    "entities": ("Flat 3, 12 &#69;lm Ro&shy;ad, Le&#x65;ds LS6&nbsp;2AB",
                 "Flat 5, 9 &#80;ark La&shy;ne, Yo&#x72;k YO1&nbsp;7HH"),
    "school markup": ("Hill<span>side</span> Prim<i>ary</i> School", "West<span>field</span> Prim<i>ary</i> School"),
}
CASES = [(family, "text") for family in IN_TEXT] + [(family, "html") for family in [*IN_TEXT, *IN_HTML_ONLY]]


def to_the_abuser(detail: str, form: str) -> dict:
    letter = a_letter(to=a_recipient("Mark Doe", address=MARK_ADDRESS), mentioning=f"Please write to {detail}.")
    if form == "html":
        body = letter.pop("body").replace("\n\n", "</p><p>").replace("\n", "<br>")
        letter["body_html"] = f"<html><body><p>{body}</p></body></html>"
    return letter


@pytest.mark.parametrize(("family", "form"), CASES)
def test_a_protected_detail_in_disguise_is_blocked(register_case, submit, family, form):
    register_case()
    jane, _ = {**IN_TEXT, **IN_HTML_ONLY}[family]
    result = submit(to_the_abuser(jane, form))
    assert result["decision"] == "block", result
    assert result["reasons"][0]["code"] == "protected_contact_to_restricted"
    part = "body_html" if form == "html" else "body"
    assert any(f["part"] == part for f in result["findings"])


@pytest.mark.parametrize(("family", "form"), CASES)
def test_the_same_disguise_on_a_harmless_detail_is_allowed(register_case, submit, family, form):
    register_case()
    _, harmless = {**IN_TEXT, **IN_HTML_ONLY}[family]
    assert submit(to_the_abuser(harmless, form))["decision"] == "allow"


def test_a_finding_quotes_the_submitted_text_and_never_the_register(register_case, submit):
    register_case()
    jane = IN_TEXT["look-alike letters"][0]
    result = submit(to_the_abuser(jane, "text"))
    body = to_the_abuser(jane, "text")["body"]
    finding = next(f for f in result["findings"] if f["kind"] == "address")
    assert body[finding["start"]:finding["end"]] == finding["text"]
    assert "Flat 3, 12 Elm Road, Leeds LS6 2AB" not in str(result)


def test_a_recipient_in_disguise_is_still_the_abuser(register_case, submit):
    register_case()
    letter = a_letter(to=a_recipient("M\u0430rk D\u043ee", address="45 Vict\u200boria Street, Bristol BS1 6\u0410A"),
                      mentioning="Please write to Flat 3, 12 Elm Road, Leeds LS6 2AB.")
    assert submit(letter)["decision"] == "block"
