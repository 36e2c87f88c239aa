"""Letters as the offices that send them write them: letterhead, date, the addressee block,
a greeting, paragraphs, a signature and sometimes a printed copy list.

    Northfield Borough Council, Housing Services
    14 March 2026

    Mr Damian Lukas
    45 Victoria Street
    Bristol BS1 6AA

    Dear Mr Lukas,
    ...
    Yours sincerely,
    Alan Carter, Housing Officer, 01632 960123

    cc: Natasha Lukas, 12 Elm Road, Leeds LS6 2AB
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker

TOPICS: dict[str, tuple[str, ...]] = {
    "housing": (
        "We are writing about the repairs reported at the property last month.",
        "The rent account is up to date and no further action is needed at present.",
        "An officer will visit to complete the annual tenancy check in the coming weeks.",
        "Please let us know if any of your circumstances have changed since our last review.",
        "The gas safety inspection is due and the contractor will contact you to arrange access.",
        "Our records show that the tenancy agreement was signed at the start of the year.",
    ),
    "health": (
        "Thank you for attending the clinic appointment on Tuesday.",
        "The results of the recent blood tests were within the normal range.",
        "A follow-up appointment will be offered in about six weeks.",
        "Please bring a list of any medicines currently taken to the next visit.",
        "The referral to the community team has been accepted.",
        "If the symptoms return, please contact the surgery in the usual way.",
    ),
    "school": (
        "The autumn term begins on Wednesday and the school day starts at 8.45am.",
        "Parents' evening will be held in the main hall next month.",
        "We are pleased with the progress made in reading and mathematics this term.",
        "The school trip to the science museum has been rearranged because of the weather.",
        "Attendance this term has been good and we thank you for your support.",
        "Uniform can be ordered through the school office or the online shop.",
    ),
    "court": (
        "The hearing has been listed for one hour before the District Judge.",
        "Please find enclosed the directions made at the last hearing.",
        "The statements must be filed and served fourteen days before the hearing.",
        "The court has received the application and it will be considered on the papers.",
        "Any further evidence should be sent to the court office by the date given.",
        "The report of the family court adviser will be available before the hearing.",
    ),
    "council": (
        "We have reviewed the application for council tax support.",
        "Your account has been updated to reflect the change in occupancy.",
        "The assessment will be completed within twenty working days.",
        "The waste collection day for the area will change from next month.",
        "We have received the documents you sent and they are being processed.",
        "Further information is available from the customer service centre.",
    ),
    "benefits": (
        "The claim has been reviewed and the payment schedule is unchanged.",
        "Please tell us about any change in income as soon as possible.",
        "An appointment has been booked with a work coach at the local office.",
        "The statement enclosed shows the payments made over the last three months.",
        "No overpayment has been identified on this account.",
        "The decision can be reconsidered if you ask within one month.",
    ),
}
ORG_KINDS = {
    "housing": ("{town} Housing Association", "{town} Homes, Tenancy Services"),
    "health": ("{surname} Medical Practice", "{town} Community Health Trust"),
    "school": ("{surname} Primary School", "{town} Academy Trust"),
    "court": ("Family Court at {town}", "{surname} & {surname2} Solicitors"),
    "council": ("{town} Borough Council", "{town} City Council, Revenues and Benefits"),
    "benefits": ("Jobcentre Plus, {town}", "{town} Welfare Rights Service"),
}
ROLES = ("Caseworker", "Housing Officer", "Practice Manager", "Family Support Worker", "Clerk", "Administrator")


@dataclass
class Letter:
    sender: str
    sender_address: str
    dated: str
    subject: str
    addressee: list[str]  # the addressee block: the recipient's name and address lines
    greeting: str
    paragraphs: list[str]
    signer: str
    signer_role: str
    office_phone: str
    copy_list: list[str] = field(default_factory=list)  # "cc: Name, address" lines

    def blocks(self) -> list[str]:
        """Paragraph by paragraph, for the readers of PDF and DOCX."""
        head = [f"{self.sender}\n{self.sender_address}", self.dated]
        if self.addressee:
            head.append("\n".join(self.addressee))
        head += [f"Re: {self.subject}", f"{self.greeting},"]
        tail = [f"Yours sincerely,\n{self.signer}\n{self.signer_role}, tel. {self.office_phone}"]
        if self.copy_list:
            tail.append("\n".join(self.copy_list))
        return head + self.paragraphs + tail

    def text(self) -> str:
        return "\n\n".join(self.blocks()) + "\n"

    def html(self) -> str:
        def para(text: str) -> str:
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return "<p>" + escaped.replace("\n", "<br>\n") + "</p>"

        body = "\n".join(para(b) for b in [f"{self.greeting},", *self.paragraphs, f"Kind regards,\n{self.signer}\n{self.signer_role}, {self.sender}, tel. {self.office_phone}", *(["\n".join(self.copy_list)] if self.copy_list else [])])
        return f"<html><head><style>p {{ font-family: Arial; }}</style></head><body>\n{body}\n</body></html>"

    def email_text(self) -> str:
        blocks = [f"{self.greeting},", *self.paragraphs, f"Kind regards,\n{self.signer}\n{self.signer_role}, {self.sender}\nTel. {self.office_phone}"]
        if self.copy_list:
            blocks.append("\n".join(self.copy_list))
        return "\n\n".join(blocks) + "\n"


class Letterhead:
    """Senders and their staff: people and offices that are in no register."""

    def __init__(self, faker: Faker, rng: random.Random, stranger, office) -> None:
        self.faker = faker
        self.rng = rng
        self.stranger = stranger  # () -> a Person who is in no register
        self.office = office  # () -> an address that is no registered dwelling

    def filler(self, topic: str, count: int) -> list[str]:
        return [" ".join(self.rng.sample(TOPICS[topic], 2)) for _ in range(count)]

    def letter(self, topic: str, addressee: list[str], greeting: str, subject: str | None = None) -> Letter:
        rng, faker = self.rng, self.faker
        town = faker.city().split()[-1]
        sender = rng.choice(ORG_KINDS[topic]).format(town=town, surname=faker.last_name(), surname2=faker.last_name())
        signer = self.stranger()
        return Letter(
            sender=sender,
            sender_address=self.office(),
            dated=faker.date_between("-1y", "today").strftime("%-d %B %Y"),
            subject=subject or rng.choice(("Your enquiry", "Update on your case", "Appointment", "Our reference " + faker.bothify("??/####").upper())),
            addressee=addressee,
            greeting=greeting,
            paragraphs=self.filler(topic, rng.randint(1, 3)),
            signer=signer.written(),
            signer_role=rng.choice(ROLES),
            office_phone=rng.choice((f"01632 960{rng.randint(0, 999):03d}", f"0113 496 0{rng.randint(0, 999):03d}")),
        )
