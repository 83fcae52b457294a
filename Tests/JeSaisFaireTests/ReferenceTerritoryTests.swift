import Testing

@testable import JeSaisFaire

@Suite struct ReferenceTerritoryTests {
    /// DOMAIN.md §5 table, copied independently of Territory.swift.
    static let domainTable: [String: (String, String)] = [
        "01": ("Guadeloupe", "971"),
        "02": ("Martinique", "972"),
        "03": ("Guyane", "973"),
        "04": ("La Réunion", "974"),
        "06": ("Mayotte", "976"),
        "11": ("Île-de-France", "75 77 78 91 92 93 94 95"),
        "24": ("Centre-Val de Loire", "18 28 36 37 41 45"),
        "27": ("Bourgogne-Franche-Comté", "21 25 39 58 70 71 89 90"),
        "28": ("Normandie", "14 27 50 61 76"),
        "32": ("Hauts-de-France", "02 59 60 62 80"),
        "44": ("Grand Est", "08 10 51 52 54 55 57 67 68 88"),
        "52": ("Pays de la Loire", "44 49 53 72 85"),
        "53": ("Bretagne", "22 29 35 56"),
        "75": ("Nouvelle-Aquitaine", "16 17 19 23 24 33 40 47 64 79 86 87"),
        "76": ("Occitanie", "09 11 12 30 31 32 34 46 48 65 66 81 82"),
        "84": ("Auvergne-Rhône-Alpes", "01 03 07 15 26 38 42 43 63 69 73 74"),
        "93": ("Provence-Alpes-Côte d'Azur", "04 05 06 13 83 84"),
        "94": ("Corse", "2A 2B"),
    ]

    @Test func counts() {
        #expect(Territory.departements.count == 101)
        #expect(Territory.regions.count == 18)
        #expect(Set(Territory.departements.map(\.code)).count == 101)
        #expect(Set(Territory.regions.map(\.code)).count == 18)
    }

    @Test func inseeOrder() {
        var expected = (1...95).map { $0 < 10 ? "0\($0)" : "\($0)" }
        expected.replaceSubrange(19...19, with: ["2A", "2B"])
        expected += ["971", "972", "973", "974", "976"]
        #expect(Territory.departements.map(\.code) == expected)
        #expect(Territory.departements.allSatisfy { !$0.name.isEmpty })
        #expect(Territory.departement("67")?.name == "Bas-Rhin")
        #expect(Territory.departement("2A")?.name == "Corse-du-Sud")
        #expect(Territory.departement("974")?.name == "La Réunion")
    }

    @Test func everyDepartementInExactlyOneRegionMatchingDomainTable() {
        for dep in Territory.departements {
            let owners = Territory.regions.filter { $0.departements.contains(dep.code) }
            #expect(owners.count == 1, "\(dep.code)")
            #expect(owners.first?.code == dep.region, "\(dep.code)")
        }
        #expect(Territory.regions.flatMap(\.departements).count == 101)
        for region in Territory.regions {
            let row = Self.domainTable[region.code]
            #expect(row != nil, "\(region.code)")
            #expect(row?.0 == region.name, "\(region.code)")
            #expect(row.map { $0.1.split(separator: " ").map(String.init) } == region.departements, "\(region.code)")
        }
        #expect(Set(Self.domainTable.keys) == Set(Territory.regions.map(\.code)))
    }

    @Test func departementLookup() {
        #expect(Territory.departement("2a")?.code == "2A")
        #expect(Territory.departement("2b")?.code == "2B")
        #expect(Territory.departement("20") == nil)
        #expect(Territory.departement("1") == nil)
        #expect(Territory.departement("975") == nil)
        for code in ["971", "972", "973", "974", "976"] { #expect(Territory.departement(code) != nil) }
        #expect(Territory.departement("96") == nil)
    }

    @Test func regionLookup() {
        #expect(Territory.region("44")?.name == "Grand Est")
        #expect(Territory.region("region:44")?.name == "Grand Est")
        #expect(Territory.region("région:94")?.departements == ["2A", "2B"])
        #expect(Territory.region("45") == nil)
        #expect(Territory.region("region:") == nil)
    }

    @Test func parseValid() throws {
        #expect(try Territory.parse("67") == .departement("67"))
        #expect(try Territory.parse("2a") == .departement("2A"))
        #expect(try Territory.parse("2B") == .departement("2B"))
        #expect(try Territory.parse(" 971 ") == .departement("971"))
        #expect(try Territory.parse("976") == .departement("976"))
        #expect(try Territory.parse("region:44") == .region("44"))
        #expect(try Territory.parse("Region:06") == .region("06"))
        #expect(try Territory.parse("région:94") == .region("94"))
        #expect(TerritoryCode.departement("67").description == "67")
        #expect(TerritoryCode.region("44").description == "region:44")
    }

    @Test func parseErrors() {
        #expect(throws: TerritoryError.unknown("20", hint: "Corsica is 2A (Corse-du-Sud) or 2B (Haute-Corse)")) {
            try Territory.parse("20")
        }
        #expect(
            TerritoryError.unknown("20", hint: "Corsica is 2A or 2B").description
                == "'20' is not a département code: Corsica is 2A or 2B")
        for bad in [
            "975", "977", "978", "984", "986", "987", "988", "989", "1", "96", "00", "2C",
            "region:99", "region:67", "region:", "foo", "", "67000", "20000", "Bas-Rhin", "Grand Est",
        ] {
            #expect(throws: TerritoryError.self, "\(bad)") { try Territory.parse(bad) }
        }
        func message(_ token: String) -> String {
            do {
                _ = try Territory.parse(token)
                return ""
            } catch { return error.description }
        }
        #expect(message("975").contains("Saint-Pierre-et-Miquelon"))
        #expect(message("1") == "'1' is not a département code: département codes have two digits: write 01 (Ain)")
        #expect(message("region:67").hasPrefix("'region:67' is not a région code: 67 is the département Bas-Rhin"))
        #expect(message("region:67").contains("region:44"))
        #expect(message("region:99").contains("01, 02, 03, 04, 06, 11"))
        #expect(message("20000").contains("2A or 2B"))
        #expect(message("67000").contains("e.g. 67"))
        #expect(message("bas-rhin").contains("67"))
        #expect(message("grand est").contains("region:44"))
    }

    @Test func covers() {
        // Empty = national.
        #expect(Territory.covers(departements: [], regions: [], departement: "2A"))
        #expect(Territory.covers(departements: [], regions: [], departement: "976"))
        // Listed département.
        #expect(Territory.covers(departements: ["67", "68"], regions: [], departement: "67"))
        #expect(Territory.covers(departements: ["2a"], regions: [], departement: "2A"))
        #expect(!Territory.covers(departements: ["67"], regions: [], departement: "57"))
        // Région membership, with or without the prefix.
        #expect(Territory.covers(departements: [], regions: ["44"], departement: "57"))
        #expect(Territory.covers(departements: [], regions: ["region:94"], departement: "2b"))
        #expect(!Territory.covers(departements: [], regions: ["44"], departement: "44")) // Loire-Atlantique is in 52
        #expect(Territory.covers(departements: [], regions: ["52"], departement: "44"))
        #expect(Territory.covers(departements: ["13"], regions: ["01"], departement: "971"))
        #expect(!Territory.covers(departements: ["13"], regions: ["01"], departement: "972"))
        #expect(!Territory.covers(departements: [], regions: ["94"], departement: "20"))
    }
}
