#!/usr/bin/env python3
"""Synthetic data for bench/run, in the documented format (docs/format.md), signed as jsf signs.

  gen.py cctp N                      a cctp.md of N clauses (headings with {#id}), 3 of them criteria, on stdout
  gen.py pack REPO CLAUSES BRANCHES PER RESPONSES AGENT_KEY
                                     writes one pack (and its .idx) into REPO's objects/pack: BRANCHES orphan
                                     branches refs/heads/proposals/<pseudonym> of PER proposals each (one commit
                                     per proposal, key.pub with the first), targeting the clauses of CLAUSES
                                     (clauses.yml of v1) with version 1 and their target_hash; and, when RESPONSES
                                     is not 0, RESPONSES answers responses/<id>.md in one commit on
                                     refs/heads/dialogue, child of REPO's dialogue. Prints the ref updates for
                                     `git update-ref --stdin`; the pseudonyms go to stderr.
Every branch has its own Ed25519 key (derived from the branch's number), its pseudonym is the key's (Crockford
base32 of the first 40 bits of SHA-256 of the 32-byte public key), key.pub holds it, and every commit carries a
gpgsig header with its SSH signature (PROTOCOL.sshsig, namespace git, sha512), as `git commit -S` with
gpg.format=ssh writes it; the answers are signed with the agent's key, AGENT_KEY (its $JSF_HOME/signing_key, an
unencrypted OpenSSH private key; '-' when RESPONSES is 0). git fast-import cannot write signed commits, so the
objects are written here, straight into a pack.
Everything is deterministic (fixed seeds; Ed25519 signatures are deterministic): two runs give the same repository.
"""
import base64
import datetime
import hashlib
import os
import random
import struct
import subprocess
import sys
import zlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_ssh_private_key

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
WORDS = ("le titulaire assure la maintenance préventive et corrective des équipements du site dans les délais "
         "fixés au présent article sans surcoût pour l'administration qui peut demander à tout moment un rapport "
         "d'intervention détaillé horodaté par l'outil de suivi les pièces détachées sont d'origine ou de qualité "
         "équivalente et garanties six mois le personnel intervenant est habilité et formé aux règles de sécurité "
         "des bâtiments publics").split()


def sentence(rng, n):
    words = rng.choices(WORDS, k=n)
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


KEY_TYPE = ssh_string(b"ssh-ed25519")
# PROTOCOL.sshsig: namespace "git", reserved "", hash "sha512", as git's gpg.format=ssh signs.
SSHSIG_TAIL = ssh_string(b"git") + ssh_string(b"") + ssh_string(b"sha512")


class Signer:
    """An Ed25519 key that signs commits as `git commit -S` with gpg.format=ssh does (ssh-keygen -Y sign -n git)."""

    def __init__(self, private):
        self.private = private
        self.raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.blob = KEY_TYPE + ssh_string(self.raw)
        self.pseudonym = crockford40(hashlib.sha256(self.raw).digest())
        self.prefix = b"SSHSIG" + struct.pack(">I", 1) + ssh_string(self.blob) + SSHSIG_TAIL

    @classmethod
    def seeded(cls, seed):
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def from_file(cls, path):
        key = load_ssh_private_key(open(path, "rb").read(), password=None)
        assert isinstance(key, Ed25519PrivateKey), f"{path} is not an Ed25519 key"
        return cls(key)

    def openssh(self):
        """key.pub: "ssh-ed25519 AAAA… <pseudonym>"."""
        return f"ssh-ed25519 {base64.b64encode(self.blob).decode()} {self.pseudonym}\n"

    def armor(self, message):
        """The armored SSHSIG of `message`: base64 lines of 70 characters, ending in a newline, like ssh-keygen."""
        signed = b"SSHSIG" + SSHSIG_TAIL + ssh_string(hashlib.sha512(message).digest())
        blob = self.prefix + ssh_string(KEY_TYPE + ssh_string(self.private.sign(signed)))
        b64 = base64.b64encode(blob)
        return (b"-----BEGIN SSH SIGNATURE-----\n" + b"\n".join(b64[i:i + 70] for i in range(0, len(b64), 70))
                + b"\n-----END SSH SIGNATURE-----\n")

    def commit(self, tree, parent, who, when, message):
        """A signed commit object: the gpgsig header after committer, its continuation lines starting with a space."""
        head = b"tree %s\n" % tree.hex().encode()
        if parent:
            head += b"parent %s\n" % parent.hex().encode()
        head += b"author %s %s\ncommitter %s %s\n" % (who, when, who, when)
        body = b"\n" + message.encode()
        signature = self.armor(head + body)
        return head + b"gpgsig " + signature[:-1].replace(b"\n", b"\n ") + b"\n" + body


