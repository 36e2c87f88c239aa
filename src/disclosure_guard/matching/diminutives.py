"""A forename the nickname data lacks, read with her surname beside another of her details.

People write "Bex" for Rebecca, "Tash" for Natasha, "Izzy" for Isabel, "Mags" for Margaret;
the `nicknames` dataset does not link these pairs, so the name scorer gives them nothing. Alone,
"Bex Holloway" could be anyone called Holloway; beside Rebecca Holloway's address, phone, email,
birth date or school in the same text, or in an item whose recipients touch her case (a letter
to her abuser), it is most likely her. Such a name is a weak match: the guard holds rather than
lets it through unseen. A name that is a recipient's own is not passed here.

Examples it must handle:
    "Bex Holloway" for Rebecca Holloway, her address in the same letter     weak
    "Tash Morgan" for Natasha Morgan, her phone in the same letter          weak
    "Izzy Clarke" for Isabel Clarke, her school in the same letter          weak
    "Mags O'Neill" for Margaret O'Neill, her date of birth beside it        weak
    "Bex Holloway" with nothing else of hers in the text                    nothing
    "Paul Holloway" for Rebecca Holloway, her address beside it             nothing (another forename)
    "Frankie Russell" for Francesca Russell, in a letter to her abuser       weak (a pet ending on her name's start)
    "Jill Smith" for Gillian Smith, in a letter to her abuser               weak (a soft g is a j)
    "Nell Khan" for Eleanor Khan, in a letter to her abuser                 weak ("mine Ell": an n before a vowel)
    "Sarah Rees" for Sandra Rees, in a letter to her abuser                  nothing (too long for a diminutive)
    "Natalie Morgan" for Natasha Morgan, in a letter to her abuser           nothing (another forename)
    "Bex Hollins" for Rebecca Holloway, her address beside it               nothing (another surname)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from disclosure_guard.matching.index import RegisterIndex
from disclosure_guard.matching.normalise.name import PersonName
from disclosure_guard.types import Finding, FindingKind, MatchStrength, MatchThresholds, PartyRole, Span, TextPart

DIMINUTIVE_MATCHER = "name.diminutive"
MAX_DIMINUTIVE = 4
# Spoken alike: "Bex" is "becks", "Izzy" is "issy", "Kez" is "cess".
_SOUNDS = (("ph", "f"), ("ck", "c"), ("x", "cs"), ("k", "c"), ("z", "s"))
_ENDINGS = re.compile(r"(?:ie|y|s)$")
_PET_ENDING = re.compile(r"(?:ie|y)$")


# A soft g and a j sound alike at a name's start: "Jill" for Gillian. Only the short word is
# respelt, so that a pet form from inside her name still reads there ("Gina" in Georgina).
_SOFT_START = re.compile(r"^[gj](?=[eiy])")


_N_BEFORE_VOWEL = re.compile(r"^n(?=[aeiou])")
_DOUBLED_END = re.compile(r"(.)\1$")


def _spoken(word: str) -> str:
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return word


def plausible_diminutive(short: str, forename: str) -> bool:
    """A short word, well shorter than her forename, whose stem begins it or sits in it
    ("bex" in "rebecca"). Diminutives are short; a longer word is another forename ("Sarah"
    is not Sandra, "Maureen" not Margaret)."""
    if len(short) < 2:
        return False
    respelt = _SOFT_START.sub(lambda m: "j" if m.group() == "g" else "g", short)
    return (any(_begins_or_sits_in(word, forename) for word in dict.fromkeys((short, respelt)))
            or _n_prefixed(short, forename))


def _n_prefixed(short: str, forename: str) -> bool:
    """"Nell" for Eleanor, Ellen or Helen, "Ned" for Edward, "Nan" for Ann: the n of "mine Ell"
    kept before a name that begins with a vowel (or a silent h). Only a pet form short enough and
    whose rest, a doubled last letter single, begins her name: "Nina" is not Angelina."""
    if not (_N_BEFORE_VOWEL.match(short) and len(short) <= MAX_DIMINUTIVE):
        return False
    rest = _DOUBLED_END.sub(r"\1", short[1:])
    bare = forename[1:] if forename[:1] == "h" else forename
    return bare[:1] in "aeiou" and len(bare) > len(rest) and bare.startswith(rest)


def _begins_or_sits_in(short: str, forename: str) -> bool:
    stem = _ENDINGS.sub("", _spoken(short)) or _spoken(short)
    full = _spoken(forename)
    if len(full) - len(stem) < 2:
        return False
    if len(short) > MAX_DIMINUTIVE:
        # A longer pet form ends like one and begins her name whole: "Frankie" for Francesca,
        # "Jessie" for Jessica; "Natalie" for Natasha does not ("natal" is not how it begins).
        return bool(_PET_ENDING.search(short)) and len(stem) >= 3 and full.startswith(stem)
    return len(stem) >= 2 and (full.startswith(stem[:2]) or stem[:3] in full)


def _same_surname(found: str, registered: str) -> bool:
    """Her surname whole ("Fairweather-Lowe", with or without the hyphen) or one of its barrels."""
    whole = registered.replace("-", "").replace(" ", "")
    barrels = set(registered.replace(" ", "-").split("-"))
    return found.replace("-", "").replace(" ", "") == whole or found in barrels


def corroborated_names(
    part: TextPart,
    names: Iterable[tuple[Span, PersonName]],
    findings: list[Finding],
    index: RegisterIndex,
    thresholds: MatchThresholds,
    context: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Weak name findings for protected parties that another detail in this text already
    matched, or of the cases the item's recipients touch (`context`), and that no finding on
    the span names yet."""
    names = [(span, name) for span, name in names if name.surname and name.forenames and len(name.forenames[0]) >= 2]
    if not names:
        return []
    # A party by (case, position), not by its PartyRef: within one index the pair names one
    # party, and a tuple of a string and a number hashes far faster than the dataclass.
    corroborating = {(f.party.case_reference, f.party.party_index) for f in findings if f.kind is not FindingKind.NAME}
    if not corroborating and not context:
        return []
    cases = {reference for reference, _ in corroborating}
    parties = {
        n for n in index.parties_of_cases(cases)
        if ((ref := index.party(n).ref).case_reference, ref.party_index) in corroborating
    }
    parties |= index.parties_of_cases(context)
    named = {
        (f.start, f.end, f.party.case_reference, f.party.party_index) for f in findings if f.kind is FindingKind.NAME
    }
    found: list[Finding] = []
    for span, name in names:
        # A letter to a common name puts dozens of cases in the context: look only at their
        # parties of her surname, not at every one of them for every name in the text.
        for number in sorted(index.parties_with_surname(name.surname, parties)):
            party = index.party(number)
            ref = party.ref
            if ref.role is not PartyRole.PROTECTED or (span.start, span.end, ref.case_reference, ref.party_index) in named:
                continue
            if any(
                _same_surname(name.surname, registered.surname)
                and any(plausible_diminutive(name.forenames[0], forename) for forename in registered.forenames)
                for registered in party.names
            ):
                found.append(
                    Finding(FindingKind.NAME, part.name, span.start, span.end, span.text, party.ref,
                            thresholds.weak, MatchStrength.WEAK, DIMINUTIVE_MATCHER,
                            {"surname": 1.0, "forename": 0.0, "corroborated": 1.0},
                            recognizer=span.recognizer, pattern=span.pattern_name)
                )
    return found
