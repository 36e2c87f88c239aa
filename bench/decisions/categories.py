"""The categories of the decision benchmark: what an item is, in the world, and so what the
guard should do with it. Labels come from the situation each generator builds, never from the
guard's answer.

    block  restricted_gets_contact    the abuser (by a form of his name, his email, or his postal
                                      address whatever the name) can see the victim's or a
                                      child's address, phone or email, or a child's school
                                      (body, attachment, copy list or a visible Cc)
    hold   contact_to_third_party     her or a child's contact detail to a GP, landlord, employer
           name_to_restricted         her or a child's name, with no contact detail, to the abuser
           other_at_safe_address      someone else written to at her safe address
           victim_at_abuser_address   she is written to at the old shared home, his address
    allow  own_household              she, or the children's parent, at her own address
           ordinary                   nothing of the register at all
           neighbours                 another number, flat or house name on her street
           restricted_own_affairs     the abuser about his own affairs ("Dear Mr Lukas")
           namesakes                  another person sharing her forename or surname
           name_to_third_party        her or a child's name, no contact detail, to a third party
           institution_itself         the school written to about itself
           bcc_self                   her detail only in her own Bcc line, or to her alone; or
                                      she is Bcc'd on a neutral letter to him
           trusted_recipient          her solicitor, trusted for her case, gets her contact details
           redacted                   a bundle with her address and phone redacted
"""

from __future__ import annotations

import random

from decisions.address_errors import as_fields, as_written, mistyped
from decisions.contacts import phone_written
from decisions.letters import Letter, Letterhead
from decisions.people import NAME_FORMS, Person, name_form, namesake
from decisions.register import Case, World, school_written
from decisions.shapes import EMAIL_SHAPES, LETTER_SHAPES, Addressee, Submission, submit

# (category, expected, weight): the block category has the most ways to go wrong, so more items.
CATEGORIES: tuple[tuple[str, str, int], ...] = (
    ("restricted_gets_contact", "block", 3),
    ("contact_to_third_party", "hold", 1),
    ("name_to_restricted", "hold", 1),
    ("other_at_safe_address", "hold", 1),
    ("victim_at_abuser_address", "hold", 1),
    ("own_household", "allow", 1),
    ("ordinary", "allow", 1),
    ("neighbours", "allow", 1),
    ("restricted_own_affairs", "allow", 1),
    ("namesakes", "allow", 1),
    ("name_to_third_party", "allow", 1),
    ("institution_itself", "allow", 1),
    ("bcc_self", "allow", 1),
    ("trusted_recipient", "allow", 1),
    ("redacted", "allow", 1),
)
THIRD_PARTIES = (
    ("health", "The Practice Manager"), ("housing", "Lettings Team"), ("council", "Revenues Team"),
    ("benefits", "Work Coach"), ("housing", "Landlord"), ("health", "Dr"),
)  # fmt: skip
# Forms of his name that say who he is even on an envelope at an address the register lacks.
IDENTIFYING_FORMS = ("full", "title_full", "diminutive_surname", "surname_comma", "capitals")
REDACTIONS = ("[REDACTED]", "█████████", "[redacted]", "XXXXXXXX")


