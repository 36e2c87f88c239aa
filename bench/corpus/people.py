"""People from the communities UK services write to, and the ways letters write their names.

Names are written as their owners write them: with diacritics (Łukasz, Siobhán, Ştefan, Öztürk),
particles (Ó Briain, da Silva), apostrophes and hyphens (O'Neill, Ahmed-Khan). Half of them come
from the hand-written lists below, half from Faker's person provider for the same origin
(en_GB, ga_IE, en_IN, pl_PL, ro_RO, yo_NG, tw_GH, tr_TR, pt_PT, lt_LT: "Przemysław Kuk",
"Florența Stănescu", "Morayo Owolabi"), so that the names are not only ones the pipeline's
authors wrote down.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

from bench.corpus.document import Rendered

# origin -> (female forenames, male forenames, surnames)
NAMES: dict[str, tuple[str, str, str]] = {
    "british": (
        "Sarah Emma Claire Rebecca Joanne Lucy Hannah Charlotte Gemma Kirsty Amy Rachel Laura "
        "Natalie Stacey Leanne Katie Jade Chloe Abigail Megan Olivia Sophie Eleanor",
        "James David Mark Paul Daniel Thomas Christopher Andrew Matthew Lee Craig Jamie Ryan "
        "Liam Gareth Stuart Wayne Dean Callum Oliver George Harry Jack",
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
        "Walker White Roberts Green Hall Wood Jackson Clarke Hughes Edwards Lloyd Morgan "
        "Pemberton Ashworth Whitfield Crossley Thornton Shaw Barker Holroyd Sutcliffe Fairclough "
        "Lloyd-Jones Smith-Barton Fforde-Hughes",
    ),
    "irish": (
        "Siobhán Aoife Niamh Ciara Saoirse Sinéad Orla Róisín Mairéad Caoimhe Gráinne Bríd",
        "Seán Ciarán Pádraig Eoin Cian Darragh Oisín Colm Tadhg Dónal Conor Rory",
        "O'Neill O'Brien Murphy Kelly McCarthy Byrne Ryan Doherty O'Sullivan Gallagher "
        "Ó Briain Ní Mhurchú Mac Giolla Fitzgerald Quinn McLaughlin Ó Súilleabháin",
    ),
    "south_asian": (
        "Priya Anjali Fatima Ayesha Nusrat Shabana Rukhsana Farzana Sunita Harpreet Manpreet "
        "Parveen Nazia Sadia Zainab Amina Shazia Rupinder Kiran Bushra",
        "Mohammed Imran Asif Tariq Rajesh Sanjay Gurpreet Harjit Amir Zubair Shahid Kamran "
        "Vikram Arjun Rahul Faisal Sajid Nadeem Bilal Usman",
        "Patel Khan Ahmed Hussain Begum Akhtar Singh Kaur Sharma Chaudhry Iqbal Rahman Ali "
        "Mahmood Bibi Choudhury Islam Uddin Miah Malik Sandhu Gill Ahmed-Khan Bhattacharya",
    ),
    "polish": (
        "Anna Agnieszka Katarzyna Małgorzata Magdalena Joanna Żaneta Ewelina Bożena Dorota "
        "Grażyna Aleksandra Justyna Iwona",
        "Łukasz Piotr Krzysztof Tomasz Paweł Michał Marcin Grzegorz Jarosław Wojciech "
        "Przemysław Dariusz Bartłomiej Jędrzej",
        "Kowalczyk Nowak Wiśniewska Wiśniewski Kowalski Wójcik Kamińska Lewandowski Zieliński "
        "Szymańska Woźniak Dąbrowski Kozłowska Jankowski Mazur Krzyżanowska Wróbel Pietrzak",
    ),
    "romanian": (
        "Ioana Elena Andreea Mihaela Alexandra Roxana Cristina Florentina Mădălina Ştefania "
        "Raluca Simona",
        "Ştefan Ion Andrei Mihai Alexandru Gheorghe Constantin Bogdan Florin Cătălin Răzvan "
        "Vasile",
        "Popescu Ionescu Rădulescu Dumitru Stoica Constantinescu Munteanu Ţurcanu Moldovan "
        "Stănescu Georgescu Lungu Păun Bălan",
    ),
    "nigerian": (
        "Ngozi Chiamaka Oluwaseun Adaeze Folasade Yetunde Chinwe Ifeoma Funmilayo Blessing "
        "Abimbola Temitope Nneka",
        "Chukwuemeka Oluwaseun Adebayo Babatunde Emeka Olumide Tunde Obinna Chidi Segun "
        "Kayode Ikenna Femi",
        "Okonkwo Adeyemi Okafor Eze Adebayo Olawale Nwosu Ogunleye Afolabi Okoro Balogun "
        "Onyekachi Oyelaran Olawale-Johnson Chukwu Ibekwe",
    ),
    "ghanaian": (
        "Akosua Abena Efua Ama Adwoa Yaa",
        "Kwame Kofi Kwabena Yaw Kwesi Kojo",
        "Mensah Osei Owusu Boateng Asante Appiah Agyeman Darko Ofori",
    ),
    "turkish": (
        "Ayşe Fatma Emine Zeynep Elif Çağla Gülşen Şükran Özlem Merve Büşra",
        "Mehmet Mustafa Ahmet Hüseyin Murat Emre Şükrü Oğuz Çetin Yusuf Barış",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıç Çakır",
    ),
    "somali": (
        "Hodan Fadumo Sahra Asha Hibo Nimco Ubah",
        "Abdi Abdullahi Mahamed Hassan Omar Cabdi Liban",
        "Warsame Farah Abdi Jama Hirsi Mohamud Ismail Egal",
    ),
    "chinese": (
        "Mei Xiuying Ying Lina Hui Jing Lan",
        "Wei Jun Hao Ming Chen Jian Lei",
        "Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Lin",
    ),
    "caribbean": (
        "Marcia Beverley Paulette Jacqueline Sharon Yvonne Donna Janice",
        "Delroy Winston Leroy Errol Clive Desmond Trevor Lloyd",
        "Campbell Francis Bailey Grant Thompson Morrison Reid Henry Brown Gordon",
    ),
    "portuguese": (
        "Ana Beatriz Inês Mariana Joana Leonor",
        "João Tiago Rui Nuno Gonçalo Luís",
        "da Silva dos Santos Ferreira Pereira Gonçalves Rodrigues Conceição",
    ),
    "lithuanian": (
        "Rūta Aušra Giedrė Jurgita Eglė Vaida",
        "Tomas Mindaugas Darius Žygimantas Andrius Giedrius",
        "Kazlauskas Petrauskienė Jankauskas Žukauskaitė Vaitkus Stankevičius",
    ),
    "arabic": (
        "Fatima Mariam Layla Noor Huda Rania Yasmin Salma",
        "Ahmed Omar Youssef Khalid Hamza Karim Tariq Samir",
        "Al-Hassan Haddad Nasser Saleh Mansour Haddad El-Sayed Abboud Khalil",
    ),
}
ORIGIN_WEIGHTS = {
    "british": 30, "irish": 6, "south_asian": 14, "polish": 8, "romanian": 6, "nigerian": 8,
    "ghanaian": 3, "turkish": 5, "somali": 3, "chinese": 3, "caribbean": 4, "portuguese": 3,
    "lithuanian": 2, "arabic": 5,
}
# origin -> the Faker locale whose person provider names people of that origin.
FAKER_LOCALES = {
    "british": "en_GB", "irish": "ga_IE", "south_asian": "en_IN", "polish": "pl_PL",
    "romanian": "ro_RO", "nigerian": "yo_NG", "ghanaian": "tw_GH", "turkish": "tr_TR",
    "portuguese": "pt_PT", "lithuanian": "lt_LT",
}
FAKER_SHARE = 0.5
FEMALE_TITLES = ("Mrs", "Ms", "Miss")
MALE_TITLES = ("Mr",)


@dataclass(frozen=True)
class Person:
    forenames: tuple[str, ...]
    surname: str
    female: bool
    origin: str
    title: str

    @property
    def full_name(self) -> str:
        return " ".join([*self.forenames, self.surname])

    @property
    def forename(self) -> str:
        return self.forenames[0]


_FAKER_POOLS: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}


def _faker_pools(origin: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(women's forenames, men's, women's surnames, men's) drawn once with a fixed seed, so that
    a document depends on its own seed alone."""
    if origin not in _FAKER_POOLS:
        faker = Faker(FAKER_LOCALES[origin])
        faker.seed_instance(20240604)
        _FAKER_POOLS[origin] = (
            [faker.first_name_female() for _ in range(300)], [faker.first_name_male() for _ in range(300)],
            [faker.last_name_female() for _ in range(300)], [faker.last_name_male() for _ in range(300)],
        )
    return _FAKER_POOLS[origin]


