"""Match the recipients of an outgoing item against the register.

A recipient is compared by name, email and address with every candidate party (protected and
restricted alike: the policy decides what a match means) and with each case's trusted
recipients. One match per (recipient, party or trusted entry, detail); two trusted entries of
one case that match the same recipient by the same detail collapse into one, since a
`RecipientMatch` does not say which entry it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from disclosure_guard.matching.index import RegisterIndex, TrustedEntry
from disclosure_guard.matching.normalise.address import AddressComponents, parse_address
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.identifier import normalise_identifier
from disclosure_guard.matching.normalise.name import PersonName, normalise_name
from disclosure_guard.matching.scoring.address import score_address
from disclosure_guard.matching.scoring.identifier import score_identifier
from disclosure_guard.matching.scoring.name import NameScorers, score_name
from disclosure_guard.matching.spans import strength_of
from disclosure_guard.reading import read_text
from disclosure_guard.types import FindingKind, MatchStrength, MatchThresholds, PartyRole, Recipient, RecipientMatch

_MatchKey = tuple[str, FindingKind]  # (case, detail) of a trusted match


def match_recipients(
    recipients: Sequence[Recipient],
    index: RegisterIndex,
    thresholds: MatchThresholds,
    scorers: NameScorers | None = None,
) -> list[RecipientMatch]:
    """`scorers`: pass the item's own, shared with `match_spans`, to score each name once."""
    scorers = scorers if scorers is not None else NameScorers()
    matches: list[RecipientMatch] = []
    for i, recipient in enumerate(recipients):
        # Read as the recipient's details appear on screen, as the item's text is read.
        written = read_text(recipient.name) if recipient.name else ""
        cared_for = carer_of(written)
        name = normalise_name(cared_for or written) if written else None
        email = normalise_email(read_text(recipient.email)) if recipient.email else None
        address = parse_address(read_text(recipient.address)) if recipient.address else None
        # One party match per (party, detail) by construction; trusted entries may repeat.
        found = _party_matches(i, name, email, address, index, thresholds, scorers)
        matches.extend(_carer_at_home(found) if cared_for else found)
        if recipient.name and index.has_identifiers:
            matches.extend(_institution_matches(i, written, index, thresholds))
        best: dict[_MatchKey, RecipientMatch] = {}
        for match in _trusted_matches(i, name, email, address, index, thresholds):
            _keep_best(best, (match.case_reference, match.via), match)
        matches.extend(best.values())
    return matches


def _party_matches(
    i: int,
    name: PersonName | None,
    email: str | None,
    address: AddressComponents | None,
    index: RegisterIndex,
    thresholds: MatchThresholds,
    scorers: NameScorers,
) -> list[RecipientMatch]:
    found = []
    scored: list[tuple[int, FindingKind, float, dict[str, float]]] = []
    reached: list[tuple[int, FindingKind, float, dict[str, float]]] = []  # by email or postal address
    if email:
        reached.extend((number, FindingKind.EMAIL, 1.0, {"email": 1.0}) for number in index.parties_for_email(email))
    if address:
        for number in index.parties_for_address(address):
            results = [score_address(address, a) for a in index.party(number).addresses]
            best_address = max(results, key=lambda r: r.score, default=None)
            if best_address is not None:
                reached.append((number, FindingKind.ADDRESS, best_address.score, best_address.components))
    if name and name.tokens:
        scored.extend(_name_scores(name, reached, index, thresholds, scorers))
    scored.extend(reached)
    for number, via, score, components in scored:
        strength = strength_of(score, thresholds)
        if strength is not None:
            ref = index.party(number).ref
            found.append(RecipientMatch(i, ref.case_reference, ref, False, via, score, strength, dict(components)))
    return found


def _name_scores(
    name: PersonName,
    reached: list[tuple[int, FindingKind, float, dict[str, float]]],
    index: RegisterIndex,
    thresholds: MatchThresholds,
    scorers: NameScorers,
) -> list[tuple[int, FindingKind, float, dict[str, float]]]:
    """The envelope's name against the parties it may be, read at the door it goes to."""
    her_door = _her_door(reached, index, thresholds)
    lone = len(name.tokens) < 2
    if lone and (household := [n for n in her_door if _a_word_of_hers(name.tokens[0], index.party(n).names)]):
        # "Mrs Rees" at the very flat where Sandra Rees lives, or at her own email address:
        # the household's own name at its own door names that household, not a namesake
        # restricted party elsewhere.
        return [(number, FindingKind.NAME, thresholds.strong, {"name_at_her_door": 1.0}) for number in household]
    scorer = scorers(name)
    scores = []
    # "Mr Shaw" on an envelope names nobody in particular, as in the text (spans.mentions), but
    # may be her abuser Mr Shaw: it makes a recipient at most uncertainly restricted.
    for number in index.parties_for_name(name):
        if lone and index.party(number).ref.role is not PartyRole.RESTRICTED:
            continue
        best = scorer.best(index.party(number).names)
        scores.append((number, FindingKind.NAME, min(best.score, thresholds.weak) if lone else best.score,
                       best.components))
    if her_door and not lone:
        # "Ms L J Taylor" at her own flat fits Lisa Jane Taylor as well as Liam James Taylor: at
        # her door a tie is hers. A name that fits him better ("Mr G Rees") is still read as his.
        hers = max((score for number, _, score, _ in scores if number in her_door), default=0.0)
        scores = [s for s in scores if index.party(s[0]).ref.role is not PartyRole.RESTRICTED or s[2] > hers]
    return scores


