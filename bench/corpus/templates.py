"""Letter, e-mail and form templates from the services that write about a client: housing,
solicitors, NHS, councils, police, benefits, schools and support charities.

Each template writes a whole document through a `DocBuilder`, so every name, address and
detail it places is gold with exact offsets. Variety comes from the template, the forms chosen
for each value, and distractors that look like addresses or names but are not (organisations,
courts, "a 5 minute walk", "In 2020, ...").
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench.corpus.cast import Cast, writer_email
from bench.corpus.document import DocBuilder
from bench.corpus.prose import paragraphs
from bench.corpus.writing import address, email, marked, person, phone, register_term, say, when

BLOCK_FORMS = ("block", "block", "block", "block_commas", "block_caps")
INLINE_FORMS = ("inline", "inline", "inline", "inline_nocomma", "inline_short")
CASUAL_FORMS = ("inline", "inline_lower", "inline_short", "inline_lower")
BODY_NAME_FORMS = ("full", "full", "title_surname", "title_initial", "title_full")

DISTRACTORS = (
    "The property is a 3 bedroom terrace about a 5 minute walk from the shops.",
    "In 2020, the family moved out of the area for a time.",
    "Our offices are open from 9am to 5pm, Monday to Friday.",
    "Rent of £475.50 is due on the 1st of each month.",
    "A Section 21 notice was served under the Housing Act 1988.",
    "The matter was discussed at the multi-agency meeting on {date}.",
    "The hearing at {town} Crown Court is listed for {date}.",
    "She walked 2 miles down the road to reach the bus station.",
    "The Victoria Street Surgery has been informed of the change.",
    "Please allow 10 working days for a response.",
    "The application was received on {date} and is being processed.",
    "Appointments at {town} Magistrates' Court run from 10am.",
    "Both parties attended the meeting at {town} Civic Centre.",
    "The Park Lane College course starts in September.",
    "We will review the position again in 6 weeks.",
    "Your case has been passed to the Early Help Hub at {town} City Council.",
    "The Church Street car park is closed on Sundays.",
    "Please ring the main switchboard and ask for the duty team.",
    "A 2 bedroom flat was offered but declined on medical grounds.",
    "The meeting will take place in Room 4 on the first floor.",
)


class Slots(dict):
    """The writers one document's sentences draw on; each use picks its own form."""


def slots_for(rng: random.Random, cast: Cast, casual: bool = False) -> Slots:
    inline = CASUAL_FORMS if casual else INLINE_FORMS
    return Slots(
        client=person(rng, cast.client, *BODY_NAME_FORMS),
        client_full=person(rng, cast.client, "full", "title_full"),
        client_title=person(rng, cast.client, "title_surname"),
        child=person(rng, cast.child, "full"),
        other=person(rng, cast.other, "full", "full", "title_full", "title_surname"),
        professional=person(rng, cast.professional, "full", "title_surname", "title_full"),
        safe=address(rng, cast.safe, *inline),
        home=address(rng, cast.home, *inline),
        safe_block=address(rng, cast.safe, *BLOCK_FORMS),
        dob=when(rng, cast.client_dob),
        child_dob=when(rng, cast.child_dob),
        phone=phone(rng, cast.client_phone),
        email=email(cast.client_email),
        nhs=marked("identifier", cast.nhs),
        nino=marked("identifier", cast.nino),
        school=register_term(cast.school),
        workplace=register_term(cast.workplace),
        town=cast.home.town or "Leeds",
        date=when(rng, cast.letter_date, numeric_bias=0.3),
        ref=cast.reference,
        org=cast.org,
        office=address(rng, cast.org_address, "inline", "inline", "inline_nocomma"),
    )


def body(rng: random.Random, b: DocBuilder, s: Slots, kind: str) -> None:
    """The paragraphs that make up most of a document; a letter may also say where the office is."""
    b.write("\n" * (2 - b.ends_with("\n") - b.ends_with("\n\n")))
    extra = []
    if kind == "letter" and rng.random() < 0.3:
        extra.append(lambda b: say(b, rng.choice([
            "Our office at {office} is open Monday to Friday, 9am to 5pm. ",
            "You are welcome to call in at {office} if that is easier. ",
        ]), **s))
    paragraphs(rng, b, s, kind, extra)


