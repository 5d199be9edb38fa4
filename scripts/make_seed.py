#!/usr/bin/env python3
"""Writes seeds/demo.json: the Contoso Engineering demo account, in the console's own account format.

Dates are written relative to ANCHOR; the console shifts every date by (today - ANCHOR) when it loads the
seed, so "expires in 45 days" stays true whenever the console is opened. Run it again after changing it."""
import json, pathlib
from datetime import date, timedelta

ANCHOR = date(2026, 1, 1)
def d(offset): return (ANCHOR + timedelta(days=offset)).isoformat()

PEOPLE = """Dana Reyes;Priya Natarajan;Marcus Lee;Sam Okafor;Elena Petrova;Tom Becker;Aisha Khan;Luis Ortega;
Mei Chen;Jonas Berg;Fatima Zahra;Oliver Smith;Sofia Rossi;Kenji Tanaka;Grace Kim;Noah Williams;Amara Obi;
Lucas Martin;Hannah Schmidt;Ravi Patel;Chloe Dubois;Mateo Garcia;Ingrid Larsen;Yusuf Demir;Zoe Clarke;
Daniel Novak;Leila Haddad;Ethan Brooks;Nina Kowalski;Omar Farouk;Julia Santos;Pavel Horak;Sara Lindqvist;
Victor Hugo Alves;Emma Johansson;Arjun Mehta;Lina Nguyen;Ben Carter;Rosa Jimenez;Felix Wagner;Ava Thompson"""
people = [p.strip() for p in PEOPLE.replace("\n", "").split(";")]

users = {}
for i, full in enumerate(people, start=1):
    first, last = full.split(" ", 1)
    email = f"{first}.{last.replace(' ', '')}@contoso-eng.com".lower()
    users[i] = {"email": email, "first_name": first, "last_name": last}

def named(uid, status="active", invited=-400):
    users[uid]["classic"] = {"status": status, "invited_on": d(invited)}

ids = {full: i for i, full in users.items() for full in [f"{users[i]['first_name']} {users[i]['last_name']}"]}
U = lambda name: ids[name]
# Classic named users: the first 38 people; Ava Thompson, Rosa Jimenez and Felix Wagner are team-only.
for uid in range(1, 39):
    named(uid)
for name, invited in [("Ben Carter", -5), ("Lina Nguyen", -12), ("Arjun Mehta", -30), ("Emma Johansson", -2)]:
    named(U(name), "pending", invited)
for name, invited in [("Victor Hugo Alves", -120), ("Sara Lindqvist", -200), ("Pavel Horak", -95)]:
    named(U(name), "pending", invited)
for name in ["Rosa Jimenez", "Felix Wagner", "Ava Thompson"]:
    users[U(name)].pop("classic", None)

SERVICES = {
    "AutoCAD": ["Cloud Storage", "Autodesk Drive", "AutoCAD web app"],
    "Revit": ["Cloud Storage", "Cloud Rendering", "Revit Cloud Worksharing"],
    "Civil 3D": ["Cloud Storage", "InfraWorks cloud"],
    "Navisworks Manage": ["Cloud Storage", "BIM 360 Glue"],
    "3ds Max": ["Cloud Rendering", "Cloud Storage"],
    "BIM 360 Team": ["Team hub access", "Cloud Storage"],
    "Fusion Team": ["Team hub access", "Cloud Storage"],
}
# An Industry Collection: one seat grants every product in it, each with its services ("Product: Service").
AEC = "Architecture, Engineering & Construction Collection"
AEC_PRODUCTS = ["Revit", "AutoCAD", "Civil 3D", "Navisworks Manage", "3ds Max"]
SERVICES[AEC] = [f"{p}: {s}" for p in AEC_PRODUCTS for s in SERVICES[p][:2]]
next_id = 1000
def nid():
    global next_id
    next_id += 1
    return next_id

def line(serial, product, seats, holders, release="2026", multi=False):
    services = SERVICES[product]
    bundle = {"bundle": AEC_PRODUCTS} if product == AEC else {}
    return nid(), {
        "serial": serial, "product": product, "release": release, "seats": seats, "services": services,
        "download": not multi, **bundle,
        "holders": [{"holds": services[: (1 if multi else len(services))], "users": [U(h) for h in holders]}]
                   if holders else [],
    }

def contract(number, kind, channel, access, start, end, term, auto_renew, reseller, support, cm, serials, lines,
             benefits=("Web support", "Software downloads"), benefit_holders=(), hub=None):
    b = {str(nid()): name for name in benefits}
    first_benefit = [int(k) for k in b][:1]
    return number, {
        "number": number, "kind": kind, "channel": channel, "access": access, "start_date": d(start),
        "end_date": d(end), "term": term, "auto_renew": auto_renew, "reseller": reseller, "support_level": support,
        "contract_manager": U(cm),
        "serials": {s: {"license_type": lt, "coordinator": U(sc) if sc else None} for s, lt, sc in serials},
        "lines": {str(k): v for k, v in lines},
        "benefits": b,
        "benefit_holders": [{"holds": first_benefit, "users": [U(h) for h in benefit_holders]}]
                           if benefit_holders else [],
        "hub": hub, "renewal_notices_sent": [],
    }

