import Foundation
import Testing

/// The consultation's time zone (`time_zone`, `jsf init --time-zone`): dates without a time end that day there,
/// dates are shown in it for people whatever the machine's TZ, and files and JSON keep ISO 8601.
@Suite("time zone of a consultation and dates for people")
struct TimeZoneTests {
    /// The machine zones the same commands run under: the result must not depend on them.
    static let machineZones = ["UTC", "America/New_York", "Asia/Tokyo"]

    static func closes(_ box: Sandbox, in dir: String = "c", zone: String = "UTC") throws -> String {
        let run = try box.jsf(["status", "--json"], in: dir, environment: ["TZ": zone])
        try #require(run.status == 0, "\(run)")
        return try #require(try decode(StatusJSON.self, from: run).round?.closes)
    }

    @Test("--until DAY is 23:59:59 of that day in Europe/Paris, winter and summer, whatever TZ the machine has", arguments: machineZones)
    func untilADayInParis(_ machine: String) throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        #expect(try box.read("c/consultation.yml").contains("\ntime_zone: Europe/Paris\n"))
        let winter = try box.jsf(["publish", "--until", "2027-01-20"], in: "c", environment: ["TZ": machine])
        #expect(winter.status == 0, "\(winter)")
        #expect(winter.stderr.contains("round open until 20 January 2027, 23:59 (Europe/Paris)."), "\(winter)")
        #expect(try Self.closes(box, zone: machine) == "2027-01-20T23:59:59+01:00")
        // The round opens now, written in Paris's offset too (JSF_NOW is 09:00 in Paris).
        let yml = try box.gitOutput("show", "v1:consultation.yml", in: "c")
        #expect(yml.contains("opens: \"2027-01-04T09:00:00+01:00\"") || yml.contains("opens: 2027-01-04T09:00:00+01:00"), "\(yml)")

