import Foundation
internal import Git

/// A catalogue's rule: each entry `consultations/<id>.yml` is written by commits signed with the `agent_key` it
/// names, and that key never changes for an id (the first entry fixes it; a company cloning the consultation then
/// finds the same key in its consultation.yml).
enum CatalogueTrust {
    /// What one commit does wrong, by entry id (nil: the commit as a whole).
    static func check(_ repository: Repository, commit id: ObjectID) throws -> [(entry: String?, reason: Text)] {
        let commit = try repository.commit(id)
        var findings: [(String?, Text)] = []
        var signer: SSHPublicKey?
        if let (signature, payload) = try repository.commitSignature(id) {
            do { signer = try SSHSignature.verify(signature, message: payload) } catch {
                findings.append(
                    (
                        nil,
                        Text(
                            en: "commit \(id.short) has a bad signature (\(error.reason))",
                            fr: "le commit \(id.short) a une signature invalide (\(error.reason))")
                    ))
            }
        } else {
            findings.append((nil, Text(en: "commit \(id.short) is not signed", fr: "le commit \(id.short) n'est pas signé")))
        }
        let before = try commit.parents.first.map { try entries(repository, at: $0) } ?? [:]
        let after = try entries(repository, at: id)
        for entry in try repository.tree(commit.tree) where entry.name != "consultations" {
            findings.append(
                (
                    nil,
                    Text(
                        en: "commit \(id.short) adds '\(entry.name)': a catalogue holds only consultations/<id>.yml",
                        fr: "le commit \(id.short) ajoute '\(entry.name)' : un catalogue ne contient que consultations/<id>.yml")
                ))
        }
        for (name, blob) in after where before[name] != blob {
            let entryID = String(name.dropLast(4))
            guard name.hasSuffix(".yml"), Consultation.isValidID(entryID) else {
                findings.append(
                    (
                        nil,
                        Text(
                            en: "commit \(id.short) adds 'consultations/\(name)', which is not <id>.yml",
                            fr: "le commit \(id.short) ajoute 'consultations/\(name)', qui n'est pas <id>.yml")
                    ))
                continue
            }
            let (parsed, problems) = CatalogueEntry.parse(String(decoding: try repository.blob(blob), as: UTF8.self), file: "consultations/\(name)")
            guard let parsed, parsed.id == entryID, problems.allSatisfy({ $0.severity != .error }), let key = parsed.agentKey else {
                findings.append(
                    (
                        entryID,
                        Text(
                            en: "consultations/\(name) is invalid or names no agent_key",
                            fr: "consultations/\(name) est invalide ou ne nomme aucune agent_key")
                    ))
                continue
            }
            if let old = before[name],
                let previous = CatalogueEntry.parse(String(decoding: try repository.blob(old), as: UTF8.self), file: name).0?.agentKey,
                previous != key
            {
                findings.append(
                    (
                        entryID,
                        Text(
                            en: "the entry \(entryID) changes its agent key from \(previous.fingerprint) to \(key.fingerprint)",
                            fr: "l'entrée \(entryID) change sa clé d'agent de \(previous.fingerprint) en \(key.fingerprint)")
                    ))
            }
            if signer == nil {
                findings.append(
                    (
                        entryID,
                        Text(
                            en: "the entry \(entryID) was changed by commit \(id.short), which its agent's key did not sign",
                            fr: "l'entrée \(entryID) a été modifiée par le commit \(id.short), que la clé de son agent n'a pas signé")
                    ))
            } else if let signer, signer != key {
                findings.append(
                    (
                        entryID,
                        Text(
                            en: "the entry \(entryID) is signed by \(signer.fingerprint), not by its agent's key \(key.fingerprint)",
                            fr: "l'entrée \(entryID) est signée par \(signer.fingerprint), pas par la clé de son agent \(key.fingerprint)")
                    ))
            }
        }
        for name in before.keys where after[name] == nil {
            findings.append(
                (
                    String(name.dropLast(4)),
                    Text(en: "commit \(id.short) removes consultations/\(name)", fr: "le commit \(id.short) retire consultations/\(name)")
                ))
        }
        return findings
    }

    private static func entries(_ repository: Repository, at commit: ObjectID) throws -> [String: ObjectID] {
        Dictionary(try repository.treeEntries(at: commit, path: "consultations").map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
    }

    /// For `jsf discover`: the entries some commit of the catalogue's history (every parent) wrote without their
    /// agent's signature.
    static func untrustedEntries(_ repository: Repository, tip: ObjectID) throws -> [String: Text] {
        var result: [String: Text] = [:]
        for id in try repository.commits(from: tip, hiding: [], limit: 100_000) ?? [tip] {
            for finding in try check(repository, commit: id) {
                if let entry = finding.entry { result[entry] = result[entry] ?? finding.reason }
            }
        }
        return result
    }

    /// What this machine knew of a catalogue: the tip it last read and each entry's agent key, in the local copy.
    struct Memory {
        var tip: ObjectID?
        var keys: [String: SSHPublicKey] = [:]

        static func path(_ repository: Repository) -> String { repository.gitDirectory + "/jsf-trusted" }

        static func load(_ repository: Repository) -> Memory {
            var memory = Memory()
            guard let text = try? String(contentsOfFile: path(repository), encoding: .utf8) else { return memory }
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                if parts[0] == "tip" { memory.tip = ObjectID(hex: parts[1]) } else { memory.keys[parts[0]] = SSHPublicKey(openSSH: parts[1]) }
            }
            return memory
        }

        func save(_ repository: Repository) {
            var lines = tip.map { ["tip \($0.hex)"] } ?? []
            lines += keys.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.openSSH)" }
            try? AtomicFile.write(lines.joined(separator: "\n") + "\n", to: Memory.path(repository))
        }
    }

    /// The hook's review of a push to a catalogue hub.
    static func review(_ updates: [Hub.Update], repository: Repository) throws(JSFError) -> [RefVerdict] {
        try gitCall(Text(en: "cannot read the catalogue hub", fr: "impossible de lire le hub du catalogue")) {
            try updates.map { update in
                var verdict = RefVerdict(ref: update.ref, old: update.old, new: update.new, problems: [])
                func refuse(_ object: ObjectID?, _ rule: TrustProblem.Rule, _ text: Text) {
                    verdict.problems.append(TrustProblem(ref: update.ref, object: object, rule: rule, message: text))
                }
                guard update.ref == Catalogue.branch else {
                    refuse(
                        update.new, .layout,
                        Text(en: "is outside a catalogue's layout (only main)", fr: "est hors de l'organisation d'un catalogue (main seulement)"))
                    return verdict
                }
                guard let new = update.new else {
                    refuse(update.old, .deletion, Text(en: "cannot be deleted", fr: "ne peut pas être supprimée"))
                    return verdict
                }
                if let old = update.old, try !repository.isAncestor(old, of: new) {
                    refuse(new, .fastForward, Text(en: "does not descend from \(old.short)", fr: "ne descend pas de \(old.short)"))
                    return verdict
                }
                guard let commits = try repository.commits(from: new, hiding: update.old.map { [$0] } ?? [], limit: Verifier.maximumNewCommits) else {
                    refuse(
                        new, .shape,
                        Text(
                            en: "brings more than \(Verifier.maximumNewCommits) new commits at once",
                            fr: "apporte plus de \(Verifier.maximumNewCommits) nouveaux commits à la fois"))
                    return verdict
                }
                for id in commits {
                    for finding in try check(repository, commit: id) { refuse(id, .signature, finding.reason) }
                }
                return verdict
            }
        }
    }
}
