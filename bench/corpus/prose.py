"""The ordinary prose that makes up most of a real letter: paragraphs about the case, the
process and the services involved.

Real letters to a client run to 300-600 words, and most of those words are not names or
addresses but they are full of capitalised phrases that look like them: organisations ("Leeds
City Council", "the Crown Prosecution Service"), courts ("the Family Court at Bradford"), job
titles ("Independent Domestic Violence Adviser"), Acts, benefits, days and months, towns in a
list, and organisations named after a street ("the Victoria Road Family Centre"). None of them
is gold, so they test precision; a sentence that does carry a detail (a date, the office's own
address) writes it with `mark`, so it is gold like any other.
"""

from __future__ import annotations

import random

from bench.corpus.document import DocBuilder
from bench.corpus.writing import Slot, say

# How long each kind of document is, in words, as the services write them.
LENGTHS = {"letter": (300, 600), "statement": (300, 600), "email": (120, 300),
           "form": (150, 320)}

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
COUNTIES = ("West Yorkshire", "Greater Manchester", "the West Midlands", "Lancashire",
            "Merseyside", "South Yorkshire", "Tyne and Wear", "Nottinghamshire")
ORGANISATIONS = (
    "{town} City Council", "the Department for Work and Pensions", "Citizens Advice {town}",
    "{town} Women's Aid", "the Crown Prosecution Service", "HM Courts and Tribunals Service",
    "the Legal Aid Agency", "Victim Support", "the National Domestic Abuse Helpline", "Shelter",
    "the Housing Options Team", "the Early Help Hub", "Children's Social Care",
    "Adult Social Care", "Child and Adolescent Mental Health Services", "the Probation Service",
    "{town} Teaching Hospitals NHS Trust", "Jobcentre Plus", "the Home Office",
    "the Community Safety Partnership", "West Yorkshire Police", "Greater Manchester Police",
    "the Independent Domestic Violence Advocacy Service", "the School Nursing Service",
)
COURTS = ("the Family Court at {town}", "{town} Crown Court", "{town} Magistrates' Court",
          "the County Court at {town}", "the High Court", "{town} Combined Court Centre")
ROLES = ("Independent Domestic Violence Adviser", "Designated Safeguarding Lead",
         "Housing Options Officer", "Social Worker", "Team Manager", "Family Support Worker",
         "Health Visitor", "Special Educational Needs Coordinator", "Duty Solicitor",
         "Children's Guardian", "Independent Reviewing Officer", "Tenancy Sustainment Officer",
         "Welfare Rights Adviser", "Senior Practitioner", "Police Community Support Officer")
LAWS = ("the Family Law Act 1996", "the Children Act 1989", "Part 7 of the Housing Act 1996",
        "the Domestic Abuse Act 2021", "the Protection from Harassment Act 1997",
        "the Data Protection Act 2018")
BENEFITS = ("Universal Credit", "Personal Independence Payment", "Child Benefit",
            "Council Tax Reduction", "Housing Benefit", "Discretionary Housing Payment",
            "Employment and Support Allowance")
# Organisations named after the street they stand on: not an address in the sentence.
STREET_NAMED = ("the Victoria Road Family Centre", "the Church Street Surgery",
                "the Park Lane Children's Centre", "the Mill Street Medical Practice",
                "the Station Road Library")