class Pack:
    """Objects written straight into one pack and its .idx (version 2) in a repository's objects/pack, as
    `git index-pack` would leave them: no loose objects, no fast-import, and signed commits as they are."""

    TYPES = {b"commit": 1, b"tree": 2, b"blob": 3}

    def __init__(self, pack_dir):
        self.dir = pack_dir
        self.path = os.path.join(pack_dir, "tmp_pack_bench")
        self.file = open(self.path, "wb")
        self.file.write(b"\0" * 12)  # the header once the count is known
        self.offset = 12
        self.entries = []  # (sha, offset, crc32)
        self.seen = set()

    def add(self, kind, data):
        sha = hashlib.sha1(b"%s %d\0" % (kind, len(data)) + data).digest()
        if sha in self.seen:
            return sha
        self.seen.add(sha)
        size = len(data)
        header = bytearray()
        byte = (self.TYPES[kind] << 4) | (size & 15)
        size >>= 4
        while size:
            header.append(byte | 0x80)
            byte = size & 0x7f
            size >>= 7
        header.append(byte)
        entry = bytes(header) + zlib.compress(data, 1)
        self.file.write(entry)
        self.entries.append((sha, self.offset, zlib.crc32(entry)))
        self.offset += len(entry)
        return sha

    def blob(self, text):
        return self.add(b"blob", text.encode() if isinstance(text, str) else text)

    def tree(self, entries):
        """entries: {name: (mode, sha)}; sorted as git does (a tree's name compares as if it ended in '/')."""
        key = lambda name: name + "/" if entries[name][0] == b"40000" else name
        return self.add(b"tree", b"".join(b"%s %s\0%s" % (entries[n][0], n.encode(), entries[n][1])
                                          for n in sorted(entries, key=key)))

    def close(self):
        self.file.seek(0)
        self.file.write(b"PACK" + struct.pack(">II", 2, len(self.entries)))
        self.file.close()
        digest = hashlib.sha1()
        with open(self.path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        checksum = digest.digest()
        with open(self.path, "ab") as f:
            f.write(checksum)
        entries = sorted(self.entries)
        fanout, i = [], 0
        for first in range(256):
            while i < len(entries) and entries[i][0][0] == first:
                i += 1
            fanout.append(i)
        small, large = [], []
        for _, offset, _ in entries:
            if offset < 0x80000000:
                small.append(offset)
            else:
                small.append(0x80000000 | len(large))
                large.append(offset)
        idx = (b"\377tOc" + struct.pack(">I", 2) + struct.pack(">256I", *fanout) + b"".join(e[0] for e in entries)
               + struct.pack(f">{len(entries)}I", *(e[2] for e in entries)) + struct.pack(f">{len(small)}I", *small)
               + struct.pack(f">{len(large)}Q", *large) + checksum)
        idx += hashlib.sha1(idx).digest()
        name = os.path.join(self.dir, f"pack-{checksum.hex()}")
        with open(name + ".idx", "wb") as f:
            f.write(idx)
        os.rename(self.path, name + ".pack")
        return len(entries)


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


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def ls_tree(repo, treeish):
    """{name: (mode, sha)} of one tree level."""
    entries = {}
    for line in git(repo, "ls-tree", "-z", treeish).split("\0"):
        if line:
            meta, name = line.split("\t", 1)
            mode, _, sha = meta.split()
            entries[name] = (mode.encode().lstrip(b"0") if mode == "040000" else mode.encode(), bytes.fromhex(sha))
    return entries


def pack(repo, clauses_path, branches, per, responses, agent_key):
    clauses = read_clauses(clauses_path)
    criteria = [c["id"] for c in clauses if c["kind"] == "criterion"]
    assert len(criteria) == 3, criteria
    rng = random.Random(2)
    pack_dir = git(repo, "rev-parse", "--path-format=absolute", "--git-path", "objects/pack").strip()
    objects = Pack(pack_dir)
    updates = []
    seen, ids = set(), []
    base = 1799049600  # 2027-01-04T08:00:00+00:00, the opening of round v1
    for b in range(branches):
        attempt = 0
        while True:  # a key per branch, from the branch's number; another one in the unlikely case of a clash
            signer = Signer.seeded(hashlib.sha256(b"jsf bench key %d %d" % (b, attempt)).digest())
            if signer.pseudonym not in seen:
                break
            attempt += 1
        pseudo = signer.pseudonym
        seen.add(pseudo)
        sys.stderr.write(pseudo + "\n")
        who = f"{pseudo} <{pseudo.lower()}@pseudonym.jsf.invalid>".encode()
        files = {"key.pub": (b"100644", objects.blob(signer.openssh()))}
        tip = None
        for n in range(1, per + 1):
            t = base + b * 37 + n * 3600
            created = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
            text = proposal(rng, pseudo, n, clauses, criteria, list(range(1, n)), created)
            files[f"{n}.md"] = (b"100644", objects.blob(text))
            tip = objects.add(b"commit", signer.commit(objects.tree(files), tip, who, b"%d +0000" % t,
                                                       f"Proposition {pseudo}-{n}\n"))
            ids.append(f"{pseudo}-{n}")
        updates.append(f"create refs/heads/proposals/{pseudo} {tip.hex()}\n")
    if responses:
        # the agent's answers, one commit on dialogue, signed with the agent's own key
        agent = Signer.from_file(agent_key)
        parent = subprocess.run(["git", "-C", repo, "rev-parse", "-q", "--verify", "refs/heads/dialogue^{commit}"],
                                capture_output=True, text=True).stdout.strip()
        root = ls_tree(repo, parent) if parent else {}
        answers = ls_tree(repo, parent + ":responses") if "responses" in root else {}
        statuses = ("answered", "accepted", "partially-accepted", "rejected", "noted")
        for pid in rng.sample(ids, min(responses, len(ids))):
            status = rng.choice(statuses)
            date = "2027-01-12T14:00:00+01:00"
            text = (f"---\nformat: 1\nproposal: {pid}\nstatus: {status}\ncreated: \"{date}\"\nupdated: \"{date}\"\n---\n\n"
                    f"## {date} — {status}\n\n{paragraph(rng, 2)}\n")
            answers[f"{pid}.md"] = (b"100644", objects.blob(text))
        root["responses"] = (b"40000", objects.tree(answers))
        t = base + 7 * 86400
        tip = objects.add(b"commit", agent.commit(objects.tree(root), bytes.fromhex(parent) if parent else None,
                                                  b"Agent Bench <bench@jsf.invalid>", b"%d +0100" % t, f"{responses} réponses\n"))
        updates.append(f"update refs/heads/dialogue {tip.hex()} {parent}\n")
    objects.close()
    sys.stdout.write("".join(updates))


if __name__ == "__main__":
    if sys.argv[1] == "cctp":
        cctp(int(sys.argv[2]))
    elif sys.argv[1] == "pack":
        pack(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7])
    else:
        sys.exit(__doc__)
