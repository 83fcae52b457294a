import Foundation
import JeSaisFaire

/// The report's own words in French and English, and the formatting both renderers share.
/// The repository's texts (titles, justifications, answers) are always shown as written.
extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

struct ReportWords {
    let language: Language
    /// The consultation's zone: dates read «20 janvier 2027 à 23 h 59» there.
    var zone: TimeZone = TimeZoneCheck.defaultZone
    /// The clauses the report names, by id.
    var names: [String: ReportClauseName] = [:]

    init(language: Language, names: [ReportClauseName] = [], zone: String? = nil) {
        self.language = language
        if let zone, let known = TimeZone(identifier: zone) { self.zone = known }
        self.names = Dictionary(names.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func t(_ en: String, _ fr: String) -> String { language == .fr ? fr : en }

    // MARK: Document

    var documentTitle: String { t("Pre-tender dialogue report", "Rapport du sourçage") }
    var kicker: String {
        t(
            "Pre-tender dialogue (sourcing, Code de la commande publique R2111-1 and R2111-2): record annexed to the tender file",
            "Échanges préalables avec les opérateurs économiques (sourçage, art. R2111-1 et R2111-2 du Code de la commande publique) : trace annexée au dossier de consultation"
        )
    }
    var introduction: String {
        t(
            "This report records the drafts of the technical specification submitted to the companies, their proposals, the agent's answers and what was integrated. Companies appear only under their pseudonym. The register lists every piece of information given to all participants, with its date: it shows that what one company was told, all were told (equal treatment).",
            "Ce rapport retrace les versions du cahier des clauses techniques soumises aux entreprises, leurs propositions, les réponses du pouvoir adjudicateur et ce qui a été intégré. Les entreprises n'y apparaissent que sous pseudonyme. Le registre liste, datée, chaque information communiquée à tous les participants : il établit que ce qui a été dit à une entreprise l'a été à toutes (égalité de traitement)."
        )
    }
    var contents: String { t("Contents", "Sommaire") }
    var internalCopy: String {
        t(
            "Internal copy of the agent and buyers: it includes the confidential proposals (secret des affaires, L2132-1) they can open. Do not publish it; the public copy is 'jsf report' without --audience internal.",
            "Copie interne de l'agent et des acheteurs : elle contient les propositions confidentielles (secret des affaires, L2132-1) qu'ils peuvent ouvrir. Ne la publiez pas ; la copie publique est 'jsf report' sans --audience internal."
        )
    }
    var confidentiality: String { t("Confidentiality", "Confidentialité") }
    var confidentialWithheld: String {
        t(
            "Confidential proposal (secret des affaires): its content is not in this copy.",
            "Proposition confidentielle (secret des affaires) : son contenu ne figure pas dans cette copie.")
    }
    var confidentialIncluded: String {
        t("confidential (secret des affaires): in the internal copy only", "confidentielle (secret des affaires) : dans la copie interne seulement")
    }
    func sharedOn(_ date: String) -> String {
        t("made public by its company on \(self.date(date))", "rendue publique par son entreprise le \(self.date(date))")
    }

    // MARK: Sections

    var sectionConsultation: String { t("Consultation", "Consultation") }
    var sectionDrafts: String { t("Published drafts", "Versions publiées") }
    var sectionClauses: String { t("Proposals and changes by clause", "Propositions et modifications par clause") }
    var sectionRegister: String {
        t("Register of information given to all participants", "Registre des informations communiquées à tous les participants")
    }
    var sectionTotals: String { t("Totals", "Totaux") }
    var sectionSummary: String { t("Summary", "Synthèse") }

    // MARK: Header fields

    var identifier: String { t("Identifier", "Identifiant") }
    var buyer: String { t("Buyer", "Pouvoir adjudicateur") }
    var cpvCodes: String { t("CPV codes", "Codes CPV") }
    var territory: String { t("Territory", "Territoire") }
    var national: String { t("national", "national") }
    var procedure: String { t("Procedure", "Procédure") }
    var estimatedAmount: String { t("Estimated amount", "Montant estimé") }
    var generated: String { t("Generated on", "Généré le") }
    var currentDraft: String { t("Current draft", "Version courante") }
    var noDraft: String { t("none published yet", "aucune publiée") }
    var approval: String { t("Approval", "Approbation") }
    var notApproved: String { t("not approved yet", "pas encore approuvée") }
    func limited(to current: String, latest: String) -> String {
        t("limited to the drafts up to \(current) (latest: \(latest))", "limité aux versions jusqu'à la \(current) (dernière : \(latest))")
    }

    func amount(_ euros: Int) -> String {
        let digits = String(euros)
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped += language == .fr ? "\u{202F}" : "," }
            grouped.append(c)
        }
        return t("€\(grouped) excl. VAT", "\(grouped) € HT")
    }

