"""Writes tests/fixtures/autodesk/: Autodesk Account's Subscriptions and Users exports (domain.md 4c) for a
realistic company, and messy copies of them as Excel and other locales save them (issue 31). Deterministic:
run it again and the files are the same."""
import csv, io, os, random

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "autodesk")
rng = random.Random(31)

SUBSCRIPTIONS = [
    # contract, id, offering, seats, start, end, autorenew, term, status, reseller, reseller email, team
    ("110200000001", "72000001", "Architecture, Engineering & Construction Collection", 40, "2025-12-20", "2026-12-20", "", "Annual", "Active", "Summit CAD Partners, Inc.", "renewals@summitcad.example", "Northwind Design"),
    ("110200000001", "72000002", "AutoCAD", 25, "2025-12-20", "2026-12-20", "2026-12-20", "Annual", "Active", "Summit CAD Partners, Inc.", "renewals@summitcad.example", "Northwind Design"),
    ("110200000001", "72000003", "Revit", 10, "2025-12-20", "2026-12-20", "", "Annual", "Active", "Summit CAD Partners, Inc.", "renewals@summitcad.example", "Northwind Design"),
    ("110200000002", "72000004", "Product Design & Manufacturing Collection", 30, "2024-06-01", "2027-06-01", "2027-06-01", "3-Year", "Active", "", "", "Northwind Manufacturing"),
    ("110200000002", "72000005", "Fusion", 20, "2026-06-01", "2027-06-01", "2027-06-01", "Annual", "Active", "", "", "Northwind Manufacturing"),
    ("110200000002", "72000006", "Inventor Professional", 8, "2026-03-01", "2027-03-01", "", "Annual", "Active", "", "", "Northwind Manufacturing"),
    ("110200000003", "72000007", "AutoCAD LT", 60, "2026-02-01", "2027-02-01", "2027-02-01", "Annual", "Active", "Summit CAD Partners, Inc.", "renewals@summitcad.example", "Northwind Field"),
    ("110200000003", "72000008", "BIM Collaborate Pro", 15, "2026-02-01", "2027-02-01", "", "Annual", "Active", "Summit CAD Partners, Inc.", "renewals@summitcad.example", "Northwind Field"),
    ("", "72000009", "AutoCAD LT", 5, "2026-11-15", "2026-12-15", "2026-12-15", "Monthly", "Active", "", "", "Northwind Field"),
    ("110200000003", "72000010", "Navisworks Manage", 4, "2025-01-10", "2026-01-10", "", "Annual", "Canceled", "Summit CAD Partners, Inc.", "renewals@summitcad.example", "Northwind Field"),
]
SUB_COLUMNS = ["contract_number", "subscription_id", "offering_name", "seat_quantity", "start_date", "end_date",
               "autorenew_date", "term", "subscription_status", "reseller_name", "reseller_email", "team"]
USER_COLUMNS = ["first_name", "last_name", "email", "autodesk_id", "role", "team", "product_name", "account_status"]

FIRST = ["Ada", "Ben", "Carla", "Deepak", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jonas", "Keiko", "Lars", "Mina",
         "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Xavi", "Yara", "Zane"]
LAST = ["Abbott", "Berg", "Costa", "Dahl", "Engel", "Fischer", "Gupta", "Holm", "Ito", "Jansen", "Khan", "Lund",
        "Moreau", "Novak", "Okafor", "Park", "Quist", "Rossi", "Silva", "Tanaka", "Ueda", "Vogel", "Weiss", "Young"]
# Each team's products and how many of its people hold each (within the seats, except the one over-assigned).
TEAMS = {
    "Northwind Design": (130, [("Architecture, Engineering & Construction Collection", 38), ("AutoCAD", 25), ("Revit", 9)]),
    "Northwind Manufacturing": (90, [("Product Design & Manufacturing Collection", 27), ("Fusion", 20), ("Inventor Professional", 6)]),
    "Northwind Field": (80, [("AutoCAD LT", 61), ("BIM Collaborate Pro", 17)]),
}

