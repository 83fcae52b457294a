import Foundation
import Testing

/// `jsf inbox --json` printed again from `.git/jsf/cache` while nothing it is made of has moved, and made anew as soon
/// as anything has (OutputCache).
@Suite("jsf inbox --json kept in the cache while nothing moves")
struct OutputCacheTests {
    static let cache = "c/.git/jsf/cache/inbox.json"

    /// The kept file with its output replaced by `text`, its header kept (so its key still matches).
    static func forge(_ box: Sandbox, _ text: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: box.path(cache)))
        let end = try #require(data.firstIndex(of: 0x0A))
        var header = String(decoding: data[..<end], as: UTF8.self).split(separator: " ").map(String.init)
        header[3] = String(format: "%012d", 0)
        header[4] = String(format: "%015d", text.utf8.count)
        try box.writeData(String(cache), Data((header.joined(separator: " ") + "\n" + text).utf8))
    }

    @Test("kept, printed again, made anew when a ref moves, ignored when damaged, never for a filtered listing")
    func keptWhileNothingMoves() throws {
        let world = try DialogueWorld.proposed()
        let box = world.box
        let cold = try world.agentOK("inbox", "--json")
        #expect(FileManager.default.fileExists(atPath: box.path(Self.cache)))
        let warm = try world.agentOK("inbox", "--json")
        #expect(warm.stdout == cold.stdout)
        #expect(warm.stderr == cold.stderr)

        // What is printed while nothing moved is the kept output: a forged one with the right key shows.
        try Self.forge(box, "{\"kept\" : true}\n")
        #expect(try world.agentOK("inbox", "--json").stdout == "{\"kept\" : true}\n")
        // A filtered listing never reads nor writes the cache.
        let filtered = try world.agentOK("inbox", "--json", "--kind", "solution")
        #expect(!filtered.stdout.contains("kept"))
        #expect(filtered.stdout.contains("\"solution\""))

        // The dialogue moves (an answer): the key changes, the listing is made anew, with the answer.
        try world.agentOK("comment", world.a(1), "-m", "Merci, nous en tenons compte.")
        let answered = try world.agentOK("inbox", "--json")
        #expect(!answered.stdout.contains("kept"))
        #expect(answered.stdout.contains("Merci, nous en tenons compte."))
        #expect(answered.stdout != cold.stdout)

        // A company pushes a new proposal and the agent fetches it: a proposal branch moves.
        try Self.forge(box, "{\"kept\" : true}\n")
        let id = try world.propose(
            DialogueWorld.cuisine, ["prix", "--kind", "clarification", "--cost", "unknown", "-m", "Le prix inclut-il le pain ?"])
        try world.companyOK(DialogueWorld.cuisine, "push")
        try world.agentOK("fetch")
        let fetched = try world.agentOK("inbox", "--json")
        #expect(fetched.stdout.contains(id))
        #expect(!fetched.stdout.contains("kept"))

        // A damaged file (cut short, or not a cache at all) is ignored and written again.
        for damage in [String(try box.read(Self.cache).prefix(100)), "n'importe quoi\n", ""] {
            try box.write(Self.cache, damage)
            let run = try world.agentOK("inbox", "--json")
            #expect(run.stdout == fetched.stdout)
            #expect(try world.agentOK("inbox", "--json").stdout == fetched.stdout)
        }
        // Nothing of the cache makes the repository wrong for git.
        try box.git("fsck", "--strict", in: "c")
    }
}