SENTENCES = (
    "Your case has been referred to {org}, who will contact you by {weekday}.",
    "The next hearing in {court} is expected in {month}.",
    "{Court} has listed the matter for a review, and HM Courts and Tribunals Service will send you the notice.",
    "Your {role} will go through the safety plan with you before the end of {month}.",
    "An application under {law} can be made without notice to the other party.",
    "Your entitlement to {benefit} is not affected by the move.",
    "The Sanctuary Scheme can fit extra locks and a door viewer free of charge.",
    "Services are available across {town}, {town2} and {county}.",
    "The Multi-Agency Risk Assessment Conference meets on the first {weekday} of each month.",
    "We work closely with {org}, {org2} and local schools.",
    "The office will be closed over Easter, from Good Friday to Easter Monday, and over Christmas.",
    "Staff from {org} attended the Child Protection Conference last {weekday}.",
    "If you are unhappy with our service you can complain to the Local Government and Social Care Ombudsman.",
    "The Citizens Advice office in {town} can help with debt and benefit questions.",
    "Your {role} has asked the Housing Register team to review your banding.",
    "The Legal Aid Agency has granted emergency funding for the application.",
    "Children's Social Care will hold a Child in Need meeting in {month}.",
    "A disclosure under the Domestic Violence Disclosure Scheme was made in {month}.",
    "Our Customer Services Centre is closed on Bank Holidays.",
    "The Housing Options Team at {town} City Council can be reached through the main switchboard.",
    "The Freedom Programme runs on {weekday} evenings at the Family Hub in {town}.",
    "The decision was made by a Senior Housing Officer and checked by the Team Leader.",
    "The Designated Safeguarding Lead and the School Nursing Service have been informed.",
    "You can also speak to the Duty Social Worker, Monday to Friday, between 9am and 5pm.",
    "The Crown Prosecution Service expects to make a charging decision by the end of {month}.",
    "We have written to HM Revenue and Customs and the Department for Work and Pensions on your behalf.",
    "Any Council Tax arrears on your previous account have been put on hold.",
    "{Court} will send the sealed order to both parties.",
    "An appointment has been made with the Perinatal Mental Health Team for {weekday} afternoon.",
    "Your Personal Housing Plan sets out the Reasonable Steps that you and the Council will take.",
    "{Street_named} runs a stay and play group on {weekday} mornings.",
    "The children can keep their places at school while the Admissions Team considers a transfer.",
    "Please bring your Universal Credit statement and a recent bank statement to the appointment.",
    "A referral has been made to {org} under the Adult Safeguarding procedures.",
    "The Probation Service has confirmed that the licence conditions include an exclusion zone.",
    "The Police Domestic Abuse Team will carry out a welfare check in the next few days.",
    "The review panel, chaired by the Head of Housing Services, meets every {weekday}.",
    "We checked the records held by {org} and {org2} before reaching this decision.",
    "Information was shared at the Daily Safeguarding Meeting in line with {law}.",
    "The court may attach a power of arrest to the order under {law}.",
    "We were unable to reach you on {weekday}, so we left a message as agreed.",
    "The application was received on {date} and is now being assessed.",
    "The order made on {date} remains in force until further order.",
)
# Plain sentences without a capitalised phrase.
PLAIN = (
    "I am sorry that this has taken longer than we said it would.",
    "We understand that this is a difficult time and we want to make the process as easy as possible.",
    "Please read the enclosed leaflet, which explains your rights and what happens next.",
    "If anything changes, let us know as soon as you can so that we can update our records.",
    "We have considered all of the information you provided, including the supporting letters.",
    "The decision will be reviewed if new evidence becomes available.",
    "You may wish to seek independent advice before the next meeting.",
    "Any information you give us will be handled in line with data protection law.",
    "We recognise the impact that recent events have had on you and the children.",
    "A copy of this letter has been placed on your file.",
    "It was agreed that contact would take place only through the agreed arrangements.",
    "The safety plan will be reviewed at the next professionals meeting.",
    "We have made a referral for ongoing support and someone will be in touch.",
    "Please bring some form of identification and any letters you have received.",
    "If you are unhappy with this decision you have the right to ask for a review within 21 days.",
    "Interpreters can be arranged if required; just let us know which language you need.",
    "The children appeared settled and were happy to talk about school.",
    "We will continue to work closely with the other agencies involved.",
    "Your application has been assessed against the allocation policy.",
    "She confirmed that she understood the advice and agreed to the plan.",
)


def _pick(rng: random.Random, pool: tuple[str, ...], town: str) -> str:
    return rng.choice(pool).format(town=town)


def sentence(rng: random.Random, b: DocBuilder, slots: dict[str, Slot], template: str) -> None:
    """One sentence, its capitalised phrases drawn afresh."""
    town = str(slots["town"])
    towns = [str(slots.get("town2", town))] + ["Leeds", "Bradford", "Wakefield", "Kirklees",
                                                "Calderdale", "Salford", "Oldham"]
    court = _pick(rng, COURTS, town)
    street_named = rng.choice(STREET_NAMED)
    fill: dict[str, Slot] = {
        "org": _pick(rng, ORGANISATIONS, town), "org2": _pick(rng, ORGANISATIONS, town),
        "court": court, "Court": court[0].upper() + court[1:],
        "role": rng.choice(ROLES), "law": rng.choice(LAWS), "benefit": rng.choice(BENEFITS),
        "weekday": rng.choice(WEEKDAYS), "month": rng.choice(MONTHS),
        "county": rng.choice(COUNTIES), "town": town,
        "town2": rng.choice([t for t in towns if t != town]),
        "Street_named": street_named[0].upper() + street_named[1:],
        "date": slots["date"],
    }
    say(b, template, **fill)


def paragraphs(rng: random.Random, b: DocBuilder, slots: dict[str, Slot], kind: str,
               extra: list | None = None) -> None:
    """Paragraphs of three to six sentences until the document reaches a length drawn for its
    kind; `extra` sentence writers (each a callable taking the builder) are mixed in once each."""
    low, high = LENGTHS[kind]
    target = rng.randint(low, high)
    pending = list(extra or [])
    rng.shuffle(pending)
    # Each sentence at most once a document, as a writer would; sixty in all is enough.
    rich, plain = rng.sample(SENTENCES, len(SENTENCES)), rng.sample(PLAIN, len(PLAIN))
    # Leave room for what the template still writes after the body (a signature, a form tail).
    while b.words < target - 40:
        for i in range(rng.randint(3, 6)):
            if pending and rng.random() < 0.3:
                pending.pop()(b)
            elif rich or plain:
                pool = rich if rich and (rng.random() < 0.6 or not plain) else plain
                sentence(rng, b, slots, pool.pop())
            b.write(" ")
        b.write("\n\n")
    for write in pending:
        write(b)
        b.write("\n\n")
