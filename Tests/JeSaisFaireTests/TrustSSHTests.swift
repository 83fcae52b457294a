import Foundation
import TestSupport
import Testing

@testable import JeSaisFaire

/// ssh-keygen, when openssh-client is installed; the tests that need it are skipped otherwise.
let trustSSHKeygen = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen", "/usr/local/bin/ssh-keygen"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// A temporary directory for one test, removed at the end.
struct TrustScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-trust-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` (mode 0600, which ssh-keygen demands of private keys) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path(name))
        return path(name)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

struct TrustRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a tool in a scrubbed environment (HOME in the scratch, no git config); output through files so it cannot deadlock.
@discardableResult
func trustRun(
    _ executable: String, _ arguments: [String], in scratch: TrustScratch, stdin: String? = nil,
    directory: String? = nil
) throws -> TrustRun {
    let run = try runProcess(
        executable, arguments, in: directory ?? scratch.url.path, environment: scrubbedEnvironment(home: scratch.url.path),
        input: Data((stdin ?? "").utf8))
    return TrustRun(status: run.status, stdout: run.stdout, stderr: run.stderr)
}

/// Makes a key with ssh-keygen (`-N passphrase`), returning the private key file's path.
func trustKeygen(
    _ scratch: TrustScratch, name: String = "key", type: [String] = ["-t", "ed25519"],
    passphrase: String = ""
) throws -> String {
    let path = scratch.path(name)
    let run = try trustRun(trustSSHKeygen!, ["-q"] + type + ["-N", passphrase, "-C", "test@jsf", "-f", path], in: scratch)
    #expect(run.status == 0, "ssh-keygen failed: \(run.stderr)")
    return path
}

/// Expects an SSHSignatureError with `reason`.
func expectSignatureRefused(
    _ reason: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(SSHSignatureError) -> SSHPublicKey
) {
    do {
        let key = try body()
        Issue.record("expected '\(reason)', got a valid signature by \(key.fingerprint)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.reason == reason, sourceLocation: sourceLocation)
    }
}

@Suite("Trust: SSH keys and signatures")
struct TrustSSHTests {
    @Test("an OpenSSH public key line reads back and prints the same")
    func publicKeyRoundTrip() throws {
        let key = SSHSigningKey.generate().publicKey
        #expect(SSHPublicKey(openSSH: key.openSSH) == key)
        #expect(SSHPublicKey(openSSH: "  \(key.openSSH) Entreprise 7F3K9Q2M\n") == key)
        #expect(SSHPublicKey(openSSH: "\(key.openSSH)\tcomment with spaces\r\n") == key)
        #expect(SSHPublicKey(raw: key.raw) == key)
        #expect(key.openSSH.hasPrefix("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"))
        #expect(!key.openSSH.contains("\n"))
        #expect(key.blob.count == 4 + 11 + 4 + 32)
        #expect(key.pseudonym == Pseudonym(publicKey: key.raw))

        // Agrees with the known answer computed by another implementation.
        let known = try #require(SSHPublicKey(openSSH: KnownAnswers.openSSH))
        #expect(known.fingerprint == KnownAnswers.fingerprint)
        #expect(known.pseudonym.code == KnownAnswers.pseudonym)
        let company = CompanyKey(secret: KnownAnswers.secret, consultationID: KnownAnswers.consultation)
        #expect(SSHPublicKey(openSSH: company.openSSHPublicKey) == known)
    }

    @Test("other key types, bad base64 and wrong lengths are refused")
    func publicKeyRejections() {
        let key = SSHSigningKey.generate().publicKey
        let base64 = String(key.openSSH.dropFirst("ssh-ed25519 ".count))
        func blob(_ type: String, _ raw: [UInt8], extra: [UInt8] = []) -> String {
            var writer = SSHWriter()
            writer.string(type)
            writer.string(raw)
            writer.raw(extra)
            return writer.data.base64EncodedString()
        }
        for line in [
            "", "ssh-ed25519", "ssh-ed25519 ", "ssh-rsa \(base64)", "ecdsa-sha2-nistp256 \(base64)",
            "ssh-ed25519 \(base64.dropLast(2))", "ssh-ed25519 !!!\(base64)",
            "ssh-ed25519 \(blob("ssh-ed25519", Array(repeating: 7, count: 31)))",
            "ssh-ed25519 \(blob("ssh-ed25519", Array(repeating: 7, count: 33)))",
            "ssh-ed25519 \(blob("ssh-rsa", Array(key.raw)))",
            "ssh-ed25519 \(blob("ssh-ed25519", Array(key.raw), extra: [0]))",
            "from=\"x\" \(key.openSSH)", "ssh-ed25519\u{0}\(base64)",
        ] {
            #expect(SSHPublicKey(openSSH: line) == nil, "\(line)")
        }
        #expect(SSHPublicKey(raw: Data(count: 31)) == nil)
        #expect(SSHPublicKey(raw: Data(count: 33)) == nil)
        #expect(SSHPublicKey(raw: Data()) == nil)
    }

    @Test("a signature made here verifies, and names its key", arguments: ["git", "file"])
    func signAndVerify(namespace: String) throws {
        let key = SSHSigningKey.generate()
        let message = Data("tree 1234\n\nUn message signé\n".utf8)
        let armored = SSHSignature.sign(message, with: key, namespace: namespace)
        #expect(armored.hasPrefix("-----BEGIN SSH SIGNATURE-----\n"))
        #expect(armored.hasSuffix("\n-----END SSH SIGNATURE-----\n"))
        let body = armored.split(separator: "\n").dropFirst().dropLast()
        #expect(body.dropLast().allSatisfy { $0.count == 70 })
        #expect(try SSHSignature.verify(armored, message: message, namespace: namespace) == key.publicKey)
        #expect(SSHSignature.claimedKey(armored) == key.publicKey)
    }

    @Test("tampered messages, wrong namespaces and broken armor are refused with their reason")
    func refusals() throws {
        let key = SSHSigningKey.generate()
        let message = Data("payload\n".utf8)
        let armored = SSHSignature.sign(message, with: key)
        expectSignatureRefused("bad signature") { () throws(SSHSignatureError) in
            try SSHSignature.verify(armored, message: Data("payload!\n".utf8))
        }
        expectSignatureRefused("wrong namespace 'file'") { () throws(SSHSignatureError) in
            try SSHSignature.verify(SSHSignature.sign(message, with: key, namespace: "file"), message: message)
        }
        expectSignatureRefused("wrong namespace 'git'") { () throws(SSHSignatureError) in
            try SSHSignature.verify(armored, message: message, namespace: "jsf")
        }
        var lines = armored.split(separator: "\n").map(String.init)
        let truncated = lines.dropLast().joined(separator: "\n") + "\n"
        expectSignatureRefused("malformed armor") { () throws(SSHSignatureError) in try SSHSignature.verify(truncated, message: message) }
        expectSignatureRefused("malformed armor") { () throws(SSHSignatureError) in try SSHSignature.verify("", message: message) }
        expectSignatureRefused("malformed armor") { () throws(SSHSignatureError) in
            try SSHSignature.verify("garbage\n" + armored, message: message)
        }
        #expect(SSHSignature.claimedKey(truncated) == nil)

        // Well-formed armor around bytes that are not an SSHSIG blob.
        lines[1] = String(lines[1].reversed())
        expectSignatureRefused("not an SSH signature") { () throws(SSHSignatureError) in
            try SSHSignature.verify(lines.joined(separator: "\n"), message: message)
        }
    }

    @Test("every truncation and every flipped byte of a signature blob is refused without crashing")
    func damagedBlobs() throws {
        let key = SSHSigningKey.generate()
        let message = Data("payload\n".utf8)
        let blob = try #require(SSHArmor.unwrap(SSHSignature.sign(message, with: key), label: "SSH SIGNATURE"))
        for length in 1..<blob.count {
            let armored = SSHArmor.wrap(blob.prefix(length), label: "SSH SIGNATURE")
            #expect((try? SSHSignature.verify(armored, message: message)) == nil)
        }
        let longer = SSHArmor.wrap(blob + Data([0]), label: "SSH SIGNATURE")
        expectSignatureRefused("trailing data after the signature") { () throws(SSHSignatureError) in
            try SSHSignature.verify(longer, message: message)
        }
        for index in blob.indices {
            var damaged = blob
            damaged[index] ^= 0x01
            #expect(
                (try? SSHSignature.verify(SSHArmor.wrap(damaged, label: "SSH SIGNATURE"), message: message)) == nil,
                "byte \(index)")
        }
        // Huge length fields are refused before anything is allocated.
        var writer = SSHWriter()
        writer.raw(Array("SSHSIG".utf8))
        writer.uint32(1)
        writer.uint32(0xffff_fff0)
        expectSignatureRefused("truncated signature") { () throws(SSHSignatureError) in
            try SSHSignature.verify(SSHArmor.wrap(writer.data, label: "SSH SIGNATURE"), message: message)
        }
    }

    @Test(
        "a private key file written here reads back here and in ssh-keygen",
        .enabled(if: trustSSHKeygen != nil, "ssh-keygen is not installed"))
    func privateKeyRoundTrip() throws {
        let scratch = try TrustScratch()
        defer { scratch.remove() }
        let key = SSHSigningKey.generate()
        let file = key.openSSHPrivateKey(comment: "Entreprise 7F3K9Q2M")
        #expect(file.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
        #expect(file.hasSuffix("-----END OPENSSH PRIVATE KEY-----\n"))
        #expect(try SSHSigningKey.parse(openSSHPrivateKey: file).publicKey == key.publicKey)
        let path = try scratch.write("id_ed25519", file)
        let run = try trustRun(trustSSHKeygen!, ["-y", "-f", path], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SSHPublicKey(openSSH: run.stdout) == key.publicKey)
        #expect(run.stdout.hasSuffix("Entreprise 7F3K9Q2M\n"))
    }

    @Test("fingerprints are those ssh-keygen -l prints", .enabled(if: trustSSHKeygen != nil, "ssh-keygen is not installed"))
    func fingerprintMatchesSSHKeygen() throws {
        let scratch = try TrustScratch()
        defer { scratch.remove() }
        let path = try trustKeygen(scratch)
        let key = try #require(SSHPublicKey(openSSH: try scratch.read("key.pub")))
        let run = try trustRun(trustSSHKeygen!, ["-l", "-f", path + ".pub"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "256 \(key.fingerprint) test@jsf (ED25519)\n")
    }

    @Test(
        "a key made by ssh-keygen signs here and ssh-keygen -Y verify agrees",
        .enabled(if: trustSSHKeygen != nil, "ssh-keygen is not installed"))
    func ourSignatureVerifiesInSSHKeygen() throws {
        let scratch = try TrustScratch()
        defer { scratch.remove() }
        let path = try trustKeygen(scratch)
        let key = try SSHSigningKey.parse(openSSHPrivateKey: try scratch.read("key"))
        #expect(key.publicKey == SSHPublicKey(openSSH: try scratch.read("key.pub")))
        let message = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nSigné par jsf\n"
        let signature = try scratch.write("msg.sig", SSHSignature.sign(Data(message.utf8), with: key))
        try scratch.write("allowed", "agent@jsf namespaces=\"git\" \(key.publicKey.openSSH)\n")
        let verify = try trustRun(
            trustSSHKeygen!,
            [
                "-Y", "verify", "-f", scratch.path("allowed"), "-I", "agent@jsf",
                "-n", "git", "-s", signature,
            ], in: scratch, stdin: message)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(verify.stdout.contains("Good \"git\" signature for agent@jsf with ED25519 key \(key.publicKey.fingerprint)"))
        let tampered = try trustRun(
            trustSSHKeygen!,
            [
                "-Y", "verify", "-f", scratch.path("allowed"), "-I", "agent@jsf",
                "-n", "git", "-s", signature,
            ], in: scratch, stdin: message + "x")
        #expect(tampered.status != 0)
        _ = path
    }

    @Test(
        "a signature made by ssh-keygen -Y sign verifies here and names its key",
        .enabled(if: trustSSHKeygen != nil, "ssh-keygen is not installed"))
    func sshKeygenSignatureVerifiesHere() throws {
        let scratch = try TrustScratch()
        defer { scratch.remove() }
        let path = try trustKeygen(scratch)
        let message = "Un message\nsur deux lignes\n"
        try scratch.write("msg", message)
        let run = try trustRun(trustSSHKeygen!, ["-Y", "sign", "-n", "git", "-f", path, scratch.path("msg")], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        let armored = try scratch.read("msg.sig")
        let expected = SSHPublicKey(openSSH: try scratch.read("key.pub"))
        #expect(try SSHSignature.verify(armored, message: Data(message.utf8)) == expected)
        #expect(SSHSignature.claimedKey(armored) == expected)
        expectSignatureRefused("bad signature") { () throws(SSHSignatureError) in
            try SSHSignature.verify(armored, message: Data("Un autre message\n".utf8))
        }
        expectSignatureRefused("wrong namespace 'git'") { () throws(SSHSignatureError) in
            try SSHSignature.verify(armored, message: Data(message.utf8), namespace: "file")
        }
        // A sha256 signature is accepted too (ssh-keygen -O hashalg=sha256).
        try scratch.write("msg2", message)
        let sha256 = try trustRun(
            trustSSHKeygen!,
            [
                "-Y", "sign", "-n", "git", "-O", "hashalg=sha256", "-f", path,
                scratch.path("msg2"),
            ], in: scratch)
        #expect(sha256.status == 0, "\(sha256.stderr)")
        #expect(try SSHSignature.verify(try scratch.read("msg2.sig"), message: Data(message.utf8)) == expected)
    }

    @Test(
        "encrypted, non-ed25519 and damaged private keys are refused with a clear reason",
        .enabled(if: trustSSHKeygen != nil, "ssh-keygen is not installed"))
    func privateKeyRefusals() throws {
        let scratch = try TrustScratch()
        defer { scratch.remove() }
        func refusal(_ text: String) -> SSHKeyError? {
            do {
                _ = try SSHSigningKey.parse(openSSHPrivateKey: text)
                return nil
            } catch {
                return error
            }
        }
        _ = try trustKeygen(scratch, name: "locked", passphrase: "secret phrase")
        let locked = try #require(refusal(try scratch.read("locked")))
        #expect(locked.message.en.contains("encrypted: remove the passphrase with ssh-keygen -p, or use another key"))
        #expect(locked.message.fr.contains("chiffrée"))

        _ = try trustKeygen(scratch, name: "ecdsa", type: ["-t", "ecdsa", "-b", "256"])
        let ecdsa = try #require(refusal(try scratch.read("ecdsa")))
        #expect(ecdsa.message.en.contains("ecdsa-sha2-nistp256"))
        #expect(ecdsa.message.fr.contains("ecdsa-sha2-nistp256"))

        _ = try trustKeygen(scratch, name: "rsa", type: ["-t", "rsa", "-b", "1024"])
        #expect(try #require(refusal(try scratch.read("rsa"))).message.en.contains("ssh-rsa"))

        #expect(refusal("") != nil)
        #expect(refusal(try scratch.read("ecdsa.pub")) != nil)
        let good = SSHSigningKey.generate().openSSHPrivateKey(comment: "c")
        let blob = try #require(SSHArmor.unwrap(good, label: "OPENSSH PRIVATE KEY"))
        for length in 0..<blob.count {
            #expect(refusal(SSHArmor.wrap(blob.prefix(length), label: "OPENSSH PRIVATE KEY")) != nil, "length \(length)")
        }
        // The check numbers sit just before the last "ssh-ed25519" name, the private section's.
        var damaged = blob
        let marker = Data([0, 0, 0, 11]) + Data("ssh-ed25519".utf8)
        let lastType = try #require(damaged.range(of: marker, options: .backwards))
        damaged[lastType.lowerBound - 1] ^= 0xff
        #expect(try #require(refusal(SSHArmor.wrap(damaged, label: "OPENSSH PRIVATE KEY"))).message.en.contains("check"))
    }
}