def distract(rng: random.Random, b: DocBuilder, s: Slots, n: int = 1) -> None:
    for line in rng.sample(DISTRACTORS, n):
        say(b, line + " ", town=s["town"], date=s["date"])


# ------------------------------------------------------------------ letter furniture


def letterhead(rng: random.Random, b: DocBuilder, cast: Cast) -> None:
    b.write(cast.org + "\n")
    b.mark("address", _render(rng, cast, "org"))
    b.write("\n")
    if rng.random() < 0.8:
        say(b, rng.choice(["Tel: {p}\n", "Telephone: {p}\n", "T: {p}\n", "Phone {p}\n"]),
            p=phone(rng, cast.org_phone))
    if rng.random() < 0.5:
        say(b, rng.choice(["Email: {e}\n", "E: {e}\n"]), e=email(writer_email(cast)))
    b.write("\n")


def _render(rng: random.Random, cast: Cast, which: str):
    from bench.corpus.places import render_address
    where = cast.org_address if which == "org" else cast.safe
    return render_address(rng, where, rng.choice(("block", "block", "block_commas")))


def addressee(rng: random.Random, b: DocBuilder, cast: Cast, s: Slots, *, where: str = "safe") -> None:
    who = cast.client
    form = rng.choice(BLOCK_FORMS + ("scanned",))
    caps = form == "block_caps"
    b.names.append(who.full_name)
    from bench.corpus.people import render_name
    b.mark("person", render_name(rng, who, "upper" if caps else rng.choice(
        ("title_full", "title_full", "title_initial", "full", "title_initial"))))
    b.write("\n")
    target = cast.safe if where == "safe" else cast.home
    address(rng, target, form)(b)
    b.write("\n\n")


def dateline(rng: random.Random, b: DocBuilder, s: Slots) -> None:
    say(b, rng.choice(["{date}\n\n", "Date: {date}\n\n", "\n{date}\n\n"]), date=s["date"])


def refline(rng: random.Random, b: DocBuilder, cast: Cast, s: Slots) -> None:
    say(b, rng.choice(["Our ref: {ref}\n", "Ref: {ref}\n", "Our Ref: {ref}    Your Ref: TBC\n"]),
        ref=s["ref"])


def salutation(rng: random.Random, b: DocBuilder, cast: Cast) -> None:
    roll = rng.random()
    if roll < 0.55:
        say(b, "Dear {n},\n\n", n=person(rng, cast.client, "title_surname"))
    elif roll < 0.7:
        say(b, "Dear {n}\n\n", n=person(rng, cast.client, "forename"))
    elif roll < 0.82:
        say(b, "Dear {n},\n\n", n=person(rng, cast.client, "title_full", "full"))
    else:
        b.write(rng.choice(["Dear Sir or Madam,\n\n", "Dear Colleague,\n\n", "Dear Sir/Madam\n\n"]))


def signature(rng: random.Random, b: DocBuilder, cast: Cast, *, formal: bool = True) -> None:
    closing = rng.choice(["Yours sincerely,", "Yours faithfully,", "Kind regards,", "Yours sincerely"]
                         if formal else ["Thanks,", "Best wishes,", "Kind regards,", "Many thanks"])
    b.write("\n" + closing + "\n\n")
    if formal and rng.random() < 0.3:
        b.write("\n")
    person(rng, cast.writer, "full", "full", "full", "title_full")(b)
    b.write("\n" + cast.writer_role + "\n")
    if rng.random() < 0.7:
        b.write(cast.org + "\n")
    if rng.random() < 0.6:
        say(b, rng.choice(["Direct line: {p}\n", "Tel: {p}\n", "Mobile: {p}\n", "{p}\n"]),
            p=phone(rng))
    if rng.random() < 0.5:
        say(b, rng.choice(["Email: {e}\n", "{e}\n"]), e=email(writer_email(cast)))


# ------------------------------------------------------------------ templates