    func approvalText(_ a: ReportApproval) -> String {
        var parts: [String] = []
        if let version = a.version {
            parts.append(t("v\(version) approved", "v\(version) approuvée"))
        } else {
            parts.append(t("approved", "approuvée"))
        }
        if let buyer = a.buyer { parts.append(t("by \(buyer)", "par \(buyer)")) }
        if let date = a.date { parts.append(t("on \(self.date(date))", "le \(self.date(date))")) }
        return parts.joined(separator: " ") + t(" (tag \(a.ref), \(a.commit.prefix(7)))", " (étiquette \(a.ref), \(a.commit.prefix(7)))")
    }
    var approvalNote: String { t("Note", "Note") }

    // MARK: Drafts

    var published: String { t("Published", "Publiée") }
    var round: String { t("Round", "Tour de consultation") }
    func roundText(_ r: ReportRound) -> String { t("from \(date(r.opens)) to \(date(r.closes))", "du \(date(r.opens)) au \(date(r.closes))") }
    var added: String { t("Clauses added", "Clauses ajoutées") }
    var changed: String { t("Clauses changed", "Clauses modifiées") }
    var removed: String { t("Clauses removed", "Clauses supprimées") }
    var integrates: String { t("Proposals integrated", "Propositions intégrées") }
    var answers: String { t("Proposals answered", "Propositions ayant reçu une réponse") }
    var none: String { t("none", "aucune") }
    /// A value in a draft's entry.
    enum DraftFact {
        case published(date: String, author: String)
        case text(String)
        case ids([String])
        case clauses([String])
    }

    /// What a draft's entry lists, in order, in both renderers.
    func facts(of d: ReportDraft, first: Bool) -> [(term: String, fact: DraftFact)] {
        var facts: [(term: String, fact: DraftFact)] = [(published, .published(date: d.date, author: d.author))]
        if let round = d.round { facts.append((self.round, .text(roundText(round)))) }
        if first && d.changed.isEmpty && d.removed.isEmpty {
            facts.append((added, .text(allClauses(d.added.count))))
        } else {
            facts += [(added, .clauses(d.added)), (changed, .clauses(d.changed)), (removed, .clauses(d.removed))]
        }
        facts += [(integrates, .ids(d.integrates)), (answers, .ids(d.answers))]
        return facts
    }
    func allClauses(_ n: Int) -> String { t("all \(n) clauses (first draft)", "les \(n) clauses (première version)") }

    // MARK: Clauses and proposals

