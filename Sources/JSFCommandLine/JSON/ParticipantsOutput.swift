import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf participants --json` and `jsf participants --reveal --json` print: the contract docs/cli.md describes,
/// kept apart from the domain's types so that the JSON stays stable when the model changes.
extension ParticipantsCommand {
    struct Output: Encodable {
        struct Identity: Encodable {
            struct Recipient: Encodable {
                var fingerprint: String
                /// The listed buyer holding that key; nil when no buyer listed now holds it.
                var buyer: String?
            }
            /// absent, unreadable, sealed.
            var state: String
            var blob: String?
            var recipients: [Recipient]
            /// Buyers listed now, with an encryption key, it is not sealed to.
            var missing: [String]
            /// Whether it is sealed to your encryption key.
            var toYou: Bool?
            var problems: [String]
        }
        struct Participant: Encodable {
            var pseudonym: String
            var branch: String
            var proposals: Int
            /// Proposals by kind: solution, clarification, alternative.
            var kinds: [String: Int]
            var withdrawn: Int
            var answered: Int
            var integrated: Int
            /// Rounded down to the hour, UTC.
            var first: String?
            var last: String?
            var identity: Identity

            init(_ p: JeSaisFaire.Participant) {
                pseudonym = p.pseudonym
                branch = p.branch
                proposals = p.proposals
                kinds = Dictionary(uniqueKeysWithValues: p.kinds.map { ($0.kind.rawValue, $0.count) })
                withdrawn = p.withdrawn
                answered = p.answered
                integrated = p.integrated
                let utc = TimeZone(identifier: "UTC")!
                first = p.first.map { Timestamp.format($0, timeZone: utc) }
                last = p.last.map { Timestamp.format($0, timeZone: utc) }
                identity = Identity(
                    state: p.identity.state.rawValue, blob: p.identity.blob,
                    recipients: p.identity.recipients.map { Identity.Recipient(fingerprint: $0.fingerprint, buyer: $0.buyer) },
                    missing: p.identity.missing, toYou: p.identity.toYou, problems: p.identity.problems.map(\.description))
            }
        }
        var participants: [Participant]
    }

    struct RevealOutput: Encodable {
        struct Check: Encodable {
            /// siret, declared, eligibility, register.
            var code: String
            /// ok, failed, unchecked.
            var outcome: String
            var message: String
        }
        struct Revealed: Encodable {
            var pseudonym: String
            var name: String
            var organisation: String?
            var siret: String?
            var email: String?
            var phone: String?
            var website: String?
            var address: String?
            var postalCode: String?
            var city: String?
            var cpv: [String]
            var departements: [String]
            var sealed: String
            /// The blob of the identity.sealed opened.
            var blob: String
            var checks: [Check]
        }
        struct Unopened: Encodable {
            var pseudonym: String
            var reason: String
        }
        /// The number n of reveals/<n>.yml, and the commit on published.
        var number: Int
        var commit: String
        var file: String
        var buyer: String
        var key: String
        var date: String
        /// The SIRENE extract checked against; nil: none given (only the declared consistency was checked).
        var register: String?
        var revealed: [Revealed]
        var unopened: [Unopened]

        init(_ result: RevealResult, _ c: Console) {
            number = result.reveal.number
            commit = result.commit.hex
            file = Reveal.path(result.reveal.number)
            buyer = result.reveal.buyer
            key = result.reveal.key
            date = result.reveal.date
            register = result.register
            revealed = result.revealed.map { r in
                let i = r.identity
                return Revealed(
                    pseudonym: i.pseudonym, name: i.name, organisation: i.organisation, siret: i.siret, email: i.email, phone: i.phone,
                    website: i.website, address: i.address, postalCode: i.postalCode, city: i.city, cpv: i.cpv, departements: i.departements,
                    sealed: i.sealed, blob: r.blob,
                    checks: r.checks.map { Check(code: $0.code, outcome: $0.outcome.rawValue, message: c.t($0.message)) })
            }
            unopened = result.unopened.map { Unopened(pseudonym: $0.pseudonym, reason: c.t($0.reason)) }
        }
    }
}