class ItemMaker:
    def __init__(self, world: World, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        self.letterhead = Letterhead(world.faker, rng, self.stranger, self.office)

    # ------------------------------------------------------------ people and places in no register

    def stranger(self, avoid: set[str] = frozenset()) -> Person:
        while True:
            person = self.world.people.stranger()
            full = (person.first.lower(), person.surname.lower())
            if full not in self.world.full_names and person.surname.lower() not in avoid:
                return person

    def elsewhere(self):
        while True:
            dwelling = self.world.geography.dwelling()
            if dwelling.key not in self.world.dwellings:
                return dwelling

    def office(self) -> str:
        return self.elsewhere().written(locality=False)

    def office_email(self, org: str) -> str:
        domain = "".join(ch for ch in org.lower().split(",")[0] if ch.isalpha())[:24]
        return f"{self.rng.choice(('enquiries', 'casework', 'office', 'admin'))}@{domain}.org.uk"

    def third_party(self, case: Case, by_email: bool) -> tuple[Addressee, str]:
        topic, label = self.rng.choice(THIRD_PARTIES)
        person = self.stranger(case.surnames)
        name = f"Dr {person.first} {person.surname}" if label == "Dr" else person.written()
        if by_email:
            return Addressee("to", name, self.world.contacts.email(person.first, person.surname)), topic
        return Addressee("to", name, address=as_written(self.elsewhere(), self.rng)), topic

    # ------------------------------------------------------------ the pieces of a letter

    def pick_shape(self, allowed: tuple[str, ...]) -> str:
        return self.rng.choice(allowed)

    def addressee_block(self, to: Addressee) -> list[str]:
        if to.address:
            return [to.name or "The Occupier", *to.address.replace(", ", "\n").split("\n")]
        return []

    def finish(self, category: str, expected: str, shape: str, letter: Letter, recipients: list[Addressee],
               planted: str = "", cause: str = "", table: list[tuple[str, str]] | None = None) -> Submission:  # fmt: skip
        topic_filler = self.letterhead.filler(self.rng.choice(("court", "council", "housing")), 46)
        fields = submit(letter, recipients, shape, self.rng, topic_filler, self.office_email(letter.sender), table)
        if shape in LETTER_SHAPES and not fields.get("channel"):
            fields["channel"] = "letter"
        return Submission(category, expected, shape, recipients, planted=planted, cause=f"{shape} {cause}".strip(), **fields)

    def protected_detail(self, case: Case, kinds: tuple[str, ...] = ("address", "address", "phone", "email")) -> tuple[str, str, str]:
        """(sentence, planted text, cause) naming the victim's or a child's contact detail."""
        rng = self.rng
        child = rng.choice(case.children) if case.children and rng.random() < 0.4 else None
        if child and rng.random() < 0.25:
            # The adoption bundle that named the children's school: written whole, short, or mistyped.
            planted, how = school_written(child.school, rng)
            # Named in full: a school says where a child is only with the child named (README,
            # quasi-identifiers), and a bundle names the child it is about.
            sentence = rng.choice((
                f"{child.person.written()} has settled well at {planted}.",
                f"{child.person.written()} now attends {planted}.",
            ))  # fmt: skip
            return sentence, planted, f"child.school[{how}]"
        kind = "address" if child else rng.choice(kinds)
        if kind == "address":
            if rng.random() < 0.7:
                planted, errors = mistyped(case.home, rng)
                cause = f"address[{','.join(errors)}]"
            else:
                planted, cause = as_written(case.home, rng), "address[as written]"
            if child:
                who = rng.choice((child.person.first, child.person.written(), "the child"))
                sentence = rng.choice((
                    f"{who} lives with the mother at {planted}.",
                    f"The child's home address is:\n{planted}",
                    f"Home address for {who}: {planted}",
                ))  # fmt: skip
                return sentence, planted, f"child.{cause}"
            who = self.her_name(case.victim)
            sentence = rng.choice((
                f"{who} has moved to {planted}.",
                f"Please note the new address of {who}:\n{planted}",
                f"The applicant now lives at {planted}.",
                f"Correspondence for {who} should go to {planted}.",
            ))  # fmt: skip
            return sentence, planted, f"victim.{cause}"
        if kind == "phone":
            planted = phone_written(case.phone, rng)
            who = self.her_name(case.victim)
            return rng.choice((f"{who} can be contacted on {planted}.", f"Her mobile number is {planted}.")), planted, "victim.phone"
        planted = rng.choice(case.emails)
        planted = planted.upper() if rng.random() < 0.1 else planted
        who = self.her_name(case.victim)
        return rng.choice((f"{who}'s email address is {planted}.", f"Please reply to {who} at {planted}.")), planted, "victim.email"

    def her_name(self, person: Person) -> str:
        return self.rng.choice((name_form(person, "title_surname", self.rng), name_form(person, "full", self.rng), "the applicant", "the mother"))

    def copy_name(self, case: Case) -> str:
        return name_form(case.victim, self.rng.choice(("full", "title_full", "title_surname", "initial_surname")), self.rng)

    def restricted_addressee(self, case: Case, modes: tuple[str, ...]) -> tuple[Addressee, str]:
        """The abuser on the envelope, and how: name_home (any form of his name, his address),
        name_elsewhere (an identifying form at an address the register lacks), email, or
        address_only (his address, whatever name: "The Occupier", someone else's)."""
        rng, him = self.rng, case.abuser
        mode = rng.choice(modes)
        if mode == "name_home":
            form = rng.choice((*NAME_FORMS, "title_surname"))
            if form == "alias":
                form = "full"
            address = as_written(case.abuser_home, rng) if rng.random() < 0.6 else mistyped(case.abuser_home, rng, 1, read_through=False)[0]
            return Addressee("to", name_form(him, form, rng), address=address), f"to=name_home:{form}"
        if mode == "name_elsewhere":
            form = rng.choice(IDENTIFYING_FORMS)
            return Addressee("to", name_form(him, form, rng), address=as_written(self.elsewhere(), rng)), f"to=name_elsewhere:{form}"
        if mode == "email":
            name = rng.choice((him.written(), name_form(him, "capitals", rng), None))
            return Addressee("to", name, email=case.abuser_email), "to=email"
        name = rng.choice(("The Occupier", "The Householder", self.stranger().written()))
        return Addressee("to", name, address=as_written(case.abuser_home, rng)), "to=address_only"

    # ------------------------------------------------------------ block

    def restricted_gets_contact(self, case: Case) -> Submission:
        rng = self.rng
        to, how = self.restricted_addressee(case, ("name_home", "name_home", "name_elsewhere", "email", "address_only"))
        where = rng.choice(("body", "body", "attachment", "copy_list", "visible_cc"))
        recipients = [to]
        if where == "visible_cc":
            her = case.victim
            if to.email:
                planted = rng.choice(case.emails)
                recipients.append(Addressee("cc", her.written(), email=planted))
                cause = "victim.email"
                shape = self.pick_shape(EMAIL_SHAPES)
            else:
                planted, errors = mistyped(case.home, rng, read_through=False) if rng.random() < 0.5 else (as_written(case.home, rng), ("as written",))
                recipients.append(Addressee("cc", name_form(her, rng.choice(("full", "title_full")), rng), address=planted))
                cause = f"victim.address[{','.join(errors)}]"
                shape = "letter"
            letter = self.letterhead.letter(rng.choice(("court", "council")), self.addressee_block(to), self.greeting(to, case.abuser))
            return self.finish("restricted_gets_contact", "block", shape, letter, recipients, planted, f"{how} at=visible_cc {cause}")
        sentence, planted, cause = self.protected_detail(case)
        letter = self.letterhead.letter(rng.choice(("court", "council", "housing")), self.addressee_block(to), self.greeting(to, case.abuser))
        table = None
        if where == "copy_list":
            shape = "copy_list"
            letter.copy_list = [f"cc: {self.stranger().written()}, {self.office()}", f"cc: {self.copy_name(case)}, {planted.replace(chr(10), ', ')}"]
            if cause.startswith("child.school"):
                # A bundle about the child, copied to the child's school.
                letter.copy_list[-1] = f"cc: The Headteacher, {planted}"
                letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
            elif "address" not in cause:
                letter.copy_list[-1] = f"cc: {case.victim.written()} ({planted})"
        elif where == "attachment":
            shape = self.pick_shape(("pdf", "docx"))
            if shape == "docx" and cause.startswith("victim.address") and rng.random() < 0.3:
                # A form: her address one part a field, as a referral or an assessment has it.
                table = [("Name", case.victim.written()), *as_fields(case.home, rng)]
                planted = " / ".join(value for _, value in table[1:])
                cause = "victim.address[form]"
            elif shape == "docx" and rng.random() < 0.3:
                table = [("Name", case.victim.written()), ("Contact", planted)]
            else:
                letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
        else:
            shape = self.pick_shape(("letter", "html", "mime") if to.email else ("letter",))
            letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
        return self.finish("restricted_gets_contact", "block", shape, letter, recipients, planted, f"{how} at={where} {cause}", table)

    def greeting(self, to: Addressee, person: Person | None) -> str:
        if person is None or self.rng.random() < 0.15:
            return "Dear Sir or Madam"
        return person.greeting() if self.rng.random() < 0.8 else f"Dear {person.first}"

    # ------------------------------------------------------------ hold

    def contact_to_third_party(self, case: Case) -> Submission:
        rng = self.rng
        by_email = rng.random() < 0.4
        to, topic = self.third_party(case, by_email)
        letter = self.letterhead.letter(topic, self.addressee_block(to), "Dear Sir or Madam" if rng.random() < 0.5 else f"Dear {to.name}")
        if by_email and rng.random() < 0.2:
            planted = rng.choice(case.emails)
            recipients = [to, Addressee("cc", case.victim.written(), email=planted)]
            return self.finish("contact_to_third_party", "hold", self.pick_shape(EMAIL_SHAPES), letter, recipients, planted, "at=visible_cc victim.email")
        sentence, planted, cause = self.protected_detail(case)
        where = rng.choice(("body", "attachment", "copy_list"))
        if where == "copy_list" and cause.startswith("child.school"):
            letter.copy_list = [f"cc: The Headteacher, {planted}"]
            letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
            shape = "copy_list"
        elif where == "copy_list":
            letter.copy_list = [f"cc: {self.copy_name(case)}, {planted.replace(chr(10), ', ')}"]
            shape = "copy_list"
        else:
            letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
            shape = self.pick_shape(("pdf", "docx") if where == "attachment" else (("html", "mime", "letter") if by_email else ("letter",)))
        return self.finish("contact_to_third_party", "hold", shape, letter, [to], planted, f"at={where} {cause}")

    def name_to_restricted(self, case: Case) -> Submission:
        rng = self.rng
        to, how = self.restricted_addressee(case, ("name_home", "email"))
        person = rng.choice(case.protected)
        form = rng.choice(NAME_FORMS)
        him = case.abuser
        if form == "initial_surname" and person.first[0] == him.first[0] and person.surname == him.surname:
            form = "full"  # "J Taylor" in a letter to Jacob Taylor is as much his name as his son's
        planted = name_form(person, form, rng)
        letter = self.letterhead.letter("court", self.addressee_block(to), self.greeting(to, case.abuser))
        sentence = rng.choice((
            f"We have received a statement from {planted} about the arrangements.",
            f"The report concerning {planted} will be filed before the hearing.",
            f"{planted} was not present at the last appointment.",
        ))  # fmt: skip
        letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
        shape = self.pick_shape(("letter", "pdf", "docx", *(EMAIL_SHAPES if to.email else ())))
        who = "victim" if person is case.victim else "child"
        return self.finish("name_to_restricted", "hold", shape, letter, [to], planted, f"{how} {who}.name:{form}")

    def other_at_safe_address(self, case: Case) -> Submission:
        rng = self.rng
        someone = self.stranger(case.surnames)
        if rng.random() < 0.7:
            planted, cause = as_written(case.home, rng), "address[as written]"
        else:
            planted, errors = mistyped(case.home, rng, 1, read_through=False)
            cause = f"address[{','.join(errors)}]"
        to = Addressee("to", name_form(someone, rng.choice(("full", "title_full", "initial_surname")), rng), address=planted)
        letter = self.letterhead.letter(rng.choice(("council", "benefits", "housing")), self.addressee_block(to), someone.greeting())
        return self.finish("other_at_safe_address", "hold", self.pick_shape(("letter", "pdf", "docx")), letter, [to], planted, cause)

    def victim_at_abuser_address(self, case: Case) -> Submission:
        rng = self.rng
        form = rng.choice(("full", "title_full", "initial_surname", "capitals", "surname_comma"))
        her, him = case.victim, case.abuser
        if form == "initial_surname" and her.first[0] == him.first[0] and her.surname == him.surname:
            form = "full"  # "J Bibi" at Jamal Bibi's door is his letter as much as hers
        planted = name_form(her, form, rng)
        to = Addressee("to", planted, address=as_written(case.abuser_home, rng))
        letter = self.letterhead.letter(rng.choice(("health", "council", "benefits")), self.addressee_block(to), case.victim.greeting())
        return self.finish("victim_at_abuser_address", "hold", self.pick_shape(("letter", "pdf", "docx")), letter, [to], planted, f"name:{form}")

    # ------------------------------------------------------------ allow

    def own_household(self, case: Case) -> Submission:
        rng = self.rng
        her = case.victim
        if case.children and rng.random() < 0.3:
            child = rng.choice(case.children)
            name, form = f"Parent/Carer of {child.person.written()}", "parent_of"
        else:
            # "Mrs Rees" alone, as a formal letter to her at her own door is often addressed.
            form = rng.choice(("full", "title_full", "initial_surname", "capitals", "alias", "title_surname"))
            name = name_form(her, form, rng)
            if form == "initial_surname":
                name = f"{her.title} {name}"
        by_email = rng.random() < 0.3
        to = Addressee("to", name, email=case.emails[0]) if by_email else Addressee("to", name, address=as_written(case.home, rng))
        topic = "school" if case.children else rng.choice(("housing", "health", "council"))
        letter = self.letterhead.letter(topic, self.addressee_block(to), her.greeting())
        for child in case.children:
            letter.paragraphs.append(rng.choice((
                f"{child.person.first} has settled well at {child.school}.",
                f"We have written to {child.school} about {child.person.written()}'s place for next year.",
            )))  # fmt: skip
        if rng.random() < 0.3:
            letter.paragraphs.append(f"We will call you on {phone_written(case.phone, rng)} to confirm.")
        shape = self.pick_shape(("letter", "pdf", "docx", *(EMAIL_SHAPES if by_email else ())))
        return self.finish("own_household", "allow", shape, letter, [to], name, f"to={form} children={len(case.children)}")

    def ordinary(self, case: Case) -> Submission:
        rng = self.rng
        to, topic = self.third_party(case, rng.random() < 0.4)
        other = self.stranger()
        letter = self.letterhead.letter(topic, self.addressee_block(to), f"Dear {to.name}")
        letter.paragraphs.append(f"{other.written()} of {as_written(self.elsewhere(), rng).replace(chr(10), ', ')} has asked us to pass this on.")
        shape = self.pick_shape(("letter", "copy_list", "pdf", "docx", *(EMAIL_SHAPES if to.email else ())))
        if shape == "copy_list":
            letter.copy_list = [f"cc: {self.stranger().written()}, {self.office()}"]
        return self.finish("ordinary", "allow", shape, letter, [to], "", "")

    def neighbours(self, case: Case) -> Submission:
        rng = self.rng
        whose = "hers" if rng.random() < 0.8 else "his"
        home = case.home if whose == "hers" else case.abuser_home
        door = self.world.geography.neighbour(home, self.world.dwellings)
        if door is None:
            return self.ordinary(case)
        someone = self.stranger(case.surnames)
        planted = as_written(door, rng)
        to = Addressee("to", someone.written(), address=planted)
        letter = self.letterhead.letter(rng.choice(("housing", "council")), self.addressee_block(to), someone.greeting())
        kind = "flat" if door.flat else "house_name" if door.house_name else "number"
        return self.finish("neighbours", "allow", self.pick_shape(("letter", "pdf", "docx")), letter, [to], planted, f"another {kind} ({whose})")

    def restricted_own_affairs(self, case: Case) -> Submission:
        rng = self.rng
        him = case.abuser
        by_email = rng.random() < 0.3
        name = rng.choice((him.written(), f"Mr {him.first} {him.surname}", f"Mr {him.first[0]} {him.surname}"))
        to = Addressee("to", name, email=case.abuser_email) if by_email else Addressee("to", name, address=as_written(case.abuser_home, rng))
        letter = self.letterhead.letter(rng.choice(("health", "housing", "council", "benefits")), self.addressee_block(to), f"Dear Mr {him.surname}")
        letter.paragraphs.append(rng.choice((
            f"Mr {him.surname}, your appointment is confirmed; please call {phone_written(case.abuser_phone, rng)} if you cannot attend.",
            f"Thank you, Mr {him.surname}, for returning the form.",
            f"Our records for Mr {him.surname} have been updated.",
        )))  # fmt: skip
        shape = self.pick_shape(("letter", "pdf", "docx", *(EMAIL_SHAPES if by_email else ())))
        shares = "shares" if him.surname.lower() in {p.surname.lower() for p in case.protected} else "own"
        return self.finish("restricted_own_affairs", "allow", shape, letter, [to], name, f"surname={shares}")

    def namesakes(self, case: Case) -> Submission:
        rng = self.rng
        person = rng.choice(case.protected)
        household = [*case.protected, case.abuser, *([case.associate] if case.associate else [])]
        planted = namesake(person, household, self.world.people, rng)
        forename, surname = planted.split(" ", 1)
        if (forename.lower(), surname.lower()) in self.world.full_names:
            return self.ordinary(case)
        if rng.random() < 0.5:
            to, how = self.restricted_addressee(case, ("name_home", "email"))
            greeting = self.greeting(to, case.abuser)
            topic = "council"
        else:
            (to, topic), how = self.third_party(case, rng.random() < 0.4), "to=third_party"
            greeting = "Dear Sir or Madam"
        letter = self.letterhead.letter(topic, self.addressee_block(to), greeting)
        letter.paragraphs.insert(0, rng.choice((
            f"We have also written to {planted} about this.",
            f"{planted} has been appointed to deal with the application.",
        )))  # fmt: skip
        shape = self.pick_shape(("letter", "pdf", "docx", *(EMAIL_SHAPES if to.email else ())))
        same = "surname" if surname.lower() == person.surname.lower() else "forename"
        return self.finish("namesakes", "allow", shape, letter, [to], planted, f"{how} same_{same}")

    def name_to_third_party(self, case: Case) -> Submission:
        rng = self.rng
        to, topic = self.third_party(case, rng.random() < 0.4)
        person = rng.choice(case.protected)
        form = rng.choice((*NAME_FORMS, "title_surname"))
        planted = name_form(person, form, rng)
        letter = self.letterhead.letter(topic, self.addressee_block(to), "Dear Sir or Madam")
        letter.paragraphs.insert(0, f"We write on behalf of {planted}, who has given consent for us to contact you.")
        shape = self.pick_shape(("letter", "pdf", "docx", *(EMAIL_SHAPES if to.email else ())))
        return self.finish("name_to_third_party", "allow", shape, letter, [to], planted, f"name:{form}")

    def institution_itself(self, case: Case) -> Submission:
        rng = self.rng
        if not case.children:
            return self.ordinary(case)
        school = rng.choice(case.children).school
        by_email = rng.random() < 0.4
        domain = "".join(ch for ch in school.lower() if ch.isalpha())[:20]
        to = Addressee("to", school, email=f"office@{domain}.sch.uk") if by_email else Addressee("to", f"The Headteacher, {school}", address=as_written(self.elsewhere(), rng))
        letter = self.letterhead.letter("council", self.addressee_block(to), "Dear Headteacher")
        letter.paragraphs.insert(0, rng.choice((
            f"The inspection of {school} has been scheduled for the spring term.",
            f"Thank you for hosting the training day at {school}.",
            f"The funding allocation for {school} is enclosed.",
        )))  # fmt: skip
        shape = self.pick_shape(("letter", "pdf", "docx", *(EMAIL_SHAPES if by_email else ())))
        return self.finish("institution_itself", "allow", shape, letter, [to], school, "")

    def bcc_self(self, case: Case) -> Submission:
        rng = self.rng
        her = case.victim
        if len(case.emails) > 1 and rng.random() < 0.5:
            recipients = [Addressee("to", her.written(), email=case.emails[0]), Addressee("bcc", her.written(), email=case.emails[1])]
            letter = self.letterhead.letter("housing", [], her.greeting())
            planted = as_written(case.home, rng).replace("\n", ", ")
            letter.paragraphs.append(f"We have your address as {planted}; please tell us if it changes.")
            cause = "to=her bcc=her"
        elif rng.random() < 0.6:
            to, topic = self.third_party(case, True)
            planted = case.emails[0]
            recipients = [to, Addressee("bcc", her.written(), email=planted)]
            letter = self.letterhead.letter(topic, [], "Dear Sir or Madam")
            cause = "to=third_party bcc=her"
        else:
            # The court writes to both parties at once; her line is on no copy he gets.
            to, _ = self.restricted_addressee(case, ("email",))
            planted = case.emails[0]
            recipients = [to, Addressee("bcc", her.written(), email=planted)]
            letter = self.letterhead.letter("court", [], "Dear Sir or Madam")
            cause = "to=him bcc=her"
        return self.finish("bcc_self", "allow", "mime", letter, recipients, planted, cause)

    def trusted_recipient(self, case: Case) -> Submission:
        rng = self.rng
        if case.solicitor is None:
            return self.ordinary(case)
        to = Addressee("to", rng.choice((case.solicitor.written(), None)), email=case.solicitor_email)
        letter = self.letterhead.letter("court", [], f"Dear {case.solicitor.title} {case.solicitor.surname}")
        sentence, planted, cause = self.protected_detail(case)
        letter.paragraphs.insert(rng.randint(0, len(letter.paragraphs)), sentence)
        shape = self.pick_shape(("mime", "html", "pdf", "docx"))
        return self.finish("trusted_recipient", "allow", shape, letter, [to], planted, cause)

    def redacted(self, case: Case) -> Submission:
        rng = self.rng
        mark = rng.choice(REDACTIONS)
        if rng.random() < 0.5:
            lawyer = self.stranger(case.surnames)
            to = Addressee("to", f"{lawyer.written()}, Solicitor", address=self.office())
            names = [case.victim.written(), *(c.person.written() for c in case.children)]
            cause = "to=his_solicitor named"
        else:
            to, _ = self.restricted_addressee(case, ("name_home",))
            names = ["the Applicant", *("the child" for _ in case.children)]
            cause = "to=him unnamed"
        letter = self.letterhead.letter("court", self.addressee_block(to), "Dear Sir or Madam", subject="Court bundle")
        lines = [f"Applicant: {names[0]}", f"Address: {mark}", f"Telephone: {mark}", f"Email: {mark}"]
        lines += [f"Child: {n}, address {mark}" for n in names[1:]]
        letter.paragraphs.append("\n".join(lines))
        shape = self.pick_shape(("pdf", "docx", "letter"))
        return self.finish("redacted", "allow", shape, letter, [to], mark, cause)


def generate_items(world: World, count: int, seed: int) -> list[Submission]:
    """`count` items over the categories by weight, each about a random case."""
    rng = random.Random(seed)
    maker = ItemMaker(world, rng)
    units = sum(weight for _, _, weight in CATEGORIES)
    with_children = [c for c in world.cases if c.children] or world.cases
    with_solicitor = [c for c in world.cases if c.solicitor] or world.cases
    items: list[Submission] = []
    for category, _, weight in CATEGORIES:
        for _ in range(max(1, round(count * weight / units))):
            case = rng.choice(world.cases)
            if category in ("institution_itself",) or (category == "contact_to_third_party" and rng.random() < 0.3):
                case = rng.choice(with_children)
            elif category == "trusted_recipient":
                case = rng.choice(with_solicitor)
            items.append(getattr(maker, category)(case))
    rng.shuffle(items)
    return items