    var noClause: String { t("No clause received a proposal or changed.", "Aucune clause n'a reçu de proposition ni n'a été modifiée.") }
    func criterion(_ weight: Int?) -> String {
        weight.map { t("award criterion, weight \($0) %", "critère d'attribution, pondération \($0) %") }
            ?? t("award criterion", "critère d'attribution")
    }
    func removedIn(_ version: Int) -> String { t("removed in v\(version)", "supprimée dans la v\(version)") }
    func proposalsHeading(_ n: Int) -> String { t("Proposals (\(n))", "Propositions (\(n))") }
    var noProposal: String { t("No proposal.", "Aucune proposition.") }
    func company(_ pseudonym: String) -> String {
        Pseudonym(code: pseudonym)?.displayName.localized(language) ?? t("Company \(pseudonym)", "Entreprise \(pseudonym)")
    }
    var kind: String { t("Kind", "Nature") }
    var cost: String { t("Cost impact", "Incidence sur le coût") }
    var estimate: String { t("Estimate", "Estimation") }
    var draft: String { t("Draft", "Version") }
    var made: String { t("Made on", "Déposée le") }
    var status: String { t("Status", "Statut") }
    var state: String { t("Against the current draft", "Par rapport à la version courante") }
    var supersedes: String { t("Amends", "Modifie") }
    var justification: String { t("Justification", "Justification") }
    var question: String { t("Question", "Question") }
    var proposedText: String { t("Proposed text", "Texte proposé") }
    var proposedWeights: String { t("Proposed weights", "Pondérations proposées") }
    var agentAnswers: String { t("Answers of the agent", "Réponses du pouvoir adjudicateur") }
    var noAnswer: String { t("No answer yet.", "Pas encore de réponse.") }
    func integratedIn(_ version: Int) -> String { t("Integrated in v\(version).", "Intégrée dans la v\(version).") }
    /// What follows an answer's date and status in a thread: its draft, "with changes", erratum, correction, signature.
    func answerNotes(_ a: ReportAnswer) -> String {
        var notes = a.version.map { " (v\($0))" } ?? ""
        if a.withChanges { notes += t(", with changes", ", avec des modifications") }
        if let corrects = a.corrects { notes += t(" — erratum to the answer of \(date(corrects))", " — erratum de la réponse du \(date(corrects))") }
        if let correctedOn = a.correctedOn { notes += t(" — corrected on \(date(correctedOn))", " — corrigée le \(date(correctedOn))") }
        if let signedBy = a.signedBy { notes += t(" — signed by \(signedBy)", " — signée par \(signedBy)") }
        return notes
    }
    /// The words of an answer in the report's language: a line jsf itself records in both languages («Intégrée dans la
    /// v2. / Integrated in v2.», and the like) reads in the report's; the agent's texts stay as written.
    func answerText(_ a: ReportAnswer) -> String {
        guard let (fr, en) = Self.recordedInBothLanguages(a.text) else { return a.text }
        return t(en, fr)
    }
    /// The French and English halves of a line `jsf publish` records in the thread of a proposal it integrates.
    static func recordedInBothLanguages(_ text: String) -> (fr: String, en: String)? {
        guard !text.contains("\n"), let range = text.range(of: " / ") else { return nil }
        let fr = String(text[..<range.lowerBound])
        let en = String(text[range.upperBound...])
        guard fr.hasPrefix("Intégrée"), en.hasPrefix("Integrated"), !en.contains(" / ") else { return nil }
        return (fr, en)
    }
    var revisionsHeading: String { t("Changes to the text", "Modifications du texte") }
    func revisionHeading(_ r: ReportRevision) -> String { "v\(r.from) → v\(r.to)" }
    func revisionKinds(_ r: ReportRevision) -> String { r.changes.map(changeKind).joined(separator: ", ") }
    func retitled(_ old: String, _ new: String) -> String { t("Title: “\(old)” became “\(new)”", "Titre : « \(old) » devenu « \(new) »") }
    func reweighted(_ old: Int?, _ new: Int?) -> String {
        t(
            "Weight: \(old.map { "\($0) %" } ?? "—") → \(new.map { "\($0) %" } ?? "—")",
            "Pondération : \(old.map { "\($0) %" } ?? "—") → \(new.map { "\($0) %" } ?? "—")")
    }
    func integratesHere(_ ids: [String]) -> String { t("Integrates \(ids.joined(separator: ", ")).", "Intègre \(ids.joined(separator: ", ")).") }
    var redlineLegend: String {
        t("Deleted words are struck through, inserted words underlined.", "Les mots supprimés sont barrés, les mots ajoutés soulignés.")
    }
    var redlineMarkers: String {
        t(
            "Deleted words are between [- and -], inserted words between {+ and +}.",
            "Les mots supprimés sont entre [- et -], les mots ajoutés entre {+ et +}.")
    }
    var deletedMark: String { t("deleted: ", "supprimé : ") }
    var insertedMark: String { t("inserted: ", "ajouté : ") }