def _her_door(
    reached: list[tuple[int, FindingKind, float, dict[str, float]]],
    index: RegisterIndex,
    thresholds: MatchThresholds,
) -> set[int]:
    """The protected parties whose own dwelling or email address the recipient's strongly is;
    none when that door is also a restricted party's, where any name may be his."""
    at_the_door = {number for number, _, score, _ in reached if score >= thresholds.strong}
    if any(index.party(n).ref.role is PartyRole.RESTRICTED for n in at_the_door):
        return set()
    return at_the_door


def _a_word_of_hers(word: str, names: tuple[PersonName, ...]) -> bool:
    """Her surname or first forename: what one word on an envelope to her would be."""
    return any(word in (registered.surname, *registered.forenames[:1]) for registered in names)


# "Parent/Carer of Mia Lukas", "The Parent or Guardian of: Mia Lukas", "To the parents of Mia".
_CARER_OF = re.compile(
    r"^\s*(?:to\s+)?(?:the\s+)?(?:parents?|carers?|guardians?)(?:\s*(?:/|or|and|&)\s*(?:parents?|carers?|guardians?))*"
    r"\s+of\s*:?\s*(?P<name>\S.*)$",
    re.IGNORECASE,
)


def carer_of(name: str) -> str | None:
    """The person a recipient is written to on behalf of ("Parent/Carer of Mia Lukas"), if any."""
    found = _CARER_OF.match(name)
    return found.group("name").strip() if found else None


def _carer_at_home(found: list[RecipientMatch]) -> list[RecipientMatch]:
    """A letter to "Parent/Carer of Mia" goes to whoever cares for her: at her own registered
    address, that is her protected household; anywhere else it is not her, so the name on the
    envelope makes the recipient nobody in particular."""
    at_her_address = {
        m.party for m in found if m.via is FindingKind.ADDRESS and m.strength is MatchStrength.STRONG
    }
    return [m for m in found if m.via is not FindingKind.NAME or m.party in at_her_address]


def _institution_matches(i: int, name: str, index: RegisterIndex, thresholds: MatchThresholds) -> list[RecipientMatch]:
    """A recipient named as a party's school, workplace or surgery is that institution: it
    learns nothing from its own name (the policy reads `via` IDENTIFIER so, never as the party)."""
    found = []
    identifier = normalise_identifier(name)
    for number in index.parties_for_identifier(identifier):
        party = index.party(number)
        score = max((score_identifier(identifier, known).score for known in party.identifiers), default=0.0)
        if strength_of(score, thresholds) is MatchStrength.STRONG:
            ref = party.ref
            found.append(RecipientMatch(i, ref.case_reference, ref, False, FindingKind.IDENTIFIER, score,
                                        MatchStrength.STRONG, {"identifier": score}))
    return found


def _trusted_matches(
    i: int,
    name: PersonName | None,
    email: str | None,
    address: AddressComponents | None,
    index: RegisterIndex,
    thresholds: MatchThresholds,
) -> list[RecipientMatch]:
    found = []
    if email:
        for number in index.trusted_for_email(email):
            entry = index.trusted(number)
            found.append(
                RecipientMatch(i, entry.case_reference, None, True, FindingKind.EMAIL, 1.0, MatchStrength.STRONG)
            )
    if address:
        for number in index.trusted_for_address(address):
            entry = index.trusted(number)
            score = _trusted_address_score(entry, name, address, thresholds)
            if score is not None:
                found.append(
                    RecipientMatch(
                        i, entry.case_reference, None, True, FindingKind.ADDRESS, score, MatchStrength.STRONG
                    )
                )
    return found


def _trusted_address_score(
    entry: TrustedEntry, name: PersonName | None, address: AddressComponents, thresholds: MatchThresholds
) -> float | None:
    """A trusted entry without an email vouches by address: the address must match strongly,
    and the name too when the entry gives one, because the building of a trusted solicitor
    may also house someone who is not trusted. Trust relaxes the guard, so both are strict."""
    if entry.email or entry.address is None:
        return None
    score = score_address(address, entry.address).score
    if entry.name is not None:
        if name is None:
            return None
        score = min(score, score_name(name, entry.name).score)
    return score if score >= thresholds.strong else None


def _keep_best(best: dict[_MatchKey, RecipientMatch], key: _MatchKey, match: RecipientMatch) -> None:
    held = best.get(key)
    if held is None or match.score > held.score:
        best[key] = match
