import CLibGit2
import Foundation

extension Repository {
    /// Annotated tag refs/tags/<name> → target, signed when `signer` is given exactly as `git tag -s` with gpg.format=ssh does; throws .exists when the tag exists.
    ///
    /// The object is `object/type/tag/tagger` headers, a blank line, the message as given and, when signed, the
    /// armored signature of everything before it. A signed message gets a final "\n" when it lacks one, as git's
    /// own clean-up would, because git only finds the signature at the start of a line. The ref is created with
    /// compare-and-swap (expected absent) and the object written only once the ref is locked, so a lost race
    /// writes nothing. `Tag.message` then includes the signature: read `Tag.messageWithoutSignature`.
    public func createTag(
        name: String, target: ObjectID, tagger: Signature, message: String,
        signer: CommitSigner? = nil
    ) throws(GitError) -> ObjectID {
        let refName = "refs/tags/" + name
        var valid: Int32 = 0
        try check(git_reference_name_is_valid(&valid, refName), "git_reference_name_is_valid")
        guard valid == 1 else {
            throw GitError(function: "git_tag_create", code: .invalidSpec, message: "'\(name)' is not a valid tag name")
        }
        let targetType = try objectType(target)
        let header = "object \(target.hex)\ntype \(targetType.name)\ntag \(name)\ntagger \(try tagger.headerValue())\n\n"
        let write = { () throws(GitError) -> ObjectID in
            var content = header + message
            if let signer {
                if !content.hasSuffix("\n") { content += "\n" }
                var signature = try signer.signature(for: content)
                if !signature.hasSuffix("\n") { signature += "\n" }
                content += signature
            }
            return try self.writeObject(Data(content.utf8), type: GIT_OBJECT_TAG)
        }
        do throws(GitError) {
            return try compareAndSwap(refName, expected: nil, message: "tag: \(name)", signature: tagger, newTarget: write)
        } catch  where error.code == .exists {
            // Callers know this refusal as git_tag_create's, the function that did the job before.
            throw GitError(function: "git_tag_create", code: .exists, message: "tag '\(name)' already exists")
        }
    }

    /// The armored signature and signed payload of a commit (gpgsig header, git_commit_extract_signature); nil when unsigned.
    public func commitSignature(_ id: ObjectID) throws(GitError) -> (signature: String, payload: Data)? {
        var oid = id.oid
        var signature = git_buf()
        var payload = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&payload)
        }
        let result = git_commit_extract_signature(&signature, &payload, pointer, &oid, nil)
        if result == GIT_ENOTFOUND.rawValue {
            // "No such commit", "not a commit" and "not signed" all come back as ENOTFOUND: tell them apart.
            guard try objectType(id) == .commit else {
                throw GitError(function: "git_commit_extract_signature", code: .invalid, message: "object \(id) is not a commit")
            }
            return nil
        }
        try check(result, "git_commit_extract_signature")
        return (String(decoding: signature.bytes, as: UTF8.self), Data(payload.bytes))
    }

    /// The armored signature and signed payload of an annotated tag object (payload = raw object up to the last signature line, as git's parse_signed_buffer finds it); nil when unsigned.
    public func tagSignature(_ id: ObjectID) throws(GitError) -> (signature: String, payload: Data)? {
        let object = try rawObject(id)
        guard object.type == .tag else {
            throw GitError(function: "git_odb_read", code: .invalid, message: "object \(id) is not a tag")
        }
        let bytes = Array(object.data)
        guard let start = signatureStart(in: bytes) else { return nil }
        return (String(decoding: bytes[start...], as: UTF8.self), Data(bytes[..<start]))
    }

    /// The raw bytes and type of any object (git_odb_read).
    public func rawObject(_ id: ObjectID) throws(GitError) -> (type: ObjectType, data: Data) {
        var oid = id.oid
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var object: OpaquePointer?
        try check(git_odb_read(&object, odb, &oid), "git_odb_read")
        defer { git_odb_object_free(object) }
        guard let type = ObjectType(git_odb_object_type(object)) else {
            throw GitError(function: "git_odb_read", code: .invalid, message: "object \(id) has an unknown type")
        }
        let size = git_odb_object_size(object)
        guard size > 0, let data = git_odb_object_data(object) else { return (type, Data()) }
        return (type, Data(bytes: data, count: size))
    }

    /// Writes raw object bytes (git_odb_write).
    func writeObject(_ data: Data, type: git_object_t) throws(GitError) -> ObjectID {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var oid = git_oid()
        try data.withUnsafeBytesOrEmpty { bytes, count throws(GitError) in
            try check(git_odb_write(&oid, odb, bytes, count, type), "git_odb_write")
        }
        return ObjectID(oid)
    }
}

/// The lines git takes for the start of a signature (gpg-interface.c: openpgp, x509 and ssh formats).
private let signatureMarkers = [
    "-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----",
    "-----BEGIN SIGNED MESSAGE-----", "-----BEGIN SSH SIGNATURE-----",
].map { Array($0.utf8) }

/// The offset of the last line that starts a signature, as git's parse_signed_buffer finds it; nil when none.
func signatureStart(in bytes: [UInt8]) -> Int? {
    var match: Int?
    var lineStart = 0
    while lineStart < bytes.count {
        let line = bytes[lineStart...]
        if signatureMarkers.contains(where: { line.starts(with: $0) }) { match = lineStart }
        guard let newline = line.firstIndex(of: UInt8(ascii: "\n")) else { break }
        lineStart = newline + 1
    }
    return match
}

extension Tag {
    /// The message without a trailing signature block (what a person wrote: changelogs and their trailers).
    public var messageWithoutSignature: String {
        let bytes = Array(message.utf8)
        guard let start = signatureStart(in: bytes) else { return message }
        return String(decoding: bytes[..<start], as: UTF8.self)
    }
}

extension ObjectType {
    /// The name git writes in a tag's `type` header.
    var name: String {
        switch self {
        case .commit: "commit"
        case .tree: "tree"
        case .blob: "blob"
        case .tag: "tag"
        }
    }
}

extension Signature {
    /// "Name <email> 1700000000 +0100", as git writes it, with libgit2's normalisation of name and email.
    func headerValue() throws(GitError) -> String {
        guard !(name + email).contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw GitError(function: "git_signature_new", code: .invalid, message: "a name or email contains a line break")
        }
        return try withGitSignature { signature in
            let value = signature.pointee
            let offset = Int(value.when.offset)
            let sign = offset < 0 ? "-" : "+"
            let hours = abs(offset) / 60
            let minutes = abs(offset) % 60
            let zone = sign + (hours < 10 ? "0" : "") + String(hours) + (minutes < 10 ? "0" : "") + String(minutes)
            return "\(string(value.name) ?? "") <\(string(value.email) ?? "")> \(value.when.time) \(zone)"
        }
    }
}

extension git_buf {
    /// The buffer's bytes (empty when unset).
    var bytes: [UInt8] {
        guard let ptr, size > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: ptr, count: size))
    }
}