def a_person(rng: random.Random, *, female: bool | None = None, title: str | None = None,
             origin: str | None = None) -> Person:
    origin = origin or rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
    female = rng.random() < 0.6 if female is None else female
    if origin in FAKER_LOCALES and rng.random() < FAKER_SHARE:
        women, men, women_surnames, men_surnames = _faker_pools(origin)
        pool, surnames = (women, women_surnames) if female else (men, men_surnames)
        # Faker writes some double forenames as one ("Anna Maria"): each is a forename.
        forenames = rng.choice(pool).split()
        surname = rng.choice(surnames)
    else:
        women, men, surnames = (s.split() for s in NAMES[origin])
        pool = women if female else men
        forenames = [rng.choice(pool)]
        if rng.random() < 0.12:
            second = rng.choice(pool)
            if second != forenames[0]:
                forenames.append(second)
        surname = _surname(rng, surnames)
    if title is None:
        title = rng.choice(FEMALE_TITLES) if female else rng.choice(MALE_TITLES)
    return Person(tuple(forenames), surname, female, origin, title)


def _surname(rng: random.Random, surnames: list[str]) -> str:
    # Multi-word surnames ("Ó Briain", "da Silva") are listed with the particle glued to the
    # next word by a space; split() broke them, so put the known particles back.
    particles = {"Ó", "Ní", "Mac", "da", "dos", "van", "de", "Al"}
    joined: list[str] = []
    for word in surnames:
        if joined and joined[-1] in particles:
            joined[-1] += " " + word
        else:
            joined.append(word)
    return rng.choice(joined)