        // Summer: +02:00, including the last day of summer time and the first of it.
        box.now = "2027-03-01T09:00:00+01:00"
        for (n, (day, expected)) in [
            ("2027-07-20", "2027-07-20T23:59:59+02:00"), ("2027-03-28", "2027-03-28T23:59:59+02:00"),
            ("2027-10-31", "2027-10-31T23:59:59+01:00"),
        ].enumerated() {
            try box.edit("c/cctp.md", replacing: "Il peut être reconduit", with: "Il peut être reconduit \(n)")
            let run = try box.jsf(["publish", "--until", day], in: "c", environment: ["TZ": machine])
            #expect(run.status == 0, "\(run)")
            #expect(try Self.closes(box, zone: machine) == expected, "\(day) under TZ=\(machine)")
        }
        let summer = try box.jsf(["status"], in: "c", environment: ["TZ": machine, "LANG": "fr_FR.UTF-8"])
        #expect(summer.stdout.contains("tour :    ouvert jusqu'au 31 octobre 2027 à 23 h 59\n"), "\(summer)")
    }

    @Test("a time without an offset is in the consultation's zone; with one, as given", arguments: ["UTC", "Pacific/Auckland"])
    func untilATime(_ machine: String) throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        let local = try box.jsf(["publish", "--until", "2027-01-20T17:00"], in: "c", environment: ["TZ": machine])
        #expect(local.status == 0, "\(local)")
        #expect(try Self.closes(box) == "2027-01-20T17:00:00+01:00")
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit", with: "Il peut être encore reconduit")
        let given = try box.jsf(["publish", "--until", "2027-07-20T17:00:00-05:00"], in: "c", environment: ["TZ": machine])
        #expect(given.status == 0, "\(given)")
        // The same instant, written with Paris's summer offset.
        #expect(try Self.closes(box) == "2027-07-21T00:00:00+02:00")
        #expect(given.stderr.contains("round open until 21 July 2027, 00:00 (Europe/Paris)."), "\(given)")
    }

    @Test("an overseas consultation: the zone from the territory or --time-zone, its dates there, named in both languages")
    func overseas() throws {
        let box = try Sandbox()
        let guyane = try box.setUpConsultation("c", territory: "973")
        #expect(guyane.stderr.contains("Time zone: America/Cayenne, from the territory"), "\(guyane)")
        #expect(try box.read("c/consultation.yml").contains("\ntime_zone: America/Cayenne\n"))
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        #expect(try Self.closes(box) == "2027-01-20T23:59:59-03:00")
        for (language, line) in [
            ("C.UTF-8", "round:   open until 20 January 2027, 23:59 (America/Cayenne)\n"),
            ("fr_FR.UTF-8", "tour :    ouvert jusqu'au 20 janvier 2027 à 23 h 59 (America/Cayenne)\n"),
        ] {
            for machine in Self.machineZones {
                let status = try box.jsf(["status"], in: "c", environment: ["TZ": machine, "LANG": language])
                #expect(status.stdout.contains(line), "\(language), TZ=\(machine):\n\(status)")
            }
        }

        // --time-zone wins over the territory.
        let reunion = try box.jsf(
            [
                "init", "r", "--id", "cantine-saint-denis-2027", "--title", "Restauration scolaire", "--buyer", "Commune de Saint-Denis",
                "--cpv", "55524000-9", "--territory", "973", "--time-zone", "Indian/Reunion",
            ])
        #expect(reunion.status == 0, "\(reunion)")
        #expect(!reunion.stderr.contains("Time zone:"), "\(reunion)")
        #expect(try box.read("r/consultation.yml").contains("\ntime_zone: Indian/Reunion\n"))
        try box.ok("publish", "--until", "2027-01-20", in: "r")
        #expect(try Self.closes(box, in: "r") == "2027-01-20T23:59:59+04:00")
    }

    @Test("jsf init --time-zone with an unknown zone is refused, naming it and the close ones; nothing is created")
    func badZoneOnInit() throws {
        let box = try Sandbox()
        try box.setUpAgent()
        for (language, zone, words) in [
            (
                "C.UTF-8", "Europe/Pari",
                ["error: --time-zone: 'Europe/Pari' is not an IANA time zone: did you mean Europe/Paris?", "America/Cayenne"]
            ),
            ("C.UTF-8", "reunion", ["'reunion' is not an IANA time zone: did you mean Indian/Reunion?"]),
            (
                "fr_FR.UTF-8", "Mars/Olympus",
                ["erreur : --time-zone : 'Mars/Olympus' n'est pas un fuseau horaire IANA", "astuce : écrivez un nom IANA comme Europe/Paris"]
            ),
        ] {
            let run = try box.jsf(
                [
                    "init", "c", "--id", "restauration-val-d-orvenne-2027", "--title", "Restauration scolaire", "--buyer", "Commune",
                    "--cpv", "55524000-9", "--time-zone", zone,
                ], environment: ["LANG": language])
            expectRefusal(run, status: 64, words)
            #expect(run.stdout.isEmpty)
            #expect(!box.exists("c"), "a refused init leaves nothing")
        }
    }

    @Test("jsf check reports a bad time_zone with the file and line; a file without one reads as Europe/Paris")
    func checkAndDefault() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        try box.edit("c/consultation.yml", replacing: "time_zone: Europe/Paris", with: "time_zone: Europe/Pariss")
        let yml = try box.read("c/consultation.yml")
        let line = try #require(yml.lines.firstIndex { $0.hasPrefix("time_zone:") }) + 1
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 1, "\(check)")
        #expect(
            check.output.contains("consultation.yml:\(line): error: 'Europe/Pariss' is not an IANA time zone: did you mean Europe/Paris?"),
            "\(check)")
        expectRefusal(try box.jsf("publish", "--until", "2027-01-20", in: "c"), status: 1, ["Europe/Pariss"])

        // An existing consultation, written before time_zone: read as Paris, and left without the key.
        try box.edit("c/consultation.yml", replacing: "time_zone: Europe/Pariss\n", with: "")
        let old = try box.jsf(["publish", "--until", "2027-01-20"], in: "c", environment: ["TZ": "America/New_York"])
        #expect(old.status == 0, "\(old)")
        #expect(try Self.closes(box) == "2027-01-20T23:59:59+01:00")
        #expect(!(try box.read("c/consultation.yml")).contains("time_zone"))
    }

    @Test("round close, refusals, log and show print dates for people; JSON keeps ISO 8601", arguments: ["UTC", "America/New_York"])
    func datesForPeople(_ machine: String) throws {
        let box = try Sandbox()
        try box.setUpPublished()
        box.now = "2027-01-06T14:30:00+01:00"
        let closed = try box.jsf(["round", "close"], in: "c", environment: ["TZ": machine])
        #expect(closed.stderr.contains("Closed the round of v1 on 6 January 2027, 14:30 (Europe/Paris)."), "\(closed)")
        let again = try box.jsf(["round", "close"], in: "c", environment: ["TZ": machine, "LANG": "fr_FR.UTF-8"])
        expectRefusal(again, status: 1, ["le tour de la v1 n'est pas ouvert (il s'est clos le 6 janvier 2027 à 14 h 30)"])
        #expect(try Self.closes(box, zone: machine) == "2027-01-06T14:30:00+01:00")

        let log = try box.jsf(["log"], in: "c", environment: ["TZ": machine, "LANG": "fr_FR.UTF-8"])
        #expect(log.stdout.contains("v1       4 janvier 2027 à 9 h 00"), "\(log)")
        let english = try box.jsf(["log"], in: "c", environment: ["TZ": machine])
        #expect(english.stdout.contains("v1     4 January 2027, 09:00 (Europe/Paris)"), "\(english)")
        #expect(english.stdout.contains("  4 January 2027, 09:00 (Europe/Paris)  "), "the key's line:\n\(english)")
        let json = try box.jsf(["log", "--json"], in: "c", environment: ["TZ": machine])
        let drafts = try decode([LogJSON].self, from: json)
        #expect(drafts.first?.date.hasPrefix("2027-01-04T") == true && drafts.first?.date.count == 25, "\(json)")
        let status = try box.jsf(["status"], in: "c", environment: ["TZ": machine, "LANG": "fr_FR.UTF-8"])
        #expect(status.stdout.contains("version : v1 du 4 janvier 2027 — Version 1\n"), "\(status)")
        #expect(status.stdout.contains("tour :    clos depuis le 6 janvier 2027 à 14 h 30\n"), "\(status)")
    }
}