    func changeKind(_ kind: ClauseChange.Kind) -> String {
        switch kind {
        case .added: return t("added", "ajoutée")
        case .removed: return t("removed", "supprimée")
        case .modified: return t("text changed", "texte modifié")
        case .retitled: return t("retitled", "titre modifié")
        case .reweighted: return t("reweighted", "pondération modifiée")
        case .moved: return t("moved", "déplacée")
        case .renumbered: return t("renumbered", "renumérotée")
        }
    }

    func kindLabel(_ kind: ProposalKind) -> String { kind.label.localized(language) }
    func kindPlural(_ kind: ProposalKind) -> String {
        switch kind {
        case .solution: return t("Solutions", "Solutions")
        case .clarification: return t("Clarifications", "Demandes de précision")
        case .alternative: return t("Alternatives", "Alternatives")
        }
    }
    func costLabel(_ cost: CostImpact) -> String {
        switch cost {
        case .up: return t("up", "en hausse")
        case .down: return t("down", "en baisse")
        case .neutral: return t("neutral", "neutre")
        case .unknown: return t("unknown", "inconnue")
        }
    }
    func statusLabel(_ status: ResponseStatus) -> String { status.label.localized(language) }
    func statusLabel(_ status: ProposalStatus) -> String {
        switch status {
        case .open: return t("open (no answer yet)", "ouverte (sans réponse)")
        case .answered: return statusLabel(ResponseStatus.answered)
        case .accepted: return statusLabel(ResponseStatus.accepted)
        case .partiallyAccepted: return statusLabel(ResponseStatus.partiallyAccepted)
        case .noted: return statusLabel(ResponseStatus.noted)
        case .rejected: return statusLabel(ResponseStatus.rejected)
        case .integrated: return statusLabel(ResponseStatus.integrated)
        case .withdrawn: return t("withdrawn by the company", "retirée par l'entreprise")
        case .superseded: return t("superseded by an amended proposal", "remplacée par une proposition modifiée")
        }
    }
    func stateLabel(_ state: CarryOver) -> String {
        switch state {
        case .current: return t("current (clause unchanged since)", "à jour (clause inchangée depuis)")
        case .outdated: return t("outdated (the clause changed since)", "dépassée (la clause a changé depuis)")
        case .orphaned: return t("orphaned (the clause was removed)", "orpheline (la clause a été supprimée)")
        case .resolved: return t("resolved", "traitée")
        }
    }

    // MARK: Register

