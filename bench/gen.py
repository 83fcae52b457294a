#!/usr/bin/env python3
"""Synthetic data for bench/run, in the documented format (docs/format.md).

  gen.py cctp N                      a cctp.md of N clauses (headings with {#id}), 3 of them criteria, on stdout
  gen.py import CLAUSES BRANCHES PER RESPONSES DIALOGUE_PARENT
                                     a `git fast-import` stream on stdout: BRANCHES orphan branches
                                     refs/heads/proposals/<pseudonym> of PER proposals each (one commit per
                                     proposal, key.pub with the first), targeting the clauses of CLAUSES
                                     (clauses.yml of v1) with version 1 and their target_hash; and RESPONSES
                                     answers responses/<id>.md in one commit on refs/heads/dialogue (parent
                                     DIALOGUE_PARENT, or none when it is '-'). Pseudonyms go to stderr.
Everything is deterministic (fixed seed): two runs give the same repository.
"""
import base64
import datetime
import hashlib
import random
import struct
import sys

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
WORDS = ("le titulaire assure la maintenance préventive et corrective des équipements du site dans les délais "
         "fixés au présent article sans surcoût pour l'administration qui peut demander à tout moment un rapport "
         "d'intervention détaillé horodaté par l'outil de suivi les pièces détachées sont d'origine ou de qualité "
         "équivalente et garanties six mois le personnel intervenant est habilité et formé aux règles de sécurité "
         "des bâtiments publics").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, sentences=3):
    return " ".join(sentence(rng, rng.randint(12, 22)) for _ in range(sentences))


def cctp(n):
    rng = random.Random(1)
    out = ["**PRÉFECTURE DE BENCHMARK**", "",
           "Cahier des clauses techniques particulières (CCTP) — consultation synthétique de mesure", ""]
    count = 0
    body_clauses = n - 4  # the criteria chapter and its three criteria come last
    chapter = 0
    while count < body_clauses:
        chapter += 1
        out += [f"# ARTICLE {chapter} — Chapitre {chapter} {{#chapitre-{chapter}}}", "", paragraph(rng, 1), ""]
        count += 1
        sub = 0
        while sub < 19 and count < body_clauses:
            sub += 1
            out += [f"## {chapter}.{sub} Clause {chapter}.{sub} {{#clause-{chapter}-{sub}}}", "",
                    paragraph(rng), "", paragraph(rng, 2), ""]
            count += 1
    chapter += 1
    out += [f"# ARTICLE {chapter} — Critères d'attribution {{#criteres-d-attribution}}", "",
            "Les offres sont classées selon les critères pondérés suivants.", ""]
    for i, (cid, title, weight) in enumerate((("prix-des-prestations", "Prix des prestations", 40),
                                              ("valeur-technique", "Valeur technique", 45),
                                              ("performance-environnementale", "Performance environnementale", 15)), 1):
        out += [f"## {chapter}.{i} {title} {{#{cid} .criterion weight={weight}}}", "", paragraph(rng, 2), ""]
    sys.stdout.write("\n".join(out))


def read_clauses(path):
    """(id, hash, kind) of each entry of clauses.yml, read line by line (the canonical form jsf writes)."""
    clauses, current = [], None
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if s.startswith("- id:"):
            current = {"id": s[5:].strip().strip('"'), "kind": "clause"}
            clauses.append(current)
        elif current is not None and s.startswith("hash:"):
            current["hash"] = s[5:].strip().strip('"')
        elif current is not None and s.startswith("kind:"):
            current["kind"] = s[5:].strip()
    return clauses


def crockford40(digest):
    bits = int.from_bytes(digest[:5], "big")
    return "".join(CROCKFORD[(bits >> (35 - 5 * i)) & 31] for i in range(8))


def ssh_string(b):
    return struct.pack(">I", len(b)) + b


def data(out, text):
    raw = text.encode("utf-8")
    out.write(b"data %d\n" % len(raw))
    out.write(raw)
    out.write(b"\n")