def housing_letter(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    letterhead(rng, b, cast)
    addressee(rng, b, cast, s)
    dateline(rng, b, s)
    refline(rng, b, cast, s)
    salutation(rng, b, cast)
    say(b, rng.choice(["Re: Tenancy at {home}\n\n", "RE: YOUR HOUSING APPLICATION\n\n",
                       "Re: Management transfer for {client_full}\n\n"]), **s)
    say(b, "Thank you for meeting with me on {date}. ", **s)
    say(b, rng.choice([
        "I can confirm that your management transfer has been approved and your new tenancy at {safe} will start on {date}. ",
        "Following the incident reported by {professional}, the council has agreed to move you from {home} as a matter of urgency. ",
        "We have received the notice to end your tenancy at {home}, and a new property has been found for you. ",
    ]), **s)
    distract(rng, b, s)
    b.write("\n\n")
    body(rng, b, s, "letter")
    say(b, rng.choice([
        "The keys for {safe} can be collected from our office. ",
        "Property: {safe}\nTenancy start date: {date}\n\n",
        "Your new address, {safe}, will be held on a restricted record and will not be shared with {other}. ",
    ]), **s)
    say(b, "If you need to contact us, please call {phone} or email us. ", **s)
    distract(rng, b, s, 2)
    b.write("\n")
    signature(rng, b, cast)


def housing_email(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast, casual=True)
    say(b, "From: {w} <{we}>\nTo: {c} <{ce}>\nSubject: {subj}\n\n",
        w=person(rng, cast.writer, "full"), we=email(writer_email(cast)),
        c=person(rng, cast.client, "full"), ce=s["email"],
        subj=rng.choice(["Repairs at your property", "Your new tenancy", "Re: heating"]))
    say(b, rng.choice(["Hi {n},\n\n", "Dear {n},\n\n", "Hello {n}\n\n"]),
        n=person(rng, cast.client, "forename", "title_surname"))
    say(b, rng.choice([
        "Our contractor will attend {safe} on {date} between 8am and 1pm to repair the boiler. ",
        "I have asked the repairs team to look at the damp at {safe} as soon as possible. ",
        "the locks at {safe} have now been changed as agreed. ",
    ]), **s)
    say(b, rng.choice([
        "If nobody is in they will ring you on {phone}. ",
        "Please text {phone} if the time does not suit. ",
    ]), **s)
    distract(rng, b, s)
    b.write("\n\n")
    body(rng, b, s, "email")
    signature(rng, b, cast, formal=False)


def solicitor_letter(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    letterhead(rng, b, cast)
    refline(rng, b, cast, s)
    dateline(rng, b, s)
    b.write(rng.choice(["BY EMAIL ONLY\n\n", "PRIVATE AND CONFIDENTIAL\n\n", ""]))
    if rng.random() < 0.5:
        addressee(rng, b, cast, s, where="home")
    say(b, rng.choice(["Dear Sirs\n\n", "Dear Colleague,\n\n"]))
    say(b, "Re: {c} v {o}\nIn the Family Court sitting at {town}\nCase number: {case}\n\n",
        c=person(rng, cast.client, "surname_first_caps", "surname_first", "upper", "full"),
        o=person(rng, cast.other, "surname_first_caps", "upper", "full"), town=s["town"],
        case=f"LS{rng.randint(10, 25)}P{rng.randint(100, 999):05d}")
    say(b, rng.choice([
        "We act for {client}, who was born on {dob}. ",
        "We are instructed by {client} in relation to a non-molestation order against {other}. ",
    ]), **s)
    say(b, rng.choice([
        "Our client has moved to {safe} and her address must be kept confidential from the respondent. ",
        "Our client's address is withheld; any correspondence should be sent to this office. She formerly lived at {home}. ",
        "The respondent, {other}, continues to live at {home}. Our client now lives at {safe}. ",
    ]), **s)
    distract(rng, b, s)
    say(b, "\n\nThe child, {child} (born {child_dob}), attends {school}. ", **s)
    say(b, "Please contact the writer on {p}. ", p=phone(rng, cast.org_phone))
    body(rng, b, s, "letter")
    signature(rng, b, cast)


def nhs_appointment(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    letterhead(rng, b, cast)
    dateline(rng, b, s)
    addressee(rng, b, cast, s)
    say(b, rng.choice(["Patient: {c}\n", "Patient name: {c}\n", "Name: {c}\n"]),
        c=person(rng, cast.client, "full", "surname_first_caps", "title_initial", "title_full"))
    say(b, rng.choice(["NHS No: {n}\n", "NHS number: {n}\n", "NHS Number {n}\n"]), n=s["nhs"])
    say(b, rng.choice(["DOB: {d}\n", "Date of birth: {d}\n", "D.O.B. {d}\n"]), d=s["dob"])
    if rng.random() < 0.6:
        say(b, rng.choice(["Address: {a}\n", "Home address: {a}\n"]), a=address(rng, cast.safe, *INLINE_FORMS))
    say(b, "GP: {g}, {prac}\n\n", g=person(rng, cast.professional, "title_full", "title_initial", "title_surname"),
        prac=rng.choice(["Harehills Medical Practice", "Chapeltown Health Centre", "The Surgery, Park Road"]))
    salutation(rng, b, cast)
    say(b, "You have been referred to the antenatal clinic by {professional}. Your appointment is on {date} at 10:30am. ", **s)
    distract(rng, b, s)
    say(b, "If you cannot attend, please telephone {p}. ", p=phone(rng, cast.org_phone))
    say(b, "We will send a text reminder to {phone}. ", **s)
    body(rng, b, s, "letter")
    signature(rng, b, cast)


def nhs_discharge(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    b.write(cast.org + "\nDISCHARGE SUMMARY\n\n")
    say(b, "Patient: {c}\n", c=person(rng, cast.client, "surname_first_caps", "upper", "full"))
    say(b, "NHS number: {nhs}\nDate of birth: {dob}\n", **s)
    say(b, "Address:\n{a}\n", a=address(rng, cast.safe, "block", "block_caps", "scanned"))
    say(b, "Tel: {phone}\n", **s)
    say(b, "Next of kin: {k} (sister) {p}\n", k=person(rng, cast.professional, "full"), p=phone(rng))
    say(b, "Admitted: {date}\n\n", **s)
    say(b, "Presenting complaint: injuries to the left arm. {c} disclosed that her ex-partner {o} caused the injuries. ",
        c=person(rng, cast.client, "title_surname", "full"), o=s["other"])
    say(b, "She asked that her address is not shared with him; he lives at {home}. ", **s)
    distract(rng, b, s)
    body(rng, b, s, "form")
    say(b, "\n\nDischarged to the care of {g}.\n", g=person(rng, cast.writer, "title_full", "title_initial"))


def council_safeguarding(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    b.write(rng.choice(["SAFEGUARDING REFERRAL FORM\n", "Children's Services - Referral\n"]) + cast.org + "\n\n")
    say(b, "Name of child: {ch}\nDate of birth: {cd}\nSchool: {school}\n", ch=s["child"], cd=s["child_dob"], school=s["school"])
    say(b, "Parent/carer: {c}\n", c=person(rng, cast.client, "full", "title_full", "surname_first"))
    if rng.random() < 0.5:
        say(b, "Address:\n{a}\n", a=address(rng, cast.safe, *BLOCK_FORMS))
    else:
        say(b, "Address: {a}\n", a=address(rng, cast.safe, "inline", "inline_nocomma", "block_caps"))
    say(b, "Contact number: {phone}\nEmail: {email}\n", **s)
    say(b, "Alleged perpetrator: {o}\nPerpetrator address: {a}\n\n",
        o=person(rng, cast.other, "full", "surname_first_caps"), a=address(rng, cast.home, *INLINE_FORMS))
    say(b, "Reason for referral: {c} reports that {o} has been seen outside {school}. ", c=s["client"], o=s["other"], school=s["school"])
    distract(rng, b, s, 2)
    body(rng, b, s, "form")
    say(b, "\n\nReferrer: {w}, {role}\nTelephone: {p}\n", w=person(rng, cast.writer, "full", "title_full"),
        role=cast.writer_role, p=phone(rng, cast.org_phone))


def council_tax(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    letterhead(rng, b, cast)
    addressee(rng, b, cast, s)
    dateline(rng, b, s)
    say(b, "Council Tax account number: {n}\n", n=str(rng.randint(10**7, 10**8)))
    say(b, "Property address: {a}\n", a=address(rng, cast.safe, "inline", "inline_nocomma", "inline"))
    say(b, "Liable person: {c}\n\n", c=person(rng, cast.client, "full", "title_full", "upper"))
    salutation(rng, b, cast)
    say(b, "We have applied a single person discount from {date}. Your previous account at {home} has been closed. ", **s)
    distract(rng, b, s)
    b.write("\n\n")
    body(rng, b, s, "letter")
    signature(rng, b, cast)


def police_statement(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    b.write("WITNESS STATEMENT\n(CJ Act 1967, s.9; MC Act 1980, ss.5A(3)(a) and 5B; Criminal Procedure Rules 2020, r.16.2)\n\n")
    say(b, "Statement of: {c}\nAge if under 18: over 18\nOccupation: {occ}\n",
        c=person(rng, cast.client, "full", "upper", "surname_first_caps"),
        occ=rng.choice(["Care assistant", "Student", "Unemployed", "Retail assistant"]))
    say(b, "Date of birth: {dob}\nHome address: {a}\nTelephone: {phone}\n\n",
        a=address(rng, cast.safe, "inline", "inline_nocomma", "inline", "block"), **s)
    say(b, rng.choice([
        "I live at {safe} with my son {child}. ",
        "Until last month I lived at {home} with {other}. ",
        "I have known {other} for six years. We lived together at {home}. ",
    ]), **s)
    say(b, rng.choice([
        "On {date} he came to my new address at {safe} and banged on the door. ",
        "On {date} I received a message from {other} saying he knew I was staying at {safe}. ",
        "On {date} my friend {professional} told me that he had been asking where I live. ",
    ]), **s)
    distract(rng, b, s)
    body(rng, b, s, "statement")
    say(b, "\n\nSigned: {c}\nWitnessed by: {w}, {role}\n",
        c=person(rng, cast.client, "full"), w=person(rng, cast.writer, "title_full", "full"), role=cast.writer_role)


def marac_referral(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    b.write("MARAC REFERRAL FORM\nRESTRICTED - NOT FOR DISCLOSURE\n\n")
    say(b, "Victim name: {c}\nVictim DOB: {dob}\nVictim address: {a}\nSafe contact number: {phone}\n",
        c=person(rng, cast.client, "full", "surname_first_caps", "upper"),
        a=address(rng, cast.safe, "inline", "inline_nocomma", "inline_short"), **s)
    say(b, "Is it safe to leave a message? No\n")
    say(b, "Children: {ch} ({cd})\n", ch=s["child"], cd=s["child_dob"])
    say(b, "Perpetrator name: {o}\nPerpetrator address: {a}\n\n",
        o=person(rng, cast.other, "full", "surname_first_caps", "upper"), a=address(rng, cast.home, *INLINE_FORMS))
    say(b, "Referring agency: {org}\nReferrer: {w}\nEmail: {we}\n\n", org=cast.org,
        w=person(rng, cast.writer, "full", "title_full"), we=email(writer_email(cast)))
    say(b, "Summary: {client} fled {home} on {date}. ", **s)
    distract(rng, b, s, 2)
    body(rng, b, s, "form")
    b.write("\n")


def benefits_letter(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    letterhead(rng, b, cast)
    addressee(rng, b, cast, s)
    dateline(rng, b, s)
    say(b, "National Insurance number: {nino}\n", **s)
    salutation(rng, b, cast)
    say(b, rng.choice([
        "Your Universal Credit claim has been updated with your new address, {safe}. ",
        "We have recorded your change of circumstances. Payments will now be made to you at {safe}. ",
        "Your Personal Independence Payment award continues. We wrote to you at {home} but the letter was returned. ",
    ]), **s)
    say(b, "Your National Insurance number is {nino}. If you have questions, call us on {p}. ",
        p=phone(rng, cast.org_phone), **s)
    distract(rng, b, s)
    b.write("\n\n")
    body(rng, b, s, "letter")
    signature(rng, b, cast)


def school_letter(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    letterhead(rng, b, cast)
    dateline(rng, b, s)
    addressee(rng, b, cast, s)
    salutation(rng, b, cast)
    say(b, rng.choice([
        "I am writing about {child}'s attendance this term, which has fallen to 84%. ",
        "Thank you for letting us know that {child} (date of birth {child_dob}) will be collected by {professional} from now on. ",
        "We have updated our records for {child} with your new address, {safe}, and your number, {phone}. ",
    ]), **s)
    say(b, "Please note that {other} is not permitted to collect {child} from school. ", **s)
    distract(rng, b, s)
    b.write("\n\n")
    body(rng, b, s, "letter")
    signature(rng, b, cast)


def charity_email(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast, casual=True)
    say(b, "From: {w} <{we}>\nTo: {pr}\nSubject: {subj}\n\n",
        w=person(rng, cast.writer, "full"), we=email(writer_email(cast)),
        pr=person(rng, cast.professional, "full"),
        subj=rng.choice(["update re client", "Re: referral", "FW: safety plan", "client moved"]))
    say(b, rng.choice(["Hi {n},\n\n", "Hello {n},\n\n", "{n}\n\n"]), n=person(rng, cast.professional, "forename"))
    say(b, rng.choice([
        "just to let you know {client} has moved, she's now at {safe} with the kids. ",
        "quick update - {client} is staying at {safe} for now, please don't put this on any letters. ",
        "{client} rang this morning. she is at {safe} and her new number is {phone}. ",
    ]), **s)
    say(b, rng.choice([
        "her ex {other} still lives at {home}. ",
        "{other} has been seen near {school} again. ",
        "her email is {email} if you need it. ",
    ]), **s)
    if rng.random() < 0.5:
        say(b, "She works at {workplace} on weekdays. ", **s)
    distract(rng, b, s)
    b.write("\n\n")
    body(rng, b, s, "email")
    signature(rng, b, cast, formal=False)


def tenancy_form(rng: random.Random, cast: Cast, b: DocBuilder) -> None:
    s = slots_for(rng, cast)
    b.write(cast.org + "\nTENANCY SIGN-UP FORM\n\n")
    say(b, "Tenant name: {c}\nDate of birth: {dob}\nNI number: {nino}\n",
        c=person(rng, cast.client, "full", "upper", "surname_first_caps"), **s)
    say(b, rng.choice(["Property: {a}\n", "Property address:\n{a}\n", "New address: {a}\n"]),
        a=address(rng, cast.safe, "inline", "block", "block_caps", "inline_nocomma", "scanned"))
    say(b, "Previous address: {a}\n", a=address(rng, cast.home, "inline", "inline_nocomma", "block_caps"))
    say(b, "Mobile: {phone}\nEmail: {email}\n", **s)
    say(b, "Household members: {ch}\n", ch=s["child"])
    say(b, "Employer: {workplace}\n\n", **s)
    distract(rng, b, s, 2)
    body(rng, b, s, "form")
    say(b, "\nSigned by officer: {w}\n", w=person(rng, cast.writer, "full", "title_initial"))


TEMPLATES: dict[str, tuple[str, Callable[[random.Random, Cast, DocBuilder], None]]] = {
    "housing_letter": ("housing", housing_letter),
    "housing_email": ("housing", housing_email),
    "solicitor_letter": ("solicitors", solicitor_letter),
    "nhs_appointment": ("nhs", nhs_appointment),
    "nhs_discharge": ("nhs", nhs_discharge),
    "council_safeguarding": ("council", council_safeguarding),
    "council_tax": ("council", council_tax),
    "police_statement": ("police", police_statement),
    "marac_referral": ("police", marac_referral),
    "benefits_letter": ("benefits", benefits_letter),
    "school_letter": ("schools", school_letter),
    "charity_email": ("charity", charity_email),
    "tenancy_form": ("housing", tenancy_form),
}