def _initials(person: Person, dotted: bool) -> str:
    return " ".join(f"{name[0]}." if dotted else name[0] for name in person.forenames)


def render_name(rng: random.Random, person: Person, form: str) -> Rendered:
    """One way of writing a person's name. The required part is the name without its title:
    a found span may or may not include "Mrs"."""
    surname, full = person.surname, person.full_name
    if form == "full":
        text, core = full, full
    elif form == "title_full":
        text, core = f"{person.title} {full}", full
    elif form == "title_initial":
        initials = _initials(person, dotted=rng.random() < 0.5)
        text, core = f"{person.title} {initials} {surname}", f"{initials} {surname}"
    elif form == "title_surname":
        text, core = f"{person.title} {surname}", surname
    elif form == "surname_first_caps":
        text = core = f"{surname.upper()}, {' '.join(person.forenames)}"
    elif form == "surname_first":
        text = core = f"{surname}, {' '.join(person.forenames)}"
    elif form == "upper":
        text = core = full.upper()
    elif form == "forename":
        text = core = person.forename
    else:
        raise ValueError(form)
    offset = text.index(core)
    return Rendered(text, [(offset, offset + len(core))], form)


def forename_initial_surname(person: Person) -> str:
    return f"{person.forename[0]}. {person.surname}"
