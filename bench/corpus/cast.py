"""Who and where one document is about: the client, her children, the other party, the
professional writing, the sending organisation, and the places and details they share."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from bench.corpus.details import (
    a_birth_date,
    a_letter_date,
    a_nino,
    a_personal_email,
    a_phone,
    a_work_email,
    an_nhs_number,
)
from bench.corpus.people import Person, a_person
from bench.corpus.places import TOWNS, Address, a_home, an_office

SECTORS = {
    "housing": ("{town} City Council Housing Services", "{town} Homes", "Unity Housing Association",
                "Together Housing Group", "Places for People"),
    "solicitors": ("Carter Mensah Solicitors", "Harrison Drury & Co", "Shah & Kowalski LLP",
                   "Ison Harrison Solicitors", "Family Law Partners"),
    "nhs": ("{town} Teaching Hospitals NHS Trust", "{locality} Medical Practice",
            "{town} Community Health Services", "St James's University Hospital"),
    "council": ("{town} City Council", "{town} Council Children's Services",
                "{town} Metropolitan Borough Council Adult Social Care"),
    "police": ("West Yorkshire Police", "Greater Manchester Police", "Metropolitan Police Service",
               "Police Scotland", "South Wales Police"),
    "benefits": ("Department for Work and Pensions", "{town} Jobcentre Plus",
                 "HM Revenues and Customs", "{town} Council Benefits Service"),
    "schools": ("St Hilda's Primary School", "{locality} Academy", "{town} High School",
                "Our Lady of Lourdes Catholic Primary", "Park View Community School"),
    "charity": ("{town} Women's Aid", "{town} Domestic Violence Service", "Refuge",
                "Citizens Advice {town}"),
}
DOMAINS = {"housing": "{t}homes.org.uk", "solicitors": "{t}law.co.uk", "nhs": "nhs.net",
           "council": "{t}.gov.uk", "police": "{t}.police.uk", "benefits": "dwp.gov.uk",
           "schools": "{t}.sch.uk", "charity": "{t}wa.org.uk"}
ROLES = {"housing": ("Housing Officer", "Tenancy Sustainment Officer", "Lettings Manager"),
         "solicitors": ("Solicitor", "Associate Solicitor", "Trainee Solicitor", "Partner"),
         "nhs": ("Consultant Obstetrician", "Health Visitor", "GP", "Clinic Coordinator"),
         "council": ("Social Worker", "Team Manager", "Council Tax Officer", "Early Help Practitioner"),
         "police": ("Detective Constable", "Police Constable", "Domestic Abuse Officer"),
         "benefits": ("Case Manager", "Work Coach", "Decision Maker"),
         "schools": ("Headteacher", "Designated Safeguarding Lead", "Attendance Officer"),
         "charity": ("IDVA", "Outreach Worker", "Senior Caseworker", "Support Worker")}
WORKPLACES = ("Asda Killingbeck", "Tesco Extra Roundhay Road", "Greggs Briggate",
              "Royal Mail Leeds Mail Centre", "Premier Inn Leeds City Centre",
              "Amazon LBA4 Fulfilment Centre", "Sainsbury's Moor Allerton")


@dataclass
class Cast:
    sector: str
    org: str
    org_address: Address
    org_phone: str
    org_domain: str
    writer: Person
    writer_role: str
    client: Person
    client_dob: date
    home: Address          # where she lived (and the abuser may know)
    safe: Address          # where she lives now: what must never leak
    client_phone: str
    client_email: str
    child: Person
    child_dob: date
    other: Person          # the other party
    professional: Person   # a second professional mentioned
    nhs: str
    nino: str
    school: str
    workplace: str
    letter_date: date
    reference: str


def a_cast(rng: random.Random, sector: str) -> Cast:
    town = rng.choice(list(TOWNS))
    locality = rng.choice(TOWNS[town][1].split("|"))
    short = town.split()[0].split("-")[0]
    org = rng.choice(SECTORS[sector]).format(town=short, locality=locality)
    writer = a_person(rng)
    client = a_person(rng, female=rng.random() < 0.85)
    child = a_person(rng, origin=client.origin, title="")
    child = Person(child.forenames[:1], client.surname if rng.random() < 0.7 else child.surname,
                   child.female, child.origin, "Miss" if child.female else "Master")
    other = a_person(rng, female=not client.female if rng.random() < 0.9 else client.female)
    school = rng.choice(SECTORS["schools"]).format(town=short, locality=locality)
    return Cast(
        sector=sector, org=org, org_address=an_office(rng, town),
        org_phone=a_phone(rng), org_domain=DOMAINS[sector].format(t=short.lower()),
        writer=writer, writer_role=rng.choice(ROLES[sector]),
        client=client, client_dob=a_birth_date(rng),
        home=a_home(rng, town), safe=a_home(rng, rng.choice([town, rng.choice(list(TOWNS))])),
        client_phone=a_phone(rng), client_email=a_personal_email(rng, client),
        child=child, child_dob=a_birth_date(rng, child=True),
        other=other, professional=a_person(rng),
        nhs=an_nhs_number(rng), nino=a_nino(rng), school=school,
        workplace=rng.choice(WORKPLACES), letter_date=a_letter_date(rng),
        reference=rng.choice(["HL/{}/{:04d}", "SOL-{}-{:05d}", "CS{}{:04d}", "MARAC/{}/{:03d}"]).format(
            rng.randint(2021, 2025), rng.randint(1, 9999)),
    )


def writer_email(cast: Cast) -> str:
    return a_work_email(cast.writer, cast.org_domain)