    var registerIntro: String {
        t(
            "Published drafts, the ends of their rounds, the agent's answers and the approval are available to every participant of the consultation (the shared repository), at the date shown.",
            "Les versions publiées, la fin de leurs tours de consultation, les réponses du pouvoir adjudicateur et l'approbation sont mises à la disposition de tous les participants de la consultation (dépôt partagé), à la date indiquée."
        )
    }
    var date: String { t("Date", "Date") }
    var information: String { t("Information", "Information") }
    var content: String { t("Content", "Contenu") }
    func draftPublished(_ version: Int) -> String { t("Publication of draft v\(version)", "Publication de la version v\(version)") }
    /// "Answer to 7R7JWZH4-2 (clarification, Company 7R7JWZH4) on “1.2 Durée”"; `clause` is the clause's number and title.
    func answerTo(_ e: RegisterEntry, clause: String) -> String {
        let kind = e.proposalKind.map(kindLabel) ?? ""
        let further = (e.answerNumber ?? 1) > 1
        if let corrects = e.corrects {
            return t(
                "Erratum to the answer of \(date(corrects)) to \(e.proposal ?? "") (\(kind), \(company(e.pseudonym ?? ""))) on “\(clause)”",
                "Erratum de la réponse du \(date(corrects)) à \(e.proposal ?? "") (\(kind), \(company(e.pseudonym ?? ""))) sur « \(clause) »")
        }
        return t(
            "\(further ? "Further answer" : "Answer") to \(e.proposal ?? "") (\(kind), \(company(e.pseudonym ?? ""))) on “\(clause)”",
            "\(further ? "Nouvelle réponse" : "Réponse") à \(e.proposal ?? "") (\(kind), \(company(e.pseudonym ?? ""))) sur « \(clause) »")
    }
    var answer: String { t("Answer", "Réponse") }
    /// "status: answered", after an answer of the register.
    func statusOf(_ e: RegisterEntry) -> String {
        t("status: ", "statut : ") + (e.status.map(statusLabel) ?? "") + (e.signedBy.map { t("; signed by \($0)", " ; signée par \($0)") } ?? "")
    }
    /// What a publication announced: "opens the round, until 2027-01-20 23:59".
    func opensRound(_ r: ReportRound) -> String {
        t("opens the round, until \(date(r.closes))", "ouverture du tour de consultation, jusqu'au \(date(r.closes))")
    }
    func roundClosed(_ e: RegisterEntry) -> String {
        let v = e.version ?? 0
        switch e.closing ?? .term {
        case .term: return t("End of the round of v\(v)", "Fin du tour de consultation de la v\(v)")
        case .agent: return t("Early closing of the round of v\(v)", "Clôture anticipée du tour de consultation de la v\(v)")
        case .draft:
            return t(
                "End of the round of v\(v), on publication of v\(v + 1)", "Fin du tour de consultation de la v\(v), à la publication de la v\(v + 1)")
        }
    }
    func roundClosedContent(_ e: RegisterEntry) -> String {
        var parts: [String] = []
        if let round = e.round { parts.append(t("Round \(roundText(round)).", "Tour \(roundText(round)).")) }
        if let planned = e.plannedCloses {
            parts.append(t("It was to close on \(date(planned)).", "Il devait se clore le \(date(planned))."))
        }
        if e.closing == .agent {
            parts.append(t("Proposals on this draft are refused from then on.", "Les propositions sur cette version sont refusées depuis."))
        }
        return parts.joined(separator: " ")
    }
    func approvalEntry(_ e: RegisterEntry) -> String {
        let v = e.version.map { "v\($0)" } ?? ""
        return e.buyer.map { t("Approval of \(v) by \($0)", "Approbation de la \(v) par \($0)") } ?? t("Approval of \(v)", "Approbation de la \(v)")
    }
    func undated(_ iso: String) -> String { iso.isEmpty ? t("undated", "sans date") : date(iso) }
    var emptyRegister: String { t("Nothing has been published yet.", "Rien n'a encore été publié.") }

    // MARK: Totals

