// Territorial reference data (INSEE COG): 101 départements and 18 régions, as in DOMAIN.md §5.
// Data only; lookups and parsing are in TerritoryLookup.swift.

/// A département (INSEE code, French name, INSEE code of its région).
public struct Departement: Hashable, Sendable {
    public let code: String
    public let name: String
    /// INSEE code of the région.
    public let region: String

    public init(code: String, name: String, region: String) {
        self.code = code
        self.name = name
        self.region = region
    }
}

/// A région (INSEE code, French name, codes of its départements).
public struct Region: Hashable, Sendable {
    public let code: String
    public let name: String
    public let departements: [String]

    public init(code: String, name: String, departements: [String]) {
        self.code = code
        self.name = name
        self.departements = departements
    }
}

public enum Territory {
    /// The 101 départements in INSEE order (01…19, 2A, 2B, 21…95, 971, 972, 973, 974, 976).
    public static let departements: [Departement] = [
        Departement(code: "01", name: "Ain", region: "84"),
        Departement(code: "02", name: "Aisne", region: "32"),
        Departement(code: "03", name: "Allier", region: "84"),
        Departement(code: "04", name: "Alpes-de-Haute-Provence", region: "93"),
        Departement(code: "05", name: "Hautes-Alpes", region: "93"),
        Departement(code: "06", name: "Alpes-Maritimes", region: "93"),
        Departement(code: "07", name: "Ardèche", region: "84"),
        Departement(code: "08", name: "Ardennes", region: "44"),
        Departement(code: "09", name: "Ariège", region: "76"),
        Departement(code: "10", name: "Aube", region: "44"),
        Departement(code: "11", name: "Aude", region: "76"),
        Departement(code: "12", name: "Aveyron", region: "76"),
        Departement(code: "13", name: "Bouches-du-Rhône", region: "93"),
        Departement(code: "14", name: "Calvados", region: "28"),
        Departement(code: "15", name: "Cantal", region: "84"),
        Departement(code: "16", name: "Charente", region: "75"),
        Departement(code: "17", name: "Charente-Maritime", region: "75"),
        Departement(code: "18", name: "Cher", region: "24"),
        Departement(code: "19", name: "Corrèze", region: "75"),
        Departement(code: "2A", name: "Corse-du-Sud", region: "94"),
        Departement(code: "2B", name: "Haute-Corse", region: "94"),
        Departement(code: "21", name: "Côte-d'Or", region: "27"),
        Departement(code: "22", name: "Côtes-d'Armor", region: "53"),
        Departement(code: "23", name: "Creuse", region: "75"),
        Departement(code: "24", name: "Dordogne", region: "75"),
        Departement(code: "25", name: "Doubs", region: "27"),
        Departement(code: "26", name: "Drôme", region: "84"),
        Departement(code: "27", name: "Eure", region: "28"),
        Departement(code: "28", name: "Eure-et-Loir", region: "24"),
        Departement(code: "29", name: "Finistère", region: "53"),
        Departement(code: "30", name: "Gard", region: "76"),
        Departement(code: "31", name: "Haute-Garonne", region: "76"),
        Departement(code: "32", name: "Gers", region: "76"),
        Departement(code: "33", name: "Gironde", region: "75"),
        Departement(code: "34", name: "Hérault", region: "76"),
        Departement(code: "35", name: "Ille-et-Vilaine", region: "53"),
        Departement(code: "36", name: "Indre", region: "24"),
        Departement(code: "37", name: "Indre-et-Loire", region: "24"),
        Departement(code: "38", name: "Isère", region: "84"),
        Departement(code: "39", name: "Jura", region: "27"),
        Departement(code: "40", name: "Landes", region: "75"),
        Departement(code: "41", name: "Loir-et-Cher", region: "24"),
        Departement(code: "42", name: "Loire", region: "84"),
        Departement(code: "43", name: "Haute-Loire", region: "84"),
        Departement(code: "44", name: "Loire-Atlantique", region: "52"),
        Departement(code: "45", name: "Loiret", region: "24"),
        Departement(code: "46", name: "Lot", region: "76"),
        Departement(code: "47", name: "Lot-et-Garonne", region: "75"),
        Departement(code: "48", name: "Lozère", region: "76"),
        Departement(code: "49", name: "Maine-et-Loire", region: "52"),
        Departement(code: "50", name: "Manche", region: "28"),
        Departement(code: "51", name: "Marne", region: "44"),
        Departement(code: "52", name: "Haute-Marne", region: "44"),
        Departement(code: "53", name: "Mayenne", region: "52"),
        Departement(code: "54", name: "Meurthe-et-Moselle", region: "44"),
        Departement(code: "55", name: "Meuse", region: "44"),
        Departement(code: "56", name: "Morbihan", region: "53"),
        Departement(code: "57", name: "Moselle", region: "44"),
        Departement(code: "58", name: "Nièvre", region: "27"),
        Departement(code: "59", name: "Nord", region: "32"),
        Departement(code: "60", name: "Oise", region: "32"),
        Departement(code: "61", name: "Orne", region: "28"),
        Departement(code: "62", name: "Pas-de-Calais", region: "32"),
        Departement(code: "63", name: "Puy-de-Dôme", region: "84"),
        Departement(code: "64", name: "Pyrénées-Atlantiques", region: "75"),
        Departement(code: "65", name: "Hautes-Pyrénées", region: "76"),
        Departement(code: "66", name: "Pyrénées-Orientales", region: "76"),
        Departement(code: "67", name: "Bas-Rhin", region: "44"),
        Departement(code: "68", name: "Haut-Rhin", region: "44"),
        Departement(code: "69", name: "Rhône", region: "84"),
        Departement(code: "70", name: "Haute-Saône", region: "27"),
        Departement(code: "71", name: "Saône-et-Loire", region: "27"),
        Departement(code: "72", name: "Sarthe", region: "52"),
        Departement(code: "73", name: "Savoie", region: "84"),
        Departement(code: "74", name: "Haute-Savoie", region: "84"),
        Departement(code: "75", name: "Paris", region: "11"),
        Departement(code: "76", name: "Seine-Maritime", region: "28"),
        Departement(code: "77", name: "Seine-et-Marne", region: "11"),
        Departement(code: "78", name: "Yvelines", region: "11"),
        Departement(code: "79", name: "Deux-Sèvres", region: "75"),
        Departement(code: "80", name: "Somme", region: "32"),
        Departement(code: "81", name: "Tarn", region: "76"),
        Departement(code: "82", name: "Tarn-et-Garonne", region: "76"),
        Departement(code: "83", name: "Var", region: "93"),
        Departement(code: "84", name: "Vaucluse", region: "93"),
        Departement(code: "85", name: "Vendée", region: "52"),
        Departement(code: "86", name: "Vienne", region: "75"),
        Departement(code: "87", name: "Haute-Vienne", region: "75"),
        Departement(code: "88", name: "Vosges", region: "44"),
        Departement(code: "89", name: "Yonne", region: "27"),
        Departement(code: "90", name: "Territoire de Belfort", region: "27"),
        Departement(code: "91", name: "Essonne", region: "11"),
        Departement(code: "92", name: "Hauts-de-Seine", region: "11"),
        Departement(code: "93", name: "Seine-Saint-Denis", region: "11"),
        Departement(code: "94", name: "Val-de-Marne", region: "11"),
        Departement(code: "95", name: "Val-d'Oise", region: "11"),
        Departement(code: "971", name: "Guadeloupe", region: "01"),
        Departement(code: "972", name: "Martinique", region: "02"),
        Departement(code: "973", name: "Guyane", region: "03"),
        Departement(code: "974", name: "La Réunion", region: "04"),
        Departement(code: "976", name: "Mayotte", region: "06"),
    ]