def people():
    used, rows = set(), []
    for team, (count, products) in TEAMS.items():
        members = []
        while len(members) < count:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}@northwind.example".lower()
            if email in used:
                continue
            used.add(email)
            members.append((first, last, email))
        holds = {m[2]: [] for m in members}
        for product, n in products:
            for m in rng.sample(members, n):
                holds[m[2]].append(product)
        for i, (first, last, email) in enumerate(members):
            # Field has no primary admin in its export: the contract manager becomes it (said in the preview).
            role = "Primary Admin" if i == 0 and team != "Northwind Field" else "Secondary Admin" if i in (1, 2) else "SSO Admin" if i == 3 else "User"
            status = "Invited" if i % 17 == 5 else "Active"
            for product in holds[email] or [""]:
                rows.append([first, last, email, "", role, team, product, status])
    return rows

def write(name, columns, rows, delimiter=",", bom=False, crlf=False, blank_every=0):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    w.writerow(columns)
    for i, r in enumerate(rows):
        w.writerow(r)
        if blank_every and i % blank_every == blank_every - 1:
            buf.write("\r\n" if crlf else "\n")
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(("\ufeff" if bom else "") + buf.getvalue())

def us(day):
    if not day:
        return ""
    y, m, d = day.split("-")
    return f"{m}/{d}/{y}"

os.makedirs(OUT, exist_ok=True)
subs = [list(map(str, s)) for s in SUBSCRIPTIONS]
users = people()
for u in users:  # autodesk_id: stable, not Python's salted hash
    u[3] = "" if u[7] == "Invited" else "ADSK" + str(sum(ord(c) * (i + 1) for i, c in enumerate(u[2])) % 10**8).zfill(8)
write("subscriptions.csv", SUB_COLUMNS, subs)
write("users.csv", USER_COLUMNS, users)
# Excel's "CSV UTF-8" in a comma-decimal locale: a byte-order mark, semicolons, CRLF, 2026's column words.
WORDS = {"first_name": "First name", "last_name": "Last name", "email": "Email", "autodesk_id": "Autodesk ID", "role": "Role",
         "team": "Team", "product_name": "Product", "account_status": "Account status"}
write("users-excel.csv", [WORDS[c] for c in USER_COLUMNS], users, delimiter=";", bom=True, crlf=True)
# US dates, quoted commas (the reseller's name), blank lines, a tab-separated copy from a sheet.
write("subscriptions-us-dates.csv", SUB_COLUMNS, [s[:4] + [us(s[4]), us(s[5]), us(s[6])] + s[7:] for s in subs], blank_every=3)
write("subscriptions-tabs.csv", SUB_COLUMNS, subs, delimiter="\t", bom=True, crlf=True)
# The Seat Usage export (rule 61): one row per person, product and day used, in the 90 days before the
# exports; every fifth holder never used their seat (idle), and one team's personal data is off.
from datetime import date, timedelta
usage = []
for n, u in enumerate(r for r in users if r[6]):
    if n % 5 == 4:
        continue
    hidden = u[5] == "Northwind Field" and n % 2 == 0
    who = ["*****"] * 3 if hidden else [u[2], u[0], u[1]]
    for k in range(n % 7 + 1):
        day = date(2026, 12, 2) - timedelta(days=(n * 13 + k * 11) % 90)
        usage.append([who[0], who[1], who[2], u[6], u[5], day.isoformat()])
write("usage.csv", ["email", "first_name", "last_name", "offering_name", "team", "day_used"], usage)
# The Groups export in its newer shape: one row per group member; Field's crews come from the directory.
groups = []
for team, names in (("Northwind Design", ["Structural", "MEP"]), ("Northwind Manufacturing", ["Tooling"]), ("Northwind Field", ["Site crews"])):
    members = sorted({u[2] for u in users if u[5] == team})
    kind = "Synced" if team == "Northwind Field" else "Local"
    for g, name in enumerate(names):
        for email in members[g::len(names) * 3]:
            groups.append([name, kind, team, email])
groups.append(["MEP", "Local", "Northwind Design", "contractor@elsewhere.example"])
write("groups.csv", ["group", "group_type", "team", "email"], groups)
print(len(subs), "subscriptions,", len(groups), "group rows,", len(usage), "usage rows,", len(users), "user rows,", len({u[2] for u in users}), "people")
