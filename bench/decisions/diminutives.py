"""First names and the short forms people really use for them, written by hand (not from the
`nicknames` package the matcher uses), so that a diminutive the matcher's data lacks is a miss
the benchmark can see.

    Natasha -> Tash, Tasha        Isabel -> Izzy, Bel        Rebecca -> Becky, Bex
    Margaret -> Maggie, Mags, Peggy        Elizabeth -> Liz, Beth, Lizzie
    William -> Bill, Will, Billy
"""

from __future__ import annotations

FEMALE_DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "Natasha": ("Tash", "Tasha"),
    "Isabel": ("Izzy", "Bel"),
    "Isabella": ("Izzy", "Bella"),
    "Rebecca": ("Becky", "Bex", "Becca"),
    "Margaret": ("Maggie", "Mags", "Peggy", "Meg"),
    "Elizabeth": ("Liz", "Beth", "Lizzie", "Libby"),
    "Katherine": ("Kate", "Kath", "Katie", "Kathy"),
    "Catherine": ("Cath", "Cathy", "Kate"),
    "Jennifer": ("Jen", "Jenny"),
    "Victoria": ("Vicky", "Tori", "Vic"),
    "Samantha": ("Sam", "Sammy"),
    "Alexandra": ("Alex", "Lexi", "Sandra"),
    "Christine": ("Chris", "Chrissie"),
    "Christina": ("Chris", "Tina"),
    "Deborah": ("Debbie", "Deb"),
    "Patricia": ("Pat", "Trish", "Patsy"),
    "Susan": ("Sue", "Susie"),
    "Suzanne": ("Suzy", "Sue"),
    "Jacqueline": ("Jackie", "Jacqui"),
    "Nicola": ("Nicky", "Nic"),
    "Joanne": ("Jo",),
    "Josephine": ("Jo", "Josie"),
    "Amanda": ("Mandy",),
    "Abigail": ("Abbie", "Abi", "Gail"),
    "Charlotte": ("Charlie", "Lottie"),
    "Eleanor": ("Ellie", "Nell", "Nora"),
    "Gillian": ("Gill", "Jill"),
    "Helen": ("Nell",),
    "Philippa": ("Pippa", "Pip"),
    "Stephanie": ("Steph",),
    "Theresa": ("Tess", "Tessa", "Terri"),
    "Penelope": ("Penny",),
    "Dorothy": ("Dot", "Dottie"),
    "Frances": ("Fran", "Frankie"),
    "Georgina": ("Georgie", "Gina"),
    "Jessica": ("Jess", "Jessie"),
    "Kimberley": ("Kim",),
    "Lucinda": ("Lucy", "Cindy"),
    "Madeleine": ("Maddie", "Maddy"),
    "Melanie": ("Mel",),
    "Olivia": ("Liv", "Livvy"),
    "Rosemary": ("Rosie", "Ro"),
    "Sarah": ("Sal", "Sally"),
    "Valerie": ("Val",),
    "Veronica": ("Ronnie", "Nica"),
    "Wendy": ("Wen",),
    "Zoe": ("Zo",),
    "Louise": ("Lou",),
    "Lorraine": ("Lorrie",),
    "Danielle": ("Dani",),
    "Gabrielle": ("Gabby", "Gabi"),
    "Harriet": ("Hattie", "Hatty"),
    "Antonia": ("Toni",),
    "Annabel": ("Annie", "Bel"),
    "Caroline": ("Caz", "Carrie"),
    "Sophie": ("Soph",),
    "Emily": ("Em", "Emmy"),
    "Amelia": ("Millie", "Mia"),
    "Francesca": ("Fran", "Frankie", "Cesca"),
    "Beverley": ("Bev",),
    "Bernadette": ("Bernie", "Detta"),
    "Winifred": ("Winnie", "Freda"),
}

MALE_DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "William": ("Bill", "Will", "Billy", "Liam"),
    "Robert": ("Rob", "Bob", "Bobby", "Robbie"),
    "Richard": ("Rich", "Rick", "Dick", "Richie"),
    "Edward": ("Ed", "Eddie", "Ted", "Ned"),
    "Thomas": ("Tom", "Tommy"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "Michael": ("Mike", "Mick", "Micky"),
    "Christopher": ("Chris", "Kit"),
    "Anthony": ("Tony", "Ant"),
    "Daniel": ("Dan", "Danny"),
    "Damian": ("Damo",),
    "Matthew": ("Matt", "Matty"),
    "Nicholas": ("Nick", "Nicky"),
    "Jonathan": ("Jon", "Jonny"),
    "Benjamin": ("Ben", "Benji"),
    "Alexander": ("Alex", "Sandy", "Xander"),
    "Andrew": ("Andy", "Drew"),
    "Stephen": ("Steve", "Stevie"),
    "Steven": ("Steve", "Stevie"),
    "Timothy": ("Tim", "Timmy"),
    "Joseph": ("Joe", "Joey"),
    "Samuel": ("Sam", "Sammy"),
    "Peter": ("Pete",),
    "Charles": ("Charlie", "Chas", "Chuck"),
    "Henry": ("Harry", "Hal"),
    "Frederick": ("Fred", "Freddie"),
    "Gerald": ("Gerry",),
    "Kenneth": ("Ken", "Kenny"),
    "Lawrence": ("Larry", "Laurie"),
    "Leonard": ("Len", "Lenny"),
    "Patrick": ("Pat", "Paddy"),
    "Raymond": ("Ray",),
    "Ronald": ("Ron", "Ronnie"),
    "Terence": ("Terry",),
    "Douglas": ("Doug", "Dougie"),
    "Gregory": ("Greg",),
    "Nathaniel": ("Nat", "Nate"),
    "Zachary": ("Zach", "Zac"),
    "Jacob": ("Jake",),
    "Oliver": ("Ollie",),
    "Frank": ("Frankie",),
    "Francis": ("Frank", "Fran"),
    "Dominic": ("Dom",),
    "Gareth": ("Gaz", "Gary"),
    "Philip": ("Phil",),
    "Russell": ("Russ",),
    "Vincent": ("Vince", "Vinny"),
    "Reginald": ("Reg", "Reggie"),
    "Stuart": ("Stu",),
    "Mitchell": ("Mitch",),
    "Cameron": ("Cam",),
    "Archibald": ("Archie",),
    "Theodore": ("Theo", "Ted"),
    "Maximilian": ("Max",),
    "Sebastian": ("Seb",),
    "Joshua": ("Josh",),
    "Harrison": ("Harry",),
    "Nathan": ("Nate", "Nat"),
    "Lewis": ("Lew",),
    "Ashley": ("Ash",),
    "Bradley": ("Brad",),
}

ALL_DIMINUTIVES: dict[str, tuple[str, ...]] = {**FEMALE_DIMINUTIVES, **MALE_DIMINUTIVES}


# Each name, full or short, to the full names it is a form of.
_GROUPS: dict[str, set[str]] = {}
for _full, _short in ALL_DIMINUTIVES.items():
    for _form in (_full, *_short):
        _GROUPS.setdefault(_form.lower(), set()).add(_full.lower())


def same_name_group(first: str, second: str) -> bool:
    """Whether two forenames are forms of one name (Rebecca/Bex, Kate/Katherine, Katherine/Catherine
    through Kate, Isabel/Isabella by their first four letters): a namesake's forename is outside
    her group."""
    a, b = first.lower(), second.lower()
    if a == b or a[:4] == b[:4]:
        return True
    return bool(_GROUPS.get(a, set()) & _GROUPS.get(b, set()))