    /// The 18 régions in INSEE code order, with their départements (DOMAIN.md §5).
    public static let regions: [Region] = [
        Region(code: "01", name: "Guadeloupe", departements: ["971"]),
        Region(code: "02", name: "Martinique", departements: ["972"]),
        Region(code: "03", name: "Guyane", departements: ["973"]),
        Region(code: "04", name: "La Réunion", departements: ["974"]),
        Region(code: "06", name: "Mayotte", departements: ["976"]),
        Region(code: "11", name: "Île-de-France", departements: ["75", "77", "78", "91", "92", "93", "94", "95"]),
        Region(code: "24", name: "Centre-Val de Loire", departements: ["18", "28", "36", "37", "41", "45"]),
        Region(code: "27", name: "Bourgogne-Franche-Comté", departements: ["21", "25", "39", "58", "70", "71", "89", "90"]),
        Region(code: "28", name: "Normandie", departements: ["14", "27", "50", "61", "76"]),
        Region(code: "32", name: "Hauts-de-France", departements: ["02", "59", "60", "62", "80"]),
        Region(code: "44", name: "Grand Est", departements: ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"]),
        Region(code: "52", name: "Pays de la Loire", departements: ["44", "49", "53", "72", "85"]),
        Region(code: "53", name: "Bretagne", departements: ["22", "29", "35", "56"]),
        Region(code: "75", name: "Nouvelle-Aquitaine", departements: ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"]),
        Region(code: "76", name: "Occitanie", departements: ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]),
        Region(code: "84", name: "Auvergne-Rhône-Alpes", departements: ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]),
        Region(code: "93", name: "Provence-Alpes-Côte d'Azur", departements: ["04", "05", "06", "13", "83", "84"]),
        Region(code: "94", name: "Corse", departements: ["2A", "2B"]),
    ]

    /// Codes in the 97x/98x range that are not départements (DOMAIN.md §5), with a name for hints.
    static let nonDepartementOverseas: [String: String] = [
        "975": "Saint-Pierre-et-Miquelon",
        "977": "Saint-Barthélemy",
        "978": "Saint-Martin",
        "984": "Terres australes et antarctiques françaises",
        "986": "Wallis-et-Futuna",
        "987": "Polynésie française",
        "988": "Nouvelle-Calédonie",
        "989": "Clipperton",
    ]
}