    /// The first lines of the totals in both renderers: a term, a count and, for the participants, their names.
    func summary(_ t: ReportTotals) -> [(term: String, count: Int, names: [String])] {
        [
            (participants, t.participants, t.pseudonyms.map(company)), (proposals, t.proposals, []), (integratedCount, t.integrated, []),
            (answeredCount, t.answered, []), (rejectedCount, t.rejected, []), (answersGiven, t.answers, []),
        ]
    }
    var participants: String { t("Participants (distinct pseudonyms)", "Participants (pseudonymes distincts)") }
    var proposals: String { t("Proposals", "Propositions") }
    var answersGiven: String { t("Answers given", "Réponses données") }
    var integratedCount: String { t("Integrated", "Intégrées") }
    var answeredCount: String { t("Answered", "Répondues") }
    var rejectedCount: String { t("Rejected", "Rejetées") }
    var byKind: String { t("Proposals by kind", "Propositions par nature") }
    var byStatus: String { t("Proposals by status", "Propositions par statut") }
    var byClause: String { t("Proposals by clause and cost direction", "Propositions par clause et sens de l'incidence sur le coût") }
    var clause: String { t("Clause", "Clause") }
    var total: String { t("Total", "Total") }
    var count: String { t("Number", "Nombre") }
    var chartTitle: String { t("Proposals per clause, by cost direction", "Propositions par clause, selon le sens de l'incidence sur le coût") }
    var chartCaption: String {
        t(
            "Proposals per clause, stacked by cost direction (up: solid, down: stripes, neutral: dots, unknown: blank). The table above gives the same figures.",
            "Propositions par clause, empilées selon l'incidence sur le coût (hausse : plein, baisse : rayures, neutre : points, inconnue : vide). Le tableau ci-dessus donne les mêmes chiffres."
        )
    }
    func chartSummary(_ c: ClauseTotals) -> String {
        let parts = CostImpact.allCases.filter { c.costs.count($0) > 0 }.map { "\(c.costs.count($0)) \(costLabel($0))" }
        return clauseName(number: c.number, title: c.title) + t(": ", " : ") + "\(c.proposals) — " + parts.joined(separator: ", ")
    }
    func costColumn(_ cost: CostImpact) -> String { cost.label.localized(language).capitalizedFirst }
    /// The statuses present, in the order of the dialogue.
    func sortedStatuses(_ statuses: [String: Int]) -> [(ProposalStatus, Int)] {
        ProposalStatus.allCases.compactMap { status in statuses[status.rawValue].map { (status, $0) } }
    }
    func costShort(_ cost: CostImpact) -> String {
        switch cost {
        case .up: return t("Up", "Hausse")
        case .down: return t("Down", "Baisse")
        case .neutral: return t("Neutral", "Neutre")
        case .unknown: return t("Unknown", "Inconnue")
        }
    }
    // MARK: Summary