NORTHWIND = {"name": "Northwind CAD Solutions", "email": "renewals@northwindcad.example"}
hub_id = nid()
contracts = dict([
    contract("110012345678", "maintenance_plan", "reseller", "single_user", -165, 200, "annual", False, NORTHWIND,
             "Advanced", "Dana Reyes",
             [("399-11111111", "stand_alone", None), ("399-22222222", "stand_alone", "Priya Natarajan"),
              ("399-33333333", "sign_in", None)],
             [line("399-11111111", "AutoCAD", 5, ["Dana Reyes", "Tom Becker", "Aisha Khan", "Luis Ortega"]),
              line("399-11111111", "Civil 3D", 3, ["Mei Chen", "Jonas Berg"]),
              line("399-22222222", "Revit", 4, ["Priya Natarajan", "Fatima Zahra", "Oliver Smith"]),
              line("399-22222222", "Navisworks Manage", 2, ["Sofia Rossi"]),
              line("399-33333333", "BIM 360 Team", 2, ["Dana Reyes"])],
             benefits=("Web support", "Software downloads", "Advanced Support named caller"),
             benefit_holders=["Dana Reyes", "Priya Natarajan", "Tom Becker"], hub=hub_id),
    contract("110087654321", "subscription", "reseller", "multi_user", -200, 165, "annual", False, NORTHWIND,
             "Standard", "Dana Reyes",
             [("562-44444444", "network", "Marcus Lee"), ("562-55555555", "network", None)],
             [line("562-44444444", "AutoCAD", 5, ["Marcus Lee", "Kenji Tanaka", "Grace Kim", "Noah Williams",
                                                   "Amara Obi", "Lucas Martin", "Hannah Schmidt"], multi=True),
              line("562-55555555", "3ds Max", 2, ["Ravi Patel", "Chloe Dubois"], multi=True)],
             benefit_holders=["Marcus Lee"]),
    contract("110055550000", "subscription", "autodesk_sales", "single_user", -320, 45, "annual", False, None,
             "Standard", "Dana Reyes",
             [("563-66666666", "stand_alone", None), ("563-77777777", "sign_in", None)],
             [line("563-66666666", "Revit", 3, ["Mateo Garcia", "Ingrid Larsen"]),
              line("563-77777777", "Fusion Team", 2, [])]),
    contract("110099990000", "subscription", "online_store", "single_user", -40, -10, "monthly", False, None,
             "Basic", "Dana Reyes",
             [("564-88888888", "sign_in", None)],
             [line("564-88888888", "3ds Max", 2, ["Yusuf Demir"])]),
    contract("110077778888", "subscription", "reseller", "single_user", -115, 250, "annual", False, NORTHWIND,
             "Standard", "Dana Reyes",
             [("399-66666666", "stand_alone", None)],
             [line("399-66666666", AEC, 3, ["Daniel Novak"])]),
    contract("110044443333", "subscription", "online_store", "single_user", -65, 300, "annual", True, None,
             "Basic", "Dana Reyes",
             [("565-99999999", "sign_in", None)],
             [line("565-99999999", "Fusion Team", 3, ["Zoe Clarke"])]),
])

def member(name, role="user", status="verified", invited=-300):
    return str(U(name)), {"role": role, "status": status, "invited_on": d(invited), "synced": False}

team_members = dict([
    member("Sam Okafor", "primary_admin"), member("Dana Reyes", "secondary_admin"),
    member("Priya Natarajan", "secondary_admin"), member("Elena Petrova", "sso_admin"),
    member("Tom Becker"), member("Aisha Khan"), member("Fatima Zahra"), member("Oliver Smith"),
    member("Daniel Novak"), member("Leila Haddad"), member("Ethan Brooks"), member("Nina Kowalski"),
    member("Rosa Jimenez"), member("Felix Wagner"), member("Ava Thompson", status="invited", invited=-3),
    member("Omar Farouk", status="invited", invited=-12), member("Julia Santos"),
])
team_members[str(U("Julia Santos"))]["synced"] = True
group_id = nid()
teams = {str(nid()): {
    "name": "Contoso Engineering",
    "members": team_members,
    "subscriptions": {
        "SUB-70011": {"product": "AutoCAD", "seats": 6, "contract": "110012345678", "start_date": d(-165),
                      "end_date": d(200), "term": "annual", "owner": U("Dana Reyes")},
        "SUB-70012": {"product": "AutoCAD", "seats": 2, "contract": None, "start_date": d(-30),
                      "end_date": d(335), "term": "annual", "owner": U("Dana Reyes")},
        "SUB-70021": {"product": "Revit", "seats": 5, "contract": "110055550000", "start_date": d(-320),
                      "end_date": d(45), "term": "annual", "owner": U("Dana Reyes")},
    },
    "groups": {str(group_id): {"name": "Structural", "products": ["Revit"],
                               "members": [U("Daniel Novak"), U("Leila Haddad"), U("Ethan Brooks")]}},
    "direct": {
        str(U("Tom Becker")): {"AutoCAD": {"from": "pool"}},
        str(U("Aisha Khan")): {"AutoCAD": {"from": "subscription", "subscription": "SUB-70012"}},
        str(U("Nina Kowalski")): {"AutoCAD": {"from": "pool"}, "Revit": {"from": "pool"}},
        str(U("Rosa Jimenez")): {"AutoCAD": {"from": "pool"}},
    },
}}

account = {
    "company": "Contoso Engineering",
    "users": {str(k): v for k, v in users.items()},
    "contracts": contracts,
    "hubs": {str(hub_id): {"name": "Contoso Projects", "url": "https://contoso-projects.autodesk360.com",
                           "kind": "BIM 360 Team"}},
    "teams": teams,
    # Renewal notices are not written here: the console sends each one due, dated on its own day (rule 47).
    "outbox": [],
    "activity": [],
    "next_id": next_id,
}
out = pathlib.Path(__file__).resolve().parent.parent / "seeds" / "demo.json"
out.write_text(json.dumps({"anchor": ANCHOR.isoformat(), "account": account}, indent=1) + "\n")
print(f"wrote {out} ({len(users)} people, {len(contracts)} contracts)")
