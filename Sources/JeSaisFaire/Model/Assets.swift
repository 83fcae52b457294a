import Foundation
internal import Git

/// The images of a consultation: files under `assets/` that cctp.md shows with a relative path
/// (`![Plan](assets/3f2a9c0d1e4b5a6c.png)`), committed with the draft by the agent only (docs/format.md, «Images»).
public enum Assets {
    /// The folder of the images, at the root of the consultation.
    public static let directory = "assets"
    /// The largest image kept, in bytes.
    public static let maximumSize = 5 * 1024 * 1024
    /// The most bytes of images a consultation holds.
    public static let maximumTotal = 20 * 1024 * 1024
    /// The most images a consultation holds.
    public static let maximumCount = 100

    /// The image types kept: raster images every office suite and browser shows. SVG is not one: it may carry scripts.
    public enum Kind: String, Sendable, CaseIterable {
        case png, jpeg = "jpg", gif

        /// The file name extension.
        public var fileExtension: String { rawValue }
    }

    /// The kind of image `data` holds, by its first bytes; nil for anything else.
    public static func kind(of data: Data) -> Kind? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return .gif }
        return nil
    }

    /// The path an image is kept under: its content hash and type ("assets/3f2a9c0d1e4b5a6c.png"), so that the same
    /// picture imported twice is one file, and a re-import of the same document changes nothing. Nil when `data` is
    /// not a kept type.
    public static func path(for data: Data) -> String? {
        guard let kind = kind(of: data) else { return nil }
        return directory + "/" + String(ObjectID.hashBlob(data).hex.prefix(16)) + "." + kind.fileExtension
    }

    /// `path` is `assets/<name>.<png|jpg|gif>`, the name made of lowercase letters, digits, `-` and `_`, no folder.
    public static func isValidPath(_ path: String) -> Bool {
        guard path.hasPrefix(directory + "/") else { return false }
        let name = path.dropFirst(directory.count + 1)
        guard let dot = name.lastIndex(of: "."), Kind(rawValue: String(name[name.index(after: dot)...])) != nil else { return false }
        let stem = name[..<dot]
        guard !stem.isEmpty, stem.utf8.count <= 64, stem.first != "-", stem.first != "_" else { return false }
        return stem.utf8.allSatisfy { b in (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x5F }
    }

    /// What is wrong with the images `assets` (path → bytes) of a consultation whose cctp.md is `cctp`: a bad name, a
    /// type other than its extension says, too large, too many; an image cctp.md shows that is not among them, an
    /// image from elsewhere (a URL, a path outside `assets/`); and, as a warning, an image nobody shows.
    public static func problems(_ assets: [String: Data], cctp: String?, prefix: String) -> [Problem] {
        problems(assets, images: cctp.map(CMark.images), prefix: prefix)
    }

    /// The same, given the images cctp.md shows (`CMark.images`), nil without a cctp.md.
    static func problems(_ assets: [String: Data], images: [(url: String, line: Int)]?, prefix: String) -> [Problem] {
        var problems: [Problem] = []
        let file = prefix + Layout.cctpFile
        var total = 0
        for (path, data) in assets.sorted(by: { $0.key < $1.key }) {
            total += data.count
            guard isValidPath(path) else {
                problems.append(
                    Problem(
                        file: prefix + path, code: "asset.name",
                        en:
                            "'\(path)' is not a valid image name: assets/ holds only NAME.png, NAME.jpg or NAME.gif (lowercase letters, digits, - and _), no folder",
                        fr:
                            "'\(path)' n'est pas un nom d'image valide : assets/ ne contient que NOM.png, NOM.jpg ou NOM.gif (minuscules, chiffres, - et _), sans dossier"
                    ))
                continue
            }
            if kind(of: data)?.fileExtension != (path as NSString).pathExtension {
                problems.append(
                    Problem(
                        file: prefix + path, code: "asset.type",
                        en: "'\(path)' is not a \((path as NSString).pathExtension.uppercased()) image (jsf keeps PNG, JPEG and GIF images only)",
                        fr:
                            "'\(path)' n'est pas une image \((path as NSString).pathExtension.uppercased()) (jsf ne garde que des images PNG, JPEG et GIF)"
                    ))
            }
            if data.count > maximumSize {
                problems.append(
                    Problem(
                        file: prefix + path, code: "asset.size",
                        en: "'\(path)' weighs \(megabytes(data.count)), more than the \(megabytes(maximumSize)) an image may",
                        fr: "'\(path)' pèse \(megabytes(data.count)), plus que les \(megabytes(maximumSize)) permis pour une image"))
            }
        }
        if total > maximumTotal || assets.count > maximumCount {
            problems.append(
                Problem(
                    file: prefix + directory, code: "asset.total",
                    en:
                        "assets/ holds \(assets.count) files (\(megabytes(total))): at most \(maximumCount) images and \(megabytes(maximumTotal)) in all",
                    fr:
                        "assets/ contient \(assets.count) fichiers (\(megabytes(total))) : au plus \(maximumCount) images et \(megabytes(maximumTotal)) en tout"
                ))
        }
        guard let images else { return problems }
        var shown = Set<String>()
        for image in images {
            let url = image.url
            if url.contains("://") || url.hasPrefix("//") || url.hasPrefix("data:") {
                problems.append(
                    Problem(
                        file: file, line: image.line, code: "image.remote",
                        en: "image '\(String(url.prefix(80)))' is not in the consultation: put the file under assets/ and show it as assets/NAME.png",
                        fr:
                            "l'image '\(String(url.prefix(80)))' n'est pas dans la consultation : mettez le fichier dans assets/ et affichez-le en assets/NOM.png"
                    ))
            } else if assets[url] == nil || !isValidPath(url) {
                problems.append(
                    Problem(
                        file: file, line: image.line, code: "image.missing",
                        en: "image '\(String(url.prefix(80)))' is not among the consultation's images (assets/)",
                        fr: "l'image '\(String(url.prefix(80)))' ne fait pas partie des images de la consultation (assets/)"))
            } else {
                shown.insert(url)
            }
        }
        for path in assets.keys.sorted() where isValidPath(path) && !shown.contains(path) {
            problems.append(
                Problem(
                    .warning, file: prefix + path, code: "asset.unused",
                    en: "'\(path)' is shown nowhere in cctp.md", fr: "'\(path)' n'est affichée nulle part dans cctp.md"))
        }
        return problems
    }

    /// The images `cctp` shows under assets/, each once, in order of first appearance.
    public static func paths(shownIn cctp: String) -> [String] {
        var seen = Set<String>()
        return CMark.images(cctp).map(\.url).filter { isValidPath($0) && seen.insert($0).inserted }
    }

    /// The images a company's proposed text shows that are not among the draft's images `draft` (paths under
    /// assets/): a proposal brings no file, so it may show only the pictures the draft already has.
    public static func foreignImages(in text: String, draft: Set<String>) -> [String] {
        CMark.images(text).map(\.url).filter { !draft.contains($0) }
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