def proposal(rng, pseudo, n, clauses, criteria, supersedable, created):
    target = rng.choice(clauses)
    kind = ("solution", "clarification", "alternative")[n % 3]
    cost = ("up", "down", "neutral", "unknown")[rng.randrange(4)]
    lines = ["---", "format: 1", f"id: {pseudo}-{n}", f"kind: {kind}", f"target: {target['id']}", "version: 1",
             f"target_hash: {target['hash']}", f"cost: {cost}"]
    if cost in ("up", "down"):
        lines.append(f'estimate: "{"+" if cost == "up" else "-"}{rng.randint(1, 9)} % sur le forfait"')
    lines.append(f'created: "{created}"')
    if supersedable and rng.random() < 0.1:
        lines.append(f"supersedes: {pseudo}-{rng.choice(supersedable)}")
    if rng.random() < 0.03:
        lines.append(f'withdrawn: "{created}"')
    if kind == "alternative" and target["kind"] == "criterion":
        w = rng.randint(20, 60)
        v = rng.randint(10, 100 - w - 5)
        lines += ["weights:", f"  {criteria[0]}: {w}", f"  {criteria[1]}: {v}", f"  {criteria[2]}: {100 - w - v}"]
    lines += ["---", "", paragraph(rng, rng.randint(2, 5))]
    if kind == "alternative" and target["kind"] != "criterion":
        lines += ["", "## Texte proposé", "", paragraph(rng, rng.randint(3, 6))]
    return "\n".join(lines) + "\n"


def stream(clauses_path, branches, per, responses, dialogue_parent):
    clauses = read_clauses(clauses_path)
    criteria = [c["id"] for c in clauses if c["kind"] == "criterion"]
    assert len(criteria) == 3, criteria
    rng = random.Random(2)
    out = sys.stdout.buffer
    seen, ids = set(), []
    base = 1799049600  # 2027-01-04T08:00:00+00:00, the opening of round v1
    for b in range(branches):
        while True:
            pk = rng.randbytes(32)
            pseudo = crockford40(hashlib.sha256(pk).digest())
            if pseudo not in seen:
                break
        seen.add(pseudo)
        sys.stderr.write(pseudo + "\n")
        keyblob = base64.b64encode(ssh_string(b"ssh-ed25519") + ssh_string(pk)).decode()
        who = f"{pseudo} <{pseudo.lower()}@pseudonym.jsf.invalid>"
        for n in range(1, per + 1):
            t = base + b * 37 + n * 3600
            created = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
            text = proposal(rng, pseudo, n, clauses, criteria, list(range(1, n)), created)
            out.write(b"commit refs/heads/proposals/%s\n" % pseudo.encode())
            out.write(b"author %s %d +0000\ncommitter %s %d +0000\n" % (who.encode(), t, who.encode(), t))
            data(out, f"Proposition {pseudo}-{n}\n")
            if n == 1:
                out.write(b"M 100644 inline key.pub\n")
                data(out, f"ssh-ed25519 {keyblob} {pseudo}\n")
            out.write(b"M 100644 inline %d.md\n" % n)
            data(out, text)
            ids.append(f"{pseudo}-{n}")
    # the agent's answers, one commit
    t = base + 7 * 86400
    out.write(b"commit refs/heads/dialogue\n")
    out.write(b"author Bench <bench@jsf.invalid> %d +0100\ncommitter Bench <bench@jsf.invalid> %d +0100\n" % (t, t))
    data(out, f"{responses} réponses\n")
    if dialogue_parent != "-":
        out.write(b"from %s\n" % dialogue_parent.encode())
    statuses = ("answered", "accepted", "partially-accepted", "rejected", "noted")
    for pid in rng.sample(ids, min(responses, len(ids))):
        status = rng.choice(statuses)
        date = "2027-01-12T14:00:00+01:00"
        text = (f"---\nformat: 1\nproposal: {pid}\nstatus: {status}\ncreated: \"{date}\"\nupdated: \"{date}\"\n---\n\n"
                f"## {date} — {status}\n\n{paragraph(rng, 2)}\n")
        out.write(b"M 100644 inline responses/%s.md\n" % pid.encode())
        data(out, text)
    out.write(b"done\n")


if __name__ == "__main__":
    if sys.argv[1] == "cctp":
        cctp(int(sys.argv[2]))
    elif sys.argv[1] == "import":
        stream(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit(__doc__)