    var summaryIntro: String {
        t(
            "What the dialogue produced, in short; the sections below give the details and the dates.",
            "L'essentiel des échanges ; les sections suivantes en donnent le détail et les dates.")
    }
    func participantsLine(_ n: Int) -> String {
        n == 1
            ? t("1 participant (one pseudonym)", "1 participant (un pseudonyme)")
            : t("\(n) participants (distinct pseudonyms)", "\(n) participants (pseudonymes distincts)")
    }
    func proposalsLine(_ s: ReportSummary) -> String {
        let parts = ProposalKind.allCases.map { "\(s.kinds.count($0)) \(kindCount($0, s.kinds.count($0)))" }
        return t("\(s.proposals) proposal(s): ", "\(s.proposals) proposition(s) : ") + parts.joined(separator: ", ")
    }
    func kindCount(_ kind: ProposalKind, _ n: Int) -> String {
        switch kind {
        case .solution: return n > 1 ? t("solutions", "solutions") : t("solution", "solution")
        case .clarification: return n > 1 ? t("clarifications", "demandes de précision") : t("clarification", "demande de précision")
        case .alternative: return n > 1 ? t("alternatives", "alternatives") : t("alternative", "alternative")
        }
    }
    func summaryIntegrated(_ n: Int) -> String { t("Integrated in a draft (\(n))", "Intégrées dans une version (\(n))") }
    func summaryUnanswered(_ n: Int) -> String { t("Without an answer (\(n))", "Sans réponse (\(n))") }
    func summaryOutdated(_ n: Int) -> String {
        t("Outdated: the clause changed since, not resolved (\(n))", "Dépassées : la clause a changé depuis, non traitées (\(n))")
    }
    func summaryOrphaned(_ n: Int) -> String {
        t("Orphaned: the clause was removed, not resolved (\(n))", "Orphelines : la clause a été supprimée, non traitées (\(n))")
    }
    var unresolved: String { t("Unresolved", "Reste à traiter") }
    var declarationsTitle: String {
        t("What each pseudonym declared it takes part by", "Motif de participation déclaré par chaque pseudonyme")
    }
    var declarationsIntro: String {
        t(
            "Each proposal records the CPV group (or division) its company shares with the consultation and its département in the territory; the PFRA can check them against the company's real identity.",
            "Chaque proposition enregistre le groupe (ou la division) CPV que son entreprise partage avec la consultation et son département dans le territoire ; la PFRA peut les rapprocher de l'identité réelle de l'entreprise."
        )
    }
    var openToAll: String {
        t(
            "The consultation is open to every company (eligibility: open): its proposals declare no basis.",
            "La consultation est ouverte à toutes les entreprises (eligibility: open) : ses propositions ne déclarent aucun motif.")
    }
    func declaration(_ d: ReportDeclaration) -> String {
        guard let cpv = d.cpv, let territory = d.territory else {
            return t(
                "\(d.pseudonym): nothing declared (proposals written before jsf recorded it)",
                "\(d.pseudonym) : rien de déclaré (propositions antérieures à cet enregistrement)")
        }
        let level = cpv.count == 2 ? t("CPV division", "division CPV") : t("CPV group", "groupe CPV")
        let place: String
        if territory == DeclaredBasis.national {
            place = t("national consultation", "consultation nationale")
        } else {
            let name = Territory.departement(territory).map { " (\($0.name))" } ?? ""
            place = t("département \(territory)\(name)", "département \(territory)\(name)")
        }
        var text = t("\(d.pseudonym): \(level) \(cpv), \(place)", "\(d.pseudonym) : \(level) \(cpv), \(place)")
        if let problem = d.problem {
            text += t(" — not admitted: \(problem.en)", " — non admis : \(problem.fr)")
        }
        return text
    }
    var nothingUnresolved: String { t("Nothing is left unresolved.", "Rien ne reste à traiter.") }
    /// "9TARVVBK-3 (alternative, Company 9TARVVBK) on “4.4 Contenants”, in v2".
    func summaryItem(_ item: ReportSummaryItem, clause: String, withStatus: Bool) -> String {
        var text = t(
            "\(item.proposal) (\(kindLabel(item.kind)), \(company(item.pseudonym))) on “\(clause)”",
            "\(item.proposal) (\(kindLabel(item.kind)), \(company(item.pseudonym))) sur « \(clause) »")
        if let version = item.version { text += t(", in v\(version)", ", dans la v\(version)") }
        if withStatus { text += " — " + statusLabel(item.status) }
        return text
    }

    // MARK: Print

    /// The page footer of the printed report, as CSS content.
    var pageFooter: String { t("\"Page \" counter(page) \" of \" counter(pages)", "\"Page \" counter(page) \" / \" counter(pages)") }

    var noProposalYet: String { t("No proposal was made.", "Aucune proposition n'a été déposée.") }

    var footer: String {
        t(
            "Generated by jsf from the consultation's git repository. Every draft, proposal and answer can be checked there with plain git.",
            "Généré par jsf à partir du dépôt git de la consultation. Chaque version, proposition et réponse peut y être vérifiée avec git.")
    }

    // MARK: Formatting

    /// "3.2 Niveaux de service".
    func clauseName(number: String, title: String) -> String { number.isEmpty ? title : "\(number) \(title)" }
    /// "9.1 Valeur technique" for the id `valeur-technique`; the id itself only for a clause no draft of the report holds.
    func clauseName(_ id: String) -> String { names[id].map { clauseName(number: $0.number, title: $0.title) } ?? id }

    /// "12/01/2027 14:00" in French, "2027-01-12 14:00" in English, from an ISO 8601 timestamp (the offset is the clock's).
    /// A date as people read it, in the consultation's zone (HumanDate); a text that is not a date, as it is.
    func date(_ iso: String) -> String { HumanDate.format(iso, language: language, zone: zone) }
}
